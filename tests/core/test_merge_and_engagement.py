from datetime import date, datetime, timedelta

import pytest

from commrel.errors import ValidationError
from commrel.services import engagement
from commrel.services import stakeholder_merge as merge
from commrel.services import stakeholder_queries as q
from commrel.services import stakeholders as svc


def test_duplicate_warning_by_email_and_close_name():
    a = svc.create(given_name="Margaret", family_name="Thompson", email="mthompson@example.org")
    found = merge.find_duplicates(name="Margret Thompson", email="")
    assert [c.id for c in found] == [a.id] and found[0].reason == "similar name"
    found = merge.find_duplicates(name="M T", email="MThompson@example.org")
    assert found[0].reason == "same email"
    assert merge.find_duplicates(name="Margaret Thompson", exclude_id=a.id) == []
    assert merge.find_duplicates(name="Peter Jones") == []


def test_the_one_record_with_a_common_first_name_and_a_common_surname_is_still_found():
    from commrel import search
    from commrel.models import Stakeholder
    from commrel.services import bulk

    # More Mohammeds and more Lees than a list of best matches for either word holds, all
    # ranked above the one Mohammed Lee, whose long notes rank it last.
    rows = [dict(given_name="Mohammed", family_name=f"Ali{n}", display_name=f"Mohammed Ali{n}") for n in range(210)]
    rows += [dict(given_name=f"Bo{n}", family_name="Lee", display_name=f"Bo{n} Lee") for n in range(210)]
    ids = bulk.insert_rows(Stakeholder, [dict(r, sort_name=r["display_name"].lower()) for r in rows])
    search.reindex("stakeholder", ids)
    target = svc.create(given_name="Mohammed", family_name="Lee", notes="Runs the corner shop. " * 40)
    assert target.id in [c.id for c in merge.find_duplicates(name="Mohammed Lee")]
    assert target.id in [c.id for c in merge.find_duplicates(name="Mohamed Lee")]


def test_merge_moves_links_and_lets_user_pick_fields():
    org = svc.create(kind="organisation", display_name="Harbour Traders")
    keep = svc.create(given_name="Sam", family_name="Lee", email="sam@example.org", phone="")
    gone = svc.create(given_name="Samuel", family_name="Lee", email="samuel@example.org", phone="07700 900123",
                      do_not_contact=True)
    svc.add_membership(gone.id, org.id, "Owner")
    svc.set_tags(gone.id, ["harbour"])
    engagement.log_interaction([gone.id], channel="call", summary="Asked about parking")
    result = merge.merge(keep.id, gone.id, {"given_name": "other"})
    assert result.given_name == "Samuel"
    assert result.email == "sam@example.org"          # survivor kept
    assert result.phone == "07700 900123"              # blank filled from the other
    assert result.do_not_contact                       # never lose a do-not-contact
    assert result.organisation_name == "Harbour Traders"
    assert svc.tags_of(keep.id) == ["harbour"]
    assert [i.summary for i in engagement.for_stakeholder(keep.id)] == ["Asked about parking"]
    assert q.count() == 2  # the organisation and the survivor
    with pytest.raises(ValidationError):
        merge.merge(keep.id, keep.id)


def test_log_interaction_updates_last_contacted_and_filters():
    a = svc.create(given_name="Ada", family_name="Ng")
    b = svc.create(given_name="Bo", family_name="Ng")
    old = datetime(2025, 1, 10, 9, 0)
    engagement.log_interaction([a.id, b.id], channel="meeting", summary="Site walk", occurred_at=old)
    engagement.log_interaction([a.id], channel="email", summary="Minutes sent")
    assert svc.get(a.id).last_contacted_at > old
    assert svc.get(b.id).last_contacted_at == old
    stale = q.ids(q.StakeholderFilter(not_contacted_days=30))
    assert stale == [b.id]
    with pytest.raises(ValidationError, match="at least one stakeholder"):
        engagement.log_interaction([], channel="call")
    with pytest.raises(ValidationError, match="Channel"):
        engagement.log_interaction([a.id], channel="pigeon")


def test_follow_ups_overdue_first_and_done_in_one_call():
    a = svc.create(given_name="Ada", family_name="Ng")
    today = date(2026, 6, 15)
    later = engagement.log_interaction([a.id], channel="call", follow_up="Send map",
                                       follow_up_due=today + timedelta(days=3))
    late = engagement.log_interaction([a.id], channel="call", follow_up="Call back",
                                      follow_up_due=today - timedelta(days=2))
    items = engagement.follow_ups(today=today)
    assert [f.action for f in items] == ["Call back", "Send map"]
    assert items[0].overdue and not items[1].overdue
    assert items[0].stakeholders == "Ada Ng"
    engagement.complete_follow_up(late.id)
    assert [f.action for f in engagement.follow_ups(today=today)] == ["Send map"]
    with pytest.raises(ValidationError, match="Say what the follow-up is"):
        engagement.log_interaction([a.id], channel="call", follow_up_due=today)


def test_timeline_lists_interactions_newest_first():
    a = svc.create(given_name="Ada", family_name="Ng")
    engagement.log_interaction([a.id], channel="call", summary="first", occurred_at=datetime(2026, 1, 1, 10))
    engagement.log_interaction([a.id], channel="letter", summary="second", occurred_at=datetime(2026, 2, 1, 10))
    entries = q.timeline(a.id)
    assert [e.detail for e in entries] == ["second", "first"]
    assert entries[0].title == "Letter"


def test_deleting_interaction_rolls_back_last_contacted():
    a = svc.create(given_name="Ada", family_name="Ng")
    i1 = engagement.log_interaction([a.id], channel="call", occurred_at=datetime(2026, 1, 1, 10))
    i2 = engagement.log_interaction([a.id], channel="call", occurred_at=datetime(2026, 3, 1, 10))
    engagement.delete_interaction(i2.id)
    assert svc.get(a.id).last_contacted_at == datetime(2026, 1, 1, 10)
    engagement.delete_interaction(i1.id)
    assert svc.get(a.id).last_contacted_at is None
