"""Writing events (and concern deadlines) as RFC 5545 iCalendar files.

One VEVENT per event, with a VTIMEZONE for every zone in use, RRULE and
EXDATE for repeating events and one more VEVENT with RECURRENCE-ID for each
changed occurrence.  Events are built in chunks from a handful of queries
(participants, skipped dates and changed occurrences of all exported events
at once) and streamed to the file, so memory stays flat for long calendars.

Commrel keeps a few details no standard property holds (the venue apart
from the address, "held" and "postponed") in ``X-COMMREL-*`` properties;
the importer trusts them only while the standard ones still agree.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from icalendar import Alarm, Calendar, Timezone, Todo, vCalAddress, vRecur, vText
from icalendar import Event as VEvent
from peewee import JOIN

from .. import recurrence
from ..errors import ExchangeError
from ..models import (Concern, ConcernCategory, Event, EventException, EventOverride, EventParticipant, Stakeholder,
                      database)
from ..models.choices import CLOSED_CONCERN_STATUSES, EVENT_TYPES
from ..progress import check
from ..timeutil import UTC, is_valid_zone, utcnow, zone
from . import ExportResult
from .ics_zones import is_utc

PRODID = "-//Commrel//Commrel 0.1//EN"
CHUNK = 500

STATUS_OUT = {"planned": "TENTATIVE", "postponed": "TENTATIVE", "confirmed": "CONFIRMED",
              "held": "CONFIRMED", "cancelled": "CANCELLED"}
# Statuses iCalendar cannot tell apart from another; X-COMMREL-STATUS carries them.
LOSSY_STATUSES = frozenset({"postponed", "held"})
PARTSTAT_OUT = {"accepted": "ACCEPTED", "declined": "DECLINED", "tentative": "TENTATIVE",
                "invited": "NEEDS-ACTION", "no_reply": "NEEDS-ACTION"}
ROLE_OUT = {"speaker": "CHAIR", "guest": "REQ-PARTICIPANT", "partner": "REQ-PARTICIPANT",
            "staff": "REQ-PARTICIPANT"}
_CONCERN_PRIORITY = {"urgent": 1, "high": 3, "normal": 5, "low": 9}
PROFILES = ("full", "partner", "public")


def location_text(venue: str, address: str) -> str:
    """LOCATION as other calendars show it: "Venue, address" on one line."""
    address = ", ".join(p.strip() for p in (address or "").splitlines() if p.strip())
    return ", ".join(p for p in ((venue or "").strip(), address) if p)


def tags_list(tags: str) -> list[str]:
    return [t.strip() for t in (tags or "").split(",") if t.strip()]


def reminder_minutes(reminders: str) -> list[int]:
    out = []
    for item in (reminders or "").split(","):
        item = item.strip()
        if item.lstrip("-").isdigit():
            out.append(int(item))
    return out


@dataclass
class _Source:
    """What one export writes, fetched in bulk before any VEVENT is built."""

    events: list[dict[str, Any]]
    attendees: dict[int, list[tuple]]
    exdates: dict[int, list[datetime]]
    overrides: dict[int, list[dict[str, Any]]]


@lru_cache(maxsize=256)
def _valid_zone(name: str) -> bool:
    return is_valid_zone(name)


def _chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


_DATETIMES = ("starts_at", "ends_at", "created_at", "updated_at", "original_start")


def _when(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def rows_of(query) -> list[dict[str, Any]]:
    """Rows of ``query`` as dicts keyed by column ("event_id" for a foreign key), read straight
    from the cursor: peewee's row handling costs more than the query for thousands of rows."""
    cursor = database.execute(query)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values)) for values in cursor.fetchall()]
    for name in _DATETIMES:
        if name in names:
            for row in rows:
                row[name] = _when(row[name])
    for row in rows:
        if "all_day" in row:
            row["all_day"] = bool(row["all_day"])
    return rows


def _tuples(query) -> list[tuple]:
    return database.execute(query).fetchall()


