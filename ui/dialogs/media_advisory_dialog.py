"""Draft a media advisory from an upcoming event: pick the event, say who journalists should call."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from commrel.errors import CommrelError
from commrel.services import press

from .. import settings
from ..errors import show_error
from ..formatting import datetime_text


class AdvisoryDialog(QDialog):
    advisory_created = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New advisory from event"))
        self.setMinimumWidth(480)
        self.event = QComboBox()
        self.event.setAccessibleName(self.tr("Event"))
        for e in press.upcoming_events(200):
            when = e.starts_at.date().isoformat() if e.all_day else datetime_text(e.starts_at)
            self.event.addItem(f"{when} — {e.title}", e.id)
        self.contact = QLineEdit(settings.USER_NAME.get())
        self.contact.setAccessibleName(self.tr("Media contact"))
        self.contact.setPlaceholderText(self.tr("Blank: the event's organiser"))
        note = QLabel(self.tr("The advisory is drafted with what, when and where from the event; you can edit it "
                              "before approving and sending it."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Event:"), self.event)
        form.addRow(self.tr("Media &contact:"), self.contact)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Draft advisory"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.event.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        if not self.event.count():
            empty = QLabel(self.tr("There are no upcoming events. Plan the event in Events first."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        event_id = self.event.currentData()
        if event_id is None:
            return
        try:
            advisory = press.advisory_from_event(event_id, contact=self.contact.text().strip())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot draft the advisory"))
            return
        self.advisory_created.emit(advisory.id)
        super().accept()
