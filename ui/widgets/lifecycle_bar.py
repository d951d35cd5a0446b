"""A step bar: the stages a concern has passed, the one it is at, and those still ahead."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from commrel.models import choices
from commrel.services import concern_lifecycle

from ..formatting import choice_label

_STYLES = {
    "done": "background: #dfeadf; color: #24512b; border: 1px solid #9fc3a3;",
    "current": "background: #23395d; color: white; border: 1px solid #23395d; font-weight: 600;",
    "closed": "background: #5b5b5b; color: white; border: 1px solid #5b5b5b; font-weight: 600;",
    "ahead": "background: transparent; color: #6b6b6b; border: 1px dashed #a8a8a8;",
}


class LifecycleBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.steps: list[tuple[str, str]] = []  # (status, state)
        self.setAccessibleName(self.tr("Lifecycle"))

    def set_status(self, status: str, passed: list[str]) -> None:
        """Show ``status`` after the ``passed`` statuses (oldest first), then the main-line steps ahead."""
        done, ahead = concern_lifecycle.stage_path(status, passed)
        current = "closed" if status in choices.CLOSED_CONCERN_STATUSES else "current"
        self.steps = [(s, "done") for s in done] + [(status, current)] + [(s, "ahead") for s in ahead]
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for n, (step, state) in enumerate(self.steps):
            if n:
                arrow = QLabel("›")
                arrow.setAccessibleName("")
                arrow.setStyleSheet("color: #8a8a8a; font-size: 14pt;")
                self._layout.addWidget(arrow)
            text = choice_label(choices.CONCERN_STATUSES, step)
            label = QLabel(("✓ " if state == "done" else "") + text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setMinimumWidth(64)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            label.setStyleSheet(f"QLabel {{ {_STYLES[state]} border-radius: 9px; padding: 3px 8px; }}")
            label.setToolTip({"done": self.tr("Done"), "current": self.tr("Current stage"),
                              "closed": self.tr("Closed"), "ahead": self.tr("Still to come")}[state])
            self._layout.addWidget(label, 1)
        names = [choice_label(choices.CONCERN_STATUSES, s) for s, _ in self.steps]
        self.setAccessibleDescription(self.tr("Now {0}; done: {1}; still to come: {2}").format(
            choice_label(choices.CONCERN_STATUSES, status),
            ", ".join(names[:len(done)]) or self.tr("nothing yet"),
            ", ".join(names[len(done) + 1:]) or self.tr("nothing")))
