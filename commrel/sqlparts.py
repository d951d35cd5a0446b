"""The few SQL expressions SQLite and PostgreSQL spell differently, chosen when a query is built.

Queries are often declared at import time, before any database is open, so
each expression here is a peewee node that picks its engine's spelling only
when it is turned into SQL.
"""
from __future__ import annotations

import peewee as pw

from . import engines
from .models import database


def on_server() -> bool:
    return engines.engine_of(database) == engines.POSTGRESQL


class PerEngine(pw.ColumnBase):
    """One expression with an SQLite and a PostgreSQL form."""

    def __init__(self, sqlite, postgres):
        super().__init__()
        self.sqlite, self.postgres = sqlite, postgres

    def __sql__(self, ctx):
        return ctx.sql(self.postgres if on_server() else self.sqlite)


def now_utc() -> PerEngine:
    """The current time as a naive UTC timestamp, comparable with stored times."""
    return PerEngine(pw.SQL("CURRENT_TIMESTAMP"), pw.SQL("LOCALTIMESTAMP"))


def elapsed_days(later, earlier) -> PerEngine:
    """Days (with fractions) from ``earlier`` to ``later``."""
    return PerEngine(pw.fn.julianday(later) - pw.fn.julianday(earlier),
                     pw.NodeList((pw.SQL("EXTRACT(EPOCH FROM"), pw.NodeList((later, pw.SQL("-"), earlier), parens=True),
                                  pw.SQL(") / 86400.0"))))


def position(needle, haystack) -> PerEngine:
    """Where ``needle`` first occurs in ``haystack`` (from 1), 0 when it does not."""
    return PerEngine(pw.fn.instr(haystack, needle), pw.fn.strpos(haystack, needle))


def count_true(condition) -> pw.Node:
    """How many rows meet ``condition`` (a boolean column or expression)."""
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def is_false(column: str) -> PerEngine:
    """``column`` is false, written literally: SQLite uses a partial index only for a literal match."""
    return PerEngine(pw.SQL(f"{column} = 0"), pw.SQL(f"NOT {column}"))


def joined_text(value, separator: str) -> PerEngine:
    """The aggregate of ``value`` over a group, joined by ``separator`` (in no promised order)."""
    return PerEngine(pw.fn.group_concat(value, separator),
                     pw.fn.string_agg(pw.Cast(value, "TEXT"), separator))


def without_index() -> str:
    """A prefix for a column in raw SQL that keeps SQLite from reaching it through an index.

    SQLite's unary ``+`` marks a term as not to be looked up by index, for when
    reading the table straight through is cheaper. PostgreSQL has no such
    operator for text or timestamps and weighs indexes by its own statistics,
    so there the prefix is empty.
    """
    return "" if on_server() else "+"


def as_stored(column: pw.Field) -> pw.ColumnBase:
    """``column`` for a test made on every row of a scan, compared as stored.

    SQLite gives DATETIME columns numeric affinity, so comparing one with a
    timestamp makes it try to read both sides as numbers first, on every row;
    the unary ``+`` (:func:`without_index`) drops the affinity and the text is
    compared as text, with the same outcome. It also keeps the index out, so it
    is not for the terms an index range is read by.
    """
    plus = without_index()
    return pw.NodeList((pw.SQL(plus), column), glue="") if plus else column
