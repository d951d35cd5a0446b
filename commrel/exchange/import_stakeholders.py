"""Stakeholder rows: which record each is, what would change, and the bulk write.

A row is the record named by its Commrel ID; else the one with its email
(any case); else the one with the same name and organisation (ignoring case,
accents and punctuation). A second row for the same record or email is
skipped, naming the first. Rows are validated by the same rules as the
stakeholder form (:func:`commrel.services.stakeholders.clean`).
"""
from __future__ import annotations

from collections import defaultdict, namedtuple
from functools import lru_cache
from typing import Any, Iterator

import peewee as pw

from .. import search
from ..errors import ConflictError, ValidationError
from ..models import Membership, Stakeholder, StakeholderTag, Tag, database
from ..services import bulk, history
from ..services.stakeholders import (EDITABLE_FIELDS, _normalise_tag, _refresh_organisation_names, clean,
                                     make_display_name)
from ..timeutil import utcnow
from . import PlannedRow
from .columns import by_key, normalise
from .mapping import HeaderMatch
from .spreadsheet_import import ParsedRow, error_row, field_header

INSERT_CHUNK = 100


# What planning reads of a stored record: the form's fields and what matching and messages need.
_STORED_FIELDS = ("id", "version", "organisation_name", *EDITABLE_FIELDS)
StoredStakeholder = namedtuple("StoredStakeholder", _STORED_FIELDS)
# Ids per IN list, well within every engine's limit on parameters.
LOOKUP_CHUNK = 2000


def _rows_for_ids(sql: str, ids: list[int]) -> Iterator[tuple]:
    """Rows of ``sql``, whose ``{ids}`` is a list of ids, a bounded list at a time.

    Planning looks up about as many records as the sheet has rows. Raw rows
    skip what peewee does per value (an SQL fragment for every id of the IN
    list, a conversion call for every cell read), which costs more than the
    queries themselves.
    """
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start:start + LOOKUP_CHUNK]
        yield from database.execute_sql(sql.format(ids=", ".join("?" * len(chunk))), chunk).fetchall()


def _stakeholder_rows(names: list[str], ids: list[int]) -> Iterator[list[Any]]:
    """The fields ``names`` of the stakeholders ``ids``, as a model instance would hold them."""
    fields = [Stakeholder._meta.fields[n] for n in names]
    # Both drivers return text and integers as Python values already; SQLite's booleans (0/1)
    # and dates (text) take the field's own conversion, which leaves PostgreSQL's as they are.
    convert = [(i, f.python_value) for i, f in enumerate(fields)
               if isinstance(f, (pw.BooleanField, pw.DateField, pw.DateTimeField))]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'SELECT {columns} FROM "{Stakeholder._meta.table_name}" WHERE "id" IN ({{ids}})'
    for row in _rows_for_ids(sql, ids):
        row = list(row)
        for i, python_value in convert:
            row[i] = python_value(row[i])
        yield row


def _stored(ids: list[int]) -> dict[int, StoredStakeholder]:
    """The records ``ids`` with the values planning compares."""
    return {row[0]: StoredStakeholder._make(row) for row in _stakeholder_rows(list(_STORED_FIELDS), ids)}


def _stored_tags(ids: list[int]) -> dict[int, list[str]]:
    """Each of ``ids``'s tag names, in the database's order of names."""
    sql = (f'SELECT st."{StakeholderTag.stakeholder.column_name}", t."{Tag.name.column_name}" '
           f'FROM "{StakeholderTag._meta.table_name}" st JOIN "{Tag._meta.table_name}" t '
           f'ON t."id" = st."{StakeholderTag.tag.column_name}" '
           f'WHERE st."{StakeholderTag.stakeholder.column_name}" IN ({{ids}}) ORDER BY t."{Tag.name.column_name}"')
    tags: dict[int, list[str]] = defaultdict(list)
    for sid, name in _rows_for_ids(sql, ids):
        tags[sid].append(name)
    return tags


