"""A short list of people: a media list's members, or who received a press material."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication, QStyle

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str
    note: str = ""
    left_out: bool = False  # shown muted with a warning sign: will not receive anything


class MediaPeopleTableModel(QAbstractTableModel):
    def __init__(self, headers: tuple[str, str, str] = ("Name", "Email", "Note"), parent=None):
        super().__init__(parent)
        self._headers = headers
        self._rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self.tr(self._headers[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (r.name, r.email, r.note)[index.column()]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole and r.note:
            return r.note
        if r.left_out and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if r.left_out and role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogNoButton)
        return None