def _select_events(ids: Iterable[int] | None, filter: Any) -> list[dict[str, Any]]:
    query = Event.select()
    if filter is not None:
        if hasattr(filter, "statuses") and hasattr(filter, "text"):  # services.events.EventFilter
            from ..services import events as event_service

            chosen = {e.id for e in event_service.list_events(filter)}
            ids = sorted(chosen if ids is None else chosen & set(ids))
        else:
            query = query.where(filter)
    query = query.order_by(Event.starts_at, Event.id)
    if ids is None:
        return rows_of(query)
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(set(ids))):
        rows.extend(rows_of(query.where(Event.id.in_(chunk))))
    rows.sort(key=lambda r: (r["starts_at"], r["id"]))
    return rows


def _fetch(events: list[dict[str, Any]], *, everything: bool, with_attendees: bool) -> _Source:
    ids = [e["id"] for e in events]
    attendees: dict[int, list[tuple]] = {}
    exdates: dict[int, list[datetime]] = {}
    overrides: dict[int, list[dict[str, Any]]] = {}
    # Exporting everything needs no id lists; otherwise a few queries per 500 events.
    parts = [None] if everything else list(_chunks(ids))
    for chunk in parts:
        if with_attendees:
            # Who may be listed is decided here rather than in SQL: a condition on the
            # stakeholder's flags tempts SQLite to walk the whole register for each chunk.
            q = (EventParticipant.select(EventParticipant.event, EventParticipant.role, EventParticipant.rsvp,
                                         Stakeholder.display_name, Stakeholder.email, Stakeholder.do_not_contact,
                                         Stakeholder.anonymised)
                 .join(Stakeholder)
                 .order_by(EventParticipant.event, EventParticipant.id))
            if chunk is not None:
                q = q.where(EventParticipant.event.in_(chunk))
            for event_id, role, rsvp, name, email, do_not_contact, anonymised in _tuples(q):
                if email and not do_not_contact and not anonymised:
                    attendees.setdefault(event_id, []).append((role, rsvp, name, email))
        q = EventException.select(EventException.event, EventException.original_start)
        if chunk is not None:
            q = q.where(EventException.event.in_(chunk))
        for event_id, start in _tuples(q.order_by(EventException.original_start)):
            exdates.setdefault(event_id, []).append(_when(start))
        q = EventOverride.select()
        if chunk is not None:
            q = q.where(EventOverride.event.in_(chunk))
        for row in rows_of(q.order_by(EventOverride.original_start)):
            overrides.setdefault(row["event_id"], []).append(row)
    return _Source(events, attendees, exdates, overrides)


