"""Residents' rights from the register: everything held about a person, erasure, emptying the archive."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from commrel.services import privacy, stakeholders
from commrel.services import stakeholder_queries as queries

from .. import hub, settings, tasks


def _tr(text: str) -> str:
    return QApplication.translate("StakeholderPrivacyActions", text)


class StakeholderPrivacyActions(QObject):
    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.subject_access = QAction(_tr("Export everything held about this person…"), panel)
        self.subject_access.setStatusTip(_tr("Subject access request: one workbook with every record about them"))
        self.subject_access.triggered.connect(lambda checked=False: self.export_person())
        self.erase = QAction(_tr("Erase personal data…"), panel)
        self.erase.setStatusTip(_tr("Erasure request: remove what identifies them, keep the figures"))
        self.erase.triggered.connect(lambda checked=False: self.erase_person())
        self.empty_archive = QAction(_tr("Empty the archive…"), panel)
        self.empty_archive.setStatusTip(_tr("Delete every archived stakeholder for good"))
        self.empty_archive.triggered.connect(lambda checked=False: self.empty())

    def actions(self) -> list[QAction]:
        return [self.subject_access, self.erase, self.empty_archive]

    def update_enabled(self, selected: int) -> None:
        self.subject_access.setEnabled(selected == 1)
        self.erase.setEnabled(selected == 1)

    def _one(self) -> int | None:
        ids = self.panel.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def export_person(self, path: str | None = None) -> None:
        sid = self._one()
        if sid is None:
            return
        from commrel.services import subject_access

        person = stakeholders.get(sid)
        if path is None:
            default = Path(settings.LAST_EXPORT_FOLDER.get() or Path.home()) / f"{person.display_name} - records held.xlsx"
            path, _ = QFileDialog.getSaveFileName(self.panel, _tr("Export everything held"), str(default),
                                                  _tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        tasks.runner().run(subject_access.export_person, sid, Path(path), parent=self.panel,
                           title=_tr("Collecting everything held…"),
                           on_success=lambda p: hub.hub().status_message.emit(
                               _tr("Everything held about {0} was written to {1}.").format(person.display_name, p)))

    def erase_person(self, confirm: bool = True) -> None:
        sid = self._one()
        if sid is None:
            return
        person = stakeholders.get(sid)
        if confirm:
            typed, ok = QInputDialog.getText(
                self.panel, _tr("Erase personal data"),
                _tr("This removes {0}'s name, contact details, notes and the words of their interactions and "
                    "concerns, for good. Figures (counts per neighbourhood, concern statistics) stay.\n\n"
                    "It cannot be undone. Type ERASE to confirm.").format(person.display_name))
            if not ok or typed.strip().upper() != "ERASE":
                return
        tasks.runner().run(privacy.anonymise, sid, with_progress=False, parent=self.panel,
                           on_success=lambda _: (hub.changed("all"), hub.hub().status_message.emit(
                               _tr("Personal data erased; the erasure is recorded in the audit log."))))

    def empty(self, confirm: bool = True) -> None:
        n = queries.count(queries.StakeholderFilter(archived=True))
        if not n:
            QMessageBox.information(self.panel, _tr("Empty the archive"), _tr("The archive is already empty."))
            return
        if confirm and QMessageBox.question(
                self.panel, _tr("Empty the archive?"),
                _tr("Delete {0} archived stakeholders for good? A backup is taken first.").format(f"{n:,}"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return

        def run(progress=None):
            from commrel import backups

            backups.create_backup("before-emptying-archive")
            return privacy.empty_archive()

        tasks.runner().run(run, parent=self.panel, title=_tr("Emptying the archive…"),
                           on_success=lambda k: (hub.changed("stakeholders"), hub.hub().status_message.emit(
                               _tr("{0} archived stakeholders deleted.").format(f"{k:,}"))))
