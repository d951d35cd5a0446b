"""Full-text search: the one module that knows the database engine's search.

SQLite: FTS5 tables keyed by the record id, with prefix indexes so that
typing "rob" finds "Roberts" in a fraction of a millisecond.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import peewee

from .models import database

_TOKENIZE = "unicode61 remove_diacritics 2"

_TABLES = {
    "stakeholder": ("stakeholder_fts", ("name", "email", "organisations", "notes", "tags", "extra")),
    "event": ("event_fts", ("title", "venue", "description", "tags")),
    "concern": ("concern_fts", ("reference", "summary", "description", "location", "category")),
}

_SOURCES = {
    "stakeholder": """
        SELECT s.id, s.display_name, s.email,
               s.organisation_name || ' ' || COALESCE((
                   SELECT group_concat(o.display_name, ' ') FROM membership m
                   JOIN stakeholder o ON o.id = m.organisation_id WHERE m.person_id = s.id), ''),
               s.notes,
               COALESCE((SELECT group_concat(t.name, ' ') FROM stakeholder_tag st
                         JOIN tag t ON t.id = st.tag_id WHERE st.stakeholder_id = s.id), ''),
               s.phone || ' ' || s.postcode || ' ' || s.neighbourhood
        FROM stakeholder s""",
    "event": "SELECT e.id, e.title, e.venue, e.description, e.tags FROM event e",
    "concern": """
        SELECT c.id, c.reference, c.summary, c.description, c.location || ' ' || c.neighbourhood,
               COALESCE((SELECT name FROM concern_category k WHERE k.id = c.category_id), '')
        FROM concern c""",
}


def ensure_schema(db: peewee.Database) -> None:
    for table, columns in _TABLES.values():
        db.execute_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            f"{', '.join(columns)}, prefix='2 3', tokenize='{_TOKENIZE}')")


def reindex(kind: str, ids: Iterable[int] | None = None) -> None:
    """Refresh the index rows of ``kind`` for ``ids`` (all rows when None)."""
    table, columns = _TABLES[kind]
    cols = ", ".join(("rowid",) + columns)
    if ids is None:
        database.execute_sql(f"DELETE FROM {table}")
        database.execute_sql(f"INSERT INTO {table} ({cols}) {_SOURCES[kind]}")
        return
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        database.execute_sql(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)
        alias = _SOURCES[kind].strip().split()[-1]
        database.execute_sql(
            f"INSERT INTO {table} ({cols}) {_SOURCES[kind]} WHERE {alias}.id IN ({marks})", chunk)


def remove(kind: str, ids: Iterable[int]) -> None:
    table, _ = _TABLES[kind]
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        database.execute_sql(f"DELETE FROM {table} WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk)


def rebuild_all() -> None:
    with database.atomic():
        for kind in _TABLES:
            reindex(kind)


_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str | None:
    """Turn what a person typed into an FTS5 query: every word, as a prefix.

    Quoting each word keeps FTS5 syntax characters in the input harmless.
    """
    words = _WORD.findall(text or "")
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def matching_ids_sql(kind: str, text: str) -> tuple[str, list] | None:
    """An SQL fragment ``id IN (...)`` for filters; None when the text has no words."""
    expr = match_expression(text)
    if expr is None:
        return None
    table, _ = _TABLES[kind]
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expr]


def search_ids(kind: str, text: str, limit: int = 50) -> list[int]:
    expr = match_expression(text)
    if expr is None:
        return []
    table, _ = _TABLES[kind]
    rows = database.execute_sql(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?", (expr, limit))
    return [r[0] for r in rows]


@dataclass(frozen=True)
class SearchHit:
    kind: str  # stakeholder, event, concern
    id: int
    title: str
    detail: str


def global_search(text: str, limit_per_kind: int = 8) -> list[SearchHit]:
    """Search stakeholders, events and concerns at once (the Ctrl+K box)."""
    hits: list[SearchHit] = []
    ids = search_ids("stakeholder", text, limit_per_kind)
    if ids:
        rows = {r[0]: r for r in database.execute_sql(
            f"SELECT id, display_name, organisation_name, email, archived FROM stakeholder "
            f"WHERE id IN ({', '.join('?' * len(ids))})", ids)}
        for i in ids:
            if i in rows:
                _, name, org, email, archived = rows[i]
                detail = " · ".join(x for x in (org, email, "archived" if archived else "") if x)
                hits.append(SearchHit("stakeholder", i, name, detail))
    ids = search_ids("event", text, limit_per_kind)
    if ids:
        rows = {r[0]: r for r in database.execute_sql(
            f"SELECT id, title, starts_at, venue FROM event WHERE id IN ({', '.join('?' * len(ids))})", ids)}
        for i in ids:
            if i in rows:
                _, title, starts, venue = rows[i]
                when = str(starts)[:10]
                hits.append(SearchHit("event", i, title, " · ".join(x for x in (when, venue) if x)))
    ids = search_ids("concern", text, limit_per_kind)
    if ids:
        rows = {r[0]: r for r in database.execute_sql(
            f"SELECT id, reference, summary, status FROM concern WHERE id IN ({', '.join('?' * len(ids))})", ids)}
        for i in ids:
            if i in rows:
                _, ref, summary, status = rows[i]
                hits.append(SearchHit("concern", i, f"{ref} {summary}".strip(), status.replace("_", " ")))
    return hits
