"""Schema versions: each step brings a database from version N-1 to N.

Every schema change adds a step here and a fixture database of the
previous version under ``tests/data/`` that a test upgrades.
"""
from __future__ import annotations

import logging
from typing import Callable

import peewee

from . import backups
from .models import ALL_MODELS

log = logging.getLogger(__name__)


def _initial(db: peewee.Database) -> None:
    db.create_tables(ALL_MODELS)


STEPS: dict[int, Callable[[peewee.Database], None]] = {
    1: _initial,
}
SCHEMA_VERSION = max(STEPS)


def current_version(db: peewee.Database) -> int:
    db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db: peewee.Database, *, backup: bool = True) -> list[int]:
    """Apply the missing steps, each in its own transaction; returns the steps run."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        from .errors import CommrelError

        raise CommrelError(
            f"This database was written by a newer Commrel (schema {version}; this version knows "
            f"up to {SCHEMA_VERSION}). Update Commrel to open it.")
    pending = [v for v in sorted(STEPS) if v > version]
    if pending and version > 0 and backup:
        backups.create_backup(f"before-migration-{version}-to-{SCHEMA_VERSION}")
    for step in pending:
        with db.atomic():
            STEPS[step](db)
            db.execute_sql("INSERT INTO schema_version (version) VALUES (?)", (step,))
        log.info("database migrated to schema %s", step)
    return pending
