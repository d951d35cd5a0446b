"""iCalendar (.ics) files: events out to any calendar program, and back in.

Export lives in :mod:`.ics_export`, reading files in :mod:`.ics_file` and :mod:`.ics_import`,
and time-zone names in :mod:`.ics_zones`; this module compares what a file holds
with the database (:func:`plan_import`, touching nothing) and writes the
plan (:func:`apply_import`, one transaction, one undoable batch).

Events are matched by UID.  A file's version of an event wins when its
SEQUENCE is higher, or equal with a later LAST-MODIFIED (DTSTAMP when it has
none); an older version is skipped with the reason.  Attendees are matched
to stakeholders by email; unknown addresses are offered as new people.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any, Iterable

from .. import backups, collector, search
from ..errors import ConflictError, ExchangeError, ValidationError
from ..models import Event, EventException, EventOverride, EventParticipant, Stakeholder, database
from ..progress import check
from ..services import batches, bulk, history
from ..services import stakeholders as stakeholder_service
from ..services.batches import BatchRecorder
from ..timeutil import UTC, to_utc_naive, utcnow, zone
from . import FileFormat, ImportPlan, ImportResult, PlannedRow, register
from .ics_export import (PARTSTAT_OUT, STATUS_OUT, export, export_concern_deadlines, location_text, publish,
                         rows_of)
from .ics_import import Item, read_items
from .ics_zones import is_utc

__all__ = ["export", "publish", "export_concern_deadlines", "plan_import", "apply_import", "FORMAT"]

CHUNK = 500
FIELDS = ("title", "type", "status", "starts_at", "ends_at", "timezone", "all_day", "venue", "address",
          "organiser", "organiser_email", "description", "rrule", "reminders", "tags", "url")


# Planning ------------------------------------------------------------------------------------------


@dataclass
class _Group:
    master: Item
    overrides: dict[Any, Item] = field(default_factory=dict)


def _is_newer(a: Item, b: Item) -> bool:
    return (a.sequence, a.modified or datetime.min) > (b.sequence, b.modified or datetime.min)


def _stamp(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _group(items: Iterable[Item], rows: list[PlannedRow]) -> list[_Group]:
    """Masters with their changed occurrences; an occurrence without its series stands alone."""
    groups: dict[str, _Group] = {}
    orphans: list[Item] = []
    for item in items:
        if item.recurrence_id is None:
            held = groups.get(item.uid)
            if held is None:
                groups[item.uid] = _Group(item)
                continue
            newer, older = (item, held.master) if _is_newer(item, held.master) else (held.master, item)
            held.master = newer
            rows.append(PlannedRow(f"line {older.line} (VEVENT)", "skip", "event", None, older.title,
                                   message=f"another copy of this event (line {newer.line}) is newer"))
        else:
            orphans.append(item)
    alone: dict[str, _Group] = {}
    for item in orphans:
        held = groups.get(item.uid)
        key = _stamp(item.recurrence_id)
        if held is not None and held.master.rrule:
            if key not in held.overrides or _is_newer(item, held.overrides[key]):
                held.overrides[key] = item
            continue
        single = replace(item, uid=f"{item.uid}/{key}", recurrence_id=None, rrule="", exdates=[],
                         notes=item.notes + ["one changed occurrence of a repeating event whose series is "
                                             "not in this file; imported as an event of its own"])
        if single.uid not in alone or _is_newer(single, alone[single.uid].master):
            alone[single.uid] = _Group(single)
    return list(groups.values()) + list(alone.values())


def _tags_text(tags: Iterable[str]) -> str:
    seen, kept = set(), []
    for tag in (str(t).replace(",", " ").strip() for t in tags):
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return ", ".join(kept)


def _store(value: Any, *, all_day: bool, tz: str, wall_start: datetime | None = None) -> datetime:
    """A file's date or time in the stored convention of an event that is ``all_day`` or not."""
    if all_day:
        if isinstance(value, datetime):
            return datetime.combine(value.astimezone(zone(tz)).date(), time())
        return datetime.combine(value, time())
    if not isinstance(value, datetime):
        value = datetime.combine(value, (wall_start or datetime.min).time(), zone(tz))
    return to_utc_naive(value)


