"""Media lists: who a release goes to, with the people it will leave out said plainly."""
from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QPushButton, QTableView, QVBoxLayout, QWidget)

from commrel import db
from commrel.errors import CommrelError
from commrel.services import media

from .. import hub, undo
from ..errors import show_error
from ..models.media_people_table_model import MediaPeopleTableModel, PersonRow


class MediaListsBox(QGroupBox):
    lists_changed = Signal()

    def __init__(self, selected_contacts: Callable[[], list[int]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Media lists"))
        self._selected_contacts = selected_contacts
        self.list_combo = QComboBox()
        self.list_combo.setAccessibleName(self.tr("Media list"))
        self.list_combo.currentIndexChanged.connect(lambda _: self.show_members())
        self.new_button = QPushButton(self.tr("&New list…"))
        self.new_button.clicked.connect(lambda: self.create_list())
        self.add_button = QPushButton(self.tr("&Add selected contacts"))
        self.add_button.setToolTip(self.tr("Add the outlets and journalists selected on the left to this list"))
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button = QPushButton(self.tr("Re&move from list"))
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.list_combo, 1)
        top.addWidget(self.new_button)
        top.addStretch()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.recipients = QLabel()
        self.recipients.setWordWrap(True)
        self.recipients.setAccessibleName(self.tr("Who will receive mailings to this list"))
        self.model = MediaPeopleTableModel(("Member", "Email", "Left out because"), self)
        self.members = QTableView()
        self.members.setModel(self.model)
        self.members.setAccessibleName(self.tr("List members"))
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.verticalHeader().hide()
        self.members.setWordWrap(False)
        header = self.members.horizontalHeader()
        # Lists are short (tens of people), so fitting columns to their contents costs nothing.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Widths from the rows near those in view: a list of thousands is not measured row by row.
        header.setResizeContentsPrecision(100)
        header.setStretchLastSection(True)
        self.members.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(self.recipients)
        layout.addWidget(self.members, 1)
        layout.addStretch()  # keeps the hint at the top while there is no table to show

    def member_note(self, s) -> tuple[str, bool]:
        """Why a member would be left out of a mailing, if they would be."""
        if s.do_not_contact:
            return self.tr("Do not contact"), True
        if s.archived:
            return self.tr("Archived"), True
        if not s.email:
            return self.tr("No email address"), True
        return "", False

    def current_list(self) -> int | None:
        return self.list_combo.currentData()

    def refresh(self) -> None:
        keep = self.current_list()
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        for lst in media.lists() if db.is_open() else []:
            self.list_combo.addItem(lst.name, lst.id)
        index = self.list_combo.findData(keep) if keep is not None else -1
        self.list_combo.setCurrentIndex(index if index >= 0 else (0 if self.list_combo.count() else -1))
        self.list_combo.blockSignals(False)
        self.show_members()

    def show_members(self) -> None:
        list_id = self.current_list()
        self.list_combo.setVisible(list_id is not None)
        self.add_button.setVisible(list_id is not None)
        self.remove_button.setVisible(list_id is not None)
        if list_id is None:
            self.hint.setText(self.tr("No media lists yet. A media list is who a press release goes to: create "
                                      "one, then select outlets and journalists on the left and add them."))
            self.hint.show()
            self.model.set_rows([])
            self.recipients.setText("")
            self.members.hide()
        else:
            people = media.members(list_id)
            self.model.set_rows([PersonRow(s.id, s.display_name, s.email, *self.member_note(s)) for s in people])
            self.hint.setText(self.tr("Empty: select outlets and journalists on the left, then "
                                      "“Add selected contacts”."))
            self.hint.setVisible(not people)
            self.members.setVisible(bool(people))
            who = media.recipients_among(people)
            left_out = who.do_not_contact or who.archived or who.no_email
            text = escape(who.message())
            self.recipients.setText(f"<span style='color:#b00020'>⚠ {text}</span>" if left_out else text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_list = self.current_list() is not None
        self.add_button.setEnabled(has_list)
        self.remove_button.setEnabled(has_list and self.members.selectionModel().hasSelection())

    # Actions --------------------------------------------------------------------

    def create_list(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New media list"),
                                            self.tr("Name of the list (e.g. Local press, Trade press):"))
            if not ok:
                return
        try:
            lst = media.create_list(name)
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot create the list"))
            return
        self.refresh()
        self.list_combo.setCurrentIndex(self.list_combo.findData(lst.id))
        self.lists_changed.emit()
        hub.changed("media")

    def add_selected(self) -> None:
        list_id, ids = self.current_list(), self._selected_contacts()
        if list_id is None:
            return
        if not ids:
            hub.hub().status_message.emit(self.tr("Select outlets or journalists on the left first."))
            return
        existing = {r.id for r in (self.model.row_at(n) for n in range(self.model.rowCount())) if r}
        added_ids = [i for i in ids if i not in existing]
        media.add_to_list(list_id, added_ids)
        undo.push(self.tr("Add to media list"), lambda: media.add_to_list(list_id, added_ids),
                  lambda: media.remove_from_list(list_id, added_ids), kind="media")
        self.show_members()
        hub.changed("media")
        hub.hub().status_message.emit(self.tr("{0} added to {1}.").format(len(added_ids),
                                                                           self.list_combo.currentText()))

    def remove_selected(self) -> None:
        list_id = self.current_list()
        ids = [self.model.row_at(i.row()).id for i in self.members.selectionModel().selectedRows()]
        if list_id is None or not ids:
            return
        media.remove_from_list(list_id, ids)
        undo.push(self.tr("Remove from media list"), lambda: media.remove_from_list(list_id, ids),
                  lambda: media.add_to_list(list_id, ids), kind="media")
        self.show_members()
        hub.changed("media")
