"""The grievance-mechanism report: how concerns were received, answered and closed in a period.

Two views of a period, as grievance reports to lenders usually read:

- *received* figures are about the concerns received in the period (how
  many, how many were acknowledged within the standard);
- *closed* figures are about the concerns closed in the period, whenever
  they were received (how many, how many within target, how long it took,
  how they ended: resolved, unresolved, referred or rejected);
- *open* and *overdue* are counted as at the end of the period, or now when
  the period has not ended yet.

The database counts in one pass per question, over indexes that hold every
column read (concern_report, concern_closures); Python adds the groups up
and works out days to close, since SQLite and PostgreSQL do date arithmetic
differently. The report holds no complainant names, not even for concerns
that are neither anonymous nor confidential: the only people named are
staff owners.

A concern closed in the period and later reopened by an appeal no longer
counts as closed there, because the database keeps the latest closure only.
"""
from __future__ import annotations

import operator
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import peewee as pw
from peewee import fn

from .. import sqlparts
from ..models import Concern, ConcernCategory, database
from ..timeutil import to_utc_naive, utcnow, zone

NO_CATEGORY = "(No category)"
NO_NEIGHBOURHOOD = "(Not given)"
UNASSIGNED = "(Unassigned)"


@dataclass(frozen=True)
class Figures:
    """The same figures for the whole report or one category, neighbourhood or owner."""

    label: str
    received: int = 0
    acknowledgements_due: int = 0  # acknowledged, or due and not acknowledged in time
    acknowledged_on_time: int = 0
    closed: int = 0
    closed_on_time: int = 0
    average_days_to_close: float | None = None
    median_days_to_close: float | None = None
    open: int = 0
    overdue: int = 0
    resolved: int = 0
    unresolved: int = 0
    referred: int = 0
    rejected: int = 0

    @property
    def acknowledged_on_time_pct(self) -> float | None:
        return _pct(self.acknowledged_on_time, self.acknowledgements_due)

    @property
    def closed_on_time_pct(self) -> float | None:
        return _pct(self.closed_on_time, self.closed)


# Every figure of a row as (heading, attribute of Figures), in the order reports show them.
COLUMNS: list[tuple[str, str]] = [
    ("Received", "received"),
    ("Acknowledgements due", "acknowledgements_due"),
    ("Acknowledged on time", "acknowledged_on_time"),
    ("Acknowledged on time %", "acknowledged_on_time_pct"),
    ("Closed", "closed"),
    ("Closed on time", "closed_on_time"),
    ("Closed on time %", "closed_on_time_pct"),
    ("Average days to close", "average_days_to_close"),
    ("Median days to close", "median_days_to_close"),
    ("Open", "open"),
    ("Overdue", "overdue"),
    ("Resolved", "resolved"),
    ("Unresolved", "unresolved"),
    ("Referred", "referred"),
    ("Rejected", "rejected"),
]


@dataclass(frozen=True)
class MonthFigures:
    month: date  # the first day of the month
    received: int
    closed: int


@dataclass(frozen=True)
class GrievanceReport:
    start: date
    end: date  # inclusive
    as_at: datetime  # naive UTC: when open and overdue were counted
    category: str  # "" when not limited to one category
    neighbourhood: str
    totals: Figures
    by_category: list[Figures]
    by_neighbourhood: list[Figures]
    by_owner: list[Figures]
    months: list[MonthFigures]


def _pct(part: int, whole: int) -> float | None:
    return None if not whole else round(100.0 * part / whole, 1)


def _day_start(day: date, tz: str | None) -> datetime:
    return to_utc_naive(datetime.combine(day, time.min, tzinfo=zone(tz)))


def _moment(value) -> datetime:
    # SQLite hands timestamps back as text, PostgreSQL as datetimes; fromisoformat
    # is many times quicker than the strptime peewee would use on each one.
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


@dataclass(frozen=True)
class _Window:
    start: datetime  # naive UTC, included
    end: datetime  # naive UTC, excluded
    as_at: datetime  # naive UTC: when open and overdue are judged


def _questions(w: _Window) -> tuple[pw.Expression, dict[str, pw.Expression]]:
    """(closed in the period, the condition each count of the aggregate pass counts)."""
    c, a = Concern, w.as_at
    received, closed, acknowledged, due, target = (sqlparts.as_stored(f) for f in (
        c.received_at, c.closed_at, c.acknowledged_at, c.acknowledge_due, c.resolution_target))
    got = (received >= w.start) & (received < w.end)
    # The closed_at index reads the period's range; the as-at test is made on the rows it finds.
    shut = (c.closed_at >= w.start) & (c.closed_at < w.end) & (closed <= a)
    is_open = (received <= a) & (closed.is_null() | (closed > a))
    acked = acknowledged.is_null(False) & (acknowledged <= a)
    # The acknowledgement fell due before the concern was closed and before the as-at moment.
    lapsed = (due < a) & (closed.is_null() | (due < closed))
    unacknowledged = acknowledged.is_null() | (acknowledged > a)
    return shut, {
        "received": got,
        "acknowledgements_due": got & (acked | lapsed),
        "acknowledged_on_time": got & acked & (acknowledged <= due),
        "open": is_open,
        "overdue": is_open & ((target < a) | ((due < a) & unacknowledged)),
    }


