"""The register as a table: rows fetched from the services a page at a time, sorted by SQL.

Only the pages the view paints are loaded (a window of at most ``MAX_PAGES``
pages of ``PAGE_SIZE`` rows). The first pages come straight from
``stakeholder_queries.page``; past them the model loads the ordered id list
once, so that scrolling to row 90,000 is a primary-key lookup rather than a
sort of the whole register for every page.
"""
from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from commrel import db
from commrel.models import choices
from commrel.services import stakeholder_queries as queries
from commrel.services.stakeholder_queries import StakeholderFilter, StakeholderRow

from ..formatting import choice_label, date_text

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str
    width: int


COLUMNS = [
    Column("name", "Name", "name", 200),
    Column("type", "Type", "type", 110),
    Column("organisation", "Organisation", "organisation", 170),
    Column("email", "Email", "email", 190),
    Column("phone", "Phone", "phone", 120),
    Column("neighbourhood", "Neighbourhood", "neighbourhood", 120),
    Column("position", "Position", "position", 130),
    Column("influence", "Influence", "influence", 70),
    Column("interest", "Interest", "interest", 70),
    Column("last_contacted", "Last contacted", "last_contacted", 110),
]
_NUMERIC = {"influence", "interest"}
_MUTED = QColor(128, 128, 128)


class StakeholderTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 40
    # Pages below this are fetched with OFFSET; deeper ones through the ordered id list.
    OFFSET_PAGES = 5

    refreshed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = StakeholderFilter()
        self._sort = "name"
        self._descending = False
        self._count = 0
        self._pages: OrderedDict[int, list[StakeholderRow | None]] = OrderedDict()
        self._ids: list[int] | None = None
        self._dnc_icon: QIcon | None = None

    # What is shown ------------------------------------------------------------

    def filter(self) -> StakeholderFilter:
        return copy.deepcopy(self._filter)

    def set_filter(self, f: StakeholderFilter, *, refresh: bool = True) -> None:
        self._filter = copy.deepcopy(f)
        if refresh:
            self.refresh()

    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ORDER BY in the database, never a proxy over loaded rows."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column].sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget loaded pages; rows load again as the view asks for them."""
        self.beginResetModel()
        self._pages.clear()
        self._ids = None
        self._count = queries.count(self._filter) if db.is_open() else 0
        self.endResetModel()
        self.refreshed.emit()

    # Rows ------------------------------------------------------------------

    def row_at(self, row: int) -> StakeholderRow | None:
        if not 0 <= row < self._count:
            return None
        number, at = divmod(row, self.PAGE_SIZE)
        page = self._page(number)
        return page[at] if at < len(page) else None

    def _page(self, number: int) -> list[StakeholderRow | None]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * self.PAGE_SIZE
        if self._ids is None and number < self.OFFSET_PAGES:
            page = list(queries.page(self._filter, sort=self._sort, descending=self._descending,
                                     offset=start, limit=self.PAGE_SIZE))
        else:
            page = queries.rows_by_id(self._ordered_ids()[start:start + self.PAGE_SIZE])
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _ordered_ids(self) -> list[int]:
        if self._ids is None:
            self._ids = queries.ordered_ids(self._filter, sort=self._sort, descending=self._descending)
            if len(self._ids) != self._count:
                # Someone else wrote in between; count again once painting is over.
                QTimer.singleShot(0, self.refresh)
        return self._ids

    def id_at(self, row: int) -> int | None:
        r = self.row_at(row)
        return r.id if r else None

    def ids_for_rows(self, rows: list[int]) -> list[int]:
        """Ids of many rows at once (a whole-register selection loads one id list, not every page)."""
        if len(rows) > self.PAGE_SIZE:
            ids = self._ordered_ids()
            return [ids[r] for r in rows if 0 <= r < len(ids)]
        return [i for i in (self.id_at(r) for r in rows) if i is not None]

    def find_row(self, stakeholder_id: int, hint: int | None = None) -> int | None:
        """The row showing ``stakeholder_id`` under the current filter and sort, or None."""
        if hint is not None and self.id_at(hint) == stakeholder_id:
            return hint
        for number, page in self._pages.items():
            for at, r in enumerate(page):
                if r is not None and r.id == stakeholder_id:
                    return number * self.PAGE_SIZE + at
        try:
            return self._ordered_ids().index(stakeholder_id)
        except ValueError:
            return None

    # Qt model interface ------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key in _NUMERIC:
            return self.tr("From 1 (low) to 5 (high)")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        if r is None:
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, key)
        if role == ID_ROLE:
            return r.id
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "name" and r.do_not_contact:
            return self._do_not_contact_icon()
        if role == Qt.ItemDataRole.ForegroundRole and r.archived:
            return QBrush(self._muted())
        if role == Qt.ItemDataRole.FontRole and r.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, r: StakeholderRow, key: str) -> str:
        if key == "name":
            return r.display_name
        if key == "type":
            if r.kind == "organisation" and r.type == "other":
                return choice_label(choices.STAKEHOLDER_KINDS, r.kind)
            return choice_label(choices.STAKEHOLDER_TYPES, r.type)
        if key == "organisation":
            return r.organisation_name
        if key == "position":
            return choice_label(choices.POSITIONS, r.position)
        if key == "last_contacted":
            return date_text(r.last_contacted_at)
        if key in _NUMERIC:
            return str(getattr(r, key))
        return getattr(r, key)

    def _tooltip(self, r: StakeholderRow, key: str) -> str | None:
        notes = []
        if r.do_not_contact:
            notes.append(self.tr("Do not contact"))
        if r.archived:
            notes.append(self.tr("Archived"))
        if key == "name":
            return " — ".join([r.display_name] + notes)
        if key == "last_contacted" and r.last_contacted_at is None:
            return self.tr("Never contacted")
        if notes:
            return " — ".join([self._text(r, key)] + notes) if self._text(r, key) else ", ".join(notes)
        return None

    @staticmethod
    def _muted() -> QColor:
        app = QApplication.instance()
        return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) if app else _MUTED

    def _do_not_contact_icon(self) -> QIcon:
        """A small no-entry sign, drawn rather than shipped, so it follows the screen's scale."""
        if self._dnc_icon is None:
            pixmap = QPixmap(32, 32)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(200, 40, 40))
            painter.drawEllipse(QRectF(2, 2, 28, 28))
            painter.setPen(QPen(QColor("white"), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(9, 16, 23, 16)
            painter.end()
            self._dnc_icon = QIcon(pixmap)
        return self._dnc_icon
