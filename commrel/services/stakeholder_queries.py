"""Reading the register: filters, sorted pages, counts, timelines, saved views.

Filtering and sorting happen in SQL so a 100,000-row register pages in
milliseconds; nothing here loads the whole table into Python.
"""
from __future__ import annotations

import functools
import json
import operator
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any

import peewee
from peewee import SQL

from .. import search as search_module
from .. import sqlparts
from ..errors import ValidationError
from ..models import (Concern, Event, EventParticipant, Interaction, InteractionParticipant, Membership,
                      SavedView, Stakeholder, StakeholderTag, Tag, choices, database)
from ..timeutil import utcnow
from .driver_rows import ByIdSelect


@dataclass
class StakeholderFilter:
    text: str = ""
    kinds: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    neighbourhoods: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    positions: list[str] = field(default_factory=list)
    consent: bool | None = None
    do_not_contact: bool | None = None
    # False: the live register; True: only the archive; None: both.
    archived: bool | None = False
    not_contacted_days: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "StakeholderFilter":
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def is_default(self) -> bool:
        return self == StakeholderFilter()


SORT_COLUMNS = {
    "name": Stakeholder.sort_name,
    "kind": Stakeholder.kind,
    "type": Stakeholder.type,
    "organisation": Stakeholder.organisation_name,
    "email": Stakeholder.email,
    "phone": Stakeholder.phone,
    "neighbourhood": Stakeholder.neighbourhood,
    "position": Stakeholder.position,
    "influence": Stakeholder.influence,
    "interest": Stakeholder.interest,
    "last_contacted": Stakeholder.last_contacted_at,
    "updated": Stakeholder.updated_at,
    "created": Stakeholder.created_at,
}


def _where(q: peewee.ModelSelect, f: StakeholderFilter, now: datetime | None = None) -> peewee.ModelSelect:
    if f.archived is not None:
        q = q.where(Stakeholder.archived == f.archived)
    if f.kinds:
        q = q.where(Stakeholder.kind.in_(f.kinds))
    if f.types:
        q = q.where(Stakeholder.type.in_(f.types))
    if f.positions:
        q = q.where(Stakeholder.position.in_(f.positions))
    if f.neighbourhoods:
        q = q.where(Stakeholder.neighbourhood.in_(f.neighbourhoods))
    if f.consent is not None:
        q = q.where(Stakeholder.consent == f.consent)
    if f.do_not_contact is not None:
        q = q.where(Stakeholder.do_not_contact == f.do_not_contact)
    if f.organisation_id is not None:
        members = Membership.select(Membership.person).where(Membership.organisation == f.organisation_id)
        q = q.where(Stakeholder.id.in_(members) | (Stakeholder.id == f.organisation_id))
    if f.tags:
        # Every chosen tag must be present.
        tagged = (StakeholderTag.select(StakeholderTag.stakeholder).join(Tag)
                  .where(Tag.name.in_(f.tags)).group_by(StakeholderTag.stakeholder)
                  .having(peewee.fn.COUNT(peewee.fn.DISTINCT(Tag.id)) == len(set(f.tags))))
        q = q.where(Stakeholder.id.in_(tagged))
    if f.not_contacted_days is not None:
        cutoff = (now or utcnow()) - timedelta(days=f.not_contacted_days)
        q = q.where(Stakeholder.last_contacted_at.is_null() | (Stakeholder.last_contacted_at < cutoff))
    if f.text.strip():
        fragment = search_module.matching_ids_sql("stakeholder", f.text)
        if fragment is not None:
            sql, params = fragment
            q = q.where(Stakeholder.id.in_(SQL(f"({sql})", params)))
    return q


def count(f: StakeholderFilter | None = None) -> int:
    return _where(Stakeholder.select(peewee.fn.COUNT(Stakeholder.id)), f or StakeholderFilter()).scalar()


def ids(f: StakeholderFilter | None = None) -> list[int]:
    q = _where(Stakeholder.select(Stakeholder.id), f or StakeholderFilter())
    return [r[0] for r in q.tuples()]


