"""Who is on an event's list: role and reply chosen in place, attendance ticked; every change is saved at once.

Reloading keeps the rows in place (and the cell being worked on) when the same people are still listed,
so a change made elsewhere does not throw the officer out of the table.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import event_participants
from commrel.services.event_participants import Participant

from ..formatting import choice_label, datetime_text, local_datetime

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, ROLE, RSVP, ATTENDED = range(4)
HEADERS = ["Name", "Role", "Reply", "Attended"]
# The name (with the organisation after it) takes what is left.
WIDTHS = [None, 70, 90, 84]
# Which choices an editable column offers (the delegate reads these).
CHOICES = {ROLE: choices.PARTICIPANT_ROLES, RSVP: choices.RSVP_STATUSES}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParticipantTableModel", text)


class ParticipantTableModel(QAbstractTableModel):
    changed = Signal()  # a reply, role or attendance was saved
    failed = Signal(object)  # the service refused a change: the exception

    def __init__(self, parent=None):
        super().__init__(parent)
        self.event_id: int | None = None
        self.text = ""
        self._rows: list[Participant] = []

    def load(self, event_id: int | None, text: str = "") -> None:
        self.event_id, self.text = event_id, text
        rows = event_participants.participants(event_id, text) if event_id is not None else []
        if [r.stakeholder_id for r in rows] == [r.stakeholder_id for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def participant(self, row: int) -> Participant | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, stakeholder_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.stakeholder_id == stakeholder_id), -1)

    # Qt model --------------------------------------------------------------------------------

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
        if index.column() in CHOICES:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == ATTENDED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, col)
        if role == Qt.ItemDataRole.EditRole:
            return {ROLE: p.role, RSVP: p.rsvp}.get(col, self._text(p, col))
        if role == Qt.ItemDataRole.CheckStateRole and col == ATTENDED:
            return Qt.CheckState.Checked if p.attended else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return p.stakeholder_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NAME:
                lines = [" · ".join(t for t in (p.display_name, p.organisation_name) if t),
                         " · ".join(t for t in (p.email, p.phone) if t)]
                if p.do_not_contact:
                    lines.append(_tr("Marked do-not-contact: do not send them invitations or updates."))
                return "\n".join(t for t in lines if t)
            if col in CHOICES:
                return _tr("Double-click or press F2 to change")
            if col == ATTENDED and p.checked_in_at:
                return _tr("Signed in {0}").format(datetime_text(p.checked_in_at))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == ATTENDED:
            return _tr("Attended") if p.attended else _tr("Not signed in")
        return None

    @staticmethod
    def _text(p: Participant, col: int) -> str:
        if col == NAME:
            name = p.display_name + (" ⊘" if p.do_not_contact else "")
            return f"{name} — {p.organisation_name}" if p.organisation_name else name
        if col == ROLE:
            return choice_label(choices.PARTICIPANT_ROLES, p.role)
        if col == RSVP:
            return choice_label(choices.RSVP_STATUSES, p.rsvp)
        if col == ATTENDED and p.checked_in_at:
            return f"{local_datetime(p.checked_in_at):%H:%M}"
        return ""

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or self.event_id is None or not 0 <= index.row() < len(self._rows):
            return False
        p, col = self._rows[index.row()], index.column()
        try:
            if col == ROLE and role == Qt.ItemDataRole.EditRole:
                if value == p.role:
                    return False
                saved = event_participants.set_role(self.event_id, p.stakeholder_id, value)
            elif col == RSVP and role == Qt.ItemDataRole.EditRole:
                if value == p.rsvp:
                    return False
                saved = event_participants.set_rsvp(self.event_id, p.stakeholder_id, value)
            elif col == ATTENDED and role == Qt.ItemDataRole.CheckStateRole:
                checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
                saved = event_participants.set_attended(self.event_id, p.stakeholder_id, checked)
            else:
                return False
        except CommrelError as exc:
            self.failed.emit(exc)
            return False
        self._rows[index.row()] = replace(p, role=saved.role, rsvp=saved.rsvp, attended=saved.attended,
                                          checked_in_at=saved.checked_in_at)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.changed.emit()
        return True