def _org_normaliser():
    """:func:`normalise` remembering its recent answers: organisations recur down a sheet and a
    register, where names mostly do not (so they are not kept, nor is everything kept)."""
    return lru_cache(maxsize=4096)(normalise)


class StakeholderIndex:
    """Who is in the register, by email, by name and by name + organisation (one query)."""

    def __init__(self, norm_org=normalise) -> None:
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_name_org: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.name_of: dict[int, str] = {}
        self.with_email: set[int] = set()
        q = Stakeholder.select(Stakeholder.id, Stakeholder.email, Stakeholder.display_name,
                               Stakeholder.organisation_name)
        # The driver's own rows: ids and text need none of peewee's conversions.
        for sid, email, name, org in database.execute(q):
            if email:
                self.by_email[email.lower()].append(sid)
                self.with_email.add(sid)
            key = normalise(name)
            self.by_name[key].append(sid)
            self.name_of[sid] = key
            self.by_name_org[(key, norm_org(org))].append(sid)

    def resolve(self, *, email: str = "", name: str = "") -> tuple[int | None, str]:
        """(id, "") for the one stakeholder with this email (else name), or (None, why not)."""
        if email:
            ids = self.by_email.get(email.lower(), [])
            if len(ids) == 1:
                return ids[0], ""
            if ids:
                return None, f"{email} is the email of {len(ids)} stakeholders"
        if name:
            ids = self.by_name.get(normalise(name), [])
            if len(ids) == 1:
                return ids[0], ""
            if ids:
                return None, f"“{name}” is the name of {len(ids)} stakeholders; give their email to say which"
        return None, f"no stakeholder in Commrel is {email or f'called “{name}”'}"


def _name(values: dict[str, Any]) -> str:
    kind = values.get("kind") or "person"
    display = values.get("display_name") or ""
    if kind != "person":
        return display
    return make_display_name(kind, values.get("given_name") or "", values.get("family_name") or "", display)


