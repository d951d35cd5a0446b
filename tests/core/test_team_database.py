"""A team database on PostgreSQL: officers editing at once, and moving a register to the server and back.

The tests marked ``postgres_only`` run in the PostgreSQL pass of ``.ci/run``
(``COMMREL_TEST_POSTGRES_URL``), where the ``db`` fixture is a server database.
"""
from __future__ import annotations

import threading
from datetime import datetime

import psycopg
import pytest

from commrel import activity, db as commrel_db, demo, engines, transfer, users
from commrel.errors import ConflictError, ServerUnavailable
from commrel.models import ALL_MODELS, Change, Concern, database
from commrel.models import Stakeholder
from commrel.services import concerns, stakeholder_queries
from commrel.services import stakeholders as stakeholder_service

MONDAY = datetime(2026, 3, 2, 9, 0)


def _concern() -> Concern:
    return concerns.intake(channel="phone", summary="Generator running all night", received_at=MONDAY,
                           tz="Europe/London")


def _as_officer(name: str, work, results: dict, ready: threading.Barrier | None = None):
    """Run ``work`` in a thread of its own: its own connection to the server, like a second laptop."""
    def run():
        users.set_current_user(name)
        try:
            results[name] = work(ready)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each officer met
            results[name] = exc
        finally:
            database.close()
    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres_only
def test_the_second_officer_saving_an_old_copy_gets_a_conflict_showing_both_versions(db):
    concern = _concern()
    opened_at = concern.version  # both officers open the same concern
    results: dict = {}
    _as_officer("amina", lambda _: concerns.update(concern.id, opened_at, summary="Generator at night, weekdays"),
                results).join()
    _as_officer("brian", lambda _: concerns.update(concern.id, opened_at, summary="Generator noise"),
                results).join()

    assert results["amina"].summary == "Generator at night, weekdays"
    refused = results["brian"]
    assert isinstance(refused, ConflictError)
    assert "changed by amina" in str(refused) and "not saved" in str(refused)
    assert refused.mine == {"summary": "Generator noise"}
    assert refused.theirs == {"summary": "Generator at night, weekdays", "version": opened_at + 1}
    assert Concern.get_by_id(concern.id).summary == "Generator at night, weekdays"


@pytest.mark.postgres_only
def test_two_officers_saving_at_the_same_moment_one_wins_the_other_sees_a_conflict(db):
    concern = _concern()
    opened_at = concern.version
    ready = threading.Barrier(2)

    def save(summary):
        def work(barrier):
            barrier.wait()
            return concerns.update(concern.id, opened_at, summary=summary)
        return work
    results: dict = {}
    threads = [_as_officer("amina", save("Noise from the generator"), results, ready),
               _as_officer("brian", save("Generator and lights at night"), results, ready)]
    for thread in threads:
        thread.join()

    saved = [name for name, outcome in results.items() if isinstance(outcome, Concern)]
    refused = [outcome for outcome in results.values() if isinstance(outcome, ConflictError)]
    assert len(saved) == 1 and len(refused) == 1, results
    stored = Concern.get_by_id(concern.id)
    assert stored.summary == results[saved[0]].summary and stored.version == opened_at + 1
    assert refused[0].theirs["summary"] == stored.summary
    assert refused[0].mine["summary"] != stored.summary
    # The change history says who made the change that stuck.
    edits = Change.select().where((Change.entity == "concern") & (Change.action == "update"))
    assert [c.by for c in edits] == saved


@pytest.mark.postgres_only
def test_another_officers_write_moves_the_data_stamp(db):
    before = activity.data_stamp()
    results: dict = {}
    _as_officer("amina", lambda _: stakeholder_service.create(given_name="Ama", family_name="Owusu"),
                results).join()
    assert activity.data_stamp() != before


@pytest.mark.postgres_only
def test_a_dropped_connection_is_reopened_and_a_lost_server_is_said_plainly(db):
    stakeholder_service.create(given_name="Ama", family_name="Owusu")
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(db, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))
    # The next statement finds the connection gone and opens another.
    assert stakeholder_service.get(1).display_name == "Ama Owusu"

    with pytest.raises(ServerUnavailable, match=r"cannot be reached .* nothing was changed"):
        commrel_db.init_db("postgresql://commrel@127.0.0.1:1/commrel")


def _content(source) -> dict[str, list[tuple]]:
    """Every row of every table, as Python values, in key order."""
    out = {}
    for model in ALL_MODELS:
        fields = model._meta.sorted_fields
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        key = model._meta.primary_key.column_name
        rows = source.execute_sql(f'SELECT {columns} FROM "{model._meta.table_name}" ORDER BY "{key}"')
        out[model._meta.table_name] = [tuple(None if v is None else f.python_value(v) for f, v in zip(fields, row))
                                       for row in rows]
    return out


