"""Dashboard: what needs doing today, how engagement went over a period, and the stakeholder map.

The figures are worked out on the task runner's worker thread, so a large
register never freezes the window; until they arrive the panel says it is
loading and keeps showing what it had. The dashboard is the first thing on
screen at start: its first frame is the header, the Today column and the
headline tiles, all saying they are loading; the charts and the map (Qt
Charts, and the report code behind them) are built when the first figures
arrive.
"""
from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout,
                               QWidget)

from commrel import db

from .. import hub, settings, tasks
from ..widgets.charts_period import PeriodChoice, PeriodChooser
from ..widgets.charts_today import TodayColumn
from ..widgets.empty_state import EmptyState
from ..widgets.figure_tiles import FigureTiles
from ..widgets.theme import MutedLabel
from .base import Panel

if TYPE_CHECKING:
    from commrel.reports.dashboard import Today
    from commrel.reports.engagement import EngagementFigures
    from commrel.reports.stakeholder_map import StakeholderMap

    from ..widgets.charts_figures import EngagementCharts
    from ..widgets.charts_map import StakeholderMapView

log = logging.getLogger(__name__)
GRIEVANCE_DIALOG = "ui.dialogs.grievance_report_dialog"


@dataclass(frozen=True)
class DashboardData:
    today: Today
    figures: EngagementFigures
    map: StakeholderMap
    tags: list[str]


def load_dashboard(period: PeriodChoice, map_tag: str, map_type: str) -> DashboardData:
    """Everything the dashboard shows for ``period`` as chosen (runs on the worker thread)."""
    # Imported here, on the worker: the window can show before the report code has loaded.
    from commrel.reports.dashboard import today
    from commrel.reports.engagement import engagement_figures, period_range
    from commrel.reports.stakeholder_map import stakeholder_map
    from commrel.services import stakeholders

    kind, custom = period
    start, end = period_range(kind, date.today(), custom)
    return DashboardData(today(), engagement_figures(start, end),
                         stakeholder_map(tag=map_tag or None, type=map_type or None), stakeholders.all_tags())


