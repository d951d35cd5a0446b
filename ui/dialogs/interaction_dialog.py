"""Log (or edit) an interaction: who, how, when, what was said, and any follow-up."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Sequence

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from commrel.errors import CommrelError, ValidationError
from commrel.models import choices
from commrel.services import engagement
from commrel.timeutil import to_utc_naive, zone

from .. import settings
from .. import stakeholder_commands as commands
from ..errors import show_error
from ..formatting import choice_label, local_datetime
from ..widgets.form_errors import FormErrors

LAST_CHANNEL = settings.panel_option("interactions", "last_channel", str, "meeting")
_NAMES_SHOWN = 4


def _names(people: Sequence[Any]) -> str:
    names = [p.display_name for p in people]
    if len(names) <= _NAMES_SHOWN:
        return ", ".join(names)
    more = QCoreApplication.translate("InteractionDialog", "and {0} more").format(len(names) - _NAMES_SHOWN)
    return ", ".join(names[:_NAMES_SHOWN]) + " " + more


class InteractionDialog(QDialog):
    """``people`` are the stakeholders it was with (anything with id, display_name, do_not_contact)."""

    logged = Signal(int)

    def __init__(self, people: Sequence[Any], parent: QWidget | None = None, interaction_id: int | None = None):
        super().__init__(parent)
        tr = self.tr
        self.people = list(people)
        self.interaction_id = interaction_id
        self._before: dict[str, Any] = {}
        self.errors = FormErrors()
        self.setWindowTitle(tr("Log interaction") if interaction_id is None else tr("Edit interaction"))
        self.resize(520, 420)

        self.with_label = QLabel(_names(self.people))
        self.with_label.setWordWrap(True)
        self.with_label.setToolTip("\n".join(p.display_name for p in self.people))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00;")
        blocked = [p.display_name for p in self.people if getattr(p, "do_not_contact", False)]
        self.warning.setText(tr("Marked do not contact: {0}.").format(", ".join(blocked)))
        self.warning.setVisible(bool(blocked))
        self.channel = QComboBox()
        for code in choices.INTERACTION_CHANNELS:
            self.channel.addItem(choice_label(choices.INTERACTION_CHANNELS, code), code)
        self.channel.setCurrentIndex(max(0, self.channel.findData(LAST_CHANNEL.get())))
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(tr("What was discussed, agreed or asked"))
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText(tr("e.g. Send the traffic plan"))
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setEnabled(False)
        for widget, name in ((self.channel, tr("Channel")), (self.when, tr("When")), (self.summary, tr("Summary")),
                             (self.follow_up, tr("Follow-up")), (self.due, tr("Follow-up due date"))):
            widget.setAccessibleName(name)

        form = QFormLayout()
        form.addRow(tr("With:"), self.errors.wrap("stakeholders", self.with_label))
        form.addRow(tr("&Channel:"), self.errors.wrap("channel", self.channel))
        form.addRow(tr("&When:"), self.errors.wrap("occurred_at", self.when))
        form.addRow(tr("&Summary:"), self.errors.wrap("summary", self.summary))
        form.addRow(tr("&Follow-up:"), self.errors.wrap("follow_up", self.follow_up))
        form.addRow(tr("&Due:"), self.errors.wrap("follow_up_due", self.due))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.follow_up.textChanged.connect(lambda text: self.due.setEnabled(bool(text.strip())))
        if interaction_id is not None:
            self._load(interaction_id)
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, interaction_id: int) -> None:
        i = engagement.get(interaction_id)
        self.channel.setCurrentIndex(max(0, self.channel.findData(i.channel)))
        self.when.setDateTime(local_datetime(i.occurred_at))
        self.summary.setPlainText(i.summary)
        self.follow_up.setText(i.follow_up)
        if i.follow_up_due:
            d = i.follow_up_due
            self.due.setDate(QDate(d.year, d.month, d.day))
        self._before = self._stored(i)

    @staticmethod
    def _stored(i) -> dict[str, Any]:
        return {"channel": i.channel, "occurred_at": i.occurred_at, "summary": i.summary,
                "follow_up": i.follow_up, "follow_up_due": i.follow_up_due}

    def values(self) -> dict[str, Any]:
        local: datetime = self.when.dateTime().toPython().replace(second=0, microsecond=0)
        follow_up = self.follow_up.text().strip()
        due: date | None = self.due.date().toPython() if follow_up else None
        return {"channel": self.channel.currentData(), "summary": self.summary.toPlainText().strip(),
                "occurred_at": to_utc_naive(local.replace(tzinfo=zone(None))),
                "follow_up": follow_up, "follow_up_due": due}

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        self.errors.clear()
        fields = self.values()
        try:
            if self.interaction_id is None:
                ids = [p.id for p in self.people]
                i = engagement.log_interaction(ids, **fields)
                self.interaction_id = i.id
                commands.interaction_logged(i.id, ids, fields)
            else:
                after = {k: v for k, v in fields.items() if self._before.get(k) != v}
                if after:
                    engagement.update_interaction(self.interaction_id, **after)
                    commands.interaction_edited(self.interaction_id, {k: self._before[k] for k in after}, after)
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return False
        except CommrelError as exc:
            show_error(self, exc)
            return False
        LAST_CHANNEL.set(fields["channel"])
        self.logged.emit(self.interaction_id)
        return True

