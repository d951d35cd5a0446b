"""The stakeholder register: people and organisations, tags, links."""
from __future__ import annotations

import peewee as pw

from . import choices
from .base import BaseModel, TrackedModel, choice_values
from ..timeutil import utcnow


class Stakeholder(TrackedModel):
    kind = pw.CharField(choices=choice_values(choices.STAKEHOLDER_KINDS), default="person")
    type = pw.CharField(choices=choice_values(choices.STAKEHOLDER_TYPES), default="resident", index=True)
    given_name = pw.CharField(default="")
    family_name = pw.CharField(default="")
    # People: "Given Family" unless set; organisations: their name.
    display_name = pw.CharField()
    # Lower-cased "family given" so the register sorts as people expect, in SQL.
    sort_name = pw.CharField(index=True)
    # The first organisation a person belongs to, kept here so the register
    # can show and sort by it without a join per row.
    organisation_name = pw.CharField(default="", index=True)
    email = pw.CharField(default="", index=True)
    phone = pw.CharField(default="")
    address = pw.TextField(default="")
    postcode = pw.CharField(default="")
    neighbourhood = pw.CharField(default="", index=True)
    preferred_channel = pw.CharField(default="")
    language = pw.CharField(default="")
    notes = pw.TextField(default="")
    influence = pw.IntegerField(default=3)
    interest = pw.IntegerField(default=3)
    position = pw.CharField(choices=choice_values(choices.POSITIONS), default="unknown", index=True)
    consent = pw.BooleanField(default=False)
    consent_date = pw.DateField(null=True)
    consent_source = pw.CharField(default="")
    do_not_contact = pw.BooleanField(default=False, index=True)
    archived = pw.BooleanField(default=False, index=True)
    archived_at = pw.DateTimeField(null=True)
    # Kept by the engagement service; drives "not contacted in N days".
    last_contacted_at = pw.DateTimeField(null=True, index=True)
    anonymised = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("archived", "sort_name"), False),)

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def __str__(self) -> str:
        return self.display_name


class Tag(BaseModel):
    name = pw.CharField(unique=True)


class StakeholderTag(BaseModel):
    stakeholder = pw.ForeignKeyField(Stakeholder, backref="tag_links", on_delete="CASCADE",
                                     index=False)  # leads the unique index below
    tag = pw.ForeignKeyField(Tag, backref="stakeholder_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("stakeholder", "tag"), True),)


class Membership(BaseModel):
    """A person's membership of an organisation, with a role."""

    person = pw.ForeignKeyField(Stakeholder, backref="memberships", on_delete="CASCADE",
                                index=False)  # leads the unique index below
    organisation = pw.ForeignKeyField(Stakeholder, backref="members", on_delete="CASCADE")
    role = pw.CharField(default="")

    class Meta:
        indexes = ((("person", "organisation"), True),)


class Relationship(BaseModel):
    from_stakeholder = pw.ForeignKeyField(Stakeholder, backref="relationships_out", on_delete="CASCADE",
                                          index=False)  # leads the unique index below
    to_stakeholder = pw.ForeignKeyField(Stakeholder, backref="relationships_in", on_delete="CASCADE")
    type = pw.CharField(choices=choice_values(choices.RELATIONSHIP_TYPES))
    note = pw.CharField(default="")

    class Meta:
        indexes = ((("from_stakeholder", "to_stakeholder", "type"), True),)


class SavedView(BaseModel):
    """A named filter of a panel (e.g. "Opposed in Riverside")."""

    panel = pw.CharField(default="stakeholders")
    name = pw.CharField()
    filters = pw.TextField()  # JSON of the panel's filter object
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("panel", "name"), True),)
