"""Merge two records of the same stakeholder: both side by side, one choice per differing field."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QRadioButton, QScrollArea, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import stakeholders

from .. import stakeholder_commands as commands
from ..errors import show_error
from ..formatting import choice_label
from ..widgets.theme import ErrorLabel

_LABELS = {"kind": "Kind", "type": "Type", "given_name": "Given name", "family_name": "Family name",
           "display_name": "Name", "email": "Email", "phone": "Phone", "address": "Address",
           "postcode": "Postcode", "neighbourhood": "Neighbourhood", "preferred_channel": "Prefers",
           "language": "Language", "notes": "Notes", "influence": "Influence", "interest": "Interest",
           "position": "Position", "consent": "Consent", "consent_date": "Consent date",
           "consent_source": "Consent source"}
_CHOICES = {"type": choices.STAKEHOLDER_TYPES, "position": choices.POSITIONS,
            "preferred_channel": choices.CONTACT_CHANNELS}
# Never offered: the kind must match, and do-not-contact is kept if either record has it.
_NOT_PICKED = {"kind", "do_not_contact"}


class MergeDialog(QDialog):
    merged = Signal(int)

    def __init__(self, first_id: int, second_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.setWindowTitle(tr("Merge two records"))
        self.resize(760, 640)
        self.records = [stakeholders.get(first_id), stakeholders.get(second_id)]
        a, b = self.records
        self.fields = self._differing(a, b)

        keep_box = QGroupBox(tr("Keep which record?"))
        self.keep_a = QRadioButton(self._title(a))
        self.keep_b = QRadioButton(self._title(b))
        self.keep_a.setChecked(True)
        row = QHBoxLayout(keep_box)
        row.addWidget(self.keep_a)
        row.addWidget(self.keep_b)
        explain = QLabel(tr("The kept record keeps its history. Tags, memberships, relationships, interactions, "
                            "event places and concerns of the other move to it, and the other record is removed. "
                            "“Do not contact” stays if either record has it."))
        explain.setWordWrap(True)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel(f"<b>{tr('Field')}</b>"), 0, 0)
        grid.addWidget(QLabel(f"<b>{self._title(a)}</b>"), 0, 1)
        grid.addWidget(QLabel(f"<b>{self._title(b)}</b>"), 0, 2)
        self.groups: dict[str, QButtonGroup] = {}
        for n, field in enumerate(self.fields, start=1):
            group = QButtonGroup(self)
            left = QRadioButton(self._shown(field, getattr(a, field)))
            right = QRadioButton(self._shown(field, getattr(b, field)))
            label = tr(_LABELS.get(field, field))
            left.setAccessibleName(tr("{0} from the first record").format(label))
            right.setAccessibleName(tr("{0} from the second record").format(label))
            group.addButton(left, 0)
            group.addButton(right, 1)
            # As the service would: the first record's value, unless it is blank.
            (right if getattr(a, field) in ("", None) else left).setChecked(True)
            grid.addWidget(QLabel(label), n, 0)
            grid.addWidget(left, n, 1)
            grid.addWidget(right, n, 2)
            self.groups[field] = group
        if not self.fields:
            grid.addWidget(QLabel(tr("The two records hold the same values.")), 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.fields) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)

        self.problem = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if a.kind != b.kind:
            self.problem.setText(tr("A person cannot be merged with an organisation."))
            self.merge_button.setEnabled(False)
        self.problem.setVisible(a.kind != b.kind)

        layout = QVBoxLayout(self)
        layout.addWidget(keep_box)
        layout.addWidget(explain)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    @staticmethod
    def _differing(a, b) -> list[str]:
        fields = [f for f in stakeholders.EDITABLE_FIELDS
                  if f not in _NOT_PICKED and getattr(a, f) != getattr(b, f)]
        # A person's shown name follows the names chosen; an organisation has only the shown name.
        skip = {"display_name"} if a.kind == "person" else {"given_name", "family_name"}
        return [f for f in fields if f not in skip]

    def _title(self, s) -> str:
        return self.tr("{0} (#{1})").format(s.display_name, s.id)

    def _shown(self, field: str, value: Any) -> str:
        if value in ("", None):
            return self.tr("(blank)")
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, date):
            return value.isoformat()
        if field in _CHOICES:
            return choice_label(_CHOICES[field], value)
        text = str(value).replace("\n", " ")
        return text if len(text) <= 60 else text[:57] + "…"

    def survivor_and_other(self) -> tuple[int, int]:
        a, b = (r.id for r in self.records)
        return (a, b) if self.keep_a.isChecked() else (b, a)

    def picks(self) -> dict[str, str]:
        survivor_side = 0 if self.keep_a.isChecked() else 1
        return {field: "survivor" if group.checkedId() == survivor_side else "other"
                for field, group in self.groups.items()}

    def accept(self) -> None:
        survivor, other = self.survivor_and_other()
        try:
            commands.merge(survivor, other, self.picks())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot merge"))
            return
        self.merged.emit(survivor)
        super().accept()
