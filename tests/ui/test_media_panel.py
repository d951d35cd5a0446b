"""The Media panel driven through its real widgets: inquiries, lists, press materials, coverage."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox

from commrel.services import coverage, media, press, stakeholders
from commrel.timeutil import utcnow


@pytest.fixture(autouse=True)
def fresh_hub(monkeypatch):
    """The window connects lambdas to the app-wide hub; a window from an earlier test must not hear this one."""
    from ui import hub

    monkeypatch.setattr(hub, "_hub", None)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    """An error box would block the test; fail with its text instead."""
    def refuse(parent, title, text, *a, **kw):
        raise AssertionError(f"unexpected message box: {title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", refuse)
    monkeypatch.setattr(QMessageBox, "critical", refuse)


def outlet(name="Harbour Gazette", reach=12000):
    o = media.create_contact(name=name, outlet=True, email="news@gazette.example")
    media.set_profile(o.id, outlet_kind="newspaper", reach=reach)
    return o


def journalist(name, email, works_for=None, **kw):
    j = media.create_contact(name=name, email=email, works_for=works_for)
    if kw:
        stakeholders.update(j.id, **kw)
    return j


@pytest.fixture
def panel(window):
    return window.show_panel("media")


def ok(qtbot, dialog):
    qtbot.mouseClick(_ok_button(dialog), Qt.MouseButton.LeftButton)


def _ok_button(dialog):
    box: QDialogButtonBox = dialog.buttons
    for role in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        if box.button(role) is not None:
            return box.button(role)
    raise AssertionError("dialog has no OK button")


def table_texts(view, column):
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


# Inquiries ----------------------------------------------------------------------

def test_media_is_in_the_navigation_after_concerns(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[titles.index("Concerns") + 1] == "Media"


def test_log_inquiry_through_the_dialog_and_see_it_in_the_table(panel, qtbot):
    gazette = outlet()
    ana = journalist("Ana Writer", "ana@gazette.example", works_for=gazette.id)
    tab = panel.inquiries
    assert tab.stack.currentWidget() is tab.empty
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.journalist, "ana")
    qtbot.waitUntil(lambda: dialog.journalist.suggestions() == [(ana.id, "Ana Writer — Harbour Gazette")])
    popup = dialog.journalist._completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.journalist.selected_id() == ana.id
    assert dialog.outlet.selected_id() == gazette.id  # filled in from where she works
    qtbot.keyClicks(dialog.question, "Why is Harbour Street closed?")
    dialog.set_deadline(datetime.now() + timedelta(hours=4, minutes=5))
    dialog.assigned.setCurrentText("Priya")
    ok(qtbot, dialog)
    assert tab.dialog is None
    assert tab.stack.currentWidget() is tab.table
    assert table_texts(tab.table, 1) == ["Ana Writer"]
    assert table_texts(tab.table, 2) == ["Harbour Gazette"]
    assert table_texts(tab.table, 4) == ["Priya"]
    assert tab.selected_id() is not None
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Due in 4 h"


def test_inquiry_dialog_keeps_the_form_when_nobody_is_named(panel, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.dialogs.inquiry_dialog.show_error", lambda parent, exc, title=None: shown.append(str(exc)))
    qtbot.mouseClick(panel.inquiries.log_button, Qt.MouseButton.LeftButton)
    dialog = panel.inquiries.dialog
    qtbot.keyClicks(dialog.question, "Anonymous tip?")
    ok(qtbot, dialog)
    assert len(shown) == 1 and "Say who asked" in shown[0]
    assert dialog.isVisible() and panel.inquiries.dialog is dialog
    dialog.reject()


def test_respond_and_the_inquiry_leaves_the_open_list(panel, qtbot):
    ana = journalist("Ana Writer", "ana@gazette.example")
    first = media.log_inquiry(question="Road closed?", journalist_id=ana.id, deadline=utcnow() + timedelta(hours=2))
    media.log_inquiry(question="Opening date?", journalist_id=ana.id, deadline=utcnow() + timedelta(hours=5))
    tab = panel.inquiries
    tab.refresh()
    tab.select(first.id)
    assert tab.respond_button.isEnabled()
    qtbot.mouseClick(tab.respond_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.response, "The road reopens on Monday.")
    qtbot.keyClicks(dialog.spokesperson, "Project director")
    ok(qtbot, dialog)
    assert table_texts(tab.table, 3) == ["Opening date?"]
    assert media.get_inquiry(first.id).status == "answered"
    qtbot.mouseClick(tab.show_all, Qt.MouseButton.LeftButton)
    assert tab.show_all.isChecked()
    assert sorted(table_texts(tab.table, 5)) == ["Answered", "Open"]


def test_declined_and_assign_and_details(panel, qtbot):
    ana = journalist("Ana Writer", "ana@gazette.example")
    inquiry = media.log_inquiry(question="Comment on the fine?", journalist_id=ana.id)
    tab = panel.inquiries
    tab.refresh()
    tab.select(inquiry.id)
    tab.assign("Omar")
    assert table_texts(tab.table, 4) == ["Omar"]
    from ui import undo

    undo.stack().undo()
    assert media.get_inquiry(inquiry.id).assigned_to == ""
    tab.select(inquiry.id)
    tab.table.doubleClicked.emit(tab.model.index(0, 0))
    details = tab.dialog
    assert details.windowTitle() == "Media inquiry"
    respond = [b for b in details.findChildren(type(tab.log_button)) if b.text() == "&Respond…"][0]
    qtbot.mouseClick(respond, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog is not details)
    dialog = tab.dialog
    dialog.declined.setChecked(True)
    assert dialog.response.toPlainText() == "Declined to comment."
    ok(qtbot, dialog)
    assert media.get_inquiry(inquiry.id).status == "declined"
    assert tab.stack.currentWidget() is tab.empty


def test_overdue_inquiries_stand_out(panel):
    ana = journalist("Ana Writer", "ana@gazette.example")
    now = utcnow()
    media.log_inquiry(question="Late one", journalist_id=ana.id, received_at=now - timedelta(hours=6),
                      deadline=now - timedelta(hours=3, minutes=10))
    media.log_inquiry(question="Fine one", journalist_id=ana.id, deadline=now + timedelta(days=1))
    tab = panel.inquiries
    tab.refresh()
    model = tab.model
    late, fine = model.index(0, 0), model.index(1, 0)
    assert model.index(0, 3).data() == "Late one"
    assert late.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 3 h"
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert late.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 5).data() == "Overdue"
    assert fine.data(Qt.ItemDataRole.DecorationRole) is None
    assert fine.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 5).data() == "Open"
    assert "1 overdue" in tab.summary.text()


# Contacts and lists ------------------------------------------------------------------

def test_media_list_shows_who_is_left_out(panel, qtbot, monkeypatch):
    gazette = outlet()
    ana = journalist("Ana Writer", "ana@gazette.example", works_for=gazette.id)
    ben = journalist("Ben Reporter", "ben@gazette.example", do_not_contact=True)
    stakeholders.create(given_name="Rita", family_name="Resident")  # not media: not listed
    panel.show_tab(panel.contacts)
    tab = panel.contacts
    # Sorted as the register sorts: people by family name, organisations by name.
    assert table_texts(tab.table, 0) == ["Harbour Gazette", "Ben Reporter", "Ana Writer"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **kw: ("Local press", True))
    qtbot.mouseClick(tab.lists.new_button, Qt.MouseButton.LeftButton)
    assert tab.lists.list_combo.currentText() == "Local press"
    tab.table.selectAll()
    assert sorted(tab.selected_ids()) == sorted([gazette.id, ana.id, ben.id])
    qtbot.mouseClick(tab.lists.add_button, Qt.MouseButton.LeftButton)
    assert sorted(table_texts(tab.lists.members, 0)) == ["Ana Writer", "Ben Reporter", "Harbour Gazette"]
    text = tab.lists.recipients.text()
    assert "2 will receive it." in text and "1 marked do-not-contact" in text
    notes = dict(zip(table_texts(tab.lists.members, 0), table_texts(tab.lists.members, 2)))
    assert notes["Ben Reporter"] == "Do not contact" and notes["Ana Writer"] == ""
    # Removing Ben: nobody is left out any more.
    row = table_texts(tab.lists.members, 0).index("Ben Reporter")
    tab.lists.members.selectRow(row)
    qtbot.mouseClick(tab.lists.remove_button, Qt.MouseButton.LeftButton)
    assert tab.lists.recipients.text() == "2 will receive it."


def test_profile_form_saves_and_undoes(panel, qtbot):
    gazette = outlet(reach=5000)
    panel.show_tab(panel.contacts)
    tab = panel.contacts
    tab.select_contact(gazette.id)
    form = tab.profile
    assert form.reach.value() == 5000 and form.outlet_kind.currentData() == "newspaper"
    form.reach.setValue(8000)
    form.beat.setText("Council, planning")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert media.profile(gazette.id).reach == 8000
    assert tab.model.index(tab.model.find_row(gazette.id), 5).data() == "8,000"
    from ui import undo

    undo.stack().undo()
    assert media.profile(gazette.id).reach == 5000 and media.profile(gazette.id).beat == ""


def test_a_name_typed_in_full_counts_as_picked(panel, qtbot):
    gazette = outlet()
    qtbot.mouseClick(panel.inquiries.log_button, Qt.MouseButton.LeftButton)
    picker = panel.inquiries.dialog.outlet
    qtbot.keyClicks(picker, "Harbour Gazette")
    qtbot.waitUntil(lambda: len(picker.suggestions()) == 1)
    picker.editingFinished.emit()
    assert picker.selected_id() == gazette.id
    qtbot.keyClicks(picker, "x")
    assert picker.selected_id() is None  # edited after picking: no longer that outlet
    panel.inquiries.dialog.reject()


def test_add_a_journalist_from_the_empty_state(panel, qtbot):
    gazette = outlet()
    panel.show_tab(panel.contacts)
    tab = panel.contacts
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.name, "Cleo Columnist")
    qtbot.keyClicks(dialog.email, "cleo@gazette.example")
    dialog.works_for.set_choice(gazette.id, "Harbour Gazette")
    ok(qtbot, dialog)
    row = tab.model.find_row(tab.selected_ids()[0])
    assert tab.model.index(row, 0).data() == "Cleo Columnist"
    assert tab.model.index(row, 2).data() == "Harbour Gazette"


# Press materials -----------------------------------------------------------------------

def test_send_a_release_and_see_who_received_it(panel, qtbot):
    ana = journalist("Ana Writer", "ana@gazette.example")
    ben = journalist("Ben Reporter", "ben@gazette.example", do_not_contact=True)
    lst = media.create_list("Local press")
    media.add_to_list(lst.id, [ana.id, ben.id])
    panel.show_tab(panel.press)
    tab = panel.press
    assert tab.stack.currentWidget() is tab.empty
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.title, "Bridge opens early")
    dialog.status.setCurrentIndex(dialog.status.findData("approved"))
    dialog.media_list.setCurrentIndex(dialog.media_list.findData(lst.id))
    ok(qtbot, dialog)
    assert table_texts(tab.table, 0) == ["Bridge opens early"]
    assert tab.received_note.text() == "Not sent to anyone yet."
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Sent to 1. Left out: 1 marked do-not-contact."
    assert table_texts(tab.table, 3) == ["Sent"]
    assert table_texts(tab.received, 0) == ["Ana Writer"]
    assert tab.received_note.text() == "1 received it."


def test_advisory_from_an_upcoming_event(panel, qtbot):
    from commrel.models import Event

    start = utcnow() + timedelta(days=3)
    Event.create(uid="adv@test", title="Open house", starts_at=start, ends_at=start + timedelta(hours=2),
                 venue="Old Town Library")
    panel.show_tab(panel.press)
    tab = panel.press
    qtbot.mouseClick(tab.advisory_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog.event.count() == 1 and "Open house" in dialog.event.currentText()
    ok(qtbot, dialog)
    assert table_texts(tab.table, 0) == ["Media advisory: Open house"]
    assert table_texts(tab.table, 1) == ["Media advisory"]
    assert tab.export_button.isEnabled()


def test_export_an_advisory_to_a_folder(panel, qtbot, tmp_path, monkeypatch):
    from commrel.models import Event

    start = utcnow() + timedelta(days=3)
    event = Event.create(uid="exp@test", title="Open house", starts_at=start, ends_at=start + timedelta(hours=2))
    advisory = press.advisory_from_event(event.id)
    panel.show_tab(panel.press)
    tab = panel.press
    tab.select(advisory.id)
    out = tmp_path / "advisory"
    monkeypatch.setattr("ui.panels.media_press_tab.QFileDialog.getExistingDirectory", lambda *a, **kw: str(out))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert sorted(p.suffix for p in out.iterdir()) == [".ics", ".txt"]
    assert tab.message.text().startswith("Wrote ")


def test_media_kit_export_reports_missing_files(panel, qtbot, tmp_path, monkeypatch):
    fact = tmp_path / "fact-sheet.pdf"
    fact.write_bytes(b"%PDF")
    panel.show_tab(panel.press)
    kits = panel.press.kits
    kits.create_kit("Station kit")
    kits.add_files([str(fact), str(tmp_path / "gone.jpg")])
    assert table_texts(kits.files, 0) == ["fact-sheet.pdf", "gone.jpg"]
    assert kits.model.missing() == 1
    monkeypatch.setattr("ui.panels.media_kits_box.QFileDialog.getSaveFileName",
                        lambda *a, **kw: (str(tmp_path / "out" / "kit.zip"), ""))
    qtbot.mouseClick(kits.zip_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "out" / "kit.zip").is_file()
    assert "Exported 1 file(s)" in kits.result.text() and "gone.jpg" in kits.result.text()


# Coverage -------------------------------------------------------------------------------

def test_record_coverage_through_the_dialog_and_the_figures_update(panel, qtbot):
    gazette = outlet(reach=5000)
    ana = journalist("Ana Writer", "ana@gazette.example")
    lst = media.create_list("Press")
    media.add_to_list(lst.id, [ana.id])
    release = press.create(title="Bridge opens early", status="approved", media_list_id=lst.id,
                           issued_on=date.today())
    press.send(release.id)
    panel.show_tab(panel.coverage)
    tab = panel.coverage
    assert tab.stack.currentWidget() is tab.empty
    assert tab.figures.value_text("coverage") == "0"
    assert tab.figures.value_text("releases") == "0%"
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.outlet, "harb")
    qtbot.waitUntil(lambda: dialog.outlet.suggestions() == [(gazette.id, "Harbour Gazette")])
    dialog.outlet.choose_row(0)
    assert dialog.outlet.selected_id() == gazette.id
    qtbot.keyClicks(dialog.headline, "Bridge ahead of schedule")
    dialog.tone.setCurrentIndex(dialog.tone.findData("positive"))
    dialog.material.setCurrentIndex(dialog.material.findData(release.id))
    qtbot.keyClicks(dialog.topics, "bridge, traffic")
    ok(qtbot, dialog)
    assert table_texts(tab.table, 1) == ["Harbour Gazette"]
    assert table_texts(tab.table, 3) == ["Positive"]
    assert table_texts(tab.table, 4) == ["5,000"]  # from the outlet's profile
    assert tab.figures.value_text("coverage") == "1"
    assert "1 positive" in tab.figures.detail_text("coverage")
    assert tab.figures.value_text("reach") == "5,000"
    assert tab.figures.value_text("releases") == "100%"
    assert tab.figures.detail_text("releases") == "1 of 1 sent"


def test_coverage_from_an_outlet_not_in_the_register_and_delete_with_undo(panel, qtbot):
    panel.show_tab(panel.coverage)
    tab = panel.coverage
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.outlet, "Radio Nowhere")
    qtbot.keyClicks(dialog.headline, "Residents angry")
    dialog.tone.setCurrentIndex(dialog.tone.findData("negative"))
    dialog.reach.setValue(800)
    ok(qtbot, dialog)
    assert table_texts(tab.table, 1) == ["Radio Nowhere"]
    assert "1 negative" in tab.figures.detail_text("coverage")
    tab.table.selectRow(0)
    tab.delete(confirm=False)
    assert tab.stack.currentWidget() is tab.empty
    from ui import undo

    undo.stack().undo()
    assert [c.headline for c in coverage.between()] == ["Residents angry"]


def test_median_response_time_in_the_figures(panel):
    ana = journalist("Ana Writer", "ana@gazette.example")
    received = datetime.combine(date.today(), datetime.min.time()) - timedelta(days=2)
    for hours in (4, 10):
        i = media.log_inquiry(question="Q", journalist_id=ana.id, received_at=received)
        media.respond(i.id, response="A", at=received + timedelta(hours=hours))
    panel.show_tab(panel.coverage)
    assert panel.coverage.figures.value_text("response") == "7 h"
    assert panel.coverage.figures.detail_text("response") == "2 of 2 answered"


def test_deadline_presets_set_a_local_time(panel, qtbot):
    qtbot.mouseClick(panel.inquiries.log_button, Qt.MouseButton.LeftButton)
    dialog = panel.inquiries.dialog
    dialog.set_deadline_preset("t12")
    tomorrow = QDateTime.currentDateTime().date().addDays(1)
    assert dialog.deadline_date.date() == tomorrow and dialog.deadline_time.time() == QTime(12, 0)
    dialog.has_deadline.setChecked(False)
    assert not dialog.deadline_date.isEnabled()
    dialog.reject()
