"""The Press materials tab: releases, statements and advisories; sending; who received them; kits."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QMessageBox, QPushButton, QSplitter, QStackedWidget, QTableView,
                               QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.services import media, press

from .. import hub, settings, tasks
from ..dialogs.media_advisory_dialog import AdvisoryDialog
from ..dialogs.press_material_dialog import PressMaterialDialog
from ..dialogs.media_form import media_empty_state, open_dialog
from ..errors import show_error
from ..formatting import datetime_text
from ..models.media_people_table_model import MediaPeopleTableModel, PersonRow
from ..models.press_table_model import ID_ROLE, PressTableModel
from .media_kits_box import MediaKitsBox


class PressTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None
        self.model = PressTableModel(self)
        self.new_button = QPushButton(self.tr("&New…"))
        self.new_button.setToolTip(self.tr("Register a press release, statement or advisory"))
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected_id()))
        self.send_button = QPushButton(self.tr("&Send…"))
        self.send_button.setToolTip(self.tr("Log it as sent to its media list; do-not-contact people are left out"))
        self.send_button.clicked.connect(lambda: self.send())
        self.advisory_button = QPushButton(self.tr("New &advisory from event…"))
        self.advisory_button.clicked.connect(self.advisory_from_event)
        self.export_button = QPushButton(self.tr("E&xport advisory…"))
        self.export_button.setToolTip(self.tr("Write the advisory as text, with the event's calendar file"))
        self.export_button.clicked.connect(lambda: self.export_advisory())
        bar = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.send_button, self.advisory_button, self.export_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result of the last send"))
        self.message.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Press materials"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        for column, width in enumerate((320, 120, 100, 90, 140, 160)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _: self.edit(self.selected_id()))
        self.empty = media_empty_state(
            self.tr("No press materials yet"),
            self.tr("Register each press release, statement or media advisory here with its file, then send it "
                    "to a media list: Commrel records who received it and leaves out anyone marked "
                    "do-not-contact."),
            self.tr("New press material…"))
        self.empty.action_clicked.connect(lambda: self.edit(None))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.received_model = MediaPeopleTableModel(("Name", "Email", "Sent"), self)
        self.received = QTableView()
        self.received.setModel(self.received_model)
        self.received.setAccessibleName(self.tr("Who received it"))
        self.received.verticalHeader().hide()
        self.received.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.received_note = QLabel()
        self.received_note.setWordWrap(True)
        received_box = QGroupBox(self.tr("Who received it"))
        box = QVBoxLayout(received_box)
        box.addWidget(self.received_note)
        box.addWidget(self.received, 1)
        box.addStretch()
        self.kits = MediaKitsBox()
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(received_box)
        bottom.addWidget(self.kits)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.message)
        top_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._selection_changed()

    def refresh(self) -> None:
        keep = self.selected_id()
        self.model.refresh()
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        self.select(keep)
        self._selection_changed()
        self.kits.refresh()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select(self, material_id: int | None) -> None:
        row = self.model.find_row(material_id) if material_id is not None else None
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        m = self.model.row_at(self.table.selectionModel().selectedRows()[0].row()) \
            if self.table.selectionModel().hasSelection() else None
        self.edit_button.setEnabled(m is not None)
        self.send_button.setEnabled(m is not None)
        self.export_button.setEnabled(m is not None and m.kind == "advisory")
        self.show_received(m.id if m else None)

    def show_received(self, material_id: int | None) -> None:
        people = press.received_by(material_id) if material_id is not None else []
        self.received_model.set_rows([PersonRow(s.id, s.display_name, s.email, datetime_text(at))
                                      for s, at in people])
        self.received.setVisible(bool(people))
        if material_id is None:
            self.received_note.setText(self.tr("Select a press material to see who it was sent to."))
        elif not people:
            self.received_note.setText(self.tr("Not sent to anyone yet."))
        else:
            self.received_note.setText(self.tr("{0} received it.").format(len(people)))

    # Actions -------------------------------------------------------------------

    def edit(self, material_id: int | None) -> None:
        dialog = PressMaterialDialog(material_id, self)
        dialog.material_saved.connect(self._saved)
        open_dialog(self, dialog)

    def _saved(self, material_id: int) -> None:
        hub.changed("media")
        self.refresh()
        self.select(material_id)

    def send(self, list_id: int | None = None) -> None:
        material_id = self.selected_id()
        if material_id is None:
            return
        m = press.get(material_id)
        if list_id is None and m.media_list_id is None:
            lists = media.lists()
            if not lists:
                show_error(self, CommrelError(self.tr("Create a media list first (on the Contacts & lists tab).")))
                return
            name, ok = QInputDialog.getItem(self, self.tr("Send to"), self.tr("Media list:"),
                                            [lst.name for lst in lists], 0, False)
            if not ok:
                return
            list_id = next(lst.id for lst in lists if lst.name == name)
        if m.status == "draft":
            answer = QMessageBox.question(self, self.tr("Send a draft?"),
                                          self.tr("“{0}” is still a draft. Mark it approved and send it?")
                                          .format(m.title))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            if m.status == "draft":
                press.update(material_id, status="approved")
            result = press.send(material_id, list_id)
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot send"))
            return
        self._say(escape(result.message()))
        hub.hub().status_message.emit(result.message())
        hub.changed("media")
        self.refresh()
        self.select(material_id)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def advisory_from_event(self) -> None:
        dialog = AdvisoryDialog(self)
        dialog.advisory_created.connect(self._saved)
        open_dialog(self, dialog)

    def export_advisory(self, folder: str | None = None) -> None:
        material_id = self.selected_id()
        if material_id is None:
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export advisory into folder"),
                                                      settings.LAST_EXPORT_FOLDER.get() or str(Path.home()))
            if not folder:
                return
        settings.LAST_EXPORT_FOLDER.set(folder)
        tasks.runner().run(press.export_advisory, material_id, folder, with_progress=False, parent=self,
                           on_success=self._advisory_exported,
                           on_failure=lambda exc: show_error(self, exc, self.tr("Cannot export the advisory")))

    def _advisory_exported(self, paths) -> None:
        names = ", ".join(p.name for p in paths)
        self._say(escape(self.tr("Wrote {0} in {1}.").format(names, paths[0].parent)))
        hub.hub().status_message.emit(self.tr("Advisory exported."))

    def save_state(self) -> None:
        settings.panel_option("media", "press_splitter").set(self.splitter.saveState())

    def restore_state(self) -> None:
        state = settings.panel_option("media", "press_splitter").get()
        if not state.isEmpty():
            self.splitter.restoreState(state)
