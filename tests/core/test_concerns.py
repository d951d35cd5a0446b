"""Concerns: intake, numbering, the lifecycle, the timeline, edits and queries."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from commrel import search
from commrel.errors import ConflictError, NotFound, TransitionRefused, ValidationError
from commrel.models import Concern, ConcernUpdate, Event, Stakeholder
from commrel.models.choices import CLOSED_CONCERN_STATUSES, CONCERN_STATUSES
from commrel.services import concerns, history

LONDON = "Europe/London"
MONDAY = datetime(2026, 3, 2, 9, 0)  # naive UTC; 09:00 in London (GMT)


def make(**fields) -> Concern:
    values = dict(channel="phone", summary="Generator running all night", received_at=MONDAY, tz=LONDON)
    values.update(fields)
    return concerns.intake(**values)


def person(name: str = "Ann Lee") -> Stakeholder:
    return Stakeholder.create(display_name=name, sort_name=name.lower())


def event(title: str = "Open house") -> Event:
    return Event.create(uid=f"{title}@test", title=title, starts_at=datetime(2026, 3, 1, 18),
                        ends_at=datetime(2026, 3, 1, 20))


# Arguments that make each move valid, and the moves that bring a new concern to each status.
ARGS = {
    "acknowledge": dict(how="email"),
    "accept": {},
    "reject": dict(reason="Not related to the project"),
    "start_investigation": {},
    "propose_response": dict(response="Move the generator behind the site office"),
    "respond": dict(response_text="The generator was moved on 10 March"),
    "implement": {},
    "close_resolved": dict(complainant_response="Much quieter, thank you", satisfaction="satisfied"),
    "appeal": dict(reason="Still hears it at night"),
    "close_unresolved": dict(reason="The complainant withdrew"),
    "refer": dict(to_body="Local ombudsman"),
}
ROUTES = {
    "received": [],
    "acknowledged": ["acknowledge"],
    "accepted": ["acknowledge", "accept"],
    "rejected": ["acknowledge", "reject"],
    "investigating": ["acknowledge", "accept", "start_investigation"],
    "response_proposed": ["acknowledge", "accept", "start_investigation", "propose_response"],
    "responded": ["acknowledge", "accept", "start_investigation", "propose_response", "respond"],
    "implemented": ["acknowledge", "accept", "start_investigation", "propose_response", "respond", "implement"],
    "closed_resolved": ["acknowledge", "accept", "start_investigation", "propose_response", "respond",
                        "implement", "close_resolved"],
    "appealed": ["acknowledge", "reject", "appeal"],
    "closed_unresolved": ["close_unresolved"],
    "referred": ["acknowledge", "reject", "appeal", "refer"],
}


def move(concern_id: int, action: str) -> Concern:
    return getattr(concerns, action)(concern_id, **ARGS[action])


def at_status(status: str, **fields) -> Concern:
    concern = make(**fields)
    for action in ROUTES[status]:
        move(concern.id, action)
    concern = concerns.get(concern.id)
    assert concern.status == status
    return concern


def test_the_routes_cover_every_status_and_the_table_every_move():
    assert set(ROUTES) == set(CONCERN_STATUSES)
    assert set(ARGS) == set(concerns.TRANSITIONS) == set(concerns.ACTION_LABELS)
    for action in concerns.TRANSITIONS:
        assert callable(getattr(concerns, action))


# --- intake ------------------------------------------------------------------

def test_intake_numbers_sets_clocks_and_writes_a_received_entry():
    concern = make(neighbourhood="Riverside", owner="ann")
    assert concern.reference == "CR-2026-0001"
    assert concern.status == "received"
    assert concern.acknowledge_due == datetime(2026, 3, 9, 9, 0)
    assert concern.resolution_target == datetime(2026, 4, 1, 8, 0)  # 09:00 BST
    [entry] = concerns.timeline(concern.id)
    assert (entry.kind, entry.from_status, entry.to_status) == ("status", "", "received")
    assert entry.at == MONDAY and entry.recorded_by == "tester"
    assert "phone" in entry.text
    assert [h.action for h in history.for_entity("concern", concern.id)] == ["create"]
    assert search.search_ids("concern", "generat") == [concern.id]


def test_intake_accepts_an_aware_time_and_defaults_to_now():
    aware = datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert make(received_at=aware).received_at == datetime(2026, 6, 1, 8, 0)
    before = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    concern = make(received_at=None)
    assert before <= concern.received_at <= before + timedelta(seconds=5)


@pytest.mark.parametrize("fields, field, words", [
    (dict(summary="   "), "summary", "summary"),
    (dict(channel="pigeon"), "channel", "how the concern was received"),
    (dict(severity="apocalyptic"), "severity", "Low, Medium, High, Critical"),
    (dict(priority="whenever"), "priority", "Normal"),
    (dict(anonymous="yes"), "anonymous", "yes or no"),
    (dict(summary="x" * 300), "summary", "255 characters"),
    (dict(received_at=datetime(2099, 1, 1)), "received_at", "future"),
    (dict(complainant_id=999), "complainant", "no longer exists"),
    (dict(event_id=999), "event", "no longer exists"),
    (dict(category_id=999), "category", "no longer exists"),
    (dict(tz="Mars/Olympus"), "tz", "time zone"),
])
def test_intake_refuses_bad_values_with_a_message_per_field(fields, field, words):
    with pytest.raises(ValidationError) as caught:
        make(**fields)
    assert caught.value.field == field
    assert words in caught.value.message
    assert Concern.select().count() == 0


def test_a_named_complainant_and_anonymity_exclude_each_other():
    with pytest.raises(ValidationError, match="anonymous concern cannot name a complainant") as caught:
        make(complainant_id=person().id, anonymous=True)
    assert caught.value.field == "anonymous"
    assert make(anonymous=True).anonymous


def test_subcategory_must_belong_to_the_category_and_implies_it():
    concerns.ensure_default_categories()
    tops = {c.name: c for c in concerns.list_categories()}
    noise, dust = tops["Noise"], tops["Dust & air quality"]
    night = next(c for c in concerns.list_categories(noise.id) if c.name == "Night-time works")
    with pytest.raises(ValidationError, match="Night-time works is not a subcategory of Dust") as caught:
        make(category_id=dust.id, subcategory_id=night.id)
    assert caught.value.field == "subcategory"
    with pytest.raises(ValidationError, match="is a subcategory; choose it as the subcategory"):
        make(category_id=night.id)
    with pytest.raises(ValidationError, match="is a category, not a subcategory"):
        make(category_id=noise.id, subcategory_id=dust.id)
    concern = make(subcategory_id=night.id)
    assert (concern.category_id, concern.subcategory_id) == (noise.id, night.id)


def test_a_failed_intake_uses_no_number():
    make()
    with pytest.raises(ValidationError):
        make(severity="nope")
    assert make().reference == "CR-2026-0002"


# --- reference numbers ----------------------------------------------------------

def test_references_count_per_year_of_receipt():
    refs = [make(received_at=when).reference for when in
            (datetime(2025, 5, 1), datetime(2026, 1, 3), datetime(2025, 12, 30), datetime(2026, 2, 1))]
    assert refs == ["CR-2025-0001", "CR-2026-0001", "CR-2025-0002", "CR-2026-0002"]


def test_the_year_is_the_officers_local_year():
    # 31 December 23:30 UTC is already New Year's Day in Auckland.
    concern = make(received_at=datetime(2025, 12, 31, 23, 30), tz="Pacific/Auckland")
    assert concern.reference == "CR-2026-0001"


def test_numbers_are_never_reused_after_a_delete():
    first, second = make(), make()
    concerns.delete(second.id)
    assert make().reference == "CR-2026-0003"
    concerns.delete(first.id)
    assert make().reference == "CR-2026-0004"


def test_a_number_already_taken_by_an_imported_concern_is_skipped():
    imported = make()
    Concern.update(reference="CR-2026-0002").where(Concern.id == imported.id).execute()
    assert make().reference == "CR-2026-0003"


def test_numbers_pass_9999_with_a_fifth_digit_and_still_sort():
    from commrel.models import ReferenceCounter
    make()
    ReferenceCounter.update(last=9998).execute()
    assert [make().reference for _ in range(2)] == ["CR-2026-9999", "CR-2026-10000"]
    refs = [c.reference for c in concerns.list_concerns(sort="reference", descending=False)]
    assert refs == ["CR-2026-0001", "CR-2026-9999", "CR-2026-10000"]


# --- lifecycle --------------------------------------------------------------------

CASES = [(status, action) for status in CONCERN_STATUSES for action in concerns.TRANSITIONS]


@pytest.mark.parametrize("status, action", CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_every_move_from_every_status(status, action):
    concern = at_status(status)
    sources, target = concerns.TRANSITIONS[action]
    entries_before = len(concerns.timeline(concern.id))
    if status in sources:
        assert action in concerns.allowed_actions(concern)
        moved = move(concern.id, action)
        assert moved.status == target == concerns.get(concern.id).status
        assert moved.version == concern.version + 1
        newest = concerns.timeline(concern.id)[0]
        assert (newest.kind, newest.from_status, newest.to_status) == ("status", status, target)
        assert newest.recorded_by == "tester" and newest.text
        latest = history.for_entity("concern", concern.id)[0]
        assert latest.action == action
        assert ("status", status, target) in {(h.field, h.old_value, h.new_value)
                                              for h in history.for_entity("concern", concern.id)
                                              if h.action == action}
        assert (moved.closed_at is not None) == (target in CLOSED_CONCERN_STATUSES)
    else:
        assert action not in concerns.allowed_actions(concern)
        with pytest.raises(TransitionRefused) as caught:
            move(concern.id, action)
        message = str(caught.value)
        assert message.startswith(f"{concern.reference} is") and message.endswith(".")
        assert CONCERN_STATUSES[status] in message
        assert "_" not in message  # no codes, only words
        assert concerns.get(concern.id).status == status
        assert len(concerns.timeline(concern.id)) == entries_before


@pytest.mark.parametrize("status, action, expected", [
    ("received", "accept", "CR-2026-0001 is Received; it must be acknowledged before it can be accepted."),
    ("received", "start_investigation",
     "CR-2026-0001 is Received; it must be acknowledged and accepted before it can be investigated."),
    ("accepted", "respond", "CR-2026-0001 is Accepted; it must be investigated and given a proposed "
                            "response before it can be responded to."),
    ("investigating", "accept", "CR-2026-0001 is Investigating; it has already been accepted."),
    ("acknowledged", "acknowledge", "CR-2026-0001 is already Acknowledged."),
    ("responded", "reject", "CR-2026-0001 is Responded; only a concern that is Acknowledged can be rejected."),
    ("closed_resolved", "implement", "CR-2026-0001 is Closed (resolved); a closed concern can only be appealed."),
    ("referred", "appeal", "CR-2026-0001 is Referred to external body; it is closed and can no longer "
                           "be appealed."),
    ("appealed", "respond", "CR-2026-0001 is Appealed; it can now only be closed as unresolved or "
                            "referred to an external body."),
    ("received", "refer", "CR-2026-0001 is Received; only a concern that is Appealed can be referred "
                          "to an external body."),
])
def test_refusals_say_what_must_happen_first(status, action, expected):
    concern = at_status(status)
    with pytest.raises(TransitionRefused) as caught:
        move(concern.id, action)
    assert str(caught.value) == expected


def test_allowed_actions_follow_the_table_and_have_labels():
    assert concerns.allowed_actions("received") == ["acknowledge", "close_unresolved"]
    assert concerns.allowed_actions("acknowledged") == ["accept", "reject", "close_unresolved"]
    assert concerns.allowed_actions("appealed") == ["close_unresolved", "refer"]
    assert concerns.allowed_actions("closed_unresolved") == []
    assert concerns.allowed_actions(make()) == ["acknowledge", "close_unresolved"]
    assert all(concerns.ACTION_LABELS[a] for a in concerns.TRANSITIONS)


def test_acknowledge_records_when_how_and_by_whom():
    concern = make()
    at = datetime(2026, 3, 3, 14, 0)
    done = concerns.acknowledge(concern.id, at=at, how="letter", by="Bea")
    assert (done.acknowledged_at, done.acknowledged_how, done.acknowledged_by) == (at, "letter", "Bea")
    assert concerns.timeline(concern.id)[0].at == at
    assert concerns.acknowledge(make().id, how="phone").acknowledged_by == "tester"


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(how="carrier pigeon"), "how", "how the acknowledgement was sent"),
    (dict(how="email", at=datetime(2026, 3, 1)), "at", "before the concern was received"),
    (dict(how="email", at=datetime(2099, 1, 1)), "at", "future"),
])
def test_acknowledge_refuses_bad_values(kwargs, field, words):
    concern = make()
    with pytest.raises(ValidationError) as caught:
        concerns.acknowledge(concern.id, **kwargs)
    assert caught.value.field == field and words in caught.value.message
    assert concerns.get(concern.id).status == "received"


@pytest.mark.parametrize("status, action, kwargs, field", [
    ("acknowledged", "reject", dict(reason="  "), "reason"),
    ("investigating", "propose_response", dict(response=""), "response"),
    ("response_proposed", "respond", dict(response_text=""), "response_text"),
    ("implemented", "close_resolved", dict(complainant_response="ok", satisfaction="ecstatic"), "satisfaction"),
    ("implemented", "close_resolved", dict(complainant_response="", satisfaction="satisfied"),
     "complainant_response"),
    ("responded", "appeal", dict(reason=""), "reason"),
    ("appealed", "close_unresolved", dict(reason=""), "reason"),
    ("appealed", "refer", dict(to_body=" "), "to_body"),
])
def test_moves_need_their_fields(status, action, kwargs, field):
    concern = at_status(status)
    with pytest.raises(ValidationError) as caught:
        getattr(concerns, action)(concern.id, **kwargs)
    assert caught.value.field == field
    assert concerns.get(concern.id).status == status


def test_closing_an_unacknowledged_concern_needs_a_reason():
    concern = make()
    with pytest.raises(ValidationError, match="has not been acknowledged; closing it needs a reason"):
        concerns.close_unresolved(concern.id, "")
    assert concerns.get(concern.id).status == "received"
    closed = concerns.close_unresolved(concern.id, "The complainant withdrew")
    assert (closed.status, closed.closure_reason) == ("closed_unresolved", "The complainant withdrew")
    assert closed.acknowledged_at is None


def test_the_full_route_keeps_each_moves_fields():
    concern = at_status("closed_resolved")
    assert concern.proposed_response == ARGS["propose_response"]["response"]
    assert concern.resolution == ARGS["respond"]["response_text"]
    assert concern.responded_at is not None
    assert (concern.complainant_response, concern.satisfaction) == ("Much quieter, thank you", "satisfied")
    statuses = [e.to_status for e in reversed(concerns.timeline(concern.id))]
    assert statuses == ["received", "acknowledged", "accepted", "investigating", "response_proposed",
                        "responded", "implemented", "closed_resolved"]


def test_closing_without_the_complainants_words_is_fine_when_they_did_not_reply():
    concern = at_status("implemented")
    closed = concerns.close_resolved(concern.id, "", "no_response")
    assert closed.satisfaction == "no_response"


def test_respond_records_when_the_response_was_given():
    concern = at_status("response_proposed")
    when = datetime(2026, 3, 20, 11, 0)
    done = concerns.respond(concern.id, "We moved it", at=when)
    assert done.responded_at == when
    # The timeline is in the order things happened, not the order they were typed in.
    entry = next(e for e in concerns.timeline(concern.id) if e.to_status == "responded")
    assert entry.at == when


def test_a_draft_response_can_be_replaced():
    concern = at_status("response_proposed")
    redone = concerns.propose_response(concern.id, "Fit an acoustic screen instead")
    assert (redone.status, redone.proposed_response) == ("response_proposed", "Fit an acoustic screen instead")


def test_an_appeal_reopens_and_a_referral_closes_again():
    concern = at_status("closed_resolved")
    assert concern.closed_at is not None
    appealed = concerns.appeal(concern.id, "It started again")
    assert (appealed.status, appealed.closed_at, appealed.is_closed) == ("appealed", None, False)
    referred = concerns.refer(concern.id, "Planning inspectorate", "Outside what the project can offer")
    assert referred.is_closed and referred.referred_to == "Planning inspectorate"
    assert referred.closure_reason == "Outside what the project can offer"


def test_moves_on_a_missing_concern_say_so():
    with pytest.raises(NotFound, match="Concern #404 was not found"):
        concerns.accept(404)


# --- timeline ---------------------------------------------------------------------

def test_timeline_entries_newest_first():
    concern = make()
    call = concerns.add_update(concern.id, "call", "Rang back, left a message", at=datetime(2026, 3, 3, 10))
    visit = concerns.add_update(concern.id, "site_visit", "Measured 62 dB at the fence", at=datetime(2026, 3, 5))
    photo = concerns.add_update(concern.id, "attachment", "", at=datetime(2026, 3, 4), attachment="fence.jpg")
    assert concerns.timeline(concern.id)[:3] == [visit, photo, call]
    assert (photo.kind, photo.attachment, photo.recorded_by) == ("attachment", "fence.jpg", "tester")
    assert concerns.timeline(concern.id)[-1].to_status == "received"
    assert concerns.get(concern.id).version == concern.version  # notes do not make edits conflict


@pytest.mark.parametrize("kind, text, kwargs, field", [
    ("status", "Closed", {}, "kind"),
    ("gossip", "x", {}, "kind"),
    ("note", "  ", {}, "text"),
    ("attachment", "See file", {}, "attachment"),
    ("note", "Too early", dict(at=datetime(2026, 2, 1)), "at"),
])
def test_timeline_refuses_bad_entries(kind, text, kwargs, field):
    concern = make()
    with pytest.raises(ValidationError) as caught:
        concerns.add_update(concern.id, kind, text, **kwargs)
    assert caught.value.field == field
    assert len(concerns.timeline(concern.id)) == 1


def test_timeline_of_a_missing_concern():
    with pytest.raises(NotFound):
        concerns.timeline(77)


# --- edits ------------------------------------------------------------------------

def test_update_bumps_version_records_history_and_reindexes():
    concern = make(description="Every night since Monday")
    edited = concerns.update(concern.id, expected_version=1, summary="Compressor noise", severity="high",
                             neighbourhood="Riverside")
    assert (edited.version, edited.summary, edited.severity) == (2, "Compressor noise", "high")
    assert edited.updated_at >= concern.updated_at
    changes = {(h.field, h.old_value, h.new_value) for h in history.for_entity("concern", concern.id)
               if h.action == "update"}
    assert changes == {("summary", "Generator running all night", "Compressor noise"),
                       ("severity", "medium", "high"), ("neighbourhood", "", "Riverside")}
    assert search.search_ids("concern", "compressor") == [concern.id]
    assert search.search_ids("concern", "generator") == []


def test_update_without_changes_leaves_the_version():
    concern = make()
    assert concerns.update(concern.id, summary="Generator running all night").version == 1


def test_update_detects_a_conflict_and_keeps_both_sides():
    concern = make()
    concerns.update(concern.id, expected_version=1, owner="bea")
    with pytest.raises(ConflictError, match="CR-2026-0001 was changed by tester after you opened it") as caught:
        concerns.update(concern.id, expected_version=1, owner="carl", priority="high")
    assert caught.value.mine == {"owner": "carl", "priority": "high"}
    assert caught.value.theirs == {"owner": "bea", "priority": "normal", "version": 2}
    assert concerns.get(concern.id).owner == "bea"


def test_update_validates_like_intake():
    concern = make(complainant_id=person().id)
    with pytest.raises(ValidationError) as caught:
        concerns.update(concern.id, anonymous=True)
    assert caught.value.field == "anonymous"
    with pytest.raises(ValidationError):
        concerns.update(concern.id, summary="")
    with pytest.raises(TypeError, match="status"):
        concerns.update(concern.id, status="closed_resolved")
    assert concerns.update(concern.id, complainant=None, anonymous=True).anonymous


def test_a_new_category_brings_its_clocks_and_drops_the_old_subcategory():
    concerns.ensure_default_categories()
    tops = {c.name: c for c in concerns.list_categories()}
    night = next(c for c in concerns.list_categories(tops["Noise"].id) if c.name == "Night-time works")
    concern = make(subcategory_id=night.id)
    moved = concerns.update(concern.id, category_id=tops["Safety"].id, tz=LONDON)
    assert (moved.category_id, moved.subcategory_id) == (tops["Safety"].id, None)
    assert moved.acknowledge_due == MONDAY + timedelta(days=1)
    assert moved.resolution_target == MONDAY + timedelta(days=14)
    fields = {h.field: (h.old_value, h.new_value) for h in history.for_entity("concern", concern.id)
              if h.action == "update"}
    assert fields["category"] == ("Noise", "Safety")
    assert fields["subcategory"] == ("Night-time works", None)
    assert "resolution_target" in fields


def test_assign_sets_the_owner_and_my_concerns_lists_them():
    mine, theirs = make(), make()
    concerns.assign(mine.id, "tester")
    concerns.assign(theirs.id, "bea")
    assert history.for_entity("concern", mine.id)[0].action == "assign"
    assert concerns.my_concerns() == [concerns.get(mine.id)]
    assert [c.id for c in concerns.my_concerns("bea")] == [theirs.id]
    concerns.close_unresolved(mine.id, "Withdrawn")
    assert concerns.my_concerns() == []


def test_assigning_a_concern_someone_changed_since_it_was_shown_is_refused():
    concern = make()
    shown = concern.version
    concerns.assign(concern.id, "bea", shown)  # a colleague assigns it first
    with pytest.raises(ConflictError, match="was changed by tester after you opened it") as refused:
        concerns.assign(concern.id, "carl", shown)
    assert refused.value.mine == {"owner": "carl"}
    assert refused.value.theirs == {"owner": "bea", "version": shown + 1}
    assert concerns.get(concern.id).owner == "bea"


def test_set_targets_moves_due_dates_with_history():
    concern = make()
    later = datetime(2026, 4, 15, 12, 0)
    moved = concerns.set_targets(concern.id, resolution_target=later)
    assert (moved.resolution_target, moved.acknowledge_due) == (later, concern.acknowledge_due)
    assert history.for_entity("concern", concern.id)[0].action == "set_targets"
    with pytest.raises(ValidationError, match="before the concern was received"):
        concerns.set_targets(concern.id, acknowledge_due=datetime(2026, 3, 1))
    with pytest.raises(ValidationError, match="cannot come before"):
        concerns.set_targets(concern.id, resolution_target=datetime(2026, 3, 3))


def test_delete_removes_the_concern_its_timeline_and_search_entry():
    concern = make()
    concerns.add_update(concern.id, "note", "Entered twice by mistake")
    concerns.delete(concern.id)
    assert ConcernUpdate.select().count() == 0
    assert search.search_ids("concern", "generator") == []
    assert history.for_entity("concern", concern.id)[0].action == "delete"
    with pytest.raises(NotFound, match="may have been deleted"):
        concerns.get(concern.id)


def test_get_by_reference():
    concern = make()
    assert concerns.get_by_reference(" cr-2026-0001 ") == concern
    with pytest.raises(NotFound, match="CR-1999-0001"):
        concerns.get_by_reference("CR-1999-0001")


# --- queries ----------------------------------------------------------------------

NOW = datetime(2026, 3, 20, 12, 0)


@pytest.fixture
def sample():
    """Four concerns, each the answer to a different question."""
    ann, fair = person(), event()
    old = make(received_at=datetime(2026, 2, 1, 9), owner="ann", neighbourhood="Riverside", severity="low")
    fresh = make(received_at=datetime(2026, 3, 18, 9), summary="Dust on cars", owner="bea",
                 complainant_id=ann.id, severity="critical")
    acked = make(received_at=datetime(2026, 3, 5, 9), summary="Lorries before 7am", owner="",
                 event_id=fair.id, severity="high")
    concerns.acknowledge(acked.id, how="phone", at=datetime(2026, 3, 6))
    closed = make(received_at=datetime(2026, 1, 10, 9), summary="Mud on the road")
    concerns.close_unresolved(closed.id, "Duplicate of another report")
    return dict(old=old.id, fresh=fresh.id, acked=acked.id, closed=closed.id, ann=ann.id, event=fair.id)


def ids(filter=None, **kwargs):
    return {c.id for c in concerns.list_concerns(filter, now=NOW, **kwargs)}


def test_overdue_filter_and_overdue_list(sample):
    # old: past both clocks; acked: acknowledged in time, target 4 April; fresh: due 25 March.
    assert ids(concerns.ConcernFilter(overdue_only=True)) == {sample["old"]}
    assert [c.id for c in concerns.overdue(now=NOW)] == [sample["old"]]
    late = datetime(2026, 4, 10)
    assert {c.id for c in concerns.overdue(now=late)} == {sample["old"], sample["fresh"], sample["acked"]}


def test_owner_filter_and_unassigned(sample):
    assert ids(concerns.ConcernFilter(owner="bea")) == {sample["fresh"]}
    assert ids(concerns.ConcernFilter(owner="")) == {sample["acked"], sample["closed"]}


def test_date_filters_take_whole_local_days(sample):
    march = concerns.ConcernFilter(received_from=date(2026, 3, 1), received_to=date(2026, 3, 18), tz=LONDON)
    assert ids(march) == {sample["fresh"], sample["acked"]}
    up_to = concerns.ConcernFilter(received_to=datetime(2026, 3, 18, 8, 59))
    assert ids(up_to) == {sample["old"], sample["acked"], sample["closed"]}


def test_the_other_filters(sample):
    f = concerns.ConcernFilter
    assert ids(f(text="lorries 7am")) == {sample["acked"]}
    assert ids(f(open_only=True)) == {sample["old"], sample["fresh"], sample["acked"]}
    assert ids(f(statuses=("acknowledged", "closed_unresolved"))) == {sample["acked"], sample["closed"]}
    assert ids(f(neighbourhood="Riverside")) == {sample["old"]}
    assert ids(f(complainant_id=sample["ann"])) == {sample["fresh"]}
    assert ids(f(event_id=sample["event"])) == {sample["acked"]}
    assert ids(f(text="  ")) == set(sample[k] for k in ("old", "fresh", "acked", "closed"))
    assert concerns.count(f(open_only=True, owner="ann")) == 1
    assert [c.id for c in concerns.for_stakeholder(sample["ann"])] == [sample["fresh"]]
    assert [c.id for c in concerns.for_event(sample["event"])] == [sample["acked"]]


def test_category_filter_includes_subcategories():
    concerns.ensure_default_categories()
    noise = next(c for c in concerns.list_categories() if c.name == "Noise")
    vibration = next(c for c in concerns.list_categories(noise.id) if c.name == "Vibration")
    in_noise, in_vibration, elsewhere = make(category_id=noise.id), make(subcategory_id=vibration.id), make()
    assert ids(concerns.ConcernFilter(category_id=noise.id)) == {in_noise.id, in_vibration.id}
    assert ids(concerns.ConcernFilter(category_id=vibration.id)) == {in_vibration.id}
    assert elsewhere.id not in ids(concerns.ConcernFilter(category_id=noise.id))


def test_sorting_and_paging(sample):
    by_severity = [c.id for c in concerns.list_concerns(sort="severity", descending=True)]
    assert by_severity[:3] == [sample["fresh"], sample["acked"], sample["closed"]]
    newest_first = [c.id for c in concerns.list_concerns()]
    assert newest_first == [sample["fresh"], sample["acked"], sample["old"], sample["closed"]]
    assert [c.id for c in concerns.list_concerns(offset=1, limit=2)] == newest_first[1:3]
    with pytest.raises(ValueError, match="cannot sort concerns by 'colour'"):
        concerns.list_concerns(sort="colour")


def test_lists_bring_the_complainant_along(sample):
    fresh = next(c for c in concerns.list_concerns() if c.id == sample["fresh"])
    assert fresh.complainant.display_name == "Ann Lee"


def test_board_groups_by_status_in_lifecycle_order(sample):
    columns = concerns.board(now=NOW)
    assert list(columns) == list(CONCERN_STATUSES)
    assert [c.id for c in columns["received"]] == [sample["old"], sample["fresh"]]  # nearest target first
    assert [c.id for c in columns["acknowledged"]] == [sample["acked"]]
    assert [c.id for c in columns["closed_unresolved"]] == [sample["closed"]]
    open_board = concerns.board(concerns.ConcernFilter(open_only=True))
    assert open_board["closed_unresolved"] == [] and len(open_board["received"]) == 2
