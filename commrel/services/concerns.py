"""Concerns handled as a grievance mechanism (IFC PS1 / World Bank practice).

A concern is received, acknowledged, then accepted or rejected; accepted
ones are investigated, answered and the answer put into effect before the
concern is closed as resolved. A complainant who is not satisfied may
appeal, after which the concern is closed unresolved or referred to an
outside body. Each move is one function and one transaction, and leaves a
timeline entry and field-level history.

Categories and clock arithmetic live in ``concern_clocks``; the names the
screens need are re-exported here.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import reduce
from typing import Any

from peewee import JOIN, SQL, Case, fn

from .. import search
from ..errors import ConflictError, NotFound, TransitionRefused, ValidationError
from ..models import Concern, ConcernCategory, ConcernUpdate, Event, ReferenceCounter, Stakeholder, database
from ..models.choices import (CLOSED_CONCERN_STATUSES, CONCERN_CHANNELS, CONCERN_STATUSES,
                              CONCERN_UPDATE_KINDS, PRIORITIES, SATISFACTION, SEVERITIES, label)
from ..timeutil import from_utc_naive, local_zone_name, to_utc_naive, utcnow, zone
from ..users import current_user
from . import history
from .concern_clocks import (INTERIM_REMINDER_DAYS, ConcernClocks, clocks, compute_targets,  # noqa: F401
                             create_category, delete_category, ensure_default_categories, get_category,
                             governing_category, list_categories, update_category)

REFERENCE_PREFIX = "CR"
OPEN_STATUSES = tuple(s for s in CONCERN_STATUSES if s not in CLOSED_CONCERN_STATUSES)

ACKNOWLEDGEMENT_METHODS = {
    "letter": "Letter",
    "email": "Email",
    "phone": "Phone",
    "sms": "Text message",
    "in_person": "In person",
}

# The lifecycle as data: action -> (statuses it may start from, status it leads to).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "acknowledge": (("received",), "acknowledged"),
    "accept": (("acknowledged",), "accepted"),
    "reject": (("acknowledged",), "rejected"),
    "start_investigation": (("accepted",), "investigating"),
    # Proposing again replaces a draft that was sent back.
    "propose_response": (("investigating", "response_proposed"), "response_proposed"),
    "respond": (("response_proposed",), "responded"),
    "implement": (("responded",), "implemented"),
    "close_resolved": (("implemented",), "closed_resolved"),
    "appeal": (("responded", "implemented", "closed_resolved", "rejected"), "appealed"),
    # Always with a reason: after an appeal, or when e.g. the complainant withdrew.
    "close_unresolved": (OPEN_STATUSES, "closed_unresolved"),
    "refer": (("appealed",), "referred"),
}

ACTION_LABELS = {
    "acknowledge": "Acknowledge",
    "accept": "Accept",
    "reject": "Reject",
    "start_investigation": "Start investigation",
    "propose_response": "Propose response",
    "respond": "Send response",
    "implement": "Mark implemented",
    "close_resolved": "Close as resolved",
    "appeal": "Record appeal",
    "close_unresolved": "Close as unresolved",
    "refer": "Refer to external body",
}

# How a move reads after "it must be ... before it can be ...".
_DONE = {
    "acknowledge": "acknowledged",
    "accept": "accepted",
    "reject": "rejected",
    "start_investigation": "investigated",
    "propose_response": "given a proposed response",
    "respond": "responded to",
    "implement": "implemented",
    "close_resolved": "closed as resolved",
    "appeal": "appealed",
    "close_unresolved": "closed as unresolved",
    "refer": "referred to an external body",
}
_MAIN_LINE = ("acknowledge", "accept", "start_investigation", "propose_response", "respond",
              "implement", "close_resolved")

EDITABLE_FIELDS = ("category", "subcategory", "location", "neighbourhood", "summary", "description",
                   "severity", "priority", "owner", "confidential", "complainant", "anonymous", "event")
_ID_ALIASES = {"category_id": "category", "subcategory_id": "subcategory",
               "complainant_id": "complainant", "event_id": "event"}
_SEARCHED_FIELDS = {"summary", "description", "location", "neighbourhood", "category"}
_MAX_TEXT = 255
# Computer clocks differ a little; a time this far ahead still counts as now.
_FUTURE_SLACK = timedelta(minutes=5)


# --- reading ----------------------------------------------------------------

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


# --- lifecycle rules --------------------------------------------------------

def allowed_actions(concern: Concern | str) -> list[str]:
    """Actions possible from the concern's status (or a status code), in lifecycle order."""
    status = concern if isinstance(concern, str) else concern.status
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def _steps_to(status: str, action: str) -> list[str] | None:
    """The main-line moves that take ``status`` to where ``action`` is allowed."""
    sources = TRANSITIONS[action][0]
    frontier, seen = [(status, [])], {status}
    while frontier:
        current, path = frontier.pop(0)
        if current in sources:
            return path
        for step in _MAIN_LINE:
            step_sources, target = TRANSITIONS[step]
            if current in step_sources and target not in seen:
                seen.add(target)
                frontier.append((target, path + [step]))
    return None


