"""Long work off the main thread: one worker for database jobs, results back on the main thread.

A job is a plain core function that takes ``progress=``; the runner shows a
progress dialog with Cancel when the job is slow, and calls ``on_success`` or
``on_failure`` on the main thread.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from commrel.errors import Cancelled

from .first_frame import after_first_paint

log = logging.getLogger(__name__)


class QtProgress(QObject):
    """The core's progress sink, safe to call from the worker thread."""

    progressed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int | None, message: str = "") -> None:
        self.progressed.emit(int(done), int(total or 0), message)


class _Job:
    def __init__(self, fn, args, kwargs, on_success, on_failure, progress, dialog):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.on_success, self.on_failure = on_success, on_failure
        self.progress, self.dialog = progress, dialog


class TaskRunner(QObject):
    _finished = Signal(object, object, object)  # job, result, error
    running_changed = Signal(bool)

    def __init__(self, *, synchronous: bool = False) -> None:
        super().__init__()
        self.synchronous = synchronous
        self._pool = None  # the worker thread, started with the first job
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._active = 0
        self._held: list[_Job] | None = None
        self._closed = False

    def run(self, fn: Callable[..., Any], *args: Any, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, title: str | None = None,
            parent: QWidget | None = None, with_progress: bool = True, **kwargs: Any) -> None:
        """Run ``fn(*args, progress=…, **kwargs)``; ``title`` shows a progress dialog with Cancel."""
        if self._closed:
            # The app is quitting: work asked for now (as a window goes, say) has nobody to show it to.
            log.debug("job %s dropped: quitting", getattr(fn, "__name__", fn))
            return
        progress = QtProgress()
        if with_progress:
            kwargs["progress"] = progress
        dialog = None
        if title and not self.synchronous:
            dialog = QProgressDialog(title, QApplication.translate("tasks", "Cancel"), 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(progress.cancel)
            progress.progressed.connect(lambda d, t, m: self._update(dialog, d, t, m))
        job = _Job(fn, args, kwargs, on_success, on_failure, progress, dialog)
        self._active += 1
        self.running_changed.emit(True)
        if self.synchronous:
            self._execute(job)
        elif self._held is not None:
            self._held.append(job)
        else:
            self._submit(job)

    def _submit(self, job: _Job) -> None:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            # One worker: database writes never race each other.
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="commrel-job")
        self._pool.submit(self._execute, job)

    def hold_until_painted(self, window: QWidget) -> None:
        """Keep jobs asked for from now on until ``window`` has painted its first frame, then start them in order."""
        if self.synchronous or self._held is not None:
            return
        self._held = []
        after_first_paint(window, self._release)
        window.destroyed.connect(self._release)  # a window that goes before it paints lets the work go ahead

    def _release(self) -> None:
        held, self._held = self._held or [], None
        for job in held:
            self._submit(job)

    @staticmethod
    def _update(dialog: QProgressDialog, done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    def _execute(self, job: _Job) -> None:
        deliver = self._deliver if self.synchronous else self._finished.emit
        try:
            result = job.fn(*job.args, **job.kwargs)
        except Exception as exc:  # delivered to the main thread, never lost
            deliver(job, None, exc)
            return
        deliver(job, result, None)

    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        if job.dialog is not None:
            job.dialog.close()
            job.dialog.deleteLater()
        self._active -= 1
        self.running_changed.emit(self._active > 0)
        if error is None:
            if job.on_success:
                job.on_success(result)
            return
        if isinstance(error, Cancelled) and job.on_failure is None:
            return
        if job.on_failure:
            job.on_failure(error)
        else:
            from .errors import show_error

            show_error(QApplication.activeWindow(), error)

    @property
    def busy(self) -> bool:
        return self._active > 0

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Process events until every job is delivered (tests, quitting)."""
        timer = QTimer()
        timer.setSingleShot(True)
        timer.start(timeout_ms)
        while self._active and timer.isActive():
            QApplication.processEvents()
            threading.Event().wait(0.005)
        return not self._active

    def shutdown(self) -> None:
        """Finish the job in hand; jobs still waiting for a first frame, or asked for later, never start."""
        self._closed = True
        self._held = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def set_runner(r: TaskRunner) -> None:
    global _runner
    _runner = r
