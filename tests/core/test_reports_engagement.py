"""Engagement figures against a hand-built register whose answers were counted by hand.

Period: the first quarter of 2026, read in UTC.

  who  type      neighbourhood  tags   note
  Ann  resident  Riverside      noise
  Bob  resident  Riverside
  Cat  business  Hilltop        noise
  Dan  resident  Hilltop
  Eve  ngo       Millbank
  Fay  resident  Millbank              archived
  Gus  resident  (none)

  #  when (UTC)         channel     with
  1  2025-12-20 10:00   call        Dan        before the period
  2  2026-01-05 10:00   meeting     Ann, Bob
  3  2026-01-20 10:00   email       Ann
  4  2026-02-10 10:00   call        Cat
  5  2026-03-31 23:30   email       Gus        the last half hour of the period
  6  2026-04-01 00:00   call        Bob        the first moment after it
  7  2026-03-15 10:00   door_knock  Fay        (archived later)
  8  2026-05-01 10:00   meeting     Eve        after the period

  event              starts (UTC)        status     Ann            Bob       Cat            Dan       Eve
  Riverside drop-in  2026-02-14 18:00    held       accepted+came  accepted  declined       came
  Hilltop walk       2026-03-03 10:00    held       accepted+came            accepted+came
  Quiet meeting      2026-03-10 18:00    cancelled  accepted
  Spring fair        2026-04-10 10:00    planned    accepted
  Millbank fete      2026-01-31 all day  held                                                        accepted
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from commrel.models import Concern, Event, EventParticipant
from commrel.reports.engagement import engagement_figures, month_starts, period_range
from commrel.services import engagement, stakeholders

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def register():
    people = {}
    for name, type_, hood, tags in (("Ann", "resident", "Riverside", ["noise"]),
                                    ("Bob", "resident", "Riverside", []),
                                    ("Cat", "business", "Hilltop", ["noise"]),
                                    ("Dan", "resident", "Hilltop", []),
                                    ("Eve", "ngo", "Millbank", []),
                                    ("Fay", "resident", "Millbank", []),
                                    ("Gus", "resident", "", [])):
        people[name] = stakeholders.create(given_name=name, family_name="Test", type=type_,
                                           neighbourhood=hood, tags=tags).id
    for when, channel, names in (("2025-12-20 10:00", "call", ["Dan"]),
                                 ("2026-01-05 10:00", "meeting", ["Ann", "Bob"]),
                                 ("2026-01-20 10:00", "email", ["Ann"]),
                                 ("2026-02-10 10:00", "call", ["Cat"]),
                                 ("2026-03-31 23:30", "email", ["Gus"]),
                                 ("2026-04-01 00:00", "call", ["Bob"]),
                                 ("2026-03-15 10:00", "door_knock", ["Fay"]),
                                 ("2026-05-01 10:00", "meeting", ["Eve"])):
        engagement.log_interaction([people[n] for n in names], channel=channel,
                                   occurred_at=datetime.fromisoformat(when))
    stakeholders.archive([people["Fay"]])
    events = {}
    for title, start, status, all_day in (("Riverside drop-in", "2026-02-14 18:00", "held", False),
                                          ("Hilltop walk", "2026-03-03 10:00", "held", False),
                                          ("Quiet meeting", "2026-03-10 18:00", "cancelled", False),
                                          ("Spring fair", "2026-04-10 10:00", "planned", False),
                                          ("Millbank fete", "2026-01-31 00:00", "held", True)):
        starts = datetime.fromisoformat(start)
        events[title] = Event.create(uid=title, title=title, starts_at=starts, ends_at=starts, status=status,
                                     all_day=all_day, venue=f"{title} venue", timezone="UTC").id
    for title, name, rsvp, came in (("Riverside drop-in", "Ann", "accepted", True),
                                    ("Riverside drop-in", "Bob", "accepted", False),
                                    ("Riverside drop-in", "Cat", "declined", False),
                                    ("Riverside drop-in", "Dan", "invited", True),
                                    ("Hilltop walk", "Ann", "accepted", True),
                                    ("Hilltop walk", "Cat", "accepted", True),
                                    ("Quiet meeting", "Ann", "accepted", False),
                                    ("Spring fair", "Ann", "accepted", False),
                                    ("Millbank fete", "Eve", "accepted", False)):
        EventParticipant.create(event=events[title], stakeholder=people[name], rsvp=rsvp, attended=came)
    return people, events


def shares(rows):
    return {s.key: (s.engaged, s.total) for s in rows}


def test_interactions_per_month_by_channel(register):
    f = engagement_figures(*Q1, tz="UTC", concerns=False)
    assert f.months == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert f.interactions == {"meeting": [1, 0, 0], "call": [0, 1, 0], "email": [1, 0, 1],
                              "door_knock": [0, 0, 1]}
    assert f.interactions_total == 5


def test_engaged_share_of_the_register_by_type_and_neighbourhood(register):
    f = engagement_figures(*Q1, tz="UTC", concerns=False)
    assert (f.engaged, f.register) == (4, 6)
    assert f.engaged_share == pytest.approx(4 / 6)
    assert shares(f.by_type) == {"resident": (3, 4), "business": (1, 1), "ngo": (0, 1)}
    assert [s.key for s in f.by_type] == ["resident", "business", "ngo"]  # largest first
    assert shares(f.by_neighbourhood) == {"Hilltop": (1, 2), "Millbank": (0, 1), "Riverside": (2, 2), "": (1, 1)}
    assert [s.key for s in f.by_neighbourhood] == ["Hilltop", "Millbank", "Riverside", ""]


def test_neighbourhoods_with_no_engagement_are_listed(register):
    f = engagement_figures(*Q1, tz="UTC", concerns=False)
    assert [(s.key, s.total) for s in f.uncovered] == [("Millbank", 1)]


def test_events_held_with_rsvps_against_attendance(register):
    _, events = register
    f = engagement_figures(*Q1, tz="UTC", concerns=False)
    assert [(e.title, e.accepted, e.attended) for e in f.events] == [
        ("Millbank fete", 1, 0), ("Riverside drop-in", 2, 2), ("Hilltop walk", 2, 2)]
    assert f.events[0].all_day and f.events[0].id == events["Millbank fete"]
    assert (f.events_held, f.accepted, f.attended) == (3, 5, 4)
    assert f.turnout == pytest.approx(0.8)
    assert [(m.month.month, m.events, m.accepted, m.attended) for m in f.event_months] == [
        (1, 1, 1, 0), (2, 1, 2, 2), (3, 1, 2, 2)]


def test_a_tag_narrows_every_engagement_figure(register):
    f = engagement_figures(*Q1, tag="noise", tz="UTC", concerns=False)
    assert f.interactions == {"meeting": [1, 0, 0], "call": [0, 1, 0], "email": [1, 0, 0]}
    assert (f.engaged, f.register) == (2, 2)
    assert shares(f.by_type) == {"resident": (1, 1), "business": (1, 1)}
    assert [(e.title, e.accepted, e.attended) for e in f.events] == [
        ("Millbank fete", 0, 0), ("Riverside drop-in", 1, 1), ("Hilltop walk", 2, 2)]


def test_a_type_narrows_every_engagement_figure(register):
    f = engagement_figures(*Q1, type="resident", tz="UTC", concerns=False)
    # Fay's door-knock counts: she was a resident when it happened, archived or not.
    assert f.interactions_total == 4
    assert (f.engaged, f.register) == (3, 4)
    assert shares(f.by_neighbourhood) == {"Hilltop": (0, 1), "Riverside": (2, 2), "": (1, 1)}
    assert [s.key for s in f.uncovered] == ["Hilltop"]
    assert (f.accepted, f.attended) == (3, 3)


def test_an_unknown_tag_gives_empty_figures(register):
    f = engagement_figures(*Q1, tag="no such tag", tz="UTC", concerns=False)
    assert (f.interactions, f.engaged, f.register, f.accepted) == ({}, 0, 0, 0)


def test_months_follow_the_officers_wall_clock():
    ann = stakeholders.create(given_name="Ann").id
    engagement.log_interaction([ann], channel="call", occurred_at=datetime(2026, 2, 1, 3, 0))
    new_york = engagement_figures(date(2026, 1, 1), date(2026, 2, 28), tz="America/New_York", concerns=False)
    utc = engagement_figures(date(2026, 1, 1), date(2026, 2, 28), tz="UTC", concerns=False)
    assert new_york.interactions == {"call": [1, 0]}  # 31 January, 22:00 in New York
    assert utc.interactions == {"call": [0, 1]}


def test_engagement_after_the_period_does_not_hide_engagement_within_it():
    ann = stakeholders.create(given_name="Ann").id
    engagement.log_interaction([ann], channel="call", occurred_at=datetime(2026, 1, 10, 9, 0))
    engagement.log_interaction([ann], channel="call", occurred_at=datetime(2026, 6, 1, 9, 0))
    assert engagement_figures(*Q1, tz="UTC", concerns=False).engaged == 1
    assert engagement_figures(date(2026, 2, 1), date(2026, 5, 31), tz="UTC", concerns=False).engaged == 0


def test_deleting_the_only_interaction_of_the_period_unengages(register):
    people, _ = register
    gus_call = engagement.for_stakeholder(people["Gus"])[0]
    engagement.delete_interaction(gus_call.id)
    assert engagement_figures(*Q1, tz="UTC", concerns=False).engaged == 3


def test_concern_figures_come_from_the_grievance_report():
    Concern.create(reference="CR-T-1", received_at=datetime(2026, 2, 3, 9), acknowledge_due=datetime(2026, 2, 10, 9),
                   acknowledged_at=datetime(2026, 2, 4, 9), resolution_target=datetime(2026, 3, 5, 9),
                   closed_at=datetime(2026, 2, 13, 9), status="closed_resolved", summary="Dust")
    f = engagement_figures(*Q1, tz="UTC", now=datetime(2026, 4, 2))
    t = f.concerns.totals
    assert (t.received, t.closed, t.median_days_to_close) == (1, 1, 10.0)
    assert (t.acknowledged_on_time_pct, t.closed_on_time_pct) == (100.0, 100.0)
    assert [(m.month.month, m.received, m.closed) for m in f.concerns.months] == [(1, 0, 0), (2, 1, 1), (3, 0, 0)]


def test_an_empty_database_gives_zeros_and_no_division_by_zero():
    f = engagement_figures(*Q1, tz="UTC")
    assert (f.interactions_total, f.register, f.engaged, f.events_held) == (0, 0, 0, 0)
    assert f.engaged_share is None and f.turnout is None
    assert f.uncovered == [] and f.events == []


def test_named_periods_are_whole_months():
    today = date(2026, 3, 14)
    assert period_range("this_month", today) == (date(2026, 3, 1), date(2026, 3, 31))
    assert period_range("last_3_months", today) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_range("last_12_months", today) == (date(2025, 4, 1), date(2026, 3, 31))
    assert period_range("custom", today, (date(2026, 2, 9), date(2026, 1, 2))) == (date(2026, 1, 2), date(2026, 2, 9))
    with pytest.raises(ValueError):
        period_range("fortnight", today)
    assert month_starts(date(2025, 11, 15), date(2026, 1, 2)) == [date(2025, 11, 1), date(2025, 12, 1),
                                                                  date(2026, 1, 1)]


def test_an_index_on_channel_and_date_gives_the_same_monthly_counts(register):
    from commrel.models import database

    database.execute_sql("CREATE INDEX test_interaction_channel_date ON interaction (channel, occurred_at)")
    f = engagement_figures(*Q1, tz="UTC", concerns=False)
    assert f.interactions == {"meeting": [1, 0, 0], "call": [0, 1, 0], "email": [1, 0, 1], "door_knock": [0, 0, 1]}


def test_concern_figures_worked_out_alongside_are_the_same_and_see_the_latest_concern(register):
    # On a database file the concern figures are read on a second connection at the same time.
    from commrel.models import database
    from commrel.services import concerns

    concerns.intake(channel="phone", summary="Dust on the school run", received_at=datetime(2026, 2, 2, 9, 0),
                    tz="UTC")
    alongside = engagement_figures(*Q1, tz="UTC", now=datetime(2026, 4, 1))
    with database.atomic():  # inside a transaction they are worked out one after the other
        in_turn = engagement_figures(*Q1, tz="UTC", now=datetime(2026, 4, 1))
    assert alongside == in_turn
    assert alongside.concerns.totals.received == 1
