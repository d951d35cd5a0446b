"""Media relations: outlets and journalists, inquiries, press materials, coverage."""
from __future__ import annotations

import peewee as pw

from .base import BaseModel, TrackedModel
from .concerns import Concern
from .engagement import Interaction
from .events import Event
from .stakeholders import Stakeholder
from ..timeutil import utcnow

OUTLET_KINDS = {"newspaper": "Newspaper", "tv": "TV", "radio": "Radio", "online": "Online",
                "trade": "Trade press", "newsletter": "Community newsletter"}
INQUIRY_STATUSES = {"open": "Open", "answered": "Answered", "declined": "Declined"}
MATERIAL_KINDS = {"release": "Press release", "statement": "Statement", "advisory": "Media advisory"}
MATERIAL_STATUSES = {"draft": "Draft", "approved": "Approved", "sent": "Sent"}
TONES = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative"}


class MediaProfile(BaseModel):
    """Media details of an outlet (organisation) or a journalist (person)."""

    stakeholder = pw.ForeignKeyField(Stakeholder, unique=True, backref="media_profile", on_delete="CASCADE")
    outlet_kind = pw.CharField(default="")
    reach = pw.IntegerField(null=True)
    beat = pw.CharField(default="")  # topics a journalist covers
    deadlines = pw.CharField(default="")  # e.g. "Tuesdays 5pm for Thursday print"
    preferred_contact = pw.CharField(default="")


class MediaList(BaseModel):
    name = pw.CharField(unique=True)
    description = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)


class MediaListMember(BaseModel):
    media_list = pw.ForeignKeyField(MediaList, backref="members", on_delete="CASCADE",
                                    index=False)  # leads the unique index below
    stakeholder = pw.ForeignKeyField(Stakeholder, backref="media_lists", on_delete="CASCADE")

    class Meta:
        indexes = ((("media_list", "stakeholder"), True),)


class MediaInquiry(TrackedModel):
    received_at = pw.DateTimeField(index=True)
    journalist = pw.ForeignKeyField(Stakeholder, null=True, backref="inquiries", on_delete="SET NULL")
    outlet = pw.ForeignKeyField(Stakeholder, null=True, backref="outlet_inquiries", on_delete="SET NULL")
    question = pw.TextField()
    deadline = pw.DateTimeField(null=True, index=True)
    assigned_to = pw.CharField(default="")
    status = pw.CharField(default="open", index=True)
    response = pw.TextField(default="")
    spokesperson = pw.CharField(default="")
    responded_at = pw.DateTimeField(null=True)
    # Every inquiry is also an entry in the engagement log.
    interaction = pw.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")


class PressMaterial(TrackedModel):
    kind = pw.CharField(default="release")
    title = pw.CharField()
    issued_on = pw.DateField(null=True, index=True)
    status = pw.CharField(default="draft", index=True)
    file_path = pw.CharField(default="")
    event = pw.ForeignKeyField(Event, null=True, backref="press_materials", on_delete="SET NULL")
    media_list = pw.ForeignKeyField(MediaList, null=True, on_delete="SET NULL")
    body = pw.TextField(default="")


class Distribution(BaseModel):
    """Who received which press material, and when."""

    material = pw.ForeignKeyField(PressMaterial, backref="distribution", on_delete="CASCADE",
                                  index=False)  # leads the unique index below
    stakeholder = pw.ForeignKeyField(Stakeholder, backref="press_received", on_delete="CASCADE")
    sent_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("material", "stakeholder"), True),)


class MediaKit(BaseModel):
    name = pw.CharField(unique=True)
    description = pw.TextField(default="")


class MediaKitFile(BaseModel):
    kit = pw.ForeignKeyField(MediaKit, backref="files", on_delete="CASCADE")
    path = pw.CharField()
    label = pw.CharField(default="")
    position = pw.IntegerField(default=0)


class Coverage(TrackedModel):
    outlet = pw.ForeignKeyField(Stakeholder, null=True, backref="coverage", on_delete="SET NULL")
    outlet_name = pw.CharField(default="")
    published_on = pw.DateField(index=True)
    headline = pw.CharField()
    url = pw.CharField(default="")
    file_path = pw.CharField(default="")
    reach = pw.IntegerField(null=True)
    tone = pw.CharField(default="neutral", index=True)
    topics = pw.CharField(default="")
    material = pw.ForeignKeyField(PressMaterial, null=True, backref="coverage", on_delete="SET NULL")
    event = pw.ForeignKeyField(Event, null=True, on_delete="SET NULL")
    concern = pw.ForeignKeyField(Concern, null=True, on_delete="SET NULL")


MEDIA_MODELS = [MediaProfile, MediaList, MediaListMember, MediaInquiry, PressMaterial, Distribution,
                MediaKit, MediaKitFile, Coverage]
