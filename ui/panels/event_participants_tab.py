"""An event's list of people: search it, change a role or a reply in place, tick who came, invite more."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QMenu, QMessageBox,
                               QPushButton,
                               QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import event_participants

from ..errors import show_error
from ..formatting import choice_label, counted
from ..models.event_participant_table_model import CHOICES, ID_ROLE, RSVP, WIDTHS, ParticipantTableModel


def fit_columns(table: QTableView, widths: list[int | None]) -> None:
    """Fixed widths where given, the rest sharing the table's width; rows as tall as the text needs."""
    header = table.horizontalHeader()
    for n, width in enumerate(widths):
        if width is None:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(n, width)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the column's choices; the stored code goes back to the model."""

    def __init__(self, options: dict[str, str], parent=None):
        super().__init__(parent)
        self.options = options

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        for code in self.options:
            combo.addItem(choice_label(self.options, code), code)
        combo.activated.connect(lambda _=None, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class EventParticipantsTab(QWidget):
    changed = Signal()
    invite_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ParticipantTableModel(self)
        self.model.changed.connect(self.changed)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find someone on the list…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the list"))
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.invite_button = QPushButton(self.tr("&Invite…"))
        self.invite_button.clicked.connect(self.invite_requested)
        self.reply_button = QToolButton()
        self.reply_button.setText(self.tr("Set &reply"))
        self.reply_button.setToolTip(self.tr("Record the same reply for everyone selected"))
        self.reply_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.reply_button)
        for code in choices.RSVP_STATUSES:
            menu.addAction(choice_label(choices.RSVP_STATUSES, code), lambda c=code: self.set_reply(c))
        self.reply_button.setMenu(menu)
        self.remove_button = QPushButton(self.tr("Re&move from list"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for column, options in CHOICES.items():
            self.table.setItemDelegateForColumn(column, ChoiceDelegate(options, self.table))
        fit_columns(self.table, WIDTHS)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.invite_button)
        top.addWidget(self.reply_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def load(self, event_id: int | None) -> None:
        self.model.load(event_id, self.search.text().strip())

    def reload(self) -> None:
        self.model.load(self.model.event_id, self.search.text().strip())

    def selected_ids(self) -> list[int]:
        return [self.model.index(i.row(), 0).data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]

    def set_reply(self, rsvp: str) -> int:
        """Record ``rsvp`` for everyone selected; returns how many changed."""
        done = 0
        for sid in self.selected_ids():
            row = self.model.row_of(sid)
            done += bool(self.model.setData(self.model.index(row, RSVP), rsvp))
        return done

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.model.event_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove from the list"), counted(
            len(ids), self.tr("Take 1 person off the list? Their reply and sign-in are forgotten."),
            self.tr("Take {0} people off the list? Their replies and sign-ins are forgotten.")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for sid in ids:
                event_participants.remove_participant(self.model.event_id, sid)
        except CommrelError as exc:
            show_error(self, exc)
        self.reload()
        self.changed.emit()