@pytest.mark.postgres_only
def test_the_10k_sample_goes_to_the_server_and_back_unchanged(db, tmp_path):
    server_url = db
    local = tmp_path / "laptop.sqlite3"
    commrel_db.init_db(local)
    demo.generate(demo.DemoSize(10_000), seed=3)
    original = _content(database.obj)

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute("DROP SCHEMA public CASCADE")
        admin.execute("CREATE SCHEMA public")
    counts = transfer.copy_database(database.obj, server_url)
    assert counts["stakeholder"] == 10_000 and counts == transfer.table_counts()

    commrel_db.init_db(server_url)
    assert _content(database.obj) == original
    first = Stakeholder.select().order_by(Stakeholder.id).first()
    word = first.display_name.split()[0]
    assert engines.engine_of(database) == engines.POSTGRESQL
    assert first.id in [hit.id for hit in stakeholder_queries.search(word[:3], limit=500, include_archived=True)]
    new = stakeholder_service.create(given_name="After", family_name="Copy")
    assert new.id == 10_001  # ids continue after the copied ones

    back = tmp_path / "back.sqlite3"
    transfer.copy_database(database.obj, str(back))
    commrel_db.init_db(back)
    copied_back = _content(database.obj)
    assert copied_back["stakeholder"][:-1] == original["stakeholder"]
    assert {t: rows for t, rows in copied_back.items() if t not in ("stakeholder", "change")} == \
        {t: rows for t, rows in original.items() if t not in ("stakeholder", "change")}


def test_a_copy_into_a_database_with_records_is_refused_and_changes_nothing(db, tmp_path):
    stakeholder_service.create(given_name="Kept", family_name="Here")
    source = database.obj
    other = tmp_path / "other.sqlite3"
    commrel_db.init_db(other)
    stakeholder_service.create(given_name="Already", family_name="There")
    commrel_db.close_db()
    commrel_db.database.initialize(source)
    with pytest.raises(transfer.TransferError, match="already holds records"):
        transfer.copy_database(source, str(other))
    assert [s.display_name for s in Stakeholder.select()] == ["Kept Here"]
    commrel_db.init_db(other)
    assert [s.display_name for s in Stakeholder.select()] == ["Already There"]


def test_server_addresses_are_read_and_shown_without_the_password():
    address = engines.parse_server_url("postgresql://amina:s%40cret@db.example.org:6543/commrel")
    assert (address.user, address.password, address.host, address.port, address.database) == \
        ("amina", "s@cret", "db.example.org", 6543, "commrel")
    assert address.display == "postgresql://amina@db.example.org:6543/commrel"
    assert engines.strip_password("postgresql://amina:s%40cret@db.example.org/commrel") == \
        "postgresql://amina@db.example.org/commrel"
    with pytest.raises(ValueError, match="names no database"):
        engines.parse_server_url("postgresql://amina@db.example.org")
    with pytest.raises(ValueError, match=r"is not a port number \(1 to 65535\)"):
        engines.parse_server_url("postgresql://amina@db.example.org:99999/commrel")


def test_raw_sql_placeholders_are_translated_for_the_server_but_quoted_text_is_not():
    translate = engines.translate_placeholders
    assert translate("SELECT id FROM t WHERE a = ? AND b LIKE '%?%' AND c = %s") == \
        "SELECT id FROM t WHERE a = %s AND b LIKE '%%?%%' AND c = %s"


@pytest.mark.postgres_only
def test_saving_a_copy_of_the_team_database_writes_a_local_file_and_stays_on_the_server(db, tmp_path):
    from commrel import backups

    stakeholder_service.create(given_name="Ama", family_name="Owusu")
    backups.copy_to(tmp_path / "copy.sqlite3")
    assert commrel_db.describe().startswith("postgresql://")
    stakeholder_service.create(given_name="Ben", family_name="Osei")  # still writing to the server
    assert Stakeholder.select().count() == 2
    commrel_db.init_db(tmp_path / "copy.sqlite3")
    assert [s.display_name for s in Stakeholder.select()] == ["Ama Owusu"]


def test_once_the_server_is_away_the_next_tries_give_up_sooner(monkeypatch):
    # A laptop off the office network: the first try waits the full timeout, the ones after
    # it (a save meanwhile, the background check) only a few seconds, until one succeeds.
    tried = []

    def refuse(**params):
        tried.append(params["connect_timeout"])
        raise psycopg.OperationalError("timeout expired")
    monkeypatch.setattr(psycopg, "connect", refuse)
    server = engines.open_postgres(engines.parse_server_url("postgresql://officer@192.0.2.1/commrel"))
    for _ in range(2):
        with pytest.raises(ServerUnavailable, match="cannot be reached"):
            server.connect()
    assert tried == [10, engines.QUICK_RETRY_SECONDS]
    assert server.unreachable


@pytest.mark.postgres_only
def test_a_server_that_answers_again_gets_the_full_timeout_back(db):
    database.obj.unreachable = True
    database.close()
    assert stakeholder_service.create(given_name="Back", family_name="Online").id
    assert not database.obj.unreachable
