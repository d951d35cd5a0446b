"""One inquiry in full: who asked what, by when, and what was answered."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from commrel.models.media import INQUIRY_STATUSES
from commrel.services import media

from .. import hub
from ..formatting import choice_label, datetime_text


class InquiryDetailsDialog(QDialog):
    respond_requested = Signal(int)

    def __init__(self, inquiry_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        inquiry = media.get_inquiry(inquiry_id)
        self.inquiry_id = inquiry_id
        self.setWindowTitle(self.tr("Media inquiry"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(label: str, text: str) -> None:
            value = QLabel(escape(text).replace("\n", "<br>") if text else "—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setAccessibleName(label)
            form.addRow(QLabel(f"<b>{escape(label)}</b>"), value)

        row(self.tr("Journalist"), inquiry.journalist.display_name if inquiry.journalist_id else "")
        row(self.tr("Outlet"), inquiry.outlet.display_name if inquiry.outlet_id else "")
        row(self.tr("Received"), datetime_text(inquiry.received_at))
        row(self.tr("Deadline"), datetime_text(inquiry.deadline) if inquiry.deadline else self.tr("None"))
        row(self.tr("Assigned to"), inquiry.assigned_to)
        row(self.tr("Question"), inquiry.question)
        row(self.tr("Status"), choice_label(INQUIRY_STATUSES, inquiry.status))
        if inquiry.status != "open":
            row(self.tr("Response"), inquiry.response)
            row(self.tr("Spokesperson"), inquiry.spokesperson)
            row(self.tr("Responded"), datetime_text(inquiry.responded_at))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if inquiry.status == "open":
            respond = buttons.addButton(self.tr("&Respond…"), QDialogButtonBox.ButtonRole.AcceptRole)
            respond.clicked.connect(lambda: (self.accept(), self.respond_requested.emit(inquiry_id)))
        if inquiry.journalist_id:
            who = buttons.addButton(self.tr("Open &journalist"), QDialogButtonBox.ButtonRole.ActionRole)
            who.clicked.connect(lambda: (self.accept(),
                                         hub.hub().record_requested.emit("stakeholder", inquiry.journalist_id)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
