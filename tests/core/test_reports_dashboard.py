"""The "Today" column against a hand-built day: Monday 2 March 2026, 09:00 UTC.

  event          starts (UTC)         status     in this week?
  Tonight        Mon 02 Mar 18:00     planned    yes, 2 accepted
  Sunday fair    Sun 08 Mar 10:00     confirmed  yes (the week runs to Sunday night)
  Next Monday    Mon 09 Mar 10:00     planned    no
  Called off     Wed 04 Mar 18:00     cancelled  no
  Yesterday      Sun 01 Mar 10:00     held       no
  Weekly clinic  Tue 17 Feb 10:00     planned    weekly, 4 times: 17, 24 Feb, 3, 10 Mar -> 3 Mar

  follow-up     due      done   in the list?
  Send minutes  25 Feb   no     yes, overdue; with Ann and Bob
  Call back     02 Mar   no     yes, due today
  Post leaflet  03 Mar   no     no, tomorrow
  Old one       20 Feb   yes    no

  concern  ack due  acknowledged  target   status         where
  K1       07 Mar   -             30 Mar   received       awaiting acknowledgement
  K2       27 Feb   -             22 Mar   received       overdue (acknowledgement)
  K3       17 Jan   11 Jan        10 Feb   investigating  overdue (resolution)
  K4       12 Jan   06 Jan        05 Feb   closed         nowhere
  K5       08 Mar   01 Mar        31 Mar   acknowledged   nowhere
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from commrel.models import Concern, EventParticipant, Interaction
from commrel.reports.dashboard import today
from commrel.services import engagement, events, stakeholders

NOW = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def day():
    ann = stakeholders.create(given_name="Ann", family_name="Abbot").id
    bob = stakeholders.create(given_name="Bob", family_name="Brown").id
    made = {}
    for title, start, status, rule in (("Tonight", "2026-03-02 18:00", "planned", ""),
                                       ("Sunday fair", "2026-03-08 10:00", "confirmed", ""),
                                       ("Next Monday", "2026-03-09 10:00", "planned", ""),
                                       ("Called off", "2026-03-04 18:00", "cancelled", ""),
                                       ("Yesterday", "2026-03-01 10:00", "held", ""),
                                       ("Weekly clinic", "2026-02-17 10:00", "planned", "FREQ=WEEKLY;COUNT=4")):
        made[title] = events.create(title=title, starts_at=datetime.fromisoformat(start), timezone="UTC",
                                    status=status, rrule=rule, venue=f"{title} hall").id
    for person, rsvp in ((ann, "accepted"), (bob, "accepted")):
        EventParticipant.create(event=made["Tonight"], stakeholder=person, rsvp=rsvp)
    EventParticipant.create(event=made["Sunday fair"], stakeholder=ann, rsvp="declined")
    follow = {}
    for action, due, done, who in (("Send minutes", date(2026, 2, 25), False, [ann, bob]),
                                   ("Call back", date(2026, 3, 2), False, [bob]),
                                   ("Post leaflet", date(2026, 3, 3), False, [ann]),
                                   ("Old one", date(2026, 2, 20), True, [ann])):
        i = engagement.log_interaction(who, channel="call", occurred_at=datetime(2026, 2, 1, 9),
                                       follow_up=action, follow_up_due=due)
        Interaction.update(follow_up_done=done).where(Interaction.id == i.id).execute()
        follow[action] = i.id
    concerns = {}
    for ref, ack_due, acked, target, status in (
            ("K1", "2026-03-07", None, "2026-03-30", "received"),
            ("K2", "2026-02-27", None, "2026-03-22", "received"),
            ("K3", "2026-01-17", "2026-01-11", "2026-02-10", "investigating"),
            ("K4", "2026-01-12", "2026-01-06", "2026-02-05", "closed_resolved"),
            ("K5", "2026-03-08", "2026-03-01", "2026-03-31", "acknowledged")):
        concerns[ref] = Concern.create(
            reference=ref, summary=f"Concern {ref}", received_at=datetime(2026, 1, 1, 9),
            acknowledge_due=datetime.fromisoformat(ack_due + " 09:00"),
            acknowledged_at=datetime.fromisoformat(acked + " 09:00") if acked else None,
            resolution_target=datetime.fromisoformat(target + " 09:00"), status=status).id
    return {"ann": ann, "bob": bob, "events": made, "follow": follow, "concerns": concerns}


def test_events_of_the_coming_week_with_accepted_rsvps(day):
    t = today(NOW, tz="UTC")
    assert [(e.title, e.start.strftime("%d %H:%M"), e.accepted) for e in t.events] == [
        ("Tonight", "02 18:00", 2), ("Weekly clinic", "03 10:00", 0), ("Sunday fair", "08 10:00", 0)]
    assert [(e.kind, e.id) for e in t.events] == [("event", day["events"]["Tonight"]),
                                                   ("event", day["events"]["Weekly clinic"]),
                                                   ("event", day["events"]["Sunday fair"])]
    assert t.events[0].venue == "Tonight hall"


def test_follow_ups_due_today_or_overdue_open_the_first_stakeholder(day):
    t = today(NOW, tz="UTC")
    assert [(f.action, f.overdue) for f in t.follow_ups] == [("Send minutes", True), ("Call back", False)]
    assert t.follow_ups_total == 2
    first = t.follow_ups[0]
    assert (first.kind, first.id, first.interaction_id) == ("stakeholder", day["ann"], day["follow"]["Send minutes"])
    assert first.stakeholders == "Ann Abbot, Bob Brown"
    assert (t.follow_ups[1].kind, t.follow_ups[1].id) == ("stakeholder", day["bob"])


def test_concerns_awaiting_acknowledgement_and_overdue(day):
    t = today(NOW, tz="UTC")
    k = day["concerns"]
    assert [(c.kind, c.id, c.reference, c.overdue) for c in t.awaiting_acknowledgement] == [
        ("concern", k["K1"], "K1", False)]
    assert t.awaiting_total == 1
    assert [(c.reference, c.late_on, c.due.date()) for c in t.overdue] == [
        ("K3", "resolution", date(2026, 2, 10)), ("K2", "acknowledgement", date(2026, 2, 27))]
    assert t.overdue_total == 2
    assert t.overdue[0].summary == "Concern K3"


def test_lists_are_capped_but_totals_are_not(day):
    t = today(NOW, tz="UTC", limit=1)
    assert len(t.events) == len(t.follow_ups) == len(t.overdue) == 1
    assert (t.events_total, t.follow_ups_total, t.overdue_total) == (3, 2, 2)


def test_the_day_is_read_on_the_officers_clock(day):
    # 23:30 UTC on Sunday 1 March is already Monday 2 March in Auckland: "Call back" is due today.
    t = today(datetime(2026, 3, 1, 23, 30), tz="Pacific/Auckland")
    assert [f.action for f in t.follow_ups] == ["Send minutes", "Call back"]
    t = today(datetime(2026, 3, 1, 23, 30), tz="UTC")
    assert [f.action for f in t.follow_ups] == ["Send minutes"]


def test_an_empty_database_has_nothing_to_do():
    t = today(NOW, tz="UTC")
    assert t.is_empty
    assert (t.events_total, t.follow_ups_total, t.awaiting_total, t.overdue_total) == (0, 0, 0, 0)