class _Builder:
    """Turns stored rows into VEVENTs; one per export, holding the options."""

    def __init__(self, *, with_attendees: bool, with_organiser: bool, stamp: datetime):
        self.with_attendees = with_attendees
        self.with_organiser = with_organiser
        self.stamp = stamp.replace(tzinfo=UTC)
        self.zones: dict[str, tuple[date, date]] = {}

    # Times --------------------------------------------------------------------------

    @staticmethod
    def zone_of(row: dict[str, Any]) -> str:
        tz = row["timezone"] or "UTC"
        return tz if not is_utc(tz) and _valid_zone(tz) else "UTC"

    def moment(self, value: datetime, row: dict[str, Any]) -> date | datetime:
        """A stored start/end as iCalendar wants it: a date, or aware in the event's zone."""
        if row["all_day"]:
            return value.date()
        tz = self.zone_of(row)
        aware = value.replace(tzinfo=UTC)
        return aware if tz == "UTC" else aware.astimezone(zone(tz))

    def note_zone(self, row: dict[str, Any]) -> None:
        """Remember the span each zone must cover, for its VTIMEZONE."""
        if row["all_day"]:
            return
        tz = self.zone_of(row)
        if tz == "UTC":
            return
        first = row["starts_at"].date() - timedelta(days=2)
        last = row["ends_at"].date() + timedelta(days=2)
        if row["rrule"]:
            last = max(last, _series_end(row))
        if tz in self.zones:
            low, high = self.zones[tz]
            first, last = min(first, low), max(last, high)
        self.zones[tz] = (first, last)

    # Components ------------------------------------------------------------------------

    def event(self, row: dict[str, Any], source: _Source) -> list[VEvent]:
        master = VEvent()
        self._common(master, row, source)
        if row["rrule"]:
            master.add("rrule", vRecur.from_ical(row["rrule"]))
            starts = source.exdates.get(row["id"])
            if starts:
                master.add("exdate", [self.moment(s, row) for s in starts])
        out = [master]
        for ov in source.overrides.get(row["id"], ()) if row["rrule"] else ():
            out.append(self.override(row, ov, source))
        return out

    def _common(self, ev: VEvent, row: dict[str, Any], source: _Source, *, title: str | None = None,
                status: str | None = None, description: str | None = None, venue: str | None = None,
                sequence: int | None = None) -> None:
        ev.add("uid", row["uid"])
        ev.add("dtstamp", self.stamp)
        ev.add("created", row["created_at"].replace(tzinfo=UTC))
        ev.add("last-modified", row["updated_at"].replace(tzinfo=UTC))
        ev.add("sequence", row["sequence"] if sequence is None else sequence)
        ev.add("summary", title if title is not None else row["title"])
        text = description if description is not None else row["description"]
        if text:
            ev.add("description", text)
        if venue is not None:
            if venue:
                ev.add("location", venue)
        else:
            where = location_text(row["venue"], row["address"])
            if where:
                ev.add("location", where)
            if row["address"]:
                ev.add("x-commrel-venue", vText(row["venue"] or ""))
                ev.add("x-commrel-address", vText(row["address"]))
        code = status if status is not None else row["status"]
        ev.add("status", STATUS_OUT.get(code, "TENTATIVE"))
        if code in LOSSY_STATUSES:
            ev.add("x-commrel-status", vText(code))
        ev.add("categories", [EVENT_TYPES.get(row["type"], row["type"])] + tags_list(row["tags"]))
        if row["url"]:
            ev.add("url", row["url"])
        if self.with_organiser and row["organiser_email"]:
            organiser = vCalAddress(f"mailto:{row['organiser_email']}")
            if row["organiser"]:
                organiser.params["CN"] = row["organiser"]
            ev.add("organizer", organiser)
        elif self.with_organiser and row["organiser"]:
            ev.add("x-commrel-organiser", vText(row["organiser"]))  # ORGANIZER needs an address
        if self.with_attendees:
            for role, rsvp, name, email in source.attendees.get(row["id"], ()):
                person = vCalAddress(f"mailto:{email}")
                person.params["CN"] = name
                person.params["ROLE"] = ROLE_OUT.get(role, "REQ-PARTICIPANT")
                person.params["PARTSTAT"] = PARTSTAT_OUT.get(rsvp, "NEEDS-ACTION")
                ev.add("attendee", person)
        for minutes in reminder_minutes(row["reminders"]):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(minutes=-minutes))
            alarm.add("description", title if title is not None else row["title"])
            ev.add_component(alarm)

    def timed(self, ev: VEvent, row: dict[str, Any], start: datetime, end: datetime) -> None:
        ev.add("dtstart", self.moment(start, row))
        ev.add("dtend", self.moment(end, row))

    def override(self, row: dict[str, Any], ov: dict[str, Any], source: _Source) -> VEvent:
        ev = VEvent()
        self._common(ev, row, source, title=ov["title"] or row["title"], status=ov["status"] or row["status"],
                     description=ov["description"] or row["description"],
                     venue=ov["venue"] or None, sequence=ov["sequence"])
        ev.add("recurrence-id", self.moment(ov["original_start"], row))
        self.timed(ev, row, ov["starts_at"], ov["ends_at"])
        return ev


def _series_end(row: dict[str, Any]) -> date:
    """Last day a repeating event may reach (far ahead when it never ends)."""
    start = row["starts_at"]
    try:
        tz = _Builder.zone_of(row)
        wall = start if row["all_day"] else start.replace(tzinfo=UTC).astimezone(zone(tz)).replace(tzinfo=None)
        last = recurrence.last_start(row["rrule"], wall, tz=tz)
    except (ValueError, OverflowError):
        last = None
    if last is None:
        return max(Timezone.DEFAULT_LAST_DATE, start.date() + timedelta(days=3660))
    return last.date() + (row["ends_at"] - start) + timedelta(days=2)


