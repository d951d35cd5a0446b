"""The engagement log: interactions with stakeholders and their follow-ups."""
from __future__ import annotations

import peewee as pw

from . import choices
from .base import BaseModel, TrackedModel, choice_values
from .concerns import Concern
from .events import Event
from .stakeholders import Stakeholder


class Interaction(TrackedModel):
    occurred_at = pw.DateTimeField(index=True)
    channel = pw.CharField(choices=choice_values(choices.INTERACTION_CHANNELS))  # indexed with occurred_at
    staff = pw.CharField(default="")
    summary = pw.TextField(default="")
    follow_up = pw.CharField(default="")
    follow_up_due = pw.DateField(null=True, index=True)
    follow_up_done = pw.BooleanField(default=False)
    event = pw.ForeignKeyField(Event, null=True, backref="interactions", on_delete="SET NULL")
    concern = pw.ForeignKeyField(Concern, null=True, backref="interactions", on_delete="SET NULL")
    import_key = pw.CharField(null=True, index=True)


class InteractionParticipant(BaseModel):
    # The unique (interaction, stakeholder) index below serves lookups by interaction.
    interaction = pw.ForeignKeyField(Interaction, backref="participant_links", on_delete="CASCADE", index=False)
    stakeholder = pw.ForeignKeyField(Stakeholder, backref="interaction_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("interaction", "stakeholder"), True),)
