"""The month view: six weeks of days, each listing its events as coloured chips.

Double-click an empty part of a day to plan an event on it, double-click an event to open it, drag an
event to another day to move it (its time of day stays). Keyboard: arrows move between days, Page
Up/Down between months, Space steps through the day's events, Enter opens the one chosen (or plans a new
event when none is), Insert always plans a new one.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from .calendar_common import (TODAY, CalendarCanvas, CalendarItem, day_text, first_weekday, paint_chip,
                              week_start, weekday_name)

WEEKS = 6


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, 1)


class CalendarMonthView(CalendarCanvas):
    range_changed = Signal()
    day_requested = Signal(object)  # a date whose events did not all fit ("+3 more")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current = date.today()
        self.month = self.current.replace(day=1)
        self.more_hits: list[tuple[QRectF, date]] = []
        self.setAccessibleName(self.tr("Month calendar"))
        self.setMinimumSize(560, 420)

    # Range -----------------------------------------------------------------------------------

    def set_anchor(self, day: date) -> None:
        moved = day.replace(day=1) != self.month
        self.current, self.month = day, day.replace(day=1)
        self._describe_day()
        self.update()
        if moved:
            self.range_changed.emit()

    def anchor(self) -> date:
        return self.current

    def step(self, n: int) -> None:
        target = add_months(self.month, n)
        self.set_anchor(target if target.month != date.today().month or target.year != date.today().year
                        else date.today())

    def grid_start(self) -> date:
        return week_start(self.month, first_weekday())

    def visible_range(self) -> tuple[date, date]:
        start = self.grid_start()
        return start, start + timedelta(days=7 * WEEKS)

    def title(self) -> str:
        return day_text(self.month, "MMMM yyyy")

    # Geometry ----------------------------------------------------------------------------------

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 10

    def cell_rect(self, day: date) -> QRectF:
        n = (day - self.grid_start()).days
        w, top = self.width() / 7, self._header_height()
        h = (self.height() - top) / WEEKS
        return QRectF((n % 7) * w, top + (n // 7) * h, w, h)

    def day_at(self, pos: QPointF) -> date | None:
        top = self._header_height()
        if pos.y() < top or not self.rect().contains(pos.toPoint()):
            return None
        col = min(6, int(pos.x() // (self.width() / 7)))
        row = min(WEEKS - 1, int((pos.y() - top) // ((self.height() - top) / WEEKS)))
        return self.grid_start() + timedelta(days=row * 7 + col)

    def items_on(self, day: date) -> list[CalendarItem]:
        return [i for i in self.items if i.first_day <= day <= i.last_day]

    def slot_at(self, pos: QPointF):
        return self.day_at(pos)

    def drop_start(self, item: CalendarItem, press: QPointF, pos: QPointF):
        start_day, end_day = self.day_at(press), self.day_at(pos)
        if start_day is None or end_day is None:
            return None
        shift = end_day - start_day
        return item.start.date() + shift if item.all_day else item.start + shift

    def press_empty(self, pos: QPointF, item: CalendarItem | None) -> None:
        day = self.day_at(pos)
        if day is not None and day != self.current:
            self.current = day
            self._describe_day()
        if item is None:
            self.selected = None

    def mouseReleaseEvent(self, event):
        for rect, day in self.more_hits:
            if rect.contains(event.position()) and self._press is None:
                self.day_requested.emit(day)
                return
        super().mouseReleaseEvent(event)

    # Painting ------------------------------------------------------------------------------------

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        p.fillRect(self.rect(), palette.base())
        fm = self.fontMetrics()
        header = self._header_height()
        w = self.width() / 7
        p.setPen(palette.windowText().color())
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        start = self.grid_start()
        for col in range(7):
            p.drawText(QRectF(col * w, 0, w, header), Qt.AlignmentFlag.AlignCenter,
                       weekday_name(start + timedelta(days=col), short=w < 110))
        p.setFont(self.font())
        self.hits, self.more_hits = [], []
        today, grid = date.today(), QColor(palette.mid().color())
        chip_h, label_h = fm.height() + 4, fm.height() + 8
        for n in range(7 * WEEKS):
            day = start + timedelta(days=n)
            rect = self.cell_rect(day)
            if day.month != self.month.month:
                p.fillRect(rect, palette.alternateBase())
            p.setPen(QPen(grid, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect)
            self._paint_day_number(p, rect, day, day == today, day.month == self.month.month)
            items = self.items_on(day)
            room = max(0, int((rect.height() - label_h - 2) // (chip_h + 2)))
            shown = items if len(items) <= room else items[:max(0, room - 1)]
            y = rect.top() + label_h
            for item in shown:
                chip = QRectF(rect.left() + 3, y, rect.width() - 6, chip_h)
                text = item.title if item.all_day or day != item.first_day else f"{item.start:%H:%M} {item.title}"
                paint_chip(p, chip, item, text, selected=item is self.selected or (
                    self.selected is not None and item.occurrence == self.selected.occurrence))
                self.hits.append((chip, item))
                y += chip_h + 2
            if len(shown) < len(items):
                more = QRectF(rect.left() + 6, y, rect.width() - 12, chip_h)
                p.setPen(palette.link().color())
                p.drawText(more, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           self.tr("+{0} more").format(len(items) - len(shown)))
                self.more_hits.append((more, day))
        if self.drag_target is not None and self._press is not None:
            target = self.drag_target if isinstance(self.drag_target, date) and not isinstance(
                self.drag_target, datetime) else self.drag_target.date()
            if start <= target < start + timedelta(days=7 * WEEKS):
                self.paint_drag_outline(p, self.cell_rect(target).adjusted(2, 2, -2, -2))
        if self.hasFocus():
            p.setPen(QPen(palette.highlight().color(), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.cell_rect(self.current).adjusted(1, 1, -1, -1))

    def _paint_day_number(self, p: QPainter, rect: QRectF, day: date, is_today: bool, in_month: bool) -> None:
        fm = self.fontMetrics()
        box = QRectF(rect.left() + 4, rect.top() + 3, fm.horizontalAdvance("00") + 10, fm.height() + 2)
        if is_today:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TODAY)
            p.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            p.setPen(QColor("white"))
        else:
            colour = self.palette().windowText().color()
            p.setPen(colour if in_month else self.palette().placeholderText().color())
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, str(day.day))

    # Keyboard ------------------------------------------------------------------------------------

    def keyPressEvent(self, event):
        key = event.key()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in moves:
            self.selected = None
            self.set_anchor(self.current + timedelta(days=moves[key]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.selected = None
            self.set_anchor(add_months(self.current, -1 if key == Qt.Key.Key_PageUp else 1))
        elif key == Qt.Key.Key_Space:
            items = self.items_on(self.current)
            if items:
                at = items.index(self.selected) if self.selected in items else -1
                self.select(items[(at + 1) % len(items)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected is not None and self.selected in self.items_on(self.current):
                self.event_activated.emit(self.selected.event_id)
            else:
                self.create_requested.emit(self.current)
        elif key == Qt.Key.Key_Insert:
            self.create_requested.emit(self.current)
        else:
            super().keyPressEvent(event)

    def _describe_day(self) -> None:
        items = self.items_on(self.current)
        what = "; ".join(i.describe() for i in items) if items else self.tr("nothing planned")
        self.setAccessibleDescription(f"{day_text(self.current, 'dddd d MMMM yyyy')}: {what}")
