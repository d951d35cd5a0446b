"""The partner round trip: export, edit in a spreadsheet program, plan, apply, undo."""
import csv
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from commrel import backups, search
from commrel.errors import Cancelled, CommrelError
from commrel.exchange import csv_format, for_path, xlsx
from commrel.exchange.spreadsheet_import import apply_import, plan_import, write_error_report
from commrel.models import ImportBatch, Interaction, Stakeholder
from commrel.progress import RecordingProgress
from commrel.services import batches
from commrel.services import stakeholders as svc
import db_probe
from db_probe import select_statements


@pytest.fixture
def register():
    org = svc.create(kind="organisation", type="business", display_name="Harbour Traders")
    people = [svc.create(given_name=g, family_name=f, email=e, phone=p, tags=t)
              for g, f, e, p, t in [("Amina", "Okafor", "amina@example.org", "07700 900123", ["harbour"]),
                                    ("Bob", "Stone", "bob@example.org", "", []),
                                    ("Chen", "Li", "", "020 7946 0018", ["youth", "elders"]),
                                    ("Dara", "Byrne", "dara@example.org", "", [])]]
    svc.add_membership(people[0].id, org.id, "Owner")
    return org, people


def _header_index(ws):
    return {c.value: c.column for c in ws[1]}


def test_export_has_typed_cells_hidden_ids_and_an_about_sheet(tmp_path, register):
    svc.update(register[1][0].id, consent=True, consent_date="2026-03-01")
    result = xlsx.export(tmp_path / "out.xlsx")
    assert result.count == 5
    wb = load_workbook(result.path)
    assert wb.sheetnames == ["Stakeholders", "About"]
    ws = wb["Stakeholders"]
    cols = _header_index(ws)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:Y6"
    assert all(c.font.b for c in ws[1])
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions["B"].hidden
    assert list(cols)[:2] == ["Commrel ID", "Row version"]
    amina = next(r for r in ws.iter_rows(min_row=2) if r[cols["Email"] - 1].value == "amina@example.org")
    assert amina[cols["Commrel ID"] - 1].value == register[1][0].id
    assert amina[cols["Row version"] - 1].value == Stakeholder.get_by_id(register[1][0].id).version
    phone = amina[cols["Phone"] - 1]
    assert phone.value == "07700 900123" and phone.data_type == "s" and phone.number_format == "@"
    consent = amina[cols["Consent date"] - 1]
    assert consent.is_date and consent.number_format == "yyyy-mm-dd"
    assert amina[cols["Influence"] - 1].data_type == "n"
    assert amina[cols["Organisation"] - 1].value == "Harbour Traders"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    letter = ws.cell(1, cols["Position"]).column_letter
    assert lists[f"{letter}2"] == '"Supportive,Leaning supportive,Neutral,Leaning opposed,Opposed,Unknown"'
    about = [[c.value for c in row] for row in wb["About"].iter_rows()]
    facts = {row[0]: row[2] for row in about if row[0]}  # label in A, value in the wide column C
    assert facts["Kind"] == "stakeholders" and facts["Profile"].startswith("Full")
    assert facts["Exported at"][:2] == "20"
    assert ["Stakeholders", "Email", "Email address."] in [r[:3] for r in about]


