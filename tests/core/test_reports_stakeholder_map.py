"""The stakeholder map against a hand-built register.

  who   influence  interest  position    type      tag    quadrant
  Pia   5          5         supportive  resident         manage closely
  Quin  4          2         opposed     resident         keep satisfied
  Rae   1          4         neutral     resident         keep informed
  Sol   3          3         unknown     resident         monitor (3 is not high)
  Tam   3          4         opposed     resident         keep informed
  Uma   4          4         opposed     resident         archived: not on the map
  Vic   2          2         neutral     business  noise  monitor
  Wyn   3          3         unknown     resident         monitor (same cell as Sol)
"""
from __future__ import annotations

import pytest

from commrel.reports.stakeholder_map import quadrant, stakeholder_map
from commrel.services import stakeholders


@pytest.fixture
def register():
    ids = {}
    for name, influence, interest, position, type_, tags in (
            ("Pia", 5, 5, "supportive", "resident", []), ("Quin", 4, 2, "opposed", "resident", []),
            ("Rae", 1, 4, "neutral", "resident", []), ("Sol", 3, 3, "unknown", "resident", []),
            ("Tam", 3, 4, "opposed", "resident", []), ("Uma", 4, 4, "opposed", "resident", []),
            ("Vic", 2, 2, "neutral", "business", ["noise"]), ("Wyn", 3, 3, "unknown", "resident", [])):
        ids[name] = stakeholders.create(given_name=name, influence=influence, interest=interest,
                                        position=position, type=type_, tags=tags).id
    stakeholders.archive([ids["Uma"]])
    return ids


def test_quadrants_split_at_four():
    assert [quadrant(5, 5), quadrant(4, 3), quadrant(3, 4), quadrant(3, 3)] == [
        "manage_closely", "keep_satisfied", "keep_informed", "monitor"]


def test_every_live_stakeholder_is_a_point_with_its_scores(register):
    m = stakeholder_map()
    assert m.total == 7 and not m.sampled
    assert sorted((p.name, p.influence, p.interest, p.position) for p in m.points) == [
        ("Pia", 5, 5, "supportive"), ("Quin", 4, 2, "opposed"), ("Rae", 1, 4, "neutral"),
        ("Sol", 3, 3, "unknown"), ("Tam", 3, 4, "opposed"), ("Vic", 2, 2, "neutral"), ("Wyn", 3, 3, "unknown")]
    assert {p.name: p.id for p in m.points}["Pia"] == register["Pia"]


def test_cells_count_each_score_pair_and_position(register):
    m = stakeholder_map()
    assert [(c.influence, c.interest, c.position, c.count) for c in m.cells] == [
        (1, 4, "neutral", 1), (2, 2, "neutral", 1), (3, 3, "unknown", 2), (3, 4, "opposed", 1),
        (4, 2, "opposed", 1), (5, 5, "supportive", 1)]
    assert m.quadrant_counts() == {"manage_closely": 1, "keep_satisfied": 1, "keep_informed": 2, "monitor": 3}
    assert m.cell_totals()[(3, 3)] == 2


def test_a_large_register_gives_a_stable_capped_sample_and_exact_counts(register):
    first = stakeholder_map(sample_limit=3)
    again = stakeholder_map(sample_limit=3)
    assert len(first.points) == 3 and first.sampled
    assert [p.id for p in first.points] == [p.id for p in again.points]
    assert first.total == 7
    assert first.quadrant_counts() == {"manage_closely": 1, "keep_satisfied": 1, "keep_informed": 2, "monitor": 3}


def test_filters_by_type_and_tag(register):
    assert [p.name for p in stakeholder_map(type="business").points] == ["Vic"]
    assert [p.name for p in stakeholder_map(tag="noise").points] == ["Vic"]
    assert stakeholder_map(type="resident").quadrant_counts() == {
        "manage_closely": 1, "keep_satisfied": 1, "keep_informed": 2, "monitor": 2}
    assert stakeholder_map(tag="nobody has this").total == 0


def test_an_empty_register_gives_an_empty_map():
    m = stakeholder_map()
    assert (m.total, m.cells, m.points, m.sampled) == (0, [], [], False)
