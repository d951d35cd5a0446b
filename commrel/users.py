"""Who is working: recorded on every change and timeline entry."""
from __future__ import annotations

import getpass

_current: str | None = None


def current_user() -> str:
    """The name set in preferences, else the operating-system account."""
    if _current:
        return _current
    try:
        return getpass.getuser()
    except Exception:  # no account name on some sandboxed systems
        return "unknown"


def set_current_user(name: str | None) -> None:
    global _current
    _current = (name or "").strip() or None
