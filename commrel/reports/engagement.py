"""Engagement figures for a period: who was reached, how, where, and who came to events.

Every figure is an aggregate query in the database; Python only shapes the few
rows that come back (one per month and channel, per type and neighbourhood,
per event held). The period is a pair of local dates, both included; months
and days are read on the wall clock of ``tz``. The SQL is the subset SQLite
and PostgreSQL read alike: instants are passed as parameters, never worked
on with either engine's date functions.

Speed on a large register rests on ``last_contacted_at`` (see ``_shares``)
and on indexes that each figure reads without touching the wide tables:
interaction (channel, occurred_at) for interactions per month and channel,
stakeholder_register for the register's share, event_participant_turnout
for RSVPs and attendance.
"""
from __future__ import annotations

import bisect
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, TypeVar

from .. import db, sqlparts
from ..models import database
from ..models.choices import INTERACTION_CHANNELS
from ..timeutil import local_zone_name, to_utc_naive, zone
from .grievance import GrievanceReport, grievance_report
from .media import MediaFigures, media_figures

PERIODS = ("this_month", "last_3_months", "last_12_months", "custom")


def period_range(name: str, today: date, custom: tuple[date, date] | None = None) -> tuple[date, date]:
    """First and last day of a named period: whole months up to the end of this one.

    "last_3_months" is this month and the two before it, so monthly charts
    line up (the same months as the grievance report's presets); "custom"
    returns ``custom``, swapped if given backwards.
    """
    if name == "custom":
        if custom is None:
            raise ValueError("a custom period needs its start and end dates")
        start, end = custom
        return (start, end) if start <= end else (end, start)
    months = {"this_month": 1, "last_3_months": 3, "last_12_months": 12}.get(name)
    if months is None:
        raise ValueError(f"unknown period {name!r}; use one of {', '.join(PERIODS)}")
    first = today.replace(day=1)
    return add_months(first, -(months - 1)), add_months(first, 1) - timedelta(days=1)


def add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month the period touches."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


@dataclass(frozen=True)
class Share:
    """Stakeholders engaged out of those on the register, for one type or neighbourhood."""

    key: str
    engaged: int
    total: int

    @property
    def share(self) -> float | None:
        return self.engaged / self.total if self.total else None


@dataclass(frozen=True)
class EventAttendance:
    id: int
    title: str
    start: datetime  # naive UTC; all-day events: local midnight of the first day
    all_day: bool
    venue: str
    accepted: int  # RSVPs accepted
    attended: int  # checked in, whatever their RSVP


@dataclass(frozen=True)
class EventMonth:
    month: date  # the first day of the month
    events: int  # events held
    accepted: int
    attended: int


@dataclass(frozen=True)
class EngagementFigures:
    start: date
    end: date
    tag: str | None
    type: str | None
    months: list[date]
    # channel code -> interactions per month (aligned with ``months``); only channels used
    interactions: dict[str, list[int]]
    register: int  # live stakeholders matching the filter
    engaged: int  # of those, with at least one interaction in the period
    by_type: list[Share]  # largest first
    by_neighbourhood: list[Share]  # by name; "" (none recorded) last
    uncovered: list[Share]  # neighbourhoods with people on the register but nobody engaged
    events: list[EventAttendance]  # every event held in the period, in date order
    event_months: list[EventMonth]
    concerns: GrievanceReport | None  # concerns received, answered and closed in the period
    media: MediaFigures | None = None  # coverage, releases and media inquiries in the period

    @property
    def interactions_total(self) -> int:
        return sum(sum(counts) for counts in self.interactions.values())

    @property
    def engaged_share(self) -> float | None:
        return self.engaged / self.register if self.register else None

    @property
    def events_held(self) -> int:
        return sum(m.events for m in self.event_months)

    @property
    def accepted(self) -> int:
        return sum(m.accepted for m in self.event_months)

    @property
    def attended(self) -> int:
        return sum(m.attended for m in self.event_months)

    @property
    def turnout(self) -> float | None:
        """People who came per accepted RSVP (walk-ins can take it past 100%)."""
        return self.attended / self.accepted if self.accepted else None


