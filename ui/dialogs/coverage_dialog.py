"""Log a piece of coverage (an article, a broadcast, a post), or edit one."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from commrel.errors import CommrelError
from commrel.models.media import TONES
from commrel.services import coverage

from .. import settings
from ..errors import show_error
from ..formatting import choice_label
from ..models.coverage_table_model import tone_icon
from .media_contact_picker import MediaContactPicker
from .media_form import buddy_label

_FOLDER = settings.panel_option("media", "file_folder", str, "")


class CoverageDialog(QDialog):
    coverage_saved = Signal(int)

    def __init__(self, coverage_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.coverage_id = coverage_id
        c = coverage.get(coverage_id) if coverage_id is not None else None
        self.setWindowTitle(self.tr("Edit coverage") if c else self.tr("Log coverage"))
        self.setMinimumWidth(560)
        self.outlet = MediaContactPicker(["organisation"], allow_free_text=True)
        self.outlet.setAccessibleName(self.tr("Outlet"))
        self.outlet.setPlaceholderText(self.tr("Type an outlet; one not in the register is kept as typed"))
        if c:
            self.outlet.set_choice(c.outlet_id, c.outlet_name)
        self.published_on = QDateEdit()
        self.published_on.setCalendarPopup(True)
        self.published_on.setAccessibleName(self.tr("Published on"))
        when = c.published_on if c else date.today()
        self.published_on.setDate(QDate(when.year, when.month, when.day))
        self.headline = QLineEdit(c.headline if c else "")
        self.headline.setAccessibleName(self.tr("Headline"))
        self.url = QLineEdit(c.url if c else "")
        self.url.setAccessibleName(self.tr("Link"))
        self.url.setPlaceholderText("https://…")
        self.file_path = QLineEdit(c.file_path if c else "")
        self.file_path.setAccessibleName(self.tr("File"))
        self.file_path.setPlaceholderText(self.tr("A clipping, scan or recording"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Browse for the file"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(browse)
        self.reach = QSpinBox()
        self.reach.setRange(-1, 2_000_000_000)
        self.reach.setGroupSeparatorShown(True)
        self.reach.setSpecialValueText(self.tr("from the outlet's profile"))
        self.reach.setAccessibleName(self.tr("Reach"))
        self.reach.setValue(c.reach if c and c.reach is not None else -1)
        self.tone = QComboBox()
        self.tone.setAccessibleName(self.tr("Tone"))
        for code in TONES:
            self.tone.addItem(tone_icon(code), choice_label(TONES, code), code)
        self.tone.setCurrentIndex(self.tone.findData(c.tone if c else "neutral"))
        self.topics = QLineEdit(c.topics if c else "")
        self.topics.setAccessibleName(self.tr("Topics"))
        self.topics.setPlaceholderText(self.tr("e.g. traffic, noise, jobs"))
        links = coverage.link_choices()
        self.material = self._link_combo(self.tr("Press material"), links.materials, c.material_id if c else None)
        self.event = self._link_combo(self.tr("Event"), links.events, c.event_id if c else None)
        self.concern = self._link_combo(self.tr("Concern"), links.concerns, c.concern_id if c else None)
        form = QFormLayout()
        form.addRow(self.tr("&Outlet:"), self.outlet)
        form.addRow(self.tr("&Date:"), self.published_on)
        form.addRow(self.tr("&Headline:"), self.headline)
        form.addRow(self.tr("&Link:"), self.url)
        form.addRow(buddy_label(self.tr("&File:"), self.file_path), file_row)
        form.addRow(self.tr("&Reach:"), self.reach)
        form.addRow(self.tr("&Tone:"), self.tone)
        form.addRow(self.tr("To&pics:"), self.topics)
        form.addRow(self.tr("Follows &release:"), self.material)
        form.addRow(self.tr("About &event:"), self.event)
        form.addRow(self.tr("About &concern:"), self.concern)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.outlet.setFocus()

    def _link_combo(self, name: str, options: list[tuple[int, str]], current: int | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(self.tr("(none)"), None)
        for record_id, label in options:
            combo.addItem(label, record_id)
        if current is not None:
            index = combo.findData(current)
            if index < 0:  # older than the offered ones: still show it
                combo.addItem(f"#{current}", current)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        combo.setMaximumWidth(460)
        return combo

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file"), self.file_path.text() or _FOLDER.get())
        if path:
            self.file_path.setText(path)
            _FOLDER.set(str(Path(path).parent))

    def values(self) -> dict:
        d = self.published_on.date()
        values = {"outlet_id": self.outlet.selected_id(), "outlet_name": self.outlet.free_text(),
                  "published_on": date(d.year(), d.month(), d.day()), "headline": self.headline.text(),
                  "url": self.url.text(), "file_path": self.file_path.text(), "tone": self.tone.currentData(),
                  "reach": None if self.reach.value() < 0 else self.reach.value(), "topics": self.topics.text(),
                  "material_id": self.material.currentData(), "event_id": self.event.currentData(),
                  "concern_id": self.concern.currentData()}
        if values["outlet_id"] is not None:
            values["outlet_name"] = ""  # filled in from the outlet by the service
        return values

    def accept(self) -> None:
        try:
            if self.coverage_id is None:
                c = coverage.log(**self.values())
            else:
                c = coverage.update(self.coverage_id, **self.values())
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot save the coverage"))
            return
        self.coverage_saved.emit(c.id)
        super().accept()