@dataclass(frozen=True)
class StakeholderRow:
    id: int
    kind: str
    type: str
    display_name: str
    organisation_name: str
    email: str
    phone: str
    neighbourhood: str
    position: str
    influence: int
    interest: int
    do_not_contact: bool
    consent: bool
    archived: bool
    last_contacted_at: datetime | None
    updated_at: datetime
    version: int


_ROW_FIELDS = [f.name for f in fields(StakeholderRow)]
_ROW_COLUMNS = [getattr(Stakeholder, n) for n in _ROW_FIELDS]
# Pages of the table and find-as-you-type hits are read by id straight from the driver.
_ROWS_BY_ID = ByIdSelect(Stakeholder, _ROW_COLUMNS)


def _order(sort: str, descending: bool) -> list:
    column = SORT_COLUMNS.get(sort)
    if column is None:
        raise ValidationError("sort", f"Cannot sort by {sort!r}.")
    if sort == "last_contacted":
        # Never-contacted people belong at the "oldest" end.
        return [column.desc(nulls="last") if descending else column.asc(nulls="first"), Stakeholder.id]
    return [column.desc() if descending else column.asc(),
            Stakeholder.id.desc() if descending else Stakeholder.id.asc()]


def page(f: StakeholderFilter | None = None, *, sort: str = "name", descending: bool = False,
         offset: int = 0, limit: int = 200) -> list[StakeholderRow]:
    """One page of the register, sorted and filtered by the database."""
    q = (Stakeholder.select(*_ROW_COLUMNS)
         .order_by(*_order(sort, descending)).offset(offset).limit(limit))
    q = _where(q, f or StakeholderFilter())
    return [StakeholderRow(*r) for r in q.tuples()]


def pick(text: str, *, kinds: list[str] | None = None, limit: int = 15) -> list[StakeholderRow]:
    """Find-as-you-type for choosing one live record: names holding the words first, then other matches.

    A word typed also matches emails, notes and neighbourhoods: "harb" finds
    everyone in Harbourside. Someone choosing "Harbour Traders" should see it
    before the hundreds that only live there, each group in name order.
    """
    if search_module.match_expression(text) is None:
        return []  # nothing typed that can be looked for
    f = StakeholderFilter(text=text, kinds=list(kinds or []))
    named_sql = search_module.name_matching_ids_sql("stakeholder", text)
    if named_sql is not None:
        in_name = Stakeholder.id.in_(SQL(f"({named_sql[0]})", named_sql[1]))
    else:  # the team database keeps one document per record: the words are looked for in the name's text
        typed = search_module.words(text)
        in_name = functools.reduce(operator.and_, [Stakeholder.display_name ** f"%{w}%" for w in typed]) \
            if typed else None
    # Matches number a few thousand at most: sorting them is quicker than walking the whole
    # name index in order to meet them (a few ms against up to 60 at 100,000 records).
    plus = sqlparts.without_index()
    by_name = [SQL(f"{plus}sort_name"), SQL(f"{plus}id")]
    rows: list[StakeholderRow] = []
    if in_name is not None:
        q = _where(Stakeholder.select(*_ROW_COLUMNS).where(in_name), replace(f, text="")).order_by(*by_name)
        rows = [StakeholderRow(*r) for r in q.limit(limit).tuples()]
    if len(rows) < limit:
        shown = {r.id for r in rows}
        q = _where(Stakeholder.select(*_ROW_COLUMNS), f).order_by(*by_name).limit(limit + len(rows))
        rows += [r for r in (StakeholderRow(*t) for t in q.tuples()) if r.id not in shown][:limit - len(rows)]
    return rows


def ordered_ids(f: StakeholderFilter | None = None, *, sort: str = "name", descending: bool = False) -> list[int]:
    """Every matching id in the order :func:`page` gives.

    A deep ``OFFSET`` costs a sort of the whole register per page; one ordered
    id list (a fraction of a second at 100,000 rows) makes every later page a
    primary-key lookup through :func:`rows_by_id`.
    """
    q = _where(Stakeholder.select(Stakeholder.id).order_by(*_order(sort, descending)), f or StakeholderFilter())
    sql, params = q.sql()
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]