def test_formula_text_is_never_a_formula(tmp_path):
    s = svc.create(given_name="=HYPERLINK(\"http://x\")", family_name="@SUM(A1)", notes="+1-2",
                   address="-5 Quay St", email="amina@example.org")
    path = xlsx.export(tmp_path / "out.xlsx").path
    ws = load_workbook(path)["Stakeholders"]
    cols = _header_index(ws)
    for header, text in (("Given name", '=HYPERLINK("http://x")'), ("Family name", "@SUM(A1)"),
                         ("Notes", "+1-2"), ("Address", "-5 Quay St")):
        cell = ws.cell(2, cols[header])
        assert (cell.value, cell.data_type) == (text, "s")
    with zipfile.ZipFile(path) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()
    out = csv_format.export(tmp_path / "out.csv").path
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["Given name"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["Family name"] == "'@SUM(A1)" and rows[0]["Notes"] == "'+1-2"
    # ... and both come back as they were stored.
    for f in (path, out):
        plan = plan_import(f)
        assert [(r.outcome, r.entity_id) for r in plan.rows] == [("unchanged", s.id)]


def test_awkward_text_survives_the_sheet(tmp_path):
    """Text that XML must escape, line breaks, an error-like word and spaces at the ends stay as written."""
    s = svc.create(given_name="Ann & <Bo>", family_name="#N/A", notes="one\r\ntwo\tthree",
                   address="Flat 2\x01, \ufffeQuay St", phone="07700 900123", postcode="]]>")
    path = xlsx.export(tmp_path / "out.xlsx").path
    ws = load_workbook(path)["Stakeholders"]
    cols = _header_index(ws)
    cells = {h: ws.cell(2, cols[h]) for h in ("Given name", "Family name", "Notes", "Address", "Postcode")}
    assert {h: c.value for h, c in cells.items()} == {
        "Given name": "Ann & <Bo>", "Family name": "#N/A", "Notes": "one\r\ntwo\tthree",
        "Address": "Flat 2, Quay St", "Postcode": "]]>"}
    assert all(c.data_type == "s" for c in cells.values()) and cells["Postcode"].number_format == "@"
    svc.update(s.id, address="Flat 2, Quay St")
    assert [(r.outcome, r.entity_id) for r in plan_import(path).rows] == [("unchanged", s.id)]
    # Spaces kept by a record written before names were trimmed stay in the cell.
    Stakeholder.update(given_name="  Ann ", phone=" 07700 900123").where(Stakeholder.id == s.id).execute()
    path = xlsx.export(tmp_path / "spaces.xlsx").path
    ws = load_workbook(path)["Stakeholders"]
    assert ws.cell(2, cols["Given name"]).value == "  Ann " and ws.cell(2, cols["Phone"]).value == " 07700 900123"
    with zipfile.ZipFile(path) as zf:
        assert '<t xml:space="preserve">  Ann </t>' in zf.read("xl/worksheets/sheet1.xml").decode()


def test_long_text_is_cut_to_what_a_cell_holds(tmp_path):
    svc.create(given_name="Long", notes="x" * 40_000)
    ws = load_workbook(xlsx.export(tmp_path / "out.xlsx").path)["Stakeholders"]
    assert len(ws.cell(2, _header_index(ws)["Notes"]).value) == 32_767


def test_csv_export_is_utf8_with_bom_and_either_delimiter(tmp_path, register):
    svc.update(register[1][1].id, neighbourhood="Île Verte")
    for delimiter in (",", ";"):
        path = csv_format.export(tmp_path / "out.csv", delimiter=delimiter).path
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8-sig").splitlines()[0].split(delimiter)[:3] == ["Commrel ID", "Row version", "Kind"]
        assert "Île Verte" in raw.decode("utf-8-sig")
        assert plan_import(path).counts()["unchanged"] == 5


def test_partner_round_trip_edit_add_delete_then_undo(tmp_path, register):
    org, people = register
    path = xlsx.export(tmp_path / "partners.xlsx").path
    wb = load_workbook(path)
    ws = wb["Stakeholders"]
    cols = _header_index(ws)
    row_of = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row_of[people[1].id], cols["Neighbourhood"]).value = "Riverside"
    new = ws.max_row + 1
    for header, value in (("Given name", "Ewa"), ("Family name", "Nowak"), ("Email", "ewa@example.org"),
                          ("Phone", "07700 900999"), ("Tags", "youth; new")):
        ws.cell(new, cols[header]).value = value
    ws.delete_rows(row_of[people[3].id])
    wb.save(path)

    plan = plan_import(path)
    assert plan.counts() == {"create": 1, "update": 1, "unchanged": 3, "skip": 0, "conflict": 0}
    update = next(r for r in plan.rows if r.outcome == "update")
    assert update.entity_id == people[1].id and update.differences == {"neighbourhood": ("", "Riverside")}
    create = next(r for r in plan.rows if r.outcome == "create")
    assert create.label == "Ewa Nowak" and create.values["phone"] == "07700 900999"

    before = {s.id: (s.neighbourhood, s.version) for s in Stakeholder.select()}
    result = apply_import(plan)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (1, 1, 3, 0)
    bob = svc.get(people[1].id)
    assert bob.neighbourhood == "Riverside" and bob.version == before[bob.id][1] + 1
    ewa = Stakeholder.get(Stakeholder.email == "ewa@example.org")
    assert svc.tags_of(ewa.id) == ["new", "youth"] and ewa.phone == "07700 900999"
    assert svc.get(people[3].id).display_name == "Dara Byrne"  # a deleted row is not a deletion
    assert search.search_ids("stakeholder", "Nowak") == [ewa.id]
    assert ImportBatch.get_by_id(result.batch_id).created == 1
    # A local file is backed up before an import; a team server's backups are its own.
    assert [b.reason for b in backups.list_backups()] == ([] if db_probe.on_server() else ["before-import"])

    batches.undo(result.batch_id)
    assert {s.id: (s.neighbourhood, s.version) for s in Stakeholder.select()} == before
    assert search.search_ids("stakeholder", "Nowak") == []


