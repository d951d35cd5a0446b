"""Stakeholders panel."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..widgets.empty_state import EmptyState
from .base import Panel


class StakeholdersPanel(Panel):
    key = "stakeholders"
    title = "Stakeholders"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(EmptyState(self.tr("Stakeholders"), self.tr("Nothing here yet.")))
