"""Choose one stakeholder by typing part of a name (full-text search, as you type)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from commrel.services import stakeholder_queries as queries

_ID_ROLE = Qt.ItemDataRole.UserRole


class StakeholderPicker(QLineEdit):
    chosen = Signal(int, str)

    def __init__(self, kinds: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kinds = list(kinds or [])
        self.exclude_id: int | None = None
        self.chosen_id: int | None = None
        self.setPlaceholderText(self.tr("Type a name…"))
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.popup().setMinimumWidth(440)  # wider than a filter field: names and emails are long
        self._completer.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.search)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.chosen_id = None
        self._timer.start()

    def search(self) -> None:
        text = self.text().strip()
        self._model.clear()
        if not text:
            self._completer.popup().hide()
            return
        for r in queries.pick(text, kinds=self.kinds, limit=15):
            if r.id == self.exclude_id:
                continue
            # Something beside the name tells apart records that share one (a large register has many).
            detail = r.organisation_name or r.email or r.neighbourhood
            item = QStandardItem(f"{r.display_name} — {detail}" if detail else r.display_name)
            item.setToolTip(" · ".join(t for t in (r.display_name, r.organisation_name, r.email, r.neighbourhood) if t))
            item.setData(r.id, _ID_ROLE)
            item.setData(r.display_name, _ID_ROLE + 1)
            self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        self.choose(index.data(_ID_ROLE), index.data(_ID_ROLE + 1))

    def choose(self, stakeholder_id: int, name: str) -> None:
        self.chosen_id = stakeholder_id
        self.setText(name)
        self.chosen.emit(stakeholder_id, name)

    def first_match(self) -> tuple[int, str] | None:
        """The top suggestion for what is typed (Enter without picking from the list)."""
        self._timer.stop()
        self.search()
        self._completer.popup().hide()
        if not self._model.rowCount():
            return None
        item = self._model.item(0)
        return item.data(_ID_ROLE), item.data(_ID_ROLE + 1)

    def clear_choice(self) -> None:
        self.chosen_id = None
        self.clear()

    def keyPressEvent(self, event):
        if self._completer.popup().isVisible() and event.key() in (
                Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()
            return
        super().keyPressEvent(event)
