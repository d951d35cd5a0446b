"""Events: public meetings, open houses, workshops; who is invited and who came."""
from __future__ import annotations

import peewee as pw

from . import choices
from .base import BaseModel, TrackedModel, choice_values
from .stakeholders import Stakeholder


class Event(TrackedModel):
    uid = pw.CharField(unique=True)
    # Rises on every change that matters to attendees (RFC 5545 SEQUENCE).
    sequence = pw.IntegerField(default=0)
    title = pw.CharField()
    type = pw.CharField(choices=choice_values(choices.EVENT_TYPES), default="public_meeting", index=True)
    status = pw.CharField(choices=choice_values(choices.EVENT_STATUSES), default="planned", index=True)
    # Timed events: naive UTC instants; all-day events: local midnight of the
    # first day and of the day after the last (exclusive), zone-free.
    starts_at = pw.DateTimeField(index=True)
    ends_at = pw.DateTimeField()
    timezone = pw.CharField(default="UTC")
    all_day = pw.BooleanField(default=False)
    venue = pw.CharField(default="", index=True)
    address = pw.TextField(default="")
    capacity = pw.IntegerField(null=True)
    organiser = pw.CharField(default="")
    organiser_email = pw.CharField(default="")
    description = pw.TextField(default="")
    # RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=2;COUNT=6".
    rrule = pw.CharField(default="")
    # Reminder offsets in minutes before the start, comma separated.
    reminders = pw.CharField(default="")
    tags = pw.CharField(default="")
    url = pw.CharField(default="")

    def __str__(self) -> str:
        return self.title


class EventException(BaseModel):
    """A skipped occurrence of a recurring event (EXDATE)."""

    event = pw.ForeignKeyField(Event, backref="exceptions", on_delete="CASCADE",
                               index=False)  # leads the unique index below
    original_start = pw.DateTimeField()  # same convention as Event.starts_at

    class Meta:
        indexes = ((("event", "original_start"), True),)


class EventOverride(BaseModel):
    """One occurrence of a recurring event moved or changed (RECURRENCE-ID)."""

    event = pw.ForeignKeyField(Event, backref="overrides", on_delete="CASCADE",
                               index=False)  # leads the unique index below
    original_start = pw.DateTimeField()
    starts_at = pw.DateTimeField()
    ends_at = pw.DateTimeField()
    title = pw.CharField(default="")
    venue = pw.CharField(default="")
    description = pw.TextField(default="")
    status = pw.CharField(default="")
    sequence = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("event", "original_start"), True),)


class EventParticipant(BaseModel):
    # The unique (event, stakeholder) index below serves lookups by event.
    event = pw.ForeignKeyField(Event, backref="participants", on_delete="CASCADE", index=False)
    stakeholder = pw.ForeignKeyField(Stakeholder, backref="participations", on_delete="CASCADE")
    role = pw.CharField(choices=choice_values(choices.PARTICIPANT_ROLES), default="guest")
    rsvp = pw.CharField(choices=choice_values(choices.RSVP_STATUSES), default="invited", index=True)
    attended = pw.BooleanField(default=False)
    checked_in_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("event", "stakeholder"), True),)


class ChecklistTask(BaseModel):
    event = pw.ForeignKeyField(Event, backref="tasks", on_delete="CASCADE")
    title = pw.CharField()
    owner = pw.CharField(default="")
    due = pw.DateField(null=True)
    done = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)


class ChecklistTemplate(BaseModel):
    """Default checklist per event type; one row per task."""

    event_type = pw.CharField(index=True)
    title = pw.CharField()
    # Days before the event the task is due.
    days_before = pw.IntegerField(default=0)
    position = pw.IntegerField(default=0)
