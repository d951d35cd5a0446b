"""The concern modules after the split: pickers' lists, the extra sorts, the step-bar path."""
from __future__ import annotations

from datetime import datetime

from commrel.models import ConcernCategory
from commrel.services import concern_lifecycle, concern_queries, concerns

MONDAY = datetime(2026, 3, 2, 9, 0)


def make(**fields):
    values = dict(channel="phone", summary="Generator running all night", received_at=MONDAY, tz="UTC")
    values.update(fields)
    return concerns.intake(**values)


def test_the_facade_reexports_the_moved_names():
    for name in ("list_concerns", "count", "board", "ConcernFilter", "timeline", "get"):
        assert getattr(concerns, name) is getattr(concern_queries, name)
    for name in ("TRANSITIONS", "ACTION_LABELS", "allowed_actions", "refusal_message", "acknowledge", "refer"):
        assert getattr(concerns, name) is getattr(concern_lifecycle, name)


def test_neighbourhoods_and_owners_for_the_pickers():
    make(neighbourhood="Riverside", owner="Sam")
    make(neighbourhood="hilltop", owner="")
    make(neighbourhood="Riverside", owner="priya")
    assert concern_queries.neighbourhoods() == ["hilltop", "Riverside"]
    assert concern_queries.owners() == ["priya", "Sam"]


def test_sorting_by_category_and_days_open():
    noise = ConcernCategory.create(name="Noise")
    dust = ConcernCategory.create(name="Dust")
    a = make(category_id=noise.id, received_at=datetime(2026, 1, 1))
    b = make(category_id=dust.id, received_at=datetime(2026, 2, 1))
    c = make(received_at=datetime(2026, 3, 1))
    by_category = [x.id for x in concern_queries.list_concerns(sort="category", descending=False)]
    assert by_category == [c.id, b.id, a.id]
    concerns.close_unresolved(a.id, "The complainant withdrew")  # closed today: open longest of all
    oldest_first = [x.id for x in concern_queries.list_concerns(sort="days_open", descending=True)]
    assert oldest_first == [a.id, b.id, c.id]


def _names(concern):
    return (concern.category.name if concern.category else None,
            concern.complainant.display_name if concern.complainant else None)


def test_pages_of_a_sorted_list_join_up_to_the_whole_list_with_names_filled_in():
    from commrel.models import Stakeholder

    noise = ConcernCategory.create(name="Noise")
    dust = ConcernCategory.create(name="Dust")
    ann = Stakeholder.create(given_name="Ann", family_name="Lee", display_name="Ann Lee", sort_name="lee ann")
    for n in range(7):
        category = (noise, dust, None)[n % 3]
        make(category_id=category.id if category else None, complainant_id=ann.id if n % 2 else None,
             summary=f"Concern {n % 4}", received_at=datetime(2026, 1, 1 + n))
    for sort in ("category", "summary", "received_at"):
        for descending in (False, True):
            whole = concern_queries.list_concerns(sort=sort, descending=descending, limit=None)
            pages = [c for offset in (0, 3, 6) for c in concern_queries.list_concerns(
                sort=sort, descending=descending, offset=offset, limit=3)]
            assert [c.id for c in pages] == [c.id for c in whole]
            assert [_names(c) for c in pages] == [_names(c) for c in whole]
    assert concern_queries.list_concerns(offset=7, limit=3) == []


def test_stage_path_for_the_step_bar():
    assert concern_lifecycle.stage_path("received", ["received"]) == (
        [], ["acknowledged", "accepted", "investigating", "response_proposed", "responded", "implemented",
             "closed_resolved"])
    passed = ["received", "acknowledged", "accepted", "investigating", "response_proposed", "response_proposed"]
    assert concern_lifecycle.stage_path("response_proposed", passed) == (
        passed[:4], ["responded", "implemented", "closed_resolved"])
    assert concern_lifecycle.stage_path("rejected", ["received", "acknowledged", "rejected"]) == (
        ["received", "acknowledged"], [])
    assert concern_lifecycle.stage_path("appealed", ["received", "acknowledged", "rejected", "appealed"]) == (
        ["received", "acknowledged", "rejected"], [])


def test_status_counts_follow_the_filter():
    a = make(neighbourhood="Riverside")
    make(neighbourhood="Riverside")
    make(neighbourhood="Hilltop")
    concerns.acknowledge(a.id, how="email")
    counts = concern_queries.status_counts(concern_queries.ConcernFilter(neighbourhood="Riverside"))
    assert counts["received"] == 1 and counts["acknowledged"] == 1 and sum(counts.values()) == 2


def test_a_new_complainant_and_the_concern_are_saved_together():
    import pytest

    from commrel.errors import ValidationError
    from commrel.models import Concern, Stakeholder

    with pytest.raises(ValidationError) as caught:
        concerns.intake_with_new_complainant({"given_name": "Ann", "email": "not-an-address"}, channel="phone",
                                             summary="Dust on cars", received_at=MONDAY)
    assert caught.value.field == "email"
    with pytest.raises(ValidationError):
        concerns.intake_with_new_complainant({"given_name": "Ann"}, channel="phone", summary="", received_at=MONDAY)
    assert Stakeholder.select().count() == 0 and Concern.select().count() == 0
    concern = concerns.intake_with_new_complainant({"given_name": "Ann", "family_name": "Lee"}, channel="phone",
                                                   summary="Dust on cars", received_at=MONDAY)
    assert concern.complainant.display_name == "Ann Lee"
