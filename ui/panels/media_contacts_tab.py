"""The Contacts & lists tab: outlets and journalists, their media profile, and media lists."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QSplitter,
                               QStackedWidget, QTableView, QVBoxLayout, QWidget)

from commrel import db
from commrel.services import stakeholder_queries as queries
from commrel.services.stakeholder_queries import StakeholderFilter

from .. import hub, settings
from ..dialogs.media_contact_dialog import MediaContactDialog
from ..dialogs.media_form import media_empty_state, open_dialog
from ..models.media_contact_table_model import ID_ROLE, MediaContactTableModel
from .media_lists_box import MediaListsBox
from .media_profile_form import MediaProfileForm


class ContactsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None
        self.model = MediaContactTableModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find an outlet or journalist…"))
        self.search.setAccessibleName(self.tr("Find media contacts"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(lambda: self.model.set_text(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.add_button = QPushButton(self.tr("Add &outlet or journalist…"))
        self.add_button.clicked.connect(self.add_contact)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Outlets and journalists"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        for column, width in enumerate((160, 80, 140, 180, 100, 80, 140, 140)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(self._open_in_register)

        self.empty = media_empty_state(
            self.tr("No outlets or journalists yet"),
            self.tr("Stakeholders whose type is Media appear here. Add the local paper, radio station or a "
                    "reporter you deal with, or set a stakeholder's type to Media in the register."),
            self.tr("Add outlet or journalist…"), width=400)
        self.empty.action_clicked.connect(self.add_contact)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.stack, 1)

        self.profile = MediaProfileForm()
        self.profile.profile_saved.connect(self.model.update_profile)
        self.lists = MediaListsBox(self.selected_ids)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.profile)
        right_layout.addWidget(self.lists, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def refresh(self) -> None:
        keep = self.selected_ids()
        self.model.refresh()
        anyone = db.is_open() and queries.count(StakeholderFilter(types=["media"])) > 0
        self.stack.setCurrentWidget(self.table if anyone else self.empty)
        self.search.setEnabled(anyone)
        for sid in keep:
            row = self.model.find_row(sid)
            if row is not None:
                self.table.selectionModel().select(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows)
        self._selection_changed()
        self.lists.refresh()

    def selected_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]

    def select_contact(self, stakeholder_id: int) -> None:
        row = self.model.find_row(stakeholder_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            r = self.model.row_at(rows[0].row())
            self.profile.show_contact(r.id, r.display_name, self.model.profile_at(rows[0].row()),
                                      outlet=r.kind == "organisation")
        else:
            self.profile.show_contact(None, "")

    def _open_in_register(self, index) -> None:
        hub.hub().record_requested.emit("stakeholder", index.data(ID_ROLE))

    def add_contact(self) -> None:
        dialog = MediaContactDialog(self)
        dialog.contact_created.connect(self._created)
        open_dialog(self, dialog)

    def _created(self, stakeholder_id: int) -> None:
        hub.changed("stakeholders")
        self.search.clear()
        self.model.set_text("")
        self.refresh()
        self.select_contact(stakeholder_id)

    def save_state(self) -> None:
        settings.panel_option("media", "contacts_splitter").set(self.splitter.saveState())

    def restore_state(self) -> None:
        state = settings.panel_option("media", "contacts_splitter").get()
        if not state.isEmpty():
            self.splitter.restoreState(state)
