"""Timing, memory and the table: a case runs several times; so does its baseline."""
from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from typing import Callable


@dataclass
class Case:
    name: str
    run: Callable[[], object]
    baseline: Callable[[], object] | None = None
    baseline_name: str = ""
    # Either a ratio to the baseline or an absolute limit in seconds (or both).
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_peak_mb: float | None = None
    setup: Callable[[], object] | None = None  # run before every repetition, untimed
    repeat: int | None = None
    # Case and baseline take turns, for short cases that the machine's background swings
    # more than their own differences (starting a process, say).
    interleave: bool = False
    memory: bool = True  # False: a case whose peak another case already shows


@dataclass
class Result:
    name: str
    median: float
    low: float
    high: float
    peak_mb: float
    baseline_name: str = ""
    baseline_median: float | None = None
    ratio: float | None = None
    target: str = ""
    ok: bool = True
    runs: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _time(fn, setup, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        gc.collect()
        # What earlier cases and their baselines still hold (a 100,000-row sheet in memory, say)
        # is set aside from the collector, so it does not slow every later case and baseline by
        # how much each allocates.
        gc.freeze()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.unfreeze()
    return times


def _peak(fn, setup) -> float:
    if setup:
        setup()
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def measure(case: Case, repeat: int, *, memory: bool = True) -> Result:
    n = case.repeat or repeat
    if case.interleave and case.baseline is not None:
        turns = [(_time(case.run, case.setup, 1)[0], _time(case.baseline, case.setup, 1)[0]) for _ in range(n)]
        runs, base_runs = [t for t, _ in turns], [b for _, b in turns]
    else:
        runs = _time(case.run, case.setup, n)
        base_runs = None
    memory = memory and case.memory
    peak = _peak(case.run, case.setup) if memory else 0.0
    median = statistics.median(runs)
    result = Result(case.name, median, min(runs), max(runs), peak, runs=runs)
    targets, ok = [], True
    if case.baseline is not None:
        base = statistics.median(base_runs or _time(case.baseline, case.setup, n))
        result.baseline_name, result.baseline_median = case.baseline_name, base
        result.ratio = median / base if base > 0 else None
        if case.max_ratio is not None:
            targets.append(f"≤{case.max_ratio:g}× baseline")
            ok &= result.ratio is not None and result.ratio <= case.max_ratio
    if case.max_seconds is not None:
        targets.append(f"≤{_fmt(case.max_seconds)}")
        ok &= median <= case.max_seconds
    if case.max_peak_mb is not None and memory:
        targets.append(f"peak ≤{case.max_peak_mb:g} MB")
        ok &= peak <= case.max_peak_mb
    result.target = ", ".join(targets)
    result.ok = ok
    return result


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(results: list[Result]) -> str:
    head = ("case", "median", "min–max", "peak MB", "baseline", "ratio", "target", "met")
    rows = [head]
    for r in results:
        rows.append((r.name, _fmt(r.median), f"{_fmt(r.low)}–{_fmt(r.high)}", f"{r.peak_mb:.0f}",
                     f"{r.baseline_name} {_fmt(r.baseline_median)}" if r.baseline_name else "—",
                     f"{r.ratio:.2f}×" if r.ratio is not None else "—", r.target or "—",
                     "yes" if r.ok else "NO"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
