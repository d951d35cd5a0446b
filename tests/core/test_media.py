import zipfile
from datetime import date, datetime, timedelta

import pytest

from commrel.errors import ValidationError
from commrel.models import Event
from commrel.reports.media import media_figures
from commrel.services import coverage, engagement, media, press, stakeholders


def outlet(name="Harbour Gazette", reach=12000):
    o = stakeholders.create(kind="organisation", type="media", display_name=name)
    media.set_profile(o.id, outlet_kind="newspaper", reach=reach)
    return o


def journalist(given, email, **kw):
    return stakeholders.create(given_name=given, family_name="Writer", type="media", email=email, **kw)


def test_media_list_leaves_out_do_not_contact_and_says_so():
    gazette = outlet()
    a = journalist("Ana", "ana@gazette.example")
    b = journalist("Ben", "ben@gazette.example", do_not_contact=True)
    c = journalist("Cal", "")
    lst = media.create_list("Local press")
    assert media.add_to_list(lst.id, [a.id, b.id, c.id, gazette.id]) == 4
    who = media.recipients(lst.id)
    assert [s.display_name for s in who.contactable] == ["Ana Writer"]
    assert who.do_not_contact == 1
    assert "1 marked do-not-contact" in who.message() and "2 without an email address" in who.message()
    with pytest.raises(ValidationError, match="already exists"):
        media.create_list("Local press")


def test_inquiry_is_an_interaction_with_deadline_and_overdue_flag():
    gazette = outlet()
    ana = journalist("Ana", "ana@gazette.example")
    now = datetime(2026, 5, 4, 9, 0)
    late = media.log_inquiry(question="Why is the road closed?", journalist_id=ana.id, outlet_id=gazette.id,
                             received_at=now - timedelta(hours=5), deadline=now - timedelta(hours=1))
    soon = media.log_inquiry(question="Opening date?", journalist_id=ana.id,
                             received_at=now - timedelta(hours=2), deadline=now + timedelta(hours=3))
    rows = media.inquiries(now=now)
    assert [r.id for r in rows] == [late.id, soon.id]
    assert rows[0].overdue and not rows[1].overdue
    assert rows[0].outlet == "Harbour Gazette" and rows[0].journalist == "Ana Writer"
    log = engagement.for_stakeholder(ana.id)
    assert {i.summary for i in log} == {"Media inquiry: Why is the road closed?", "Media inquiry: Opening date?"}
    media.respond(late.id, response="Utility diversion until June.", spokesperson="Project director",
                  at=now + timedelta(hours=1))
    assert [r.id for r in media.inquiries(now=now)] == [soon.id]
    assert all(f.interaction_id != late.interaction_id for f in engagement.follow_ups())
    with pytest.raises(ValidationError, match="already answered"):
        media.respond(late.id, response="again")
    with pytest.raises(ValidationError, match="Say who asked"):
        media.log_inquiry(question="Anonymous?")


def test_release_distribution_logs_who_received_it():
    ana = journalist("Ana", "ana@gazette.example")
    ben = journalist("Ben", "ben@gazette.example", do_not_contact=True)
    lst = media.create_list("Press")
    media.add_to_list(lst.id, [ana.id, ben.id])
    release = press.create(title="Bridge opens early", kind="release", media_list_id=lst.id)
    with pytest.raises(ValidationError, match="Approve"):
        press.send(release.id)
    press.update(release.id, status="approved")
    result = press.send(release.id)
    assert result.sent == 1 and result.recipients.do_not_contact == 1
    assert [s.display_name for s, _ in press.received_by(release.id)] == ["Ana Writer"]
    assert press.send(release.id).sent == 0  # nobody gets it twice


def test_advisory_from_event_and_kit_export(tmp_path):
    start = datetime(2026, 6, 10, 17, 30)
    e = Event.create(uid="adv-1@commrel", title="Open house: station plans", starts_at=start,
                     ends_at=start + timedelta(hours=2), timezone="Europe/London", venue="Old Town Library",
                     organiser="Priya Shah", organiser_email="priya@example.org")
    adv = press.advisory_from_event(e.id)
    assert adv.kind == "advisory" and "Old Town Library" in adv.body
    assert "18:30" in adv.body  # 17:30 UTC is 18:30 in London in June
    assert "priya@example.org" in adv.body
    kit = press.create_kit("Station kit")
    fact = tmp_path / "fact-sheet.pdf"
    fact.write_bytes(b"%PDF-1.4 fact sheet")
    press.add_kit_file(kit.id, str(fact))
    press.add_kit_file(kit.id, str(tmp_path / "missing-photo.jpg"))
    out = press.export_kit(kit.id, tmp_path / "out" / "station-kit")
    assert out.included == 1 and out.missing == [str(tmp_path / "missing-photo.jpg")]
    assert zipfile.ZipFile(out.path).namelist() == ["fact-sheet.pdf"]


