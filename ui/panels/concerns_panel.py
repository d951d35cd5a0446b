"""Concerns: the grievance register as a list or a board, with intake, the detail and the report."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QInputDialog, QLabel, QPushButton,
                               QStackedWidget, QTableView, QToolButton, QVBoxLayout, QWidget)

from commrel import db
from commrel.services import concern_queries

from .. import settings
from ..dialogs.concern_dialog import ConcernDialog
from ..models.concern_table_model import COLUMNS, ID_ROLE, ConcernTableModel
from ..widgets.concern_board import ConcernBoard
from ..widgets.concern_filter_bar import ConcernFilterBar
from ..widgets.empty_state import EmptyState
from .base import Panel

LIST, BOARD, EMPTY = range(3)


class ConcernsPanel(Panel):
    key = "concerns"
    title = "Concerns"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialogs: dict[int, ConcernDialog] = {}
        self.new_button = QPushButton(self.tr("&Log concern…"))
        self.new_button.setToolTip(self.tr("Log a new concern (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.log_concern)
        new_action = QAction(self)
        new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(self.log_concern)
        self.addAction(new_action)
        self.report_button = QPushButton(self.tr("&Report…"))
        self.report_button.setToolTip(self.tr("Figures for a period: received, answered on time, closed, overdue"))
        self.report_button.clicked.connect(self.show_report)
        self.contact_button = QPushButton(self.tr("Receipt &details…"))
        self.contact_button.setToolTip(self.tr("Who to contact, as printed on acknowledgement receipts"))
        self.contact_button.clicked.connect(self.edit_receipt_contact)
        self.list_button, self.board_button = QToolButton(), QToolButton()
        self.view_group = QButtonGroup(self)
        for n, (button, text) in enumerate(((self.list_button, self.tr("L&ist")),
                                            (self.board_button, self.tr("&Board")))):
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show as {0}").format(text.replace("&", "").lower()))
            self.view_group.addButton(button, n)
        self.list_button.setChecked(True)
        self.view_group.idClicked.connect(lambda _: self.refresh())
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of concerns shown"))
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.report_button)
        top.addWidget(self.contact_button)
        top.addSpacing(16)
        top.addWidget(self.count_label, 1)
        top.addWidget(QLabel(self.tr("View:")))
        top.addWidget(self.list_button)
        top.addWidget(self.board_button)

        self.filters = ConcernFilterBar()
        self.filters.changed.connect(self.refresh)
        self.model = ConcernTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Concerns"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for n, column in enumerate(COLUMNS):
            self.table.setColumnWidth(n, column.width)
        self.table.activated.connect(lambda index: self.open_record(index.data(ID_ROLE)))
        self.board = ConcernBoard()
        self.board.concern_activated.connect(self.open_record)
        self.empty = EmptyState(self.tr("No concerns yet"),
                                self.tr("Log a concern the moment it comes in: the complainant gets a "
                                        "reference and a receipt, and the clocks start."),
                                self.tr("Log the first concern"))
        self.empty.action_clicked.connect(self.log_concern)
        self.stack = QStackedWidget()
        for widget in (self.table, self.board, self.empty):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)

    # Showing -----------------------------------------------------------------------

    def view(self) -> int:
        return BOARD if self.board_button.isChecked() else LIST

    def refresh(self) -> None:
        if not db.is_open():
            return
        self.filters.reload_choices()
        f = self.filters.concern_filter()
        if self.view() == LIST:
            self.model.set_filter(f)
            shown = self.model.total()
        else:
            self.board.load(f)
            shown = concern_queries.count(f)
        overdue = concern_queries.count(replace(f, overdue_only=True))
        text = self.tr("1 concern") if shown == 1 else self.tr("{0} concerns").format(f"{shown:,}")
        if overdue:
            text += " · " + self.tr("{0} overdue").format(f"{overdue:,}")
        self.count_label.setText(text)
        if shown == 0 and concern_queries.count() == 0:
            self.stack.setCurrentIndex(EMPTY)
        else:
            self.stack.setCurrentIndex(self.view())

    def data_changed(self, kind: str) -> None:
        if kind in ("concerns", "stakeholders", "events", "all"):
            super().data_changed(kind)

    def _sort_changed(self, column: int, order) -> None:
        if COLUMNS[column].sort is None:  # complainant: keep the indicator on the real sort
            sort, descending = self.model.sort_key()
            at = next(n for n, c in enumerate(COLUMNS) if c.sort == sort)
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(at, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    # Opening and logging -------------------------------------------------------------

    def open_record(self, record_id: int) -> ConcernDialog | None:
        if record_id is None:
            return None
        row = self.model.row_of(record_id)
        if row >= 0 and self.view() == LIST:
            self.table.selectRow(row)
        elif self.view() == BOARD:
            self.board.select(record_id)
        dialog = self.dialogs.get(record_id)
        if dialog is None:
            dialog = ConcernDialog(record_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda _=None, i=record_id: self.dialogs.pop(i, None))
            self.dialogs[record_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def log_concern(self):
        from ..dialogs.concern_intake_dialog import ConcernIntakeDialog

        dialog = ConcernIntakeDialog(self)
        dialog.open_requested.connect(self.open_record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_report(self):
        from ..dialogs.grievance_report_dialog import GrievanceReportDialog

        dialog = GrievanceReportDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_receipt_contact(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Receipt details"),
            self.tr("Printed on every acknowledgement receipt: who runs the grievance mechanism and how "
                    "complainants reach it (address, phone, email)."), settings.RECEIPT_CONTACT.get())
        if ok:
            settings.RECEIPT_CONTACT.set(text.strip())

    # State -------------------------------------------------------------------------------

    def save_state(self) -> None:
        settings.panel_option(self.key, "view", str, "list").set("board" if self.view() == BOARD else "list")
        settings.panel_option(self.key, "header").set(self.table.horizontalHeader().saveState())
        settings.panel_option(self.key, "filters", str, "").set(self.filters.state())

    def restore_state(self) -> None:
        if settings.panel_option(self.key, "view", str, "list").get() == "board":
            self.board_button.setChecked(True)
        header = settings.panel_option(self.key, "header").get()
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
        self.filters.restore(settings.panel_option(self.key, "filters", str, "").get())
        self._stale = True
