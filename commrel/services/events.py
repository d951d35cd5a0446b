"""Events: create, change, copy, delete and list them; exceptions of repeating ones.

Times: a timed event stores naive UTC instants plus its IANA zone; an all-day
event stores the local midnight of its first day and of the day after its
last day (exclusive end), zone-free.  Callers hand in aware datetimes, naive
datetimes (wall time in the event's zone) or, for all-day events, dates with
an *inclusive* last day, as a person picks them.

Occurrences and clash warnings live in ``services.event_calendar``; they are
re-exported here so callers have one module for events.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import peewee as pw

from .. import recurrence, search, sqlparts
from ..errors import ConflictError, NotFound, ValidationError
from ..models import ChecklistTask, Event, EventException, EventOverride, EventParticipant, database
from ..models.choices import EVENT_STATUSES, EVENT_TYPES
from ..timeutil import is_valid_zone, local_zone_name, utcnow
from . import history
from .event_calendar import (Occurrence, occurrences, occurrences_between, overlapping_events,
                             range_condition, warnings)
from .event_times import (all_day_dates, aware, from_store, local_end, local_start, set_times,
                          stored_times, to_store, wall_times)

# Changes attendees must hear about raise SEQUENCE (RFC 5545, 3.8.7.4).
SEQUENCE_FIELDS = frozenset({"title", "starts_at", "ends_at", "timezone", "all_day", "venue",
                             "address", "status", "rrule", "exdates", "description"})
TIME_FIELDS = ("starts_at", "ends_at", "timezone", "all_day")
EDITABLE = frozenset(TIME_FIELDS + (
    "title", "type", "status", "venue", "address", "capacity", "organiser", "organiser_email",
    "description", "rrule", "exdates", "reminders", "tags", "url"))
_INDEXED = frozenset({"title", "venue", "description", "tags"})

__all__ = [
    "EventFilter", "create", "update", "duplicate", "delete", "get", "list_events", "count",
    "set_exdates", "exdates", "override_occurrence", "remove_override", "event_tags",
    "event_reminders", "new_uid", "local_start", "local_end", "all_day_dates", "stored_times",
    "set_times", "SEQUENCE_FIELDS", "all_tags",
    "Occurrence", "occurrences", "occurrences_between", "overlapping_events", "warnings",
]


def new_uid() -> str:
    """A calendar UID (RFC 5545); an event keeps its UID for life."""
    return f"{uuid.uuid4()}@commrel"


def get(event_id: int) -> Event:
    """The event, or ``NotFound`` with a message for people."""
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        raise NotFound(f"Event {event_id} no longer exists; it may have been deleted.")
    return event


def event_tags(event: Event) -> list[str]:
    return [t for t in (event.tags or "").split(", ") if t]


def event_reminders(event: Event) -> list[int]:
    """Reminder offsets in minutes before the start, smallest first."""
    return [int(m) for m in (event.reminders or "").split(",") if m]


def _tags_text(tags) -> str:
    items = tags.split(",") if isinstance(tags, str) else list(tags or ())
    seen, kept = set(), []
    for tag in (str(t).replace(",", " ").strip() for t in items):
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            kept.append(tag)
    return ", ".join(kept)


def _reminders_text(reminders) -> str:
    items = reminders.split(",") if isinstance(reminders, str) else list(reminders or ())
    try:
        minutes = sorted({int(str(m).strip()) for m in items if str(m).strip()})
    except ValueError:
        raise ValidationError("reminders", "Reminders are whole numbers of minutes before the start.") from None
    if minutes and minutes[0] < 0:
        raise ValidationError("reminders", "Reminders come before the start (0 minutes or more).")
    return ",".join(map(str, minutes))


def _plain(values: dict, current: Event | None) -> dict:
    """Validate the fields other than times and exceptions; return column values."""
    out = {}
    if "title" in values:
        out["title"] = (values["title"] or "").strip()
        if not out["title"]:
            raise ValidationError("title", "Give the event a title.")
    for field, choices, what in (("type", EVENT_TYPES, "type"), ("status", EVENT_STATUSES, "status")):
        if field in values:
            if values[field] not in choices:
                raise ValidationError(field, f"“{values[field]}” is not an event {what}.")
            out[field] = values[field]
    for field in ("venue", "address", "organiser", "organiser_email", "description", "url"):
        if field in values:
            out[field] = (values[field] or "").strip()
    if out.get("organiser_email") and "@" not in out["organiser_email"]:
        raise ValidationError("organiser_email", f"“{out['organiser_email']}” is not an email address.")
    if "capacity" in values:
        capacity = values["capacity"]
        if capacity not in (None, "") and (not str(capacity).lstrip("-").isdigit() or int(capacity) < 0):
            raise ValidationError("capacity", "Capacity is a number of people, 0 or more (or blank).")
        out["capacity"] = None if capacity in (None, "") else int(capacity)
    if "tags" in values:
        out["tags"] = _tags_text(values["tags"])
    if "reminders" in values:
        out["reminders"] = _reminders_text(values["reminders"])
    return out


def _times(values: dict, current: Event | None) -> dict:
    """Stored starts_at/ends_at/timezone/all_day from the given fields and the current event."""
    tz = values.get("timezone", current.timezone if current else None) or local_zone_name()
    if not is_valid_zone(tz):
        raise ValidationError("timezone", f"“{tz}” is not a time zone this computer knows.")
    all_day = bool(values.get("all_day", current.all_day if current else False))
    start, end = values.get("starts_at"), values.get("ends_at")
    if current is not None:
        wall_start, wall_end = wall_times(current)
        if start is None:
            if current.all_day and not all_day:
                raise ValidationError("starts_at", "Give a start time when an all-day event gets times.")
            start = wall_start.date() if all_day else wall_start
            if end is None:  # zone or all-day changed only: keep the wall times
                end = (wall_end - timedelta(microseconds=1)).date() if all_day else wall_end
        elif end is None and current.all_day == all_day:  # moved: keep the length
            length = wall_end - wall_start
            end = (aware(start, tz).date() + length - timedelta(days=1)) if all_day else start + length
    if start is None:
        raise ValidationError("starts_at", "Give a start date and time.")
    starts_at, ends_at = stored_times(start, end, timezone=tz, all_day=all_day)
    return {"starts_at": starts_at, "ends_at": ends_at, "timezone": tz, "all_day": all_day}


def _exception_keys(dates, *, tz: str, all_day: bool, wall_start: datetime) -> set[datetime]:
    """Stored original starts for EXDATEs given as dates, naive wall times or aware datetimes."""
    keys = set()
    for value in dates or ():
        if not isinstance(value, datetime):
            if not isinstance(value, date):
                raise ValidationError("exdates", f"“{value}” is not a date.")
            value = datetime.combine(value, time()) if all_day else datetime.combine(value, wall_start.time())
        keys.add(to_store(aware(value, tz), tz=tz, all_day=all_day))
    return keys


def _replace_exceptions(event_id: int, keys: set[datetime]) -> None:
    EventException.delete().where(EventException.event == event_id).execute()
    if keys:
        EventException.insert_many(
            [{"event": event_id, "original_start": k} for k in sorted(keys)]).execute()


def create(*, title: str, starts_at, ends_at=None, timezone: str | None = None, all_day: bool = False,
           type: str = "public_meeting", status: str = "planned", venue: str = "", address: str = "",
           capacity: int | None = None, organiser: str = "", organiser_email: str = "",
           description: str = "", rrule: str = "", exdates=(), reminders=(), tags=(), url: str = "") -> Event:
    """Add an event; ``ends_at`` None means one hour (one day when all-day)."""
    values = dict(title=title, type=type, status=status, venue=venue, address=address, capacity=capacity,
                  organiser=organiser, organiser_email=organiser_email, description=description,
                  reminders=reminders, tags=tags, url=url)
    row = _plain(values, None)
    row.update(_times({"starts_at": starts_at, "ends_at": ends_at, "timezone": timezone,
                       "all_day": all_day}, None))
    row["rrule"] = recurrence.normalise(rrule, all_day=row["all_day"], tz=row["timezone"])
    keys = set()
    if exdates:
        wall_start = from_store(row["starts_at"], tz=row["timezone"], all_day=row["all_day"])
        keys = _exception_keys(exdates, tz=row["timezone"], all_day=row["all_day"], wall_start=wall_start)
    with database.atomic():
        event = Event.create(uid=new_uid(), **row)
        _replace_exceptions(event.id, keys)
        history.record("event", event.id, "create")
        search.reindex("event", [event.id])
    return event


def _conflict(event: Event, expected_version: int, fields: dict) -> ConflictError:
    return ConflictError(
        f"“{event.title}” was changed by someone else after you opened it. "
        "Reload it to see their changes, then make yours again.",
        mine=dict(fields), theirs={f: getattr(event, f, None) for f in fields if f != "exdates"})


def update(event_id: int, expected_version: int | None = None, **fields) -> Event:
    """Change fields of an event; SEQUENCE rises when attendees would care.

    ``expected_version`` is the version the editor was opened on; a different
    current version raises ``ConflictError``.  Changing only the zone keeps
    the wall-clock times; moving the start keeps the length.
    """
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"update() got fields events do not have: {', '.join(sorted(unknown))}")
    with database.atomic():
        event = get(event_id)
        if expected_version is not None and event.version != expected_version:
            raise _conflict(event, expected_version, fields)
        new = _plain(fields, event)
        if set(fields) & set(TIME_FIELDS):
            new.update(_times(fields, event))
        tz, all_day = new.get("timezone", event.timezone), new.get("all_day", event.all_day)
        if "rrule" in fields or "timezone" in new or "all_day" in new:
            # A stored UTC end date was written for the old zone.
            new["rrule"] = recurrence.normalise(fields.get("rrule", event.rrule), all_day=all_day, tz=tz,
                                                from_tz=None if "rrule" in fields else event.timezone)
        changes = {f: (getattr(event, f), v) for f, v in new.items() if getattr(event, f) != v}
        old_keys = {e.original_start for e in event.exceptions}
        new_keys = old_keys
        if "exdates" in fields:
            wall_start = from_store(new.get("starts_at", event.starts_at), tz=tz, all_day=all_day)
            new_keys = _exception_keys(fields["exdates"], tz=tz, all_day=all_day, wall_start=wall_start)
            if new_keys != old_keys:
                changes["exdates"] = ([f"{k:%Y-%m-%d %H:%M}" for k in sorted(old_keys)],
                                      [f"{k:%Y-%m-%d %H:%M}" for k in sorted(new_keys)])
        if not changes:
            return event
        columns = {f: new[f] for f in changes if f != "exdates"}
        columns.update(version=event.version + 1, updated_at=utcnow(),
                       sequence=event.sequence + (1 if set(changes) & SEQUENCE_FIELDS else 0))
        done = Event.update(**columns).where(
            (Event.id == event_id) & (Event.version == event.version)).execute()
        if not done:
            raise _conflict(get(event_id), event.version, fields)
        if "exdates" not in fields and "starts_at" in changes and event.rrule:
            new_keys = _shift_exceptions(event, columns, old_keys)
        if new_keys != old_keys:
            _replace_exceptions(event_id, new_keys)
        history.record("event", event_id, "update", changes)
        if set(changes) & _INDEXED:
            search.reindex("event", [event_id])
        return get(event_id)


def _shift_exceptions(event: Event, columns: dict, keys: set[datetime]) -> set[datetime]:
    """Carry EXDATEs and overrides over when the series moves, so they name the same occurrences.

    A date that is still an occurrence keeps its date and takes the new time
    of day; otherwise it moves as far as the series start did.
    """
    tz, all_day = columns.get("timezone", event.timezone), columns.get("all_day", event.all_day)
    if all_day != event.all_day:
        return keys
    rule = columns.get("rrule", event.rrule)
    old_wall = wall_times(event)[0]
    new_wall = from_store(columns["starts_at"], tz=tz, all_day=all_day)

    def moved(key: datetime) -> datetime:
        wall = from_store(key, tz=event.timezone, all_day=all_day)
        same_day = datetime.combine(wall.date(), new_wall.time())
        if not recurrence.occurs_at(rule, new_wall, same_day, tz=tz):
            same_day = wall + (new_wall - old_wall)
        return to_store(aware(same_day, tz), tz=tz, all_day=all_day)

    rows = list(EventOverride.select().where(EventOverride.event == event.id).dicts())
    if rows:
        EventOverride.delete().where(EventOverride.event == event.id).execute()
        carried = {}
        for r in rows:
            r.pop("id")
            r["original_start"] = moved(r["original_start"])
            carried[r["original_start"]] = r
        EventOverride.insert_many(list(carried.values())).execute()
    return {moved(k) for k in keys}


def set_exdates(event_id: int, dates, expected_version: int | None = None) -> Event:
    """Replace the skipped occurrences of a repeating event (dates or start times)."""
    return update(event_id, expected_version, exdates=list(dates))


def exdates(event_id: int) -> list:
    """Skipped occurrences: dates for all-day events, aware starts in the event's zone otherwise."""
    event = get(event_id)
    keys = sorted(e.original_start for e in event.exceptions)
    if event.all_day:
        return [k.date() for k in keys]
    return [aware(from_store(k, tz=event.timezone, all_day=False), event.timezone) for k in keys]


