"""The one place that opens a database: a local file or a team server; create or migrate, back up first."""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import peewee

from . import activity, engines, migrations, search
from .errors import CommrelError, ServerUnavailable
from .models import database

log = logging.getLogger(__name__)

_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A second copy of the app on the same file waits instead of failing.
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -32000,
}


class DatabaseError(CommrelError):
    pass


def init_db(target: str | Path, *, backup_before_migrate: bool = True,
            password: str | None = None) -> peewee.Database:
    """Open (creating if needed) the database at ``target`` and bring it to the current schema.

    ``target`` is a file path, ``:memory:`` for a throwaway database, or a
    ``postgresql://user@host:port/name`` address of a team database
    (``password``, when given, is used for it instead of one in the address;
    without either, the driver's own sources such as ``PGPASSWORD`` apply).
    """
    close_db()
    target = str(target)
    if engines.is_server_url(target):
        return _open_server(target, password)
    if target != ":memory:":
        path = Path(target).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size and not _looks_like_sqlite(path):
            raise DatabaseError(f"{path} is not a Commrel database (it is not an SQLite file).")
        target = str(path)
    db = peewee.SqliteDatabase(target, pragmas=_PRAGMAS, check_same_thread=False)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        migrations.migrate(db, backup=backup_before_migrate)
        search.ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"{target} cannot be opened: {exc}.") from exc
    except peewee.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"{target} cannot be opened: {exc}.") from exc
    log.info("opened database %s", target)
    return db


def _open_server(url: str, password: str | None) -> peewee.Database:
    try:
        address = engines.parse_server_url(url)
    except ValueError as exc:
        raise DatabaseError(str(exc)) from exc
    if password is not None:
        address = address.with_password(password)
    db = engines.open_postgres(address)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except ServerUnavailable:
        database.initialize(None)
        raise
    try:
        with db.atomic():
            # Two officers opening a new team database at once must not both create it.
            db.execute_sql("SELECT pg_advisory_xact_lock(4242)")
            migrations.migrate(db, backup=False)
            search.ensure_schema(db)
            activity.ensure_schema(db)
    except peewee.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"{address.display} cannot be opened: {exc}.") from exc
    log.info("opened team database %s", address.display)
    return db


def close_db() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path | None:
    """The open database file; None for a team server or an in-memory database."""
    db = database.obj
    if db is None or engines.engine_of(db) != engines.SQLITE or db.database == ":memory:":
        return None
    return Path(db.database)


def current_engine() -> str:
    return engines.engine_of(database.obj)


def describe() -> str:
    """What is open, as shown to the user: a file path or the server address without password."""
    db = database.obj
    if db is None:
        return ""
    if engines.engine_of(db) == engines.POSTGRESQL:
        return db.display
    return str(db.database)


def is_open() -> bool:
    return database.obj is not None


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def integrity_ok() -> bool:
    if current_engine() == engines.POSTGRESQL:
        return True  # the server checks its own pages; there is no file to check
    return database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
