"""Backups through SQLite's online backup API: consistent even while in use."""
from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import engines
from .errors import CommrelError
from .models import database
from .paths import backup_dir

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    stakeholders: int | None
    events: int | None
    concerns: int | None


def _db_file() -> Path | None:
    """The local file to back up; a team server has none (its own backups are the server's job)."""
    db = database.obj
    if db is None or engines.engine_of(db) != engines.SQLITE or db.database == ":memory:":
        return None
    return Path(db.database)


def copy_to(dest: str | Path) -> Path:
    """Write a consistent copy of the open database to ``dest`` ("Save a copy as…")."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    if engines.engine_of(database) != engines.SQLITE:
        from .transfer import copy_database
        copy_database(database.obj, str(dest))
        return dest
    source = database.connection()
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
    finally:
        target.close()
    return dest


def create_backup(reason: str = "manual", *, keep: int = DEFAULT_KEEP) -> Path | None:
    """Back up the open database next to it; prunes to the newest ``keep``."""
    src = _db_file()
    if src is None:
        return None
    folder = backup_dir(src)
    safe_reason = re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "backup"
    stamp = datetime.now().strftime(_STAMP)
    dest = folder / f"{src.stem}-{stamp}-{safe_reason}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{src.stem}-{stamp}-{safe_reason}-{n}.sqlite3"
    copy_to(dest)
    log.info("backup written to %s", dest)
    prune(keep)
    return dest


def list_backups() -> list[BackupInfo]:
    src = _db_file()
    if src is None:
        return []
    folder = backup_dir(src)
    if not folder.is_dir():
        return []
    found = []
    pattern = re.compile(rf"^{re.escape(src.stem)}-(\d{{8}}-\d{{6}})-(.+?)\.sqlite3$")
    for path in folder.glob("*.sqlite3"):
        m = pattern.match(path.name)
        if not m:
            continue
        taken = datetime.strptime(m.group(1), _STAMP)
        counts = _counts(path)
        found.append(BackupInfo(path, taken, m.group(2), *counts))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def _counts(path: Path) -> tuple[int | None, int | None, int | None]:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                         for t in ("stakeholder", "event", "concern"))
        finally:
            con.close()
    except sqlite3.Error:
        return (None, None, None)


def prune(keep: int = DEFAULT_KEEP) -> None:
    for info in list_backups()[keep:]:
        info.path.unlink(missing_ok=True)


def backup_if_first_today(keep: int = DEFAULT_KEEP) -> Path | None:
    """The daily automatic backup, taken on the first start of each day."""
    today = datetime.now().date()
    if any(b.taken_at.date() == today for b in list_backups()):
        return None
    return create_backup("daily", keep=keep)


def restore(backup: str | Path) -> Path | None:
    """Replace the open database's content with ``backup``; the current state is backed up first."""
    backup = Path(backup)
    if _db_file() is None:
        raise CommrelError("Only a local database file is restored from a backup; a team database "
                           "is restored on its server.")
    if not backup.is_file():
        raise CommrelError(f"Backup {backup} does not exist.")
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.Error as exc:
        raise CommrelError(f"{backup} is not a readable backup: {exc}.") from exc
    if not ok:
        src.close()
        raise CommrelError(f"{backup} is damaged (integrity check failed); it was not restored.")
    safety = create_backup("before-restore")
    try:
        src.backup(database.connection())
    finally:
        src.close()
    log.info("restored %s", backup)
    return safety
