"""One way to tell people something went wrong, and the hook that catches the unexpected."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from commrel.errors import CommrelError, ServerUnavailable, ValidationError

log = logging.getLogger(__name__)
_log_file: str = ""


def set_log_file(path: str) -> None:
    global _log_file
    _log_file = path


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A domain error shows its own message; anything else a short note, the log's place and details."""
    if isinstance(exc, ServerUnavailable):
        _tell_hub(exc)
        title = title or QApplication.translate("errors", "Team database unreachable")
    if isinstance(exc, CommrelError):
        # A validation error's field name is for the form; the person reads the sentence.
        text = exc.message if isinstance(exc, ValidationError) else str(exc)
        QMessageBox.warning(parent, title or QApplication.translate("errors", "Cannot do that"), text)
        return
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title or QApplication.translate("errors", "Something went wrong"))
    box.setText(QApplication.translate(
        "errors", "Commrel hit an unexpected problem: {0}\n\nYour data is safe; the last action was not "
                  "completed. The details are in the log:\n{1}").format(str(exc) or type(exc).__name__,
                                                                        _log_file or "(no log file)"))
    box.setDetailedText(details)
    copy = box.addButton(QApplication.translate("errors", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def unsaved_offline_text(exc: ServerUnavailable) -> str:
    """What an editing form says when its save met an unreachable team database; the form stays filled."""
    _tell_hub(exc)
    if exc.needs_password:
        return str(exc)
    return QApplication.translate(
        "errors", "Team database unreachable — your changes were not saved; they are still in the form. "
                  "Save again once the connection is back.\n\n{0}").format(str(exc))


def _tell_hub(exc: ServerUnavailable) -> None:
    from . import hub

    hub.hub().server_unreachable.emit(str(exc))


def install_excepthook() -> None:
    """Unexpected errors open a dialog and the app keeps running."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc.__traceback__ = tb
        try:
            show_error(QApplication.activeWindow(), exc)
        except Exception:  # never let the error dialog itself take the app down
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
