"""Media contacts, media lists and journalists' inquiries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from peewee import JOIN

from ..errors import NotFound, ValidationError
from ..models import (MediaInquiry, MediaList, MediaListMember, MediaProfile, Membership, Stakeholder,
                      database)
from ..models.media import INQUIRY_STATUSES, OUTLET_KINDS
from ..timeutil import to_utc_naive, utcnow
from . import engagement
from . import validation as v

_PROFILE_FIELDS = ("outlet_kind", "reach", "beat", "deadlines", "preferred_contact")


def profile(stakeholder_id: int) -> MediaProfile | None:
    return MediaProfile.get_or_none(MediaProfile.stakeholder == stakeholder_id)


def set_profile(stakeholder_id: int, **fields: Any) -> MediaProfile:
    """Record an outlet's kind and reach, or a journalist's beat, deadlines and preferred contact."""
    unknown = set(fields) - set(_PROFILE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a media field.")
    if fields.get("outlet_kind"):
        fields["outlet_kind"] = v.choice("outlet_kind", fields["outlet_kind"], OUTLET_KINDS, label="Outlet kind")
    if "reach" in fields:
        fields["reach"] = v.integer("reach", fields["reach"], low=0, high=10**10, allow_none=True, label="Reach")
    for key in ("beat", "deadlines", "preferred_contact"):
        if key in fields:
            fields[key] = v.text(key, fields[key])
    with database.atomic():
        if Stakeholder.get_or_none(Stakeholder.id == stakeholder_id) is None:
            raise NotFound(f"Stakeholder #{stakeholder_id} does not exist.")
        p, _ = MediaProfile.get_or_create(stakeholder=stakeholder_id)
        for key, value in fields.items():
            setattr(p, key, value)
        p.save()
    return p


def profiles_for(stakeholder_ids: Iterable[int]) -> dict[int, MediaProfile]:
    """Media profiles of many stakeholders at once, keyed by stakeholder id (missing ones left out)."""
    ids = list(stakeholder_ids)
    found: dict[int, MediaProfile] = {}
    for start in range(0, len(ids), 500):
        for p in MediaProfile.select().where(MediaProfile.stakeholder.in_(ids[start:start + 500])):
            found[p.stakeholder_id] = p
    return found


def outlet_of(journalist_id: int) -> Stakeholder | None:
    """The media organisation a journalist belongs to, if the register knows one."""
    return (Stakeholder.select().join(Membership, on=Membership.organisation == Stakeholder.id)
            .where((Membership.person == journalist_id) & (Stakeholder.type == "media")
                   & (Stakeholder.kind == "organisation"))
            .order_by(Stakeholder.sort_name).first())


def create_contact(*, name: str, outlet: bool = False, email: str = "", phone: str = "",
                   works_for: int | None = None) -> Stakeholder:
    """Add a journalist (a person, optionally working for an outlet) or an outlet to the register."""
    from . import stakeholders

    name = " ".join(name.split())
    with database.atomic():
        if outlet:
            return stakeholders.create(kind="organisation", type="media", display_name=name, email=email,
                                       phone=phone)
        given, _, family = name.rpartition(" ")
        s = stakeholders.create(kind="person", type="media", given_name=given or family,
                                family_name=family if given else "", email=email, phone=phone)
        if works_for is not None:
            stakeholders.add_membership(s.id, works_for)
        return s


def outlets() -> list[Stakeholder]:
    return list(Stakeholder.select().where((Stakeholder.type == "media") & (Stakeholder.kind == "organisation")
                                           & (Stakeholder.archived == False))  # noqa: E712
                .order_by(Stakeholder.sort_name))


# Media lists ------------------------------------------------------------------

def create_list(name: str, description: str = "") -> MediaList:
    name = v.text("name", name, required=True, label="List name")
    if MediaList.get_or_none(MediaList.name == name):
        raise ValidationError("name", f"A media list called “{name}” already exists.")
    return MediaList.create(name=name, description=v.text("description", description, max_length=2000))


def lists() -> list[MediaList]:
    return list(MediaList.select().order_by(MediaList.name))


def add_to_list(list_id: int, stakeholder_ids: Iterable[int]) -> int:
    ids = list(stakeholder_ids)
    with database.atomic():
        before = MediaListMember.select().where(MediaListMember.media_list == list_id).count()
        MediaListMember.insert_many([{"media_list": list_id, "stakeholder": i} for i in ids]).on_conflict_ignore().execute()
        return MediaListMember.select().where(MediaListMember.media_list == list_id).count() - before


def remove_from_list(list_id: int, stakeholder_ids: Iterable[int]) -> None:
    MediaListMember.delete().where(MediaListMember.media_list == list_id,
                                   MediaListMember.stakeholder.in_(list(stakeholder_ids))).execute()


def members(list_id: int) -> list[Stakeholder]:
    """A list's members, holding what a list shows and who may be sent to needs (a list can run to thousands)."""
    return list(Stakeholder.select(Stakeholder.id, Stakeholder.display_name, Stakeholder.email,
                                   Stakeholder.do_not_contact, Stakeholder.archived)
                .join(MediaListMember, on=MediaListMember.stakeholder == Stakeholder.id)
                .where(MediaListMember.media_list == list_id).order_by(Stakeholder.sort_name))


