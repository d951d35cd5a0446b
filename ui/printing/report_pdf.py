"""The engagement report on paper: headline figures, the dashboard's charts, coverage gaps, events, concerns, media.

Charts are drawn black on white whatever the screen's palette, painted at
twice their size so they stay sharp when printed, and placed in the page as
images.
"""
from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QLocale, QSize
from PySide6.QtGui import QImage

from commrel.reports.engagement import EngagementFigures
from commrel.reports.engagement_xlsx import describe_filters, media_months, media_rows, summary_rows
from commrel.timeutil import from_utc_naive

from ..widgets.charts import render_chart
from ..widgets.charts_figures import engagement_charts
from ..widgets.theme import ChartTheme
from .pdf import escape, write_pdf

# Events listed on paper; the spreadsheet has every one.
MAX_EVENT_ROWS = 60
# Image sizes in the page are in CSS pixels (96 to the inch) whatever the printer's resolution:
# A4 less 18 mm margins leaves 174 mm, about 655 of them.
_TEXT_WIDTH = 650
_CHART_WIDTH = 760  # laid out this wide, then shrunk to the text width: labels come out near 8 pt


def _tr(text: str) -> str:
    return QCoreApplication.translate("EngagementReport", text)


def _png_uri(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def _number(value, number_format: str) -> str:
    if value is None:
        return "–"
    if "%" in number_format:
        return f"{100 * value:.1f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    return QLocale().toString(int(value))


def _charts_html(figures: EngagementFigures) -> str:
    out = []
    for spec in engagement_charts(figures, ChartTheme.light(), counts_in_labels=True):
        if spec.chart is None:
            out.append(f"<h2>{escape(spec.title)}</h2><p class='muted'>{escape(spec.empty)}</p>")
            continue
        # The title is drawn inside the image, so a page break never parts it from its chart.
        spec.chart.setTitle(spec.title)
        font = spec.chart.titleFont()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        spec.chart.setTitleFont(font)
        height = max(260, spec.height) + 30
        image = render_chart(spec.chart, QSize(_CHART_WIDTH, height), scale=3)
        spec.chart.deleteLater()
        shown_height = round(_TEXT_WIDTH * height / _CHART_WIDTH)
        out.append(f"<p><img src='{_png_uri(image)}' width='{_TEXT_WIDTH}' height='{shown_height}'></p>")
    return "".join(out)


def _events_html(figures: EngagementFigures, tz: str | None) -> str:
    if not figures.events:
        return f"<p class='muted'>{escape(_tr('No events were held in this period.'))}</p>"
    rows = []
    for e in figures.events[:MAX_EVENT_ROWS]:
        start = e.start if e.all_day else from_utc_naive(e.start, tz)
        when = f"{start:%d %b %Y}" if e.all_day else f"{start:%d %b %Y %H:%M}"
        rows.append(f"<tr><td>{escape(when)}</td><td>{escape(e.title)}</td><td>{escape(e.venue)}</td>"
                    f"<td class='num' align='right'>{e.accepted}</td><td class='num' align='right'>{e.attended}</td>"
                    "</tr>")
    more = len(figures.events) - MAX_EVENT_ROWS
    note = (f"<p class='muted'>{escape(_tr('…and {0} more events; the spreadsheet export lists them all.'))}</p>"
            .format(QLocale().toString(more)) if more > 0 else "")
    head = (f"<thead><tr><th width='18%'>{escape(_tr('Date'))}</th><th width='38%'>{escape(_tr('Event'))}</th>"
            f"<th width='24%'>{escape(_tr('Venue'))}</th><th class='num' align='right' width='10%'>"
            f"{escape(_tr('Accepted'))}</th><th class='num' align='right' width='10%'>{escape(_tr('Attended'))}"
            "</th></tr></thead>")
    total = (f"<tr><td></td><td><b>{escape(_tr('Total'))}</b></td><td></td>"
             f"<td class='num' align='right'><b>{figures.accepted}</b></td>"
             f"<td class='num' align='right'><b>{figures.attended}</b></td></tr>")
    return f"<table class='grid small' width='100%' cellspacing='0'>{head}{''.join(rows)}{total}</table>{note}"


def _coverage_html(figures: EngagementFigures) -> str:
    if not figures.uncovered:
        return f"<p>{escape(_tr('Every neighbourhood on the register was engaged in this period.'))}</p>"
    items = "".join(f"<li><b>{escape(s.key)}</b> — " + escape(_tr("{0} on the register")).format(s.total) + "</li>"
                    for s in figures.uncovered)
    return f"<ul>{items}</ul>"


def _concerns_html(figures: EngagementFigures) -> str:
    report = figures.concerns
    if report is None or not report.by_category:
        return f"<p class='muted'>{escape(_tr('No concerns in this period.'))}</p>"
    heads = [_tr("Category"), _tr("Received"), _tr("Closed"), _tr("Ack. on time"), _tr("Closed on time"),
             _tr("Median days")]
    head = "<thead><tr>" + "".join(
        f"<th{'' if n == 0 else ' class=num align=right'}>{escape(h)}</th>" for n, h in enumerate(heads)) + \
        "</tr></thead>"

    def pct(value):
        return "–" if value is None else f"{value:.0f}%"

    rows = "".join(
        f"<tr><td>{escape(r.label)}</td><td class='num' align='right'>{r.received}</td>"
        f"<td class='num' align='right'>{r.closed}</td><td class='num' align='right'>"
        f"{pct(r.acknowledged_on_time_pct)}</td><td class='num' align='right'>{pct(r.closed_on_time_pct)}</td>"
        f"<td class='num' align='right'>{_number(r.median_days_to_close, '0.0')}</td></tr>"
        for r in report.by_category)
    return f"<table class='grid small' width='100%' cellspacing='0'>{head}{rows}</table>"


def _media_html(figures: EngagementFigures) -> str:
    media = figures.media
    if media is None:
        return ""
    facts = "".join(f"<tr><td class='muted'>{escape(_tr(text))}</td><td align='right'><b>"
                    f"{escape(_number(value, number_format))}</b></td></tr>"
                    for text, value, number_format in media_rows(media))
    section = (f"<h2>{escape(_tr('Media'))}</h2>"
               f"<table class='grid' cellspacing='0'>{facts}</table>")
    if not media.coverage_total:
        return section + f"<p class='muted'>{escape(_tr('No coverage was published in this period.'))}</p>"
    heads = [_tr("Month"), _tr("Positive"), _tr("Neutral"), _tr("Negative"), _tr("Total")]
    head = "<thead><tr>" + "".join(
        f"<th{'' if n == 0 else ' class=num align=right'}>{escape(h)}</th>" for n, h in enumerate(heads)) + \
        "</tr></thead>"
    rows = "".join(
        f"<tr><td>{escape(f'{month:%b %Y}')}</td>"
        + "".join(f"<td class='num' align='right'>{n}</td>" for n in (*tones.values(), sum(tones.values())))
        + "</tr>" for month, tones in media_months(figures))
    return section + (f"<h3>{escape(_tr('Coverage per month, by tone'))}</h3>"
                      f"<table class='grid small' width='100%' cellspacing='0'>{head}{rows}</table>")


def report_html(figures: EngagementFigures, *, tz: str | None = None) -> str:
    period = "".join(f"<tr><td class='muted'>{escape(_tr(k))}</td><td>{escape(v)}</td></tr>"
                     for k, v in describe_filters(figures))
    summary = summary_rows(figures)
    half = (len(summary) + 1) // 2
    left, right = summary[:half], summary[half:] + [None] * (2 * half - len(summary))
    cells = "".join(
        "<tr>" + "".join(
            "<td></td><td></td>" if item is None else
            f"<td class='muted'>{escape(_tr(item[0]))}</td><td align='right'><b>{escape(_number(item[1], item[2]))}"
            "</b></td>" for item in pair) + "</tr>"
        for pair in zip(left, right, strict=True))
    return (f"<h1>{escape(_tr('Engagement report'))}</h1>"
            f"<table cellspacing='0' cellpadding='2'>{period}</table>"
            f"<h2>{escape(_tr('Summary'))}</h2><table class='grid' width='100%' cellspacing='0'>{cells}</table>"
            f"{_charts_html(figures)}"
            f"<h2>{escape(_tr('Neighbourhoods with no engagement'))}</h2>{_coverage_html(figures)}"
            f"<h2>{escape(_tr('Events held'))}</h2>{_events_html(figures, tz)}"
            f"<h2>{escape(_tr('Concerns by category'))}</h2>{_concerns_html(figures)}"
            f"{_media_html(figures)}")


def write_engagement_pdf(figures: EngagementFigures, path: str | Path, *, tz: str | None = None) -> Path:
    """Lay the report out on A4 and write it to ``path``."""
    return write_pdf(report_html(figures, tz=tz), path, title=_tr("Engagement report"))
