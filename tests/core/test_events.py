from datetime import date, datetime, timedelta, timezone

import pytest

from commrel import recurrence
from commrel.errors import ConflictError, NotFound, ValidationError
from commrel.models import Change, EventParticipant, Stakeholder
from commrel.services import checklists, event_participants, events
from commrel.services.events import EventFilter
from commrel.timeutil import zone

LONDON = "Europe/London"


def _meeting(**overrides):
    values = dict(title="Riverside public meeting", starts_at=datetime(2024, 3, 5, 19),
                  ends_at=datetime(2024, 3, 5, 21), timezone=LONDON, venue="Town Hall")
    values.update(overrides)
    return events.create(**values)


def _person(name):
    given, family = name.split()
    return Stakeholder.create(given_name=given, family_name=family, display_name=name,
                              sort_name=f"{family} {given}".lower())


# Creating

def test_a_naive_time_is_wall_time_in_the_events_zone():
    event = _meeting(starts_at=datetime(2024, 7, 2, 19), ends_at=datetime(2024, 7, 2, 21))
    assert event.starts_at == datetime(2024, 7, 2, 18)  # stored as UTC (BST is UTC+1)
    assert events.local_start(event) == datetime(2024, 7, 2, 19, tzinfo=zone(LONDON))
    assert events.local_end(event).hour == 21
    assert event.uid.endswith("@commrel") and len(event.uid) > 30


def test_an_aware_time_keeps_its_instant():
    event = _meeting(starts_at=datetime(2024, 7, 2, 18, tzinfo=timezone.utc), ends_at=None)
    assert events.local_start(event).hour == 19
    assert events.local_end(event) - events.local_start(event) == timedelta(hours=1)


def test_all_day_events_take_the_last_day_people_pick():
    fair = events.create(title="Summer fair", starts_at=date(2024, 6, 1), ends_at=date(2024, 6, 2),
                         all_day=True, timezone=LONDON, type="festival")
    assert (fair.starts_at, fair.ends_at) == (datetime(2024, 6, 1), datetime(2024, 6, 3))
    assert events.all_day_dates(fair) == (date(2024, 6, 1), date(2024, 6, 2))
    one_day = events.create(title="Stall", starts_at=date(2024, 6, 8), all_day=True, timezone=LONDON)
    assert one_day.ends_at == datetime(2024, 6, 9)


def test_creating_records_history_and_is_searchable():
    event = _meeting(description="Flood defence plans", tags=["flooding", "riverside"])
    assert Change.select().where((Change.entity == "event") & (Change.entity_id == event.id)
                                 & (Change.action == "create")).exists()
    assert events.list_events(EventFilter(text="flood")) == [event]
    assert events.event_tags(event) == ["flooding", "riverside"]


@pytest.mark.parametrize("changes, field", [
    ({"title": "  "}, "title"),
    ({"ends_at": datetime(2024, 3, 5, 18)}, "ends_at"),
    ({"ends_at": datetime(2024, 3, 5, 19)}, "ends_at"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"capacity": -5}, "capacity"),
    ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
    ({"status": "maybe"}, "status"),
    ({"reminders": ["soon"]}, "reminders"),
    ({"starts_at": date(2024, 3, 5)}, "starts_at"),
])
def test_invalid_values_are_refused_naming_the_field(changes, field):
    with pytest.raises(ValidationError) as raised:
        _meeting(**changes)
    assert raised.value.field == field
    assert events.count() == 0


def test_an_invalid_rule_says_what_is_wrong():
    with pytest.raises(ValidationError, match="daily, weekly, monthly or yearly"):
        _meeting(rrule="FREQ=FORTNIGHTLY")


# Changing

@pytest.mark.parametrize("changes", [
    {"starts_at": datetime(2024, 3, 5, 18)}, {"ends_at": datetime(2024, 3, 5, 22)},
    {"timezone": "Europe/Dublin"}, {"venue": "Library"}, {"address": "1 High St"},
    {"status": "cancelled"}, {"title": "Riverside meeting"}, {"description": "Agenda attached"},
    {"rrule": "FREQ=WEEKLY;COUNT=3"}, {"all_day": True},
])
def test_sequence_rises_when_attendees_would_care(changes):
    event = _meeting()
    changed = events.update(event.id, **changes)
    assert changed.sequence == event.sequence + 1
    assert changed.version == event.version + 1