def _reaches(start: str, goal: str) -> bool:
    """Whether the main line leads from ``start`` to ``goal``."""
    seen, frontier = {start}, [start]
    while frontier:
        current = frontier.pop()
        if current == goal:
            return True
        for step in _MAIN_LINE:
            sources, target = TRANSITIONS[step]
            if current in sources and target not in seen:
                seen.add(target)
                frontier.append(target)
    return False


def _join(words: list[str], last: str = "and") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def refusal_message(concern: Concern, action: str) -> str:
    """Why ``action`` cannot happen now, naming what must happen first."""
    where = f"{concern.reference} is {label(CONCERN_STATUSES, concern.status)}"
    sources, target = TRANSITIONS[action]
    if target == concern.status:
        return f"{concern.reference} is already {label(CONCERN_STATUSES, concern.status)}."
    if concern.is_closed:
        if "appeal" in allowed_actions(concern):
            return f"{where}; a closed concern can only be appealed."
        return f"{where}; it is closed and can no longer be {_DONE[action]}."
    steps = _steps_to(concern.status, action)
    if steps:
        return f"{where}; it must be {_join([_DONE[s] for s in steps])} before it can be {_DONE[action]}."
    if _reaches(target, concern.status):
        return f"{where}; it has already been {_DONE[action]}."
    if not _reaches("received", concern.status):  # off the main line: appealed
        return f"{where}; it can now only be {_join([_DONE[a] for a in allowed_actions(concern)], 'or')}."
    states = _join([label(CONCERN_STATUSES, s) for s in sources], "or")
    return f"{where}; only a concern that is {states} can be {_DONE[action]}."


def _ready(concern_id: int, action: str) -> Concern:
    concern = get(concern_id)
    if concern.status not in TRANSITIONS[action][0]:
        raise TransitionRefused(refusal_message(concern, action))
    return concern


def _apply(concern: Concern, action: str, text: str, *, at: datetime | None = None, **fields) -> Concern:
    """Move ``concern`` by ``action``: save, write the timeline entry and the history."""
    before, target = concern.status, TRANSITIONS[action][1]
    fields.setdefault("closed_at", utcnow() if target in CLOSED_CONCERN_STATUSES else None)
    changes: dict[str, tuple[Any, Any]] = {"status": (before, target)}
    for name, value in fields.items():
        if getattr(concern, name) != value:
            changes[name] = (getattr(concern, name), value)
        setattr(concern, name, value)
    concern.status = target
    _save(concern, changes)
    ConcernUpdate.create(concern=concern, at=at or utcnow(), kind="status", text=text,
                         from_status=before, to_status=target, recorded_by=current_user())
    history.record("concern", concern.id, action, changes)
    return concern


