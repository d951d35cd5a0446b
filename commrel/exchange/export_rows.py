"""The records an export writes, as plain rows (column key -> value), a chunk at a time.

Shared by the xlsx and CSV writers. Records are read 1,000 at a time by key
(never OFFSET), and what each chunk links to (tags, participants,
complainants) comes from one grouped query per chunk, not one per row.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator

import peewee

from ..errors import ExchangeError
from ..models import (Concern, ConcernCategory, ConcernUpdate, Event, EventParticipant, Interaction,
                      InteractionParticipant, Stakeholder, database)
from ..services.driver_rows import convert_row, converters
from ..services.stakeholder_queries import StakeholderFilter, _where
from ..timeutil import from_utc_naive
from .columns import KIND_SHEETS, SHEETS, Column, SheetDef
from .profiles import Profile

CHUNK = 1000


@dataclass
class SheetData:
    sheet: SheetDef
    columns: tuple[Column, ...]
    total: int
    rows: Callable[[], Iterator[dict[str, Any]]]


def local(value: datetime | None, tz: str | None = None) -> datetime | None:
    """A stored UTC instant as wall-clock time in ``tz`` (this computer's zone by default)."""
    if value is None:
        return None
    return from_utc_naive(value, tz).replace(tzinfo=None)


class _PlainDicts:
    """A query read as plain dicts straight from the driver, for exports of the whole register.

    peewee's row wrappers and date parsing took longer than the query; the
    values are the same (checked by the export's tests against the models).
    """

    def __init__(self, query: peewee.ModelSelect):
        self.query = query
        fields = query.selected_columns
        self.names = [f.name for f in fields]
        self.convert = converters(fields)

    def where(self, *conditions) -> "_PlainDicts":
        return _PlainDicts(self.query.where(*conditions))

    def order_by(self, *order) -> "_PlainDicts":
        return _PlainDicts(self.query.order_by(*order))

    def limit(self, n: int) -> "_PlainDicts":
        return _PlainDicts(self.query.limit(n))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        names, convert = self.names, self.convert
        for row in database.execute(self.query):
            yield dict(zip(names, convert_row(row, convert) if convert else row))


def _chunks(query: peewee.ModelSelect | _PlainDicts, model, ids: list[int] | None, by=None) -> Iterator[list]:
    """Rows of ``query`` ordered by ``by`` (a non-null column) then id, CHUNK at a time.

    Pages by keyset, never OFFSET, so the last chunk costs what the first did.
    Given ``ids``, they are read in chunks of ids instead.
    """
    order = (by, model.id) if by is not None else (model.id,)
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), CHUNK):
            rows = list(query.where(model.id.in_(wanted[start:start + CHUNK])).order_by(*order))
            if rows:
                yield rows
        return
    after = None
    while True:
        page = query
        if after is not None:
            page = page.where(peewee.Tuple(*order) > peewee.Tuple(*after)) if by is not None else \
                page.where(model.id > after[0])
        rows = list(page.order_by(*order).limit(CHUNK))
        if not rows:
            return
        yield rows
        last = rows[-1]
        after = (by.db_value(_value(last, by.name)), _value(last, "id")) if by is not None else (_value(last, "id"),)


