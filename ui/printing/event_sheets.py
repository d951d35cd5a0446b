"""Paper for the day of an event: the run sheet for the team and the sign-in sheet for the door (A4 PDF)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from commrel import recurrence
from commrel.models import choices
from commrel.services import checklists, event_participants, events
from commrel.services.concern_queries import for_event

from ..dialogs.event_fields import reminder_text
from ..formatting import choice_label, date_text
from ..models.event_table_model import when_text
from ..widgets.calendar_common import day_text
from .pdf import escape, write_pdf

# Blank rows at the end of the sign-in sheet for people not on the list.
WALK_IN_ROWS = 12

SHEET_STYLE = """
<style>
table.sign td { padding: 9px 6px; border-bottom: 1px solid #9aa3af; }
table.sign th { padding: 5px 6px; }
td.no, th.no { color: #5a5a5a; }
.box { font-size: 13pt; }
</style>
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("EventSheets", text)


def _details(event) -> list[tuple[str, str]]:
    rows = [(_tr("When"), when_text(event))]
    if event.rrule:
        rows.append((_tr("Repeats"), recurrence.describe(event.rrule, event.timezone)))
    where = ", ".join(t for t in (event.venue, " ".join(event.address.split())) if t)
    rows.append((_tr("Where"), where or _tr("Not set")))
    if event.organiser or event.organiser_email:
        rows.append((_tr("Organiser"), " · ".join(t for t in (event.organiser, event.organiser_email) if t)))
    if event.capacity:
        rows.append((_tr("Capacity"), str(event.capacity)))
    reminders = events.event_reminders(event)
    if reminders:
        rows.append((_tr("Reminders"), ", ".join(reminder_text(m, _tr) for m in reminders)))
    tags = events.event_tags(event)
    if tags:
        rows.append((_tr("Tags"), ", ".join(tags)))
    return rows


def _header(event, heading: str) -> str:
    subtitle = " · ".join((choice_label(choices.EVENT_TYPES, event.type),
                           choice_label(choices.EVENT_STATUSES, event.status)))
    return f"<h1>{escape(heading)}</h1><p class='muted'>{escape(subtitle)}</p>"


def run_sheet_html(event_id: int) -> str:
    event = events.get(event_id)
    parts = [_header(event, event.title), "<table cellspacing='0'>"]
    parts += [f"<tr><td class='muted' width='110'>{escape(k)}</td><td>{escape(v)}</td></tr>"
              for k, v in _details(event)]
    parts.append("</table>")
    if event.description.strip():
        parts.append("<h2>{0}</h2><p>{1}</p>".format(escape(_tr("About")),
                                                     escape(event.description).replace("\n", "<br>")))
    c = event_participants.counts(event_id)
    labels = ((_tr("Invited"), "invited"), (_tr("Accepted"), "accepted"), (_tr("Tentative"), "tentative"),
              (_tr("Declined"), "declined"), (_tr("No reply"), "no_reply"), (_tr("Attended"), "attended"))
    parts.append("<h2>{0}</h2><p>{1}</p>".format(escape(_tr("Replies")), " · ".join(
        f"{escape(label)} <b>{c[key]:,}</b>" for label, key in labels)))
    tasks = checklists.tasks(event_id)
    if tasks:
        parts.append(f"<h2>{escape(_tr('Checklist'))}</h2><table class='grid' width='100%' cellspacing='0'>"
                     f"<thead><tr><th width='8%'>{escape(_tr('Done'))}</th><th>{escape(_tr('Task'))}</th>"
                     f"<th width='16%'>{escape(_tr('Owner'))}</th>"
                     f"<th width='30%'>{escape(_tr('Due'))}</th></tr></thead>")
        for t in tasks:
            due = escape(date_text(t.due)) + (f" <b>({escape(_tr('overdue'))})</b>" if t.overdue else "")
            parts.append(f"<tr><td class='box'>{'☑' if t.done else '☐'}</td><td>{escape(t.title)}</td>"
                         f"<td>{escape(t.owner)}</td><td>{due}</td></tr>")
        parts.append("</table>")
    people = event_participants.participants(event_id)
    parts.append(f"<h2>{escape(_tr('People'))} ({len(people):,})</h2>")
    if people:
        parts.append("<table class='grid small' width='100%' cellspacing='0'><thead><tr>"
                     + "".join(f"<th{w}>{escape(h)}</th>" for h, w in (
                         ("#", " width='5%'"), (_tr("Name"), ""), (_tr("Organisation"), " width='22%'"),
                         (_tr("Role"), " width='9%'"), (_tr("Reply"), " width='10%'"),
                         (_tr("Phone or email"), " width='30%'"))) + "</tr></thead>")
        for n, p in enumerate(people, 1):
            parts.append(f"<tr><td class='no'>{n}</td><td>{escape(p.display_name)}</td>"
                         f"<td>{escape(p.organisation_name)}</td>"
                         f"<td>{escape(choice_label(choices.PARTICIPANT_ROLES, p.role))}</td>"
                         f"<td>{escape(choice_label(choices.RSVP_STATUSES, p.rsvp))}</td>"
                         f"<td>{escape(p.phone or p.email)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{escape(_tr('Nobody invited yet.'))}</p>")
    concerns = for_event(event_id)
    if concerns:
        parts.append(f"<h2>{escape(_tr('Concerns raised at this event'))}</h2>"
                     "<table class='grid small' width='100%' cellspacing='0'>")
        for concern in concerns:
            parts.append(f"<tr><td width='18%'>{escape(concern.reference)}</td><td>{escape(concern.summary)}</td>"
                         f"<td width='18%'>{escape(choice_label(choices.CONCERN_STATUSES, concern.status))}</td></tr>")
        parts.append("</table>")
    parts.append(f"<p class='muted'><br>{escape(_tr('Printed {0}').format(day_text(date.today())))}</p>")
    return "".join(parts)


def sign_in_sheet_html(event_id: int) -> str:
    """Everyone expected (all but those who declined), a signature column, and blank rows for walk-ins."""
    event = events.get(event_id)
    where = ", ".join(t for t in (event.venue, " ".join(event.address.split())) if t)
    parts = [SHEET_STYLE, _header(event, _tr("Sign-in: {0}").format(event.title)),
             f"<p><b>{escape(when_text(event))}</b>{escape(' · ' + where if where else '')}</p><p></p>"]
    people = [p for p in event_participants.participants(event_id) if p.rsvp != "declined"]
    head = ("<table class='grid sign' width='100%' cellspacing='0'><thead><tr>"
            f"<th class='no' width='5%'>#</th><th width='4%'>✓</th><th width='{{name}}'>{escape(_tr('Name'))}</th>"
            "{middle}"
            f"<th width='34%'>{escape(_tr('Signature'))}</th></tr></thead>")
    if people:
        parts.append(head.format(name="31%", middle=f"<th width='26%'>{escape(_tr('Organisation'))}</th>"))
        for n, p in enumerate(people, 1):
            tick = "☑" if p.attended else "☐"
            parts.append(f"<tr><td class='no'>{n}</td><td class='box'>{tick}</td><td>{escape(p.display_name)}</td>"
                         f"<td>{escape(p.organisation_name)}</td><td></td></tr>")
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{escape(_tr('Nobody is on the list yet.'))}</p>")
    parts.append(f"<h2><br>{escape(_tr('Not on the list? Please write your details'))}</h2>")
    parts.append(head.format(name="30%", middle=f"<th width='27%'>{escape(_tr('Email or phone'))}</th>"))
    for n in range(len(people) + 1, len(people) + 1 + WALK_IN_ROWS):
        parts.append(f"<tr><td class='no'>{n}</td><td class='box'>☐</td><td>&nbsp;</td><td></td><td></td></tr>")
    parts.append("</table>")
    privacy = _tr("Your details are kept by the project team to follow up on this event and are not shared.")
    parts.append(f"<p class='muted'><br>{escape(privacy)}</p>")
    return "".join(parts)


def write_run_sheet(event_id: int, path: str | Path) -> Path:
    return write_pdf(run_sheet_html(event_id), path,
                     title=_tr("Run sheet: {0}").format(events.get(event_id).title))


def write_sign_in_sheet(event_id: int, path: str | Path) -> Path:
    return write_pdf(sign_in_sheet_html(event_id), path,
                     title=_tr("Sign-in sheet: {0}").format(events.get(event_id).title))