@dataclass(frozen=True)
class Recipients:
    contactable: list[Stakeholder]
    do_not_contact: int
    archived: int
    no_email: int

    def message(self) -> str:
        parts = []
        if self.do_not_contact:
            parts.append(f"{self.do_not_contact} marked do-not-contact")
        if self.archived:
            parts.append(f"{self.archived} archived")
        if self.no_email:
            parts.append(f"{self.no_email} without an email address")
        text = f"{len(self.contactable)} will receive it."
        return text + (" Left out: " + ", ".join(parts) + "." if parts else "")


def recipients(list_id: int) -> Recipients:
    """Who on a list may be contacted; do-not-contact and archived people are left out and counted."""
    return recipients_among(members(list_id))


def recipients_among(everyone: list[Stakeholder]) -> Recipients:
    """:func:`recipients` of a list's members already read."""
    ok = [s for s in everyone if not s.do_not_contact and not s.archived and s.email]
    return Recipients(ok, sum(1 for s in everyone if s.do_not_contact),
                      sum(1 for s in everyone if s.archived and not s.do_not_contact),
                      sum(1 for s in everyone if not s.email and not s.do_not_contact and not s.archived))


# Inquiries ----------------------------------------------------------------------

def log_inquiry(*, question: str, journalist_id: int | None = None, outlet_id: int | None = None,
                deadline: datetime | None = None, assigned_to: str = "", received_at: datetime | None = None,
                channel: str = "email") -> MediaInquiry:
    """Log an incoming inquiry; it also lands in the engagement log with a follow-up."""
    question = v.text("question", question, required=True, max_length=20_000, label="Question")
    if journalist_id is None and outlet_id is None:
        raise ValidationError("journalist", "Say who asked: a journalist or an outlet.")
    received = to_utc_naive(received_at) if received_at else utcnow()
    due = to_utc_naive(deadline) if deadline else None
    if due is not None and due < received:
        raise ValidationError("deadline", "The deadline is before the inquiry was received.")
    with database.atomic():
        people = [i for i in (journalist_id, outlet_id) if i is not None]
        interaction = engagement.log_interaction(
            people, channel=channel, occurred_at=received, summary=f"Media inquiry: {question}",
            follow_up="Answer media inquiry", follow_up_due=due.date() if due else None)
        return MediaInquiry.create(received_at=received, journalist=journalist_id, outlet=outlet_id,
                                   question=question, deadline=due, assigned_to=v.text("assigned_to", assigned_to),
                                   interaction=interaction)


def get_inquiry(inquiry_id: int) -> MediaInquiry:
    inquiry = MediaInquiry.get_or_none(MediaInquiry.id == inquiry_id)
    if inquiry is None:
        raise NotFound(f"Media inquiry #{inquiry_id} does not exist.")
    return inquiry


def respond(inquiry_id: int, *, response: str, spokesperson: str = "", at: datetime | None = None,
            declined: bool = False) -> MediaInquiry:
    response = v.text("response", response, required=True, max_length=50_000, label="Response")
    with database.atomic():
        inquiry = get_inquiry(inquiry_id)
        if inquiry.status != "open":
            raise ValidationError("status", f"This inquiry is already {INQUIRY_STATUSES[inquiry.status].lower()}.")
        inquiry.response, inquiry.spokesperson = response, v.text("spokesperson", spokesperson)
        inquiry.responded_at = to_utc_naive(at) if at else utcnow()
        inquiry.status = "declined" if declined else "answered"
        inquiry.version += 1
        inquiry.updated_at = utcnow()
        inquiry.save()
        if inquiry.interaction_id:
            engagement.complete_follow_up(inquiry.interaction_id)
    return inquiry


def assignees() -> list[str]:
    """Everyone inquiries have been assigned to, to offer when assigning the next one."""
    q = (MediaInquiry.select(MediaInquiry.assigned_to).where(MediaInquiry.assigned_to != "")
         .distinct().order_by(MediaInquiry.assigned_to))
    return [r[0] for r in q.tuples()]


def assign(inquiry_id: int, owner: str) -> None:
    MediaInquiry.update(assigned_to=v.text("assigned_to", owner), updated_at=utcnow()).where(
        MediaInquiry.id == inquiry_id).execute()


@dataclass(frozen=True)
class InquiryRow:
    id: int
    received_at: datetime
    journalist: str
    outlet: str
    question: str
    deadline: datetime | None
    assigned_to: str
    status: str
    overdue: bool


def inquiries(*, open_only: bool = True, now: datetime | None = None) -> list[InquiryRow]:
    """Inquiries by deadline (soonest first; no deadline last); overdue ones flagged."""
    now = now or utcnow()
    journalist = Stakeholder.alias("j")
    outlet = Stakeholder.alias("o")
    q = (MediaInquiry.select(MediaInquiry, journalist.display_name.alias("jname"), outlet.display_name.alias("oname"))
         .join_from(MediaInquiry, journalist, JOIN.LEFT_OUTER, on=(MediaInquiry.journalist == journalist.id))
         .join_from(MediaInquiry, outlet, JOIN.LEFT_OUTER, on=(MediaInquiry.outlet == outlet.id))
         .order_by(MediaInquiry.deadline.is_null(), MediaInquiry.deadline, MediaInquiry.received_at))
    if open_only:
        q = q.where(MediaInquiry.status == "open")
    return [InquiryRow(i.id, i.received_at, getattr(i, "jname", None) or "", getattr(i, "oname", None) or "",
                       i.question, i.deadline, i.assigned_to, i.status,
                       i.status == "open" and i.deadline is not None and i.deadline < now)
            for i in q.objects()]
