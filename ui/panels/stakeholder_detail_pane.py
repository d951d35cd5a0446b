"""The right-hand side of the register: one stakeholder's details, timeline and history."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QScrollArea, QStackedWidget, QTableView, QTabWidget, QVBoxLayout, QWidget)

from commrel.errors import NotFound
from commrel.models import choices
from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders

from .. import hub
from ..formatting import choice_label, counted, date_text, datetime_text
from ..models.list_table_model import ITEM_ROLE, ListColumn, ListTableModel
from ..widgets.history_view import HistoryView

_TIMELINE_KINDS = {"interaction": "Interaction", "event": "Event", "concern": "Concern"}
# An organisation's members named in the overview; the rest are counted (the edit dialog lists all).
MEMBERS_SHOWN = 10


class StakeholderDetailPane(QWidget):
    edit_requested = Signal(int)
    log_requested = Signal()
    interaction_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.record_id: int | None = None
        self.record = None
        self.pages = QStackedWidget()
        self.nothing = QLabel(tr("Select a stakeholder to see their details, timeline and history."))
        self.many = QLabel()
        for label in (self.nothing, self.many):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setMargin(24)
            self.pages.addWidget(label)

        one = QWidget()
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.badges = QLabel()
        self.edit_button = QPushButton(tr("&Edit…"))
        self.log_button = QPushButton(tr("&Log interaction…"))
        self.edit_button.clicked.connect(lambda: self.record_id and self.edit_requested.emit(self.record_id))
        self.log_button.clicked.connect(self.log_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)

        self.fields: dict[str, QLabel] = {}
        overview_host = QWidget()
        form = QFormLayout(overview_host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (("email", tr("Email")), ("phone", tr("Phone")), ("prefers", tr("Prefers")),
                           ("address", tr("Address")), ("neighbourhood", tr("Neighbourhood")),
                           ("tags", tr("Tags")), ("memberships", tr("Organisations")),
                           ("relationships", tr("Relationships")), ("stance", tr("Stance")),
                           ("consent", tr("Consent")), ("last_contacted", tr("Last contacted")),
                           ("notes", tr("Notes"))):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.addRow(label + ":", value)
            self.fields[key] = value
        self._form = form
        overview = QScrollArea()
        overview.setWidgetResizable(True)
        overview.setWidget(overview_host)

        self.timeline_model = ListTableModel([
            ListColumn(tr("When"), lambda e: datetime_text(e.at)),
            ListColumn(tr("What"), self._timeline_what),
            ListColumn(tr("Detail"), lambda e: e.detail),
        ], self)
        self.timeline = QTableView()
        self.timeline.setAccessibleName(tr("Timeline"))
        self.timeline.setToolTip(tr("Double-click to open the interaction, event or concern"))
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().hide()
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.setWordWrap(True)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 170)):
            self.timeline.setColumnWidth(column, width)
        self.timeline.activated.connect(self._open_timeline_entry)
        self.history = HistoryView()

        self.tabs = QTabWidget()
        self.tabs.addTab(overview, tr("Overview"))
        self.tabs.addTab(self.timeline, tr("Timeline"))
        self.tabs.addTab(self.history, tr("History"))
        column = QVBoxLayout(one)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addWidget(self.badges)
        column.addLayout(buttons)
        column.addWidget(self.tabs, 1)
        self.pages.addWidget(one)
        self._one = one
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _timeline_what(self, entry) -> str:
        # An interaction's title is its channel ("Call"); events and concerns say what they are.
        if entry.kind == "interaction":
            return entry.title
        return f"{self.tr(_TIMELINE_KINDS.get(entry.kind, entry.kind))}: {entry.title}"

    # What is shown ---------------------------------------------------------

    def show_nothing(self) -> None:
        self.record_id, self.record = None, None
        self.pages.setCurrentWidget(self.nothing)

    def show_many(self, count: int) -> None:
        self.record_id, self.record = None, None
        heading = counted(count, self.tr("{0} stakeholder selected"), self.tr("{0} stakeholders selected"))
        self.many.setText(f"<h3>{heading}</h3><p>" + self.tr(
            "Log an interaction with all of them (Ctrl+L), tag, archive, merge two, "
            "or export the selection from the toolbar.") + "</p>")
        self.pages.setCurrentWidget(self.many)

    def show_record(self, record_id: int) -> None:
        try:
            s = stakeholders.get(record_id)
        except NotFound:
            self.show_nothing()
            return
        self.record_id, self.record = s.id, s
        tr = self.tr
        self.title.setText(f"<h2>{escape(s.display_name)}</h2>")
        kind = choice_label(choices.STAKEHOLDER_KINDS, s.kind)
        parts = [kind if s.type in ("resident", "other") else
                 f"{kind} · {choice_label(choices.STAKEHOLDER_TYPES, s.type)}"]
        if s.organisation_name:
            parts.append(s.organisation_name)
        self.subtitle.setText(" · ".join(parts))
        badges = []
        if s.do_not_contact:
            badges.append(f"<span style='color:#b00020'><b>{tr('Do not contact')}</b></span>")
        if s.archived:
            badges.append(f"<i>{tr('Archived')}</i>")
        self.badges.setText(" · ".join(badges))
        self.badges.setVisible(bool(badges))
        self._fill_overview(s)
        self.timeline_model.set_items(queries.timeline(s.id))
        self.history.load(s.id)
        self.pages.setCurrentWidget(self._one)

    def _fill_overview(self, s) -> None:
        tr = self.tr
        total, first = stakeholders.membership_names(s.id, MEMBERS_SHOWN)
        members = [f"{name} ({role})" if role else name for name, role in first]
        if total > len(first):
            members.append(tr("and {0} more").format(f"{total - len(first):,}"))
        relations = [f"{label} {other.display_name}" for label, other, _ in stakeholders.relationships(s.id)]
        self._form.labelForField(self.fields["memberships"]).setText(
            tr("Organisations:") if s.kind == "person" else tr("Members:"))
        consent = tr("Given on {0}").format(date_text(s.consent_date)) if s.consent else tr("Not recorded")
        if s.consent and s.consent_source:
            consent += f" ({s.consent_source})"
        values = {
            "email": s.email, "phone": s.phone,
            "prefers": choice_label(choices.CONTACT_CHANNELS, s.preferred_channel),
            "address": ", ".join(x for x in (s.address.replace("\n", ", "), s.postcode) if x),
            "neighbourhood": s.neighbourhood, "tags": ", ".join(stakeholders.tags_of(s.id)),
            "memberships": "; ".join(members), "relationships": "; ".join(relations),
            "stance": tr("Influence {0}/5 · interest {1}/5 · {2}").format(
                s.influence, s.interest, choice_label(choices.POSITIONS, s.position)),
            "consent": consent,
            "last_contacted": date_text(s.last_contacted_at) if s.last_contacted_at else tr("Never"),
            "notes": s.notes,
        }
        for key, label in self.fields.items():
            label.setText(values.get(key) or "—")

    def reload(self) -> None:
        if self.record_id is not None:
            self.show_record(self.record_id)

    def _open_timeline_entry(self, index) -> None:
        entry = index.data(ITEM_ROLE)
        if entry is None:
            return
        if entry.kind == "interaction":
            self.interaction_requested.emit(entry.ref_id)
        else:
            hub.hub().record_requested.emit(entry.kind, entry.ref_id)