def _save(concern: Concern, changed: dict[str, Any] | list[str]) -> None:
    """Write the changed fields, bumping the version, unless someone got there first."""
    version = concern.version
    concern.version, concern.updated_at = version + 1, utcnow()
    names = list(changed) + ["version", "updated_at"]
    data = {Concern._meta.fields[name]: concern.__data__.get(name) for name in names}
    written = Concern.update(data).where((Concern.id == concern.id) & (Concern.version == version)).execute()
    if not written:
        raise ConflictError(f"{concern.reference} was changed by someone else at the same moment; "
                            "open it again and repeat your change.")


# --- lifecycle moves ----------------------------------------------------------

def acknowledge(concern_id: int, *, at: datetime | None = None, how: str, by: str | None = None) -> Concern:
    """Record that receipt was acknowledged to the complainant (``how``: a key of ACKNOWLEDGEMENT_METHODS)."""
    with database.atomic():
        concern = _ready(concern_id, "acknowledge")
        if how not in ACKNOWLEDGEMENT_METHODS:
            raise ValidationError("how", "Choose how the acknowledgement was sent.")
        when = _moment("at", at, not_before=concern.received_at)
        by = (by or "").strip() or current_user()
        text = f"Acknowledged by {ACKNOWLEDGEMENT_METHODS[how].lower()} ({by})."
        return _apply(concern, "acknowledge", text, at=when, acknowledged_at=when,
                      acknowledged_by=by, acknowledged_how=how)


def accept(concern_id: int, note: str = "") -> Concern:
    """Accept the concern as within the mechanism's scope."""
    with database.atomic():
        concern = _ready(concern_id, "accept")
        return _apply(concern, "accept", _text(note, "note") or "Accepted for investigation.")


def reject(concern_id: int, reason: str) -> Concern:
    """Reject the concern (out of scope, not related to the project); closes it."""
    with database.atomic():
        concern = _ready(concern_id, "reject")
        reason = _required("reason", reason, "Give the reason for rejecting it; the complainant will be told.")
        return _apply(concern, "reject", f"Rejected: {reason}", rejection_reason=reason)


def start_investigation(concern_id: int, note: str = "") -> Concern:
    """Begin finding out what happened (site visit, records, the contractor's account)."""
    with database.atomic():
        concern = _ready(concern_id, "start_investigation")
        return _apply(concern, "start_investigation", _text(note, "note") or "Investigation started.")


def propose_response(concern_id: int, response: str) -> Concern:
    """Record the response proposed to the complainant (again to replace a draft)."""
    with database.atomic():
        concern = _ready(concern_id, "propose_response")
        response = _required("response", response, "Write the proposed response.")
        return _apply(concern, "propose_response", f"Response proposed: {response}", proposed_response=response)


def respond(concern_id: int, response_text: str, at: datetime | None = None) -> Concern:
    """Record the response given to the complainant, and when (default now)."""
    with database.atomic():
        concern = _ready(concern_id, "respond")
        response = _required("response_text", response_text, "Write the response given to the complainant.")
        when = _moment("at", at, not_before=concern.received_at)
        return _apply(concern, "respond", f"Response given: {response}", at=when,
                      resolution=response, responded_at=when)


def implement(concern_id: int, note: str = "") -> Concern:
    """Record that what was promised in the response has been done."""
    with database.atomic():
        concern = _ready(concern_id, "implement")
        return _apply(concern, "implement", _text(note, "note") or "Response implemented.")


