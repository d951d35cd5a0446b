"""Charts that follow the palette: a titled card around a chart view, and the chart builders.

Text, grid and background colours come from the widget's palette, so charts
read in light and dark mode alike; series colours are picked to show on
both. ``render_chart`` paints a chart to an image for printed reports.
"""
from __future__ import annotations

import math
from typing import Sequence

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries,
                              QStackedBarSeries, QValueAxis)
from PySide6.QtCore import QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QLabel, QStackedWidget, QVBoxLayout, QWidget

from .theme import ChartTheme, series_colour


def style_chart(chart: QChart, theme: ChartTheme, *, legend: bool = True) -> QChart:
    chart.setBackgroundBrush(theme.background)
    chart.setBackgroundRoundness(0)
    chart.setDropShadowEnabled(False)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setTitleBrush(theme.text)
    chart.legend().setVisible(legend)
    chart.legend().setLabelColor(theme.text)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    for axis in chart.axes():
        axis.setLabelsBrush(theme.text)
        axis.setTitleBrush(theme.text)
        axis.setLinePenColor(theme.grid)
        axis.setGridLineColor(theme.grid)
        axis.setMinorGridLineColor(theme.grid)
        font = QFont(axis.labelsFont())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        axis.setLabelsFont(font)
    return chart


def nice_step(maximum: float, ticks: int = 5) -> int:
    """A whole-number tick step (1, 2, 5, 10, 20, 50 …) giving about ``ticks`` intervals up to ``maximum``."""
    rough = max(maximum / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return int(factor * magnitude)
    return int(10 * magnitude)


def _value_axis(maximum: float, *, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d%%" if percent else "%d")
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    if percent:
        axis.setRange(0, 100)
        axis.setTickInterval(20)
        return axis
    # Counts are whole numbers: ticks fall on whole numbers, so no label repeats.
    step = nice_step(maximum)
    axis.setTickInterval(step)
    axis.setRange(0, max(step, math.ceil(maximum / step) * step))
    return axis


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], theme: ChartTheme, *,
              stacked: bool = False, horizontal: bool = False, percent: bool = False,
              colours: Sequence[QColor] | None = None) -> QChart:
    """Bars per category: one set per (name, values); stacked, side by side, or lying down."""
    chart = QChart()
    kind = QStackedBarSeries if stacked else (QHorizontalBarSeries if horizontal else QBarSeries)
    bars = kind()
    for n, (name, values) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        colour = colours[n] if colours else series_colour(n)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bars.append(bar_set)
    bars.setBarWidth(0.8 if len(series) > 1 and not stacked else 0.6)
    chart.addSeries(bars)
    category_axis = QBarCategoryAxis()
    category_axis.append(list(categories))
    if stacked:
        top = max((sum(column) for column in zip(*(values for _, values in series), strict=True)), default=0)
    else:
        top = max((max(values, default=0) for _, values in series), default=0)
    value_axis = _value_axis(top, percent=percent)
    along, across = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
    if horizontal:
        along, across = across, along
    chart.addAxis(category_axis, across)
    chart.addAxis(value_axis, along)
    bars.attachAxis(category_axis)
    bars.attachAxis(value_axis)
    category_axis.setGridLineVisible(False)
    return style_chart(chart, theme, legend=len(series) > 1)


class ChartCard(QFrame):
    """A titled box holding a chart, or a short message when there is nothing to draw."""

    def __init__(self, title: str, parent: QWidget | None = None, *, minimum_height: int = 240):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("chart_card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(minimum_height)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(minimum_height)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.setAccessibleName(title)

    def set_chart(self, chart: QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.stack.setCurrentWidget(self.view)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    @property
    def showing_chart(self) -> bool:
        return self.stack.currentWidget() is self.view

    def set_minimum_height(self, height: int) -> None:
        self.view.setMinimumHeight(height)
        self.message.setMinimumHeight(min(height, 240))


def render_chart(chart: QChart, size: QSize, *, scale: float = 2.0) -> QImage:
    """``chart`` painted at ``size`` (logical pixels) into an image ``scale`` times as dense."""
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(chart.backgroundBrush().color())
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.resize(size.width(), size.height())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    area = QRectF(0, 0, size.width(), size.height())
    scene.render(painter, area, area)
    painter.end()
    scene.removeItem(chart)
    return image
