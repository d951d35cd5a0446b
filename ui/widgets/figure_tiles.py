"""The dashboard's headline figures: engaged share, median days to close, on-time shares, coverage.

Plain labels, no charts: the tiles are part of the dashboard's first frame.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from .theme import MutedLabel

if TYPE_CHECKING:
    from commrel.reports.engagement import EngagementFigures


def percent_text(fraction: float | None) -> str:
    return "–" if fraction is None else f"{100 * fraction:.0f}%"


class FigureTiles(QWidget):
    """The headline figures: engaged share, median days to close, acknowledged and closed on time, coverage."""

    KEYS = ("engaged", "median_days", "acknowledged", "closed", "coverage")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        captions = {"engaged": self.tr("Stakeholders engaged"), "median_days": self.tr("Median days to close"),
                    "acknowledged": self.tr("Acknowledged on time"), "closed": self.tr("Closed on time"),
                    "coverage": self.tr("Media coverage")}
        self._shown = False
        self.values: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        for n, key in enumerate(self.KEYS):
            tile = QFrame()
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(tile)
            box.setContentsMargins(10, 6, 10, 6)
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.9)
            font.setBold(True)
            value.setFont(font)
            caption = QLabel(captions[key])
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            note = MutedLabel()
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            for label in (caption, note):
                # Wrapped, so that five tiles fit beside the Today column on a 1280-pixel screen.
                label.setWordWrap(True)
            for label in (value, caption, note):
                box.addWidget(label)
            tile.setAccessibleName(captions[key])
            layout.addWidget(tile, 0, n)
            self.values[key], self.notes[key] = value, note

    def show_loading(self) -> None:
        """Until the first figures arrive: an ellipsis, not a dash that would read as "none"."""
        if not self._shown:
            for key in self.KEYS:
                self.values[key].setText("…")
                self.notes[key].setText("")

    def show_figures(self, f: EngagementFigures) -> None:
        self._shown = True
        loc = QLocale()
        self.values["engaged"].setText(percent_text(f.engaged_share))
        self.notes["engaged"].setText(self.tr("{0} of {1}").format(loc.toString(f.engaged), loc.toString(f.register))
                                      if f.register else "")
        t = f.concerns.totals if f.concerns is not None else None
        median = None if t is None else t.median_days_to_close
        self.values["median_days"].setText("–" if median is None else loc.toString(float(median), "f", 1))
        self.notes["median_days"].setText(self.tr("{0} closed").format(loc.toString(t.closed)) if t and t.closed
                                          else "")
        for key, pct, part, whole in (
                ("acknowledged", t and t.acknowledged_on_time_pct, t and t.acknowledged_on_time,
                 t and t.acknowledgements_due),
                ("closed", t and t.closed_on_time_pct, t and t.closed_on_time, t and t.closed)):
            self.values[key].setText("–" if pct is None else f"{pct:.0f}%")
            self.notes[key].setText(self.tr("{0} of {1}").format(loc.toString(part), loc.toString(whole))
                                    if t and whole else "")
        self._show_media(f)

    def _show_media(self, f: EngagementFigures) -> None:
        m = f.media
        total = m.coverage_total if m is not None else None
        self.values["coverage"].setText("–" if total is None else QLocale().toString(total))
        if not total:
            self.notes["coverage"].setText("")
            return
        tones = {"positive": 0, "neutral": 0, "negative": 0}
        for month in m.coverage_by_month.values():
            for tone, n in month.items():
                tones[tone] = tones.get(tone, 0) + n
        # No-break spaces keep each count with its word when the note wraps.
        self.notes["coverage"].setText(self.tr("{0}\u00a0positive · {1}\u00a0neutral · {2}\u00a0negative").format(
            tones["positive"], tones["neutral"], tones["negative"]))
