"""Add or edit a person or organisation: fields, links, and the record's history."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from commrel.errors import ConflictError, NotFound, ServerUnavailable, ValidationError
from commrel.models import choices
from commrel.services import stakeholder_merge, stakeholders

from .. import stakeholder_commands as commands
from ..errors import show_error, unsaved_offline_text
from ..widgets.duplicate_banner import DuplicateBanner
from ..widgets.history_view import HistoryView
from .conflict_dialog import RELOAD, differing_rows, resolve_conflict
from ..widgets.theme import ErrorLabel
from .stakeholder_form import StakeholderForm
from .stakeholder_links import StakeholderLinks


def _same_tags(a: list[str], b: list[str]) -> bool:
    return sorted(t.casefold() for t in a) == sorted(t.casefold() for t in b)


class StakeholderDialog(QDialog):
    saved = Signal(int)
    open_existing = Signal(int)

    def __init__(self, parent: QWidget | None = None, record_id: int | None = None, kind: str = "person"):
        super().__init__(parent)
        self.record_id = record_id
        self._before: dict[str, Any] = {}
        self._before_tags: list[str] = []
        self._version: int | None = None
        self.resize(860, 600)

        self.banner = DuplicateBanner()
        self.banner.open_requested.connect(self._open_existing)
        self.message = ErrorLabel()
        self.message.hide()
        self.form = StakeholderForm()
        self.form.set_choices(stakeholders.neighbourhoods(), stakeholders.all_tags())
        self.links = StakeholderLinks()
        self.history = HistoryView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("&Details"))
        self.tabs.addTab(self.links, self.tr("&Links"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self._duplicate_timer = QTimer(self, singleShot=True, interval=400)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        self.form.kind_changed.connect(self.links.set_kind)
        if record_id is None:
            self.form.set_kind(kind)
            self.setWindowTitle(self.tr("New person") if kind == "person" else self.tr("New organisation"))
            self.form.edited.connect(self._duplicate_timer.start)
        else:
            self._load(record_id)
        (self.form.given_name if self.form.kind() == "person" else self.form.display_name).setFocus()

    def _load(self, record_id: int) -> None:
        s = stakeholders.get(record_id)
        self.setWindowTitle(self.tr("Edit {0}").format(s.display_name))
        self.form.set_values(s)
        self.form.lock_kind()
        self.links.load(s.id, s.kind)
        self.history.load(s.id)
        self.tabs.addTab(self.history, self.tr("&History"))
        self._before = {f: getattr(s, f) for f in stakeholders.EDITABLE_FIELDS}
        self._before_tags = stakeholders.tags_of(s.id)
        self._version = s.version

    # Duplicates --------------------------------------------------------------

    def check_duplicates(self) -> None:
        found = stakeholder_merge.find_duplicates(name=self.form.name_for_duplicates(),
                                                  email=self.form.email.text())
        self.banner.show_candidates(found)

    def _open_existing(self, record_id: int) -> None:
        self.open_existing.emit(record_id)
        self.reject()

    # Saving ----------------------------------------------------------------

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Validate and write; a refused value shows its message beside the field and nothing is saved."""
        self.form.errors.clear()
        self.message.hide()
        try:
            if self.record_id is None:
                record_id = self._create()
            else:
                record_id = self._update()
        except ValidationError as exc:
            self.tabs.setCurrentWidget(self.form)
            if not self.form.errors.show(exc):
                self.message.setText(exc.message)
                self.message.show()
            return False
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except ServerUnavailable as exc:
            self.message.setText(unsaved_offline_text(exc))
            self.message.show()
            return False
        except NotFound as exc:
            show_error(self, exc)
            return False
        if record_id is not None:
            self.record_id = record_id
            self.saved.emit(record_id)
        return True

    def _conflict(self, exc: ConflictError) -> None:
        """Their saved version beside what was typed; keep editing (save again wins) or reload theirs."""
        latest = stakeholders.get(self.record_id)
        theirs = StakeholderForm()
        theirs.set_values(latest)
        rows = differing_rows(exc.mine, theirs.values(), self.field_labels(),
                              options={"type": choices.STAKEHOLDER_TYPES, "position": choices.POSITIONS,
                                       "preferred_channel": choices.CONTACT_CHANNELS,
                                       "kind": choices.STAKEHOLDER_KINDS})
        theirs.deleteLater()
        if resolve_conflict(self, str(exc), rows) == RELOAD:
            self._reload()
        else:
            self._version = latest.version

    def _reload(self) -> None:
        s = stakeholders.get(self.record_id)
        self.form.set_values(s)
        self.links.load(s.id, s.kind)
        self._before = {f: getattr(s, f) for f in stakeholders.EDITABLE_FIELDS}
        self._before_tags = stakeholders.tags_of(s.id)
        self._version = s.version

    def field_labels(self) -> dict[str, str]:
        return {"kind": self.tr("Kind"), "display_name": self.tr("Name"), "given_name": self.tr("Given name"),
                "family_name": self.tr("Family name"), "type": self.tr("Type"), "email": self.tr("Email"),
                "phone": self.tr("Phone"), "preferred_channel": self.tr("Prefers"),
                "language": self.tr("Language"), "address": self.tr("Address"), "postcode": self.tr("Postcode"),
                "neighbourhood": self.tr("Neighbourhood"), "influence": self.tr("Influence"),
                "interest": self.tr("Interest"), "position": self.tr("Position"), "consent": self.tr("Consent"),
                "consent_date": self.tr("Consent given on"), "consent_source": self.tr("Consent source"),
                "do_not_contact": self.tr("Do not contact"), "notes": self.tr("Notes")}

    def _create(self) -> int:
        values = self.form.values()
        s = stakeholders.create(tags=self.form.tags.tags(), **values)
        try:
            for change in self.links.changes():
                commands.apply_link(change, s.id, s.kind)
        except ValidationError as exc:  # the record is saved; say which link was refused
            show_error(self, exc, self.tr("A link was not added"))
        commands.created(s.id, s.display_name)
        return s.id

    def _update(self) -> int | None:
        values = self.form.values()
        changed = {k: v for k, v in values.items() if self._before.get(k) != v}
        if changed:
            stakeholders.clean(changed, current=stakeholders.get(self.record_id))  # refuse before any write
        tags = self.form.tags.tags()
        links = self.links.changes()
        tags_changed = not _same_tags(tags, self._before_tags)
        if not changed and not tags_changed and not links:
            return None
        s = stakeholders.get(self.record_id)
        if changed:
            s = stakeholders.update(self.record_id, expected_version=self._version, **changed)
        if tags_changed:
            stakeholders.set_tags(self.record_id, tags)
        done = []
        try:
            for change in links:
                commands.apply_link(change, s.id, s.kind)
                done.append(change)
        except ValidationError as exc:
            show_error(self, exc, self.tr("A link was not changed"))
        commands.edited(s.id, s.kind, s.display_name, {k: self._before[k] for k in changed}, changed,
                        (self._before_tags, tags) if tags_changed else None, done)
        return s.id
