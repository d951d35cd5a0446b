"""Field-level change history: what changed, from what to what, when, by whom."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

from ..models import Change
from ..timeutil import utcnow
from ..users import current_user


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else list(value), ensure_ascii=False)
    return str(value)


def record(entity: str, entity_id: int, action: str,
           changes: dict[str, tuple[Any, Any]] | None = None, *, batch_id: int | None = None) -> None:
    """Write one history row per changed field (one row for actions without fields)."""
    Change.insert_many(_rows(entity, entity_id, action, changes, batch_id, utcnow(), current_user())).execute()


def record_many(entity: str, action: str, items: Iterable[tuple[int, dict[str, tuple[Any, Any]] | None]], *,
                batch_id: int | None = None) -> None:
    """The same as :func:`record` for many records at once (imports)."""
    from .bulk import insert_rows

    now, by = utcnow(), current_user()
    rows = [r for entity_id, changes in items for r in _rows(entity, entity_id, action, changes, batch_id, now, by)]
    if rows:
        insert_rows(Change, rows)


def _rows(entity: str, entity_id: int, action: str, changes, batch_id, now, by) -> list[dict[str, Any]]:
    rows = []
    if changes:
        for field, (old, new) in changes.items():
            rows.append(dict(entity=entity, entity_id=entity_id, action=action, field=field,
                             old_value=_text(old), new_value=_text(new), at=now, by=by, batch_id=batch_id))
    else:
        rows.append(dict(entity=entity, entity_id=entity_id, action=action, field="",
                         old_value=None, new_value=None, at=now, by=by, batch_id=batch_id))
    return rows


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    by: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


def for_entity(entity: str, entity_id: int) -> list[HistoryEntry]:
    q = (Change.select().where((Change.entity == entity) & (Change.entity_id == entity_id))
         .order_by(Change.at.desc(), Change.id.desc()))
    return [HistoryEntry(c.at, c.by, c.action, c.field, c.old_value, c.new_value) for c in q]


def diff(before: dict[str, Any], after: dict[str, Any], fields: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    return {f: (before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)}