class StakeholderImporter:
    entity = "stakeholder"

    def __init__(self, match: HeaderMatch, index: StakeholderIndex | None = None, norm_org=None):
        self.match = match
        self.columns = by_key("stakeholders")
        self.mapped = {c.key for c in match.columns.values() if c.importable}
        # The form's fields this sheet maps, in the form's order, and whether each is a number.
        self.form_fields = [(k, self.columns[k].type == "int") for k in EDITABLE_FIELDS if k in self.mapped]
        self.norm_org = norm_org or _org_normaliser()
        self.index = index if index is not None else StakeholderIndex(self.norm_org)
        self.seen_email: dict[str, int] = {}
        self.seen_record: dict[int, int] = {}
        self.seen_name: dict[tuple[str, str], int] = {}

    @classmethod
    def preload(cls) -> dict[str, Any]:
        """What the importer reads from the register whatever the sheet holds, read before the sheet is."""
        norm_org = _org_normaliser()
        return {"index": StakeholderIndex(norm_org), "norm_org": norm_org}

    def _header(self, key: str) -> str:
        return field_header(self.match, self.columns, key)

    def plan_chunk(self, rows: list[ParsedRow]) -> list[PlannedRow]:
        wanted: set[int] = set()
        keys: dict[int, tuple[str, str]] = {}
        for r in rows:
            v = r.values
            if v.get("id"):
                wanted.add(v["id"])
                continue
            email = v.get("email")
            key = keys[r.number] = (normalise(_name(v)), self.norm_org(v.get("organisation") or ""))
            by_email = self.index.by_email.get(email, []) if email else []
            if by_email:
                wanted.update(by_email)
                continue  # the email decides; name and organisation are not looked at
            same = self.index.by_name_org.get(key, [])
            if email:  # a row with an email only matches records that have none (see _find)
                same = [i for i in same if i not in self.index.with_email]
            wanted.update(same)
        stored = _stored(sorted(wanted))
        # Stored tags are only compared with a sheet that has a tags column.
        tags = _stored_tags(list(stored)) if stored and "tags" in self.mapped else {}
        return [self._plan_row(r, stored, tags, keys.get(r.number)) for r in rows]

    def _find(self, r: ParsedRow, stored: dict[int, StoredStakeholder],
              key: tuple[str, str] | None) -> tuple[StoredStakeholder | None, str]:
        v = r.values
        if v.get("id"):
            found = stored.get(v["id"])
            if found is None:
                return None, (f"column {self._header('id')}: Commrel ID {v['id']} is not in this database (deleted, "
                              "or the sheet comes from another database); clear the ID to add the row as new")
            return found, ""
        email = v.get("email") or ""
        by_email = self.index.by_email.get(email, []) if email else []
        if len(by_email) > 1:
            return None, (f"column {self._header('email')}: {email} is the email of {len(by_email)} stakeholders "
                          f"(#{', #'.join(map(str, by_email))}); add the Commrel ID to say which")
        if by_email:
            return stored.get(by_email[0]), ""
        if not key[0]:
            return None, ""
        # Someone with the same name but another email address is taken to be someone else.
        same = [stored[i] for i in self.index.by_name_org.get(key, []) if i in stored
                and (not email or not stored[i].email)]
        if len(same) > 1:
            return None, (f"{len(same)} stakeholders are called “{_name(v)}” (#{', #'.join(str(s.id) for s in same)});"
                          " add an email or the Commrel ID to say which")
        return (same[0] if same else None), ""

    def _plan_row(self, r: ParsedRow, stored: dict[int, StoredStakeholder], tags: dict[int, list[str]],
                  key: tuple[str, str] | None) -> PlannedRow:
        v = r.values
        name = _name(v)
        label = name or v.get("email") or ""
        if r.errors:
            return error_row(r, self.entity, label=label)
        found, problem = self._find(r, stored, key)
        if problem:
            return error_row(r, self.entity, [problem], label=label)
        email = v.get("email") or ""
        # Rows with a Commrel ID are told apart by it; two records may share an address.
        if email and not v.get("id") and email in self.seen_email:
            return PlannedRow(r.location(), "skip", self.entity, found.id if found else None, label,
                              message=f"Same email as row {self.seen_email[email]} ({email}); this row was skipped.")
        if found is not None and found.id in self.seen_record:
            return PlannedRow(r.location(), "skip", self.entity, found.id, label,
                              message=f"Same stakeholder as row {self.seen_record[found.id]}; this row was skipped.")
        if key is not None and name:
            name_key = key  # the same texts, normalised once for the lookup
        else:
            name_key = (normalise(label), self.norm_org(v.get("organisation") or ""))
        if found is None and not email and name_key in self.seen_name:
            return PlannedRow(r.location(), "skip", self.entity, None, label,
                              message=f"Same name and organisation as row {self.seen_name[name_key]}; "
                                      "this row was skipped.")
        # A blank number keeps what is stored (or the default), as a blank drop-down does.
        data = {k: v[k] for k, number in self.form_fields if k in v and not (number and v[k] is None)}
        try:
            if found is None:
                outcome = self._create(r, data, label)
            else:
                outcome = self._compare(r, data, found, tags.get(found.id, []))
        except ValidationError as exc:
            return error_row(r, self.entity, [f"column {self._header(exc.field)}: {exc.message}"], label=label)
        if email:
            self.seen_email[email] = r.number
        if found is not None:
            self.seen_record[found.id] = r.number
        elif not email:
            self.seen_name[name_key] = r.number
        return outcome

    def _create(self, r: ParsedRow, data: dict[str, Any], label: str) -> PlannedRow:
        values = clean(data)
        values["tags"] = r.values.get("tags", []) if "tags" in self.mapped else []
        values["organisation"] = r.values.get("organisation", "") if "organisation" in self.mapped else ""
        return PlannedRow(r.location(), "create", self.entity, None, values["display_name"], values,
                          extra={"row": r.number})

    def _compare(self, r: ParsedRow, data: dict[str, Any], s: StoredStakeholder,
                 stored_tags: list[str]) -> PlannedRow:
        for key in ("kind", "type", "position"):
            if data.get(key) == "":
                del data[key]  # a cleared drop-down keeps what is stored
        derived = make_display_name("person", s.given_name, s.family_name)
        if s.kind == "person" and "display_name" in data and (
                not data["display_name"] or (data["display_name"] == s.display_name == derived)):
            del data["display_name"]  # the shown name keeps following the given and family names
        values = clean(data, current=s)
        diffs = {f: (getattr(s, f), values[f]) for f in EDITABLE_FIELDS if getattr(s, f) != values[f]}
        if "tags" in self.mapped and r.values.get("tags", []) != stored_tags:
            diffs["tags"] = (stored_tags, r.values.get("tags", []))
        note = ""
        org = r.values.get("organisation") or ""
        if "organisation" in self.mapped and self.norm_org(org) != self.norm_org(s.organisation_name):
            note = (f" Organisation “{org}” in the sheet differs from “{s.organisation_name}”; "
                    "memberships are changed in Commrel.")
        extra = {"row": r.number, "stored_version": s.version}
        if not diffs:
            return PlannedRow(r.location(), "unchanged", self.entity, s.id, s.display_name, message=note.strip(),
                              extra=extra)
        file_version = r.values.get("version")
        if file_version is not None and file_version < s.version:
            return PlannedRow(r.location(), "conflict", self.entity, s.id, s.display_name,
                              {f: new for f, (_, new) in diffs.items()}, diffs,
                              message=(f"Changed in Commrel since the sheet was exported (row version "
                                       f"{file_version}, now {s.version}); compare the values and edit the record "
                                       "in Commrel, or export again." + note), extra=extra)
        changed = {f: new for f, (_, new) in diffs.items()}
        changed["sort_name"] = values["sort_name"]
        return PlannedRow(r.location(), "update", self.entity, s.id, s.display_name, changed, diffs,
                          message=note.strip(), extra=extra)

    # Writing ------------------------------------------------------------------------

    @staticmethod
    def apply(creates: list[PlannedRow], updates: list[PlannedRow], recorder, ticker) -> tuple[int, int]:
        now = utcnow()
        created = _apply_creates(creates, recorder, ticker, now)
        updated = _apply_updates(updates, recorder, ticker, now)
        search.reindex("stakeholder", created + updated)
        return len(created), len(updated)