def test_conflict_when_the_record_also_changed_in_commrel(tmp_path, register):
    _, people = register
    path = xlsx.export(tmp_path / "partners.xlsx").path
    svc.update(people[1].id, neighbourhood="Docks")  # changed here after the export
    wb = load_workbook(path)
    ws = wb["Stakeholders"]
    cols = _header_index(ws)
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == people[1].id)
    ws.cell(row, cols["Phone"]).value = "01632 960001"
    wb.save(path)
    plan = plan_import(path)
    assert plan.counts()["conflict"] == 1 and plan.counts()["update"] == 0
    conflict = next(r for r in plan.rows if r.outcome == "conflict")
    assert conflict.differences == {"neighbourhood": ("Docks", ""), "phone": ("", "01632 960001")}
    assert "since the sheet was exported" in conflict.message
    result = apply_import(plan)
    assert result.batch_id is None and result.skipped == 1
    assert svc.get(people[1].id).neighbourhood == "Docks" and svc.get(people[1].id).phone == ""


def test_edits_here_to_columns_the_sheet_lacks_are_not_conflicts(tmp_path, register):
    _, people = register
    path = xlsx.export(tmp_path / "partner.xlsx", profile="partner").path
    svc.update(people[0].id, notes="Called about parking")
    plan = plan_import(path)
    assert plan.counts()["unchanged"] == 5


def test_duplicates_in_the_file_and_against_the_register(write_csv, register):
    _, people = register
    plan = plan_import(write_csv([
        ["Name", "E-mail", "Organization", "Ward"],
        ["Ewa Nowak", "ewa@example.org", "", "Riverside"],
        ["Ewa N.", "EWA@example.org", "", ""],            # same email as row 2
        ["Amina Okafor", "AMINA@EXAMPLE.ORG", "Harbour Traders", ""],  # in the register, by email
        ["Chen Li", "", "", ""],                            # in the register, by name
        ["Frank Ode", "", "Harbour Traders", ""],
        ["frank  ode", "", "harbour traders", ""],          # same name and organisation as row 6
    ]))
    outcomes = [(r.location, r.outcome, r.entity_id) for r in plan.rows]
    assert outcomes == [("row 2", "create", None), ("row 3", "skip", None),
                        ("row 4", "unchanged", people[0].id), ("row 5", "unchanged", people[2].id),
                        ("row 6", "create", None), ("row 7", "skip", None)]
    assert plan.rows[1].message == "Same email as row 2 (ewa@example.org); this row was skipped."
    assert plan.rows[5].message.startswith("Same name and organisation as row 6")
    result = apply_import(plan)
    frank = Stakeholder.get(Stakeholder.display_name == "Frank Ode")
    assert frank.organisation_name == "Harbour Traders"   # linked to the existing organisation
    assert result.created == 2


