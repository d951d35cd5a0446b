"""The engagement report as a workbook: one sheet per group of figures.

Counts are numbers, shares are fractions formatted as percentages, months and
event dates are real dates, so the sheets sort, sum and chart in any
spreadsheet program.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.choices import INTERACTION_CHANNELS, STAKEHOLDER_TYPES, label
from ..timeutil import from_utc_naive
from .engagement import EngagementFigures, Share
from .grievance import COLUMNS as CONCERN_COLUMNS
from .media import MediaFigures

if TYPE_CHECKING:  # openpyxl takes a tenth of a second to import: the report's window opens without it
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_PERCENT = "0.0%"
_MONTH = "mmm yyyy"
_DAY = "yyyy-mm-dd"
_DAY_TIME = "yyyy-mm-dd hh:mm"
NO_NEIGHBOURHOOD = "(Not recorded)"


def describe_filters(figures: EngagementFigures) -> list[tuple[str, str]]:
    """What the report covers, as (label, value) lines for any printed form."""
    lines = [("Period", f"{figures.start:%d %b %Y} to {figures.end:%d %b %Y}")]
    if figures.type:
        lines.append(("Stakeholder type", label(STAKEHOLDER_TYPES, figures.type)))
    if figures.tag:
        lines.append(("Tag", figures.tag))
    return lines


def summary_rows(figures: EngagementFigures) -> list[tuple[str, int | float | None, str]]:
    """(label, value, number format) of the headline figures; None where there is nothing to divide."""
    rows: list[tuple[str, int | float | None, str]] = [
        ("Interactions", figures.interactions_total, "0"),
        ("Stakeholders on the register", figures.register, "0"),
        ("Stakeholders engaged", figures.engaged, "0"),
        ("Engaged share", figures.engaged_share, _PERCENT),
        ("Neighbourhoods with no engagement", len(figures.uncovered), "0"),
        ("Events held", figures.events_held, "0"),
        ("RSVPs accepted", figures.accepted, "0"),
        ("Attended", figures.attended, "0"),
        ("Attended per accepted RSVP", figures.turnout, _PERCENT),
    ]
    c = figures.concerns
    if c is not None:
        t = c.totals
        rows += [("Concerns received", t.received, "0"), ("Concerns closed", t.closed, "0"),
                 ("Median days to close", t.median_days_to_close, "0.0"),
                 ("Acknowledged on time", _fraction(t.acknowledged_on_time_pct), _PERCENT),
                 ("Closed on time", _fraction(t.closed_on_time_pct), _PERCENT)]
    return rows


def _fraction(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


def _bold():
    from openpyxl.styles import Font

    return Font(bold=True)


def _header(sheet: Worksheet, headings: list[str], widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    sheet.append(headings)
    for cell in sheet[sheet.max_row]:
        cell.font = _bold()
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _formats(sheet: Worksheet, column: int, number_format: str, first_row: int = 2) -> None:
    for (cell,) in sheet.iter_rows(min_row=first_row, min_col=column, max_col=column):
        cell.number_format = number_format


def _shares(sheet: Worksheet, heading: str, shares: list[Share], name) -> None:
    _header(sheet, [heading, "Engaged", "On the register", "Engaged share"], [30, 12, 16, 15])
    for s in shares:
        sheet.append([name(s.key), s.engaged, s.total, s.share])
    _formats(sheet, 4, _PERCENT)


TONE_ORDER = ("positive", "neutral", "negative")


def media_months(figures: EngagementFigures) -> list[tuple[date, dict[str, int]]]:
    """Coverage per month of the period by tone, every month listed (months without coverage as zeros)."""
    media = figures.media
    by_month = media.coverage_by_month if media is not None else {}
    return [(m, {t: by_month.get(f"{m:%Y-%m}", {}).get(t, 0) for t in TONE_ORDER}) for m in figures.months]


def media_rows(media: MediaFigures) -> list[tuple[str, int | float | None, str]]:
    """(label, value, number format) of the media figures; None where there is nothing to divide."""
    return [("Coverage items", media.coverage_total, "0"),
            ("Total reach", media.reach_total, "#,##0"),
            ("Press releases sent", media.releases_sent, "0"),
            ("Releases that earned coverage", media.releases_with_coverage, "0"),
            ("Share of releases with coverage", media.release_coverage_share, _PERCENT),
            ("Media inquiries", media.inquiries, "0"),
            ("Inquiries answered", media.inquiries_answered, "0"),
            ("Median response time (hours)", media.median_response_hours, "0.0")]


def write_engagement_xlsx(figures: EngagementFigures, path: str | Path, *, tz: str | None = None) -> Path:
    """Write the report to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Engagement report"])
    summary["A1"].font = Font(bold=True, size=14)
    for text, value in describe_filters(figures):
        summary.append([text, value])
    summary.append([])
    summary.append(["Figure", "Value"])
    for cell in summary[summary.max_row]:
        cell.font = _bold()
    for text, value, number_format in summary_rows(figures):
        summary.append([text, value])
        summary.cell(row=summary.max_row, column=2).number_format = number_format
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 26

    channels = list(figures.interactions)
    sheet = book.create_sheet("Interactions by month")
    _header(sheet, ["Month"] + [label(INTERACTION_CHANNELS, c) for c in channels] + ["Total"],
            [12] + [14] * (len(channels) + 1))
    for n, month in enumerate(figures.months):
        counts = [figures.interactions[c][n] for c in channels]
        sheet.append([month] + counts + [sum(counts)])
    _formats(sheet, 1, _MONTH)

    _shares(book.create_sheet("Engaged by type"), "Stakeholder type", figures.by_type,
            lambda key: label(STAKEHOLDER_TYPES, key))
    _shares(book.create_sheet("Engaged by neighbourhood"), "Neighbourhood", figures.by_neighbourhood,
            lambda key: key or NO_NEIGHBOURHOOD)

    sheet = book.create_sheet("Coverage gaps")
    _header(sheet, ["Neighbourhood with no engagement", "On the register"], [36, 16])
    for s in figures.uncovered:
        sheet.append([s.key, s.total])

    sheet = book.create_sheet("Events")
    _header(sheet, ["Starts", "Event", "Venue", "RSVPs accepted", "Attended", "Attended per accepted"],
            [18, 44, 30, 15, 11, 22])
    for e in figures.events:
        start = e.start if e.all_day else from_utc_naive(e.start, tz).replace(tzinfo=None)
        sheet.append([start, e.title, e.venue, e.accepted, e.attended, e.attended / e.accepted if e.accepted else None])
    _formats(sheet, 1, _DAY_TIME)
    _formats(sheet, 6, _PERCENT)

    sheet = book.create_sheet("Events by month")
    _header(sheet, ["Month", "Events held", "RSVPs accepted", "Attended"], [12, 12, 15, 11])
    for m in figures.event_months:
        sheet.append([m.month, m.events, m.accepted, m.attended])
    _formats(sheet, 1, _MONTH)

    if figures.concerns is not None:
        _concern_sheets(book, figures)
    if figures.media is not None:
        _media_sheet(book, figures)
    book.save(path)
    return path


