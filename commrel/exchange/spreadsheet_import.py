"""Importing a sheet (xlsx or CSV): plan first, touching nothing; then apply in one transaction.

:func:`plan_import` finds the header row, maps the columns, reads every
value, and says per row what importing would do: create, update (with the
cell-level differences), unchanged, skip (with the reason), or conflict
(the record also changed in Commrel since the sheet was exported).
:func:`apply_import` takes a backup, then writes the creates and updates in
one transaction as an import batch that ``batches.undo`` reverses.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .. import backups, collector
from ..errors import ExchangeError
from ..models import database
from ..services import bulk
from ..services.batches import BatchRecorder
from . import ImportPlan, ImportResult, PlannedRow
from .columns import IMPORT_KINDS, SHEETS, Column
from .export_rows import Ticker
from .mapping import HEADER_SCAN_ROWS, HeaderMatch, find_header, save_mapping, saved_mapping
from .sheet_reader import open_source
from .values import DATE_ORDERS, CellError, DateOrderScan, is_blank, reader

CHUNK = 1000
SAMPLE_ROWS = 5

# kind -> "module:Class" of the importer that matches and writes its records
_IMPORTERS = {
    "stakeholders": "import_stakeholders:StakeholderImporter",
    "interactions": "import_interactions:InteractionImporter",
    "events": "import_events_concerns:EventImporter",
    "concerns": "import_events_concerns:ConcernImporter",
    "coverage": "import_coverage:CoverageImporter",
}


@dataclass
class ParsedRow:
    """One sheet row, read: values by column key, and what could not be read."""

    number: int
    values: dict[str, Any]
    raw: list[Any]
    errors: list[str] = field(default_factory=list)

    def location(self) -> str:
        return f"row {self.number}"

    def message(self, extra: list[str] | None = None) -> str:
        # Each problem is a sentence; joined, only the last keeps its full stop.
        problems = [p.rstrip(".") for p in self.errors + (extra or [])]
        return f"{self.location()}, " + "; ".join(problems) + "."


def importer_class(kind: str):
    if kind not in _IMPORTERS:
        raise ExchangeError(f"Commrel imports {', '.join(IMPORT_KINDS)} from spreadsheets, not “{kind}”.")
    module, name = _IMPORTERS[kind].split(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


def error_row(parsed: ParsedRow, entity: str, reasons: list[str] | None = None, label: str = "") -> PlannedRow:
    """A row that cannot be imported; kept with its cells for the error report."""
    return PlannedRow(parsed.location(), "skip", entity, label=label, message=parsed.message(reasons),
                      extra={"error": True, "raw": parsed.raw, "row": parsed.number})


def _row_parser(match: HeaderMatch, orders: dict[int, str]):
    """A function reading one sheet row into a :class:`ParsedRow`, its column readers made once."""
    readers = [(pos, column.key, f"column {match.headers[pos]}: ", reader(column, orders.get(pos, "dmy")))
               for pos, column in match.columns.items() if column.importable]
    quick = [(pos, key, read) for pos, key, _, read in readers]
    widest = max((pos for pos, *_ in readers), default=-1)

    def parse_row(number: int, row: list[Any]) -> ParsedRow:
        if len(row) > widest:
            # Most rows are whole and read without a problem: one comprehension, no checks per cell.
            try:
                return ParsedRow(number, {key: read(row[pos]) for pos, key, read in quick}, row)
            except CellError:
                pass  # read again cell by cell, to name every cell that is wrong
        values: dict[str, Any] = {}
        errors: list[str] = []
        width = len(row)
        for pos, key, where, read in readers:
            try:
                values[key] = read(row[pos] if pos < width else None)
            except CellError as exc:
                errors.append(f"{where}{exc}")
        return ParsedRow(number, values, row, errors)
    return parse_row


def _blank(row: list[Any]) -> bool:
    """Every cell blank; asked of every row twice, so plain cells skip the call to is_blank."""
    for c in row:
        if c is not None and (c.__class__ is not str or c.strip()) and not is_blank(c):
            return False
    return True


def _header_sample(rows) -> list[list[Any]]:
    """Rows up to the header search limit, counted from the first row that has anything in it."""
    sample: list[list[Any]] = []
    first = None
    for row in rows:
        sample.append(row)
        if first is None and any(not is_blank(c) for c in row):
            first = len(sample) - 1
        if first is not None and len(sample) - first >= HEADER_SCAN_ROWS:
            break
    return sample if first is not None else []


@collector.paused()
def plan_import(path: str | Path, kind: str = "stakeholders", *, sheet: str | None = None,
                mapping: dict[str, str | None] | None = None, date_order: str | None = None,
                date_orders: dict[str, str] | None = None, header_row: int | None = None,
                progress=None) -> ImportPlan:
    """Read ``path`` and say what importing it as ``kind`` would do; writes nothing.

    ``mapping`` (header -> column key, or None to ignore a column) overrides
    the automatic and the saved mapping. ``date_order`` ("dmy", "mdy",
    "ymd") settles how text dates like 03/04/2026 are read, and
    ``date_orders`` (header -> order) does so for single columns; by default
    the order is worked out per column and an ambiguous column is reported
    once in ``plan.options["warnings"]`` and in ``plan.options["date_questions"]``
    (header -> an example and the order it was read in), so that a screen can
    ask about it.
    """
    cls = importer_class(kind)
    for order in [date_order, *(date_orders or {}).values()]:
        if order is not None and order not in DATE_ORDERS:
            raise ExchangeError(f"Date order “{order}” is not one of: {', '.join(DATE_ORDERS)}.")
    source = open_source(path, sheet=sheet, prefer=(SHEETS[kind].title,))
    where = source.name + (f", sheet “{source.sheet}”" if source.sheet else "")
    # Two cores at once: the sheet is parsed on a worker thread while the register is read.
    source.read_ahead()
    preloaded = cls.preload()
    rows = source.rows()
    sample = _header_sample(rows) if header_row is None else list(islice(rows, header_row))
    rows.close()
    if not sample:
        raise ExchangeError("is empty: it has no rows to import.", file=where)
    try:
        match = find_header(sample, kind, mapping=mapping, saved=saved_mapping(kind), header_row=header_row)
    except ExchangeError as exc:
        raise ExchangeError(exc.reason, file=where) from None
    warnings = list(match.warnings)
    orders: dict[int, str] = {}
    questions: dict[str, dict[str, str]] = {}
    dated = {p: c for p, c in match.columns.items() if c.type in ("date", "datetime") and c.importable}
    # One pass before planning that keeps nothing: a file past the row limit is
    # refused here, before the plan holds any of it; the date columns show
    # which order their dates are in; and the rows are counted for progress.
    scans = {p: DateOrderScan(match.headers[p]) for p in dated}
    checked = Ticker(progress, None, "Checked", every=10 * CHUNK)
    total = 0
    for number, row in enumerate(source.rows(), 1):
        checked.tick()
        if number > match.row_number and not _blank(row):
            total += 1
            for p, scan in scans.items():
                if p < len(row):
                    scan.feed(row[p])
    for p, scan in scans.items():
        orders[p], warning = scan.decide((date_orders or {}).get(match.headers[p]) or date_order)
        if warning:
            warnings.append(warning)
            if scan.ambiguous and not (scan.day_first or scan.month_first):
                questions[match.headers[p]] = {"example": scan.ambiguous, "read_as": orders[p],
                                               "warning": warning}
    plan = ImportPlan(source=str(path), format=source.format, kind=kind)
    importer = cls(match, **preloaded)
    ticker = Ticker(progress, total, "Read")
    parse_row = _row_parser(match, orders)
    chunk: list[ParsedRow] = []
    samples: list[list[Any]] = []
    for number, row in enumerate(source.rows(), 1):
        if number <= match.row_number or _blank(row):
            continue
        if len(samples) < SAMPLE_ROWS:
            samples.append(list(row))
        chunk.append(parse_row(number, row))
        ticker.tick()
        if len(chunk) >= CHUNK:
            plan.rows.extend(importer.plan_chunk(chunk))
            chunk = []
    if chunk:
        plan.rows.extend(importer.plan_chunk(chunk))
    if not plan.rows:
        raise ExchangeError("has column names but no rows below them to import.", file=where)
    plan.errors = [r.message for r in plan.rows if r.extra.get("error")]
    plan.options = {
        "sheet": source.sheet or None, "header_row": match.row_number, "mapping": match.mapping,
        "date_order": date_order or (next(iter(set(orders.values()))) if len(set(orders.values())) == 1 else None),
        "date_orders": {match.headers[p]: o for p, o in orders.items()}, "headers": match.headers,
        "ignored_columns": match.ignored, "warnings": warnings, "encoding": source.encoding or None,
        "delimiter": source.delimiter or None, "sheets": list(source.sheet_names),
        "date_questions": questions, "samples": samples, "remember_mapping": True,
    }
    return plan


def guess_kind(path: str | Path) -> str:
    """Which kind of records a sheet most likely holds, to start an import with.

    A sheet named like one of Commrel's own ("Events") says so; otherwise
    the kind whose columns its header row names most, stakeholders on a tie.
    Raises :class:`ExchangeError` for a file that cannot be read.
    """
    source = open_source(path)
    titles = {SHEETS[k].title.casefold(): k for k in IMPORT_KINDS}
    if source.sheet and source.sheet.casefold() in titles:
        return titles[source.sheet.casefold()]
    rows = source.rows()
    sample = _header_sample(rows)
    rows.close()
    best, best_count = IMPORT_KINDS[0], 0
    for kind in IMPORT_KINDS:
        try:
            count = len(find_header(sample, kind).columns)
        except ExchangeError:
            continue
        if count > best_count:
            best, best_count = kind, count
    return best


@collector.paused()
def apply_import(plan: ImportPlan, *, progress=None) -> ImportResult:
    """Write the plan's creates and updates in one transaction, as one undoable batch.

    A backup is taken first. Skipped and conflicting rows are left alone. If a
    record changed since the plan was made, nothing is written
    (:class:`~commrel.errors.ConflictError`); plan again. The column mapping
    is remembered for the next sheet unless ``plan.options["remember_mapping"]``
    is False.
    """
    cls = importer_class(plan.kind)
    counts = plan.counts()
    skipped = counts["skip"] + counts["conflict"]
    creates = [r for r in plan.rows if r.outcome == "create"]
    updates = [r for r in plan.rows if r.outcome == "update"]
    if not creates and not updates:
        return ImportResult(None, 0, 0, counts["unchanged"], skipped)
    backup = backups.PendingBackup("before-import")
    ticker = Ticker(progress, len(creates) + len(updates), "Imported", every=CHUNK)
    try:
        with bulk.roomy_cache(), database.atomic():
            recorder = BatchRecorder(plan.kind, Path(plan.source).name, plan.format)
            created, updated = cls.apply(creates, updates, recorder, ticker)
            if plan.options.get("mapping") and plan.options.get("remember_mapping", True):
                save_mapping(plan.kind, plan.options["mapping"])
            recorder.finish(created=created, updated=updated, unchanged=counts["unchanged"], skipped=skipped)
            backup.wait()
    finally:
        backup.wait_quietly()
    if progress is not None:
        progress.report(ticker.total, ticker.total, "Import finished")
    return ImportResult(recorder.id, created, updated, counts["unchanged"], skipped)


def write_error_report(plan: ImportPlan, path: str | Path) -> int:
    """Write the rows that could not be read, as they were, with an Error column; returns how many."""
    from .xlsx import write_table

    headers = list(plan.options.get("headers") or [])
    keep = [i for i, h in enumerate(headers) if str(h).strip().casefold() != "error"]
    rows = [r for r in plan.rows if r.extra.get("error")]
    width = max([len(headers)] + [len(r.extra.get("raw") or []) for r in rows])
    keep += [i for i in range(len(headers), width)]
    out_headers = [headers[i] if i < len(headers) else "" for i in keep] + ["Error"]

    def cells(r: PlannedRow) -> list[Any]:
        raw = r.extra.get("raw") or []
        return [(raw[i] if i < len(raw) and raw[i] != "" else None) for i in keep] + [r.message]
    write_table(path, "Rows to fix", out_headers, (cells(r) for r in rows), widths={len(out_headers): 80})
    return len(rows)


def field_header(match: HeaderMatch, columns: dict[str, Column], key: str) -> str:
    """The header the person sees for ``key`` in their sheet (for messages)."""
    for pos, col in match.columns.items():
        if col.key == key:
            return match.headers[pos]
    col = columns.get(key)
    return col.header if col is not None else key.replace("_", " ").capitalize()
