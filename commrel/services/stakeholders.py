"""Stakeholder use cases: create, edit, tag, link, archive, delete, undo data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import peewee

from .. import search
from ..errors import ConflictError, NotFound, ValidationError
from ..models import (Concern, EventParticipant, InteractionParticipant, Membership, Relationship,
                      Stakeholder, StakeholderTag, Tag, choices, database)
from ..timeutil import utcnow
from . import history
from . import validation as v

# Fields a person edits on the form, in the order the history lists them.
EDITABLE_FIELDS = (
    "kind", "type", "given_name", "family_name", "display_name", "email", "phone", "address",
    "postcode", "neighbourhood", "preferred_channel", "language", "notes", "influence", "interest",
    "position", "consent", "consent_date", "consent_source", "do_not_contact",
)


def get(stakeholder_id: int) -> Stakeholder:
    try:
        return Stakeholder.get_by_id(stakeholder_id)
    except Stakeholder.DoesNotExist:
        raise NotFound(f"Stakeholder #{stakeholder_id} does not exist (it may have been deleted).") from None


def make_display_name(kind: str, given: str, family: str, display: str = "") -> str:
    if display:
        return display
    return f"{given} {family}" if given and family else given or family or ""


def make_sort_name(kind: str, given: str, family: str, display: str) -> str:
    if kind == "person" and (given or family):
        return (f"{family} {given}" if given and family else family or given).casefold()
    return display.casefold()


def clean(data: dict[str, Any], *, current: Stakeholder | None = None) -> dict[str, Any]:
    """Validate ``data`` (a partial record when ``current`` is given) into model values."""
    merged: dict[str, Any] = {}
    if current is not None:
        merged.update({f: getattr(current, f) for f in EDITABLE_FIELDS})
    merged.update(data)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a stakeholder field.")
    out: dict[str, Any] = {}
    out["kind"] = v.choice("kind", merged.get("kind") or "person", choices.STAKEHOLDER_KINDS, label="Kind")
    out["type"] = v.choice("type", merged.get("type") or ("resident" if out["kind"] == "person" else "other"),
                           choices.STAKEHOLDER_TYPES, label="Type")
    out["given_name"] = v.text("given_name", merged.get("given_name"), label="Given name")
    out["family_name"] = v.text("family_name", merged.get("family_name"), label="Family name")
    display = v.text("display_name", merged.get("display_name"), label="Name")
    if out["kind"] == "person":
        # A person's display name follows their names unless set on purpose.
        if current is not None and "display_name" not in data and (
                current.display_name == make_display_name("person", current.given_name, current.family_name)):
            display = ""
        display = make_display_name("person", out["given_name"], out["family_name"], display)
        if not display:
            raise ValidationError("given_name", "A person needs a given name or a family name.")
    elif not display:
        raise ValidationError("display_name", "An organisation needs a name.")
    out["display_name"] = display
    out["email"] = v.email("email", merged.get("email"))
    out["phone"] = v.phone("phone", merged.get("phone"))
    out["address"] = v.text("address", merged.get("address"), max_length=1000)
    out["postcode"] = v.text("postcode", merged.get("postcode"), max_length=20)
    out["neighbourhood"] = v.text("neighbourhood", merged.get("neighbourhood"))
    channel = merged.get("preferred_channel") or ""
    out["preferred_channel"] = v.choice("preferred_channel", channel, choices.CONTACT_CHANNELS,
                                        label="Preferred channel") if channel else ""
    out["language"] = v.text("language", merged.get("language"), max_length=40)
    out["notes"] = v.text("notes", merged.get("notes"), max_length=100_000)
    out["influence"] = v.integer("influence", merged.get("influence", 3), low=1, high=5)
    out["interest"] = v.integer("interest", merged.get("interest", 3), low=1, high=5)
    out["position"] = v.choice("position", merged.get("position") or "unknown", choices.POSITIONS, label="Position")
    out["consent"] = v.boolean(merged.get("consent", False))
    out["consent_date"] = v.a_date("consent_date", merged.get("consent_date"), label="Consent date")
    out["consent_source"] = v.text("consent_source", merged.get("consent_source"))
    if out["consent"] and not out["consent_date"]:
        raise ValidationError("consent_date", "Say when consent was given (consent date).")
    out["do_not_contact"] = v.boolean(merged.get("do_not_contact", False))
    out["sort_name"] = make_sort_name(out["kind"], out["given_name"], out["family_name"], display)
    return out


def _values(s: Stakeholder) -> dict[str, Any]:
    return {f: getattr(s, f) for f in EDITABLE_FIELDS}


def create(*, tags: Iterable[str] = (), **data: Any) -> Stakeholder:
    """Create a person or organisation from form fields; returns the saved record."""
    values = clean(data)
    with database.atomic():
        s = Stakeholder.create(**values)
        if tags:
            _set_tags(s.id, tags)
        history.record("stakeholder", s.id, "create")
        search.reindex("stakeholder", [s.id])
    return s


def update(stakeholder_id: int, *, expected_version: int | None = None, **data: Any) -> Stakeholder:
    """Change some fields; refuses with ConflictError if someone saved it since ``expected_version``."""
    with database.atomic():
        s = get(stakeholder_id)
        if expected_version is not None and s.version != expected_version:
            raise ConflictError(
                f"{s.display_name} was changed by someone else since you opened it.",
                mine=data, theirs=_values(s))
        before = _values(s)
        values = clean(data, current=s)
        changes = history.diff(before, values, EDITABLE_FIELDS)
        if not changes:
            return s
        for key, value in values.items():
            setattr(s, key, value)
        s.version += 1
        s.updated_at = utcnow()
        s.save()
        history.record("stakeholder", s.id, "update", changes)
        if {"display_name", "given_name", "family_name"} & changes.keys() and s.kind == "organisation":
            _refresh_organisation_names(member_ids(s.id))
        search.reindex("stakeholder", [s.id])
    return get(s.id)


def archive(ids: Iterable[int], archived: bool = True) -> int:
    """Archive (or restore) stakeholders; archived ones leave the register but keep their links."""
    return len(set_archived(ids, archived))


def set_archived(ids: Iterable[int], archived: bool = True) -> list[int]:
    """Like :func:`archive`, returning the ids that changed, so the change can be undone exactly."""
    ids = list(ids)
    changed: list[int] = []
    with database.atomic():
        # In chunks: a whole register may be selected, more than SQLite takes in one IN (…).
        for chunk in _chunks(ids):
            rows = Stakeholder.select(Stakeholder.id).where(
                Stakeholder.id.in_(chunk) & (Stakeholder.archived != archived))
            found = [r.id for r in rows]
            if found:
                (Stakeholder.update(archived=archived, archived_at=utcnow() if archived else None,
                                    updated_at=utcnow(), version=Stakeholder.version + 1)
                 .where(Stakeholder.id.in_(found)).execute())
            changed += found
        for sid in changed:
            history.record("stakeholder", sid, "archive" if archived else "restore")
    return changed


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


@dataclass(frozen=True)
class DeleteImpact:
    memberships: int
    relationships: int
    interactions: int
    participations: int
    concerns: int

    def describe(self) -> str:
        parts = [(self.memberships, "organisation membership"), (self.relationships, "relationship"),
                 (self.participations, "event participation"), (self.interactions, "interaction link")]
        said = [f"{n} {label}{'s' if n != 1 else ''}" for n, label in parts if n]
        text = "This removes " + ", ".join(said) + "." if said else "It has no links to other records."
        if self.concerns:
            text += (f" {self.concerns} concern{'s' if self.concerns != 1 else ''} will keep "
                     "their record but lose the complainant.")
        return text


def delete_impact(ids: Iterable[int]) -> DeleteImpact:
    ids = list(ids)
    return DeleteImpact(
        memberships=Membership.select().where(Membership.person.in_(ids) | Membership.organisation.in_(ids)).count(),
        relationships=Relationship.select().where(
            Relationship.from_stakeholder.in_(ids) | Relationship.to_stakeholder.in_(ids)).count(),
        interactions=InteractionParticipant.select().where(InteractionParticipant.stakeholder.in_(ids)).count(),
        participations=EventParticipant.select().where(EventParticipant.stakeholder.in_(ids)).count(),
        concerns=Concern.select().where(Concern.complainant.in_(ids)).count(),
    )


def snapshot(stakeholder_id: int) -> dict[str, Any]:
    """Everything needed to bring a deleted stakeholder back (for undo)."""
    s = get(stakeholder_id)
    row = {f.name: getattr(s, f.name) for f in Stakeholder._meta.sorted_fields}
    return {
        "row": row,
        "tags": tags_of(s.id),
        "memberships": list(Membership.select().where(
            (Membership.person == s.id) | (Membership.organisation == s.id)).dicts()),
        "relationships": list(Relationship.select().where(
            (Relationship.from_stakeholder == s.id) | (Relationship.to_stakeholder == s.id)).dicts()),
        "interactions": list(InteractionParticipant.select().where(
            InteractionParticipant.stakeholder == s.id).dicts()),
        "participations": list(EventParticipant.select().where(EventParticipant.stakeholder == s.id).dicts()),
        "concerns": [c.id for c in Concern.select(Concern.id).where(Concern.complainant == s.id)],
    }


def delete(ids: Iterable[int]) -> list[dict[str, Any]]:
    """Delete stakeholders for good; returns snapshots that :func:`restore_snapshots` can undo."""
    ids = list(ids)
    with database.atomic():
        snaps = [snapshot(i) for i in ids]
        Stakeholder.delete().where(Stakeholder.id.in_(ids)).execute()
        search.remove("stakeholder", ids)
        for sid in ids:
            history.record("stakeholder", sid, "delete")
        _refresh_organisation_names(m["person"] for s in snaps for m in s["memberships"])
    return snaps


def restore_snapshots(snaps: Iterable[dict[str, Any]]) -> None:
    snaps = list(snaps)
    with database.atomic():
        for snap in snaps:
            Stakeholder.insert(**snap["row"]).execute()
        for snap in snaps:
            _set_tags(snap["row"]["id"], snap["tags"])
            for table, rows in ((Membership, snap["memberships"]), (Relationship, snap["relationships"]),
                                (InteractionParticipant, snap["interactions"]),
                                (EventParticipant, snap["participations"])):
                for r in rows:
                    table.insert(**r).on_conflict_ignore().execute()
            if snap["concerns"]:
                Concern.update(complainant=snap["row"]["id"]).where(Concern.id.in_(snap["concerns"])).execute()
            history.record("stakeholder", snap["row"]["id"], "restore")
        ids = [s["row"]["id"] for s in snaps]
        _refresh_organisation_names(ids + [m["person"] for s in snaps for m in s["memberships"]])
        search.reindex("stakeholder", ids)


# Tags ---------------------------------------------------------------------

def _normalise_tag(name: str) -> str:
    return " ".join(str(name).split())


def _tag_ids(names: Iterable[str]) -> list[int]:
    names = sorted({_normalise_tag(n) for n in names if _normalise_tag(n)})
    if not names:
        return []
    Tag.insert_many([{"name": n} for n in names]).on_conflict_ignore().execute()
    return [t.id for t in Tag.select(Tag.id).where(Tag.name.in_(names))]


def _set_tags(stakeholder_id: int, names: Iterable[str]) -> None:
    StakeholderTag.delete().where(StakeholderTag.stakeholder == stakeholder_id).execute()
    ids = _tag_ids(names)
    if ids:
        StakeholderTag.insert_many([{"stakeholder": stakeholder_id, "tag": t} for t in ids]).execute()


def tags_of(stakeholder_id: int) -> list[str]:
    q = (Tag.select(Tag.name).join(StakeholderTag)
         .where(StakeholderTag.stakeholder == stakeholder_id).order_by(Tag.name))
    return [t.name for t in q]


def set_tags(stakeholder_id: int, names: Iterable[str]) -> list[str]:
    with database.atomic():
        before = tags_of(stakeholder_id)
        _set_tags(stakeholder_id, names)
        after = tags_of(stakeholder_id)
        if before != after:
            history.record("stakeholder", stakeholder_id, "update", {"tags": (", ".join(before), ", ".join(after))})
            _touch([stakeholder_id])
            search.reindex("stakeholder", [stakeholder_id])
    return after


def bulk_tag(ids: Iterable[int], name: str, *, remove: bool = False) -> int:
    """Add (or remove) one tag on many stakeholders; returns how many changed."""
    return len(tag_many(ids, name, remove=remove))


def tag_many(ids: Iterable[int], name: str, *, remove: bool = False) -> list[int]:
    """Like :func:`bulk_tag`, returning the ids that changed, so the change can be undone exactly."""
    ids = list(ids)
    name = _normalise_tag(name)
    if not name:
        raise ValidationError("tag", "Type a tag name.")
    with database.atomic():
        tag_id = _tag_ids([name])[0]
        have: set[int] = set()
        for chunk in _chunks(ids):
            have.update(r.stakeholder_id for r in StakeholderTag.select(StakeholderTag.stakeholder)
                        .where(StakeholderTag.tag == tag_id, StakeholderTag.stakeholder.in_(chunk)))
        if remove:
            changed = sorted(have)
            for chunk in _chunks(changed):
                StakeholderTag.delete().where(StakeholderTag.tag == tag_id,
                                              StakeholderTag.stakeholder.in_(chunk)).execute()
        else:
            changed = [i for i in dict.fromkeys(ids) if i not in have]
            for chunk in _chunks(changed):
                StakeholderTag.insert_many([{"stakeholder": i, "tag": tag_id} for i in chunk]).execute()
        for sid in changed:
            history.record("stakeholder", sid, "update",
                           {"tags": (None, f"-{name}" if remove else f"+{name}")})
        _touch(changed)
        search.reindex("stakeholder", changed)
    return changed


def all_tags() -> list[str]:
    return [t.name for t in Tag.select(Tag.name).order_by(Tag.name)]


def neighbourhoods() -> list[str]:
    q = (Stakeholder.select(Stakeholder.neighbourhood).where(Stakeholder.neighbourhood != "")
         .distinct().order_by(Stakeholder.neighbourhood))
    return [r.neighbourhood for r in q]


def _touch(ids: Iterable[int]) -> None:
    for chunk in _chunks(list(ids)):
        Stakeholder.update(updated_at=utcnow(), version=Stakeholder.version + 1).where(
            Stakeholder.id.in_(chunk)).execute()


# Memberships and relationships -----------------------------------------------

def member_ids(organisation_id: int) -> list[int]:
    return [m.person_id for m in Membership.select(Membership.person).where(Membership.organisation == organisation_id)]


def _refresh_organisation_names(person_ids: Iterable[int]) -> None:
    """Keep each person's shown organisation (their first membership) current."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        database.execute_sql(
            "UPDATE stakeholder SET organisation_name = COALESCE(("
            " SELECT o.display_name FROM membership m JOIN stakeholder o ON o.id = m.organisation_id"
            " WHERE m.person_id = stakeholder.id ORDER BY m.id LIMIT 1), '')"
            f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk)


