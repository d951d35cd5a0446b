"""App-wide notifications: after an operation lands, each screen decides whether to refresh."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    # kinds: "stakeholders", "events", "concerns", "interactions", "all"
    data_changed = Signal(str)
    database_opened = Signal(str)
    # (kind, id): a screen asks the window to show a record
    record_requested = Signal(str, int)
    status_message = Signal(str)
    # A save met an unreachable team database (the message says so); the offline indicator shows it.
    server_unreachable = Signal(str)


_hub: Hub | None = None


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


def changed(kind: str = "all") -> None:
    hub().data_changed.emit(kind)
