"""Sign people in at the door: type part of a name, Enter signs in the highlighted person.

Arrow keys move the highlight without leaving the search box. Someone not in the register is added in
a few keystrokes: Ctrl+W (or "Add walk-in") opens the walk-in form with the typed name already split
into given and family name, Enter adds and signs them in.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from commrel.errors import CommrelError, ValidationError
from commrel.services import event_participants, events

from .. import hub
from ..errors import show_error
from ..models.event_check_in_model import CheckInModel
from ..models.event_table_model import when_text
from ..widgets.theme import ErrorLabel


class CheckInDialog(QDialog):
    def __init__(self, event_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.event_id = event_id
        event = events.get(event_id)
        self.setWindowTitle(self.tr("Sign-in: {0}").format(event.title))
        heading = QLabel(f"<b>{html.escape(event.title)}</b> — {html.escape(when_text(event))}")
        heading.setWordWrap(True)
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Signed in so far"))
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.counter.setFont(big)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a name, email or phone number…"))
        self.search.setAccessibleName(self.tr("Find the person at the door"))
        self.search.setClearButtonEnabled(True)
        bigger = QFont(self.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.8)
        self.search.setFont(bigger)
        self.search.installEventFilter(self)
        self.model = CheckInModel(event_id, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Matching people"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        larger = QFont(self.font())
        larger.setPointSizeF(larger.pointSizeF() * 1.25)
        self.table.setFont(larger)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().height() * 1.9))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.check_in_row(index.row()))
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.clicked.connect(lambda: self.check_in_row(self.current_row()))
        self.undo_button = QPushButton(self.tr("&Undo sign-in"))
        self.undo_button.setToolTip(self.tr("Take the highlighted person's sign-in back"))
        self.undo_button.clicked.connect(self.undo_sign_in)
        self.walk_in_button = QPushButton(self.tr("Add &walk-in…"))
        self.walk_in_button.setToolTip(self.tr("Someone not in the register (Ctrl+W)"))
        self.walk_in_button.clicked.connect(self.show_walk_in)
        QShortcut(QKeySequence("Ctrl+W"), self, self.show_walk_in)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Last sign-in"))
        self.walk_in = self._walk_in_box()
        self.walk_in.hide()
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        for button in (self.sign_in_button, self.undo_button, self.walk_in_button):
            button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.counter)
        actions = QHBoxLayout()
        actions.addWidget(self.sign_in_button)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.walk_in_button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.walk_in)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.resize(900, 640)
        self.refresh()
        self.search.setFocus()

    def _walk_in_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Walk-in: not in the register"))
        self.given, self.family, self.email, self.phone = (QLineEdit() for _ in range(4))
        form = QFormLayout()
        for label, edit, name in ((self.tr("&Given name:"), self.given, self.tr("Given name")),
                                  (self.tr("&Family name:"), self.family, self.tr("Family name")),
                                  (self.tr("&Email:"), self.email, self.tr("Email")),
                                  (self.tr("&Phone:"), self.phone, self.tr("Phone"))):
            edit.setAccessibleName(name)
            edit.returnPressed.connect(self.add_walk_in)
            form.addRow(label, edit)
        self.walk_in_error = ErrorLabel()
        self.walk_in_error.hide()
        add = QPushButton(self.tr("Add and sign &in"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_walk_in)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.hide_walk_in)
        row = QHBoxLayout()
        row.addWidget(self.walk_in_error)
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(cancel)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(row)
        return box

    # The list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.search(self.search.text())
        if self.model.rowCount():
            self.select_row(0)
        c = event_participants.counts(self.event_id)
        self.counter.setText(self.tr("{0} signed in of {1} accepted").format(f"{c['attended']:,}",
                                                                             f"{c['accepted']:,}"))

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        row = max(0, min(self.model.rowCount() - 1, row))
        self.table.selectionModel().select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))

    def eventFilter(self, obj, event):
        if obj is self.search and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[key]
                self.select_row(self.current_row() + step)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._timer.stop()
                if self.model.text != self.search.text().strip():
                    self.refresh()
                self.check_in_row(self.current_row())
                return True
        return super().eventFilter(obj, event)

    def check_in_row(self, row: int) -> bool:
        person = self.model.row(row)
        if person is None:
            if self.search.text().strip():
                self.message.setText(self.tr("Nobody matches. Press Ctrl+W to add them as a walk-in."))
            return False
        if person.attended:
            self.message.setText(self.tr("{0} is already signed in.").format(person.name))
            return False
        try:
            event_participants.check_in(self.event_id, person.stakeholder_id)
        except CommrelError as exc:
            show_error(self, exc)
            return False
        added = "" if person.on_list else " " + self.tr("(added to the list)")
        self._signed_in(self.tr("✓ {0} signed in.").format(person.name) + added)
        return True

    def undo_sign_in(self) -> None:
        person = self.model.row(self.current_row())
        if person is None or not person.attended:
            return
        event_participants.set_attended(self.event_id, person.stakeholder_id, False)
        self._signed_in(self.tr("{0}'s sign-in taken back.").format(person.name), clear=False)

    def _signed_in(self, text: str, *, clear: bool = True) -> None:
        self.message.setText(text)
        if clear:
            self.search.clear()
        self._timer.stop()
        self.refresh()
        self.search.setFocus()
        hub.changed("events")

    # Walk-ins -------------------------------------------------------------------------------------------

    def show_walk_in(self) -> None:
        words = self.search.text().split()
        if words and "@" not in words[0] and not any(ch.isdigit() for ch in words[0]):
            first_up = [w[:1].upper() + w[1:] for w in words]  # typed in a hurry: "jo bloggs"
            self.given.setText(first_up[0])
            self.family.setText(" ".join(first_up[1:]))
        self.walk_in.show()
        self.walk_in_error.hide()
        (self.email if self.given.text() else self.given).setFocus()

    def hide_walk_in(self) -> None:
        for edit in (self.given, self.family, self.email, self.phone):
            edit.clear()
        self.walk_in.hide()
        self.search.setFocus()

    def add_walk_in(self) -> int | None:
        try:
            person = event_participants.add_walk_in(self.event_id, given_name=self.given.text(),
                                                    family_name=self.family.text(), email=self.email.text(),
                                                    phone=self.phone.text())
        except ValidationError as exc:
            self.walk_in_error.setText(exc.message)
            self.walk_in_error.show()
            return None
        except CommrelError as exc:
            show_error(self, exc)
            return None
        self.hide_walk_in()
        hub.changed("stakeholders")
        self._signed_in(self.tr("✓ {0} added to the register and signed in.").format(person.display_name))
        return person.id
