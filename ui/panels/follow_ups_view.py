"""Open follow-ups across the register, overdue first; one click (or Space) marks one done."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStackedWidget, QTableView, QVBoxLayout, QWidget)

from .. import settings
from .. import stakeholder_commands as commands
from ..formatting import counted
from ..models.follow_up_table_model import DONE_COLUMN, FollowUpTableModel


class FollowUpsView(QWidget):
    counts_changed = Signal(int, int)  # open, overdue
    interaction_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.model = FollowUpTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Follow-ups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 100, 280, 220, 100, 100)):
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        self.table.installEventFilter(self)

        self.summary = QLabel()
        self.show_done = QCheckBox(tr("Show done"))
        self.show_done.setAccessibleName(tr("Show follow-ups already done"))
        self.show_done.toggled.connect(self._toggle_done)
        self.done_button = QPushButton(tr("Mark &done"))
        self.done_button.setToolTip(tr("Mark the selected follow-up done (Space)"))
        self.done_button.clicked.connect(lambda: self.complete_row(self.table.currentIndex().row()))
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.show_done)
        bar.addWidget(self.done_button)

        self.empty = QLabel(tr("<h3>No open follow-ups</h3><p>When you log an interaction, add a follow-up "
                               "and a due date; it waits here until it is done.</p>"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)

    def refresh(self) -> None:
        current = self.model.item(self.table.currentIndex().row())
        row = self.table.currentIndex().row()
        self.model.refresh()
        if self.model.rowCount():
            again = self.model.row_of(current.interaction_id) if current else None
            row = again if again is not None else min(max(row, 0), self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, 1))
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        overdue = self.model.overdue_count()
        opened = self.model.open_count()
        text = counted(opened, self.tr("{0} open follow-up"), self.tr("{0} open follow-ups")) + \
            (self.tr(", {0} overdue").format(f"{overdue:,}") if overdue else "")
        if self.model.cut_short():
            text += " · " + self.tr("the first {0} are listed, overdue first").format(f"{self.model.rowCount():,}")
        self.summary.setText(text)
        self.done_button.setEnabled(opened > 0)
        self.counts_changed.emit(opened, overdue)

    def _toggle_done(self, on: bool) -> None:
        self.model.include_done = on
        self.refresh()

    def complete_row(self, row: int) -> None:
        item = self.model.item(row)
        if item is not None:
            commands.complete_follow_up(item.interaction_id, not item.done)

    def _clicked(self, index) -> None:
        if index.column() == DONE_COLUMN:
            self.complete_row(index.row())

    def _activated(self, index) -> None:
        item = self.model.item(index.row())
        if item is not None and index.column() != DONE_COLUMN:
            self.interaction_requested.emit(item.interaction_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            self.complete_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def save_state(self) -> None:
        settings.panel_option("stakeholders", "follow_up_columns").set(self.table.horizontalHeader().saveState())

    def restore_state(self) -> None:
        state = settings.panel_option("stakeholders", "follow_up_columns").get()
        if not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
