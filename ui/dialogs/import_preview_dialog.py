"""Preview of an import: what each row would do, before anything is written."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QTableView, QVBoxLayout)

from commrel.exchange import ImportPlan

_OUTCOME_LABELS = {"create": "New", "update": "Update", "unchanged": "Unchanged", "skip": "Skipped",
                   "conflict": "Conflict"}
_OUTCOME_COLOURS = {"create": "#2e7d32", "update": "#1565c0", "skip": "#8d6e00", "conflict": "#c62828"}


def _describe(row) -> str:
    if row.differences:
        parts = [f"{field}: {old!s} → {new!s}" for field, (old, new) in row.differences.items()]
        text = "; ".join(parts)
        return f"{row.message} — {text}" if row.message else text
    return row.message


class PlanTableModel(QAbstractTableModel):
    HEADERS = ("Where", "Outcome", "Record", "Details")

    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.rows = list(plan.rows)

    def set_outcome(self, outcome: str | None):
        self.beginResetModel()
        self.rows = [r for r in self.plan.rows if outcome is None or r.outcome == outcome]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.location, self.tr(_OUTCOME_LABELS.get(row.outcome, row.outcome)), row.label,
                    _describe(row))[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and row.outcome in _OUTCOME_COLOURS:
            return QBrush(QColor(_OUTCOME_COLOURS[row.outcome]))
        return None


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import preview — {0}").format(plan.source))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        counts = plan.counts()
        summary = QLabel(self.tr("<b>{0}</b><br>Nothing has been written yet. Import applies all of it in one "
                                 "step, and it can be undone later from File ▸ Import history.").format(plan.summary()))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if plan.errors:
            errors = QLabel("<br>".join(plan.errors[:8]) + ("<br>…" if len(plan.errors) > 8 else ""))
            errors.setWordWrap(True)
            errors.setStyleSheet("color: #c62828;")
            layout.addWidget(errors)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show:")))
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(self.tr("Show rows with outcome"))
        self.outcome.addItem(self.tr("All rows ({0})").format(len(plan.rows)), None)
        for key, label in _OUTCOME_LABELS.items():
            if counts.get(key):
                self.outcome.addItem(f"{self.tr(label)} ({counts[key]})", key)
        bar.addWidget(self.outcome)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = PlanTableModel(plan, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.outcome.currentIndexChanged.connect(lambda _: self.model.set_outcome(self.outcome.currentData()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        writes = counts.get("create", 0) + counts.get("update", 0)
        self.import_button = buttons.addButton(self.tr("Import {0} records").format(writes),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(writes > 0)
        if plan.errors or counts.get("skip") or counts.get("conflict"):
            save = buttons.addButton(self.tr("Save problems as spreadsheet…"), QDialogButtonBox.ButtonRole.ActionRole)
            save.clicked.connect(self._save_problems)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save_problems(self):
        from commrel.exchange import xlsx

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save problems"), "import-problems.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            xlsx.write_error_report(self.plan, path)
