"""Fuzzing workbook import: cells of every type, and archives that are cut, stripped or corrupted."""
from __future__ import annotations

import builtins
import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from commrel.errors import CommrelError
from commrel.exchange import spreadsheet_import
from fuzz_contract import FUZZ, plan_or_refuse
from sheet_apply import apply_and_check, seed_register
from sheet_strategies import KINDS, text_sheet, typed_sheet

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def shared_strings_workbook(rows: list[list[str]]) -> dict[str, bytes]:
    """The parts of a minimal workbook as Excel writes it: every text in sharedStrings.xml."""
    strings: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            index = strings.setdefault(value, len(strings))
            ref = f"{chr(65 + c % 26) * (1 + c // 26)}{r}"
            cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" for s in strings)
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>{"".join(sheet_rows)}'
            '</sheetData></worksheet>'),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(strings)}" uniqueCount="{len(strings)}">'
            f'{shared}</sst>'),
    } | {}


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            # A fixed date: the same example must give the same bytes, or hypothesis cannot replay it.
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as zf:  # rewritten with fixed dates, see _zip
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z",
                                        parts["docProps/core.xml"])
    return _zip(parts)


def _clean_text(value: str) -> str:
    # XML 1.0 cannot hold most control characters or lone surrogates; Excel never writes them.
    return "".join(ch for ch in value if ch in "\t\n\r" or (" " <= ch and not "\ud800" <= ch <= "\udfff"
                                                              and ch not in "\ufffe\uffff"))


XML_DAMAGE = [
    ("<v>", "<v>-1"), ("<v>", "<v>99999"), ("<v>", "<v>x"), ("</v>", ""), ('t="s"', 't="e"'), ('t="s"', 't="b"'),
    ('t="s"', 't="d"'), ('t="s"', 't="n"'), ('t="s"', 't="str"'), ('t="s"', 't="zz"'), ('r="A1"', 'r="ZZZZZZ1"'),
    ('r="A', 'r="A0'), ('r="1"', 'r="0"'), ('r="2"', 'r="1048577"'), ('r="2"', 'r="4294967296"'),
    ("<row ", "<row><row "), ("</sheetData>", ""), ("<si>", "<si><r><t>x"), ("</si>", ""),
    ('count="', 'count="-'), ('uniqueCount="', 'uniqueCount="999999999'), ("<sst ", "<sst><sst "),
    ('name="Sheet1"', 'name=""'), ('name="Sheet1"', 'name="Sheet1" state="hidden"'), ('r:id="rId1"', 'r:id="rId9"'),
    ('Target="worksheets/sheet1.xml"', 'Target="../../../../etc/passwd"'), ('Target="sharedStrings.xml"', 'Target="/"'),
    ('Target="xl/workbook.xml"', 'Target="xl/nothing.xml"'), ('encoding="UTF-8"', 'encoding="UTF-16"'),
    ('encoding="UTF-8"', 'encoding="EBCDIC"'), ("<t ", "<t xml:space=\"x\" "), ("&", "&amp;amp;&#0;&#xD800;"),
]


