"""When events take place: occurrences of repeating events, calendar ranges, clashes.

Repeating events are expanded in their own wall time (a 19:00 meeting stays
at 19:00 across clock changes), skipped dates (EXDATE) are left out and moved
or changed occurrences (EventOverride) replace the ones they stand for.
Callers normally reach these through ``services.events``.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee as pw

from .. import recurrence
from ..models import Event, EventException, EventOverride, EventParticipant, database
from ..timeutil import local_zone_name, to_utc_naive, zone
from .event_times import aware, from_store, local_end, local_start, stored_times, to_store, wall_times

# All-day rows hold local midnights, so SQL range tests allow for any UTC offset.
SLACK = timedelta(hours=15)
# How far ahead a never-ending series is checked for clashes.
CLASH_HORIZON = timedelta(days=366)


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place; ``start``/``end`` are aware, in the event's zone.

    ``original_start`` is when the series would have put it (the RECURRENCE-ID);
    all-day occurrences run from midnight to the midnight after their last day.
    """

    event_id: int
    title: str
    start: datetime
    end: datetime
    status: str
    is_override: bool
    original_start: datetime
    all_day: bool = False
    venue: str = ""


def _overlaps(occ: Occurrence, start: datetime | None, end: datetime | None) -> bool:
    return (end is None or occ.start < end) and (start is None or occ.end > start)


def _make(event: Event, wall: datetime, length: timedelta, row: EventOverride | None) -> Occurrence:
    tz = event.timezone
    original = aware(wall, tz)
    if row is None:
        return Occurrence(event.id, event.title, original, aware(wall + length, tz), event.status,
                          False, original, event.all_day, event.venue)
    status = "cancelled" if event.status == "cancelled" else (row.status or event.status)
    return Occurrence(event.id, row.title or event.title,
                      aware(from_store(row.starts_at, tz=tz, all_day=event.all_day), tz),
                      aware(from_store(row.ends_at, tz=tz, all_day=event.all_day), tz),
                      status, True, original, event.all_day, row.venue or event.venue)


def _exceptions_for(event_ids: list[int]) -> tuple[dict[int, set], dict[int, dict]]:
    """EXDATEs and overrides of many events in two queries."""
    skipped: dict[int, set] = {}
    overrides: dict[int, dict] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        for row in EventException.select().where(EventException.event.in_(chunk)):
            skipped.setdefault(row.event_id, set()).add(row.original_start)
        for row in EventOverride.select().where(EventOverride.event.in_(chunk)):
            overrides.setdefault(row.event_id, {})[row.original_start] = row
    return skipped, overrides


