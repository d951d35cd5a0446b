"""The stakeholder map: interest across, influence up, one dot per stakeholder coloured by position.

Scores are whole numbers, so each dot is nudged within its cell by a fixed
amount worked out from the stakeholder's id: people sharing a cell spread
out instead of hiding one another, and stay put between refreshes. Hovering
shows the name; a click asks for the stakeholder with ``stakeholder_chosen``.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QFrame, QGraphicsSimpleTextItem, QHBoxLayout, QLabel, QToolTip,
                               QVBoxLayout, QWidget)

from commrel.models.choices import POSITIONS, STAKEHOLDER_TYPES
from commrel.reports.stakeholder_map import HIGH_FROM, QUADRANTS, SCALE, MapPoint, StakeholderMap

from ..formatting import choice_label
from .charts import style_chart
from .theme import POSITION_COLOURS, ChartTheme, MutedLabel

_SPREAD = 0.6  # of a cell's width; dots stay clear of the quadrant lines between cells
_LINE = HIGH_FROM - 0.5
_LABEL_BAND = 0.9


def _mix(value: int) -> int:
    """MurmurHash3's 64-bit finaliser: neighbouring ids give unrelated bits."""
    value &= 0xFFFFFFFFFFFFFFFF
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & 0xFFFFFFFFFFFFFFFF
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & 0xFFFFFFFFFFFFFFFF
    return value ^ (value >> 33)


def nudge(stakeholder_id: int) -> tuple[float, float]:
    """A fixed offset within ±0.3 on each axis for this id."""
    bits = _mix(stakeholder_id)
    a, b = (bits & 0xFFFFFFFF) / 0x100000000, (bits >> 32) / 0x100000000
    return (a - 0.5) * _SPREAD, (b - 0.5) * _SPREAD


def point_position(p: MapPoint) -> QPointF:
    dx, dy = nudge(p.id)
    return QPointF(p.interest + dx, p.influence + dy)


@dataclass
class MapChart:
    chart: QChart
    lookup: dict[QScatterSeries, dict]  # per scatter series, its points by position: who is under the mouse
    labels: _QuadrantLabels


def map_chart(m: StakeholderMap, theme: ChartTheme) -> MapChart:
    """The chart for ``m``, drawn in ``theme``'s colours."""
    chart = QChart()
    low, high = SCALE
    x_axis, y_axis = QValueAxis(), QValueAxis()
    # Influence gets a margin above and below for the quadrant names, clear of the dots.
    for axis, title, margin in ((x_axis, _tr("Interest"), 0.5), (y_axis, _tr("Influence"), _LABEL_BAND)):
        axis.setRange(low - margin, high + margin)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(low)
        axis.setTickInterval(1)
        axis.setLabelFormat("%d")
        axis.setTitleText(title)
        axis.setGridLineVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    lookup: dict[QScatterSeries, dict] = {}
    by_position: dict[str, list[MapPoint]] = {}
    for p in m.points:
        by_position.setdefault(p.position, []).append(p)
    for code in list(POSITIONS) + sorted(set(by_position) - set(POSITIONS)):
        points = by_position.get(code)
        if not points:
            continue
        series = QScatterSeries()
        series.setName(choice_label(POSITIONS, code))
        colour = QColor(POSITION_COLOURS.get(code, "#777777"))
        series.setColor(colour)
        series.setBorderColor(colour.darker(130))
        series.setMarkerSize(9 if len(m.points) < 300 else 7)
        positions, spots = {}, []
        for p in points:
            at = point_position(p)
            spots.append(at)
            positions[(round(at.x(), 4), round(at.y(), 4))] = p
        series.append(spots)  # one call: a signal per point would redraw a thousand times
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        lookup[series] = positions
    for points in (((_LINE, low - _LABEL_BAND), (_LINE, high + _LABEL_BAND)),
                   ((low - 0.5, _LINE), (high + 0.5, _LINE))):
        line = QLineSeries()
        line.append([QPointF(*xy) for xy in points])
        line.setPen(QPen(theme.grid, 1.5, Qt.PenStyle.DashLine))
        chart.addSeries(line)
        line.attachAxis(x_axis)
        line.attachAxis(y_axis)
        chart.legend().markers(line)[0].setVisible(False)
    style_chart(chart, theme)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return MapChart(chart, lookup, _QuadrantLabels(chart, m, theme))


def _tr(text: str) -> str:
    return QCoreApplication.translate("StakeholderMap", text)


