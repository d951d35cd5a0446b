"""Files as partners send them: encodings, delimiters, titles, and files that are not what they say."""
import zipfile

import pytest

from commrel.errors import ExchangeError
from commrel.exchange import sheet_reader, xlsx
from commrel.exchange.spreadsheet_import import plan_import
from commrel.models import Stakeholder
from commrel.services import stakeholders as svc

PEOPLE = [["Given name", "Family name", "Email", "Neighbourhood"],
          ["Zoë", "Ångström", "zoe@example.org", "Île Verte"],
          ["José", "Núñez", "jose@example.org", "Señora Park"]]


def _names(plan):
    return [(r.values["given_name"], r.values["family_name"], r.values["neighbourhood"]) for r in plan.rows]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_accents_survive_every_encoding(write_csv, encoding):
    plan = plan_import(write_csv(PEOPLE, encoding=encoding))
    assert _names(plan) == [("Zoë", "Ångström", "Île Verte"), ("José", "Núñez", "Señora Park")]
    assert plan.options["encoding"] == encoding


def test_semicolon_separated_file_with_commas_in_values(write_csv):
    rows = [["Name", "Address", "Email"], ["Harbour Traders", "1 Quay St, Port", "ht@example.org"],
            ["Mill Lane Residents", "2 Mill Ln, Port", ""]]
    plan = plan_import(write_csv(rows, delimiter=";"))
    assert plan.options["delimiter"] == ";"
    assert [r.values["address"] for r in plan.rows] == ["1 Quay St, Port", "2 Mill Ln, Port"]


def test_header_below_a_title_row_in_a_workbook(write_xlsx):
    path = write_xlsx([["Residents' association contacts, March"], [], PEOPLE[0], PEOPLE[1], [], PEOPLE[2]])
    plan = plan_import(path)
    assert plan.options["header_row"] == 3
    assert [r.location for r in plan.rows] == ["row 4", "row 6"]


def test_header_below_a_title_row_in_a_csv(write_csv):
    plan = plan_import(write_csv([["Contacts from the fair"], ["exported by the council"], *PEOPLE]))
    assert plan.options["header_row"] == 3 and plan.counts()["create"] == 2


def test_unknown_sheet_names_the_sheets_there_are(write_xlsx):
    path = write_xlsx(PEOPLE, sheet="People", extra_sheets=["Notes"])
    with pytest.raises(ExchangeError, match="no sheet named “Contacts”; its sheets are: People, Notes"):
        plan_import(path, sheet="Contacts")
    assert plan_import(path, sheet="People").counts()["create"] == 2


def test_empty_sheet(write_xlsx, changes):
    with pytest.raises(ExchangeError, match="in.xlsx, sheet “Sheet1”: is empty"):
        plan_import(write_xlsx([]))
    assert changes() == 0


def test_header_without_rows(write_csv):
    with pytest.raises(ExchangeError, match="no rows below them"):
        plan_import(write_csv([PEOPLE[0]]))


def test_no_header_row(write_xlsx):
    with pytest.raises(ExchangeError, match="has no header row.*e.g. Kind, Name"):
        plan_import(write_xlsx([["apples", "pears"], [1, 2]]))


def test_corrupt_workbook(tmp_path, changes):
    good = xlsx.export(tmp_path / "good.xlsx").path.read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(ExchangeError, match="bad.xlsx: is damaged"):
        plan_import(bad)
    assert changes() == 0


def test_text_file_named_xlsx(tmp_path):
    fake = tmp_path / "contacts.xlsx"
    fake.write_text("Name,Email\nAmina,amina@example.org\n")
    with pytest.raises(ExchangeError, match="contacts.xlsx: is not an Excel workbook.*rename it to .csv"):
        plan_import(fake)


def test_password_protected_workbook(tmp_path, changes):
    # Excel saves an encrypted workbook as an OLE compound file holding "EncryptionInfo".
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(ExchangeError, match="locked.xlsx: is protected with a password"):
        plan_import(locked)
    bare = tmp_path / "old.xlsx"
    bare.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024))
    with pytest.raises(ExchangeError, match="password-protected workbook or an old Excel 97-2003"):
        plan_import(bare)
    assert changes() == 0


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(ExchangeError, match="ZIP archive but not an Excel workbook"):
        plan_import(path)


