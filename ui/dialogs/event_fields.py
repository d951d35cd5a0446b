"""Inputs the event form is made of: a searchable time-zone box, reminders and a list of dates."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from commrel.timeutil import all_zones, is_valid_zone, local_zone_name

from ..formatting import counted
from ..widgets.calendar_common import day_text
from ..widgets.date_edits import date_edit

_UNITS = [("minutes", 1), ("hours", 60), ("days", 1440), ("weeks", 10080)]


class ZoneCombo(QComboBox):
    """Every IANA zone; type any part of a name ("paris", "new_y") to find it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(all_zones())
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(18)
        self.set_zone(local_zone_name())

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        at = self.findText(name)
        if at >= 0:
            self.setCurrentIndex(at)
        else:
            self.setEditText(name)

    def is_valid(self) -> bool:
        return is_valid_zone(self.zone())


def reminder_text(minutes: int, tr) -> str:
    """"15 minutes before", "2 hours before", "1 day before"; ``tr`` translates."""
    if minutes == 0:
        return tr("At the start")
    unit, size = next((u, s) for u, s in reversed(_UNITS) if minutes % s == 0)
    one, many = {"minutes": (tr("1 minute before"), tr("{0} minutes before")),
                 "hours": (tr("1 hour before"), tr("{0} hours before")),
                 "days": (tr("1 day before"), tr("{0} days before")),
                 "weeks": (tr("1 week before"), tr("{0} weeks before"))}[unit]
    return counted(minutes // size, one, many)


class RemindersEdit(QWidget):
    """Reminder offsets before the start: a number and a unit, added to a short list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Reminders"))
        self.list.setMaximumHeight(70)
        self.amount = QSpinBox()
        self.amount.setRange(0, 999)
        self.amount.setValue(1)
        self.amount.setAccessibleName(self.tr("How long before"))
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Unit"))
        for unit, size in _UNITS:
            self.unit.addItem({"minutes": self.tr("minutes"), "hours": self.tr("hours"), "days": self.tr("days"),
                               "weeks": self.tr("weeks")}[unit], size)
        self.unit.setCurrentIndex(2)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add reminder"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove reminder"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.amount, self.unit, self.add_button, self.remove_button):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def minutes(self) -> list[int]:
        return sorted({self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())})

    def set_minutes(self, values: list[int]) -> None:
        self.list.clear()
        for m in sorted(set(values)):
            item = QListWidgetItem(reminder_text(m, self.tr))
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.list.addItem(item)

    def _add(self) -> None:
        self.set_minutes(self.minutes() + [self.amount.value() * self.unit.currentData()])
        self.changed.emit()

    def _remove(self) -> None:
        for item in self.list.selectedItems() or ([self.list.item(self.list.count() - 1)] if self.list.count() else []):
            self.list.takeItem(self.list.row(item))
        self.changed.emit()


class DateListEdit(QWidget):
    """A short list of dates (the skipped dates of a repeating event)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setMaximumHeight(70)
        self.day = date_edit(self.tr("Date to add"))
        self.add_button = QPushButton(self.tr("Skip this date"))
        self.remove_button = QPushButton(self.tr("Put back"))
        self.remove_button.setToolTip(self.tr("Take the chosen date off the list of skipped dates"))
        self.add_button.clicked.connect(lambda: self.add(self.day.date().toPython()))
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.day, self.add_button, self.remove_button):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def dates(self) -> list[date]:
        return sorted({self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())})

    def set_dates(self, days: list[date]) -> None:
        self.list.clear()
        for day in sorted(set(days)):
            item = QListWidgetItem(day_text(day))
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.list.addItem(item)

    def set_suggestion(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def add(self, day: date) -> None:
        self.set_dates(self.dates() + [day])
        self.changed.emit()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()
