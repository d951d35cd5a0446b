"""Import and export from the window: choose, map, plan in the background, preview, commit, undo.

An import goes file → (spreadsheets) kind, sheet and columns → preview →
commit, each step in a window-modal dialog that does not block the event
loop, and every read or write in the background with progress and Cancel.
When something lands, the status bar says so, with the way back: "Undo"
after an import, "Open folder" after an export.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
                               QPushButton, QWidget)

from commrel import exchange
from commrel.errors import Cancelled, ExchangeError
from commrel.exchange import ImportPlan, ImportResult
from commrel.services import batches

from . import hub, settings, tasks
from .errors import show_error

SPREADSHEET_FORMATS = ("xlsx", "csv")
NOTICE_NAME = "exchange_notice"
NOTICE_SECONDS = 30


def _tr(text: str) -> str:
    return QApplication.translate("exchange_actions", text)


# Importing ---------------------------------------------------------------------------------------

def import_dialog(parent: QWidget, kind: str | None = None) -> "ImportFlow | None":
    filters = exchange.dialog_filters("import")
    if not filters:
        QMessageBox.information(parent, _tr("Import"), _tr("No import formats are available."))
        return None
    every = " ".join(sorted({f"*{e}" for fmt in exchange.formats() if fmt.plan_import for e in fmt.extensions}))
    path, _ = QFileDialog.getOpenFileName(parent, _tr("Import"), settings.LAST_IMPORT_FOLDER.get(),
                                          ";;".join([_tr("Files Commrel can import ({0})").format(every), *filters]))
    if not path:
        return None
    settings.LAST_IMPORT_FOLDER.set(str(Path(path).parent))
    return import_file(parent, path, kind)


def import_file(parent: QWidget, path: str, kind: str | None = None) -> "ImportFlow | None":
    """Import ``path`` (chosen, or dropped on the window); ``kind`` is where to start for a spreadsheet."""
    flow = ImportFlow(parent, Path(path), kind)
    return flow if flow.start() else None


def _first_plan(path: Path, kind: str | None, *, progress=None) -> ImportPlan:
    """The plan to start the columns dialog with: for ``kind``, else for what the sheet looks like."""
    from commrel.exchange import spreadsheet_import

    if kind is None:
        return spreadsheet_import.plan_import(path, spreadsheet_import.guess_kind(path), progress=progress)
    try:
        return spreadsheet_import.plan_import(path, kind, progress=progress)
    except ExchangeError:
        # Started from one panel with a sheet of something else: offer what it looks like instead.
        guessed = spreadsheet_import.guess_kind(path)
        if guessed == kind:
            raise
        return spreadsheet_import.plan_import(path, guessed, progress=progress)


class ImportFlow(QObject):
    """One import, from the file to the committed batch; the dialogs of each step hang off it."""

    finished = Signal(object)  # the ImportResult, or None when nothing was imported

    def __init__(self, parent: QWidget, path: Path, kind: str | None):
        super().__init__(parent)
        self.widget = parent
        self.path = path
        self.kind = kind
        self.format: exchange.FileFormat | None = None
        self.mapping_dialog = None
        self.preview_dialog = None
        self.result: ImportResult | None = None

    def start(self) -> bool:
        try:
            self.format = exchange.for_path(self.path, purpose="import")
        except Exception as exc:  # an unknown extension is the person's to fix; say which ones work
            self._fail(exc)
            return False
        title = _tr("Reading {0}…").format(self.path.name)
        if self.format.name in SPREADSHEET_FORMATS:
            kind = self.kind if self.kind in self.format.kinds and self.kind != "all" else None
            tasks.runner().run(_first_plan, self.path, kind, title=title, parent=self.widget,
                               on_success=self._planned, on_failure=self._fail)
        else:
            kind = self.kind if self.kind in self.format.kinds else self.format.kinds[0]
            tasks.runner().run(self.format.plan_import, self.path, kind, title=title, parent=self.widget,
                               on_success=self._planned, on_failure=self._fail)
        return True

    def _planned(self, plan: ImportPlan) -> None:
        if self.format.name not in SPREADSHEET_FORMATS:
            self._preview(plan)
            return
        from .dialogs.mapping_dialog import MappingDialog

        self.mapping_dialog = dialog = MappingDialog(plan, self.widget)
        dialog.accepted.connect(lambda: self._preview(dialog.plan))
        dialog.rejected.connect(self._end)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _preview(self, plan: ImportPlan) -> None:
        from .dialogs.import_preview_dialog import ImportPreviewDialog

        self.preview_dialog = dialog = ImportPreviewDialog(plan, self.widget)
        dialog.accepted.connect(lambda: self._commit(plan))
        dialog.rejected.connect(self._end)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _commit(self, plan: ImportPlan) -> None:
        tasks.runner().run(self.format.apply_import, plan, title=_tr("Importing {0}…").format(self.path.name),
                           parent=self.widget, on_success=self._imported, on_failure=self._fail)

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        if result.batch_id is None:
            notify(self.widget, _tr("Nothing to import from {0}: {1} unchanged, {2} skipped.").format(
                self.path.name, f"{result.unchanged:,}", f"{result.skipped:,}"))
        else:
            hub.changed("all")
            batch = result.batch_id
            notify(self.widget, _tr("Imported {0}: {1} created, {2} updated, {3} unchanged, {4} skipped. "
                                    "File ▸ Import history can undo it.").format(
                       self.path.name, f"{result.created:,}", f"{result.updated:,}", f"{result.unchanged:,}",
                       f"{result.skipped:,}"),
                   [(_tr("Undo"), lambda: undo_import(self.widget, batch))])
        self._end(result)

    def _fail(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            show_error(self.widget, exc, _tr("Cannot import"))
        self._end()

    def _end(self, result: ImportResult | None = None) -> None:
        self.finished.emit(result)
        self.deleteLater()


def show_import_history(parent: QWidget) -> None:
    from .dialogs.import_history_dialog import ImportHistoryDialog

    dialog = ImportHistoryDialog(parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def undo_import(parent: QWidget, batch_id: int, on_done: Callable[[], None] | None = None) -> None:
    """Undo import ``batch_id`` in the background; ``on_done`` runs once it has landed."""
    def undone(count: int) -> None:
        hub.changed("all")
        notify(parent, _tr("Import undone: {0} records put back as they were.").format(f"{count:,}"))
        if on_done is not None:
            on_done()

    tasks.runner().run(batches.undo, batch_id, with_progress=False, parent=parent, on_success=undone,
                       on_failure=lambda exc: show_error(parent, exc, _tr("Cannot undo the import")))


# Exporting ---------------------------------------------------------------------------------------

def export_dialog(parent: QWidget, kind: str | None = None, *, ids: list[int] | None = None,
                  filter: Any = None):
    """Ask what to export and where; ``filter`` and ``ids`` offer the caller's view and selection."""
    from .dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(parent, kind, filter=filter, ids=ids)
    dialog.accepted.connect(lambda: export_to(parent, dialog.choice(), dialog.path))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def export_to(parent: QWidget, choice, path: Path) -> None:
    """Run the export ``choice`` (an ``ExportChoice``) to ``path`` in the background."""
    fn, args, kwargs = choice.job(Path(path))

    def done(result) -> None:
        folder = Path(result.path).parent
        text = _tr("Exported {0} records to {1}.").format(f"{result.count:,}", Path(result.path).name)
        notify(parent, text, [(_tr("Open folder"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))],
               details=result.message)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            show_error(parent, exc, _tr("Cannot export"))

    tasks.runner().run(fn, *args, title=_tr("Exporting to {0}…").format(Path(path).name), parent=parent,
                       on_success=done, on_failure=failed, **kwargs)


