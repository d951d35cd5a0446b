"""Full-text search: the one module that knows the database engine's search.

Both engines find the same records for the same words: every word typed is a
prefix of a word in the record, letters compared without case or accents.

SQLite: FTS5 tables keyed by the record id, with prefix indexes so that
typing "rob" finds "Roberts" in a fraction of a millisecond.

PostgreSQL: a table per kind holding a ``tsvector`` of the same text under a
GIN index, queried with prefix terms (``rob:*``). The text is folded and split
into words here, in Python, so that both engines see the same words whatever
the server's text-search configuration or extensions.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

import peewee

from . import engines
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


def _on_server() -> bool:
    return engines.engine_of(database) == engines.POSTGRESQL


def ensure_schema(db: peewee.Database) -> None:
    if engines.engine_of(db) == engines.POSTGRESQL:
        for table, _ in _TABLES.values():
            db.execute_sql(f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, document TSVECTOR NOT NULL)")
            db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_document ON {table} USING GIN (document)")
        return
    for table, columns in _TABLES.values():
        db.execute_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            f"{', '.join(columns)}, prefix='2 3', tokenize='{_TOKENIZE}')")


def reindex(kind: str, ids: Iterable[int] | None = None) -> None:
    """Refresh the index rows of ``kind`` for ``ids`` (all rows when None)."""
    if _on_server():
        _server_reindex(kind, ids)
        return
    table, columns = _TABLES[kind]
    cols = ", ".join(("rowid",) + columns)
    if ids is None:
        database.execute_sql(f"DELETE FROM {table}")
        database.execute_sql(f"INSERT INTO {table} ({cols}) {_SOURCES[kind]}")
        return
    alias = _SOURCES[kind].strip().split()[-1]
    runs, scattered = _runs(ids)
    # An import's new records have consecutive ids: one statement per run lets FTS5 take
    # them in rowid order in one pass, about twice as fast as lists of ids.
    for low, high in runs:
        database.execute_sql(f"DELETE FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high))
        database.execute_sql(
            f"INSERT INTO {table} ({cols}) {_SOURCES[kind]} WHERE {alias}.id BETWEEN ? AND ?", (low, high))
    for start in range(0, len(scattered), 500):
        chunk = scattered[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        database.execute_sql(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)
        database.execute_sql(
            f"INSERT INTO {table} ({cols}) {_SOURCES[kind]} WHERE {alias}.id IN ({marks})", chunk)


_RUN = 100  # consecutive ids from which a range beats a list


def _runs(ids: Iterable[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """``ids`` as (first, last) runs of at least ``_RUN`` consecutive ids, and the ids left over."""
    ordered = sorted(set(ids))
    runs: list[tuple[int, int]] = []
    scattered: list[int] = []
    start = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            if i - start >= _RUN:
                runs.append((ordered[start], ordered[i - 1]))
            else:
                scattered.extend(ordered[start:i])
            start = i
    return runs, scattered


def remove(kind: str, ids: Iterable[int]) -> None:
    table, _ = _TABLES[kind]
    key = "id" if _on_server() else "rowid"
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        database.execute_sql(f"DELETE FROM {table} WHERE {key} IN ({', '.join('?' * len(chunk))})", chunk)


# The server's documents: the same fields as the FTS5 columns, gathered without
# engine-specific aggregates and joined into one folded text per record.
_SERVER_SOURCES = {
    "stakeholder": ("SELECT s.id, s.display_name, s.email, s.organisation_name, s.notes, s.phone, "
                    "s.postcode, s.neighbourhood FROM stakeholder s", "s"),
    "event": ("SELECT e.id, e.title, e.venue, e.description, e.tags FROM event e", "e"),
    "concern": ("SELECT c.id, c.reference, c.summary, c.description, c.location, c.neighbourhood, "
                "COALESCE(k.name, '') FROM concern c LEFT JOIN concern_category k ON k.id = c.category_id", "c"),
}
_SERVER_EXTRAS = {
    "stakeholder": (
        "SELECT m.person_id, o.display_name FROM membership m JOIN stakeholder o ON o.id = m.organisation_id",
        "m.person_id",
        "SELECT st.stakeholder_id, t.name FROM stakeholder_tag st JOIN tag t ON t.id = st.tag_id",
        "st.stakeholder_id"),
}


def _server_reindex(kind: str, ids: Iterable[int] | None) -> None:
    table, _ = _TABLES[kind]
    source, alias = _SERVER_SOURCES[kind]
    chunks: list[list[int] | None]
    if ids is None:
        database.execute_sql(f"DELETE FROM {table}")
        chunks = [None]
    else:
        ids = list(ids)
        chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        where, params = "", []
        if chunk is not None:
            if not chunk:
                continue
            where, params = f" WHERE {alias}.id IN ({', '.join('?' * len(chunk))})", chunk
            database.execute_sql(f"DELETE FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        extra: dict[int, list[str]] = defaultdict(list)
        sources = _SERVER_EXTRAS.get(kind, ())
        for sql, key in zip(sources[::2], sources[1::2]):
            marks = f" WHERE {key} IN ({', '.join('?' * len(chunk))})" if chunk is not None else ""
            for owner, text in database.execute_sql(sql + marks, params):
                extra[owner].append(text or "")
        rows = [(row[0], " ".join(words(" ".join(str(v) for v in row[1:] if v) + " " + " ".join(extra[row[0]]))))
                for row in database.execute_sql(source + where, params)]
        if rows:
            cursor = database.cursor()
            cursor.executemany(f"INSERT INTO {table} (id, document) VALUES (%s, to_tsvector('simple', %s))", rows)


def rebuild_all() -> None:
    with database.atomic():
        for kind in _TABLES:
            reindex(kind)


# Letters and digits; "_" separates words as it does for FTS5's tokenizer.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The searchable words of ``text``: lower case, accents removed."""
    folded = unicodedata.normalize("NFKD", text or "")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(folded)


