"""The "Today" column of the dashboard: what needs doing now.

Each item names the record it is about as ``(kind, id)`` — "event",
"stakeholder" or "concern" — so a screen can open it. Lists are capped at
``limit`` items; the totals say how many there are in all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .. import sqlparts
from ..models import database
from ..models.choices import CLOSED_CONCERN_STATUSES
from ..services import event_calendar
from ..services.events import EventFilter
from ..timeutil import from_utc_naive, local_zone_name, to_utc_naive, utcnow, zone

# Cancelled and postponed events are left out of "this week".
_HAPPENING = ("planned", "confirmed", "held")
_CLOSED = ", ".join(f"'{s}'" for s in CLOSED_CONCERN_STATUSES)


@dataclass(frozen=True)
class UpcomingEvent:
    id: int
    title: str
    start: datetime  # aware, in the event's zone (midnight of the day for all-day events)
    all_day: bool
    venue: str
    accepted: int  # RSVPs accepted
    kind: str = "event"


@dataclass(frozen=True)
class DueFollowUp:
    id: int  # the first stakeholder the interaction was with (what a click opens)
    interaction_id: int
    action: str
    due: date
    overdue: bool
    stakeholders: str  # names, comma separated
    kind: str = "stakeholder"


@dataclass(frozen=True)
class ConcernDue:
    id: int
    reference: str
    summary: str
    due: datetime  # naive UTC: the acknowledgement due date, or the resolution target
    overdue: bool
    late_on: str  # "" while in time, else "acknowledgement" or "resolution"
    kind: str = "concern"


@dataclass(frozen=True)
class Today:
    events: list[UpcomingEvent]
    events_total: int
    follow_ups: list[DueFollowUp]
    follow_ups_total: int
    awaiting_acknowledgement: list[ConcernDue]  # still within the acknowledgement clock
    awaiting_total: int
    overdue: list[ConcernDue]  # late on acknowledgement or resolution
    overdue_total: int

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.follow_ups or self.awaiting_acknowledgement or self.overdue)


def today(now: datetime | None = None, *, tz: str | None = None, limit: int = 10, days: int = 7) -> Today:
    """Events in the next ``days`` days (from the start of today), follow-ups due, concerns to act on.

    ``now`` is an aware datetime or naive UTC (default: this moment); days are
    read on the wall clock of ``tz`` (default: this computer's zone).
    """
    now = to_utc_naive(now) if now is not None else utcnow()
    tz = tz or local_zone_name()
    local_today = from_utc_naive(now, tz).date()
    follow_ups, follow_total = _follow_ups(local_today, limit)
    awaiting, awaiting_total = _awaiting(now, limit)
    overdue, overdue_total = _overdue(now, limit)
    events, events_total = _events(local_today, days, tz, limit)
    return Today(events, events_total, follow_ups, follow_total, awaiting, awaiting_total, overdue, overdue_total)


# --- events -----------------------------------------------------------------

def _events(first: date, days: int, tz: str, limit: int) -> tuple[list[UpcomingEvent], int]:
    start = datetime.combine(first, time.min, tzinfo=zone(tz))
    # Repeating events are expanded by the calendar service, skipped and moved dates included.
    found = [o for o in event_calendar.occurrences_between(
        start, start + timedelta(days=days), EventFilter(statuses=_HAPPENING)) if o.status in _HAPPENING]
    shown = found[:limit]
    accepted = _accepted({o.event_id for o in shown})
    return [UpcomingEvent(o.event_id, o.title, o.start, o.all_day, o.venue, accepted.get(o.event_id, 0))
            for o in shown], len(found)


def _accepted(event_ids: set[int]) -> dict[int, int]:
    if not event_ids:
        return {}
    ids = sorted(event_ids)
    return dict(database.execute_sql(
        f"SELECT event_id, COUNT(*) FROM event_participant WHERE rsvp = 'accepted'"
        f" AND event_id IN ({', '.join('?' * len(ids))}) GROUP BY event_id", ids).fetchall())


def _fragment(node) -> str:
    """The SQL of a parameterless peewee node, as the open database spells it."""
    return database.get_sql_context().sql(node).query()[0]


def _dt(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


# --- follow-ups -------------------------------------------------------------

def _follow_ups(local_today: date, limit: int) -> tuple[list[DueFollowUp], int]:
    # Spelt like the partial index of open follow-ups (literal '' included), so SQLite reads it alone.
    open_sql = _fragment(sqlparts.is_false("i.follow_up_done"))
    due = f"i.follow_up != '' AND {open_sql} AND i.follow_up_due <= ?"
    # The total and the page are two statements: a count over the whole set in the same pass
    # (COUNT(*) OVER ()) makes the engine read every due row from the table, not just the page.
    total = database.execute_sql(f"SELECT COUNT(*) FROM interaction i WHERE {due}", (local_today,)).fetchone()[0]
    rows = database.execute_sql(
        f"SELECT i.id, i.follow_up, i.follow_up_due FROM interaction i WHERE {due}"
        " ORDER BY i.follow_up_due, i.id LIMIT ?", (local_today, limit)).fetchall()
    people = _participants([r[0] for r in rows])
    items = []
    for interaction_id, action, due_on in rows:
        due_on = due_on if isinstance(due_on, date) else date.fromisoformat(str(due_on)[:10])
        if interaction_id in people:  # with every participant deleted there is nothing to open
            ids, names = people[interaction_id]
            items.append(DueFollowUp(ids[0], interaction_id, action, due_on, due_on < local_today, ", ".join(names)))
    return items, total


def _participants(interaction_ids: list[int]) -> dict[int, tuple[list[int], list[str]]]:
    """Stakeholder ids and names of each interaction, lowest id first."""
    found: dict[int, tuple[list[int], list[str]]] = {}
    if not interaction_ids:
        return found
    for interaction_id, stakeholder_id, name in database.execute_sql(
            "SELECT p.interaction_id, s.id, s.display_name FROM interaction_participant p"
            " JOIN stakeholder s ON s.id = p.stakeholder_id"
            f" WHERE p.interaction_id IN ({', '.join('?' * len(interaction_ids))})"
            " ORDER BY p.interaction_id, s.id", interaction_ids).fetchall():
        ids, names = found.setdefault(interaction_id, ([], []))
        ids.append(stakeholder_id)
        names.append(name)
    return found


# --- concerns ---------------------------------------------------------------

def _awaiting(now: datetime, limit: int) -> tuple[list[ConcernDue], int]:
    rows = database.execute_sql(
        "SELECT id, reference, summary, acknowledge_due, COUNT(*) OVER () FROM concern"
        f" WHERE status NOT IN ({_CLOSED}) AND acknowledged_at IS NULL AND acknowledge_due >= ?"
        " AND resolution_target >= ? ORDER BY acknowledge_due, id LIMIT ?", (now, now, limit)).fetchall()
    return [ConcernDue(r[0], r[1], r[2], _dt(r[3]), False, "") for r in rows], rows[0][4] if rows else 0


def _overdue(now: datetime, limit: int) -> tuple[list[ConcernDue], int]:
    """The concern list's "overdue" rule, so the two agree; the most overdue first."""
    # One pass over the table is cheaper than merging two date indexes.
    plus = sqlparts.without_index()
    ack_late = f"(acknowledged_at IS NULL AND {plus}acknowledge_due < ?)"
    where = f"{plus}status NOT IN ({_CLOSED}) AND ({ack_late} OR {plus}resolution_target < ?)"
    total = database.execute_sql(f"SELECT COUNT(*) FROM concern WHERE {where}", (now, now)).fetchone()[0]
    # Most open concerns can be overdue at once: the page is chosen on the dates alone, and only
    # its rows are read whole, rather than carrying every summary through the sort.
    rows = database.execute_sql(
        "SELECT c.id, c.reference, c.summary, t.due, t.ack_late FROM"
        f" (SELECT id, CASE WHEN {ack_late} THEN acknowledge_due ELSE resolution_target END AS due,"
        f" {ack_late} AS ack_late FROM concern WHERE {where} ORDER BY 2, id LIMIT ?) t"
        " JOIN concern c ON c.id = t.id ORDER BY t.due, t.id", (now, now, now, now, limit)).fetchall()
    return ([ConcernDue(r[0], r[1], r[2], _dt(r[3]), True, "acknowledgement" if r[4] else "resolution")
             for r in rows], total)
