"""The side form for one contact's media profile: outlet kind, reach, beat, deadlines, preferred contact."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models.media import OUTLET_KINDS
from commrel.services import media

from .. import hub, undo
from ..errors import show_error
from ..formatting import choice_label

_FIELDS = ("outlet_kind", "reach", "beat", "deadlines", "preferred_contact")


class MediaProfileForm(QGroupBox):
    profile_saved = Signal(int, object)  # stakeholder id, MediaProfile

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Media profile"))
        self._id: int | None = None
        self._outlet = True
        self.hint = QLabel(self.tr("Select one outlet or journalist to see and edit their media details."))
        self.hint.setWordWrap(True)
        self.outlet_kind = QComboBox()
        self.outlet_kind.setAccessibleName(self.tr("Outlet kind"))
        self.outlet_kind.addItem(self.tr("(not set)"), "")
        for code in OUTLET_KINDS:
            self.outlet_kind.addItem(choice_label(OUTLET_KINDS, code), code)
        self.reach = QSpinBox()
        self.reach.setRange(-1, 2_000_000_000)
        self.reach.setSpecialValueText(self.tr("unknown"))
        self.reach.setGroupSeparatorShown(True)
        self.reach.setAccessibleName(self.tr("Reach"))
        self.reach.setToolTip(self.tr("Readers, listeners or viewers per issue or broadcast"))
        self.beat = QLineEdit()
        self.beat.setAccessibleName(self.tr("Beat"))
        self.beat.setPlaceholderText(self.tr("Topics they cover: transport, planning…"))
        self.deadlines = QLineEdit()
        self.deadlines.setAccessibleName(self.tr("Deadlines"))
        self.deadlines.setPlaceholderText(self.tr("e.g. Tuesdays 5 pm for Thursday print"))
        self.preferred = QLineEdit()
        self.preferred.setAccessibleName(self.tr("Preferred contact"))
        self.preferred.setPlaceholderText(self.tr("e.g. mobile before 10 am, email after"))
        self.save_button = QPushButton(self.tr("&Save profile"))
        self.save_button.clicked.connect(self.save)
        self.open_button = QPushButton(self.tr("Open in &register"))
        self.open_button.setToolTip(self.tr("Contact details, tags and history are kept in the register"))
        self.open_button.clicked.connect(
            lambda: self._id is not None and hub.hub().record_requested.emit("stakeholder", self._id))
        self.form = form = QFormLayout()
        form.addRow(self.tr("Outlet &kind:"), self.outlet_kind)
        form.addRow(self.tr("R&each:"), self.reach)
        form.addRow(self.tr("&Beat:"), self.beat)
        form.addRow(self.tr("&Deadlines:"), self.deadlines)
        form.addRow(self.tr("Pre&ferred contact:"), self.preferred)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_contact(None, "")

    def show_contact(self, stakeholder_id: int | None, name: str, profile=None, *, outlet: bool = True) -> None:
        """Show one contact's profile; outlet kind and reach belong to outlets, not journalists."""
        self._id, self._outlet = stakeholder_id, outlet
        self.form.setRowVisible(self.outlet_kind, outlet)
        self.form.setRowVisible(self.reach, outlet)
        enabled = stakeholder_id is not None
        self.hint.setText(name if enabled else self.tr(
            "Select one outlet or journalist to see and edit their media details."))
        self.hint.setStyleSheet("font-weight: 600;" if enabled else "")
        for w in (self.outlet_kind, self.reach, self.beat, self.deadlines, self.preferred, self.save_button,
                  self.open_button):
            w.setEnabled(enabled)
        self._fill(self._values(profile))

    @staticmethod
    def _values(profile) -> dict:
        return {f: getattr(profile, f) for f in _FIELDS} if profile is not None else \
            {"outlet_kind": "", "reach": None, "beat": "", "deadlines": "", "preferred_contact": ""}

    def _fill(self, values: dict) -> None:
        self.outlet_kind.setCurrentIndex(max(self.outlet_kind.findData(values["outlet_kind"] or ""), 0))
        self.reach.setValue(-1 if values["reach"] is None else values["reach"])
        self.beat.setText(values["beat"])
        self.deadlines.setText(values["deadlines"])
        self.preferred.setText(values["preferred_contact"])

    def values(self) -> dict:
        values = {"beat": self.beat.text(), "deadlines": self.deadlines.text(),
                  "preferred_contact": self.preferred.text()}
        if self._outlet:
            values.update(outlet_kind=self.outlet_kind.currentData(),
                          reach=None if self.reach.value() < 0 else self.reach.value())
        return values

    def save(self) -> None:
        if self._id is None:
            return
        sid, after = self._id, self.values()
        before = {k: v for k, v in self._values(media.profile(sid)).items() if k in after}
        try:
            saved = media.set_profile(sid, **after)
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot save the media profile"))
            return
        undo.push(self.tr("Edit media profile"), lambda: media.set_profile(sid, **after),
                  lambda: media.set_profile(sid, **before), kind="media")
        self.profile_saved.emit(sid, saved)
        hub.hub().status_message.emit(self.tr("Media profile saved."))
