"""Ctrl+K: one box that finds stakeholders, events and concerns as you type."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from commrel import search

_KIND_LABEL = {"stakeholder": "Stakeholder", "event": "Event", "concern": "Concern"}


class SearchHitModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list[search.SearchHit] = []

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            detail = f" — {hit.detail}" if hit.detail else ""
            return f"{_KIND_LABEL.get(hit.kind, hit.kind)}: {hit.title}{detail}"
        if role == Qt.ItemDataRole.UserRole:
            return (hit.kind, hit.id)
        return None

    def set_hits(self, hits):
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()


class GlobalSearchDialog(QDialog):
    record_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Search stakeholders, events and concerns…"))
        self.box.setAccessibleName(self.tr("Search text"))
        self.box.setClearButtonEnabled(True)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Search results"))
        self.model = SearchHitModel(self)
        self.list.setModel(self.model)
        self.hint = QLabel(self.tr("Type a name, email, event or concern reference. Enter opens the record."))
        self.hint.setWordWrap(True)
        layout.addWidget(self.box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._search)
        self.box.textChanged.connect(lambda _: self._timer.start())
        self.box.returnPressed.connect(self._open_current)
        self.list.activated.connect(self._open_index)

    def keyPressEvent(self, event):
        # Arrow keys move through results while typing continues in the box.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            row = self.list.currentIndex().row()
            row = (row + (1 if event.key() == Qt.Key.Key_Down else -1)) % self.model.rowCount()
            self.list.setCurrentIndex(self.model.index(row))
            return
        super().keyPressEvent(event)

    def _search(self):
        text = self.box.text()
        hits = search.global_search(text) if text.strip() else []
        self.model.set_hits(hits)
        if hits:
            self.list.setCurrentIndex(self.model.index(0))
            self.hint.setText(self.tr("%n result(s). Enter opens the highlighted one.", "", len(hits)))
        elif text.strip():
            self.hint.setText(self.tr("Nothing matches “{0}”.").format(text))

    def _open_current(self):
        self._timer.stop()
        self._search()
        index = self.list.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index):
        kind, record_id = index.data(Qt.ItemDataRole.UserRole)
        self.record_chosen.emit(kind, record_id)
        self.accept()
