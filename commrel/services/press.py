"""Press releases, statements and advisories; who received them; media kits."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import NotFound, ValidationError
from ..models import Distribution, Event, MediaKit, MediaKitFile, PressMaterial, Stakeholder, database
from ..models.media import MATERIAL_KINDS, MATERIAL_STATUSES
from ..timeutil import from_utc_naive, utcnow
from . import media
from . import validation as v

_FIELDS = ("kind", "title", "issued_on", "status", "file_path", "event_id", "media_list_id", "body")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a press material field.")
    if "kind" in fields:
        out["kind"] = v.choice("kind", fields["kind"], MATERIAL_KINDS, label="Kind")
    if "title" in fields:
        out["title"] = v.text("title", fields["title"], required=True, label="Title")
    if "issued_on" in fields:
        out["issued_on"] = v.a_date("issued_on", fields["issued_on"], label="Date")
    if "status" in fields:
        out["status"] = v.choice("status", fields["status"], MATERIAL_STATUSES, label="Status")
    if "file_path" in fields:
        out["file_path"] = v.text("file_path", fields["file_path"], max_length=1000, label="File")
    if "body" in fields:
        out["body"] = v.text("body", fields["body"], max_length=200_000)
    if "event_id" in fields:
        out["event"] = fields["event_id"]
    if "media_list_id" in fields:
        out["media_list"] = fields["media_list_id"]
    return out


def get(material_id: int) -> PressMaterial:
    m = PressMaterial.get_or_none(PressMaterial.id == material_id)
    if m is None:
        raise NotFound(f"Press material #{material_id} does not exist.")
    return m


def create(**fields: Any) -> PressMaterial:
    fields.setdefault("kind", "release")
    fields.setdefault("status", "draft")
    values = _clean(fields)
    if "title" not in values:
        raise ValidationError("title", "Title is required.")
    return PressMaterial.create(**values)


def update(material_id: int, **fields: Any) -> PressMaterial:
    with database.atomic():
        m = get(material_id)
        for key, value in _clean(fields).items():
            setattr(m, key, value)
        m.version += 1
        m.updated_at = utcnow()
        m.save()
    return m


def materials(kind: str | None = None) -> list[PressMaterial]:
    q = PressMaterial.select().order_by(PressMaterial.issued_on.desc(nulls="last"), PressMaterial.id.desc())
    if kind:
        q = q.where(PressMaterial.kind == kind)
    return list(q)


@dataclass(frozen=True)
class SendResult:
    sent: int
    already: int
    recipients: media.Recipients

    def message(self) -> str:
        return f"Sent to {self.sent}." + (f" {self.already} had it already." if self.already else "") + \
            (" " + self.recipients.message().split(". ", 1)[1] if ". " in self.recipients.message() else "")


def send(material_id: int, list_id: int | None = None) -> SendResult:
    """Log the material as sent to a media list; do-not-contact people never receive it."""
    with database.atomic():
        m = get(material_id)
        list_id = list_id or m.media_list_id
        if list_id is None:
            raise ValidationError("media_list", "Choose the media list it goes to.")
        if m.status == "draft":
            raise ValidationError("status", "Approve the material before sending it.")
        who = media.recipients(list_id)
        have = {d.stakeholder_id for d in Distribution.select(Distribution.stakeholder)
                .where(Distribution.material == m.id)}
        new = [s.id for s in who.contactable if s.id not in have]
        now = utcnow()
        if new:
            Distribution.insert_many([{"material": m.id, "stakeholder": i, "sent_at": now} for i in new]).execute()
        m.status, m.media_list = "sent", list_id
        m.issued_on = m.issued_on or date.today()
        m.save()
    return SendResult(len(new), len(who.contactable) - len(new), who)


def received_by(material_id: int) -> list[tuple[Stakeholder, Any]]:
    q = (Distribution.select(Distribution, Stakeholder).join(Stakeholder)
         .where(Distribution.material == material_id).order_by(Stakeholder.sort_name))
    return [(d.stakeholder, d.sent_at) for d in q]


def upcoming_events(limit: int = 50, *, now: datetime | None = None) -> list[Event]:
    """Events from today on, soonest first, that an advisory could announce (cancelled ones left out)."""
    start = datetime.combine((now or utcnow()).date(), time.min)
    return list(Event.select().where((Event.starts_at >= start) & (Event.status != "cancelled"))
                .order_by(Event.starts_at).limit(limit))


def advisory_from_event(event_id: int, *, contact: str = "") -> PressMaterial:
    """A media advisory drafted from an event: what, when, where, who to contact."""
    e = Event.get_or_none(Event.id == event_id)
    if e is None:
        raise NotFound(f"Event #{event_id} does not exist.")
    if e.all_day:
        when = e.starts_at.strftime("%A %d %B %Y")
    else:
        start = from_utc_naive(e.starts_at, e.timezone)
        end = from_utc_naive(e.ends_at, e.timezone)
        when = f"{start:%A %d %B %Y, %H:%M}–{end:%H:%M} ({e.timezone})"
    where = ", ".join(p for p in (e.venue, e.address) if p)
    body = (f"WHAT: {e.title}\nWHEN: {when}\nWHERE: {where or 'to be confirmed'}\n\n{e.description}\n\n"
            f"MEDIA CONTACT: {contact or e.organiser or 'Community Relations Team'}"
            + (f" <{e.organiser_email}>" if e.organiser_email else ""))
    return create(kind="advisory", title=f"Media advisory: {e.title}", issued_on=date.today(), status="draft",
                  event_id=e.id, body=body.strip())


def export_advisory(material_id: int, folder: str | Path) -> list[Path]:
    """Write the advisory as text, with the event's calendar file beside it."""
    m = get(material_id)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in m.title).strip()[:60] or "advisory"
    text = folder / f"{safe}.txt"
    text.write_text(f"{m.title}\n\n{m.body}\n", encoding="utf-8")
    written = [text]
    if m.event_id:
        from .. import exchange

        ics = folder / f"{safe}.ics"
        exchange.for_path(ics, purpose="export").export(ics, "events", ids=[m.event_id], profile="public")
        written.append(ics)
    return written