def _tag_ids(names: set[str]) -> dict[str, int]:
    ordered = sorted(names)
    out: dict[str, int] = {}
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        Tag.insert_many([{"name": n} for n in chunk]).on_conflict_ignore().execute()
        out.update({t.name: t.id for t in Tag.select(Tag.id, Tag.name).where(Tag.name.in_(chunk))})
    return out


def _model_row(values: dict[str, Any], now) -> dict[str, Any]:
    row = {k: values[k] for k in (*EDITABLE_FIELDS, "sort_name")}
    row.update(created_at=now, updated_at=now, version=1)
    return row


def _apply_creates(creates: list[PlannedRow], recorder, ticker, now) -> list[int]:
    if not creates:
        return []
    # Organisations first, so people in the same sheet can be linked to them.
    ordered = sorted(creates, key=lambda r: r.values["kind"] != "organisation")
    ids = bulk.insert_rows(Stakeholder, [_model_row(r.values, now) for r in ordered])
    for _ in ordered:
        ticker.tick()
    norm = _org_normaliser()
    wanted = {norm(r.values["organisation"]): r.values["organisation"] for r in ordered
              if r.values["kind"] == "person" and r.values.get("organisation")}
    orgs: dict[str, int] = {}
    if wanted:
        for oid, name in (Stakeholder.select(Stakeholder.id, Stakeholder.display_name)
                          .where(Stakeholder.kind == "organisation").order_by(Stakeholder.id).tuples()):
            orgs.setdefault(norm(name), oid)
        missing = [name for key, name in wanted.items() if key not in orgs]
        if missing:
            rows = [_model_row(clean({"kind": "organisation", "display_name": n}), now) for n in missing]
            new = bulk.insert_rows(Stakeholder, rows)
            orgs.update({norm(n): i for n, i in zip(missing, new)})
            ids += new
    recorder.created_many("stakeholder", ids)
    tagged = [(i, r.values["tags"]) for i, r in zip(ids, ordered) if r.values.get("tags")]
    if tagged:
        tag_ids = _tag_ids({t for _, names in tagged for t in names})
        links = [{"stakeholder": i, "tag": tag_ids[t]} for i, names in tagged for t in names]
        bulk.insert_rows(StakeholderTag, links)
    members = [{"person": i, "organisation": orgs[norm(r.values["organisation"])], "role": ""}
               for i, r in zip(ids, ordered) if r.values["kind"] == "person" and r.values.get("organisation")]
    bulk.insert_rows(Membership, members)
    _refresh_organisation_names(m["person"] for m in members)
    return ids


