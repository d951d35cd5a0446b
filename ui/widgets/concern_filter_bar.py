"""The filters above the concern list and board; every change gives a new ConcernFilter."""
from __future__ import annotations

import json
from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QWidget)

from commrel import db
from commrel.models import choices
from commrel.services import concern_clocks, concern_queries
from commrel.services.concern_queries import ConcernFilter
from commrel.users import current_user

from ..formatting import choice_label
from .date_edits import date_edit

class ConcernFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Search reference, summary, location…"))
        self.text.setClearButtonEnabled(True)
        self.status = self._combo(self.tr("Status"))
        self.status.addItem(self.tr("Any status"), "")
        for code in choices.CONCERN_STATUSES:
            self.status.addItem(choice_label(choices.CONCERN_STATUSES, code), code)
        self.category = self._combo(self.tr("Category"))
        self.neighbourhood = self._combo(self.tr("Neighbourhood"))
        self.owner = self._combo(self.tr("Owner"))
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.overdue = QCheckBox(self.tr("O&verdue"))
        self.mine = QCheckBox(self.tr("&My concerns"))
        self.between = QCheckBox(self.tr("&Received between"))
        today = date.today()
        self.received_from = self._date(self.tr("Received from"), today - timedelta(days=90))
        self.received_to = self._date(self.tr("Received to"), today)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.text.setAccessibleName(self.tr("Search concerns"))
        for box, tip in ((self.open_only, self.tr("Hide closed, rejected and referred concerns")),
                         (self.overdue, self.tr("Only concerns past their acknowledgement or resolution date")),
                         (self.mine, self.tr("Only concerns you own"))):
            box.setToolTip(tip)
            box.setAccessibleName(box.text().replace("&", ""))
        self.between.setAccessibleName(self.tr("Filter by date received"))
        grid.addWidget(self.text, 0, 0, 1, 2)
        for n, (label, combo) in enumerate(((self.tr("S&tatus:"), self.status),
                                            (self.tr("&Category:"), self.category),
                                            (self.tr("&Neighbourhood:"), self.neighbourhood),
                                            (self.tr("O&wner:"), self.owner))):
            caption = QLabel(label)
            caption.setBuddy(combo)
            pair = QHBoxLayout()
            pair.addWidget(caption)
            pair.addWidget(combo, 1)
            grid.addLayout(pair, 0, 2 + n)
        checks = QHBoxLayout()
        for widget in (self.open_only, self.overdue, self.mine, self.between, self.received_from,
                       QLabel(self.tr("and")), self.received_to):
            checks.addWidget(widget)
        checks.addStretch(1)
        checks.addWidget(self.clear_button)
        grid.addLayout(checks, 1, 0, 1, 6)
        grid.setColumnStretch(1, 1)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.changed)
        self.text.textChanged.connect(lambda _: self._timer.start())
        for combo in (self.status, self.category, self.neighbourhood, self.owner):
            combo.currentIndexChanged.connect(self._emit)
        for box in (self.open_only, self.overdue, self.mine, self.between):
            box.toggled.connect(self._emit)
        self.received_from.dateChanged.connect(self._emit)
        self.received_to.dateChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        self._quiet = False
        self._sync_enabled()
        self.reload_choices()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    def _date(self, name: str, day: date) -> QDateEdit:
        return date_edit(name, day)

    def _emit(self, *_args) -> None:
        self._sync_enabled()
        if not self._quiet:
            self.changed.emit()

    def _sync_enabled(self) -> None:
        self.owner.setEnabled(not self.mine.isChecked())
        for edit in (self.received_from, self.received_to):
            edit.setEnabled(self.between.isChecked())

    def reload_choices(self) -> None:
        """Fill the category, neighbourhood and owner lists again, keeping what is chosen."""
        if not db.is_open():
            return
        keep = (self.category.currentData(), self.neighbourhood.currentData(), self.owner.currentData())
        self._quiet = True
        try:
            self._fill(self.category, [(self.tr("Any category"), None)]
                       + [(c.name if c.parent_id is None else f"    {c.name}", c.id)
                          for c in concern_clocks.list_categories(all_levels=True)], keep[0])
            self._fill(self.neighbourhood, [(self.tr("Anywhere"), "")]
                       + [(n, n) for n in concern_queries.neighbourhoods()], keep[1])
            self._fill(self.owner, [(self.tr("Anyone"), None), (self.tr("Unassigned"), "")]
                       + [(o, o) for o in concern_queries.owners()], keep[2])
        finally:
            self._quiet = False

    @staticmethod
    def _fill(combo: QComboBox, items, keep) -> None:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        at = next((n for n, (_, data) in enumerate(items) if data == keep and data is not None), 0)
        combo.setCurrentIndex(at)

    # The filter ------------------------------------------------------------------

    def concern_filter(self) -> ConcernFilter:
        owner = self.owner.currentData()
        if self.mine.isChecked():
            owner = current_user()
        status = self.status.currentData()
        between = self.between.isChecked()
        return ConcernFilter(
            text=self.text.text().strip(), statuses=(status,) if status else (),
            open_only=self.open_only.isChecked(), overdue_only=self.overdue.isChecked(),
            category_id=self.category.currentData(), neighbourhood=self.neighbourhood.currentData() or "",
            owner=owner, received_from=self.received_from.date().toPython() if between else None,
            received_to=self.received_to.date().toPython() if between else None)

    def clear(self) -> None:
        self._quiet = True
        try:
            self.text.clear()
            for combo in (self.status, self.category, self.neighbourhood, self.owner):
                combo.setCurrentIndex(0)
            for box in (self.open_only, self.overdue, self.mine, self.between):
                box.setChecked(False)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    def state(self) -> str:
        """The chosen filters as text, to remember between sessions."""
        return json.dumps({
            "text": self.text.text(), "status": self.status.currentData(), "category": self.category.currentData(),
            "neighbourhood": self.neighbourhood.currentData(), "owner": self.owner.currentData(),
            "open_only": self.open_only.isChecked(), "overdue": self.overdue.isChecked(),
            "mine": self.mine.isChecked(), "between": self.between.isChecked(),
            "from": self.received_from.date().toString("yyyy-MM-dd"),
            "to": self.received_to.date().toString("yyyy-MM-dd")})

    def restore(self, text: str) -> None:
        try:
            state = json.loads(text) if text else {}
        except ValueError:
            return
        self._quiet = True
        try:
            self.text.setText(state.get("text", ""))
            for combo, key in ((self.status, "status"), (self.category, "category"),
                               (self.neighbourhood, "neighbourhood"), (self.owner, "owner")):
                at = combo.findData(state.get(key)) if state.get(key) is not None else 0
                combo.setCurrentIndex(max(at, 0))
            for box, key in ((self.open_only, "open_only"), (self.overdue, "overdue"), (self.mine, "mine"),
                             (self.between, "between")):
                box.setChecked(bool(state.get(key)))
            for edit, key in ((self.received_from, "from"), (self.received_to, "to")):
                day = QDate.fromString(state.get(key, ""), "yyyy-MM-dd")
                if day.isValid():
                    edit.setDate(day)
        finally:
            self._quiet = False
        self._timer.stop()
        self._sync_enabled()