def _value(row: Any, name: str) -> Any:
    """A field of a row read as a model or, where building models costs too much, as a dict."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _count(query: peewee.ModelSelect, model, ids: list[int] | None) -> int:
    if ids is None:
        return query.count()
    wanted = sorted(set(ids))
    return sum(query.where(model.id.in_(wanted[s:s + CHUNK])).count() for s in range(0, len(wanted), CHUNK))


def _people(f: StakeholderFilter) -> peewee.ModelSelect:
    return _where(Stakeholder.select(Stakeholder.id), f)


# Stakeholders ---------------------------------------------------------------------

def _tags_of(ids: list[int]) -> dict[int, list[str]]:
    """Tag names per stakeholder, in name order."""
    if not ids:
        return {}
    # Plain SQL: peewee took longer to build the thousand-id list than SQLite took to answer.
    tags: dict[int, list[str]] = {}
    for sid, name in database.execute_sql(
            f"SELECT st.stakeholder_id, t.name FROM stakeholder_tag st JOIN tag t ON t.id = st.tag_id "
            f"WHERE st.stakeholder_id IN ({', '.join('?' * len(ids))}) ORDER BY t.name", ids):
        tags.setdefault(sid, []).append(name)
    return tags


def _stakeholders(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    # Plain dicts of the columns the profile keeps: building a model per row, and
    # parsing timestamps no column shows, cost more than the query.
    keys = {c.key for c in profile.columns(SHEETS["stakeholders"])}
    fields = Stakeholder._meta.fields
    wanted = [fields[k] for k in sorted(keys - {"id", "sort_name", "organisation_name"}) if k in fields]
    q = Stakeholder.select(Stakeholder.id, Stakeholder.sort_name, Stakeholder.organisation_name, *wanted)
    if f is not None:
        q = _where(q, f)
    if profile.exclude_do_not_contact:
        q = q.where(Stakeholder.do_not_contact == False)  # noqa: E712
    if profile.organisations_only:
        q = q.where(Stakeholder.kind == "organisation")

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(_PlainDicts(q), Stakeholder, ids, Stakeholder.sort_name):
            tags = _tags_of([s["id"] for s in chunk])
            for row in chunk:
                row["organisation"] = row["organisation_name"]
                row["tags"] = tags.get(row["id"], [])
                if "last_contacted_at" in row:
                    row["last_contacted_at"] = local(row["last_contacted_at"])
                yield row
    return _count(q, Stakeholder, ids), rows


# Interactions ----------------------------------------------------------------------

def _interactions(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    q = (Interaction.select(Interaction, Event.title, Concern.reference)
         .join(Event, peewee.JOIN.LEFT_OUTER, on=Interaction.event == Event.id).switch(Interaction)
         .join(Concern, peewee.JOIN.LEFT_OUTER, on=Interaction.concern == Concern.id))
    if f is not None:
        q = q.where(Interaction.id.in_(InteractionParticipant.select(InteractionParticipant.interaction)
                                       .where(InteractionParticipant.stakeholder.in_(_people(f)))))

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(q, Interaction, ids, Interaction.occurred_at):
            people: dict[int, list[tuple[str, str]]] = {}
            links = (InteractionParticipant.select(InteractionParticipant.interaction, Stakeholder.display_name,
                                                   Stakeholder.email, Stakeholder.do_not_contact)
                     .join(Stakeholder).where(InteractionParticipant.interaction.in_([i.id for i in chunk]))
                     .order_by(Stakeholder.sort_name).tuples())
            for iid, name, email, dnc in links:
                if not (dnc and profile.exclude_do_not_contact):
                    people.setdefault(iid, []).append((name, email))
            for i in chunk:
                row = {c.name: getattr(i, c.name) for c in Interaction._meta.sorted_fields}
                row["occurred_at"] = local(i.occurred_at)
                row["stakeholders"] = [n for n, _ in people.get(i.id, [])]
                row["stakeholder_emails"] = [e for _, e in people.get(i.id, []) if e]
                row["event"] = i.event.title if i.event_id else ""
                row["concern"] = i.concern.reference if i.concern_id else ""
                yield row
    return _count(q, Interaction, ids), rows


# Events ---------------------------------------------------------------------------

def event_times(e: Event) -> tuple[Any, Any]:
    """Start and end as people read them: wall clock in the event's zone; all-day ends on its last day."""
    if e.all_day:
        return e.starts_at.date(), (e.ends_at - timedelta(days=1)).date()
    return local(e.starts_at, e.timezone), local(e.ends_at, e.timezone)


def _event_query(f: StakeholderFilter | None) -> peewee.ModelSelect:
    q = Event.select()
    if f is not None:
        q = q.where(Event.id.in_(EventParticipant.select(EventParticipant.event)
                                 .where(EventParticipant.stakeholder.in_(_people(f)))))
    return q