def _columns(item: Item) -> dict[str, Any]:
    all_day = item.all_day
    venue, address = (item.venue, item.address) if item.venue is not None else (item.location, "")
    return {
        "uid": item.uid, "title": item.title, "type": item.type or "other", "status": item.status or "planned",
        "starts_at": _store(item.start, all_day=all_day, tz=item.zone),
        "ends_at": _store(item.end, all_day=all_day, tz=item.zone),
        "timezone": item.zone, "all_day": all_day, "venue": venue, "address": address,
        "organiser": item.organiser, "organiser_email": item.organiser_email,
        "description": item.description, "rrule": item.rrule,
        "reminders": ",".join(map(str, item.reminders or [])), "tags": _tags_text(item.tags or []),
        "url": item.url,
    }


def _overrides(group: _Group, cols: dict[str, Any]) -> list[dict[str, Any]]:
    master_where = location_text(cols["venue"], cols["address"])
    wall = _wall(cols)
    out = []
    for item in group.overrides.values():
        where = item.venue if item.venue is not None and not item.address else item.location
        status = item.status or ""
        if status == cols["status"] or not item.status_exact and STATUS_OUT.get(status) == STATUS_OUT.get(
                cols["status"]):
            status = ""
        out.append({
            "original_start": _store(item.recurrence_id, all_day=cols["all_day"], tz=cols["timezone"],
                                     wall_start=wall),
            "starts_at": _store(item.start, all_day=cols["all_day"], tz=cols["timezone"], wall_start=wall),
            "ends_at": _store(item.end, all_day=cols["all_day"], tz=cols["timezone"], wall_start=wall),
            "title": "" if item.title == cols["title"] else item.title,
            "venue": "" if where in ("", master_where) else where,
            "description": "" if item.description in ("", cols["description"]) else item.description,
            "status": status, "sequence": item.sequence,
        })
    return sorted(out, key=lambda o: o["original_start"])


def _visible(ov: dict[str, Any], master: dict[str, Any]) -> tuple:
    """An override as other calendars see it (empty fields show the series' values)."""
    return (ov["starts_at"], ov["ends_at"], ov["title"] or master["title"],
            ov["venue"] or location_text(master["venue"], master["address"]),
            ov["description"] or master["description"], STATUS_OUT.get(ov["status"] or master["status"]))


def _same_rule(a: str, b: str) -> bool:
    from .. import recurrence

    def key(text: str) -> dict[str, str]:
        p = recurrence.parts(text) if text else {}
        if p.get("INTERVAL") == "1":
            del p["INTERVAL"]
        return p
    try:
        return key(a) == key(b)
    except ValidationError:
        return a == b


def _field_differences(stored: dict[str, Any], cols: dict[str, Any], item: Item) -> dict[str, tuple]:
    diffs = {}
    for name in FIELDS:
        old, new = stored[name], cols[name]
        if old == new:
            continue
        if (name == "type" and item.type is None or name == "status" and item.status is None
                or name == "tags" and item.tags is None or name == "reminders" and item.reminders is None):
            continue  # the file does not say
        if name == "status" and not item.status_exact and STATUS_OUT.get(old) == item.status_ical:
            continue  # "held" and "confirmed" both read CONFIRMED
        if name in ("venue", "address") and item.venue is None and \
                location_text(stored["venue"], stored["address"]) == item.location:
            continue
        if name == "timezone" and cols["all_day"] and stored["all_day"]:
            continue  # a date has no zone
        if name == "rrule" and _same_rule(old or "", new or ""):
            continue
        if name == "timezone" and is_utc(old) and is_utc(new):
            continue
        if name == "reminders" and sorted(_minutes(old)) == sorted(_minutes(new)):
            continue
        if name in ("organiser", "organiser_email") and not item.organiser_given:
            continue
        diffs[name] = (old, new)
    return diffs


def _minutes(text: str) -> list[int]:
    return [int(m) for m in (text or "").split(",") if m.strip().lstrip("-").isdigit()]


