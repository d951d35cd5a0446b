"""Open follow-ups across the register: overdue first and highlighted."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from commrel import db
from commrel.models import choices
from commrel.services import engagement
from commrel.services.engagement import FollowUp

from ..formatting import choice_label, date_text

ITEM_ROLE = Qt.ItemDataRole.UserRole
DONE_COLUMN = 0
_HEADERS = ["Done", "Due", "Follow-up", "With", "Channel", "Logged", "By"]
_OVERDUE_BACKGROUND = QColor(253, 226, 222)
_OVERDUE_TEXT = QColor(160, 20, 20)


class FollowUpTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[FollowUp] = []
        self._open = self._overdue = 0
        self.include_done = False
        self.today: date | None = None  # tests pin the day

    def refresh(self) -> None:
        self.beginResetModel()
        if db.is_open():
            self._items = engagement.follow_ups(include_done=self.include_done, today=self.today)
            self._open, self._overdue = engagement.follow_up_counts(today=self.today)
        else:
            self._items, self._open, self._overdue = [], 0, 0
        self.endResetModel()

    def open_count(self) -> int:
        """Open follow-ups across the register, listed or not."""
        return self._open

    def overdue_count(self) -> int:
        """Overdue follow-ups across the register, listed or not."""
        return self._overdue

    def cut_short(self) -> bool:
        """Whether there are more follow-ups than the list holds."""
        return len(self._items) >= engagement.FOLLOW_UP_LIMIT

    def item(self, row: int) -> FollowUp | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, interaction_id: int) -> int | None:
        for row, f in enumerate(self._items):
            if f.interaction_id == interaction_id:
                return row
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr(_HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole and section == DONE_COLUMN:
                return self.tr("Click, or press Space, to mark a follow-up done")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Not user-checkable: a click on the Done cell completes through the view, with undo.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.item(index.row())
        if f is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(f, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE_COLUMN:
            return Qt.CheckState.Checked if f.done else Qt.CheckState.Unchecked
        if role == ITEM_ROLE:
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DONE_COLUMN:
                return self.tr("Mark done") if not f.done else self.tr("Done")
            if f.overdue:
                return self.tr("Overdue since {0}").format(date_text(f.due))
            return self._text(f, column) or None
        if f.overdue and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_OVERDUE_BACKGROUND)
        if f.overdue and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_OVERDUE_TEXT)
        if f.overdue and role == Qt.ItemDataRole.FontRole and column == 1:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, f: FollowUp, column: int) -> str:
        if column == DONE_COLUMN:
            return ""
        if column == 1:
            return date_text(f.due) if f.due else self.tr("No date")
        if column == 2:
            return f.action
        if column == 3:
            return f.stakeholders
        if column == 4:
            return choice_label(choices.INTERACTION_CHANNELS, f.channel)
        if column == 5:
            return date_text(f.occurred_at)
        return f.staff
