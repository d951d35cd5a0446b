"""Write tests/data/schema-v1.sqlite3: a small database as Commrel's first schema left it.

Run once when a schema version is released; the migration test upgrades
every fixture to the current schema and checks nothing was lost.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import peewee

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commrel import demo, search  # noqa: E402
from commrel.models import ALL_MODELS, database  # noqa: E402
from commrel.models.media import MEDIA_MODELS  # noqa: E402

V1_MODELS = [m for m in ALL_MODELS if m not in MEDIA_MODELS]


def main() -> None:
    out = ROOT / "tests" / "data" / "schema-v1.sqlite3"
    out.unlink(missing_ok=True)
    db = peewee.SqliteDatabase(str(out), pragmas={"foreign_keys": 1})
    database.initialize(db)
    db.create_tables(V1_MODELS)
    db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute_sql("INSERT INTO schema_version (version) VALUES (1)")
    search.ensure_schema(db)
    demo.generate(demo.DemoSize(120), seed=1, today=date(2026, 6, 1), tz="Europe/London")
    db.execute_sql("VACUUM")
    db.close()
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
