"""Events: a list or a month, week or agenda calendar, with the chosen event's details beside it."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QStackedWidget, QTableView, QToolButton, QVBoxLayout, QWidget)

from commrel import db
from commrel.services import checklists, events

from .. import hub, settings
from ..formatting import counted
from ..models.event_table_model import COLUMNS, ID_ROLE, EventTableModel
from ..widgets.calendar_agenda import CalendarAgendaView
from ..widgets.calendar_common import CalendarLegend, items_from
from ..widgets.calendar_month import CalendarMonthView
from ..widgets.calendar_week import CalendarWeekView
from ..widgets.empty_state import EmptyState
from . import event_actions
from .base import Panel
from .event_detail_pane import EventDetailPane
from .event_filter_bar import EventFilterBar
from .event_participants_tab import fit_columns

LIST, MONTH, WEEK, AGENDA, EMPTY = range(5)
VIEW_NAMES = ("list", "month", "week", "agenda")


class EventsPanel(Panel):
    key = "events"
    title = "Events"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialogs: list = []
        self.new_button = QPushButton(self.tr("&New event…"))
        self.new_button.setToolTip(self.tr("Plan a new event (Ctrl+Shift+E)"))
        self.new_button.clicked.connect(lambda: self.new_event())
        new_action = QAction(self)
        new_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(lambda: self.new_event())
        self.addAction(new_action)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Bring events in from a calendar file (.ics) or a spreadsheet"))
        self.import_button.clicked.connect(self._import)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Save the events shown as a calendar file (.ics) or a spreadsheet"))
        self.export_button.clicked.connect(self._export)
        self.view_group = QButtonGroup(self)
        view_row = QHBoxLayout()
        view_row.setSpacing(0)
        for n, text in enumerate((self.tr("L&ist"), self.tr("&Month"), self.tr("&Week"), self.tr("A&genda"))):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show as {0}").format(text.replace("&", "").lower()))
            self.view_group.addButton(button, n)
            view_row.addWidget(button)
        self.view_group.button(LIST).setChecked(True)
        self.view_group.idClicked.connect(self.set_view)
        self.prev_button, self.today_button, self.next_button = (QToolButton() for _ in range(3))
        for button, text, name, step in ((self.prev_button, "‹", self.tr("Previous"), -1),
                                         (self.today_button, self.tr("&Today"), self.tr("Today"), 0),
                                         (self.next_button, "›", self.tr("Next"), 1)):
            button.setText(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, s=step: self.go(s))
        self.range_label = QLabel()
        self.range_label.setAccessibleName(self.tr("Dates shown"))
        self.range_label.setMinimumWidth(180)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("&Details"))
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        self.details_button.setToolTip(self.tr("Show or hide the chosen event's details beside the list"))
        self.details_button.toggled.connect(self._show_details)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of events shown"))
        top = QHBoxLayout()
        for w in (self.new_button, self.import_button, self.export_button):
            top.addWidget(w)
        top.addSpacing(12)
        for w in (self.prev_button, self.today_button, self.next_button, self.range_label):
            top.addWidget(w)
        top.addWidget(self.count_label, 1)
        top.addLayout(view_row)
        top.addSpacing(8)
        top.addWidget(self.details_button)

        self.filters = EventFilterBar()
        self.filters.changed.connect(self.refresh)
        self.legend = CalendarLegend()
        self.model = EventTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Events"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        fit_columns(self.table, [c.width for c in COLUMNS])
        self.table.activated.connect(lambda index: self.edit_event(index.data(ID_ROLE)))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self.show_event(current.data(ID_ROLE)) if current.isValid() else None)
        self.month, self.week, self.agenda = CalendarMonthView(), CalendarWeekView(), CalendarAgendaView()
        for view in self.calendars():
            view.event_selected.connect(self.show_event)
            view.event_activated.connect(self.edit_event)
            view.create_requested.connect(self.new_event)
            view.move_requested.connect(lambda item, start: event_actions.move(self, item, start))
            view.range_changed.connect(self.refresh)
        self.month.day_requested.connect(self._look_at_day)
        self.empty = EmptyState(self.tr("No events yet"),
                                self.tr("Plan public meetings, open houses and site visits: invite people from "
                                        "the register, sign them in at the door and follow up."),
                                self.tr("Plan the first event"))
        self.empty.action_clicked.connect(lambda: self.new_event())
        self.stack = QStackedWidget()
        for widget in (self.table, self.month, self.week, self.agenda, self.empty):
            self.stack.addWidget(widget)
        self.detail = EventDetailPane()
        self.detail.edit_requested.connect(self.edit_event)
        self.detail.invite_requested.connect(self.invite)
        self.detail.check_in_requested.connect(self.check_in)
        self.detail.concern_requested.connect(self.record_concern)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.stack, 1)
        left_layout.addWidget(self.legend)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([660, 420])
        self.splitter.setCollapsible(0, False)
        self.splitter.splitterMoved.connect(lambda *_: self._sync_details_button())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _show_details(self, shown: bool) -> None:
        sizes = self.splitter.sizes()
        if shown and sizes[1] == 0:
            self.splitter.setSizes([max(1, sum(sizes) - 420), 420])
        elif not shown and sizes[1]:
            self.splitter.setSizes([sum(sizes), 0])

    def _sync_details_button(self) -> None:
        self.details_button.blockSignals(True)
        self.details_button.setChecked(self.splitter.sizes()[1] > 0)
        self.details_button.blockSignals(False)

    def calendars(self):
        return (self.month, self.week, self.agenda)

    # Showing --------------------------------------------------------------------------------------------

    def view(self) -> int:
        return self.view_group.checkedId()

    def set_view(self, view: int) -> None:
        self.view_group.button(view).setChecked(True)
        anchor = next((v.anchor() for v in self.calendars() if v is self.stack.currentWidget()), None)
        if anchor is not None and view != LIST:
            self.calendar().set_anchor(anchor)
        self.refresh()

    def calendar(self):
        return {MONTH: self.month, WEEK: self.week, AGENDA: self.agenda}.get(self.view())

    def refresh(self) -> None:
        if not db.is_open():
            return
        view = self.view()
        for button in (self.prev_button, self.today_button, self.next_button, self.range_label):
            button.setVisible(view != LIST)
        self.filters.set_dates_visible(view == LIST)
        self.legend.setVisible(view != LIST)
        if view == LIST:
            self.model.set_filter(self.filters.event_filter())
            shown = self.model.total()
            self.count_label.setText(counted(shown, self.tr("1 event"), self.tr("{0} events")))
            row = self.model.row_of(self.detail.event_id) if self.detail.event_id is not None else -1
            if row >= 0:
                self.table.selectRow(row)
        else:
            cal = self.calendar()
            start, end = cal.visible_range()
            items = items_from(events.occurrences_between(start, end, self.filters.event_filter(with_dates=False)))
            cal.set_items(items)
            self.range_label.setText(f"<b>{cal.title()}</b>")
            self.count_label.setText(counted(len(items), self.tr("1 date"), self.tr("{0} dates")))
        self.stack.setCurrentIndex(EMPTY if events.count() == 0 else view)
        self.detail.load(self.detail.event_id)

    def go(self, step: int) -> None:
        cal = self.calendar()
        if cal is None:
            return
        if step == 0:
            cal.set_anchor(date.today())
            self.refresh()
        else:
            cal.step(step)

    def _look_at_day(self, day: date) -> None:
        self.week.set_anchor(day)
        self.set_view(WEEK)

    def data_changed(self, kind: str) -> None:
        if kind in ("events", "stakeholders", "concerns", "interactions", "all"):
            super().data_changed(kind)

    def show_event(self, event_id: int | None) -> None:
        self.detail.load(event_id)

    def open_record(self, record_id: int) -> None:
        """Show the event: its row in the list (or its day in the calendar) and its details."""
        self.details_button.setChecked(True)
        try:
            event = events.get(record_id)
        except Exception:  # deleted meanwhile: nothing to show
            return
        if self.view() == LIST:
            row = self.model.row_of(record_id)
            if row < 0 and self.filters.when.currentData() != "any":
                self.filters.when.setCurrentIndex(self.filters.when.findData("any"))
                row = self.model.row_of(record_id)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        else:
            self.calendar().set_anchor(events.local_start(event).astimezone().date())
            self.refresh()
            self.calendar().highlight(record_id)
        if self.detail.event_id != record_id:  # selecting its row has shown it already
            self.detail.load(record_id)

    # Doing ---------------------------------------------------------------------------------------------

    def _keep(self, dialog):
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        dialog.show()
        return dialog

    def new_event(self, start: date | datetime | None = None):
        from ..dialogs.event_dialog import EventDialog

        dialog = EventDialog(self, start=start)
        dialog.saved.connect(self.open_record)
        return self._keep(dialog)

    def edit_event(self, event_id: int):
        from ..dialogs.event_dialog import EventDialog

        if event_id is None:
            return None
        if self.detail.event_id != event_id:
            self.detail.load(event_id)
        dialog = EventDialog(self, event_id=event_id)
        dialog.saved.connect(self.detail.load)
        dialog.duplicated.connect(lambda new_id: (self.open_record(new_id), self.edit_event(new_id)))
        return self._keep(dialog)

    def invite(self, event_id: int):
        from ..dialogs.invite_dialog import InviteDialog

        return self._keep(InviteDialog(event_id, self))

    def check_in(self, event_id: int):
        from ..dialogs.check_in_dialog import CheckInDialog

        return self._keep(CheckInDialog(event_id, self))

    def record_concern(self, event_id: int):
        from ..dialogs.concern_intake_dialog import ConcernIntakeDialog

        dialog = ConcernIntakeDialog(self, event_id=event_id)
        dialog.open_requested.connect(lambda cid: hub.hub().record_requested.emit("concern", cid))
        return self._keep(dialog)

    def _import(self) -> None:
        from ..exchange_actions import import_dialog

        import_dialog(self, kind="events")

    def _export(self) -> None:
        """Export the rows selected in the list, or every event when fewer than two are selected."""
        from ..exchange_actions import export_dialog

        rows = self.table.selectionModel().selectedRows() if self.view() == LIST else []
        if len(rows) > 1:
            event_actions.export_ics(self, [r.data(ID_ROLE) for r in rows])
        else:
            export_dialog(self, "events")

    # State -------------------------------------------------------------------------------------------------

    def activate(self) -> None:
        if self._stale and db.is_open():
            checklists.ensure_default_templates()
        super().activate()

    def save_state(self) -> None:
        settings.panel_option(self.key, "view", str, "list").set(VIEW_NAMES[self.view()])
        settings.panel_option(self.key, "header").set(self.table.horizontalHeader().saveState())
        settings.panel_option(self.key, "splitter").set(self.splitter.saveState())
        settings.panel_option(self.key, "filters", str, "").set(self.filters.state())

    def restore_state(self) -> None:
        name = settings.panel_option(self.key, "view", str, "list").get()
        if name in VIEW_NAMES:
            self.view_group.button(VIEW_NAMES.index(name)).setChecked(True)
        for option, target in (("header", self.table.horizontalHeader()), ("splitter", self.splitter)):
            state = settings.panel_option(self.key, option).get()
            if not state.isEmpty():
                target.restoreState(state)
        self._sync_details_button()
        self.filters.restore(settings.panel_option(self.key, "filters", str, "").get())
        self._stale = True
