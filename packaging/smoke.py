"""Smoke-run a built app before it ships: ``commrel --smoke`` offscreen, with a time limit.

    python packaging/smoke.py                    # the bundle in dist/ for this platform
    python packaging/smoke.py PATH/TO/commrel    # any built executable

The app opens a fresh database in a temporary folder, creates an event, exports it to
``smoke.ics`` beside the database, builds the main window and exits 0. This script
checks the exit status *and* the exported calendar (a windowed Windows build has no
stdout to read), and gives up after ``--timeout`` seconds: an unexpected error in a
GUI app waits on a dialog that nobody offscreen will ever close.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_binary() -> Path:
    dist = ROOT / "dist"
    if sys.platform == "darwin":
        return dist / "Commrel.app" / "Contents" / "MacOS" / "commrel"
    if sys.platform == "win32":
        return dist / "commrel" / "commrel.exe"
    return dist / "commrel" / "commrel"


def _log_tail(lines: int = 30) -> str:
    """The end of the app's log, which says what went wrong when the run did not finish."""
    try:
        from commrel import paths

        log = paths.log_dir() / "commrel.log"
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except Exception:  # the log is a courtesy; its absence must not hide the real failure
        return ""


def smoke(command: list[str], timeout: float) -> tuple[bool, str]:
    """Run ``command --smoke --db …`` and say whether it passed, with the lines that explain why.

    ``command`` is the built executable (a list, so a test can put an interpreter first).
    """
    if not Path(command[-1]).exists():
        return False, f"no built app at {command[-1]}: build it first (packaging/build.sh)"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="commrel-smoke-") as folder:
        database = Path(folder) / "smoke.sqlite3"
        calendar = Path(folder) / "smoke.ics"
        try:
            run = subprocess.run([*command, "--smoke", "--db", str(database)], env=env,
                                 capture_output=True, text=True, encoding="utf-8",
                                 errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, (f"smoke: FAILED — no exit after {timeout:.0f} s (an error dialog is waiting?)\n"
                           + _log_tail())
        output = (run.stdout + run.stderr).strip()
        text = calendar.read_text(encoding="utf-8") if calendar.exists() else ""
        if run.returncode != 0:
            return False, f"smoke: FAILED — exit status {run.returncode}\n{output}\n{_log_tail()}"
        if "BEGIN:VEVENT" not in text or "Smoke test public meeting" not in text:
            return False, f"smoke: FAILED — {calendar.name} missing or without the sample event\n{output}"
        return True, output or f"smoke: ok — {calendar} (exit 0, calendar checked)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-run a built Commrel app offscreen.")
    parser.add_argument("binary", nargs="?", type=Path, default=default_binary())
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before giving up")
    args = parser.parse_args(argv)
    ok, message = smoke([str(args.binary)], args.timeout)
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
