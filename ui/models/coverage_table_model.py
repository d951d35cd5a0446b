"""The coverage log as a table, newest first."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from commrel import db
from commrel.models import Coverage
from commrel.models.media import TONES
from commrel.services import coverage

from ..formatting import choice_label, date_text

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Date", "Outlet", "Headline", "Tone", "Reach", "Topics", "Link")
TONE_COLOURS = {"positive": QColor(46, 139, 87), "neutral": QColor(128, 128, 128), "negative": QColor(200, 60, 40)}


def tone_icon(tone: str) -> QIcon:
    """A coloured dot beside the tone's name, so tone reads at a glance and not by colour alone."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(TONE_COLOURS.get(tone, TONE_COLOURS["neutral"]))
    painter.drawEllipse(QRectF(3, 3, 10, 10))
    painter.end()
    return QIcon(pixmap)


class CoverageTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Coverage] = []
        self._start: date | None = None
        self._end: date | None = None
        self._icons: dict[str, QIcon] = {}

    def set_period(self, start: date | None, end: date | None) -> None:
        self._start, self._end = start, end
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = coverage.between(self._start, self._end) if db.is_open() else []
        self.endResetModel()

    def row_at(self, row: int) -> Coverage | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
        c = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(c, column)
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            if c.tone not in self._icons:
                self._icons[c.tone] = tone_icon(c.tone)
            return self._icons[c.tone]
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 6):
            return c.url or c.file_path or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, c: Coverage, column: int) -> str:
        if column == 0:
            return date_text(c.published_on)
        if column == 3:
            return choice_label(TONES, c.tone)
        if column == 4:
            return f"{c.reach:,}" if c.reach is not None else ""
        if column == 6:
            return c.url or c.file_path
        return (None, c.outlet_name, c.headline, None, None, c.topics)[column] or ""
