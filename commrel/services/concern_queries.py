"""Reading concerns: one record, its timeline, filtered and sorted lists, the board.

Every criterion of a ConcernFilter and every sort runs in SQL, so a list of
tens of thousands of concerns pages without loading them into Python.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import reduce

from peewee import JOIN, SQL, Case, fn

from .. import search, sqlparts
from ..errors import NotFound
from ..models import Concern, ConcernCategory, ConcernUpdate, Stakeholder, database
from ..models.choices import CLOSED_CONCERN_STATUSES, CONCERN_STATUSES, PRIORITIES, SEVERITIES
from ..timeutil import to_utc_naive, utcnow, zone
from ..users import current_user


def get(concern_id: int) -> Concern:
    """The concern with this id; NotFound with a readable message otherwise."""
    concern = Concern.get_or_none(Concern.id == concern_id)
    if concern is None:
        raise NotFound(f"Concern #{concern_id} was not found; it may have been deleted.")
    return concern


def get_by_reference(reference: str) -> Concern:
    concern = Concern.get_or_none(Concern.reference == (reference or "").strip().upper())
    if concern is None:
        raise NotFound(f"There is no concern with reference {reference}.")
    return concern


def timeline(concern_id: int) -> list[ConcernUpdate]:
    """Every timeline entry of the concern, newest first."""
    get(concern_id)
    return list(ConcernUpdate.select().where(ConcernUpdate.concern == concern_id)
                .order_by(ConcernUpdate.at.desc(), ConcernUpdate.id.desc()))


# --- lists ------------------------------------------------------------------

@dataclass(frozen=True)
class ConcernFilter:
    """What a concern list shows; every criterion is applied in SQL."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    open_only: bool = False
    overdue_only: bool = False
    category_id: int | None = None  # matches the category or the subcategory
    neighbourhood: str = ""
    owner: str | None = None  # "" means unassigned
    received_from: date | datetime | None = None  # a date means from the start of that day
    received_to: date | datetime | None = None  # a date includes that whole day
    complainant_id: int | None = None
    event_id: int | None = None
    tz: str | None = None  # the zone dates are read in (default this computer's)


def _overdue_clause(now: datetime):
    return (Concern.status.not_in(CLOSED_CONCERN_STATUSES)
            & ((Concern.acknowledged_at.is_null() & (Concern.acknowledge_due < now))
               | (Concern.resolution_target < now)))


def _day_start(day: date, tz: str | None) -> datetime:
    return to_utc_naive(datetime.combine(day, time.min, tzinfo=zone(tz)))


def _where(f: ConcernFilter | None, now: datetime | None = None):
    f = f or ConcernFilter()
    clauses = []
    if f.text.strip():
        matching = search.matching_ids_sql("concern", f.text)
        if matching is not None:
            clauses.append(Concern.id.in_(SQL(f"({matching[0]})", matching[1])))
    if f.statuses:
        clauses.append(Concern.status.in_(list(f.statuses)))
    if f.open_only:
        clauses.append(Concern.status.not_in(CLOSED_CONCERN_STATUSES))
    if f.overdue_only:
        clauses.append(_overdue_clause(to_utc_naive(now) if now else utcnow()))
    if f.category_id is not None:
        clauses.append((Concern.category == f.category_id) | (Concern.subcategory == f.category_id))
    if f.neighbourhood:
        clauses.append(Concern.neighbourhood == f.neighbourhood)
    if f.owner is not None:
        clauses.append(Concern.owner == f.owner)
    if f.received_from is not None:
        start = (to_utc_naive(f.received_from) if isinstance(f.received_from, datetime)
                 else _day_start(f.received_from, f.tz))
        clauses.append(Concern.received_at >= start)
    if f.received_to is not None:
        if isinstance(f.received_to, datetime):
            clauses.append(Concern.received_at <= to_utc_naive(f.received_to))
        else:
            clauses.append(Concern.received_at < _day_start(f.received_to + timedelta(days=1), f.tz))
    if f.complainant_id is not None:
        clauses.append(Concern.complainant == f.complainant_id)
    if f.event_id is not None:
        clauses.append(Concern.event == f.event_id)
    return reduce(operator.and_, clauses) if clauses else SQL("1 = 1")


def _rank(field, codes) -> Case:
    return Case(field, [(code, n) for n, code in enumerate(codes)], len(codes))


_SORTS = {
    "received_at": (Concern.received_at,),
    # CR-YYYY- first, then shorter numbers first, so CR-2026-10000 follows CR-2026-9999.
    "reference": (fn.SUBSTR(Concern.reference, 1, 8), fn.LENGTH(Concern.reference), Concern.reference),
    "status": (_rank(Concern.status, CONCERN_STATUSES),),
    "severity": (_rank(Concern.severity, SEVERITIES),),
    "priority": (_rank(Concern.priority, PRIORITIES),),
    "summary": (fn.LOWER(Concern.summary),),
    "owner": (fn.LOWER(Concern.owner),),
    "neighbourhood": (fn.LOWER(Concern.neighbourhood),),
    "acknowledge_due": (Concern.acknowledge_due,),
    "resolution_target": (Concern.resolution_target,),
    "updated_at": (Concern.updated_at,),
    "closed_at": (Concern.closed_at,),
    "category": (fn.LOWER(fn.COALESCE(ConcernCategory.name, "")),),
    # Days from receipt to closure, or to now while open.
    "days_open": (sqlparts.elapsed_days(fn.COALESCE(Concern.closed_at, sqlparts.now_utc()), Concern.received_at),),
}
SORT_KEYS = tuple(_SORTS)


