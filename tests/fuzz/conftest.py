"""Fuzz fixtures: a fresh database for every generated example, not only for every test."""
from __future__ import annotations

import shutil

import pytest

from commrel import db as commrel_db


@pytest.fixture
def fresh_db(_template_db, db):
    """fresh_db() -> starts the example on an empty database, so that a failure replays the same way."""
    def reset():
        commrel_db.close_db()
        shutil.copyfile(_template_db, db)
        for leftover in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            leftover.unlink(missing_ok=True)
        commrel_db.init_db(db)
    return reset
