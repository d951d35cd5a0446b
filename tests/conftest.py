"""Shared fixtures: offscreen Qt and a fresh database for every test.

Every test gets an empty Commrel database: a copy of a template SQLite file, or,
when ``COMMREL_TEST_POSTGRES_URL`` names a PostgreSQL server, a database of its
own on that server emptied between tests. ``.ci/run`` runs the core and
exchange suites both ways; tests about the SQLite file itself are marked
``sqlite_only`` and run in the SQLite pass.
"""
from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit, urlunsplit

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


SERVER_URL = os.environ.get("COMMREL_TEST_POSTGRES_URL", "")


def pytest_collection_modifyitems(config, items):
    # Each pass runs the tests of its engine; "N deselected" in the summary counts the others.
    other = "sqlite_only" if SERVER_URL else "postgres_only"
    chosen = [item for item in items if not item.get_closest_marker(other)]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen


def _server_url(database: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


@pytest.fixture(scope="session")
def _server_db():
    """A database of this test run's own on the server, dropped at the end."""
    import psycopg

    name = f"commrel_test_{os.getpid()}"
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    url = _server_url(name)
    commrel_db.init_db(url)
    tables = [t for t in commrel_db.database.get_tables() if t != "schema_version"]
    commrel_db.close_db()
    yield url, tables
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    """Create the schema once; each test gets a copy of this file."""
    if SERVER_URL:
        return None
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    commrel_db.init_db(path)
    commrel_db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    commrel_db.close_db()
    return path


@pytest.fixture(autouse=True)
def db(_template_db, tmp_path, request):
    if SERVER_URL:
        url, tables = request.getfixturevalue("_server_db")
        users.set_current_user("tester")
        database = commrel_db.init_db(url)
        database.execute_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        yield url
        commrel_db.close_db()
        users.set_current_user(None)
        return
    path = tmp_path / "commrel.sqlite3"
    shutil.copyfile(_template_db, path)
    users.set_current_user("tester")
    database = commrel_db.init_db(path)
    yield path
    commrel_db.close_db()
    users.set_current_user(None)
