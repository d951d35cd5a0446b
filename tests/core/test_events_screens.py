"""What the event screens ask of the services: sorting by replies, tags in use, counts of many events, a dry run
of an invitation."""
from datetime import datetime

from commrel.models import EventParticipant, Stakeholder
from commrel.services import event_participants as ep
from commrel.services import events
from commrel.services.event_participants import InviteFilter, InviteResult


def _event(title, day, **fields):
    return events.create(title=title, starts_at=datetime(2024, 3, day, 19), timezone="Europe/London", **fields)


def _people(n, **fields):
    return [Stakeholder.create(given_name=f"Pat{i}", family_name="Lee", display_name=f"Pat{i} Lee",
                               sort_name=f"lee pat{i}", **fields) for i in range(n)]


def test_the_list_sorts_by_invited_accepted_and_attended_in_sql():
    _event("Quiet", 5)
    busy, middling = _event("Busy", 6), _event("Middling", 7)
    people = _people(4)
    ep.invite(busy.id, [p.id for p in people])
    ep.invite(middling.id, [p.id for p in people[:2]])
    for p in people[:2]:
        ep.set_rsvp(busy.id, p.id, "accepted")
    ep.set_rsvp(middling.id, people[0].id, "accepted")
    ep.check_in(middling.id, people[1].id)  # came without answering
    titles = lambda sort, descending=False: [e.title for e in events.list_events(sort=sort, descending=descending)]
    assert titles("invited", True) == ["Busy", "Middling", "Quiet"]
    assert titles("accepted") == ["Quiet", "Middling", "Busy"]
    assert titles("attended", True) == ["Middling", "Busy", "Quiet"]


def test_counts_of_many_events_match_one_at_a_time():
    a, b, empty = _event("A", 5), _event("B", 6), _event("C", 7)
    people = _people(3)
    ep.invite(a.id, [p.id for p in people])
    ep.set_rsvp(a.id, people[0].id, "declined")
    ep.invite(b.id, [people[2].id])
    ep.check_in(b.id, people[2].id)
    many = ep.counts_for([a.id, b.id, empty.id])
    assert many[a.id] == ep.counts(a.id) and many[b.id] == ep.counts(b.id)
    assert empty.id not in many and ep.counts(empty.id)["invited"] == 0
    assert many[b.id]["attended"] == 1 and many[a.id]["declined"] == 1


def test_a_dry_run_of_an_invitation_counts_without_writing():
    event = _event("Riverside forum", 5)
    _people(3, neighbourhood="Riverside")
    _people(1, neighbourhood="Riverside", do_not_contact=True)
    f = InviteFilter(neighbourhoods=("Riverside",))
    assert ep.preview(event.id, filter=f) == InviteResult(added=3, excluded_do_not_contact=1)
    assert EventParticipant.select().count() == 0
    assert ep.invite(event.id, filter=f) == InviteResult(added=3, excluded_do_not_contact=1)
    assert ep.preview(event.id, filter=f) == InviteResult(already_invited=3, excluded_do_not_contact=1)


def test_tags_in_use_are_listed_once_whatever_the_case():
    _event("A", 5, tags=["Harbour", "youth"])
    _event("B", 6, tags=["harbour", "Schools"])
    _event("C", 7)
    assert events.all_tags() == ["Harbour", "Schools", "youth"]
