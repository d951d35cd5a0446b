"""The week view: seven days side by side, hours down the page, all-day events in a strip on top.

Double-click an empty half hour to plan an event then (or an empty part of the strip for an all-day
one), double-click an event to open it, drag it to another day or time to move it (in quarter hours).
Keyboard: arrows move the highlighted half hour, Page Up/Down change week, Space steps through the
day's events, Enter opens the one chosen or plans a new event at the highlighted time, Insert always
plans one.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from .calendar_common import (TODAY, CalendarCanvas, CalendarItem, day_text, first_weekday, paint_chip,
                              week_start, weekday_name)

HOUR = 44
GUTTER = 56
SNAP = 15  # minutes a dragged event moves by


def _floor(moment: datetime, minutes: int) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)


def _in_strip(item: CalendarItem) -> bool:
    return item.all_day or item.end - item.start >= timedelta(hours=24)


class _WeekCanvas(CalendarCanvas):
    def __init__(self, view: "CalendarWeekView"):
        super().__init__()
        self.view = view
        self.reserve = 0  # room kept free on the right (the strip keeps the grid's scroll bar's width)

    def column_width(self) -> float:
        return max(1.0, (self.width() - GUTTER - self.reserve) / self.view.days)

    def day_at_x(self, x: float) -> date | None:
        if x < GUTTER:
            return None
        return self.view.start + timedelta(days=min(self.view.days - 1, int((x - GUTTER) // self.column_width())))

    def paint_columns(self, p: QPainter, top: float, height: float) -> None:
        palette, w = self.palette(), self.column_width()
        p.setPen(QPen(QColor(palette.mid().color()), 1))
        for n in range(self.view.days):
            day = self.view.start + timedelta(days=n)
            rect = QRectF(GUTTER + n * w, top, w, height)
            if day == date.today():
                p.fillRect(rect, QColor(TODAY.red(), TODAY.green(), TODAY.blue(), 18))
            elif day.weekday() >= 5:
                p.fillRect(rect, palette.alternateBase())
            p.drawLine(rect.topLeft(), rect.bottomLeft())

    def keyPressEvent(self, event):
        if not self.view.handle_key(event, self):
            super().keyPressEvent(event)


class _WeekStrip(_WeekCanvas):
    """Day names and the all-day lane(s)."""

    def lanes(self) -> list[tuple[CalendarItem, int, int, int]]:
        """(item, first column, last column, lane) for the strip's items."""
        placed, ends = [], []
        last = self.view.start + timedelta(days=self.view.days - 1)
        for item in (i for i in self.items if _in_strip(i)):
            first = (max(item.first_day, self.view.start) - self.view.start).days
            final = (min(item.last_day, last) - self.view.start).days
            lane = next((n for n, end in enumerate(ends) if end < first), len(ends))
            if lane == len(ends):
                ends.append(final)
            ends[lane] = final
            placed.append((item, first, final, lane))
        return placed

    def label_height(self) -> int:
        return self.fontMetrics().height() + 10

    def chip_height(self) -> int:
        return self.fontMetrics().height() + 4

    def sizeHint(self):
        size = super().sizeHint()
        lanes = max([lane for *_, lane in self.lanes()], default=-1) + 1
        size.setHeight(self.label_height() + max(1, lanes) * (self.chip_height() + 2) + 6)
        return size

    def minimumSizeHint(self):
        return self.sizeHint()

    def slot_at(self, pos: QPointF):
        return self.day_at_x(pos.x()) if pos.y() > self.label_height() else None

    def drop_start(self, item: CalendarItem, press: QPointF, pos: QPointF):
        a, b = self.day_at_x(press.x()), self.day_at_x(max(pos.x(), GUTTER))
        if a is None or b is None:
            return None
        return item.start.date() + (b - a) if item.all_day else item.start + (b - a)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette, w, label_h, chip_h = self.palette(), self.column_width(), self.label_height(), self.chip_height()
        p.fillRect(self.rect(), palette.base())
        self.paint_columns(p, 0, self.height())
        bold = QFont(self.font())
        bold.setBold(True)
        for n in range(self.view.days):
            day = self.view.start + timedelta(days=n)
            p.setFont(bold if day == date.today() else self.font())
            p.setPen(TODAY if day == date.today() else palette.windowText().color())
            p.drawText(QRectF(GUTTER + n * w, 0, w, label_h), Qt.AlignmentFlag.AlignCenter,
                       f"{weekday_name(day, short=True)} {day.day}")
        p.setFont(self.font())
        p.setPen(palette.placeholderText().color())
        p.drawText(QRectF(0, label_h, GUTTER - 4, chip_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   self.tr("All day"))
        self.hits = []
        for item, first, final, lane in self.lanes():
            rect = QRectF(GUTTER + first * w + 2, label_h + lane * (chip_h + 2), (final - first + 1) * w - 4, chip_h)
            paint_chip(p, rect, item, item.title, selected=self.selected is not None
                       and item.occurrence == self.selected.occurrence)
            self.hits.append((rect, item))
        if self.drag_target is not None and self._press is not None:
            day = self.drag_target if not isinstance(self.drag_target, datetime) else self.drag_target.date()
            n = (day - self.view.start).days
            if 0 <= n < self.view.days:
                self.paint_drag_outline(p, QRectF(GUTTER + n * w + 2, label_h, w - 4, chip_h))
        p.setPen(QPen(QColor(palette.mid().color()), 1))
        p.drawLine(0, self.height() - 1, self.width(), self.height() - 1)


class _WeekGrid(_WeekCanvas):
    """Hours down the page; timed events placed side by side where they overlap."""

    def __init__(self, view: "CalendarWeekView"):
        super().__init__(view)
        self.setMinimumHeight(24 * HOUR + 1)  # the scroll area shows part of the day

    def y_of(self, moment: time | datetime) -> float:
        return (moment.hour * 60 + moment.minute) * HOUR / 60

    def moment_at(self, pos: QPointF, minutes: int) -> datetime | None:
        day = self.day_at_x(pos.x())
        if day is None:
            return None
        total = max(0, min(24 * 60 - minutes, int(pos.y() * 60 / HOUR)))
        return datetime.combine(day, time()) + timedelta(minutes=total - total % minutes)

    def slot_at(self, pos: QPointF):
        return self.moment_at(pos, 30)

    def drop_start(self, item: CalendarItem, press: QPointF, pos: QPointF):
        a, b = self.day_at_x(press.x()), self.day_at_x(max(pos.x(), GUTTER))
        if a is None or b is None:
            return None
        minutes = round((pos.y() - press.y()) * 60 / HOUR / SNAP) * SNAP
        return _floor(item.start + (b - a) + timedelta(minutes=minutes), 1)

    def press_empty(self, pos: QPointF, item: CalendarItem | None) -> None:
        slot = self.moment_at(pos, 30)
        if slot is not None:
            self.view.cursor = slot
        if item is None:
            self.selected = None

    def segments(self, day: date) -> list[tuple[CalendarItem, datetime, datetime, int, int]]:
        """(item, start, end, column, columns) of the day's timed events, clipped to the day."""
        midnight = datetime.combine(day, time())
        found = sorted(((i, max(i.start, midnight), min(i.end, midnight + timedelta(days=1)))
                        for i in self.items if not _in_strip(i) and i.first_day <= day <= i.last_day),
                       key=lambda s: (s[1], s[2]))
        found = [(i, s, max(e, s + timedelta(minutes=20))) for i, s, e in found]
        placed, cluster, cluster_end = [], [], None
        for item, start, end in found + [(None, None, None)]:
            if item is None or (cluster_end is not None and start >= cluster_end):
                columns: list[datetime] = []
                rows = []
                for c_item, c_start, c_end in cluster:
                    col = next((n for n, busy in enumerate(columns) if busy <= c_start), len(columns))
                    columns[col:col + 1] = [c_end]
                    rows.append((c_item, c_start, c_end, col))
                placed.extend((i, s, e, col, len(columns)) for i, s, e, col in rows)
                cluster, cluster_end = [], None
            if item is not None:
                cluster.append((item, start, end))
                cluster_end = end if cluster_end is None else max(cluster_end, end)
        return placed

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette, w = self.palette(), self.column_width()
        p.fillRect(self.rect(), palette.base())
        self.paint_columns(p, 0, self.height())
        grid = QColor(palette.mid().color())
        for hour in range(24):
            y = hour * HOUR
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            p.setPen(QPen(grid.lighter(115), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(GUTTER, y + HOUR / 2), QPointF(self.width(), y + HOUR / 2))
            p.setPen(palette.placeholderText().color())
            p.drawText(QRectF(0, y + 2, GUTTER - 8, HOUR), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                       f"{hour:02d}:00")
        self.hits = []
        for n in range(self.view.days):
            day = self.view.start + timedelta(days=n)
            for item, start, end, col, cols in self.segments(day):
                rect = QRectF(GUTTER + n * w + 2 + col * (w - 4) / cols, self.y_of(start) + 1,
                              (w - 4) / cols - 2, max(self.fontMetrics().height() + 4,
                                                      self.y_of(end) - self.y_of(start) - 2
                                                      if end.date() == day else 24 * HOUR - self.y_of(start) - 2))
                text = f"{item.start:%H:%M} {item.title}"
                if item.occurrence.venue and rect.height() > 2.5 * self.fontMetrics().height():
                    text += "\n" + item.occurrence.venue
                paint_chip(p, rect, item, text, selected=self.selected is not None
                           and item.occurrence == self.selected.occurrence)
                self.hits.append((rect, item))
        now = datetime.now()
        if self.view.start <= now.date() < self.view.start + timedelta(days=self.view.days):
            n = (now.date() - self.view.start).days
            p.setPen(QPen(QColor("#d0312d"), 2))
            p.drawLine(QPointF(GUTTER + n * w, self.y_of(now)), QPointF(GUTTER + (n + 1) * w, self.y_of(now)))
        if self.drag_target is not None and self._press is not None and isinstance(self.drag_target, datetime):
            item = self._press[1]
            n = (self.drag_target.date() - self.view.start).days
            if 0 <= n < self.view.days:
                length = max(item.end - item.start, timedelta(minutes=20))
                self.paint_drag_outline(p, QRectF(GUTTER + n * w + 2, self.y_of(self.drag_target), w - 4,
                                                  length.total_seconds() / 3600 * HOUR))
        if self.hasFocus() and self.view.cursor is not None:
            n = (self.view.cursor.date() - self.view.start).days
            if 0 <= n < self.view.days:
                p.setPen(QPen(palette.highlight().color(), 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(GUTTER + n * w + 1, self.y_of(self.view.cursor) + 1, w - 2, HOUR / 2 - 2))


class CalendarWeekView(QWidget):
    event_selected = Signal(int)
    event_activated = Signal(int)
    create_requested = Signal(object)
    move_requested = Signal(object, object)
    range_changed = Signal()

    def __init__(self, parent: QWidget | None = None, days: int = 7):
        super().__init__(parent)
        self.days = days
        self.cursor: datetime = datetime.combine(date.today(), time(9))
        self.start = self._start_for(date.today())
        self._scrolled_for: date | None = None
        self.strip, self.grid = _WeekStrip(self), _WeekGrid(self)
        self.strip.setAccessibleName(self.tr("All-day events"))
        self.grid.setAccessibleName(self.tr("Week calendar"))
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.grid)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setFocusProxy(self.grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.strip)
        layout.addWidget(self.scroll, 1)
        self.setFocusProxy(self.grid)
        for canvas in (self.strip, self.grid):
            canvas.event_selected.connect(self.event_selected)
            canvas.event_activated.connect(self.event_activated)
            canvas.create_requested.connect(self.create_requested)
            canvas.move_requested.connect(self.move_requested)
            canvas.event_selected.connect(lambda _id, c=canvas: self._selected_in(c))
        self._pending_hour: int | None = None
        self.scroll.verticalScrollBar().rangeChanged.connect(self._apply_scroll)
        self._fit_strip()
        self.scroll_to_hour(7)

    def _fit_strip(self) -> None:
        self.strip.reserve = self.scroll.verticalScrollBar().sizeHint().width()
        self.strip.setFixedHeight(self.strip.sizeHint().height())

    def _selected_in(self, canvas: CalendarCanvas) -> None:
        other = self.grid if canvas is self.strip else self.strip
        other.selected = None
        other.update()

    def _start_for(self, day: date) -> date:
        return week_start(day, first_weekday()) if self.days == 7 else day

    def scroll_to_hour(self, hour: int) -> None:
        """Scroll so ``hour`` is at the top, now or as soon as the grid has its size."""
        self._pending_hour = hour
        self._apply_scroll()

    def _apply_scroll(self, *_args) -> None:
        bar = self.scroll.verticalScrollBar()
        if self._pending_hour is not None and bar.maximum() > 0:
            bar.setValue(self._pending_hour * HOUR)
            self._pending_hour = None

    # Range -------------------------------------------------------------------------------------

    def set_anchor(self, day: date) -> None:
        start = self._start_for(day)
        self.cursor = datetime.combine(day, self.cursor.time())
        moved, self.start = start != self.start, start
        self.strip.update()
        self.grid.update()
        if moved:
            self.range_changed.emit()

    def anchor(self) -> date:
        return self.cursor.date()

    def step(self, n: int) -> None:
        self.set_anchor(self.start + timedelta(days=n * self.days))

    def visible_range(self) -> tuple[date, date]:
        return self.start, self.start + timedelta(days=self.days)

    def title(self) -> str:
        end = self.start + timedelta(days=self.days - 1)
        if self.start.month == end.month:
            return f"{self.start.day}–{day_text(end, 'd MMMM yyyy')}"
        if self.start.year == end.year:
            return f"{day_text(self.start, 'd MMM')} – {day_text(end, 'd MMM yyyy')}"
        return f"{day_text(self.start, 'd MMM yyyy')} – {day_text(end, 'd MMM yyyy')}"

    def set_items(self, items: list[CalendarItem]) -> None:
        self.strip.set_items(items)
        self.grid.set_items(items)
        self._fit_strip()
        if self._scrolled_for != self.start:  # a new week: start at 07:00, or earlier if something is on
            self._scrolled_for = self.start
            timed = [i.start.hour for i in items if not _in_strip(i) and i.first_day == i.start.date()]
            self.scroll_to_hour(max(0, min([7] + [h - 1 for h in timed])))

    @property
    def items(self) -> list[CalendarItem]:
        return self.grid.items

    def highlight(self, event_id: int) -> bool:
        strip = any(_in_strip(i) and i.event_id == event_id for i in self.items)
        (self.grid if strip else self.strip).highlight(-1)
        return (self.strip if strip else self.grid).highlight(event_id)

    # Keyboard ----------------------------------------------------------------------------------------

    def handle_key(self, event, canvas: CalendarCanvas) -> bool:
        key, cursor = event.key(), self.cursor
        moves = {Qt.Key.Key_Up: timedelta(minutes=-30), Qt.Key.Key_Down: timedelta(minutes=30),
                 Qt.Key.Key_Left: timedelta(days=-1), Qt.Key.Key_Right: timedelta(days=1)}
        if key in moves:
            moved = cursor + moves[key]
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and moved.date() != cursor.date():
                return True
            self.grid.selected = self.strip.selected = None
            self.cursor = moved
            self.set_anchor(moved.date())
            self.scroll.ensureVisible(int(GUTTER), int(self.grid.y_of(moved)), 0, HOUR)
            self.grid.setAccessibleDescription(f"{day_text(moved.date(), 'dddd d MMMM yyyy')} {moved:%H:%M}")
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.step(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key == Qt.Key.Key_Space:
            day = [i for i in self.items if i.first_day <= cursor.date() <= i.last_day]
            if day:
                current = next((n for n, i in enumerate(day) if canvas.selected is not None
                                and i.occurrence == canvas.selected.occurrence), -1)
                chosen = day[(current + 1) % len(day)]
                target = self.strip if _in_strip(chosen) else self.grid
                target.select(chosen)
                self._selected_in(target)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Insert):
            chosen = self.grid.selected or self.strip.selected
            if key != Qt.Key.Key_Insert and chosen is not None:
                self.event_activated.emit(chosen.event_id)
            else:
                self.create_requested.emit(cursor.date() if canvas is self.strip else cursor)
        else:
            return False
        self.grid.update()
        self.strip.update()
        return True
