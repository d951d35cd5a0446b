"""Applying a fuzzed sheet's plan, and what the register holds for the sheets to match against."""
from __future__ import annotations

from datetime import datetime

from peewee import fn

from commrel.exchange import spreadsheet_import
from commrel.exchange.columns import normalise
from commrel.models import Concern, Event, Interaction, Stakeholder
from commrel.services import concern_clocks, events
from commrel.services import stakeholders as stakeholder_service
from fuzz_contract import diff_counts, record_counts

MAIN = {"stakeholders": Stakeholder, "interactions": Interaction, "events": Event, "concerns": Concern}


def seed_register() -> None:
    """Two people, an event and the concern categories, so that rows can match something."""
    stakeholder_service.create(given_name="Amina", family_name="Diallo", email="amina@example.org")
    stakeholder_service.create(given_name="Sam", family_name="Okafor", email="sam@example.org")
    events.create(title="Town hall", starts_at=datetime(2026, 3, 31, 19, 0), timezone="Europe/London")
    concern_clocks.ensure_default_categories()


def apply_and_check(plan) -> None:
    """Apply ``plan``: exactly its new and changed rows are written, the rows with errors are not."""
    counts = plan.counts()
    assert len(plan.errors) == sum(1 for r in plan.rows if r.extra.get("error"))
    assert all(r.outcome == "skip" for r in plan.rows if r.extra.get("error"))
    before = record_counts()
    last_id = Stakeholder.select(fn.MAX(Stakeholder.id)).scalar() or 0
    result = spreadsheet_import.apply_import(plan)
    changed = diff_counts(before, record_counts())
    model = MAIN[plan.kind].__name__
    if plan.kind == "stakeholders":
        # People named with an organisation that is not in the register bring it along.
        named = {normalise(r.values.get("organisation") or "") for r in plan.rows if r.outcome == "create"}
        extra = [s for s in Stakeholder.select().where(Stakeholder.id > last_id)][counts["create"]:]
        assert all(s.kind == "organisation" and normalise(s.display_name) in named for s in extra), extra
        assert changed.get(model, 0) == counts["create"] + len(extra), changed
    else:
        extra = []
        assert changed.get(model, 0) == counts["create"], changed
    assert (result.created, result.updated) == (counts["create"] + len(extra), counts["update"])
