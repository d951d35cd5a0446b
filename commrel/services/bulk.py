"""Bulk writes through ``executemany``: the only way to write 100k rows in seconds.

Building one peewee query per row costs more than SQLite's work; these
helpers turn model field names into columns once and let the driver bind
every row. Callers run them inside their own transaction.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..models import database


def _columns(model, names: Sequence[str]):
    fields = [model._meta.fields[n] for n in names]
    return fields, [f.column_name for f in fields]


def insert_rows(model, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (all with the same keys); returns their new ids in order.

    SQLite gives an INTEGER PRIMARY KEY table max(rowid)+1 for each row, so
    within one transaction the new ids are consecutive; this is checked.
    """
    if not rows:
        return []
    names = list(rows[0].keys())
    # Columns the rows leave out take the model's defaults (peewee's defaults live in Python).
    defaults = {f.name: f.default for f in model._meta.sorted_fields
                if f.name not in names and f.name != "id" and f.default is not None}
    if defaults:
        rows = [{**{k: (d() if callable(d) else d) for k, d in defaults.items()}, **row} for row in rows]
        names = list(rows[0].keys())
    fields, columns = _columns(model, names)
    table = model._meta.table_name
    cursor = database.cursor()
    start = (cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]) + 1
    cursor.executemany(
        f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})',
        ([f.db_value(row[n]) for f, n in zip(fields, names)] for row in rows))
    end = cursor.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()[0]
    if end != start + len(rows) - 1:
        raise RuntimeError(f"{table}: new ids are not consecutive ({start}..{end} for {len(rows)} rows)")
    return list(range(start, end + 1))


def update_rows(model, rows: Iterable[tuple[int, dict[str, Any]]], *, bump_version: bool = True,
                expected_versions: dict[int, int] | None = None, extra: dict[str, Any] | None = None) -> int:
    """Update each (id, values) row; rows changing the same fields share one statement.

    With ``expected_versions`` a row only changes if its version is still the
    one given; the number of rows actually changed is returned.
    """
    groups: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
    for row_id, values in rows:
        groups.setdefault(tuple(sorted(values)), []).append((row_id, values))
    table = model._meta.table_name
    cursor = database.cursor()
    extra = extra or {}
    changed = 0
    for names, items in groups.items():
        all_names = list(names) + [n for n in extra if n not in names]
        fields, columns = _columns(model, all_names)
        sets = [f"{c} = ?" for c in columns]
        if bump_version:
            sets.append("version = version + 1")
        where = "id = ?" + (" AND version = ?" if expected_versions is not None else "")
        sql = f'UPDATE "{table}" SET {", ".join(sets)} WHERE {where}'
        params = []
        for row_id, values in items:
            merged = {**extra, **values}
            p = [f.db_value(merged[n]) for f, n in zip(fields, all_names)] + [row_id]
            if expected_versions is not None:
                p.append(expected_versions[row_id])
            params.append(p)
        before = database.connection().total_changes
        cursor.executemany(sql, params)
        changed += database.connection().total_changes - before
    return changed