@pytest.mark.parametrize("changes", [
    {"tags": ["flooding"]}, {"reminders": [15, 60]}, {"capacity": 80}, {"organiser": "Sam Reid"},
    {"organiser_email": "sam@example.org"}, {"type": "workshop"}, {"url": "https://example.org"},
])
def test_sequence_stays_for_housekeeping_changes(changes):
    event = _meeting()
    changed = events.update(event.id, **changes)
    assert changed.sequence == event.sequence
    assert changed.version == event.version + 1


def test_saving_without_changes_changes_nothing():
    event = _meeting(tags=["a"])
    same = events.update(event.id, title="Riverside public meeting", venue="Town Hall", tags=["a"],
                         starts_at=datetime(2024, 3, 5, 19))
    assert (same.version, same.sequence, same.updated_at) == (event.version, event.sequence, event.updated_at)


def test_a_stale_edit_is_refused_and_keeps_the_other_persons_change():
    event = _meeting()
    events.update(event.id, expected_version=event.version, venue="Library")
    with pytest.raises(ConflictError) as raised:
        events.update(event.id, expected_version=event.version, venue="Community Centre")
    assert raised.value.theirs["venue"] == "Library"
    assert events.get(event.id).venue == "Library"


def test_changing_only_the_zone_keeps_the_clock_times():
    event = events.update(_meeting().id, timezone="America/New_York")
    assert events.local_start(event).hour == 19 and events.local_end(event).hour == 21


def test_moving_the_start_keeps_the_length():
    event = events.update(_meeting().id, starts_at=datetime(2024, 3, 6, 18))
    assert events.local_start(event) == datetime(2024, 3, 6, 18, tzinfo=zone(LONDON))
    assert events.local_end(event).hour == 20


def test_the_uid_never_changes():
    event = _meeting()
    assert events.update(event.id, title="Renamed", starts_at=datetime(2025, 1, 1, 10)).uid == event.uid


# Copying and deleting

def test_duplicate_keeps_details_and_length_with_a_new_uid():
    event = _meeting(capacity=60, tags=["flooding"], reminders=[30], description="Plans", address="1 High St")
    person = _person("Ann Lee")
    event_participants.invite(event.id, [person.id])
    checklists.add_task(event.id, "Book the venue", due=date(2024, 2, 1))
    done = checklists.add_task(event.id, "Send invitations", due=date(2024, 2, 10))
    checklists.complete_task(done.id)

    copy = events.duplicate(event.id, datetime(2024, 4, 9, 18, 30))

    assert copy.uid != event.uid and copy.sequence == 0
    assert (copy.title, copy.venue, copy.address, copy.capacity, copy.description) == \
        ("Riverside public meeting", "Town Hall", "1 High St", 60, "Plans")
    assert events.event_tags(copy) == ["flooding"] and events.event_reminders(copy) == [30]
    assert events.local_start(copy) == datetime(2024, 4, 9, 18, 30, tzinfo=zone(LONDON))
    assert events.local_end(copy) - events.local_start(copy) == timedelta(hours=2)
    assert EventParticipant.select().where(EventParticipant.event == copy.id).count() == 0
    tasks = checklists.tasks(copy.id)
    assert [(t.title, t.done, t.due) for t in tasks] == [
        ("Book the venue", False, date(2024, 3, 7)), ("Send invitations", False, date(2024, 3, 16))]


def test_a_copied_series_keeps_its_number_of_dates():
    fair = events.create(title="Market stall", starts_at=date(2024, 3, 2), ends_at=date(2024, 3, 3),
                         all_day=True, timezone=LONDON, rrule="FREQ=WEEKLY;UNTIL=20240316")
    copy = events.duplicate(fair.id, date(2024, 5, 4))
    assert events.all_day_dates(copy) == (date(2024, 5, 4), date(2024, 5, 5))
    found = events.occurrences(copy, date(2024, 1, 1), date(2025, 1, 1))
    assert [o.start.date() for o in found] == [date(2024, 5, 4), date(2024, 5, 11), date(2024, 5, 18)]


