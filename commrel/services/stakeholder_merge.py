"""Duplicates: spotting them while typing, and merging two records into one."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from .. import search
from ..errors import ValidationError
from ..models import (Concern, EventParticipant, InteractionParticipant, Membership, Relationship,
                      Stakeholder, StakeholderTag, database)
from ..timeutil import utcnow
from . import history
from .stakeholders import EDITABLE_FIELDS, _refresh_organisation_names, clean, get

CLOSE_NAME_RATIO = 0.85
# Records holding every word of a typed name that are scored for closeness.
NAME_CANDIDATES = 1000


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    display_name: str
    email: str
    organisation_name: str
    reason: str  # "same email" or "similar name"


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def find_duplicates(*, name: str = "", email: str = "", exclude_id: int | None = None,
                    limit: int = 5) -> list[DuplicateCandidate]:
    """Records that may be the same as the one being typed: same email, or a close name."""
    found: dict[int, DuplicateCandidate] = {}
    email = (email or "").strip().lower()
    if email:
        for s in Stakeholder.select().where(Stakeholder.email == email).limit(limit):
            if s.id != exclude_id:
                found[s.id] = DuplicateCandidate(s.id, s.display_name, s.email, s.organisation_name, "same email")
    name = " ".join((name or "").split())
    if len(name) >= 3:
        # Candidates: names holding every word's first letters (in a large register a common
        # first name and a common surname each have more records than any list of best
        # matches holds, and the one person with both would be missed), and those sharing
        # any one word's, which catches a misspelt word. Then the whole name is scored.
        words = name.split()
        prefixes = " ".join(word[:3] for word in words)
        every = search.name_matching_ids_sql("stakeholder", prefixes) or search.matching_ids_sql("stakeholder", prefixes)
        ids: set[int] = set()
        if every is not None:
            ids.update(r[0] for r in database.execute_sql(f"{every[0]} LIMIT {NAME_CANDIDATES}", every[1]))
        for word in words:
            ids.update(search.search_ids("stakeholder", word[:3], limit=200))
        if ids:
            rows = Stakeholder.select(Stakeholder.id, Stakeholder.display_name, Stakeholder.email,
                                      Stakeholder.organisation_name).where(Stakeholder.id.in_(list(ids)))
            scored = sorted(((_similar(name, r.display_name), r) for r in rows), key=lambda t: -t[0])
            for score, r in scored:
                if score >= CLOSE_NAME_RATIO and r.id != exclude_id and r.id not in found:
                    found[r.id] = DuplicateCandidate(r.id, r.display_name, r.email, r.organisation_name,
                                                     "similar name")
    return list(found.values())[:limit]


def merge(survivor_id: int, other_id: int, picks: dict[str, Any] | None = None) -> Stakeholder:
    """Merge ``other`` into ``survivor``.

    ``picks`` maps a field to "other" (take the other record's value) or to an
    explicit value; unnamed fields keep the survivor's value, except blanks,
    which take the other's. Memberships, relationships, tags, interactions,
    event participation and concerns move to the survivor; ``other`` is deleted.
    """
    if survivor_id == other_id:
        raise ValidationError("other", "Choose two different records to merge.")
    picks = picks or {}
    with database.atomic():
        keep, gone = get(survivor_id), get(other_id)
        if keep.kind != gone.kind:
            raise ValidationError("other", "A person cannot be merged with an organisation.")
        values: dict[str, Any] = {}
        for f in EDITABLE_FIELDS:
            mine, theirs = getattr(keep, f), getattr(gone, f)
            if f in picks:
                values[f] = theirs if picks[f] == "other" else mine if picks[f] == "survivor" else picks[f]
            elif mine in ("", None) and theirs not in ("", None):
                values[f] = theirs
        values["do_not_contact"] = values.get("do_not_contact", keep.do_not_contact) or gone.do_not_contact
        cleaned = clean(values, current=keep)
        changes = history.diff({f: getattr(keep, f) for f in EDITABLE_FIELDS}, cleaned, EDITABLE_FIELDS)
        for k, val in cleaned.items():
            setattr(keep, k, val)
        if gone.last_contacted_at and (not keep.last_contacted_at or gone.last_contacted_at > keep.last_contacted_at):
            keep.last_contacted_at = gone.last_contacted_at
        keep.version += 1
        keep.updated_at = utcnow()
        keep.save()
        _move_links(keep.id, gone.id)
        history.record("stakeholder", keep.id, "merge",
                       {**changes, "merged": (f"#{gone.id} {gone.display_name}", None)})
        history.record("stakeholder", gone.id, "merge", {"merged into": (None, f"#{keep.id} {keep.display_name}")})
        gone.delete_instance()
        search.remove("stakeholder", [gone.id])
        _refresh_organisation_names([keep.id] + [m.person_id for m in Membership.select()
                                                  .where(Membership.organisation == keep.id)])
        search.reindex("stakeholder", [keep.id])
    return get(survivor_id)


def _repoint(model, column: str, keep: int, gone: int) -> None:
    """Move ``gone``'s rows to ``keep`` unless ``keep`` already has the same link (its unique key)."""
    table = model._meta.table_name
    col = model._meta.fields[column].column_name
    unique = next(fields for fields, is_unique in model._meta.indexes if is_unique and column in fields)
    others = [model._meta.fields[f].column_name for f in unique if f != column]
    same = " AND ".join(f"o.{c} = {table}.{c}" for c in others)
    database.execute_sql(
        f"UPDATE {table} SET {col} = ? WHERE {col} = ? AND NOT EXISTS "
        f"(SELECT 1 FROM {table} o WHERE o.{col} = ? AND {same})", (keep, gone, keep))


def _move_links(keep: int, gone: int) -> None:
    """Re-point every link from ``gone`` to ``keep``; links both had are kept once."""
    for model, column in ((StakeholderTag, "stakeholder"), (InteractionParticipant, "stakeholder"),
                          (EventParticipant, "stakeholder"), (Membership, "person"),
                          (Membership, "organisation")):
        _repoint(model, column, keep, gone)
        database.execute_sql(f"DELETE FROM {model._meta.table_name} WHERE {column}_id = ?", (gone,))
    for column in ("from_stakeholder", "to_stakeholder"):
        _repoint(Relationship, column, keep, gone)
    Relationship.delete().where((Relationship.from_stakeholder == gone) | (Relationship.to_stakeholder == gone)
                                | (Relationship.from_stakeholder == Relationship.to_stakeholder)).execute()
    Concern.update(complainant=keep).where(Concern.complainant == gone).execute()
