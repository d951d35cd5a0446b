"""Opening a team database on a server: the password (keychain first, then asked), and the switch.

Reaching a server can take the whole connect timeout when the network is
away, so the dialog tries the address on the worker first; only an address
that just answered is opened on the main thread, which is then quick.
"""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from commrel import db, engines
from commrel.errors import ServerUnavailable

from . import hub, keychain, settings
from .dialogs.password_dialog import ask_password
from .errors import show_error


def probe(address: engines.ServerAddress) -> None:
    """Log in to ``address`` and leave again; raises ServerUnavailable (``needs_password`` when refused)."""
    connection = engines.open_postgres(address)
    try:
        connection.connect()
    finally:
        if not connection.is_closed():
            connection.close()


@contextmanager
def busy_cursor():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def open_at_start(url: str, parent: QWidget | None = None) -> bool:
    """Open the team database at ``url`` before the window exists; False when the person cancelled.

    A password in the address or the keychain is tried first; one the server
    refuses (or none) is asked for, again until it is accepted or cancelled.
    Raises ServerUnavailable when the server cannot be reached.
    """
    address = engines.parse_server_url(url)
    password = address.password or keychain.saved_password(address)
    message, keep = "", False
    while True:
        try:
            with busy_cursor():
                db.init_db(engines.strip_password(url), password=password)
        except ServerUnavailable as exc:
            if not exc.needs_password:
                raise
            message = "" if password is None else QCoreApplication.translate(
                "team_database", "That password was not accepted; type it again.")
            answer = ask_password(parent, address.display, message)
            if answer is None:
                return False
            password, keep = answer
            continue
        if keep and password:
            keychain.remember(address, password)
        settings.remember_database(engines.strip_password(url))
        return True


def open_team_database(window, url: str | None = None) -> bool:
    """File → Open Team Database…, and a team database chosen from the recent list."""
    from .dialogs.team_database_dialog import OpenTeamDatabaseDialog

    dialog = OpenTeamDatabaseDialog(window, url=url)
    if url:
        dialog.connect_to_server()
    if not dialog.exec():
        return False
    return switch_to_server(window, dialog.url, dialog.password)


def switch_to_server(window, url: str, password: str | None) -> bool:
    """Make the team database at ``url`` the open one, the same way opening a file does."""
    try:
        with busy_cursor():
            db.init_db(url, password=password)
    except Exception as exc:  # the previous database stays closed; say why
        show_error(window, exc, QCoreApplication.translate("team_database", "Cannot open the team database"))
        return False
    settings.remember_database(engines.strip_password(url))
    hub.hub().database_opened.emit(db.describe())
    return True
