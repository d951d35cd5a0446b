"""Errors the user sees: the unexpected ones get a dialog with details to copy; the app keeps running."""
from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from commrel.errors import ExchangeError, ValidationError
from ui import errors


class DialogDriver:
    """Waits for the modal box the code under test opens, lets ``act`` look at it, then closes it.

    The box is closed even when ``act`` fails, so a broken check cannot leave the test waiting forever.
    """

    def __init__(self, act):
        self.act = act
        self.seen: list[dict] = []
        self.failure: BaseException | None = None
        QTimer.singleShot(20, self._poll)

    def _poll(self):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, self._poll)
            return
        try:
            self.seen.append(self.act(box) or {})
        except BaseException as exc:  # noqa: BLE001 - reported by the test after the box is gone
            self.failure = exc
        finally:
            box.done(0)


def _describe(box: QMessageBox) -> dict:
    return {"title": box.windowTitle(), "text": box.text(), "details": box.detailedText(),
            "buttons": [b.text() for b in box.buttons()], "icon": box.icon()}


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """The app's error hook installed as at startup, with a log file; the test's own hook comes back after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = tmp_path / "logs" / "commrel.log"
    errors.set_log_file(str(log_file))
    errors.install_excepthook()
    yield log_file
    errors.set_log_file("")


def _raise_in_slot(exc: BaseException) -> QPushButton:
    button = QPushButton("Do it")

    def slot():
        raise exc
    button.clicked.connect(slot)
    return button


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_slot_opens_the_dialog_and_the_app_keeps_running(qtbot, hook, caplog):
    def look(box: QMessageBox):
        seen = _describe(box)
        copy = next(b for b in box.buttons() if b.text() == "Copy details")
        copy.click()
        seen["still_open_after_copy"] = box.isVisible()
        seen["clipboard"] = QApplication.clipboard().text()
        return seen

    button = _raise_in_slot(KeyError("region"))
    qtbot.addWidget(button)
    driver = DialogDriver(look)
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        QTimer.singleShot(0, button.click)
        qtbot.waitUntil(lambda: bool(driver.seen or driver.failure), timeout=5000)
    if driver.failure:
        raise driver.failure
    seen = driver.seen[0]
    assert seen["title"] == "Something went wrong" and seen["icon"] == QMessageBox.Icon.Critical
    assert seen["text"].startswith("Commrel hit an unexpected problem: 'region'")
    assert "Your data is safe" in seen["text"] and str(hook) in seen["text"]
    assert seen["buttons"].count("Copy details") == 1 and "Close" in seen["buttons"]
    assert seen["still_open_after_copy"]  # copying does not close the box
    for shown in (seen["details"], seen["clipboard"]):
        assert shown.startswith("Traceback (most recent call last):")
        assert "in slot" in shown and shown.rstrip().endswith("KeyError: 'region'")
    assert "KeyError: 'region'" in caplog.text  # the traceback is in the log too

    # The app is still running: events are delivered and the next error gets its own box.
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=2000)
    again = DialogDriver(_describe)
    QTimer.singleShot(0, _raise_in_slot(ZeroDivisionError("division by zero")).click)
    qtbot.waitUntil(lambda: bool(again.seen or again.failure), timeout=5000)
    assert "division by zero" in again.seen[0]["text"]


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("error, message", [
    (ValidationError("email", "“amina@” is not an email address."), "“amina@” is not an email address."),
    (ExchangeError("is not a calendar file.", file="notes.ics", line=3), "notes.ics, line 3: is not a calendar file."),
])
def test_a_domain_error_shows_its_own_message_without_a_traceback(qtbot, hook, caplog, error, message):
    button = _raise_in_slot(error)
    qtbot.addWidget(button)
    driver = DialogDriver(_describe)
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        QTimer.singleShot(0, button.click)
        qtbot.waitUntil(lambda: bool(driver.seen or driver.failure), timeout=5000)
    if driver.failure:
        raise driver.failure
    seen = driver.seen[0]
    assert seen["title"] == "Cannot do that" and seen["icon"] == QMessageBox.Icon.Warning
    assert seen["text"] == message
    assert seen["details"] == "" and "Copy details" not in seen["buttons"]
    assert "Traceback" not in caplog.text


def test_show_error_without_a_log_file_says_so(qtbot, monkeypatch):
    errors.set_log_file("")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(_describe(box)) or 0)
    try:
        raise RuntimeError("disk full")
    except RuntimeError as exc:
        errors.show_error(None, exc)
    assert "(no log file)" in shown[0]["text"] and "disk full" in shown[0]["text"]
    assert "RuntimeError: disk full" in shown[0]["details"]


@pytest.mark.qt_no_exception_capture
def test_a_failing_dialog_does_not_take_the_app_down(qtbot, hook, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("no display")
    monkeypatch.setattr(errors, "show_error", broken)
    sys.excepthook(ValueError, ValueError("bad value"), None)  # falls back to printing the error
    assert "ValueError: bad value" in capsys.readouterr().err