def test_decompression_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", bytes(40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ExchangeError, match="zip bomb"):
        plan_import(path)


def test_workbook_too_large_when_unpacked(tmp_path, monkeypatch):
    path = xlsx.export(tmp_path / "big.xlsx").path
    monkeypatch.setattr(sheet_reader, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ExchangeError, match="big.xlsx: would unpack to"):
        plan_import(path)


def test_row_limit(write_csv, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 5)
    rows = [PEOPLE[0]] + [[f"P{i}", "Q", f"p{i}@example.org", ""] for i in range(10)]
    with pytest.raises(ExchangeError, match="more than 5 rows"):
        plan_import(write_csv(rows))


def test_workbook_xml_is_parsed_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_excel_workbook_named_csv(tmp_path):
    wrong = tmp_path / "list.csv"
    wrong.write_bytes(xlsx.export(tmp_path / "x.xlsx").path.read_bytes())
    with pytest.raises(ExchangeError, match="is an Excel workbook, not a CSV file"):
        plan_import(wrong)


def test_missing_and_zero_byte_files(tmp_path):
    with pytest.raises(ExchangeError, match="does not exist"):
        plan_import(tmp_path / "nothing.xlsx")
    (tmp_path / "zero.csv").write_bytes(b"")
    with pytest.raises(ExchangeError, match="zero.csv: is empty"):
        plan_import(tmp_path / "zero.csv")


def test_planning_writes_nothing(write_csv, changes):
    svc.create(given_name="Zoë", family_name="Ångström", email="zoe@example.org")
    before = changes()
    plan = plan_import(write_csv(PEOPLE + [["Ann", "Bee", "not-an-email", ""]]))
    assert plan.counts()["create"] == 1 and plan.counts()["update"] == 1 and len(plan.errors) == 1
    assert changes() == before
    assert Stakeholder.select().count() == 1


def test_reader_falls_back_to_openpyxl(write_xlsx, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_calamine(name, *args, **kwargs):
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_calamine)
    plan = plan_import(write_xlsx([["Title"], PEOPLE[0], PEOPLE[1]]))
    assert plan.options["header_row"] == 2 and _names(plan)[0][0] == "Zoë"


def _with_sheet_part(path, change):
    """The workbook at ``path`` with its first sheet's XML passed through ``change``."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_a_sheet_read_ahead_gives_the_rows_it_would_have_given(write_xlsx):
    path = write_xlsx([["Title"], *PEOPLE])
    ahead = sheet_reader.open_source(path)
    ahead.read_ahead()
    assert list(ahead.rows()) == list(sheet_reader.open_source(path).rows())
    assert list(ahead.rows())[2][:2] == ["Zoë", "Ångström"]  # read again from the kept sheet


def test_a_sheet_that_fails_while_read_ahead_is_reported_as_damaged(write_xlsx, changes):
    """The workbook opens, its sheet's XML does not parse: the worker thread's error reaches the user."""
    path = _with_sheet_part(write_xlsx(PEOPLE, name="cut.xlsx"), lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ExchangeError, match=r"^cut.xlsx: cannot be read \(.+\); it may be damaged\.$"):
        plan_import(path)
    assert changes() == 0


def test_a_cut_short_sheet_says_which_sheet_is_broken(write_xlsx, changes):
    """Calamine's own message for a sheet cut off mid-tag can be a single letter of the XML."""
    path = write_xlsx([["Given name", "Family name", "Email"], ["Bo", "Lee", "bo@example.org"]],
                      name="short.xlsx", sheet="People")
    _with_sheet_part(path, lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ExchangeError) as caught:
        plan_import(path)
    assert str(caught.value).startswith("short.xlsx: cannot be read (sheet “People” is not well-formed XML: ")
    assert str(caught.value).endswith("); it may be damaged.")
    assert changes() == 0
