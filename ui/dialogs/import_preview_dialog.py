"""Preview of an import: what each row would do, before anything is written.

Counts per outcome at the top; the rows below, each with what it would do;
for the chosen row, the stored value and the file's value side by side, so a
conflict (the record also changed here since the sheet was exported) can be
read before deciding. Rows that cannot be read are listed by row number and
can be saved as a spreadsheet to send back for fixing.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget)

from commrel.exchange import ImportPlan, PlannedRow
from commrel.exchange.columns import IMPORT_KINDS, Column, by_key
from commrel.exchange.export_rows import present

from .. import hub, settings
from ..errors import show_error
from ..formatting import counted
from ..models.list_table_model import ListColumn, ListTableModel

SPREADSHEET_FORMATS = ("xlsx", "csv")
ERRORS_SHOWN = 8
DETAILS_SHOWN = 4
_OUTCOME_COLOURS = {"create": "#2e7d32", "update": "#1565c0", "skip": "#8d6e00", "conflict": "#c62828"}


def value_text(value: Any, column: Column | None = None) -> str:
    """A stored or read value as a cell would show it; "" for nothing."""
    if column is not None:
        value = present(column, value)
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return "; ".join(value_text(v) for v in value)
    return str(value)


class PlanTableModel(QAbstractTableModel):
    """The planned rows, optionally only those with one outcome."""

    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.rows = list(plan.rows)
        self.columns = by_key(plan.kind) if plan.kind in IMPORT_KINDS else {}
        self.headers = (self.tr("Where"), self.tr("Outcome"), self.tr("Record"), self.tr("Details"))
        self.outcomes = outcome_labels(self)

    def set_outcome(self, outcome: str | None) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.plan.rows if outcome is None or r.outcome == outcome]
        self.endResetModel()

    def field_label(self, key: str) -> str:
        column = self.columns.get(key)
        if column is not None:
            return column.header
        return key.replace("_", " ").capitalize() if "_" in key or key.islower() else key

    def describe(self, row: PlannedRow) -> str:
        if row.differences:
            parts = [f"{self.field_label(k)}: {value_text(old, self.columns.get(k)) or '∅'} → "
                     f"{value_text(new, self.columns.get(k)) or '∅'}" for k, (old, new) in row.differences.items()]
        elif row.outcome == "create":
            parts = [f"{self.field_label(k)}: {text}" for k, text in self.new_values(row)][:DETAILS_SHOWN]
        else:
            parts = []
        text = "; ".join(parts)
        if row.message and text:
            return f"{row.message} — {text}"
        return row.message or text

    def new_values(self, row: PlannedRow) -> list[tuple[str, str]]:
        """(field, text) of what a new record would hold from the file, blanks left out."""
        from_file = {k for k in (self.plan.options.get("mapping") or {}).values() if k}
        shown = [(k, value_text(v, self.columns.get(k))) for k, v in row.values.items()
                 if k not in ("id", "version") and (not from_file or k in from_file)]
        return [(k, text) for k, text in shown if text]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 3:  # the only costly one: worked out for the cells asked for
                return self.describe(row)
            return (row.location, self.outcomes.get(row.outcome, row.outcome), row.label)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and row.outcome in _OUTCOME_COLOURS:
            return QBrush(QColor(_OUTCOME_COLOURS[row.outcome]))
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


def outcome_labels(obj) -> dict[str, str]:
    return {"create": obj.tr("New"), "update": obj.tr("Update"), "unchanged": obj.tr("Unchanged"),
            "skip": obj.tr("Skipped"), "conflict": obj.tr("Conflict")}


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import preview — {0}").format(Path(plan.source).name))
        self.resize(980, 660)
        counts = plan.counts()
        self.counts_label = QLabel(self._counts_text(counts))
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        note = QLabel(self.tr("Nothing has been written yet. Import writes all of it in one step, and File ▸ "
                              "Import history can undo it later. Skipped rows and conflicts are left alone."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(note)
        self.errors_label = QLabel()
        self.errors_label.setWordWrap(True)
        self.errors_label.setStyleSheet("color: #c62828;")
        self.errors_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if plan.errors:
            shown = plan.errors[:ERRORS_SHOWN]
            more = len(plan.errors) - len(shown)
            text = "\n".join(shown)
            if more:
                text += "\n" + self.tr("…and {0} more.").format(f"{more:,}")
            self.errors_label.setText(text)
            layout.addWidget(self.errors_label)
        warnings = plan.options.get("warnings") or []
        if warnings:
            warn = QLabel("\n".join(warnings))
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #8d6e00;")
            layout.addWidget(warn)

        bar = QHBoxLayout()
        show_label = QLabel(self.tr("&Show:"))
        self.outcome = QComboBox()
        show_label.setBuddy(self.outcome)
        self.outcome.addItem(self.tr("All rows ({0})").format(f"{len(plan.rows):,}"), None)
        labels = outcome_labels(self)
        for key, label in labels.items():
            if counts.get(key):
                self.outcome.addItem(f"{label} ({counts[key]:,})", key)
        bar.addWidget(show_label)
        bar.addWidget(self.outcome)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.model = PlanTableModel(plan, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Rows of the import"))
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.differences = ListTableModel([], self)
        self.difference_view = QTableView()
        self.difference_view.setAccessibleName(self.tr("Differences for the chosen row"))
        self.difference_view.setModel(self.differences)
        self.difference_view.verticalHeader().hide()
        self.difference_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.difference_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        writes = counts.get("create", 0) + counts.get("update", 0)
        self.import_button = buttons.addButton(
            counted(writes, self.tr("&Import {0} record"), self.tr("&Import {0} records")),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(writes > 0)
        self.import_button.setDefault(writes > 0)
        self.save_button = None
        if plan.format in SPREADSHEET_FORMATS and any(r.extra.get("error") for r in plan.rows):
            self.save_button = buttons.addButton(self.tr("Save &problems as spreadsheet…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.save_button.clicked.connect(self.save_problems)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.outcome.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_row(current))
        self._resize_columns()
        self._select_first_interesting()

    def _counts_text(self, counts: dict[str, int]) -> str:
        labels = {"create": self.tr("new"), "update": self.tr("to update"), "unchanged": self.tr("unchanged"),
                  "skip": self.tr("skipped"), "conflict": self.tr("conflicts")}
        parts = []
        for key, label in labels.items():
            colour = _OUTCOME_COLOURS.get(key, "palette(text)")
            parts.append(f"<span style='color:{colour}'><b>{counts.get(key, 0):,}</b> {label}</span>")
        text = " · ".join(parts)
        if self.plan.errors:
            text += " · " + self.tr("<b>{0}</b> with errors").format(f"{len(self.plan.errors):,}")
        return text

    def _resize_columns(self) -> None:
        # The details stretch to the edge; the other columns fit the rows near the top (a sheet
        # can have a hundred thousand).
        self.table.verticalHeader().setResizeContentsPrecision(200)
        for column, most in ((0, 160), (1, 10_000), (2, 260)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        if self.model.rows:  # the last row's place ("row 100001") is the widest
            last = self.table.fontMetrics().horizontalAdvance(self.model.rows[-1].location) + 12
            self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), last), 160))

    def _filter(self) -> None:
        self.model.set_outcome(self.outcome.currentData())
        self._select_first_interesting()

    def _select_first_interesting(self) -> None:
        rows = self.model.rows
        best = next((i for i, r in enumerate(rows) if r.outcome == "conflict"), None)
        if best is None:
            best = next((i for i, r in enumerate(rows) if r.differences or r.extra.get("error")), 0 if rows else None)
        if best is None:
            self._show_row(QModelIndex())
            return
        self.table.selectRow(best)
        self.table.setCurrentIndex(self.model.index(best, 0))
        self._show_row(self.model.index(best, 0))

    def _show_row(self, index: QModelIndex) -> None:
        row: PlannedRow | None = self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None
        if row is None:
            self.detail_title.setText(self.tr("Choose a row to see what importing it would change."))
            self.differences.set_items([])
            return
        label = outcome_labels(self).get(row.outcome, row.outcome)
        heading = f"<b>{row.location}</b> — {label}" + (f": {row.label}" if row.label else "")
        if row.message:
            heading += "<br>" + row.message
        self.detail_title.setText(heading)
        stored = (self.tr("In Commrel (changed since the export)") if row.outcome == "conflict"
                  else self.tr("In Commrel now"))
        columns = self.model.columns
        old = self.differences
        self.differences = ListTableModel([
            ListColumn(self.tr("Field"), lambda item: self.model.field_label(item[0])),
            ListColumn(stored, lambda item: value_text(item[1][0], columns.get(item[0]))),
            ListColumn(self.tr("In the file"), lambda item: value_text(item[1][1], columns.get(item[0]))),
        ], self)
        if row.differences:
            items = list(row.differences.items())
        elif row.outcome == "create":
            items = [(k, (None, row.values[k])) for k, _ in self.model.new_values(row)]
        elif row.extra.get("raw"):
            # A row that cannot be read: its cells as they are in the file.
            headers = self.plan.options.get("headers") or []
            raw = row.extra["raw"]
            items = [(headers[i] if i < len(headers) and headers[i] else f"#{i + 1}", (None, v))
                     for i, v in enumerate(raw) if value_text(v)]
        else:
            items = []
        self.differences.set_items(items)
        self.difference_view.setModel(self.differences)
        old.deleteLater()

    def save_problems(self) -> None:
        from commrel.exchange.spreadsheet_import import write_error_report

        folder = Path(settings.LAST_EXPORT_FOLDER.get() or Path(self.plan.source).parent)
        suggested = folder / f"{Path(self.plan.source).stem}-problems.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save problems as spreadsheet"), str(suggested),
                                              self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            count = write_error_report(self.plan, path)
        except Exception as exc:  # a locked or unwritable file is the person's to fix; say so
            show_error(self, exc, self.tr("Cannot save the problems"))
            return
        text = self.tr("Saved {0} row to fix in {1}.") if count == 1 else self.tr("Saved {0} rows to fix in {1}.")
        hub.hub().status_message.emit(text.format(f"{count:,}", path))
