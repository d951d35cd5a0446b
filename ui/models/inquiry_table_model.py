"""Journalists' inquiries as a table, soonest deadline first; overdue ones stand out."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from commrel import db
from commrel.models.media import INQUIRY_STATUSES
from commrel.services import media
from commrel.services.media import InquiryRow
from commrel.timeutil import utcnow

from ..formatting import choice_label, datetime_text

ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2

HEADERS = ("Deadline", "Journalist", "Outlet", "Question", "Assigned to", "Status", "Received")
_OVERDUE_TEXT = QColor(176, 0, 32)
_OVERDUE_BACK = QColor(220, 40, 40, 38)  # a tint that reads on light and dark palettes


def duration_text(delta: timedelta) -> str:
    """A short, readable span, rounded down: "25 min", "1 h 40 min", "3 h", "2 d 4 h"."""
    minutes = max(int(delta.total_seconds() // 60), 1)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    tr = lambda text: QCoreApplication.translate("InquiryTableModel", text)  # noqa: E731
    if days:
        return tr("{0} d {1} h").format(days, hours) if hours else tr("{0} d").format(days)
    if hours == 1 and mins:
        return tr("{0} h {1} min").format(hours, mins)
    if hours:
        return tr("{0} h").format(hours)
    return tr("{0} min").format(mins)


class InquiryTableModel(QAbstractTableModel):
    def __init__(self, parent=None, *, now: Callable[[], datetime] = utcnow):
        super().__init__(parent)
        self._rows: list[InquiryRow] = []
        self._open_only = True
        self._now = now
        self._at = now()

    def set_open_only(self, open_only: bool) -> None:
        self._open_only = open_only
        self.refresh()

    def open_only(self) -> bool:
        return self._open_only

    def refresh(self) -> None:
        self.beginResetModel()
        self._at = self._now()
        self._rows = media.inquiries(open_only=self._open_only, now=self._at) if db.is_open() else []
        self.endResetModel()

    def row_at(self, row: int) -> InquiryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, inquiry_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == inquiry_id), None)

    def overdue_count(self) -> int:
        return sum(1 for r in self._rows if r.overdue)

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, column)
        if role == ID_ROLE:
            return r.id
        if role == OVERDUE_ROLE:
            return r.overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return r.question
            return self._deadline_note(r)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            note = self._deadline_note(r)
            text = self._text(r, column)
            return f"{text} ({note})" if note and column == 0 else text
        if not r.overdue:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_OVERDUE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_OVERDUE_BACK)
        if role == Qt.ItemDataRole.FontRole and column in (0, 5):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _text(self, r: InquiryRow, column: int) -> str:
        if column == 0:
            return datetime_text(r.deadline) if r.deadline else self.tr("No deadline")
        if column == 3:
            return " ".join(r.question.split())[:160]
        if column == 5:
            label = choice_label(INQUIRY_STATUSES, r.status)
            return self.tr("Overdue") if r.overdue else label
        if column == 6:
            return datetime_text(r.received_at)
        return (None, r.journalist, r.outlet, None, r.assigned_to)[column] or ""

    def _deadline_note(self, r: InquiryRow) -> str:
        if r.status != "open" or r.deadline is None:
            return ""
        if r.overdue:
            return self.tr("Overdue by {0}").format(duration_text(self._at - r.deadline))
        return self.tr("Due in {0}").format(duration_text(r.deadline - self._at))
