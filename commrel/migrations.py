"""Schema versions.

A new database is created at the current schema in one step. An existing
one runs each step after its recorded version, in order, each in its own
transaction, after a backup. Every schema change adds a step here and a
fixture database of the previous version under ``tests/data/`` that a test
upgrades.
"""
from __future__ import annotations

import logging
from typing import Callable

import peewee

from . import engines
from .errors import CommrelError
from .models import ALL_MODELS
from .models.media import MEDIA_MODELS

log = logging.getLogger(__name__)


# Indexes peewee's model declarations cannot express (partial indexes). A pair
# is (SQLite, PostgreSQL) where the engines spell a condition differently.
_EXTRA_INDEXES = {
    2: ["DROP INDEX IF EXISTS interaction_follow_up_done",
        ("CREATE INDEX IF NOT EXISTS interaction_open_follow_ups ON interaction (follow_up_due)"
         " WHERE follow_up != '' AND follow_up_done = 0",
         "CREATE INDEX IF NOT EXISTS interaction_open_follow_ups ON interaction (follow_up_due)"
         " WHERE follow_up <> '' AND NOT follow_up_done"),
        # Interactions per month by channel (dashboard) read only this index.
        "CREATE INDEX IF NOT EXISTS interaction_channel_when ON interaction (channel, occurred_at)"],
    # The dashboard's figures for a year each read one of these alone, never the wide tables:
    # the grievance report's counts per category, neighbourhood and owner, and the concerns
    # closed in the period; the register's share engaged; accepted RSVPs and turnout per event.
    3: ["CREATE INDEX IF NOT EXISTS concern_report ON concern (category_id, neighbourhood, owner,"
        " received_at, closed_at, acknowledged_at, acknowledge_due, resolution_target)",
        "CREATE INDEX IF NOT EXISTS concern_closures ON concern (closed_at, received_at, resolution_target,"
        " status, category_id, neighbourhood, owner)",
        "CREATE INDEX IF NOT EXISTS stakeholder_register ON stakeholder (type, neighbourhood, archived,"
        " last_contacted_at)",
        "CREATE INDEX IF NOT EXISTS event_participant_turnout ON event_participant (event_id, rsvp, attended)"],
    # Indexes whose column leads a wider index: every write kept them up to date for nothing
    # (a tenth of the time of writing participants and interactions). The archive flag and the
    # concern category keep theirs (see LOW_CARDINALITY).
    4: [f"DROP INDEX IF EXISTS {name}" for name in (
        "interaction_participant_interaction_id", "event_participant_event_id", "interaction_channel",
        "concern_closed_at", "stakeholder_tag_stakeholder_id",
        "membership_person_id", "relationship_from_stakeholder_id", "event_exception_event_id",
        "event_override_event_id", "media_list_member_media_list_id", "distribution_material_id")],
}


# Indexes on a flag or a category that a wider index also leads with, kept on purpose:
# their entries for one value are in row order, so a query reading thousands of rows
# (the live register sorted by email) reads the table front to back instead of
# jumping about it in the wider index's order; three times faster at 100,000 records.
LOW_CARDINALITY = ("stakeholder_archived", "concern_category_id")


def _extra_indexes(db: peewee.Database, upto: int) -> None:
    for version, statements in sorted(_EXTRA_INDEXES.items()):
        if version <= upto:
            for sql in statements:
                if isinstance(sql, tuple):
                    sql = sql[engines.engine_of(db) == engines.POSTGRESQL]
                db.execute_sql(sql)


def _v2_media_relations(db: peewee.Database) -> None:
    db.create_tables(MEDIA_MODELS)
    _extra_indexes(db, 2)


def _v3_report_indexes(db: peewee.Database) -> None:
    _extra_indexes(db, 3)


def _v4_covered_indexes(db: peewee.Database) -> None:
    _extra_indexes(db, 4)


# step number -> function bringing a database from step-1 to step
STEPS: dict[int, Callable[[peewee.Database], None]] = {
    2: _v2_media_relations,
    3: _v3_report_indexes,
    4: _v4_covered_indexes,
}
SCHEMA_VERSION = max(STEPS)


def current_version(db: peewee.Database) -> int:
    db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def _is_empty(db: peewee.Database) -> bool:
    return not any(t for t in db.get_tables() if t != "schema_version")


def migrate(db: peewee.Database, *, backup: bool = True) -> list[int]:
    """Bring the database to SCHEMA_VERSION; returns the steps that ran."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise CommrelError(
            f"This database was written by a newer Commrel (schema {version}; this version knows "
            f"up to {SCHEMA_VERSION}). Update Commrel to open it.")
    if version == 0 and _is_empty(db):
        with db.atomic():
            db.create_tables(ALL_MODELS)
            _extra_indexes(db, SCHEMA_VERSION)
            db.execute_sql("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        return [SCHEMA_VERSION]
    if version == 0:
        raise CommrelError("This file has tables but no Commrel schema version; it is not a Commrel database.")
    pending = [v for v in sorted(STEPS) if v > version]
    if pending and backup:
        from . import backups  # only an upgrade needs it; most starts find the schema current

        backups.create_backup(f"before-migration-{version}-to-{SCHEMA_VERSION}")
    for step in pending:
        with db.atomic():
            STEPS[step](db)
            db.execute_sql("INSERT INTO schema_version (version) VALUES (?)", (step,))
        log.info("database migrated to schema %s", step)
    return pending
