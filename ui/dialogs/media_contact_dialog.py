"""Add an outlet or a journalist to the register in one short form."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.services import media

from ..errors import show_error
from .media_contact_picker import MediaContactPicker


class MediaContactDialog(QDialog):
    contact_created = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add outlet or journalist"))
        self.setMinimumWidth(440)
        self.journalist_choice = QRadioButton(self.tr("&Journalist"))
        self.outlet_choice = QRadioButton(self.tr("Out&let (newspaper, station, website…)"))
        self.journalist_choice.setChecked(True)
        group = QButtonGroup(self)
        kinds = QHBoxLayout()
        for button in (self.journalist_choice, self.outlet_choice):
            group.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("Given and family name, or the outlet's name"))
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("Email"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Phone"))
        self.works_for = MediaContactPicker(["organisation"])
        self.works_for.setAccessibleName(self.tr("Works for"))
        self.works_for.setPlaceholderText(self.tr("Type an outlet already in the register"))
        form = QFormLayout()
        form.addRow(self.tr("Adding a:"), kinds)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Email:"), self.email)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&Works for:"), self.works_for)
        self.outlet_choice.toggled.connect(lambda on: self.works_for.setEnabled(not on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name.setFocus()

    def accept(self) -> None:
        try:
            s = media.create_contact(name=self.name.text(), outlet=self.outlet_choice.isChecked(),
                                     email=self.email.text(), phone=self.phone.text(),
                                     works_for=None if self.outlet_choice.isChecked() else self.works_for.selected_id())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot add the contact"))
            return
        self.contact_created.emit(s.id)
        super().accept()