def _events(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    q = _event_query(f)

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(q, Event, ids, Event.starts_at):
            for e in chunk:
                row = {c.name: getattr(e, c.name) for c in Event._meta.sorted_fields}
                row["starts_at"], row["ends_at"] = event_times(e)
                row["tags"] = sorted({t.strip() for t in e.tags.split(",") if t.strip()})
                yield row
    return _count(q, Event, ids), rows


def _participants(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    q = (EventParticipant.select(EventParticipant, Event, Stakeholder)
         .join(Event).switch(EventParticipant).join(Stakeholder))
    if ids is not None:
        q = q.where(EventParticipant.event.in_(sorted(set(ids))))
    elif f is not None:
        q = q.where(EventParticipant.event.in_(_event_query(f).select(Event.id)))
    if profile.exclude_do_not_contact:
        q = q.where(Stakeholder.do_not_contact == False)  # noqa: E712

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(q, EventParticipant, None):
            for p in chunk:
                e, s = p.event, p.stakeholder
                yield {"event_id": e.id, "event": e.title, "event_starts": event_times(e)[0],
                       "stakeholder_id": s.id, "name": s.display_name, "email": s.email,
                       "organisation": s.organisation_name, "role": p.role, "rsvp": p.rsvp,
                       "attended": p.attended, "checked_in_at": local(p.checked_in_at)}
    return q.count(), rows


# Concerns -------------------------------------------------------------------------

def _concern_query(f: StakeholderFilter | None) -> peewee.ModelSelect:
    q = Concern.select(Concern, Stakeholder).join(Stakeholder, peewee.JOIN.LEFT_OUTER,
                                                  on=Concern.complainant == Stakeholder.id)
    if f is not None:
        q = q.where(Concern.complainant.in_(_people(f)))
    return q


def _concerns(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    q = _concern_query(f)
    categories = {c.id: c.name for c in ConcernCategory.select(ConcernCategory.id, ConcernCategory.name)}

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(q, Concern, ids, Concern.received_at):
            for c in chunk:
                row = {fl.name: getattr(c, fl.name) for fl in Concern._meta.sorted_fields}
                person = c.complainant if c.complainant_id else None
                hidden = profile.hide_protected_complainants and (
                    c.anonymous or c.confidential or (person is not None and person.do_not_contact))
                row["complainant"] = "" if hidden or person is None else person.display_name
                row["complainant_email"] = "" if hidden or person is None else person.email
                row["category"] = categories.get(c.category_id, "")
                row["subcategory"] = categories.get(c.subcategory_id, "")
                for key in ("received_at", "acknowledge_due", "acknowledged_at", "resolution_target", "closed_at"):
                    row[key] = local(row[key])
                yield row
    return _count(q, Concern, ids), rows


def _timeline(profile: Profile, f: StakeholderFilter | None, ids: list[int] | None):
    q = ConcernUpdate.select(ConcernUpdate, Concern.reference).join(Concern)
    if ids is not None:
        q = q.where(ConcernUpdate.concern.in_(sorted(set(ids))))
    elif f is not None:
        q = q.where(ConcernUpdate.concern.in_(_concern_query(f).select(Concern.id)))

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in _chunks(q, ConcernUpdate, None):
            for u in chunk:
                yield {"concern_id": u.concern_id, "reference": u.concern.reference, "at": local(u.at),
                       "kind": u.kind, "text": u.text, "from_status": u.from_status, "to_status": u.to_status,
                       "recorded_by": u.recorded_by}
    return q.count(), rows


_PRODUCERS = {"stakeholders": _stakeholders, "interactions": _interactions, "events": _events,
              "event_participants": _participants, "concerns": _concerns, "concern_timeline": _timeline}


def sheets(kind: str, profile: Profile, *, filter: StakeholderFilter | None = None,
           ids: list[int] | None = None) -> list[SheetData]:
    """What an export of ``kind`` writes, sheet by sheet, under ``profile``."""
    if kind not in KIND_SHEETS:
        raise ExchangeError(f"Commrel cannot export “{kind}”; choose one of: {', '.join(KIND_SHEETS)}.")
    if kind == "all" and ids is not None:
        raise ExchangeError("Choose one kind of record to export a selection; “all” exports whole lists.")
    out = []
    for name in KIND_SHEETS[kind]:
        sheet = SHEETS[name]
        if not profile.keeps_sheet(sheet):
            continue
        total, rows = _PRODUCERS[name](profile, filter, ids)
        out.append(SheetData(sheet, profile.columns(sheet), total, rows))
    return out


# Presentation shared by the writers ------------------------------------------------

def present(column: Column, value: Any) -> Any:
    """A stored value as a cell shows it: labels for codes, Yes/No, lists joined by "; "."""
    if value is None:
        return None
    kind = column.type
    if kind == "enum":
        return (column.choices or {}).get(value, value) if value else None
    if kind == "bool":
        return "Yes" if value else "No"
    if kind in ("tags", "names", "emails"):
        return "; ".join(value) if value else None
    if kind in ("id", "version", "int", "date", "datetime"):
        return value
    return str(value) if value != "" else None


class Ticker:
    """Reports progress every ``every`` rows and stops the job when the person cancels."""

    def __init__(self, progress, total: int, what: str, every: int = 1000):
        self.progress, self.total, self.what, self.every = progress, total, what, every
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.report()

    def report(self) -> None:
        from ..progress import check

        if self.progress is not None:
            of = f" of {self.total:,}" if self.total is not None else ""
            self.progress.report(self.done, self.total, f"{self.what} {self.done:,}{of} rows")
        check(self.progress)
