"""The engagement log: interactions, who took part, and follow-ups."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

from peewee import SQL

from .. import sqlparts
from ..errors import NotFound, ValidationError
from ..models import Interaction, InteractionParticipant, Stakeholder, choices, database
from ..timeutil import to_utc_naive, utcnow
from ..users import current_user
from . import validation as v


def get(interaction_id: int) -> Interaction:
    try:
        return Interaction.get_by_id(interaction_id)
    except Interaction.DoesNotExist:
        raise NotFound(f"Interaction #{interaction_id} does not exist.") from None


def _when(value: Any) -> datetime:
    if value is None or value == "":
        return utcnow()
    if isinstance(value, datetime):
        return to_utc_naive(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 12)
    raise ValidationError("occurred_at", f"“{value}” is not a date and time.")


def log_interaction(stakeholder_ids: Iterable[int], *, channel: str, summary: str = "",
                    occurred_at: datetime | None = None, staff: str | None = None, follow_up: str = "",
                    follow_up_due: date | None = None, event_id: int | None = None,
                    concern_id: int | None = None) -> Interaction:
    """Record a meeting, call, email … with one or more stakeholders."""
    ids = sorted(set(stakeholder_ids))
    if not ids:
        raise ValidationError("stakeholders", "Choose at least one stakeholder the interaction was with.")
    channel = v.choice("channel", channel, choices.INTERACTION_CHANNELS, label="Channel")
    follow_up = v.text("follow_up", follow_up, label="Follow-up")
    due = v.a_date("follow_up_due", follow_up_due, label="Follow-up due date")
    if due and not follow_up:
        raise ValidationError("follow_up", "Say what the follow-up is, or clear its due date.")
    when = _when(occurred_at)
    with database.atomic():
        found = Stakeholder.select(Stakeholder.id).where(Stakeholder.id.in_(ids)).count()
        if found != len(ids):
            raise NotFound("One of the chosen stakeholders no longer exists.")
        i = Interaction.create(occurred_at=when, channel=channel,
                               staff=v.text("staff", staff if staff is not None else current_user()),
                               summary=v.text("summary", summary, max_length=100_000), follow_up=follow_up,
                               follow_up_due=due, event=event_id, concern=concern_id)
        InteractionParticipant.insert_many([{"interaction": i.id, "stakeholder": s} for s in ids]).execute()
        mark_contacted(ids, when)
    return i


def mark_contacted(ids: Iterable[int], when: datetime) -> None:
    """Move each stakeholder's last-contacted date forward to ``when`` (never back)."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        (Stakeholder.update(last_contacted_at=when)
         .where(Stakeholder.id.in_(chunk) & (Stakeholder.last_contacted_at.is_null()
                                             | (Stakeholder.last_contacted_at < when))).execute())


def _refresh_last_contacted(ids: Iterable[int]) -> None:
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        database.execute_sql(
            "UPDATE stakeholder SET last_contacted_at = (SELECT MAX(i.occurred_at) FROM interaction i"
            " JOIN interaction_participant p ON p.interaction_id = i.id WHERE p.stakeholder_id = stakeholder.id)"
            f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk)


def participants(interaction_id: int) -> list[Stakeholder]:
    return list(Stakeholder.select().join(InteractionParticipant)
                .where(InteractionParticipant.interaction == interaction_id).order_by(Stakeholder.sort_name))