@dataclass
class _Stored:
    events: dict[str, dict[str, Any]]
    exdates: dict[int, set[datetime]]
    overrides: dict[int, list[dict[str, Any]]]
    participants: dict[int, dict[int, tuple[int, str]]]  # event -> stakeholder -> (participant, rsvp)


def _load(uids: list[str]) -> _Stored:
    """The stored events with these UIDs, with their skipped dates, changed occurrences and participants."""
    stored = _Stored({}, {}, {}, {})
    for start in range(0, len(uids), CHUNK):
        for row in rows_of(Event.select().where(Event.uid.in_(uids[start:start + CHUNK]))):
            stored.events[row["uid"]] = row
    ids = [r["id"] for r in stored.events.values()]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for row in rows_of(EventException.select().where(EventException.event.in_(chunk))):
            stored.exdates.setdefault(row["event_id"], set()).add(row["original_start"])
        for row in rows_of(EventOverride.select().where(EventOverride.event.in_(chunk))):
            stored.overrides.setdefault(row["event_id"], []).append(row)
        for row in rows_of(EventParticipant.select(
                EventParticipant.id, EventParticipant.event, EventParticipant.stakeholder,
                EventParticipant.rsvp).where(EventParticipant.event.in_(chunk))):
            stored.participants.setdefault(row["event_id"], {})[row["stakeholder_id"]] = (row["id"], row["rsvp"])
    return stored


def _people(emails: set[str]) -> dict[str, int]:
    """Stakeholder id per email (lower case); active records first, then the oldest."""
    found: dict[str, tuple] = {}
    ordered = sorted(emails)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        # Plain SQL: peewee took longer to build a thousand-value IN list than the lookup.
        rows = database.execute_sql(f"SELECT id, email, archived FROM stakeholder WHERE email IN "
                                    f"({', '.join('?' * len(chunk))})", chunk).fetchall()
        for sid, email, archived in rows:
            key = (bool(archived), sid)
            if email.lower() not in found or key < found[email.lower()]:
                found[email.lower()] = key
    return {email: key[1] for email, key in found.items()}


def _person_values(email: str, name: str) -> dict[str, Any] | None:
    name = name if name and "@" not in name else ""
    given, family = "", ""
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
    elif " " in name.strip():
        given, family = name.strip().rsplit(" ", 1)
    try:
        return stakeholder_service.clean({"kind": "person", "type": "resident", "given_name": given,
                                          "family_name": family, "display_name": name or email, "email": email})
    except ValidationError:
        return None


