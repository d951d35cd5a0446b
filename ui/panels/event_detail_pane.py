"""One event beside the list or calendar: when and where, the replies so far, what to do next, and tabs for
the list of people, the checklist and the concerns raised there."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QLabel, QMenu, QPushButton, QStackedWidget,
                               QTableView, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from commrel import recurrence
from commrel.errors import NotFound
from commrel.models import choices
from commrel.services import event_participants, events
from commrel.services.concern_queries import ConcernFilter

from .. import hub
from ..formatting import choice_label
from ..models.concern_table_model import COLUMNS as CONCERN_COLUMNS
from ..models.concern_table_model import ID_ROLE as CONCERN_ID, ConcernTableModel
from ..models.event_table_model import here_text, when_text
from ..widgets.calendar_common import status_colour
from ..widgets.empty_state import EmptyState
from . import event_actions
from .event_checklist_tab import EventChecklistTab
from .event_participants_tab import EventParticipantsTab, fit_columns

_CONCERN_KEYS = ("reference", "received", "summary", "status")
COUNT_ORDER = (("invited", "Invited"), ("accepted", "Accepted"), ("declined", "Declined"),
               ("tentative", "Tentative"), ("no_reply", "No reply"), ("attended", "Attended"))


class EventDetailPane(QWidget):
    edit_requested = Signal(int)
    invite_requested = Signal(int)
    check_in_requested = Signal(int)
    concern_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.event_id: int | None = None
        self.setAccessibleName(self.tr("Event details"))
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.when, self.where, self.repeats = QLabel(), QLabel(), QLabel()
        for label in (self.when, self.where, self.repeats):
            label.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setAccessibleName(self.tr("Replies so far"))
        self.counts.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("background: #fff4d6; border: 1px solid #e0b64a; border-radius: 4px; "
                                    "padding: 4px; color: #4d3800;")
        self.warnings.setAccessibleName(self.tr("Warnings"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #1d6b39;")
        self.notice.setAccessibleName(self.tr("Result"))

        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.check_in_button = QPushButton(self.tr("Sign-in at the &door…"))
        self.held_button = QPushButton(self.tr("Mark as &held"))
        self.held_button.setToolTip(self.tr("Set it to held and log an interaction for everyone who came"))
        self.concern_button = QPushButton(self.tr("Record a &concern raised here…"))
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("&More"))
        self.more_button.setAccessibleName(self.tr("More actions"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction(self.tr("Print run sheet…"), lambda: event_actions.print_sheet(self, self.event_id, "run"))
        more.addAction(self.tr("Print sign-in sheet…"),
                       lambda: event_actions.print_sheet(self, self.event_id, "sign_in"))
        more.addAction(self.tr("Export as calendar file (.ics)…"),
                       lambda: event_actions.export_ics(self, [self.event_id]))
        more.addSeparator()
        more.addAction(self.tr("Delete event…"), lambda: event_actions.delete(self, self.event_id))
        self.more_button.setMenu(more)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.event_id))
        self.check_in_button.clicked.connect(lambda: self.check_in_requested.emit(self.event_id))
        self.held_button.clicked.connect(self.mark_held)
        self.concern_button.clicked.connect(lambda: self.concern_requested.emit(self.event_id))
        buttons = QGridLayout()
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.check_in_button, 0, 1)
        buttons.addWidget(self.held_button, 0, 2)
        buttons.addWidget(self.concern_button, 1, 0, 1, 2)
        buttons.addWidget(self.more_button, 1, 2)

        self.participants = EventParticipantsTab()
        self.participants.changed.connect(self._participants_changed)
        self.participants.invite_requested.connect(lambda: self.invite_requested.emit(self.event_id))
        self.checklist = EventChecklistTab()
        self.concerns_model = ConcernTableModel(self)
        self.concerns = QTableView()
        self.concerns.setModel(self.concerns_model)
        self.concerns.setAccessibleName(self.tr("Concerns raised at this event"))
        self.concerns.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.concerns.verticalHeader().hide()
        fit_columns(self.concerns, [None if c.key == "summary" else min(c.width, 110) for c in CONCERN_COLUMNS])
        for n, column in enumerate(CONCERN_COLUMNS):
            self.concerns.setColumnHidden(n, column.key not in _CONCERN_KEYS)
        self.concerns.activated.connect(
            lambda index: hub.hub().record_requested.emit("concern", index.data(CONCERN_ID)))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.participants, self.tr("&People"))
        self.tabs.addTab(self.checklist, self.tr("Check&list"))
        self.tabs.addTab(self.concerns, self.tr("Concern&s"))

        details = QWidget()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(8, 0, 0, 0)
        for widget in (self.title, self.status, self.when, self.where, self.repeats, self.counts, self.warnings):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.empty = EmptyState(self.tr("No event chosen"),
                                self.tr("Choose an event to see who is coming, its checklist and the concerns "
                                        "raised there."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(details)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # Showing ----------------------------------------------------------------------------------------

    def load(self, event_id: int | None) -> None:
        if event_id != self.event_id:
            self.notice.clear()
            self.notice.hide()
        try:
            event = events.get(event_id) if event_id is not None else None
        except NotFound:
            event = None
        self.event_id = event.id if event is not None else None
        self.stack.setCurrentIndex(0 if event is None else 1)
        if event is None:
            self.participants.load(None)
            self.checklist.load(None)
            return
        self.title.setText(f"<h2 style='margin:0'>{_escape(event.title)}</h2>")
        colour = status_colour(event.status).name()
        status, kind = (choice_label(choices.EVENT_STATUSES, event.status),
                        choice_label(choices.EVENT_TYPES, event.type))
        self.status.setText(f"<span style='color:{colour}'>■</span> {status} · {kind}")
        when = when_text(event)
        here = here_text(event)
        self.when.setText(when + (f"<br><span style='color:#5a5a5a'>{_escape(here)}</span>" if here else ""))
        where = ", ".join(t for t in (event.venue, " ".join(event.address.split())) if t)
        if event.capacity:
            where += (" · " if where else "") + self.tr("room for {0}").format(event.capacity)
        self.where.setText(_escape(where) or self.tr("<i>No venue yet</i>"))
        self.repeats.setText(recurrence.describe(event.rrule, event.timezone) if event.rrule else "")
        self.repeats.setVisible(bool(event.rrule))
        self._show_counts()
        messages = events.warnings(event.id)
        self.warnings.setText("⚠ " + "\n⚠ ".join(messages) if messages else "")
        self.warnings.setVisible(bool(messages))
        self.held_button.setEnabled(event.status != "cancelled")
        self.participants.load(event.id)
        self.checklist.load(event.id)
        self.concerns_model.set_filter(ConcernFilter(event_id=event.id))
        n = self.concerns_model.total()
        self.tabs.setTabText(2, self.tr("Concern&s ({0})").format(n) if n else self.tr("Concern&s"))

    def _show_counts(self) -> None:
        counts = event_participants.counts(self.event_id)
        self.counts.setText("  ·  ".join(f"{self.tr(label)} <b>{counts[key]:,}</b>" for key, label in COUNT_ORDER))
        self.tabs.setTabText(0, self.tr("&People ({0})").format(counts["invited"]))

    def _participants_changed(self) -> None:
        self._show_counts()
        hub.changed("events")

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def mark_held(self) -> int | None:
        logged = event_actions.mark_held(self, self.event_id)
        if logged is not None:
            self.load(self.event_id)
            self.show_notice(self.tr("Marked as held. {0}").format(event_actions.held_text(logged)))
        return logged


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
