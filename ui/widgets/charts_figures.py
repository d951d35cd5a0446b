"""The engagement figures on screen: the charts and the coverage gaps (the headline tiles: ``figure_tiles``).

``engagement_charts`` builds the charts from the figures alone, so the
dashboard, the report dialog and the printed report draw the same thing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import QAbstractBarSeries, QChart
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from commrel.models.choices import INTERACTION_CHANNELS, STAKEHOLDER_TYPES
from commrel.reports.engagement import EngagementFigures, Share

from ..formatting import choice_label
from .charts import ChartCard, bar_chart
from .theme import ChartTheme, series_colour

# Past this many bars a share chart lists only the lowest, where the gaps are.
MAX_SHARE_BARS = 20


def _tr(text: str) -> str:
    return QCoreApplication.translate("EngagementCharts", text)


def month_label(month: date, months: list[date]) -> str:
    """"Mar" within one year, "Mar 26" when the period spans two."""
    spans_years = months and months[0].year != months[-1].year
    return QLocale().toString(QDate(month.year, month.month, 1), "MMM yy" if spans_years else "MMM")


def neighbourhood_label(key: str) -> str:
    return key or _tr("(Not recorded)")


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    chart: QChart | None  # None: nothing to draw
    empty: str  # what to say instead
    height: int = 240
    tips: tuple[str, ...] = ()  # hover text per category, in the chart's order


def engagement_charts(f: EngagementFigures, theme: ChartTheme, *, counts_in_labels: bool = False) -> list[ChartSpec]:
    """The dashboard's charts for ``f``, in reading order.

    Share charts name each bar; ``counts_in_labels`` adds "(engaged/total)"
    to the name, for paper, where there is room and no mouse to hover with.
    """
    months = [month_label(m, f.months) for m in f.months]
    interactions = None
    if f.interactions_total:
        interactions = bar_chart(months, [(choice_label(INTERACTION_CHANNELS, c), v)
                                          for c, v in f.interactions.items()], theme, stacked=True)
        interactions.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    concerns = None
    if f.concerns is not None and any(m.received or m.closed for m in f.concerns.months):
        concerns = bar_chart([month_label(m.month, f.months) for m in f.concerns.months],
                             [(_tr("Received"), [m.received for m in f.concerns.months]),
                              (_tr("Closed"), [m.closed for m in f.concerns.months])], theme,
                             colours=[series_colour(3), series_colour(2)])
    events = None
    if f.events_held:
        events = bar_chart(months, [(_tr("RSVPs accepted"), [m.accepted for m in f.event_months]),
                                    (_tr("Attended"), [m.attended for m in f.event_months])], theme,
                           colours=[series_colour(0), series_colour(1)])
    type_rows = [(choice_label(STAKEHOLDER_TYPES, s.key), s) for s in f.by_type]
    by_type = _share_chart(type_rows, theme, counts_in_labels)
    hoods = [(neighbourhood_label(s.key), s) for s in f.by_neighbourhood]
    if len(hoods) > MAX_SHARE_BARS:
        hoods = sorted(hoods, key=lambda pair: (pair[1].share or 0, pair[0]))[:MAX_SHARE_BARS]
    by_hood = _share_chart(hoods, theme, counts_in_labels)
    no_register = _tr("No stakeholders on the register match.")
    hood_title = _tr("Engaged, by neighbourhood")
    if len(f.by_neighbourhood) > MAX_SHARE_BARS:
        hood_title = _tr("Engaged, by neighbourhood ({0} lowest of {1})").format(MAX_SHARE_BARS,
                                                                                len(f.by_neighbourhood))
    return [
        ChartSpec("interactions", _tr("Interactions per month, by channel"), interactions,
                  _tr("No interactions were logged in this period.")),
        ChartSpec("concerns", _tr("Concerns received and closed"), concerns,
                  _tr("No concerns were received or closed in this period.")),
        ChartSpec("by_type", _tr("Engaged, by stakeholder type"), by_type, no_register,
                  _share_height(len(f.by_type)), _share_tips(type_rows)),
        ChartSpec("by_neighbourhood", hood_title, by_hood, no_register, _share_height(len(hoods)),
                  _share_tips(hoods)),
        ChartSpec("events", _tr("Events: RSVPs accepted and attendance"), events,
                  _tr("No events were held in this period.")),
    ]


def _share_height(bars: int) -> int:
    return max(200, 70 + 26 * bars)


def _share_tips(rows: list[tuple[str, Share]]) -> tuple[str, ...]:
    loc = QLocale()
    return tuple(_tr("{0}: {1} of {2} engaged").format(name, loc.toString(s.engaged), loc.toString(s.total))
                 for name, s in reversed(rows))


def _share_chart(rows: list[tuple[str, Share]], theme: ChartTheme, counts_in_labels: bool) -> QChart | None:
    if not rows or not any(s.total for _, s in rows):
        return None
    # Horizontal bars draw bottom-up; reversed, the first row reads at the top.
    rows = list(reversed(rows))
    loc = QLocale()
    labels = [f"{name} ({loc.toString(s.engaged)}/{loc.toString(s.total)})" if counts_in_labels else name
              for name, s in rows]
    chart = bar_chart(labels, [(_tr("Engaged"), [round(100 * (s.share or 0)) for _, s in rows])], theme,
                      horizontal=True, percent=True)
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            series.setLabelsVisible(True)
            series.setLabelsFormat("@value%")
            series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
            for bar_set in series.barSets():
                bar_set.setLabelColor(QColor("white"))
    return chart


class CoverageList(QFrame):
    """Neighbourhoods with people on the register and nobody engaged: the gaps to close."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.heading = QLabel()
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        self.setAccessibleName(self.tr("Neighbourhoods with no engagement"))

    def show_figures(self, f: EngagementFigures) -> None:
        theme = ChartTheme.from_palette(self.palette())
        gaps = f.uncovered
        title = self.tr("Neighbourhoods with no engagement")
        if gaps:
            self.heading.setText(f"<b style='color:{theme.warning.name()}'>{title} ({len(gaps)})</b>")
            loc = QLocale()
            lines = "".join(f"<li><b>{html.escape(s.key)}</b> — "
                            + self.tr("{0} on the register").format(loc.toString(s.total)) + "</li>"
                            for s in gaps)
            self.body.setText(f"<ul style='margin-left:-20px'>{lines}</ul>")
        else:
            self.heading.setText(f"<b>{title}</b>")
            named = any(s.key for s in f.by_neighbourhood)
            self.body.setText(self.tr("Every neighbourhood on the register was engaged in this period.") if named
                              else self.tr("No neighbourhoods are recorded on the register."))


