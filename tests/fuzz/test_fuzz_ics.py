"""Fuzzing calendar import: damaged versions of good calendars, and bytes that are no calendar at all."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commrel.exchange import ics
from commrel.models import Event, EventParticipant, Stakeholder
from commrel.services import stakeholders as stakeholder_service
from fuzz_contract import FUZZ, diff_counts, plan_or_refuse, record_counts

SEEDS = [
    # Outlook-like: a Windows zone name, attendees, an alarm, a custom property.
    "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n"
    "METHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\n"
    "DTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
    "DTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:fuzz-town-hall@example.org\r\nDTSTAMP:20250301T090000Z\r\nSEQUENCE:1\r\n"
    "SUMMARY;LANGUAGE=en-gb:Town hall: phase 2\r\nDTSTART;TZID=W. Europe Standard Time:20250612T190000\r\n"
    "DTEND;TZID=W. Europe Standard Time:20250612T210000\r\nLOCATION:Community Centre\\, Main St\r\n"
    "ORGANIZER;CN=Sam Okafor:mailto:sam.okafor@example.org\r\n"
    "ATTENDEE;CN=Amina Diallo;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:amina@example.org\r\n"
    "ATTENDEE;CN=New Person;PARTSTAT=NEEDS-ACTION:mailto:new.person@example.org\r\n"
    "DESCRIPTION:Agenda:\\n1. Welcome\\n2. Works\r\nX-MICROSOFT-CDO-ALLDAYEVENT:FALSE\r\n"
    "BEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n",
    # Google-like: UTC times, a weekly series with an exception and a moved occurrence, an all-day event.
    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20250304T190000Z\r\nDTEND:20250304T203000Z\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\n"
    "EXDATE:20250318T190000Z\r\nDTSTAMP:20250201T090000Z\r\nUID:fuzz-liaison@google.com\r\nSEQUENCE:2\r\n"
    "SUMMARY:Liaison group\r\nCATEGORIES:Public meeting,liaison\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20250409T183000Z\r\nDTEND:20250409T200000Z\r\nDTSTAMP:20250201T090000Z\r\n"
    "UID:fuzz-liaison@google.com\r\nRECURRENCE-ID:20250408T190000Z\r\nSEQUENCE:3\r\n"
    "SUMMARY:Liaison group (at the school)\r\nLOCATION:School hall\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250705\r\nDTEND;VALUE=DATE:20250707\r\nDTSTAMP:20250201T090000Z\r\n"
    "UID:fuzz-fair@google.com\r\nSUMMARY:Summer fair\r\nTRANSP:TRANSPARENT\r\n"
    "URL:https://example.org/fair\r\nEND:VEVENT\r\n"
    "BEGIN:VTODO\r\nUID:fuzz-todo@google.com\r\nSUMMARY:Book the hall\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    # Apple-like: bare LF, folded lines, a floating time, an HTML description.
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Apple Inc.//macOS 14.0//EN\nCALSCALE:GREGORIAN\n"
    "BEGIN:VEVENT\nUID:fuzz-walk@example.org\nDTSTAMP:20250401T080000Z\nDTSTART:20250510T100000\n"
    "DURATION:PT2H\nSUMMARY:Site walk with the residents' association of the lower \n valley and friends\n"
    "DESCRIPTION:<p>Meet at the <b>gate</b></p>\nLAST-MODIFIED:20250402T080000Z\n"
    "ATTENDEE;CN=\"Okafor, Sam\";PARTSTAT=DECLINED:mailto:SAM.OKAFOR@EXAMPLE.ORG\nEND:VEVENT\n"
    "END:VCALENDAR\n",
]

BAD_DATES = ["20251340T250000", "2025-06-12", "", "00000000", "99999999T999999Z", "20250612T19", "abc",
             "20250229", "20250612T190000+0100", "16010101T000000", "99991231T235959Z"]
BAD_RULES = ["FREQ=SECONDLY;COUNT=100000000", "FREQ=WEEKLY;BYDAY=XX", "FREQ=", "FREQ=DAILY;COUNT=-1",
             "FREQ=DAILY;UNTIL=notadate", "FREQ=YEARLY;BYMONTH=13", "FREQ=MINUTELY;INTERVAL=0",
             "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=3;UNTIL=20250101", "FREQ=MONTHLY;BYMONTHDAY=0",
             "FREQ=WEEKLY;BYSETPOS=400", "FREQ=YEARLY;BYWEEKNO=60", "X", ";;;", "FREQ=DAILY;COUNT=99999999999999999999"]
PROPERTIES = ["DTSTART", "DTEND", "DTSTART;VALUE=DATE", "DTSTART;TZID=Nowhere/Zone", "RECURRENCE-ID",
              "EXDATE", "DTSTAMP", "LAST-MODIFIED", "DURATION", "TRIGGER", "SEQUENCE", "ATTENDEE", "ORGANIZER",
              "UID", "SUMMARY", "STATUS", "CATEGORIES", "URL", "X-WR-TIMEZONE", "BEGIN", "END"]


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


@st.composite
def damaged_calendar(draw) -> bytes:
    lines = _lines(draw(st.sampled_from(SEEDS)))
    if draw(st.booleans()):  # the same events again, or new ones
        lines = [line.replace("fuzz-", f"fuzz{draw(st.integers(0, 3))}-") for line in lines]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate_event", "bad_date", "bad_rule", "huge_folded",
                                   "property", "insert_text", "nest", "newer"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "delete" and lines:
            del lines[at]
        elif op == "duplicate_event":
            starts = [i for i, line in enumerate(lines) if line == "BEGIN:VEVENT"]
            if starts:
                start = draw(st.sampled_from(starts))
                end = next((i for i in range(start, len(lines)) if lines[i] == "END:VEVENT"), len(lines) - 1)
                copy = [line.replace("SEQUENCE:", "SEQUENCE:1") for line in lines[start:end + 1]]
                lines[at:at] = copy
        elif op == "bad_date":
            prop = draw(st.sampled_from(["DTSTART", "DTEND", "DTSTART;VALUE=DATE", "RECURRENCE-ID", "EXDATE",
                                         "DTSTAMP", "LAST-MODIFIED", "DTSTART;TZID=Europe/London"]))
            lines.insert(at, f"{prop}:{draw(st.sampled_from(BAD_DATES))}")
        elif op == "bad_rule":
            lines.insert(at, "RRULE:" + draw(st.one_of(st.sampled_from(BAD_RULES), st.text(max_size=30))))
        elif op == "huge_folded":
            value = draw(st.sampled_from(["x", "é", "\\n", "ab,c;"])) * draw(st.integers(1_000, 60_000))
            prop = draw(st.sampled_from(["DESCRIPTION", "SUMMARY", "LOCATION", "UID", "ATTENDEE;CN=x"]))
            line = f"{prop}:{value}"
            lines[at:at] = [line[:75]] + [" " + line[i:i + 74] for i in range(75, len(line), 74)]
        elif op == "property":
            lines.insert(at, f"{draw(st.sampled_from(PROPERTIES))}:{draw(st.text(max_size=40))}")
        elif op == "insert_text":
            lines.insert(at, draw(st.text(max_size=80)))
        elif op == "newer":  # a later version of the events: updates what an earlier import stored
            lines = [line.replace("SEQUENCE:", "SEQUENCE:9") + (" (moved)" if line.startswith("SUMMARY") else "")
                     for line in lines]
        elif op == "nest":
            lines.insert(at, draw(st.sampled_from(["BEGIN:VEVENT", "END:VEVENT", "BEGIN:VCALENDAR",
                                                   "END:VCALENDAR", "BEGIN:VALARM", "END:VTIMEZONE"])))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    data = newline.join(lines).encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 3))):  # flipped bytes
        if data:
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return data


def _seed(tmp_path):
    """Amina is in the register, and the first seed calendar has been imported once before."""
    stakeholder_service.create(given_name="Amina", family_name="Diallo", email="amina@example.org")
    path = tmp_path / "earlier.ics"
    path.write_text(SEEDS[0], encoding="utf-8")
    ics.apply_import(ics.plan_import(path))


def _plan_and_apply(tmp_path, data: bytes, name: str = "feed.ics"):
    path = tmp_path / name
    path.write_bytes(data)
    plan = plan_or_refuse(ics.plan_import, path)
    if plan is None:
        return
    creates = [r for r in plan.rows if r.outcome == "create"]
    new_events = {r.values["uid"] for r in creates if r.entity == "event"}
    new_people = [r for r in creates if r.entity == "stakeholder"]
    before = record_counts()
    result = ics.apply_import(plan)
    changed = diff_counts(before, record_counts())
    assert changed.get("Event", 0) == len(new_events)
    assert changed.get("Stakeholder", 0) == len(new_people)
    assert result.created == len(new_events) + len(new_people)
    assert result.updated == plan.counts()["update"]
    stored = {e.uid for e in Event.select(Event.uid).where(Event.uid.in_(list(new_events)))} if new_events else set()
    assert stored == new_events
    # Every participant link points at an event and a person that exist.
    assert not EventParticipant.select().where(EventParticipant.stakeholder.not_in(Stakeholder.select(Stakeholder.id))
                                               ).exists()


@FUZZ
@given(damaged_calendar())
def test_a_damaged_calendar_plans_or_is_refused_and_applies_only_what_was_planned(tmp_path, fresh_db, data):
    fresh_db()
    _seed(tmp_path)
    _plan_and_apply(tmp_path, data)


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["feed.ics", "x.ical"]))
def test_random_bytes_are_refused_or_read(tmp_path, fresh_db, data, name):
    fresh_db()
    _plan_and_apply(tmp_path, data, name)


@FUZZ
@given(st.lists(st.text(max_size=60), max_size=30))
def test_random_lines_inside_a_calendar(tmp_path, fresh_db, lines):
    fresh_db()
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", *lines, "END:VEVENT", "END:VCALENDAR"])
    _plan_and_apply(tmp_path, body.encode("utf-8", errors="surrogatepass").decode("utf-8", "replace").encode())


def _calendar(*event_lines: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//EN", "BEGIN:VEVENT", "UID:edge@example.org",
             "DTSTAMP:20250101T000000Z", "SUMMARY:Edge", *event_lines, "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()




@pytest.mark.parametrize("event_lines", [
    pytest.param(("DTSTART;TZID=Asia/Tokyo:00010101T000000", "DTEND;TZID=Asia/Tokyo:00010101T010000"),
                 id="start-before-year-1-in-utc"),
    pytest.param(("DTSTART;TZID=America/New_York:99991231T230000",), id="start-after-9999-in-utc"),
    pytest.param(("DTSTART;VALUE=DATE:99991231",), id="all-day-on-the-last-day"),
    pytest.param(("DTSTART;TZID=Asia/Tokyo:20250102T000000", "RRULE:FREQ=DAILY;COUNT=3",
                  "EXDATE;TZID=Asia/Tokyo:00010101T000000"), id="exdate-before-year-1"),
    pytest.param(("DTSTART:20250102T000000Z", "SEQUENCE:99999999999999999999999"),
                 id="sequence-past-64-bits"),
    pytest.param(("DTSTART:00010101T000000Z",), id="year-1-in-utc"),
    pytest.param(("DTSTART:20250102T000000Z", "DURATION:P99999999W"), id="duration-past-9999"),
    pytest.param(("DTSTART:20250102T000000Z", "RRULE:FREQ=DAILY;COUNT=2147483648"), id="count-past-32-bits"),
])
def test_extreme_values_are_refused_with_their_line_or_imported(tmp_path, event_lines):
    """Values at the edges of what dates and integers hold (found by fuzzing): each is refused with its line, or imported."""
    _plan_and_apply(tmp_path, _calendar(*event_lines), "edge.ics")


@pytest.mark.parametrize("event_lines", [
    ("DTSTART;TZID=Asia/Tokyo:00010101T000000", "DTEND;TZID=Asia/Tokyo:00010101T010000"),
    ("DTSTART;TZID=America/New_York:99991231T230000",),
    ("DTSTART;VALUE=DATE:99991231",),
    ("DTSTART;TZID=Asia/Tokyo:20250102T000000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=Asia/Tokyo:00010101T000000"),
    ("DTSTART:20250102T000000Z", "SEQUENCE:99999999999999999999999"),
], ids=["before-year-1", "after-9999", "last-day", "exdate-before-year-1", "huge-sequence"])
def test_values_commrel_cannot_store_are_refused_with_the_event_and_its_line(tmp_path, event_lines):
    path = tmp_path / "edge.ics"
    path.write_bytes(_calendar(*event_lines))
    plan = ics.plan_import(path)
    assert [r for r in plan.rows if r.outcome == "create"] == []
    assert len(plan.errors) == 1 and "edge.ics" in plan.errors[0] and "line 4" in plan.errors[0], plan.errors
