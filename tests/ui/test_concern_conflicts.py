"""Editing a concern someone else saved meanwhile, and saving while the team database is away."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from commrel.errors import ServerUnavailable
from commrel.services import concerns
from commrel.services import stakeholders as stakeholder_service
from ui.dialogs.concern_action_dialog import ConcernActionDialog
from ui.dialogs.concern_dialog import ConcernDialog
from ui.dialogs.concern_edit_dialog import ConcernEditDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.stakeholder_dialog import StakeholderDialog

from concern_helpers import log
from team_helpers import on_next_modal

UNREACHABLE = ("The team database postgresql://ann@db.example.org:5432/team cannot be reached (timeout). "
               "Check the network connection, then try again; nothing was changed.")


@pytest.fixture
def editor(qtbot):
    concern = log("Generator running all night", severity="medium")
    dialog = ConcernEditDialog(concern.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def conflict_rows(dialog: ConflictDialog) -> dict[str, tuple[str, str]]:
    return {label.text(): (theirs.text(), mine.text()) for label, theirs, mine in dialog.cells}


def test_the_concern_window_opens_the_details_form_at_the_version_shown(qtbot):
    concern = log()
    window = ConcernDialog(concern.id)
    qtbot.addWidget(window)
    window.show()

    def fill(d):
        assert d.version == concern.version
        d.summary.clear()
        qtbot.keyClicks(d.summary, "Generator at the depot")
        click(qtbot, d.save_button)

    on_next_modal(fill, wait_for=ConcernEditDialog)
    click(qtbot, window.edit_button)
    assert concerns.get(concern.id).summary == "Generator at the depot"
    assert "Generator at the depot" in window.heading.text()


def test_someone_elses_save_shows_both_versions_and_keeps_what_was_typed(qtbot, editor):
    concerns.update(editor.concern_id, summary="Generator at the depot", severity="high")  # another officer
    editor.summary.clear()
    qtbot.keyClicks(editor.summary, "Generator by the school")
    qtbot.keyClicks(editor.description, "Runs from 10pm to 6am.")
    shown = []

    def keep_editing(d):
        shown.append((conflict_rows(d), d.message_label.text()))
        click(qtbot, d.keep_button)

    on_next_modal(keep_editing, wait_for=ConflictDialog)
    click(qtbot, editor.save_button)
    assert shown, "no comparison shown"
    rows, message = shown[0]
    assert "changed" in message and "not saved" in message
    assert rows["Summary"] == ("Generator at the depot", "Generator by the school")
    assert rows["Description"] == ("(empty)", "Runs from 10pm to 6am.")
    assert "Severity" not in rows  # not touched here: theirs stays
    assert editor.isVisible()
    assert editor.summary.text() == "Generator by the school"
    assert editor.description.toPlainText() == "Runs from 10pm to 6am."
    click(qtbot, editor.save_button)  # saving again puts these fields over theirs
    saved = concerns.get(editor.concern_id)
    assert (saved.summary, saved.description, saved.severity) == ("Generator by the school",
                                                                  "Runs from 10pm to 6am.", "high")
    assert not editor.isVisible()


def test_reloading_shows_their_version(qtbot, editor):
    concerns.update(editor.concern_id, summary="Generator at the depot", severity="high")
    editor.summary.clear()
    qtbot.keyClicks(editor.summary, "Mine")
    on_next_modal(lambda d: click(qtbot, d.reload_button), wait_for=ConflictDialog)
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert editor.summary.text() == "Generator at the depot"
    assert editor.severity.currentData() == "high"
    assert editor.version == concerns.get(editor.concern_id).version


def test_an_unreachable_server_keeps_the_form_open_with_the_text(qtbot, editor, monkeypatch):
    def refuse(*args, **kwargs):
        raise ServerUnavailable(UNREACHABLE)

    monkeypatch.setattr("ui.dialogs.concern_edit_dialog.concerns.update", refuse)
    qtbot.keyClicks(editor.description, "Neighbours recorded it on video.")
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert editor.message.isVisible()
    assert editor.message.text().startswith("Team database unreachable — your changes were not saved; "
                                            "they are still in the form")
    assert "cannot be reached" in editor.message.text()
    assert editor.description.toPlainText() == "Neighbours recorded it on video."


def test_a_lifecycle_form_stays_open_when_the_server_is_away(qtbot, monkeypatch):
    concern = log()
    dialog = ConcernActionDialog(concerns.get(concern.id), "reject")
    qtbot.addWidget(dialog)
    dialog.show()

    def refuse(*args, **kwargs):
        raise ServerUnavailable(UNREACHABLE)

    monkeypatch.setattr("ui.dialogs.concern_action_dialog.concerns.reject", refuse)
    qtbot.keyClicks(dialog.inputs["reason"], "Outside the project's area.")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.result() == 0
    assert "your changes were not saved" in dialog.general_error.text()
    assert dialog.inputs["reason"].toPlainText() == "Outside the project's area."


def test_a_stakeholder_form_stays_open_when_the_server_is_away(qtbot, monkeypatch):
    s = stakeholder_service.create(given_name="Amina", family_name="Okafor")
    dialog = StakeholderDialog(record_id=s.id)
    qtbot.addWidget(dialog)
    dialog.show()

    def refuse(*args, **kwargs):
        raise ServerUnavailable(UNREACHABLE)

    monkeypatch.setattr("ui.dialogs.stakeholder_dialog.stakeholders.update", refuse)
    qtbot.keyClicks(dialog.form.notes, "Prefers mornings")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.isVisible()
    assert "your changes were not saved" in dialog.message.text()
    assert dialog.form.notes.toPlainText() == "Prefers mornings"


def test_the_stakeholder_form_compares_field_by_field(qtbot):
    s = stakeholder_service.create(given_name="Amina", family_name="Okafor", phone="0100")
    dialog = StakeholderDialog(record_id=s.id)
    qtbot.addWidget(dialog)
    dialog.show()
    stakeholder_service.update(s.id, phone="0200", position="supportive")
    dialog.form.phone.clear()
    qtbot.keyClicks(dialog.form.phone, "0300")
    dialog.form.position.setCurrentIndex(dialog.form.position.findData("opposed"))
    shown = []
    on_next_modal(lambda d: (shown.append(conflict_rows(d)), click(qtbot, d.keep_button)),
                  wait_for=ConflictDialog)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert shown[0]["Phone"] == ("0200", "0300")
    assert shown[0]["Position"] == ("Supportive", "Opposed")
    assert dialog.form.phone.text() == "0300"
