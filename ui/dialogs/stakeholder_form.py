"""The fields of a person or organisation, each with room for its validation message."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QPlainTextEdit, QRadioButton, QSpinBox, QVBoxLayout,
                               QWidget)

from commrel.models import choices
from commrel.services import stakeholders

from ..formatting import choice_label
from ..widgets.form_errors import FormErrors
from ..widgets.tag_edit import TagEdit


def _combo(options: dict[str, str], blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, "")
    for code in options:
        box.addItem(choice_label(options, code), code)
    return box


def _select(box: QComboBox, code: str) -> None:
    at = box.findData(code)
    box.setCurrentIndex(at if at >= 0 else 0)


class StakeholderForm(QWidget):
    """Reads and writes the editable fields of one record; the dialog does the saving."""

    edited = Signal()  # names or email typed: time to look for duplicates
    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.errors = FormErrors()
        tr = self.tr

        self.person_radio = QRadioButton(tr("&Person"))
        self.organisation_radio = QRadioButton(tr("&Organisation"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person_radio)
        self.kind_group.addButton(self.organisation_radio)
        self.person_radio.setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.setContentsMargins(0, 0, 0, 0)
        kind_row.addWidget(self.person_radio)
        kind_row.addWidget(self.organisation_radio)
        kind_row.addStretch(1)
        self.kind_box = QWidget()
        self.kind_box.setLayout(kind_row)
        self.kind_box.setAccessibleName(tr("Kind of stakeholder"))

        self.given_name = self._line(tr("Given name"))
        self.family_name = self._line(tr("Family name"))
        self.display_name = self._line(tr("Organisation name"))
        self.type = _combo(choices.STAKEHOLDER_TYPES)
        self.email = self._line(tr("Email"), "name@example.org")
        self.phone = self._line(tr("Phone"), tr("as you would dial it"))
        self.preferred_channel = _combo(choices.CONTACT_CHANNELS, tr("(no preference)"))
        self.language = self._line(tr("Language"))
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self.postcode = self._line(tr("Postcode"))
        self.neighbourhood = QComboBox()
        self.neighbourhood.setEditable(True)
        self.neighbourhood.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tags = TagEdit()

        self.influence = QSpinBox()
        self.interest = QSpinBox()
        for spin in (self.influence, self.interest):
            spin.setRange(1, 5)
            spin.setValue(3)
            spin.setToolTip(tr("From 1 (low) to 5 (high)"))
        self.position = _combo(choices.POSITIONS)
        _select(self.position, "unknown")
        self.consent = QCheckBox(tr("Consent to be contacted was given"))
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("yyyy-MM-dd")
        self.consent_date.setDate(QDate.currentDate())
        self.consent_date.setEnabled(False)
        self.consent_source = self._line(tr("Consent source"), tr("e.g. sign-up sheet, 12 May open house"))
        self.do_not_contact = QCheckBox(tr("Do not contact"))
        self.do_not_contact.setToolTip(tr("This stakeholder asked not to be contacted"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)

        e = self.errors
        who = QFormLayout()
        who.addRow(tr("Kind:"), e.wrap("kind", self.kind_box))
        self._person_rows = [e.wrap("given_name", self.given_name), e.wrap("family_name", self.family_name)]
        self._organisation_row = e.wrap("display_name", self.display_name)
        who.addRow(tr("&Given name:"), self._person_rows[0])
        who.addRow(tr("&Family name:"), self._person_rows[1])
        who.addRow(tr("&Name:"), self._organisation_row)
        who.addRow(tr("&Type:"), e.wrap("type", self.type))
        who.addRow(tr("&Email:"), e.wrap("email", self.email))
        who.addRow(tr("P&hone:"), e.wrap("phone", self.phone))
        who.addRow(tr("Prefers:"), e.wrap("preferred_channel", self.preferred_channel))
        who.addRow(tr("Language:"), e.wrap("language", self.language))
        who.addRow(tr("Address:"), e.wrap("address", self.address))
        who.addRow(tr("Postcode:"), e.wrap("postcode", self.postcode))
        who.addRow(tr("Neighbourhood:"), e.wrap("neighbourhood", self.neighbourhood))
        who.addRow(tr("T&ags:"), e.wrap("tags", self.tags, "tag"))
        self._who = who

        stance = QFormLayout()
        stance.addRow(tr("&Influence:"), e.wrap("influence", self.influence))
        stance.addRow(tr("I&nterest:"), e.wrap("interest", self.interest))
        stance.addRow(tr("&Position:"), e.wrap("position", self.position))
        stance_box = QGroupBox(tr("Stance"))
        stance_box.setLayout(stance)
        consent = QFormLayout()
        consent.addRow(e.wrap("consent", self.consent))
        consent.addRow(tr("Given on:"), e.wrap("consent_date", self.consent_date))
        consent.addRow(tr("Source:"), e.wrap("consent_source", self.consent_source))
        consent.addRow(e.wrap("do_not_contact", self.do_not_contact))
        consent_box = QGroupBox(tr("Consent"))
        consent_box.setLayout(consent)
        right = QVBoxLayout()
        right.addWidget(stance_box)
        right.addWidget(consent_box)
        notes_box = QGroupBox(tr("Notes"))
        QVBoxLayout(notes_box).addWidget(e.wrap("notes", self.notes))
        right.addWidget(notes_box, 1)

        left = QVBoxLayout()
        left.addLayout(who)
        left.addStretch(1)  # spare height goes below the fields, not between them
        columns = QHBoxLayout(self)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        for widget, name in ((self.type, tr("Type")), (self.preferred_channel, tr("Preferred channel")),
                             (self.address, tr("Address")), (self.neighbourhood, tr("Neighbourhood")),
                             (self.tags, tr("Tags")), (self.influence, tr("Influence")),
                             (self.interest, tr("Interest")), (self.position, tr("Position")),
                             (self.consent, tr("Consent given")), (self.consent_date, tr("Consent date")),
                             (self.do_not_contact, tr("Do not contact")), (self.notes, tr("Notes"))):
            widget.setAccessibleName(name)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        self.person_radio.toggled.connect(lambda on: self._kind_toggled())
        for line in (self.given_name, self.family_name, self.display_name, self.email):
            line.textEdited.connect(lambda _: self.edited.emit())
        self._kind_toggled()

    @staticmethod
    def _line(name: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        if placeholder:
            line.setPlaceholderText(placeholder)
        return line

    # Kind ------------------------------------------------------------------

    def kind(self) -> str:
        return "person" if self.person_radio.isChecked() else "organisation"

    def set_kind(self, kind: str) -> None:
        (self.person_radio if kind == "person" else self.organisation_radio).setChecked(True)
        self._kind_toggled()

    def _kind_toggled(self) -> None:
        person = self.kind() == "person"
        for row in self._person_rows:
            self._who.setRowVisible(row, person)
        self._who.setRowVisible(self._organisation_row, not person)
        if not person and self.type.currentData() == "resident":
            _select(self.type, "other")
        elif person and self.type.currentData() == "other":
            _select(self.type, "resident")
        self.kind_changed.emit(self.kind())

    def lock_kind(self) -> None:
        """An existing record keeps its kind (links depend on it)."""
        self.kind_box.setEnabled(False)

    # Values ----------------------------------------------------------------

    def set_choices(self, neighbourhoods: list[str], tags: list[str]) -> None:
        current = self.neighbourhood.currentText()
        self.neighbourhood.clear()
        self.neighbourhood.addItems([""] + neighbourhoods)
        self.neighbourhood.setCurrentText(current)
        self.tags.set_choices(tags)

    def values(self) -> dict[str, Any]:
        """The fields as the services take them (a person's shown name follows their names)."""
        consent = self.consent.isChecked()
        out: dict[str, Any] = {
            "kind": self.kind(), "type": self.type.currentData(),
            "given_name": self.given_name.text(), "family_name": self.family_name.text(),
            "email": self.email.text(), "phone": self.phone.text(),
            "preferred_channel": self.preferred_channel.currentData(), "language": self.language.text(),
            "address": self.address.toPlainText(), "postcode": self.postcode.text(),
            "neighbourhood": self.neighbourhood.currentText(), "notes": self.notes.toPlainText(),
            "influence": self.influence.value(), "interest": self.interest.value(),
            "position": self.position.currentData(), "consent": consent,
            "consent_date": self.consent_date.date().toPython() if consent else None,
            "consent_source": self.consent_source.text(), "do_not_contact": self.do_not_contact.isChecked(),
        }
        if out["kind"] == "organisation":
            out["display_name"] = self.display_name.text()
            out["given_name"] = out["family_name"] = ""
        return out

    def set_values(self, s) -> None:
        self.set_kind(s.kind)
        self.given_name.setText(s.given_name)
        self.family_name.setText(s.family_name)
        self.display_name.setText(s.display_name)
        _select(self.type, s.type)
        self.email.setText(s.email)
        self.phone.setText(s.phone)
        _select(self.preferred_channel, s.preferred_channel)
        self.language.setText(s.language)
        self.address.setPlainText(s.address)
        self.postcode.setText(s.postcode)
        self.neighbourhood.setCurrentText(s.neighbourhood)
        self.notes.setPlainText(s.notes)
        self.influence.setValue(s.influence)
        self.interest.setValue(s.interest)
        _select(self.position, s.position)
        self.consent.setChecked(bool(s.consent))
        if s.consent_date:
            d: date = s.consent_date
            self.consent_date.setDate(QDate(d.year, d.month, d.day))
        self.consent_source.setText(s.consent_source)
        self.do_not_contact.setChecked(bool(s.do_not_contact))
        self.tags.set_tags(stakeholders.tags_of(s.id))

    def name_for_duplicates(self) -> str:
        if self.kind() == "organisation":
            return self.display_name.text()
        return " ".join(p for p in (self.given_name.text().strip(), self.family_name.text().strip()) if p)
