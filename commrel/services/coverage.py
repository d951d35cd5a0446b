"""The coverage log: articles and broadcasts the programme earned."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import NotFound, ValidationError
from ..models import Concern, Coverage, Event, PressMaterial, Stakeholder, database
from ..models.media import TONES
from ..timeutil import utcnow
from . import validation as v

_FIELDS = ("outlet_id", "outlet_name", "published_on", "headline", "url", "file_path", "reach", "tone", "topics",
           "material_id", "event_id", "concern_id")


def _clean(fields: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a coverage field.")
    out: dict[str, Any] = {}
    if creating or "headline" in fields:
        out["headline"] = v.text("headline", fields.get("headline"), required=True, max_length=500, label="Headline")
    if creating or "published_on" in fields:
        when = v.a_date("published_on", fields.get("published_on"), label="Date")
        if when is None:
            raise ValidationError("published_on", "Say when it was published or broadcast.")
        out["published_on"] = when
    if "tone" in fields or creating:
        out["tone"] = v.choice("tone", fields.get("tone") or "neutral", TONES, label="Tone")
    if "reach" in fields:
        out["reach"] = v.integer("reach", fields["reach"], low=0, high=10**10, allow_none=True, label="Reach")
    for key in ("url", "file_path", "topics", "outlet_name"):
        if key in fields:
            out[key] = v.text(key, fields[key], max_length=2000)
    for key in ("outlet_id", "material_id", "event_id", "concern_id"):
        if key in fields:
            out[key[:-3]] = fields[key]
    if out.get("outlet") and not out.get("outlet_name"):
        outlet = Stakeholder.get_or_none(Stakeholder.id == out["outlet"])
        if outlet is None:
            raise ValidationError("outlet_id", "That outlet no longer exists.")
        out["outlet_name"] = outlet.display_name
        if out.get("reach") is None:
            from .media import profile

            p = profile(outlet.id)
            out["reach"] = p.reach if p else None
    if creating and not out.get("outlet") and not out.get("outlet_name"):
        raise ValidationError("outlet_id", "Say which outlet carried it.")
    return out


def log(**fields: Any) -> Coverage:
    """Record a piece of coverage: outlet, date, headline, tone, reach and what it was about."""
    return Coverage.create(**_clean(fields, creating=True))


def get(coverage_id: int) -> Coverage:
    c = Coverage.get_or_none(Coverage.id == coverage_id)
    if c is None:
        raise NotFound(f"Coverage #{coverage_id} does not exist.")
    return c


@dataclass(frozen=True)
class LinkChoices:
    """What a piece of coverage can be linked to, as (id, label) pairs, newest first."""

    materials: list[tuple[int, str]]
    events: list[tuple[int, str]]
    concerns: list[tuple[int, str]]


# Coverage is of what has happened or is about to: events further ahead than this are not offered.
LINK_HORIZON = timedelta(days=92)


def link_choices(limit: int = 200, *, now: datetime | None = None) -> LinkChoices:
    """Recent press materials, events and concerns to offer when logging coverage.

    Events are the latest up to ``LINK_HORIZON`` ahead: a programme plans a
    year or two of meetings, and the latest of all would be the furthest off.
    """
    horizon = (now or utcnow()) + LINK_HORIZON
    materials = [(m.id, m.title) for m in PressMaterial.select(PressMaterial.id, PressMaterial.title)
                 .order_by(PressMaterial.issued_on.desc(nulls="last"), PressMaterial.id.desc()).limit(limit)]
    events = [(e.id, f"{e.title} ({e.starts_at:%Y-%m-%d})")
              for e in Event.select(Event.id, Event.title, Event.starts_at).where(Event.starts_at <= horizon)
              .order_by(Event.starts_at.desc()).limit(limit)]
    concerns = [(c.id, f"{c.reference} {c.summary}".strip())
                for c in Concern.select(Concern.id, Concern.reference, Concern.summary)
                .order_by(Concern.received_at.desc()).limit(limit)]
    return LinkChoices(materials, events, concerns)


def update(coverage_id: int, **fields: Any) -> Coverage:
    with database.atomic():
        c = Coverage.get_or_none(Coverage.id == coverage_id)
        if c is None:
            raise NotFound(f"Coverage #{coverage_id} does not exist.")
        for key, value in _clean(fields, creating=False).items():
            setattr(c, key, value)
        c.version += 1
        c.updated_at = utcnow()
        c.save()
    return c


def delete(coverage_id: int) -> None:
    Coverage.delete().where(Coverage.id == coverage_id).execute()


def between(start: date | None = None, end: date | None = None) -> list[Coverage]:
    q = Coverage.select().order_by(Coverage.published_on.desc(), Coverage.id.desc())
    if start:
        q = q.where(Coverage.published_on >= start)
    if end:
        q = q.where(Coverage.published_on <= end)
    return list(q)
