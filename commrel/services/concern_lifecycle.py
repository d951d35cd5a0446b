"""The concern lifecycle: which move is allowed from which status, and the moves.

A concern is received, acknowledged, then accepted or rejected; accepted
ones are investigated, answered and the answer put into effect before the
concern is closed as resolved. A complainant who is not satisfied may
appeal, after which the concern is closed unresolved or referred to an
outside body. Each move is one function and one transaction, and leaves a
timeline entry and field-level history.

The versioned save and the checks on dates and text are shared with intake
and edits in ``concerns``.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..errors import ConflictError, TransitionRefused, ValidationError
from ..models import Change, Concern, ConcernUpdate, database
from ..models.choices import CLOSED_CONCERN_STATUSES, CONCERN_STATUSES, SATISFACTION, label
from ..timeutil import from_utc_naive, to_utc_naive, utcnow
from ..users import current_user
from . import history
from .concern_queries import get

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

# Computer clocks differ a little; a time this far ahead still counts as now.
_FUTURE_SLACK = timedelta(minutes=5)


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
    save_versioned(concern, changes)
    ConcernUpdate.create(concern=concern, at=at or utcnow(), kind="status", text=text,
                         from_status=before, to_status=target, recorded_by=current_user())
    history.record("concern", concern.id, action, changes)
    return concern


def save_versioned(concern: Concern, changed: dict[str, Any] | list[str]) -> None:
    """Write the changed fields, bumping the version, unless someone got there first."""
    version = concern.version
    concern.version, concern.updated_at = version + 1, utcnow()
    names = list(changed) + ["version", "updated_at"]
    data = {Concern._meta.fields[name]: concern.__data__.get(name) for name in names}
    written = Concern.update(data).where((Concern.id == concern.id) & (Concern.version == version)).execute()
    if not written:
        # Another officer's save landed between reading and writing this one.
        theirs = Concern.get_by_id(concern.id)
        latest = (Change.select(Change.by).where((Change.entity == "concern") & (Change.entity_id == concern.id))
                  .order_by(Change.id.desc()).first())
        who = f" by {latest.by}" if latest and latest.by else ""
        raise ConflictError(f"{concern.reference} was changed{who} at the same moment; your changes were not "
                            "saved. Compare them with the current record and try again.",
                            mine={name: concern.__data__.get(name) for name in changed},
                            theirs={name: theirs.__data__.get(name) for name in changed}
                            | {"version": theirs.version})


# --- lifecycle moves ----------------------------------------------------------

def acknowledge(concern_id: int, *, at: datetime | None = None, how: str, by: str | None = None) -> Concern:
    """Record that receipt was acknowledged to the complainant (``how``: a key of ACKNOWLEDGEMENT_METHODS)."""
    with database.atomic():
        concern = _ready(concern_id, "acknowledge")
        if how not in ACKNOWLEDGEMENT_METHODS:
            raise ValidationError("how", "Choose how the acknowledgement was sent.")
        when = checked_moment("at", at, not_before=concern.received_at)
        by = (by or "").strip() or current_user()
        text = f"Acknowledged by {ACKNOWLEDGEMENT_METHODS[how].lower()} ({by})."
        return _apply(concern, "acknowledge", text, at=when, acknowledged_at=when,
                      acknowledged_by=by, acknowledged_how=how)


def accept(concern_id: int, note: str = "") -> Concern:
    """Accept the concern as within the mechanism's scope."""
    with database.atomic():
        concern = _ready(concern_id, "accept")
        return _apply(concern, "accept", clean_text(note, "note") or "Accepted for investigation.")


def reject(concern_id: int, reason: str) -> Concern:
    """Reject the concern (out of scope, not related to the project); closes it."""
    with database.atomic():
        concern = _ready(concern_id, "reject")
        reason = required_text("reason", reason, "Give the reason for rejecting it; the complainant will be told.")
        return _apply(concern, "reject", f"Rejected: {reason}", rejection_reason=reason)


def start_investigation(concern_id: int, note: str = "") -> Concern:
    """Begin finding out what happened (site visit, records, the contractor's account)."""
    with database.atomic():
        concern = _ready(concern_id, "start_investigation")
        return _apply(concern, "start_investigation", clean_text(note, "note") or "Investigation started.")


