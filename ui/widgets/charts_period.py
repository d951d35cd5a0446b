"""The period a dashboard or report covers: a named period or two dates, remembered for next time."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from commrel.reports.engagement import PERIODS, period_range

from .. import settings
from .date_edits import date_edit


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
        names = {"this_month": self.tr("This month"), "last_3_months": self.tr("Last 3 months"),
                 "last_12_months": self.tr("Last 12 months"), "custom": self.tr("Custom dates")}
        for key in PERIODS:
            self.combo.addItem(names[key], key)
        start, end = period_range(default, date.today())
        self.start_edit = date_edit(self.tr("Period start"), start)
        self.end_edit = date_edit(self.tr("Period end"), end)
        self.dash = QLabel("–")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self.combo)
        for widget in (label, self.combo, self.start_edit, self.dash, self.end_edit):
            layout.addWidget(widget)
        self._restore(default)
        self.combo.currentIndexChanged.connect(self._kind_changed)
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)

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
            self._set_dates(*period_range(self.kind if self.kind != "custom" else default, date.today()))
        self._show_dates()

    @property
    def kind(self) -> str:
        return self.combo.currentData()

    def period(self) -> tuple[date, date]:
        if self.kind == "custom":
            return period_range("custom", date.today(), (_day(self.start_edit.date()), _day(self.end_edit.date())))
        return period_range(self.kind, date.today())

    def set_kind(self, kind: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(kind))

    def set_custom(self, start: date, end: date) -> None:
        self.set_kind("custom")
        self._set_dates(start, end)
        self._dates_changed()

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _show_dates(self) -> None:
        custom = self.kind == "custom"
        for widget in (self.start_edit, self.dash, self.end_edit):
            widget.setVisible(custom)

    def _kind_changed(self) -> None:
        if self.kind != "custom":
            self._set_dates(*self.period())
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