def close_resolved(concern_id: int, complainant_response: str, satisfaction: str) -> Concern:
    """Close with the complainant's reaction; ``satisfaction`` is a key of SATISFACTION."""
    with database.atomic():
        concern = _ready(concern_id, "close_resolved")
        if satisfaction not in SATISFACTION:
            raise ValidationError("satisfaction", "Choose how satisfied the complainant is.")
        reaction = _text(complainant_response, "complainant_response")
        if not reaction and satisfaction != "no_response":
            raise ValidationError("complainant_response", "Note what the complainant said about the outcome.")
        text = f"Closed as resolved ({SATISFACTION[satisfaction].lower()}). {reaction}".strip()
        return _apply(concern, "close_resolved", text, complainant_response=reaction, satisfaction=satisfaction)


def appeal(concern_id: int, reason: str) -> Concern:
    """The complainant does not accept the outcome; reopens a closed concern."""
    with database.atomic():
        concern = _ready(concern_id, "appeal")
        reason = _required("reason", reason, "Note why the complainant is appealing.")
        return _apply(concern, "appeal", f"Appealed: {reason}", appeal_reason=reason)


def close_unresolved(concern_id: int, reason: str) -> Concern:
    """Close without resolution: after an appeal, or when e.g. the complainant withdrew."""
    with database.atomic():
        concern = _ready(concern_id, "close_unresolved")
        if concern.status == "received":
            message = (f"{concern.reference} has not been acknowledged; closing it needs a reason, "
                       "for example that the complainant withdrew.")
        else:
            message = "Give the reason for closing it unresolved."
        reason = _required("reason", reason, message)
        return _apply(concern, "close_unresolved", f"Closed as unresolved: {reason}", closure_reason=reason)


def refer(concern_id: int, to_body: str, reason: str = "") -> Concern:
    """Refer an appealed concern to an external body (ombudsman, court, regulator); closes it."""
    with database.atomic():
        concern = _ready(concern_id, "refer")
        to_body = _required("to_body", to_body, "Name the body it is referred to.")
        reason = _text(reason, "reason")
        text = f"Referred to {to_body}. {reason}".strip()
        return _apply(concern, "refer", text, referred_to=to_body, closure_reason=reason)


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


def assign(concern_id: int, owner: str) -> Concern:
    """Make ``owner`` responsible for the concern ("" leaves it unassigned)."""
    return _edit(concern_id, {"owner": owner}, None, "assign", None)


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


# --- validation helpers -------------------------------------------------------

def _text(value: Any, field: str = "") -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "Expected text.")
    return value.strip()


def _required(field: str, value: Any, message: str) -> str:
    value = _text(value, field)
    if not value:
        raise ValidationError(field, message)
    return value


def _zone_name(tz: str | None) -> str:
    try:
        zone(tz)
    except ValueError:
        raise ValidationError("tz", f"{tz} is not a time zone Commrel knows.") from None
    return tz or local_zone_name()


def _moment(field: str, value: Any, *, not_before: datetime | None = None, future_ok: bool = False) -> datetime:
    """An aware or naive-UTC datetime as naive UTC, checked against receipt and now."""
    if value is None:
        return utcnow()
    if not isinstance(value, datetime):
        raise ValidationError(field, "Expected a date and time.")
    value = to_utc_naive(value)
    if not future_ok and value > utcnow() + _FUTURE_SLACK:
        raise ValidationError(field, "This cannot be in the future.")
    if not_before is not None and value < not_before:
        shown = from_utc_naive(not_before).strftime("%d %b %Y %H:%M")
        raise ValidationError(field, f"This cannot be before the concern was received ({shown}).")
    return value


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


def timeline(concern_id: int) -> list[ConcernUpdate]:
    """Every timeline entry of the concern, newest first."""
    get(concern_id)
    return list(ConcernUpdate.select().where(ConcernUpdate.concern == concern_id)
                .order_by(ConcernUpdate.at.desc(), ConcernUpdate.id.desc()))


# --- queries --------------------------------------------------------------------

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
    return list(_select(filter, now).order_by(*order).offset(offset).limit(limit))


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
        columns[status] = list(_select(replace(f, statuses=(status,)), now)
                               .order_by(order, Concern.id.desc()).limit(limit_per_status))
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
