"""The event dialog: a repeating event end to end, warnings while typing, zones, all-day, errors, copies."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, QTime, Qt

from commrel.services import event_participants, events
from commrel.timeutil import local_zone_name
from ui.dialogs.event_dialog import EventDialog

from test_event_helpers import meeting, person

NEXT_MONDAY = date.today() + timedelta(days=7 - date.today().weekday())


@pytest.fixture
def new_dialog(qtbot):
    def make(**kwargs):
        dialog = EventDialog(**kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_a_repeating_event_is_planned_through_the_dialog(new_dialog, qtbot):
    dialog = new_dialog(start=datetime.combine(NEXT_MONDAY, time(18, 30)))
    f = dialog.form
    qtbot.keyClicks(f.title, "Harbour drop-in")
    f.type.setCurrentIndex(f.type.findData("open_house"))
    r = f.repeat
    r.freq.setCurrentIndex(r.freq.findData("weekly"))
    r.interval.setValue(2)
    r.weekday_boxes[0].setChecked(True)  # Monday
    r.weekday_boxes[2].setChecked(True)  # Wednesday
    r.ends.setCurrentIndex(r.ends.findData("count"))
    r.count.setValue(6)
    r.skipped.add(NEXT_MONDAY + timedelta(days=14))
    assert r.summary.text() == "Every 2 weeks on Mon, Wed, 6 times, skipping 1 date"
    assert r.days.isVisible() and not r.month_day.isVisible()
    f.venue.setText("Harbour Centre")
    f.capacity.setValue(40)
    f.reminders.amount.setValue(2)
    f.reminders.unit.setCurrentIndex(1)  # hours
    qtbot.mouseClick(f.reminders.add_button, Qt.MouseButton.LeftButton)
    f.tags.setText("harbour, youth")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    event = events.get(saved.args[0])
    assert event.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6"
    assert event.type == "open_house" and event.capacity == 40 and event.timezone == local_zone_name()
    assert events.event_reminders(event) == [120] and events.event_tags(event) == ["harbour", "youth"]
    assert [d.date() for d in events.exdates(event.id)] == [NEXT_MONDAY + timedelta(days=14)]
    starts = [o.start.date() for o in events.occurrences(event, NEXT_MONDAY, NEXT_MONDAY + timedelta(days=60))]
    assert len(starts) == 5 and NEXT_MONDAY + timedelta(days=14) not in starts
    assert all(o.start.time() == time(18, 30) for o in events.occurrences(event, NEXT_MONDAY, NEXT_MONDAY
                                                                          + timedelta(days=60)))


def test_the_dialog_shows_a_saved_rule_and_keeps_it_unchanged(new_dialog):
    first_monday = (date.today().replace(day=1) + timedelta(days=32)).replace(day=1)
    first_monday += timedelta(days=-first_monday.weekday() % 7)
    event = meeting(day=first_monday, rrule="FREQ=MONTHLY;BYDAY=1MO;UNTIL=20991231", venue="Library")
    dialog = new_dialog(event_id=event.id)
    r = dialog.form.repeat
    assert r.freq.currentData() == "monthly" and r.month_day.currentData() == 1
    assert r.month_day.currentText() == "On the first Monday"
    assert r.ends.currentData() == "until" and r.until.date() == QDate(2099, 12, 31)
    version = event.version
    assert dialog.save()
    assert events.get(event.id).version == version  # nothing changed, nothing written


@pytest.mark.parametrize("rule", ["FREQ=YEARLY;BYMONTH=3;COUNT=4", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"])
def test_a_rule_the_form_cannot_show_is_kept_as_it_is(new_dialog, rule):
    event = meeting(day=NEXT_MONDAY, rrule=rule)
    dialog = new_dialog(event_id=event.id)
    assert dialog.form.repeat.freq.currentData() == "custom"
    assert dialog.form.repeat.freq.currentText().startswith("Custom: Every")
    dialog.form.title.setText("Renamed")
    assert dialog.save()
    assert events.get(event.id).rrule == rule and events.get(event.id).title == "Renamed"


def test_a_clash_at_the_venue_shows_while_typing_without_blocking(new_dialog, qtbot):
    meeting("Existing forum", day=NEXT_MONDAY, venue="Town Hall")
    dialog = new_dialog(start=datetime.combine(NEXT_MONDAY, time(20)))
    assert not dialog.banner.isVisible()
    qtbot.keyClicks(dialog.form.venue, "town  hall")
    qtbot.waitUntil(lambda: dialog.banner.isVisible())
    assert "Clashes with “Existing forum” at Town Hall" in dialog.warnings.text()
    dialog.form.start_time.setTime(QTime(22, 0))  # after the other one ends: the warning goes
    qtbot.waitUntil(lambda: not dialog.banner.isVisible())
    dialog.form.start_time.setTime(QTime(20, 0))
    dialog.form.title.setText("Second forum")
    assert dialog.save()  # a warning never stops saving


def test_more_invited_than_the_room_holds_is_flagged(new_dialog, qtbot):
    event = meeting(venue="Small room")
    event_participants.invite(event.id, [person(f"Pat{i} Lee").id for i in range(3)])
    dialog = new_dialog(event_id=event.id)
    assert not dialog.banner.isVisible()
    dialog.form.capacity.setValue(2)
    qtbot.waitUntil(lambda: dialog.banner.isVisible())
    assert "Capacity is 2 but 3 people are invited" in dialog.warnings.text()


def test_another_zone_is_named_and_kept(new_dialog, qtbot):
    dialog = new_dialog(start=datetime.combine(NEXT_MONDAY, time(9)))
    assert dialog.form.zone.zone() == local_zone_name() and not dialog.form.zone_note.isVisible()
    dialog.form.zone.set_zone("Pacific/Chatham")
    assert dialog.form.zone_note.isVisible() and "Pacific/Chatham" in dialog.form.zone_note.text()
    dialog.form.title.setText("Call with the Chatham office")
    assert dialog.save()
    event = events.get(dialog.event_id)
    assert event.timezone == "Pacific/Chatham"
    assert events.local_start(event).replace(tzinfo=None) == datetime.combine(NEXT_MONDAY, time(9))


def test_an_unknown_zone_is_refused_beside_its_field(new_dialog):
    dialog = new_dialog()
    dialog.form.title.setText("Somewhere")
    dialog.form.zone.setEditText("Mars/Olympus")
    assert not dialog.save()
    assert "is not a time zone" in dialog.form.errors.message("timezone")


def test_an_all_day_event_keeps_its_last_day(new_dialog):
    dialog = new_dialog(start=NEXT_MONDAY)
    f = dialog.form
    f.title.setText("Festival weekend")
    f.all_day.setChecked(True)
    assert not f.start_time.isVisibleTo(dialog)
    f.end_date.setDate(qdate(NEXT_MONDAY + timedelta(days=2)))
    assert dialog.save()
    event = events.get(dialog.event_id)
    assert event.all_day and events.all_day_dates(event) == (NEXT_MONDAY, NEXT_MONDAY + timedelta(days=2))


def test_moving_the_start_carries_the_end_along(new_dialog):
    dialog = new_dialog(start=datetime.combine(NEXT_MONDAY, time(18)))
    dialog.form.end_time.setTime(QTime(20, 30))
    dialog.form.start_date.setDate(qdate(NEXT_MONDAY + timedelta(days=1)))
    times = dialog.form.times()
    assert times["ends_at"] - times["starts_at"] == timedelta(hours=2, minutes=30)
    assert dialog.form.repeat.start == NEXT_MONDAY + timedelta(days=1)


def test_a_refused_value_is_shown_beside_its_field_and_nothing_is_saved(new_dialog):
    dialog = new_dialog()
    assert not dialog.save()
    assert dialog.form.errors.message("title") == "Give the event a title."
    assert events.count() == 0


def test_duplicate_copies_the_event_to_a_new_date(new_dialog, monkeypatch):
    event = meeting("Quarterly forum", day=NEXT_MONDAY)
    dialog = new_dialog(event_id=event.id)
    monkeypatch.setattr(dialog, "ask_new_date", lambda default: NEXT_MONDAY + timedelta(days=91))
    copy_id = dialog.duplicate()
    copy = events.get(copy_id)
    assert copy.title == "Quarterly forum" and copy.uid != event.uid
    assert events.local_start(copy).replace(tzinfo=None) == datetime.combine(NEXT_MONDAY + timedelta(days=91),
                                                                             time(19))


def test_an_edit_made_after_someone_elses_asks_before_overwriting(new_dialog, monkeypatch):
    event = meeting()
    dialog = new_dialog(event_id=event.id)
    events.update(event.id, title="Changed elsewhere")
    dialog.form.venue.setText("Library")
    shown = []
    monkeypatch.setattr("ui.dialogs.event_dialog.resolve_conflict",
                        lambda parent, message, rows: shown.append((message, rows)) or "keep")
    assert not dialog.save()
    assert shown and "changed by someone else" in shown[0][0]
    assert {(r.label, r.theirs, r.mine) for r in shown[0][1]} >= {("Title", "Changed elsewhere", event.title),
                                                                  ("Venue", event.venue, "Library")}
    assert dialog.form.venue.text() == "Library"
    assert dialog.save()  # saving again keeps this version
    assert events.get(event.id).venue == "Library"
