"""The menu bar and toolbar, and the small window-level commands behind them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from commrel import APP_NAME, __version__, db

from . import hub, settings, undo

# What the commands open (file dialogs, backups, the log folder) loads when a command is first
# chosen: the window is built at every start, most commands are not.


def build_menus(window: QMainWindow) -> dict[str, QAction]:
    tr = window.tr
    acts: dict[str, QAction] = {}

    def act(key, text, slot, shortcut=None, tip=""):
        a = QAction(text, window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        acts[key] = a
        return a

    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.addAction(act("new_db", tr("&New database…"), lambda: new_database(window), "Ctrl+Shift+N"))
    file_menu.addAction(act("open_db", tr("&Open database…"), lambda: open_database(window), QKeySequence.StandardKey.Open))
    file_menu.addAction(act("open_team_db", tr("Open &Team Database…"), lambda: _team().open_team_database(window),
                            tip=tr("Open a database shared by the team on a PostgreSQL server")))
    recent = file_menu.addMenu(tr("Open &recent"))
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    file_menu.addSeparator()
    file_menu.addAction(act("import", tr("&Import…"), lambda: _exchange().import_dialog(window), "Ctrl+I",
                            tr("Import stakeholders, events or concerns from a spreadsheet or calendar")))
    file_menu.addAction(act("export", tr("&Export…"), lambda: _exchange().export_dialog(window), "Ctrl+E",
                            tr("Export to a spreadsheet, CSV or calendar file")))
    file_menu.addAction(act("import_history", tr("Import &history…"),
                            lambda: _exchange().show_import_history(window)))
    file_menu.addAction(act("publish", tr("&Publish calendar…"), lambda: _publishing().publish_dialog(window),
                            tip=tr("Keep an .ics file (e.g. in a shared folder) up to date as events change")))
    file_menu.addSeparator()
    file_menu.addAction(act("save_copy", tr("Save a &copy as…"), lambda: save_copy(window)))
    file_menu.addAction(act("restore", tr("Restore from &backup…"), lambda: restore_backup(window)))
    file_menu.addSeparator()
    file_menu.addAction(act("quit", tr("&Quit"), window.close, QKeySequence.StandardKey.Quit))

    edit = bar.addMenu(tr("&Edit"))
    u = undo.stack().createUndoAction(window, tr("&Undo"))
    u.setShortcut(QKeySequence.StandardKey.Undo)
    r = undo.stack().createRedoAction(window, tr("&Redo"))
    r.setShortcut(QKeySequence.StandardKey.Redo)
    acts["undo"], acts["redo"] = u, r
    edit.addAction(u)
    edit.addAction(r)
    edit.addSeparator()
    edit.addAction(act("find", tr("&Find…"), lambda: open_global_search(window), "Ctrl+K",
                       tr("Search stakeholders, events and concerns")))

    view = bar.addMenu(tr("&View"))
    # Titles from the panel list: looking a panel up would build it.
    for n, key in enumerate(window.panels, start=1):
        view.addAction(act(f"show_{key}", window.panels.title(key),
                           lambda checked=False, k=key: window.show_panel(k), f"Ctrl+{n}"))

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(act("about", tr("&About Commrel"), lambda: about(window)))
    help_menu.addAction(act("log_folder", tr("Open &log folder"), open_log_folder))

    for key in ("find", "import", "export"):
        window.toolbar.addAction(acts[key])
    window.toolbar.addSeparator()
    window.toolbar.addAction(u)
    window.toolbar.addAction(r)
    return acts


# The import, export and publishing code loads when first used, not with the menus at start.
def _exchange():
    from . import exchange_actions

    return exchange_actions


def _team():
    from . import team_database

    return team_database


def _publishing():
    from . import publishing

    return publishing


def _fill_recent(window, menu) -> None:
    menu.clear()
    recent = [p for p in settings.RECENT_DATABASES.get() if p]
    if not recent:
        a = menu.addAction(window.tr("No recent databases"))
        a.setEnabled(False)
    for path in recent:
        menu.addAction(path, lambda p=path: switch_database(window, p))


def switch_database(window, path: str) -> bool:
    from commrel import backups, engines

    from .errors import show_error

    if engines.is_server_url(path):  # a team database from the recent list: its password may be needed
        return _team().open_team_database(window, path)
    try:
        db.init_db(path)
        backups.backup_if_first_today(settings.BACKUPS_TO_KEEP.get())
    except Exception as exc:  # the previous database stays closed; say why
        show_error(window, exc, window.tr("Cannot open database"))
        return False
    settings.remember_database(str(Path(path).resolve()))
    hub.hub().database_opened.emit(str(path))
    return True


def new_database(window) -> None:
    from PySide6.QtWidgets import QFileDialog

    from commrel import paths

    path, _ = QFileDialog.getSaveFileName(window, window.tr("New database"), str(paths.data_dir()),
                                          window.tr("Commrel database (*.sqlite3)"))
    if path:
        if not path.endswith(".sqlite3"):
            path += ".sqlite3"
        if Path(path).exists():
            Path(path).unlink()
        switch_database(window, path)


def open_database(window) -> None:
    from PySide6.QtWidgets import QFileDialog

    from commrel import paths

    path, _ = QFileDialog.getOpenFileName(window, window.tr("Open database"), str(paths.data_dir()),
                                          window.tr("Commrel database (*.sqlite3 *.db);;All files (*)"))
    if path:
        switch_database(window, path)


def save_copy(window) -> None:
    from PySide6.QtWidgets import QFileDialog

    from commrel import backups

    from .errors import show_error

    path, _ = QFileDialog.getSaveFileName(window, window.tr("Save a copy as"), "",
                                          window.tr("Commrel database (*.sqlite3)"))
    if path:
        try:
            backups.copy_to(path)
        except Exception as exc:
            show_error(window, exc)
            return
        hub.hub().status_message.emit(window.tr("A copy was saved to {0}.").format(path))


def restore_backup(window) -> None:
    from commrel import backups

    from .dialogs.restore_dialog import RestoreDialog
    from .errors import show_error

    dialog = RestoreDialog(window)
    if dialog.exec() and dialog.chosen is not None:
        try:
            backups.restore(dialog.chosen)
        except Exception as exc:
            show_error(window, exc)
            return
        hub.hub().database_opened.emit(str(db.current_path()))
        hub.hub().status_message.emit(window.tr("Restored the backup of {0}.").format(dialog.chosen.name))


def open_global_search(window) -> None:
    from .dialogs.global_search import GlobalSearchDialog

    dialog = GlobalSearchDialog(window)
    dialog.record_chosen.connect(window.open_record)
    window._search_dialog = dialog  # tests reach it here
    dialog.open()


def about(window) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(window, window.tr("About Commrel"), window.tr(
        "<h3>{0} {1}</h3><p>Stakeholders, engagement, events and concerns for community-relations teams, "
        "offline.</p><p>Database: {2}</p>").format(APP_NAME, __version__, db.describe()))


def open_log_folder() -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from commrel import paths

    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
