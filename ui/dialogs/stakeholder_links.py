"""Memberships (person ↔ organisation, with a role) and relationships of the record being edited.

Changes are kept as a list of LinkChange and applied when the dialog saves,
so Cancel leaves every link as it was.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from commrel.models import choices
from commrel.services import stakeholders

from ..formatting import choice_label
from ..stakeholder_commands import LinkChange
from ..widgets.stakeholder_picker import StakeholderPicker
from ..widgets.theme import ErrorLabel

_CHANGE_ROLE = Qt.ItemDataRole.UserRole


class StakeholderLinks(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.record_id: int | None = None
        self.kind = "person"
        self._changes: list[LinkChange] = []

        self.members_box = QGroupBox()
        self.memberships = QListWidget()
        self.memberships.setAccessibleName(tr("Memberships"))
        self.member_picker = StakeholderPicker(["organisation"])
        self.member_picker.setAccessibleName(tr("Organisation or member to add"))
        self.role = QLineEdit()
        self.role.setPlaceholderText(tr("Role, e.g. Chair"))
        self.role.setAccessibleName(tr("Role"))
        self.add_member_button = QPushButton(tr("Add"))
        self.remove_member_button = QPushButton(tr("Remove"))
        self.member_error = ErrorLabel()
        self.member_error.hide()
        row = QHBoxLayout()
        row.addWidget(self.member_picker, 2)
        row.addWidget(self.role, 1)
        row.addWidget(self.add_member_button)
        box = QVBoxLayout(self.members_box)
        box.addWidget(self.memberships)
        box.addLayout(row)
        box.addWidget(self.member_error)
        box.addWidget(self.remove_member_button, 0, Qt.AlignmentFlag.AlignRight)

        rel_box = QGroupBox(tr("Relationships"))
        self.relationships = QListWidget()
        self.relationships.setAccessibleName(tr("Relationships"))
        self.relationship_type = QComboBox()
        self.relationship_type.setAccessibleName(tr("Relationship type"))
        for code in choices.RELATIONSHIP_TYPES:
            self.relationship_type.addItem(choice_label(choices.RELATIONSHIP_TYPES, code), code)
        self.relation_picker = StakeholderPicker()
        self.relation_picker.setAccessibleName(tr("Related stakeholder"))
        self.add_relation_button = QPushButton(tr("Add"))
        self.remove_relation_button = QPushButton(tr("Remove"))
        self.relation_error = ErrorLabel()
        self.relation_error.hide()
        row = QHBoxLayout()
        row.addWidget(self.relationship_type)
        row.addWidget(self.relation_picker, 2)
        row.addWidget(self.add_relation_button)
        box = QVBoxLayout(rel_box)
        box.addWidget(self.relationships)
        box.addLayout(row)
        box.addWidget(self.relation_error)
        box.addWidget(self.remove_relation_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addWidget(self.members_box)
        layout.addWidget(rel_box)
        self.add_member_button.clicked.connect(self.add_membership)
        self.remove_member_button.clicked.connect(lambda: self._remove(self.memberships))
        self.add_relation_button.clicked.connect(self.add_relationship)
        self.remove_relation_button.clicked.connect(lambda: self._remove(self.relationships))
        for target, button in ((self.memberships, self.remove_member_button),
                               (self.relationships, self.remove_relation_button)):
            button.setEnabled(False)
            target.currentRowChanged.connect(lambda row, b=button: b.setEnabled(row >= 0))
        self.set_kind("person")

    # Loading ---------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self._changes = [c for c in self._changes if c.link != "membership"]
        person = kind == "person"
        self.members_box.setTitle(self.tr("Organisations") if person else self.tr("Members"))
        self.member_picker.kinds = ["organisation"] if person else ["person"]
        self.member_picker.setPlaceholderText(self.tr("Type an organisation…") if person
                                              else self.tr("Type a person's name…"))
        self._reload()

    def load(self, record_id: int, kind: str) -> None:
        self.record_id = record_id
        self.member_picker.exclude_id = self.relation_picker.exclude_id = record_id
        self.kind = kind
        self._changes = []
        self.set_kind(kind)

    def _reload(self) -> None:
        self.memberships.clear()
        self.relationships.clear()
        if self.record_id is not None:
            for m, other in stakeholders.memberships(self.record_id):
                self._add_item(self.memberships, LinkChange(True, "membership", other.id, other.display_name,
                                                            m.role), existing=True)
            for label, other, r in stakeholders.relationships(self.record_id):
                outgoing = r.from_stakeholder_id == self.record_id
                self._add_item(self.relationships, LinkChange(True, "relationship", other.id, other.display_name,
                                                              r.type, r.note, outgoing), existing=True)
        for change in self._changes:
            if change.add:
                target = self.memberships if change.link == "membership" else self.relationships
                self._add_item(target, change, existing=False)

    def _add_item(self, target: QListWidget, link: LinkChange, existing: bool) -> None:
        if link.link == "membership":
            text = f"{link.other_name} — {link.label}" if link.label else link.other_name
        else:
            label = choice_label(choices.RELATIONSHIP_TYPES, link.label)
            text = f"{label} {link.other_name}" if link.outgoing else \
                self.tr("{0} (from {1})").format(label, link.other_name)
        item = QListWidgetItem(text if existing else self.tr("{0} (new)").format(text))
        if not existing:
            font = QFont()
            font.setItalic(True)
            item.setFont(font)
        item.setData(_CHANGE_ROLE, (link, existing))
        target.addItem(item)

    # Editing ---------------------------------------------------------------

    def add_membership(self) -> None:
        picked = self._picked(self.member_picker)
        self.member_error.hide()
        if picked is None:
            self._say(self.member_error, self.tr("Type a name and choose it from the list."))
            return
        other_id, name = picked
        if any(i.data(_CHANGE_ROLE)[0].other_id == other_id for i in self._items(self.memberships)):
            self._say(self.member_error, self.tr("{0} is already listed.").format(name))
            return
        change = LinkChange(True, "membership", other_id, name, self.role.text().strip())
        self._changes.append(change)
        self._add_item(self.memberships, change, existing=False)
        self.member_picker.clear_choice()
        self.role.clear()

    def add_relationship(self) -> None:
        picked = self._picked(self.relation_picker)
        self.relation_error.hide()
        if picked is None:
            self._say(self.relation_error, self.tr("Type a name and choose it from the list."))
            return
        other_id, name = picked
        change = LinkChange(True, "relationship", other_id, name, self.relationship_type.currentData())
        if any(i.data(_CHANGE_ROLE)[0] == change for i in self._items(self.relationships)):
            self._say(self.relation_error, self.tr("That relationship is already listed."))
            return
        self._changes.append(change)
        self._add_item(self.relationships, change, existing=False)
        self.relation_picker.clear_choice()

    def _remove(self, target: QListWidget) -> None:
        item = target.currentItem()
        if item is None:
            return
        link, existing = item.data(_CHANGE_ROLE)
        if existing:
            self._changes.append(link.inverse())
        else:
            self._changes.remove(link)
        target.takeItem(target.row(item))

    @staticmethod
    def _picked(picker: StakeholderPicker) -> tuple[int, str] | None:
        if picker.chosen_id is not None:
            return picker.chosen_id, picker.text()
        return picker.first_match() if picker.text().strip() else None

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    @staticmethod
    def _items(target: QListWidget) -> list[QListWidgetItem]:
        return [target.item(i) for i in range(target.count())]

    def changes(self) -> list[LinkChange]:
        return list(self._changes)
