"""The "Today" column of the dashboard: what needs doing now.

Each item names the record it is about as ``(kind, id)`` — "event",
"stakeholder" or "concern" — so a screen can open it. Lists are capped at
``limit`` items; the totals say how many there are in all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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


def _sql(value: datetime | date) -> str:
    """A parameter in the form the columns hold, so text comparison orders correctly."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


def _dt(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


# --- follow-ups -------------------------------------------------------------

def _follow_ups(local_today: date, limit: int) -> tuple[list[DueFollowUp], int]:
    # COUNT(*) OVER () is the number of rows before LIMIT: the total in the same pass.
    # The unary + keeps SQLite on the due-date index rather than the done flag.
    rows = database.execute_sql(
        "SELECT t.id, t.follow_up, t.follow_up_due, t.total,"
        " (SELECT MIN(p.stakeholder_id) FROM interaction_participant p WHERE p.interaction_id = t.id),"
        " (SELECT GROUP_CONCAT(s.display_name, ', ') FROM interaction_participant p"
        "   JOIN stakeholder s ON s.id = p.stakeholder_id WHERE p.interaction_id = t.id)"
        " FROM (SELECT i.id, i.follow_up, i.follow_up_due, COUNT(*) OVER () AS total FROM interaction i"
        "   WHERE i.follow_up != '' AND +i.follow_up_done = 0 AND i.follow_up_due <= ?"
        "   ORDER BY i.follow_up_due, i.id LIMIT ?) t ORDER BY t.follow_up_due, t.id",
        (_sql(local_today), limit)).fetchall()
    items = []
    for interaction_id, action, due, _, stakeholder_id, names in rows:
        due = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
        if stakeholder_id is not None:  # with every participant deleted there is nothing to open
            items.append(DueFollowUp(stakeholder_id, interaction_id, action, due, due < local_today, names or ""))
    return items, rows[0][3] if rows else 0


# --- concerns ---------------------------------------------------------------

def _awaiting(moment: datetime, limit: int) -> tuple[list[ConcernDue], int]:
    now = _sql(moment)
    rows = database.execute_sql(
        "SELECT id, reference, summary, acknowledge_due, COUNT(*) OVER () FROM concern"
        f" WHERE status NOT IN ({_CLOSED}) AND acknowledged_at IS NULL AND acknowledge_due >= ?"
        " AND resolution_target >= ? ORDER BY acknowledge_due, id LIMIT ?", (now, now, limit)).fetchall()
    return [ConcernDue(r[0], r[1], r[2], _dt(r[3]), False, "") for r in rows], rows[0][4] if rows else 0


def _overdue(moment: datetime, limit: int) -> tuple[list[ConcernDue], int]:
    """The concern list's "overdue" rule, so the two agree; the most overdue first."""
    now = _sql(moment)
    ack_late = "(acknowledged_at IS NULL AND +acknowledge_due < ?)"
    # The unary + make one pass over the table, cheaper than merging two date indexes.
    rows = database.execute_sql(
        f"SELECT id, reference, summary, CASE WHEN {ack_late} THEN acknowledge_due ELSE resolution_target END,"
        f" {ack_late}, COUNT(*) OVER () FROM concern"
        f" WHERE +status NOT IN ({_CLOSED}) AND ({ack_late} OR +resolution_target < ?)"
        " ORDER BY 4, id LIMIT ?", (now, now, now, now, limit)).fetchall()
    return ([ConcernDue(r[0], r[1], r[2], _dt(r[3]), True, "acknowledgement" if r[4] else "resolution")
             for r in rows], rows[0][5] if rows else 0)