def _wall(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(zone(tz)).replace(tzinfo=None)


def _stopped_before(rrule: str, wall_start: datetime, low: datetime, tz: str) -> bool:
    """Whether the series' last start is before ``low``, so expanding it there would find nothing."""
    last = recurrence.last_start_bound(rrule, wall_start, tz=tz)
    return last is not None and last < low


def _expand(event: Event, start: datetime, end: datetime,
            skipped: set | None, overrides: dict | None) -> list[Occurrence]:
    """Occurrences of ``event`` overlapping [start, end), sorted by start."""
    tz = event.timezone
    wall_start, wall_end = wall_times(event)
    length = wall_end - wall_start
    if not event.rrule:
        single = _make(event, wall_start, length, None)
        return [single] if _overlaps(single, start, end) else []
    skipped, overrides = skipped or set(), overrides or {}
    # A day either side covers offset changes; exact overlap is tested below.
    low, high = _wall(start, tz) - length - timedelta(days=1), _wall(end, tz) + timedelta(days=1)
    found, seen = [], set()
    walls = [] if _stopped_before(event.rrule, wall_start, low, tz) else \
        recurrence.expand(event.rrule, wall_start, low, high, tz=tz)
    for wall in walls:
        key = to_store(aware(wall, tz), tz=tz, all_day=event.all_day)
        seen.add(key)
        if key not in skipped:
            found.append(_make(event, wall, length, overrides.get(key)))
    for key, row in overrides.items():  # moved here from outside the window
        if key in seen or key in skipped:
            continue
        wall = from_store(key, tz=tz, all_day=event.all_day)
        occ = _make(event, wall, length, row)
        if _overlaps(occ, start, end) and recurrence.occurs_at(event.rrule, wall_start, wall, tz=tz):
            found.append(occ)
    return sorted((o for o in found if _overlaps(o, start, end)), key=lambda o: o.start)


def occurrences(event: Event, range_start: date | datetime, range_end: date | datetime) -> list[Occurrence]:
    """When ``event`` takes place within [range_start, range_end).

    Dates and naive datetimes are read in the event's zone.
    """
    skipped = {e.original_start for e in event.exceptions} if event.rrule else set()
    overrides = {o.original_start: o for o in event.overrides} if event.rrule else {}
    return _expand(event, aware(range_start, event.timezone), aware(range_end, event.timezone),
                   skipped, overrides)


# What an occurrence is made of: events are read with these columns only.
_OCCURRENCE_FIELDS = (Event.id, Event.title, Event.status, Event.starts_at, Event.ends_at, Event.timezone,
                      Event.all_day, Event.venue, Event.rrule)


def _candidates(query: pw.ModelSelect, start: datetime | None, end: datetime | None,
                venue_key: str | None = None) -> list[Event]:
    """Events of ``query`` that may overlap the span (a bound of None: open).

    One-off events are kept by their dates, repeating ones while they still run;
    with ``venue_key``, only events at that venue or with an occurrence moved to one.

    Most repeating events of a long calendar are over. Their rules are read
    from a few columns first, and only the series that may reach the span
    (or have an occurrence moved into it) are loaded and expanded.
    """
    lo = to_utc_naive(start) - SLACK if start is not None else None
    hi = to_utc_naive(end) + SLACK if end is not None else None
    moved_query = EventOverride.select(EventOverride.event).distinct()
    reaches = pw.SQL("1 = 1")
    if hi is not None:
        moved_query = moved_query.where(EventOverride.starts_at < hi)
        reaches = reaches & (Event.starts_at < hi)
    if lo is not None:
        moved_query = moved_query.where(EventOverride.ends_at > lo)
        reaches = reaches & ((Event.rrule != "") | (Event.ends_at > lo))
    moved = {event_id for event_id, in database.execute(moved_query)}
    if moved:  # an occurrence moved into the span, even to before its series starts
        reaches |= Event.id.in_(moved_query)
    brief = query.select(Event.id, Event.starts_at, Event.ends_at, Event.timezone, Event.all_day,
                         Event.rrule, Event.venue).where(reaches)
    if venue_key is not None:
        relocated = {event_id for event_id, venue in database.execute(
            EventOverride.select(EventOverride.event, EventOverride.venue).where(EventOverride.venue != ""))
            if _venue_key(venue) == venue_key}
    span_start: dict[str, datetime] = {}  # per zone, as its clocks show it
    ids = []
    for event_id, starts_at, ends_at, tz, all_day, rrule, venue in database.execute(brief).fetchall():
        # Venues are compared as people write them (case, spaces), which SQL cannot do on every engine.
        if venue_key is not None and _venue_key(venue) != venue_key and event_id not in relocated:
            continue
        if start is not None and rrule and event_id not in moved:
            wall_start = from_store(_moment(starts_at), tz=tz, all_day=bool(all_day))
            length = from_store(_moment(ends_at), tz=tz, all_day=bool(all_day)) - wall_start
            if tz not in span_start:
                span_start[tz] = _wall(start, tz)
            # The same lower bound as _expand's: a series stopped before it has nothing to expand.
            if _stopped_before(rrule, wall_start, span_start[tz] - length - timedelta(days=1), tz):
                continue
        ids.append(event_id)
    found = []
    for first in range(0, len(ids), 500):
        found.extend(Event.select(*_OCCURRENCE_FIELDS).where(Event.id.in_(ids[first:first + 500])))
    return found


def _moment(value) -> datetime:
    # SQLite hands timestamps back as text, PostgreSQL as datetimes.
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _expand_all(events: list[Event], start: datetime, end: datetime) -> list[Occurrence]:
    skipped, overrides = _exceptions_for([e.id for e in events if e.rrule])
    found = []
    for event in events:
        found.extend(_expand(event, start, end, skipped.get(event.id), overrides.get(event.id)))
    return sorted(found, key=lambda o: (o.start, o.event_id))


def occurrences_between(range_start: date | datetime, range_end: date | datetime,
                        filter=None) -> list[Occurrence]:
    """Everything on the calendar within [range_start, range_end), for the day/week/month views.

    Dates and naive datetimes are read in this computer's zone; ``filter``
    (an ``EventFilter``) narrows by text, status, type, venue and tag (its
    dates are ignored: the range is given).
    """
    from .events import filter_conditions  # events imports this module

    start, end = aware(range_start, None), aware(range_end, None)
    query = Event.select()
    for condition in filter_conditions(filter):
        query = query.where(condition)
    return _expand_all(_candidates(query, start, end), start, end)


def _first_within(event: Event, start: datetime | None, end: datetime | None,
                  skipped: set | None, overrides: dict | None) -> bool:
    """Whether the event's own first occurrence, as planned, overlaps [start, end) (None: open).

    Enough to keep most events without expanding their series (a list of past
    events holds nearly every one); a first occurrence skipped or moved says nothing.
    """
    if event.starts_at in (skipped or ()) or event.starts_at in (overrides or {}):
        return False
    wall_start, wall_end = wall_times(event)
    if (end is not None and aware(wall_start, event.timezone) >= end) or \
            (start is not None and aware(wall_end, event.timezone) <= start):
        return False
    # dateutil, like the rest of this module, leaves out a start that does not fit the rule.
    return not event.rrule or recurrence.occurs_at(event.rrule, wall_start, wall_start, tz=event.timezone)


def _first_start(event: Event, overrides: dict | None) -> datetime:
    """When the event first takes place, an occurrence moved before the series' start included."""
    starts = [from_store(row.starts_at, tz=event.timezone, all_day=event.all_day) for row in (overrides or {}).values()]
    return aware(min([wall_times(event)[0], *starts]), event.timezone)


def _past_last(event: Event, overrides: dict | None) -> datetime | None:
    """A time after every occurrence of ``event`` ends, moved ones included; None when it repeats for ever."""
    wall_start, wall_end = wall_times(event)
    last = wall_start
    if event.rrule:
        # The bound told from the rule is enough here and needs no expanding; only a rule it
        # cannot read that way (BYSETPOS, say) is expanded to its last start.
        last = recurrence.last_start_bound(event.rrule, wall_start, tz=event.timezone) or \
            recurrence.last_start(event.rrule, wall_start, tz=event.timezone)
        if last is None:
            return None
    ends = [last + (wall_end - wall_start)]
    ends += [from_store(row.ends_at, tz=event.timezone, all_day=event.all_day) for row in (overrides or {}).values()]
    return aware(max(ends), event.timezone) + timedelta(days=1)


def range_condition(query: pw.ModelSelect, start: datetime | None, end: datetime | None) -> pw.Expression:
    """SQL condition: the event has an occurrence overlapping [start, end) (None: open).

    Timed one-off events are tested in SQL; all-day and repeating ones of
    ``query`` are expanded and named by id.
    """
    timed = (Event.rrule == "") & (Event.all_day == False)  # noqa: E712 (peewee expression)
    others = query.where((Event.rrule != "") | (Event.all_day == True))  # noqa: E712
    if start is not None:
        timed &= Event.ends_at > to_utc_naive(start)
    if end is not None:
        timed &= Event.starts_at < to_utc_naive(end)
    events = _candidates(others, start, end)
    skipped, overrides = _exceptions_for([e.id for e in events if e.rrule])
    ids = []
    for event in events:
        if _first_within(event, start, end, skipped.get(event.id), overrides.get(event.id)):
            ids.append(event.id)
            continue
        high = end or _past_last(event, overrides.get(event.id))
        if high is None:  # repeats for ever
            ids.append(event.id)
        elif _expand(event, start or _first_start(event, overrides.get(event.id)), high, skipped.get(event.id),
                     overrides.get(event.id)):
            ids.append(event.id)
    return timed | Event.id.in_(ids)


def _venue_key(venue: str) -> str:
    """Venues match ignoring case and spaces: "Town Hall" is "town  hall"."""
    return "".join((venue or "").casefold().split())


def _at_venue(key: str, start: datetime, end: datetime, exclude_id: int | None) -> list[Occurrence]:
    query = Event.select().where(Event.status != "cancelled")
    if exclude_id is not None:
        query = query.where(Event.id != exclude_id)
    return [o for o in _expand_all(_candidates(query, start, end, key), start, end)
            if o.status != "cancelled" and _venue_key(o.venue) == key]


def overlapping_events(starts_at, ends_at, venue: str, *, timezone: str | None = None,
                       all_day: bool = False, exclude_id: int | None = None) -> list[Occurrence]:
    """Occurrences of other, not cancelled events at ``venue`` overlapping the given time.

    Takes times as ``events.create`` does, so the dialog can ask before saving.
    """
    key = _venue_key(venue)
    if not key:
        return []
    tz = timezone or local_zone_name()
    stored = stored_times(starts_at, ends_at, timezone=tz, all_day=all_day)
    start, end = (aware(from_store(s, tz=tz, all_day=all_day), tz) for s in stored)
    return _at_venue(key, start, end, exclude_id)


def _when(occ: Occurrence) -> str:
    day = f"{occ.start:%a} {occ.start.day} {occ.start:%b %Y}"
    return day if occ.all_day else f"{day}, {occ.start:%H:%M}–{occ.end:%H:%M}"


def _clash_messages(event: Event) -> list[str]:
    key = _venue_key(event.venue)
    if event.status == "cancelled" or not key:
        return []
    start = local_start(event)
    if not event.rrule:
        end = local_end(event)
    else:
        last = recurrence.last_start(event.rrule, wall_times(event)[0], tz=event.timezone)
        length = local_end(event) - start
        end = (aware(last, event.timezone) + length if last is not None
               else max(start, datetime.now(start.tzinfo)) + CLASH_HORIZON)
    mine = [o for o in occurrences(event, start, end)
            if o.status != "cancelled" and _venue_key(o.venue) == key]
    starts = [m.start for m in mine]
    clashes: dict[int, list[Occurrence]] = {}
    for other in _at_venue(key, start, end, event.id):
        # Only the occurrences starting just before the other one ends can overlap it.
        before = bisect_left(starts, other.end)
        if any(m.end > other.start for m in mine[max(0, before - 3):before]):
            clashes.setdefault(other.event_id, []).append(other)
    messages = []
    for found in clashes.values():
        first = found[0]
        more = len(found) - 1
        tail = "" if not more else f" and {more} more time{'s' if more > 1 else ''}"
        messages.append(f"Clashes with “{first.title}” at {first.venue} on {_when(first)}{tail}.")
    return messages


def warnings(event_id: int) -> list[str]:
    """Things to check before the event: clashes at the same venue, more invited than fit."""
    from .events import get  # events imports this module

    event = get(event_id)
    messages = _clash_messages(event)
    if event.capacity is not None:
        invited = (EventParticipant.select()
                   .where((EventParticipant.event == event_id) & (EventParticipant.rsvp != "declined"))
                   .count())
        if invited > event.capacity:
            messages.append(f"Capacity is {event.capacity} but {invited} people are invited "
                            "(not counting those who declined).")
    return messages