def _vtimezones(zones: dict[str, tuple[date, date]]) -> list[Timezone]:
    out = []
    for name in sorted(zones):
        first, last = zones[name]
        # A VTIMEZONE names its first transition by the year's start; a year each side is plenty.
        first = date(first.year - 1, 1, 1) if first.year > 1 else first
        last = date(min(last.year + 1, 9998), 12, 31)
        try:
            out.append(Timezone.from_tzid(name, first_date=first, last_date=last))
        except ValueError:
            continue  # calendars fall back to the TZID itself, which is an IANA name
    return out


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _head(cal: Calendar) -> bytes:
    text = cal.to_ical()
    return text[: text.rindex(b"END:VCALENDAR")]


def _write(path: Path, parts: Iterable[bytes], *, atomic: bool) -> None:
    """Write ``parts`` to ``path``; atomically through a temporary file, or removing a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if atomic:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                for part in parts:
                    fh.write(part)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    try:
        with path.open("wb") as fh:
            for part in parts:
                fh.write(part)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _options(kind: str, profile: str, include_attendees: bool | None) -> tuple[bool, bool]:
    if kind != "events":
        raise ExchangeError(f"iCalendar files carry events, not {kind}.")
    if profile not in PROFILES:
        raise ExchangeError(f"There is no export profile “{profile}”; choose one of: {', '.join(PROFILES)}.")
    if include_attendees is None:
        include_attendees = profile != "public"
    return include_attendees, profile != "public"


def _event_parts(rows: list[dict[str, Any]], builder: _Builder, source: _Source, name: str,
                 progress) -> Iterator[bytes]:
    for row in rows:
        builder.note_zone(row)
    cal = _calendar(name)
    yield _head(cal)
    for tz in _vtimezones(builder.zones):
        yield tz.to_ical()
    total = len(rows)
    for done, row in enumerate(rows):
        if done % CHUNK == 0:
            check(progress)
            if progress is not None:
                progress.report(done, total, "Writing events")
        for ev in _build_one(builder, row, source):
            yield ev.to_ical()
    check(progress)
    yield b"END:VCALENDAR\r\n"
    if progress is not None:
        progress.report(total, total, "Events written")


def _build_one(builder: _Builder, row: dict[str, Any], source: _Source) -> list[VEvent]:
    out = builder.event(row, source)
    builder.timed(out[0], row, row["starts_at"], row["ends_at"])
    return out


def _run(path, kind, *, profile, ids, filter, include_attendees, calendar_name, progress,
         atomic: bool) -> ExportResult:
    attendees, organiser = _options(kind, profile, include_attendees)
    path = Path(path)
    check(progress)
    rows = _select_events(ids, filter)
    source = _fetch(rows, everything=ids is None and filter is None, with_attendees=attendees)
    builder = _Builder(with_attendees=attendees, with_organiser=organiser, stamp=utcnow())
    _write(path, _event_parts(rows, builder, source, calendar_name, progress), atomic=atomic)
    extra = "" if attendees else "Without attendees."
    return ExportResult(path, len(rows), extra)


def export(path: str | Path, kind: str = "events", *, profile: str = "full", ids: Iterable[int] | None = None,
           filter: Any = None, include_attendees: bool | None = None, calendar_name: str = "Commrel events",
           progress=None) -> ExportResult:
    """Write events to an iCalendar file.

    ``ids`` limits the export to those events; ``filter`` is an
    ``services.events.EventFilter`` or a peewee condition on ``Event``.
    Attendees are written for the ``full`` and ``partner`` profiles unless
    ``include_attendees`` says otherwise; people who asked not to be
    contacted, and people without an email address, never are.  The
    ``public`` profile also leaves out the organiser's address.  A cancelled
    export leaves no file behind.
    """
    return _run(path, kind, profile=profile, ids=ids, filter=filter, include_attendees=include_attendees,
                calendar_name=calendar_name, progress=progress, atomic=False)


def publish(path: str | Path, kind: str = "events", *, profile: str = "full", ids: Iterable[int] | None = None,
            filter: Any = None, include_attendees: bool | None = None, calendar_name: str = "Commrel events",
            progress=None) -> ExportResult:
    """Like :func:`export`, but replaces ``path`` in one step (temporary file, then rename).

    For a calendar in a synced or shared folder: readers see the old file
    or the new one, never half of one.
    """
    return _run(path, kind, profile=profile, ids=ids, filter=filter, include_attendees=include_attendees,
                calendar_name=calendar_name, progress=progress, atomic=True)


# Concern deadlines ---------------------------------------------------------------------------------


def _concern_todos(stamp: datetime, profile: str) -> Iterator[Todo]:
    categories = {c.id: c.name for c in ConcernCategory.select(ConcernCategory.id, ConcernCategory.name)}
    query = (Concern.select(Concern, Stakeholder.display_name.alias("complainant_name"))
             .join(Stakeholder, on=(Concern.complainant == Stakeholder.id), join_type=JOIN.LEFT_OUTER)
             .where(Concern.status.not_in(CLOSED_CONCERN_STATUSES))
             .order_by(Concern.resolution_target, Concern.id))
    for row in query.dicts():
        lines = [f"Concern {row['reference']}"]
        category = categories.get(row["category"])
        if category:
            lines.append(f"Category: {category}")
        lines.append(f"Severity: {row['severity']}; priority: {row['priority']}")
        if row["owner"]:
            lines.append(f"Owner: {row['owner']}")
        if row["neighbourhood"] or row["location"]:
            lines.append(f"Where: {location_text(row['location'], row['neighbourhood'])}")
        named = profile == "full" and not row["anonymous"] and not row["confidential"]
        if named and row.get("complainant_name"):
            lines.append(f"Complainant: {row['complainant_name']}")
        what = f"{row['reference']}: {row['summary']}" if row["summary"] else row["reference"]
        deadlines = []
        if row["acknowledged_at"] is None and row["acknowledge_due"] is not None:
            deadlines.append(("acknowledge", f"Acknowledge {what}", row["acknowledge_due"]))
        if row["resolution_target"] is not None:
            deadlines.append(("resolve", f"Resolve {what}", row["resolution_target"]))
        for key, summary, due in deadlines:
            todo = Todo()
            todo.add("uid", f"{row['reference']}-{key}@commrel")
            todo.add("dtstamp", stamp.replace(tzinfo=UTC))
            todo.add("created", row["created_at"].replace(tzinfo=UTC))
            todo.add("last-modified", row["updated_at"].replace(tzinfo=UTC))
            todo.add("summary", summary)
            todo.add("description", "\n".join(lines))
            todo.add("due", due.replace(tzinfo=UTC))
            todo.add("status", "NEEDS-ACTION")
            todo.add("priority", _CONCERN_PRIORITY.get(row["priority"], 5))
            if category:
                todo.add("categories", [category])
            yield todo


def export_concern_deadlines(path: str | Path, *, profile: str = "full",
                             calendar_name: str = "Commrel concern deadlines", atomic: bool = False,
                             progress=None) -> ExportResult:
    """Write the open concerns' deadlines as to-dos (VTODO) in a calendar of their own.

    One to-do for the acknowledgement still due and one for the resolution
    target of every open concern.  Complainants are named only in the
    ``full`` profile, and never when anonymous or confidential.
    """
    if profile not in PROFILES:
        raise ExchangeError(f"There is no export profile “{profile}”; choose one of: {', '.join(PROFILES)}.")
    path = Path(path)
    count = 0

    def parts() -> Iterator[bytes]:
        nonlocal count
        yield _head(_calendar(calendar_name))
        for todo in _concern_todos(utcnow(), profile):
            if count % CHUNK == 0:
                check(progress)
                if progress is not None:
                    progress.report(count, None, "Writing deadlines")
            count += 1
            yield todo.to_ical()
        yield b"END:VCALENDAR\r\n"

    _write(path, parts(), atomic=atomic)
    return ExportResult(path, count, "")