def update_interaction(interaction_id: int, **fields: Any) -> Interaction:
    allowed = {"channel", "summary", "occurred_at", "staff", "follow_up", "follow_up_due", "follow_up_done"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not an interaction field.")
    with database.atomic():
        i = get(interaction_id)
        if "channel" in fields:
            i.channel = v.choice("channel", fields["channel"], choices.INTERACTION_CHANNELS, label="Channel")
        if "summary" in fields:
            i.summary = v.text("summary", fields["summary"], max_length=100_000)
        if "staff" in fields:
            i.staff = v.text("staff", fields["staff"])
        if "follow_up" in fields:
            i.follow_up = v.text("follow_up", fields["follow_up"], label="Follow-up")
        if "follow_up_due" in fields:
            i.follow_up_due = v.a_date("follow_up_due", fields["follow_up_due"], label="Follow-up due date")
        if "follow_up_done" in fields:
            i.follow_up_done = v.boolean(fields["follow_up_done"])
        if "occurred_at" in fields:
            i.occurred_at = _when(fields["occurred_at"])
        i.updated_at = utcnow()
        i.version += 1
        i.save()
        if "occurred_at" in fields:
            _refresh_last_contacted(p.id for p in participants(i.id))
    return i


def delete_interaction(interaction_id: int) -> None:
    with database.atomic():
        ids = [p.id for p in participants(interaction_id)]
        Interaction.delete().where(Interaction.id == interaction_id).execute()
        _refresh_last_contacted(ids)


def complete_follow_up(interaction_id: int, done: bool = True) -> Interaction:
    return update_interaction(interaction_id, follow_up_done=done)


@dataclass(frozen=True)
class FollowUp:
    interaction_id: int
    action: str
    due: date | None
    done: bool
    overdue: bool
    channel: str
    occurred_at: datetime
    summary: str
    staff: str
    stakeholders: str  # names, comma separated


# The most follow-ups a list holds; the counts of open and overdue ones are always whole.
FOLLOW_UP_LIMIT = 1000


def follow_up_counts(*, today: date | None = None) -> tuple[int, int]:
    """How many follow-ups are open across the register, and how many of those are overdue."""
    today = today or date.today()
    # Literal SQL, as in follow_ups, so both counts read the partial index of open follow-ups.
    opened = Interaction.select().where(SQL("follow_up != ''")).where(sqlparts.is_false("follow_up_done"))
    return opened.count(), opened.where(Interaction.follow_up_due < today).count()


def follow_ups(*, include_done: bool = False, staff: str | None = None, stakeholder_id: int | None = None,
               today: date | None = None, limit: int | None = None) -> list[FollowUp]:
    """Open follow-ups across the register, overdue first, then by due date (``limit``: FOLLOW_UP_LIMIT)."""
    today = today or date.today()
    limit = limit or FOLLOW_UP_LIMIT
    # Literal SQL (not bound values) so SQLite can use the partial index of open follow-ups.
    # The list's columns only, as tuples: a model instance per row cost more than the query.
    q = Interaction.select(Interaction.id, Interaction.follow_up, Interaction.follow_up_due,
                           Interaction.follow_up_done, Interaction.channel, Interaction.occurred_at,
                           Interaction.summary, Interaction.staff).where(SQL("follow_up != ''"))
    if not include_done:
        q = q.where(sqlparts.is_false("follow_up_done"))
    if staff:
        q = q.where(Interaction.staff == staff)
    if stakeholder_id is not None:
        q = q.where(Interaction.id.in_(InteractionParticipant.select(InteractionParticipant.interaction)
                                       .where(InteractionParticipant.stakeholder == stakeholder_id)))
    q = q.order_by(Interaction.follow_up_done, Interaction.follow_up_due.is_null(),
                   Interaction.follow_up_due, Interaction.occurred_at).limit(limit)
    items = list(q.tuples())
    names: dict[int, str] = {}
    ids = [i[0] for i in items]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = (InteractionParticipant.select(InteractionParticipant.interaction,
                                              sqlparts.joined_text(Stakeholder.display_name, ", "))
                .join(Stakeholder).where(InteractionParticipant.interaction.in_(chunk))
                .group_by(InteractionParticipant.interaction).tuples())
        names.update(dict(rows))
    out = []
    for interaction_id, action, due, done, channel, occurred_at, summary, staff in items:
        overdue = (not done) and due is not None and due < today
        out.append(FollowUp(interaction_id, action, due, done, overdue, channel, occurred_at, summary, staff,
                            names.get(interaction_id, "")))
    return out


def for_stakeholder(stakeholder_id: int, limit: int = 500) -> list[Interaction]:
    return list(Interaction.select().join(InteractionParticipant)
                .where(InteractionParticipant.stakeholder == stakeholder_id)
                .order_by(Interaction.occurred_at.desc()).limit(limit))


def count() -> int:
    return Interaction.select().count()
