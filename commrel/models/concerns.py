"""Concerns handled as a grievance mechanism (IFC PS1 / World Bank practice)."""
from __future__ import annotations

import peewee as pw

from . import choices
from .base import BaseModel, TrackedModel, choice_values
from .events import Event
from .stakeholders import Stakeholder
from ..timeutil import utcnow


class ConcernCategory(BaseModel):
    """An editable category with its own clocks (days to acknowledge/resolve)."""

    name = pw.CharField()
    parent = pw.ForeignKeyField("self", null=True, backref="subcategories", on_delete="CASCADE")
    acknowledge_days = pw.IntegerField(default=7)
    resolve_days = pw.IntegerField(default=30)
    skip_weekends = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("name", "parent"), True),)


class ReferenceCounter(BaseModel):
    """Last number issued per prefix and year; numbers are never reused."""

    prefix = pw.CharField()
    year = pw.IntegerField()
    last = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("prefix", "year"), True),)


class Concern(TrackedModel):
    reference = pw.CharField(unique=True)
    received_at = pw.DateTimeField(index=True)
    channel = pw.CharField(choices=choice_values(choices.CONCERN_CHANNELS), default="phone")
    complainant = pw.ForeignKeyField(Stakeholder, null=True, backref="concerns", on_delete="SET NULL")
    anonymous = pw.BooleanField(default=False)
    confidential = pw.BooleanField(default=False)
    category = pw.ForeignKeyField(ConcernCategory, null=True, backref="concerns", on_delete="SET NULL")
    subcategory = pw.ForeignKeyField(ConcernCategory, null=True, on_delete="SET NULL")
    location = pw.CharField(default="")
    neighbourhood = pw.CharField(default="", index=True)
    summary = pw.CharField(default="")
    description = pw.TextField(default="")
    severity = pw.CharField(choices=choice_values(choices.SEVERITIES), default="medium")
    priority = pw.CharField(choices=choice_values(choices.PRIORITIES), default="normal")
    owner = pw.CharField(default="", index=True)
    status = pw.CharField(choices=choice_values(choices.CONCERN_STATUSES), default="received", index=True)
    acknowledge_due = pw.DateTimeField(index=True)
    acknowledged_at = pw.DateTimeField(null=True)
    acknowledged_by = pw.CharField(default="")
    acknowledged_how = pw.CharField(default="")
    resolution_target = pw.DateTimeField(index=True)
    rejection_reason = pw.TextField(default="")
    proposed_response = pw.TextField(default="")
    resolution = pw.TextField(default="")  # the response given to the complainant
    responded_at = pw.DateTimeField(null=True)
    complainant_response = pw.TextField(default="")
    satisfaction = pw.CharField(default="")
    appeal_reason = pw.TextField(default="")
    referred_to = pw.CharField(default="")
    # Why it was closed unresolved or referred (e.g. the complainant withdrew).
    closure_reason = pw.TextField(default="")
    closed_at = pw.DateTimeField(null=True)  # leads concern_closures (migrations)
    event = pw.ForeignKeyField(Event, null=True, backref="concerns", on_delete="SET NULL")

    @property
    def is_closed(self) -> bool:
        return self.status in choices.CLOSED_CONCERN_STATUSES

    def __str__(self) -> str:
        return self.reference


class ConcernUpdate(BaseModel):
    """One entry of a concern's timeline."""

    concern = pw.ForeignKeyField(Concern, backref="updates", on_delete="CASCADE")
    at = pw.DateTimeField(default=utcnow, index=True)
    kind = pw.CharField(choices=choice_values(choices.CONCERN_UPDATE_KINDS), default="note")
    text = pw.TextField(default="")
    attachment = pw.CharField(default="")  # a file path the officer chose
    from_status = pw.CharField(default="")
    to_status = pw.CharField(default="")
    recorded_by = pw.CharField(default="")
