"""Helpers for the event UI tests (no tests here): sample events and people, a mouse drag with the button held."""
from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from commrel.models import Stakeholder
from commrel.services import events
from commrel.timeutil import local_zone_name


def meeting(title: str = "Riverside public meeting", day: date | None = None, hour: int = 19, **fields):
    """A two-hour evening meeting on this computer's clock (today unless ``day``)."""
    start = datetime.combine(day or date.today(), time(hour))
    values = dict(title=title, starts_at=start, ends_at=start.replace(hour=hour + 2), timezone=local_zone_name(),
                  venue="Town Hall")
    values.update(fields)
    return events.create(**values)


def person(name: str, **fields) -> Stakeholder:
    given, family = name.split(" ", 1)
    from commrel.services import stakeholders

    return stakeholders.create(given_name=given, family_name=family, **fields)


def _send(widget, kind, pos: QPoint, buttons) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget, start: QPoint, end: QPoint) -> None:
    """Press at ``start``, move in steps with the button held, release at ``end``."""
    held = Qt.MouseButton.LeftButton
    _send(widget, QEvent.Type.MouseButtonPress, start, held)
    for n in range(1, 6):
        _send(widget, QEvent.Type.MouseMove, start + (end - start) * n / 5, held)
    _send(widget, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
