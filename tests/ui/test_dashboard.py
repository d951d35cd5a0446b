"""The dashboard: today's list, the period, the charts, the map, and clicking through to records."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QToolTip

from commrel.models import Concern, Interaction
from commrel.reports.engagement import period_range
from commrel.services import engagement, stakeholders
from commrel.timeutil import utcnow
from ui import hub, settings, tasks
from ui.panels.dashboard_panel import DashboardPanel


@pytest.fixture
def register():
    """Two people: Ann (resident, Riverside, influence 5 / interest 5) with a follow-up overdue,
    Bob (business, Hilltop, 2 / 2) last spoken to eight months ago; one concern past its target."""
    ann = stakeholders.create(given_name="Ann", family_name="Abbot", neighbourhood="Riverside", influence=5,
                              interest=5, position="supportive").id
    bob = stakeholders.create(given_name="Bob", family_name="Brown", neighbourhood="Hilltop", type="business",
                              influence=2, interest=2, position="opposed", tags=["noise"]).id
    now = utcnow()
    engagement.log_interaction([ann], channel="call", occurred_at=now - timedelta(days=2),
                               follow_up="Send the minutes", follow_up_due=date.today() - timedelta(days=1))
    engagement.log_interaction([bob], channel="meeting", occurred_at=now - timedelta(days=240))
    late = Concern.create(reference="CR-LATE", summary="Dust on cars", received_at=now - timedelta(days=40),
                          acknowledge_due=now - timedelta(days=33), acknowledged_at=now - timedelta(days=39),
                          resolution_target=now - timedelta(days=10), status="investigating")
    return {"ann": ann, "bob": bob, "concern": late.id}


@pytest.fixture
def panel(window, register):
    p = window.show_panel("dashboard")
    p.refresh()
    return p


def test_dashboard_shows_todays_work_and_the_figures(panel, register):
    follow_ups = panel.today_column.follow_ups.list
    assert follow_ups.count() == 1
    assert "Send the minutes" in follow_ups.item(0).text()
    assert panel.today_column.overdue.list.item(0).text().startswith("CR-LATE Dust on cars")
    assert panel.tiles.values["engaged"].text() == "50%"  # Ann of Ann and Bob, in the last 3 months
    assert panel.charts.cards["interactions"].showing_chart
    assert not panel.loading


def test_changing_the_period_reloads_and_is_remembered(panel, qtbot):
    assert panel.data.figures.interactions_total == 1
    panel.period.set_kind("last_12_months")
    assert panel.data.figures.interactions_total == 2  # Bob's meeting eight months ago
    assert panel.tiles.values["engaged"].text() == "100%"
    assert (panel.data.figures.start, panel.data.figures.end) == period_range("last_12_months", date.today())
    again = DashboardPanel()
    qtbot.addWidget(again)
    assert again.period.kind == "last_12_months"


def test_a_custom_period_is_remembered_with_its_dates(panel, qtbot):
    panel.period.set_custom(date(2025, 1, 1), date(2025, 3, 31))
    assert panel.data.figures.start == date(2025, 1, 1)
    assert panel.data.figures.interactions_total == 0
    assert not panel.charts.cards["interactions"].showing_chart
    again = DashboardPanel()
    qtbot.addWidget(again)
    assert again.period.period() == (date(2025, 1, 1), date(2025, 3, 31))


def _click_item(qtbot, list_widget, row: int) -> None:
    rect = list_widget.visualItemRect(list_widget.item(row))
    qtbot.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_follow_up_opens_the_stakeholder(window, panel, register, qtbot):
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        _click_item(qtbot, panel.today_column.follow_ups.list, 0)
    assert blocker.args == ["stakeholder", register["ann"]]
    assert window.current_panel().key == "stakeholders"


def test_clicking_an_overdue_concern_opens_it(window, panel, register, qtbot):
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        _click_item(qtbot, panel.today_column.overdue.list, 0)
    assert blocker.args == ["concern", register["concern"]]
    assert window.current_panel().key == "concerns"


def _map_position(view, series, point) -> QPoint:
    chart = view.chart()
    scene_point = chart.mapToScene(chart.mapToPosition(point, series))
    return view.mapFromScene(scene_point)


def test_clicking_a_dot_on_the_map_opens_the_stakeholder(window, panel, register, qtbot):
    view = panel.map_view.view
    panel.right.currentWidget().ensureWidgetVisible(panel.map_view)
    qtbot.waitUntil(lambda: view.isVisible() and view.chart().plotArea().width() > 0)
    series = next(s for s, points in panel.map_view.lookup.items()
                  if any(p.id == register["ann"] for p in points.values()))
    point = next(at for at, p in panel.map_view.lookup[series].items() if p.id == register["ann"])
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=_map_position(view, series, QPointF(*point)))
    assert blocker.args == ["stakeholder", register["ann"]]
    assert window.current_panel().key == "stakeholders"


def test_hovering_a_dot_names_the_stakeholder(panel, register):
    series = next(iter(panel.map_view.lookup))
    who = panel.map_view.point_at(series, series.at(0))
    series.hovered.emit(series.at(0), True)
    assert who.name in QToolTip.text()
    series.hovered.emit(series.at(0), False)


def test_the_map_counts_quadrants_and_filters_by_type_and_tag(panel, register):
    labels = {code: item.text() for code, item in panel.map_view.drawn.labels.items.items()}
    assert labels["manage_closely"].endswith("(1)") and labels["monitor"].endswith("(1)")
    panel.map_view.type_combo.setCurrentIndex(panel.map_view.type_combo.findData("business"))
    assert [p.name for p in panel.map_view.map.points] == ["Bob Brown"]
    assert settings.panel_option("dashboard", "map_type", str, "").get() == "business"
    panel.map_view.type_combo.setCurrentIndex(0)
    panel.map_view.tag_combo.setCurrentIndex(panel.map_view.tag_combo.findData("noise"))
    assert [p.name for p in panel.map_view.map.points] == ["Bob Brown"]


class HeldRunner(tasks.TaskRunner):
    """Keeps jobs until told to run them, like a busy worker thread."""

    def __init__(self):
        super().__init__(synchronous=True)
        self.held = []

    def run(self, fn, *args, **kwargs):
        self.held.append((fn, args, kwargs))

    def release(self):
        for fn, args, kwargs in self.held:
            super().run(fn, *args, **kwargs)
        self.held.clear()


def test_the_panel_says_it_is_loading_until_the_figures_arrive(window, register, qtbot):
    runner = HeldRunner()
    tasks.set_runner(runner)
    p = window.panels["dashboard"]
    p.refresh()
    assert p.loading and p.status.text() == "Loading…"
    assert p.charts.cards["interactions"].message.text() in ("Loading…", "")
    p.period.set_kind("this_month")  # a newer request: the first answer must not be shown over it
    assert len(runner.held) == 2
    runner.held.reverse()  # the older job finishes last
    runner.release()
    assert not p.loading
    assert (p.data.figures.start, p.data.figures.end) == period_range("this_month", date.today())


def test_the_first_frame_is_the_dashboard_loading_and_the_charts_come_with_the_figures(register, qtbot):
    from ui.main_window import MainWindow

    runner = HeldRunner()
    tasks.set_runner(runner)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    p = w.current_panel()
    assert p.key == "dashboard" and p.loading
    assert all(section.note.text() == "Loading…" and not section.list.isVisible()
               for section in p.today_column.sections)
    assert {label.text() for label in p.tiles.values.values()} == {"…"}
    assert p.charts_placeholder.isVisible() and p._charts is None  # Qt Charts not loaded for the first frame
    runner.release()
    assert not p.loading and not p.charts_placeholder.isVisible()
    assert p.charts.cards["interactions"].showing_chart and p.charts.isVisible()
    assert p.tiles.values["engaged"].text() == "50%"
    assert p.today_column.follow_ups.list.count() == 1


def test_the_period_chooser_offers_the_report_codes_periods_in_order(panel):
    from commrel.reports.engagement import PERIODS

    combo = panel.period.combo
    assert tuple(combo.itemData(i) for i in range(combo.count())) == PERIODS


def test_custom_dates_start_from_the_period_chosen_before(panel):
    panel.period.set_kind("last_12_months")
    panel.period.set_kind("custom")
    assert panel.period.period() == period_range("last_12_months", date.today())
    assert panel.data.figures.start == period_range("last_12_months", date.today())[0]


def test_a_new_database_shows_a_friendly_empty_dashboard(window, qtbot):
    p = window.show_panel("dashboard")
    p.refresh()
    assert p.right.currentWidget() is p.empty
    assert p.today_column.follow_ups.note.text() == "No follow-ups due."
    assert not p.today_column.follow_ups.list.isVisible()


def test_new_data_refreshes_the_visible_dashboard(panel, register):
    engagement.log_interaction([register["bob"]], channel="email", occurred_at=utcnow())
    hub.changed("interactions")
    assert panel.tiles.values["engaged"].text() == "100%"


def test_the_grievance_report_button_opens_that_dialog_when_it_exists(panel, qtbot):
    import importlib.util

    exists = importlib.util.find_spec("ui.dialogs.grievance_report_dialog") is not None
    assert panel.grievance_button.isVisibleTo(panel) == exists
    if exists:
        dialog = panel.open_grievance_report()
        qtbot.addWidget(dialog)
        assert type(dialog).__name__ == "GrievanceReportDialog"
        dialog.close()


def test_follow_up_done_leaves_the_list(panel, register):
    Interaction.update(follow_up_done=True).execute()
    hub.changed("interactions")
    assert panel.today_column.follow_ups.list.count() == 0


def test_events_this_week_open_the_event(window, panel, qtbot):
    from commrel.services import events

    e = events.create(title="Drop-in", starts_at=utcnow() + timedelta(hours=3), timezone="UTC", venue="Hall")
    hub.changed("events")
    items = panel.today_column.events.list
    assert items.count() == 1 and "Drop-in" in items.item(0).text()
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        _click_item(qtbot, items, 0)
    assert blocker.args == ["event", e.id]



def test_the_dashboard_shows_media_coverage_by_tone(window, register):
    from commrel.services import coverage

    today = date.today()
    for headline, tone in (("Bridge on track", "positive"), ("Works update", "neutral"),
                           ("Residents angry", "negative"), ("Open day", "positive")):
        coverage.log(outlet_name="Hill Radio", published_on=today, headline=headline, tone=tone)
    coverage.log(outlet_name="Hill Radio", published_on=today - timedelta(days=400), headline="Old news")
    panel = window.show_panel("dashboard")
    panel.refresh()
    assert panel.data.figures.media.coverage_total == 4
    assert panel.tiles.values["coverage"].text() == "4"
    assert panel.tiles.notes["coverage"].text().replace("\u00a0", " ") == "2 positive · 1 neutral · 1 negative"


def test_the_dashboard_fits_a_1280_pixel_window_without_scrolling_sideways(window, register, qtbot):
    # A common laptop screen: the tiles (long notes included) and the charts fit beside the Today column.
    window.resize(1280, 800)
    window.show()
    panel = window.show_panel("dashboard")
    panel.refresh()
    panel.tiles.notes["coverage"].setText("12\u00a0positive · 30\u00a0neutral · 4\u00a0negative")
    qtbot.waitUntil(lambda: panel.figures_area.viewport().width() > 0)
    area = panel.figures_area
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    assert not area.horizontalScrollBar().isVisible()
