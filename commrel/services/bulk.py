"""Bulk writes through ``executemany``: the only way to write 100k rows in seconds.

Building one peewee query per row costs more than SQLite's work; these
helpers turn model field names into columns once and let the driver bind
every row. Callers run them inside their own transaction.
"""
from __future__ import annotations

import operator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Iterable, Iterator, Sequence

import peewee as pw

from .. import engines
from ..models import database


_BULK_CACHE_KIB = 256 * 1024


@contextmanager
def roomy_cache() -> Iterator[None]:
    """A larger page cache on this connection while a bulk write runs, the usual size after.

    Adding 100,000 records updates a dozen indexes at scattered places; with the
    usual cache SQLite reads the same index pages from the file again and again
    (about a fifth of the write's time). The memory is given back at the end.
    """
    if engines.engine_of(database) != engines.SQLITE:
        yield
        return
    usual = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = {-_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(usual)}")


def _columns(model, names: Sequence[str]):
    fields = [model._meta.fields[n] for n in names]
    return fields, [f.column_name for f in fields]


def _prepared(model, rows: Sequence[dict[str, Any]]):
    """Fields, column list and one value tuple per row, the model's defaults filled in."""
    given = list(rows[0])
    # Columns the rows leave out take the model's defaults (peewee's defaults live in Python).
    defaults = {f.name: (d() if callable(d) else d) for f, d in model._meta.defaults.items()
                if f.name not in given and f.name != "id"}
    fields = [model._meta.fields[name] for name in [*given, *defaults]]
    on_server = engines.engine_of(database) == engines.POSTGRESQL
    pick = operator.itemgetter(*given)
    data = [pick(row) for row in rows] if len(given) > 1 else [(pick(row),) for row in rows]
    tail = list(defaults.values())
    converted: list[int] = []
    if not on_server:
        # SQLite wants 0/1 and text for booleans and dates, exactly as peewee writes them;
        # PostgreSQL's driver binds the Python values to its own types.
        tail = [_sqlite_value(v) for v in tail]
        converted = [i for i, f in enumerate(fields[:len(given)])
                     if isinstance(f, (pw.DateTimeField, pw.DateField, pw.BooleanField))]
    if converted:
        out = []
        for values in data:
            values = [*values, *tail]
            for i in converted:
                values[i] = _sqlite_value(values[i])
            out.append(values)
        data = out
    elif tail:
        data = [(*values, *tail) for values in data]
    return fields, data, on_server


def _sqlite_value(value: Any) -> Any:
    kind = type(value)
    if kind is bool:
        return int(value)
    if kind is datetime:
        return value.isoformat(" ")
    if kind is date:
        return value.isoformat()
    return value


def insert_rows(model, rows: Sequence[dict[str, Any]], *, ignore_conflicts: bool = False,
                return_ids: bool = True) -> list[int]:
    """Insert ``rows`` (all with the same keys); returns their new ids in order.

    ``ignore_conflicts`` skips rows a unique index already holds (no ids are
    returned then). On SQLite an INTEGER PRIMARY KEY table gives each row
    max(rowid)+1, so within one transaction the new ids are consecutive (this
    is checked); PostgreSQL returns each row's id from its sequence.
    """
    if not rows:
        return []
    fields, data, on_server = _prepared(model, rows)
    table = model._meta.table_name
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    mark = database.obj.param
    values = f'VALUES ({", ".join([mark] * len(fields))})'
    cursor = database.cursor()
    if ignore_conflicts:
        sql = (f'INSERT INTO "{table}" ({columns}) {values} ON CONFLICT DO NOTHING' if on_server
               else f'INSERT OR IGNORE INTO "{table}" ({columns}) {values}')
        cursor.executemany(sql, data)
        return []
    sql = f'INSERT INTO "{table}" ({columns}) {values}'
    if not return_ids:
        cursor.executemany(sql, data)
        return []
    if on_server:
        cursor.executemany(sql + " RETURNING id", data, returning=True)
        ids = []
        while True:
            ids.append(cursor.fetchone()[0])
            if not cursor.nextset():
                return ids
    start = (cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]) + 1
    cursor.executemany(sql, data)
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
        mark = database.obj.param
        sets = [f"{c} = {mark}" for c in columns]
        if bump_version:
            sets.append("version = version + 1")
        where = f"id = {mark}" + (f" AND version = {mark}" if expected_versions is not None else "")
        sql = f'UPDATE "{table}" SET {", ".join(sets)} WHERE {where}'
        params = []
        for row_id, values in items:
            merged = {**extra, **values}
            p = [f.db_value(merged[n]) for f, n in zip(fields, all_names)] + [row_id]
            if expected_versions is not None:
                p.append(expected_versions[row_id])
            params.append(p)
        cursor.executemany(sql, params)
        # Both drivers sum the rows each statement of executemany changed.
        changed += cursor.rowcount
    return changed