def memberships(stakeholder_id: int) -> list[tuple[Membership, Stakeholder]]:
    """(membership, the other party) for a person's organisations or an organisation's members."""
    s = get(stakeholder_id)
    if s.kind == "person":
        q = (Membership.select(Membership, Stakeholder).join(Stakeholder, on=Membership.organisation == Stakeholder.id)
             .where(Membership.person == s.id).order_by(Membership.id))
        return [(m, m.organisation) for m in q]
    q = (Membership.select(Membership, Stakeholder).join(Stakeholder, on=Membership.person == Stakeholder.id)
         .where(Membership.organisation == s.id).order_by(Stakeholder.sort_name))
    return [(m, m.person) for m in q]


def membership_names(stakeholder_id: int, limit: int = 10) -> tuple[int, list[tuple[str, str]]]:
    """How many organisations a person belongs to (or members an organisation has), and the first
    ``limit`` as (name, role): a large organisation's members run to thousands."""
    s = get(stakeholder_id)
    mine, other = ((Membership.person, Membership.organisation) if s.kind == "person"
                   else (Membership.organisation, Membership.person))
    total = Membership.select().where(mine == s.id).count()
    order = Membership.id if s.kind == "person" else Stakeholder.sort_name
    q = (Membership.select(Stakeholder.display_name, Membership.role).join(Stakeholder, on=other == Stakeholder.id)
         .where(mine == s.id).order_by(order).limit(limit))
    return total, list(q.tuples())


