"""Shared by the concern UI tests: sample concerns and a way through modal forms."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from commrel.models import Stakeholder
from commrel.services import concerns, stakeholders
from commrel.timeutil import utcnow


def log(summary: str = "Generator running all night", *, days_ago: int = 0, **fields):
    values = dict(channel="phone", summary=summary, received_at=utcnow() - timedelta(days=days_ago))
    values.update(fields)
    return concerns.intake(**values)


def person(name: str = "Ann Lee") -> Stakeholder:
    given, family = name.split(" ", 1)
    return stakeholders.create(given_name=given, family_name=family)


def answer_modal(qtbot, click, fill=None, *, accept: bool = True):
    """Click ``click`` (which opens a modal dialog), let ``fill`` work on that dialog, then press its OK.

    Returns the dialog that was answered.
    """
    seen = []

    def handle():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not shown yet: look again shortly
            QTimer.singleShot(10, handle)
            return
        seen.append(dialog)
        if fill is not None:
            fill(dialog)
        if accept:
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, handle)
    qtbot.mouseClick(click, Qt.MouseButton.LeftButton)
    assert seen, "no dialog opened"
    return seen[0]


def received(days_ago: int) -> datetime:
    return utcnow() - timedelta(days=days_ago)