def test_deleting_removes_the_event_and_its_list():
    event = _meeting()
    event_participants.invite(event.id, [_person("Ann Lee").id])
    events.delete(event.id)
    with pytest.raises(NotFound):
        events.get(event.id)
    assert EventParticipant.select().count() == 0
    assert events.list_events(EventFilter(text="riverside")) == []


# Lists

def test_filters_sorting_and_paging():
    a = _meeting(title="Alpha forum", tags=["youth"], type="workshop")
    b = _meeting(title="Beta forum", venue="Library", starts_at=datetime(2024, 4, 1, 10), ends_at=None)
    c = _meeting(title="Gamma talk", status="cancelled", starts_at=datetime(2024, 5, 1, 10), ends_at=None)
    assert events.list_events() == [a, b, c]
    assert events.list_events(sort="title", descending=True) == [c, b, a]
    assert events.list_events(limit=2, offset=1) == [b, c]
    assert events.list_events(EventFilter(text="forum")) == [a, b]
    assert events.list_events(EventFilter(statuses=("cancelled",))) == [c]
    assert events.list_events(EventFilter(types=("workshop",))) == [a]
    assert events.list_events(EventFilter(venue="libr")) == [b]
    assert events.list_events(EventFilter(tag="Youth")) == [a]
    assert events.count(EventFilter(date_from=date(2024, 3, 6), date_to=date(2024, 4, 30))) == 1
    assert events.list_events(EventFilter(date_to=date(2024, 3, 5))) == [a]


def test_a_date_range_finds_repeating_events_by_their_occurrences():
    weekly = _meeting(rrule="FREQ=WEEKLY;COUNT=4")  # 5, 12, 19, 26 March
    assert events.list_events(EventFilter(date_from=date(2024, 3, 25), date_to=date(2024, 3, 31))) == [weekly]
    assert events.count(EventFilter(date_from=date(2024, 4, 1), date_to=date(2024, 4, 30))) == 0
    assert events.count(EventFilter(date_from=date(2024, 4, 1))) == 0
    assert events.count(EventFilter(date_from=date(2030, 1, 1))) == 0
    forever = _meeting(title="Drop-in", rrule="FREQ=WEEKLY")
    assert events.list_events(EventFilter(date_from=date(2030, 1, 1))) == [forever]


def test_a_series_is_upcoming_while_a_moved_occurrence_is_still_to_come():
    weekly = _meeting(rrule="FREQ=WEEKLY;COUNT=3")  # 5, 12, 19 March
    upcoming = EventFilter(date_from=date(2024, 3, 25))
    assert events.count(upcoming) == 0
    events.override_occurrence(weekly.id, date(2024, 3, 19), starts_at=datetime(2024, 4, 9, 19),
                               ends_at=datetime(2024, 4, 9, 21))
    assert events.list_events(upcoming) == [weekly]
    assert events.list_events(EventFilter(date_from=date(2024, 4, 10))) == []


def test_a_past_range_looks_past_a_skipped_or_moved_first_occurrence():
    skipped = _meeting(title="Skipped", rrule="FREQ=WEEKLY;COUNT=3", exdates=[date(2024, 3, 5)])
    later = _meeting(title="Later", rrule="FREQ=WEEKLY;COUNT=3")
    events.override_occurrence(later.id, date(2024, 3, 5), starts_at=datetime(2024, 3, 14, 19),
                               ends_at=datetime(2024, 3, 14, 21))
    assert events.list_events(EventFilter(date_to=date(2024, 3, 10))) == []
    assert events.list_events(EventFilter(date_to=date(2024, 3, 12)), sort="title") == [later, skipped]
    earlier = _meeting(title="Earlier", rrule="FREQ=WEEKLY;COUNT=3")
    events.override_occurrence(earlier.id, date(2024, 3, 5), starts_at=datetime(2024, 3, 1, 19),
                               ends_at=datetime(2024, 3, 1, 21))
    assert events.list_events(EventFilter(date_to=date(2024, 3, 3))) == [earlier]
    shown = events.occurrences_between(date(2024, 3, 1), date(2024, 3, 2))
    assert [(o.event_id, o.start.day, o.is_override) for o in shown] == [(earlier.id, 1, True)]


