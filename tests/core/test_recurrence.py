from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from commrel import recurrence
from commrel.errors import ValidationError
from commrel.recurrence import RecurrenceSpec


def test_fortnightly_tuesdays_six_times_reads_as_people_say_it():
    rule = recurrence.build(RecurrenceSpec("weekly", interval=2, count=6, weekdays=(1,)))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6"
    assert recurrence.describe(rule) == "Every 2 weeks on Tue, 6 times"
    assert recurrence.parse(rule) == RecurrenceSpec("weekly", interval=2, count=6, weekdays=(1,))


def test_first_tuesday_of_every_month():
    rule = recurrence.build(RecurrenceSpec("monthly", weekdays=(1,), month_week=1))
    assert rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert recurrence.describe(rule) == "Every month on the first Tue"
    starts = recurrence.expand(rule, datetime(2024, 1, 2, 19), datetime(2024, 1, 1), datetime(2024, 4, 1))
    assert [s.date() for s in starts] == [date(2024, 1, 2), date(2024, 2, 6), date(2024, 3, 5)]


def test_other_descriptions():
    assert recurrence.describe("") == "Does not repeat"
    assert recurrence.describe("FREQ=DAILY") == "Every day"
    assert recurrence.describe("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=1") == "Every week on Mon, Wed, once"
    assert recurrence.describe("FREQ=MONTHLY;BYDAY=-1FR") == "Every month on the last Fri"
    assert recurrence.describe("RRULE:freq=yearly;interval=2") == "Every 2 years"


def test_until_date_survives_storing_a_timed_rule_as_utc():
    # 23:59:59 on 1 March in New York is already 2 March in UTC.
    stored = recurrence.normalise("FREQ=WEEKLY;UNTIL=20240301", all_day=False, tz="America/New_York")
    assert stored == "FREQ=WEEKLY;UNTIL=20240302T045959Z"
    assert recurrence.describe(stored, "America/New_York") == "Every week, until 1 Mar 2024"
    assert recurrence.parse(stored, "America/New_York").until == date(2024, 3, 1)
    assert recurrence.normalise(stored, all_day=True, tz="America/New_York") == "FREQ=WEEKLY;UNTIL=20240301"


def test_until_includes_an_occurrence_on_the_last_day():
    starts = recurrence.expand("FREQ=WEEKLY;UNTIL=20240305", datetime(2024, 2, 20, 19),
                               datetime(2024, 1, 1), datetime(2024, 12, 31))
    assert [s.day for s in starts] == [20, 27, 5]


def test_expansion_is_in_wall_time_across_a_clock_change():
    starts = recurrence.expand("FREQ=WEEKLY", datetime(2024, 3, 19, 19), datetime(2024, 3, 1),
                               datetime(2024, 4, 10), tz="Europe/London")
    assert [s.hour for s in starts] == [19, 19, 19, 19]


