"""Backups through SQLite's online backup API: consistent even while in use."""
from __future__ import annotations

import logging
import re
import sqlite3
import threading
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


def _new_backup_path(src: Path, reason: str) -> Path:
    folder = backup_dir(src)
    safe_reason = re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "backup"
    stamp = datetime.now().strftime(_STAMP)
    dest = folder / f"{src.stem}-{stamp}-{safe_reason}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{src.stem}-{stamp}-{safe_reason}-{n}.sqlite3"
    return dest


def create_backup(reason: str = "manual", *, keep: int = DEFAULT_KEEP) -> Path | None:
    """Back up the open database next to it; prunes to the newest ``keep``."""
    src = _db_file()
    if src is None:
        return None
    dest = _new_backup_path(src, reason)
    copy_to(dest)
    log.info("backup written to %s", dest)
    prune(keep)
    return dest


class PendingBackup:
    """A backup of the database as it is now, written on its own connection while the caller works.

    An import starts one and then writes in its transaction; SQLite's write-ahead
    log keeps those writes out of the other connection's view until they are
    committed, so the copy is the state before the import. The importer calls
    :meth:`wait` before it commits: an import whose backup failed is not committed.
    Copying a large register takes seconds that the import's own work now hides.
    """

    def __init__(self, reason: str, keep: int = DEFAULT_KEEP):
        self.keep = keep
        self.path: Path | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        src = _db_file()
        if src is None:
            return
        if str(database.execute_sql("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            # Without the log a reader blocks the writer; copy first, as a plain backup.
            self.path = create_backup(reason, keep=keep)
            return
        self.path = _new_backup_path(src, reason)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._thread = threading.Thread(target=self._copy, args=(src, self.path), name="backup", daemon=True)
        self._thread.start()

    def _copy(self, src: Path, dest: Path) -> None:
        try:
            source = sqlite3.connect(str(src))
            try:
                target = sqlite3.connect(str(dest))
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that waits
            self._error = exc

    def wait(self) -> Path | None:
        """The backup's path once it is complete; raises what stopped it."""
        if self._thread is None:
            return self.path
        self._thread.join()
        self._thread = None
        if self._error is not None:
            assert self.path is not None
            self.path.unlink(missing_ok=True)
            error, self._error = self._error, None
            raise CommrelError(f"Could not back up the database before the import ({error}); "
                               "nothing was imported.") from error
        log.info("backup written to %s", self.path)
        prune(self.keep)
        return self.path

    def wait_quietly(self) -> None:
        """After a failed or cancelled import: let the copy finish, and keep it (it is a good backup)."""
        if self._thread is not None:
            try:
                self.wait()
            except CommrelError:
                log.warning("the backup before an abandoned import failed", exc_info=True)


def _backup_files() -> list[tuple[Path, datetime, str]]:
    """(path, taken at, reason) of this database's backups, newest first, without opening them."""
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
        if m:
            found.append((path, datetime.strptime(m.group(1), _STAMP), m.group(2)))
    found.sort(key=lambda b: (b[1], b[0].name), reverse=True)
    return found


def list_backups() -> list[BackupInfo]:
    """The backups with their record counts (each one is opened to count them)."""
    return [BackupInfo(path, taken, reason, *_counts(path)) for path, taken, reason in _backup_files()]


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
    for path, _, _ in _backup_files()[keep:]:
        path.unlink(missing_ok=True)


def backup_if_first_today(keep: int = DEFAULT_KEEP) -> Path | None:
    """The daily automatic backup, taken on the first start of each day."""
    today = datetime.now().date()
    if any(taken.date() == today for _, taken, _ in _backup_files()):
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
