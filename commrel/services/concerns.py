"""Concerns handled as a grievance mechanism (IFC PS1 / World Bank practice): intake and edits.

The lifecycle (the transition table and the moves) lives in
``concern_lifecycle``, reading and lists in ``concern_queries``, categories
and clock arithmetic in ``concern_clocks``; the names the screens need are
re-exported here, so ``concerns.acknowledge`` and ``concerns.list_concerns``
work as before.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import search
from ..errors import ConflictError, ValidationError
from ..models import Concern, ConcernCategory, ConcernUpdate, Event, ReferenceCounter, Stakeholder, database
from ..models.choices import CONCERN_CHANNELS, CONCERN_UPDATE_KINDS, PRIORITIES, SEVERITIES
from ..timeutil import from_utc_naive, local_zone_name, utcnow, zone
from ..users import current_user
from . import history
from .concern_clocks import (INTERIM_REMINDER_DAYS, ConcernClocks, clocks, compute_targets,  # noqa: F401
                             create_category, delete_category, ensure_default_categories, get_category,
                             governing_category, list_categories, update_category)
from .concern_lifecycle import (ACKNOWLEDGEMENT_METHODS, ACTION_LABELS, MAIN_STATUSES,  # noqa: F401
                                OPEN_STATUSES, TRANSITIONS, accept, acknowledge, allowed_actions, appeal,
                                close_resolved, close_unresolved, implement, propose_response, refer,
                                refusal_message, reject, respond, stage_path, start_investigation)
from .concern_lifecycle import checked_moment as _moment
from .concern_lifecycle import clean_text as _text
from .concern_lifecycle import save_versioned as _save
from .concern_queries import (SORT_KEYS, ConcernFilter, board, count, for_event, for_stakeholder,  # noqa: F401
                              get, get_by_reference, list_concerns, my_concerns, neighbourhoods, overdue,
                              owners, timeline)

REFERENCE_PREFIX = "CR"

EDITABLE_FIELDS = ("category", "subcategory", "location", "neighbourhood", "summary", "description",
                   "severity", "priority", "owner", "confidential", "complainant", "anonymous", "event")
_ID_ALIASES = {"category_id": "category", "subcategory_id": "subcategory",
               "complainant_id": "complainant", "event_id": "event"}
_SEARCHED_FIELDS = {"summary", "description", "location", "neighbourhood", "category"}
_MAX_TEXT = 255


# --- intake and edits ---------------------------------------------------------

def intake(*, received_at: datetime | None = None, channel: str, complainant_id: int | None = None,
           anonymous: bool = False, confidential: bool = False, category_id: int | None = None,
           subcategory_id: int | None = None, location: str = "", neighbourhood: str = "", summary: str,
           description: str = "", severity: str = "medium", priority: str = "normal", owner: str = "",
           event_id: int | None = None, tz: str | None = None) -> Concern:
    """Log a new concern: validate, number it CR-YYYY-NNNN, set its clocks, one transaction.

    ``received_at`` is aware, or naive UTC (default now). The year of the
    reference and the due dates follow the officer's zone ``tz`` (default
    this computer's).
    """
    tz = _zone_name(tz)
    received = utcnow() if received_at is None else _moment("received_at", received_at)
    if channel not in CONCERN_CHANNELS:
        raise ValidationError("channel", "Choose how the concern was received.")
    with database.atomic():
        values = _clean(dict(
            category=category_id, subcategory=subcategory_id, location=location, neighbourhood=neighbourhood,
            summary=summary, description=description, severity=severity, priority=priority, owner=owner,
            confidential=confidential, complainant=complainant_id, anonymous=anonymous, event=event_id))
        rule = governing_category(_category_row(values["category"]), _category_row(values["subcategory"]))
        acknowledge_due, resolution_target = compute_targets(received, rule, tz=tz)
        reference = _next_reference(from_utc_naive(received, tz).year)
        concern = Concern.create(reference=reference, received_at=received, channel=channel,
                                 status="received", acknowledge_due=acknowledge_due,
                                 resolution_target=resolution_target, **values)
        ConcernUpdate.create(concern=concern, at=received, kind="status", to_status="received",
                             text=f"Received by {CONCERN_CHANNELS[channel].lower()}.",
                             recorded_by=current_user())
        history.record("concern", concern.id, "create", {"reference": (None, reference)})
        search.reindex("concern", [concern.id])
    return concern


def intake_with_new_complainant(person: dict[str, Any], **fields: Any) -> Concern:
    """Add the complainant to the register and log their concern, both or neither.

    ``person`` holds stakeholder fields (given_name, family_name, email, phone
    and so on); ``fields`` are those of :func:`intake`.
    """
    from . import stakeholders

    with database.atomic():
        complainant = stakeholders.create(kind="person", **person)
        return intake(complainant_id=complainant.id, **fields)


def _next_reference(year: int) -> str:
    """Take the next number for ``year``; the counter only rises, so numbers are never reused."""
    rc = ReferenceCounter
    while True:
        (rc.insert(prefix=REFERENCE_PREFIX, year=year, last=1)
         .on_conflict(conflict_target=[rc.prefix, rc.year], update={rc.last: rc.last + 1}).execute())
        number = rc.get((rc.prefix == REFERENCE_PREFIX) & (rc.year == year)).last
        reference = f"{REFERENCE_PREFIX}-{year}-{number:04d}"
        # A concern brought in from elsewhere may already hold the number.
        if not Concern.select().where(Concern.reference == reference).exists():
            return reference


def update(concern_id: int, expected_version: int | None = None, *, tz: str | None = None,
           **fields) -> Concern:
    """Edit the fields in EDITABLE_FIELDS (``category_id`` and the like are accepted too).

    With ``expected_version`` (the version the form was opened at), a record
    changed since raises ConflictError carrying both sides. A new category
    brings its clocks: the due dates are worked out again from receipt.
    """
    return _edit(concern_id, fields, expected_version, "update", tz)


def assign(concern_id: int, owner: str, expected_version: int | None = None) -> Concern:
    """Make ``owner`` responsible for the concern ("" leaves it unassigned).

    With ``expected_version``, a concern someone changed since it was shown is
    refused with ConflictError rather than reassigned over their change.
    """
    return _edit(concern_id, {"owner": owner}, expected_version, "assign", None)


def _edit(concern_id: int, fields: dict, expected_version: int | None, action: str, tz: str | None) -> Concern:
    wanted = {_ID_ALIASES.get(name, name): value for name, value in fields.items()}
    for name in ("category", "subcategory", "complainant", "event"):
        if name in wanted:
            wanted[name] = _id(wanted[name])
    unknown = set(wanted) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable on a concern: {', '.join(sorted(unknown))}")
    with database.atomic():
        concern = get(concern_id)
        if expected_version is not None and expected_version != concern.version:
            latest = history.for_entity("concern", concern.id)
            who = f" by {latest[0].by}" if latest and latest[0].by else ""
            raise ConflictError(
                f"{concern.reference} was changed{who} after you opened it; your changes were not saved. "
                "Compare them with the current record and try again.",
                mine=dict(fields), theirs={name: concern.__data__.get(_ID_ALIASES.get(name, name))
                                           for name in fields} | {"version": concern.version})
        current = {name: concern.__data__.get(name) for name in EDITABLE_FIELDS}
        if "category" in wanted and "subcategory" not in wanted and wanted["category"] != current["category"]:
            wanted["subcategory"] = None  # the old subcategory belonged to the old category
        cleaned = _clean(wanted, current)
        changes = {name: (current[name], value) for name, value in cleaned.items() if current[name] != value}
        if not changes:
            return concern
        for name, value in changes.items():
            setattr(concern, name, value[1])
        if {"category", "subcategory"} & set(changes):
            rule = governing_category(_category_row(concern.category_id), _category_row(concern.subcategory_id))
            due = compute_targets(concern.received_at, rule, tz=_zone_name(tz))
            for name, value in zip(("acknowledge_due", "resolution_target"), due):
                if getattr(concern, name) != value:
                    changes[name] = (getattr(concern, name), value)
                    setattr(concern, name, value)
        _save(concern, changes)
        readable = {name: (_readable(name, old), _readable(name, new)) for name, (old, new) in changes.items()}
        history.record("concern", concern.id, action, readable)
        if _SEARCHED_FIELDS & set(changes):
            search.reindex("concern", [concern.id])
    return concern


def set_targets(concern_id: int, acknowledge_due: datetime | None = None,
                resolution_target: datetime | None = None) -> Concern:
    """Move the due dates by hand (aware, or naive UTC); None keeps a date as it is."""
    with database.atomic():
        concern = get(concern_id)
        changes = {}
        for name, value in (("acknowledge_due", acknowledge_due), ("resolution_target", resolution_target)):
            if value is None:
                continue
            value = _moment(name, value, not_before=concern.received_at, future_ok=True)
            if value != getattr(concern, name):
                changes[name] = (getattr(concern, name), value)
                setattr(concern, name, value)
        if concern.resolution_target < concern.acknowledge_due:
            raise ValidationError("resolution_target", "The resolution target cannot come before "
                                                       "the acknowledgement is due.")
        if changes:
            _save(concern, changes)
            history.record("concern", concern.id, "set_targets", changes)
    return concern


def delete(concern_id: int) -> None:
    """Remove a concern entered by mistake, with its timeline. Its number is not given out again."""
    with database.atomic():
        concern = get(concern_id)
        ConcernUpdate.delete().where(ConcernUpdate.concern == concern.id).execute()
        concern.delete_instance()
        search.remove("concern", [concern.id])
        history.record("concern", concern.id, "delete",
                       {"reference": (concern.reference, None), "summary": (concern.summary, None)})


def _zone_name(tz: str | None) -> str:
    try:
        zone(tz)
    except ValueError:
        raise ValidationError("tz", f"{tz} is not a time zone Commrel knows.") from None
    return tz or local_zone_name()


def _category_row(category_id: int | None) -> ConcernCategory | None:
    return None if category_id is None else ConcernCategory.get_or_none(ConcernCategory.id == category_id)


def _id(value: Any) -> int | None:
    return value.id if hasattr(value, "id") else value


def _clean(new: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check and normalise concern fields; cross-field rules see the stored values too."""
    out: dict[str, Any] = {}
    for name, value in new.items():
        if name in ("summary", "location", "neighbourhood", "owner", "description"):
            value = _text(value, name)
            if name != "description" and len(value) > _MAX_TEXT:
                raise ValidationError(name, f"Keep this under {_MAX_TEXT} characters.")
        elif name in ("confidential", "anonymous"):
            if not isinstance(value, bool):
                raise ValidationError(name, "Expected yes or no.")
        elif name == "severity" and value not in SEVERITIES:
            raise ValidationError(name, f"Choose one of: {', '.join(SEVERITIES.values())}.")
        elif name == "priority" and value not in PRIORITIES:
            raise ValidationError(name, f"Choose one of: {', '.join(PRIORITIES.values())}.")
        elif name in ("category", "subcategory", "complainant", "event"):
            value = _id(value)
        out[name] = value
    merged = {**(current or {}), **out}
    if "summary" in out and not out["summary"]:
        raise ValidationError("summary", "Give the concern a short summary.")
    if merged.get("complainant") is not None:
        if not Stakeholder.select().where(Stakeholder.id == merged["complainant"]).exists():
            raise ValidationError("complainant", "That stakeholder no longer exists.")
        if merged.get("anonymous"):
            raise ValidationError("anonymous", "An anonymous concern cannot name a complainant; "
                                               "untick anonymous or remove the complainant.")
    if merged.get("event") is not None and not Event.select().where(Event.id == merged["event"]).exists():
        raise ValidationError("event", "That event no longer exists.")
    category, sub = _category_row(merged.get("category")), _category_row(merged.get("subcategory"))
    if merged.get("category") is not None and category is None:
        raise ValidationError("category", "That category no longer exists.")
    if merged.get("subcategory") is not None and sub is None:
        raise ValidationError("subcategory", "That subcategory no longer exists.")
    if category is not None and category.parent_id is not None:
        raise ValidationError("category", f"{category.name} is a subcategory; choose it as the subcategory.")
    if sub is not None:
        if sub.parent_id is None:
            raise ValidationError("subcategory", f"{sub.name} is a category, not a subcategory.")
        if category is None:
            out["category"] = sub.parent_id
        elif sub.parent_id != category.id:
            raise ValidationError("subcategory", f"{sub.name} is not a subcategory of {category.name}.")
    return out


