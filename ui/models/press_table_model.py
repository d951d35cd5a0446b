"""The press register (releases, statements, advisories) and a media kit's files, as tables."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from commrel import db
from commrel.models import MediaKitFile, PressMaterial
from commrel.models.media import MATERIAL_KINDS, MATERIAL_STATUSES
from commrel.services import media, press

from ..formatting import choice_label, date_text

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Title", "Kind", "Date", "Status", "Media list", "File")
_MISSING = QColor(176, 0, 32)


class PressTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PressMaterial] = []
        self._lists: dict[int, str] = {}

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = press.materials() if db.is_open() else []
        self._lists = {m.id: m.name for m in media.lists()} if db.is_open() else {}
        self.endResetModel()

    def row_at(self, row: int) -> PressMaterial | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, material_id: int) -> int | None:
        return next((n for n, m in enumerate(self._rows) if m.id == material_id), None)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(m, index.column())
        if role == ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5 and m.file_path:
            return m.file_path
        return None

    def _text(self, m: PressMaterial, column: int) -> str:
        if column == 0:
            return m.title
        if column == 1:
            return choice_label(MATERIAL_KINDS, m.kind)
        if column == 2:
            return date_text(m.issued_on)
        if column == 3:
            return choice_label(MATERIAL_STATUSES, m.status)
        if column == 4:
            return self._lists.get(m.media_list_id, "") if m.media_list_id else ""
        return Path(m.file_path).name if m.file_path else ""


class KitFileTableModel(QAbstractTableModel):
    HEADERS = ("File", "Folder")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MediaKitFile] = []
        self._present: list[bool] = []

    def set_kit(self, kit_id: int | None) -> None:
        self.beginResetModel()
        self._rows = press.kit_files(kit_id) if kit_id is not None and db.is_open() else []
        self._present = [Path(f.path).is_file() for f in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> MediaKitFile | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def missing(self) -> int:
        return self._present.count(False)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f, present = self._rows[index.row()], self._present[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = (f.label or Path(f.path).name) if index.column() == 0 else str(Path(f.path).parent)
            if role == Qt.ItemDataRole.AccessibleTextRole and not present and index.column() == 0:
                return self.tr("{0} (missing)").format(text)
            return text
        if role == ID_ROLE:
            return f.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.path if present else self.tr("Missing: {0}").format(f.path)
        if not present and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_MISSING)
        if not present and role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None