def engagement_figures(start: date, end: date, *, tag: str | None = None, type: str | None = None,
                       tz: str | None = None, concerns: bool = True,
                       now: datetime | None = None) -> EngagementFigures:
    """Engagement between ``start`` and ``end`` (local dates, both included).

    ``tag`` (a tag name) and ``type`` (a stakeholder type code) narrow the
    engagement figures to the stakeholders that match: interactions with at
    least one of them, the register share, and their RSVPs and attendance.
    Concern figures (``commrel.reports.grievance``) cover every concern;
    ``concerns=False`` leaves them out. Media figures (``commrel.reports.media``)
    cover all coverage, releases and inquiries. ``now`` is for tests.
    """
    if end < start:
        start, end = end, start
    tz = tz or local_zone_name()
    concern_figures = _alongside(lambda: grievance_report(start, end, tz=tz, now=now)) if concerns else None
    months = month_starts(start, end)
    bounds = [_utc(m, tz) for m in months[1:]]
    low, high = _utc(start, tz), _utc(end + timedelta(days=1), tz)
    who_sql, who_params = stakeholder_condition(tag, type)
    by_type: dict[str, list[int]] = {}
    by_hood: dict[str, list[int]] = {}
    # One row per (type, neighbourhood) group of the register, not per person.
    for stype, hood, total, engaged in _shares(low, high, who_sql, who_params):
        for key, bucket in ((stype, by_type), ((hood or "").strip(), by_hood)):
            sums = bucket.setdefault(key, [0, 0])
            sums[0] += engaged
            sums[1] += total
    type_shares = sorted((Share(k, e, t) for k, (e, t) in by_type.items()), key=lambda s: (-s.total, s.key))
    hood_shares = sorted((Share(k, e, t) for k, (e, t) in by_hood.items()),
                         key=lambda s: (s.key == "", s.key.casefold()))
    events, event_months = _events(start, end, low, high, bounds, months, who_sql, who_params)
    return EngagementFigures(
        start=start, end=end, tag=tag or None, type=type or None, months=months,
        interactions=_by_month(low, high, bounds, len(months), who_sql, who_params),
        register=sum(s.total for s in type_shares), engaged=sum(s.engaged for s in type_shares),
        by_type=type_shares, by_neighbourhood=hood_shares,
        uncovered=[s for s in hood_shares if s.key and s.engaged == 0],
        events=events, event_months=event_months,
        concerns=concern_figures() if concern_figures is not None else None,
        media=media_figures(start, end, now=now))


T = TypeVar("T")


def _alongside(work: Callable[[], T]) -> Callable[[], T]:
    """``work`` begun on a second connection while the caller goes on; call the result for its value.

    SQLite lets go of Python's lock while it reads, so on a database file the
    concern figures are worked out on another core while the engagement figures
    are read here: a year's dashboard takes the longer of the two, not both.
    Inside a transaction a second connection would not see its writes, and an
    in-memory database is not shared, so there the work is done when asked for.
    """
    if db.current_path() is None or database.in_transaction():
        return work

    def on_own_connection() -> T:
        try:
            return work()
        finally:
            database.close()  # this thread's connection; the thread ends with the pool

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="commrel-figures")
    future = pool.submit(on_own_connection)
    pool.shutdown(wait=False)
    return future.result


def _utc(day: date, tz: str) -> datetime:
    return to_utc_naive(datetime.combine(day, time.min, tzinfo=zone(tz)))


