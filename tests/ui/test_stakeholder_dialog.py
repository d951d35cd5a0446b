"""Adding and editing people and organisations through the dialog, as a person would."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from commrel.services import history
from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders as svc
from register_helpers import make_panel, shown_names
from ui import undo
from ui.dialogs.stakeholder_dialog import StakeholderDialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_create_a_person_through_the_dialog(qtbot):
    svc.create(given_name="Old", family_name="Tag", tags=["harbour"])
    panel = make_panel(qtbot)
    panel.actions_.new_person.trigger()
    dialog = panel.actions_.dialog
    form = dialog.form
    qtbot.keyClicks(form.given_name, "Amina")
    qtbot.keyClicks(form.family_name, "Okafor")
    qtbot.keyClicks(form.email, "Amina@Example.org")
    qtbot.keyClicks(form.phone, "020 7946 0018")
    qtbot.keyClicks(form.tags, "harb")
    qtbot.waitUntil(form.tags.completer_.popup().isVisible)
    qtbot.keyClick(form.tags.completer_.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(form.tags.completer_.popup(), Qt.Key.Key_Return)
    qtbot.keyClicks(form.tags, "youth")
    form.position.setCurrentIndex(form.position.findData("supportive"))
    save(qtbot, dialog)
    assert not dialog.isVisible()
    s = svc.get(dialog.record_id)
    assert (s.display_name, s.email, s.phone, s.position) == ("Amina Okafor", "amina@example.org",
                                                              "020 7946 0018", "supportive")
    assert svc.tags_of(s.id) == ["harbour", "youth"]
    assert panel.current_id() == s.id and panel.detail.record_id == s.id
    undo.stack().undo()
    assert queries.count() == 1 and "Amina Okafor" not in shown_names(panel)
    undo.stack().redo()
    assert svc.get(s.id).email == "amina@example.org" and svc.tags_of(s.id) == ["harbour", "youth"]


def test_invalid_email_shows_next_to_the_field_and_saves_nothing(qtbot):
    dialog = StakeholderDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.given_name, "Amina")
    qtbot.keyClicks(dialog.form.email, "amina-at-example")
    save(qtbot, dialog)
    assert dialog.isVisible()
    label = dialog.form.errors.labels["email"]
    assert label.isVisible() and "not an email address" in label.text()
    assert dialog.form.email.hasFocus() or dialog.focusWidget() is dialog.form.email
    assert queries.count(queries.StakeholderFilter(archived=None)) == 0
    dialog.form.email.setText("amina@example.org")
    save(qtbot, dialog)
    assert not dialog.isVisible() and not label.isVisible()
    assert queries.count() == 1


def test_a_person_needs_a_name_and_an_organisation_its_name(qtbot):
    dialog = StakeholderDialog(kind="organisation")
    qtbot.addWidget(dialog)
    dialog.show()
    save(qtbot, dialog)
    assert "needs a name" in dialog.form.errors.message("display_name")
    dialog.form.set_kind("person")
    save(qtbot, dialog)
    assert "given name or a family name" in dialog.form.errors.message("given_name")
    assert dialog.form.errors.message("display_name") == ""


def test_edit_changes_fields_shows_history_and_undoes(qtbot):
    s = svc.create(given_name="Amina", family_name="Okafor", email="amina@example.org")
    panel = make_panel(qtbot)
    panel.actions_.edit_current(s.id)
    dialog = panel.actions_.dialog
    assert dialog.windowTitle() == "Edit Amina Okafor" and not dialog.form.kind_box.isEnabled()
    dialog.form.family_name.clear()
    qtbot.keyClicks(dialog.form.family_name, "Okafor-Reid")
    dialog.form.consent.setChecked(True)
    qtbot.keyClicks(dialog.form.consent_source, "Open house")
    save(qtbot, dialog)
    edited = svc.get(s.id)
    assert edited.display_name == "Amina Okafor-Reid" and edited.consent and edited.consent_source == "Open house"
    assert "Amina Okafor-Reid" in shown_names(panel)
    changed = {h.field for h in history.for_entity("stakeholder", s.id) if h.action == "update"}
    assert {"family_name", "consent", "consent_source"} <= changed
    panel.actions_.edit_current(s.id)
    again = panel.actions_.dialog
    assert again.tabs.tabText(2) == "&History" and again.history.model.rowCount() >= 3
    again.reject()
    undo.stack().undo()
    restored = svc.get(s.id)
    assert restored.display_name == "Amina Okafor" and not restored.consent


def test_duplicate_banner_while_creating_opens_the_existing_record(qtbot):
    existing = svc.create(given_name="Margaret", family_name="Thompson", email="mthompson@example.org")
    svc.create(given_name="Peter", family_name="Jones")
    panel = make_panel(qtbot)
    panel.actions_.new_person.trigger()
    dialog = panel.actions_.dialog
    qtbot.keyClicks(dialog.form.given_name, "Margret")
    qtbot.keyClicks(dialog.form.family_name, "Thompson")
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "Margaret Thompson" in dialog.banner.text.text() and "similar name" in dialog.banner.text.text()
    qtbot.mouseClick(dialog.banner.open_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and queries.count() == 2
    assert panel.current_id() == existing.id


def test_membership_with_role_and_relationship_are_added_on_save(qtbot):
    org = svc.create(kind="organisation", display_name="Harbour Traders", type="business")
    friend = svc.create(given_name="Bo", family_name="Ng")
    s = svc.create(given_name="Amina", family_name="Okafor")
    panel = make_panel(qtbot)
    panel.actions_.edit_current(s.id)
    dialog = panel.actions_.dialog
    links = dialog.links
    dialog.tabs.setCurrentWidget(links)
    qtbot.keyClicks(links.member_picker, "harb")
    popup = links.member_picker._completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert links.member_picker.chosen_id == org.id
    qtbot.keyClicks(links.role, "Chair")
    qtbot.mouseClick(links.add_member_button, Qt.MouseButton.LeftButton)
    assert links.memberships.item(0).text() == "Harbour Traders — Chair (new)"
    links.relationship_type.setCurrentIndex(links.relationship_type.findData("family_of"))
    qtbot.keyClicks(links.relation_picker, "Bo Ng")
    qtbot.mouseClick(links.add_relation_button, Qt.MouseButton.LeftButton)  # Enter-less: the top match
    assert svc.memberships(s.id) == []  # nothing is written before Save
    save(qtbot, dialog)
    assert [(m.role, o.display_name) for m, o in svc.memberships(s.id)] == [("Chair", "Harbour Traders")]
    assert [(label, o.id) for label, o, _ in svc.relationships(s.id)] == [("Family of", friend.id)]
    assert svc.get(s.id).organisation_name == "Harbour Traders"
    undo.stack().undo()
    assert svc.memberships(s.id) == [] and svc.relationships(s.id) == []


def test_removing_a_membership_waits_for_save_and_undo_restores_it(qtbot):
    org = svc.create(kind="organisation", display_name="Harbour Traders")
    s = svc.create(given_name="Amina", family_name="Okafor")
    svc.add_membership(s.id, org.id, "Treasurer")
    dialog = StakeholderDialog(record_id=s.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.links.memberships.setCurrentRow(0)
    qtbot.mouseClick(dialog.links.remove_member_button, Qt.MouseButton.LeftButton)
    assert dialog.links.memberships.count() == 0 and len(svc.memberships(s.id)) == 1
    save(qtbot, dialog)
    assert svc.memberships(s.id) == []
    undo.stack().undo()
    assert [m.role for m, _ in svc.memberships(s.id)] == ["Treasurer"]


def test_someone_else_saving_first_is_a_conflict_not_an_overwrite(qtbot, monkeypatch):
    s = svc.create(given_name="Amina", family_name="Okafor")
    warned = []
    monkeypatch.setattr("ui.dialogs.stakeholder_dialog.resolve_conflict",
                        lambda parent, message, rows: warned.append(message) or "keep")
    dialog = StakeholderDialog(record_id=s.id)
    qtbot.addWidget(dialog)
    dialog.show()
    svc.update(s.id, phone="01234 567890")  # another window, another officer
    qtbot.keyClicks(dialog.form.notes, "Prefers mornings")
    save(qtbot, dialog)
    assert warned and "changed by someone else" in warned[0] and dialog.isVisible()
    save(qtbot, dialog)
    saved = svc.get(s.id)
    assert saved.notes == "Prefers mornings" and saved.phone == "01234 567890"


def test_new_organisation_from_the_empty_state(qtbot):
    panel = make_panel(qtbot)
    qtbot.mouseClick(panel.empty_buttons[1], Qt.MouseButton.LeftButton)
    dialog = panel.actions_.dialog
    assert not dialog.form.given_name.isVisible() and dialog.form.display_name.isVisible()
    qtbot.keyClicks(dialog.form.display_name, "Riverside Residents")
    dialog.form.type.setCurrentIndex(dialog.form.type.findData("civic_group"))
    save(qtbot, dialog)
    assert panel.register_stack.currentIndex() == 0
    assert shown_names(panel) == ["Riverside Residents"]
    assert svc.get(panel.current_id()).type == "civic_group"
