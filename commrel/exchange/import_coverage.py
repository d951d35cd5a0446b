"""Coverage rows: a clippings log or a monitoring service's export.

The outlet is matched by name (case and punctuation aside) to a media
organisation in the register; a name that matches none is kept as written.
Rows without a Commrel ID are recognised by date, headline and outlet, so
importing the same log twice adds nothing.
"""
from __future__ import annotations

from typing import Any, Hashable

from ..errors import ValidationError
from ..models import Coverage
from ..services import coverage, media
from .columns import normalise
from .import_records import RecordImporter
from .spreadsheet_import import ParsedRow

_FIELDS = ("published_on", "headline", "url", "reach", "tone", "topics")


class CoverageImporter(RecordImporter):
    entity = "coverage"
    kind = "coverage"
    model = Coverage
    noun = "coverage item"

    def __init__(self, match):
        super().__init__(match)
        self._outlets: dict[str, int] | None = None

    @property
    def outlets(self) -> dict[str, int]:
        """Media organisations by normalised name; a name two of them share matches neither."""
        if getattr(self, "_outlets", None) is None:  # apply() builds importers without __init__
            seen: dict[str, list[int]] = {}
            for s in media.outlets():
                seen.setdefault(normalise(s.display_name), []).append(s.id)
            self._outlets = {name: ids[0] for name, ids in seen.items() if len(ids) == 1}
        return self._outlets

    def label(self, values: dict[str, Any], record: Any = None) -> str:
        when = values.get("published_on")
        return " ".join(p for p in (f"{when:%Y-%m-%d}" if when else "", values.get("headline") or "") if p)

    def natural_key(self, r: ParsedRow) -> Hashable | None:
        v = r.values
        if not v.get("published_on") or not v.get("headline") or not v.get("outlet"):
            return None
        return (v["published_on"], normalise(v["headline"]), normalise(v["outlet"]))

    def find_by_keys(self, keys: list[Hashable]) -> dict[Hashable, list[Any]]:
        out: dict[Hashable, list[Any]] = {}
        wanted = set(keys)
        days = sorted({k[0] for k in keys})
        for start in range(0, len(days), 500):
            for c in Coverage.select().where(Coverage.published_on.in_(days[start:start + 500])):
                key = (c.published_on, normalise(c.headline), normalise(c.outlet_name))
                if key in wanted:
                    out.setdefault(key, []).append(c)
        return out

    def represent(self, record: Coverage) -> dict[str, Any]:
        row = {f: getattr(record, f) for f in _FIELDS}
        row["outlet"] = record.outlet_name
        return row

    def prepare(self, r: ParsedRow, found: Coverage | None) -> dict[str, Any]:
        v = r.values
        keys = self.updatable if found is not None else self.mapped
        values = {k: v[k] for k in _FIELDS if k in keys and k in v}
        for key in ("url", "topics"):
            if key in values and values[key] is None:
                values[key] = ""
        if "tone" in values and not values["tone"]:
            values["tone"] = "neutral"
        if "reach" in values and values["reach"] is None and found is not None:
            del values["reach"]  # blank keeps what is stored (often the outlet's reach)
        if "reach" in values and values["reach"] is not None and values["reach"] < 0:
            raise ValidationError("reach", "reach cannot be negative.")
        if "headline" in values and not values["headline"]:
            raise ValidationError("headline", "give the headline.")
        if "published_on" in values and values["published_on"] is None:
            raise ValidationError("published_on", "say when it was published or broadcast.")
        if found is None:
            if not v.get("published_on"):
                raise ValidationError("published_on", "say when it was published or broadcast.")
            if not v.get("headline"):
                raise ValidationError("headline", "give the headline.")
            name = " ".join(str(v.get("outlet") or "").split())
            if not name:
                raise ValidationError("outlet", "say which outlet carried it.")
            values["outlet"] = name
        return values

    def create(self, row) -> int:
        fields = {k: val for k, val in row.values.items() if k != "outlet"}
        name = row.values["outlet"]
        outlet_id = self.outlets.get(normalise(name))
        if outlet_id is not None:
            fields["outlet_id"] = outlet_id
        else:
            fields["outlet_name"] = name
        return coverage.log(**fields).id

    def update(self, row) -> None:
        coverage.update(row.entity_id, **row.values)
