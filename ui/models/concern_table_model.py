"""Concerns as a table: filtered and sorted by SQL, fetched a page at a time as the view scrolls.

Overdue rows stand out three ways, so colour is never the only sign: a tint,
a warning icon on the reference, and a tooltip saying what is late.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from commrel import db
from commrel.models import Concern, choices
from commrel.services import concern_clocks, concern_queries
from commrel.services.concern_queries import ConcernFilter
from commrel.timeutil import utcnow

from ..formatting import choice_label, date_text

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

OVERDUE_BACKGROUND = QColor("#fde7e6")
OVERDUE_TEXT = QColor("#9f1c14")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcernTableModel", text)


@dataclass(frozen=True)
class ConcernRow:
    """What a list or a board card shows of one concern, worked out once when it is fetched."""

    id: int
    reference: str
    received_at: datetime
    complainant: str
    category: str
    neighbourhood: str
    summary: str
    status: str
    owner: str
    acknowledge_due: datetime
    acknowledged: bool
    resolution_target: datetime
    closed: bool
    days_open: int
    acknowledge_overdue: bool
    resolution_overdue: bool
    interim_reminder: bool
    severity: str

    @property
    def overdue(self) -> bool:
        return self.acknowledge_overdue or self.resolution_overdue

    @classmethod
    def of(cls, concern: Concern, now: datetime) -> "ConcernRow":
        c = concern_clocks.clocks(concern, now)
        return cls(concern.id, concern.reference, concern.received_at, complainant_text(concern),
                   concern.category.name if concern.category_id else "", concern.neighbourhood, concern.summary,
                   concern.status, concern.owner, concern.acknowledge_due, concern.acknowledged_at is not None,
                   concern.resolution_target, concern.is_closed, c.days_open, c.acknowledge_overdue,
                   c.resolution_overdue, c.interim_reminder, concern.severity)


def complainant_text(concern: Concern) -> str:
    """How a list names the complainant: never the name of an anonymous or confidential one."""
    if concern.anonymous:
        return _tr("Anonymous")
    if concern.confidential:
        return _tr("Confidential")
    if concern.complainant_id is None:
        return _tr("Not recorded")
    return concern.complainant.display_name


def overdue_text(row: ConcernRow) -> str:
    """What is late, for tooltips and screen readers; "" when nothing is."""
    parts = []
    if row.acknowledge_overdue:
        parts.append(_tr("acknowledgement was due {0}").format(date_text(row.acknowledge_due)))
    if row.resolution_overdue:
        parts.append(_tr("resolution target was {0}").format(date_text(row.resolution_target)))
    return _tr("Overdue: {0}.").format("; ".join(parts)) if parts else ""


def warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str | None
    width: int


COLUMNS = [
    Column("reference", "Reference", "reference", 125),
    Column("received", "Received", "received_at", 88),
    Column("complainant", "Complainant", None, 130),
    Column("category", "Category", "category", 120),
    Column("neighbourhood", "Neighbourhood", "neighbourhood", 105),
    Column("summary", "Summary", "summary", 220),
    Column("status", "Status", "status", 110),
    Column("owner", "Owner", "owner", 95),
    Column("ack_due", "Ack due", "acknowledge_due", 95),
    Column("target", "Target", "resolution_target", 88),
    Column("days_open", "Days open", "days_open", 72),
]


class ConcernTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    refreshed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = ConcernFilter()
        self._sort, self._descending = "received_at", True
        self._rows: list[ConcernRow] = []
        self._count = 0
        self._now = utcnow()
        self._icon: QIcon | None = None

    # What is shown -------------------------------------------------------------

    def filter(self) -> ConcernFilter:
        return self._filter

    def set_filter(self, f: ConcernFilter) -> None:
        self._filter = replace(f)
        self.refresh()

    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def total(self) -> int:
        """How many concerns match the filter (not only those fetched so far)."""
        return self._count

    def refresh(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._now = utcnow()
        if db.is_open():
            self._count = concern_queries.count(self._filter, now=self._now)
            self._rows = self._fetch(0)
        else:
            self._count, self._rows = 0, []
        self.endResetModel()
        self.refreshed.emit()

    def _fetch(self, offset: int) -> list[ConcernRow]:
        found = concern_queries.list_concerns(self._filter, self._sort, self._descending, offset, self.PAGE_SIZE,
                                              now=self._now)
        return [ConcernRow.of(c, self._now) for c in found]

    def row_of(self, concern_id: int) -> int:
        """The row showing ``concern_id`` among those fetched, or -1."""
        return next((n for n, r in enumerate(self._rows) if r.id == concern_id), -1)

    def concern_row(self, row: int) -> ConcernRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # Qt model --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._count

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._count:
            return
        more = self._fetch(len(self._rows))
        if not more:  # rows were removed since the count was taken
            self._count = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort is None:
            return _tr("This column cannot be sorted.")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, key = self._rows[index.row()], COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.overdue:
                return overdue_text(row)
            return row.summary if key == "summary" else None
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and row.overdue:
            return overdue_text(row)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            late = (key == "ack_due" and row.acknowledge_overdue) or (key == "target" and row.resolution_overdue)
            # The tint is light in every theme, so dark text stays readable on it.
            return OVERDUE_TEXT if late or key == "reference" else QColor("#1f1f1f")
        if role == Qt.ItemDataRole.DecorationRole and key == "reference" and row.overdue:
            if self._icon is None:
                self._icon = warning_icon()
            return self._icon
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "days_open":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: ConcernRow, key: str) -> str:
        if key == "reference":
            return row.reference
        if key == "received":
            return date_text(row.received_at)
        if key == "status":
            return choice_label(choices.CONCERN_STATUSES, row.status)
        if key == "ack_due":
            return _tr("Acknowledged") if row.acknowledged else date_text(row.acknowledge_due)
        if key == "target":
            return "" if row.closed else date_text(row.resolution_target)
        if key == "days_open":
            return str(row.days_open)
        return getattr(row, key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        self._sort = COLUMNS[column].sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        # A header restored at startup sorts before the panel is ever shown; load on first show.
        if getattr(self, "_loaded", False):
            self.refresh()
