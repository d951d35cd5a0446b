"""Domain errors with messages a person can act on."""
from __future__ import annotations


class CommrelError(Exception):
    """Base of every error the core raises on purpose; its message is for people."""


class ValidationError(CommrelError):
    """A value is not acceptable; ``field`` names which one."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class NotFound(CommrelError):
    pass


class TransitionRefused(CommrelError):
    """A lifecycle move that is not allowed from the current state."""


class ConflictError(CommrelError):
    """The record changed since it was read (optimistic concurrency)."""

    def __init__(self, message: str, *, mine: dict | None = None, theirs: dict | None = None):
        self.mine = mine or {}
        self.theirs = theirs or {}
        super().__init__(message)


class ExchangeError(CommrelError):
    """Bad input in a file being imported: says what and where."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, line: int | None = None, component: str | None = None):
        self.file = file
        self.row = row
        self.column = column
        self.line = line
        self.component = component
        self.reason = message
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.component:
            where.append(self.component)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class UnsupportedFormat(CommrelError):
    pass


class Cancelled(CommrelError):
    """Raised by long jobs when the user pressed Cancel; nothing was written."""

    def __init__(self, message: str = "Cancelled; nothing was changed."):
        super().__init__(message)


class ServerUnavailable(CommrelError):
    """The team database's server cannot be reached, or refused the login.

    Nothing was saved by the action that met it; what was being typed is
    still in its form, to be saved again once the connection is back.
    """

    def __init__(self, message: str, *, needs_password: bool = False):
        self.needs_password = needs_password
        super().__init__(message)
