"""The dashboard's "Today" column: this week's events, follow-ups due, concerns to act on.

Every line names its record; a click (or Enter) asks for it with
``record_chosen(kind, id)``.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QLabel, QListWidget, QListWidgetItem, QSizePolicy,
                               QVBoxLayout, QWidget)

from commrel.timeutil import to_utc_naive

from ..formatting import date_text, datetime_text
from .theme import ChartTheme, MutedLabel

if TYPE_CHECKING:
    # The report module pulls in the calendar and recurrence code; the column only reads its results.
    from commrel.reports.dashboard import ConcernDue, DueFollowUp, Today, UpcomingEvent

RECORD_ROLE = Qt.ItemDataRole.UserRole


class _Section(QWidget):
    """A heading and a short list that grows to fit its lines (the column scrolls, not the list)."""

    def __init__(self, title: str, empty: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title, self._empty = title, empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        self.heading = QLabel(f"<b>{title}</b>")
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The column's own background shows through; a palette, not a style sheet, which costs more.
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
        self.list.setPalette(palette)
        self.note = MutedLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self.show_loading()

    def show_loading(self) -> None:
        """Before the first answer: the heading, and a note that the lines are on their way."""
        self.list.setVisible(False)
        self.note.setText(self.tr("Loading…"))
        self.note.setVisible(True)

    def set_items(self, items: list[tuple[str, str, tuple[str, int], bool]], total: int, theme: ChartTheme) -> None:
        """Lines of (first line, second line, (kind, id), late); ``total`` may exceed what is shown."""
        self.heading.setText(f"<b>{self._title}</b>" + (f" ({QLocale().toString(total)})" if total else ""))
        self.list.clear()
        for first, second, record, late in items:
            item = QListWidgetItem(f"{first}\n{second}" if second else first)
            item.setData(RECORD_ROLE, record)
            item.setToolTip(f"{first}\n{second}".strip())
            item.setSizeHint(QSize(0, 40 if second else 24))
            if late:
                item.setForeground(QBrush(theme.warning))
            self.list.addItem(item)
        self.list.setFixedHeight(sum(self.list.sizeHintForRow(r) for r in range(self.list.count())) + 4)
        self.list.setVisible(bool(items))
        more = total - len(items)
        if not items:
            self.note.setText(self._empty)
        elif more > 0:
            self.note.setText(self.tr("and {0} more").format(QLocale().toString(more)))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))


class TodayColumn(QWidget):
    record_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(f"<h3>{self.tr('Today')}</h3>")
        layout.addWidget(heading)
        self.events = _Section(self.tr("Events this week"), self.tr("No events in the next seven days."))
        self.follow_ups = _Section(self.tr("Follow-ups due"), self.tr("No follow-ups due."))
        self.awaiting = _Section(self.tr("Concerns to acknowledge"), self.tr("Every concern is acknowledged."))
        self.overdue = _Section(self.tr("Overdue concerns"), self.tr("No concern is overdue."))
        self.sections = (self.events, self.follow_ups, self.awaiting, self.overdue)
        for section in self.sections:
            layout.addWidget(section)
            section.list.itemActivated.connect(self._chosen)
            section.list.itemClicked.connect(self._chosen)
        layout.addStretch(1)

    def _chosen(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(RECORD_ROLE)
        self.record_chosen.emit(kind, record_id)

    def show_today(self, today: Today) -> None:
        theme = ChartTheme.from_palette(self.palette())
        self.events.set_items([self._event(e) for e in today.events], today.events_total, theme)
        self.follow_ups.set_items([self._follow_up(f) for f in today.follow_ups], today.follow_ups_total, theme)
        self.awaiting.set_items([self._concern(c) for c in today.awaiting_acknowledgement], today.awaiting_total,
                                theme)
        self.overdue.set_items([self._concern(c) for c in today.overdue], today.overdue_total, theme)

    def _event(self, e: UpcomingEvent):
        when = date_text(e.start.date()) if e.all_day else _local_text(e.start)
        # The venue last: it is what gets cut short in a narrow column.
        details = [when, self.tr("{0} accepted").format(QLocale().toString(e.accepted))]
        if e.venue:
            details.append(e.venue)
        return e.title, " · ".join(details), (e.kind, e.id), False

    def _follow_up(self, f: DueFollowUp):
        due = self.tr("overdue since {0}").format(date_text(f.due)) if f.overdue else self.tr("due today")
        return f.action, f"{f.stakeholders} · {due}", (f.kind, f.id), f.overdue

    def _concern(self, c: ConcernDue):
        if c.late_on == "acknowledgement":
            due = self.tr("acknowledgement was due {0}").format(date_text(c.due))
        elif c.late_on == "resolution":
            due = self.tr("resolution was due {0}").format(date_text(c.due))
        else:
            due = self.tr("acknowledge by {0}").format(datetime_text(c.due))
        return f"{c.reference} {c.summary}".strip(), due, (c.kind, c.id), c.overdue


def _local_text(moment: datetime) -> str:
    """An aware moment, in this computer's zone, short format."""
    return datetime_text(to_utc_naive(moment))
