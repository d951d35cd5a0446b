"""Rows of grievance-report figures (by category, neighbourhood or owner) as a table."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from commrel.reports.grievance import COLUMNS, Figures

# Headings short enough for a screen table; the full ones are the tooltips.
SHORT = {"acknowledgements_due": "Ack. due", "acknowledged_on_time": "Ack. on time",
         "acknowledged_on_time_pct": "Ack. on time %", "closed_on_time": "On time", "closed_on_time_pct": "On time %",
         "average_days_to_close": "Avg days", "median_days_to_close": "Median days"}


def figure_text(value) -> str:
    """A figure as reports print it: whole numbers plain, others to one decimal, none as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return f"{value:,}"


class FiguresTableModel(QAbstractTableModel):
    def __init__(self, first_heading: str, parent=None):
        super().__init__(parent)
        self.first_heading = first_heading
        self.rows: list[Figures] = []

    def set_rows(self, rows: list[Figures]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(COLUMNS):
            return None
        if section == 0:
            return self.first_heading if role == Qt.ItemDataRole.DisplayRole else None
        heading, name = COLUMNS[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("GrievanceReport", SHORT.get(name, heading))
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("GrievanceReport", heading)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label if column == 0 else figure_text(getattr(row, COLUMNS[column - 1][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
