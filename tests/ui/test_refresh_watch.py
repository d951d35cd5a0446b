"""The window notices changes written by others, and says when the team database cannot be reached."""
from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog

from commrel.errors import ServerUnavailable
from commrel.services import stakeholders
from ui import hub, refresh_watch

from register_helpers import shown_names

UNREACHABLE = ("The team database postgresql://ann@db.example.org:5432/team cannot be reached (timeout). "
               "Check the network connection, then try again; nothing was changed.")


def settle(qtbot, watch) -> None:
    """Ask once and wait for the answer, so the next change is measured from here."""
    watch.check()
    qtbot.waitUntil(lambda: watch._asked_at is None and watch._baseline is not None, timeout=5000)


def test_a_change_written_by_another_connection_reloads_the_open_panel(qtbot, window, db):
    stakeholders.create(given_name="Amina", family_name="Okafor")
    panel = window.show_panel("stakeholders")
    watch = window.refresh_watch
    settle(qtbot, watch)
    settle(qtbot, watch)  # our own save above counted as a change once
    reloads = watch.reloads
    assert len(shown_names(panel)) == 1 and "Aminata" not in shown_names(panel)[0]
    other = sqlite3.connect(db)  # another officer's copy of the app
    with other:
        other.execute("UPDATE stakeholder SET given_name = 'Aminata', display_name = 'Aminata Okafor'")
    other.close()
    watch.check()
    qtbot.waitUntil(lambda: watch.reloads == reloads + 1, timeout=5000)
    assert len(shown_names(panel)) == 1 and "Aminata" in shown_names(panel)[0]


def test_no_reload_while_a_form_is_open_then_one_after(qtbot, window, monkeypatch):
    stamps = iter(range(100))
    monkeypatch.setattr(refresh_watch.activity, "data_stamp", lambda: next(stamps))
    watch = window.refresh_watch
    settle(qtbot, watch)
    reloads = watch.reloads
    form = QDialog(window)
    form.setModal(True)
    form.show()
    qtbot.waitUntil(lambda: refresh_watch.QApplication.activeModalWidget() is form)
    with qtbot.assertNotEmitted(hub.hub().data_changed, wait=50):
        watch.check()
        qtbot.waitUntil(lambda: watch._asked_at is None)
    assert watch.reloads == reloads and watch._pending_reload
    form.close()
    with qtbot.waitSignal(hub.hub().data_changed):
        watch.check()
    assert watch.reloads == reloads + 1


def test_offline_shows_in_the_status_bar_and_clears_when_the_server_is_back(qtbot, window, monkeypatch):
    answers = [ServerUnavailable(UNREACHABLE), 7, 7]

    def data_stamp():
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(refresh_watch.activity, "data_stamp", data_stamp)
    watch, indicator = window.refresh_watch, window.offline_indicator
    watch._asked_at = None
    watch.check()
    qtbot.waitUntil(indicator.isVisible, timeout=5000)
    assert indicator.text().endswith("Offline") and "cannot be reached" in indicator.toolTip()
    assert "Team database unreachable" in window.statusBar().currentMessage()
    watch.check()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=5000)
    assert "reachable again" in window.statusBar().currentMessage()


def test_a_save_that_met_an_unreachable_server_shows_offline_at_once(qtbot, window):
    from ui.errors import unsaved_offline_text

    text = unsaved_offline_text(ServerUnavailable(UNREACHABLE))
    assert text.startswith("Team database unreachable — your changes were not saved; they are still in the form")
    assert window.offline_indicator.isVisible()


def test_the_watch_stops_with_its_window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    w.show()
    qtbot.waitUntil(lambda: w.refresh_watch.timer.isActive())
    w.close()
    assert not w.refresh_watch.timer.isActive()
    w.deleteLater()
