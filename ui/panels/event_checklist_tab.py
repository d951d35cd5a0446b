"""An event's checklist: tasks with owner and due date, ticked off in place, the type's template a click away."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import checklists, events

from ..errors import show_error
from ..formatting import choice_label, counted
from ..models.event_checklist_table_model import ID_ROLE, WIDTHS, ChecklistTableModel
from .event_participants_tab import fit_columns


class EventChecklistTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ChecklistTableModel(self)
        self.model.changed.connect(self._changed)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.new_task = QLineEdit()
        self.new_task.setPlaceholderText(self.tr("Add a task and press Enter…"))
        self.new_task.setAccessibleName(self.tr("New task"))
        self.new_task.returnPressed.connect(self.add_task)
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.clicked.connect(self.add_task)
        self.template_button = QPushButton(self.tr("Apply &template"))
        self.delete_button = QPushButton(self.tr("De&lete task"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.template_button.clicked.connect(self.apply_template)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Checklist progress"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Checklist"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_columns(self.table, WIDTHS)
        top = QHBoxLayout()
        top.addWidget(self.new_task, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.template_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def load(self, event_id: int | None) -> None:
        self.model.load(event_id)
        if event_id is not None:
            event_type = events.get(event_id).type
            self.template_button.setToolTip(self.tr("Add the usual tasks for a {0}, due the right number of days "
                                                    "before it").format(choice_label(choices.EVENT_TYPES,
                                                                                     event_type).lower()))
        self._summarise()

    def _summarise(self) -> None:
        total = self.model.rowCount()
        done = sum(self.model.task(n).done for n in range(total))
        text = self.tr("{0} of {1} done").format(done, total) if total else self.tr("No tasks yet.")
        overdue = self.model.overdue_count()
        if overdue:
            text += " · " + counted(overdue, self.tr("1 overdue"), self.tr("{0} overdue"))
        self.summary.setText(text)

    def _changed(self) -> None:
        self._summarise()
        self.changed.emit()

    def add_task(self) -> None:
        title = self.new_task.text().strip()
        if not title or self.model.event_id is None:
            return
        try:
            checklists.add_task(self.model.event_id, title)
        except CommrelError as exc:
            show_error(self, exc)
            return
        self.new_task.clear()
        self.load(self.model.event_id)
        self.changed.emit()

    def apply_template(self) -> int:
        """Add the event type's default tasks; returns how many were added."""
        if self.model.event_id is None:
            return 0
        checklists.ensure_default_templates()
        try:
            added = checklists.apply_template(self.model.event_id)
        except CommrelError as exc:
            show_error(self, exc)
            return 0
        self.load(self.model.event_id)
        self.changed.emit()
        self.summary.setText(self.summary.text() + " · " + counted(
            len(added), self.tr("1 task added from the template"), self.tr("{0} tasks added from the template")))
        return len(added)

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        for index in rows:
            checklists.delete_task(self.model.index(index.row(), 0).data(ID_ROLE))
        self.load(self.model.event_id)
        self.changed.emit()