def _touch(event: Event) -> None:
    Event.update(version=Event.version + 1, updated_at=utcnow()).where(Event.id == event.id).execute()


def _original_key(event: Event, original_start) -> datetime:
    if not event.rrule:
        raise ValidationError("original_start", "Only a repeating event has occurrences to change.")
    wall_start = wall_times(event)[0]
    [key] = _exception_keys([original_start], tz=event.timezone, all_day=event.all_day, wall_start=wall_start)
    wall = from_store(key, tz=event.timezone, all_day=event.all_day)
    if not recurrence.occurs_at(event.rrule, wall_start, wall, tz=event.timezone):
        raise ValidationError("original_start",
                              f"“{event.title}” does not take place at {wall:%d %b %Y %H:%M}.")
    return key


def override_occurrence(event_id: int, original_start, **changes) -> EventOverride:
    """Move or change one occurrence of a repeating event (RECURRENCE-ID).

    ``original_start`` names the occurrence as the series has it (a date
    will do).  ``changes`` may hold starts_at, ends_at (as for ``create``;
    moving the start alone keeps the length), title, venue, description and
    status ("cancelled" cancels just this occurrence).
    """
    unknown = set(changes) - {"starts_at", "ends_at", "title", "venue", "description", "status"}
    if unknown:
        raise TypeError(f"override_occurrence() got unexpected fields: {', '.join(sorted(unknown))}")
    if changes.get("status") and changes["status"] not in EVENT_STATUSES:
        raise ValidationError("status", f"“{changes['status']}” is not an event status.")
    with database.atomic():
        event = get(event_id)
        tz, all_day = event.timezone, event.all_day
        key = _original_key(event, original_start)
        row = EventOverride.get_or_none((EventOverride.event == event_id) & (EventOverride.original_start == key))
        original_wall = from_store(key, tz=tz, all_day=all_day)
        if row is None:
            wall_start, wall_end = wall_times(event)
            row = EventOverride(event=event_id, original_start=key, sequence=event.sequence, starts_at=key,
                                ends_at=to_store(aware(original_wall + (wall_end - wall_start), tz),
                                                 tz=tz, all_day=all_day))
        if "starts_at" in changes or "ends_at" in changes:
            length = row.ends_at - row.starts_at
            start = changes.get("starts_at") or from_store(row.starts_at, tz=tz, all_day=all_day)
            end = changes.get("ends_at")
            if end is None:
                end = (aware(start, tz).date() + length - timedelta(days=1) if all_day
                       else aware(start, tz) + length)
            row.starts_at, row.ends_at = stored_times(start, end, timezone=tz, all_day=all_day)
        for field in ("title", "venue", "description", "status"):
            if field in changes:
                setattr(row, field, (changes[field] or "").strip())
        row.sequence += 1
        row.save()
        _touch(event)
        history.record("event", event_id, "update", {"occurrence": (None, f"{original_wall:%Y-%m-%d %H:%M} changed")})
        return row


