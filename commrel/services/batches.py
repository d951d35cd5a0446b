"""Import batches: every committed import is recorded so it can be undone whole."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .. import search
from ..errors import CommrelError, NotFound
from ..models import (Concern, Coverage, Event, EventException, EventOverride, EventParticipant, ImportBatch,
                      ImportBatchItem, Interaction, Stakeholder, database)
from ..timeutil import utcnow
from ..users import current_user

MODELS = {"stakeholder": Stakeholder, "event": Event, "concern": Concern, "interaction": Interaction,
          "coverage": Coverage}
_SEARCHABLE = {"stakeholder", "event", "concern"}
# Key of a record's "before" that holds linked rows an import replaced (an event's skipped
# dates, moved occurrences, attendees and replies); see _restore_event_children.
CHILDREN = "$children"


def _jsonable(row: dict[str, Any]) -> str:
    def conv(v):
        if isinstance(v, datetime):
            return {"$dt": v.isoformat()}
        if isinstance(v, date):
            return {"$d": v.isoformat()}
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        return v
    return json.dumps(conv(row), ensure_ascii=False)


def _from_json(text: str) -> dict[str, Any]:
    def conv(v):
        if isinstance(v, dict) and "$dt" in v:
            return datetime.fromisoformat(v["$dt"])
        if isinstance(v, dict) and "$d" in v:
            return date.fromisoformat(v["$d"])
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v
    return conv(json.loads(text))


class BatchRecorder:
    """Collects what an import did, inside the import's transaction."""

    def __init__(self, kind: str, source: str, format: str):
        self.batch = ImportBatch.create(kind=kind, source=source, format=format, by=current_user())
        self._items: list[dict[str, Any]] = []

    @property
    def id(self) -> int:
        return self.batch.id

    def created(self, entity: str, entity_id: int) -> None:
        self._items.append({"batch": self.batch.id, "entity": entity, "entity_id": entity_id,
                            "action": "created", "before": None})

    def created_many(self, entity: str, ids: list[int]) -> None:
        """Records an import added in bulk: each is undone with the batch and has its history line."""
        from . import history

        for i in ids:
            self.created(entity, i)
        history.record_many(entity, "create", ((i, None) for i in ids), batch_id=self.batch.id)

    def updated(self, entity: str, entity_id: int, before: dict[str, Any]) -> None:
        self._items.append({"batch": self.batch.id, "entity": entity, "entity_id": entity_id,
                            "action": "updated", "before": _jsonable(before)})

    def finish(self, *, created: int, updated: int, unchanged: int, skipped: int) -> ImportBatch:
        from .bulk import insert_rows

        insert_rows(ImportBatchItem, self._items)
        self.batch.created, self.batch.updated = created, updated
        self.batch.unchanged, self.batch.skipped = unchanged, skipped
        self.batch.save()
        return self.batch


def _restore_event_children(event_id: int, saved: dict[str, Any]) -> None:
    """Put back an event's linked rows as they were before an imported update."""
    if "exdates" in saved:
        EventException.delete().where(EventException.event == event_id).execute()
        for start in saved["exdates"]:
            EventException.create(event=event_id, original_start=start)
    if "overrides" in saved:
        EventOverride.delete().where(EventOverride.event == event_id).execute()
        for row in saved["overrides"]:
            EventOverride.create(**{k: v for k, v in row.items() if k != "id"})
    if saved.get("added_participants"):
        EventParticipant.delete().where((EventParticipant.event == event_id) & EventParticipant.stakeholder.in_(
            saved["added_participants"])).execute()
    for pid, rsvp in saved.get("rsvps", []):
        EventParticipant.update(rsvp=rsvp).where(EventParticipant.id == pid).execute()


def row_before(model, entity_id: int) -> dict[str, Any]:
    row = model.select().where(model.id == entity_id).dicts().get()
    row.pop("id", None)
    return row


@dataclass(frozen=True)
class BatchSummary:
    id: int
    kind: str
    source: str
    format: str
    at: datetime
    by: str
    created: int
    updated: int
    unchanged: int
    skipped: int
    undone_at: datetime | None


def history(limit: int = 100) -> list[BatchSummary]:
    q = ImportBatch.select().order_by(ImportBatch.at.desc(), ImportBatch.id.desc()).limit(limit)
    return [BatchSummary(b.id, b.kind, b.source, b.format, b.at, b.by, b.created, b.updated, b.unchanged,
                         b.skipped, b.undone_at) for b in q]


def undo(batch_id: int) -> int:
    """Reverse an import: delete what it created, put back what it changed. Returns rows reverted."""
    with database.atomic():
        batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
        if batch is None:
            raise NotFound(f"Import #{batch_id} is not in the import history.")
        if batch.undone_at is not None:
            raise CommrelError(f"Import #{batch_id} ({batch.source}) was already undone on {batch.undone_at:%Y-%m-%d}.")
        items = list(batch.items.order_by(ImportBatchItem.id.desc()))
        touched: dict[str, list[int]] = {}
        for item in items:
            model = MODELS[item.entity]
            if item.action == "created":
                model.delete().where(model.id == item.entity_id).execute()
            else:
                before = _from_json(item.before)
                tags = before.pop("tags", None)
                children = before.pop(CHILDREN, None)
                model.update({model._meta.fields[k]: v for k, v in before.items()
                              if k in model._meta.fields}).where(model.id == item.entity_id).execute()
                if tags is not None and item.entity == "stakeholder":
                    from .stakeholders import _set_tags

                    _set_tags(item.entity_id, tags)
                if children and item.entity == "event":
                    _restore_event_children(item.entity_id, children)
            touched.setdefault(item.entity, []).append(item.entity_id)
        for entity, ids in touched.items():
            if entity in _SEARCHABLE:
                search.remove(entity, ids)
                search.reindex(entity, ids)
        batch.undone_at = utcnow()
        batch.save()
    return len(items)
