"""Import and export from the window: choose, plan in the background, preview, commit, undo."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from commrel import exchange
from commrel.services import batches

from . import hub, settings, tasks
from .errors import show_error

_KIND_LABELS = {"stakeholders": "Stakeholders", "interactions": "Interactions", "events": "Events",
                "concerns": "Concerns", "all": "Everything"}


def _choose_kind(parent: QWidget, fmt: exchange.FileFormat, purpose: str) -> str | None:
    kinds = [k for k in fmt.kinds if purpose == "export" or k != "all"]
    if len(kinds) == 1:
        return kinds[0]
    labels = [parent.tr(_KIND_LABELS.get(k, k)) for k in kinds]
    label, ok = QInputDialog.getItem(parent, parent.tr("What does the file hold?"),
                                     parent.tr("Records to {0}:").format(parent.tr(purpose)), labels, 0, False)
    return kinds[labels.index(label)] if ok else None


def import_dialog(parent: QWidget, kind: str | None = None) -> None:
    filters = exchange.dialog_filters("import")
    if not filters:
        QMessageBox.information(parent, parent.tr("Import"), parent.tr("No import formats are available."))
        return
    path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Import"), settings.LAST_IMPORT_FOLDER.get(),
                                          ";;".join(filters))
    if path:
        settings.LAST_IMPORT_FOLDER.set(str(Path(path).parent))
        import_file(parent, path, kind)


def import_file(parent: QWidget, path: str, kind: str | None = None) -> None:
    """Plan the import off the main thread, show the preview, then commit on confirmation."""
    try:
        fmt = exchange.for_path(path, purpose="import")
    except Exception as exc:
        show_error(parent, exc, parent.tr("Cannot import"))
        return
    kind = kind if kind in fmt.kinds else _choose_kind(parent, fmt, "import")
    if kind is None:
        return

    def planned(plan):
        from .dialogs.import_preview_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(plan, parent)
        if dialog.exec():
            tasks.runner().run(fmt.apply_import, plan, title=parent.tr("Importing…"), parent=parent,
                               on_success=lambda result: _imported(parent, result, kind))

    tasks.runner().run(fmt.plan_import, Path(path), kind, title=parent.tr("Reading {0}…").format(Path(path).name),
                       parent=parent, on_success=planned,
                       on_failure=lambda exc: show_error(parent, exc, parent.tr("Cannot import")))


def _imported(parent: QWidget, result, kind: str) -> None:
    hub.changed("all")
    hub.hub().status_message.emit(parent.tr("Imported: {0}.").format(result.summary()))


def export_dialog(parent: QWidget, kind: str | None = None, *, ids: list[int] | None = None,
                  filter=None) -> None:
    filters = exchange.dialog_filters("export")
    if not filters:
        QMessageBox.information(parent, parent.tr("Export"), parent.tr("No export formats are available."))
        return
    folder = settings.LAST_EXPORT_FOLDER.get()
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export"), folder, ";;".join(filters))
    if not path:
        return
    settings.LAST_EXPORT_FOLDER.set(str(Path(path).parent))
    try:
        fmt = exchange.for_path(path, purpose="export")
    except Exception as exc:
        show_error(parent, exc, parent.tr("Cannot export"))
        return
    kind = kind if kind in fmt.kinds else _choose_kind(parent, fmt, "export")
    if kind is None:
        return
    export_to(parent, fmt, Path(path), kind, ids=ids, filter=filter)


def export_to(parent: QWidget, fmt, path: Path, kind: str, **options) -> None:
    options = {k: v for k, v in options.items() if v is not None}
    tasks.runner().run(fmt.export, path, kind, title=parent.tr("Exporting…"), parent=parent,
                       on_success=lambda r: hub.hub().status_message.emit(
                           parent.tr("Exported {0} records to {1}.").format(r.count, r.path)), **options)


def show_import_history(parent: QWidget) -> None:
    from .dialogs.import_history_dialog import ImportHistoryDialog

    ImportHistoryDialog(parent).exec()


def undo_import(parent: QWidget, batch_id: int) -> None:
    tasks.runner().run(batches.undo, batch_id, with_progress=False, parent=parent,
                       on_success=lambda n: (hub.changed("all"), hub.hub().status_message.emit(
                           parent.tr("Import undone ({0} records reverted).").format(n))))
