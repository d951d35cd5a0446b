"""``commrel --smoke``: prove a built bundle works end to end, without a screen."""
from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path


def run_smoke(db_path: str | None) -> int:
    from commrel import db, exchange
    from commrel.services import events

    folder = Path(db_path).parent if db_path else Path(tempfile.mkdtemp(prefix="commrel-smoke-"))
    path = Path(db_path) if db_path else folder / "smoke.sqlite3"
    db.init_db(path)
    start = (datetime.now() + timedelta(days=7)).replace(hour=18, minute=30, second=0, microsecond=0)
    events.create(title="Smoke test public meeting", starts_at=start, ends_at=start + timedelta(hours=2),
                  venue="Town Hall")
    out = folder / "smoke.ics"
    exchange.for_path(out, purpose="export").export(out, "events")
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    window.close()
    db.close_db()
    text = out.read_text(encoding="utf-8")
    ok = "BEGIN:VEVENT" in text and "Smoke test public meeting" in text
    print(f"smoke: {'ok' if ok else 'FAILED'} — {out}")
    return 0 if ok else 1
