"""The agenda: the next four weeks as a list, a heading for each day that has something on.

Double-click an event to open it, double-click a day's heading to plan another event that day.
Keyboard: Up/Down choose an event, Enter opens it, Insert plans a new one on its day, Page Up/Down
move four weeks.
"""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from commrel.models import choices

from ..formatting import choice_label
from .calendar_common import TODAY, CalendarCanvas, CalendarItem, day_text, status_colour

DAYS = 28


class _AgendaCanvas(CalendarCanvas):
    def __init__(self, view: "CalendarAgendaView"):
        super().__init__()
        self.view = view
        self.rows: list[tuple[str, object]] = []  # ("day", date) or ("item", CalendarItem)

    def row_height(self, kind: str) -> int:
        return self.fontMetrics().height() + (14 if kind == "day" else 12)

    def layout_rows(self) -> None:
        start, end = self.view.visible_range()
        rows, shown = [], set()
        for offset in range((end - start).days):
            day = start + timedelta(days=offset)
            todays = [i for i in self.items if i.first_day <= day <= i.last_day
                      and (i.first_day == day or day == start) and id(i) not in shown]
            if todays:
                rows.append(("day", day))
                for item in todays:
                    shown.add(id(item))
                    rows.append(("item", item))
        self.rows = rows
        height = sum(self.row_height(k) for k, _ in rows) if rows else 6 * self.fontMetrics().height()
        self.setMinimumHeight(height + 8)
        self.updateGeometry()

    def set_items(self, items: list[CalendarItem]) -> None:
        super().set_items(items)
        self.layout_rows()

    def row_at(self, pos: QPointF) -> tuple[str, object] | None:
        y = 4
        for kind, value in self.rows:
            h = self.row_height(kind)
            if y <= pos.y() < y + h:
                return kind, value
            y += h
        return None

    def slot_at(self, pos: QPointF):
        if not self.rows:
            return self.view.anchor()
        row = self.row_at(pos)
        return row[1] if row is not None and row[0] == "day" else None

    def item_rect(self, item: CalendarItem) -> QRectF | None:
        return next((r for r, i in self.hits if i is item), None)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette, fm = self.palette(), self.fontMetrics()
        p.fillRect(self.rect(), palette.base())
        self.hits = []
        if not self.rows:
            start, end = self.view.visible_range()
            p.setPen(palette.placeholderText().color())
            p.drawText(self.rect().adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                       self.tr("Nothing planned from {0} to {1}.\nDouble-click here or press Insert to plan an "
                               "event.").format(day_text(start, "d MMM"), day_text(end - timedelta(days=1))))
            return
        bold = QFont(self.font())
        bold.setBold(True)
        time_w = fm.horizontalAdvance("00:00–00:00") + 16
        status_w = max(fm.horizontalAdvance(choice_label(choices.EVENT_STATUSES, s)) for s in choices.EVENT_STATUSES)
        y = 4
        for kind, value in self.rows:
            h = self.row_height(kind)
            rect = QRectF(0, y, self.width(), h)
            if kind == "day":
                p.fillRect(rect, palette.alternateBase())
                p.setFont(bold)
                p.setPen(TODAY if value == date.today() else palette.windowText().color())
                label = day_text(value, "dddd d MMMM yyyy")
                if value == date.today():
                    label += "  ·  " + self.tr("Today")
                p.drawText(rect.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter, label)
                p.setFont(self.font())
            else:
                item: CalendarItem = value
                selected = self.selected is not None and item.occurrence == self.selected.occurrence
                if selected:
                    p.fillRect(rect, palette.highlight().color().lighter(170))
                p.setPen(palette.windowText().color())
                when = self.tr("All day") if item.all_day else f"{item.start:%H:%M}–{item.end:%H:%M}"
                if item.last_day > item.first_day:
                    when = self.tr("until {0}").format(day_text(item.last_day, "d MMM")) if item.all_day \
                        else f"{item.start:%H:%M} →"
                p.drawText(QRectF(24, y, time_w, h), Qt.AlignmentFlag.AlignVCenter, when)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(status_colour(item.status))
                p.drawRoundedRect(QRectF(24 + time_w, y + h / 2 - 6, 12, 12), 3, 3)
                font = QFont(self.font())
                font.setStrikeOut(item.status == "cancelled")
                p.setFont(font)
                p.setPen(palette.windowText().color())
                text_x = 24 + time_w + 22
                text_w = self.width() - text_x - status_w - 32
                text = item.title + (f" — {item.occurrence.venue}" if item.occurrence.venue else "")
                p.drawText(QRectF(text_x, y, text_w, h), Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(text, Qt.TextElideMode.ElideRight, int(text_w)))
                p.setFont(self.font())
                p.setPen(status_colour(item.status).darker(115))
                p.drawText(QRectF(self.width() - status_w - 16, y, status_w, h),
                           Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                           choice_label(choices.EVENT_STATUSES, item.status))
                self.hits.append((rect, item))
                p.setPen(QPen(QColor(palette.mid().color()).lighter(120), 1))
                p.drawLine(QPointF(24, y + h - 0.5), QPointF(self.width() - 16, y + h - 0.5))
            y += h
        if self.hasFocus() and self.selected is not None:
            rect = self.item_rect(self.selected)
            if rect is not None:
                p.setPen(QPen(palette.highlight().color(), 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(1, 1, -1, -1))

    def keyPressEvent(self, event):
        key = event.key()
        items = [v for k, v in self.rows if k == "item"]
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and items:
            at = next((n for n, i in enumerate(items) if self.selected is not None
                       and i.occurrence == self.selected.occurrence), -1)
            at = max(0, min(len(items) - 1, at + (1 if key == Qt.Key.Key_Down else -1) if at >= 0 else 0))
            self.select(items[at])
            self.repaint()
            rect = self.item_rect(items[at])
            if rect is not None:
                self.view.scroll.ensureVisible(0, int(rect.center().y()), 0, int(rect.height()))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.event_activated.emit(self.selected.event_id)
        elif key == Qt.Key.Key_Insert or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not items):
            self.create_requested.emit(self.selected.first_day if self.selected else self.view.anchor())
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.view.step(-1 if key == Qt.Key.Key_PageUp else 1)
        else:
            super().keyPressEvent(event)


