"""Export: what to write (kind, scope), in which format, under which profile; then where.

The dialog only gathers choices; :class:`ExportChoice` turns them into the
core call that a background job runs.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget)

from commrel.services.stakeholder_queries import StakeholderFilter

from .. import settings

SPREADSHEETS = ("xlsx", "csv_comma", "csv_semicolon")
EXTENSIONS = {"xlsx": ".xlsx", "csv_comma": ".csv", "csv_semicolon": ".csv", "ics": ".ics", "deadlines": ".ics"}
PROFILES = ("full", "partner", "public")


@dataclass(frozen=True)
class ExportChoice:
    """Everything the export needs but the file name."""

    kind: str  # stakeholders, organisations, interactions, events, concerns, all
    format: str  # xlsx, csv_comma, csv_semicolon, ics, deadlines
    profile: str
    filter: Any = None
    ids: tuple[int, ...] | None = None
    include_attendees: bool | None = None

    def suggested_name(self, today: date | None = None) -> str:
        stem = "concern-deadlines" if self.format == "deadlines" else self.kind
        return f"{stem}-{self.profile}-{(today or date.today()).isoformat()}{EXTENSIONS[self.format]}"

    def job(self, path: Path) -> tuple[Callable[..., Any], tuple, dict[str, Any]]:
        """(function, args, keyword args) of the core call that writes ``path``; it takes ``progress=``."""
        if self.format == "deadlines":
            from commrel.exchange.ics import export_concern_deadlines

            return export_concern_deadlines, (path,), {"profile": self.profile}
        kind, selection = self.kind, {"filter": self.filter, "ids": list(self.ids) if self.ids is not None else None}
        if kind == "organisations":
            kind, selection = "stakeholders", _organisations(self.filter, self.ids)
        selection = {k: v for k, v in selection.items() if v is not None}
        if self.format == "ics":
            from commrel.exchange.ics import export

            return export, (path, kind), {"profile": self.profile, "include_attendees": self.include_attendees,
                                          **selection}
        if self.format == "xlsx":
            from commrel.exchange.xlsx import export

            return export, (path, kind), {"profile": self.profile, **selection}
        from commrel.exchange.csv_format import export

        delimiter = ";" if self.format == "csv_semicolon" else ","
        return export, (path, kind), {"profile": self.profile, "delimiter": delimiter, **selection}


def _organisations(f: StakeholderFilter | None, ids) -> dict[str, Any]:
    """The organisations among a filter or a selection (everything: every organisation, archived too)."""
    base = f if isinstance(f, StakeholderFilter) else StakeholderFilter(archived=None)
    if base.kinds and "organisation" not in base.kinds:
        return {"ids": []}
    return {"filter": replace(base, kinds=["organisation"]), "ids": list(ids) if ids is not None else None}


def profile_texts(widget: QWidget, target: str = "sheet") -> dict[str, tuple[str, str]]:
    """Each profile's button text and what it means for ``target``: "sheet", "calendar" or "deadlines"."""
    tr = widget.tr
    titles = {"full": tr("&Full"), "partner": tr("&Partner"), "public": tr("P&ublic")}
    if target == "calendar":
        texts = {"full": tr("Every event, with its attendees who may be contacted and the organiser."),
                 "partner": tr("For a calendar the same as Full: attendees who may be contacted and the "
                               "organiser."),
                 "public": tr("The events alone: no attendees and no organiser's address.")}
    elif target == "deadlines":
        texts = {"full": tr("Names the complainant, unless the concern is anonymous or confidential."),
                 "partner": tr("Without the complainants' names."),
                 "public": tr("Without the complainants' names.")}
    else:
        texts = {"full": tr("Every column and every record, for your own team."),
                 "partner": tr("For partner organisations: no internal notes or consent details, no one who "
                               "asked not to be contacted, no names of anonymous or confidential complainants."),
                 "public": tr("For publication: organisations only, no personal data, no assessments or "
                              "internal fields, no participant lists.")}
    return {key: (titles[key], texts[key]) for key in PROFILES}


