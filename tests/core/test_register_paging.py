"""What the register screen needs from the core: ordered ids, rows by id, exact undo data."""
from datetime import datetime

import pytest

from commrel.services import engagement
from commrel.services import stakeholder_queries as q
from commrel.services import stakeholders as svc


@pytest.fixture
def register():
    people = [svc.create(given_name=g, family_name=f, email=e) for g, f, e in [
        ("Zoe", "Adams", "c@example.org"), ("Yusuf", "Brown", "a@example.org"),
        ("Xia", "Chen", "b@example.org"), ("Wen", "Adams", "")]]
    engagement.log_interaction([people[2].id], channel="call", occurred_at=datetime(2025, 3, 1, 10))
    engagement.log_interaction([people[0].id], channel="call", occurred_at=datetime(2025, 1, 1, 10))
    return people


@pytest.mark.parametrize("sort", sorted(q.SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_ordered_ids_follow_the_same_order_as_pages(register, sort, descending):
    f = q.StakeholderFilter()
    paged = [r.id for r in q.page(f, sort=sort, descending=descending, limit=100)]
    assert q.ordered_ids(f, sort=sort, descending=descending) == paged


def test_ordered_ids_respect_the_filter_and_never_contacted_sort_first(register):
    assert q.ordered_ids(q.StakeholderFilter(text="adams")) == [register[3].id, register[0].id]
    oldest_first = q.ordered_ids(q.StakeholderFilter(), sort="last_contacted")
    assert oldest_first[-2:] == [register[0].id, register[2].id]


def test_rows_by_id_keeps_the_order_asked_and_marks_missing_ones(register):
    wanted = [register[2].id, 999_999, register[0].id]
    rows = q.rows_by_id(wanted)
    assert [r.display_name if r else None for r in rows] == ["Xia Chen", None, "Zoe Adams"]
    assert rows[0].last_contacted_at == datetime(2025, 3, 1, 10)


def test_set_archived_and_tag_many_return_exactly_what_changed(register):
    a, b, c, _ = register
    svc.archive([a.id])
    assert svc.set_archived([a.id, b.id], True) == [b.id]
    assert sorted(svc.set_archived([a.id, b.id, c.id], False)) == sorted([a.id, b.id])
    svc.set_tags(a.id, ["harbour"])
    assert svc.tag_many([a.id, b.id, b.id], "harbour") == [b.id]
    assert svc.tag_many([a.id, b.id, c.id], "harbour", remove=True) == sorted([a.id, b.id])
    assert svc.bulk_tag([c.id], "harbour") == 1


def test_rows_read_from_the_driver_equal_the_models_values(register):
    # Pages and search hits are read straight from the driver; every value must be what the forms see.
    svc.update(register[1].id, consent=True, consent_date="2026-03-01", do_not_contact=True, influence=5)
    svc.archive([register[3].id])
    from commrel.models import Stakeholder

    for row in q.rows_by_id([p.id for p in register]):
        stored = Stakeholder.get_by_id(row.id)
        for name, value in vars(row).items():
            expected = getattr(stored, name)
            assert value == expected and type(value) is type(expected), name