def propose_response(concern_id: int, response: str) -> Concern:
    """Record the response proposed to the complainant (again to replace a draft)."""
    with database.atomic():
        concern = _ready(concern_id, "propose_response")
        response = required_text("response", response, "Write the proposed response.")
        return _apply(concern, "propose_response", f"Response proposed: {response}", proposed_response=response)


def respond(concern_id: int, response_text: str, at: datetime | None = None) -> Concern:
    """Record the response given to the complainant, and when (default now)."""
    with database.atomic():
        concern = _ready(concern_id, "respond")
        response = required_text("response_text", response_text, "Write the response given to the complainant.")
        when = checked_moment("at", at, not_before=concern.received_at)
        return _apply(concern, "respond", f"Response given: {response}", at=when,
                      resolution=response, responded_at=when)


def implement(concern_id: int, note: str = "") -> Concern:
    """Record that what was promised in the response has been done."""
    with database.atomic():
        concern = _ready(concern_id, "implement")
        return _apply(concern, "implement", clean_text(note, "note") or "Response implemented.")


def close_resolved(concern_id: int, complainant_response: str, satisfaction: str) -> Concern:
    """Close with the complainant's reaction; ``satisfaction`` is a key of SATISFACTION."""
    with database.atomic():
        concern = _ready(concern_id, "close_resolved")
        if satisfaction not in SATISFACTION:
            raise ValidationError("satisfaction", "Choose how satisfied the complainant is.")
        reaction = clean_text(complainant_response, "complainant_response")
        if not reaction and satisfaction != "no_response":
            raise ValidationError("complainant_response", "Note what the complainant said about the outcome.")
        text = f"Closed as resolved ({SATISFACTION[satisfaction].lower()}). {reaction}".strip()
        return _apply(concern, "close_resolved", text, complainant_response=reaction, satisfaction=satisfaction)


def appeal(concern_id: int, reason: str) -> Concern:
    """The complainant does not accept the outcome; reopens a closed concern."""
    with database.atomic():
        concern = _ready(concern_id, "appeal")
        reason = required_text("reason", reason, "Note why the complainant is appealing.")
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
        reason = required_text("reason", reason, message)
        return _apply(concern, "close_unresolved", f"Closed as unresolved: {reason}", closure_reason=reason)


def refer(concern_id: int, to_body: str, reason: str = "") -> Concern:
    """Refer an appealed concern to an external body (ombudsman, court, regulator); closes it."""
    with database.atomic():
        concern = _ready(concern_id, "refer")
        to_body = required_text("to_body", to_body, "Name the body it is referred to.")
        reason = clean_text(reason, "reason")
        text = f"Referred to {to_body}. {reason}".strip()
        return _apply(concern, "refer", text, referred_to=to_body, closure_reason=reason)


# --- checks shared with intake and edits ----------------------------------------

def clean_text(value: Any, field: str = "") -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "Expected text.")
    return value.strip()


def required_text(field: str, value: Any, message: str) -> str:
    value = clean_text(value, field)
    if not value:
        raise ValidationError(field, message)
    return value


def checked_moment(field: str, value: Any, *, not_before: datetime | None = None,
                   future_ok: bool = False) -> datetime:
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



# --- where a concern is on its way ------------------------------------------------

MAIN_STATUSES = ("received", "acknowledged", "accepted", "investigating", "response_proposed", "responded",
                 "implemented", "closed_resolved")


def stage_path(status: str, passed: list[str]) -> tuple[list[str], list[str]]:
    """(statuses already passed, main-line statuses still ahead) around ``status``, for a step bar.

    ``passed`` is every status the concern has entered, oldest first (its
    timeline); repeats, such as a response proposed twice, count once.
    """
    done: list[str] = []
    for step in passed:
        if step and step != status and step not in done:
            done.append(step)
    if status in MAIN_STATUSES and status not in CLOSED_CONCERN_STATUSES:
        ahead = list(MAIN_STATUSES[MAIN_STATUSES.index(status) + 1:])
    else:
        ahead = []
    return done, ahead