def test_a_start_off_the_rule_is_not_an_occurrence_in_a_range():
    # Wednesday 6 March, repeating on Mondays: the first meeting is Monday 11 March, as in the calendar.
    mondays = _meeting(starts_at=datetime(2024, 3, 6, 19), ends_at=datetime(2024, 3, 6, 21),
                       rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=2")
    assert [o.start.day for o in events.occurrences(mondays, date(2024, 3, 1), date(2024, 4, 1))] == [11, 18]
    assert events.count(EventFilter(date_from=date(2024, 3, 6), date_to=date(2024, 3, 7))) == 0
    assert events.count(EventFilter(date_to=date(2024, 3, 8))) == 0
    assert events.list_events(EventFilter(date_to=date(2024, 3, 11))) == [mondays]


def test_a_page_gives_the_count_and_the_rows_of_the_same_list():
    for day in (5, 12, 19, 26):
        _meeting(title=f"Meeting {day}", starts_at=datetime(2024, 3, day, 19), ends_at=datetime(2024, 3, day, 21))
    _meeting(title="Series", starts_at=datetime(2024, 2, 6, 19), ends_at=datetime(2024, 2, 6, 21),
             rrule="FREQ=WEEKLY;COUNT=8")
    march = EventFilter(date_from=date(2024, 3, 10), date_to=date(2024, 3, 31))
    total, rows = events.page(march, sort="title", offset=1, limit=2)
    assert total == events.count(march) == 4
    assert [e.title for e in rows] == ["Meeting 19", "Meeting 26"]


# Occurrences

def test_a_weekly_evening_meeting_stays_at_seven_after_the_clocks_go_forward():
    event = _meeting(starts_at=datetime(2024, 3, 19, 19), ends_at=datetime(2024, 3, 19, 21), rrule="FREQ=WEEKLY")
    found = events.occurrences(event, date(2024, 3, 1), date(2024, 4, 10))
    assert [(o.start.day, o.start.hour, o.end.hour) for o in found] == [
        (19, 19, 21), (26, 19, 21), (2, 19, 21), (9, 19, 21)]
    assert [o.start.utcoffset() for o in found] == [timedelta(0)] * 2 + [timedelta(hours=1)] * 2


def test_count_and_until_end_a_series():
    by_count = _meeting(rrule="FREQ=WEEKLY;COUNT=3")
    by_date = _meeting(rrule="FREQ=WEEKLY;UNTIL=20240319")
    for event in (by_count, by_date):
        found = events.occurrences(event, date(2024, 1, 1), date(2025, 1, 1))
        assert [o.start.day for o in found] == [5, 12, 19]


def test_a_skipped_date_disappears_and_attendees_are_told():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=4")
    changed = events.set_exdates(event.id, [date(2024, 3, 12)])
    assert changed.sequence == event.sequence + 1
    found = events.occurrences(changed, date(2024, 3, 1), date(2024, 4, 1))
    assert [o.start.day for o in found] == [5, 19, 26]
    assert events.exdates(event.id) == [datetime(2024, 3, 12, 19, tzinfo=zone(LONDON))]


def test_skipped_dates_follow_when_the_series_moves():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=4", exdates=[date(2024, 3, 12)])
    moved = events.update(event.id, starts_at=datetime(2024, 3, 5, 18, 30))
    found = events.occurrences(moved, date(2024, 3, 1), date(2024, 4, 1))
    assert [(o.start.day, o.start.hour, o.start.minute) for o in found] == [(5, 18, 30), (19, 18, 30), (26, 18, 30)]


def test_skipped_dates_stay_put_when_the_series_starts_later_and_follow_a_change_of_weekday():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=4", exdates=[date(2024, 3, 19)])
    later = events.update(event.id, starts_at=datetime(2024, 3, 12, 19))
    assert [o.start.day for o in events.occurrences(later, date(2024, 3, 1), date(2024, 5, 1))] == [12, 26, 2]
    wednesdays = events.update(event.id, starts_at=datetime(2024, 3, 13, 19))
    assert [o.start.day for o in events.occurrences(wednesdays, date(2024, 3, 1), date(2024, 5, 1))] == [13, 27, 3]


def test_an_end_date_stays_the_same_day_when_the_event_changes_zone():
    event = _meeting(rrule="FREQ=WEEKLY;UNTIL=20240326")
    moved = events.update(event.id, timezone="Asia/Tokyo")
    assert recurrence.until_date(moved.rrule, "Asia/Tokyo") == date(2024, 3, 26)
    assert [o.start.day for o in events.occurrences(moved, date(2024, 3, 1), date(2024, 5, 1))] == [5, 12, 19, 26]


def test_one_occurrence_can_be_moved_or_cancelled():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=4")
    events.override_occurrence(event.id, date(2024, 3, 12), starts_at=datetime(2024, 3, 13, 18),
                               venue="Library")
    events.override_occurrence(event.id, datetime(2024, 3, 19, 19), status="cancelled")
    found = events.occurrences(events.get(event.id), date(2024, 3, 1), date(2024, 4, 1))
    moved = found[1]
    assert (moved.start, moved.end) == (datetime(2024, 3, 13, 18, tzinfo=zone(LONDON)),
                                        datetime(2024, 3, 13, 20, tzinfo=zone(LONDON)))
    assert moved.is_override and moved.venue == "Library"
    assert moved.original_start == datetime(2024, 3, 12, 19, tzinfo=zone(LONDON))
    assert [o.status for o in found] == ["planned", "planned", "cancelled", "planned"]
    # Seen from a range holding only the new date, the moved occurrence is still there.
    only_13th = events.occurrences(events.get(event.id), date(2024, 3, 13), date(2024, 3, 14))
    assert [o.start.day for o in only_13th] == [13]
    events.remove_override(event.id, date(2024, 3, 12))
    assert events.occurrences(events.get(event.id), date(2024, 3, 12), date(2024, 3, 13))[0].venue == "Town Hall"


def test_only_real_occurrences_can_be_overridden():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=4")
    with pytest.raises(ValidationError) as raised:
        events.override_occurrence(event.id, date(2024, 3, 13), title="Moved")
    assert raised.value.field == "original_start"
    with pytest.raises(ValidationError):
        events.override_occurrence(_meeting().id, date(2024, 3, 5), title="Not repeating")


def test_the_calendar_shows_every_event_in_range():
    weekly = _meeting(title="Drop-in", rrule="FREQ=WEEKLY", venue="Library")
    single = _meeting(title="Open house", starts_at=datetime(2024, 3, 14, 15), ends_at=None)
    fair = events.create(title="Fair", starts_at=date(2024, 3, 16), all_day=True, timezone=LONDON)
    _meeting(title="Next year", starts_at=datetime(2025, 3, 14, 15), ends_at=None)
    found = events.occurrences_between(date(2024, 3, 11), date(2024, 3, 18))
    assert [(o.title, o.start.day) for o in found] == [("Drop-in", 12), ("Open house", 14), ("Fair", 16)]
    assert found[2].all_day and found[2].end - found[2].start == timedelta(days=1)
    assert [o.event_id for o in events.occurrences_between(
        date(2024, 3, 11), date(2024, 3, 18), EventFilter(venue="Library"))] == [weekly.id]
    assert single.id in {o.event_id for o in events.occurrences_between(
        datetime(2024, 3, 14, 15, 30), datetime(2024, 3, 14, 15, 45))}
    assert fair.id not in {o.event_id for o in events.occurrences_between(date(2024, 3, 17), date(2024, 3, 18))}



def test_finished_series_leave_the_calendar_but_a_date_moved_past_their_end_stays():
    event = _meeting(rrule="FREQ=WEEKLY;COUNT=3")  # 5, 12, 19 March
    days = events.create(title="Clean-up day", starts_at=date(2024, 3, 2), all_day=True, timezone=LONDON,
                         rrule="FREQ=WEEKLY;UNTIL=20240309")
    events.override_occurrence(event.id, date(2024, 3, 19), starts_at=datetime(2024, 6, 4, 19))
    assert events.occurrences_between(date(2024, 5, 1), date(2024, 6, 1)) == []
    moved = events.occurrences_between(date(2024, 6, 1), date(2024, 6, 8))
    assert [(o.event_id, o.start.day, o.is_override, o.venue) for o in moved] == [(event.id, 4, True, "Town Hall")]
    march = events.occurrences_between(date(2024, 3, 1), date(2024, 4, 1))
    assert [(o.event_id, o.start.day) for o in march] == [(days.id, 2), (event.id, 5), (days.id, 9), (event.id, 12)]

# Warnings

def test_a_clash_at_the_same_venue_is_flagged_whatever_the_spelling():
    first = _meeting()
    second = _meeting(title="Youth forum", venue=" town  HALL", starts_at=datetime(2024, 3, 5, 20), ends_at=None)
    assert events.warnings(second.id) == [
        "Clashes with “Riverside public meeting” at Town Hall on Tue 5 Mar 2024, 19:00–21:00."]
    assert len(events.warnings(first.id)) == 1


def test_no_clash_at_another_venue_after_the_end_or_with_a_cancelled_event():
    _meeting()
    elsewhere = _meeting(title="Elsewhere", venue="Library")
    later = _meeting(title="Later", starts_at=datetime(2024, 3, 5, 21), ends_at=None)
    cancelled = _meeting(title="Called off", status="cancelled")
    assert events.warnings(elsewhere.id) == []
    assert events.warnings(later.id) == []
    assert events.warnings(cancelled.id) == []
    assert [o.title for o in events.overlapping_events(
        datetime(2024, 3, 5, 20), datetime(2024, 3, 5, 20, 30), "Town Hall", timezone=LONDON)] == \
        ["Riverside public meeting"]


def test_clashes_with_repeating_events_are_found_by_occurrence():
    series = _meeting(title="Weekly surgery", rrule="FREQ=WEEKLY;COUNT=6")
    one_off = _meeting(title="Exhibition", starts_at=datetime(2024, 3, 26, 18), ends_at=datetime(2024, 3, 26, 22))
    assert events.warnings(one_off.id) == [
        "Clashes with “Weekly surgery” at Town Hall on Tue 26 Mar 2024, 19:00–21:00."]
    assert events.warnings(series.id) == [
        "Clashes with “Exhibition” at Town Hall on Tue 26 Mar 2024, 18:00–22:00."]
    events.set_exdates(series.id, [date(2024, 3, 26)])
    assert events.warnings(one_off.id) == []


def test_an_occurrence_moved_to_the_venue_clashes_there_and_no_longer_where_it_was():
    series = _meeting(title="Library club", venue="Library", rrule="FREQ=WEEKLY;COUNT=3")
    exhibition = _meeting(title="Exhibition", starts_at=datetime(2024, 3, 12, 18), ends_at=datetime(2024, 3, 12, 22))
    reading = _meeting(title="Reading", venue="library", starts_at=datetime(2024, 3, 12, 19), ends_at=None)
    assert events.warnings(exhibition.id) == []
    assert len(events.warnings(reading.id)) == 1
    events.override_occurrence(series.id, date(2024, 3, 12), venue="Town  hall")
    assert events.warnings(exhibition.id) == [
        "Clashes with “Library club” at Town  hall on Tue 12 Mar 2024, 19:00–21:00."]
    assert events.warnings(reading.id) == []


def test_the_dialog_can_check_for_clashes_before_saving_and_leave_out_the_event_itself():
    event = _meeting()
    assert events.overlapping_events(datetime(2024, 3, 5, 19), datetime(2024, 3, 5, 21), "Town Hall",
                                     timezone=LONDON, exclude_id=event.id) == []
    assert events.overlapping_events(date(2024, 3, 5), None, "Town Hall", timezone=LONDON, all_day=True)


def test_more_invited_than_the_venue_holds():
    event = _meeting(capacity=2)
    people = [_person(n) for n in ("Ann Lee", "Bob Ray", "Cat Moss")]
    event_participants.invite(event.id, [p.id for p in people])
    assert events.warnings(event.id) == [
        "Capacity is 2 but 3 people are invited (not counting those who declined)."]
    event_participants.set_rsvp(event.id, people[0].id, "declined")
    assert events.warnings(event.id) == []
