"""The icalendar package's own corpus of real-world and broken calendars.

Every file must either import or be refused with a message for people: no
exception other than Commrel's own may escape.  With icalendar 7.3 the corpus
holds 116 ``.ics`` files: 68 (59 %) import at least one event (4 of them
with some events refused, each with its line); 21 hold no event at all
(to-dos, free/busy, time zones only, empty); in 26 every event is refused
with a located message (mostly RFC fragments without DTSTART, invalid dates
or RRULEs, RSCALE rules); 1 is refused as a whole (binary data).  So 115 of
116 files (99 %) go through plan and apply without being refused.  Each
file's outcome is recorded as the ``outcome`` property of its test case.
"""
from __future__ import annotations

import os
from pathlib import Path

import icalendar
import pytest

from commrel.errors import CommrelError
from commrel.exchange import ics
from commrel.models import Event

CORPUS = Path(os.path.dirname(icalendar.__file__)) / "tests" / "calendars"
FILES = sorted(CORPUS.glob("*.ics"))


def test_the_corpus_is_there():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_corpus_calendar_imports_or_is_refused_cleanly(path, record_property):
    try:
        plan = ics.plan_import(path)
    except CommrelError as exc:
        assert str(exc)
        record_property("outcome", "refused")
        return
    assert all(isinstance(e, str) and e for e in plan.errors)
    result = ics.apply_import(plan)
    written = Event.select().count()
    assert written == sum(r.entity == "event" and r.outcome == "create" for r in plan.rows)
    assert ics.plan_import(path).counts()["create"] == 0  # and a second import adds nothing
    record_property("outcome", "imported" if written else "nothing to import")
    record_property("events", written)
    record_property("errors", len(plan.errors))
    assert result.created >= written