# Media kits -----------------------------------------------------------------------

def create_kit(name: str, description: str = "") -> MediaKit:
    name = v.text("name", name, required=True, label="Kit name")
    if MediaKit.get_or_none(MediaKit.name == name):
        raise ValidationError("name", f"A media kit called “{name}” already exists.")
    return MediaKit.create(name=name, description=description)


def add_kit_file(kit_id: int, path: str, label: str = "") -> MediaKitFile:
    path = v.text("path", path, required=True, max_length=1000, label="File")
    position = MediaKitFile.select().where(MediaKitFile.kit == kit_id).count()
    return MediaKitFile.create(kit=kit_id, path=path, label=label or Path(path).name, position=position)


def kits() -> list[MediaKit]:
    return list(MediaKit.select().order_by(MediaKit.name))


def remove_kit_file(file_id: int) -> None:
    MediaKitFile.delete().where(MediaKitFile.id == file_id).execute()


def kit_files(kit_id: int) -> list[MediaKitFile]:
    return list(MediaKitFile.select().where(MediaKitFile.kit == kit_id).order_by(MediaKitFile.position))


@dataclass(frozen=True)
class KitExport:
    path: Path
    included: int
    missing: list[str]


def export_kit(kit_id: int, dest: str | Path, *, as_zip: bool = True) -> KitExport:
    """Copy the kit's files into one folder or zip for a journalist; missing files are listed, not fatal."""
    kit = MediaKit.get_or_none(MediaKit.id == kit_id)
    if kit is None:
        raise NotFound(f"Media kit #{kit_id} does not exist.")
    dest = Path(dest)
    files = kit_files(kit_id)
    missing = [f.path for f in files if not Path(f.path).is_file()]
    present = [f for f in files if Path(f.path).is_file()]
    names: set[str] = set()

    def unique(name: str) -> str:
        stem, suffix, n = Path(name).stem, Path(name).suffix, 1
        while name in names:
            n += 1
            name = f"{stem} ({n}){suffix}"
        names.add(name)
        return name

    if as_zip:
        if dest.suffix.lower() != ".zip":
            dest = dest.with_suffix(".zip")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in present:
                zf.write(f.path, unique(Path(f.path).name))
    else:
        import shutil

        dest.mkdir(parents=True, exist_ok=True)
        for f in present:
            shutil.copy2(f.path, dest / unique(Path(f.path).name))
    return KitExport(dest, len(present), missing)