def remove_override(event_id: int, original_start) -> None:
    """Put one occurrence back as the series has it."""
    with database.atomic():
        event = get(event_id)
        key = _original_key(event, original_start)
        if EventOverride.delete().where((EventOverride.event == event_id)
                                        & (EventOverride.original_start == key)).execute():
            _touch(event)
            history.record("event", event_id, "update", {"occurrence": (f"{key:%Y-%m-%d %H:%M} changed", None)})


def duplicate(event_id: int, new_start) -> Event:
    """A copy starting at ``new_start`` with the same length and details.

    It gets a new UID and starts over as planned; participants stay behind,
    the checklist comes along undone with its due dates moved.
    """
    source = get(event_id)
    wall_start, wall_end = wall_times(source)
    if source.all_day:
        first = new_start if not isinstance(new_start, datetime) else aware(new_start, source.timezone).date()
        start, end = first, first + (wall_end - wall_start) - timedelta(days=1)
    else:
        if not isinstance(new_start, datetime):
            new_start = datetime.combine(new_start, wall_start.time())
        start = aware(new_start, source.timezone).replace(tzinfo=None)
        end = start + (wall_end - wall_start)
    shift = (aware(start, source.timezone).date() - wall_start.date()).days
    rule = recurrence.shift_until(source.rrule, shift, all_day=source.all_day, tz=source.timezone)
    with database.atomic():
        copy = create(title=source.title, starts_at=start, ends_at=end, timezone=source.timezone,
                      all_day=source.all_day, type=source.type, venue=source.venue, address=source.address,
                      capacity=source.capacity, organiser=source.organiser,
                      organiser_email=source.organiser_email, description=source.description,
                      rrule=rule, reminders=event_reminders(source), tags=event_tags(source),
                      url=source.url)
        tasks = [{"event": copy.id, "title": t.title, "owner": t.owner, "position": t.position, "done": False,
                  "due": t.due + timedelta(days=shift) if t.due else None}
                 for t in ChecklistTask.select().where(ChecklistTask.event == event_id)]
        if tasks:
            ChecklistTask.insert_many(tasks).execute()
    return copy


