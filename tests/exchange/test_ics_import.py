"""Importing calendars as Outlook, Google, Apple Calendar and Thunderbird write them."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from commrel import exchange
from commrel.errors import Cancelled, ExchangeError
from commrel.exchange import ics
from commrel.models import Event, EventException, EventOverride, EventParticipant, Stakeholder
from commrel.progress import RecordingProgress
from commrel.services import batches
from commrel.services import stakeholders as stakeholder_service

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
FIXTURES = sorted(p.name for p in DATA.glob("*.ics") if p.name != "not_a_calendar.ics")


def load(name: str):
    plan = ics.plan_import(DATA / name)
    result = ics.apply_import(plan)
    return plan, result


def event(uid: str) -> Event:
    return Event.get(Event.uid == uid)


def rows(plan, entity="event"):
    return [r for r in plan.rows if r.entity == entity]


def test_the_format_is_registered_for_calendar_extensions():
    for name in ("feed.ics", "x.ICAL", "busy.ifb", "y.icalendar"):
        fmt = exchange.for_path(name)
        assert fmt.name == "ics" and fmt.kinds == ("events",)
    assert exchange.for_path("out.ics", purpose="export").export is ics.export


def test_planning_writes_nothing():
    before = (Event.select().count(), Stakeholder.select().count())
    plan = ics.plan_import(DATA / "google.ics")
    assert plan.counts()["create"] > 0
    assert (Event.select().count(), Stakeholder.select().count()) == before


def test_outlook_windows_zone_names_and_all_day_flag():
    plan, result = load("outlook_windows_zones.ics")
    assert not plan.errors
    town_hall = Event.get(Event.title == "Town hall: phase 2 works")
    assert town_hall.timezone == "Europe/Berlin"
    assert town_hall.starts_at == datetime(2025, 6, 12, 17, 0)  # 19:00 CEST
    assert town_hall.sequence == 1 and town_hall.reminders == "15"
    assert town_hall.organiser == "Sam Okafor" and town_hall.organiser_email == "sam.okafor@example.org"
    assert "2. Construction schedule, phase 2\n3. Questions from residents" in town_hall.description
    briefing = event("outlook-partner-briefing-2025")
    assert (briefing.timezone, briefing.starts_at) == ("America/New_York", datetime(2025, 4, 15, 14, 0))
    fair = event("outlook-summer-fair-2025")  # midnight-to-midnight times flagged all-day
    assert fair.all_day and (fair.starts_at, fair.ends_at) == (datetime(2025, 6, 14), datetime(2025, 6, 16))
    closed = event("outlook-office-closed-2025")
    assert closed.all_day and (closed.ends_at - closed.starts_at).days == 1
    # The meeting room (CUTYPE=RESOURCE) is not a person; the two people are offered, emails in lower case.
    offered = {r.extra["email"] for r in rows(plan, "stakeholder")}
    assert offered == {"priya.raman@example.org", "tom.devries@example.net"}
    assert result.created == 4 + 2


def test_outlook_custom_zones_matched_by_city_region_and_rules():
    plan, _ = load("outlook_custom_zone.ics")
    assert not plan.errors
    liaison = Event.get(Event.title == "Liaison meeting")
    assert liaison.timezone == "Europe/Berlin" and liaison.starts_at == datetime(2025, 1, 14, 13, 0)
    assert liaison.rrule.startswith("FREQ=MONTHLY") and "COUNT=6" in liaison.rrule
    assert liaison.venue == "Site office, Gate 3" and liaison.status == "confirmed"
    funder = event("outlook-display-name-eastern")
    assert funder.timezone == "America/New_York" and funder.starts_at == datetime(2025, 7, 8, 13, 0)
    drop_in = event("outlook-customized-zone")  # "Customized Time Zone": found by its rules
    assert drop_in.timezone == "Europe/London" and drop_in.starts_at == datetime(2025, 7, 9, 17, 0)


def test_google_utc_and_floating_times_take_the_calendar_zone():
    plan, _ = load("google.ics")
    assert not plan.errors
    bridge = event("3k9v0m1q2r3s4t5u6v7w8x9y0z@google.com")
    assert bridge.timezone == "Europe/London" and bridge.starts_at == datetime(2025, 6, 10, 17, 0)
    assert bridge.status == "confirmed" and bridge.sequence == 2
    # Google's HTML in DESCRIPTION becomes plain text.
    assert bridge.description == ("Join us to hear about the new footbridge.\n\nBring & share: tea and cake "
                                  "provided.\nPlans")
    walk = event("floating-walkabout@google.com")
    assert walk.timezone == "Europe/London" and walk.starts_at == datetime(2025, 6, 11, 9, 0)
    assert walk.status == "planned"
    weekend = event("7h6g5f4e3d2c1b0a@google.com")
    assert weekend.all_day and (weekend.starts_at, weekend.ends_at) == (datetime(2025, 6, 20), datetime(2025, 6, 22))
    cancelled = event("cancelled-consultation@google.com")
    assert cancelled.status == "cancelled"
    drop_in = event("weekly-drop-in-2025@google.com")
    assert drop_in.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20250325T175959Z"
    assert [e.original_start for e in drop_in.exceptions] == [datetime(2025, 2, 18, 18, 0)]
    (moved,) = drop_in.overrides
    assert moved.original_start == datetime(2025, 3, 4, 18, 0) and moved.starts_at == datetime(2025, 3, 5, 18, 0)
    assert moved.title == "Weekly drop-in (moved to Wednesday)" and moved.venue == "Community centre"


def test_apple_vendor_zone_and_alarms():
    plan, _ = load("apple.ics")
    assert not plan.errors
    cafe = event("8F2E6C1A-4B7D-4E9A-9C3B-2D1F0E5A7B6C")
    assert cafe.title == "Café conversation — noise & dust"
    assert cafe.venue == "St Mary's Church Hall" and cafe.address == "4 Church Row\nRiverside"
    # -PT30M, and an alarm at a fixed time the day before; ACTION:NONE is no reminder.
    assert cafe.reminders == "30,1440"
    assert cafe.url == "https://example.org/events/cafe-conversation"
    visit = event("2C7B9E10-5A3F-4D62-8E1B-9F4A6C3D2E10")
    assert visit.timezone == "America/New_York" and visit.starts_at == datetime(2025, 9, 2, 13, 0)
    assert visit.reminders == "1440"


def test_thunderbird_mozilla_zone_categories_and_exdate():
    plan, _ = load("thunderbird.ics")
    assert not plan.errors
    series = event("5b1c9f0e-8d2a-4c3b-9e7f-1a2b3c4d5e6f")
    assert series.timezone == "America/New_York" and series.starts_at == datetime(2025, 6, 10, 23, 0)
    assert series.type == "workshop" and series.tags == "noise, Tenants"
    assert series.rrule == "FREQ=WEEKLY;COUNT=4" and series.reminders == "60"
    assert [e.original_start for e in series.exceptions] == [datetime(2025, 6, 17, 23, 0)]


def test_byte_order_mark_bare_line_feeds_and_folded_lines():
    plan, _ = load("bom_lf_folded.ics")
    assert not plan.errors
    meeting = event("bom-lf-folded-1@example.org")
    assert meeting.title == "Réunion publique : travaux de la gare, phase 2"
    # One fold splits the two bytes of "é": the text still comes out whole.
    assert meeting.description == ("Ordre du jour : présentation du chantier, calendrier des travaux de nuit; "
                                   "questions des riverains. Café offert.")
    assert meeting.venue == "Salle des fêtes, 3 rue de la Gare"
    open_day = event("bom-lf-folded-2@example.org")
    assert open_day.all_day and open_day.type == "open_house" and open_day.tags == "gare"


def test_two_calendars_in_one_file_and_the_newer_copy_wins():
    plan, _ = load("two_calendars.ics")
    assert plan.counts()["create"] == 3 and plan.counts()["skip"] == 1
    (skip,) = [r for r in plan.rows if r.outcome == "skip"]
    assert skip.location == "line 22 (VEVENT)" and "line 46" in skip.message
    committee = event("council-planning-committee@example.gov")
    assert committee.title == "Planning committee (new time)" and committee.sequence == 1
    # Floating time in the second calendar: its X-WR-TIMEZONE.
    assert committee.timezone == "Europe/Dublin" and committee.starts_at == datetime(2025, 5, 6, 18, 0)
    assert event("council-library-talk@example.gov").starts_at == datetime(2025, 6, 12, 18, 30)


def test_recurring_event_with_exdates_and_changed_occurrences():
    plan, _ = load("recurring_overrides.ics")
    assert not plan.errors
    series = event("liaison-group-2025@example.org")
    assert series.rrule == "FREQ=WEEKLY;COUNT=8" and series.type == "public_meeting" and series.tags == "liaison"
    # 19:00 London is 19:00 UTC in March and 18:00 UTC after the clocks change.
    assert sorted(e.original_start for e in series.exceptions) == [datetime(2025, 3, 18, 19, 0),
                                                                  datetime(2025, 4, 1, 18, 0)]
    moved, cancelled = sorted(series.overrides, key=lambda o: o.original_start)
    assert moved.original_start == datetime(2025, 4, 8, 18, 0) and moved.starts_at == datetime(2025, 4, 9, 17, 30)
    assert moved.title == "Community liaison group (at the school)" and moved.venue == "Millbrook School Hall"
    assert cancelled.status == "cancelled" and cancelled.title == "" and cancelled.venue == ""
    monthly = event("monthly-newsletter-deadline@example.org")
    assert monthly.all_day and monthly.rrule == "FREQ=MONTHLY;UNTIL=20250610"
    assert [e.original_start for e in monthly.exceptions] == [datetime(2025, 4, 10)]
    # An occurrence whose series is not in the file stands alone, under a UID of its own.
    alone = Event.get(Event.title == "Coffee morning (moved)")
    assert alone.uid.startswith("series-kept-elsewhere@example.org/") and not alone.rrule
    assert "series is not in this file" in next(r.message for r in rows(plan) if r.label == alone.title)


@pytest.mark.parametrize("name", FIXTURES)
def test_importing_the_same_file_again_changes_nothing(name):
    load(name)
    again = ics.plan_import(DATA / name)
    counts = again.counts()
    assert counts["create"] == counts["update"] == 0, [(r.label, r.differences) for r in again.rows
                                                        if r.outcome in ("create", "update")]
    assert ics.apply_import(again).batch_id is None


def _with_sequence(text: str, uid: str, sequence: int, summary: str, modified: str | None = None) -> str:
    out, inside = [], False
    for line in text.splitlines():
        if line == f"UID:{uid}":
            inside = True
        if inside and line.startswith("SEQUENCE:"):
            line = f"SEQUENCE:{sequence}"
        if inside and line.startswith("SUMMARY:"):
            line = f"SUMMARY:{summary}"
        if inside and modified and line.startswith("LAST-MODIFIED:"):
            line = f"LAST-MODIFIED:{modified}"
        if line == "END:VEVENT":
            inside = False
        out.append(line)
    return "\r\n".join(out) + "\r\n"


def test_sequence_decides_between_update_and_skip(tmp_path):
    load("google.ics")
    uid = "3k9v0m1q2r3s4t5u6v7w8x9y0z@google.com"
    text = (DATA / "google.ics").read_text("utf-8")
    newer = tmp_path / "newer.ics"
    newer.write_text(_with_sequence(text, uid, 3, "Footbridge evening (new room)"), "utf-8")
    plan = ics.plan_import(newer)
    (row,) = [r for r in rows(plan) if r.outcome != "unchanged"]
    assert row.outcome == "update" and row.differences == {
        "title": ("Footbridge information evening", "Footbridge evening (new room)")}
    ics.apply_import(plan)
    stored = event(uid)
    assert (stored.title, stored.sequence, stored.version) == ("Footbridge evening (new room)", 3, 2)

    older = tmp_path / "older.ics"
    older.write_text(_with_sequence(text, uid, 2, "Footbridge information evening"), "utf-8")
    (row,) = [r for r in rows(ics.plan_import(older)) if r.outcome != "unchanged"]
    assert row.outcome == "skip" and row.message == "older version (SEQUENCE 2 < 3)"


def test_same_sequence_later_last_modified_updates_and_earlier_skips(tmp_path):
    load("google.ics")
    uid = "floating-walkabout@google.com"
    text = (DATA / "google.ics").read_text("utf-8")
    later = tmp_path / "later.ics"
    later.write_text(_with_sequence(text, uid, 0, "Walkabout (north loop)", "20990101T000000Z"), "utf-8")
    (row,) = [r for r in rows(ics.plan_import(later)) if r.outcome != "unchanged"]
    assert row.outcome == "update"
    earlier = tmp_path / "earlier.ics"
    earlier.write_text(_with_sequence(text, uid, 0, "Walkabout (north loop)", "20000101T000000Z"), "utf-8")
    (row,) = [r for r in rows(ics.plan_import(earlier)) if r.outcome != "unchanged"]
    assert row.outcome == "skip" and row.message.startswith("older version (same SEQUENCE 0")


def test_undo_removes_what_an_import_created():
    _, result = load("google.ics")
    assert Event.select().count() == 5 and Stakeholder.select().count() == 3
    batches.undo(result.batch_id)
    assert Event.select().count() == 0 and Stakeholder.select().count() == 0
    assert EventParticipant.select().count() == 0 and EventOverride.select().count() == 0
    assert EventException.select().count() == 0


def test_undo_restores_what_an_import_changed(tmp_path):
    _, first = load("google.ics")
    uid = "3k9v0m1q2r3s4t5u6v7w8x9y0z@google.com"
    newer = tmp_path / "newer.ics"
    newer.write_text(_with_sequence((DATA / "google.ics").read_text("utf-8"), uid, 9, "Renamed"), "utf-8")
    result = ics.apply_import(ics.plan_import(newer))
    assert event(uid).title == "Renamed"
    batches.undo(result.batch_id)
    assert (event(uid).title, event(uid).sequence, event(uid).version) == ("Footbridge information evening", 2, 1)
    batches.undo(first.batch_id)
    assert Event.select().count() == 0


def test_attendees_are_matched_by_email_and_unknown_ones_offered():
    priya = stakeholder_service.create(kind="person", given_name="Priya", family_name="Raman",
                                       email="Priya.Raman@example.org")
    plan = ics.plan_import(DATA / "google.ics")
    offered = {r.extra["email"]: r for r in rows(plan, "stakeholder")}
    assert set(offered) == {"ola.nordmann@example.no", "jo.bloggs@example.com"}
    assert offered["ola.nordmann@example.no"].label == "Ola Nordmann"
    ics.apply_import(plan)
    bridge = event("3k9v0m1q2r3s4t5u6v7w8x9y0z@google.com")
    rsvps = {p.stakeholder.email: p.rsvp for p in bridge.participants}
    assert rsvps == {priya.email: "accepted", "ola.nordmann@example.no": "declined",
                     "jo.bloggs@example.com": "tentative"}
    ola = Stakeholder.get(Stakeholder.email == "ola.nordmann@example.no")
    assert (ola.kind, ola.type, ola.display_name, ola.sort_name) == ("person", "resident", "Ola Nordmann",
                                                                     "nordmann ola")
    assert Stakeholder.select().count() == 3  # Priya was matched, not added again


def test_people_offered_but_declined_are_not_linked():
    plan = ics.plan_import(DATA / "google.ics")
    for r in rows(plan, "stakeholder"):
        r.outcome = "skip"
    ics.apply_import(plan)
    assert Stakeholder.select().count() == 0 and EventParticipant.select().count() == 0


def test_a_reply_changed_in_the_file_updates_the_participant(tmp_path):
    load("google.ics")
    text = (DATA / "google.ics").read_text("utf-8").replace("PARTSTAT=DECLINED", "PARTSTAT=ACCEPTED")
    text = _with_sequence(text, "3k9v0m1q2r3s4t5u6v7w8x9y0z@google.com", 3, "Footbridge information evening")
    changed = tmp_path / "replies.ics"
    changed.write_text(text, "utf-8")
    plan = ics.plan_import(changed)
    (row,) = [r for r in rows(plan) if r.outcome == "update"]
    assert row.differences == {"attendees": ("", "0 to add, 1 replies changed")}
    ics.apply_import(plan)
    ola = Stakeholder.get(Stakeholder.email == "ola.nordmann@example.no")
    assert EventParticipant.get(EventParticipant.stakeholder == ola).rsvp == "accepted"


def test_broken_components_are_named_with_their_line_and_the_rest_imports():
    plan = ics.plan_import(DATA / "broken.ics")
    errors = "\n".join(plan.errors)
    assert "broken.ics, VEVENT 'Bad date', line 16: DTSTART “20250631T190000” is not a date or time" in errors
    assert "VEVENT 'Bad rule', line 25: The repeat rule “FREQ=SOMETIMES;COUNT=3” is not valid" in errors
    assert "VEVENT 'Backwards', line 32: It ends (2025-07-02 18:00) before it starts" in errors
    assert "VEVENT 'Cut off', line 47: It has no END:VEVENT" in errors
    assert "VCALENDAR, line 1: The file ends before END:VCALENDAR" in errors
    titles = {r.label for r in rows(plan) if r.outcome == "create"}
    assert titles == {"Town hall", "Garbled", "Open house"}
    garbled = next(r for r in rows(plan) if r.label == "Garbled")
    assert "line 39 cannot be read" in garbled.message
    ics.apply_import(plan)
    assert {e.title for e in Event.select()} == titles


def test_not_a_calendar_binary_junk_and_empty_files_are_refused(tmp_path):
    with pytest.raises(ExchangeError, match=r"not_a_calendar.ics, line 1: .*no BEGIN:VCALENDAR"):
        ics.plan_import(DATA / "not_a_calendar.ics")
    junk = tmp_path / "photo.ics"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ExchangeError, match="binary data"):
        ics.plan_import(junk)
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"\r\n")
    with pytest.raises(ExchangeError, match="empty"):
        ics.plan_import(empty)
    with pytest.raises(ExchangeError, match="does not exist"):
        ics.plan_import(tmp_path / "missing.ics")
    assert Event.select().count() == 0


def test_truncated_file_keeps_the_complete_events(tmp_path):
    text = (DATA / "google.ics").read_text("utf-8")
    cut = tmp_path / "cut.ics"
    cut.write_text(text[: text.index("SUMMARY:Open house weekend")], "utf-8")
    plan = ics.plan_import(cut)
    assert {r.label for r in rows(plan) if r.outcome == "create"} == {"Footbridge information evening",
                                                                     "Neighbourhood walkabout"}
    assert any("VEVENT, line 45: It has no END:VEVENT" in e for e in plan.errors)


def test_cancelling_an_import_writes_nothing():
    plan = ics.plan_import(DATA / "google.ics")
    with pytest.raises(Cancelled):
        ics.apply_import(plan, progress=RecordingProgress(cancel_after=0))
    assert Event.select().count() == 0 and Stakeholder.select().count() == 0


def test_an_event_changed_since_the_plan_stops_the_whole_import(tmp_path):
    load("google.ics")
    uid = "floating-walkabout@google.com"
    later = tmp_path / "later.ics"
    later.write_text(_with_sequence((DATA / "google.ics").read_text("utf-8"), uid, 5, "Walkabout"), "utf-8")
    plan = ics.plan_import(later)
    Event.update(version=Event.version + 1).where(Event.uid == uid).execute()
    with pytest.raises(Exception, match="changed in Commrel after the import was planned"):
        ics.apply_import(plan)
    assert event(uid).title == "Neighbourhood walkabout"


_SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Calendar//EN\r
BEGIN:VEVENT\r
UID:drop-in-series@example.org\r
DTSTAMP:20250601T120000Z\r
DTSTART:20250107T180000Z\r
DTEND:20250107T193000Z\r
RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU\r
EXDATE:{exdate}\r
SEQUENCE:{sequence}\r
SUMMARY:{summary}\r
{attendees}END:VEVENT\r
BEGIN:VEVENT\r
UID:drop-in-series@example.org\r
DTSTAMP:20250601T120000Z\r
RECURRENCE-ID:{moved}\r
DTSTART:20250305T180000Z\r
DTEND:20250305T193000Z\r
SEQUENCE:{sequence}\r
SUMMARY:Drop-in (moved)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _attendee(email: str, partstat: str) -> str:
    return f"ATTENDEE;PARTSTAT={partstat};CN={email}:mailto:{email}\r\n"


def _event_state(uid: str):
    e = event(uid)
    return (e.title, e.sequence,
            [x.original_start for x in EventException.select().where(EventException.event == e.id)
             .order_by(EventException.original_start)],
            [(o.original_start, o.starts_at, o.title) for o in EventOverride.select().where(EventOverride.event == e.id)
             .order_by(EventOverride.original_start)],
            sorted((p.stakeholder.email, p.rsvp) for p in EventParticipant.select().where(EventParticipant.event == e.id)))


def test_undo_of_an_imported_update_puts_back_skipped_dates_moved_occurrences_and_attendees(tmp_path):
    for given, email in (("Priya", "priya@example.org"), ("Ola", "ola@example.org"), ("Jo", "jo@example.org")):
        stakeholder_service.create(given_name=given, family_name="Resident", email=email)
    first = tmp_path / "first.ics"
    first.write_text(_SERIES.format(exdate="20250218T180000Z", sequence=1, summary="Drop-in", moved="20250304T180000Z",
                                    attendees=_attendee("priya@example.org", "ACCEPTED")
                                    + _attendee("ola@example.org", "TENTATIVE")), "utf-8")
    ics.apply_import(ics.plan_import(first))
    uid = "drop-in-series@example.org"
    before = _event_state(uid)
    assert before[2] == [datetime(2025, 2, 18, 18, 0)] and len(before[3]) == 1
    assert before[4] == [("ola@example.org", "tentative"), ("priya@example.org", "accepted")]

    # The organiser's newer version skips another date, moves another occurrence, adds Jo,
    # and Ola has since declined.
    second = tmp_path / "second.ics"
    second.write_text(_SERIES.format(exdate="20250211T180000Z", sequence=2, summary="Drop-in (spring)",
                                     moved="20250311T180000Z",
                                     attendees=_attendee("priya@example.org", "ACCEPTED")
                                     + _attendee("ola@example.org", "DECLINED")
                                     + _attendee("jo@example.org", "NEEDS-ACTION")), "utf-8")
    result = ics.apply_import(ics.plan_import(second))
    after = _event_state(uid)
    assert after[0] == "Drop-in (spring)" and after[2] == [datetime(2025, 2, 11, 18, 0)]
    assert after[3][0][0] == datetime(2025, 3, 11, 18, 0)
    assert ("jo@example.org", "invited") in after[4] and ("ola@example.org", "declined") in after[4]

    batches.undo(result.batch_id)
    assert _event_state(uid) == before
