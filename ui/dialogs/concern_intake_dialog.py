"""Log a concern while the complainant is still on the phone: one screen, then the reference to read out."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QRadioButton, QSizePolicy, QStackedWidget,
                               QVBoxLayout, QWidget)

from commrel.errors import ValidationError
from commrel.models import choices
from commrel.services import concern_clocks, concern_queries, concerns
from commrel.services import stakeholders as stakeholder_service
from commrel.users import current_user

from .. import hub
from ..errors import show_error
from ..formatting import date_text
from ..widgets.date_edits import datetime_edit
from ..widgets.choice_combos import choice_combo, fill_subcategories
from ..widgets.form_errors import FormErrors
from ..widgets.stakeholder_picker import StakeholderPicker
from ..widgets.theme import ErrorLabel

REGISTER, NEW_PERSON, ANONYMOUS = range(3)


class ConcernIntakeDialog(QDialog):
    concern_logged = Signal(int)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, event_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a concern"))
        self.event_id = event_id
        self.concern_id: int | None = None
        self.errors = FormErrors()
        concern_clocks.ensure_default_categories()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(860, 500)
        self.summary.setFocus()

    # The form ----------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        e = self.errors
        self.received_at = datetime_edit(self.tr("When received"))
        self.received_at.setMaximumDateTime(QDateTime.currentDateTime().addSecs(300))
        self.channel = choice_combo(self.tr("How it was received"), choices.CONCERN_CHANNELS, "phone")

        self.who = QButtonGroup(self)
        who_row = QHBoxLayout()
        for n, text in enumerate((self.tr("From the &register"), self.tr("&New person"), self.tr("&Anonymous"))):
            radio = QRadioButton(text)
            radio.setAccessibleName(text.replace("&", ""))
            self.who.addButton(radio, n)
            who_row.addWidget(radio)
        who_row.addStretch(1)
        self.who.button(REGISTER).setChecked(True)
        self.picker = StakeholderPicker(["person", "organisation"])
        self.picker.setAccessibleName(self.tr("Complainant"))
        self.picker.setPlaceholderText(self.tr("Type part of a name, email or phone number…"))
        self.given, self.family, self.email, self.phone = (QLineEdit() for _ in range(4))
        new_box = QWidget()
        grid = QGridLayout(new_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (label, edit, field) in enumerate(((self.tr("Given name"), self.given, "given_name"),
                                                  (self.tr("Family name"), self.family, "family_name"),
                                                  (self.tr("Email"), self.email, "email"),
                                                  (self.tr("Phone"), self.phone, "phone"))):
            edit.setPlaceholderText(label)
            edit.setAccessibleName(label)
            grid.addWidget(e.wrap(field, edit), n // 2, n % 2)
        anonymous_note = QLabel(self.tr("No name or contact details will be kept. Give the complainant the "
                                        "reference so they can follow it up."))
        anonymous_note.setWordWrap(True)
        self.who_pages = QStackedWidget()
        self.who_pages.addWidget(e.wrap("complainant", self.picker, "anonymous"))
        self.who_pages.addWidget(new_box)
        self.who_pages.addWidget(anonymous_note)
        self.who.idToggled.connect(lambda n, on: on and self._who_changed(n))
        self.confidential = QCheckBox(self.tr("Con&fidential: only the staff handling it see who raised it"))

        self.category, self.subcategory = QComboBox(), QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.subcategory.setAccessibleName(self.tr("Subcategory"))
        self.category.addItem(self.tr("(Choose later)"), None)
        for c in concern_clocks.list_categories():
            self.category.addItem(c.name, c.id)
        self.category.currentIndexChanged.connect(self._fill_subcategories)
        self._fill_subcategories()
        self.location = QLineEdit()
        self.location.setAccessibleName(self.tr("Location"))
        self.location.setPlaceholderText(self.tr("Street, landmark or site gate"))
        self.neighbourhood = self._editable(self.tr("Neighbourhood"), sorted(
            set(concern_queries.neighbourhoods()) | set(stakeholder_service.neighbourhoods()), key=str.lower))
        self.summary = QLineEdit()
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setPlaceholderText(self.tr("In a few words: what is the concern?"))
        self.summary.setMaxLength(255)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What happened, when, who is affected, what they ask for"))
        self.severity = choice_combo(self.tr("Severity"), choices.SEVERITIES, "medium")
        self.priority = choice_combo(self.tr("Priority"), choices.PRIORITIES, "normal")
        me = current_user()
        self.owner = self._editable(self.tr("Owner"), sorted(set(concern_queries.owners()) | {me}, key=str.lower))
        self.owner.setCurrentText(me)

        left, right = QFormLayout(), QFormLayout()

        def row(form: QFormLayout, text: str, widget: QWidget, field: str | None = None) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, e.wrap(field, widget) if field else widget)

        # What first (it is what the caller starts with), then who, when and how; Tab follows the same order.
        row(left, self.tr("&Summary:"), self.summary, "summary")
        row(left, self.tr("&Category:"), self.category, "category")
        row(left, self.tr("Su&bcategory:"), self.subcategory, "subcategory")
        row(left, self.tr("&Location:"), self.location, "location")
        row(left, self.tr("Nei&ghbourhood:"), self.neighbourhood, "neighbourhood")
        row(left, self.tr("&Description:"), self.description)
        right.addRow(self.tr("Who raised it:"), who_row)
        right.addRow("", self.who_pages)
        right.addRow("", self.confidential)
        row(right, self.tr("&When received:"), self.received_at, "received_at")
        row(right, self.tr("&How:"), self.channel, "channel")
        row(right, self.tr("Se&verity:"), self.severity)
        row(right, self.tr("&Priority:"), self.priority)
        row(right, self.tr("&Owner:"), self.owner, "owner")
        self.who_pages.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        right_column = QVBoxLayout()
        right_column.addLayout(right)
        right_column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right_column, 1)
        self.general_error = ErrorLabel()
        self.general_error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Log concern"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        # Tab order can only be set once the fields share a window, i.e. after the layout holds them.
        chain = [self.summary, self.category, self.subcategory, self.location, self.neighbourhood,
                 self.description, *self.who.buttons(), self.picker, self.given, self.family, self.email,
                 self.phone, self.confidential, self.received_at, self.channel, self.severity, self.priority,
                 self.owner]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        return page

    def _editable(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(name)
        combo.addItem("")
        combo.addItems(items)
        return combo

    def _who_changed(self, which: int) -> None:
        self.who_pages.setCurrentIndex(which)
        (self.picker if which == REGISTER else self.given if which == NEW_PERSON else self.confidential).setFocus()

    def _fill_subcategories(self) -> None:
        fill_subcategories(self.category, self.subcategory)

    # Saving --------------------------------------------------------------------------

    def values(self) -> dict:
        received = self.received_at.dateTime().toPython().replace(microsecond=0).astimezone()
        return dict(
            received_at=received, channel=self.channel.currentData(),
            confidential=self.confidential.isChecked(), category_id=self.category.currentData(),
            subcategory_id=self.subcategory.currentData(), location=self.location.text(),
            neighbourhood=self.neighbourhood.currentText(), summary=self.summary.text(),
            description=self.description.toPlainText(), severity=self.severity.currentData(),
            priority=self.priority.currentData(), owner=self.owner.currentText(), event_id=self.event_id)

    def save(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        fields = self.values()
        which = self.who.checkedId()
        try:
            if which == NEW_PERSON:
                person = dict(given_name=self.given.text(), family_name=self.family.text(),
                              email=self.email.text(), phone=self.phone.text())
                concern = concerns.intake_with_new_complainant(person, **fields)
                hub.changed("stakeholders")
            else:
                if which == REGISTER:
                    fields["complainant_id"] = self._complainant_id()
                else:
                    fields["anonymous"] = True
                concern = concerns.intake(**fields)
        except ValidationError as exc:
            if not self.errors.show(exc):
                self.general_error.setText(exc.message)
                self.general_error.show()
            return
        except Exception as exc:  # shown, and the form stays filled in
            show_error(self, exc, self.tr("Cannot log the concern"))
            return
        self.concern_id = concern.id
        hub.changed("concerns")
        self.concern_logged.emit(concern.id)
        self._show_done(concern)

    def _complainant_id(self) -> int | None:
        if self.picker.chosen_id is not None or not self.picker.text().strip():
            return self.picker.chosen_id
        match = self.picker.first_match()  # typed a name and pressed save without picking
        if match is None:
            raise ValidationError("complainant", self.tr("Nobody in the register matches “{0}”. Choose New person "
                                                         "to add them.").format(self.picker.text().strip()))
        self.picker.choose(*match)
        return match[0]

    # After saving --------------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.read_out = QLabel()
        self.read_out.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.read_out.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_out.setStyleSheet("font-size: 26pt; font-weight: 700; padding: 18px;")
        self.next_steps = QLabel()
        self.next_steps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_steps.setWordWrap(True)
        self.receipt_button = QPushButton(self.tr("&Print acknowledgement receipt…"))
        self.open_button = QPushButton(self.tr("&Open concern"))
        self.another_button = QPushButton(self.tr("Log &another"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.receipt_button.clicked.connect(self.print_receipt)
        self.open_button.clicked.connect(lambda: (self.accept(), self.open_requested.emit(self.concern_id)))
        self.another_button.clicked.connect(self.start_again)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.receipt_button, self.open_button, self.another_button, self.close_button):
            row.addWidget(button)
        row.addStretch(1)
        box = QGroupBox(self.tr("Logged"))
        inner = QVBoxLayout(box)
        inner.addStretch(1)
        inner.addWidget(self.read_out)
        inner.addWidget(self.next_steps)
        inner.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(box, 1)
        layout.addLayout(row)
        return page

    def _show_done(self, concern) -> None:
        self.read_out.setText(self.tr("Read this out: {0}").format(concern.reference))
        self.read_out.setAccessibleName(self.read_out.text())
        self.next_steps.setText(self.tr("Tell them: we will acknowledge it by {0} and aim to respond by {1}. "
                                        "The receipt sets this out in writing.").format(
            date_text(concern.acknowledge_due), date_text(concern.resolution_target)))
        self.setWindowTitle(self.tr("Concern {0} logged").format(concern.reference))
        self.pages.setCurrentIndex(1)
        self.receipt_button.setDefault(True)
        self.receipt_button.setFocus()

    def print_receipt(self):
        from ..printing.concern_receipt import save_receipt

        return save_receipt(self, self.concern_id)

    def start_again(self) -> None:
        """A fresh form for the next caller; the channel and owner stay as they were."""
        for edit in (self.summary, self.location, self.given, self.family, self.email, self.phone):
            edit.clear()
        self.description.clear()
        self.picker.clear_choice()
        self.neighbourhood.setCurrentText("")
        self.confidential.setChecked(False)
        self.category.setCurrentIndex(0)
        self.who.button(REGISTER).setChecked(True)
        self.received_at.setMaximumDateTime(QDateTime.currentDateTime().addSecs(300))
        self.received_at.setDateTime(QDateTime.currentDateTime())
        self.concern_id = None
        self.setWindowTitle(self.tr("Log a concern"))
        self.pages.setCurrentIndex(0)
        self.summary.setFocus()
