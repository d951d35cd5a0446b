"""Interactions, events and concerns through spreadsheets; profiles and selections."""
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from commrel.errors import ExchangeError
from commrel.exchange import csv_format, xlsx
from commrel.exchange.export_rows import local
from commrel.exchange.import_interactions import to_utc
from commrel.exchange.spreadsheet_import import apply_import, plan_import
from commrel.models import Concern, ConcernCategory, Event, EventParticipant, Interaction
from commrel.services import concerns, engagement, events
from commrel.services import stakeholders as svc
from commrel.services.stakeholder_queries import StakeholderFilter


@pytest.fixture
def people():
    a = svc.create(given_name="Amina", family_name="Okafor", email="amina@example.org", notes="Prefers mornings",
                   consent=True, consent_date="2026-01-05", consent_source="sign-in sheet", tags=["harbour"])
    b = svc.create(given_name="Bob", family_name="Stone", do_not_contact=True)
    org = svc.create(kind="organisation", type="ngo", display_name="River Trust", email="info@river.org")
    return a, b, org


def _rows(path, sheet):
    ws = load_workbook(path)[sheet]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_interactions_round_trip_and_a_second_import_adds_nothing(tmp_path, write_csv, people):
    a, b, _ = people
    engagement.log_interaction([a.id, b.id], channel="meeting", summary="Parking on Quay St",
                               occurred_at=datetime(2026, 3, 2, 14, 0), follow_up="Send the plan",
                               follow_up_due=date(2026, 3, 9))
    path = xlsx.export(tmp_path / "log.xlsx", "interactions").path
    [row] = _rows(path, "Interactions")
    assert row["Stakeholders"] == "Amina Okafor; Bob Stone" and row["Channel"] == "Meeting"
    assert row["Date"] == local(datetime(2026, 3, 2, 14, 0)) and row["Follow-up due"] == datetime(2026, 3, 9)
    assert plan_import(path, "interactions").counts()["unchanged"] == 1

    sheet = write_csv([["Date", "Type", "With", "Email", "Notes"],
                       ["02/03/2026 10:00", "Phone call", "Bob Stone", "", "Asked about noise"],
                       ["25/03/2026", "door-knock", "", "AMINA@example.org", "Left a leaflet"],
                       ["26/03/2026", "Call", "Nobody Known", "", "?"]])
    plan = plan_import(sheet, "interactions")
    assert [r.outcome for r in plan.rows] == ["create", "create", "skip"]
    assert "no stakeholder in Commrel is called “Nobody Known”" in plan.errors[0]
    result = apply_import(plan)
    assert result.created == 2 and Interaction.select().count() == 3
    call = Interaction.get(Interaction.summary == "Asked about noise")
    assert call.channel == "call" and call.occurred_at == to_utc(datetime(2026, 3, 2, 10, 0))
    assert [p.id for p in engagement.participants(call.id)] == [b.id]
    assert svc.get(a.id).last_contacted_at == to_utc(datetime(2026, 3, 25))
    again = plan_import(sheet, "interactions")
    assert [r.outcome for r in again.rows] == ["unchanged", "unchanged", "skip"]


def test_events_with_participants_round_trip_and_update(tmp_path, people):
    a = people[0]
    open_house = events.create(title="Open house", starts_at=datetime(2026, 4, 1, 18, 0),
                               ends_at=datetime(2026, 4, 1, 20, 0), timezone="Europe/London", venue="Hall",
                               tags=["spring", "drop-in"])
    events.create(title="Summer fair", starts_at=date(2026, 5, 1), ends_at=date(2026, 5, 2), all_day=True,
                  timezone="Europe/London", type="festival")
    EventParticipant.create(event=open_house, stakeholder=a, rsvp="accepted", attended=True)
    path = xlsx.export(tmp_path / "events.xlsx", "events").path
    assert load_workbook(path).sheetnames == ["Events", "Event participants", "About"]
    first, fair = _rows(path, "Events")
    assert first["Starts"] == datetime(2026, 4, 1, 18, 0)          # wall time in London (BST)
    assert first["Tags"] == "drop-in; spring" and fair["Ends"] == datetime(2026, 5, 2)
    [guest] = _rows(path, "Event participants")
    assert (guest["Name"], guest["RSVP"], guest["Attended"]) == ("Amina Okafor", "Accepted", "Yes")
    assert plan_import(path, "events").counts()["unchanged"] == 2

    wb = load_workbook(path)
    ws = wb["Events"]
    cols = {c.value: c.column for c in ws[1]}
    ws.cell(2, cols["Venue"]).value = "Library"
    ws.cell(4, cols["Title"]).value = "Workshop"
    ws.cell(4, cols["Starts"]).value = "2026-06-01 10:00"
    ws.cell(4, cols["Time zone"]).value = "Europe/Paris"
    wb.save(path)
    plan = plan_import(path, "events")
    assert plan.counts() == {"create": 1, "update": 1, "unchanged": 1, "skip": 0, "conflict": 0}
    assert next(r for r in plan.rows if r.outcome == "update").differences == {"venue": ("Hall", "Library")}
    apply_import(plan)
    moved = Event.get_by_id(open_house.id)
    assert moved.venue == "Library" and moved.sequence == open_house.sequence + 1
    workshop = Event.get(Event.title == "Workshop")
    assert workshop.starts_at == datetime(2026, 6, 1, 8, 0) and workshop.timezone == "Europe/Paris"


