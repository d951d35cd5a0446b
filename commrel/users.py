"""Who is working: recorded on every change and timeline entry."""
from __future__ import annotations

import functools
import getpass

_current: str | None = None


def current_user() -> str:
    """The name set in preferences, else the operating-system account."""
    if _current:
        return _current
    return _account()


@functools.lru_cache(maxsize=1)
def _account() -> str:
    # Without USER set, getpass reads the system's account list: once is enough,
    # as an import records the user on every row.
    try:
        return getpass.getuser()
    except Exception:  # no account name on some sandboxed systems
        return "unknown"


def set_current_user(name: str | None) -> None:
    global _current
    _current = (name or "").strip() or None
