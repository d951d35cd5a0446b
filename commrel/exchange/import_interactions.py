"""Interaction rows: the engagement log from a partner's or an officer's sheet.

A new row names who it was with (emails first, else names, which must be
unique in the register). Rows without a Commrel ID are recognised on a
second import by an import key made of when, how, with whom and what, so
importing the same log twice adds nothing.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Hashable

from ..errors import ValidationError
from ..models import Interaction
from ..services import engagement
from ..timeutil import local_zone_name, to_utc_naive, zone
from .columns import normalise
from .export_rows import local
from .import_records import RecordImporter
from .import_stakeholders import StakeholderIndex
from .spreadsheet_import import ParsedRow

_FIELDS = ("occurred_at", "channel", "staff", "summary", "follow_up", "follow_up_due", "follow_up_done")


def to_utc(wall: datetime) -> datetime:
    """A wall-clock time on this computer as the naive UTC the database stores."""
    return to_utc_naive(wall.replace(tzinfo=zone(local_zone_name())))


class InteractionImporter(RecordImporter):
    entity = "interaction"
    kind = "interactions"
    model = Interaction
    noun = "interaction"

    def __init__(self, match):
        super().__init__(match)
        self._index: StakeholderIndex | None = None

    @property
    def index(self) -> StakeholderIndex:
        if self._index is None:
            self._index = StakeholderIndex()
        return self._index

    def label(self, values: dict[str, Any], record: Any = None) -> str:
        when = values.get("occurred_at")
        names = values.get("stakeholders") or []
        return " ".join(p for p in (f"{when:%Y-%m-%d}" if when else "", ", ".join(names[:3])) if p)

    def _participants(self, r: ParsedRow) -> list[int]:
        ids: list[int] = []
        problems: list[str] = []
        named_by_email: set[str] = set()
        for email in r.values.get("stakeholder_emails") or []:
            sid, why = self.index.resolve(email=email)
            if sid is None:
                problems.append(why)
            else:
                ids.append(sid)
                named_by_email.add(self.index.name_of.get(sid, ""))
        for name in r.values.get("stakeholders") or []:
            if normalise(name) in named_by_email:
                continue
            sid, why = self.index.resolve(name=name)
            if sid is None:
                problems.append(why)
            else:
                ids.append(sid)
        if problems:
            raise ValidationError("stakeholders", "; ".join(problems) + ".")
        if not ids:
            raise ValidationError("stakeholders", "say who the interaction was with (names or emails).")
        return sorted(set(ids))

    def natural_key(self, r: ParsedRow) -> Hashable | None:
        when, channel = r.values.get("occurred_at"), r.values.get("channel")
        if not when or not channel:
            return None
        people = ",".join(map(str, self._participants(r)))
        text = f"{to_utc(when).isoformat()}|{channel}|{people}|{normalise(r.values.get('summary') or '')}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]

    def find_by_keys(self, keys: list[Hashable]) -> dict[Hashable, list[Any]]:
        out: dict[Hashable, list[Any]] = {}
        for start in range(0, len(keys), 500):
            for i in Interaction.select().where(Interaction.import_key.in_(keys[start:start + 500])):
                out.setdefault(i.import_key, []).append(i)
        return out

    def represent(self, record: Interaction) -> dict[str, Any]:
        row = {f: getattr(record, f) for f in _FIELDS}
        row["occurred_at"] = local(record.occurred_at)
        return row

    def prepare(self, r: ParsedRow, found: Interaction | None) -> dict[str, Any]:
        v = r.values
        if found is not None:
            values = {k: v[k] for k in _FIELDS if k in self.updatable and k in v}
            if "occurred_at" in values and values["occurred_at"] is None:
                raise ValidationError("occurred_at", "say when it happened.")
            if "channel" in values and not values["channel"]:
                raise ValidationError("channel", "say how it happened.")
            due = values.get("follow_up_due", found.follow_up_due)
            if due and not values.get("follow_up", found.follow_up):
                raise ValidationError("follow_up", "say what the follow-up is, or clear its due date.")
            return values
        if not v.get("occurred_at"):
            raise ValidationError("occurred_at", "say when it happened.")
        if not v.get("channel"):
            raise ValidationError("channel", "say how it happened (meeting, call, email …).")
        if v.get("follow_up_due") and not v.get("follow_up"):
            raise ValidationError("follow_up", "say what the follow-up is, or clear its due date.")
        values = {k: v.get(k) for k in _FIELDS if k in self.mapped}
        values["participants"] = self._participants(r)
        values["import_key"] = self.natural_key(r)
        values.setdefault("stakeholders", v.get("stakeholders") or [])
        return values

    def create(self, row) -> int:
        v = row.values
        i = engagement.log_interaction(v["participants"], channel=v["channel"], summary=v.get("summary") or "",
                                       occurred_at=to_utc(v["occurred_at"]), staff=v.get("staff") or "",
                                       follow_up=v.get("follow_up") or "", follow_up_due=v.get("follow_up_due"))
        extra = {"import_key": v["import_key"]}
        if v.get("follow_up_done"):
            extra["follow_up_done"] = True
        Interaction.update(**extra).where(Interaction.id == i.id).execute()
        return i.id

    def update(self, row) -> None:
        fields = dict(row.values)
        if "occurred_at" in fields:
            fields["occurred_at"] = to_utc(fields["occurred_at"])
        engagement.update_interaction(row.entity_id, **fields)
