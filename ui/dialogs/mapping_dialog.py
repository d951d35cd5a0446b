"""Which column of a partner's sheet feeds which field: kind, sheet, header row, columns, date order.

The dialog starts from a plan and plans again, in the background, whenever
a choice changes, so the counts and warnings it shows are always those of
the choices on screen. What the person chose for a column is kept by its
header name; the core remembers it for the next file when they ask.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
                               QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from commrel.errors import Cancelled
from commrel.exchange import ImportPlan, spreadsheet_import
from commrel.exchange.columns import IMPORT_KINDS, columns_for
from commrel.exchange.values import parse_datetime

from .. import tasks
from ..formatting import counted

SAMPLE_LENGTH = 60


def sample_text(values: list[Any]) -> str:
    """A few cell values of one column, as they read in the sheet."""
    shown = []
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, datetime):
            text = value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.strftime(
                "%Y-%m-%d %H:%M")
        elif isinstance(value, date):
            text = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = " ".join(str(value).split())
        shown.append(text)
    joined = " · ".join(shown)
    return joined if len(joined) <= SAMPLE_LENGTH else joined[:SAMPLE_LENGTH - 1] + "…"


def _long_date(value: date) -> str:
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)


class MappingDialog(QDialog):
    """Choose what a sheet holds and how its columns map; ``plan`` is the plan of what is on screen."""

    planned = Signal(object)  # the new ImportPlan after each change

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.path = Path(plan.source)
        self._overrides: dict[str, str | None] = {}  # header -> key chosen here (None: ignore)
        self._date_orders: dict[str, str] = {}  # header -> order chosen here
        self._date_rows: dict[str, tuple[QWidget, QButtonGroup]] = {}
        self._sheet_chosen = False
        self._header_row_chosen = False
        self._generation = 0
        self._table_shape: tuple | None = None  # (kind, columns) the rows were built for
        self._progress: tasks.QtProgress | None = None
        self.setWindowTitle(self.tr("Import {0} — columns").format(self.path.name))
        self.resize(880, 620)

        self.kind = QComboBox()
        for key, label in ((k, self._kind_label(k)) for k in IMPORT_KINDS):
            self.kind.addItem(label, key)
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, spreadsheet_import.HEADER_SCAN_ROWS)
        self.header_row.setToolTip(self.tr("The row of the sheet that holds the column names."))
        self.kind.setMinimumWidth(220)
        self.sheet.setMinimumWidth(220)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Records in the file:"), self.kind)
        self.sheet_label = QLabel(self.tr("&Sheet:"))
        self.sheet_label.setBuddy(self.sheet)
        form.addRow(self.sheet_label, self.sheet)
        form.addRow(self.tr("Column &names in row:"), self.header_row)

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Columns of the file"))
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Imports into"),
                                              self.tr("First values")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.dates_box = QGroupBox(self.tr("Dates written like 03/04/2026"))
        self.dates_form = QFormLayout(self.dates_box)
        self.dates_box.hide()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8d6e00;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.busy_bar = QProgressBar()
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self._stop_or_retry)
        busy = QHBoxLayout()
        busy.addWidget(self.summary, 1)
        busy.addWidget(self.busy_bar)
        busy.addWidget(self.stop_button)
        self.remember = QCheckBox(self.tr("&Remember this mapping for files with these column names"))
        self.remember.setChecked(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = self.buttons.addButton(self.tr("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.dates_box)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addLayout(busy)
        layout.addWidget(self.remember)
        layout.addWidget(self.buttons)

        self._show(plan)
        self._set_busy(False)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._header_row_changed)

    def _kind_label(self, kind: str) -> str:
        return {"stakeholders": self.tr("Stakeholders"), "interactions": self.tr("Interactions"),
                "events": self.tr("Events"), "concerns": self.tr("Concerns"),
                "coverage": self.tr("Media coverage")}[kind]

    # What a plan says, on screen ------------------------------------------------------------

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        options = plan.options
        for widget in (self.kind, self.sheet, self.header_row):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(plan.kind))
        sheets = options.get("sheets") or []
        self.sheet.clear()
        for name in sheets:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(self.sheet.findData(options.get("sheet")), 0))
        self.sheet.setVisible(bool(sheets))
        self.sheet_label.setVisible(bool(sheets))
        self.header_row.setValue(options.get("header_row") or 1)
        for widget in (self.kind, self.sheet, self.header_row):
            widget.blockSignals(False)
        self._fill_columns(plan)
        self._fill_dates(plan)
        questions = {q["warning"] for q in (options.get("date_questions") or {}).values()}
        warnings = [w for w in options.get("warnings") or [] if w not in questions]
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.summary.setText(self._summary(plan))
        self.error.hide()
        self.next_button.setEnabled(True)

    def _summary(self, plan: ImportPlan) -> str:
        c = plan.counts()
        text = self.tr("{0} rows: {1} new, {2} to update, {3} unchanged, {4} skipped, {5} conflicts.").format(
            f"{len(plan.rows):,}", f"{c['create']:,}", f"{c['update']:,}", f"{c['unchanged']:,}",
            f"{c['skip']:,}", f"{c['conflict']:,}")
        if plan.errors:
            text += " " + counted(len(plan.errors), self.tr("{0} row cannot be read as it is."),
                                  self.tr("{0} rows cannot be read as they are."))
        return text

    def _fill_columns(self, plan: ImportPlan) -> None:
        headers = plan.options.get("headers") or []
        mapping = plan.options.get("mapping") or {}
        samples = plan.options.get("samples") or []
        shown = [(pos, h) for pos, h in enumerate(headers) if h]
        if (plan.kind, shown) != self._table_shape:
            # A new layout of columns: build the rows; otherwise the combos stay (and keep focus).
            self._table_shape = (plan.kind, shown)
            self._build_rows(plan.kind, [h for _, h in shown])
        for row, (pos, header) in enumerate(shown):
            combo = self.table.cellWidget(row, 1)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(mapping.get(header)), 0))
            combo.blockSignals(False)
            name = self.table.item(row, 0)
            font = name.font()
            font.setItalic(mapping.get(header) is None)  # an ignored column reads quieter
            name.setFont(font)
            values = [r[pos] if pos < len(r) else None for r in samples]
            sample = QTableWidgetItem(sample_text(values))
            sample.setToolTip("\n".join(sample_text([v]) for v in values))
            sample.setForeground(self.palette().placeholderText())
            self.table.setItem(row, 2, sample)

    def _build_rows(self, kind: str, headers: list[str]) -> None:
        # Columns Commrel writes for information are listed last so that its own sheets map plainly.
        targets = sorted(columns_for(kind), key=lambda c: not c.importable)
        self.table.setRowCount(len(headers))
        for row, header in enumerate(headers):
            name = QTableWidgetItem(header)
            name.setData(Qt.ItemDataRole.UserRole, header)
            self.table.setItem(row, 0, name)
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Field for column {0}").format(header))
            combo.addItem(self.tr("— ignore this column —"), None)
            for column in targets:
                suffix = (self.tr(" (not imported)") if not column.importable
                          else self.tr(" (hidden column)") if column.hidden else "")
                combo.addItem(column.header + suffix, column.key)
                combo.setItemData(combo.count() - 1, column.about(), Qt.ItemDataRole.ToolTipRole)
            combo.currentIndexChanged.connect(lambda _, h=header, c=combo: self._column_changed(h, c.currentData()))
            self.table.setCellWidget(row, 1, combo)

    def _fill_dates(self, plan: ImportPlan) -> None:
        """Ask once per column whose dates read either way; keep the question and the answer after that."""
        for header, question in (plan.options.get("date_questions") or {}).items():
            if header not in self._date_rows:
                self._add_date_question(header, question["example"], question["read_as"])
        dated = plan.options.get("date_orders") or {}
        for header, (row, group) in self._date_rows.items():
            row.setVisible(header in dated)
            group.blockSignals(True)
            group.button(1 if dated.get(header) == "mdy" else 0).setChecked(True)
            group.blockSignals(False)
        self.dates_box.setVisible(any(header in dated for header in self._date_rows))

    def _add_date_question(self, header: str, example: str, read_as: str) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(row)
        for index, order in enumerate(("dmy", "mdy")):
            when = parse_datetime(example, order)
            text = (self.tr("Day first: {0}") if order == "dmy" else self.tr("Month first: {0}")).format(
                _long_date(when) if when else example)
            button = QRadioButton(text)
            button.setChecked(order == read_as)
            group.addButton(button, index)
            line.addWidget(button)
        line.addStretch(1)
        group.idToggled.connect(lambda index, on, h=header: on and self._date_order_changed(
            h, "mdy" if index == 1 else "dmy"))
        label = QLabel(self.tr("“{0}” has dates such as {1}. Read them as:").format(header, example))
        label.setWordWrap(True)
        self.dates_form.addRow(label, row)
        self._date_rows[header] = (row, group)

    # Choices -----------------------------------------------------------------------------------

    def mapping_combo(self, header: str) -> QComboBox | None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == header:
                return self.table.cellWidget(row, 1)
        return None

    def date_buttons(self, header: str) -> tuple[QRadioButton, QRadioButton]:
        """(day first, month first) for a column whose date order was asked about."""
        group = self._date_rows[header][1]
        return group.button(0), group.button(1)

    def _column_changed(self, header: str, key: str | None) -> None:
        self._overrides[header] = key
        if key is not None:
            # A field is fed by one column: the one chosen now, not one mapped before.
            for other, mapped in (self.plan.options.get("mapping") or {}).items():
                if other != header and mapped == key:
                    self._overrides[other] = None
        self.replan()

    def _date_order_changed(self, header: str, order: str) -> None:
        self._date_orders[header] = order
        self.replan()

    def _kind_changed(self) -> None:
        self._overrides.clear()
        self._header_row_chosen = False
        if not self._sheet_chosen:
            self._select_sheet(None)
        self.replan()

    def _sheet_changed(self) -> None:
        self._sheet_chosen = True
        self._header_row_chosen = False
        self.replan()

    def _header_row_changed(self) -> None:
        self._header_row_chosen = True
        self.replan()

    def _select_sheet(self, name: str | None) -> None:
        self.sheet.blockSignals(True)
        self.sheet.setCurrentIndex(-1 if name is None else self.sheet.findData(name))
        self.sheet.blockSignals(False)

    def choices(self) -> dict[str, Any]:
        """The arguments of ``plan_import`` for what is on screen."""
        return {"sheet": self.sheet.currentData() if self.sheet.isVisibleTo(self) else None,
                "mapping": dict(self._overrides) or None, "date_orders": dict(self._date_orders) or None,
                "header_row": self.header_row.value() if self._header_row_chosen else None}

    # Planning again ------------------------------------------------------------------------------

    def replan(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
        self._generation += 1
        generation = self._generation
        self._progress = progress = tasks.QtProgress()
        progress.progressed.connect(self._progressed)
        self._set_busy(True)
        tasks.runner().run(spreadsheet_import.plan_import, self.path, self.kind.currentData(),
                           with_progress=False, progress=progress, **self.choices(),
                           on_success=lambda plan: self._replanned(generation, plan),
                           on_failure=lambda exc: self._failed(generation, exc))

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.busy_bar.setRange(0, max(total, 0))
        self.busy_bar.setValue(min(done, total) if total else 0)

    def _replanned(self, generation: int, plan: ImportPlan) -> None:
        if generation != self._generation:
            return
        self._progress = None
        self._set_busy(False)
        self._show(plan)
        self.planned.emit(plan)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._progress = None
        self._set_busy(False, stopped=isinstance(exc, Cancelled))
        if isinstance(exc, Cancelled):
            self.summary.setText(self.tr("Reading was stopped. Change a choice or read the file again."))
            return
        self.error.setText(str(exc))
        self.error.show()
        self.summary.setText("")
        self.next_button.setEnabled(False)

    def _set_busy(self, busy: bool, *, stopped: bool = False) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_bar.setRange(0, 0)
        self.stop_button.setVisible(busy or stopped)
        self.stop_button.setText(self.tr("Stop") if busy else self.tr("Read again"))
        self.next_button.setEnabled(not busy and not stopped)
        if busy:
            self.summary.setText(self.tr("Reading {0}…").format(self.path.name))
            self.error.hide()
        elif stopped:
            self.next_button.setEnabled(False)

    def _stop_or_retry(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
        else:
            self.replan()

    def accept(self) -> None:
        if self._progress is not None or not self.next_button.isEnabled():
            return
        self.plan.options["remember_mapping"] = self.remember.isChecked()
        super().accept()

    def reject(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
        super().reject()
