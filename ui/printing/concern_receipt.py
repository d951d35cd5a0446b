"""The acknowledgement receipt: what was received, the reference, and the road ahead with dates.

World Bank and IFC guidance asks that a complainant learn, when a concern is
logged, how it will be handled and by when: acknowledgement, response, and
how to appeal. A confidential concern's receipt says only what is needed to
follow it up, because receipts get left on counters and in letterboxes.
"""
from __future__ import annotations

from pathlib import Path

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from commrel.models import choices
from commrel.services import concerns

from .. import hub, settings
from ..errors import show_error
from ..formatting import choice_label, local_datetime
from .pdf import escape, write_pdf


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcernReceipt", text)


def long_date(value: datetime, with_time: bool = False) -> str:
    """A stored instant as the complainant reads it: "22 November 2026" (and "at 14:05")."""
    local = local_datetime(value)
    text = QLocale().toString(QDate(local.year, local.month, local.day), "d MMMM yyyy")
    if with_time:
        text = _tr("{0} at {1}").format(text, QLocale().toString(QTime(local.hour, local.minute), "HH:mm"))
    return text


def receipt_html(concern_id: int) -> str:
    """The receipt's body as HTML."""
    c = concerns.get(concern_id)
    e = escape
    what = [(_tr("Received"), long_date(c.received_at, True)),
            (_tr("How"), choice_label(choices.CONCERN_CHANNELS, c.channel))]
    if c.category_id:
        category = c.category.name + (f" › {c.subcategory.name}" if c.subcategory_id else "")
        what.append((_tr("Category"), category))
    if not c.confidential:
        if c.complainant_id and not c.anonymous:
            what.append((_tr("From"), c.complainant.display_name))
        if c.summary:
            what.append((_tr("Concern"), c.summary))
        place = ", ".join(p for p in (c.location, c.neighbourhood) if p)
        if place:
            what.append((_tr("Where"), place))
    if c.owner:
        what.append((_tr("Handled by"), c.owner))
    rows = "".join(f"<tr><td class='muted' width='28%'>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in what)
    steps = [
        (_tr("Received"), long_date(c.received_at),
         _tr("Your concern has been logged under the reference above.")),
        (_tr("Acknowledgement"), _tr("by {0}").format(long_date(c.acknowledge_due)),
         _tr("We will confirm that we are looking into it and who will deal with it.")),
        (_tr("Response"), _tr("by {0}").format(long_date(c.resolution_target)),
         _tr("We will tell you what we found and what we will do. If it takes longer, we will tell you "
             "why and when to expect an answer.")),
        (_tr("If you are not satisfied"), _tr("at any time"),
         _tr("Tell us, quoting your reference, and your concern will be looked at again by someone not "
             "involved in the first answer.")),
        (_tr("Outside help"), "",
         _tr("Using this process does not stop you going to an ombudsman, a regulator or the courts.")),
    ]
    road = "".join(f"<tr><td width='28%'><b>{e(a)}</b><br><span class='muted'>{e(b)}</span></td>"
                   f"<td>{e(t)}</td></tr>" for a, b, t in steps)
    notes = []
    if c.anonymous:
        notes.append(_tr("You did not give your name. Keep this receipt: the reference is the only way to ask "
                         "how your concern is progressing."))
    if c.confidential:
        notes.append(_tr("You asked for your concern to be kept confidential. Your details are seen only by the "
                         "staff who need them to deal with it."))
    notes.append(_tr("Raising a concern is free, and you will not be treated differently for doing so."))
    contact = settings.RECEIPT_CONTACT.get().strip()
    contact_html = (f"<h2>{e(_tr('Contact us'))}</h2><p>{e(contact).replace(chr(10), '<br>')}</p>"
                    if contact else "")
    return (
        f"<h1>{e(_tr('Your concern has been received'))}</h1>"
        f"<p class='muted'>{e(_tr('Acknowledgement receipt'))}</p>"
        f"<table width='100%' cellspacing='0' cellpadding='8' style='margin-top:10px; background:#eef3f9'>"
        f"<tr><td>{e(_tr('Your reference'))}<br><span class='reference'>{e(c.reference)}</span></td></tr>"
        f"</table>"
        f"<p style='margin-top:6px'>"
        f"{e(_tr('Please quote this reference whenever you contact us about this concern.'))}</p>"
        f"<h2>{e(_tr('What we received'))}</h2>"
        f"<table class='grid' width='100%' cellspacing='0'>{rows}</table>"
        f"<h2>{e(_tr('What happens next'))}</h2>"
        f"<table class='grid' width='100%' cellspacing='0'>{road}</table>"
        + "".join(f"<p style='margin-top:8px'>{e(n)}</p>" for n in notes) + contact_html
    )


def write_receipt(concern_id: int, path: str | Path) -> Path:
    """Write the receipt of ``concern_id`` as a PDF at ``path``."""
    reference = concerns.get(concern_id).reference
    return write_pdf(receipt_html(concern_id), path, title=_tr("Receipt {0}").format(reference))


def save_receipt(parent: QWidget, concern_id: int, *, open_after: bool = True) -> Path | None:
    """Ask where to save the receipt, write it, and open it to print; None when cancelled."""
    reference = concerns.get(concern_id).reference
    folder = Path(settings.LAST_EXPORT_FOLDER.get() or Path.home())
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Save receipt"), str(folder / f"{reference} receipt.pdf"),
                                          _tr("PDF document (*.pdf)"))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        written = write_receipt(concern_id, path)
    except OSError as exc:
        show_error(parent, exc, _tr("Cannot save the receipt"))
        return None
    settings.LAST_EXPORT_FOLDER.set(str(written.parent))
    hub.hub().status_message.emit(_tr("Receipt for {0} saved to {1}.").format(reference, written))
    if open_after:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    return written
