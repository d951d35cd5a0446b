"""One concern: where it stands on its clocks and its lifecycle, what can happen next, what has happened."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from commrel.errors import CommrelError, ConflictError, NotFound
from commrel.models import Concern, choices
from commrel.services import concern_clocks, concern_queries, concerns
from commrel.users import current_user

from .. import hub
from ..errors import show_error
from ..formatting import choice_label, date_text, datetime_text
from ..models.concern_table_model import OVERDUE_TEXT
from ..widgets.concern_timeline import ConcernTimeline
from ..widgets.lifecycle_bar import LifecycleBar
from .concern_action_dialog import ConcernActionDialog
from .concern_edit_dialog import ConcernEditDialog
from .concern_update_dialog import ConcernUpdateDialog


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class ConcernDialog(QDialog):
    """Not modal: officers keep it open while they look up the complainant or the event."""

    moved = Signal(str)  # the action that was carried out

    def __init__(self, concern_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.concern_id = concern_id
        self.concern: Concern | None = None
        self.resize(1120, 740)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.badges = QLabel()
        self.badges.setTextFormat(Qt.TextFormat.RichText)
        self.bar = LifecycleBar()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("refusal_banner")
        self.banner.setStyleSheet("background: #fff4ce; color: #4d3b00; border: 1px solid #e0c25c; "
                                  "border-radius: 4px; padding: 6px;")
        self.banner.hide()
        self.actions_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        self.receipt_button = QPushButton(self.tr("Print &receipt…"))
        self.receipt_button.clicked.connect(self._print_receipt)
        self.edit_button = QPushButton(self.tr("&Edit details…"))
        self.edit_button.setToolTip(self.tr("Correct the summary, category, place, description, severity or priority"))
        self.edit_button.clicked.connect(self.edit_details)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badges)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Next:")))
        actions.addLayout(self.actions_row)
        actions.addStretch(1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.receipt_button)

        self.timeline = ConcernTimeline()
        self.timeline.add_requested.connect(self._add_entry)
        timeline_box = QGroupBox(self.tr("Timeline"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        splitter = QSplitter()
        splitter.addWidget(self._details_pane())
        splitter.addWidget(timeline_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        hub.hub().data_changed.connect(self._data_changed)
        self.load()

    # Layout -------------------------------------------------------------------------

    def _details_pane(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        clocks_box = QGroupBox(self.tr("Clocks"))
        self.clocks_form = QFormLayout(clocks_box)
        self.clock_values: dict[str, QLabel] = {}
        for key, text in (("ack", self.tr("Acknowledgement")), ("target", self.tr("Resolution target")),
                          ("days", self.tr("Days open")), ("next", self.tr("Next"))):
            self.clock_values[key] = _value_label()
            self.clocks_form.addRow(text + ":", self.clock_values[key])
        details_box = QGroupBox(self.tr("Details"))
        self.details_form = QFormLayout(details_box)
        self.complainant_button = QPushButton()
        self.complainant_button.setFlat(True)
        self.complainant_button.setStyleSheet("text-align: left; color: palette(link); text-decoration: underline;")
        self.complainant_button.clicked.connect(self._open_complainant)
        self.complainant_note = _value_label()
        self.event_button = QPushButton()
        self.event_button.setFlat(True)
        self.event_button.setStyleSheet("text-align: left; color: palette(link); text-decoration: underline;")
        self.event_button.clicked.connect(self._open_event)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.setAccessibleName(self.tr("Owner"))
        self.assign_button = QPushButton(self.tr("&Assign"))
        self.assign_button.clicked.connect(self._assign)
        owner_row = QHBoxLayout()
        owner_row.addWidget(self.owner, 1)
        owner_row.addWidget(self.assign_button)
        owner_label = QLabel(self.tr("&Owner:"))
        owner_label.setBuddy(self.owner)
        self.details_form.addRow(owner_label, owner_row)
        complainant_row = QVBoxLayout()
        complainant_row.addWidget(self.complainant_button, 0, Qt.AlignmentFlag.AlignLeft)
        complainant_row.addWidget(self.complainant_note)
        self.details_form.addRow(self.tr("Complainant:"), complainant_row)
        self.detail_values: dict[str, QLabel] = {}
        for key, text in (("received", self.tr("Received")), ("channel", self.tr("How")),
                          ("category", self.tr("Category")), ("place", self.tr("Where")),
                          ("summary", self.tr("Summary")), ("description", self.tr("Description")),
                          ("severity", self.tr("Severity / priority"))):
            self.detail_values[key] = _value_label()
            self.details_form.addRow(text + ":", self.detail_values[key])
        self.details_form.addRow(self.tr("Event:"), self.event_button)
        self.outcome_box = QGroupBox(self.tr("Outcome so far"))
        self.outcome_form = QFormLayout(self.outcome_box)
        column.addWidget(clocks_box)
        column.addWidget(details_box)
        column.addWidget(self.outcome_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    # Showing the concern --------------------------------------------------------------

    def load(self) -> None:
        try:
            c = self.concern = concerns.get(self.concern_id)
        except NotFound as exc:
            self.show_message(str(exc))
            for button in self.action_buttons.values():
                button.setEnabled(False)
            return
        clocks = concern_clocks.clocks(c)
        self.setWindowTitle(self.tr("Concern {0}").format(c.reference))
        self.heading.setText(f"<span style='font-size:17pt; font-weight:700'>{c.reference}</span>"
                             f"&nbsp;&nbsp;<span style='font-size:12pt'>{escape(c.summary)}</span>")
        self.heading.setAccessibleName(f"{c.reference}: {c.summary}")
        badges = [choice_label(choices.CONCERN_STATUSES, c.status)]
        if clocks.overdue:
            badges.append(f"<span style='color:{OVERDUE_TEXT.name()}; font-weight:600'>⚠ {self.tr('Overdue')}</span>")
        if c.confidential:
            badges.append(self.tr("Confidential"))
        if c.anonymous:
            badges.append(self.tr("Anonymous"))
        self.badges.setText(" · ".join(badges))
        # In the order the moves were made, not by their times (a response may be dated before the proposal
        # was typed in); receipt first, as sample and imported data may have written it last.
        entries = sorted(concern_queries.timeline(c.id), key=lambda e: (e.from_status != "", e.id))
        passed = [e.to_status for e in entries if e.kind == "status"]
        self.bar.set_status(c.status, passed)
        self._fill_actions(c)
        self._fill_clocks(c, clocks)
        self._fill_details(c)
        self._fill_outcome(c)
        self.timeline.load(c.id)

    def _fill_actions(self, c: Concern) -> None:
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for action in concerns.allowed_actions(c):
            button = QPushButton(choice_label(concerns.ACTION_LABELS, action) + "…")
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self.actions_row.addWidget(button)
            self.action_buttons[action] = button
        if not self.action_buttons:
            self.actions_row.addWidget(QLabel(self.tr("Nothing: this concern is finished.")))

    def _fill_clocks(self, c: Concern, clocks) -> None:
        v = self.clock_values
        if c.acknowledged_at is not None:
            late = "" if clocks.acknowledged_on_time else self.tr(" (late)")
            v["ack"].setText(self.tr("Done {0}, due {1}{2}").format(
                date_text(c.acknowledged_at), date_text(c.acknowledge_due), late))
        elif c.is_closed:
            v["ack"].setText(self.tr("Not sent (closed first); was due {0}").format(date_text(c.acknowledge_due)))
        else:
            v["ack"].setText(self.tr("Due {0}").format(date_text(c.acknowledge_due))
                             + (self.tr(" — OVERDUE") if clocks.acknowledge_overdue else ""))
        if c.is_closed:
            when = self.tr("closed on time") if clocks.closed_on_time else self.tr("closed late")
            v["target"].setText(f"{date_text(c.resolution_target)} ({when})")
        elif clocks.resolution_overdue:
            v["target"].setText(self.tr("{0} — OVERDUE by {1}").format(
                date_text(c.resolution_target), self._days(-clocks.days_to_target)))
        else:
            v["target"].setText(self.tr("{0} (in {1})").format(
                date_text(c.resolution_target), self._days(clocks.days_to_target)))
        for key in ("ack", "target"):
            overdue = clocks.acknowledge_overdue if key == "ack" else clocks.resolution_overdue
            v[key].setStyleSheet(f"color: {OVERDUE_TEXT.name()}; font-weight: 600;" if overdue else "")
        v["days"].setText(str(clocks.days_open))
        if clocks.interim_reminder:
            v["next"].setText(self.tr("The target is near: send the complainant an interim update."))
        elif c.is_closed:
            v["next"].setText(self.tr("Nothing more: closed {0}").format(date_text(c.closed_at)))
        else:
            v["next"].setText(", ".join(choice_label(concerns.ACTION_LABELS, a) for a in concerns.allowed_actions(c)))

    def _days(self, n: int) -> str:
        return self.tr("1 day") if n == 1 else self.tr("{0} days").format(n)

    def _fill_details(self, c: Concern) -> None:
        d = self.detail_values
        d["received"].setText(datetime_text(c.received_at))
        d["channel"].setText(choice_label(choices.CONCERN_CHANNELS, c.channel))
        category = c.category.name if c.category_id else self.tr("(none)")
        d["category"].setText(category + (f" › {c.subcategory.name}" if c.subcategory_id else ""))
        d["place"].setText(", ".join(p for p in (c.location, c.neighbourhood) if p))
        d["summary"].setText(c.summary)
        d["description"].setText(c.description)
        d["severity"].setText(f"{choice_label(choices.SEVERITIES, c.severity)} / "
                              f"{choice_label(choices.PRIORITIES, c.priority)}")
        has_person = c.complainant_id is not None and not c.anonymous
        self.complainant_button.setVisible(has_person)
        if has_person:
            self.complainant_button.setText(c.complainant.display_name + " ›")
            self.complainant_button.setToolTip(self.tr("Open their record in the register"))
        self.complainant_note.setText(self.tr("Anonymous: no name was taken.") if c.anonymous else
                                      self.tr("Not recorded.") if not has_person else
                                      self.tr("Confidential: do not share who raised it.") if c.confidential
                                      else "")
        self.complainant_note.setVisible(bool(self.complainant_note.text()))
        self.details_form.setRowVisible(self.event_button, c.event_id is not None)
        if c.event_id is not None:
            self.event_button.setText(f"{c.event.title} ({date_text(c.event.starts_at)}) ›")
        owners = sorted(set(concern_queries.owners()) | {current_user(), c.owner} - {""}, key=str.lower)
        self.owner.clear()
        self.owner.addItem(self.tr("(Unassigned)"), "")
        for name in owners:
            self.owner.addItem(name, name)
        self.owner.setCurrentIndex(max(self.owner.findData(c.owner), 0))

    def _fill_outcome(self, c: Concern) -> None:
        while self.outcome_form.rowCount():
            self.outcome_form.removeRow(0)
        rows = []
        if c.acknowledged_at:
            how = choice_label(concerns.ACKNOWLEDGEMENT_METHODS, c.acknowledged_how)
            rows.append((self.tr("Acknowledged"), f"{datetime_text(c.acknowledged_at)} · {how} · "
                                                  f"{c.acknowledged_by}"))
        for label, value in ((self.tr("Rejected because"), c.rejection_reason),
                             (self.tr("Proposed response"), c.proposed_response),
                             (self.tr("Response given"), c.resolution),
                             (self.tr("Complainant said"), c.complainant_response),
                             (self.tr("Satisfaction"), choice_label(choices.SATISFACTION, c.satisfaction)),
                             (self.tr("Appealed because"), c.appeal_reason),
                             (self.tr("Referred to"), c.referred_to),
                             (self.tr("Closed because"), c.closure_reason)):
            if value:
                rows.append((label, value))
        for label, value in rows:
            value_label = _value_label()
            value_label.setText(value)
            self.outcome_form.addRow(label + ":", value_label)
        self.outcome_box.setVisible(bool(rows))

    def show_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # Doing things -----------------------------------------------------------------------

    def run_action(self, action: str) -> bool:
        """Open the form for ``action``; True when the move was made."""
        self.show_message("")
        dialog = ConcernActionDialog(self.concern, action, self)
        done = bool(dialog.exec())
        if dialog.refusal:
            self.load()
            self.show_message(dialog.refusal)
        if done:
            hub.changed("concerns")
            self.moved.emit(action)
        return done

    def edit_details(self) -> bool:
        """The details form, opened at the version shown; True when something was saved."""
        dialog = ConcernEditDialog(self.concern_id, self)
        self.edit_dialog = dialog  # tests reach it here
        done = bool(dialog.exec())
        if done:
            hub.changed("concerns")
        return done

    def _add_entry(self, kind: str) -> None:
        if ConcernUpdateDialog(self.concern_id, kind, self).exec():
            hub.changed("concerns")

    def _assign(self) -> None:
        owner = self.owner.currentText().strip()
        if owner == self.owner.itemText(0):  # "(Unassigned)"
            owner = ""
        shown = self.concern.version if self.concern is not None else None
        try:
            concerns.assign(self.concern_id, owner, shown)
        except CommrelError as exc:
            show_error(self, exc)
            if isinstance(exc, ConflictError):
                self.load()  # show who owns it now
            return
        hub.changed("concerns")

    def _open_complainant(self) -> None:
        if self.concern is not None and self.concern.complainant_id is not None:
            hub.hub().record_requested.emit("stakeholder", self.concern.complainant_id)

    def _open_event(self) -> None:
        if self.concern is not None and self.concern.event_id is not None:
            hub.hub().record_requested.emit("event", self.concern.event_id)

    def _print_receipt(self) -> None:
        from ..printing.concern_receipt import save_receipt

        save_receipt(self, self.concern_id)

    def _data_changed(self, kind: str) -> None:
        if kind in ("concerns", "all") and self.isVisible() and not self._owner_being_typed():
            self.load()

    def _owner_being_typed(self) -> bool:
        # Reloading refills the owner box; a name half typed into it would be lost.
        return (self.owner.hasFocus() and self.concern is not None
                and self.owner.currentText() not in (self.concern.owner, self.owner.itemText(0)))
