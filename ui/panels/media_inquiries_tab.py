"""The Inquiries tab: open journalists' questions by deadline, with the overdue ones standing out."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.services import media

from .. import hub, undo
from ..dialogs.inquiry_dialog import InquiryDialog, RespondDialog
from ..dialogs.media_inquiry_details_dialog import InquiryDetailsDialog
from ..dialogs.media_form import media_empty_state, open_dialog
from ..errors import show_error
from ..models.inquiry_table_model import ID_ROLE, InquiryTableModel


class InquiriesTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None  # the dialog open now, if any (window-modal, never blocking)
        self.model = InquiryTableModel(self)
        self.model.modelReset.connect(self._update)

        bar = QHBoxLayout()
        self.log_button = QPushButton(self.tr("&Log inquiry…"))
        self.log_button.setToolTip(self.tr("A journalist called or wrote: note the question and the deadline"))
        self.log_button.clicked.connect(self.log_inquiry)
        self.respond_button = QPushButton(self.tr("&Respond…"))
        self.respond_button.clicked.connect(self.respond)
        self.assign_button = QPushButton(self.tr("A&ssign…"))
        self.assign_button.clicked.connect(lambda: self.assign())
        self.details_button = QPushButton(self.tr("De&tails"))
        self.details_button.clicked.connect(self.show_details)
        self.show_all = QCheckBox(self.tr("Show &answered and declined too"))
        self.show_all.toggled.connect(lambda on: self.model.set_open_only(not on))
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Inquiry summary"))
        for w in (self.log_button, self.respond_button, self.assign_button, self.details_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.show_all)
        bar.addStretch(1)
        bar.addWidget(self.summary)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Media inquiries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((150, 150, 150, 320, 120, 90, 130)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.show_details())
        self.table.activated.connect(lambda _: self.show_details())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.empty = media_empty_state(
            self.tr("No open inquiries"),
            self.tr("When a journalist calls or emails, log the question and their deadline here. It stays at "
                    "the top of this list, turning red when the deadline passes, until you record the response."),
            self.tr("Log inquiry…"))
        self.empty.action_clicked.connect(self.log_inquiry)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        # Deadlines pass while the list is on screen.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self._clock.start()
        self._update_buttons()

    # Loading ------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.refresh()
        self.select(selected)

    def _update(self) -> None:
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if rows or self.show_all.isChecked() else self.empty)
        overdue = self.model.overdue_count()
        text = self.tr("{0} open").format(rows) if self.model.open_only() else self.tr("{0} inquiries").format(rows)
        if overdue:
            text += " · " + self.tr("<b style='color:#b00020'>{0} overdue</b>").format(overdue)
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.model.row_at(self._current_row())
        self.respond_button.setEnabled(row is not None and row.status == "open")
        self.assign_button.setEnabled(row is not None and row.status == "open")
        self.details_button.setEnabled(row is not None)

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_id(self) -> int | None:
        row = self._current_row()
        return self.model.index(row, 0).data(ID_ROLE) if row >= 0 else None

    def select(self, inquiry_id: int | None) -> None:
        row = self.model.find_row(inquiry_id) if inquiry_id is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # Actions --------------------------------------------------------------------

    def log_inquiry(self) -> None:
        dialog = InquiryDialog(self)
        dialog.inquiry_logged.connect(self._logged)
        open_dialog(self, dialog)

    def _logged(self, inquiry_id: int) -> None:
        hub.changed("media")
        self.refresh()
        self.select(inquiry_id)
        hub.hub().status_message.emit(self.tr("Inquiry logged; it is also in the engagement log."))

    def respond(self, inquiry_id: int | None = None) -> None:
        inquiry_id = inquiry_id or self.selected_id()
        if inquiry_id is None:
            return
        try:
            dialog = RespondDialog(inquiry_id, self)
        except CommrelError as exc:
            show_error(self, exc)
            return
        dialog.responded.connect(self._responded)
        open_dialog(self, dialog)

    def _responded(self, _inquiry_id: int) -> None:
        hub.changed("media")
        self.refresh()
        hub.hub().status_message.emit(self.tr("Response recorded."))

    def assign(self, owner: str | None = None) -> None:
        row = self.model.row_at(self._current_row())
        if row is None:
            return
        if owner is None:
            people = media.assignees()
            current = people.index(row.assigned_to) if row.assigned_to in people else -1
            owner, ok = QInputDialog.getItem(self, self.tr("Assign inquiry"), self.tr("Who answers it?"),
                                             people, max(current, 0), True)
            if not ok:
                return
        before, inquiry_id = row.assigned_to, row.id
        try:
            media.assign(inquiry_id, owner)
        except CommrelError as exc:
            show_error(self, exc)
            return
        undo.push(self.tr("Assign inquiry"), lambda: media.assign(inquiry_id, owner),
                  lambda: media.assign(inquiry_id, before), kind="media")
        hub.changed("media")
        self.refresh()

    def show_details(self) -> None:
        inquiry_id = self.selected_id()
        if inquiry_id is None:
            return
        dialog = InquiryDetailsDialog(inquiry_id, self)
        # Respond opens after the details close, so only one dialog is ever up.
        dialog.respond_requested.connect(lambda i: QTimer.singleShot(0, lambda: self.respond(i)))
        open_dialog(self, dialog)
