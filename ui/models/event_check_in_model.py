"""Sign-in at the door: the people on the list matching what is typed, then matches from the register.

People on the list come first (not yet signed in before those who are), so the one at the door is the
top row more often than not.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from commrel.models import choices
from commrel.services import event_participants
from commrel.services import stakeholder_queries as queries

from ..formatting import choice_label, local_datetime

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, DETAIL, STATUS = range(3)
HEADERS = ["Name", "Organisation or contact", "Status"]
REGISTER_LIMIT = 25
SIGNED_IN = QColor("#1d6b39")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckInModel", text)


@dataclass(frozen=True)
class CheckInRow:
    stakeholder_id: int
    name: str
    detail: str
    on_list: bool
    rsvp: str = ""
    attended: bool = False
    checked_in_at: datetime | None = None

    def status(self) -> str:
        if self.attended:
            when = local_datetime(self.checked_in_at) if self.checked_in_at else None
            return _tr("Signed in {0}").format(f"{when:%H:%M}") if when else _tr("Signed in")
        if not self.on_list:
            return _tr("Not on the list")
        return choice_label(choices.RSVP_STATUSES, self.rsvp)


class CheckInModel(QAbstractTableModel):
    def __init__(self, event_id: int, parent=None):
        super().__init__(parent)
        self.event_id = event_id
        self.text = ""
        self._rows: list[CheckInRow] = []

    def search(self, text: str) -> None:
        self.beginResetModel()
        self.text = text.strip()
        listed = event_participants.participants(self.event_id, self.text)
        rows = [CheckInRow(p.stakeholder_id, p.display_name, p.organisation_name or p.email or p.phone, True,
                           p.rsvp, p.attended, p.checked_in_at) for p in listed]
        rows.sort(key=lambda r: r.attended)  # stable: by name within each group
        if len(self.text) >= 2:
            on_list = {r.stakeholder_id for r in rows}
            for r in queries.page(queries.StakeholderFilter(text=self.text), limit=REGISTER_LIMIT + len(on_list)):
                if r.id not in on_list and len(rows) - len(on_list) < REGISTER_LIMIT:
                    rows.append(CheckInRow(r.id, r.display_name, r.organisation_name or r.email or r.phone,
                                           False))
        self._rows = rows
        self.endResetModel()

    def row(self, n: int) -> CheckInRow | None:
        return self._rows[n] if 0 <= n < len(self._rows) else None

    def row_of(self, stakeholder_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.stakeholder_id == stakeholder_id), -1)

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
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.name, r.detail, r.status()][col]
        if role == ID_ROLE:
            return r.stakeholder_id
        if role == Qt.ItemDataRole.ForegroundRole and col == STATUS and r.attended:
            return SIGNED_IN
        if role == Qt.ItemDataRole.FontRole and col == STATUS and r.attended:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not r.on_list:
            return _tr("From the register: signing them in adds them to the list")
        return None
