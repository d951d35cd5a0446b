"""The small form behind each lifecycle button: the fields that move needs, then the move itself."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from commrel.errors import CommrelError, ConflictError, ServerUnavailable, TransitionRefused, ValidationError
from commrel.models import Concern, choices
from commrel.services import concerns
from commrel.users import current_user

from ..errors import show_error, unsaved_offline_text
from ..formatting import choice_label
from ..widgets.date_edits import datetime_edit
from ..widgets.form_errors import FormErrors
from ..widgets.theme import ErrorLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcernActionDialog", text)


# action -> [(argument, kind, label)]; kind is "datetime", "line", "text" or a dict of choices.
ACTION_FIELDS: dict[str, list[tuple[str, object, str]]] = {
    "acknowledge": [("at", "datetime", "&When acknowledged:"), ("how", concerns.ACKNOWLEDGEMENT_METHODS, "&How:"),
                    ("by", "line", "&By whom:")],
    "accept": [("note", "text", "&Note (optional):")],
    "reject": [("reason", "text", "&Reason (the complainant will be told):")],
    "start_investigation": [("note", "text", "&Note (optional):")],
    "propose_response": [("response", "text", "&Proposed response:")],
    "respond": [("response_text", "text", "&Response given:"), ("at", "datetime", "&When:")],
    "implement": [("note", "text", "&What was done (optional):")],
    "close_resolved": [("complainant_response", "text", "&What the complainant said:"),
                       ("satisfaction", choices.SATISFACTION, "&Satisfaction:")],
    "appeal": [("reason", "text", "&Why they are appealing:")],
    "close_unresolved": [("reason", "text", "&Reason:")],
    "refer": [("to_body", "line", "Referred &to:"), ("reason", "text", "&Reason (optional):")],
}
# Methods of acknowledgement that match how the concern came in.
_SAME_WAY = {"phone": "phone", "email": "email", "letter": "letter", "in_person": "in_person"}


def _default(action: str, name: str, concern: Concern):
    if name == "by":
        return current_user()
    if name == "how":
        return _SAME_WAY.get(concern.channel, "letter")
    if name in ("response", "response_text"):
        return concern.proposed_response
    return None


class ConcernActionDialog(QDialog):
    """Run ``action`` on ``concern``; ``refusal`` holds the service's message if the move was refused."""

    def __init__(self, concern: Concern, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.concern, self.action = concern, action
        self.refusal = ""
        self.errors = FormErrors()
        name = choice_label(concerns.ACTION_LABELS, action)
        self.setWindowTitle(f"{name} — {concern.reference}")
        target = concerns.TRANSITIONS[action][1]
        intro = QLabel(_tr("{0} moves from {1} to {2}.").format(
            concern.reference, choice_label(choices.CONCERN_STATUSES, concern.status),
            choice_label(choices.CONCERN_STATUSES, target)))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for arg, kind, label in ACTION_FIELDS[action]:
            widget = self._input(arg, kind, _default(action, arg, concern))
            widget.setAccessibleName(_tr(label).replace("&", "").rstrip(":"))
            caption = QLabel(_tr(label))
            caption.setBuddy(widget)
            form.addRow(caption, self.errors.wrap(arg, widget))
            self.inputs[arg] = widget
        self.general_error = ErrorLabel()
        self.general_error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(name)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        if self.inputs:
            next(iter(self.inputs.values())).setFocus()

    def _input(self, arg: str, kind, default) -> QWidget:
        if kind == "datetime":
            return datetime_edit(arg)
        if kind == "line":
            edit = QLineEdit(default or "")
            return edit
        if kind == "text":
            edit = QPlainTextEdit(default or "")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(80)
            return edit
        combo = QComboBox()
        for code in kind:
            combo.addItem(choice_label(kind, code), code)
        combo.setCurrentIndex(max(combo.findData(default), 0))
        return combo

    def values(self) -> dict:
        out = {}
        for arg, widget in self.inputs.items():
            if isinstance(widget, QDateTimeEdit):
                out[arg] = widget.dateTime().toPython().replace(microsecond=0).astimezone()
            elif isinstance(widget, QPlainTextEdit):
                out[arg] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                out[arg] = widget.currentData()
            else:
                out[arg] = widget.text()
        return out

    def submit(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        try:
            getattr(concerns, self.action)(self.concern.id, **self.values())
        except ValidationError as exc:
            if not self.errors.show(exc):
                self.general_error.setText(exc.message)
                self.general_error.show()
            return
        except TransitionRefused as exc:
            self.refusal = str(exc)
            self.reject()
            return
        except ServerUnavailable as exc:  # what was typed stays, to be sent again
            self.general_error.setText(unsaved_offline_text(exc))
            self.general_error.show()
            return
        except ConflictError as exc:  # saved by someone else at the same moment: the move may be tried again
            self.general_error.setText(str(exc))
            self.general_error.show()
            return
        except CommrelError as exc:
            show_error(self, exc)
            self.reject()
            return
        self.accept()