def delete(event_id: int) -> None:
    """Remove an event with its participants and checklist; logged interactions stay."""
    with database.atomic():
        event = get(event_id)
        history.record("event", event_id, "delete", {"title": (event.title, None)})
        event.delete_instance()
        search.remove("event", [event_id])


@dataclass
class EventFilter:
    """What the events list shows; empty fields do not filter.

    ``date_from``/``date_to`` keep events with an occurrence overlapping that
    span (dates are whole local days, ``date_to`` included).
    """

    text: str = ""
    statuses: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    venue: str = ""
    tag: str = ""


def _participant_count(condition=None) -> pw.Expression:
    """How many participants of the row's event (meeting ``condition``): a correlated subquery to sort by."""
    p = EventParticipant.alias("sort_p")
    where = p.event == Event.id
    if condition is not None:
        where &= condition(p)
    return pw.fn.COALESCE(p.select(pw.fn.COUNT(p.id)).where(where), 0)


_SORTS = {
    "starts_at": Event.starts_at, "title": pw.fn.LOWER(Event.title), "venue": pw.fn.LOWER(Event.venue),
    "status": Event.status, "type": Event.type, "capacity": Event.capacity, "updated_at": Event.updated_at,
    "invited": _participant_count(),
    "accepted": _participant_count(lambda p: p.rsvp == "accepted"),
    "attended": _participant_count(lambda p: p.attended == True),  # noqa: E712 (peewee expression)
}


