"""Who is invited to an event, what they replied, who came; walk-ins; marking it held."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

import peewee as pw

from .. import search, sqlparts
from ..errors import NotFound, TransitionRefused, ValidationError
from ..models import (EventParticipant, Interaction, InteractionParticipant, Membership, Stakeholder,
                      StakeholderTag, Tag, database)
from ..models.choices import PARTICIPANT_ROLES, RSVP_STATUSES
from ..timeutil import to_utc_naive, utcnow
from ..users import current_user
from . import events, history
from .event_times import local_start

_CHUNK = 500


@dataclass(frozen=True)
class InviteFilter:
    """Stakeholders to invite: every given criterion must hold; any value of a list may match."""

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    neighbourhoods: tuple[str, ...] = ()
    organisation_id: int | None = None  # members of this organisation

    def is_empty(self) -> bool:
        return not (self.types or self.tags or self.neighbourhoods or self.organisation_id)


@dataclass(frozen=True)
class InviteResult:
    added: int = 0
    already_invited: int = 0
    excluded_do_not_contact: int = 0
    excluded_archived: int = 0
    excluded_no_consent: int = 0

    def message(self) -> str:
        """E.g. "Invited 42. Left out 3 marked do-not-contact and 1 archived."."""
        text = [f"Invited {self.added}."]
        if self.already_invited:
            n = self.already_invited
            text.append(f"{n} {'was' if n == 1 else 'were'} already invited.")
        left_out = [f"{n} {why}" for n, why in (
            (self.excluded_do_not_contact, "marked do-not-contact"),
            (self.excluded_archived, "archived"),
            (self.excluded_no_consent, "without recorded consent")) if n]
        if left_out:
            joined = left_out[0] if len(left_out) == 1 else ", ".join(left_out[:-1]) + " and " + left_out[-1]
            text.append(f"Left out {joined}.")
        return " ".join(text)


def _filter_condition(f: InviteFilter) -> pw.Expression:
    if f.is_empty():
        raise ValidationError("filter", "Choose at least one type, tag, neighbourhood or organisation.")
    condition = pw.Value(1) == 1
    if f.types:
        condition &= Stakeholder.type.in_(list(f.types))
    if f.tags:
        tagged = (StakeholderTag.select(StakeholderTag.stakeholder).join(Tag)
                  .where(pw.fn.LOWER(Tag.name).in_([t.strip().lower() for t in f.tags])))
        condition &= Stakeholder.id.in_(tagged)
    if f.neighbourhoods:
        condition &= pw.fn.LOWER(Stakeholder.neighbourhood).in_([n.strip().lower() for n in f.neighbourhoods])
    if f.organisation_id:
        condition &= Stakeholder.id.in_(
            Membership.select(Membership.person).where(Membership.organisation == f.organisation_id))
    return condition


def _candidates(event_id: int, ids: list[int] | None, f: InviteFilter | None) -> dict[int, tuple]:
    """id -> (already invited, archived, do_not_contact, consent) for everyone selected."""
    invited = EventParticipant.select(EventParticipant.stakeholder).where(EventParticipant.event == event_id)
    columns = (Stakeholder.id, Stakeholder.id.in_(invited), Stakeholder.archived,
               Stakeholder.do_not_contact, Stakeholder.consent)
    conditions = [_filter_condition(f)] if f is not None else []
    ids = list(dict.fromkeys(ids or ()))
    conditions += [Stakeholder.id.in_(ids[i:i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]
    found = {}
    for condition in conditions:
        for row in Stakeholder.select(*columns).where(condition).tuples():
            found[row[0]] = tuple(bool(v) for v in row[1:])
    return found


def _sorted(event_id: int, stakeholder_ids, f: InviteFilter | None, require_consent: bool
            ) -> tuple[dict[str, int], list[int]]:
    """Counts by outcome (as ``InviteResult`` names them) and the ids that would be added."""
    counts = dict(added=0, already_invited=0, excluded_do_not_contact=0, excluded_archived=0,
                  excluded_no_consent=0)
    new = []
    for sid, (already, archived, do_not_contact, consent) in _candidates(
            event_id, list(stakeholder_ids) if stakeholder_ids is not None else None, f).items():
        reason = ("already_invited" if already else "excluded_archived" if archived
                  else "excluded_do_not_contact" if do_not_contact
                  else "excluded_no_consent" if require_consent and not consent else "added")
        counts[reason] += 1
        if reason == "added":
            new.append(sid)
    return counts, new


def preview(event_id: int, stakeholder_ids: Iterable[int] | None = None, *, filter: InviteFilter | None = None,
            require_consent: bool = False) -> InviteResult:
    """What ``invite`` would do with the same arguments, writing nothing (for a live count)."""
    events.get(event_id)
    return InviteResult(**_sorted(event_id, stakeholder_ids, filter, require_consent)[0])


def invite(event_id: int, stakeholder_ids: Iterable[int] | None = None, *, filter: InviteFilter | None = None,
           role: str = "guest", require_consent: bool = False) -> InviteResult:
    """Invite the given stakeholders and/or everyone matching ``filter``.

    Archived and do-not-contact people are left out and counted; so are
    people without recorded consent when ``require_consent``.  People on the
    list already keep their reply and role.
    """
    if role not in PARTICIPANT_ROLES:
        raise ValidationError("role", f"“{role}” is not a participant role.")
    with database.atomic():
        events.get(event_id)
        counts, added = _sorted(event_id, stakeholder_ids, filter, require_consent)
        new = [{"event": event_id, "stakeholder": sid, "role": role, "rsvp": "invited"} for sid in added]
        for start in range(0, len(new), _CHUNK):
            EventParticipant.insert_many(new[start:start + _CHUNK]).on_conflict_ignore().execute()
        if new:
            history.record("event", event_id, "invite", {"invited": (None, len(new))})
    return InviteResult(**counts)


def _participant(event_id: int, stakeholder_id: int) -> EventParticipant:
    row = EventParticipant.get_or_none((EventParticipant.event == event_id)
                                       & (EventParticipant.stakeholder == stakeholder_id))
    if row is None:
        raise NotFound("That person is not on this event's list.")
    return row


def set_rsvp(event_id: int, stakeholder_id: int, rsvp: str) -> EventParticipant:
    """Record a reply: invited, accepted, declined, tentative or no_reply."""
    if rsvp not in RSVP_STATUSES:
        raise ValidationError("rsvp", f"“{rsvp}” is not a reply.")
    row = _participant(event_id, stakeholder_id)
    row.rsvp = rsvp
    row.save()
    return row


def set_role(event_id: int, stakeholder_id: int, role: str) -> EventParticipant:
    if role not in PARTICIPANT_ROLES:
        raise ValidationError("role", f"“{role}” is not a participant role.")
    row = _participant(event_id, stakeholder_id)
    row.role = role
    row.save()
    return row


def set_attended(event_id: int, stakeholder_id: int, attended: bool = True) -> EventParticipant:
    """Tick (or untick) someone on the list as having come."""
    row = _participant(event_id, stakeholder_id)
    row.attended = attended
    row.checked_in_at = (row.checked_in_at or utcnow()) if attended else None
    row.save()
    return row


def remove_participant(event_id: int, stakeholder_id: int) -> bool:
    """Take someone off the list; False when they were not on it."""
    return bool(EventParticipant.delete().where((EventParticipant.event == event_id)
                                                & (EventParticipant.stakeholder == stakeholder_id)).execute())


@dataclass(frozen=True)
class Participant:
    """A row of the participants table."""

    stakeholder_id: int
    display_name: str
    organisation_name: str
    email: str
    phone: str
    role: str
    rsvp: str
    attended: bool
    checked_in_at: datetime | None
    do_not_contact: bool


def participants(event_id: int, text: str = "") -> list[Participant]:
    """Everyone on the list, by name; ``text`` searches names, emails and organisations."""
    # The list's columns only, as tuples: a public meeting can have thousands on its list, and two
    # model instances a row took longer than the query.
    query = (EventParticipant.select(Stakeholder.id, Stakeholder.display_name, Stakeholder.organisation_name,
                                     Stakeholder.email, Stakeholder.phone, EventParticipant.role,
                                     EventParticipant.rsvp, EventParticipant.attended, EventParticipant.checked_in_at,
                                     Stakeholder.do_not_contact).join(Stakeholder)
             .where(EventParticipant.event == event_id).order_by(Stakeholder.sort_name, Stakeholder.id))
    found = search.matching_ids_sql("stakeholder", text)
    if found:
        query = query.where(Stakeholder.id.in_(pw.SQL(f"({found[0]})", found[1])))
    return [Participant(*row) for row in query.tuples()]


_COUNT_KEYS = ("invited", "accepted", "declined", "tentative", "no_reply", "attended")


def counts(event_id: int) -> dict[str, int]:
    """invited (everyone on the list), accepted, declined, tentative, no_reply, attended.

    ``no_reply`` includes people who have not answered yet.
    """
    return counts_for([event_id]).get(event_id) or dict.fromkeys(_COUNT_KEYS, 0)


def counts_for(event_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """``counts`` of many events in one query per 500; events without participants are left out."""
    ids = list(dict.fromkeys(event_ids))
    result: dict[int, dict[str, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = (EventParticipant.select(EventParticipant.event, EventParticipant.rsvp,
                                        pw.fn.COUNT(EventParticipant.id), sqlparts.count_true(EventParticipant.attended))
                .where(EventParticipant.event.in_(ids[start:start + _CHUNK]))
                .group_by(EventParticipant.event, EventParticipant.rsvp).tuples())
        for event_id, rsvp, n, attended in rows:
            c = result.setdefault(event_id, dict.fromkeys(_COUNT_KEYS, 0))
            c["invited"] += n
            c["no_reply" if rsvp in ("invited", "no_reply") else rsvp] += n
            c["attended"] += attended or 0
    return result


def check_in(event_id: int, stakeholder_id: int) -> EventParticipant:
    """Mark someone as arrived, adding them to the list if they were not invited."""
    with database.atomic():
        events.get(event_id)
        if not Stakeholder.select().where(Stakeholder.id == stakeholder_id).exists():
            raise NotFound(f"Stakeholder {stakeholder_id} no longer exists.")
        row, _ = EventParticipant.get_or_create(event=event_id, stakeholder=stakeholder_id,
                                                defaults={"rsvp": "accepted"})
        row.attended = True
        row.checked_in_at = row.checked_in_at or utcnow()
        row.save()
        return row


def add_walk_in(event_id: int, *, given_name: str, family_name: str = "", email: str = "",
                phone: str = "", neighbourhood: str = "") -> Stakeholder:
    """Register someone who came without an invitation as a resident, and check them in."""
    given, family = (given_name or "").strip(), (family_name or "").strip()
    email = (email or "").strip()
    if not given:
        raise ValidationError("given_name", "Give at least a first name.")
    if email and "@" not in email:
        raise ValidationError("email", f"“{email}” is not an email address.")
    with database.atomic():
        event = events.get(event_id)
        person = Stakeholder.create(
            kind="person", type="resident", given_name=given, family_name=family,
            display_name=f"{given} {family}".strip(), sort_name=" ".join(filter(None, (family, given))).lower(),
            email=email, phone=(phone or "").strip(), neighbourhood=(neighbourhood or "").strip(),
            notes=f"Signed in at “{event.title}” ({local_start(event):%d %b %Y}).")
        history.record("stakeholder", person.id, "create")
        check_in(event_id, person.id)
        search.reindex("stakeholder", [person.id])
    return person


def mark_held(event_id: int) -> int:
    """Set the event to held and log one interaction per attendee; returns how many were logged.

    Safe to run again (after late check-ins): people already logged for this
    event are not logged twice.
    """
    with database.atomic():
        event = events.get(event_id)
        if event.status == "cancelled":
            raise TransitionRefused(
                f"“{event.title}” was cancelled; set it back to planned before marking it held.")
        if event.status != "held":
            event = events.update(event_id, status="held")
        came = (EventParticipant.event == event_id) & (EventParticipant.attended == True)  # noqa: E712
        attendees = [sid for (sid,) in EventParticipant.select(EventParticipant.stakeholder).where(came)
                     .order_by(EventParticipant.id).tuples()]
        logged = {sid for (sid,) in InteractionParticipant.select(InteractionParticipant.stakeholder)
                  .join(Interaction).where((Interaction.event == event_id) & (Interaction.channel == "event"))
                  .tuples()}
        when, staff, summary = to_utc_naive(local_start(event)), current_user(), f"Attended {event.title}"
        links = []
        for sid in attendees:
            if sid not in logged:
                interaction = Interaction.create(occurred_at=when, channel="event", staff=staff,
                                                 summary=summary, event=event_id)
                links.append({"interaction": interaction.id, "stakeholder": sid})
        for start in range(0, len(links), _CHUNK):
            InteractionParticipant.insert_many(links[start:start + _CHUNK]).execute()
        for start in range(0, len(attendees), _CHUNK):
            (Stakeholder.update(last_contacted_at=when)
             .where(Stakeholder.id.in_(attendees[start:start + _CHUNK])
                    & (Stakeholder.last_contacted_at.is_null() | (Stakeholder.last_contacted_at < when)))
             .execute())
        return len(links)
