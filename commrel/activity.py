"""Noticing that someone else changed the data, so open screens can refresh.

``data_stamp()`` is cheap enough to ask every few seconds, and changes once
another connection has written. SQLite's ``data_version`` counts other
connections' commits to the file. On a PostgreSQL server every statement that
writes a Commrel table draws a number from one sequence (a statement-level
trigger); sequences take no row locks, so officers saving at once never wait
on each other for it. Its last value moves for this connection's own writes
and for rolled-back ones too, which costs no more than a needless refresh.
"""
from __future__ import annotations

import peewee

from . import engines
from .models import ALL_MODELS, database

_SEQUENCE = "commrel_data_stamp"


def ensure_schema(db: peewee.Database) -> None:
    """Create the stamp and its triggers on a PostgreSQL database (idempotent)."""
    if engines.engine_of(db) != engines.POSTGRESQL:
        return
    db.execute_sql(f"CREATE SEQUENCE IF NOT EXISTS {_SEQUENCE}")
    db.execute_sql(f"CREATE OR REPLACE FUNCTION {_SEQUENCE}_touch() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN PERFORM nextval('{_SEQUENCE}'); RETURN NULL; END $$")
    for model in ALL_MODELS:
        table = model._meta.table_name
        db.execute_sql(f"CREATE OR REPLACE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {_SEQUENCE}_touch()")


def data_stamp() -> int:
    if engines.engine_of(database) == engines.POSTGRESQL:
        return int(database.execute_sql(f"SELECT last_value FROM {_SEQUENCE}").fetchone()[0])
    return int(database.execute_sql("PRAGMA data_version").fetchone()[0])
