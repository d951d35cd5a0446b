"""The sample generator's shortcuts leave the database as the record-by-record way would.

Values are drawn in bulk, stakeholders go in with their organisation and last
contact already filled, and foreign keys go unchecked during the load; these
tests hold the result to what the app's own rules say it must be.
"""
from datetime import date

import pytest

from commrel import db as commrel_db, demo
from commrel.models import database

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 3, 2)


def _generate(n=300, seed=3):
    return demo.generate(demo.DemoSize(n), seed=seed, today=TODAY)


def _one(sql):
    return database.execute_sql(sql).fetchone()[0]


def test_every_reference_holds_and_foreign_keys_are_enforced_again():
    _generate()
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert _one("PRAGMA foreign_keys") == 1
    assert _one("PRAGMA integrity_check") == "ok"


def test_a_caller_transaction_keeps_its_foreign_key_checks():
    with database.atomic():
        _generate(50)
        assert _one("PRAGMA foreign_keys") == 1
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_organisation_and_last_contact_agree_with_memberships_and_interactions():
    _generate()
    first_organisation = """
        SELECT COUNT(*) FROM stakeholder s WHERE s.organisation_name != COALESCE((
            SELECT o.display_name FROM membership m JOIN stakeholder o ON o.id = m.organisation_id
            WHERE m.person_id = s.id ORDER BY m.id LIMIT 1), '')"""
    latest_contact = """
        SELECT COUNT(*) FROM stakeholder s WHERE s.last_contacted_at IS NOT (
            SELECT MAX(i.occurred_at) FROM interaction_participant p JOIN interaction i ON i.id = p.interaction_id
            WHERE p.stakeholder_id = s.id AND i.channel != 'event')"""
    assert _one(first_organisation) == 0 and _one(latest_contact) == 0
    assert _one("SELECT COUNT(*) FROM stakeholder WHERE organisation_name != ''") > 0
    assert _one("SELECT COUNT(*) FROM stakeholder WHERE last_contacted_at IS NOT NULL") > 200


def test_records_are_numbered_in_the_order_they_happened():
    _generate()
    for table, column, where in (("interaction", "occurred_at", "channel != 'event'"),
                                 ("event", "starts_at", "1"), ("concern", "received_at", "1"),
                                 ("stakeholder", "created_at", "kind = 'person'")):
        values = [r[0] for r in database.execute_sql(f"SELECT {column} FROM {table} WHERE {where} ORDER BY id")]
        assert len(values) > 10 and values == sorted(values), table


def test_a_second_sample_adds_to_the_first():
    _generate(100, seed=1)
    _generate(100, seed=2)
    assert _one("SELECT COUNT(*) FROM stakeholder") == 200
    assert _one("SELECT COUNT(*) FROM stakeholder_fts") == 200
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert _one("SELECT COUNT(DISTINCT reference) FROM concern") == _one("SELECT COUNT(*) FROM concern")


def test_the_same_seed_gives_the_same_database(tmp_path):
    tables = ("stakeholder", "membership", "stakeholder_tag", "event", "event_participant", "interaction",
              "interaction_participant", "checklist_task", "concern", "concern_update", "distribution")
    contents = []
    for name in ("a", "b"):
        commrel_db.init_db(tmp_path / f"{name}.sqlite3", backup_before_migrate=False)
        _generate(200, seed=9)
        contents.append({t: database.execute_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables})
        commrel_db.close_db()
    assert contents[0] == contents[1]