# The status bar notice -----------------------------------------------------------------------------

def _main_window(widget: QWidget | None) -> QMainWindow | None:
    while widget is not None and not isinstance(widget, QMainWindow):
        widget = widget.parentWidget()
    return widget


class StatusNotice(QFrame):
    """A message in the status bar with a button or two (Undo, Open folder); it goes after a while."""

    def __init__(self, text: str, actions: list[tuple[str, Callable[[], None]]], details: str = ""):
        super().__init__()
        self.setObjectName(NOTICE_NAME)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel(text)
        self.label.setToolTip(details)
        layout.addWidget(self.label)
        self.buttons: list[QPushButton] = []
        for title, action in actions:
            button = QPushButton(title)
            button.clicked.connect(action)
            button.clicked.connect(self.dismiss)
            layout.addWidget(button)
            self.buttons.append(button)
        QTimer.singleShot(NOTICE_SECONDS * 1000, self, self.dismiss)

    def dismiss(self) -> None:
        self.hide()
        self.deleteLater()


def notify(parent: QWidget | None, text: str, actions: list[tuple[str, Callable[[], None]]] = (),
           details: str = "") -> None:
    """Say in the window's status bar that something landed, with ``actions`` as buttons."""
    window = _main_window(parent)
    if window is None:
        hub.hub().status_message.emit(text)
        return
    for old in window.findChildren(StatusNotice, NOTICE_NAME):
        old.dismiss()
    window.statusBar().insertPermanentWidget(0, StatusNotice(text, list(actions), details))
