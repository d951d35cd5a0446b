"""Tags typed as a comma-separated list, each completed from the tags already in use."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class TagEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("e.g. harbour, youth council"))
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._complete_last)

    def set_choices(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def tags(self) -> list[str]:
        seen: dict[str, None] = {}
        for part in self.text().split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in {s.casefold() for s in seen}:
                seen[name] = None
        return list(seen)

    def set_tags(self, tags: list[str]) -> None:
        self.setText(", ".join(tags))

    def _complete_last(self, text: str) -> None:
        prefix = text.split(",")[-1].strip()
        if not prefix:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _insert(self, completion: str) -> None:
        parts = [p.strip() for p in self.text().split(",")[:-1] if p.strip()]
        self.setText(", ".join(parts + [completion]) + ", ")

    def keyPressEvent(self, event):
        # While the list is open, these keys choose or dismiss; the completer handles them.
        if self.completer_.popup().isVisible() and event.key() in (
                Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()
            return
        super().keyPressEvent(event)
