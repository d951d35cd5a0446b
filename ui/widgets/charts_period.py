"""The period a dashboard or report covers: a named period or two dates, remembered for next time.

The chooser is in the dashboard's first frame, so it puts off what most
starts never need: the dates of a named period come from the report code
(``commrel.reports.engagement``), loaded when they are first asked for, and
the date edits are made when custom dates are first chosen. The dashboard
hands its worker the choice itself (``choice()``), so the window shows
before the report code has loaded.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from .. import settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDateEdit

# A period as chosen: its kind, and the two dates when the kind is "custom".
PeriodChoice = tuple[str, "tuple[date, date] | None"]


def _period_range(kind: str, today: date, custom: tuple[date, date] | None = None) -> tuple[date, date]:
    from commrel.reports.engagement import period_range

    return period_range(kind, today, custom)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChooser(QWidget):
    """This month, the last 3 or 12 months, or custom dates; ``period_changed`` gives (start, end)."""

    period_changed = Signal(object, object)

    def __init__(self, settings_group: str, parent: QWidget | None = None, *, default: str = "last_3_months"):
        super().__init__(parent)
        self._group = settings_group
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Period"))
        # The report code's PERIODS, in its order, each with its label (a test holds the two together).
        names = {"this_month": self.tr("This month"), "last_3_months": self.tr("Last 3 months"),
                 "last_12_months": self.tr("Last 12 months"), "custom": self.tr("Custom dates")}
        for key, name in names.items():
            self.combo.addItem(name, key)
        # The date edits show only for custom dates: they are made, and filled, when first needed.
        self.start_edit: QDateEdit | None = None
        self.end_edit: QDateEdit | None = None
        self._dates_filled = False
        self._named_kind = default
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self.combo)
        self._layout.addWidget(label)
        self._layout.addWidget(self.combo)
        self._restore(default)
        self.combo.currentIndexChanged.connect(self._kind_changed)

    def _date_edits(self) -> tuple[QDateEdit, QDateEdit]:
        if self.start_edit is None:
            from .date_edits import date_edit

            self.start_edit = date_edit(self.tr("Period start"), date.today())
            self.end_edit = date_edit(self.tr("Period end"), date.today())
            self.dash = QLabel("–")
            for widget in (self.start_edit, self.dash, self.end_edit):
                widget.setVisible(False)
                self._layout.addWidget(widget)
            self.start_edit.dateChanged.connect(self._dates_changed)
            self.end_edit.dateChanged.connect(self._dates_changed)
        return self.start_edit, self.end_edit

    def _option(self, name: str, default: str):
        return settings.panel_option(self._group, name, str, default)

    def _restore(self, default: str) -> None:
        kind = self._option("period", default).get()
        index = self.combo.findData(kind)
        self.combo.setCurrentIndex(index if index >= 0 else self.combo.findData(default))
        try:
            start = date.fromisoformat(self._option("period_start", "").get())
            end = date.fromisoformat(self._option("period_end", "").get())
        except ValueError:
            start = end = None
        if self.kind == "custom" and start and end:
            self._set_dates(start, end)
        else:
            # A named period's dates (the starting point should custom dates be chosen) wait until then.
            self._named_kind = self.kind if self.kind != "custom" else default
            if self.kind == "custom":
                self._fill_dates()
        self._show_dates()

    def _fill_dates(self) -> None:
        if not self._dates_filled:
            self._set_dates(*_period_range(self._named_kind, date.today()))

    @property
    def kind(self) -> str:
        return self.combo.currentData()

    def choice(self) -> PeriodChoice:
        if self.kind == "custom":
            start, end = self._date_edits()
            return "custom", (_day(start.date()), _day(end.date()))
        return self.kind, None

    def period(self) -> tuple[date, date]:
        kind, custom = self.choice()
        return _period_range(kind, date.today(), custom)

    def set_kind(self, kind: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(kind))

    def set_custom(self, start: date, end: date) -> None:
        self.set_kind("custom")
        self._set_dates(start, end)
        self._dates_changed()

    def _set_dates(self, start: date, end: date) -> None:
        self._dates_filled = True
        for edit, day in zip(self._date_edits(), (start, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _show_dates(self) -> None:
        custom = self.kind == "custom"
        if custom:
            self._date_edits()
        elif self.start_edit is None:
            return
        for widget in (self.start_edit, self.dash, self.end_edit):
            widget.setVisible(custom)

    def _kind_changed(self) -> None:
        if self.kind != "custom":
            # Custom dates, if chosen next, start from this period's.
            self._named_kind, self._dates_filled = self.kind, False
        else:
            self._fill_dates()
        self._show_dates()
        self._emit()

    def _dates_changed(self) -> None:
        if self.kind == "custom":
            self._emit()

    def _emit(self) -> None:
        start, end = self.period()
        self._option("period", "").set(self.kind)
        self._option("period_start", "").set(start.isoformat())
        self._option("period_end", "").set(end.isoformat())
        self.period_changed.emit(start, end)
