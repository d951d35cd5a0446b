"""The cases: what an officer waits for, each beside what the library alone takes."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .runner import Case

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Context:
    db_path: Path
    work: Path
    scale: int  # stakeholders in the sample database


def _scaled(seconds_at_100k: float, ctx: Context) -> float:
    return seconds_at_100k * max(ctx.scale / 100_000, 0.05)


def core_cases(ctx: Context) -> list[Case]:
    from commrel.services import stakeholder_queries as q

    con = sqlite3.connect(ctx.db_path)
    total = q.count()

    def raw_fts():
        con.execute("SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ? LIMIT 50", ('"rob"*',)).fetchall()

    def raw_first_page():
        con.execute("SELECT id, display_name FROM stakeholder WHERE archived = 0 ORDER BY sort_name, id LIMIT 200").fetchall()

    cases = [
        Case("search: prefix across the register, 50 results",
             lambda: q.search("rob", limit=50),
             raw_fts, "FTS5 query alone", max_seconds=0.005, repeat=20),
        Case("table: first paint (count + first page)",
             lambda: (q.count(), q.page(sort="name", limit=200)),
             raw_first_page, "indexed SELECT alone", max_seconds=0.100, repeat=10),
        Case("table: jump to the end",
             lambda: q.page(sort="name", offset=max(0, total - 200), limit=200),
             max_seconds=0.100, repeat=10),
    ]
    for column in ("name", "type", "organisation", "email", "phone", "neighbourhood", "position",
                   "influence", "interest", "last_contacted"):
        cases.append(Case(f"table: sort by {column} (descending)",
                          lambda c=column: q.page(sort=c, descending=True, limit=200),
                          max_seconds=0.100, repeat=5))
    return cases


_BARE_START = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.show(); app.processEvents()
print("ready", flush=True)
"""

_APP_START = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from commrel import db
db.init_db(sys.argv[1])
from ui.main_window import MainWindow
w = MainWindow(); w.show(); app.processEvents()
print("ready", flush=True)
"""


# What the fixed choices cost on top of the bare window before any Commrel code runs: peewee
# imported as the core imports it (without a server driver), PySide's ``Qt`` namespace (its
# enumerations are built the first time any is used), and the database opened.
_LIBRARIES_START = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
import commrel
import peewee
from PySide6.QtCore import Qt
database = peewee.SqliteDatabase(sys.argv[1])
database.execute_sql("SELECT COUNT(*) FROM sqlite_master").fetchone()
w = QMainWindow(); w.show(); app.processEvents()
print("ready", flush=True)
"""


def startup_cases(ctx: Context) -> list[Case]:
    env_python = sys.executable

    def run(script, *args):
        # Timed until the window is shown and answering events; work it then starts in the
        # background (the dashboard's figures) is not part of the start.
        proc = subprocess.Popen([env_python, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
        line = proc.stdout.readline().strip()
        proc.kill()
        proc.wait()
        if line != "ready":
            raise RuntimeError("the window did not start")

    # An installed app (pip, or the PyInstaller bundle) starts from compiled bytecode; write
    # it once here so the case does not time recompiling every module when the
    # environment forbids writing bytecode on import.
    import compileall

    for package in ("commrel", "ui", "resources"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    return [Case("cold start to the main window", lambda: run(_APP_START, str(ctx.db_path)),
                 lambda: run(_BARE_START), "bare QMainWindow start", max_ratio=1.5, repeat=9, interleave=True),
            Case("cold start: the libraries alone, no Commrel window (no target)",
                 lambda: run(_LIBRARIES_START, str(ctx.db_path)), lambda: run(_BARE_START),
                 "bare QMainWindow start", repeat=9, interleave=True)]


def build_sample(ctx: Context) -> Case:
    from commrel import db, demo

    target = ctx.work / "generated.sqlite3"

    def setup():
        db.close_db()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        db.init_db(target, backup_before_migrate=False)

    def run():
        demo.generate(demo.DemoSize(ctx.scale), seed=11)

    return Case("generate the sample database", run, setup=setup, max_seconds=_scaled(30, ctx), repeat=1)


def extra_cases(ctx: Context) -> list[Case]:
    """Cases for the exchange formats and reports, added as those land."""
    found: list[Case] = []
    for module in ("bench_lists", "bench_exchange_xlsx", "bench_exchange_ics", "bench_reports"):
        try:
            mod = __import__(f"benchmarks.{module}", fromlist=["cases"])
        except ModuleNotFoundError as exc:
            if exc.name != f"benchmarks.{module}":
                raise
            continue
        found.extend(mod.cases(ctx))
    return found
