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
