"""What the month, week and agenda views share: items in local time, status colours, the legend, and a
painted canvas that knows clicks, double-clicks and dragging an event to a new time.

Occurrences come from ``services.events.occurrences_between`` in each event's own zone; the views show
them on this computer's clock, except all-day events, which keep their dates wherever they are seen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from commrel.models import choices
from commrel.services.event_calendar import Occurrence
from commrel.timeutil import zone

from ..formatting import choice_label

# Strong colour per status (bar, legend) and the light tint chips are filled with; text on the tint is
# dark in every theme, and cancelled events are struck through too, so colour is never the only sign.
STATUS_COLOURS = {
    "planned": QColor("#2f6fb3"),
    "confirmed": QColor("#2b8a4b"),
    "held": QColor("#6b7280"),
    "postponed": QColor("#b7791f"),
    "cancelled": QColor("#b33a3a"),
}
CHIP_TEXT = QColor("#1b1b1b")
TODAY = QColor("#2f6fb3")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Calendar", text)


def status_colour(status: str) -> QColor:
    return STATUS_COLOURS.get(status, STATUS_COLOURS["planned"])


def status_tint(status: str) -> QColor:
    """The status colour washed out with white, light enough for dark text."""
    c = status_colour(status)
    return QColor(*(round(255 * 0.8 + v * 0.2) for v in (c.red(), c.green(), c.blue())))


@dataclass(frozen=True)
class CalendarItem:
    """One occurrence as the views place it: naive local times, and the days it covers (inclusive)."""

    occurrence: Occurrence
    start: datetime
    end: datetime
    first_day: date
    last_day: date

    @property
    def event_id(self) -> int:
        return self.occurrence.event_id

    @property
    def title(self) -> str:
        return self.occurrence.title

    @property
    def status(self) -> str:
        return self.occurrence.status

    @property
    def all_day(self) -> bool:
        return self.occurrence.all_day

    @property
    def multi_day(self) -> bool:
        return self.all_day or self.last_day > self.first_day

    def time_text(self) -> str:
        return _tr("All day") if self.all_day else f"{self.start:%H:%M}"

    def describe(self) -> str:
        """For tooltips and screen readers: time, title, venue and status."""
        when = (_tr("All day") if self.all_day else f"{self.start:%H:%M}–{self.end:%H:%M}")
        parts = [when, self.title]
        if self.occurrence.venue:
            parts.append(self.occurrence.venue)
        parts.append(choice_label(choices.EVENT_STATUSES, self.status))
        return ", ".join(parts)


def items_from(occurrences: list[Occurrence]) -> list[CalendarItem]:
    """Occurrences on this computer's clock, sorted by start."""
    here = zone(None)
    found = []
    for occ in occurrences:
        if occ.all_day:
            start, end = occ.start.replace(tzinfo=None), occ.end.replace(tzinfo=None)
        else:
            start = occ.start.astimezone(here).replace(tzinfo=None)
            end = occ.end.astimezone(here).replace(tzinfo=None)
        last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
        found.append(CalendarItem(occ, start, end, start.date(), last))
    return sorted(found, key=lambda i: (i.start, not i.all_day, i.title.casefold()))


def paint_chip(painter: QPainter, rect: QRectF, item: CalendarItem, text: str, *, selected: bool = False) -> None:
    """A tinted, rounded block with the status colour as a bar on its left."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(status_tint(item.status))
    painter.drawRoundedRect(rect, 3, 3)
    bar = QRectF(rect.left(), rect.top(), 4, rect.height())
    painter.setBrush(status_colour(item.status))
    painter.drawRoundedRect(bar, 2, 2)
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(status_colour(item.status).darker(130), 2))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    font = painter.font()
    font.setStrikeOut(item.status == "cancelled")
    painter.setFont(font)
    painter.setPen(CHIP_TEXT)
    inner = rect.adjusted(7, 1, -3, -1)
    flags = Qt.AlignmentFlag.AlignLeft | (Qt.AlignmentFlag.AlignTop if rect.height() > 30
                                          else Qt.AlignmentFlag.AlignVCenter)
    if rect.height() > 30:
        painter.drawText(inner, flags | Qt.TextFlag.TextWordWrap, text)
    else:
        painter.drawText(inner, flags, painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                                        int(inner.width())))
    painter.restore()


class CalendarLegend(QWidget):
    """Swatches naming what each colour means."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        names = []
        for status in choices.EVENT_STATUSES:
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {status_tint(status).name()};"
                                 f"border-left: 4px solid {status_colour(status).name()}; border-radius: 2px;")
            label = QLabel(choice_label(choices.EVENT_STATUSES, status))
            layout.addWidget(swatch)
            layout.addWidget(label)
            layout.addSpacing(8)
            names.append(label.text())
        layout.addStretch(1)
        self.setAccessibleName(_tr("Colour key"))
        self.setAccessibleDescription(_tr("Events are coloured by status: {0}").format(", ".join(names)))


