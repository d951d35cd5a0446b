"""Opening a team database: the password (keychain first), the Open Team Database dialog, the window's name."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from commrel import db as commrel_db
from commrel.errors import ServerUnavailable
from ui import hub, settings, team_database
from ui.dialogs.password_dialog import PasswordDialog
from ui.dialogs.team_database_dialog import OpenTeamDatabaseDialog
from ui.keychain import SERVICE

from team_helpers import on_next_modal

URL = "postgresql://ann@db.example.org:5432/team"
REFUSED = (f"The team database {URL} needs a password, or the one given was not accepted.")


@pytest.fixture
def server(monkeypatch):
    """A pretend server that takes the password "s3cret"; ``tried`` lists what it was offered."""
    tried = []

    def init_db(target, password=None, **_):
        tried.append(password)
        if password != "s3cret":
            raise ServerUnavailable(REFUSED, needs_password=True)

    monkeypatch.setattr(team_database.db, "init_db", init_db)
    return tried


def settings_text(tmp_path: Path) -> str:
    settings.RECENT_DATABASES.get()  # written through
    from ui.settings import _settings

    _settings().sync()
    return (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_a_refused_saved_password_is_asked_again_and_the_new_one_remembered(qtbot, server, memory_keyring,
                                                                           tmp_path):
    memory_keyring.saved[(SERVICE, URL)] = "old"

    def answer(dialog):
        assert dialog.message.isVisible() and "not accepted" in dialog.message.text()
        qtbot.keyClicks(dialog.password, "s3cret")
        dialog.remember.setChecked(True)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = on_next_modal(answer, wait_for=PasswordDialog)
    assert team_database.open_at_start(URL)
    assert seen and server == ["old", "s3cret"]
    assert memory_keyring.saved[(SERVICE, URL)] == "s3cret"
    assert settings.RECENT_DATABASES.get()[0] == URL and settings.LAST_DATABASE.get() == URL
    assert "s3cret" not in settings_text(tmp_path)


def test_a_remembered_password_is_tried_first_without_asking(server, memory_keyring):
    memory_keyring.saved[(SERVICE, URL)] = "s3cret"
    assert team_database.open_at_start(URL)
    assert server == ["s3cret"]


def test_a_password_in_the_address_is_used_but_never_kept(server, memory_keyring, tmp_path):
    assert team_database.open_at_start("postgresql://ann:s3cret@db.example.org:5432/team")
    assert server == ["s3cret"] and memory_keyring.saved == {}
    assert settings.LAST_DATABASE.get() == URL
    assert "s3cret" not in settings_text(tmp_path)


def test_cancelling_the_password_opens_nothing_and_keeps_nothing(qtbot, server, memory_keyring):
    on_next_modal(lambda dialog: dialog.reject(), wait_for=PasswordDialog)
    assert not team_database.open_at_start(URL)
    assert server == [None] and memory_keyring.saved == {}
    assert settings.RECENT_DATABASES.get() == []


def test_a_server_that_cannot_be_reached_is_not_asked_for_a_password(monkeypatch, memory_keyring):
    def init_db(target, password=None, **_):
        raise ServerUnavailable("The team database cannot be reached (refused). Check the network connection, "
                                "then try again; nothing was changed.")

    monkeypatch.setattr(team_database.db, "init_db", init_db)
    with pytest.raises(ServerUnavailable, match="cannot be reached"):
        team_database.open_at_start(URL)


# The Open Team Database dialog ------------------------------------------------------------------

@pytest.fixture
def dialog(qtbot, memory_keyring):
    d = OpenTeamDatabaseDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def press_open(qtbot, d):
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)


def test_the_dialog_asks_for_the_server_and_the_database_first(qtbot, dialog):
    press_open(qtbot, dialog)
    assert dialog.isVisible() and "server's name" in dialog.message.text()
    qtbot.keyClicks(dialog.host, "db.example.org")
    press_open(qtbot, dialog)
    assert "name of the database" in dialog.message.text()
    assert dialog.port.value() == 5432
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, "mysql://db.example.org/team")
    press_open(qtbot, dialog)
    assert "must start with postgresql://" in dialog.message.text()


def test_a_pasted_address_fills_the_fields_and_its_password_leaves_the_address(qtbot, dialog):
    qtbot.keyClicks(dialog.address, "postgresql://ann:pa%20ss@db.example.org:6543/team")
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text()) == \
        ("db.example.org", 6543, "team", "ann")
    assert dialog.password_edit.text() == "pa ss"
    assert dialog.address.text() == "postgresql://ann@db.example.org:6543/team"
    dialog.database.clear()
    qtbot.keyClicks(dialog.database, "other")
    assert dialog.address.text() == "postgresql://ann@db.example.org:6543/other"


def test_an_unreachable_server_is_said_plainly_in_the_dialog(qtbot, dialog):
    qtbot.keyClicks(dialog.address, "postgresql://ann@127.0.0.1:1/team")
    press_open(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=15000)
    assert "cannot be reached" in dialog.message.text() and "nothing was changed" in dialog.message.text()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.open_button.isEnabled() and not dialog.progress_row.isVisible()


def test_a_refused_password_is_said_in_the_dialog(qtbot, dialog, monkeypatch):
    def probe(address):
        raise ServerUnavailable(REFUSED, needs_password=True)

    monkeypatch.setattr(team_database, "probe", probe)
    qtbot.keyClicks(dialog.address, URL)
    qtbot.keyClicks(dialog.password_edit, "wrong")
    press_open(qtbot, dialog)
    assert "needs a password" in dialog.message.text()
    assert dialog.password_edit.hasFocus() and dialog.isVisible()


def test_connecting_shows_progress_and_a_success_remembers_the_password(qtbot, dialog, monkeypatch,
                                                                       memory_keyring):
    offered = []

    def probe(address):
        assert dialog.progress_row.isVisible() and not dialog.open_button.isEnabled()
        assert "Connecting to postgresql://ann@db.example.org:5432/team" in dialog.progress_label.text()
        offered.append(address.password)

    monkeypatch.setattr(team_database, "probe", probe)
    qtbot.keyClicks(dialog.address, URL)
    qtbot.keyClicks(dialog.password_edit, "s3cret")
    dialog.remember.setChecked(True)
    press_open(qtbot, dialog)
    assert offered == ["s3cret"] and dialog.result() == 1
    assert (dialog.url, dialog.password) == (URL, "s3cret")
    assert memory_keyring.saved[(SERVICE, URL)] == "s3cret"


def test_open_team_database_from_the_file_menu_switches_the_window(qtbot, window, db, monkeypatch,
                                                                    memory_keyring):
    opened = []
    monkeypatch.setattr(team_database, "probe", lambda address: None)
    real_init = commrel_db.init_db

    def init_db(target, password=None, **_):
        opened.append((target, password))
        return real_init(db)  # the test's own file stands in for the server

    monkeypatch.setattr(team_database.db, "init_db", init_db)

    def fill(d):
        qtbot.keyClicks(d.host, "db.example.org")
        qtbot.keyClicks(d.database, "team")
        qtbot.keyClicks(d.user, "ann")
        qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)

    on_next_modal(fill, wait_for=OpenTeamDatabaseDialog)
    with qtbot.waitSignal(hub.hub().database_opened):
        window.actions_["open_team_db"].trigger()
    assert opened == [(URL, None)]
    assert settings.RECENT_DATABASES.get()[0] == URL


def test_the_window_names_a_team_database_by_its_address(window, monkeypatch):
    monkeypatch.setattr(commrel_db, "describe", lambda: URL)
    monkeypatch.setattr(commrel_db, "current_engine", lambda: "postgresql")
    window.database_changed()
    assert window.windowTitle() == "team on db.example.org — Commrel"
    assert window._db_label.text() == f"Team database: {URL}"
