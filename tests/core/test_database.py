import sqlite3

import pytest

from commrel import db as commrel_db
from commrel import migrations
from commrel.db import DatabaseError


def test_fresh_database_has_current_schema_and_pragmas(tmp_path):
    path = tmp_path / "new.sqlite3"
    database = commrel_db.init_db(path)
    assert migrations.current_version(database) == migrations.SCHEMA_VERSION
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert commrel_db.integrity_ok()


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "again.sqlite3"
    commrel_db.init_db(path)
    commrel_db.close_db()
    database = commrel_db.init_db(path)
    assert migrations.migrate(database) == []


def test_a_file_that_is_not_sqlite_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my meeting notes")
    with pytest.raises(DatabaseError, match="not a Commrel database"):
        commrel_db.init_db(path)
    assert path.read_text() == "these are my meeting notes"


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (999)")
    con.commit()
    con.close()
    with pytest.raises(Exception, match="newer Commrel"):
        commrel_db.init_db(path)