def _show_tip(on: bool, tips: tuple[str, ...], index: int) -> None:
    if on and 0 <= index < len(tips):
        QToolTip.showText(QCursor.pos(), tips[index])
    else:
        QToolTip.hideText()


class EngagementCharts(QWidget):
    """The charts in a two-column grid; ``cards`` by key for tests and printing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        titles = {"interactions": self.tr("Interactions per month, by channel"),
                  "concerns": self.tr("Concerns received and closed"),
                  "by_type": self.tr("Engaged, by stakeholder type"),
                  "by_neighbourhood": self.tr("Engaged, by neighbourhood"),
                  "events": self.tr("Events: RSVPs accepted and attendance")}
        self.cards = {key: ChartCard(title) for key, title in titles.items()}
        for n, key in enumerate(titles):
            self.grid.addWidget(self.cards[key], n // 2, n % 2)
        self.coverage = CoverageList()
        self.grid.addWidget(self.coverage, 2, 1)

    def show_loading(self) -> None:
        for card in self.cards.values():
            if not card.showing_chart:
                card.show_message(self.tr("Loading…"))

    def show_figures(self, f: EngagementFigures) -> None:
        theme = ChartTheme.from_palette(self.palette())
        for spec in engagement_charts(f, theme):
            card = self.cards[spec.key]
            card.title.setText(f"<b>{spec.title}</b>")
            card.set_minimum_height(spec.height)
            if spec.chart is None:
                card.show_message(spec.empty)
                continue
            card.set_chart(spec.chart)
            if spec.tips:
                for series in spec.chart.series():
                    series.hovered.connect(lambda on, index, _bars, tips=spec.tips: _show_tip(on, tips, index))
        self.coverage.show_figures(f)