def _filter(category_id: int | None, neighbourhood: str | None) -> list[pw.Expression]:
    clauses = []
    if category_id is not None:
        clauses.append((Concern.category == category_id) | (Concern.subcategory == category_id))
    if neighbourhood:
        clauses.append(Concern.neighbourhood == neighbourhood)
    return clauses


def _count(condition: pw.Expression) -> pw.Expression:
    """COUNT(CASE WHEN condition THEN 1 END): the rows where it holds, 0 rather than NULL when none do."""
    return fn.COUNT(pw.Case(None, [(condition, 1)]))


_COUNTED = ("received", "acknowledgements_due", "acknowledged_on_time", "closed", "closed_on_time", "open",
            "overdue", "resolved", "unresolved", "referred", "rejected")
_AGGREGATED = ("received", "acknowledgements_due", "acknowledged_on_time", "open", "overdue")
_SLOT = {name: n for n, name in enumerate(_COUNTED)}
_AGGREGATED_SLOTS = [_SLOT[name] for name in _AGGREGATED]
_ENDINGS = {"closed_resolved": _SLOT["resolved"], "closed_unresolved": _SLOT["unresolved"],
            "referred": _SLOT["referred"], "rejected": _SLOT["rejected"]}
# The three breakdowns read the same columns: one pass groups by all three at once
# (the concern_report index holds them in this order) and Python adds the groups up.
_KEYS = (Concern.category, Concern.neighbourhood, Concern.owner)


class _Tally:
    """The counts and days to close of one row of the report while rows are added up."""

    __slots__ = ("counts", "days")

    def __init__(self):
        self.counts = [0] * len(_COUNTED)
        self.days: list[float] = []

    def add(self, other: _Tally) -> None:
        self.counts = list(map(operator.add, self.counts, other.counts))
        self.days += other.days

    def figures(self, label: str) -> Figures:
        days = self.days
        average = round(sum(days) / len(days), 1) if days else None
        median = round(statistics.median(days), 1) if days else None
        return Figures(label, **dict(zip(_COUNTED, self.counts, strict=True)),
                       average_days_to_close=average, median_days_to_close=median)


def _breakdowns(w: _Window, where: list[pw.Expression]) -> tuple[_Tally, list[dict[str, _Tally]]]:
    """The totals, and a tally per category, per neighbourhood and per owner."""
    shut, questions = _questions(w)
    combos: dict[tuple, _Tally] = defaultdict(_Tally)
    # No "received, closed or open" filter: every count tests its own condition, and one
    # pass over the covering index in group order beats reaching rows through three ranges.
    aggregate = Concern.select(*_KEYS, *(_count(questions[name]) for name in _AGGREGATED)).group_by(*_KEYS)
    for row in database.execute(aggregate.where(*where) if where else aggregate).fetchall():
        counts = combos[row[:3]].counts
        for slot, n in zip(_AGGREGATED_SLOTS, row[3:], strict=True):
            counts[slot] += n
    # Days to close need both times, and neither engine's date arithmetic reads the same in
    # the other: the concerns closed in the period come back one by one and Python does it.
    stored = sqlparts.as_stored
    on_time = pw.Case(None, [(stored(Concern.closed_at) <= stored(Concern.resolution_target), 1)], 0)
    query = Concern.select(*_KEYS, Concern.status, Concern.received_at, Concern.closed_at, on_time)
    closed, closed_on_time = _SLOT["closed"], _SLOT["closed_on_time"]
    rows = database.execute(query.where(*where, shut)).fetchall()
    # One engine hands back text, the other datetimes: told once, not per row and column.
    moment = datetime.fromisoformat if rows and isinstance(rows[0][4], str) else _moment
    for category_id, neighbourhood, owner, status, received_at, closed_at, in_time in rows:
        tally = combos[category_id, neighbourhood, owner]
        counts = tally.counts
        counts[closed] += 1
        counts[closed_on_time] += in_time
        ending = _ENDINGS.get(status)
        if ending is not None:
            counts[ending] += 1
        tally.days.append((moment(closed_at) - moment(received_at)).total_seconds() / 86400)
    names = dict(ConcernCategory.select(ConcernCategory.id, ConcernCategory.name).tuples())
    total, groups = _Tally(), [defaultdict(_Tally) for _ in _KEYS]
    for (category_id, neighbourhood, owner), tally in combos.items():
        if not any(tally.counts):
            continue  # nothing received, closed or open: the group does not belong in the period
        total.add(tally)
        for found, label in zip(groups, (names.get(category_id) or NO_CATEGORY, neighbourhood or NO_NEIGHBOURHOOD,
                                         owner or UNASSIGNED), strict=True):
            found[label].add(tally)
    return total, groups