@st.composite
def damaged_workbook(draw) -> tuple[str, bytes]:
    kind = draw(KINDS)
    rows = [[_clean_text(c) for c in row] for row in draw(text_sheet(kind))]
    if draw(st.booleans()):
        parts = shared_strings_workbook(rows)
    else:
        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        with zipfile.ZipFile(io.BytesIO(_saved(wb))) as zf:
            parts = {name: zf.read(name) for name in zf.namelist()}
    parts = {k: v if isinstance(v, bytes) else v.encode() for k, v in parts.items()}
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["remove", "replace", "flip", "cut_part", "junk_part"]))
        name = draw(st.sampled_from(sorted(parts)))
        if op == "remove" and len(parts) > 1:
            del parts[name]
        elif op == "replace":
            old, new = draw(st.sampled_from(XML_DAMAGE))
            parts[name] = parts[name].replace(old.encode(), new.encode(), draw(st.sampled_from([1, -1])))
        elif op == "flip" and parts[name]:
            data = bytearray(parts[name])
            for _ in range(draw(st.integers(1, 4))):
                i = draw(st.integers(0, len(data) - 1))
                data[i] ^= draw(st.integers(1, 255))
            parts[name] = bytes(data)
        elif op == "cut_part":
            parts[name] = parts[name][:draw(st.integers(0, len(parts[name])))]
        elif op == "junk_part":
            parts[draw(st.sampled_from([name, "xl/worksheets/sheet2.xml", "xl/vbaProject.bin"]))] = draw(
                st.binary(max_size=200))
    data = _zip(parts)
    if draw(st.integers(0, 4)) == 0:  # the archive itself cut short or damaged
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] if draw(st.booleans()) else data[:cut] + bytes([data[cut] ^ 0xFF]) + data[cut + 1:] \
            if cut < len(data) else data
    return kind, data


@st.composite
def typed_workbook(draw) -> tuple[str, bytes]:
    kind = draw(KINDS)
    wb = Workbook()
    ws = wb.active
    ws.title = draw(st.sampled_from(["Sheet1", "Stakeholders", "Events", "About", "x" * 31, "Données 2026"]))
    for row in draw(typed_sheet(kind)):
        ws.append([_clean_text(v) if isinstance(v, str) else v for v in row])
    return kind, _saved(wb)


def _check(tmp_path, kind: str, data: bytes, name: str = "in.xlsx") -> None:
    path = tmp_path / name
    path.write_bytes(data)
    plan = plan_or_refuse(spreadsheet_import.plan_import, path, kind=kind)
    if plan is not None:
        apply_and_check(plan)


@FUZZ
@given(typed_workbook())
def test_cells_of_every_type_plan_or_are_refused_and_apply_only_what_was_planned(tmp_path, fresh_db, book):
    fresh_db()
    seed_register()
    _check(tmp_path, *book)


@FUZZ
@given(damaged_workbook())
def test_a_damaged_workbook_plans_or_is_refused(tmp_path, fresh_db, book):
    fresh_db()
    seed_register()
    _check(tmp_path, *book)


@FUZZ
@given(KINDS, st.binary(max_size=2048), st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06" + bytes(18)]))
def test_random_bytes_named_xlsx(tmp_path, fresh_db, kind, data, prefix):
    fresh_db()
    _check(tmp_path, kind, prefix + data)


def test_a_shared_strings_workbook_reads(tmp_path):
    """The hand-made workbook the fuzzer damages is itself a good one."""
    path = tmp_path / "shared.xlsx"
    path.write_bytes(_zip(shared_strings_workbook([["Given name", "Family name", "Email"],
                                                   ["Amina", "Diallo", "amina@example.org"]])))
    plan = spreadsheet_import.plan_import(path)
    assert plan.counts()["create"] == 1 and not plan.errors


@pytest.mark.parametrize("old, new", [(b"summaryBelow", b"rummaryBelow"), (b"</row>", b"</rows>")])
def test_the_fallback_reader_refuses_a_damaged_sheet_too(tmp_path, monkeypatch, old, new):
    """Found by fuzzing: when python-calamine cannot open a workbook, openpyxl's errors escaped unexplained."""
    real_import = builtins.__import__

    def no_calamine(name, *args, **kwargs):
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_calamine)
    wb = Workbook()
    wb.active.append(["Given name", "Family name"])
    wb.active.append(["Amina", "Diallo"])
    with zipfile.ZipFile(io.BytesIO(_saved(wb))) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    assert old in parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(old, new)
    path = tmp_path / "fallback.xlsx"
    path.write_bytes(_zip(parts))
    with pytest.raises(CommrelError, match=r"^fallback.xlsx: cannot be read \(.+\); it may be damaged\.$"):
        spreadsheet_import.plan_import(path)
