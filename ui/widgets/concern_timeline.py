"""A concern's timeline, newest first, with buttons to add a note, call, letter, visit or file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from commrel.models import choices
from commrel.services import concerns

from ..formatting import choice_label, datetime_text
from ..models.list_table_model import ITEM_ROLE, ListColumn, ListTableModel

# The entries people add by hand, with their buttons.
ADD_KINDS = [("note", QT_TRANSLATE_NOOP("ConcernTimeline", "&Note")),
             ("call", QT_TRANSLATE_NOOP("ConcernTimeline", "Ca&ll")),
             ("letter", QT_TRANSLATE_NOOP("ConcernTimeline", "L&etter")),
             ("site_visit", QT_TRANSLATE_NOOP("ConcernTimeline", "Site &visit")),
             ("attachment", QT_TRANSLATE_NOOP("ConcernTimeline", "Attac&hment…"))]


def _what(entry) -> str:
    if entry.kind == "status":
        return entry.text
    parts = [entry.text] if entry.text else []
    if entry.attachment:
        parts.append(f"[{Path(entry.attachment).name}]")
    return " ".join(parts)


class ConcernTimeline(QWidget):
    add_requested = Signal(str)  # the kind of entry

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ListTableModel([
            ListColumn(self.tr("When"), lambda e: datetime_text(e.at)),
            ListColumn(self.tr("Kind"), lambda e: choice_label(choices.CONCERN_UPDATE_KINDS, e.kind)),
            ListColumn(self.tr("What"), _what, lambda e: "\n".join(p for p in (e.text, e.attachment) if p)),
            ListColumn(self.tr("By"), lambda e: e.recorded_by),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Timeline, newest first"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self._open_attachment)
        caption = QLabel(self.tr("Add:"))
        row = QHBoxLayout()
        row.addWidget(caption)
        self.add_buttons: dict[str, QPushButton] = {}
        for kind, text in ADD_KINDS:
            button = QPushButton(self.tr(text))
            button.setAccessibleName(self.tr("Add {0}").format(self.tr(text).replace("&", "").rstrip("…")))
            button.clicked.connect(lambda _=False, k=kind: self.add_requested.emit(k))
            row.addWidget(button)
            self.add_buttons[kind] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def load(self, concern_id: int) -> None:
        self.model.set_items(concerns.timeline(concern_id))
        self.view.resizeRowsToContents()

    def _open_attachment(self, index) -> None:
        entry = index.data(ITEM_ROLE)
        if entry is not None and entry.attachment:
            QDesktopServices.openUrl(QUrl.fromLocalFile(entry.attachment))