def test_errors_name_row_and_column_and_go_to_an_error_report(write_csv, tmp_path):
    path = write_csv([["Given name", "Family name", "E-mail", "Phone", "Position", "Influence"],
                      ["Ann", "Bee", "ann@example.org", "07700 900001", "Opposed", "2"],
                      ["Cy", "Dee", "not-an-email", "07700 900002", "furious", "2"],
                      ["Eve", "", "x@example.org", "07700 900003", "", "9"]])
    plan = plan_import(path)
    assert plan.counts() == {"create": 1, "update": 0, "unchanged": 0, "skip": 2, "conflict": 0}
    assert plan.errors[0].startswith("row 3, column E-mail: “not-an-email” is not an email address")
    assert "column Position: “furious” is not one of" in plan.errors[0]
    assert plan.errors[1] == "row 4, column Influence: Influence must be between 1 and 5; got 9."
    report = tmp_path / "to-fix.xlsx"
    assert write_error_report(plan, report) == 2
    rows = [[c.value for c in r] for r in load_workbook(report).active.iter_rows()]
    assert rows[0] == ["Given name", "Family name", "E-mail", "Phone", "Position", "Influence", "Error"]
    assert rows[1][:4] == ["Cy", "Dee", "not-an-email", "07700 900002"] and rows[1][-1] == plan.errors[0]
    assert len(rows) == 3


def test_saved_mapping_follows_header_names_when_columns_move(write_csv, register):
    first = write_csv([["Surname", "Forename", "Tel. (work)", "Remarks"],
                       ["Nowak", "Ewa", "07700 900999", "met at fair"]], name="one.csv")
    plan = plan_import(first, mapping={"Tel. (work)": "phone", "Remarks": None})
    assert plan.options["mapping"] == {"Surname": "family_name", "Forename": "given_name",
                                       "Tel. (work)": "phone", "Remarks": None}
    apply_import(plan)
    second = write_csv([["Remarks", "Tel. (work)", "Forename", "Surname"],
                        ["seen again", "07700 900888", "Olu", "Ade"]], name="two.csv")
    plan = plan_import(second)
    assert plan.options["mapping"]["Tel. (work)"] == "phone" and plan.options["mapping"]["Remarks"] is None
    assert plan.rows[0].values["phone"] == "07700 900888" and plan.rows[0].values["notes"] == ""


def test_progress_and_cancelling(tmp_path):
    Stakeholder.insert_many([dict(display_name=f"Person {i}", sort_name=f"person {i}", given_name=f"P{i}")
                             for i in range(2500)]).execute()
    progress = RecordingProgress()
    xlsx.export(tmp_path / "all.xlsx", progress=progress)
    assert [d for d, _, _ in progress.reports] == [0, 1000, 2000, 2500]
    with pytest.raises(Cancelled):
        xlsx.export(tmp_path / "stopped.xlsx", progress=RecordingProgress(cancel_after=2))
    assert not (tmp_path / "stopped.xlsx").exists() and not list(tmp_path.glob(".*partial*"))
    with pytest.raises(Cancelled):
        plan_import(tmp_path / "all.xlsx", progress=RecordingProgress(cancel_after=1))


