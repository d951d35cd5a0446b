"""Backups, restore, crash safety, two writers, erasure."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from commrel import backups, db as commrel_db, demo
from commrel.errors import CommrelError, ValidationError
from commrel.models import AuditEvent, Change
from commrel.reports import counts
from commrel.services import engagement, history, privacy
from commrel.services import stakeholder_queries as q
from commrel.services import stakeholders

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite_only
def test_backup_lists_with_counts_prunes_and_restores(db):
    stakeholders.create(given_name="Before", family_name="Backup")
    first = backups.create_backup("manual")
    assert first.exists()
    stakeholders.create(given_name="After", family_name="Backup")
    listed = backups.list_backups()
    assert listed[0].path == first and listed[0].stakeholders == 1 and listed[0].reason == "manual"
    safety = backups.restore(first)
    assert q.count() == 1
    # The state just before the restore was itself kept.
    assert sqlite3.connect(safety).execute("SELECT COUNT(*) FROM stakeholder").fetchone()[0] == 2
    for n in range(5):
        backups.create_backup(f"extra {n}", keep=3)
    assert len(backups.list_backups()) == 3


@pytest.mark.sqlite_only
def test_daily_backup_only_once_a_day(db):
    assert backups.backup_if_first_today() is not None
    assert backups.backup_if_first_today() is None


@pytest.mark.sqlite_only
def test_a_damaged_backup_is_refused_and_nothing_changes(db, tmp_path):
    stakeholders.create(given_name="Kept", family_name="Safe")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises(CommrelError):
        backups.restore(bad)
    assert q.count() == 1


_KILL_SCRIPT = """
import sys
from commrel import db, demo
db.init_db(sys.argv[1])
print("ready", flush=True)
demo.generate(demo.DemoSize(int(sys.argv[2])), seed=4)
print("done", flush=True)
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5, 0.9])
def test_killed_import_leaves_before_or_after_never_a_mix(tmp_path, delay):
    path = tmp_path / "kill.sqlite3"
    commrel_db.init_db(path)
    demo.generate(demo.DemoSize(30), seed=1)
    before = counts.record_counts()
    commrel_db.close_db()
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(path), "3000"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    commrel_db.init_db(path)
    assert commrel_db.integrity_ok()
    after = counts.record_counts()
    assert after == before or (after["stakeholders"] + after["archived"]
                               == before["stakeholders"] + before["archived"] + 3000), after


_WRITER = """
import sys
from commrel import db
from commrel.services import stakeholders
db.init_db(sys.argv[1])
for n in range(int(sys.argv[3])):
    stakeholders.create(given_name=sys.argv[2], family_name=str(n))
print("ok")
"""


@pytest.mark.sqlite_only
def test_two_copies_of_the_app_write_to_one_file_safely(tmp_path):
    path = tmp_path / "shared.sqlite3"
    commrel_db.init_db(path)
    commrel_db.close_db()
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name, "150"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("Ana", "Bo")]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    commrel_db.init_db(path)
    assert commrel_db.integrity_ok()
    assert q.count(q.StakeholderFilter(text="Ana")) == 150
    assert q.count(q.StakeholderFilter(text="Bo")) == 150


def test_erasure_keeps_figures_but_not_the_person(db):
    from commrel.models import Concern, ConcernCategory

    person = stakeholders.create(given_name="Rosa", family_name="Martinez", email="rosa@example.org",
                                 phone="0161 496 0000", neighbourhood="Riverside", notes="Lives at No. 4")
    other = stakeholders.create(given_name="Tom", family_name="Reid")
    engagement.log_interaction([person.id], channel="call", summary="Rosa called about dust")
    engagement.log_interaction([person.id, other.id], channel="meeting", summary="Street meeting")
    stakeholders.update(person.id, phone="0161 496 0001")
    cat = ConcernCategory.create(name="Dust")
    Concern.create(reference="CR-2026-0001", received_at=datetime(2026, 1, 5), complainant=person.id,
                   category=cat, neighbourhood="Riverside", summary="Dust", description="Rosa's car covered",
                   acknowledge_due=datetime(2026, 1, 12), resolution_target=datetime(2026, 2, 5))
    figures = counts.record_counts()
    privacy.anonymise(person.id)
    after = stakeholders.get(person.id)
    assert after.display_name == f"Erased person #{person.id}"
    assert (after.email, after.phone, after.notes) == ("", "", "")
    assert after.neighbourhood == "Riverside" and after.do_not_contact
    assert counts.record_counts() == figures
    assert q.count(q.StakeholderFilter(text="Rosa")) == 0
    summaries = sorted(i.summary for i in engagement.for_stakeholder(person.id))
    assert summaries == [privacy.ERASED_TEXT, "Street meeting"]
    concern = Concern.get(Concern.reference == "CR-2026-0001")
    assert concern.complainant is None and concern.anonymous and "Rosa" not in concern.description
    assert concern.neighbourhood == "Riverside"
    values = [(h.old_value, h.new_value) for h in history.for_entity("stakeholder", person.id)]
    assert all(v == (None, None) for v in values)
    audit = AuditEvent.select().where(AuditEvent.action == "erasure").get()
    assert "Rosa" not in audit.detail and "Martinez" not in audit.detail
    with pytest.raises(ValidationError, match="already been erased"):
        privacy.anonymise(person.id)


def test_empty_archive_deletes_only_archived(db):
    a = stakeholders.create(given_name="Old", family_name="Record")
    stakeholders.create(given_name="Live", family_name="Record")
    stakeholders.archive([a.id])
    assert privacy.empty_archive() == 1
    assert q.count(q.StakeholderFilter(archived=None)) == 1
