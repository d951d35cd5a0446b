"""iCalendar export and import, each beside icalendar doing the same build or parse alone."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event as VEvent, vCalAddress, vRecur, vText

from .runner import Case

_SUFFIX = "@bench-import"


def _rows(ids: list[int]):
    """What the baseline builds from: the same events and attendees, fetched beforehand."""
    from commrel.models import Event, EventParticipant, Stakeholder

    events = list(Event.select().where(Event.id.in_(ids)).order_by(Event.starts_at, Event.id).dicts())
    people: dict[int, list[tuple]] = {}
    q = (EventParticipant.select(EventParticipant.event, EventParticipant.rsvp, Stakeholder.display_name,
                                 Stakeholder.email)
         .join(Stakeholder)
         .where(EventParticipant.event.in_(ids) & (Stakeholder.email != "")
                & (Stakeholder.do_not_contact == False) & (Stakeholder.anonymised == False))  # noqa: E712
         .order_by(EventParticipant.event, EventParticipant.id))
    for event_id, rsvp, name, email in q.tuples():
        people.setdefault(event_id, []).append((rsvp, name, email))
    return events, people


def _baseline_export(events, people, path) -> None:
    """The same calendar as the export writes, built by icalendar from rows already in memory."""
    from zoneinfo import ZoneInfo

    utc = timezone.utc
    cal = Calendar()
    for name, value in (("prodid", "-//bench//EN"), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("method", "PUBLISH"), ("x-wr-calname", "Commrel events")):
        cal.add(name, value)
    for row in events:
        tz = ZoneInfo(row["timezone"])
        ev = VEvent()
        ev.add("uid", row["uid"])
        ev.add("dtstamp", row["updated_at"].replace(tzinfo=utc))
        ev.add("created", row["created_at"].replace(tzinfo=utc))
        ev.add("last-modified", row["updated_at"].replace(tzinfo=utc))
        ev.add("sequence", row["sequence"])
        ev.add("summary", row["title"])
        ev.add("description", row["description"])
        ev.add("location", f"{row['venue']}, {row['address']}")
        ev.add("x-commrel-venue", vText(row["venue"]))
        ev.add("x-commrel-address", vText(row["address"]))
        ev.add("status", "CONFIRMED")
        ev.add("x-commrel-status", vText(row["status"]))
        ev.add("categories", [row["type"]])
        ev.add("x-commrel-organiser", vText(row["organiser"]))
        for rsvp, name, email in people.get(row["id"], ()):
            person = vCalAddress(f"mailto:{email}")
            person.params["CN"] = name
            person.params["ROLE"] = "REQ-PARTICIPANT"
            person.params["PARTSTAT"] = rsvp.upper()
            ev.add("attendee", person)
        for minutes in (int(m) for m in (row["reminders"] or "").split(",") if m):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(minutes=-minutes))
            alarm.add("description", row["title"])
            ev.add_component(alarm)
        ev.add("dtstart", row["starts_at"].replace(tzinfo=utc).astimezone(tz))
        ev.add("dtend", row["ends_at"].replace(tzinfo=utc).astimezone(tz))
        if row["rrule"]:
            ev.add("rrule", vRecur.from_ical(row["rrule"]))
        cal.add_component(ev)
    if events:
        first = min(r["starts_at"] for r in events).date()
        last = max(r["ends_at"] for r in events).date()
        cal.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 1, 12, 31))
    path.write_bytes(cal.to_ical())


def cases(ctx) -> list[Case]:
    from commrel import backups
    from commrel.exchange import ics
    from commrel.models import Event

    started = datetime.now().replace(microsecond=0)
    n = max(200, ctx.scale // 10)
    ids = [i for (i,) in Event.select(Event.id).order_by(Event.id).limit(n).tuples()]
    events, people = _rows(ids)
    out_file, base_file = ctx.work / "bench-export.ics", ctx.work / "bench-export-baseline.ics"
    in_file = ctx.work / "bench-import.ics"
    ics.export(in_file, ids=ids)
    # New UIDs, so every repetition creates the events (with their attendees) afresh.
    in_file.write_bytes(in_file.read_bytes().replace(b"@commrel\r\n", _SUFFIX.encode() + b"\r\n"))

    def clean():
        # Each repetition starts where the first did: without the events, or the backups, it made.
        Event.delete().where(Event.uid.endswith(_SUFFIX)).execute()
        for backup in backups.list_backups():
            if backup.reason == "before-import" and backup.taken_at >= started:
                backup.path.unlink(missing_ok=True)

    def run_import():
        ics.apply_import(ics.plan_import(in_file))

    def parse_alone():
        Calendar.from_ical(in_file.read_bytes())

    return [
        Case(f".ics export of {len(ids)} events", lambda: ics.export(out_file, ids=ids),
             lambda: _baseline_export(events, people, base_file), "icalendar build alone",
             max_ratio=1.3, repeat=3),
        # Everything the officer waits for: read, compare, back up, write, record for undo.
        Case(f".ics import of {len(ids)} events", run_import, parse_alone, "icalendar parse alone",
             max_ratio=1.3, setup=clean, repeat=3),
        # The preview alone (read and compare), to tell reading costs from writing costs.
        Case(f".ics import preview of {len(ids)} events", lambda: ics.plan_import(in_file), parse_alone,
             "icalendar parse alone", max_ratio=1.3, setup=clean, repeat=3),
    ]