class CalendarCanvas(QWidget):
    """A painted calendar surface; subclasses place items and say what lies under a point.

    Subclasses fill ``self.hits`` with (rect, item) as they paint, and implement ``slot_at`` (the empty
    day or time under a point) and ``drop_start`` (the new start for an item dragged from one point to
    another).
    """

    event_selected = Signal(int)
    event_activated = Signal(int)
    create_requested = Signal(object)  # a date (all-day) or a naive local datetime
    move_requested = Signal(object, object)  # CalendarItem, new start (date or naive local datetime)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: list[CalendarItem] = []
        self.hits: list[tuple[QRectF, CalendarItem]] = []
        self.selected: CalendarItem | None = None
        self._press: tuple[QPointF, CalendarItem] | None = None
        self.drag_target = None  # the start an item would move to, while dragging
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)

    def set_items(self, items: list[CalendarItem]) -> None:
        self.items = list(items)
        if self.selected is not None:
            self.selected = next((i for i in self.items if i.event_id == self.selected.event_id
                                  and i.occurrence.original_start == self.selected.occurrence.original_start), None)
        self.update()

    def highlight(self, event_id: int) -> bool:
        """Mark the first occurrence of ``event_id`` as chosen (without announcing it); False if not shown."""
        self.selected = next((i for i in self.items if i.event_id == event_id), None)
        self.update()
        return self.selected is not None

    def item_at(self, pos: QPointF) -> CalendarItem | None:
        for rect, item in reversed(self.hits):
            if rect.contains(pos):
                return item
        return None

    def slot_at(self, pos: QPointF):
        return None

    def drop_start(self, item: CalendarItem, press: QPointF, pos: QPointF):
        return None

    def select(self, item: CalendarItem | None) -> None:
        self.selected = item
        if item is not None:
            self.setAccessibleDescription(item.describe())
            self.event_selected.emit(item.event_id)
        self.update()

    # Mouse ------------------------------------------------------------------------------------

    def mousePressEvent(self, event):
        self.setFocus()
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.item_at(event.position())
            self._press = (event.position(), item) if item is not None else None
            self.drag_target = None
            self.press_empty(event.position(), item)
        super().mousePressEvent(event)

    def press_empty(self, pos: QPointF, item: CalendarItem | None) -> None:
        """A press anywhere (``item`` None when empty): the views move their cursor there."""

    def mouseMoveEvent(self, event):
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            origin, item = self._press
            if self.drag_target is not None or \
                    (event.position() - origin).manhattanLength() >= QApplication.startDragDistance():
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.drag_target = self.drop_start(item, origin, event.position())
                self.update()
        else:
            over = self.item_at(event.position())
            self.setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)
            self.setToolTip(over.describe() if over else "")
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            origin, item = self._press
            target, dragging = self.drag_target, self.drag_target is not None or \
                (event.position() - origin).manhattanLength() >= QApplication.startDragDistance()
            self._press, self.drag_target = None, None
            self.unsetCursor()
            if dragging:
                target = self.drop_start(item, origin, event.position())
                if target is not None and target != (item.start.date() if item.all_day else item.start):
                    self.move_requested.emit(item, target)
            else:
                self.select(item)
            self.update()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            return
        item = self.item_at(event.position())
        self._press = None
        if item is not None:
            self.event_activated.emit(item.event_id)
        else:
            slot = self.slot_at(event.position())
            if slot is not None:
                self.create_requested.emit(slot)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape and self._press is not None:
            self._press, self.drag_target = None, None
            self.unsetCursor()
            self.update()
            return
        super().keyPressEvent(event)

    def paint_drag_outline(self, painter: QPainter, rect: QRectF | None) -> None:
        if rect is None:
            return
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 3, 3)
        painter.restore()


def week_start(day: date, first_weekday: int) -> date:
    """The first day (0 Monday … 6 Sunday) of the week holding ``day``."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def first_weekday() -> int:
    """The locale's first day of the week, 0 (Monday) to 6 (Sunday)."""
    return QLocale().firstDayOfWeek().value - 1


def weekday_name(day: date, *, short: bool = True) -> str:
    fmt = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().dayName(day.isoweekday(), fmt)


def day_text(day: date, pattern: str = "ddd d MMM yyyy") -> str:
    """A date in the locale's words, with a Qt date ``pattern`` ("MMMM yyyy", "dddd d MMMM"...)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)
