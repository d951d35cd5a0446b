"""Add a note, call, letter, site visit or attachment to a concern's timeline."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from commrel.errors import CommrelError, ValidationError
from commrel.services import concerns

from ..errors import show_error
from ..formatting import choice_label
from ..widgets.date_edits import datetime_edit
from ..widgets.form_errors import FormErrors


class ConcernUpdateDialog(QDialog):
    def __init__(self, concern_id: int, kind: str = "note", parent: QWidget | None = None):
        super().__init__(parent)
        self.concern_id = concern_id
        self.errors = FormErrors()
        reference = concerns.get(concern_id).reference
        self.setWindowTitle(self.tr("Add to the timeline of {0}").format(reference))
        self.kind = QComboBox()
        for code in concerns.UPDATE_KINDS:
            self.kind.addItem(choice_label(concerns.UPDATE_KINDS, code), code)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.kind.setAccessibleName(self.tr("Kind of entry"))
        self.at = datetime_edit(self.tr("When"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("What happened"))
        self.text.setPlaceholderText(self.tr("Who was there, what was said or seen, what was agreed"))
        self.attachment = QLineEdit()
        self.attachment.setAccessibleName(self.tr("Attached file"))
        self.attachment.setPlaceholderText(self.tr("A file on this computer or a shared drive"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attachment, 1)
        row.addWidget(browse)
        form = QFormLayout()
        for text, widget, field in ((self.tr("&Kind:"), self.kind, "kind"), (self.tr("&When:"), self.at, "at"),
                                    (self.tr("&Text:"), self.text, "text"),
                                    (self.tr("&File:"), file_row, "attachment")):
            label = QLabel(text)
            label.setBuddy(self.attachment if widget is file_row else widget)
            form.addRow(label, self.errors.wrap(field, widget))
        self.file_label = form.labelForField(self.errors.labels["attachment"].parentWidget())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.resize(520, 320)
        (self.attachment if kind == "attachment" else self.text).setFocus()

    def _kind_changed(self) -> None:
        is_file = self.kind.currentData() == "attachment"
        row = self.errors.labels["attachment"].parentWidget()
        row.setVisible(is_file)
        if self.file_label is not None:
            self.file_label.setVisible(is_file)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if path:
            self.attachment.setText(path)

    def submit(self) -> None:
        self.errors.clear()
        attachment = self.attachment.text() if self.kind.currentData() == "attachment" else ""
        at = self.at.dateTime().toPython().replace(microsecond=0).astimezone()
        try:
            concerns.add_update(self.concern_id, self.kind.currentData(), self.text.toPlainText(), at=at,
                                attachment=attachment)
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return
        except CommrelError as exc:
            show_error(self, exc)
            return
        self.accept()
