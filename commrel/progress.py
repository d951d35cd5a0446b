"""The sink long jobs report to: progress, messages and cancellation.

Core functions take ``progress`` and never know whether a dialog, the
terminal or a test is on the other side.
"""
from __future__ import annotations

from typing import Protocol

from .errors import Cancelled


class Progress(Protocol):
    @property
    def cancelled(self) -> bool: ...

    def report(self, done: int, total: int | None, message: str = "") -> None: ...


class NullProgress:
    """Progress sink that ignores reports and is never cancelled."""

    cancelled = False

    def report(self, done: int, total: int | None, message: str = "") -> None:
        pass


class RecordingProgress:
    """Keeps every report; cancels after ``cancel_after`` reports (tests, CLI)."""

    def __init__(self, cancel_after: int | None = None):
        self.reports: list[tuple[int, int | None, str]] = []
        self.cancel_after = cancel_after

    @property
    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after

    def report(self, done: int, total: int | None, message: str = "") -> None:
        self.reports.append((done, total, message))


def check(progress: Progress | None) -> None:
    """Raise :class:`Cancelled` if the user asked to stop."""
    if progress is not None and progress.cancelled:
        raise Cancelled()
