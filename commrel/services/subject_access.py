"""Subject access: one workbook with everything Commrel holds about one person.

A resident (or an organisation) may ask what is held about them. The
workbook has a sheet for each thing: the record itself, field by field; its
tags; memberships and relationships; the interactions they took part in;
the events they were invited to; the concerns they raised, with every
timeline entry; media details, lists, inquiries and press material sent to
them; and the record's change history. Dates are real date cells in this
computer's time zone (event times in the event's zone) and text is never a
formula.

Other people's data is left out: an interaction lists how many others took
part, not who. The record's own links (relationships, memberships) name the
other party, because that link is what is held about the person; the About
sheet asks the officer to review them before sending.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import peewee
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from ..errors import ExchangeError
from ..exchange.columns import STAKEHOLDER_COLUMNS
from ..exchange.export_rows import event_times, local
from ..exchange.xlsx import DATE_FORMAT, DATETIME_FORMAT, safe_cell
from ..models import (AuditEvent, Change, Concern, ConcernCategory, ConcernUpdate, Coverage, Distribution, Event,
                      EventParticipant, Interaction, InteractionParticipant, MediaInquiry, MediaList,
                      MediaListMember, MediaProfile, PressMaterial, Stakeholder, choices)
from ..models.media import INQUIRY_STATUSES, MATERIAL_KINDS, OUTLET_KINDS, TONES
from ..progress import check
from ..timeutil import local_zone_name
from ..users import current_user
from . import stakeholders

_HEADERS = {c.key: c.header for c in STAKEHOLDER_COLUMNS} | {"organisation_name": "Organisation"}
_ENUMS = {"kind": choices.STAKEHOLDER_KINDS, "type": choices.STAKEHOLDER_TYPES, "position": choices.POSITIONS,
          "preferred_channel": choices.CONTACT_CHANNELS}


@dataclass
class _Sheet:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    widths: dict[int, int] = field(default_factory=dict)


def _label(mapping: dict[str, str], code: str | None) -> str:
    return choices.label(mapping, code) if code else ""


def _record(s: Stakeholder) -> _Sheet:
    sheet = _Sheet("Record", ["Field", "Value"], widths={1: 24, 2: 60})
    for f in Stakeholder._meta.sorted_fields:
        value = getattr(s, f.name)
        if f.name in _ENUMS:
            value = _label(_ENUMS[f.name], value)
        elif isinstance(f, peewee.DateTimeField):
            value = local(value)
        name = "Commrel ID" if f.name == "id" else _HEADERS.get(f.name) or f.name.replace("_", " ").capitalize()
        sheet.rows.append([name, value])
    return sheet


def _links(s: Stakeholder) -> list[_Sheet]:
    tags = _Sheet("Tags", ["Tag"], [[t] for t in stakeholders.tags_of(s.id)], widths={1: 30})
    members = _Sheet("Memberships", ["Organisation" if s.kind == "person" else "Member", "Role"],
                     [[other.display_name, m.role] for m, other in stakeholders.memberships(s.id)],
                     widths={1: 36, 2: 24})
    related = _Sheet("Relationships", ["Relationship", "With", "Note"],
                     [[label, other.display_name, r.note] for label, other, r in stakeholders.relationships(s.id)],
                     widths={1: 24, 2: 36, 3: 40})
    return [tags, members, related]


def _interactions(s: Stakeholder) -> _Sheet:
    sheet = _Sheet("Interactions", ["Date", "Channel", "Staff", "Summary", "Follow-up", "Follow-up due",
                                    "Follow-up done", "Event", "Concern", "Others present"],
                   widths={1: 17, 4: 60, 5: 30, 8: 30})
    others = peewee.fn.COUNT(InteractionParticipant.id) - 1
    counts = dict(InteractionParticipant.select(InteractionParticipant.interaction, others)
                  .where(InteractionParticipant.interaction.in_(
                      InteractionParticipant.select(InteractionParticipant.interaction)
                      .where(InteractionParticipant.stakeholder == s.id)))
                  .group_by(InteractionParticipant.interaction).tuples())
    q = (Interaction.select(Interaction, Event.title, Concern.reference)
         .join(InteractionParticipant).switch(Interaction)
         .join(Event, peewee.JOIN.LEFT_OUTER).switch(Interaction)
         .join(Concern, peewee.JOIN.LEFT_OUTER)
         .where(InteractionParticipant.stakeholder == s.id).order_by(Interaction.occurred_at.desc()))
    for i in q.objects():
        sheet.rows.append([local(i.occurred_at), _label(choices.INTERACTION_CHANNELS, i.channel), i.staff, i.summary,
                           i.follow_up, i.follow_up_due, i.follow_up_done, i.title or "", i.reference or "",
                           counts.get(i.id, 0)])
    return sheet


def _events(s: Stakeholder) -> _Sheet:
    sheet = _Sheet("Events", ["Event", "Starts", "Time zone", "Venue", "Role", "RSVP", "Attended", "Checked in"],
                   widths={1: 36, 2: 17, 4: 30, 8: 17})
    q = (EventParticipant.select(EventParticipant, Event).join(Event)
         .where(EventParticipant.stakeholder == s.id).order_by(Event.starts_at.desc()))
    for p in q:
        starts, _ = event_times(p.event)
        sheet.rows.append([p.event.title, starts, p.event.timezone, p.event.venue,
                           _label(choices.PARTICIPANT_ROLES, p.role), _label(choices.RSVP_STATUSES, p.rsvp),
                           p.attended, local(p.checked_in_at)])
    return sheet


def _concerns(s: Stakeholder) -> list[_Sheet]:
    raised = _Sheet("Concerns", ["Reference", "Received", "Channel", "Anonymous", "Confidential", "Category",
                                 "Subcategory", "Location", "Neighbourhood", "Summary", "Description", "Severity",
                                 "Priority", "Status", "Acknowledged", "Response", "Responded", "Their response",
                                 "Satisfaction", "Appeal", "Referred to", "Closure reason", "Closed"],
                    widths={2: 17, 10: 36, 11: 60, 16: 60})
    timeline = _Sheet("Concern timeline", ["Reference", "When", "Kind", "Text", "From status", "To status",
                                           "Recorded by"], widths={2: 17, 4: 60})
    names = dict(ConcernCategory.select(ConcernCategory.id, ConcernCategory.name).tuples())
    found = list(Concern.select().where(Concern.complainant == s.id).order_by(Concern.received_at))
    for c in found:
        raised.rows.append([
            c.reference, local(c.received_at), _label(choices.CONCERN_CHANNELS, c.channel), c.anonymous,
            c.confidential, names.get(c.category_id, ""), names.get(c.subcategory_id, ""), c.location,
            c.neighbourhood, c.summary, c.description, _label(choices.SEVERITIES, c.severity),
            _label(choices.PRIORITIES, c.priority), _label(choices.CONCERN_STATUSES, c.status),
            local(c.acknowledged_at), c.resolution, local(c.responded_at), c.complainant_response,
            _label(choices.SATISFACTION, c.satisfaction), c.appeal_reason, c.referred_to, c.closure_reason,
            local(c.closed_at)])
    references = {c.id: c.reference for c in found}
    for u in (ConcernUpdate.select().where(ConcernUpdate.concern.in_(list(references)))
              .order_by(ConcernUpdate.concern, ConcernUpdate.at, ConcernUpdate.id)):
        timeline.rows.append([references[u.concern_id], local(u.at), _label(choices.CONCERN_UPDATE_KINDS, u.kind),
                              u.text, _label(choices.CONCERN_STATUSES, u.from_status),
                              _label(choices.CONCERN_STATUSES, u.to_status), u.recorded_by])
    return [raised, timeline]


def _media(s: Stakeholder) -> list[_Sheet]:
    profile = _Sheet("Media profile", ["Outlet kind", "Reach", "Beat", "Deadlines", "Preferred contact"],
                     widths={3: 30, 4: 30})
    p = MediaProfile.get_or_none(MediaProfile.stakeholder == s.id)
    if p is not None:
        profile.rows.append([_label(OUTLET_KINDS, p.outlet_kind), p.reach, p.beat, p.deadlines, p.preferred_contact])
    lists = _Sheet("Media lists", ["List", "Description"], widths={1: 30, 2: 50})
    lists.rows = [list(r) for r in MediaList.select(MediaList.name, MediaList.description).join(MediaListMember)
                  .where(MediaListMember.stakeholder == s.id).order_by(MediaList.name).tuples()]
    inquiries = _Sheet("Media inquiries", ["Received", "As", "Question", "Deadline", "Status", "Response",
                                           "Spokesperson", "Responded"], widths={1: 17, 3: 50, 6: 50})
    for i in (MediaInquiry.select().where((MediaInquiry.journalist == s.id) | (MediaInquiry.outlet == s.id))
              .order_by(MediaInquiry.received_at)):
        role = "Journalist" if i.journalist_id == s.id else "Outlet"
        inquiries.rows.append([local(i.received_at), role, i.question, local(i.deadline),
                               _label(INQUIRY_STATUSES, i.status), i.response, i.spokesperson, local(i.responded_at)])
    sent = _Sheet("Press material sent", ["Sent", "Kind", "Title"], widths={1: 17, 3: 50})
    for d in (Distribution.select(Distribution, PressMaterial).join(PressMaterial)
              .where(Distribution.stakeholder == s.id).order_by(Distribution.sent_at)):
        sent.rows.append([local(d.sent_at), _label(MATERIAL_KINDS, d.material.kind), d.material.title])
    coverage = _Sheet("Coverage", ["Published", "Headline", "Web link", "Reach", "Tone"], widths={2: 50, 3: 40})
    for c in Coverage.select().where(Coverage.outlet == s.id).order_by(Coverage.published_on):
        coverage.rows.append([c.published_on, c.headline, c.url, c.reach, _label(TONES, c.tone)])
    return [profile, lists, inquiries, sent, coverage]


def _history(s: Stakeholder, concern_ids: list[int]) -> _Sheet:
    sheet = _Sheet("Change history", ["When", "By", "Record", "Action", "Field", "Old value", "New value"],
                   widths={1: 17, 3: 22, 6: 40, 7: 40})
    references = dict(Concern.select(Concern.id, Concern.reference).where(Concern.id.in_(concern_ids)).tuples())
    q = (Change.select().where(((Change.entity == "stakeholder") & (Change.entity_id == s.id))
                               | ((Change.entity == "concern") & Change.entity_id.in_(concern_ids)))
         .order_by(Change.at, Change.id))
    for c in q:
        record = "This record" if c.entity == "stakeholder" else f"Concern {references.get(c.entity_id, '')}"
        sheet.rows.append([local(c.at), c.by, record, c.action, c.field, c.old_value, c.new_value])
    return sheet


def _cell(ws, value: Any, *, bold: bool = False) -> Any:
    """A typed cell: dates and times as dates, text never a formula (see exchange.formula)."""
    if isinstance(value, (datetime, date)) and not bold:
        cell = WriteOnlyCell(ws, value)
        cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        return cell
    return safe_cell(ws, value, bold=bold)


def _write(wb: Workbook, sheet: _Sheet) -> None:
    ws = wb.create_sheet(sheet.title)
    for index, header in enumerate(sheet.headers, 1):
        ws.column_dimensions[get_column_letter(index)].width = sheet.widths.get(index, max(14, len(header) + 4))
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, bold=True) for h in sheet.headers])
    for row in sheet.rows:
        ws.append([_cell(ws, v) for v in row])


def _about(s: Stakeholder, sheets: list[_Sheet]) -> _Sheet:
    about = _Sheet("About", ["Subject access export", ""], widths={1: 24, 2: 90})
    about.rows = [
        ["Person", f"{s.display_name} (Commrel ID {s.id})"],
        ["Written at", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")],
        ["Written by", current_user()],
        ["Times", f"Dates and times are in {local_zone_name()}; event times are in each event's own time zone."],
        ["Other people", "Interactions say how many others took part, not who. Relationships and memberships "
                         "name the other party; check them before sending this file."],
        [],
        ["Sheet", "Rows"],
        *[[sheet.title, len(sheet.rows)] for sheet in sheets],
    ]
    return about


def export_person(stakeholder_id: int, path: str | Path, *, progress=None) -> Path:
    """Write everything held about one stakeholder to an .xlsx workbook at ``path``; returns the path.

    Nothing is left at ``path`` if writing fails or is cancelled. The export
    is noted in the audit log (that it happened, not what it held).
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExchangeError("A subject access export is an Excel workbook; choose a file name ending in .xlsx.",
                            file=path.name)
    s = stakeholders.get(stakeholder_id)
    concern_ids = [c.id for c in Concern.select(Concern.id).where(Concern.complainant == s.id)]
    steps: list[Callable[[], _Sheet | list[_Sheet]]] = [
        lambda: _record(s), lambda: _links(s), lambda: _interactions(s), lambda: _events(s),
        lambda: _concerns(s), lambda: _media(s), lambda: _history(s, concern_ids)]
    sheets: list[_Sheet] = []
    for done, step in enumerate(steps):
        check(progress)
        if progress is not None:
            progress.report(done, len(steps) + 1, "Gathering what is held")
        made = step()
        sheets.extend(made if isinstance(made, list) else [made])
    check(progress)
    wb = Workbook(write_only=True)
    for sheet in [_about(s, sheets), *sheets]:
        _write(wb, sheet)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExchangeError(f"cannot be written ({exc.strerror or exc}).", file=str(path)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    AuditEvent.create(by=current_user(), action="subject-access", detail=f"stakeholder #{s.id} exported")
    if progress is not None:
        progress.report(len(steps) + 1, len(steps) + 1, "Subject access export written")
    return path