class ProfileChoice:
    """A radio button per profile, each with its explanation in a quieter colour below it."""

    def __init__(self, widget: QWidget, layout, target: str = "sheet"):
        self.widget = widget
        self.group = QButtonGroup(widget)
        self.buttons: dict[str, QRadioButton] = {}
        self.notes: dict[str, QLabel] = {}
        for index, key in enumerate(PROFILES):
            button = QRadioButton()
            note = QLabel()
            note.setWordWrap(True)
            note.setIndent(22)
            palette = note.palette()
            palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
            note.setPalette(palette)
            self.group.addButton(button, index)
            self.buttons[key], self.notes[key] = button, note
            layout.addWidget(button)
            layout.addWidget(note)
        self.explain(target)

    def explain(self, target: str) -> None:
        for key, (title, text) in profile_texts(self.widget, target).items():
            self.buttons[key].setText(title)
            self.notes[key].setText(text)

    def chosen(self) -> str:
        return next((k for k, b in self.buttons.items() if b.isChecked()), "full")

    def choose(self, key: str) -> None:
        self.buttons.get(key, self.buttons["full"]).setChecked(True)


class ExportDialog(QDialog):
    """``kind`` preselects what to export; ``filter`` and ``ids`` offer the caller's view or selection."""

    def __init__(self, parent: QWidget | None = None, kind: str | None = None, *, filter: Any = None,
                 ids: list[int] | None = None):
        super().__init__(parent)
        self.origin = kind
        self.filter = filter
        self.ids = tuple(ids) if ids is not None else None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)

        self.kind = QComboBox()
        for key, label in (("stakeholders", self.tr("Stakeholders")),
                           ("organisations", self.tr("Organisations only")),
                           ("interactions", self.tr("Interactions")), ("events", self.tr("Events")),
                           ("concerns", self.tr("Concerns")),
                           ("all", self.tr("Everything (a workbook with a sheet for each)"))):
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind or "stakeholders"), 0))

        self.scope_group = QButtonGroup(self)
        self.scope_everything = QRadioButton(self.tr("&Everything"))
        self.scope_filter = QRadioButton(self.tr("The records in the current &view (its filter)"))
        self.scope_selection = QRadioButton()
        scope_box = QGroupBox(self.tr("Which records"))
        scope_layout = QVBoxLayout(scope_box)
        for index, button in enumerate((self.scope_everything, self.scope_filter, self.scope_selection)):
            self.scope_group.addButton(button, index)
            scope_layout.addWidget(button)

        self.format = QComboBox()
        self.delimiter_note = QLabel(self.tr("Use semicolons where Excel expects them (where the comma is the "
                                             "decimal mark, as in much of Europe)."))
        self.delimiter_note.setWordWrap(True)
        self.attendees = QCheckBox(self.tr("Include &attendees (people with an email address who may be "
                                           "contacted)"))
        self.attendees.setChecked(True)

        profile_box = QGroupBox(self.tr("Profile: how much it may carry"))
        self.profiles = ProfileChoice(self, QVBoxLayout(profile_box))
        self.profiles.choose(settings.EXPORT_PROFILE.get())
        self.profile_buttons = self.profiles.buttons

        self.form = form = QFormLayout()
        form.addRow(self.tr("&Records:"), self.kind)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow("", self.delimiter_note)
        form.addRow("", self.attendees)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("E&xport…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scope_box)
        layout.addWidget(profile_box)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._fill_formats()
        self._update()
        if self.scope_selection.isEnabled():
            self.scope_selection.setChecked(True)
        elif self.scope_filter.isEnabled():
            self.scope_filter.setChecked(True)
        self.kind.currentIndexChanged.connect(lambda _: (self._fill_formats(), self._update()))
        self.format.currentIndexChanged.connect(lambda _: self._update())
        self.profiles.group.idToggled.connect(lambda _, on: on and self._profile_changed())

    # Choices that depend on each other --------------------------------------------------------

    def _fill_formats(self) -> None:
        kind = self.kind.currentData()
        previous = self.format.currentData()
        formats = [("xlsx", self.tr("Excel workbook (.xlsx)"))]
        if kind != "all":
            formats += [("csv_comma", self.tr("CSV, comma-separated (.csv)")),
                        ("csv_semicolon", self.tr("CSV, semicolon-separated (.csv)"))]
        if kind == "events":
            formats.append(("ics", self.tr("Calendar (.ics)")))
        if kind == "concerns":
            formats.append(("deadlines", self.tr("Concern deadlines as calendar to-dos (.ics)")))
        self.format.blockSignals(True)
        self.format.clear()
        for key, label in formats:
            self.format.addItem(label, key)
        self.format.setCurrentIndex(max(self.format.findData(previous), 0))
        self.format.blockSignals(False)

    def _scopes(self) -> tuple[bool, bool]:
        """Whether (the caller's filter, the caller's selection) can be exported as chosen."""
        kind, fmt = self.kind.currentData(), self.format.currentData()
        if fmt == "deadlines":
            return False, False
        same = kind == self.origin or (kind == "organisations" and self.origin == "stakeholders")
        people_filter = isinstance(self.filter, StakeholderFilter)
        if fmt == "ics":
            filter_fits = self.filter is not None and not people_filter and same
        else:
            # A stakeholder filter also picks the interactions, events and concerns linked to those people.
            filter_fits = self.filter is not None and (people_filter or same) and fmt in SPREADSHEETS
        return filter_fits, self.ids is not None and same and kind != "all"

    def _update(self) -> None:
        kind, fmt = self.kind.currentData(), self.format.currentData()
        filter_fits, selection_fits = self._scopes()
        self.scope_filter.setEnabled(filter_fits)
        self.scope_filter.setVisible(self.filter is not None)
        linked = isinstance(self.filter, StakeholderFilter) and kind not in ("stakeholders", "organisations")
        self.scope_filter.setText(self.tr("Those linked to the stakeholders in the current &view") if linked
                                  else self.tr("The records in the current &view (its filter)"))
        count = len(self.ids or ())
        self.scope_selection.setText((self.tr("The &selected record") if count == 1 else
                                      self.tr("The {0} &selected records")).format(f"{count:,}"))
        self.scope_selection.setEnabled(selection_fits)
        self.scope_selection.setVisible(self.ids is not None)
        checked = self.scope_group.checkedButton()
        if checked is None or not checked.isEnabled():
            self.scope_everything.setChecked(True)
        self.form.setRowVisible(self.delimiter_note, fmt == "csv_semicolon")
        self.form.setRowVisible(self.attendees, fmt == "ics")
        self.profiles.explain({"ics": "calendar", "deadlines": "deadlines"}.get(fmt, "sheet"))
        self.attendees.setEnabled(self.profile() != "public")
        if self.profile() == "public":
            self.attendees.setChecked(False)

    def _profile_changed(self) -> None:
        self.attendees.setChecked(self.profile() != "public")
        self._update()

    def profile(self) -> str:
        return self.profiles.chosen()

    def scope(self) -> str:
        return {self.scope_filter: "filter", self.scope_selection: "selection"}.get(
            self.scope_group.checkedButton(), "everything")

    def choice(self) -> ExportChoice:
        scope, fmt = self.scope(), self.format.currentData()
        return ExportChoice(
            kind=self.kind.currentData(), format=fmt, profile=self.profile(),
            filter=self.filter if scope == "filter" else None,
            ids=self.ids if scope == "selection" else None,
            include_attendees=self.attendees.isChecked() if fmt == "ics" else None)

    # Where -------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        choice = self.choice()
        folder = Path(settings.LAST_EXPORT_FOLDER.get() or Path.home())
        extension = EXTENSIONS[choice.format]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(folder / choice.suggested_name()),
                                              self.tr("{0} (*{1})").format(self.format.currentText(), extension))
        if not path:
            return  # back to the choices
        if not path.lower().endswith(extension):
            path += extension
        settings.LAST_EXPORT_FOLDER.set(str(Path(path).parent))
        settings.EXPORT_PROFILE.set(choice.profile)
        self.path = Path(path)
        self.accept()