def _readable(name: str, value: Any) -> Any:
    """Names instead of ids in the history people read."""
    if value is None:
        return None
    if name in ("category", "subcategory"):
        row = ConcernCategory.get_or_none(ConcernCategory.id == value)
        return row.name if row else value
    if name == "complainant":
        row = Stakeholder.get_or_none(Stakeholder.id == value)
        return row.display_name if row else value
    if name == "event":
        row = Event.get_or_none(Event.id == value)
        return row.title if row else value
    return value


# --- timeline -------------------------------------------------------------------

UPDATE_KINDS = {k: v for k, v in CONCERN_UPDATE_KINDS.items() if k != "status"}


def add_update(concern_id: int, kind: str, text: str, at: datetime | None = None,
               attachment: str = "") -> ConcernUpdate:
    """Add a call, letter, site visit, note or attachment to the timeline."""
    with database.atomic():
        concern = get(concern_id)
        if kind not in UPDATE_KINDS:
            raise ValidationError("kind", "Choose what kind of update this is.")
        text, attachment = _text(text, "text"), _text(attachment, "attachment")
        if kind == "attachment" and not attachment:
            raise ValidationError("attachment", "Choose the file to attach.")
        if not text and not attachment:
            raise ValidationError("text", "Write what happened.")
        when = _moment("at", at, not_before=concern.received_at)
        entry = ConcernUpdate.create(concern=concern, at=when, kind=kind, text=text, attachment=attachment,
                                     recorded_by=current_user())
        Concern.update(updated_at=utcnow()).where(Concern.id == concern.id).execute()
    return entry