def add_membership(person_id: int, organisation_id: int, role: str = "") -> Membership:
    person, org = get(person_id), get(organisation_id)
    if person.kind != "person":
        raise ValidationError("person", f"{person.display_name} is an organisation; only people can be members.")
    if org.kind != "organisation":
        raise ValidationError("organisation", f"{org.display_name} is not an organisation.")
    role = v.text("role", role, label="Role")
    with database.atomic():
        try:
            m = Membership.create(person=person, organisation=org, role=role)
        except peewee.IntegrityError:
            raise ValidationError("organisation",
                                  f"{person.display_name} is already a member of {org.display_name}.") from None
        history.record("stakeholder", person.id, "update", {"organisation": (None, f"+{org.display_name} {role}".strip())})
        _refresh_organisation_names([person.id])
        _touch([person.id])
        search.reindex("stakeholder", [person.id])
    return m


def remove_membership(membership_id: int) -> None:
    with database.atomic():
        m = Membership.get_or_none(Membership.id == membership_id)
        if m is None:
            return
        person_id, org_name = m.person_id, m.organisation.display_name
        m.delete_instance()
        history.record("stakeholder", person_id, "update", {"organisation": (org_name, None)})
        _refresh_organisation_names([person_id])
        _touch([person_id])
        search.reindex("stakeholder", [person_id])


