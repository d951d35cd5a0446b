"""How an event repeats: every N days, weeks or months, on which days, until when, which dates are skipped.

A rule this form cannot show (one imported from another calendar, say) is kept exactly as it is, and
described in words, unless the officer chooses another.
"""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget)

from commrel import recurrence
from commrel.errors import ValidationError
from commrel.recurrence import RecurrenceSpec

from ..formatting import counted
from ..widgets.calendar_common import weekday_name
from ..widgets.date_edits import date_edit
from .event_fields import DateListEdit

NONE, CUSTOM = "", "custom"
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class RecurrenceEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.start = date.today()
        self.tz: str | None = None
        self.custom_rule = ""
        self.loaded_rule, self.touched = "", False  # a saved rule nobody changed is stored as it was
        self.freq = QComboBox()
        self.freq.setAccessibleName(self.tr("Repeats"))
        for text, code in ((self.tr("Does not repeat"), NONE), (self.tr("Daily"), "daily"),
                           (self.tr("Weekly"), "weekly"), (self.tr("Monthly"), "monthly")):
            self.freq.addItem(text, code)
        self.interval = QSpinBox()
        self.interval.setRange(1, 99)
        self.interval.setAccessibleName(self.tr("Repeat every"))
        self.unit = QLabel()
        self.weekday_boxes = []
        days_row = QHBoxLayout()
        days_row.setContentsMargins(0, 0, 0, 0)
        monday = date(2024, 1, 1)
        for n in range(7):
            box = QCheckBox(weekday_name(date.fromordinal(monday.toordinal() + n)))
            box.setAccessibleName(weekday_name(date.fromordinal(monday.toordinal() + n), short=False))
            self.weekday_boxes.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.days = QWidget()
        self.days.setLayout(days_row)
        self.month_day = QComboBox()
        self.month_day.setAccessibleName(self.tr("Day of the month"))
        self.ends = QComboBox()
        self.ends.setAccessibleName(self.tr("Ends"))
        for text, code in ((self.tr("Never"), "never"), (self.tr("On a date"), "until"),
                           (self.tr("After a number of times"), "count")):
            self.ends.addItem(text, code)
        self.until = date_edit(self.tr("Last date"))
        self.count = QSpinBox()
        self.count.setRange(1, 999)
        self.count.setValue(6)
        self.count.setSuffix(self.tr(" times"))
        self.count.setAccessibleName(self.tr("Number of times"))
        self.skipped = DateListEdit(self.tr("Skipped dates"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Repeat summary"))
        self.summary.setStyleSheet("font-style: italic;")

        self.every_row = every = QHBoxLayout()
        every.setContentsMargins(0, 0, 0, 0)
        every.addWidget(self.interval)
        every.addWidget(self.unit)
        every.addStretch(1)
        self.end_row = end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.ends, self.until, self.count):
            end_row.addWidget(w)
        end_row.addStretch(1)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("&Repeats:"), self.freq)
        self.form.addRow(self.tr("Every:"), every)
        self.form.addRow(self.tr("On:"), self.days)
        self.form.addRow(self.tr("On:"), self.month_day)
        self.form.addRow(self.tr("Ends:"), end_row)
        self.form.addRow(self.tr("Skip:"), self.skipped)
        self.form.addRow("", self.summary)
        for signal in (self.freq.currentIndexChanged, self.interval.valueChanged, self.month_day.currentIndexChanged,
                       self.ends.currentIndexChanged, self.until.dateChanged, self.count.valueChanged,
                       self.skipped.changed):
            signal.connect(self._user_edited)
        for box in self.weekday_boxes:
            box.toggled.connect(self._user_edited)
        self.set_start(self.start)
        self._edited()

    # What it holds --------------------------------------------------------------------------

    def set_start(self, day: date) -> None:
        """The first occurrence's date: it names the monthly choices and the default weekday."""
        self.start = day
        chosen = self.month_day.currentData()
        self.month_day.blockSignals(True)
        self.month_day.clear()
        self.month_day.addItem(self.tr("On day {0}").format(day.day), None)
        week = (day.day - 1) // 7 + 1
        name = weekday_name(day, short=False)
        if week <= 4:
            self.month_day.addItem(self.tr("On the {0} {1}").format(self.tr(_ORDINAL_WORDS[week]), name), week)
        if (day + timedelta(days=7)).month != day.month:
            self.month_day.addItem(self.tr("On the last {0}").format(name), -1)
        self.month_day.setCurrentIndex(max(0, self.month_day.findData(chosen)))
        self.month_day.blockSignals(False)
        self.skipped.set_suggestion(day)
        self._edited()

    def set_rule(self, rrule: str, tz: str | None, start: date, skipped: list[date]) -> None:
        self.tz = tz
        self.set_start(start)
        spec = recurrence.parse(rrule, tz) if rrule else None
        if spec is not None and spec.month_week is not None and (
                spec.weekdays != (start.weekday(),) or self.month_day.findData(spec.month_week) < 0):
            spec = None  # "the first Tuesday" of a series starting on another day: beyond this form
        self.custom_rule = rrule if rrule and spec is None else ""
        self.loaded_rule, self.touched = rrule, False
        widgets = [self.freq, self.interval, self.month_day, self.ends, self.until, self.count] + self.weekday_boxes
        for w in widgets:
            w.blockSignals(True)
        at = self.freq.findData(CUSTOM)
        if at >= 0:
            self.freq.removeItem(at)
        if self.custom_rule:
            self.freq.addItem(self.tr("Custom: {0}").format(recurrence.describe(rrule, tz)), CUSTOM)
            self.freq.setCurrentIndex(self.freq.count() - 1)
        else:
            self.freq.setCurrentIndex(self.freq.findData(spec.freq if spec else NONE))
        if spec is not None:
            self.interval.setValue(spec.interval)
            for n, box in enumerate(self.weekday_boxes):
                box.setChecked(n in spec.weekdays and spec.month_week is None)
            self.month_day.setCurrentIndex(max(0, self.month_day.findData(spec.month_week)))
            self.ends.setCurrentIndex(self.ends.findData("until" if spec.until else "count" if spec.count else "never"))
            if spec.until:
                self.until.setDate(QDate(spec.until.year, spec.until.month, spec.until.day))
            if spec.count:
                self.count.setValue(spec.count)
        for w in widgets:
            w.blockSignals(False)
        self.skipped.set_dates(skipped)
        self._edited()

    def repeats(self) -> bool:
        return self.freq.currentData() != NONE

    def spec(self) -> RecurrenceSpec | None:
        freq = self.freq.currentData()
        if freq in (NONE, CUSTOM):
            return None
        weekdays: tuple[int, ...] = ()
        month_week = None
        if freq == "weekly":
            ticked = tuple(n for n, box in enumerate(self.weekday_boxes) if box.isChecked())
            weekdays = ticked or (self.start.weekday(),)
        elif freq == "monthly" and self.month_day.currentData() is not None:
            month_week, weekdays = self.month_day.currentData(), (self.start.weekday(),)
        ends = self.ends.currentData()
        return RecurrenceSpec(freq=freq, interval=self.interval.value(), weekdays=weekdays, month_week=month_week,
                              until=self.until.date().toPython() if ends == "until" else None,
                              count=self.count.value() if ends == "count" else None)

    def rule(self) -> str:
        """The RRULE value to store ("" when it does not repeat)."""
        if not self.touched and self.loaded_rule:
            return self.loaded_rule
        if self.freq.currentData() == CUSTOM:
            return self.custom_rule
        spec = self.spec()
        return recurrence.build(spec) if spec is not None else ""

    def skipped_dates(self) -> list[date]:
        return self.skipped.dates() if self.repeats() else []

    # Showing ------------------------------------------------------------------------------

    def _user_edited(self, *_args) -> None:
        self.touched = True
        self._edited()

    def _edited(self, *_args) -> None:
        freq = self.freq.currentData()
        simple = freq not in (NONE, CUSTOM)
        one, many = {"daily": (self.tr("day"), self.tr("days")), "weekly": (self.tr("week"), self.tr("weeks")),
                     "monthly": (self.tr("month"), self.tr("months"))}.get(freq, ("", ""))
        self.unit.setText(one if self.interval.value() == 1 else many)
        for row, visible in ((self.every_row, simple), (self.days, freq == "weekly"),
                             (self.month_day, freq == "monthly"), (self.end_row, simple),
                             (self.skipped, freq != NONE), (self.summary, freq != NONE)):
            self.form.setRowVisible(row, visible)
        self.until.setVisible(self.ends.currentData() == "until")
        self.count.setVisible(self.ends.currentData() == "count")
        if freq == "weekly" and not any(box.isChecked() for box in self.weekday_boxes):
            box = self.weekday_boxes[self.start.weekday()]
            box.blockSignals(True)
            box.setChecked(True)
            box.blockSignals(False)
        try:
            rule = self.rule()
            # A monthly rule without a weekday repeats on the start's day; say which.
            said = rule + f";BYMONTHDAY={self.start.day}" if rule and self.spec() is not None \
                and freq == "monthly" and self.spec().month_week is None else rule
            text = recurrence.describe(said, self.tz) if rule else ""
        except ValidationError as exc:
            rule, text = "", exc.message
        skipped = len(self.skipped.dates())
        if rule and skipped:
            text += counted(skipped, self.tr(", skipping 1 date"), self.tr(", skipping {0} dates"))
        self.summary.setText(text)
        self.changed.emit()
