"""Shared by the team database UI tests: a keychain in memory, and a hand for the next modal dialog."""
from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


class MemoryKeyring(KeyringBackend):
    """Never the computer's own keychain."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError("not saved")


def on_next_modal(handle, *, wait_for=None):
    """Call ``handle(dialog)`` once a modal dialog (of type ``wait_for``, if given) is showing."""
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (wait_for is not None and not isinstance(dialog, wait_for)):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog)
        handle(dialog)

    QTimer.singleShot(0, look)
    return seen
