"""Work that waits until a window has put its first frame on screen.

Python threads share one interpreter lock: a worker that starts loading figures
while the window is still being laid out and painted slows that first paint
down, and the officer looks at nothing for longer. Loading starts once the
window is up: a frame later than it could, for a window that is up sooner.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that never paints (started minimised, say) still gets its work started.
LATEST_MS = 1500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        # The widget's child: the wait, its timer and the callback go with the widget.
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._fire)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            obj.removeEventFilter(self)
            # Queued: runs once this paint is finished, not in the middle of it.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self.deleteLater()
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, on the main thread, right after ``widget`` first paints.

    Nothing is called if the widget is deleted first.
    """
    _FirstPaint(widget, callback)
