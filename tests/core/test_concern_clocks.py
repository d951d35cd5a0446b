"""Concern categories and clocks: due dates, weekends, DST, and where a concern stands."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commrel.errors import NotFound, ValidationError
from commrel.models import ConcernCategory
from commrel.services import concern_clocks as cc
from commrel.services import concerns, history

LONDON = "Europe/London"
FRIDAY = datetime(2026, 3, 6, 10, 0)  # naive UTC; 10:00 GMT in London


def make(**fields):
    values = dict(channel="email", summary="Dust on washing", received_at=FRIDAY, tz=LONDON)
    values.update(fields)
    return concerns.intake(**values)


# --- categories -------------------------------------------------------------------

def test_default_categories_are_created_once():
    created = cc.ensure_default_categories()
    names = [c.name for c in cc.list_categories()]
    assert created == ConcernCategory.select().count() > len(names)
    assert {"Noise", "Dust & air quality", "Traffic & access", "Safety", "Damage to property", "Environment",
            "Employment & procurement", "Land & compensation", "Communication/broken promise",
            "Other"} == set(names)
    assert names == sorted(names)
    noise = next(c for c in cc.list_categories() if c.name == "Noise")
    assert "Night-time works" in [c.name for c in cc.list_categories(noise.id)]
    other = next(c for c in cc.list_categories() if c.name == "Other")
    assert (other.acknowledge_days, other.resolve_days, other.skip_weekends) == (7, 30, False)
    assert cc.ensure_default_categories() == 0


def test_default_categories_respect_the_officers_list():
    cc.create_category("Flooding")
    assert cc.ensure_default_categories() == 0
    assert [c.name for c in cc.list_categories()] == ["Flooding"]


def test_all_levels_lists_each_parent_before_its_subcategories():
    water = cc.create_category("Water")
    cc.create_category("Wells", parent=water.id)
    cc.create_category("Air")
    cc.create_category("Drains", parent=water)
    assert [c.name for c in cc.list_categories(all_levels=True)] == ["Air", "Water", "Drains", "Wells"]


def test_create_category_with_clocks_and_history():
    category = cc.create_category("  Blasting ", acknowledge_days=1, resolve_days=10, skip_weekends=True)
    assert (category.name, category.acknowledge_days, category.resolve_days, category.skip_weekends) == (
        "Blasting", 1, 10, True)
    assert history.for_entity("concern_category", category.id)[0].action == "create"


def test_a_subcategory_takes_its_parents_clocks_unless_given_its_own():
    safety = cc.create_category("Safety", acknowledge_days=1, resolve_days=14, skip_weekends=True)
    inherits = cc.create_category("Road safety", parent=safety.id)
    own = cc.create_category("Site security", parent=safety.id, resolve_days=5)
    assert (inherits.acknowledge_days, inherits.resolve_days, inherits.skip_weekends) == (1, 14, True)
    assert (own.acknowledge_days, own.resolve_days) == (1, 5)


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(name="  "), "name", "needs a name"),
    (dict(name="Noise"), "name", "already a category called Noise"),
    (dict(name="NOISE"), "name", "already a category called NOISE"),
    (dict(name="Dust", acknowledge_days=-1), "acknowledge_days", "between 0 and 365"),
    (dict(name="Dust", resolve_days=1.5), "resolve_days", "whole number"),
    (dict(name="Dust", acknowledge_days=10, resolve_days=5), "resolve_days", "fewer than days to acknowledge"),
    (dict(name="Dust", skip_weekends="no"), "skip_weekends", "yes or no"),
    (dict(name="Dust", parent=999), "parent", "no longer exists"),
])
def test_create_category_refuses_bad_values(kwargs, field, words):
    cc.create_category("Noise")
    with pytest.raises(ValidationError) as caught:
        cc.create_category(**kwargs)
    assert caught.value.field == field and words in caught.value.message


def test_subcategories_are_one_level_deep_and_names_unique_per_parent():
    noise = cc.create_category("Noise")
    night = cc.create_category("Night", parent=noise)
    with pytest.raises(ValidationError, match="Night is itself a subcategory"):
        cc.create_category("Late night", parent=night)
    with pytest.raises(ValidationError, match="already a category called night under Noise"):
        cc.create_category("night", parent=noise)
    assert cc.create_category("Night").parent is None  # same name, other level


def test_update_category_and_subcategories_that_followed_it():
    noise = cc.create_category("Noise")
    follows = cc.create_category("Vibration", parent=noise)
    own = cc.create_category("Night works", parent=noise, acknowledge_days=1)
    cc.update_category(noise.id, name="Noise & vibration", acknowledge_days=3, skip_weekends=True)
    noise, follows, own = (ConcernCategory.get_by_id(c.id) for c in (noise, follows, own))
    assert (noise.name, noise.acknowledge_days, noise.resolve_days, noise.skip_weekends) == (
        "Noise & vibration", 3, 30, True)
    assert (follows.acknowledge_days, follows.skip_weekends) == (3, True)
    assert (own.acknowledge_days, own.skip_weekends) == (1, False)
    fields = {h.field for h in history.for_entity("concern_category", noise.id)}
    assert {"name", "acknowledge_days", "skip_weekends"} <= fields


def test_update_category_refusals():
    noise, dust = cc.create_category("Noise"), cc.create_category("Dust")
    cc.create_category("Vibration", parent=noise)
    with pytest.raises(ValidationError, match="cannot be its own parent"):
        cc.update_category(dust.id, parent=dust.id)
    with pytest.raises(ValidationError, match="Noise has subcategories"):
        cc.update_category(noise.id, parent=dust.id)
    with pytest.raises(ValidationError, match="already a category called dust"):
        cc.update_category(noise.id, name="dust")
    with pytest.raises(NotFound, match="Concern category #99"):
        cc.update_category(99, name="x")


def test_changing_a_category_keeps_the_due_dates_already_given():
    category = cc.create_category("Noise")
    concern = make(category_id=category.id)
    cc.update_category(category.id, acknowledge_days=1)
    assert concerns.get(concern.id).acknowledge_due == concern.acknowledge_due


def test_a_category_in_use_cannot_be_deleted():
    noise = cc.create_category("Noise")
    vibration = cc.create_category("Vibration", parent=noise)
    concern = make(subcategory_id=vibration.id)
    with pytest.raises(ValidationError, match="1 concern uses Noise; move it to another category"):
        cc.delete_category(noise.id)
    concerns.delete(concern.id)
    cc.delete_category(noise.id)
    assert ConcernCategory.select().count() == 0


# --- due dates --------------------------------------------------------------------

def test_weekends_count_by_default():
    category = cc.create_category("Dust", acknowledge_days=2, resolve_days=10)
    concern = make(category_id=category.id)
    assert concern.acknowledge_due == datetime(2026, 3, 8, 10, 0)  # Sunday
    assert concern.resolution_target == datetime(2026, 3, 16, 10, 0)


def test_weekends_are_skipped_when_the_category_says_so():
    category = cc.create_category("Dust", acknowledge_days=2, resolve_days=10, skip_weekends=True)
    concern = make(category_id=category.id)
    assert concern.acknowledge_due == datetime(2026, 3, 10, 10, 0)  # Friday + 2 working days = Tuesday
    assert concern.resolution_target == datetime(2026, 3, 20, 10, 0)  # two working weeks


def test_a_concern_received_at_the_weekend_is_due_from_monday():
    category = cc.create_category("Dust", acknowledge_days=1, resolve_days=5, skip_weekends=True)
    concern = make(category_id=category.id, received_at=datetime(2026, 3, 7, 15, 0))  # Saturday
    assert concern.acknowledge_due == datetime(2026, 3, 9, 15, 0)
    assert concern.resolution_target == datetime(2026, 3, 13, 15, 0)


def test_weekends_are_judged_on_the_local_date():
    # Friday 23:30 UTC is already Saturday 08:30 in Tokyo: one working day ends on Monday there.
    category = cc.create_category("Dust", acknowledge_days=1, resolve_days=1, skip_weekends=True)
    due, _ = cc.compute_targets(datetime(2026, 3, 6, 23, 30), category, tz="Asia/Tokyo")
    assert due == datetime(2026, 3, 8, 23, 30)  # Monday 08:30 in Tokyo
    due, _ = cc.compute_targets(datetime(2026, 3, 6, 23, 30), category, tz=LONDON)
    assert due == datetime(2026, 3, 9, 23, 30)  # Friday night in London: Monday night


def test_due_times_keep_the_wall_clock_across_the_spring_change():
    # 09:00 GMT on 25 March; clocks go forward on 29 March 2026, so a week later 09:00 BST is 08:00 UTC.
    due, target = cc.compute_targets(datetime(2026, 3, 25, 9, 0), None, tz=LONDON)
    assert due == datetime(2026, 4, 1, 8, 0)
    assert target == datetime(2026, 4, 24, 8, 0)
    # The same instant counted in UTC would be an hour later on the officer's clock.
    assert cc.compute_targets(datetime(2026, 3, 25, 9, 0), None, tz="UTC")[0] == datetime(2026, 4, 1, 9, 0)


def test_due_times_keep_the_wall_clock_across_the_autumn_change():
    # 10:00 BST on 20 October is 09:00 UTC; after 25 October 10:00 GMT is 10:00 UTC.
    due, _ = cc.compute_targets(datetime(2026, 10, 20, 9, 0), None, tz=LONDON)
    assert due == datetime(2026, 10, 27, 10, 0)


def test_a_subcategory_with_its_own_clocks_governs():
    land = cc.create_category("Land", acknowledge_days=7, resolve_days=60)
    urgent = cc.create_category("Crop damage", parent=land, acknowledge_days=1, resolve_days=7)
    concern = make(subcategory_id=urgent.id)
    assert concern.acknowledge_due == FRIDAY + timedelta(days=1)
    assert concern.resolution_target == FRIDAY + timedelta(days=7)
    assert cc.governing_category(land, None) == land


@settings(max_examples=60, deadline=None)
@given(received=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)),
       days=st.integers(min_value=1, max_value=60))
def test_working_days_land_on_a_weekday_after_exactly_that_many_weekdays(received, days):
    due = cc.add_local_days(received, days, skip_weekends=True, tz="UTC")
    assert due.weekday() < 5
    weekdays = sum(1 for n in range(1, (due.date() - received.date()).days + 1)
                   if (received + timedelta(days=n)).weekday() < 5)
    assert weekdays == days
    assert due.time() == received.time()


# --- where a concern stands ---------------------------------------------------------

def test_fresh_concern_is_neither_overdue_nor_reminded():
    concern = make()  # acknowledge by 13 March, resolve by 5 April 10:00 BST (09:00 UTC)
    now = datetime(2026, 3, 9, 12, 0)
    state = cc.clocks(concern, now, tz=LONDON)
    assert state == cc.ConcernClocks(days_open=3, acknowledge_overdue=False, resolution_overdue=False,
                                     overdue=False, days_to_target=27, interim_reminder=False,
                                     acknowledged_on_time=None, closed_on_time=None)


def test_acknowledgement_overdue_then_acknowledged_late():
    concern = make()
    state = cc.clocks(concern, datetime(2026, 3, 14, 0, 0), tz=LONDON)
    assert state.acknowledge_overdue and state.overdue and not state.resolution_overdue
    late = concerns.acknowledge(concern.id, how="email", at=datetime(2026, 3, 14, 9, 0))
    state = cc.clocks(late, datetime(2026, 3, 15), tz=LONDON)
    assert (state.acknowledge_overdue, state.overdue, state.acknowledged_on_time) == (False, False, False)


def test_acknowledged_on_time():
    concern = concerns.acknowledge(make().id, how="phone", at=datetime(2026, 3, 13, 10, 0))  # on the minute
    assert cc.clocks(concern, datetime(2026, 3, 20)).acknowledged_on_time is True


def test_interim_reminder_in_the_last_days_before_the_target():
    concern = concerns.acknowledge(make().id, how="phone", at=datetime(2026, 3, 7))
    target = concern.resolution_target
    assert target == datetime(2026, 4, 5, 9, 0)
    six_days_before = cc.clocks(concern, target - timedelta(days=6), tz=LONDON)
    assert not six_days_before.interim_reminder and six_days_before.days_to_target == 6
    five_days_before = cc.clocks(concern, target - timedelta(days=cc.INTERIM_REMINDER_DAYS), tz=LONDON)
    assert five_days_before.interim_reminder and five_days_before.days_to_target == 5
    on_the_hour = cc.clocks(concern, target, tz=LONDON)
    assert on_the_hour.interim_reminder and not on_the_hour.overdue
    after = cc.clocks(concern, target + timedelta(minutes=1), tz=LONDON)
    assert after.resolution_overdue and after.overdue and not after.interim_reminder


def test_past_the_target_counts_down_below_zero():
    concern = make()
    state = cc.clocks(concern, datetime(2026, 4, 8, 12, 0), tz=LONDON)
    assert state.days_to_target == -3 and state.resolution_overdue
    assert state.days_open == 33


def test_closed_on_time_and_late_and_the_count_stops_at_closure():
    on_time = make()
    concerns.close_unresolved(on_time.id, "Withdrew")
    on_time = concerns.get(on_time.id)
    on_time.closed_at = datetime(2026, 3, 20, 10, 0)
    state = cc.clocks(on_time, datetime(2026, 12, 1), tz=LONDON)
    assert (state.closed_on_time, state.days_open, state.days_to_target) == (True, 14, None)
    assert not state.overdue and not state.interim_reminder and state.acknowledged_on_time is None
    on_time.closed_at = datetime(2026, 4, 6, 10, 0)
    assert cc.clocks(on_time, tz=LONDON).closed_on_time is False


def test_a_closed_concern_is_never_overdue():
    concern = make()
    concerns.close_unresolved(concern.id, "Withdrew")
    state = cc.clocks(concerns.get(concern.id), datetime(2027, 1, 1))
    assert not (state.acknowledge_overdue or state.resolution_overdue or state.overdue)
    assert state.closed_on_time is False  # closed today, long after the target


def test_clocks_and_the_overdue_filter_agree():
    concern = make()
    for now in (datetime(2026, 3, 13, 9, 59), datetime(2026, 3, 13, 10, 1), datetime(2026, 4, 6)):
        in_filter = concerns.count(concerns.ConcernFilter(overdue_only=True), now=now) == 1
        assert cc.clocks(concern, now).overdue == in_filter
