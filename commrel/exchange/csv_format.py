"""CSV files: one list per file, the same columns as the workbook.

Written as UTF-8 with a byte-order mark (so Excel reads accents right),
comma- or semicolon-separated (semicolon where the comma is the decimal
mark). Text that a spreadsheet could run as a formula gets a leading quote
(see :mod:`.formula`). Reading goes through the same planner as workbooks.
"""
from __future__ import annotations

import csv
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from . import KINDS, ExportResult, FileFormat, register
from ..errors import ExchangeError
from ..services.stakeholder_queries import StakeholderFilter
from . import formula, profiles, spreadsheet_import
from .columns import Column
from .export_rows import Ticker, present, sheets

DELIMITERS = {",": "comma", ";": "semicolon"}


def cell_text(column: Column, value: Any) -> str:
    """What a CSV cell holds for ``value``: ISO dates, labels, Yes/No, safe text."""
    shown = present(column, value)
    if shown is None:
        return ""
    if isinstance(shown, datetime):
        return shown.strftime("%Y-%m-%d %H:%M" if shown.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(shown, date):
        return shown.isoformat()
    if isinstance(shown, str):
        return formula.neutralise(shown)
    return str(shown)


def export(path: str | Path, kind: str = "stakeholders", *, profile: str = "full",
           filter: StakeholderFilter | None = None, ids: Iterable[int] | None = None, delimiter: str = ",",
           progress=None) -> ExportResult:
    """Write the main list of ``kind`` to a CSV file (participants and timelines need a workbook)."""
    path = Path(path)
    if delimiter not in DELIMITERS:
        raise ExchangeError(f"CSV files are separated by a comma or a semicolon, not “{delimiter}”.")
    if kind == "all":
        raise ExchangeError("A CSV file holds one list; choose stakeholders, interactions, events or concerns, "
                            "or export everything to an Excel workbook.")
    chosen = profiles.get(profile)
    data = sheets(kind, chosen, filter=filter, ids=list(ids) if ids is not None else None)[0]
    ticker = Ticker(progress, data.total, "Exported")
    ticker.report()
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow([formula.neutralise(c.header) for c in data.columns])
            for row in data.rows():
                writer.writerow([cell_text(c, row.get(c.key)) for c in data.columns])
                ticker.tick()
        ticker.report()
        os.replace(tmp, path)
    except OSError as exc:
        raise ExchangeError(f"cannot be written ({exc.strerror or exc}).", file=str(path)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    message = f"Exported {ticker.done:,} {data.sheet.title.lower()} to {path.name} ({chosen.title.lower()} profile)."
    if kind in ("events", "concerns"):
        message += " Participants and timelines are only in the Excel export."
    return ExportResult(path, ticker.done, message)


FORMAT = register(FileFormat(
    name="csv", description="CSV file (comma or semicolon separated)", extensions=(".csv",),
    kinds=tuple(k for k in KINDS if k != "all"),
    export=export, plan_import=spreadsheet_import.plan_import, apply_import=spreadsheet_import.apply_import))
