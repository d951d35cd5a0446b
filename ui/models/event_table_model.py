"""Events as a table: filtered and sorted by SQL, a page at a time; a repeating event is one row.

Also how an event's time reads everywhere on screen: in the event's own zone, naming the zone when it is
not this computer's.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPixmap

from commrel import db, recurrence
from commrel.models import Event, choices
from commrel.services import event_participants, events
from commrel.services.events import EventFilter
from commrel.timeutil import local_zone_name

from ..formatting import choice_label
from ..widgets.calendar_common import day_text, status_colour

ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("EventTableModel", text)


def zone_note(tz: str) -> str:
    """" (Europe/Paris)" when ``tz`` is not this computer's zone, else ""."""
    return "" if tz == local_zone_name() else f" ({tz})"


def when_text(event: Event, *, with_zone: bool = True) -> str:
    """"Tue 5 Mar 2024, 19:00–21:00", all-day "Tue 5 – Thu 7 Mar 2024", in the event's zone."""
    start, end = events.local_start(event), events.local_end(event)
    if event.all_day:
        first, last = events.all_day_dates(event)
        if first == last:
            return day_text(first)
        return f"{day_text(first, 'ddd d MMM')} – {day_text(last)}"
    if start.date() == (end - timedelta(microseconds=1)).date():
        text = f"{day_text(start.date())}, {start:%H:%M}–{end:%H:%M}"
    else:
        text = f"{day_text(start.date(), 'ddd d MMM')} {start:%H:%M} – {day_text(end.date())} {end:%H:%M}"
    return text + (zone_note(event.timezone) if with_zone else "")


def here_text(event: Event) -> str:
    """The start on this computer's clock, for a tooltip when the event's zone is another."""
    if event.all_day or event.timezone == local_zone_name():
        return ""
    here = events.local_start(event).astimezone()
    return _tr("{0} {1} on this computer's clock").format(day_text(here.date()), f"{here:%H:%M}")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    numeric: bool = False


COLUMNS = [
    Column("title", "Title", 210),
    Column("type", "Type", 105),
    Column("status", "Status", 96),
    Column("starts_at", "Start", 218),
    Column("venue", "Venue", 140),
    Column("invited", "Invited", 62, True),
    Column("accepted", "Accepted", 74, True),
    Column("attended", "Attended", 74, True),
]


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    type: str
    status: str
    start: str
    start_tip: str
    venue: str
    repeats: str
    counts: dict

    @classmethod
    def of(cls, event: Event, counts: dict | None) -> "EventRow":
        repeats = recurrence.describe(event.rrule, event.timezone) if event.rrule else ""
        start = when_text(event)
        tip = "\n".join(t for t in (here_text(event), repeats) if t)
        return cls(event.id, event.title, event.type, event.status, start + (" ↻" if repeats else ""), tip,
                   event.venue, repeats, counts or {})


class EventTableModel(QAbstractTableModel):
    PAGE_SIZE = 200

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = EventFilter()
        self._sort, self._descending = "starts_at", False
        self._rows: list[EventRow] = []
        self._count = 0
        self._swatches: dict[str, QPixmap] = {}

    def set_filter(self, f: EventFilter) -> None:
        self._filter = replace(f)
        self.refresh()

    def filter(self) -> EventFilter:
        return self._filter

    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def total(self) -> int:
        return self._count

    def refresh(self) -> None:
        """Load again; when the same events are listed in the same order, rows update in place
        (the view keeps its scroll position, selection and current cell)."""
        self._loaded = True
        if not db.is_open():
            self.beginResetModel()
            self._count, self._rows = 0, []
            self.endResetModel()
            return
        count, found = events.page(self._filter, self._sort, self._descending, 0,
                                   max(self.PAGE_SIZE, len(self._rows)))
        rows = self._rows_of(found)
        if rows and [r.id for r in rows] == [r.id for r in self._rows]:
            self._count, self._rows = count, rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._count, self._rows = count, rows
        self.endResetModel()

    def _fetch(self, offset: int, limit: int | None = None) -> list[EventRow]:
        return self._rows_of(events.list_events(self._filter, self._sort, self._descending, offset,
                                                limit or self.PAGE_SIZE))

    @staticmethod
    def _rows_of(found: list[Event]) -> list[EventRow]:
        counts = event_participants.counts_for([e.id for e in found])
        return [EventRow.of(e, counts.get(e.id)) for e in found]

    def row_of(self, event_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == event_id), -1)

    def event_row(self, row: int) -> EventRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # Qt model ---------------------------------------------------------------------------

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
        if not more:
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
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column.key)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "starts_at":
                return row.start_tip or None
            return row.title if column.key == "title" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column.key == "status":
            return self._swatch(row.status)
        if role == Qt.ItemDataRole.FontRole and row.status == "cancelled" and column.key == "title":
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _swatch(self, status: str) -> QPixmap:
        if status not in self._swatches:
            pixmap = QPixmap(10, 10)
            pixmap.fill(QColor(status_colour(status)))
            self._swatches[status] = pixmap
        return self._swatches[status]

    @staticmethod
    def _text(row: EventRow, key: str) -> str:
        if key == "type":
            return choice_label(choices.EVENT_TYPES, row.type)
        if key == "status":
            return choice_label(choices.EVENT_STATUSES, row.status)
        if key == "starts_at":
            return row.start
        if key in ("invited", "accepted", "attended"):
            return f"{row.counts.get(key, 0):,}"
        return getattr(row, key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        # A header restored at startup sorts before the panel is ever shown; load on first show.
        if getattr(self, "_loaded", False):
            self.refresh()