def _select(f: ConcernFilter | None, now: datetime | None):
    # Category and complainant come in the same query, so a list shows their
    # names without a query per row.
    return (Concern.select(Concern, ConcernCategory, Stakeholder)
            .join(ConcernCategory, JOIN.LEFT_OUTER, on=(Concern.category == ConcernCategory.id))
            .switch(Concern)
            .join(Stakeholder, JOIN.LEFT_OUTER, on=(Concern.complainant == Stakeholder.id))
            .switch(Concern)
            .where(_where(f, now)))


def list_concerns(filter: ConcernFilter | None = None, sort: str = "received_at", descending: bool = True,
                  offset: int = 0, limit: int | None = 200, *, now: datetime | None = None) -> list[Concern]:
    """One page of concerns matching ``filter``, sorted by one of SORT_KEYS (``limit`` None: all)."""
    if sort not in _SORTS:
        raise ValueError(f"cannot sort concerns by {sort!r}; use one of {', '.join(SORT_KEYS)}")
    order = [e.desc() if descending else e.asc() for e in _SORTS[sort]]
    order.append(Concern.id.desc() if descending else Concern.id.asc())
    if limit is None:
        return list(_select(filter, now).order_by(*order).offset(offset))
    return _page(filter, now, order, offset, limit, by_category=sort == "category")


def _page(f: ConcernFilter | None, now: datetime | None, order: list, offset: int, limit: int, *,
          by_category: bool = False) -> list[Concern]:
    """A page of concerns with their category and complainant, in ``order``.

    The page's ids come first, sorting nothing but the key: sorting whole joined
    rows made SQLite join every concern to its complainant and carry all of it
    through the sort (a fifth of a second for 50,000 concerns).
    """
    keys = Concern.select(Concern.id)
    if by_category:
        keys = keys.join(ConcernCategory, JOIN.LEFT_OUTER, on=(Concern.category == ConcernCategory.id))
    ids = [concern_id for concern_id, in database.execute(
        keys.where(_where(f, now)).order_by(*order).offset(offset).limit(limit))]
    if not ids:
        return []
    found = {c.id: c for c in _select(None, now).where(Concern.id.in_(ids))}
    return [found[i] for i in ids if i in found]


def count(filter: ConcernFilter | None = None, *, now: datetime | None = None) -> int:
    """How many concerns match ``filter``."""
    return Concern.select().where(_where(filter, now)).count()


def board(filter: ConcernFilter | None = None, *, now: datetime | None = None,
          limit_per_status: int = 200) -> dict[str, list[Concern]]:
    """Concerns by status for a board, every status a key in lifecycle order.

    Open columns put the nearest target first; closed ones the latest closed.
    """
    f = filter or ConcernFilter()
    statuses = [s for s in CONCERN_STATUSES
                if (not f.statuses or s in f.statuses) and not (f.open_only and s in CLOSED_CONCERN_STATUSES)]
    columns: dict[str, list[Concern]] = {s: [] for s in CONCERN_STATUSES}
    for status in statuses:
        order = (Concern.closed_at.desc() if status in CLOSED_CONCERN_STATUSES
                 else Concern.resolution_target.asc())
        columns[status] = _page(replace(f, statuses=(status,)), now, [order, Concern.id.desc()], 0, limit_per_status)
    return columns


def my_concerns(owner: str | None = None) -> list[Concern]:
    """Open concerns of ``owner`` (default: whoever is working), nearest target first."""
    f = ConcernFilter(owner=current_user() if owner is None else owner, open_only=True)
    return list_concerns(f, sort="resolution_target", descending=False, limit=None)


def for_stakeholder(stakeholder_id: int) -> list[Concern]:
    """Every concern the stakeholder raised, newest first."""
    return list_concerns(ConcernFilter(complainant_id=stakeholder_id), limit=None)


def for_event(event_id: int) -> list[Concern]:
    """Every concern raised at the event, newest first."""
    return list_concerns(ConcernFilter(event_id=event_id), limit=None)


def overdue(now: datetime | None = None) -> list[Concern]:
    """Open concerns past their acknowledgement or resolution date, most overdue first."""
    return list_concerns(ConcernFilter(overdue_only=True), sort="resolution_target", descending=False,
                         limit=None, now=now)


def neighbourhoods() -> list[str]:
    """Every neighbourhood a concern names, for filter pickers."""
    q = (Concern.select(Concern.neighbourhood).where(Concern.neighbourhood != "")
         .group_by(Concern.neighbourhood).order_by(fn.LOWER(Concern.neighbourhood), Concern.neighbourhood))
    return [row[0] for row in q.tuples()]


def owners() -> list[str]:
    """Every staff member who owns a concern, for filter pickers."""
    q = (Concern.select(Concern.owner).where(Concern.owner != "")
         .group_by(Concern.owner).order_by(fn.LOWER(Concern.owner), Concern.owner))
    return [row[0] for row in q.tuples()]


def status_counts(filter: ConcernFilter | None = None, *, now: datetime | None = None) -> dict[str, int]:
    """How many concerns matching ``filter`` are at each status (every status a key)."""
    q = (Concern.select(Concern.status, fn.COUNT(Concern.id)).where(_where(filter, now))
         .group_by(Concern.status))
    found = dict(q.tuples())
    return {status: found.get(status, 0) for status in CONCERN_STATUSES}