def add_relationship(from_id: int, to_id: int, type: str, note: str = "") -> Relationship:
    if from_id == to_id:
        raise ValidationError("to_stakeholder", "A stakeholder cannot be related to themselves.")
    type = v.choice("type", type, choices.RELATIONSHIP_TYPES, label="Relationship")
    a, b = get(from_id), get(to_id)
    with database.atomic():
        try:
            r = Relationship.create(from_stakeholder=a, to_stakeholder=b, type=type, note=v.text("note", note))
        except peewee.IntegrityError:
            raise ValidationError("to_stakeholder", "That relationship is already recorded.") from None
        history.record("stakeholder", a.id, "update",
                       {"relationship": (None, f"{choices.RELATIONSHIP_TYPES[type]} {b.display_name}")})
    return r


def relationships(stakeholder_id: int) -> list[tuple[str, Stakeholder, Relationship]]:
    """(label, other stakeholder, relationship) in both directions."""
    out = []
    for r in (Relationship.select().where(Relationship.from_stakeholder == stakeholder_id)):
        out.append((choices.RELATIONSHIP_TYPES.get(r.type, r.type), r.to_stakeholder, r))
    for r in (Relationship.select().where(Relationship.to_stakeholder == stakeholder_id)):
        out.append((f"{choices.RELATIONSHIP_TYPES.get(r.type, r.type)} (from)", r.from_stakeholder, r))
    return out


def remove_relationship(relationship_id: int) -> None:
    with database.atomic():
        Relationship.delete().where(Relationship.id == relationship_id).execute()
