"""Every released schema upgrades to the current one with nothing lost."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from commrel import backups, db as commrel_db, migrations
from commrel.models import ALL_MODELS

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "data").glob("schema-v*.sqlite3"))


def _counts(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("stakeholder", "interaction", "event", "event_participant", "concern", "concern_update")}
    finally:
        con.close()


def test_there_is_a_fixture_for_every_earlier_schema():
    versions = {int(p.stem.split("-v")[1]) for p in FIXTURES}
    assert versions == set(range(1, migrations.SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_upgrades_to_current_schema_keeping_every_record(fixture, tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(fixture, path)
    before = _counts(path)
    database = commrel_db.init_db(path)
    assert migrations.current_version(database) == migrations.SCHEMA_VERSION
    assert commrel_db.integrity_ok()
    assert _counts(path) == before
    # Every model reads every column it declares: no column was forgotten by a migration.
    for model in ALL_MODELS:
        list(model.select().limit(3).dicts())
    # The state before the upgrade was backed up.
    assert any("before-migration" in b.reason for b in backups.list_backups())
    commrel_db.close_db()


def _indexes(path):
    con = sqlite3.connect(path)
    try:
        return {name: sql for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    finally:
        con.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_upgraded_database_has_the_indexes_of_a_new_one(fixture, tmp_path):
    fresh = tmp_path / "fresh.sqlite3"
    commrel_db.init_db(fresh)
    commrel_db.close_db()
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(fixture, path)
    commrel_db.init_db(path)
    commrel_db.close_db()
    upgraded, new = _indexes(path), _indexes(fresh)
    assert set(upgraded) == set(new)
    # No index is the leading part of another on the same table: writes would keep both for nothing.
    for name, sql in new.items():
        if name in migrations.LOW_CARDINALITY:
            continue
        table, columns = sql.split(" ON ", 1)[1].split(" (", 1)
        for other, other_sql in new.items():
            other_table, other_columns = other_sql.split(" ON ", 1)[1].split(" (", 1)
            if other != name and "UNIQUE" not in sql and table == other_table and " WHERE " not in sql:
                assert not other_columns.startswith(columns.rstrip(")")), f"{name} is covered by {other}"
