"""Shared fixtures: offscreen Qt and a fresh database file for every test."""
from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import Phase, settings  # noqa: E402

from commrel import db as commrel_db  # noqa: E402
from commrel import users  # noqa: E402


# Property tests are reproducible run to run; in CI a failure is reported at once
# instead of spending minutes shrinking it (run locally to get the minimal case).
settings.register_profile("commrel", derandomize=True, deadline=None)
settings.register_profile("ci", parent=settings.get_profile("commrel"),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.load_profile("ci" if os.environ.get("CI") else "commrel")


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    """Create the schema once; each test gets a copy of this file."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    commrel_db.init_db(path)
    commrel_db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    commrel_db.close_db()
    return path


@pytest.fixture(autouse=True)
def db(_template_db, tmp_path):
    path = tmp_path / "commrel.sqlite3"
    shutil.copyfile(_template_db, path)
    users.set_current_user("tester")
    database = commrel_db.init_db(path)
    yield path
    commrel_db.close_db()
    users.set_current_user(None)
