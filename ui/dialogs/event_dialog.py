"""Plan or change an event; clashes at the venue and a full room are flagged while typing, never blocking."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QFrame, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from commrel.errors import CommrelError, ConflictError, NotFound, ServerUnavailable, ValidationError
from commrel.models import choices
from commrel.services import event_participants, events

from .. import hub
from ..errors import show_error, unsaved_offline_text
from ..widgets.calendar_common import day_text
from ..widgets.date_edits import date_edit
from ..widgets.theme import ErrorLabel
from .conflict_dialog import RELOAD, differing_rows, resolve_conflict
from .event_form import EventForm

BANNER_STYLE = ("QFrame#warnings { background: #fff4d6; border: 1px solid #e0b64a; border-radius: 4px; }"
                "QFrame#warnings QLabel { color: #4d3800; }")


def clash_text(occ, tr) -> str:
    when = day_text(occ.start.date()) if occ.all_day else \
        f"{day_text(occ.start.date())}, {occ.start:%H:%M}–{occ.end:%H:%M}"
    return tr("Clashes with “{0}” at {1} on {2}.").format(occ.title, occ.venue, when)


def ask_date(parent: QWidget, title: str, label: str, default: date) -> date | None:
    """A small dialog asking for one date; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = date_edit(label, default)
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return edit.date().toPython() if dialog.exec() else None


class EventDialog(QDialog):
    saved = Signal(int)
    duplicated = Signal(int)

    def __init__(self, parent: QWidget | None = None, event_id: int | None = None,
                 start: date | datetime | None = None):
        super().__init__(parent)
        self.event_id = event_id
        self._version: int | None = None
        self.form = EventForm()
        self.banner = QFrame()
        self.banner.setObjectName("warnings")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName(self.tr("Warnings"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        QVBoxLayout(self.banner).addWidget(self.warnings)
        self.banner.hide()
        self.message = ErrorLabel()
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.duplicate_button = QPushButton(self.tr("&Duplicate…"))
        self.duplicate_button.setToolTip(self.tr("A copy of this event on another date"))
        self.buttons.addButton(self.duplicate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self._check_timer = QTimer(self, singleShot=True, interval=300)
        self._check_timer.timeout.connect(self.check_warnings)
        self.form.timing_edited.connect(self._check_timer.start)
        if event_id is None:
            self.setWindowTitle(self.tr("New event"))
            self.duplicate_button.hide()
            start = start or datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            self.form.set_start(start)
        else:
            self._load(event_id)
        self.resize(1040, 720)
        self.form.title.setFocus()
        self.check_warnings()

    def _load(self, event_id: int) -> None:
        event = events.get(event_id)
        self.setWindowTitle(self.tr("Event: {0}").format(event.title))
        self.form.set_event(event)
        self._version = event.version

    # Warnings ------------------------------------------------------------------------------------

    def warning_texts(self) -> list[str]:
        """Clashes at the venue (first occurrence as entered) and more invited than the room holds."""
        f = self.form
        texts = []
        try:
            times = f.times()
            found = events.overlapping_events(times["starts_at"], times["ends_at"], f.venue.text(),
                                              timezone=times["timezone"], all_day=times["all_day"],
                                              exclude_id=self.event_id)
            texts += [clash_text(o, self.tr) for o in found[:3]]
            if len(found) > 3:
                texts.append(self.tr("…and {0} more at the same time.").format(len(found) - 3))
        except (CommrelError, ValueError):  # times half-entered: nothing to compare yet
            pass
        capacity = f.capacity.value()
        if self.event_id is not None and capacity:
            counts = event_participants.counts(self.event_id)
            coming = counts["invited"] - counts["declined"]
            if coming > capacity:
                texts.append(self.tr("Capacity is {0} but {1} people are invited (not counting those who "
                                     "declined).").format(capacity, coming))
        return texts

    def check_warnings(self) -> None:
        texts = self.warning_texts()
        self.warnings.setText("⚠ " + "<br>⚠ ".join(t.replace("<", "&lt;") for t in texts) if texts else "")
        self.banner.setVisible(bool(texts))
        self.banner.setAccessibleDescription(" ".join(texts))

    # Saving ------------------------------------------------------------------------------------------

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        self.form.errors.clear()
        self.message.hide()
        values = self.form.values()
        try:
            if self.event_id is None:
                self.event_id = events.create(**values).id
            else:
                self._version = events.update(self.event_id, self._version, **values).version
        except ValidationError as exc:
            if not self.form.errors.show(exc):
                self.message.setText(exc.message)
                self.message.show()
            return False
        except ConflictError as exc:
            self._conflict(exc, values)
            return False
        except ServerUnavailable as exc:
            self.message.setText(unsaved_offline_text(exc))
            self.message.show()
            return False
        except NotFound as exc:
            show_error(self, exc)
            return False
        hub.changed("events")
        self.saved.emit(self.event_id)
        return True

    def _conflict(self, exc: ConflictError, mine: dict) -> None:
        """Their saved version beside what was typed; keep editing (save again wins) or reload theirs."""
        latest = events.get(self.event_id)
        theirs = EventForm()
        theirs.set_event(latest)
        rows = differing_rows(mine, theirs.values(), self.field_labels(),
                              options={"type": choices.EVENT_TYPES, "status": choices.EVENT_STATUSES})
        theirs.deleteLater()
        if resolve_conflict(self, str(exc), rows) == RELOAD:
            self.form.set_event(latest)
            self.check_warnings()
        self._version = latest.version

    def field_labels(self) -> dict[str, str]:
        return {"title": self.tr("Title"), "type": self.tr("Type"), "status": self.tr("Status"),
                "starts_at": self.tr("Starts"), "ends_at": self.tr("Ends"), "all_day": self.tr("All day"),
                "timezone": self.tr("Time zone"), "rrule": self.tr("Repeats"), "exdates": self.tr("Skipped dates"),
                "venue": self.tr("Venue"), "address": self.tr("Address"), "capacity": self.tr("Capacity"),
                "organiser": self.tr("Organiser"), "organiser_email": self.tr("Organiser's email"),
                "reminders": self.tr("Reminders (minutes before)"), "tags": self.tr("Tags"),
                "description": self.tr("Description")}

    def duplicate(self) -> int | None:
        """Copy the saved event to a date the officer picks; the copy opens next."""
        event = events.get(self.event_id)
        default = events.local_start(event).date() + timedelta(days=7)
        day = self.ask_new_date(default)
        if day is None:
            return None
        try:
            copy = events.duplicate(self.event_id, day)
        except CommrelError as exc:
            show_error(self, exc)
            return None
        hub.changed("events")
        hub.hub().status_message.emit(self.tr("“{0}” copied to {1}.").format(copy.title, day_text(day)))
        self.duplicated.emit(copy.id)
        self.reject()
        return copy.id

    def ask_new_date(self, default: date) -> date | None:
        return ask_date(self, self.tr("Duplicate event"), self.tr("New date:"), default)