def test_chunked_export_sorts_by_name_and_writes_each_record_once(tmp_path):
    Stakeholder.insert_many([dict(display_name=n, sort_name=n.casefold()) for n in ("Cy", "Ann", "Bo") * 700]).execute()
    interactions_at = [datetime(2026, 1, 1 + i % 3) for i in range(2100)]
    Interaction.insert_many([dict(occurred_at=t, channel="call") for t in interactions_at]).execute()
    with open(csv_format.export(tmp_path / "s.csv").path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len({r["Commrel ID"] for r in rows}) == len(rows) == 2100
    assert [r["Name"] for r in rows[699:701]] == ["Ann", "Bo"]
    with open(csv_format.export(tmp_path / "i.csv", "interactions").path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len({r["Commrel ID"] for r in rows}) == len(rows) == 2100


def test_export_reads_links_in_a_few_grouped_queries(tmp_path, register):

    def queries(n):
        svc.bulk_tag([s.id for s in Stakeholder.select()], "bulk")
        with select_statements() as seen:
            xlsx.export(tmp_path / f"q{n}.xlsx")
        return len(seen)
    few = queries(1)
    Stakeholder.insert_many([dict(display_name=f"P {i}", sort_name=f"p {i}") for i in range(300)]).execute()
    assert queries(2) == few


def test_registry_offers_both_formats():
    assert for_path("x.xlsx").name == "xlsx" and for_path("x.CSV").name == "csv"
    assert for_path("x.xlsm", purpose="import").name == "xlsx"


@pytest.mark.sqlite_only
def test_the_backup_before_an_import_holds_the_register_as_it_was(write_csv, register):
    # The copy is written on its own connection while the import writes; it must not see those writes.
    rows = [["Given name", "Family name", "Email"]] + [["New", f"Person {n}", f"new{n}@example.org"]
                                                      for n in range(300)]
    result = apply_import(plan_import(write_csv(rows)))
    assert result.created == 300 and Stakeholder.select().count() == 305
    (backup,) = backups.list_backups()
    assert backup.reason == "before-import" and backup.stakeholders == 5


@pytest.mark.sqlite_only
def test_an_import_whose_backup_failed_is_not_committed(write_csv, register, monkeypatch):
    def fail(self, src, dest):
        self._error = OSError("disk full")
    monkeypatch.setattr(backups.PendingBackup, "_copy", fail)
    plan = plan_import(write_csv([["Given name", "Family name"], ["Ola", "Berg"]]))
    with pytest.raises(CommrelError, match="Could not back up the database before the import.*disk full"):
        apply_import(plan)
    assert Stakeholder.select().count() == 5 and backups.list_backups() == []
    assert ImportBatch.select().count() == 0


def test_a_large_import_is_searchable_and_an_updated_record_is_found_by_its_new_words(write_csv, register):
    _, people = register
    # Hundreds of new records are indexed as runs of ids, a few updated ones one by one.
    rows = [["Commrel ID", "Given name", "Family name", "Email"], [people[1].id, "Bob", "Stone", "bob@example.org"]]
    rows[1][2] = "Stonebridge"
    rows += [["", "Many", f"Newcomer{n:03d}", f"many{n}@example.org"] for n in range(250)]
    apply_import(plan_import(write_csv(rows)))
    assert search.search_ids("stakeholder", "Newcomer249") == [Stakeholder.get(Stakeholder.email == "many249@example.org").id]
    assert len(search.search_ids("stakeholder", "Newcomer", limit=500)) == 250
    assert search.search_ids("stakeholder", "Stonebridge") == [people[1].id]
    assert search.search_ids("stakeholder", "Stone") == [people[1].id]  # a prefix of the new name


def test_the_export_reads_every_stored_value_as_the_record_forms_do(register):
    # The export reads rows straight from the driver; what it gets must equal the models' values.
    from commrel.exchange.export_rows import _PlainDicts

    _, people = register
    svc.update(people[0].id, consent=True, consent_date="2026-03-01", do_not_contact=True)
    Stakeholder.update(last_contacted_at=datetime(2026, 5, 4, 9, 30, 15, 250000)).where(
        Stakeholder.id == people[1].id).execute()
    Stakeholder.update(last_contacted_at=datetime(2026, 5, 5, 10, 0)).where(Stakeholder.id == people[2].id).execute()
    q = Stakeholder.select().order_by(Stakeholder.id)
    plain, models = list(_PlainDicts(q)), list(q.dicts())
    assert plain == models
    assert [type(v) for v in plain[1].values()] == [type(v) for v in models[1].values()]
    assert plain[2]["last_contacted_at"] == datetime(2026, 5, 4, 9, 30, 15, 250000)


@pytest.mark.sqlite_only
def test_an_import_gives_back_the_memory_it_borrowed_for_its_writes(write_csv, register):
    from commrel.models import database

    usual = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    apply_import(plan_import(write_csv([["Given name", "Family name"], ["Ola", "Berg"]])))
    assert database.execute_sql("PRAGMA cache_size").fetchone()[0] == usual
    # Also when the import fails half way: here the record changed after the plan was made.
    person = svc.get(register[1][0].id)
    plan = plan_import(write_csv([["Commrel ID", "Row version", "Given name", "Family name"],
                                  [person.id, person.version, "Amina", "Okafor-Reed"]], name="second.csv"))
    svc.update(person.id, notes="Called about the footbridge")
    with pytest.raises(CommrelError, match="changed in Commrel after the import was planned"):
        apply_import(plan)
    assert database.execute_sql("PRAGMA cache_size").fetchone()[0] == usual
