"""Past imports, newest first, each one undoable as a whole."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox, QTableView,
                               QVBoxLayout)

from commrel.services import batches


class BatchTableModel(QAbstractTableModel):
    HEADERS = ("When", "File", "Kind", "Created", "Updated", "By", "State")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items = batches.history()

    def reload(self):
        self.beginResetModel()
        self.items = batches.history()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        b = self.items[index.row()]
        state = self.tr("undone {0}").format(f"{b.undone_at:%Y-%m-%d}") if b.undone_at else self.tr("applied")
        return (f"{b.at:%Y-%m-%d %H:%M}", b.source, b.kind, str(b.created), str(b.updated), b.by,
                state)[index.column()]


class ImportHistoryDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import history"))
        self.resize(760, 400)
        layout = QVBoxLayout(self)
        self.model = BatchTableModel(self)
        note = QLabel(self.tr("Undoing an import removes the records it created and puts back the values it "
                              "changed.") if self.model.items else self.tr("Nothing has been imported yet."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = buttons.addButton(self.tr("Undo import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self._undo)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self.model.modelReset.connect(self._update_button)
        self._update_button()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        b = self._selected()
        self.undo_button.setEnabled(b is not None and b.undone_at is None)

    def _undo(self):
        b = self._selected()
        if b is None or b.undone_at:
            return
        answer = QMessageBox.question(self, self.tr("Undo import?"), self.tr(
            "Undo the import of {0}? {1} created records are removed and {2} updated records "
            "go back to their earlier values.").format(b.source, b.created, b.updated))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from ..exchange_actions import undo_import

        # The list changes when the undo has landed, not before.
        undo_import(self, b.id, on_done=self.model.reload)
