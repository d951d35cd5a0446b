"""Add one tag to, or remove it from, every selected stakeholder."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCompleter, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QRadioButton, QVBoxLayout, QWidget)

from commrel.services import stakeholders

from ..formatting import counted
from ..widgets.theme import ErrorLabel


class BulkTagDialog(QDialog):
    def __init__(self, count: int, parent: QWidget | None = None, remove: bool = False):
        super().__init__(parent)
        tr = self.tr
        self.setWindowTitle(tr("Tag stakeholders"))
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Tag"))
        self.name.setPlaceholderText(tr("Tag name"))
        completer = QCompleter(stakeholders.all_tags(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.add_radio = QRadioButton(tr("&Add the tag"))
        self.remove_radio = QRadioButton(tr("&Remove the tag"))
        (self.remove_radio if remove else self.add_radio).setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.add_radio)
        choice.addWidget(self.remove_radio)
        choice.addStretch(1)
        self.problem = ErrorLabel()
        self.problem.hide()
        form = QFormLayout()
        form.addRow(tr("&Tag:"), self.name)
        form.addRow("", choice)
        form.addRow("", self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(counted(count, tr("{0} stakeholder selected."), tr("{0} stakeholders selected."))))
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def tag(self) -> str:
        return " ".join(self.name.text().split())

    def removing(self) -> bool:
        return self.remove_radio.isChecked()

    def accept(self) -> None:
        if not self.tag():
            self.problem.setText(self.tr("Type a tag name."))
            self.problem.show()
            self.name.setFocus()
            return
        super().accept()
