"""A calendar feed: an .ics file, e.g. in a synced folder, rewritten whenever events change.

The file and its profile are kept in the settings and picked up again at
start. Changes are gathered for a couple of seconds (a bulk edit is one
rewrite, not hundreds); the file is replaced in one step by the core's
``ics.publish``, so a reader sees the old calendar or the new one. A failure
(a folder that went away) is said in the status bar and tried again at the
next change, never in a dialog that interrupts the work.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from commrel import db
from commrel.exchange import ExportResult

from . import hub, settings, tasks

DEBOUNCE_MS = 2000
KINDS = ("events", "all")


def _tr(text: str) -> str:
    return QApplication.translate("publishing", text)


def write_feed(path: str | Path, *, profile: str, progress=None) -> ExportResult:
    from commrel.exchange.ics import publish

    return publish(path, "events", profile=profile, progress=progress)


class Publisher(QObject):
    published = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.last_published: datetime | None = None
        self.last_result: ExportResult | None = None
        self.last_error = ""
        self._writing = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.publish_now)
        h = hub.hub()
        h.data_changed.connect(self._data_changed)
        h.database_opened.connect(lambda _: self.schedule())

    @property
    def path(self) -> str:
        return settings.PUBLISH_PATH.get()

    @property
    def profile(self) -> str:
        return settings.PUBLISH_PROFILE.get()

    @property
    def active(self) -> bool:
        return bool(self.path)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def configure(self, path: str, profile: str) -> None:
        """Publish to ``path`` from now on (and now)."""
        settings.PUBLISH_PATH.set(str(path))
        settings.PUBLISH_PROFILE.set(profile)
        self.last_error = ""
        self.publish_now()

    def stop(self) -> None:
        """Stop keeping the file up to date; the file itself stays as it was last written."""
        settings.PUBLISH_PATH.set("")
        self._timer.stop()

    def _data_changed(self, kind: str) -> None:
        if kind in KINDS:
            self.schedule()

    def schedule(self) -> None:
        if self.active:
            self._timer.start()

    def publish_now(self) -> None:
        self._timer.stop()
        if not self.active or not db.is_open():
            return
        if self._writing:
            self._again = True  # one more rewrite once this one is done
            return
        self._writing = True
        tasks.runner().run(write_feed, self.path, profile=self.profile, on_success=self._written,
                           on_failure=self._failed)

    def flush(self) -> None:
        """Write now, on this thread, if changes are waiting (the app is about to quit)."""
        if self.pending and self.active and db.is_open():
            self._timer.stop()
            try:
                self._written(write_feed(self.path, profile=self.profile))
            except Exception as exc:  # quitting goes on; the file is as it was
                self.last_error = str(exc)

    def _written(self, result: ExportResult) -> None:
        self._writing = False
        self.last_published = datetime.now()
        self.last_result = result
        self.last_error = ""
        self.published.emit(result)
        if self._again:
            self._again = False
            self.publish_now()

    def _failed(self, exc: BaseException) -> None:
        self._writing = False
        self._again = False
        self.last_error = str(exc)
        self.failed.emit(self.last_error)
        hub.hub().status_message.emit(_tr("The published calendar could not be written: {0}").format(exc))


_publisher: Publisher | None = None


def publisher() -> Publisher:
    global _publisher
    if _publisher is None:
        _publisher = Publisher()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_publisher.flush)
    return _publisher


def start() -> Publisher:
    """Pick up the feed chosen last time (call once the database is open); writes it if one is set."""
    p = publisher()
    p.schedule()
    return p


def publish_dialog(parent: QWidget) -> None:
    """File ▸ Publish calendar…: choose the file and the profile, or stop publishing."""
    from .dialogs.publish_dialog import PublishDialog

    dialog = PublishDialog(publisher(), parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
