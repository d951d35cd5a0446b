"""Invite people to an event: tick them in the register, or take everyone matching a filter.

The count updates as the filter changes, saying who would be left out and why; after inviting, the
result says how many were invited and who was left out.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models import choices
from commrel.services import event_participants, events, stakeholders
from commrel.services.event_participants import InviteFilter, InviteResult

from .. import hub
from ..errors import show_error
from ..formatting import choice_label, counted
from ..models.event_invitee_table_model import WIDTHS, InviteeTableModel
from ..panels.event_participants_tab import fit_columns
from ..widgets.stakeholder_picker import StakeholderPicker

PICK, FILTER = range(2)


def _searchable(name: str, any_text: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem(any_text, None)
    for text, value in items:
        combo.addItem(text, value)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


class InviteDialog(QDialog):
    invited = Signal(object)  # the InviteResult

    def __init__(self, event_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.event_id = event_id
        self.last_result: InviteResult | None = None
        event = events.get(event_id)
        self.setWindowTitle(self.tr("Invite to “{0}”").format(event.title))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._pick_page(), self.tr("&Choose people"))
        self.tabs.addTab(self._filter_page(), self.tr("By &filter"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role"))
        for code in choices.PARTICIPANT_ROLES:
            self.role.addItem(choice_label(choices.PARTICIPANT_ROLES, code), code)
        self.consent_only = QCheckBox(self.tr("Only people who have given &consent"))
        self.consent_only.toggled.connect(self.update_preview)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Who would be invited"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Result"))
        self.result.setStyleSheet("QLabel { background: #e6f4ea; color: #143d22; padding: 6px; border-radius: 4px; }")
        self.result.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.ok_button = self.buttons.addButton(self.tr("&Invite"), QDialogButtonBox.ButtonRole.ActionRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.invite)
        self.buttons.rejected.connect(self.reject)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Invite as:")))
        options.addWidget(self.role)
        options.addSpacing(16)
        options.addWidget(self.consent_only)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(options)
        layout.addWidget(self.preview)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self._preview_timer = QTimer(self, singleShot=True, interval=200)
        self._preview_timer.timeout.connect(self.update_preview)
        self.tabs.currentChanged.connect(self.update_preview)
        self.resize(860, 600)
        self.model.search("")
        self.update_preview()
        self.search.setFocus()

    def _pick_page(self) -> QWidget:
        page = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the register: name, email, organisation…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the register"))
        self.model = InviteeTableModel(self.event_id, self)
        self.model.checked_changed.connect(self.update_preview)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(self._search_timer.start)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Stakeholders to invite"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        fit_columns(self.table, WIDTHS)
        self.tick_selected = QPushButton(self.tr("&Tick selected rows"))
        self.tick_selected.clicked.connect(lambda: self.model.set_checked(
            self.model.index(i.row(), 0).data(Qt.ItemDataRole.UserRole)
            for i in self.table.selectionModel().selectedRows()))
        self.untick = QPushButton(self.tr("&Untick all"))
        self.untick.clicked.connect(lambda: self.model.set_checked(set(self.model.checked), False))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.tick_selected)
        row.addWidget(self.untick)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        return page

    def _filter_page(self) -> QWidget:
        page = QWidget()
        tr = self.tr
        self.type = QComboBox()
        self.type.setAccessibleName(tr("Type"))
        self.type.addItem(tr("Any type"), None)
        for code in choices.STAKEHOLDER_TYPES:
            self.type.addItem(choice_label(choices.STAKEHOLDER_TYPES, code), code)
        self.tag = _searchable(tr("Tag"), tr("Any tag"), [(t, t) for t in stakeholders.all_tags()])
        self.neighbourhood = _searchable(tr("Neighbourhood"), tr("Any neighbourhood"),
                                         [(n, n) for n in stakeholders.neighbourhoods()])
        # Typed, not a drop-down: a large programme works with thousands of organisations.
        self.organisation = StakeholderPicker(kinds=["organisation"])
        self.organisation.setAccessibleName(tr("Organisation"))
        self.organisation.setPlaceholderText(tr("Any organisation"))
        form = QFormLayout(page)
        form.addRow(tr("&Type:"), self.type)
        form.addRow(tr("T&ag:"), self.tag)
        form.addRow(tr("&Neighbourhood:"), self.neighbourhood)
        form.addRow(tr("&Members of:"), self.organisation)
        hint = QLabel(tr("Everyone matching every criterion chosen is invited. Archived and do-not-contact people "
                         "are always left out."))
        hint.setWordWrap(True)
        form.addRow(hint)
        for combo in (self.type, self.tag, self.neighbourhood):
            combo.currentIndexChanged.connect(lambda _=None: self._preview_timer.start())
        self.organisation.chosen.connect(lambda *_: self._preview_timer.start())
        self.organisation.textChanged.connect(lambda _=None: self._preview_timer.start())
        return page

    # What would happen ---------------------------------------------------------------------------------

    def invite_filter(self) -> InviteFilter:
        def chosen(combo):
            value = combo.currentData()
            return value if value is not None and combo.currentText() == combo.itemText(combo.currentIndex()) else None

        kind, tag, place = (chosen(c) for c in (self.type, self.tag, self.neighbourhood))
        return InviteFilter(types=(kind,) if kind else (), tags=(tag,) if tag else (),
                            neighbourhoods=(place,) if place else (), organisation_id=self.organisation.chosen_id)

    def _arguments(self) -> dict | None:
        if self.tabs.currentIndex() == PICK:
            return {"stakeholder_ids": sorted(self.model.checked)} if self.model.checked else None
        f = self.invite_filter()
        return None if f.is_empty() else {"filter": f}

    def update_preview(self) -> None:
        args = self._arguments()
        if args is None:
            self.preview.setText(self.tr("Tick people in the list.") if self.tabs.currentIndex() == PICK
                                 else self.tr("Choose a type, tag, neighbourhood or organisation."))
            self.ok_button.setEnabled(False)
            return
        p = event_participants.preview(self.event_id, require_consent=self.consent_only.isChecked(), **args)
        self.preview.setText(preview_text(p, self.tr))
        self.ok_button.setEnabled(p.added > 0)

    def invite(self) -> InviteResult | None:
        args = self._arguments()
        if args is None:
            return None
        try:
            result = event_participants.invite(self.event_id, role=self.role.currentData(),
                                               require_consent=self.consent_only.isChecked(), **args)
        except CommrelError as exc:
            show_error(self, exc)
            return None
        self.last_result = result
        self.result.setText(result.message())
        self.result.show()
        self.model.checked.clear()
        self.model.search(self.search.text())
        hub.changed("events")
        hub.hub().status_message.emit(result.message())
        self.invited.emit(result)
        self.update_preview()
        return result


def preview_text(p: InviteResult, tr) -> str:
    """"Would invite 48. 3 already invited. Leaves out 2 do-not-contact and 1 archived." """
    text = [counted(p.added, tr("Would invite 1 person."), tr("Would invite {0} people."))]
    if p.already_invited:
        text.append(counted(p.already_invited, tr("1 is already invited."), tr("{0} are already invited.")))
    left = [t for n, t in ((p.excluded_do_not_contact, tr("{0} marked do-not-contact")),
                           (p.excluded_archived, tr("{0} archived")),
                           (p.excluded_no_consent, tr("{0} without recorded consent"))) if n]
    counts = [n for n in (p.excluded_do_not_contact, p.excluded_archived, p.excluded_no_consent) if n]
    if left:
        text.append(tr("Leaves out {0}.").format(", ".join(t.format(f"{n:,}") for t, n in zip(left, counts))))
    return " ".join(text)