class _Planner:
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.new_people: dict[str, PlannedRow] = {}

    def chunk(self, groups: list[_Group]) -> None:
        stored = _load([g.master.uid for g in groups])
        known = _people({a.email for g in groups for a in g.master.attendees})
        for group in groups:
            self.plan.rows.append(self.row(group, stored, known))

    def row(self, group: _Group, stored: _Stored, known: dict[str, int]) -> PlannedRow:
        item = group.master
        cols = _columns(item)
        wall = _wall(cols)
        exdates = sorted({_store(d, all_day=cols["all_day"], tz=cols["timezone"], wall_start=wall)
                          for d in item.exdates})
        overrides = _overrides(group, cols)
        location = f"line {item.line} (VEVENT)"
        message = "; ".join(item.notes)
        current = stored.events.get(item.uid)
        if current is None:
            links, _ = self.links(item, known, {}, location)
            values = {**cols, "sequence": item.sequence, "exdates": exdates, "overrides": overrides, "links": links}
            return PlannedRow(location, "create", "event", None, item.title, values, message=message)
        eid = current["id"]
        diffs = _field_differences(current, cols, item)
        values: dict[str, Any] = {k: cols[k] for k in diffs}
        if set(exdates) != stored.exdates.get(eid, set()):
            diffs["skipped dates"] = (len(stored.exdates.get(eid, ())), len(exdates))
            values["exdates"] = exdates
        old = {o["original_start"]: _visible(o, current) for o in stored.overrides.get(eid, [])}
        new = {o["original_start"]: _visible(o, cols) for o in overrides}
        if old != new:
            diffs["changed occurrences"] = (len(old), len(new))
            values["overrides"] = overrides
        links, replies = self.links(item, known, stored.participants.get(eid, {}), None)
        if links or replies:
            diffs["attendees"] = ("", f"{len(links)} to add, {len(replies)} replies changed")
            values["links"], values["replies"] = links, replies
        if not diffs:
            return PlannedRow(location, "unchanged", "event", eid, item.title, message=message)
        extra = {"version": current["version"], "sequence": max(item.sequence, current["sequence"])}
        reason = _older(item, current)
        if reason:
            return PlannedRow(location, "skip", "event", eid, item.title, differences=diffs,
                              message="; ".join(filter(None, [reason, message])), extra=extra)
        self.offer(item, known, location)  # only events that will be written bring new people
        return PlannedRow(location, "update", "event", eid, item.title, values, diffs, message, extra)

    def links(self, item: Item, known: dict[str, int], current: dict[int, tuple[int, str]],
              location: str | None) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
        """New participant links (by stakeholder, or by email for people not yet in the register)
        and changed replies (participant id, RSVP); offers unknown people when ``location`` is given."""
        links, replies, seen = [], [], set()
        for person in item.attendees:
            sid = known.get(person.email)
            key = sid if sid is not None else person.email
            if key in seen:
                continue
            seen.add(key)
            if sid is not None and sid in current:
                pid, rsvp = current[sid]
                if PARTSTAT_OUT.get(rsvp) != person.partstat and person.partstat in _KNOWN_PARTSTATS:
                    replies.append((pid, person.rsvp))
                continue
            links.append({"email": person.email, "stakeholder": sid, "rsvp": person.rsvp, "role": person.role})
        if location is not None:
            self.offer(item, known, location)
        return links, replies

    def offer(self, item: Item, known: dict[str, int], location: str) -> None:
        """A new-stakeholder row for each attendee nobody in the register has the address of."""
        for person in item.attendees:
            if person.email in known or person.email in self.new_people:
                continue
            values = _person_values(person.email, person.name)
            if values is not None:
                self.new_people[person.email] = PlannedRow(
                    f"{location}, attendee", "create", "stakeholder", None, values["display_name"], values,
                    message=f"not in the register yet ({person.email})", extra={"email": person.email})


_KNOWN_PARTSTATS = frozenset(PARTSTAT_OUT.values())


def _wall(cols: dict[str, Any]) -> datetime | None:
    if cols["all_day"]:
        return None
    return cols["starts_at"].replace(tzinfo=UTC).astimezone(zone(cols["timezone"]))


def _older(item: Item, current: dict[str, Any]) -> str:
    """Why the file's version is not newer than the stored one ("" when it is)."""
    if item.sequence < current["sequence"]:
        return f"older version (SEQUENCE {item.sequence} < {current['sequence']})"
    if item.sequence > current["sequence"]:
        return ""
    if item.modified is not None and item.modified > current["updated_at"]:
        return ""
    when = f"{item.modified:%Y-%m-%d %H:%M} UTC" if item.modified else "no date"
    return (f"older version (same SEQUENCE {item.sequence}; last changed {when}, "
            f"the event here {current['updated_at']:%Y-%m-%d %H:%M} UTC)")


@collector.paused()
def plan_import(path: str | Path, kind: str = "events", *, progress=None) -> ImportPlan:
    """What importing the calendar at ``path`` would do; writes nothing.

    Components that cannot be read are listed in ``plan.errors`` with their
    line; every other event still gets its row.  A file that is no calendar
    at all raises :class:`~commrel.errors.ExchangeError`.
    """
    if kind != "events":
        raise ExchangeError(f"iCalendar files carry events, not {kind}.", file=Path(path).name)
    path = Path(path)
    plan = ImportPlan(source=str(path), format="ics", kind="events")
    skipped: list = []
    groups = _group(read_items(path, plan.errors, skipped, progress), plan.rows)
    for part, reason in skipped:
        plan.rows.append(PlannedRow(f"line {part.line} ({part.name})", "skip", part.name[1:].lower(),
                                    message=reason))
    planner = _Planner(plan)
    for start in range(0, len(groups), CHUNK):
        check(progress)
        if progress is not None:
            progress.report(start, len(groups), "Comparing with the database")
        planner.chunk(groups[start:start + CHUNK])
    plan.rows.extend(planner.new_people.values())
    if progress is not None:
        progress.report(len(groups), len(groups), "Import planned")
    return plan


