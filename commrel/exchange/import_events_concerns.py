"""Event and concern rows, through the event and concern services.

Events match by Commrel ID, else calendar UID, else title and start; times
are wall-clock times in the row's (else the event's, else this computer's)
time zone. Concerns match by Commrel ID, else reference; a new concern gets
the next reference and its clocks from its category. A concern's status,
dates and category are not changed by a sheet: those have their own steps
in Commrel.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Hashable

from ..errors import ValidationError
from ..models import Concern, ConcernCategory, Event
from ..services import concerns, events
from ..services.concern_lifecycle import checked_moment
from ..services.event_times import stored_times
from ..timeutil import is_valid_zone, local_zone_name
from .columns import normalise
from .export_rows import event_times, local
from .import_interactions import to_utc
from .import_records import RecordImporter
from .import_stakeholders import StakeholderIndex
from .spreadsheet_import import ParsedRow
from .values import as_datetime

_EVENT_FIELDS = ("title", "type", "status", "starts_at", "ends_at", "all_day", "timezone", "venue", "address",
                 "capacity", "organiser", "organiser_email", "description", "tags", "url")
_TIMES = ("starts_at", "ends_at", "all_day", "timezone")


def _wall(value: datetime | None, all_day: bool):
    if value is None:
        return None
    return value.date() if all_day else value


class EventImporter(RecordImporter):
    entity = "event"
    kind = "events"
    model = Event
    noun = "event"

    def label(self, values: dict[str, Any], record: Any = None) -> str:
        return values.get("title") or ""

    def represent(self, record: Event) -> dict[str, Any]:
        row = {f: getattr(record, f) for f in _EVENT_FIELDS}
        starts, ends = event_times(record)
        row["starts_at"], row["ends_at"] = as_datetime(starts), as_datetime(ends)
        row["tags"] = sorted(events.event_tags(record))
        return row

    def _zone(self, r: ParsedRow, found: Event | None) -> str:
        tz = r.values.get("timezone") or (found.timezone if found else "") or local_zone_name()
        if not is_valid_zone(tz):
            raise ValidationError("timezone", f"“{tz}” is not a time zone (use a name such as Europe/London).")
        return tz

    def natural_key(self, r: ParsedRow) -> Hashable | None:
        v = r.values
        if v.get("uid"):
            return ("uid", v["uid"])
        if not v.get("title") or not v.get("starts_at"):
            return None
        all_day = bool(v.get("all_day"))
        start, _ = stored_times(_wall(v["starts_at"], all_day), None, timezone=self._zone(r, None), all_day=all_day)
        return ("start", normalise(v["title"]), start)

    def find_by_keys(self, keys: list[Hashable]) -> dict[Hashable, list[Any]]:
        out: dict[Hashable, list[Any]] = {}
        uids = [k[1] for k in keys if k[0] == "uid"]
        starts = {k[2]: k for k in keys if k[0] == "start"}
        for start in range(0, len(uids), 500):
            for e in Event.select().where(Event.uid.in_(uids[start:start + 500])):
                out.setdefault(("uid", e.uid), []).append(e)
        moments = sorted(starts)
        for start in range(0, len(moments), 500):
            for e in Event.select().where(Event.starts_at.in_(moments[start:start + 500])):
                key = ("start", normalise(e.title), e.starts_at)
                if key in keys:
                    out.setdefault(key, []).append(e)
        return out

    def prepare(self, r: ParsedRow, found: Event | None) -> dict[str, Any]:
        v = r.values
        keys = self.updatable if found is not None else self.mapped
        values = {k: v[k] for k in _EVENT_FIELDS if k in keys and k in v}
        for key in ("type", "status", "timezone"):
            if values.get(key) == "":
                del values[key]  # blank keeps what is stored (or the default)
        if "title" in values and not values["title"]:
            raise ValidationError("title", "give the event a title.")
        if found is None:
            if not v.get("title"):
                raise ValidationError("title", "give the event a title.")
            if not v.get("starts_at"):
                raise ValidationError("starts_at", "say when the event starts.")
            values["timezone"] = self._zone(r, None)
        current = self.represent(found) if found is not None else {}
        if found is None or any(values.get(k, current.get(k)) != current.get(k) for k in _TIMES):
            all_day = bool(values.get("all_day", current.get("all_day", False)))
            start = values.get("starts_at", current.get("starts_at"))
            end = values.get("ends_at", current.get("ends_at") if "starts_at" not in values else None)
            stored_times(_wall(start, all_day), _wall(end, all_day), timezone=self._zone(r, found), all_day=all_day)
        # The checks the event service makes when the row is written (capacity,
        # organiser email...), made now so that the plan says what will fail.
        events._plain({k: val for k, val in values.items() if k not in _TIMES}, found)
        if v.get("uid") and found is None:
            values["uid"] = v["uid"]
        return values

    def _fields(self, values: dict[str, Any], all_day: bool) -> dict[str, Any]:
        fields = {k: val for k, val in values.items() if k != "uid"}
        for key in ("starts_at", "ends_at"):
            if key in fields:
                fields[key] = _wall(fields[key], all_day)
        return fields

    def create(self, row) -> int:
        fields = self._fields(row.values, bool(row.values.get("all_day")))
        e = events.create(**fields)
        if row.values.get("uid"):
            Event.update(uid=row.values["uid"]).where(Event.id == e.id).execute()
        return e.id

    def update(self, row) -> None:
        stored = Event.get_by_id(row.entity_id)
        all_day = bool(row.values.get("all_day", stored.all_day))
        events.update(row.entity_id, **self._fields(row.values, all_day))


_CONCERN_UPDATABLE = ("channel", "anonymous", "confidential", "location", "neighbourhood", "summary", "description",
                      "severity", "priority", "owner")


class ConcernImporter(RecordImporter):
    entity = "concern"
    kind = "concerns"
    model = Concern
    noun = "concern"

    def __init__(self, match):
        super().__init__(match)
        self._index: StakeholderIndex | None = None
        self._categories: list[ConcernCategory] | None = None

    def label(self, values: dict[str, Any], record: Any = None) -> str:
        return " ".join(p for p in (values.get("reference") or "", values.get("summary") or "") if p)

    def represent(self, record: Concern) -> dict[str, Any]:
        row = {f: getattr(record, f) for f in _CONCERN_UPDATABLE}
        row["reference"], row["received_at"] = record.reference, local(record.received_at)
        return row

    def natural_key(self, r: ParsedRow) -> Hashable | None:
        ref = (r.values.get("reference") or "").strip().upper()
        return ref or None

    def find_by_keys(self, keys: list[Hashable]) -> dict[Hashable, list[Any]]:
        out: dict[Hashable, list[Any]] = {}
        for start in range(0, len(keys), 500):
            for c in Concern.select().where(Concern.reference.in_(keys[start:start + 500])):
                out.setdefault(c.reference.upper(), []).append(c)
        return out

    def _category(self, name: str, parent: ConcernCategory | None, field: str) -> ConcernCategory | None:
        if not name:
            return None
        if self._categories is None:
            self._categories = list(ConcernCategory.select())
        if field == "category":
            pool = [c for c in self._categories if c.parent_id is None]
        elif parent is not None:
            pool = [c for c in self._categories if c.parent_id == parent.id]
        else:
            pool = [c for c in self._categories if c.parent_id is not None]
        found = [c for c in pool if normalise(c.name) == normalise(name)]
        if len(found) != 1:
            known = ", ".join(sorted(c.name for c in pool)[:12]) or "none set up yet"
            raise ValidationError(field, f"“{name}” is not a {field} in Commrel (known: {known}).")
        return found[0]

    def prepare(self, r: ParsedRow, found: Concern | None) -> dict[str, Any]:
        v = r.values
        if found is not None:
            values = {k: v[k] for k in _CONCERN_UPDATABLE if k in self.updatable and k in v}
            for key in ("channel", "severity", "priority"):
                if values.get(key) == "":
                    del values[key]
            if "summary" in values and not values["summary"]:
                raise ValidationError("summary", "give the concern a short summary.")
            if values.get("anonymous") and found.complainant_id is not None:
                raise ValidationError("anonymous", "an anonymous concern cannot name a complainant; unlink the "
                                                   "complainant in Commrel first.")
            return values
        if v.get("reference"):
            raise ValidationError("reference", f"no concern has reference {v['reference']}; clear it to add the "
                                               "row as a new concern.")
        if not v.get("summary"):
            raise ValidationError("summary", "give the concern a short summary.")
        if not v.get("channel"):
            raise ValidationError("channel", "say how the concern was received.")
        values = {k: v[k] for k in _CONCERN_UPDATABLE if k in self.mapped and k in v and v[k] != ""}
        values["received_at"] = v.get("received_at")
        if values["received_at"] is not None:
            checked_moment("received_at", to_utc(values["received_at"]))  # not in the future, as intake says
        category = self._category(v.get("category") or "", None, "category")
        sub = self._category(v.get("subcategory") or "", category, "subcategory")
        values["category_id"] = category.id if category else (sub.parent_id if sub else None)
        values["subcategory_id"] = sub.id if sub else None
        values["complainant_id"] = None
        who = (v.get("complainant_email") or "", v.get("complainant") or "")
        if any(who) and not v.get("anonymous"):
            if self._index is None:
                self._index = StakeholderIndex()
            values["complainant_id"], why = self._index.resolve(email=who[0], name=who[1])
            if values["complainant_id"] is None:
                values["_note"] = f"The complainant is not linked: {why}."
        return values

    def create(self, row) -> int:
        fields = dict(row.values)
        received = fields.pop("received_at", None)
        c = concerns.intake(received_at=to_utc(received) if received else None, **fields)
        return c.id

    def update(self, row) -> None:
        concerns.update(row.entity_id, **row.values)
