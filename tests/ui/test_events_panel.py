"""The Events panel: list, month, week and agenda views, creating from the calendar, dragging to move, opening."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from commrel.services import event_participants, events
from commrel.services.events import EventFilter
from ui import hub, undo
from ui.models.event_table_model import COLUMNS, EventTableModel
from ui.panels import event_actions
from ui.panels.events_panel import AGENDA, EMPTY, LIST, MONTH, WEEK, EventsPanel
from ui.widgets.calendar_common import items_from

from test_event_helpers import drag, meeting, person


@pytest.fixture
def panel(qtbot):
    p = EventsPanel()
    qtbot.addWidget(p)
    p.resize(1300, 820)
    p.show()
    p.activate()
    hub.hub().data_changed.connect(p.data_changed)  # as the main window does
    return p


def column(key: str) -> int:
    return next(n for n, c in enumerate(COLUMNS) if c.key == key)


def month_day(offset: int = 0) -> date:
    """A day of the current month that stays in it (the 10th plus ``offset``)."""
    return date.today().replace(day=10) + timedelta(days=offset)


def test_an_empty_calendar_invites_the_first_event(panel):
    assert panel.stack.currentIndex() == EMPTY
    meeting()
    panel.data_changed("events")
    assert panel.stack.currentIndex() == LIST and panel.model.rowCount() == 1


def test_the_list_shows_replies_and_sorts_by_them_in_sql(panel, qtmodeltester):
    meeting("Quiet meeting", day=date.today() + timedelta(days=3))
    busy = meeting("Busy meeting", day=date.today() + timedelta(days=5))
    people = [person(f"Pat{i} Lee") for i in range(3)]
    event_participants.invite(busy.id, [p.id for p in people])
    event_participants.set_rsvp(busy.id, people[0].id, "accepted")
    event_participants.check_in(busy.id, people[1].id)
    panel.refresh()
    m = panel.model
    assert [m.index(r, 0).data() for r in range(m.rowCount())] == ["Quiet meeting", "Busy meeting"]
    row = m.row_of(busy.id)
    assert [m.index(row, column(k)).data() for k in ("invited", "accepted", "attended")] == ["3", "1", "1"]
    panel.table.sortByColumn(column("invited"), Qt.SortOrder.DescendingOrder)
    assert m.index(0, 0).data() == "Busy meeting" and m.sort_key() == ("invited", True)
    qtmodeltester.check(m)
    assert panel.count_label.text() == "2 events"


def test_the_start_names_the_zone_only_when_it_is_not_this_computers(panel):
    here = meeting("Here")
    away = events.create(title="Away", starts_at=datetime.combine(date.today() + timedelta(days=1), time(19)),
                         timezone="Pacific/Chatham")
    panel.refresh()
    m = panel.model
    assert "(" not in m.index(m.row_of(here.id), column("starts_at")).data()
    away_text = m.index(m.row_of(away.id), column("starts_at")).data()
    assert away_text.endswith("(Pacific/Chatham)") and "19:00" in away_text
    assert "on this computer's clock" in m.index(m.row_of(away.id), column("starts_at")).data(
        Qt.ItemDataRole.ToolTipRole)


def test_the_filters_narrow_the_list(panel, qtbot):
    meeting("Harbour forum", day=date.today() + timedelta(days=1), type="workshop")
    meeting("Library talk", day=date.today() + timedelta(days=2), status="cancelled")
    meeting("Old forum", day=date.today() - timedelta(days=30))
    panel.refresh()
    assert panel.model.rowCount() == 2  # upcoming by default
    panel.filters.when.setCurrentIndex(panel.filters.when.findData("any"))
    assert panel.model.rowCount() == 3
    panel.filters.status.setCurrentIndex(1)  # not cancelled
    assert panel.model.rowCount() == 2
    qtbot.keyClicks(panel.filters.search, "forum")
    qtbot.waitUntil(lambda: panel.model.filter().text == "forum")
    assert panel.model.rowCount() == 2
    panel.filters.type.setCurrentIndex(panel.filters.type.findData("workshop"))
    assert [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())] == ["Harbour forum"]


def test_the_month_view_shows_the_event_on_its_day(panel):
    day = month_day()
    event = meeting(day=day)
    panel.set_view(MONTH)
    panel.month.set_anchor(day)
    panel.refresh()
    assert [i.event_id for i in panel.month.items_on(day)] == [event.id]
    assert panel.month.items_on(day + timedelta(days=1)) == []
    panel.month.grab()  # paints, placing the chips
    [(rect, item)] = panel.month.hits
    assert item.event_id == event.id and panel.month.cell_rect(day).contains(rect)
    assert panel.range_label.text() == f"<b>{panel.month.title()}</b>"
    assert panel.legend.isVisible()


def test_double_clicking_an_empty_day_plans_an_event_there(panel, qtbot):
    day = month_day(2)
    panel.set_view(MONTH)
    panel.month.set_anchor(day)
    panel.refresh()
    cell = panel.month.cell_rect(day)
    qtbot.mouseDClick(panel.month, Qt.MouseButton.LeftButton, pos=cell.bottomLeft().toPoint() + QPoint(10, -10))
    dialog = panel.dialogs[-1]
    assert dialog.form.start_date.date().toPython() == day and dialog.event_id is None


def test_double_clicking_an_event_opens_it(panel, qtbot):
    event = meeting(day=month_day())
    panel.set_view(MONTH)
    panel.month.set_anchor(month_day())
    panel.refresh()
    panel.month.grab()
    rect, _ = panel.month.hits[0]
    qtbot.mouseDClick(panel.month, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert panel.dialogs[-1].event_id == event.id
    assert panel.detail.event_id == event.id


def test_dragging_an_event_to_another_day_moves_it_and_undo_puts_it_back(panel):
    day = month_day()
    event = meeting(day=day)
    panel.set_view(MONTH)
    panel.month.set_anchor(day)
    panel.refresh()
    panel.month.grab()
    rect, _ = panel.month.hits[0]
    target = panel.month.cell_rect(day + timedelta(days=8))
    drag(panel.month, rect.center().toPoint(), target.center().toPoint())
    moved = events.get(event.id)
    assert events.local_start(moved).replace(tzinfo=None) == datetime.combine(day + timedelta(days=8), time(19))
    assert events.local_end(moved) - events.local_start(moved) == timedelta(hours=2)
    assert [i.event_id for i in panel.month.items_on(day + timedelta(days=8))] == [event.id]
    undo.stack().undo()
    assert events.local_start(events.get(event.id)).date() == day


def test_one_date_of_a_repeating_event_can_be_moved_alone(panel):
    day = month_day()
    event = meeting("Weekly drop-in", day=day, rrule="FREQ=WEEKLY;COUNT=3")
    items = items_from(events.occurrences_between(day, day + timedelta(days=20)))
    second = items[1]
    assert event_actions.move(panel, second, second.start + timedelta(days=1, hours=-1), scope=event_actions.ONE)
    starts = [o.start.replace(tzinfo=None) for o in events.occurrences_between(day, day + timedelta(days=20))]
    assert starts == [datetime.combine(day, time(19)), datetime.combine(day + timedelta(days=8), time(18)),
                      datetime.combine(day + timedelta(days=14), time(19))]
    undo.stack().undo()
    assert len(events.get(event.id).overrides) == 0


def test_the_week_view_places_timed_events_by_the_hour(panel):
    day = month_day()
    event = meeting(day=day, hour=14)
    panel.set_view(WEEK)
    panel.week.set_anchor(day)
    panel.refresh()
    panel.week.grid.resize(900, panel.week.grid.minimumHeight())
    panel.week.grid.grab()
    [(rect, item)] = panel.week.grid.hits
    assert item.event_id == event.id
    assert rect.top() == pytest.approx(panel.week.grid.y_of(time(14)) + 1)
    slot = panel.week.grid.slot_at(rect.center() + QPoint(0, 200))
    assert slot.date() == day and slot.minute in (0, 30)


def test_the_agenda_lists_the_coming_weeks_and_opens_with_enter(panel, qtbot):
    first = meeting("Soon", day=date.today() + timedelta(days=1))
    meeting("Later", day=date.today() + timedelta(days=2))
    meeting("Too late", day=date.today() + timedelta(days=60))
    panel.set_view(AGENDA)
    panel.go(0)
    assert [i.title for i in panel.agenda.items] == ["Soon", "Later"]
    canvas = panel.agenda.canvas
    canvas.setFocus()
    canvas.grab()
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.selected.event_id == first.id and panel.detail.event_id == first.id
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert panel.dialogs[-1].event_id == first.id


def test_the_month_is_worked_from_the_keyboard(panel, qtbot):
    day = month_day()
    event = meeting(day=day)
    panel.set_view(MONTH)
    panel.month.set_anchor(day - timedelta(days=1))
    panel.refresh()
    panel.month.setFocus()
    qtbot.keyClick(panel.month, Qt.Key.Key_Right)
    assert panel.month.current == day and "Riverside public meeting" in panel.month.accessibleDescription()
    qtbot.keyClick(panel.month, Qt.Key.Key_Space)
    assert panel.detail.event_id == event.id
    qtbot.keyClick(panel.month, Qt.Key.Key_Return)
    assert panel.dialogs[-1].event_id == event.id
    qtbot.keyClick(panel.month, Qt.Key.Key_Down)
    qtbot.keyClick(panel.month, Qt.Key.Key_Insert)
    assert panel.dialogs[-1].event_id is None
    assert panel.dialogs[-1].form.start_date.date().toPython() == day + timedelta(days=7)


def test_the_details_can_be_hidden_and_come_back_when_an_event_is_opened(panel):
    event = meeting()
    panel.refresh()
    panel.details_button.setChecked(False)
    assert panel.splitter.sizes()[1] == 0
    panel.open_record(event.id)
    assert panel.details_button.isChecked() and panel.splitter.sizes()[1] > 0


def test_prev_next_and_today_move_the_calendar(panel):
    panel.set_view(MONTH)
    panel.go(0)
    this_month = panel.month.title()
    panel.go(1)
    assert panel.month.title() != this_month
    panel.go(-1)
    panel.go(-1)
    panel.go(0)
    assert panel.month.title() == this_month and panel.month.current == date.today()


def test_open_record_shows_the_event_and_its_details(panel, qtbot):
    old = meeting("Last year's forum", day=date.today() - timedelta(days=300))
    panel.refresh()
    panel.open_record(old.id)
    assert panel.filters.when.currentData() == "any"
    assert panel.table.currentIndex().row() == panel.model.row_of(old.id)
    assert panel.detail.event_id == old.id and "Last year" in panel.detail.title.text()
    panel.set_view(MONTH)
    panel.open_record(old.id)
    assert panel.month.current == events.local_start(old).astimezone().date()


def test_the_table_model_pages_through_many_events(qtmodeltester):
    for n in range(5):
        meeting(f"Meeting {n}", day=date.today() + timedelta(days=n))
    model = EventTableModel()
    model.PAGE_SIZE = 2
    model.set_filter(EventFilter())
    assert model.rowCount() == 2 and model.total() == 5
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5
    qtmodeltester.check(model)
