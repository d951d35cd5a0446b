"""File → Open Team Database…: where the server is, who you are, and the password.

The address is tried on the worker (a server that is away takes the whole
connect timeout to say so); the dialog stays responsive, shows that it is
connecting, and says plainly why a connection failed.
"""
from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QSpinBox, QVBoxLayout, QWidget)

from commrel import engines
from commrel.errors import ServerUnavailable

from .. import keychain, tasks
from ..widgets.theme import ErrorLabel

DEFAULT_PORT = 5432


class OpenTeamDatabaseDialog(QDialog):
    """On success ``url`` (never with a password) and ``password`` say what to open."""

    def __init__(self, parent: QWidget | None = None, url: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open team database"))
        self.url = ""
        self.password: str | None = None
        self._ticket = 0
        self._connecting = False
        self._from_keychain = False
        intro = QLabel(self.tr("A database shared by the team on a PostgreSQL server. Paste the address your "
                               "administrator gave you, or fill in its parts."))
        intro.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setAccessibleName(self.tr("Server address"))
        self.address.setPlaceholderText("postgresql://user@host:5432/commrel")
        self.host = QLineEdit()
        self.host.setAccessibleName(self.tr("Server"))
        self.host.setPlaceholderText(self.tr("e.g. db.example.org"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName(self.tr("Port"))
        self.database = QLineEdit()
        self.database.setAccessibleName(self.tr("Database"))
        self.database.setPlaceholderText("commrel")
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("User name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setPlaceholderText(self.tr("Leave empty if the server does not ask for one"))
        self.remember = QCheckBox(self.tr("&Remember in the system keychain"))
        self.remember.setToolTip(self.tr("Kept by the operating system's password store, not by Commrel"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in ((self.tr("&Address:"), self.address), (self.tr("&Server:"), self.host)):
            self._row(form, text, widget)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port)
        port_row.addStretch(1)
        port_label = QLabel(self.tr("P&ort:"))
        port_label.setBuddy(self.port)
        form.addRow(port_label, port_row)
        for text, widget in ((self.tr("&Database:"), self.database), (self.tr("&User name:"), self.user),
                             (self.tr("Pass&word:"), self.password_edit)):
            self._row(form, text, widget)
        form.addRow("", self.remember)

        self.message = ErrorLabel()
        self.message.setObjectName("team_database_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress_row = QWidget()
        progress_layout = QVBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress)
        self.progress_row.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.buttons.accepted.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.progress_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.address.textEdited.connect(self._address_edited)
        for edit in (self.host, self.database, self.user):
            edit.textEdited.connect(self._parts_edited)
        self.port.valueChanged.connect(self._parts_edited)
        if url:
            self.address.setText(url)
            self._address_edited(url)
        (self.password_edit if url else self.address).setFocus()

    @staticmethod
    def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)

    # The address and its parts follow each other ---------------------------------------------

    def _address_edited(self, text: str) -> None:
        text = text.strip()
        if not engines.is_server_url(text):
            return
        try:
            parsed = engines.parse_server_url(text)
        except ValueError:
            return  # still being typed; checked on Open
        for edit, value in ((self.host, parsed.host), (self.database, parsed.database), (self.user, parsed.user)):
            edit.setText(value)
        self.port.blockSignals(True)
        self.port.setValue(parsed.port)
        self.port.blockSignals(False)
        if parsed.password is not None:
            # A pasted password goes where passwords go, out of the address that may be kept in settings.
            self.password_edit.setText(parsed.password)
            self.address.setText(engines.strip_password(text))

    def _parts_edited(self, *_args) -> None:
        self.address.setText(self.built_url())

    def built_url(self) -> str:
        host = self.host.text().strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        user = self.user.text().strip()
        who = f"{quote(user, safe='')}@" if user else ""
        return f"postgresql://{who}{host}:{self.port.value()}/{quote(self.database.text().strip(), safe='')}"

    # Connecting ----------------------------------------------------------------------------------

    def validate(self) -> engines.ServerAddress | None:
        """The address to try, or None with the reason shown."""
        text = self.address.text().strip()
        if text and not engines.is_server_url(text):
            return self._refuse(self.tr("The address must start with postgresql://, as in "
                                        "postgresql://user@host:5432/commrel."), self.address)
        if not self.host.text().strip():
            return self._refuse(self.tr("Enter the server's name or address."), self.host)
        if not self.database.text().strip():
            return self._refuse(self.tr("Enter the name of the database on the server."), self.database)
        try:
            return engines.parse_server_url(self.built_url())
        except ValueError as exc:
            return self._refuse(str(exc), self.address)

    def _refuse(self, text: str, widget: QWidget) -> None:
        self.show_message(text)
        widget.setFocus()
        return None

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def connect_to_server(self) -> None:
        if self._connecting:
            return
        self.show_message("")
        address = self.validate()
        if address is None:
            return
        typed = self.password_edit.text()
        password = typed or keychain.saved_password(address)
        self._from_keychain = not typed and password is not None
        self._ticket += 1
        ticket = self._ticket
        self._set_connecting(True, address.display)
        from ..team_database import probe

        tasks.runner().run(probe, address.with_password(password or None), with_progress=False,
                           on_success=lambda _: self._connected(ticket, address, password),
                           on_failure=lambda exc: self._failed(ticket, exc))

    def _set_connecting(self, on: bool, display: str = "") -> None:
        self._connecting = on
        self.progress_label.setText(self.tr("Connecting to {0}…").format(display))
        self.progress_row.setVisible(on)
        for widget in (self.address, self.host, self.port, self.database, self.user, self.password_edit,
                       self.remember, self.open_button):
            widget.setEnabled(not on)
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _connected(self, ticket: int, address: engines.ServerAddress, password: str | None) -> None:
        if ticket != self._ticket:
            return  # a newer attempt, or the dialog was closed
        self._set_connecting(False)
        if self.remember.isChecked() and password:
            keychain.remember(address, password)
        self.url = address.display
        self.password = password or None
        self.accept()

    def _failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        self._set_connecting(False)
        if isinstance(exc, ServerUnavailable) and exc.needs_password:
            text = (self.tr("The password saved in the keychain was not accepted; type it again.")
                    if self._from_keychain else
                    self.tr("The server needs a password, or the one given was not accepted."))
            self.show_message(text)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.show_message(str(exc))

    def reject(self) -> None:
        self._ticket += 1  # an attempt still under way is forgotten
        self._set_connecting(False)
        super().reject()
