"""Rows read straight from the database driver, with values converted as peewee's fields do.

Where a screen or an export reads many rows of a few known columns, peewee's
query building, row wrappers and date parsing cost more than the query
itself. These helpers give the same Python values in one step per value;
tests compare them with the models' values on both engines.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, Sequence

import peewee


def _stored_datetime(value: Any) -> Any:
    # SQLite hands back the text peewee wrote (ISO 8601); a server hands back datetimes.
    return datetime.fromisoformat(value) if value.__class__ is str else value


def _stored_date(value: Any) -> Any:
    return date.fromisoformat(value[:10]) if value.__class__ is str else value


def _stored_bool(value: Any) -> Any:
    return value if value is None else bool(value)


def converter(field: peewee.Field) -> Callable[[Any], Any] | None:
    """How a value of ``field`` comes from the driver to Python; None when it arrives as it is."""
    if isinstance(field, (peewee.AutoField, peewee.IntegerField, peewee.CharField, peewee.TextField)):
        return None
    if isinstance(field, peewee.DateTimeField):
        return _stored_datetime
    if isinstance(field, peewee.DateField):
        return _stored_date
    if isinstance(field, peewee.BooleanField):
        return _stored_bool
    return field.python_value


def converters(fields: Sequence[peewee.Field]) -> list[tuple[int, Callable[[Any], Any]]]:
    """(position, converter) for the fields whose driver values need converting."""
    return [(i, c) for i, f in enumerate(fields) if (c := converter(f)) is not None]


def convert_row(row: Sequence[Any], convert: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for i, c in convert:
        values[i] = c(values[i])
    return values


class ByIdSelect:
    """``SELECT fields FROM model WHERE id IN (...)`` with the SQL built once per engine.

    Building the query through peewee for each page of a table or each
    keystroke in a search box took longer than the lookup.
    """

    _IDS = "__ids__"

    def __init__(self, model: type[peewee.Model], fields: Sequence[peewee.Field]):
        self.model, self.fields = model, list(fields)
        self.convert = converters(self.fields)
        self._sql: dict[type, tuple[str, str]] = {}

    def _parts(self, database: peewee.Database) -> tuple[str, str]:
        key = type(database)
        if key not in self._sql:
            query = self.model.select(*self.fields).where(self.model._meta.primary_key << peewee.SQL(self._IDS))
            sql, _ = database.get_sql_context().sql(query).query()
            head, _, tail = sql.partition(self._IDS)
            self._sql[key] = (head, tail)
        return self._sql[key]

    def rows(self, database: peewee.Database, ids: Sequence[int]) -> list[list[Any]]:
        """Converted rows for ``ids`` (in no particular order); ids that do not exist give no row."""
        if not ids:
            return []
        database = getattr(database, "obj", database)  # the engine behind a proxy
        head, tail = self._parts(database)
        marks = ", ".join([database.param] * len(ids))
        cursor = database.execute_sql(f"{head}({marks}){tail}", list(ids))
        convert = self.convert
        if not convert:
            return [list(r) for r in cursor]
        return [convert_row(r, convert) for r in cursor]
