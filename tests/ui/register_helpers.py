"""Shared steps for the register's UI tests: a shown panel, rows by name, selecting rows."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from ui.models.stakeholder_table_model import COLUMNS


def make_panel(qtbot):
    from ui import hub
    from ui.panels.stakeholders_panel import StakeholdersPanel

    panel = StakeholdersPanel()
    qtbot.addWidget(panel)
    # The main window does this for every panel.
    hub.hub().data_changed.connect(panel.data_changed)
    panel.resize(1300, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.activate()
    return panel


def column(key: str) -> int:
    return next(n for n, c in enumerate(COLUMNS) if c.key == key)


def shown_names(panel) -> list[str]:
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def row_of(panel, name: str) -> int:
    return shown_names(panel).index(name)


def select_names(panel, *names: str) -> None:
    """Select rows as a person would: click the first, Ctrl+click the others."""
    view = panel.table
    for n, name in enumerate(names):
        rect = view.visualRect(panel.model.index(row_of(panel, name), 0))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def select_rows(panel, rows: list[int]) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(panel.model.index(row, 0), panel.model.index(row, len(COLUMNS) - 1))
    panel.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
