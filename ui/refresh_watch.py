"""Notice that someone else changed the data, and ask the open screens to show it.

Every few seconds ``activity.data_stamp()`` is asked on a thread of its own:
on a team server that is away the question can take the whole connect timeout,
and the window must not wait for it. A question still under way when the next
tick comes is not asked twice. The thread keeps one connection, which SQLite's
``data_version`` needs (it counts commits made by *other* connections, so this
app's own saves count too: they cost one extra refresh, never a missed one).

While a modal dialog is open the refresh waits: reloading the screen behind a
form someone is typing in would move the record under them.
"""
from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from commrel import activity, db
from commrel.errors import ServerUnavailable

from . import hub
from .first_frame import after_first_paint

log = logging.getLogger(__name__)

INTERVAL_MS = 5000
# A question unanswered this long counts as offline even before the driver gives up.
SLOW_SECONDS = 12.0
_STOP = object()


class _StampThread:
    """One daemon thread answering "what is the data stamp?" for whatever database is open."""

    def __init__(self, answer) -> None:
        self._answer = answer
        self._requests: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="commrel-refresh-watch", daemon=True)
        self._thread.start()

    def ask(self, ticket: int) -> None:
        self._requests.put(ticket)

    def stop(self) -> None:
        self._requests.put(_STOP)

    def _tell(self, *answer) -> bool:
        try:
            self._answer(*answer)
        except RuntimeError:  # the window went while the question was out
            return False
        return True

    def _run(self) -> None:
        seen = None  # the database object this thread last opened a connection to
        while True:
            ticket = self._requests.get()
            # Which database is open: connections are per thread, so this thread closes its own
            # connection to one that another File → Open has since replaced.
            current = db.database.obj
            if seen is not None and (ticket is _STOP or seen is not current):
                _close_quietly(seen)  # this thread's connection to a database no longer open
                seen = None
            if ticket is _STOP:
                return
            if current is None:
                self._tell(ticket, None, None, None)
                continue
            seen = current
            try:
                stamp = activity.data_stamp()
            except Exception as exc:  # reported to the window, which decides what to show
                answered = self._tell(ticket, id(current), None, exc)
            else:
                answered = self._tell(ticket, id(current), stamp, None)
            if not answered:
                _close_quietly(current)
                return


def _close_quietly(connection_owner) -> None:
    try:
        connection_owner.close()
    except Exception:  # noqa: BLE001 - a connection that broke may fail to close; it is dropped either way
        pass


class RefreshWatch(QObject):
    answered = Signal(int, object, object, object)  # ticket, database id, stamp, error
    offline_changed = Signal(bool, str)  # offline?, why (also when only the reason changed)
    went_offline = Signal(bool)  # only when it flips: offline, or back again

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.answered.connect(self._answered, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.offline = False
        self.why = ""
        self.reloads = 0
        self._baseline: tuple[object, int] | None = None
        self._pending_reload = False
        self._ticket = 0
        self._asked_at: float | None = None
        self._thread: _StampThread | None = None
        h = hub.hub()
        h.database_opened.connect(self._database_opened)
        h.server_unreachable.connect(self._save_failed)

    def start(self, *, check_now: bool = True) -> None:
        self.timer.start()
        if check_now:
            self.check()

    def stop(self) -> None:
        self.timer.stop()
        if self._thread is not None:
            self._thread.stop()
            self._thread = None

    def check(self) -> None:
        """Ask for the stamp, unless the last question is still out."""
        if self._pending_reload:
            self._reload_if_free()
        if self._asked_at is not None:
            if time.monotonic() - self._asked_at > SLOW_SECONDS:
                self._set_offline(True, self.tr("The team database is not answering."))
            return
        if not db.is_open():
            return
        if self._thread is None:
            self._thread = _StampThread(self.answered.emit)
        self._asked_at = time.monotonic()
        self._thread.ask(self._ticket)

    def _answered(self, ticket: int, database_id, stamp, error) -> None:
        self._asked_at = None
        if ticket != self._ticket or database_id is None:
            return  # about a database that is no longer open
        if error is not None:
            if isinstance(error, ServerUnavailable):
                self._set_offline(True, str(error))
            else:
                log.warning("checking for changes failed: %s", error)
            return
        self._set_offline(False, "")
        if self._baseline is None or self._baseline[0] != database_id:
            self._baseline = (database_id, stamp)
            return
        if stamp != self._baseline[1]:
            self._baseline = (database_id, stamp)
            self._pending_reload = True
            self._reload_if_free()

    def _reload_if_free(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return  # someone is filling in a form; the next tick tries again
        self._pending_reload = False
        self.reloads += 1
        hub.changed("all")

    def _database_opened(self, _where: str) -> None:
        self._ticket += 1
        self._baseline = None
        self._pending_reload = False
        self._asked_at = None
        self._set_offline(False, "")
        if self.timer.isActive():
            self.check()

    def _save_failed(self, why: str) -> None:
        self._set_offline(True, why)

    def _set_offline(self, offline: bool, why: str) -> None:
        flipped = offline != self.offline
        if flipped or (offline and why and why != self.why):
            self.offline, self.why = offline, why
            self.offline_changed.emit(offline, why)
        if flipped:
            self.went_offline.emit(offline)


class OfflineIndicator(QLabel):
    """"Offline" in the status bar while the team database cannot be reached."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("offline_indicator")
        self.setText("⚠ " + self.tr("Offline"))
        self.setStyleSheet("color: #8a1c00; font-weight: 600; padding: 0 6px;")
        self.setAccessibleName(self.tr("Offline"))
        self.hide()

    def show_state(self, offline: bool, why: str) -> None:
        self.setVisible(offline)
        self.setToolTip(self.tr("Team database unreachable — changes cannot be saved until it is back.")
                        + (f"\n{why}" if why else ""))


class _WindowFollower(QObject):
    """Starts the watch when the window shows, stops it when the window closes."""

    def __init__(self, watch: RefreshWatch, parent: QObject) -> None:
        super().__init__(parent)
        self.watch = watch

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and not self.watch.timer.isActive():
            # The first question opens a connection on a thread of its own: not while the window paints.
            self.watch.start(check_now=False)
            after_first_paint(obj, self._first_check)
        elif event.type() == QEvent.Type.Close:
            self.watch.stop()
        return False

    def _first_check(self) -> None:
        if self.watch.timer.isActive():  # not closed in the meantime
            self.watch.check()


def install(window: QMainWindow) -> RefreshWatch:
    """A watch for ``window``, with its offline indicator in the status bar."""
    watch = RefreshWatch(window)
    indicator = OfflineIndicator()
    window.statusBar().addPermanentWidget(indicator)
    watch.offline_changed.connect(indicator.show_state)
    watch.went_offline.connect(lambda offline: _say(window, offline))
    window.installEventFilter(_WindowFollower(watch, window))
    window.refresh_watch, window.offline_indicator = watch, indicator
    return watch


def _say(window: QMainWindow, offline: bool) -> None:
    window.statusBar().showMessage(
        window.tr("Team database unreachable — changes cannot be saved until the connection is back.")
        if offline else window.tr("Team database reachable again."), 8000)
