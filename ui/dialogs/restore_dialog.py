"""Restore from backup: the backups with their dates and record counts."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox, QTableView,
                               QVBoxLayout)

from commrel import backups


class BackupTableModel(QAbstractTableModel):
    HEADERS = ("Taken", "Reason", "Stakeholders", "Events", "Concerns")

    def __init__(self, items, parent=None):
        super().__init__(parent)
        self.items = items

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
        values = (b.taken_at.strftime("%Y-%m-%d %H:%M"), b.reason.replace("-", " "),
                  b.stakeholders, b.events, b.concerns)
        v = values[index.column()]
        return "?" if v is None else str(v)


class RestoreDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.chosen = None
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        self.items = backups.list_backups()
        text = self.tr("Choose a backup to go back to. The current state is backed up first, so this "
                       "can itself be undone by restoring that backup.")
        if not self.items:
            text = self.tr("There are no backups of this database yet. Commrel takes one on the first start "
                           "of each day and before every import.")
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.table = QTableView()
        self.table.setModel(BackupTableModel(self.items, self))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows())))

    def _confirm(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        b = self.items[rows[0].row()]
        answer = QMessageBox.question(self, self.tr("Restore backup?"), self.tr(
            "Replace the current data with the backup taken {0}? The current data is backed up first.").format(
            b.taken_at.strftime("%Y-%m-%d %H:%M")))
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = b.path
            self.accept()
