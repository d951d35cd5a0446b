"""Field-level change history and import batches (for undo)."""
from __future__ import annotations

import peewee as pw

from .base import BaseModel
from ..timeutil import utcnow


class Change(BaseModel):
    entity = pw.CharField()  # "stakeholder", "event", "concern"
    entity_id = pw.IntegerField()
    action = pw.CharField()  # create, update, archive, restore, merge, delete, anonymise
    field = pw.CharField(default="")
    old_value = pw.TextField(null=True)
    new_value = pw.TextField(null=True)
    at = pw.DateTimeField(default=utcnow)
    by = pw.CharField(default="")
    batch_id = pw.IntegerField(null=True, index=True)

    class Meta:
        indexes = ((("entity", "entity_id", "at"), False),)


class ImportBatch(BaseModel):
    """One committed import; undoing it reverses every row it touched."""

    kind = pw.CharField()
    source = pw.CharField()
    format = pw.CharField()
    at = pw.DateTimeField(default=utcnow)
    by = pw.CharField(default="")
    created = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    unchanged = pw.IntegerField(default=0)
    skipped = pw.IntegerField(default=0)
    undone_at = pw.DateTimeField(null=True)


class ImportBatchItem(BaseModel):
    batch = pw.ForeignKeyField(ImportBatch, backref="items", on_delete="CASCADE")
    entity = pw.CharField()
    entity_id = pw.IntegerField()
    action = pw.CharField()  # created, updated
    before = pw.TextField(null=True)  # JSON of the row before, for updates


class Setting(BaseModel):
    """Settings that belong to the database (shared by everyone using it)."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class AuditEvent(BaseModel):
    """Sensitive actions (erasure, restore) logged without personal data."""

    at = pw.DateTimeField(default=utcnow)
    by = pw.CharField(default="")
    action = pw.CharField()
    detail = pw.TextField(default="")
