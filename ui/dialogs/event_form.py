"""The fields of an event: what and when on the left, where and who on the right.

Times are entered as a clock in the event's zone shows them (the computer's zone unless another is
chosen); a note says so whenever the zone is not this computer's.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from commrel.models import Event, choices
from commrel.services import events
from commrel.timeutil import local_zone_name, zone

from ..widgets.date_edits import date_edit
from ..widgets.choice_combos import choice_combo
from ..widgets.form_errors import FormErrors
from ..widgets.tag_edit import TagEdit
from .event_fields import RemindersEdit, ZoneCombo
from .event_recurrence import RecurrenceEditor


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class EventForm(QWidget):
    edited = Signal()
    # Fields whose change may bring or settle a clash or capacity warning.
    timing_edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.errors = FormErrors()
        e = self.errors
        self.title = QLineEdit()
        self.title.setAccessibleName(tr("Title"))
        self.title.setPlaceholderText(tr("e.g. Riverside public meeting"))
        self.type = choice_combo(tr("Type"), choices.EVENT_TYPES)
        self.status = choice_combo(tr("Status"), choices.EVENT_STATUSES)
        self.all_day = QCheckBox(tr("&All day"))
        self.start_date, self.end_date = date_edit(tr("Start date")), date_edit(tr("End date"))
        self.start_time, self.end_time = QTimeEdit(QTime(10, 0)), QTimeEdit(QTime(11, 0))
        for edit, name in ((self.start_time, tr("Start time")), (self.end_time, tr("End time"))):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.zone = ZoneCombo()
        self.zone.setAccessibleName(tr("Time zone"))
        self.zone_note = QLabel()
        self.zone_note.setWordWrap(True)
        self.zone_note.setStyleSheet("color: #7a4b00;")
        self.repeat = RecurrenceEditor()
        self.venue = QLineEdit()
        self.venue.setAccessibleName(tr("Venue"))
        self.address = QPlainTextEdit()
        self.address.setAccessibleName(tr("Address"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(54)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100000)
        self.capacity.setSpecialValueText(tr("No limit"))
        self.capacity.setAccessibleName(tr("Capacity"))
        self.organiser, self.organiser_email = QLineEdit(), QLineEdit()
        self.organiser.setAccessibleName(tr("Organiser"))
        self.organiser_email.setAccessibleName(tr("Organiser's email"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(tr("Description"))
        self.description.setTabChangesFocus(True)
        self.reminders = RemindersEdit()
        self.tags = TagEdit()
        self.tags.setAccessibleName(tr("Tags"))
        self.tags.set_choices(events.all_tags())

        start_row, end_row = QHBoxLayout(), QHBoxLayout()
        for row, day, clock in ((start_row, self.start_date, self.start_time), (end_row, self.end_date, self.end_time)):
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(day)
            row.addWidget(clock)
        start_row.addSpacing(12)
        start_row.addWidget(self.all_day)
        for row in (start_row, end_row):
            row.addStretch(1)
        when = QGroupBox(tr("What and when"))
        left = QFormLayout(when)
        left.addRow(tr("&Title:"), e.wrap("title", self.title))
        left.addRow(tr("T&ype:"), self.type)
        left.addRow(tr("&Status:"), self.status)
        left.addRow(tr("Starts:"), e.wrap("starts_at", self._boxed(start_row)))
        left.addRow(tr("Ends:"), e.wrap("ends_at", self._boxed(end_row)))
        left.addRow(tr("Time &zone:"), e.wrap("timezone", self.zone))
        left.addRow("", self.zone_note)
        repeat_box = QGroupBox(tr("Repeat"))
        QVBoxLayout(repeat_box).addWidget(e.wrap("rrule", self.repeat, "exdates", "freq", "interval", "count",
                                                 "until", "weekdays", "month_week"))
        where = QGroupBox(tr("Where and who"))
        right = QFormLayout(where)
        right.addRow(tr("&Venue:"), self.venue)
        right.addRow(tr("Address:"), self.address)
        right.addRow(tr("&Capacity:"), e.wrap("capacity", self.capacity))
        right.addRow(tr("&Organiser:"), self.organiser)
        right.addRow(tr("Organiser email:"), e.wrap("organiser_email", self.organiser_email))
        right.addRow(tr("Ta&gs:"), self.tags)
        right.addRow(tr("Reminders:"), e.wrap("reminders", self.reminders))
        right.addRow(tr("&Description:"), self.description)

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        left_column = QVBoxLayout()
        left_column.addWidget(when)
        left_column.addWidget(repeat_box)
        left_column.addStretch(1)
        columns.addLayout(left_column, 1)
        columns.addWidget(where, 1)

        self.all_day.toggled.connect(self._all_day_toggled)
        self.start_date.dateChanged.connect(self._start_moved)
        self.start_time.timeChanged.connect(self._start_moved)
        self.zone.currentTextChanged.connect(self._zone_changed)
        for signal in (self.end_date.dateChanged, self.end_time.timeChanged, self.venue.textChanged,
                       self.capacity.valueChanged, self.all_day.toggled, self.zone.currentTextChanged,
                       self.repeat.changed):
            signal.connect(self.timing_edited)
        for signal in (self.title.textChanged, self.type.currentIndexChanged, self.status.currentIndexChanged,
                       self.description.textChanged, self.organiser.textChanged, self.tags.textChanged,
                       self.reminders.changed, self.timing_edited):
            signal.connect(self.edited)
        self._last_start = self._start()
        self._zone_changed()

    @staticmethod
    def _boxed(layout) -> QWidget:
        box = QWidget()
        box.setLayout(layout)
        return box

    # Times ---------------------------------------------------------------------------------------

    def _start(self) -> datetime:
        return datetime.combine(self.start_date.date().toPython(), self.start_time.time().toPython())

    def _end(self) -> datetime:
        return datetime.combine(self.end_date.date().toPython(), self.end_time.time().toPython())

    def _start_moved(self, *_args) -> None:
        """Moving the start carries the end along, keeping the length."""
        new = self._start()
        shift = new - self._last_start
        self._last_start = new
        if shift:
            end = self._end() + shift
            for w in (self.end_date, self.end_time):
                w.blockSignals(True)
            self.end_date.setDate(_qdate(end.date()))
            self.end_time.setTime(QTime(end.hour, end.minute))
            for w in (self.end_date, self.end_time):
                w.blockSignals(False)
        self.repeat.set_start(new.date())
        self.timing_edited.emit()

    def _all_day_toggled(self, on: bool) -> None:
        self.start_time.setVisible(not on)
        self.end_time.setVisible(not on)
        self._zone_changed()

    def _zone_changed(self, *_args) -> None:
        tz = self.zone.zone()
        self.repeat.tz = tz
        if not self.zone.is_valid():
            text = self.tr("“{0}” is not a time zone; type part of a name such as “London” and pick "
                           "one.").format(tz)
        elif tz != local_zone_name() and not self.all_day.isChecked():
            text = self.tr("Times are in {0}; this computer is on {1} time.").format(tz, local_zone_name())
            here = self._start().replace(tzinfo=zone(tz)).astimezone(zone(None))
            text += " " + self.tr("It starts at {0} on this computer's clock.").format(f"{here:%H:%M}")
        else:
            text = ""
        self.zone_note.setText(text)
        self.zone_note.setVisible(bool(text))

    # Values ---------------------------------------------------------------------------------------

    def set_start(self, start: date | datetime, end: datetime | None = None) -> None:
        """For a new event: a date gets 10:00–11:00, a time an hour."""
        if not isinstance(start, datetime):
            start = datetime.combine(start, time(10))
        end = end or start + timedelta(hours=1)
        self.start_date.setDate(_qdate(start.date()))
        self.start_time.setTime(QTime(start.hour, start.minute))
        self.end_date.setDate(_qdate(end.date()))
        self.end_time.setTime(QTime(end.hour, end.minute))
        self._last_start = self._start()
        self.repeat.set_start(start.date())

    def set_event(self, event: Event) -> None:
        self.title.setText(event.title)
        self.type.setCurrentIndex(max(0, self.type.findData(event.type)))
        self.status.setCurrentIndex(max(0, self.status.findData(event.status)))
        self.zone.set_zone(event.timezone)
        self.all_day.setChecked(event.all_day)
        if event.all_day:
            first, last = events.all_day_dates(event)
            self.set_start(first)
            self.end_date.setDate(_qdate(last))
        else:
            start, end = events.local_start(event), events.local_end(event)
            self.set_start(start.replace(tzinfo=None), end.replace(tzinfo=None))
        skipped = [d if isinstance(d, date) and not isinstance(d, datetime) else d.date()
                   for d in events.exdates(event.id)]
        self.repeat.set_rule(event.rrule, event.timezone, events.local_start(event).date(), skipped)
        self.venue.setText(event.venue)
        self.address.setPlainText(event.address)
        self.capacity.setValue(event.capacity or 0)
        self.organiser.setText(event.organiser)
        self.organiser_email.setText(event.organiser_email)
        self.description.setPlainText(event.description)
        self.reminders.set_minutes(events.event_reminders(event))
        self.tags.set_tags(events.event_tags(event))
        self._zone_changed()

    def times(self) -> dict:
        """starts_at, ends_at, timezone and all_day as ``events.create`` takes them."""
        if self.all_day.isChecked():
            start, end = self.start_date.date().toPython(), self.end_date.date().toPython()
        else:
            start, end = self._start(), self._end()
        return {"starts_at": start, "ends_at": end, "timezone": self.zone.zone(), "all_day": self.all_day.isChecked()}

    def values(self) -> dict:
        values = dict(title=self.title.text(), type=self.type.currentData(), status=self.status.currentData(),
                      venue=self.venue.text(), address=self.address.toPlainText(),
                      capacity=self.capacity.value() or None, organiser=self.organiser.text(),
                      organiser_email=self.organiser_email.text(), description=self.description.toPlainText(),
                      reminders=self.reminders.minutes(), tags=self.tags.tags(), rrule=self.repeat.rule(),
                      exdates=self.repeat.skipped_dates())
        values.update(self.times())
        return values
