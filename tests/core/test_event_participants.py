from datetime import datetime

import pytest

from commrel import search
from commrel.errors import NotFound, TransitionRefused, ValidationError
from commrel.models import (EventParticipant, Interaction, InteractionParticipant, Membership,
                            Stakeholder, StakeholderTag, Tag)
from commrel.services import event_participants as ep
from commrel.services import events
from commrel.services.event_participants import InviteFilter, InviteResult


def _event(**overrides):
    values = dict(title="Riverside public meeting", starts_at=datetime(2024, 3, 5, 19),
                  ends_at=datetime(2024, 3, 5, 21), timezone="Europe/London", venue="Town Hall")
    values.update(overrides)
    return events.create(**values)


def _person(name, **fields):
    given, family = name.split()
    return Stakeholder.create(given_name=given, family_name=family, display_name=name,
                              sort_name=f"{family} {given}".lower(), **fields)


def _tag(person, name):
    tag, _ = Tag.get_or_create(name=name)
    StakeholderTag.create(stakeholder=person, tag=tag)


# Inviting

def test_inviting_a_neighbourhood_leaves_out_do_not_contact_and_archived_people():
    event = _event()
    for i in range(5):
        _person(f"Res{i} Riverside", neighbourhood="Riverside")
    _person("Dee Nocontact", neighbourhood="Riverside", do_not_contact=True)
    _person("Dan Nocontact", neighbourhood="riverside", do_not_contact=True)
    _person("Old Archived", neighbourhood="Riverside", archived=True)
    _person("Hill Person", neighbourhood="Hilltop")

    result = ep.invite(event.id, filter=InviteFilter(neighbourhoods=("Riverside",)))

    assert result == InviteResult(added=5, excluded_do_not_contact=2, excluded_archived=1)
    assert result.message() == "Invited 5. Left out 2 marked do-not-contact and 1 archived."
    assert ep.counts(event.id)["invited"] == 5
    again = ep.invite(event.id, filter=InviteFilter(neighbourhoods=("Riverside",)))
    assert (again.added, again.already_invited) == (0, 5)
    assert again.message().startswith("Invited 0. 5 were already invited.")


def test_the_message_people_read():
    assert InviteResult(added=42, excluded_do_not_contact=3).message() == \
        "Invited 42. Left out 3 marked do-not-contact."
    assert InviteResult(added=1, already_invited=1, excluded_archived=2, excluded_no_consent=4).message() == \
        "Invited 1. 1 was already invited. Left out 2 archived and 4 without recorded consent."


def test_filters_combine_types_tags_and_organisations():
    event = _event()
    club = Stakeholder.create(kind="organisation", type="civic_group", display_name="Rowing Club",
                              sort_name="rowing club")
    member = _person("Mia Member")
    Membership.create(person=member, organisation=club)
    youth_resident = _person("Yan Young")
    _tag(youth_resident, "Youth")
    youth_business = _person("Bea Business", type="business")
    _tag(youth_business, "youth")

    assert ep.invite(event.id, filter=InviteFilter(organisation_id=club.id)).added == 1
    assert ep.invite(event.id, filter=InviteFilter(types=("resident",), tags=("youth",))).added == 1
    names = [p.display_name for p in ep.participants(event.id)]
    assert names == ["Mia Member", "Yan Young"]


def test_an_empty_filter_does_not_invite_everyone():
    with pytest.raises(ValidationError) as raised:
        ep.invite(_event().id, filter=InviteFilter())
    assert raised.value.field == "filter"


def test_people_picked_by_hand_and_consent_when_required():
    event = _event()
    agreed = _person("Ann Agreed", consent=True)
    silent = _person("Sid Silent")
    result = ep.invite(event.id, [agreed.id, silent.id, agreed.id], require_consent=True, role="speaker")
    assert (result.added, result.excluded_no_consent) == (1, 1)
    assert [(p.display_name, p.role, p.rsvp) for p in ep.participants(event.id)] == [
        ("Ann Agreed", "speaker", "invited")]


def test_a_large_invitation_goes_in_one_go():
    event = _event()
    Stakeholder.insert_many([dict(display_name=f"P{i}", sort_name=f"p{i:04}", type="resident",
                                  do_not_contact=(i % 100 == 0)) for i in range(1200)]).execute()
    result = ep.invite(event.id, filter=InviteFilter(types=("resident",)))
    assert (result.added, result.excluded_do_not_contact) == (1188, 12)


# Replies and the list

