"""The Coverage tab: what the media published, by date, with the period's figures above it."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from commrel.services import coverage

from .. import hub, settings, undo
from ..dialogs.coverage_dialog import CoverageDialog
from ..dialogs.media_form import media_empty_state, open_dialog
from ..models.coverage_table_model import ID_ROLE, CoverageTableModel
from .media_figures_strip import FiguresStrip

_PERIOD = settings.panel_option("media", "coverage_period", str, "30")


def period_range(key: str, today: date | None = None) -> tuple[date | None, date | None]:
    today = today or date.today()
    if key == "month":
        return today.replace(day=1), today
    if key == "quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if key == "year":
        return date(today.year, 1, 1), today
    if key == "all":
        return None, None
    return today - timedelta(days=int(key) - 1), today


class CoverageTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None
        self.model = CoverageTableModel(self)
        self.log_button = QPushButton(self.tr("&Log coverage…"))
        self.log_button.setToolTip(self.tr("Record an article, broadcast or post about the programme"))
        self.log_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected_id()))
        self.open_button = QPushButton(self.tr("&Open link"))
        self.open_button.clicked.connect(self.open_link)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.clicked.connect(lambda: self.delete())
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for key, label in (("30", self.tr("Last 30 days")), ("90", self.tr("Last 90 days")),
                           ("month", self.tr("This month")), ("quarter", self.tr("This quarter")),
                           ("year", self.tr("This year")), ("all", self.tr("All time"))):
            self.period.addItem(label, key)
        self.period.setCurrentIndex(max(self.period.findData(_PERIOD.get()), 0))
        self.period.currentIndexChanged.connect(lambda _: self.refresh())
        bar = QHBoxLayout()
        for b in (self.log_button, self.edit_button, self.open_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        period_label = QLabel(self.tr("Pe&riod:"))
        period_label.setBuddy(self.period)
        bar.addWidget(period_label)
        bar.addWidget(self.period)
        self.figures = FiguresStrip()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Coverage"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        for column, width in enumerate((100, 170, 360, 100, 90, 160, 200)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _: self.edit(self.selected_id()))
        self.empty = media_empty_state(
            self.tr("No coverage in this period"),
            self.tr("Log each article, broadcast or post with its outlet, tone and reach, and link it to the "
                    "release, event or concern it followed. The figures above then show how the programme "
                    "is reported."),
            self.tr("Log coverage…"))
        self.empty.action_clicked.connect(lambda: self.edit(None))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.figures)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def refresh(self) -> None:
        keep = self.selected_id()
        key = self.period.currentData()
        _PERIOD.set(key)
        start, end = period_range(key)
        self.model.set_period(start, end)
        self.figures.show_period(start or date(1, 1, 1), end or date.today())
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        if keep is not None:
            row = next((n for n in range(self.model.rowCount()) if self.model.row_at(n).id == keep), None)
            if row is not None:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _update_buttons(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        c = self.model.row_at(rows[0].row()) if rows else None
        self.edit_button.setEnabled(c is not None)
        self.delete_button.setEnabled(c is not None)
        self.open_button.setEnabled(c is not None and bool(c.url or c.file_path))

    def edit(self, coverage_id: int | None) -> None:
        dialog = CoverageDialog(coverage_id, self)
        dialog.coverage_saved.connect(self._saved)
        open_dialog(self, dialog)

    def _saved(self, coverage_id: int) -> None:
        hub.changed("media")
        self.refresh()
        row = next((n for n in range(self.model.rowCount()) if self.model.row_at(n).id == coverage_id), None)
        if row is not None:
            self.table.selectRow(row)
        else:
            hub.hub().status_message.emit(self.tr("Saved; it falls outside the period shown."))

    def open_link(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        c = self.model.row_at(rows[0].row()) if rows else None
        if c is not None and (c.url or c.file_path):
            QDesktopServices.openUrl(QUrl(c.url) if c.url else QUrl.fromLocalFile(c.file_path))

    def delete(self, confirm: bool = True) -> None:
        coverage_id = self.selected_id()
        if coverage_id is None:
            return
        c = coverage.get(coverage_id)
        if confirm and QMessageBox.question(self, self.tr("Delete coverage"),
                                            self.tr("Delete “{0}”?").format(c.headline)) \
                != QMessageBox.StandardButton.Yes:
            return
        fields = {"outlet_id": c.outlet_id, "outlet_name": c.outlet_name, "published_on": c.published_on,
                  "headline": c.headline, "url": c.url, "file_path": c.file_path, "reach": c.reach,
                  "tone": c.tone, "topics": c.topics, "material_id": c.material_id, "event_id": c.event_id,
                  "concern_id": c.concern_id}
        current = [coverage_id]  # undo logs it again under a new id; redo deletes that one

        def restore() -> None:
            current[0] = coverage.log(**fields).id

        coverage.delete(coverage_id)
        undo.push(self.tr("Delete coverage"), lambda: coverage.delete(current[0]), restore, kind="media")
        hub.changed("media")
        self.refresh()