def stakeholder_condition(tag: str | None, type: str | None) -> tuple[str, list]:
    """SQL and parameters testing a stakeholder row aliased ``s`` against the filter ("1 = 1": no filter)."""
    clauses, params = [], []
    if type:
        clauses.append("s.type = ?")
        params.append(type)
    if tag:
        row = database.execute_sql("SELECT id FROM tag WHERE name = ?", (tag,)).fetchone()
        # A correlated test on the unique (stakeholder, tag) index stays cheap per row.
        clauses.append("EXISTS (SELECT 1 FROM stakeholder_tag st WHERE st.stakeholder_id = s.id"
                       " AND st.tag_id = ?)")
        params.append(row[0] if row else -1)
    return (" AND ".join(clauses) or "1 = 1"), params


def _month_case(column: str, bounds: list[datetime]) -> tuple[str, list]:
    """SQL giving the month index of ``column`` from the UTC instants each month after the first starts."""
    if not bounds:
        return "0", []
    whens = " ".join(f"WHEN {column} < ? THEN {n}" for n in range(len(bounds)))
    return f"CASE {whens} ELSE {len(bounds)} END", list(bounds)


def _by_month(low: datetime, high: datetime, bounds: list[datetime], n_months: int, who_sql: str,
              who_params: list) -> dict[str, list[int]]:
    edges = [low, *bounds, high]
    if not who_params:
        rows = _by_month_cells(edges)
    else:
        month_sql, month_params = _month_case("i.occurred_at", bounds)
        # Reaching a row through the date index costs a jump into the table; past
        # a tenth of the table, reading it straight through is cheaper.
        plus = sqlparts.without_index()
        if plus and _share_in_range(low, high) <= 0.1:
            plus = ""
        where, params = f"{plus}i.occurred_at >= ? AND {plus}i.occurred_at < ?", [low, high]
        if who_params:
            where += (" AND EXISTS (SELECT 1 FROM interaction_participant p JOIN stakeholder s"
                      f" ON s.id = p.stakeholder_id WHERE p.interaction_id = i.id AND {who_sql})")
            params += who_params
        rows = database.execute_sql(
            f"SELECT {month_sql} AS month, i.channel, COUNT(*) FROM interaction i WHERE {where}"
            " GROUP BY month, i.channel", month_params + params).fetchall()
    found: dict[str, list[int]] = {}
    for month, channel, n in rows:
        if n:
            found.setdefault(channel, [0] * n_months)[month] = n
    order = list(INTERACTION_CHANNELS)
    return {c: found[c] for c in sorted(found, key=lambda c: (order.index(c) if c in order else len(order), c))}


def _by_month_cells(edges: list[datetime]) -> list[tuple[int, str, int]]:
    """One range count per (month, channel), each read from the interaction_channel_when index alone.

    The schema has held that index since step 2; a few ms for a year, in one statement.
    """
    cells = [(n, channel) for n in range(len(edges) - 1) for channel in INTERACTION_CHANNELS]
    counts = ", ".join("(SELECT COUNT(*) FROM interaction i WHERE i.channel = ?"
                       " AND i.occurred_at >= ? AND i.occurred_at < ?)" for _ in cells)
    params = [v for n, channel in cells for v in (channel, edges[n], edges[n + 1])]
    row = database.execute_sql(f"SELECT {counts}", params).fetchone()
    return [(n, channel, count) for (n, channel), count in zip(cells, row, strict=True)]


def _share_in_range(low: datetime, high: datetime) -> float:
    """Roughly what part of the interaction table falls in [low, high), from the date index alone."""
    in_range = database.execute_sql("SELECT COUNT(*) FROM interaction WHERE occurred_at >= ? AND occurred_at < ?",
                                    (low, high)).fetchone()[0]
    rows = database.execute_sql("SELECT MAX(id) FROM interaction").fetchone()[0] or 0
    return in_range / rows if rows else 0.0


