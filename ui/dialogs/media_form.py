"""Small helpers shared by the media forms."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ..widgets.empty_state import EmptyState


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose Alt+letter shortcut focuses ``buddy`` (rows holding a layout need one made)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def open_dialog(owner: QWidget, dialog: QDialog) -> QDialog:
    """Show ``dialog`` window-modal without blocking; ``owner.dialog`` names it while it is open.

    Not blocking keeps the window painting (and lets tests fill the form like a person would);
    the dialog deletes itself when closed so repeated use does not pile up hidden dialogs.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    owner.dialog = dialog

    def finished(_result: int) -> None:
        if owner.dialog is dialog:
            owner.dialog = None

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def media_empty_state(title: str, text: str, action: str, width: int = 540) -> EmptyState:
    """An empty state whose explanation wraps at a readable width rather than across the whole panel."""
    empty = EmptyState(title, text, action)
    # A wrapped label given an alignment is laid out at its size hint; fix its width and the height that needs.
    empty.text.setFixedWidth(width)
    empty.text.setMinimumHeight(empty.text.heightForWidth(width))
    empty.layout().setAlignment(empty.text, Qt.AlignmentFlag.AlignHCenter)
    return empty
