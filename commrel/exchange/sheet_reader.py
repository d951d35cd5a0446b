"""Rows out of a spreadsheet file, one list of cell values per row.

Workbooks are read with python-calamine (fast, typed cells), falling back to
openpyxl's read-only mode. A workbook is checked before it is opened: an
encrypted or old-format file, a file that is not a workbook at all, an
archive that would unpack to an absurd size, and XML that declares a document
type (the way into entity-expansion and external-entity attacks) are refused
with a message that says so. CSV files are streamed; their encoding (UTF-8
with or without BOM, else Windows-1252) and delimiter (comma, semicolon or
tab) are detected. A file of more than ``MAX_ROWS`` rows is refused.
"""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from ..errors import ExchangeError

# A plan holds every row (about 2 KB each), so this keeps a plan within a few
# hundred megabytes; a longer file is refused before planning starts.
MAX_ROWS = 250_000
# A workbook's parts may not unpack to more than this, nor any large part
# expand more than MAX_RATIO times (a "zip bomb").
MAX_UNCOMPRESSED_BYTES = 2 * 1024 ** 3
MAX_RATIO = 200
_RATIO_FLOOR = 16 * 1024 ** 2
MAX_PARTS = 10_000
# An XML part must reach its first element within this many bytes (a prolog is a line or two).
_PROLOG_LIMIT = 1024 ** 2
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
# Names of sheets Commrel writes that hold no records.
NON_DATA_SHEETS = ("about", "lists")

csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 ** 2))


@dataclass
class Source:
    """One sheet of a file, readable more than once (rows come fresh on every call)."""

    path: Path
    format: str  # "xlsx" or "csv"
    sheet: str
    sheet_names: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    _calamine: Any = None
    # Calamine parses a whole sheet when it is asked for it; planning reads the rows three times
    # (header, checks, values), so the parsed sheet is kept rather than parsed again each time.
    _sheet: Any = field(default=None, repr=False)
    _parsing: Future | None = field(default=None, repr=False)

    def read_ahead(self) -> None:
        """Start parsing the sheet on a worker thread; :meth:`rows` waits for it.

        Calamine parses without holding Python's lock, so the caller can read
        the register meanwhile: a 100,000-row sheet takes it about 1.7 s on a
        laptop core, and the register's index for matching rows about 0.4 s.
        A file openpyxl reads, or a CSV file, is read as before.
        """
        if self._calamine is None or self._sheet is not None or self._parsing is not None:
            return
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet-parse")
        self._parsing = worker.submit(self._calamine.get_sheet_by_name, self.sheet)
        worker.shutdown(wait=False)  # the thread ends with the parse

    @property
    def name(self) -> str:
        return self.path.name

    def rows(self) -> Iterator[list[Any]]:
        """Every row from the first, blank ones included, so that row numbers are the sheet's."""
        it = self._csv_rows() if self.format == "csv" else self._xlsx_rows()
        # islice passes the rows on without a Python step per row; the limit is checked once.
        yield from islice(it, MAX_ROWS)
        if next(it, None) is not None:
            raise ExchangeError(f"has more than {MAX_ROWS:,} rows; Commrel reads at most that many. "
                                "Split it into smaller files.", file=self.name)

    def _xlsx_rows(self) -> Iterator[list[Any]]:
        if self._calamine is not None:
            try:
                if self._sheet is None:
                    parsing, self._parsing = self._parsing, None
                    self._sheet = (parsing.result() if parsing is not None
                                   else self._calamine.get_sheet_by_name(self.sheet))
                yield from self._sheet.iter_rows()
                return
            except Exception as exc:  # noqa: BLE001 - any reader failure is a damaged file to the user
                raise ExchangeError(f"cannot be read ({_calamine_reason(exc, self.sheet)}); it may be damaged.",
                                    file=self.name) from exc
        from openpyxl import load_workbook

        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a damaged part surfaces as any of several errors
            raise ExchangeError(f"is damaged and cannot be opened ({exc}).", file=self.name) from exc
        try:
            for row in wb[self.sheet].iter_rows(values_only=True):
                yield list(row)
        except Exception as exc:  # noqa: BLE001 - as above, found while reading the rows
            raise ExchangeError(f"cannot be read ({exc}); it may be damaged.", file=self.name) from exc
        finally:
            wb.close()

    def _csv_rows(self) -> Iterator[list[str]]:
        with open(self.path, encoding=self.encoding, errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter=self.delimiter)
            number = 0
            try:
                for number, row in enumerate(reader, 1):
                    yield row
            except csv.Error as exc:
                raise ExchangeError(f"cannot be read as CSV ({exc}).", file=self.name, row=number + 1) from exc


