"""Files built to hurt: zip and XML bombs, and files too big to hold, refused or streamed in bounded memory."""
from __future__ import annotations

import builtins
import csv
import os
import struct
import tracemalloc
import zipfile
from contextlib import contextmanager

import pytest
from openpyxl import Workbook

from commrel.errors import ExchangeError
from commrel.exchange import import_events_concerns, import_stakeholders, sheet_reader  # noqa: F401
from commrel.exchange.spreadsheet_import import plan_import

# Modules are imported above, not during the first traced import, so that memory figures count files only.

MB = 1024 ** 2
# The large CSV is 20 MB in CI; COMMREL_BIG_CSV_MB=200 runs the full-size check.
BIG_CSV_MB = int(os.environ.get("COMMREL_BIG_CSV_MB", "20"))


@contextmanager
def traced():
    """Yields a dict that gets "peak" and "current" (bytes Python allocated) when the block ends."""
    tracemalloc.start()
    figures: dict[str, int] = {}
    try:
        yield figures
    finally:
        figures["current"], figures["peak"] = tracemalloc.get_traced_memory()
        tracemalloc.stop()


def _workbook(path, rows=(("Given name", "Family name"), ("Amina", "Diallo"))):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def _replace_part(path, name: str, data: bytes | None = None, *, stream=None) -> None:
    """Rewrite ``path`` with part ``name`` replaced by ``data`` (or by the chunks of ``stream``)."""
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist() if n != name}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
        if stream is None:
            zf.writestr(name, data)
        else:
            with zf.open(name, "w", force_zip64=True) as out:
                for chunk in stream:
                    out.write(chunk)


