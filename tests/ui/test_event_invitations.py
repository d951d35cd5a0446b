"""Inviting, replies through the participants table, the checklist, marking held and concerns, from the
event's detail pane."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from commrel.models import Interaction, InteractionParticipant
from commrel.services import checklists, concerns, event_participants, events
from ui.dialogs.invite_dialog import FILTER, InviteDialog
from ui.models.event_checklist_table_model import DONE, OVERDUE_BACKGROUND, ChecklistTableModel
from ui.models.event_invitee_table_model import InviteeTableModel
from ui.models.event_participant_table_model import ATTENDED, ROLE, RSVP, ParticipantTableModel
from ui.panels.event_detail_pane import EventDetailPane

from test_event_helpers import meeting, person


@pytest.fixture
def pane(qtbot):
    p = EventDetailPane()
    qtbot.addWidget(p)
    p.resize(560, 760)
    p.show()
    return p


@pytest.fixture
def invite_dialog(qtbot):
    def make(event_id):
        dialog = InviteDialog(event_id)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def riverside(n: int = 3):
    people = [person(f"Res{i} Rivers", neighbourhood="Riverside") for i in range(n)]
    blocked = person("Dee Nocontact", neighbourhood="Riverside", do_not_contact=True)
    person("Hal Hilltop", neighbourhood="Hilltop")
    return people, blocked


def test_inviting_by_filter_leaves_out_do_not_contact_and_says_so(invite_dialog, qtbot):
    event = meeting()
    people, blocked = riverside()
    dialog = invite_dialog(event.id)
    dialog.tabs.setCurrentIndex(FILTER)
    assert not dialog.ok_button.isEnabled()
    dialog.neighbourhood.setCurrentIndex(dialog.neighbourhood.findData("Riverside"))
    qtbot.waitUntil(lambda: "Would invite 3 people" in dialog.preview.text())
    assert "Leaves out 1 marked do-not-contact." in dialog.preview.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result.isVisible()
    assert dialog.result.text() == "Invited 3. Left out 1 marked do-not-contact."
    on_list = {p.stakeholder_id for p in event_participants.participants(event.id)}
    assert on_list == {p.id for p in people} and blocked.id not in on_list
    assert "3 are already invited" in dialog.preview.text() and not dialog.ok_button.isEnabled()


def test_the_members_of_an_organisation_typed_by_name_are_invited(invite_dialog, qtbot):
    from commrel.services import stakeholders

    event = meeting()
    people, _ = riverside(2)
    club = stakeholders.create(kind="organisation", display_name="Riverside Rowing Club", type="civic_group")
    stakeholders.add_membership(people[1].id, club.id)
    dialog = invite_dialog(event.id)
    dialog.tabs.setCurrentIndex(FILTER)
    qtbot.keyClicks(dialog.organisation, "rowing")
    qtbot.waitUntil(lambda: dialog.organisation.first_match() is not None)
    dialog.organisation.choose(*dialog.organisation.first_match())
    qtbot.waitUntil(lambda: dialog.preview.text().startswith("Would invite 1 person."))  # its one member
    dialog.organisation.selectAll()
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.preview.text() == "Choose a type, tag, neighbourhood or organisation.")


def test_inviting_people_picked_in_the_register(invite_dialog, qtbot, qtmodeltester):
    event = meeting()
    people, blocked = riverside()
    event_participants.invite(event.id, [people[0].id])
    dialog = invite_dialog(event.id)
    qtbot.keyClicks(dialog.search, "Rivers")
    qtbot.waitUntil(lambda: dialog.model.text == "Rivers")
    model = dialog.model
    assert model.rowCount() == 4  # the three and Dee, who lives in Riverside
    dee = model.visible_ids().index(blocked.id)
    assert model.index(dee, 4).data() == "Do not contact: will be left out"
    first = model.index(model.visible_ids().index(people[0].id), 0)
    assert not model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable  # already on the list
    for sid in (people[1].id, people[2].id):
        model.setData(model.index(model.visible_ids().index(sid), 0), Qt.CheckState.Checked,
                      Qt.ItemDataRole.CheckStateRole)
    assert dialog.preview.text() == "Would invite 2 people."
    dialog.role.setCurrentIndex(dialog.role.findData("speaker"))
    result = dialog.invite()
    assert result.added == 2 and dialog.result.text() == "Invited 2."
    assert {p.role for p in event_participants.participants(event.id) if p.stakeholder_id != people[0].id} \
        == {"speaker"}
    qtmodeltester.check(model)


def test_the_invitee_model_pages_and_keeps_ticks_across_searches(qtmodeltester):
    event = meeting()
    people = [person(f"Pat{i} Lee") for i in range(5)]
    model = InviteeTableModel(event.id)
    model.PAGE_SIZE = 2
    model.search("")
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5
    model.set_checked([people[0].id, people[1].id])
    model.search("Pat3")
    assert model.checked == {people[0].id, people[1].id}
    qtmodeltester.check(model)


def test_replies_and_roles_change_through_the_participants_table(pane, qtbot, qtmodeltester):
    event = meeting()
    people, _ = riverside()
    event_participants.invite(event.id, [p.id for p in people])
    pane.load(event.id)
    table, model = pane.participants.table, pane.participants.model
    assert "Invited <b>3</b>" in pane.counts.text()
    row = model.row_of(people[1].id)
    index = model.index(row, RSVP)
    delegate = table.itemDelegateForColumn(RSVP)
    editor = delegate.createEditor(table.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "invited"
    editor.setCurrentIndex(editor.findData("accepted"))
    delegate.setModelData(editor, model, index)
    assert [p.rsvp for p in event_participants.participants(event.id) if p.stakeholder_id == people[1].id] \
        == ["accepted"]
    assert index.data() == "Accepted" and "Accepted <b>1</b>" in pane.counts.text()
    assert model.setData(model.index(row, ROLE), "speaker")
    assert model.setData(model.index(row, ATTENDED), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert event_participants.counts(event.id)["attended"] == 1 and "Attended <b>1</b>" in pane.counts.text()
    assert model.index(row, ATTENDED).data()  # the time they were ticked
    qtmodeltester.check(model)


def test_a_reply_for_everyone_selected(pane):
    event = meeting()
    people, _ = riverside()
    event_participants.invite(event.id, [p.id for p in people])
    pane.load(event.id)
    pane.participants.table.selectAll()
    assert pane.participants.set_reply("declined") == 3
    assert event_participants.counts(event.id)["declined"] == 3


def test_reloading_the_list_keeps_the_rows_in_place(qtbot):
    event = meeting()
    people, _ = riverside()
    event_participants.invite(event.id, [p.id for p in people])
    model = ParticipantTableModel()
    model.load(event.id)
    with qtbot.assertNotEmitted(model.modelReset):
        event_participants.set_rsvp(event.id, people[0].id, "tentative")
        model.load(event.id)
    assert model.participant(model.row_of(people[0].id)).rsvp == "tentative"


def test_the_checklist_applies_the_template_and_shows_what_is_overdue(pane, qtmodeltester):
    event = meeting(day=date.today() + timedelta(days=3), type="workshop")
    pane.load(event.id)
    added = pane.checklist.apply_template()
    assert added == len(checklists.DEFAULT_TEMPLATES["workshop"])
    model = pane.checklist.model
    overdue = [n for n in range(model.rowCount()) if model.task(n).overdue]
    assert overdue  # "Book the venue" was due weeks ago
    first = model.index(overdue[0], 1)
    assert first.data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith("Overdue: was due")
    assert model.setData(model.index(overdue[0], DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.index(overdue[0], 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "overdue" in pane.checklist.summary.text()
    assert pane.checklist.apply_template() == 0  # nothing twice
    qtmodeltester.check(model)


def test_tasks_are_added_and_edited_in_place(pane, qtbot):
    event = meeting()
    pane.load(event.id)
    qtbot.keyClicks(pane.checklist.new_task, "Order the tea urn")
    qtbot.keyClick(pane.checklist.new_task, Qt.Key.Key_Return)
    model: ChecklistTableModel = pane.checklist.model
    assert model.rowCount() == 1 and model.index(0, 1).data() == "Order the tea urn"
    assert model.setData(model.index(0, 2), "Sam")
    assert checklists.tasks(event.id)[0].owner == "Sam"


def test_marking_held_logs_an_interaction_per_attendee_and_says_how_many(pane):
    event = meeting(day=date.today() - timedelta(days=1))
    people, _ = riverside()
    event_participants.invite(event.id, [p.id for p in people])
    for p in people[:2]:
        event_participants.check_in(event.id, p.id)
    pane.load(event.id)
    assert pane.mark_held() == 2
    assert events.get(event.id).status == "held"
    assert Interaction.select().where(Interaction.event == event.id).count() == 2
    assert {ip.stakeholder_id for ip in InteractionParticipant.select()} == {people[0].id, people[1].id}
    assert pane.notice.text() == "Marked as held. 2 attendances logged in the engagement log."
    assert "Held" in pane.status.text()
    assert pane.mark_held() == 0 and "No new attendances" in pane.notice.text()


def test_concerns_raised_at_the_event_are_listed_with_it(pane, qtbot):
    event = meeting()
    pane.load(event.id)
    assert pane.tabs.tabText(2) == "Concern&s"
    concerns.intake(channel="event", summary="Parking on the verge during the meeting", event_id=event.id)
    pane.load(event.id)
    assert pane.tabs.tabText(2) == "Concern&s (1)"
    assert pane.concerns_model.rowCount() == 1
    with qtbot.waitSignal(pane.concern_requested) as asked:
        qtbot.mouseClick(pane.concern_button, Qt.MouseButton.LeftButton)
    assert asked.args == [event.id]


def test_recording_a_concern_opens_the_intake_form_for_this_event(qtbot):
    from ui.panels.events_panel import EventsPanel

    panel = EventsPanel()
    qtbot.addWidget(panel)
    event = meeting()
    dialog = panel.record_concern(event.id)
    assert dialog.event_id == event.id
    dialog.close()
