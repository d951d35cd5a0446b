"""A strip of media figures for a period: coverage by tone, releases that earned coverage, response time."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from commrel import db
from commrel.reports.media import MediaFigures, media_figures

from ..models.coverage_table_model import TONE_COLOURS

_VALUE_STYLE = "font-size: 18pt; font-weight: 600;"


class FiguresStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Media figures"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # value, caption, detail; no word wrap so every card keeps its height.
        self.cards: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self._captions: dict[str, str] = {}
        for key, caption in (("coverage", self.tr("Coverage")), ("reach", self.tr("Combined reach")),
                             ("releases", self.tr("Releases covered")),
                             ("response", self.tr("Median response")),
                             ("overdue", self.tr("Overdue inquiries"))):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 6, 10, 6)
            box.setSpacing(2)
            value = QLabel("–")
            value.setStyleSheet(_VALUE_STYLE)
            label = QLabel(caption)
            detail = QLabel()
            muted = detail.palette()
            muted.setColor(QPalette.ColorRole.WindowText, muted.color(QPalette.ColorGroup.Disabled,
                                                                      QPalette.ColorRole.WindowText))
            detail.setPalette(muted)
            for w in (value, label, detail):
                w.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box.addWidget(w)
            layout.addWidget(card, 2 if key == "coverage" else 1)
            self.cards[key] = (value, label, detail)
            self._captions[key] = caption
        self.figures: MediaFigures | None = None

    def value_text(self, key: str) -> str:
        return self.cards[key][0].text()

    def detail_text(self, key: str) -> str:
        return self.cards[key][2].text()

    def show_period(self, start: date, end: date) -> None:
        if not db.is_open():
            return
        f = self.figures = media_figures(start, end)
        counts = {t: sum(m[t] for m in f.coverage_by_month.values()) for t in ("positive", "neutral", "negative")}
        tones = " &nbsp; ".join(
            f"<span style='color:{TONE_COLOURS[tone].name()}'>●</span> " + text.format(counts[tone])
            for tone, text in (("positive", self.tr("{0} positive")), ("neutral", self.tr("{0} neutral")),
                               ("negative", self.tr("{0} negative"))))
        self._set("coverage", f"{f.coverage_total:,}", tones if f.coverage_total else self.tr("none logged"))
        self._set("reach", f"{f.reach_total:,}" if f.reach_total else "–", self.tr("readers, listeners, viewers"))
        share = f.release_coverage_share
        self._set("releases", "–" if share is None else f"{share:.0%}",
                  self.tr("{0} of {1} sent").format(f.releases_with_coverage, f.releases_sent) if f.releases_sent
                  else self.tr("none sent"))
        hours = f.median_response_hours
        self._set("response", "–" if hours is None else self._hours(hours),
                  self.tr("{0} of {1} answered").format(f.inquiries_answered, f.inquiries) if f.inquiries
                  else self.tr("no inquiries"))
        self._set("overdue", str(f.inquiries_overdue), self.tr("open past deadline"))
        self.cards["overdue"][0].setStyleSheet(_VALUE_STYLE + (" color: #b00020;" if f.inquiries_overdue else ""))

    def _hours(self, hours: float) -> str:
        if hours < 1:
            return self.tr("{0} min").format(round(hours * 60))
        if hours < 48:
            return self.tr("{0} h").format(f"{hours:g}")
        return self.tr("{0} days").format(f"{hours / 24:.1f}")

    def _set(self, key: str, value: str, detail: str) -> None:
        v, _, d = self.cards[key]
        v.setText(value)
        d.setText(detail)
        v.setAccessibleName(f"{self._captions[key]}: {value}")
        plain = re.sub(r"<[^>]+>", "", detail).replace("&nbsp;", " ")
        d.setAccessibleName(f"{self._captions[key]}: {plain}")
