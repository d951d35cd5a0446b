"""Logging a concern and taking it through its lifecycle with the real dialogs."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from commrel.models import Concern, Stakeholder
from commrel.services import concerns
from ui.dialogs.concern_dialog import ConcernDialog
from ui.dialogs.concern_intake_dialog import ANONYMOUS, NEW_PERSON, ConcernIntakeDialog

from concern_helpers import answer_modal, log, person

YEAR = date.today().year


@pytest.fixture
def intake(qtbot):
    dialog = ConcernIntakeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_tab_goes_from_what_to_who_to_when_and_how(qtbot, intake):
    intake.summary.setFocus()
    reached = [intake.focusWidget()]
    for _ in range(4):
        intake.focusNextChild()  # what the Tab key does
        reached.append(intake.focusWidget())
    assert not intake.subcategory.isEnabled()  # the first category has no subcategories: Tab passes it
    assert reached == [intake.summary, intake.category, intake.location, intake.neighbourhood,
                       intake.description]
    intake.received_at.setFocus()
    reached = [intake.focusWidget()]
    for _ in range(4):
        intake.focusNextChild()
        reached.append(intake.focusWidget())
    assert reached == [intake.received_at, intake.channel, intake.severity, intake.priority, intake.owner]


def test_an_anonymous_concern_is_logged_and_its_reference_shown_to_read_out(qtbot, intake):
    qtbot.keyClicks(intake.summary, "Lorries idling outside the school")
    click(qtbot, intake.who.button(ANONYMOUS))
    assert intake.who_pages.currentIndex() == ANONYMOUS
    click(qtbot, intake.save_button)
    concern = Concern.get()
    assert concern.anonymous and concern.complainant_id is None
    assert intake.pages.currentIndex() == 1
    assert intake.read_out.text() == f"Read this out: CR-{YEAR}-0001"
    assert intake.receipt_button.isVisible() and intake.receipt_button.isDefault()


def test_a_new_complainant_is_added_to_the_register_with_the_concern(qtbot, intake):
    click(qtbot, intake.who.button(NEW_PERSON))
    qtbot.keyClicks(intake.given, "Wilhelmina")
    qtbot.keyClicks(intake.family, "Quarry")
    qtbot.keyClicks(intake.phone, "01632 960123")
    qtbot.keyClicks(intake.summary, "Crack in garden wall after piling")
    intake.category.setCurrentIndex(intake.category.findText("Damage to property"))
    intake.subcategory.setCurrentIndex(intake.subcategory.findText("Buildings"))
    click(qtbot, intake.save_button)
    concern = Concern.get()
    assert concern.complainant.display_name == "Wilhelmina Quarry"
    assert concern.complainant.phone == "01632 960123"
    assert (concern.category.name, concern.subcategory.name) == ("Damage to property", "Buildings")
    assert f"CR-{YEAR}-0001" in intake.read_out.text()


def test_a_complainant_typed_from_the_register_is_linked(qtbot, intake):
    ann = person("Annabel Lee")
    qtbot.keyClicks(intake.picker, "annab")
    qtbot.keyClicks(intake.summary, "Dust on cars")
    click(qtbot, intake.save_button)
    assert Concern.get().complainant_id == ann.id


def test_a_bad_new_complainant_saves_nothing_and_says_why_beside_the_field(qtbot, intake):
    click(qtbot, intake.who.button(NEW_PERSON))
    qtbot.keyClicks(intake.given, "Ann")
    qtbot.keyClicks(intake.email, "not an address")
    qtbot.keyClicks(intake.summary, "Dust on cars")
    click(qtbot, intake.save_button)
    assert "not an email address" in intake.errors.message("email")
    assert Concern.select().count() == 0 and Stakeholder.select().count() == 0
    assert intake.pages.currentIndex() == 0


def test_a_missing_summary_is_pointed_out(qtbot, intake):
    click(qtbot, intake.who.button(ANONYMOUS))
    click(qtbot, intake.save_button)
    assert "summary" in intake.errors.message("summary")
    assert Concern.select().count() == 0


def test_log_another_starts_a_clean_form(qtbot, intake):
    qtbot.keyClicks(intake.summary, "First")
    click(qtbot, intake.who.button(ANONYMOUS))
    click(qtbot, intake.save_button)
    click(qtbot, intake.another_button)
    assert intake.pages.currentIndex() == 0 and intake.summary.text() == ""
    qtbot.keyClicks(intake.summary, "Second")
    click(qtbot, intake.who.button(ANONYMOUS))
    click(qtbot, intake.save_button)
    assert intake.read_out.text().endswith("-0002")


# --- the detail dialog ----------------------------------------------------------------

@pytest.fixture
def detail(qtbot):
    def open_(concern):
        dialog = ConcernDialog(concern.id)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return open_


FORMS = {
    "acknowledge": lambda d: d.inputs["how"].setCurrentIndex(d.inputs["how"].findData("phone")),
    "accept": None,
    "start_investigation": lambda d: d.inputs["note"].setPlainText("Visited the compound"),
    "propose_response": lambda d: d.inputs["response"].setPlainText("Move the generator behind the office"),
    "respond": None,  # the proposed response is already filled in
    "implement": lambda d: d.inputs["note"].setPlainText("Generator moved on Tuesday"),
    "close_resolved": lambda d: (d.inputs["complainant_response"].setPlainText("Much quieter, thank you"),
                                 d.inputs["satisfaction"].setCurrentIndex(0)),
}


def test_a_full_lifecycle_to_closure_through_the_buttons(qtbot, detail):
    concern = log()
    dialog = detail(concern)
    assert set(dialog.action_buttons) == {"acknowledge", "close_unresolved"}
    for action, fill in FORMS.items():
        answer_modal(qtbot, dialog.action_buttons[action], fill)
        assert concerns.get(concern.id).status == concerns.TRANSITIONS[action][1], action
    final = concerns.get(concern.id)
    assert final.status == "closed_resolved" and final.satisfaction == "satisfied"
    assert final.resolution == "Move the generator behind the office"
    assert final.acknowledged_how == "phone" and final.acknowledged_by == "tester"
    assert set(dialog.action_buttons) == {"appeal"}
    assert [s for s, state in dialog.bar.steps if state == "done"][:2] == ["received", "acknowledged"]
    assert dialog.bar.steps[-1] == ("closed_resolved", "closed")
    assert dialog.timeline.model.rowCount() == 8
    assert dialog.timeline.model.item(0).to_status == "closed_resolved"  # newest first


def test_an_appeal_then_a_referral(qtbot, detail):
    concern = log()
    for action, args in (("acknowledge", dict(how="email")), ("reject", dict(reason="Not our site"))):
        getattr(concerns, action)(concern.id, **args)
    dialog = detail(concern)
    answer_modal(qtbot, dialog.action_buttons["appeal"],
                 lambda d: d.inputs["reason"].setPlainText("The lorries are the project's"))
    assert concerns.get(concern.id).status == "appealed"
    assert set(dialog.action_buttons) == {"close_unresolved", "refer"}
    answer_modal(qtbot, dialog.action_buttons["refer"], lambda d: d.inputs["to_body"].setText("Ombudsman"))
    assert concerns.get(concern.id).referred_to == "Ombudsman"
    assert dialog.bar.steps[-1] == ("referred", "closed")


def test_a_form_left_incomplete_says_what_is_missing_and_stays_open(qtbot, detail):
    concern = log()
    concerns.acknowledge(concern.id, how="email")
    dialog = detail(concern)
    seen = {}

    def fill(form):
        form.ok_button.click()  # no reason given
        seen["message"] = form.errors.message("reason")
        seen["open"] = form.isVisible()
        form.inputs["reason"].setPlainText("Outside the project area")

    answer_modal(qtbot, dialog.action_buttons["reject"], fill)
    assert "reason" in seen["message"] and seen["open"]
    assert concerns.get(concern.id).status == "rejected"


def test_a_move_refused_by_the_service_shows_its_message(qtbot, detail):
    concern = log()
    dialog = detail(concern)
    concerns.acknowledge(concern.id, how="email")  # someone else, at the same moment
    answer_modal(qtbot, dialog.action_buttons["acknowledge"])
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == f"{concern.reference} is already Acknowledged."
    assert "accept" in dialog.action_buttons  # it now shows what can happen


def test_notes_and_attachments_go_on_the_timeline(qtbot, detail, tmp_path):
    concern = log()
    dialog = detail(concern)
    photo = tmp_path / "crack.jpg"
    photo.write_bytes(b"jpeg")
    answer_modal(qtbot, dialog.timeline.add_buttons["call"],
                 lambda form: qtbot.keyClicks(form.text, "Called back; will visit Thursday"))
    seen = {}

    def attach(form):
        form.ok_button.click()  # no file chosen yet
        seen["message"] = form.errors.message("attachment")
        form.attachment.setText(str(photo))

    answer_modal(qtbot, dialog.timeline.add_buttons["attachment"], attach)
    assert "file" in seen["message"]
    entries = [(e.kind, e.text, e.attachment) for e in concerns.timeline(concern.id)]
    assert entries[:2] == [("attachment", "", str(photo)), ("call", "Called back; will visit Thursday", "")]
    assert dialog.timeline.model.rowCount() == 3  # the dialog followed


def test_owner_is_assigned_and_the_complainant_opens_in_the_register(qtbot, detail):
    from ui import hub

    ann = person()
    dialog = detail(log(complainant_id=ann.id))
    dialog.owner.setCurrentText("Priya Shah")
    click(qtbot, dialog.assign_button)
    assert concerns.get(dialog.concern_id).owner == "Priya Shah"
    assert dialog.complainant_button.text().startswith("Ann Lee")
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        click(qtbot, dialog.complainant_button)
    assert blocker.args == ["stakeholder", ann.id]
