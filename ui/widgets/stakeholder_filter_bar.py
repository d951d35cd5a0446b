"""The register's filters: live text search, kind and type, tag, place, stance, contact, archive, saved views."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from commrel.errors import NotFound, ValidationError
from commrel.models import choices
from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders
from commrel.services.stakeholder_queries import StakeholderFilter

from ..errors import show_error
from ..formatting import choice_label
from .stakeholder_picker import StakeholderPicker

# (consent, do_not_contact) for each entry of the contact filter.
_CONTACT = [("Any contact status", (None, None)), ("Consent given", (True, None)),
            ("No consent recorded", (False, None)), ("Do not contact", (None, True)),
            ("Can be contacted", (None, False))]
_SHOW = [("Live register", False), ("Archive", True), ("Live and archived", None)]


class StakeholderFilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search name, email, organisation, notes, tags…"))
        self.search.setMinimumWidth(240)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search the register"))
        self.type = QComboBox()
        self.type.addItem(tr("All kinds"), None)
        self.type.addItem(tr("People"), ("kind", "person"))
        self.type.addItem(tr("Organisations"), ("kind", "organisation"))
        self.type.insertSeparator(self.type.count())
        for code in choices.STAKEHOLDER_TYPES:
            self.type.addItem(choice_label(choices.STAKEHOLDER_TYPES, code), ("type", code))
        self.position = QComboBox()
        self.position.addItem(tr("Any position"), None)
        for code in choices.POSITIONS:
            self.position.addItem(choice_label(choices.POSITIONS, code), code)
        self.show_archived = QComboBox()
        for label, value in _SHOW:
            self.show_archived.addItem(tr(label), value)
        self.tag = self._searchable(tr("Any tag"))
        self.neighbourhood = self._searchable(tr("Any neighbourhood"))
        # Typed, not a drop-down: a large programme works with thousands of organisations.
        self.organisation = StakeholderPicker(kinds=["organisation"])
        self.organisation.setPlaceholderText(tr("Any organisation"))
        self.organisation.setMinimumWidth(self.tag.sizeHint().width())
        self.contact = QComboBox()
        for label, value in _CONTACT:
            self.contact.addItem(tr(label), value)
        self.not_contacted = QSpinBox()
        self.not_contacted.setRange(0, 3650)
        self.not_contacted.setSingleStep(30)
        self.not_contacted.setSpecialValueText(tr("any time"))
        self.not_contacted.setSuffix(tr(" days"))
        self.not_contacted.setToolTip(tr("Only stakeholders not contacted in this many days (0: no limit)"))
        self.views = QComboBox()
        self.views.setMinimumContentsLength(16)
        self.views.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.save_view_button = QPushButton(tr("Save view…"))
        self.delete_view_button = QPushButton(tr("Delete view"))
        self.clear_button = QPushButton(tr("Clear filters"))
        for widget, name in ((self.type, tr("Kind or type")), (self.position, tr("Position")),
                             (self.show_archived, tr("Live or archived")), (self.tag, tr("Tag")),
                             (self.neighbourhood, tr("Neighbourhood")), (self.organisation, tr("Organisation")),
                             (self.contact, tr("Consent or do not contact")),
                             (self.not_contacted, tr("Not contacted in days")), (self.views, tr("Saved views")),
                             (self.save_view_button, tr("Save view")), (self.delete_view_button, tr("Delete view")),
                             (self.clear_button, tr("Clear filters"))):
            widget.setAccessibleName(name)

        for box in (self.type, self.position, self.show_archived, self.contact):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.type)
        first.addWidget(self.position)
        first.addWidget(self.show_archived)
        first.addSpacing(12)
        views_label = QLabel(tr("&View:"))
        views_label.setBuddy(self.views)
        first.addWidget(views_label)
        first.addWidget(self.views)
        first.addWidget(self.save_view_button)
        first.addWidget(self.delete_view_button)
        second = QHBoxLayout()
        for box in (self.tag, self.neighbourhood, self.organisation, self.contact):
            second.addWidget(box)
        second.addSpacing(12)
        stale_label = QLabel(tr("Not &contacted in:"))
        stale_label.setBuddy(self.not_contacted)
        second.addWidget(stale_label)
        second.addWidget(self.not_contacted)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(first)
        rows.addLayout(second)

        self._applied_organisation: int | None = None  # the organisation the register is filtered by
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._changed)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self.flush)
        for box in (self.type, self.position, self.show_archived, self.tag, self.neighbourhood, self.contact):
            box.currentIndexChanged.connect(self._changed)
        self.organisation.chosen.connect(self._changed)
        self.organisation.textChanged.connect(self._organisation_text)
        self.not_contacted.valueChanged.connect(self._changed)
        self.views.activated.connect(self._view_chosen)
        self.save_view_button.clicked.connect(self.save_view)
        self.delete_view_button.clicked.connect(self.delete_view)
        self.clear_button.clicked.connect(self.clear)

    @staticmethod
    def _searchable(any_label: str) -> QComboBox:
        box = QComboBox()
        box.addItem(any_label, None)
        box.setMinimumContentsLength(18)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return box

    # The filter ------------------------------------------------------------

    def filter(self) -> StakeholderFilter:
        f = StakeholderFilter(text=self.search.text().strip(), archived=self.show_archived.currentData())
        kind_or_type = self.type.currentData()
        if kind_or_type:
            (f.kinds if kind_or_type[0] == "kind" else f.types).append(kind_or_type[1])
        if self.position.currentData():
            f.positions = [self.position.currentData()]
        if self.tag.currentData():
            f.tags = [self.tag.currentData()]
        if self.neighbourhood.currentData():
            f.neighbourhoods = [self.neighbourhood.currentData()]
        f.organisation_id = self.organisation.chosen_id
        f.consent, f.do_not_contact = self.contact.currentData()
        f.not_contacted_days = self.not_contacted.value() or None
        return f

    def set_filter(self, f: StakeholderFilter, notify: bool = True) -> None:
        blockers = [QSignalBlocker(w) for w in (self.search, self.type, self.position, self.show_archived,
                                                self.tag, self.neighbourhood, self.organisation, self.contact,
                                                self.not_contacted)]
        self.search.setText(f.text)
        key = ("type", f.types[0]) if f.types else ("kind", f.kinds[0]) if f.kinds else None
        self._select(self.type, key)
        self._select(self.position, f.positions[0] if f.positions else None)
        self._select(self.show_archived, f.archived)
        self._select(self.tag, f.tags[0] if f.tags else None, add=True)
        self._select(self.neighbourhood, f.neighbourhoods[0] if f.neighbourhoods else None, add=True)
        self._show_organisation(f.organisation_id)
        self._applied_organisation = self.organisation.chosen_id
        self._select(self.contact, (f.consent, f.do_not_contact))
        self.not_contacted.setValue(f.not_contacted_days or 0)
        for blocker in blockers:
            blocker.unblock()
        self._timer.stop()
        self._mark_view()
        if notify:
            self.filter_changed.emit()

    @staticmethod
    def _select(box: QComboBox, value, add: bool = False) -> None:
        at = box.findData(value)
        if at < 0 and add and value is not None:
            box.addItem(str(value), value)
            at = box.count() - 1
        box.setCurrentIndex(max(at, 0))

    def _show_organisation(self, organisation_id: int | None) -> None:
        try:
            name = stakeholders.get(organisation_id).display_name if organisation_id is not None else ""
        except NotFound:  # deleted since: every organisation instead
            name = ""
        if name:
            self.organisation.choose(organisation_id, name)
        else:
            self.organisation.clear_choice()

    def _organisation_text(self, text: str) -> None:
        # Clearing the organisation widens the list at once; other edits wait for a choice.
        if not text.strip():
            self.organisation.chosen_id = None
            if self._applied_organisation is not None:
                self._changed()

    def clear(self) -> None:
        self.set_filter(StakeholderFilter())

    def _changed(self, *_args) -> None:
        self._applied_organisation = self.organisation.chosen_id
        self._timer.stop()
        self._mark_view()
        self.filter_changed.emit()

    def flush(self) -> None:
        """Apply typed text now rather than after the pause (Enter, tests)."""
        if self._timer.isActive():
            self._changed()

    # Choices that come from the data -------------------------------------------

    def reload_choices(self) -> None:
        for box, items in ((self.tag, [(t, t) for t in stakeholders.all_tags()]),
                           (self.neighbourhood, [(n, n) for n in stakeholders.neighbourhoods()])):
            current = box.currentData()
            with QSignalBlocker(box):
                while box.count() > 1:
                    box.removeItem(1)
                for label, value in items:
                    box.addItem(label, value)
                self._select(box, current, add=True)
        if self.organisation.chosen_id is not None:  # renamed or deleted meanwhile
            with QSignalBlocker(self.organisation):
                self._show_organisation(self.organisation.chosen_id)
        self.reload_views()

    # Saved views -----------------------------------------------------------

    def reload_views(self, select: str | None = None) -> None:
        with QSignalBlocker(self.views):
            self.views.clear()
            self.views.addItem(self.tr("(none)"), None)
            for name, f in queries.saved_views():
                self.views.addItem(name, f)
            at = self.views.findText(select) if select else -1
            self.views.setCurrentIndex(max(at, 0))
        if select is None:
            self._mark_view()
        self.delete_view_button.setEnabled(self.views.currentIndex() > 0)

    def _mark_view(self) -> None:
        """Show which saved view the current filters are, if any."""
        current = self.filter()
        at = next((i for i in range(1, self.views.count()) if self.views.itemData(i) == current), 0)
        with QSignalBlocker(self.views):
            self.views.setCurrentIndex(at)
        self.delete_view_button.setEnabled(at > 0)

    def _view_chosen(self, index: int) -> None:
        f = self.views.itemData(index)
        if f is not None:
            self.set_filter(f)
        self.delete_view_button.setEnabled(index > 0)

    def save_view(self) -> None:
        current = self.views.currentText() if self.views.currentIndex() > 0 else ""
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of this view:"), text=current)
        if not ok:
            return
        try:
            view = queries.save_view(name, self.filter())
        except ValidationError as exc:
            show_error(self, exc, self.tr("Cannot save the view"))
            return
        self.reload_views(select=view.name)

    def delete_view(self) -> None:
        if self.views.currentIndex() > 0:
            queries.delete_view(self.views.currentText())
            self.reload_views()