def rows_by_id(wanted: list[int]) -> list[StakeholderRow | None]:
    """Register rows for ``wanted``, in that order; None where a record no longer exists."""
    found: dict[int, StakeholderRow] = {}
    for start in range(0, len(wanted), 500):
        found.update((r[0], StakeholderRow(*r)) for r in _ROWS_BY_ID.rows(database, wanted[start:start + 500]))
    return [found.get(i) for i in wanted]


# Timeline ------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # interaction, event, concern
    ref_id: int
    title: str
    detail: str


def timeline(stakeholder_id: int, limit: int = 500) -> list[TimelineEntry]:
    """Interactions, event participation and concerns of one stakeholder, newest first."""
    entries: list[TimelineEntry] = []
    q = (Interaction.select().join(InteractionParticipant)
         .where(InteractionParticipant.stakeholder == stakeholder_id)
         .order_by(Interaction.occurred_at.desc()).limit(limit))
    for i in q:
        detail = i.summary
        if i.follow_up:
            state = "done" if i.follow_up_done else f"due {i.follow_up_due}" if i.follow_up_due else "open"
            detail += f" — follow-up: {i.follow_up} ({state})"
        entries.append(TimelineEntry(i.occurred_at, "interaction", i.id,
                                     choices.label(choices.INTERACTION_CHANNELS, i.channel), detail))
    q = (EventParticipant.select(EventParticipant, Event).join(Event)
         .where(EventParticipant.stakeholder == stakeholder_id).order_by(Event.starts_at.desc()).limit(limit))
    for p in q:
        state = "attended" if p.attended else choices.label(choices.RSVP_STATUSES, p.rsvp).lower()
        entries.append(TimelineEntry(p.event.starts_at, "event", p.event.id, p.event.title,
                                     f"{choices.label(choices.PARTICIPANT_ROLES, p.role)}, {state}"))
    for c in Concern.select().where(Concern.complainant == stakeholder_id).order_by(Concern.received_at.desc()):
        entries.append(TimelineEntry(c.received_at, "concern", c.id, f"{c.reference} {c.summary}",
                                     choices.label(choices.CONCERN_STATUSES, c.status)))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


# Saved views ----------------------------------------------------------------

def save_view(name: str, f: StakeholderFilter, panel: str = "stakeholders") -> SavedView:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("name", "Give the view a name.")
    with database.atomic():
        view, _ = SavedView.get_or_create(panel=panel, name=name, defaults={"filters": f.to_json()})
        view.filters = f.to_json()
        view.save()
    return view


def saved_views(panel: str = "stakeholders") -> list[tuple[str, StakeholderFilter]]:
    q = SavedView.select().where(SavedView.panel == panel).order_by(SavedView.name)
    return [(v.name, StakeholderFilter.from_json(v.filters)) for v in q]


def delete_view(name: str, panel: str = "stakeholders") -> None:
    SavedView.delete().where(SavedView.panel == panel, SavedView.name == name).execute()


def as_dict(s: Stakeholder) -> dict[str, Any]:
    return {f.name: getattr(s, f.name) for f in Stakeholder._meta.sorted_fields}


def search(text: str, limit: int = 50, *, include_archived: bool = False) -> list[StakeholderRow]:
    """The best ``limit`` matches for what was typed, by relevance (the find-as-you-type boxes)."""
    asked = limit if include_archived else limit * 2
    while True:
        ids = search_module.search_ids("stakeholder", text, limit=asked)
        hits = _hits(ids, limit, include_archived)
        if len(hits) >= limit or len(ids) < asked:
            return hits
        asked *= 4  # archived records took too many of the best places


def _hits(ids: list[int], limit: int, include_archived: bool) -> list[StakeholderRow]:
    # Archived rows are dropped here: a condition on the flag would lead SQLite to read
    # through its index of the flag instead of fetching the hits by id. The spare hits
    # are read only when archived ones left the first ``limit`` short.
    wanted: list[StakeholderRow] = []
    for part in (ids[:limit], ids[limit:]):
        rows = {r[0]: StakeholderRow(*r) for r in _ROWS_BY_ID.rows(database, part)}
        wanted += [rows[i] for i in part if i in rows and (include_archived or not rows[i].archived)]
        if len(wanted) >= limit:
            break
    return wanted[:limit]