def _media_sheet(book: Workbook, figures: EngagementFigures) -> None:
    sheet = book.create_sheet("Media")
    _header(sheet, ["Month", "Positive", "Neutral", "Negative", "Total"], [34, 11, 11, 11, 11])
    for month, tones in media_months(figures):
        counts = [tones[t] for t in TONE_ORDER]
        sheet.append([month] + counts + [sum(counts)])
    _formats(sheet, 1, _MONTH)
    sheet.append([])
    sheet.append(["Figure", "Value"])
    for cell in sheet[sheet.max_row]:
        cell.font = _bold()
    for text, value, number_format in media_rows(figures.media):
        sheet.append([text, value])
        sheet.cell(row=sheet.max_row, column=2).number_format = number_format


def _concern_sheets(book: Workbook, figures: EngagementFigures) -> None:
    report = figures.concerns
    sheet = book.create_sheet("Concerns by month")
    _header(sheet, ["Month", "Received", "Closed"], [12, 11, 11])
    for m in report.months:
        sheet.append([m.month, m.received, m.closed])
    _formats(sheet, 1, _MONTH)
    sheet = book.create_sheet("Concerns by category")
    _header(sheet, ["Category"] + [heading for heading, _ in CONCERN_COLUMNS], [28] + [14] * len(CONCERN_COLUMNS))
    for row in report.by_category:
        sheet.append([row.label] + [getattr(row, name) for _, name in CONCERN_COLUMNS])

