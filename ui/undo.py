"""Undo/redo: Qt wrappers around plain do/undo functions that call the services."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from . import hub


class ServiceCommand(QUndoCommand):
    """An action already carried out once; undo and redo call the services again."""

    def __init__(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any], kind: str = "all"):
        super().__init__(text)
        self._redo, self._undo, self._kind = redo, undo, kind
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo()
        hub.changed(self._kind)

    def undo(self) -> None:
        self._undo()
        hub.changed(self._kind)


_stack: QUndoStack | None = None


def stack() -> QUndoStack:
    global _stack
    if _stack is None:
        _stack = QUndoStack()
    return _stack


def push(text: str, redo: Callable[[], Any], undo: Callable[[], Any], kind: str = "all") -> None:
    """Record an action that has just been done so the user can undo it."""
    stack().push(ServiceCommand(text, redo, undo, kind))
