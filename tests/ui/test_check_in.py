"""Signing people in at the door: search as you type, Enter, walk-ins, the running count."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from commrel.models import Stakeholder
from commrel.services import event_participants
from ui.dialogs.check_in_dialog import CheckInDialog
from ui.models.event_check_in_model import CheckInModel

from test_event_helpers import meeting, person


@pytest.fixture
def door(qtbot):
    event = meeting()
    ann, bob, cy = person("Ann Lee"), person("Bob Lees"), person("Cy Walker")
    event_participants.invite(event.id, [ann.id, bob.id])
    event_participants.set_rsvp(event.id, ann.id, "accepted")
    event_participants.set_rsvp(event.id, bob.id, "accepted")
    dialog = CheckInDialog(event.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, event, (ann, bob, cy)


def type_and_wait(qtbot, dialog, text):
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, text)
    qtbot.waitUntil(lambda: dialog.model.text == text.strip())


def test_typing_finds_people_on_the_list_and_enter_signs_in_the_highlighted_one(door, qtbot):
    dialog, event, (ann, bob, _) = door
    assert dialog.counter.text() == "0 signed in of 2 accepted"
    type_and_wait(qtbot, dialog, "lee")
    assert [dialog.model.row(n).name for n in range(dialog.model.rowCount())] == ["Ann Lee", "Bob Lees"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # the arrow moves the highlight, the typing stays
    assert dialog.current_row() == 1 and dialog.search.hasFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert event_participants.counts(event.id)["attended"] == 1
    assert [p.attended for p in event_participants.participants(event.id)] == [False, True]
    assert dialog.counter.text() == "1 signed in of 2 accepted"
    assert dialog.message.text() == "✓ Bob Lees signed in." and dialog.search.text() == ""


def test_someone_in_the_register_but_not_invited_is_added_as_they_sign_in(door, qtbot):
    dialog, event, (_, _, cy) = door
    type_and_wait(qtbot, dialog, "walker")
    assert dialog.model.row(0).status() == "Not on the list"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Enter)
    assert "(added to the list)" in dialog.message.text()
    assert cy.id in {p.stakeholder_id for p in event_participants.participants(event.id) if p.attended}


def test_signing_in_twice_says_so_and_undo_takes_it_back(door, qtbot):
    dialog, event, (ann, _, _) = door
    type_and_wait(qtbot, dialog, "Ann")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    type_and_wait(qtbot, dialog, "Ann")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.message.text() == "Ann Lee is already signed in."
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert event_participants.counts(event.id)["attended"] == 0
    assert dialog.counter.text() == "0 signed in of 2 accepted"


def test_a_walk_in_is_added_in_a_few_keystrokes(door, qtbot):
    dialog, event, _ = door
    type_and_wait(qtbot, dialog, "Jo Bloggs")
    assert dialog.model.rowCount() == 0
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert "Ctrl+W" in dialog.message.text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert dialog.walk_in.isVisible()
    assert (dialog.given.text(), dialog.family.text()) == ("Jo", "Bloggs") and dialog.email.hasFocus()
    qtbot.keyClicks(dialog.email, "jo@example.org")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    jo = Stakeholder.get(Stakeholder.email == "jo@example.org")
    assert jo.display_name == "Jo Bloggs" and jo.type == "resident"
    assert [p.attended for p in event_participants.participants(event.id) if p.stakeholder_id == jo.id] == [True]
    assert not dialog.walk_in.isVisible() and dialog.search.hasFocus()
    assert dialog.counter.text() == "1 signed in of 3 accepted"


def test_a_walk_in_needs_a_first_name(door, qtbot):
    dialog, event, _ = door
    dialog.show_walk_in()
    qtbot.keyClick(dialog.given, Qt.Key.Key_Return)
    assert dialog.walk_in_error.isVisible() and dialog.walk_in_error.text() == "Give at least a first name."
    assert event_participants.counts(event.id)["attended"] == 0


def test_the_check_in_model(door, qtmodeltester):
    _, event, _ = door
    model = CheckInModel(event.id)
    model.search("")
    assert model.rowCount() == 2
    model.search("le")
    qtmodeltester.check(model)
