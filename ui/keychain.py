"""Team database passwords in the operating system's keychain, never in settings or the log.

A keychain that cannot be used (none installed, locked, refused) is the same as
one holding nothing: the person is asked for the password instead.
"""
from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from commrel.engines import ServerAddress

log = logging.getLogger(__name__)

SERVICE = "Commrel"


def saved_password(address: ServerAddress) -> str | None:
    try:
        return keyring.get_password(SERVICE, address.keychain_account)
    except (KeyringError, RuntimeError) as exc:
        log.info("keychain not available for %s: %s", address.display, type(exc).__name__)
        return None


def remember(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` for ``address``; False when the keychain would not take it."""
    try:
        keyring.set_password(SERVICE, address.keychain_account, password)
    except (KeyringError, RuntimeError) as exc:
        log.warning("could not keep the password for %s in the keychain: %s", address.display,
                    type(exc).__name__)
        return False
    return True


def forget(address: ServerAddress) -> None:
    """Drop a saved password the server no longer accepts."""
    try:
        keyring.delete_password(SERVICE, address.keychain_account)
    except PasswordDeleteError:
        pass
    except (KeyringError, RuntimeError) as exc:
        log.info("could not remove the password for %s from the keychain: %s", address.display,
                 type(exc).__name__)