def filter_conditions(f: EventFilter | None) -> list:
    """SQL conditions for everything but the date range."""
    if f is None:
        return []
    where = []
    found = search.matching_ids_sql("event", f.text)
    if found:
        where.append(Event.id.in_(pw.SQL(f"({found[0]})", found[1])))
    if f.statuses:
        where.append(Event.status.in_(list(f.statuses)))
    if f.types:
        where.append(Event.type.in_(list(f.types)))
    if f.venue.strip():
        where.append(Event.venue.contains(f.venue.strip()))
    if f.tag.strip():
        listed = pw.Value(",").concat(pw.fn.REPLACE(pw.fn.LOWER(Event.tags), ", ", ",")).concat(",")
        where.append(sqlparts.position(f",{f.tag.strip().lower()},", listed) > 0)
    return where


def range_bounds(date_from, date_to) -> tuple[datetime | None, datetime | None]:
    """Aware bounds for a filter span; dates are whole days in this computer's zone."""
    if isinstance(date_to, date) and not isinstance(date_to, datetime):
        date_to = date_to + timedelta(days=1)
    return (aware(date_from, None) if date_from is not None else None,
            aware(date_to, None) if date_to is not None else None)


def _query(f: EventFilter | None) -> pw.ModelSelect:
    query = Event.select()
    for condition in filter_conditions(f):
        query = query.where(condition)
    if f is not None and (f.date_from is not None or f.date_to is not None):
        start, end = range_bounds(f.date_from, f.date_to)
        query = query.where(range_condition(query, start, end))
    return query


def _ordered(query: pw.ModelSelect, sort: str, descending: bool, offset: int, limit: int | None) -> list[Event]:
    if sort not in _SORTS:
        raise ValueError(f"cannot sort events by {sort!r}")
    key = _SORTS[sort]
    order = [key.desc(nulls="LAST") if descending else key.asc(nulls="LAST"),
             Event.id.desc() if descending else Event.id]
    query = query.order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def list_events(f: EventFilter | None = None, sort: str = "starts_at", descending: bool = False,
                offset: int = 0, limit: int | None = None) -> list[Event]:
    """One page of events (a repeating event is one row)."""
    return _ordered(_query(f), sort, descending, offset, limit)


def page(f: EventFilter | None = None, sort: str = "starts_at", descending: bool = False,
         offset: int = 0, limit: int | None = None) -> tuple[int, list[Event]]:
    """How many events ``f`` lists, and one page of them.

    A date range is worked out once for both: it means expanding the repeating events.
    """
    query = _query(f)
    return query.count(), _ordered(query, sort, descending, offset, limit)


def count(f: EventFilter | None = None) -> int:
    return _query(f).count()


def all_tags() -> list[str]:
    """Every tag some event carries, sorted without regard to case (for completion)."""
    seen: dict[str, str] = {}
    for (text,) in Event.select(Event.tags).where(Event.tags != "").distinct().tuples():
        for tag in text.split(", "):
            if tag:
                seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)
