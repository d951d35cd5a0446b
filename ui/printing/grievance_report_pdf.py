"""The grievance report on paper: the period, the headline figures, the breakdowns and the months."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from commrel.reports.grievance import GrievanceReport
from commrel.reports.grievance_xlsx import describe_period

from ..models.grievance_figures_model import figure_text
from .pdf import escape, write_pdf

# The breakdown tables print these columns; all of them would not fit across A4.
_TABLE_COLUMNS = [("Received", "received"), ("Ack. on time", "acknowledged_on_time_pct"),
                  ("Closed", "closed"), ("Closed on time", "closed_on_time_pct"),
                  ("Avg days", "average_days_to_close"), ("Median days", "median_days_to_close"),
                  ("Open", "open"), ("Overdue", "overdue")]
_FIRST_WIDTH = 20  # per cent of the page; the figures share the rest


def _tr(text: str) -> str:
    return QCoreApplication.translate("GrievanceReport", text)


def headline(report: GrievanceReport) -> list[tuple[str, str]]:
    """The summary figures as (label, text); the dialog shows the same list."""
    t = report.totals

    def pct(value):
        return "–" if value is None else f"{value:.1f}%"

    return [
        (_tr("Received"), figure_text(t.received)),
        (_tr("Acknowledged on time"), f"{figure_text(t.acknowledged_on_time)} / "
                                      f"{figure_text(t.acknowledgements_due)} ({pct(t.acknowledged_on_time_pct)})"),
        (_tr("Closed"), figure_text(t.closed)),
        (_tr("Closed on time"), f"{figure_text(t.closed_on_time)} ({pct(t.closed_on_time_pct)})"),
        (_tr("Average days to close"), figure_text(t.average_days_to_close)),
        (_tr("Median days to close"), figure_text(t.median_days_to_close)),
        (_tr("Open at end of period"), figure_text(t.open)),
        (_tr("Overdue at end of period"), figure_text(t.overdue)),
        (_tr("Closed: resolved"), figure_text(t.resolved)),
        (_tr("Closed: unresolved"), figure_text(t.unresolved)),
        (_tr("Referred to an external body"), figure_text(t.referred)),
        (_tr("Rejected"), figure_text(t.rejected)),
    ]


def _cell(row, name: str) -> str:
    value = getattr(row, name)
    return figure_text(value) + ("%" if name.endswith("_pct") and value is not None else "")


def _table(title: str, first: str, rows) -> str:
    width = (100 - _FIRST_WIDTH) / len(_TABLE_COLUMNS)
    # Header rows in <thead> are repeated on every page the table runs onto; the title is one of them so
    # that it never sits alone at the foot of a page.
    head = (f"<thead><tr><td colspan='{len(_TABLE_COLUMNS) + 1}' class='caption'>{escape(title)}</td></tr>"
            f"<tr><th width='{_FIRST_WIDTH}%'>{escape(first)}</th>") + "".join(
        f"<th class='num' align='right' width='{width:.1f}%'>{escape(_tr(h))}</th>" for h, _ in _TABLE_COLUMNS
    ) + "</tr></thead>"
    body = "".join(
        f"<tr><td>{escape(r.label)}</td>"
        + "".join(f"<td class='num' align='right'>{escape(_cell(r, n))}</td>" for _, n in _TABLE_COLUMNS)
        + "</tr>" for r in rows)
    if not rows:
        body = f"<tr><td colspan='{len(_TABLE_COLUMNS) + 1}' class='muted'>{escape(_tr('None'))}</td></tr>"
    return f"<table class='grid small' width='100%' cellspacing='0'>{head}{body}</table>"


def _note() -> str:
    return _tr("Received figures count concerns received in the period; closed figures count concerns closed "
               "in it, whenever they were received. No complainant is named in this report.")


def report_html(report: GrievanceReport) -> str:
    period = "".join(f"<tr><td class='muted'>{escape(_tr(k))}</td><td>{escape(v)}</td></tr>"
                     for k, v in describe_period(report))
    items = headline(report)
    half = (len(items) + 1) // 2
    cells = "".join(
        "<tr>" + "".join(f"<td class='muted'>{escape(k)}</td><td align='right'><b>{escape(v)}</b></td>"
                         for k, v in pair) + "</tr>"
        for pair in zip(items[:half], items[half:] + [("", "")] * (2 * half - len(items))))
    months = "".join(f"<tr><td>{m.month:%b %Y}</td><td align='right'>{m.received}</td>"
                     f"<td align='right'>{m.closed}</td></tr>" for m in report.months)
    return (
        f"<h1>{escape(_tr('Grievance mechanism report'))}</h1>"
        f"<table cellspacing='0' cellpadding='2'>{period}</table>"
        f"<h2>{escape(_tr('Summary'))}</h2>"
        f"<table class='grid' width='100%' cellspacing='0'>{cells}</table>"
        f"<p class='muted'>{escape(_note())}</p>"
        + _table(_tr("By category"), _tr("Category"), report.by_category)
        + _table(_tr("By neighbourhood"), _tr("Neighbourhood"), report.by_neighbourhood)
        + _table(_tr("By owner"), _tr("Owner"), report.by_owner) +
        f"<h2>{escape(_tr('By month'))}</h2>"
        f"<table class='grid' cellspacing='0' width='50%'><tr><th>{escape(_tr('Month'))}</th>"
        f"<th align='right'>{escape(_tr('Received'))}</th><th align='right'>{escape(_tr('Closed'))}</th></tr>"
        f"{months}</table>"
    )


def write_report_pdf(report: GrievanceReport, path: str | Path) -> Path:
    return write_pdf(report_html(report), path, title=_tr("Grievance mechanism report"))