class _QuadrantLabels:
    """Quadrant names and counts in the plot's corners, kept there when the plot is resized."""

    def __init__(self, chart: QChart, m: StakeholderMap, theme: ChartTheme):
        self.chart = chart
        counts = m.quadrant_counts()
        loc = QLocale()
        font = QFont()
        font.setBold(True)
        self.items = {}
        for code, name in QUADRANTS.items():
            item = QGraphicsSimpleTextItem(f"{_tr(name)} ({loc.toString(counts[code])})", chart)
            item.setBrush(theme.muted)
            item.setFont(font)
            item.setZValue(-1)  # under the dots
            self.items[code] = item
        chart.plotAreaChanged.connect(self.place)
        self.place(chart.plotArea())

    def place(self, area) -> None:
        pad = 4
        for code, item in self.items.items():
            size = item.boundingRect()
            right = code in ("manage_closely", "keep_informed")  # high interest
            top = code in ("manage_closely", "keep_satisfied")  # high influence
            x = area.right() - size.width() - pad if right else area.left() + pad
            y = area.top() + pad if top else area.bottom() - size.height() - pad
            item.setPos(x, y)


class StakeholderMapView(QWidget):
    """The map with its own type and tag filters; ``filters_changed(tag, type)`` asks for new data."""

    filters_changed = Signal(str, str)
    stakeholder_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Stakeholder type"))
        self.type_combo.addItem(self.tr("All types"), "")
        for code in STAKEHOLDER_TYPES:
            self.type_combo.addItem(choice_label(STAKEHOLDER_TYPES, code), code)
        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.addItem(self.tr("All tags"), "")
        self.title = QLabel(f"<b>{self.tr('Stakeholder map')}</b>")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.type_combo)
        bar.addWidget(self.tag_combo)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(420)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMouseTracking(True)
        self.note = MutedLabel()
        self.note.setWordWrap(True)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.addLayout(bar)
        inner.addWidget(self.view, 1)
        inner.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self.lookup: dict[QScatterSeries, dict] = {}
        self.drawn: MapChart | None = None
        self.map: StakeholderMap | None = None
        self.type_combo.currentIndexChanged.connect(self._filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._filters_changed)

    # Filters --------------------------------------------------------------------

    @property
    def tag(self) -> str:
        return self.tag_combo.currentData() or ""

    @property
    def type(self) -> str:
        return self.type_combo.currentData() or ""

    def set_tags(self, tags: list[str], current: str = "") -> None:
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("All tags"), "")
        for tag in tags:
            self.tag_combo.addItem(tag, tag)
        index = self.tag_combo.findData(current)
        self.tag_combo.setCurrentIndex(max(index, 0))
        self.tag_combo.blockSignals(False)

    def set_type(self, code: str) -> None:
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(code), 0))
        self.type_combo.blockSignals(False)

    def _filters_changed(self) -> None:
        self.filters_changed.emit(self.tag, self.type)

    # Data ------------------------------------------------------------------------

    def show_loading(self) -> None:
        self.note.setText(self.tr("Loading…"))

    def show_map(self, m: StakeholderMap) -> None:
        self.map = m
        self.drawn = map_chart(m, ChartTheme.from_palette(self.palette()))
        chart, self.lookup = self.drawn.chart, self.drawn.lookup
        for series in self.lookup:
            series.hovered.connect(lambda point, state, s=series: self._hovered(s, point, state))
            series.clicked.connect(lambda point, s=series: self._clicked(s, point))
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        loc = QLocale()
        if m.total == 0:
            self.note.setText(self.tr("No stakeholders to show. Influence, interest and position are set on "
                                      "each stakeholder's record."))
        elif m.sampled:
            self.note.setText(self.tr("Showing {0} of {1} stakeholders, spread evenly across the register; the "
                                      "counts in each corner include everyone.").format(
                loc.toString(len(m.points)), loc.toString(m.total)))
        else:
            self.note.setText(self.tr("Hover over a dot for the name; click it to open the stakeholder."))

    def point_at(self, series: QScatterSeries, point: QPointF) -> MapPoint | None:
        return self.lookup.get(series, {}).get((round(point.x(), 4), round(point.y(), 4)))

    def _hovered(self, series: QScatterSeries, point: QPointF, state: bool) -> None:
        p = self.point_at(series, point)
        if state and p is not None:
            QToolTip.showText(QCursor.pos(), self.tr("{0}\n{1} · influence {2}, interest {3}").format(
                p.name, choice_label(POSITIONS, p.position), p.influence, p.interest), self.view)
        else:
            QToolTip.hideText()

    def _clicked(self, series: QScatterSeries, point: QPointF) -> None:
        p = self.point_at(series, point)
        if p is not None:
            self.stakeholder_chosen.emit(p.id)
