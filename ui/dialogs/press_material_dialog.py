"""Register a press release, statement or advisory, or edit one."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from commrel.errors import CommrelError
from commrel.models.media import MATERIAL_KINDS, MATERIAL_STATUSES
from commrel.services import media, press

from .. import settings
from ..errors import show_error
from ..formatting import choice_label
from .media_form import buddy_label

_FILE_FOLDER = settings.panel_option("media", "file_folder", str, "")


class PressMaterialDialog(QDialog):
    material_saved = Signal(int)

    def __init__(self, material_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.material_id = material_id
        m = press.get(material_id) if material_id is not None else None
        self.setWindowTitle(self.tr("Edit press material") if m else self.tr("New press material"))
        self.setMinimumWidth(560)
        self.title = QLineEdit(m.title if m else "")
        self.title.setAccessibleName(self.tr("Title"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        for code in MATERIAL_KINDS:
            self.kind.addItem(choice_label(MATERIAL_KINDS, code), code)
        self.kind.setCurrentIndex(self.kind.findData(m.kind if m else "release"))
        self.dated = QCheckBox(self.tr("Dated"))
        self.dated.setAccessibleName(self.tr("Has a date"))
        self.issued_on = QDateEdit()
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setAccessibleName(self.tr("Date"))
        when = m.issued_on if m and m.issued_on else date.today()
        self.issued_on.setDate(QDate(when.year, when.month, when.day))
        self.dated.setChecked(m is None or m.issued_on is not None)
        self.dated.toggled.connect(self.issued_on.setEnabled)
        self.issued_on.setEnabled(self.dated.isChecked())
        date_row = QHBoxLayout()
        date_row.addWidget(self.dated)
        date_row.addWidget(self.issued_on, 1)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for code in MATERIAL_STATUSES:
            self.status.addItem(choice_label(MATERIAL_STATUSES, code), code)
        self.status.setCurrentIndex(self.status.findData(m.status if m else "draft"))
        self.file_path = QLineEdit(m.file_path if m else "")
        self.file_path.setAccessibleName(self.tr("File"))
        self.file_path.setPlaceholderText(self.tr("The document as sent (PDF, Word…)"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Browse for the file"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(browse)
        self.media_list = QComboBox()
        self.media_list.setAccessibleName(self.tr("Media list"))
        self.media_list.addItem(self.tr("(choose when sending)"), None)
        for lst in media.lists():
            self.media_list.addItem(lst.name, lst.id)
        if m and m.media_list_id:
            self.media_list.setCurrentIndex(max(self.media_list.findData(m.media_list_id), 0))
        self.body = QPlainTextEdit(m.body if m else "")
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(self.tr("Text"))
        self.body.setPlaceholderText(self.tr("The text, or notes on it (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(buddy_label(self.tr("&Date:"), self.dated), date_row)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(buddy_label(self.tr("&File:"), self.file_path), file_row)
        form.addRow(self.tr("Media &list:"), self.media_list)
        form.addRow(self.tr("Te&xt:"), self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.title.setFocus()

    def browse(self) -> None:
        start = self.file_path.text() or _FILE_FOLDER.get()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file"), start)
        if path:
            self.file_path.setText(path)
            _FILE_FOLDER.set(str(Path(path).parent))

    def values(self) -> dict:
        d = self.issued_on.date()
        return {"title": self.title.text(), "kind": self.kind.currentData(), "status": self.status.currentData(),
                "issued_on": date(d.year(), d.month(), d.day()) if self.dated.isChecked() else None,
                "file_path": self.file_path.text(), "media_list_id": self.media_list.currentData(),
                "body": self.body.toPlainText()}

    def accept(self) -> None:
        try:
            if self.material_id is None:
                m = press.create(**self.values())
            else:
                m = press.update(self.material_id, **self.values())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot save"))
            return
        self.material_saved.emit(m.id)
        super().accept()
