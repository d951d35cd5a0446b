"""Dashboard: the figures worth seeing first thing in the morning."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from commrel.reports import counts

from .base import Panel

_CARDS = [
    ("stakeholders", "Stakeholders"), ("organisations", "Organisations"), ("interactions", "Interactions logged"),
    ("open_follow_ups", "Open follow-ups"), ("events", "Events"), ("open_concerns", "Open concerns"),
]


class DashboardPanel(Panel):
    key = "dashboard"
    title = "Dashboard"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{self.tr('Today')}</h2>")
        layout.addWidget(heading)
        grid = QGridLayout()
        self._values: dict[str, QLabel] = {}
        for n, (key, label) in enumerate(_CARDS):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(card)
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setStyleSheet("font-size: 24pt; font-weight: 600;")
            caption = QLabel(self.tr(label))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(value)
            box.addWidget(caption)
            grid.addWidget(card, n // 3, n % 3)
            self._values[key] = value
        layout.addLayout(grid)
        layout.addStretch(1)

    def refresh(self) -> None:
        figures = counts.record_counts()
        for key, label in self._values.items():
            label.setText(f"{figures.get(key, 0):,}")
