"""Pausing Python's cyclic garbage collector while a long job builds what it keeps.

An import's reading makes millions of objects (cells, lines, calendar
components, planned rows) that all stay alive until its preview is shown or
its records are written. The collector walked them again and again and found
nothing to free: a third of the time reading a 100,000-row sheet, a sixth of
reading a large calendar, a tenth of generating the sample database.
Reference counting still frees everything else as it goes, so memory stays
where it was (measured: the same peak); only reference cycles wait until the
job ends.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_resume = True


@contextmanager
def paused() -> Iterator[None]:
    """Collections off until the last of the jobs running in any thread ends; usable as a decorator."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
