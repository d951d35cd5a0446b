"""Start the desktop app: logging, error hook, database, main window."""
from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from pathlib import Path


def _setup_logging() -> Path:
    from commrel import paths

    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "commrel.log"
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def _file_open_filter_class():
    from PySide6.QtCore import QEvent, QObject

    class FileOpenFilter(QObject):
        """macOS "Open with": Finder sends the file as an event, not an argument."""

        def __init__(self, window, parent):
            super().__init__(parent)
            self.window = window

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.FileOpen and event.file():
                from .exchange_actions import import_file

                import_file(self.window, event.file())
                return True
            return False

    return FileOpenFilter


def _FileOpenFilter(window, parent):
    return _file_open_filter_class()(window, parent)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="commrel", description="Commrel desktop application")
    p.add_argument("--db", metavar="PATH_OR_URL",
                   help="database file, or team database address such as postgresql://user@host:5432/commrel, "
                        "to open (default: the last one used)")
    p.add_argument("--smoke", action="store_true",
                   help="open a fresh database, create a sample event, export an .ics next to it, and exit")
    p.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    p.add_argument("files", nargs="*", help="calendar or spreadsheet files to import (\"Open with\")")
    return p.parse_known_args(argv)[0]


def _open_first_database(target: str) -> bool:
    """Open ``target`` (a file or a team database); False, having said why, to fall back to the default file."""
    from PySide6.QtWidgets import QApplication

    from commrel import db, engines

    from . import errors, settings

    try:
        if engines.is_server_url(target):
            from .team_database import open_at_start

            return open_at_start(target)
        db.init_db(target)
    except Exception as exc:
        errors.show_error(None, exc, QApplication.translate("app", "Cannot open database"))
        return False
    settings.remember_database(str(Path(target).resolve()))
    return True


def _daily_backup_failed(exc: BaseException) -> None:
    # A failed backup must not stop the day's work, nor interrupt it with a dialog; it is logged.
    logging.getLogger(__name__).error("daily backup failed", exc_info=exc)


def _start_publishing() -> None:
    from . import publishing

    publishing.start()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log_file = _setup_logging()

    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from commrel import APP_NAME, __version__, backups, db, paths, users

    from . import errors, settings

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from resources import path as resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "commrel.svg"))))
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("commrel", str(resource_path("translations")))):
        translator = QTranslator(app)
        if translator.load(QLocale(), name, "_", folder):
            app.installTranslator(translator)
    errors.set_log_file(str(log_file))
    errors.install_excepthook()
    users.set_current_user(settings.USER_NAME.get())

    if args.smoke:
        from .smoke import run_smoke

        try:
            return run_smoke(args.db)
        except Exception as exc:  # a smoke run has nobody to close a dialog: say it and fail
            logging.getLogger(__name__).exception("smoke run failed")
            print(f"smoke: FAILED — {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1

    target = args.db or settings.LAST_DATABASE.get() or str(paths.default_database())
    if not _open_first_database(target):
        db.init_db(str(paths.default_database()))
        settings.remember_database(str(paths.default_database().resolve()))

    from . import tasks
    from .first_frame import after_first_paint
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    # Copying a large register takes seconds: the day's first backup is taken on the worker, after
    # the window's own figures, which it would otherwise keep off the screen.
    tasks.runner().run(backups.backup_if_first_today, settings.BACKUPS_TO_KEEP.get(), with_progress=False,
                       on_failure=_daily_backup_failed)
    after_first_paint(window, _start_publishing)
    if sys.platform == "darwin":
        # Only macOS sends FileOpen; elsewhere a filter on the application would see every event for nothing.
        app.installEventFilter(_FileOpenFilter(window, app))
    if args.files:
        from PySide6.QtCore import QTimer

        from .exchange_actions import import_file

        QTimer.singleShot(0, lambda: import_file(window, args.files[0]))
    if args.screenshot:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(300, lambda: (window.grab().save(args.screenshot), app.quit()))
    code = app.exec()
    from .tasks import runner

    runner().shutdown()
    db.close_db()
    return code


if __name__ == "__main__":
    sys.exit(main())