def _apply_updates(updates: list[PlannedRow], recorder, ticker, now) -> list[int]:
    done: list[int] = []
    for start in range(0, len(updates), 500):
        chunk = updates[start:start + 500]
        ids = [r.entity_id for r in chunk]
        names = Stakeholder._meta.sorted_field_names
        befores = {row[0]: dict(zip(names[1:], row[1:])) for row in _stakeholder_rows(names, ids)}
        old_tags: dict[int, list[str]] = defaultdict(list)
        for sid, name in (StakeholderTag.select(StakeholderTag.stakeholder, Tag.name).join(Tag)
                          .where(StakeholderTag.stakeholder.in_(ids)).order_by(Tag.name).tuples()):
            old_tags[sid].append(name)
        changed = bulk.update_rows(
            Stakeholder, [(r.entity_id, {k: val for k, val in r.values.items() if k != "tags"}) for r in chunk],
            expected_versions={r.entity_id: r.extra["stored_version"] for r in chunk}, extra={"updated_at": now})
        if changed != len(chunk):
            raise ConflictError("Some records were changed in Commrel after the import was planned; nothing "
                                "was imported. Plan the import again.")
        renamed_orgs = []
        retagged = [(r.entity_id, r.values["tags"]) for r in chunk if "tags" in r.values]
        _replace_tags(retagged)
        for r in chunk:
            sid = r.entity_id
            before = befores[sid]
            if "tags" in r.values:
                before["tags"] = old_tags.get(sid, [])
            recorder.updated("stakeholder", sid, before)
            if "display_name" in r.values and before["kind"] == "organisation":
                renamed_orgs.append(sid)
            done.append(sid)
            ticker.tick()
        history.record_many("stakeholder", "update", ((r.entity_id, r.differences) for r in chunk),
                            batch_id=recorder.id)
        if renamed_orgs:
            members = (Membership.select(Membership.person).where(Membership.organisation.in_(renamed_orgs))
                       .tuples())
            _refresh_organisation_names(pid for (pid,) in members)
    return done


def _replace_tags(items: list[tuple[int, list[str]]]) -> None:
    """Give each stakeholder exactly these tags, as the form's tag field does, for many at once."""
    if not items:
        return
    ids = [sid for sid, _ in items]
    for start in range(0, len(ids), LOOKUP_CHUNK):
        StakeholderTag.delete().where(StakeholderTag.stakeholder.in_(ids[start:start + LOOKUP_CHUNK])).execute()
    wanted = [(sid, sorted({_normalise_tag(n) for n in names} - {""})) for sid, names in items]
    tag_ids = _tag_ids({n for _, names in wanted for n in names})
    bulk.insert_rows(StakeholderTag, [{"stakeholder": sid, "tag": tag_ids[n]} for sid, names in wanted
                                      for n in names], return_ids=False)
