"""Panels are built when first shown: whichever way the officer gets there, the panel and its records appear."""
from __future__ import annotations

from PySide6.QtCore import Qt

from commrel import demo
from commrel.reports import counts
from commrel.services import stakeholders
from ui import hub, settings, tasks
from ui.main_window import MainWindow
from ui.panels import PANELS
from ui.status_counts import status_counts

from concern_helpers import log


def open_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def first_column(panel) -> list[str]:
    model = panel.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_nav(window, qtbot, title: str) -> None:
    item = window.nav.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())


def test_every_panel_is_offered_though_only_the_one_on_screen_is_built(window):
    titles = [e.title for e in PANELS]
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == titles
    assert [window.actions_[f"show_{e.key}"].text() for e in PANELS] == titles
    assert window.current_panel().key == "dashboard"
    assert [key for key in window.panels if window.panels.is_built(key)] == ["dashboard"]


def test_clicking_a_panel_not_yet_visited_shows_its_records(window, qtbot):
    stakeholders.create(given_name="Wilhelmina", family_name="Quarry")
    stakeholders.create(given_name="Ann", family_name="Lee")
    click_nav(window, qtbot, "Stakeholders")
    panel = window.current_panel()
    assert panel.key == "stakeholders" and panel.isVisible()
    assert sorted(first_column(panel)) == ["Ann Lee", "Wilhelmina Quarry"]


def test_the_view_menu_opens_a_panel_not_yet_built(window):
    concern = log("Dust on cars")
    window.actions_["show_concerns"].trigger()
    panel = window.current_panel()
    assert panel.key == "concerns" and panel.isVisible()
    assert first_column(panel) == [concern.reference]


def test_a_record_asked_for_elsewhere_builds_the_panel_that_shows_it(window):
    concern = log("Lorries idling")
    hub.hub().record_requested.emit("concern", concern.id)
    panel = window.current_panel()
    assert panel.key == "concerns"
    assert panel.dialogs[concern.id].isVisible()


def test_the_last_panel_comes_back_with_its_records_and_the_dashboard_waits(qtbot):
    stakeholders.create(given_name="Xia", family_name="Chen")
    settings.LAST_PANEL.set("stakeholders")
    w = open_window(qtbot)
    assert w.current_panel().key == "stakeholders"
    assert first_column(w.current_panel()) == ["Xia Chen"]
    assert not w.panels.is_built("dashboard")


def test_a_panel_not_visited_keeps_its_saved_layout(qtbot):
    follow_ups_tab = settings.panel_option("stakeholders", "tab", int, 0)
    follow_ups_tab.set(1)
    w = open_window(qtbot)
    w.close()  # saves the window's state; the register was never opened
    assert follow_ups_tab.get() == 1
    panel = open_window(qtbot).show_panel("stakeholders")
    assert panel.tabs.currentWidget() is panel.follow_ups


def test_a_late_count_does_not_overwrite_a_newer_one(window):
    class HeldRunner(tasks.TaskRunner):
        """Holds the counting jobs, like a busy worker thread; the rest run at once."""

        def __init__(self):
            super().__init__(synchronous=True)
            self.held = []

        def run(self, fn, *args, **kwargs):
            if fn is status_counts:
                self.held.append((fn, args, kwargs))
            else:
                super().run(fn, *args, **kwargs)

        def release(self, job):
            fn, args, kwargs = job
            super().run(fn, *args, **kwargs)

    runner = HeldRunner()
    tasks.set_runner(runner)
    hub.changed("stakeholders")
    hub.changed("stakeholders")
    older, newer = runner.held
    runner.release(newer)
    assert window._counts_label.text().startswith("0 stakeholders")
    demo.generate(demo.DemoSize(20), seed=3)
    runner.release(older)
    assert window._counts_label.text().startswith("0 stakeholders")


def test_each_listed_panel_is_the_panel_built_for_it():
    for entry in PANELS:
        cls = entry.load()
        assert (cls.key, cls.title) == (entry.key, entry.title)


def test_the_status_bar_figures_agree_with_the_record_counts():
    demo.generate(demo.DemoSize(60), seed=2)
    full = counts.record_counts()
    assert full["archived"] and full["open_concerns"] < full["concerns"]  # both filters have work to do
    assert status_counts() == {key: full[key] for key in ("stakeholders", "events", "open_concerns")}