# Applying ------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, plan: ImportPlan, recorder: BatchRecorder, progress):
        self.plan, self.recorder, self.progress = plan, recorder, progress
        self.now = utcnow()
        self.emails: dict[str, int] = {}
        self.done = 0
        self.total = sum(r.outcome in ("create", "update") for r in plan.rows)

    def tick(self) -> None:
        self.done += 1
        if self.done % CHUNK == 0:
            check(self.progress)
            if self.progress is not None:
                self.progress.report(self.done, self.total, "Importing events")

    def people(self, rows: list[PlannedRow]) -> list[int]:
        wanted = {r.extra["email"]: r for r in rows}
        self.emails = _people(set(wanted))  # added since the plan was made: link, do not duplicate
        fresh = [r for email, r in wanted.items() if email not in self.emails]
        stamps = {"created_at": self.now, "updated_at": self.now, "version": 1}
        ids = bulk.insert_rows(Stakeholder, [{**r.values, **stamps} for r in fresh])
        for r, sid in zip(fresh, ids):
            self.emails[r.extra["email"]] = sid
            self.tick()
        self.recorder.created_many("stakeholder", ids)
        return ids

    def participant_rows(self, event_id: int, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for link in links:
            sid = link["stakeholder"] or self.emails.get(link["email"])
            if sid is not None:
                out.append({"event": event_id, "stakeholder": sid, "role": link["role"], "rsvp": link["rsvp"]})
        return out

    def children(self, event_id: int, values: dict[str, Any]) -> tuple[list, list]:
        exdates = [{"event": event_id, "original_start": d} for d in values.get("exdates", [])]
        overrides = [{**o, "event": event_id} for o in (values.get("overrides") or [])]
        return exdates, overrides

    def creates(self, rows: list[PlannedRow]) -> list[int]:
        if not rows:
            return []
        uids = [r.values["uid"] for r in rows]
        for start in range(0, len(uids), CHUNK):
            taken = Event.select(Event.uid).where(Event.uid.in_(uids[start:start + CHUNK])).first()
            if taken is not None:
                raise ConflictError(f"An event with the UID {taken.uid} was added after the import was planned; "
                                    "nothing was imported. Plan the import again.")
        columns = ("uid", "sequence", *FIELDS)
        ids = bulk.insert_rows(Event, [{**{k: r.values[k] for k in columns}, "created_at": self.now,
                                        "updated_at": self.now, "version": 1} for r in rows])
        exdates, overrides, links = [], [], []
        for r, eid in zip(rows, ids):
            more_ex, more_ov = self.children(eid, r.values)
            exdates += more_ex
            overrides += more_ov
            links += self.participant_rows(eid, r.values.get("links", []))
            self.tick()
        bulk.insert_rows(EventException, exdates, ignore_conflicts=True)
        bulk.insert_rows(EventOverride, overrides, ignore_conflicts=True)
        bulk.insert_rows(EventParticipant, links, ignore_conflicts=True)
        self.recorder.created_many("event", ids)
        return ids

    def updates(self, rows: list[PlannedRow]) -> list[int]:
        done = []
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            befores = {row.pop("id"): row for row in
                       Event.select().where(Event.id.in_([r.entity_id for r in chunk])).dicts()}
            for r in chunk:
                self.update(r, befores.get(r.entity_id))
                done.append(r.entity_id)
                self.tick()
        return done

    def update(self, r: PlannedRow, before: dict[str, Any] | None) -> None:
        eid = r.entity_id
        columns = {k: v for k, v in r.values.items() if k in FIELDS}
        changed = (Event.update(**columns, sequence=r.extra["sequence"], version=Event.version + 1,
                                updated_at=self.now)
                   .where((Event.id == eid) & (Event.version == r.extra["version"])).execute())
        if not changed or before is None:
            raise ConflictError(f"“{r.label}” ({r.location}) was changed in Commrel after the import was "
                                "planned; nothing was imported. Plan the import again.")
        # What the update replaces besides the event's own fields, so that undo puts it back.
        children: dict[str, Any] = {}
        if "exdates" in r.values:
            children["exdates"] = [x.original_start for x in EventException.select(EventException.original_start)
                                   .where(EventException.event == eid).order_by(EventException.original_start)]
            keep = set(r.values["exdates"])
            EventException.delete().where((EventException.event == eid)
                                          & EventException.original_start.not_in(list(keep))).execute()
            bulk.insert_rows(EventException, [{"event": eid, "original_start": d} for d in sorted(keep)],
                             ignore_conflicts=True)
        if "overrides" in r.values:
            children["overrides"] = list(EventOverride.select().where(EventOverride.event == eid)
                                         .order_by(EventOverride.original_start).dicts())
            EventOverride.delete().where(EventOverride.event == eid).execute()
            bulk.insert_rows(EventOverride, self.children(eid, r.values)[1], ignore_conflicts=True)
        if r.values.get("links"):
            rows = self.participant_rows(eid, r.values["links"])
            present = {sid for (sid,) in EventParticipant.select(EventParticipant.stakeholder)
                       .where(EventParticipant.event == eid).tuples()}
            bulk.insert_rows(EventParticipant, rows, ignore_conflicts=True)
            children["added_participants"] = sorted({p["stakeholder"] for p in rows} - present)
        if r.values.get("replies"):
            pids = [pid for pid, _ in r.values["replies"]]
            children["rsvps"] = [[pid, rsvp] for pid, rsvp in EventParticipant.select(
                EventParticipant.id, EventParticipant.rsvp).where(EventParticipant.id.in_(pids)).tuples()]
            for pid, rsvp in r.values["replies"]:
                EventParticipant.update(rsvp=rsvp).where(EventParticipant.id == pid).execute()
        self.recorder.updated("event", eid, {**before, batches.CHILDREN: children} if children else before)
        history.record("event", eid, "update", r.differences, batch_id=self.recorder.id)


@collector.paused()
def apply_import(plan: ImportPlan, *, progress=None) -> ImportResult:
    """Write the plan's new and changed events (and new people) as one undoable batch.

    Rows whose outcome the caller changed to "skip" are left out (a person
    not created is not linked either).  A backup is taken first; everything
    is written in one transaction, so a cancel or an error leaves the
    database as it was.  If an event changed since the plan was made,
    nothing is written (:class:`~commrel.errors.ConflictError`); plan again.
    ``created`` counts new events and new stakeholders.
    """
    if plan.format != "ics":
        raise ExchangeError(f"This plan is for {plan.format} files, not iCalendar.")
    counts = plan.counts()
    skipped = counts["skip"] + counts["conflict"]
    wanted = {(r.entity, r.outcome): [] for r in plan.rows}
    for r in plan.rows:
        wanted[(r.entity, r.outcome)].append(r)
    creates, updates = wanted.get(("event", "create"), []), wanted.get(("event", "update"), [])
    people = wanted.get(("stakeholder", "create"), [])
    if not (creates or updates or people):
        return ImportResult(None, 0, 0, counts["unchanged"], skipped)
    backup = backups.PendingBackup("before-import")
    try:
        with bulk.roomy_cache(), database.atomic():
            recorder = BatchRecorder("events", Path(plan.source).name, "ics")
            writer = _Writer(plan, recorder, progress)
            people_ids = writer.people(people)
            created = writer.creates(creates)
            updated = writer.updates(updates)
            check(progress)
            search.reindex("event", created + updated)
            search.reindex("stakeholder", people_ids)
            recorder.finish(created=len(created) + len(people_ids), updated=len(updated),
                            unchanged=counts["unchanged"], skipped=skipped)
            backup.wait()
    finally:
        backup.wait_quietly()
    if progress is not None:
        progress.report(writer.total, writer.total, "Import finished")
    return ImportResult(recorder.id, len(created) + len(people_ids), len(updated), counts["unchanged"], skipped)


FORMAT = register(FileFormat("ics", "iCalendar file", (".ics", ".ical", ".ifb", ".icalendar"), ("events",),
                             export, plan_import, apply_import))