@pytest.mark.parametrize("rule, words", [
    ("FREQ=FORTNIGHTLY", "daily, weekly, monthly or yearly"),
    ("FREQ=HOURLY", "daily, weekly, monthly or yearly"),
    ("INTERVAL=2", "no frequency"),
    ("every tuesday", "not a rule part"),
    ("FREQ=WEEKLY;INTERVAL=0", "1 or more"),
    ("FREQ=WEEKLY;COUNT=x", "1 or more"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20240101", "not both"),
    ("FREQ=WEEKLY;UNTIL=1st March", "not a date"),
    ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
    ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR"),
])
def test_invalid_rules_are_refused_with_a_message(rule, words):
    with pytest.raises(ValidationError) as raised:
        recurrence.validate(rule)
    assert raised.value.field == "rrule"
    assert words in raised.value.message


def test_valid_and_empty_rules_pass():
    recurrence.validate("")
    recurrence.validate("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12")


def test_the_dialog_cannot_ask_for_both_an_end_date_and_a_count():
    with pytest.raises(ValidationError) as raised:
        recurrence.build(RecurrenceSpec("weekly", count=3, until=date(2024, 5, 1)))
    assert raised.value.field == "until"
    with pytest.raises(ValidationError):
        recurrence.build(RecurrenceSpec("weekly", interval=0))


def test_rules_beyond_the_dialog_are_not_parsed_but_still_described():
    assert recurrence.parse("FREQ=MONTHLY;BYMONTHDAY=15") is None
    assert recurrence.describe("FREQ=MONTHLY;BYMONTHDAY=15") == "Every month on day 15"
    assert recurrence.parse("") is None


specs = st.builds(
    RecurrenceSpec,
    freq=st.sampled_from(["daily", "weekly"]),
    interval=st.integers(1, 12),
    until=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
    count=st.none(),
    weekdays=st.just(()),
) | st.builds(
    RecurrenceSpec,
    freq=st.just("weekly"),
    interval=st.integers(1, 4),
    until=st.none(),
    count=st.one_of(st.none(), st.integers(1, 500)),
    weekdays=st.lists(st.integers(0, 6), min_size=1, unique=True).map(lambda d: tuple(sorted(d))),
)


@given(specs)
def test_what_the_dialog_builds_it_reads_back(spec):
    assert recurrence.parse(recurrence.build(spec), "UTC") == spec


# --- how far a series can reach, told without expanding it ------------------------

rules_with_an_end = st.one_of(
    st.builds(lambda n, every: f"FREQ=DAILY;INTERVAL={every};COUNT={n}", st.integers(1, 60), st.integers(1, 5)),
    st.builds(lambda n, every, days: f"FREQ=WEEKLY;INTERVAL={every};BYDAY={','.join(days)};COUNT={n}",
              st.integers(1, 60), st.integers(1, 4),
              st.lists(st.sampled_from(recurrence.WEEKDAY_CODES), min_size=1, max_size=7, unique=True)),
    st.builds(lambda n, every, nth, day: f"FREQ=MONTHLY;INTERVAL={every};BYDAY={nth}{day};COUNT={n}",
              st.integers(1, 30), st.integers(1, 3), st.sampled_from(["1", "2", "3", "4", "-1", ""]),
              st.sampled_from(recurrence.WEEKDAY_CODES)),
    st.builds(lambda n: f"FREQ=MONTHLY;COUNT={n}", st.integers(1, 30)),
    st.builds(lambda n: f"FREQ=YEARLY;COUNT={n}", st.integers(1, 10)),
    st.builds(lambda day: f"FREQ=WEEKLY;UNTIL={day:%Y%m%d}", st.dates(date(2024, 1, 1), date(2027, 1, 1))),
)


@given(rules_with_an_end, st.datetimes(datetime(2024, 1, 1), datetime(2026, 12, 31)))
def test_no_occurrence_starts_after_the_bound(rule, start):
    bound = recurrence.last_start_bound(rule, start, tz="Europe/London")
    starts = recurrence.expand(rule, start, start, datetime(2200, 1, 1), tz="Europe/London")
    assert bound is None or all(s <= bound for s in starts)


def test_bounds_come_from_until_or_count():
    start = datetime(2024, 3, 5, 19)
    assert recurrence.last_start_bound("FREQ=WEEKLY;UNTIL=20240402", start) == datetime(2024, 4, 2, 23, 59, 59)
    # Six weeks, and a spare week for a first week that might hold no occurrence.
    assert recurrence.last_start_bound("FREQ=WEEKLY;COUNT=6", start) == datetime(2024, 4, 23, 19)
    assert recurrence.last_start_bound("FREQ=MONTHLY;BYDAY=1TU;COUNT=3", start) == start + 4 * timedelta(days=31)


@pytest.mark.parametrize("rule, start", [
    ("FREQ=WEEKLY", datetime(2024, 3, 5)),  # for ever
    ("FREQ=MONTHLY;COUNT=3", datetime(2024, 1, 31)),  # skips the months without a 31st
    ("FREQ=YEARLY;COUNT=3", datetime(2024, 2, 29)),  # leap days only
    ("FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3", datetime(2024, 1, 30)),
    ("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1;COUNT=3", datetime(2024, 1, 1)),
    ("FREQ=DAILY;BYDAY=MO;COUNT=3", datetime(2024, 1, 1)),
])
def test_no_bound_where_periods_can_pass_without_an_occurrence(rule, start):
    assert recurrence.last_start_bound(rule, start) is None