def match_expression(text: str) -> str | None:
    """Turn what a person typed into a query: every word, as a prefix.

    FTS5 gets each word quoted, which keeps its syntax characters harmless;
    PostgreSQL gets ``word:*`` terms, and a word holds only letters and digits.
    """
    found = words(text) if _on_server() else _WORD.findall(text or "")
    if not found:
        return None
    if _on_server():
        return " & ".join(f"{w}:*" for w in found)
    return " ".join(f'"{w}"*' for w in found)


def matching_ids_sql(kind: str, text: str) -> tuple[str, list] | None:
    """An SQL fragment ``id IN (...)`` for filters; None when the text has no words."""
    expr = match_expression(text)
    if expr is None:
        return None
    table, _ = _TABLES[kind]
    mark = database.obj.param
    if _on_server():
        return f"SELECT id FROM {table} WHERE document @@ to_tsquery('simple', {mark})", [expr]
    return f"SELECT rowid FROM {table} WHERE {table} MATCH {mark}", [expr]


def name_matching_ids_sql(kind: str, text: str) -> tuple[str, list] | None:
    """Like :func:`matching_ids_sql`, the words looked for in the record's name only.

    None on the team database, whose index keeps one document per record, and
    when the text has no words.
    """
    expr = match_expression(text)
    if expr is None or _on_server():
        return None
    table, columns = _TABLES[kind]
    return f"SELECT rowid FROM {table} WHERE {table} MATCH {database.obj.param}", [f"{{{columns[0]}}} : ({expr})"]


def search_ids(kind: str, text: str, limit: int = 50) -> list[int]:
    expr = match_expression(text)
    if expr is None:
        return []
    table, _ = _TABLES[kind]
    if _on_server():
        rows = database.execute_sql(
            f"SELECT id FROM {table}, to_tsquery('simple', ?) q WHERE document @@ q "
            f"ORDER BY ts_rank(document, q) DESC, id LIMIT ?", (expr, limit))
        return [r[0] for r in rows]
    # bm25() in ORDER BY lets SQLite keep only the best ``limit`` as it goes; ORDER BY
    # rank sorts every match first, a fifth slower for a short prefix matching thousands.
    rows = database.execute_sql(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}), rowid LIMIT ?", (expr, limit))
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