def test_concerns_export_hides_protected_complainants_from_partners(tmp_path, write_csv, people):
    a, b, _ = people
    concerns.ensure_default_categories()
    dust = ConcernCategory.get(ConcernCategory.name == "Dust & air quality")
    concerns.intake(channel="phone", summary="Dust on cars", category_id=dust.id, complainant_id=a.id)
    concerns.intake(channel="email", summary="Noise at night", anonymous=True)
    concerns.intake(channel="letter", summary="Trucks at 6am", confidential=True, complainant_id=a.id)
    full = xlsx.export(tmp_path / "full.xlsx", "concerns").path
    assert [r["Complainant"] for r in _rows(full, "Concerns")] == ["Amina Okafor", None, "Amina Okafor"]
    assert _rows(full, "Concerns")[0]["Category"] == "Dust & air quality"
    assert len(_rows(full, "Concern timeline")) == 3
    partner = xlsx.export(tmp_path / "partner.xlsx", "concerns", profile="partner").path
    assert [r["Complainant"] for r in _rows(partner, "Concerns")] == ["Amina Okafor", None, None]
    assert "Text" not in _rows(partner, "Concern timeline")[0]
    assert plan_import(full, "concerns").counts()["unchanged"] == 3

    sheet = write_csv([["Summary", "Channel", "Category", "Subcategory", "Complainant email", "Date received"],
                       ["Mud on the road", "Website", "Traffic & access", "Heavy vehicles", "amina@example.org",
                        "2026-03-04 09:30"],
                       ["Smell", "Phone", "Odours", "", "", ""]])
    plan = plan_import(sheet, "concerns")
    assert [r.outcome for r in plan.rows] == ["create", "skip"]
    assert "column Category: “Odours” is not a category in Commrel (known: Communication" in plan.errors[0]
    apply_import(plan)
    mud = Concern.get(Concern.summary == "Mud on the road")
    assert mud.reference.startswith("CR-2026-") and mud.channel == "web_form" and mud.complainant_id == a.id
    assert mud.subcategory.name == "Heavy vehicles" and mud.received_at == to_utc(datetime(2026, 3, 4, 9, 30))


def test_partner_profile_leaves_out_notes_consent_and_people_who_opted_out(tmp_path, people):
    path = xlsx.export(tmp_path / "partner.xlsx", profile="partner").path
    rows = _rows(path, "Stakeholders")
    assert [r["Name"] for r in rows] == ["Amina Okafor", "River Trust"]
    for header in ("Notes", "Consent", "Consent date", "Consent source", "Do not contact"):
        assert header not in rows[0]
    about = {r[0]: r[2] for r in ([c.value for c in row] for row in load_workbook(path)["About"].iter_rows())}
    assert about["Profile"].startswith("Partner")


def test_public_profile_lists_organisations_without_personal_data(tmp_path, people):
    rows = _rows(xlsx.export(tmp_path / "public.xlsx", profile="public").path, "Stakeholders")
    assert [r["Name"] for r in rows] == ["River Trust"]
    for header in ("Email", "Phone", "Given name", "Position", "Influence", "Tags", "Notes"):
        assert header not in rows[0]


def test_one_workbook_with_a_sheet_per_kind(tmp_path, people):
    path = xlsx.export(tmp_path / "all.xlsx", "all").path
    assert load_workbook(path).sheetnames == ["Stakeholders", "Interactions", "Events", "Event participants",
                                              "Concerns", "Concern timeline", "About"]
    assert plan_import(path, "stakeholders").counts()["unchanged"] == 3
    with pytest.raises(ExchangeError, match="one list"):
        csv_format.export(tmp_path / "all.csv", "all")


def test_export_a_filter_or_chosen_ids(tmp_path, people):
    a, b, org = people
    path = xlsx.export(tmp_path / "f.xlsx", filter=StakeholderFilter(tags=["harbour"])).path
    assert [r["Name"] for r in _rows(path, "Stakeholders")] == ["Amina Okafor"]
    result = csv_format.export(tmp_path / "ids.csv", ids=[org.id, b.id], delimiter=";")
    assert result.count == 2
    with pytest.raises(ExchangeError, match="ending in .xlsx"):
        xlsx.export(tmp_path / "macro.xlsm")
