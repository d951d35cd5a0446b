"""The events list's filters: text as you type, status, type and (in the list) which dates."""
from __future__ import annotations

import json
from datetime import date, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from commrel.models import choices
from commrel.services.events import EventFilter

from ..formatting import choice_label

# (label, code) of the "when" filter; the calendar views show their own range and ignore it.
_WHEN = [("Upcoming", "upcoming"), ("Past", "past"), ("Any date", "any")]
NOT_CANCELLED = "not_cancelled"


class EventFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search title, venue, description, tags…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search events"))
        self.search.setMinimumWidth(240)
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Status"))
        self.status.addItem(tr("Any status"), "")
        self.status.addItem(tr("Not cancelled"), NOT_CANCELLED)
        for code in choices.EVENT_STATUSES:
            self.status.addItem(choice_label(choices.EVENT_STATUSES, code), code)
        self.type = QComboBox()
        self.type.setAccessibleName(tr("Type"))
        self.type.addItem(tr("Any type"), "")
        for code in choices.EVENT_TYPES:
            self.type.addItem(choice_label(choices.EVENT_TYPES, code), code)
        self.when = QComboBox()
        self.when.setAccessibleName(tr("Dates"))
        for label, code in _WHEN:
            self.when.addItem(tr(label), code)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        for w in (self.status, self.type, self.when):
            layout.addWidget(w)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.status, self.type, self.when):
            combo.currentIndexChanged.connect(self.changed)

    def event_filter(self, *, with_dates: bool = True) -> EventFilter:
        status, kind = self.status.currentData(), self.type.currentData()
        statuses = tuple(s for s in choices.EVENT_STATUSES if s != "cancelled") if status == NOT_CANCELLED \
            else (status,) if status else ()
        f = EventFilter(text=self.search.text().strip(), statuses=statuses, types=(kind,) if kind else ())
        when = self.when.currentData()
        if with_dates and when == "upcoming":
            f.date_from = date.today()
        elif with_dates and when == "past":
            f.date_to = date.today() - timedelta(days=1)
        return f

    def set_dates_visible(self, visible: bool) -> None:
        self.when.setVisible(visible)

    def state(self) -> str:
        return json.dumps({"status": self.status.currentData(), "type": self.type.currentData(),
                           "when": self.when.currentData()})

    def restore(self, text: str) -> None:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return
        for combo, key in ((self.status, "status"), (self.type, "type"), (self.when, "when")):
            at = combo.findData(data.get(key))
            if at >= 0:
                combo.setCurrentIndex(at)
