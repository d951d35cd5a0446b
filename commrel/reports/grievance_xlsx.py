"""The grievance report as a workbook: a summary sheet, one sheet per breakdown, the months."""
from __future__ import annotations

from pathlib import Path

from ..timeutil import from_utc_naive
from .grievance import COLUMNS, Figures, GrievanceReport


def describe_period(report: GrievanceReport, tz: str | None = None) -> list[tuple[str, str]]:
    """What the report covers, as (label, value) lines for any printed form."""
    lines = [("Period", f"{report.start:%d %b %Y} to {report.end:%d %b %Y}"),
             ("Open and overdue as at", f"{from_utc_naive(report.as_at, tz):%d %b %Y %H:%M}")]
    if report.category:
        lines.append(("Category", report.category))
    if report.neighbourhood:
        lines.append(("Neighbourhood", report.neighbourhood))
    return lines


def _table(sheet, first_heading: str, rows: list[Figures]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([first_heading] + [heading for heading, _ in COLUMNS])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([row.label] + [getattr(row, name) for _, name in COLUMNS])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    for n in range(2, len(COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(n)].width = 14


def write_grievance_xlsx(report: GrievanceReport, path: str | Path, *, tz: str | None = None) -> Path:
    """Write ``report`` to ``path`` (.xlsx); percentages and days are plain numbers, blank when none."""
    # openpyxl takes a tenth of a second to import: the report's window opens without it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Grievance mechanism report"])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in describe_period(report, tz):
        summary.append([label, value])
    summary.append([])
    for heading, name in COLUMNS:
        summary.append([heading, getattr(report.totals, name)])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 30
    for title, first, rows in (("By category", "Category", report.by_category),
                               ("By neighbourhood", "Neighbourhood", report.by_neighbourhood),
                               ("By owner", "Owner", report.by_owner)):
        _table(book.create_sheet(title), first, rows)
    months = book.create_sheet("By month")
    months.append(["Month", "Received", "Closed"])
    for cell in months[1]:
        cell.font = Font(bold=True)
    for month in report.months:
        months.append([month.month.strftime("%b %Y"), month.received, month.closed])
    months.column_dimensions["A"].width = 14
    book.save(path)
    return path
