"""The one place that opens a database: pragmas, create or migrate, back up first."""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import peewee

from . import migrations, search
from .errors import CommrelError
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


def init_db(target: str | Path, *, backup_before_migrate: bool = True) -> peewee.Database:
    """Open (creating if needed) the database at ``target`` and bring it to the current schema.

    ``target`` is a file path; ``:memory:`` gives a throwaway database.
    """
    close_db()
    target = str(target)
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


def close_db() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path | None:
    db = database.obj
    if db is None or db.database == ":memory:":
        return None
    return Path(db.database)


def is_open() -> bool:
    return database.obj is not None


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def integrity_ok() -> bool:
    return database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
