"""What can be done from the register: add, edit, log, tag, archive, delete, merge, export."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from commrel.errors import NotFound
from commrel.services import engagement, stakeholders
from commrel.services import stakeholder_queries as queries

from .. import exchange_actions, hub
from .. import stakeholder_commands as commands
from ..dialogs.bulk_tag_dialog import BulkTagDialog
from ..dialogs.interaction_dialog import InteractionDialog
from ..dialogs.merge_dialog import MergeDialog
from ..dialogs.stakeholder_dialog import StakeholderDialog
from ..errors import show_error
from ..formatting import counted

if TYPE_CHECKING:
    from .stakeholders_panel import StakeholdersPanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("StakeholderActions", text)


class StakeholderActions(QObject):
    """The register's commands as QActions; the panel places them in its toolbar and menus."""

    def __init__(self, panel: "StakeholdersPanel"):
        super().__init__(panel)
        self.panel = panel
        self.dialog = None  # the dialog opened last (tests reach it here)
        self.new_person = self._act(_tr("New &person"), self.add_person, "Ctrl+N",
                                    _tr("Add a person to the register (Ctrl+N)"))
        self.new_organisation = self._act(_tr("New &organisation"), self.add_organisation,
                                          tip=_tr("Add an organisation to the register"))
        self.edit = self._act(_tr("&Edit…"), self.edit_current, tip=_tr("Edit the selected stakeholder (Enter)"))
        self.log = self._act(_tr("&Log interaction…"), self.log_interaction, "Ctrl+L",
                             _tr("Log a meeting, call or email with the selected stakeholders (Ctrl+L)"))
        self.tag = self._act(_tr("&Tag…"), self.tag_selected, "Ctrl+T", _tr("Add or remove a tag on the selection"))
        self.archive = self._act(_tr("&Archive"), lambda: self.set_archived(True), "Delete",
                                 _tr("Move the selection to the archive (Delete)"), widget_only=True)
        self.restore = self._act(_tr("&Restore"), lambda: self.set_archived(False),
                                 tip=_tr("Bring archived stakeholders back into the register"))
        self.delete = self._act(_tr("&Delete…"), self.delete_selected, "Shift+Delete",
                                _tr("Delete the selection for good (Shift+Delete)"), widget_only=True)
        self.merge = self._act(_tr("&Merge…"), self.merge_selected,
                               tip=_tr("Merge two records of the same stakeholder"))
        self.export = self._act(_tr("E&xport…"), self.export_selected,
                                tip=_tr("Export the selection, or everything the filters show"))

    def _act(self, text, slot, keys=None, tip="", widget_only=False) -> QAction:
        action = QAction(text, self.panel)
        action.triggered.connect(lambda checked=False: slot())
        if keys:
            action.setShortcut(QKeySequence(keys))
            # Delete and Shift+Delete only act in the table, never while typing in a filter.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if widget_only
                                      else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def shortcut_actions(self) -> tuple[list[QAction], list[QAction]]:
        """(actions for the whole panel, actions for the table only)."""
        return ([self.new_person, self.new_organisation, self.log, self.tag],
                [self.archive, self.delete])

    def update_enabled(self, selected: int, archived: bool | None = False) -> None:
        """``archived`` is what the register shows: live (False), the archive (True) or both (None)."""
        self.edit.setEnabled(selected == 1)
        for action in (self.log, self.tag, self.delete):
            action.setEnabled(selected >= 1)
        self.archive.setEnabled(selected >= 1 and archived is not True)
        self.restore.setEnabled(selected >= 1 and archived is not False)
        self.merge.setEnabled(selected == 2)
        self.export.setText(_tr("E&xport {0} selected…").format(f"{selected:,}") if selected > 1
                            else _tr("E&xport list…"))

    def _status(self, text: str) -> None:
        hub.hub().status_message.emit(text)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # Records ---------------------------------------------------------------

    def add_person(self) -> None:
        self._new("person")

    def add_organisation(self) -> None:
        self._new("organisation")

    def _new(self, kind: str) -> None:
        dialog = StakeholderDialog(self.panel, kind=kind)
        dialog.saved.connect(self.panel.open_record)
        dialog.open_existing.connect(self.panel.open_record)
        self._open(dialog)

    def edit_current(self, record_id: int | None = None) -> None:
        record_id = record_id or self.panel.current_id()
        if record_id is None:
            return
        try:
            dialog = StakeholderDialog(self.panel, record_id=record_id)
        except NotFound as exc:
            show_error(self.panel, exc)
            return
        self._open(dialog)

    def log_interaction(self, people=None) -> None:
        people = people or queries.rows_by_id(self.panel.selected_ids())
        people = [p for p in people if p is not None]
        if not people:
            self._status(_tr("Select the stakeholders the interaction was with first."))
            return
        self._open(InteractionDialog(people, self.panel))

    def edit_interaction(self, interaction_id: int) -> None:
        try:
            people = engagement.participants(interaction_id)
            dialog = InteractionDialog(people, self.panel, interaction_id=interaction_id)
        except NotFound as exc:
            show_error(self.panel, exc)
            return
        self._open(dialog)

    # The selection -------------------------------------------------------------

    def tag_selected(self) -> None:
        ids = self.panel.selected_ids()
        if not ids:
            return
        dialog = BulkTagDialog(len(ids), self.panel)
        dialog.accepted.connect(lambda: commands.tag(
            self.panel, ids, dialog.tag(), dialog.removing(),
            on_done=lambda n: self._status(_tr("Tag “{0}”: {1} changed.").format(
                dialog.tag(), counted(n, _tr("{0} stakeholder"), _tr("{0} stakeholders"))))))
        self._open(dialog)

    def set_archived(self, archived: bool) -> None:
        ids = self.panel.selected_ids()
        if not ids:
            return

        def done(n: int) -> None:
            text = (counted(n, _tr("Archived {0} stakeholder."), _tr("Archived {0} stakeholders.")) if archived
                    else counted(n, _tr("Restored {0} stakeholder."), _tr("Restored {0} stakeholders.")))
            self._status(text + " " + _tr("Edit ▸ Undo brings them back.") if n else text)

        commands.archive(self.panel, ids, archived, on_done=done)

    def delete_selected(self) -> None:
        ids = self.panel.selected_ids()
        if not ids:
            return
        names = [r.display_name for r in queries.rows_by_id(ids[:5]) if r]
        more = len(ids) - len(names)
        shown = ", ".join(names) + (" " + _tr("and {0} more").format(f"{more:,}") if more else "")
        impact = stakeholders.delete_impact(ids).describe()
        answer = QMessageBox.question(
            self.panel, counted(len(ids), _tr("Delete {0} stakeholder?"), _tr("Delete {0} stakeholders?")),
            _tr("Delete {0} for good?\n\n{1}\n\nArchiving keeps the record out of the way instead. "
                "Edit ▸ Undo can bring deleted records back until the database is closed.").format(shown, impact),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        commands.delete(self.panel, ids, on_done=lambda n: self._status(
            counted(n, _tr("Deleted {0} stakeholder."), _tr("Deleted {0} stakeholders."))))

    def merge_selected(self) -> None:
        ids = self.panel.selected_ids()
        if len(ids) != 2:
            self._status(_tr("Select exactly two records to merge."))
            return
        dialog = MergeDialog(ids[0], ids[1], self.panel)
        dialog.merged.connect(self.panel.open_record)
        self._open(dialog)

    def export_selected(self) -> None:
        ids = self.panel.selected_ids()
        if len(ids) > 1:
            exchange_actions.export_dialog(self.panel, "stakeholders", ids=ids)
        else:
            exchange_actions.export_dialog(self.panel, "stakeholders", filter=self.panel.model.filter())
