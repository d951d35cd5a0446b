"""An event's checklist: tick tasks off, rename them, give them an owner and a due date, in place.

Overdue tasks stand out by a tint, dark red text and a tooltip saying when they were due, so colour is
never the only sign.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from commrel.errors import CommrelError
from commrel.services import checklists
from commrel.services.checklists import Task

from ..formatting import date_text

ID_ROLE = Qt.ItemDataRole.UserRole
DONE, TITLE, OWNER, DUE = range(4)
HEADERS = ["Done", "Task", "Owner", "Due"]
WIDTHS = [52, None, 110, 100]
OVERDUE_BACKGROUND = QColor("#fde7e6")
OVERDUE_TEXT = QColor("#9f1c14")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChecklistTableModel", text)


class ChecklistTableModel(QAbstractTableModel):
    changed = Signal()
    failed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.event_id: int | None = None
        self._rows: list[Task] = []

    def load(self, event_id: int | None) -> None:
        self.beginResetModel()
        self.event_id = event_id
        self._rows = checklists.tasks(event_id) if event_id is not None else []
        self.endResetModel()

    def task(self, row: int) -> Task | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def overdue_count(self) -> int:
        return sum(t.overdue for t in self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | (Qt.ItemFlag.ItemIsUserCheckable if index.column() == DONE else Qt.ItemFlag.ItemIsEditable)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {TITLE: t.title, OWNER: t.owner, DUE: date_text(t.due)}.get(col)
        if role == Qt.ItemDataRole.EditRole:
            if col == DUE:
                day = t.due or date.today()
                return QDate(day.year, day.month, day.day)
            return {TITLE: t.title, OWNER: t.owner}.get(col)
        if role == Qt.ItemDataRole.CheckStateRole and col == DONE:
            return Qt.CheckState.Checked if t.done else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return t.id
        if t.overdue:
            if role == Qt.ItemDataRole.BackgroundRole:
                return OVERDUE_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_TEXT
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                return _tr("Overdue: was due {0}").format(date_text(t.due))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == DONE:
            return _tr("Done") if t.done else _tr("Not done")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        t, col = self._rows[index.row()], index.column()
        if col == DONE and role == Qt.ItemDataRole.CheckStateRole:
            changes = {"done": value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked}
        elif col == TITLE and role == Qt.ItemDataRole.EditRole:
            changes = {"title": str(value)}
        elif col == OWNER and role == Qt.ItemDataRole.EditRole:
            changes = {"owner": str(value)}
        elif col == DUE and role == Qt.ItemDataRole.EditRole:
            changes = {"due": value.toPython() if isinstance(value, QDate) else value}
        else:
            return False
        try:
            checklists.update_task(t.id, **changes)
        except CommrelError as exc:
            self.failed.emit(exc)
            return False
        fresh = next((x for x in checklists.tasks(t.event_id) if x.id == t.id), None)
        if fresh is None:
            return False
        self._rows[index.row()] = fresh
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.changed.emit()
        return True
