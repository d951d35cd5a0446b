"""Where Commrel keeps its files on this computer (platformdirs)."""
from __future__ import annotations

from pathlib import Path

import platformdirs

from . import APP_NAME

_APP = APP_NAME.lower()


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(_APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(_APP, appauthor=False))


def default_database() -> Path:
    return data_dir() / "commrel.sqlite3"


def backup_dir(db_path: Path) -> Path:
    """Backups sit next to the database, so they move and sync with it."""
    return db_path.parent / f"{db_path.stem}-backups"
