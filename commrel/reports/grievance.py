"""The grievance-mechanism report: how concerns were received, answered and closed in a period.

Two views of a period, as grievance reports to lenders usually read:

- *received* figures are about the concerns received in the period (how
  many, how many were acknowledged within the standard);
- *closed* figures are about the concerns closed in the period, whenever
  they were received (how many, how many within target, how long it took,
  how they ended: resolved, unresolved, referred or rejected);
- *open* and *overdue* are counted as at the end of the period, or now when
  the period has not ended yet.

Everything is counted by SQLite; Python only shapes the rows. The report
holds no complainant names, not even for concerns that are neither
anonymous nor confidential: the only people named are staff owners.

A concern closed in the period and later reopened by an appeal no longer
counts as closed there, because the database keeps the latest closure only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..models import ConcernCategory, database
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


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _day_start(day: date, tz: str | None) -> datetime:
    return to_utc_naive(datetime.combine(day, time.min, tzinfo=zone(tz)))


# One row per concern that matters to the period, with a flag per question
# asked of it; the aggregate queries sum the flags. :s and :e bound the period
# (end exclusive), :a is the moment open and overdue are judged at.
_FLAGS = """
    SELECT c.id, c.status, {key} AS key,
      (c.received_at >= :s AND c.received_at < :e) AS got,
      (c.closed_at >= :s AND c.closed_at < :e AND c.closed_at <= :a) AS shut,
      (c.received_at <= :a AND (c.closed_at IS NULL OR c.closed_at > :a)) AS is_open,
      c.received_at, c.closed_at, c.acknowledged_at, c.acknowledge_due, c.resolution_target
    FROM concern c {join}
    WHERE {where}"""

_AGGREGATE = """
    WITH f AS ({flags}),
    g AS (SELECT * FROM f WHERE got OR shut OR is_open),
    d AS (SELECT key, julianday(closed_at) - julianday(received_at) AS days FROM g WHERE shut),
    ranked AS (SELECT key, days, ROW_NUMBER() OVER (PARTITION BY key ORDER BY days) AS n,
                      COUNT(*) OVER (PARTITION BY key) AS total FROM d),
    median AS (SELECT key, AVG(days) AS days FROM ranked
               WHERE n IN ((total + 1) / 2, (total + 2) / 2) GROUP BY key)
    SELECT g.key,
      SUM(got),
      SUM(got AND ((acknowledged_at IS NOT NULL AND acknowledged_at <= :a)
                   OR acknowledge_due < MIN(COALESCE(closed_at, :a), :a))),
      SUM(got AND acknowledged_at IS NOT NULL AND acknowledged_at <= :a AND acknowledged_at <= acknowledge_due),
      SUM(shut),
      SUM(shut AND closed_at <= resolution_target),
      AVG(CASE WHEN shut THEN julianday(closed_at) - julianday(received_at) END),
      (SELECT days FROM median WHERE median.key IS g.key),
      SUM(is_open),
      SUM(is_open AND (resolution_target < :a
                       OR (acknowledge_due < :a AND (acknowledged_at IS NULL OR acknowledged_at > :a)))),
      SUM(shut AND status = 'closed_resolved'),
      SUM(shut AND status = 'closed_unresolved'),
      SUM(shut AND status = 'referred'),
      SUM(shut AND status = 'rejected')
    FROM g GROUP BY g.key"""

_MONTHS = """
    WITH m(month, lo, hi) AS (VALUES {values})
    SELECT m.month,
      (SELECT COUNT(*) FROM concern c WHERE {where} AND c.received_at >= m.lo AND c.received_at < m.hi),
      (SELECT COUNT(*) FROM concern c WHERE {where} AND c.closed_at >= m.lo AND c.closed_at < m.hi
                                          AND c.closed_at <= :a)
    FROM m ORDER BY m.month"""

# What each breakdown groups by, and the label of its empty group.
_GROUPS = {
    "total": ("NULL", "", "Total"),
    "category": ("k.name", "LEFT JOIN concern_category k ON k.id = c.category_id", NO_CATEGORY),
    "neighbourhood": ("NULLIF(c.neighbourhood, '')", "", NO_NEIGHBOURHOOD),
    "owner": ("NULLIF(c.owner, '')", "", UNASSIGNED),
}


def _filter(category_id: int | None, neighbourhood: str | None) -> tuple[str, dict]:
    clauses, params = ["1 = 1"], {}
    if category_id is not None:
        clauses.append("(c.category_id = :cat OR c.subcategory_id = :cat)")
        params["cat"] = category_id
    if neighbourhood:
        clauses.append("c.neighbourhood = :hood")
        params["hood"] = neighbourhood
    return " AND ".join(clauses), params


def _figures(group: str, where: str, params: dict) -> list[Figures]:
    key, join, empty = _GROUPS[group]
    sql = _AGGREGATE.format(flags=_FLAGS.format(key=key, join=join, where=where))
    rows = []
    for key_value, *numbers in database.execute_sql(sql, params).fetchall():
        counts = [int(n or 0) for n in numbers[:5]] + numbers[5:7] + [int(n or 0) for n in numbers[7:]]
        average, median = (None if v is None else round(v, 1) for v in counts[5:7])
        rows.append(Figures(key_value or empty, *counts[:5], average, median, *counts[7:]))
    return rows


def _months(start: date, end: date, tz: str | None, where: str, params: dict) -> list[MonthFigures]:
    firsts, day = [], start.replace(day=1)
    while day <= end:
        firsts.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    values, month_params = [], {}
    for n, first in enumerate(firsts):
        following = (first + timedelta(days=32)).replace(day=1)
        lo, hi = max(first, start), min(following, end + timedelta(days=1))
        values.append(f"(:m{n}, :lo{n}, :hi{n})")
        month_params.update({f"m{n}": first.isoformat(), f"lo{n}": _ts(_day_start(lo, tz)),
                             f"hi{n}": _ts(_day_start(hi, tz))})
    sql = _MONTHS.format(values=", ".join(values), where=where)
    return [MonthFigures(date.fromisoformat(month), received, closed)
            for month, received, closed in database.execute_sql(sql, {**params, **month_params}).fetchall()]


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
    as_at = min(period_end, now)
    where, params = _filter(category_id, neighbourhood)
    params.update(s=_ts(_day_start(start, tz)), e=_ts(period_end), a=_ts(as_at))
    totals = _figures("total", where, params)
    category = ""
    if category_id is not None:
        row = ConcernCategory.get_or_none(ConcernCategory.id == category_id)
        category = row.name if row else ""

    def ordered(rows: list[Figures], empty: str) -> list[Figures]:
        return sorted(rows, key=lambda f: (f.label == empty, -f.received, -f.open, f.label.lower()))

    return GrievanceReport(
        start=start, end=end, as_at=as_at, category=category, neighbourhood=neighbourhood or "",
        totals=totals[0] if totals else Figures("Total"),
        by_category=ordered(_figures("category", where, params), NO_CATEGORY),
        by_neighbourhood=ordered(_figures("neighbourhood", where, params), NO_NEIGHBOURHOOD),
        by_owner=ordered(_figures("owner", where, params), UNASSIGNED),
        months=_months(start, end, tz, where, params),
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
