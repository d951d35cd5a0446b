"""The register to pick invitees from: searched and paged by SQL, a tick box on each row.

Ticks are kept by id, so they survive a new search. People already on the list cannot be ticked again;
do-not-contact and archived people are marked, and the invitation leaves them out and says so.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from commrel.models import choices
from commrel.services import event_participants
from commrel.services import stakeholder_queries as queries
from commrel.services.stakeholder_queries import StakeholderFilter, StakeholderRow

from ..formatting import choice_label

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, TYPE, ORGANISATION, NEIGHBOURHOOD, NOTE = range(5)
HEADERS = ["Name", "Type", "Organisation", "Neighbourhood", "Note"]
WIDTHS = [None, 120, None, 120, 190]
WARNING_TEXT = QColor("#9f1c14")


def _tr(text: str) -> str:
    return QCoreApplication.translate("InviteeTableModel", text)


class InviteeTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    checked_changed = Signal()

    def __init__(self, event_id: int, parent=None):
        super().__init__(parent)
        self.event_id = event_id
        self.text = ""
        self.checked: set[int] = set()
        self.invited: set[int] = set()
        self._rows: list[StakeholderRow] = []
        self._count = 0

    def search(self, text: str) -> None:
        self.beginResetModel()
        self.text = text
        self.invited = {p.stakeholder_id for p in event_participants.participants(self.event_id)}
        f = self._filter()
        self._count = queries.count(f)
        self._rows = queries.page(f, limit=self.PAGE_SIZE)
        self.endResetModel()

    def _filter(self) -> StakeholderFilter:
        return StakeholderFilter(text=self.text.strip())

    def total(self) -> int:
        return self._count

    def set_checked(self, stakeholder_ids, checked: bool = True) -> None:
        ids = set(stakeholder_ids) - self.invited
        self.checked = (self.checked | ids) if checked else (self.checked - ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.checked_changed.emit()

    def visible_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    # Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._count

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._count:
            return
        more = queries.page(self._filter(), offset=len(self._rows), limit=self.PAGE_SIZE)
        if not more:
            self._count = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME and self._rows[index.row()].id not in self.invited:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def note(self, r: StakeholderRow) -> str:
        if r.id in self.invited:
            return _tr("Already invited")
        if r.archived:
            return _tr("Archived: will be left out")
        if r.do_not_contact:
            return _tr("Do not contact: will be left out")
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.display_name, choice_label(choices.STAKEHOLDER_TYPES, r.type), r.organisation_name,
                    r.neighbourhood, self.note(r)][col]
        if role == Qt.ItemDataRole.CheckStateRole and col == NAME:
            if r.id in self.invited:
                return Qt.CheckState.Checked
            return Qt.CheckState.Checked if r.id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and col == NOTE and (r.do_not_contact or r.archived) \
                and r.id not in self.invited:
            return WARNING_TEXT
        if role == ID_ROLE:
            return r.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or index.column() != NAME or role != Qt.ItemDataRole.CheckStateRole:
            return False
        r = self._rows[index.row()]
        if r.id in self.invited:
            return False
        checked = value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked
        (self.checked.add if checked else self.checked.discard)(r.id)
        self.dataChanged.emit(index, index)
        self.checked_changed.emit()
        return True
