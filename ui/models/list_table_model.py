"""A small read-only table over a Python list: timelines, history, links of one record."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

ITEM_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ListColumn:
    title: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None


class ListTableModel(QAbstractTableModel):
    """Rows are plain objects; each column says how to show one of them."""

    def __init__(self, columns: Sequence[ListColumn], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[Any] = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[Any]:
        return list(self._items)

    def item(self, row: int) -> Any:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.text)(item) or None
        if role == ITEM_ROLE:
            return item
        return None