def _declare_size(path, name: str, size: int) -> None:
    """Make the archive claim that part ``name`` unpacks to ``size`` bytes (headers only)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + length] == encoded:
            data[at + 24:at + 28] = struct.pack("<I", size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _sheet_xml_rows(total: int):
    """Valid worksheet XML of about ``total`` bytes, in 1 MB chunks: one row repeated."""
    yield (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><sheetData>')
    row = b'<row><c t="inlineStr"><is><t>Amina</t></is></c><c t="inlineStr"><is><t>Diallo</t></is></c></row>'
    chunk = row * (MB // len(row))
    for _ in range(total // len(chunk)):
        yield chunk
    yield b"</sheetData></worksheet>"


def test_a_workbook_claiming_more_than_the_limit_is_refused_unread(tmp_path):
    path = _workbook(tmp_path / "huge.xlsx")
    _declare_size(path, "xl/worksheets/sheet1.xml", 3 * 1024 ** 3)
    with traced() as memory, pytest.raises(ExchangeError) as refused:
        plan_import(path)
    assert str(refused.value).startswith("huge.xlsx: would unpack to 3,07")
    assert "more than Commrel accepts (2,048 MB). Split it into smaller files." in str(refused.value)
    assert memory["peak"] < 2 * MB


def test_a_highly_compressible_sheet_is_refused_as_a_zip_bomb_before_it_is_read(tmp_path):
    path = _workbook(tmp_path / "bomb.xlsx")
    _replace_part(path, "xl/worksheets/sheet1.xml", stream=_sheet_xml_rows(200 * MB))
    assert path.stat().st_size < 2 * MB
    with traced() as memory, pytest.raises(ExchangeError, match=r"bomb.xlsx: has a part \(xl/worksheets/sheet1.xml\) "
                                                                r"that expands [\d,]+ times.*zip bomb"):
        plan_import(path)
    assert memory["peak"] < 2 * MB  # the 200 MB were never unpacked


def test_a_sheet_past_the_size_limit_is_refused_with_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_UNCOMPRESSED_BYTES", 16 * MB)
    path = _workbook(tmp_path / "big.xlsx")
    _replace_part(path, "xl/worksheets/sheet1.xml", stream=_sheet_xml_rows(24 * MB))
    with traced() as memory, pytest.raises(ExchangeError, match=r"big.xlsx: would unpack to 24 MB, more than "
                                                                r"Commrel accepts \(16 MB\)"):
        plan_import(path)
    assert memory["peak"] < 2 * MB


def test_a_part_whose_size_is_a_lie_is_refused_as_damaged(tmp_path):
    # The header says 5 KB; the data unpacks to 20 MB. Readers stop at the stated size and the check fails.
    path = _workbook(tmp_path / "liar.xlsx")
    _replace_part(path, "xl/worksheets/sheet1.xml", stream=_sheet_xml_rows(20 * MB))
    _declare_size(path, "xl/worksheets/sheet1.xml", 5000)
    with traced() as memory, pytest.raises(ExchangeError, match="liar.xlsx: is damaged and cannot be opened"):
        plan_import(path)
    assert memory["peak"] < 2 * MB


def test_an_archive_of_too_many_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_PARTS", 5)
    path = _workbook(tmp_path / "parts.xlsx")
    with pytest.raises(ExchangeError, match=r"parts.xlsx: holds \d+ parts; a workbook has far fewer"):
        plan_import(path)


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
          + "]>")
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("part, prolog, payload", [
    ("xl/worksheets/sheet1.xml", LAUGHS, "&lol9;"),
    ("xl/workbook.xml", LAUGHS, "&lol9;"),
    ("[Content_Types].xml", LAUGHS, ""),
    ("xl/worksheets/sheet1.xml", XXE, "&secret;"),
])
@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_xml_entity_bombs_and_external_entities_are_refused(tmp_path, monkeypatch, part, prolog, payload, reader):
    if reader == "openpyxl":  # without python-calamine the fallback reader is protected the same way
        real_import = builtins.__import__

        def no_calamine(name, *args, **kwargs):
            if name == "python_calamine":
                raise ImportError(name)
            return real_import(name, *args, **kwargs)
        monkeypatch.setattr(builtins, "__import__", no_calamine)
    path = _workbook(tmp_path / "laughs.xlsx")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(part).decode()
    if xml.startswith("<?xml"):
        xml = xml[xml.index("?>") + 2:]
    xml = (prolog + xml).replace("<t>Amina</t>", f"<t>{payload}</t>")
    _replace_part(path, part, xml.encode())
    with traced() as memory, pytest.raises(ExchangeError) as refused:
        plan_import(path)
    assert str(refused.value) == (
        f"laughs.xlsx: has a part ({part}) that declares an XML document type (DTD). Excel never writes one; it is "
        "how “XML bomb” and external-entity attacks work, so the file is refused as unsafe.")
    assert memory["peak"] < 2 * MB


def test_a_workbook_with_more_rows_than_the_limit_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 5)
    path = _workbook(tmp_path / "long.xlsx", [("Given name", "Family name")] + [(f"P{i}", "Q") for i in range(10)])
    with pytest.raises(ExchangeError, match=r"long.xlsx: has more than 5 rows; Commrel reads at most that many\. "
                                            r"Split it into smaller files\."):
        plan_import(path)


def _write_csv(path, size: int, note: int) -> int:
    """A CSV of about ``size`` bytes whose rows carry ``note`` characters of notes; returns the row count."""
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Given name", "Family name", "Email", "Neighbourhood", "Notes"])
        while fh.tell() < size:
            writer.writerows([[f"Given{i}", f"Family{i}", f"p{i}@example.org", "Riverside", "n" * note]
                              for i in range(rows, rows + 1000)])
            rows += 1000
    return rows


def test_a_large_csv_streams_through_planning(tmp_path):
    """Reading never holds the file: beyond the plan's own rows, memory stays under a tenth of its size."""
    path = tmp_path / "large.csv"
    rows = _write_csv(path, BIG_CSV_MB * MB, note=2000)
    size = path.stat().st_size
    with traced() as memory:
        plan = plan_import(path)
    assert len(plan.rows) == rows and plan.counts()["create"] == rows
    beyond_plan = memory["peak"] - memory["current"]  # what reading took on top of the plan it returned
    assert beyond_plan < size / 10, (beyond_plan, size)


def test_a_csv_longer_than_the_row_limit_is_refused_before_planning(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 50_000)  # the real limit needs a 15 MB file to pass; same path
    path = tmp_path / "register.csv"
    assert _write_csv(path, 4 * MB, note=0) > 50_000
    with traced() as memory, pytest.raises(ExchangeError, match="register.csv: has more than 50,000 rows; Commrel "
                                                                "reads at most that many. Split it"):
        plan_import(path)
    assert memory["peak"] < 2 * MB  # counted, not kept: the same 1 MB or so of sniffing whatever the size
