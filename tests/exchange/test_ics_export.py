"""Exporting events (and concern deadlines) to iCalendar files other programs read."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import recurring_ical_events
from icalendar import Calendar

from commrel.errors import Cancelled, ExchangeError
from commrel.exchange import ics
from commrel.models import Concern, Event, EventParticipant
from db_probe import select_statements
from commrel.progress import RecordingProgress
from commrel.services import events as event_service
from commrel.services import stakeholders as stakeholder_service

UTC = timezone.utc
LONG = ("Line one of the agenda\nLine two: noise & dust <b>not html</b>; commas, semicolons; and a "
        "paragraph long enough to be folded several times by the writer — ünïcödé included, nothing cut.")


def person(given, family, email="", **extra):
    return stakeholder_service.create(kind="person", given_name=given, family_name=family, email=email, **extra)


@pytest.fixture
def sample():
    series = event_service.create(
        title="Liaison group; phase 2, north", starts_at=datetime(2025, 3, 18, 19, 0),
        ends_at=datetime(2025, 3, 18, 20, 30), timezone="Europe/London", type="town_hall", status="confirmed",
        venue="Hall B, Civic Centre", address="1 High Street\nRiverside", organiser="Sam Okafor",
        organiser_email="sam.okafor@example.org", description=LONG, rrule="FREQ=WEEKLY;COUNT=6",
        exdates=[datetime(2025, 4, 1, 19, 0)], reminders=[1440, 60], tags=["noise", "Riverside"],
        url="https://example.org/liaison")
    event_service.override_occurrence(series.id, datetime(2025, 4, 8, 19, 0),
                                      starts_at=datetime(2025, 4, 9, 18, 30), ends_at=datetime(2025, 4, 9, 20, 0),
                                      title="Liaison group at the school", venue="Millbrook School")
    fair = event_service.create(title="Summer fair", starts_at=date(2025, 6, 14), ends_at=date(2025, 6, 15),
                                all_day=True, timezone="America/New_York", status="held", type="festival")
    talk = event_service.create(title="Talk in Pune", starts_at=datetime(2025, 7, 1, 18, 0),
                                timezone="Asia/Kolkata", status="cancelled")
    people = {
        "speaker": person("Priya", "Raman", "priya@example.org"),
        "declined": person("Ola", "Nordmann", "ola@example.no"),
        "no_reply": person("Jo", "Bloggs", "jo@example.com"),
        "dnc": person("Dee", "Private", "dee@example.org", do_not_contact=True),
        "no_email": person("Nell", "Post"),
    }
    for key, rsvp, role in (("speaker", "accepted", "speaker"), ("declined", "declined", "guest"),
                            ("no_reply", "no_reply", "guest"), ("dnc", "accepted", "guest"),
                            ("no_email", "accepted", "guest")):
        EventParticipant.create(event=series, stakeholder=people[key], rsvp=rsvp, role=role)
    return {"series": Event.get_by_id(series.id), "fair": fair, "talk": talk, "people": people}


def parse(path) -> Calendar:
    cal = Calendar.from_ical(path.read_bytes())
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    return cal


def vevents(cal, uid):
    return [c for c in cal.walk("VEVENT") if str(c["UID"]) == uid]


def test_export_writes_every_property_a_calendar_needs(sample, tmp_path):
    result = ics.export(tmp_path / "events.ics")
    assert result.count == 3
    cal = parse(tmp_path / "events.ics")
    assert str(cal["PRODID"]) == "-//Commrel//Commrel 0.1//EN" and str(cal["X-WR-CALNAME"]) == "Commrel events"
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/London", "Asia/Kolkata"}
    master, moved = sorted(vevents(cal, sample["series"].uid), key=lambda c: "RECURRENCE-ID" in c)
    for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE"):
        assert name in master
    assert master["DTSTART"].params["TZID"] == "Europe/London"
    assert master["DTSTART"].dt == datetime(2025, 3, 18, 19, 0, tzinfo=master["DTSTART"].dt.tzinfo)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=6"
    (exdate,) = master["EXDATE"].dts
    assert master["EXDATE"].params["TZID"] == "Europe/London" and exdate.dt.replace(tzinfo=None) == datetime(
        2025, 4, 1, 19, 0)
    assert str(master["SUMMARY"]) == "Liaison group; phase 2, north"
    assert str(master["DESCRIPTION"]) == LONG
    assert b"&amp;" not in (tmp_path / "events.ics").read_bytes()
    assert str(master["LOCATION"]) == "Hall B, Civic Centre, 1 High Street, Riverside"
    assert [str(c) for c in master["CATEGORIES"].cats] == ["Town hall", "noise", "Riverside"]
    assert str(master["STATUS"]) == "CONFIRMED" and str(master["URL"]) == "https://example.org/liaison"
    assert str(master["ORGANIZER"]) == "mailto:sam.okafor@example.org"
    assert master["ORGANIZER"].params["CN"] == "Sam Okafor"
    attendees = {str(a): (a.params["CN"], a.params["PARTSTAT"], a.params["ROLE"]) for a in master["ATTENDEE"]}
    assert attendees == {
        "mailto:priya@example.org": ("Priya Raman", "ACCEPTED", "CHAIR"),
        "mailto:ola@example.no": ("Ola Nordmann", "DECLINED", "REQ-PARTICIPANT"),
        "mailto:jo@example.com": ("Jo Bloggs", "NEEDS-ACTION", "REQ-PARTICIPANT"),
    }
    alarms = sorted(a["TRIGGER"].dt for a in master.walk("VALARM"))
    assert alarms == [timedelta(minutes=-1440), timedelta(minutes=-60)]
    assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in master.walk("VALARM"))
    assert moved["RECURRENCE-ID"].dt.replace(tzinfo=None) == datetime(2025, 4, 8, 19, 0)
    assert moved["DTSTART"].dt.replace(tzinfo=None) == datetime(2025, 4, 9, 18, 30)
    assert str(moved["SUMMARY"]) == "Liaison group at the school" and str(moved["LOCATION"]) == "Millbrook School"
    (fair,) = vevents(cal, sample["fair"].uid)
    assert fair["DTSTART"].params.get("VALUE") == "DATE" or not isinstance(fair["DTSTART"].dt, datetime)
    assert (fair["DTSTART"].dt, fair["DTEND"].dt) == (date(2025, 6, 14), date(2025, 6, 16))
    assert str(fair["STATUS"]) == "CONFIRMED" and str(fair["X-COMMREL-STATUS"]) == "held"
    (talk,) = vevents(cal, sample["talk"].uid)
    assert str(talk["STATUS"]) == "CANCELLED"  # cancelled events stay in the feed


def test_people_who_asked_not_to_be_contacted_are_never_attendees(sample, tmp_path):
    ics.export(tmp_path / "full.ics", include_attendees=True)
    text = (tmp_path / "full.ics").read_text("utf-8")
    assert "dee@example.org" not in text and "Private" not in text
    assert "Nell Post" not in text  # no address, nothing to invite


def test_public_profile_has_no_attendees_or_organiser_address(sample, tmp_path):
    result = ics.export(tmp_path / "public.ics", profile="public")
    text = (tmp_path / "public.ics").read_text("utf-8")
    assert "ATTENDEE" not in text and "ORGANIZER" not in text and "@example" not in text
    assert "Without attendees" in result.message
    ics.export(tmp_path / "plain.ics", include_attendees=False)
    assert "ATTENDEE" not in (tmp_path / "plain.ics").read_text("utf-8")
    with pytest.raises(ExchangeError, match="no export profile"):
        ics.export(tmp_path / "x.ics", profile="secret")
    with pytest.raises(ExchangeError, match="not stakeholders"):
        ics.export(tmp_path / "x.ics", "stakeholders")


def test_ids_and_filters_choose_the_events(sample, tmp_path):
    assert ics.export(tmp_path / "one.ics", ids=[sample["fair"].id]).count == 1
    assert ics.export(tmp_path / "two.ics", filter=Event.status != "cancelled").count == 2
    result = ics.export(tmp_path / "three.ics", filter=event_service.EventFilter(statuses=("held",)))
    assert result.count == 1 and sample["fair"].uid in (tmp_path / "three.ics").read_text("utf-8")


def test_export_expands_to_the_occurrences_commrel_has(sample, tmp_path):
    monthly = event_service.create(title="Newsletter deadline", starts_at=date(2025, 1, 31), all_day=True,
                                   timezone="Europe/London", rrule="FREQ=MONTHLY;UNTIL=20250801",
                                   exdates=[date(2025, 3, 31)])
    lord_howe = event_service.create(title="Half-hour clocks", starts_at=datetime(2025, 3, 30, 1, 0),
                                     ends_at=datetime(2025, 3, 30, 3, 0), timezone="Australia/Lord_Howe",
                                     rrule="FREQ=WEEKLY;INTERVAL=2;UNTIL=20251231")
    ics.export(tmp_path / "events.ics")
    cal = parse(tmp_path / "events.ics")
    window = (datetime(2024, 12, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
    for stored in (Event.get_by_id(sample["series"].id), Event.get_by_id(monthly.id),
                   Event.get_by_id(lord_howe.id), Event.get_by_id(sample["fair"].id)):
        expected = event_service.occurrences(stored, *window)
        found = [c for c in recurring_ical_events.of(cal).between(*window) if str(c["UID"]) == stored.uid]
        def key(start):
            return start if not isinstance(start, datetime) else start.astimezone(UTC)
        want = sorted((key(o.start.date() if stored.all_day else o.start), o.title) for o in expected)
        got = sorted((key(c["DTSTART"].dt), str(c["SUMMARY"])) for c in found)
        assert got == want, stored.title
        assert len(got) > 0


def test_building_is_done_in_bulk_not_per_event(tmp_path):
    def statements(n):
        Event.delete().execute()
        for k in range(n):
            e = event_service.create(title=f"Event {k}", starts_at=datetime(2025, 5, 1 + k % 28, 18, 0),
                                     timezone="Europe/London", rrule="FREQ=WEEKLY;COUNT=2")
            EventParticipant.create(event=e, stakeholder=person(f"P{n}{k}", "X", f"p{n}.{k}@example.org"))
        ids = [e.id for e in Event.select()]
        with select_statements() as seen:
            ics.export(tmp_path / f"n{n}.ics", ids=ids)
        return len(seen)
    assert statements(3) == statements(40)


def test_progress_is_reported_and_a_cancel_leaves_no_file(tmp_path):
    rows = [dict(uid=f"bulk-{k}@commrel", title=f"Event {k}", starts_at=datetime(2025, 1, 1) + timedelta(hours=k),
                 ends_at=datetime(2025, 1, 1) + timedelta(hours=k, minutes=30), timezone="UTC") for k in range(1200)]
    Event.insert_many(rows).execute()
    progress = RecordingProgress()
    assert ics.export(tmp_path / "all.ics", progress=progress).count == 1200
    assert [r[0] for r in progress.reports] == [0, 500, 1000, 1200]
    with pytest.raises(Cancelled):
        ics.export(tmp_path / "cancelled.ics", progress=RecordingProgress(cancel_after=2))
    assert not (tmp_path / "cancelled.ics").exists()


def test_publish_replaces_the_file_in_one_step(sample, tmp_path):
    feed = tmp_path / "shared" / "events.ics"
    feed.parent.mkdir()
    feed.write_text("old feed")
    with pytest.raises(Cancelled):
        ics.publish(feed, progress=RecordingProgress(cancel_after=1))
    assert feed.read_text() == "old feed"
    assert ics.publish(feed).count == 3
    assert parse(feed) and list(feed.parent.iterdir()) == [feed]


def test_concern_deadlines_are_to_dos_without_protected_names(tmp_path):
    named = person("Ann", "Open", "ann@example.org")
    hidden = person("Bea", "Secret", "bea@example.org")
    due = datetime(2025, 6, 2, 9, 0)
    common = dict(received_at=datetime(2025, 6, 1, 9, 0), acknowledge_due=due,
                  resolution_target=due + timedelta(days=30), summary="Dust on Mill Lane")
    Concern.create(reference="CR-2025-0001", complainant=named, **common)
    Concern.create(reference="CR-2025-0002", complainant=hidden, confidential=True, **common)
    Concern.create(reference="CR-2025-0003", complainant=hidden, anonymous=True,
                   acknowledged_at=datetime(2025, 6, 1, 10, 0), **common)
    Concern.create(reference="CR-2025-0004", complainant=named, status="closed_resolved", **common)
    result = ics.export_concern_deadlines(tmp_path / "deadlines.ics")
    cal = parse(tmp_path / "deadlines.ics")
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert result.count == len(todos) == 5  # two each, one for the acknowledged, none for the closed
    assert not cal.walk("VEVENT")
    assert todos["CR-2025-0001-acknowledge@commrel"]["DUE"].dt == due.replace(tzinfo=todos[
        "CR-2025-0001-acknowledge@commrel"]["DUE"].dt.tzinfo)
    assert str(todos["CR-2025-0001-resolve@commrel"]["SUMMARY"]) == "Resolve CR-2025-0001: Dust on Mill Lane"
    text = (tmp_path / "deadlines.ics").read_text("utf-8")
    assert "Ann Open" in text and "Bea" not in text and "Secret" not in text
    ics.export_concern_deadlines(tmp_path / "partner.ics", profile="partner")
    assert "Ann Open" not in (tmp_path / "partner.ics").read_text("utf-8")
