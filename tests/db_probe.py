"""Watching what the code under test asks of the database, on either engine.

SQLite reports every statement and every row written; PostgreSQL is watched
through peewee's query hooks and by fingerprinting each table's content.
"""
from __future__ import annotations

from contextlib import contextmanager

from commrel import engines
from commrel.models import database


def on_server() -> bool:
    return engines.engine_of(database) == engines.POSTGRESQL


@contextmanager
def select_statements():
    """Collects the SELECT statements run inside the block."""
    seen: list[str] = []

    def keep(sql: str) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(sql)
    if on_server():
        def hook(event):
            keep(event.sql)
        database.obj.query_hooks.append(hook)
        try:
            yield seen
        finally:
            database.obj.query_hooks.remove(hook)
        return
    con = database.connection()
    con.set_trace_callback(keep)
    try:
        yield seen
    finally:
        con.set_trace_callback(None)


def _fingerprint() -> dict[str, tuple]:
    out = {}
    for table in database.get_tables():
        out[table] = tuple(database.execute_sql(
            f"SELECT COUNT(*), md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
        ).fetchone())
    return out


def write_counter():
    """A function telling how much was written since it was made: rows on SQLite, tables on PostgreSQL."""
    if on_server():
        start = _fingerprint()
        return lambda: sum(1 for table, mark in _fingerprint().items() if start.get(table) != mark)
    con = database.connection()
    start = con.total_changes
    return lambda: con.total_changes - start
