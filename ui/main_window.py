"""The main window: navigation, the panels, menus and the status bar. Composition only."""
from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter,
                               QStackedWidget, QToolBar)

from commrel import db

from . import hub, refresh_watch, settings, tasks, undo
from .database_name import database_names
from .menus import build_menus
from .panels import PANELS, PanelEntry
from .panels.base import Panel
from .panels.lazy_panels import LazyPanels
from .status_counts import status_counts

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        # The counts and the first panel's records are asked for below; they load once the window is up.
        tasks.runner().hold_until_painted(self)
        self.setWindowTitle("Commrel")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.panels = LazyPanels(PANELS, self._build_panel)
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMaximumWidth(220)
        self.nav.setMinimumWidth(140)
        self.stack = QStackedWidget()
        for entry in PANELS:
            item = QListWidgetItem(entry.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setSizeHint(QSize(0, 36))
            self.nav.addItem(item)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1100])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self._show_row)

        self.toolbar = QToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.actions_ = build_menus(self)

        self._db_label = QLabel()
        self._counts_label = QLabel()
        self.statusBar().addWidget(self._db_label, 1)
        self.statusBar().addPermanentWidget(self._counts_label)
        refresh_watch.install(self)

        h = hub.hub()
        h.data_changed.connect(self._data_changed)
        h.record_requested.connect(self.open_record)
        # Bound methods, not lambdas: Qt drops them when the window goes (the hub lives on).
        h.status_message.connect(self.show_status)
        h.database_opened.connect(self._database_opened)
        undo.stack().cleanChanged.connect(lambda _: None)
        self._counts_generation = 0
        # Counts first: they go to the worker ahead of the restored panel's own loading.
        self.database_changed()
        self._restore_state()

    # Navigation ----------------------------------------------------------

    def _build_panel(self, entry: PanelEntry) -> Panel:
        panel = entry.load()(self)
        self.stack.addWidget(panel)
        panel.restore_state()
        return panel

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        panel = self.panels[key]
        self.stack.setCurrentWidget(panel)
        panel.activate()

    def show_panel(self, key: str) -> Panel:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
        return self.panels[key]

    def current_panel(self) -> Panel:
        return self.stack.currentWidget()

    def open_record(self, kind: str, record_id: int) -> None:
        key = {"stakeholder": "stakeholders", "event": "events", "concern": "concerns"}.get(kind, kind)
        if key in self.panels:
            self.show_panel(key).open_record(record_id)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _database_opened(self, _path: str) -> None:
        self.database_changed()

    # Data ------------------------------------------------------------------

    def database_changed(self) -> None:
        name, status_text, where = database_names()
        self.setWindowTitle(f"{name} — Commrel")
        self._db_label.setText(status_text)
        self._db_label.setToolTip(where)
        undo.stack().clear()
        for panel in self.panels.built():
            panel._stale = True
        current = self.current_panel()
        if current is not None and current.isVisible():
            current.activate()
        self._refresh_counts()

    def _data_changed(self, kind: str) -> None:
        for panel in self.panels.built():
            panel.data_changed(kind)
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        # Counting a large register takes a noticeable moment: the worker does it, never the
        # window, and an older answer that arrives late is dropped.
        self._counts_generation += 1
        generation = self._counts_generation
        if not db.is_open():
            self._counts_label.setText("")
            return
        tasks.runner().run(status_counts, with_progress=False,
                           on_success=lambda c: self._show_counts(generation, c),
                           on_failure=lambda exc: log.warning("record counts failed: %s", exc))

    def _show_counts(self, generation: int, c: dict[str, int]) -> None:
        if generation != self._counts_generation:
            return
        def part(n: int, one: str, many: str) -> str:
            return (one if n == 1 else many).format(f"{n:,}")
        self._counts_label.setText(" · ".join((
            part(c["stakeholders"], self.tr("{0} stakeholder"), self.tr("{0} stakeholders")),
            part(c["events"], self.tr("{0} event"), self.tr("{0} events")),
            part(c["open_concerns"], self.tr("{0} open concern"), self.tr("{0} open concerns")))))

    # Drag and drop: a dropped file is imported ---------------------------------

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):
        from .exchange_actions import import_file

        for url in event.mimeData().urls():
            if url.isLocalFile():
                import_file(self, url.toLocalFile())
                break

    # State -----------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.WINDOW_STATE.get()
        if not state.isEmpty():
            self.restoreState(state)
        split = settings.panel_option("main", "splitter").get()
        if not split.isEmpty():
            self.splitter.restoreState(split)
        self.show_panel(settings.LAST_PANEL.get() if settings.LAST_PANEL.get() in self.panels else "dashboard")

    def save_state(self) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_STATE.set(self.saveState())
        settings.panel_option("main", "splitter").set(self.splitter.saveState())
        settings.LAST_PANEL.set(self.current_panel().key)
        # A panel never shown this time still holds the state it was restored from.
        for panel in self.panels.built():
            panel.save_state()

    def closeEvent(self, event):
        self.save_state()
        super().closeEvent(event)


def shortcut(action: QAction, keys) -> QAction:
    action.setShortcut(QKeySequence(keys))
    return action
