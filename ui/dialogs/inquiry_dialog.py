"""Log a journalist's inquiry, and answer one: quick forms for a phone call in progress."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTimeEdit, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import media
from commrel.timeutil import to_utc_naive

from .. import settings
from ..errors import show_error
from ..formatting import choice_label, datetime_text
from .media_contact_picker import MediaContactPicker
from .media_form import buddy_label


def local_to_utc(value: QDateTime) -> datetime:
    """A local date and time from a Qt editor as the naive UTC the database keeps."""
    d, t = value.date(), value.time()
    return to_utc_naive(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone())


class InquiryDialog(QDialog):
    inquiry_logged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log media inquiry"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.journalist = MediaContactPicker(["person"])
        self.journalist.setPlaceholderText(self.tr("Type a journalist's name…"))
        self.journalist.setAccessibleName(self.tr("Journalist"))
        self.journalist.chosen.connect(self._journalist_chosen)
        form.addRow(self.tr("&Journalist:"), self.journalist)
        self.outlet = MediaContactPicker(["organisation"])
        self.outlet.setPlaceholderText(self.tr("Filled in from the journalist, or type an outlet"))
        self.outlet.setAccessibleName(self.tr("Outlet"))
        form.addRow(self.tr("&Outlet:"), self.outlet)
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText(self.tr("What do they want to know?"))
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setMinimumHeight(80)
        self.question.setMaximumHeight(140)
        form.addRow(self.tr("&Question:"), self.question)
        deadline_row, presets = self._deadline_row()
        form.addRow(buddy_label(self.tr("&Deadline:"), self.has_deadline), deadline_row)
        form.addRow("", presets)
        self.assigned = QComboBox()
        self.assigned.setEditable(True)
        self.assigned.setAccessibleName(self.tr("Assigned to"))
        self.assigned.addItems(media.assignees())
        self.assigned.setCurrentText(settings.USER_NAME.get())
        form.addRow(self.tr("&Assigned to:"), self.assigned)
        self.channel = QComboBox()
        self.channel.setAccessibleName(self.tr("Channel"))
        for code in ("email", "call", "social_media", "meeting"):
            self.channel.addItem(choice_label(choices.INTERACTION_CHANNELS, code), code)
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setCalendarPopup(True)
        self.received.setAccessibleName(self.tr("Received"))
        received_row = QHBoxLayout()
        received_row.addWidget(self.channel)
        received_row.addWidget(QLabel(self.tr("received")))
        received_row.addWidget(self.received, 1)
        form.addRow(buddy_label(self.tr("Came &by:"), self.channel), received_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log inquiry"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.journalist.setFocus()

    def _deadline_row(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        self.has_deadline = QCheckBox(self.tr("by"))
        self.has_deadline.setChecked(True)
        self.has_deadline.setAccessibleName(self.tr("Has a deadline"))
        self.deadline_date = QDateEdit()
        self.deadline_date.setCalendarPopup(True)
        self.deadline_date.setAccessibleName(self.tr("Deadline date"))
        self.deadline_date.setMinimumWidth(130)
        self.deadline_time = QTimeEdit()
        self.deadline_time.setDisplayFormat("HH:mm")
        self.deadline_time.setAccessibleName(self.tr("Deadline time"))
        self.has_deadline.toggled.connect(self.deadline_date.setEnabled)
        self.has_deadline.toggled.connect(self.deadline_time.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline_date)
        row.addWidget(self.deadline_time)
        row.addStretch(1)
        presets = QHBoxLayout()
        presets.addWidget(QLabel(self.tr("Quick:")))
        # Journalists' deadlines come in a few shapes; one click sets the usual ones.
        for label, offset in ((self.tr("+2 h"), "2h"), (self.tr("5 pm"), "17"), (self.tr("Tomorrow noon"), "t12")):
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.setAccessibleName(self.tr("Deadline {0}").format(label))
            button.clicked.connect(lambda _=False, o=offset: self.set_deadline_preset(o))
            presets.addWidget(button)
        presets.addStretch(1)
        self.set_deadline_preset("17" if QTime.currentTime().hour() < 15 else "2h")
        return row, presets

    def set_deadline_preset(self, preset: str) -> None:
        now = QDateTime.currentDateTime()
        if preset == "2h":
            when = now.addSecs(2 * 3600)
            when.setTime(QTime(when.time().hour(), (when.time().minute() // 15) * 15))
        elif preset == "17":
            when = QDateTime(now.date(), QTime(17, 0))
        else:
            when = QDateTime(now.date().addDays(1), QTime(12, 0))
        self.has_deadline.setChecked(True)
        self.deadline_date.setDate(when.date())
        self.deadline_time.setTime(when.time())

    def set_deadline(self, when: datetime | None) -> None:
        """Set the deadline in local time (None: no deadline)."""
        self.has_deadline.setChecked(when is not None)
        if when is not None:
            self.deadline_date.setDate(QDate(when.year, when.month, when.day))
            self.deadline_time.setTime(QTime(when.hour, when.minute))

    def _journalist_chosen(self, journalist_id: int) -> None:
        if self.outlet.selected_id() is None:
            outlet = media.outlet_of(journalist_id)
            if outlet is not None:
                self.outlet.set_choice(outlet.id, outlet.display_name)

    def accept(self) -> None:
        deadline = None
        if self.has_deadline.isChecked():
            deadline = local_to_utc(QDateTime(self.deadline_date.date(), self.deadline_time.time()))
        try:
            inquiry = media.log_inquiry(
                question=self.question.toPlainText(), journalist_id=self.journalist.selected_id(),
                outlet_id=self.outlet.selected_id(), deadline=deadline, assigned_to=self.assigned.currentText(),
                received_at=local_to_utc(self.received.dateTime()), channel=self.channel.currentData())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot log the inquiry"))
            return
        self.inquiry_logged.emit(inquiry.id)
        super().accept()


class RespondDialog(QDialog):
    responded = Signal(int)

    def __init__(self, inquiry_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.inquiry_id = inquiry_id
        inquiry = media.get_inquiry(inquiry_id)
        self.setWindowTitle(self.tr("Respond to inquiry"))
        self.setMinimumWidth(520)
        asked = QLabel(self.tr("<b>Asked {0}:</b> {1}").format(
            datetime_text(inquiry.received_at), inquiry.question.replace("<", "&lt;")))
        asked.setWordWrap(True)
        form = QFormLayout()
        self.response = QPlainTextEdit()
        self.response.setTabChangesFocus(True)
        self.response.setAccessibleName(self.tr("Response"))
        self.response.setPlaceholderText(self.tr("What was said or sent, as it went out"))
        form.addRow(self.tr("&Response:"), self.response)
        self.spokesperson = QLineEdit()
        self.spokesperson.setAccessibleName(self.tr("Spokesperson"))
        self.spokesperson.setPlaceholderText(self.tr("Who is quoted"))
        form.addRow(self.tr("&Spokesperson:"), self.spokesperson)
        self.declined = QCheckBox(self.tr("We &declined to comment"))
        self.declined.setAccessibleName(self.tr("Declined to comment"))
        self.declined.toggled.connect(self._declined_toggled)
        form.addRow("", self.declined)
        self.at = QDateTimeEdit(QDateTime.currentDateTime())
        self.at.setCalendarPopup(True)
        self.at.setAccessibleName(self.tr("Responded at"))
        form.addRow(self.tr("Responded &at:"), self.at)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record response"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(asked)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.response.setFocus()

    def _declined_toggled(self, on: bool) -> None:
        if on and not self.response.toPlainText().strip():
            self.response.setPlainText(self.tr("Declined to comment."))

    def accept(self) -> None:
        try:
            media.respond(self.inquiry_id, response=self.response.toPlainText(),
                          spokesperson=self.spokesperson.text(), at=local_to_utc(self.at.dateTime()),
                          declined=self.declined.isChecked())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot record the response"))
            return
        self.responded.emit(self.inquiry_id)
        super().accept()