def test_replies_are_counted():
    event = _event()
    people = [_person(n) for n in ("Ann Lee", "Bob Ray", "Cat Moss", "Dan Hart", "Eve Stone")]
    ep.invite(event.id, [p.id for p in people])
    ep.set_rsvp(event.id, people[0].id, "accepted")
    ep.set_rsvp(event.id, people[1].id, "accepted")
    ep.set_rsvp(event.id, people[2].id, "declined")
    ep.set_rsvp(event.id, people[3].id, "tentative")
    ep.set_attended(event.id, people[0].id)
    assert ep.counts(event.id) == {"invited": 5, "accepted": 2, "declined": 1, "tentative": 1,
                                   "no_reply": 1, "attended": 1}
    with pytest.raises(ValidationError):
        ep.set_rsvp(event.id, people[0].id, "perhaps")
    with pytest.raises(NotFound):
        ep.set_rsvp(event.id, _person("Not Invited").id, "accepted")


def test_the_list_is_sorted_by_name_and_searchable():
    event = _event()
    people = [_person(n, email=f"{n.split()[0].lower()}@example.org") for n in ("Zoe Adams", "Ann Young")]
    search.reindex("stakeholder")
    ep.invite(event.id, [p.id for p in people])
    assert [p.display_name for p in ep.participants(event.id)] == ["Zoe Adams", "Ann Young"]
    assert [p.display_name for p in ep.participants(event.id, "ann")] == ["Ann Young"]
    ep.set_role(event.id, people[0].id, "partner")
    assert ep.participants(event.id)[0].role == "partner"
    assert ep.remove_participant(event.id, people[0].id)
    assert not ep.remove_participant(event.id, people[0].id)


# On the day

def test_checking_in_someone_who_was_not_invited_adds_them():
    event = _event()
    guest = _person("Gil Guest")
    row = ep.check_in(event.id, guest.id)
    assert row.attended and row.checked_in_at is not None and row.rsvp == "accepted"
    first = row.checked_in_at
    assert ep.check_in(event.id, guest.id).checked_in_at == first
    assert ep.counts(event.id)["attended"] == 1


def test_a_walk_in_becomes_a_resident_who_is_checked_in():
    event = _event()
    person = ep.add_walk_in(event.id, given_name="  Wendy ", family_name="Walker", email="wendy@example.org",
                            neighbourhood="Riverside")
    assert (person.display_name, person.sort_name, person.kind, person.type) == \
        ("Wendy Walker", "walker wendy", "person", "resident")
    assert person.neighbourhood == "Riverside" and not person.consent
    [row] = ep.participants(event.id, "wendy")
    assert row.attended and row.checked_in_at is not None
    with pytest.raises(ValidationError) as raised:
        ep.add_walk_in(event.id, given_name=" ")
    assert raised.value.field == "given_name"


def test_marking_held_logs_each_attendee_once():
    event = _event()
    came = [_person("Ann Lee"), _person("Bob Ray")]
    stayed_home = _person("Cat Moss")
    recent = datetime(2024, 6, 1, 12)
    Stakeholder.update(last_contacted_at=recent).where(Stakeholder.id == came[1].id).execute()
    ep.invite(event.id, [p.id for p in came + [stayed_home]])
    for person in came:
        ep.check_in(event.id, person.id)

    assert ep.mark_held(event.id) == 2
    held = events.get(event.id)
    assert held.status == "held" and held.sequence == event.sequence + 1
    logged = list(Interaction.select().where(Interaction.event == event.id))
    assert {(i.channel, i.summary, i.occurred_at) for i in logged} == {
        ("event", "Attended Riverside public meeting", datetime(2024, 3, 5, 19))}
    people = {link.stakeholder_id for link in InteractionParticipant.select()}
    assert people == {came[0].id, came[1].id}
    assert Stakeholder.get_by_id(came[0].id).last_contacted_at == datetime(2024, 3, 5, 19)
    assert Stakeholder.get_by_id(came[1].id).last_contacted_at == recent  # never moved back
    assert Stakeholder.get_by_id(stayed_home.id).last_contacted_at is None

    assert ep.mark_held(event.id) == 0
    assert events.get(event.id).sequence == held.sequence
    ep.check_in(event.id, stayed_home.id)  # signed the sheet late
    assert ep.mark_held(event.id) == 1
    assert Interaction.select().count() == 3


def test_a_cancelled_event_cannot_be_marked_held():
    event = _event(status="cancelled")
    with pytest.raises(TransitionRefused):
        ep.mark_held(event.id)
    assert events.get(event.id).status == "cancelled"


def test_unattending_clears_the_check_in_time():
    event = _event()
    person = _person("Ann Lee")
    ep.check_in(event.id, person.id)
    row = ep.set_attended(event.id, person.id, attended=False)
    assert not row.attended and row.checked_in_at is None
    assert EventParticipant.select().count() == 1
