"""Outlets and journalists (media stakeholders) with their media profile, loaded a page at a time."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from commrel import db
from commrel.models.media import OUTLET_KINDS, MediaProfile
from commrel.services import media
from commrel.services import stakeholder_queries as queries
from commrel.services.stakeholder_queries import StakeholderFilter, StakeholderRow

from ..formatting import choice_label

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Name", "Role", "Organisation", "Email", "Outlet kind", "Reach", "Beat", "Preferred contact")


class MediaContactTableModel(QAbstractTableModel):
    PAGE_SIZE = 200

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = StakeholderFilter(types=["media"])
        self._rows: list[StakeholderRow] = []
        self._profiles: dict[int, MediaProfile] = {}
        self._count = 0

    def set_text(self, text: str) -> None:
        self._filter = dataclasses.replace(self._filter, text=text)
        self.refresh()

    def total(self) -> int:
        return self._count

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows, self._profiles = [], {}
        self._count = queries.count(self._filter) if db.is_open() else 0
        if self._count:
            self._load(self.PAGE_SIZE)
        self.endResetModel()

    def _load(self, n: int) -> list[StakeholderRow]:
        rows = queries.page(self._filter, offset=len(self._rows), limit=n)
        self._profiles.update(media.profiles_for(r.id for r in rows))
        self._rows.extend(rows)
        return rows

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and len(self._rows) < self._count

    def fetchMore(self, parent=QModelIndex()):
        if parent.isValid():
            return
        start = len(self._rows)
        wanted = min(self.PAGE_SIZE, self._count - start)
        if wanted <= 0:
            return
        rows = queries.page(self._filter, offset=start, limit=wanted)
        if not rows:
            self._count = start  # someone deleted records in between
            return
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._profiles.update(media.profiles_for(r.id for r in rows))
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> StakeholderRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def profile_at(self, row: int) -> MediaProfile | None:
        r = self.row_at(row)
        return self._profiles.get(r.id) if r else None

    def find_row(self, stakeholder_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == stakeholder_id), None)

    def update_profile(self, stakeholder_id: int, profile: MediaProfile) -> None:
        """Show a profile just saved without reloading the whole list."""
        self._profiles[stakeholder_id] = profile
        row = self.find_row(stakeholder_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # Qt model API ------------------------------------------------------------

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
        r = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(r, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column == 0 and r.do_not_contact:
                return self.tr("{0} (do not contact)").format(text)
            return text
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and r.do_not_contact:
            return self.tr("{0} — do not contact").format(r.display_name)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and r.do_not_contact:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogNoButton)
        if role == Qt.ItemDataRole.ForegroundRole and r.do_not_contact:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: StakeholderRow, column: int) -> str:
        p = self._profiles.get(r.id)
        if column == 0:
            return r.display_name
        if column == 1:
            return self.tr("Outlet") if r.kind == "organisation" else self.tr("Journalist")
        if column == 2:
            return r.organisation_name
        if column == 3:
            return r.email
        if p is None:
            return ""
        if column == 4:
            return choice_label(OUTLET_KINDS, p.outlet_kind)
        if column == 5:
            return f"{p.reach:,}" if p.reach is not None else ""
        return (p.beat, p.preferred_contact)[column - 6]
