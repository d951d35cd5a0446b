"""A line edit that finds media contacts as you type and remembers which one was picked."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from commrel.services import stakeholder_queries as queries
from commrel.services.stakeholder_queries import StakeholderFilter

ID_ROLE = Qt.ItemDataRole.UserRole


class MediaContactPicker(QLineEdit):
    """Suggests media stakeholders (people, organisations or both) whose names match the text.

    ``allow_free_text`` keeps a typed name that matches nobody (an outlet not in the register).
    """

    chosen = Signal(int)

    def __init__(self, kinds: list[str] | None = None, *, allow_free_text: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._kinds = list(kinds or [])
        self._allow_free_text = allow_free_text
        self._id: int | None = None
        self._name = ""
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._picked)
        # A short pause after typing, so a fast typist does not query on every key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._take_exact_match)

    # What was picked --------------------------------------------------------

    def selected_id(self) -> int | None:
        return self._id if self._id is not None and self.text().strip() == self._name else None

    def free_text(self) -> str:
        """The typed name when nobody in the register was picked (and free text is allowed)."""
        return "" if self.selected_id() is not None or not self._allow_free_text else self.text().strip()

    def set_choice(self, stakeholder_id: int | None, name: str) -> None:
        self._id, self._name = stakeholder_id, name
        self.setText(name)

    def suggestions(self) -> list[tuple[int, str]]:
        return [(self._model.item(r).data(ID_ROLE), self._model.item(r).text()) for r in range(self._model.rowCount())]

    def choose_row(self, row: int) -> None:
        """Take the ``row``-th suggestion, as a click in the popup would."""
        self._picked(self._model.index(row, 0))

    # Searching ----------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._timer.start()

    def _search(self) -> None:
        text = self.text().strip()
        self._model.clear()
        if not text:
            self._completer.popup().hide()
            return
        rows = queries.page(StakeholderFilter(text=text, types=["media"], kinds=self._kinds), limit=15)
        for r in rows:
            label = f"{r.display_name} — {r.organisation_name}" if r.organisation_name else r.display_name
            item = QStandardItem(label)
            item.setData(r.id, ID_ROLE)
            item.setData(r.display_name, ID_ROLE + 1)
            self._model.appendRow(item)
        if rows:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _take_exact_match(self) -> None:
        """A name typed in full counts as picked, so a fast typist need not touch the list."""
        if self.selected_id() is not None or not self.text().strip():
            return
        typed = self.text().strip().casefold()
        for row in range(self._model.rowCount()):
            if (self._model.item(row).data(ID_ROLE + 1) or "").casefold() == typed:
                self._picked(self._model.index(row, 0))
                return

    def _picked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self._id = index.data(ID_ROLE)
        self._name = index.data(ID_ROLE + 1)
        self.setText(self._name)  # the name alone, without the organisation shown in the suggestion
        self.chosen.emit(self._id)
