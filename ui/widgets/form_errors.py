"""Validation messages shown next to the field they are about."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from commrel.errors import ValidationError
from .theme import ErrorLabel


class FormErrors:
    """Keeps one hidden message label per field; ``show`` reveals the one a ValidationError names."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget, *aliases: str) -> QWidget:
        """``widget`` with its message label under it, to put in a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = ErrorLabel()
        label.setObjectName(f"error_{field}")
        label.setAccessibleName(QCoreApplication.translate("form_errors", "Problem with this field"))
        label.hide()
        layout.addWidget(label)
        for name in (field,) + aliases:
            self.labels[name] = label
            self._inputs[name] = widget
        return box

    def show(self, exc: ValidationError) -> bool:
        """Show the message beside its field; False when no field on this form matches."""
        self.clear()
        label = self.labels.get(exc.field)
        if label is None:
            return False
        label.setText(exc.message)
        label.show()
        widget = self._inputs[exc.field]
        widget.setAccessibleDescription(exc.message)
        widget.setFocus()
        return True

    def message(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear(self) -> None:
        for name, label in self.labels.items():
            label.hide()
            label.clear()
            self._inputs[name].setAccessibleDescription("")
