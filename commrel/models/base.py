"""The database handle every model binds to, and shared field helpers."""
from __future__ import annotations

import peewee

from ..timeutil import utcnow

# Bound by ``commrel.db.init_db``; models are defined before any file is open.
database = peewee.DatabaseProxy()


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class TrackedModel(BaseModel):
    """A record people edit: timestamps and a version for conflict detection."""

    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow, index=True)
    version = peewee.IntegerField(default=1)


def choice_values(choices: dict[str, str]) -> list[tuple[str, str]]:
    return list(choices.items())