def load_map(tag: str, type: str) -> StakeholderMap:
    from commrel.reports.stakeholder_map import stakeholder_map

    return stakeholder_map(tag=tag or None, type=type or None)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class DashboardPanel(Panel):
    key = "dashboard"
    title = "Dashboard"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: DashboardData | None = None
        self._generation = 0
        self._map_generation = 0
        self._loading = False
        self.period = PeriodChooser("dashboard")
        self.status = MutedLabel()
        self.report_button = QPushButton(self.tr("Engagement report…"))
        self.grievance_button = QPushButton(self.tr("Grievance report…"))
        self.grievance_button.setVisible(importlib.util.find_spec(GRIEVANCE_DIALOG) is not None)
        header = QHBoxLayout()
        header.addWidget(QLabel(f"<h2>{self.tr('Dashboard')}</h2>"))
        header.addSpacing(16)
        header.addWidget(self.period)
        header.addWidget(self.status)
        header.addStretch(1)
        header.addWidget(self.report_button)
        header.addWidget(self.grievance_button)

        self.today_column = TodayColumn()
        self.tiles = FigureTiles()
        self._charts: EngagementCharts | None = None
        self._map_view: StakeholderMapView | None = None
        # Where the charts and the map go once built; until then it says they are on their way.
        self.charts_placeholder = MutedLabel(self.tr("Loading the charts…"))
        # Beside the tiles' left edge, not centred: in a narrow window the centre is scrolled out of sight.
        self.charts_placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.charts_placeholder.setContentsMargins(4, 12, 0, 0)
        figures = QWidget()
        self._figures_layout = right = QVBoxLayout(figures)
        right.setContentsMargins(0, 0, 4, 0)
        right.addWidget(self.tiles)
        right.addWidget(self.charts_placeholder)
        right.addStretch(1)
        today_area = _scrolling(self.today_column)
        today_area.setFixedWidth(340)
        today_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = EmptyState(self.tr("Nothing to chart yet"), self.tr(
            "The dashboard fills in as you add stakeholders, log interactions, hold events and record concerns."))
        self.figures_area = _scrolling(figures)
        self.right = QStackedWidget()
        self.right.addWidget(self.figures_area)
        self.right.addWidget(self.empty)
        body = QHBoxLayout()
        body.addWidget(today_area)
        body.addWidget(self.right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self.period.period_changed.connect(lambda *_: self.refresh())
        self.today_column.record_chosen.connect(self._open)
        self.report_button.clicked.connect(self.open_engagement_report)
        self.grievance_button.clicked.connect(self.open_grievance_report)

    # The charts and the map ----------------------------------------------------

    @property
    def charts(self) -> EngagementCharts:
        self._build_charts()
        return self._charts

    @property
    def map_view(self) -> StakeholderMapView:
        self._build_charts()
        return self._map_view

    def _build_charts(self) -> None:
        if self._charts is not None:
            return
        from ..widgets.charts_figures import EngagementCharts
        from ..widgets.charts_map import StakeholderMapView

        self._charts, self._map_view = EngagementCharts(), StakeholderMapView()
        self._map_view.set_type(self._map_option("map_type").get())
        self._map_view.stakeholder_chosen.connect(lambda sid: self._open("stakeholder", sid))
        self._map_view.filters_changed.connect(self._map_filters_changed)
        at = self._figures_layout.indexOf(self.charts_placeholder)
        self._figures_layout.insertWidget(at, self._map_view)
        self._figures_layout.insertWidget(at, self._charts)
        # A layout shows a widget added to a panel on screen only at the next turn of the event loop.
        self._charts.show()
        self._map_view.show()
        self.charts_placeholder.hide()
        if self._loading:
            self._charts.show_loading()
            if self.data is None:
                self._map_view.show_loading()

    # Loading -------------------------------------------------------------------

    def _map_option(self, name: str):
        return settings.panel_option("dashboard", name, str, "")

    @property
    def loading(self) -> bool:
        return self._loading

    def refresh(self) -> None:
        if not db.is_open():
            return
        self._generation += 1
        self._map_generation += 1
        generation = self._generation
        self._show_loading()
        choice = self.period.choice()
        # The remembered filters, not the combo boxes: the tag list is filled only once data arrives.
        tag, type_ = self._map_option("map_tag").get(), self._map_option("map_type").get()
        tasks.runner().run(load_dashboard, choice, tag, type_, with_progress=False,
                           on_success=lambda data: self._loaded(generation, data),
                           on_failure=lambda exc: self._failed(generation, exc))

    def _show_loading(self) -> None:
        self._loading = True
        self.status.setText(self.tr("Loading…"))
        if self.data is None:
            self.tiles.show_loading()
        if self._charts is not None:
            self._charts.show_loading()
            if self.data is None:
                self._map_view.show_loading()

    def _loaded(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.data = data
        self._loading = False
        self.status.setText("")
        self.map_view.set_tags(data.tags, data.map.tag or "")
        self._draw()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            log.error("dashboard figures failed", exc_info=exc)
            self.status.setText(self.tr("The figures could not be worked out: {0}").format(exc))
            if self._charts is None:
                self.charts_placeholder.setText(self.tr("The charts could not be drawn."))

    def _draw(self) -> None:
        data = self.data
        if data is None:
            return
        self.today_column.show_today(data.today)
        f = data.figures
        nothing = (f.register == 0 and f.interactions_total == 0 and f.events_held == 0
                   and (f.concerns is None or (f.concerns.totals.received == 0 and f.concerns.totals.open == 0))
                   and (f.media is None or f.media.coverage_total == 0))
        self.right.setCurrentWidget(self.empty if nothing else self.figures_area)
        self.tiles.show_figures(data.figures)
        self.charts.show_figures(data.figures)
        self.map_view.show_map(data.map)

    def _map_filters_changed(self, tag: str, type_: str) -> None:
        self._map_option("map_tag").set(tag)
        self._map_option("map_type").set(type_)
        if not db.is_open():
            return
        self._map_generation += 1
        generation = self._map_generation
        self.map_view.show_loading()
        tasks.runner().run(load_map, tag, type_, with_progress=False,
                           on_success=lambda m: self._map_loaded(generation, m),
                           on_failure=lambda exc: self._map_failed(generation, exc))

    def _map_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._map_generation:
            log.error("stakeholder map failed", exc_info=exc)
            self.map_view.note.setText(self.tr("The map could not be drawn: {0}").format(exc))

    def _map_loaded(self, generation: int, m: StakeholderMap) -> None:
        if generation != self._map_generation:
            return
        if self.data is not None:
            self.data = DashboardData(self.data.today, self.data.figures, m, self.data.tags)
        self.map_view.show_map(m)

    def changeEvent(self, event) -> None:
        # Light and dark mode: charts take their colours from the palette when drawn.
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()
        super().changeEvent(event)

    # Opening records and reports ------------------------------------------------

    def _open(self, kind: str, record_id: int) -> None:
        hub.hub().record_requested.emit(kind, record_id)

    def open_engagement_report(self):
        from ..dialogs.engagement_report_dialog import EngagementReportDialog

        dialog = EngagementReportDialog(self)
        dialog.show()
        return dialog

    def open_grievance_report(self):
        module = importlib.import_module(GRIEVANCE_DIALOG)
        dialog = module.GrievanceReportDialog(self)
        dialog.show()
        return dialog
