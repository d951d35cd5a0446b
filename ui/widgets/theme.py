"""Colours that follow the palette, for charts, secondary text and messages, in light and dark mode alike.

Kept apart from the chart builders: the dashboard's first frame and the Today
column use these without loading Qt Charts.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# Tableau 10: distinct from each other and legible on light and dark backgrounds.
SERIES_COLOURS = ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7",
                  "#9C755F", "#BAB0AC"]
POSITION_COLOURS = {
    "supportive": "#2E9E4F",
    "leaning_supportive": "#9CCC65",
    "neutral": "#9E9E9E",
    "leaning_opposed": "#FFA726",
    "opposed": "#E53935",
    "unknown": "#8E7CC3",
}


@dataclass(frozen=True)
class ChartTheme:
    text: QColor
    muted: QColor
    grid: QColor
    background: QColor
    warning: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartTheme:
        # Charts sit on the window colour, so they read as part of the card around them.
        background = palette.color(QPalette.ColorRole.Window)
        dark = background.lightness() < 128
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        return cls(text, blend(text, background, 0.6), grid, background, QColor("#FF6E6E" if dark else "#C62828"))

    @classmethod
    def light(cls) -> ChartTheme:
        """Black on white, whatever the screen's palette: for paper."""
        return cls(QColor("#1a1a1a"), QColor("#6b6b6b"), QColor("#d0d0d0"), QColor("white"), QColor("#C62828"))


def blend(a: QColor, b: QColor, share_of_a: float) -> QColor:
    """A colour ``share_of_a`` of the way from ``b`` to ``a``."""
    t = share_of_a
    return QColor.fromRgbF(a.redF() * t + b.redF() * (1 - t), a.greenF() * t + b.greenF() * (1 - t),
                           a.blueF() * t + b.blueF() * (1 - t))


def series_colour(n: int) -> QColor:
    return QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])


class _ToneLabel(QLabel):
    """A label whose text colour is worked out from the palette it sits on, again when that changes."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._toning = False
        self._tone()

    def text_colour(self, palette: QPalette) -> QColor:
        raise NotImplementedError

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and not self._toning:
            self._tone()

    def _tone(self) -> None:
        source = self.parentWidget().palette() if self.parentWidget() else QApplication.palette()
        palette = QPalette(source)
        palette.setColor(QPalette.ColorRole.WindowText, self.text_colour(source))
        self._toning = True  # setPalette sends a PaletteChange of its own
        self.setPalette(palette)
        self._toning = False


class MutedLabel(_ToneLabel):
    """Secondary text: the window text blended toward the background, in light and dark mode alike."""

    def text_colour(self, palette: QPalette) -> QColor:
        return blend(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.6)


def error_colour(palette: QPalette) -> QColor:
    """Red that reads on the palette's window colour: the dark red of light mode is lost on a dark one."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#FF6E6E" if dark else "#B00020")


class ErrorLabel(_ToneLabel):
    """What is wrong, in red, under a field or above a dialog's buttons; wraps long messages."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def text_colour(self, palette: QPalette) -> QColor:
        return error_colour(palette)