class CalendarAgendaView(QWidget):
    event_selected = Signal(int)
    event_activated = Signal(int)
    create_requested = Signal(object)
    move_requested = Signal(object, object)
    range_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.start = date.today()
        self.canvas = _AgendaCanvas(self)
        self.canvas.setAccessibleName(self.tr("Agenda"))
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusProxy(self.canvas)
        self.setFocusProxy(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        for name in ("event_selected", "event_activated", "create_requested", "move_requested"):
            getattr(self.canvas, name).connect(getattr(self, name))

    def set_anchor(self, day: date) -> None:
        moved, self.start = day != self.start, day
        if moved:
            self.canvas.layout_rows()
            self.canvas.update()
            self.range_changed.emit()

    def anchor(self) -> date:
        return self.start

    def step(self, n: int) -> None:
        self.set_anchor(self.start + timedelta(days=n * DAYS))

    def visible_range(self) -> tuple[date, date]:
        return self.start, self.start + timedelta(days=DAYS)

    def title(self) -> str:
        end = self.start + timedelta(days=DAYS - 1)
        return f"{day_text(self.start, 'd MMM')} – {day_text(end, 'd MMM yyyy')}"

    def set_items(self, items: list[CalendarItem]) -> None:
        self.canvas.set_items(items)
        self.scroll.verticalScrollBar().setValue(0)

    @property
    def items(self) -> list[CalendarItem]:
        return self.canvas.items

    def highlight(self, event_id: int) -> bool:
        return self.canvas.highlight(event_id)
