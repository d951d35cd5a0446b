"""Moving a whole Commrel database between engines: a laptop's file to the team server and back.

The copy keeps every record's id, so links, history and import batches stay
valid, and is written in one transaction: a copy that fails part-way leaves
the destination as empty as it was. Counts of every table are compared at the
end and a difference refuses the copy.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator

import peewee

from . import db as commrel_db
from . import engines, search
from .errors import CommrelError
from .models import ALL_MODELS, database
from .progress import Progress, check
from .services import bulk

log = logging.getLogger(__name__)

_CHUNK = 5000


class TransferError(CommrelError):
    pass


def _ordered_models() -> list:
    # Parents before children, so every foreign key finds its row already copied.
    return peewee.sort_models(ALL_MODELS)


def table_counts(source: peewee.Database | None = None) -> dict[str, int]:
    target = source or database.obj
    return {m._meta.table_name: target.execute_sql(f'SELECT COUNT(*) FROM "{m._meta.table_name}"').fetchone()[0]
            for m in ALL_MODELS}


def _read_rows(source: peewee.Database, model, convert: Callable) -> Iterator[list[dict]]:
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    key = model._meta.primary_key.column_name
    cursor = source.execute_sql(f'SELECT {columns} FROM "{model._meta.table_name}" ORDER BY "{key}"')
    while True:
        batch = cursor.fetchmany(_CHUNK)
        if not batch:
            return
        yield [{f.name: convert(f, value) for f, value in zip(fields, row)} for row in batch]


def _python_value(field, value):
    # The source may hold SQLite's text dates and 0/1 booleans; the destination's
    # driver wants Python values.
    return None if value is None else field.python_value(value)


def copy_database(source: peewee.Database, dest: str, *, dest_password: str | None = None,
                  progress: Progress | None = None) -> dict[str, int]:
    """Copy every record of the open database ``source`` into the empty Commrel database ``dest``.

    ``dest`` is a file path or a ``postgresql://`` address; it is created at the
    current schema if needed, and must hold no records. Returns the rows per
    table. ``source`` is the open database again afterwards.
    """
    before = table_counts(source)
    try:
        commrel_db.init_db(dest, password=dest_password)
        target = database.obj
        already = {t: n for t, n in table_counts(target).items() if n}
        if already:
            raise TransferError(
                f"{commrel_db.describe()} already holds records ({sum(already.values()):,} rows); "
                "copy into a new, empty database.")
        total = sum(before.values())
        done = 0
        with target.atomic():
            for model in _ordered_models():
                table = model._meta.table_name
                if not before[table]:
                    continue
                for rows in _read_rows(source, model, _python_value):
                    bulk.insert_rows(model, rows, return_ids=False)
                    done += len(rows)
                    if progress is not None:
                        progress.report(done, total, f"Copying {table.replace('_', ' ')}")
                    check(progress)
            if engines.engine_of(target) == engines.POSTGRESQL:
                _continue_sequences(target)
            search.rebuild_all()
            after = table_counts(target)
            if after != before:
                wrong = ", ".join(f"{t}: {before[t]:,} → {after[t]:,}" for t in before if before[t] != after[t])
                raise TransferError(f"The copy does not match the original ({wrong}); nothing was kept.")
        log.info("copied %s rows to %s", f"{total:,}", commrel_db.describe())
        return after
    finally:
        commrel_db.close_db()
        database.initialize(source)
        source.connect(reuse_if_open=True)


def _continue_sequences(target: peewee.Database) -> None:
    """New records on the server continue after the copied ids instead of colliding with them."""
    for model in ALL_MODELS:
        if not isinstance(model._meta.primary_key, peewee.AutoField):
            continue
        table = model._meta.table_name
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
            f'FROM "{table}"')
