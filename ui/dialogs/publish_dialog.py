"""Publish calendar: the .ics file Commrel keeps up to date with the events, and how much it shows."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from .export_dialog import ProfileChoice


class PublishDialog(QDialog):
    def __init__(self, publisher, parent: QWidget | None = None):
        super().__init__(parent)
        self.publisher = publisher
        self.setWindowTitle(self.tr("Publish calendar"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("Commrel rewrites this calendar file a few seconds after events change. Put it "
                               "in a synced or shared folder and subscribe to it from a calendar program."))
        intro.setWordWrap(True)
        self.path = QLineEdit(publisher.path)
        self.path.setPlaceholderText(self.tr("Choose where to write the calendar"))
        self.path.setAccessibleName(self.tr("Calendar file"))
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self.choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        profile_box = QGroupBox(self.tr("Profile: how much it shows"))
        self.profiles = ProfileChoice(self, QVBoxLayout(profile_box), "calendar")
        self.profiles.choose(publisher.profile)
        self.profile_buttons = self.profiles.buttons
        self.state = QLabel(self._state_text())
        self.state.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = buttons.addButton(self.tr("&Publish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setDefault(True)
        self.stop_button = buttons.addButton(self.tr("&Stop publishing"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.stop_button.setVisible(publisher.active)
        self.stop_button.clicked.connect(self.stop)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(lambda text: self.publish_button.setEnabled(bool(text.strip())))
        self.publish_button.setEnabled(bool(self.path.text().strip()))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(where)
        layout.addWidget(profile_box)
        layout.addWidget(self.state)
        layout.addWidget(buttons)

    def _state_text(self) -> str:
        p = self.publisher
        if not p.active:
            return self.tr("The calendar is not published.")
        if p.last_error:
            return self.tr("The last attempt to write {0} failed: {1}").format(p.path, p.last_error)
        if p.last_published is not None and p.last_result is not None:
            return self.tr("Written at {0} with {1} events.").format(f"{p.last_published:%H:%M}",
                                                                     f"{p.last_result.count:,}")
        return self.tr("Published to {0}.").format(p.path)

    def profile(self) -> str:
        return self.profiles.chosen()

    def choose(self) -> None:
        start = self.path.text().strip() or str(Path.home() / "commrel-events.ics")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Publish the calendar to"), start,
                                              self.tr("Calendar (*.ics)"))
        if path:
            self.path.setText(path if path.lower().endswith(".ics") else path + ".ics")

    def accept(self) -> None:
        path = self.path.text().strip()
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        self.publisher.configure(path, self.profile())
        super().accept()

    def stop(self) -> None:
        self.publisher.stop()
        self.reject()
