"""The Qt bindings installed keep the app alive through long sessions.

PySide6 6.12.0 drops a reference to None on every call that returns nothing
(``label.setText``, ``painter.drawLine``...). Before Python 3.12 None is an
ordinary object with a few thousand references, so the app aborts with
"Fatal Python error: deallocating None" after some thousands of such calls:
with a busy agenda, within a few repaints. pyproject.toml keeps that version
off Python 3.11; this test fails, rather than crashes, if it comes back.
"""
import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for n in range(500):
        label.setText(str(n))
        painter.drawLine(QPointF(0, 0), QPointF(10, 10))
    painter.end()
    assert sys.getrefcount(None) >= before - 50