def _calamine_reason(exc: Exception, sheet: str) -> str:
    """Calamine's complaint, said so a person knows where: its XML errors are often a bare
    fragment of the XML (a cut-short sheet gives just "t")."""
    if type(exc).__name__ == "XmlError":
        return f"sheet “{sheet}” is not well-formed XML: {exc}"
    return str(exc)


def open_source(path: str | Path, *, sheet: str | None = None, prefer: tuple[str, ...] = ()) -> Source:
    """Open ``sheet`` (else the first of ``prefer`` present, else the first data sheet) of ``path``."""
    path = Path(path)
    if not path.is_file():
        raise ExchangeError("does not exist or is not a file.", file=str(path))
    if path.stat().st_size == 0:
        raise ExchangeError("is empty (0 bytes).", file=path.name)
    if path.suffix.lower() in CSV_EXTENSIONS:
        return _open_csv(path)
    return _open_workbook(path, sheet, prefer)


# Workbooks -----------------------------------------------------------------------

def check_workbook(path: Path) -> None:
    """Refuse what is not a readable .xlsx before any parser sees it."""
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    if head.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in head or b"EncryptedPackage" in head:
            raise ExchangeError("is protected with a password. Open it in Excel, remove the password "
                                "(File > Info > Protect Workbook), save it and import it again.", file=path.name)
        raise ExchangeError("is not an .xlsx workbook: it is a password-protected workbook or an old Excel "
                            "97-2003 (.xls) file. Remove the password or save it as “Excel Workbook (.xlsx)” "
                            "and import it again.", file=path.name)
    if not head.startswith(b"PK"):
        hint = ""
        if head and _looks_like_text(head):
            hint = " It looks like a text (CSV) file; rename it to .csv to import it."
        raise ExchangeError(f"is not an Excel workbook (.xlsx) although it is named like one.{hint}",
                            file=path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExchangeError(f"is damaged and cannot be opened ({exc}).", file=path.name) from exc
    names = {i.filename.lower() for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise ExchangeError("is a ZIP archive but not an Excel workbook (an OpenDocument or Word file "
                            "renamed?). Save it as “Excel Workbook (.xlsx)” first.", file=path.name)
    if "xl/workbook.bin" in names:
        raise ExchangeError("is a binary workbook (.xlsb); save it as “Excel Workbook (.xlsx)” first.",
                            file=path.name)
    if len(infos) > MAX_PARTS:
        raise ExchangeError(f"holds {len(infos):,} parts; a workbook has far fewer, so it is refused as unsafe.",
                            file=path.name)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ExchangeError(f"would unpack to {total / 1024 ** 2:,.0f} MB, more than Commrel accepts "
                            f"({MAX_UNCOMPRESSED_BYTES / 1024 ** 2:,.0f} MB). Split it into smaller files.",
                            file=path.name)
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExchangeError(f"has a part ({info.filename}) that expands {info.file_size // max(info.compress_size, 1):,} "
                                "times when unpacked; it is refused as unsafe (a “zip bomb”).", file=path.name)
    _refuse_document_types(path, [i for i in infos if i.filename.lower().endswith((".xml", ".rels", ".vml"))])


class _RootReached(Exception):
    pass


class _StopAtRoot:
    """A parser target that stops at the first element: only the prolog is read."""

    def start(self, tag, attrib):
        raise _RootReached

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        pass


def _refuse_document_types(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook whose XML declares a document type.

    Excel never writes a DTD; one in a workbook is there to declare entities
    that expand a few bytes into gigabytes ("billion laughs") or read other
    files (XXE). defusedxml reads each part's prolog only, up to its first
    element, so this costs a few kilobytes per part whatever the file's size.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, XMLParser

    try:
        with zipfile.ZipFile(path) as zf:
            for info in parts:
                parser = XMLParser(target=_StopAtRoot(), forbid_dtd=True)
                read = 0
                try:
                    with zf.open(info) as member:
                        while chunk := member.read(16 * 1024):
                            parser.feed(chunk)
                            read += len(chunk)
                            if read > _PROLOG_LIMIT:
                                raise ExchangeError(f"has a part ({info.filename}) whose XML does not start within "
                                                    f"{_PROLOG_LIMIT // 1024 ** 2} MB; it may be damaged.",
                                                    file=path.name)
                except _RootReached:
                    continue
                except DefusedXmlException:
                    raise ExchangeError(f"has a part ({info.filename}) that declares an XML document type (DTD). "
                                        "Excel never writes one; it is how “XML bomb” and external-entity attacks "
                                        "work, so the file is refused as unsafe.", file=path.name) from None
                except ParseError:
                    continue  # damaged XML: the reader says so, with more to go on
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error, NotImplementedError) as exc:
        raise ExchangeError(f"is damaged and cannot be opened ({exc}).", file=path.name) from exc


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a character cut at the end of the sample


def _open_workbook(path: Path, sheet: str | None, prefer: tuple[str, ...]) -> Source:
    check_workbook(path)
    workbook = None
    try:
        import python_calamine

        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        visible = [m.name for m in workbook.sheets_metadata
                   if str(m.visible).endswith(".Visible") and str(m.typ).endswith(".WorkSheet")] or names
    except ImportError:
        names = visible = _openpyxl_sheet_names(path)
    except Exception as exc:  # noqa: BLE001 - calamine's errors are not in one hierarchy; try openpyxl
        if "password" in str(exc).lower():
            raise ExchangeError("is protected with a password; remove it and import again.", file=path.name) from exc
        workbook = None
        names = visible = _openpyxl_sheet_names(path)
    if sheet is not None:
        if sheet not in names:
            raise ExchangeError(f"has no sheet named “{sheet}”; its sheets are: {', '.join(names)}.",
                                file=path.name)
        chosen = sheet
    else:
        lowered = {n.casefold(): n for n in visible}
        chosen = next((lowered[p.casefold()] for p in prefer if p.casefold() in lowered), None)
        if chosen is None:
            data = [n for n in visible if n.casefold() not in NON_DATA_SHEETS]
            if not data:
                raise ExchangeError("has no sheet with data.", file=path.name)
            chosen = data[0]
    return Source(path, "xlsx", chosen, names, _calamine=workbook)


def _openpyxl_sheet_names(path: Path) -> list[str]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged part surfaces as any of several errors
        raise ExchangeError(f"is damaged and cannot be opened ({exc}).", file=path.name) from exc
    try:
        return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] or wb.sheetnames
    finally:
        wb.close()


# CSV -------------------------------------------------------------------------------

def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` with a BOM, ``utf-8`` if every byte decodes as UTF-8, else ``cp1252``."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 18):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def detect_delimiter(sample: str) -> str:
    """The delimiter that splits the most lines into the same number (at least two) of fields."""
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            # newline="": lines may end in CR alone, as Excel for Mac long wrote them.
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                    if any(c.strip() for c in r)]
        except csv.Error:
            continue
        # Lines of one field (a title, a note) say nothing about the delimiter.
        counts = Counter(len(r) for r in rows[:200] if len(r) >= 2)
        if not counts:
            continue
        width, agreeing = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: Path) -> Source:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"PK\x03\x04") or head.startswith(_OLE):
        raise ExchangeError("is an Excel workbook, not a CSV file; rename it to .xlsx to import it.",
                            file=path.name)
    encoding = detect_encoding(path)
    if encoding != "utf-16" and b"\x00" in head:
        raise ExchangeError("is not a text (CSV) file.", file=path.name)
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        sample = fh.read(64 * 1024)
        if fh.read(1):
            sample = sample[:max(sample.rfind("\n"), sample.rfind("\r")) + 1] or sample
    return Source(path, "csv", "", [], encoding=encoding, delimiter=detect_delimiter(sample))