def _shares(low: datetime, high: datetime, who_sql: str, who_params: list) -> list[tuple[str, str, int, int]]:
    """(type, neighbourhood, on the register, engaged) for every group of the register.

    ``last_contacted_at`` (kept by the engagement service as the latest
    interaction) answers for almost everyone: last contact before the period
    means not engaged, within it means engaged. Only people contacted after
    the period need their interactions looked at, and for the usual periods
    ending today there are next to none.
    """
    # The stakeholder_register index holds every column read here, in group order. The unary
    # plus drops the DATETIME column's numeric affinity, so SQLite compares the stored text as
    # text instead of first trying to read it as a number on every row.
    last = f"{sqlparts.without_index()}s.last_contacted_at"
    return database.execute_sql(
        "SELECT s.type, s.neighbourhood, COUNT(*), COUNT(CASE"
        f"   WHEN {last} IS NULL OR {last} < ? THEN NULL"
        f"   WHEN {last} < ? THEN 1"
        "   WHEN EXISTS (SELECT 1 FROM interaction_participant p JOIN interaction i ON i.id = p.interaction_id"
        "     WHERE p.stakeholder_id = s.id AND i.occurred_at >= ? AND i.occurred_at < ?) THEN 1 END)"
        f" FROM stakeholder s WHERE NOT s.archived AND {who_sql} GROUP BY s.type, s.neighbourhood",
        [low, high, low, high, *who_params]).fetchall()


def _held_between(start: date, end: date, low: datetime, high: datetime) -> tuple[str, list]:
    # Timed events store UTC; all-day ones the local date at midnight.
    held = ("e.status = 'held' AND ((NOT e.all_day AND e.starts_at >= ? AND e.starts_at < ?)"
            " OR (e.all_day AND e.starts_at >= ? AND e.starts_at < ?))")
    return held, [low, high, datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)]


def _attendance_sql(who_sql: str, who_params: list) -> tuple[str, list]:
    """Accepted RSVPs and attendance of the event row ``e``, counting only ``who``.

    A count per event, each a short range of the event_participant_turnout
    index, costs less than joining every participant and grouping.
    """
    if not who_params:
        return ("(SELECT COUNT(*) FROM event_participant p WHERE p.event_id = e.id AND p.rsvp = 'accepted'),"
                " (SELECT COUNT(*) FROM event_participant p WHERE p.event_id = e.id AND p.attended)", [])
    whose = "FROM event_participant p JOIN stakeholder s ON s.id = p.stakeholder_id WHERE p.event_id = e.id"
    return (f"(SELECT COUNT(*) {whose} AND p.rsvp = 'accepted' AND {who_sql}),"
            f" (SELECT COUNT(*) {whose} AND p.attended AND {who_sql})", who_params * 2)


def _events(start: date, end: date, low: datetime, high: datetime, bounds: list[datetime], months: list[date],
            who_sql: str, who_params: list) -> tuple[list[EventAttendance], list[EventMonth]]:
    """Every event held in the period, and (events, accepted, attended) per month."""
    held, held_params = _held_between(start, end, low, high)
    counts, count_params = _attendance_sql(who_sql, who_params)
    rows = database.execute_sql(
        f"SELECT e.id, e.title, e.starts_at, e.all_day, e.venue, {counts} FROM event e"
        f" WHERE {held} ORDER BY e.starts_at, e.id", [*count_params, *held_params]).fetchall()
    # All-day events hold local midnights, so their month is told from local month starts.
    local_bounds = [datetime.combine(m, time.min) for m in months[1:]]
    events, per_month = [], [[0, 0, 0] for _ in months]
    # One pass over the rows the report lists anyway: the monthly totals come with them.
    for event_id, title, starts_at, all_day, venue, accepted, attended in rows:
        starts_at = _moment(starts_at)
        events.append(EventAttendance(event_id, title, starts_at, bool(all_day), venue, accepted, attended))
        totals = per_month[bisect.bisect_right(local_bounds if all_day else bounds, starts_at)]
        totals[0] += 1
        totals[1] += accepted
        totals[2] += attended
    return events, [EventMonth(m, *totals) for m, totals in zip(months, per_month, strict=True)]


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
