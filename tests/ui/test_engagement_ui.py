"""The engagement log from the register: log in two clicks, the timeline, follow-ups done in one."""
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from commrel import demo
from commrel.services import engagement
from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders as svc
from register_helpers import make_panel, select_names
from ui import hub, undo
from ui.dialogs.interaction_dialog import InteractionDialog
from ui.models.follow_up_table_model import DONE_COLUMN, FollowUpTableModel
from ui.models.list_table_model import ITEM_ROLE


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_log_an_interaction_for_the_selection_in_two_clicks(qtbot):
    a = svc.create(given_name="Ada", family_name="Ng")
    b = svc.create(given_name="Bo", family_name="Ng", do_not_contact=True)
    panel = make_panel(qtbot)
    select_names(panel, "Ada Ng", "Bo Ng")
    toolbar_button = panel.toolbar.widgetForAction(panel.actions_.log)
    qtbot.mouseClick(toolbar_button, Qt.MouseButton.LeftButton)  # click one
    dialog = panel.actions_.dialog
    assert dialog.with_label.text() == "Ada Ng, Bo Ng"
    assert dialog.warning.isVisible() and "Bo Ng" in dialog.warning.text()
    qtbot.keyClicks(dialog.summary, "Walked the site boundary")
    dialog.channel.setCurrentIndex(dialog.channel.findData("door_knock"))
    save(qtbot, dialog)  # click two
    logged = engagement.for_stakeholder(a.id)
    assert [(i.channel, i.summary) for i in logged] == [("door_knock", "Walked the site boundary")]
    assert [i.id for i in engagement.for_stakeholder(b.id)] == [logged[0].id]
    assert svc.get(a.id).last_contacted_at is not None
    undo.stack().undo()
    assert engagement.for_stakeholder(a.id) == [] and svc.get(a.id).last_contacted_at is None
    undo.stack().redo()
    assert len(engagement.for_stakeholder(b.id)) == 1


def test_ctrl_l_logs_with_the_last_channel_and_the_timeline_shows_it(qtbot):
    a = svc.create(given_name="Ada", family_name="Ng")
    panel = make_panel(qtbot)
    select_names(panel, "Ada Ng")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.actions_.dialog
    assert isinstance(dialog, InteractionDialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.summary)
    dialog.channel.setCurrentIndex(dialog.channel.findData("call"))
    qtbot.keyClicks(dialog.summary, "Asked about parking")
    save(qtbot, dialog)
    timeline = panel.detail.timeline_model
    assert timeline.rowCount() == 1
    assert timeline.index(0, 1).data() == "Call" and timeline.index(0, 2).data() == "Asked about parking"
    panel.actions_.log.trigger()
    assert panel.actions_.dialog.channel.currentData() == "call"  # remembered


def test_due_date_follows_the_follow_up_and_a_vanished_stakeholder_is_said_plainly(qtbot, monkeypatch):
    a = svc.create(given_name="Ada", family_name="Ng")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    dialog = InteractionDialog([svc.get(a.id)])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.due.isEnabled()
    qtbot.keyClicks(dialog.follow_up, "Send the traffic plan")
    assert dialog.due.isEnabled()
    svc.delete([a.id])  # someone deleted them meanwhile
    save(qtbot, dialog)
    assert dialog.isVisible() and engagement.count() == 0
    assert warned == ["One of the chosen stakeholders no longer exists."]


def test_a_long_list_of_follow_ups_still_counts_them_all(qtbot, monkeypatch):
    monkeypatch.setattr(engagement, "FOLLOW_UP_LIMIT", 3)
    a = svc.create(given_name="Ada", family_name="Ng")
    today = date.today()
    for days in (-4, -2, 1, 3, 5):
        engagement.log_interaction([a.id], channel="call", follow_up=f"Due in {days} days",
                                   follow_up_due=today + timedelta(days=days))
    panel = make_panel(qtbot)
    panel.tabs.setCurrentWidget(panel.follow_ups)
    view = panel.follow_ups
    assert view.model.rowCount() == 3
    assert view.summary.text() == "5 open follow-ups, 2 overdue · the first 3 are listed, overdue first"
    assert panel.tabs.tabText(1) == "&Follow-ups (5)" and panel.tabs.tabToolTip(1) == "2 overdue"