def test_coverage_figures_by_tone_release_share_and_response_time():
    gazette = outlet(reach=5000)
    ana = journalist("Ana", "ana@gazette.example")
    lst = media.create_list("Press")
    media.add_to_list(lst.id, [ana.id])
    r1 = press.create(title="R1", status="approved", media_list_id=lst.id, issued_on=date(2026, 3, 1))
    r2 = press.create(title="R2", status="approved", media_list_id=lst.id, issued_on=date(2026, 3, 15))
    press.send(r1.id)
    press.send(r2.id)
    coverage.log(outlet_id=gazette.id, published_on=date(2026, 3, 2), headline="Bridge on track", tone="positive",
                 material_id=r1.id)
    coverage.log(outlet_name="Radio Harbour", published_on=date(2026, 3, 20), headline="Residents angry",
                 tone="negative", reach=800)
    coverage.log(outlet_id=gazette.id, published_on=date(2026, 4, 2), headline="Works update")
    received = datetime(2026, 3, 5, 9, 0)
    i1 = media.log_inquiry(question="Q1", journalist_id=ana.id, received_at=received)
    media.respond(i1.id, response="A1", at=received + timedelta(hours=4))
    i2 = media.log_inquiry(question="Q2", journalist_id=ana.id, received_at=received)
    media.respond(i2.id, response="A2", at=received + timedelta(hours=10))
    f = media_figures(date(2026, 3, 1), date(2026, 3, 31))
    assert f.coverage_by_month == {"2026-03": {"positive": 1, "neutral": 0, "negative": 1}}
    assert f.coverage_total == 2 and f.reach_total == 5800
    assert (f.releases_sent, f.releases_with_coverage) == (2, 1) and f.release_coverage_share == 0.5
    assert f.inquiries == 2 and f.inquiries_answered == 2
    assert f.median_response_hours == 7.0
    with pytest.raises(ValidationError, match="which outlet"):
        coverage.log(published_on=date(2026, 3, 2), headline="Nobody's")


def test_profiles_in_bulk_and_a_journalists_outlet():
    gazette = outlet()
    ana = journalist("Ana", "ana@gazette.example")
    stakeholders.add_membership(ana.id, gazette.id)
    assert set(media.profiles_for([gazette.id, ana.id])) == {gazette.id}
    assert media.outlet_of(ana.id).id == gazette.id
    assert media.outlet_of(gazette.id) is None
    first = media.log_inquiry(question="Q", journalist_id=ana.id, assigned_to="Priya")
    media.log_inquiry(question="Q2", journalist_id=ana.id)
    media.assign(first.id, "Omar")
    media.log_inquiry(question="Q3", journalist_id=ana.id, assigned_to="Priya")
    assert media.assignees() == ["Omar", "Priya"]


def test_create_contact_journalist_with_outlet():
    gazette = media.create_contact(name="Harbour  Gazette", outlet=True, email="news@gazette.example")
    ana = media.create_contact(name="Ana Maria Writer", email="ana@gazette.example", works_for=gazette.id)
    solo = media.create_contact(name="Prince")
    assert (gazette.kind, gazette.type, gazette.display_name) == ("organisation", "media", "Harbour Gazette")
    assert (ana.given_name, ana.family_name, ana.type) == ("Ana Maria", "Writer", "media")
    assert media.outlet_of(ana.id).id == gazette.id
    assert solo.display_name == "Prince"
    with pytest.raises(ValidationError):
        media.create_contact(name="", outlet=True)


def test_upcoming_events_kits_and_coverage_links():
    now = datetime(2026, 6, 1, 12, 0)
    past = Event.create(uid="p@c", title="Past", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2))
    later = Event.create(uid="l@c", title="Later", starts_at=now + timedelta(days=9), ends_at=now + timedelta(days=9))
    soon = Event.create(uid="s@c", title="Soon", starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=5))
    Event.create(uid="x@c", title="Off", status="cancelled", starts_at=now + timedelta(days=1),
                 ends_at=now + timedelta(days=1))
    assert [e.id for e in press.upcoming_events(now=now)] == [soon.id, later.id]
    assert [e.id for e in press.upcoming_events(1, now=now)] == [soon.id]
    kit = press.create_kit("Kit")
    f = press.add_kit_file(kit.id, "/nowhere/a.pdf")
    assert [k.name for k in press.kits()] == ["Kit"]
    press.remove_kit_file(f.id)
    assert press.kit_files(kit.id) == []
    release = press.create(title="Bridge opens")
    far = Event.create(uid="f@c", title="Next year's forum", starts_at=now + timedelta(days=300),
                       ends_at=now + timedelta(days=300))
    links = coverage.link_choices(now=now)
    assert links.materials == [(release.id, "Bridge opens")]
    assert [i for i, _ in links.events][:1] == [later.id] and past.id in [i for i, _ in links.events]
    assert far.id not in [i for i, _ in links.events]
    c = coverage.log(outlet_name="Radio", published_on=date(2026, 6, 2), headline="On air", material_id=release.id)
    assert coverage.get(c.id).material_id == release.id
