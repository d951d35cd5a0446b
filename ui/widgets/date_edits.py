"""Date and date-time inputs that read well in every locale."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, QLocale
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit


def _plain_locale() -> bool:
    # The "C" locale's short format ("22 11 2026") reads worse than ISO dates.
    return QLocale().language() == QLocale.Language.C


def date_edit(name: str, day: date | None = None) -> QDateEdit:
    """A date input with a calendar popup, named for screen readers."""
    edit = QDateEdit(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    if _plain_locale():
        edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def datetime_edit(name: str, value: QDateTime | None = None) -> QDateTimeEdit:
    """A date-and-time input (default now) with a calendar popup, named for screen readers."""
    edit = QDateTimeEdit(value or QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    if _plain_locale():
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit
