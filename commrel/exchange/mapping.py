"""Which column of a partner's sheet is which field.

The header row is found among the first rows (a sheet often starts with a
title or a note). Each header maps, in this order, to what the person chose
for it now, to what they chose last time for a header of that name (kept in
the database, so a sheet whose columns were reordered still maps), or to the
column whose name or synonym it is ("E-mail", "Organization", "Ward").
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import ExchangeError
from ..models import Setting
from .columns import Column, columns_for, normalise
from .values import text

HEADER_SCAN_ROWS = 30
_SETTING = "exchange.mapping.{kind}"


@dataclass
class HeaderMatch:
    row_number: int  # 1-based row of the header in the sheet
    headers: list[str]  # every header text, by position (blank where none)
    columns: dict[int, Column]  # position -> column it feeds
    ignored: list[str] = field(default_factory=list)  # headers that feed nothing
    warnings: list[str] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str | None]:
        """Header text -> column key (None for ignored columns), for :attr:`ImportPlan.options`."""
        out: dict[str, str | None] = {h: None for h in self.headers if h}
        for pos, col in self.columns.items():
            out[self.headers[pos]] = col.key
        return out


def _squash(name: str) -> str:
    return normalise(name).replace(" ", "")


def name_table(columns: Iterable[Column]) -> dict[str, str]:
    """Every header and synonym, squashed ("e-mail" -> "email"), to its column key."""
    table: dict[str, str] = {}
    for col in columns:
        for name in (col.header, col.key, *col.synonyms):
            table.setdefault(_squash(name), col.key)
    return table


def saved_mapping(kind: str) -> dict[str, str | None]:
    """What was chosen last time, by normalised header name."""
    row = Setting.get_or_none(Setting.key == _SETTING.format(kind=kind))
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def save_mapping(kind: str, mapping: dict[str, str | None]) -> None:
    """Remember ``mapping`` (header -> key or None) for the next sheet with these headers."""
    data = saved_mapping(kind)
    data.update({_squash(h): k for h, k in mapping.items() if h})
    value = json.dumps(data, ensure_ascii=False, sort_keys=True)
    (Setting.insert(key=_SETTING.format(kind=kind), value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())


def _chosen(mapping: dict[str, str | None] | None, keys: set[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for header, key in (mapping or {}).items():
        if key and key not in keys:
            raise ExchangeError(f"The column mapping names “{key}”, which is not a field Commrel imports; "
                                f"choose one of: {', '.join(sorted(keys))}.")
        out[_squash(header)] = key or None
    return out


def resolve(headers: list[str], kind: str, *, mapping: dict[str, str | None] | None = None,
            saved: dict[str, str | None] | None = None) -> HeaderMatch:
    """Map header texts (by position) to columns of ``kind``; each column is fed once."""
    columns = {c.key: c for c in columns_for(kind)}
    chosen = _chosen(mapping, set(columns))
    saved = {k: v for k, v in (saved or {}).items() if v is None or v in columns}
    names = name_table(columns.values())
    match = HeaderMatch(0, list(headers), {})
    used: dict[str, str] = {}
    for pos, header in enumerate(headers):
        if not header:
            continue
        squashed = _squash(header)
        if squashed in chosen:
            key = chosen[squashed]
        elif squashed in saved:
            key = saved[squashed]
        else:
            key = names.get(squashed)
        if key is None:
            match.ignored.append(header)
            continue
        if key in used:
            match.ignored.append(header)
            match.warnings.append(f"Columns “{used[key]}” and “{header}” both look like "
                                  f"{columns[key].header}; “{header}” was not imported.")
            continue
        used[key] = header
        match.columns[pos] = columns[key]
    return match


def find_header(rows: list[list[Any]], kind: str, *, mapping: dict[str, str | None] | None = None,
                saved: dict[str, str | None] | None = None, header_row: int | None = None) -> HeaderMatch:
    """The header among the first rows: the row whose cells name the most known columns.

    ``header_row`` (1-based) skips the search. Raises :class:`ExchangeError`
    when no row names any column.
    """
    candidates = range(len(rows)) if header_row is None else [header_row - 1]
    best: HeaderMatch | None = None
    for index in candidates:
        if index < 0 or index >= len(rows):
            raise ExchangeError(f"has no row {header_row} to read the column names from.")
        headers = [text(c) if isinstance(c, str) else "" for c in rows[index]]
        if not any(headers):
            continue
        match = resolve(headers, kind, mapping=mapping, saved=saved)
        match.row_number = index + 1
        if best is None or len(match.columns) > len(best.columns):
            best = match
    if best is None or not best.columns:
        known = ", ".join(c.header for c in columns_for(kind) if not c.hidden)
        raise ExchangeError(f"has no header row: none of the first {len(rows)} rows names a column Commrel "
                            f"knows. Put the column names in one row, e.g. {known}.")
    return best