def _months(start: date, end: date, tz: str | None, w: _Window, where: list[pw.Expression]) -> list[MonthFigures]:
    firsts, day = [], start.replace(day=1)
    while day <= end:
        firsts.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    # Where each month after the first starts; the period's own bounds close the two ends.
    edges = [w.start, *(_day_start(first, tz) for first in firsts[1:]), w.end]
    # Two counts a month, each a short range of the received_at or closed_at index, in one statement.
    counts = []
    for lo, hi in pairwise(edges):
        closed_by_then = [sqlparts.as_stored(Concern.closed_at) <= w.as_at]
        for column, extra in ((Concern.received_at, []), (Concern.closed_at, closed_by_then)):
            counts.append(Concern.select(fn.COUNT(Concern.id)).where(*where, column >= lo, column < hi, *extra))
    numbers = database.execute(pw.Select(columns=counts)).fetchone()
    return [MonthFigures(first, numbers[2 * n], numbers[2 * n + 1]) for n, first in enumerate(firsts)]


def grievance_report(start: date, end: date, *, category_id: int | None = None,
                     neighbourhood: str | None = None, now: datetime | None = None,
                     tz: str | None = None) -> GrievanceReport:
    """The report for the days ``start`` to ``end`` (both included) in the zone ``tz``.

    ``category_id`` limits it to a category (or subcategory), ``neighbourhood``
    to one neighbourhood; ``now`` (aware, or naive UTC) is for tests.
    """
    if end < start:
        raise ValueError("the period ends before it starts")
    now = to_utc_naive(now) if now is not None else utcnow()
    period_end = _day_start(end + timedelta(days=1), tz)
    window = _Window(_day_start(start, tz), period_end, min(period_end, now))
    where = _filter(category_id, neighbourhood)
    total, (categories, hoods, owners) = _breakdowns(window, where)
    category = ""
    if category_id is not None:
        row = ConcernCategory.get_or_none(ConcernCategory.id == category_id)
        category = row.name if row else ""

    def ordered(tallies: dict[str, _Tally], empty: str) -> list[Figures]:
        rows = [tally.figures(label) for label, tally in sorted(tallies.items())]
        return sorted(rows, key=lambda f: (f.label == empty, -f.received, -f.open, f.label.lower()))

    return GrievanceReport(
        start=start, end=end, as_at=window.as_at, category=category, neighbourhood=neighbourhood or "",
        totals=total.figures("Total"),
        by_category=ordered(categories, NO_CATEGORY),
        by_neighbourhood=ordered(hoods, NO_NEIGHBOURHOOD),
        by_owner=ordered(owners, UNASSIGNED),
        months=_months(start, end, tz, window, where),
    )


# --- periods people ask for -------------------------------------------------------

PERIODS = {
    "this_month": "This month",
    "last_month": "Last month",
    "this_quarter": "This quarter",
    "last_quarter": "Last quarter",
    "this_year": "This year",
    "last_year": "Last year",
    "last_12_months": "Last 12 months",
}


def _month_start(year: int, month: int) -> date:
    """The first of ``month`` (which may run past 12 or below 1)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def period_dates(preset: str, today: date) -> tuple[date, date]:
    """(first day, last day) of a preset period (a key of PERIODS) around ``today``."""
    quarter_first = 3 * ((today.month - 1) // 3) + 1
    starts = {
        "this_month": (_month_start(today.year, today.month), _month_start(today.year, today.month + 1)),
        "last_month": (_month_start(today.year, today.month - 1), _month_start(today.year, today.month)),
        "this_quarter": (_month_start(today.year, quarter_first), _month_start(today.year, quarter_first + 3)),
        "last_quarter": (_month_start(today.year, quarter_first - 3), _month_start(today.year, quarter_first)),
        "this_year": (date(today.year, 1, 1), date(today.year + 1, 1, 1)),
        "last_year": (date(today.year - 1, 1, 1), date(today.year, 1, 1)),
        "last_12_months": (_month_start(today.year, today.month - 11), _month_start(today.year, today.month + 1)),
    }
    if preset not in starts:
        raise ValueError(f"unknown period {preset!r}; use one of {', '.join(PERIODS)}")
    first, following = starts[preset]
    return first, following - timedelta(days=1)
