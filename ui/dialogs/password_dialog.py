"""Ask for a team database's password, and whether to keep it in the system keychain."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ..widgets.theme import ErrorLabel


class PasswordDialog(QDialog):
    def __init__(self, display: str, message: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team database password"))
        intro = QLabel(self.tr("Password for {0}:").format(display))
        intro.setWordWrap(True)
        self.message = ErrorLabel(message)
        self.message.setObjectName("password_message")
        self.message.setVisible(bool(message))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("&Remember in the system keychain"))
        self.remember.setToolTip(self.tr("Kept by the operating system's password store, not by Commrel"))
        form = QFormLayout()
        label = QLabel(self.tr("&Password:"))
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.password.setFocus()


def ask_password(parent: QWidget | None, display: str, message: str = "") -> tuple[str, bool] | None:
    """(password, remember it) or None when cancelled."""
    dialog = PasswordDialog(display, message, parent)
    try:
        if not dialog.exec():
            return None
        return dialog.password.text(), dialog.remember.isChecked()
    finally:
        dialog.deleteLater()
