"""What can be done to an event from the panel: move it, mark it held, print, export, delete.

Each function takes the widget to parent dialogs on, does the work through the services, tells the
app what changed and returns what it did (for the screens and the tests).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from commrel.errors import CommrelError
from commrel.services import event_participants, events
from commrel.timeutil import zone

from .. import hub, settings, undo
from ..errors import show_error
from ..formatting import counted
from ..widgets.calendar_common import CalendarItem

ONE, SERIES = "occurrence", "series"


def _tr(text: str) -> str:
    return QCoreApplication.translate("EventActions", text)


def _status(text: str) -> None:
    hub.hub().status_message.emit(text)


# Moving (dragged in a calendar) ------------------------------------------------------------------

def ask_scope(parent: QWidget, title: str) -> str | None:
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Move a repeating event"),
                      _tr("“{0}” repeats. Move only this date, or every date of the series?").format(title),
                      QMessageBox.StandardButton.Cancel, parent)
    one = box.addButton(_tr("Only this date"), QMessageBox.ButtonRole.AcceptRole)
    series = box.addButton(_tr("The whole series"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(one)
    box.exec()
    return {one: ONE, series: SERIES}.get(box.clickedButton())


def move(parent: QWidget, item: CalendarItem, new_start: date | datetime, scope: str | None = None) -> bool:
    """Move an event (or one date of a repeating one) so ``item`` starts at ``new_start``.

    ``new_start`` is a date for all-day events, else a naive time on this computer's clock. Repeating
    events ask whether to move one date or the series unless ``scope`` says. Undo puts it back.
    """
    try:
        event = events.get(item.event_id)
        if event.rrule and scope is None:
            scope = ask_scope(parent, event.title)
            if scope is None:
                return False
        if event.all_day:
            shift = new_start - item.start.date()
            target = item.occurrence.start.date() + shift
            series_start, series_target = events.all_day_dates(event)[0], events.all_day_dates(event)[0] + shift
        else:
            shift = new_start.replace(tzinfo=zone(None)) - item.occurrence.start
            target = item.occurrence.start + shift
            series_start = events.local_start(event)
            series_target = series_start + shift
        if not event.rrule or scope == SERIES:
            events.update(event.id, event.version, starts_at=series_target)
            redo = lambda: events.update(event.id, starts_at=series_target)  # noqa: E731
            back = lambda: events.update(event.id, starts_at=series_start)  # noqa: E731
        else:
            original, was = item.occurrence.original_start, item.occurrence
            if event.all_day:
                original = original.date()
            events.override_occurrence(event.id, original, starts_at=target)
            redo = lambda: events.override_occurrence(event.id, original, starts_at=target)  # noqa: E731
            if was.is_override:
                old = was.start.date() if event.all_day else was.start
                back = lambda: events.override_occurrence(event.id, original, starts_at=old)  # noqa: E731
            else:
                back = lambda: events.remove_override(event.id, original)  # noqa: E731
    except CommrelError as exc:
        show_error(parent, exc, _tr("Cannot move the event"))
        hub.changed("events")
        return False
    undo.push(_tr("Move “{0}”").format(event.title), redo, back, kind="events")
    hub.changed("events")
    _status(_tr("“{0}” moved. Undo puts it back.").format(event.title))
    return True


# Held, deleted ------------------------------------------------------------------------------------

def mark_held(parent: QWidget, event_id: int, *, confirm: bool = True) -> int | None:
    """Set the event to held and log an interaction for each attendee; returns how many were logged."""
    event = events.get(event_id)
    if confirm and events.local_start(event) > datetime.now(events.local_start(event).tzinfo) + timedelta(hours=1):
        answer = QMessageBox.question(parent, _tr("Mark as held"), _tr(
            "“{0}” has not started yet. Mark it as held anyway?").format(event.title))
        if answer != QMessageBox.StandardButton.Yes:
            return None
    try:
        logged = event_participants.mark_held(event_id)
    except CommrelError as exc:
        show_error(parent, exc, _tr("Cannot mark it as held"))
        return None
    hub.changed("all")
    _status(_tr("“{0}” marked as held. {1}").format(event.title, held_text(logged)))
    return logged


def held_text(logged: int) -> str:
    if not logged:
        return _tr("No new attendances to log.")
    return counted(logged, _tr("1 attendance logged in the engagement log."),
                   _tr("{0} attendances logged in the engagement log."))


def delete(parent: QWidget, event_id: int, *, confirm: bool = True) -> bool:
    event = events.get(event_id)
    if confirm:
        n = event_participants.counts(event_id)["invited"]
        text = _tr("Delete “{0}”?").format(event.title)
        if n:
            text += " " + counted(n, _tr("Its list of 1 person and its checklist go too."),
                                  _tr("Its list of {0} people and its checklist go too."))
        text += " " + _tr("Logged interactions and concerns stay.")
        if QMessageBox.question(parent, _tr("Delete event"), text) != QMessageBox.StandardButton.Yes:
            return False
    try:
        events.delete(event_id)
    except CommrelError as exc:
        show_error(parent, exc)
        return False
    hub.changed("events")
    _status(_tr("“{0}” deleted.").format(event.title))
    return True


# Paper and files -------------------------------------------------------------------------------------

def print_sheet(parent: QWidget, event_id: int, which: str, *, open_after: bool = True) -> Path | None:
    """Ask where to save the run sheet (``which`` "run") or the sign-in sheet ("sign_in"), write it, open it."""
    from ..printing import event_sheets

    event = events.get(event_id)
    name = _tr("{0} run sheet") if which == "run" else _tr("{0} sign-in sheet")
    folder = Path(settings.LAST_EXPORT_FOLDER.get() or Path.home())
    safe = "".join(c for c in event.title if c not in '\\/:*?"<>|').strip() or "event"
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Save as PDF"), str(folder / f"{name.format(safe)}.pdf"),
                                          _tr("PDF document (*.pdf)"))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    write = event_sheets.write_run_sheet if which == "run" else event_sheets.write_sign_in_sheet
    try:
        written = write(event_id, path)
    except OSError as exc:
        show_error(parent, exc, _tr("Cannot save the PDF"))
        return None
    settings.LAST_EXPORT_FOLDER.set(str(written.parent))
    _status(_tr("Saved {0}.").format(written))
    if open_after:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    return written


def export_ics(parent: QWidget, event_ids: list[int]) -> None:
    from ..exchange_actions import export_dialog

    export_dialog(parent, "events", ids=list(event_ids))
