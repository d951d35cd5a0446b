"""What every panel of the main window offers the window."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Panel(QWidget):
    key = "panel"
    title = "Panel"
    icon_name = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stale = True
        self.setAccessibleName(self.title)

    def activate(self) -> None:
        """Called when the panel is shown; loads data the first time and after changes."""
        if self._stale:
            self._stale = False
            self.refresh()

    def data_changed(self, kind: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        pass

    def open_record(self, record_id: int) -> None:
        pass

    def save_state(self) -> None:
        pass

    def restore_state(self) -> None:
        pass
