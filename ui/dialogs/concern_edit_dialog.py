"""Correct what a concern is about: summary, category, place, description, severity and priority.

The form remembers the version it was opened at. When someone else saved the
concern since, nothing is written: their version is shown beside what was typed,
which stays in the form until the officer chooses to reload.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from commrel.errors import ConflictError, NotFound, ServerUnavailable, ValidationError
from commrel.models import Concern, choices
from commrel.services import concern_clocks, concern_queries, concerns

from ..errors import show_error, unsaved_offline_text
from ..widgets.choice_combos import choice_combo, fill_subcategories
from ..widgets.form_errors import FormErrors
from ..widgets.theme import ErrorLabel
from .conflict_dialog import RELOAD, differing_rows, resolve_conflict

FIELDS = ("summary", "category", "subcategory", "location", "neighbourhood", "description", "severity",
          "priority", "confidential")


def values_of(concern: Concern) -> dict[str, Any]:
    """A saved concern as this form holds it, to compare with what was typed."""
    return {"summary": concern.summary, "category": concern.category_id, "subcategory": concern.subcategory_id,
            "location": concern.location, "neighbourhood": concern.neighbourhood,
            "description": concern.description, "severity": concern.severity, "priority": concern.priority,
            "confidential": concern.confidential}


class ConcernEditDialog(QDialog):
    def __init__(self, concern_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.concern_id = concern_id
        self.version: int | None = None
        self._before: dict[str, Any] = {}
        self.errors = FormErrors()
        self.summary = QLineEdit()
        self.summary.setMaxLength(255)
        self.category, self.subcategory = QComboBox(), QComboBox()
        self.category.addItem(self.tr("(Choose later)"), None)
        self._category_names: dict[int, str] = {}
        for c in concern_clocks.list_categories(all_levels=True):
            self._category_names[c.id] = c.name
            if c.parent_id is None:
                self.category.addItem(c.name, c.id)
        self.category.currentIndexChanged.connect(self._fill_subcategories)
        self.location = QLineEdit()
        self.neighbourhood = QComboBox()
        self.neighbourhood.setEditable(True)
        self.neighbourhood.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.neighbourhood.addItems([""] + sorted(concern_queries.neighbourhoods(), key=str.lower))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.severity = choice_combo(self.tr("Severity"), choices.SEVERITIES)
        self.priority = choice_combo(self.tr("Priority"), choices.PRIORITIES)
        self.confidential = QCheckBox(self.tr("Con&fidential: only the staff handling it see who raised it"))
        form = QFormLayout()
        labels = self.field_labels()
        for field, widget, text in (("summary", self.summary, self.tr("&Summary:")),
                                    ("category", self.category, self.tr("&Category:")),
                                    ("subcategory", self.subcategory, self.tr("Su&bcategory:")),
                                    ("location", self.location, self.tr("&Location:")),
                                    ("neighbourhood", self.neighbourhood, self.tr("Nei&ghbourhood:")),
                                    ("description", self.description, self.tr("&Description:")),
                                    ("severity", self.severity, self.tr("Se&verity:")),
                                    ("priority", self.priority, self.tr("&Priority:"))):
            widget.setAccessibleName(labels[field])
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(field, widget))
        form.addRow("", self.errors.wrap("confidential", self.confidential))
        self.message = ErrorLabel()
        self.message.setObjectName("concern_edit_message")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.load(concerns.get(concern_id))
        self.summary.setFocus()

    def field_labels(self) -> dict[str, str]:
        return {"summary": self.tr("Summary"), "category": self.tr("Category"),
                "subcategory": self.tr("Subcategory"), "location": self.tr("Location"),
                "neighbourhood": self.tr("Neighbourhood"), "description": self.tr("Description"),
                "severity": self.tr("Severity"), "priority": self.tr("Priority"),
                "confidential": self.tr("Confidential")}

    # Filling in ----------------------------------------------------------------------------

    def load(self, concern: Concern) -> None:
        """Show ``concern`` as saved; what it holds now is what later edits are compared with."""
        self.setWindowTitle(self.tr("Edit concern {0}").format(concern.reference))
        values = values_of(concern)
        self.summary.setText(values["summary"])
        self.category.setCurrentIndex(max(self.category.findData(values["category"]), 0))
        self._fill_subcategories()
        self.subcategory.setCurrentIndex(max(self.subcategory.findData(values["subcategory"]), 0))
        self.location.setText(values["location"])
        self.neighbourhood.setCurrentText(values["neighbourhood"])
        self.description.setPlainText(values["description"])
        self.severity.setCurrentIndex(max(self.severity.findData(values["severity"]), 0))
        self.priority.setCurrentIndex(max(self.priority.findData(values["priority"]), 0))
        self.confidential.setChecked(bool(values["confidential"]))
        self._before = values
        self.version = concern.version

    def _fill_subcategories(self) -> None:
        fill_subcategories(self.category, self.subcategory)

    def values(self) -> dict[str, Any]:
        return {"summary": self.summary.text(), "category": self.category.currentData(),
                "subcategory": self.subcategory.currentData(), "location": self.location.text(),
                "neighbourhood": self.neighbourhood.currentText(), "description": self.description.toPlainText(),
                "severity": self.severity.currentData(), "priority": self.priority.currentData(),
                "confidential": self.confidential.isChecked()}

    def changes(self) -> dict[str, Any]:
        """Only what was edited: fields someone else changed meanwhile keep their value."""
        return {name: value for name, value in self.values().items() if self._before.get(name) != value}

    # Saving --------------------------------------------------------------------------------

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        self.errors.clear()
        self.message.hide()
        changed = self.changes()
        if not changed:
            return True
        try:
            concern = concerns.update(self.concern_id, self.version, **changed)
        except ValidationError as exc:
            if not self.errors.show(exc):
                self._say(exc.message)
            return False
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except ServerUnavailable as exc:
            self._say(unsaved_offline_text(exc))
            return False
        except NotFound as exc:
            show_error(self, exc)
            return False
        self._before, self.version = values_of(concern), concern.version
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _conflict(self, exc: ConflictError) -> None:
        latest = concerns.get(self.concern_id)
        rows = differing_rows(exc.mine, values_of(latest), self.field_labels(),
                              options={"severity": choices.SEVERITIES, "priority": choices.PRIORITIES},
                              describe=self._describe)
        if resolve_conflict(self, str(exc), rows) == RELOAD:
            self.load(latest)
        else:
            # Saving again now puts the typed fields over theirs; the untouched ones stay theirs.
            self.version = latest.version

    def _describe(self, field: str, value: Any) -> str | None:
        if field in ("category", "subcategory"):
            return "" if value is None else self._category_names.get(value, str(value))
        return None
