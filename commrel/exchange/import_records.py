"""Shared planning for interactions, events and concerns.

A row is the record named by its Commrel ID, else the one its natural key
finds (a calendar UID, a concern reference, an interaction's import key).
Values are compared as the export writes them, so a sheet sent back
untouched plans as unchanged. Writes go through the services of each kind,
one record at a time, inside the import's transaction.
"""
from __future__ import annotations

from typing import Any, Hashable

from ..errors import ConflictError, ValidationError
from . import PlannedRow
from .columns import by_key
from .mapping import HeaderMatch
from .spreadsheet_import import ParsedRow, error_row, field_header
from .values import CellError


class RecordImporter:
    entity = ""
    kind = ""
    model: Any = None
    noun = "record"

    def __init__(self, match: HeaderMatch):
        self.match = match
        self.columns = by_key(self.kind)
        self.mapped = {c.key for c in match.columns.values() if c.importable}
        self.updatable = {c.key for c in match.columns.values()
                          if c.importable and c.on_update and c.type not in ("id", "version")}
        self.seen_record: dict[int, int] = {}
        self.seen_key: dict[Hashable, int] = {}

    @classmethod
    def preload(cls) -> dict[str, Any]:
        """Keyword arguments for the importer read from the register while the sheet is parsed."""
        return {}

    # What a kind provides --------------------------------------------------------

    def prepare(self, r: ParsedRow, found: Any) -> dict[str, Any]:
        """Checked values for a new record (``found`` None) or for updating ``found``."""
        return {}

    def natural_key(self, r: ParsedRow) -> Hashable | None:
        return None

    def find_by_keys(self, keys: list[Hashable]) -> dict[Hashable, list[Any]]:
        return {}

    def represent(self, record: Any) -> dict[str, Any]:
        """A stored record's values as the sheet carries them."""
        raise NotImplementedError

    def label(self, values: dict[str, Any], record: Any = None) -> str:
        return ""

    def create(self, row: PlannedRow) -> int:
        raise NotImplementedError

    def update(self, row: PlannedRow) -> None:
        raise NotImplementedError

    # Planning ------------------------------------------------------------------------

    def header(self, key: str) -> str:
        return field_header(self.match, self.columns, key)

    def plan_chunk(self, rows: list[ParsedRow]) -> list[PlannedRow]:
        ids = sorted({r.values["id"] for r in rows if not r.errors and r.values.get("id")})
        stored = {m.id: m for m in self.model.select().where(self.model.id.in_(ids))} if ids else {}
        keys: dict[int, Hashable] = {}
        for r in rows:
            if r.errors or r.values.get("id"):
                continue
            try:
                key = self.natural_key(r)
            except (ValidationError, CellError):
                key = None  # reported when the row is planned
            if key is not None:
                keys[r.number] = key
        found = self.find_by_keys(sorted(set(keys.values()), key=repr)) if keys else {}
        return [self._plan_row(r, stored, found.get(keys.get(r.number), []), keys.get(r.number)) for r in rows]

    def _plan_row(self, r: ParsedRow, stored: dict[int, Any], candidates: list[Any], key) -> PlannedRow:
        label = self.label(r.values)
        if r.errors:
            return error_row(r, self.entity, label=label)
        try:
            return self._plan_checked(r, stored, candidates, key, label)
        except ValidationError as exc:
            return error_row(r, self.entity, [f"column {self.header(exc.field)}: {exc.message}"], label=label)
        except CellError as exc:
            return error_row(r, self.entity, [str(exc)], label=label)

    def _plan_checked(self, r: ParsedRow, stored, candidates, key, label) -> PlannedRow:
        record = None
        if r.values.get("id"):
            record = stored.get(r.values["id"])
            if record is None:
                raise CellError(f"column {self.header('id')}: Commrel ID {r.values['id']} is not in this database "
                                "(deleted, or the sheet comes from another database); clear the ID to add the "
                                "row as new")
        elif len(candidates) > 1:
            raise CellError(f"{len(candidates)} {self.noun}s in Commrel match this row "
                            f"(#{', #'.join(str(c.id) for c in candidates)}); add the Commrel ID to say which")
        elif candidates:
            record = candidates[0]
        if record is not None and record.id in self.seen_record:
            return PlannedRow(r.location(), "skip", self.entity, record.id, label,
                              message=f"Same {self.noun} as row {self.seen_record[record.id]}; this row was skipped.")
        if record is None and key is not None and key in self.seen_key:
            return PlannedRow(r.location(), "skip", self.entity, None, label,
                              message=f"Same {self.noun} as row {self.seen_key[key]}; this row was skipped.")
        values = self.prepare(r, record)
        note = values.pop("_note", "")
        if record is None:
            if key is not None:
                self.seen_key[key] = r.number
            return PlannedRow(r.location(), "create", self.entity, None, self.label(values) or label, values,
                              message=note, extra={"row": r.number})
        self.seen_record[record.id] = r.number
        current = self.represent(record)
        diffs = {k: (current.get(k), values[k]) for k in values if current.get(k) != values[k]}
        label = self.label(current, record)
        extra = {"row": r.number, "stored_version": record.version}
        if not diffs:
            return PlannedRow(r.location(), "unchanged", self.entity, record.id, label, extra=extra)
        changed = {k: new for k, (_, new) in diffs.items()}
        file_version = r.values.get("version")
        if file_version is not None and file_version < record.version:
            return PlannedRow(r.location(), "conflict", self.entity, record.id, label, changed, diffs,
                              message=(f"Changed in Commrel since the sheet was exported (row version {file_version}, "
                                       f"now {record.version}); compare the values and edit the {self.noun} in "
                                       "Commrel, or export again."), extra=extra)
        return PlannedRow(r.location(), "update", self.entity, record.id, label, changed, diffs, extra=extra)

    # Writing ---------------------------------------------------------------------------

    @classmethod
    def apply(cls, creates: list[PlannedRow], updates: list[PlannedRow], recorder, ticker) -> tuple[int, int]:
        from ..services.batches import row_before

        importer = cls.__new__(cls)
        for row in creates:
            recorder.created(cls.entity, importer.create(row))
            ticker.tick()
        for row in updates:
            current = cls.model.get_or_none(cls.model.id == row.entity_id)
            if current is None or current.version != row.extra["stored_version"]:
                raise ConflictError(f"{row.label} ({row.location}) was changed in Commrel after the import was "
                                    "planned; nothing was imported. Plan the import again.")
            recorder.updated(cls.entity, row.entity_id, row_before(cls.model, row.entity_id))
            importer.update(row)
            ticker.tick()
        return len(creates), len(updates)
