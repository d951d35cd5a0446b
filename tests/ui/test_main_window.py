from PySide6.QtCore import Qt

from commrel import demo
from commrel.reports import counts
from commrel.services import stakeholders
from ui import settings


def test_main_window_opens_with_navigation_and_status(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Dashboard", "Stakeholders", "Events", "Concerns", "Media"]
    assert "commrel.sqlite3" in window.windowTitle()
    assert "0 stakeholders" in window._counts_label.text()


def test_keyboard_switches_panels_and_last_panel_is_restored(window, qtbot):
    window.actions_["show_events"].trigger()
    assert window.current_panel().key == "events"
    window.close()
    assert settings.LAST_PANEL.get() == "events"


def test_status_bar_counts_follow_data(window):
    demo.generate(demo.DemoSize(40), seed=2)
    from ui import hub

    hub.changed("all")
    assert f"{counts.record_counts()['stakeholders']} stakeholders" in window._counts_label.text()


def test_global_search_finds_and_opens_a_stakeholder(window, qtbot):
    s = stakeholders.create(given_name="Wilhelmina", family_name="Quarry")
    window.actions_["find"].trigger()
    dialog = window._search_dialog
    qtbot.keyClicks(dialog.box, "wilhel")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert "Wilhelmina Quarry" in dialog.model.data(dialog.model.index(0))
    with qtbot.waitSignal(dialog.record_chosen) as blocker:
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert blocker.args == ["stakeholder", s.id]
    assert window.current_panel().key == "stakeholders"
