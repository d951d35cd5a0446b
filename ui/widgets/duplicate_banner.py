"""A quiet note while creating a record: someone like this may already be in the register."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from commrel.services.stakeholder_merge import DuplicateCandidate

from ..formatting import counted


class DuplicateBanner(QFrame):
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicate_banner")
        self.setStyleSheet("#duplicate_banner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }"
                           " #duplicate_banner QLabel { color: #3d3000; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open existing"))
        self.open_button.clicked.connect(self._open)
        self.dismiss_button = QPushButton(self.tr("Not the same"))
        self.dismiss_button.setToolTip(self.tr("Hide this note and carry on adding a new record"))
        self.dismiss_button.clicked.connect(self.dismiss)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.candidates: list[DuplicateCandidate] = []
        self._dismissed: set[int] = set()
        self.hide()

    def show_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = [c for c in candidates if c.id not in self._dismissed]
        if not self.candidates:
            self.hide()
            return
        first = self.candidates[0]
        detail = ", ".join(x for x in (first.organisation_name, first.email) if x)
        reason = self.tr("same email") if first.reason == "same email" else self.tr("similar name")
        text = self.tr("May already be in the register: <b>{0}</b>{1} ({2}).").format(
            first.display_name, f" — {detail}" if detail else "", reason)
        if len(self.candidates) > 1:
            text += " " + counted(len(self.candidates) - 1, self.tr("{0} other looks alike too."),
                                  self.tr("{0} others look alike too."))
        self.text.setText(text)
        self.show()

    def dismiss(self) -> None:
        self._dismissed.update(c.id for c in self.candidates)
        self.hide()

    def _open(self) -> None:
        if self.candidates:
            self.open_requested.emit(self.candidates[0].id)