def test_follow_ups_overdue_first_highlighted_and_done_with_one_click(qtbot):
    a = svc.create(given_name="Ada", family_name="Ng")
    today = date.today()
    later = engagement.log_interaction([a.id], channel="call", follow_up="Send minutes",
                                       follow_up_due=today + timedelta(days=5))
    late = engagement.log_interaction([a.id], channel="email", follow_up="Call back",
                                      follow_up_due=today - timedelta(days=3))
    panel = make_panel(qtbot)
    panel.tabs.setCurrentWidget(panel.follow_ups)
    view = panel.follow_ups
    model = view.model
    assert [model.item(r).interaction_id for r in range(model.rowCount())] == [late.id, later.id]
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "1 overdue" in view.summary.text() and panel.tabs.tabText(1) == "&Follow-ups (2)"
    rect = view.table.visualRect(model.index(0, DONE_COLUMN))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert engagement.get(late.id).follow_up_done
    assert [model.item(r).interaction_id for r in range(model.rowCount())] == [later.id]
    undo.stack().undo()
    assert not engagement.get(late.id).follow_up_done and model.rowCount() == 2


def test_space_marks_the_current_follow_up_done(qtbot):
    a = svc.create(given_name="Ada", family_name="Ng")
    i = engagement.log_interaction([a.id], channel="call", follow_up="Send minutes")
    panel = make_panel(qtbot)
    panel.tabs.setCurrentWidget(panel.follow_ups)
    table = panel.follow_ups.table
    table.setCurrentIndex(panel.follow_ups.model.index(0, 2))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert engagement.get(i.id).follow_up_done
    assert panel.follow_ups.pages.currentWidget() is panel.follow_ups.empty
    qtbot.mouseClick(panel.follow_ups.show_done, Qt.MouseButton.LeftButton)
    assert panel.follow_ups.model.rowCount() == 1


def test_follow_up_model_passes_the_model_tester(qtmodeltester):
    a = svc.create(given_name="Ada", family_name="Ng")
    engagement.log_interaction([a.id], channel="call", follow_up="Send minutes",
                               follow_up_due=date.today() - timedelta(days=1))
    engagement.log_interaction([a.id], channel="meeting", follow_up="Book the hall")
    model = FollowUpTableModel()
    model.refresh()
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_timeline_model_passes_the_tester_and_double_click_opens_records(qtbot, qtmodeltester):
    demo.generate(demo.DemoSize(10), seed=3)
    person = next(r for r in queries.page(limit=50)
                  if {e.kind for e in queries.timeline(r.id)} >= {"interaction", "event"})
    panel = make_panel(qtbot)
    panel.open_record(person.id)
    model = panel.detail.timeline_model
    qtmodeltester.check(model, force_py=True)
    rows = [model.index(r, 0).data(ITEM_ROLE) for r in range(model.rowCount())]
    assert [e.at for e in rows] == sorted((e.at for e in rows), reverse=True)  # newest first
    event_row = next(r for r, e in enumerate(rows) if e.kind == "event")
    timeline = panel.detail.timeline
    panel.detail.tabs.setCurrentWidget(timeline)
    timeline.setCurrentIndex(model.index(event_row, 1))
    timeline.setFocus()
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)  # as a double-click does
    assert blocker.args == ["event", rows[event_row].ref_id]
    interaction_row = next(r for r, e in enumerate(rows) if e.kind == "interaction")
    panel.detail.timeline.activated.emit(model.index(interaction_row, 0))
    dialog = panel.actions_.dialog
    assert isinstance(dialog, InteractionDialog) and dialog.interaction_id == rows[interaction_row].ref_id


def test_editing_an_interaction_from_the_timeline_and_undo(qtbot):
    a = svc.create(given_name="Ada", family_name="Ng")
    i = engagement.log_interaction([a.id], channel="call", summary="First words",
                                   occurred_at=datetime(2025, 3, 1, 10, 0))
    panel = make_panel(qtbot)
    panel.open_record(a.id)
    panel.actions_.edit_interaction(i.id)
    dialog = panel.actions_.dialog
    assert dialog.summary.toPlainText() == "First words"
    dialog.summary.setPlainText("Better words")
    save(qtbot, dialog)
    assert engagement.get(i.id).summary == "Better words"
    assert engagement.get(i.id).occurred_at == datetime(2025, 3, 1, 10, 0)  # untouched fields stay exact
    assert panel.detail.timeline_model.index(0, 2).data() == "Better words"
    undo.stack().undo()
    assert engagement.get(i.id).summary == "First words"


def test_log_without_a_selection_says_what_to_do(qtbot):
    svc.create(given_name="Ada", family_name="Ng")
    panel = make_panel(qtbot)
    panel.table.clearSelection()
    assert not panel.actions_.log.isEnabled()
    with qtbot.waitSignal(hub.hub().status_message) as blocker:
        panel.actions_.log_interaction()
    assert "Select the stakeholders" in blocker.args[0]
