"""Background work asked for while the window is being built starts once the window has painted."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui import first_frame, tasks


def test_the_work_starts_right_after_the_first_paint(qtbot):
    window = QLabel("Starting")
    qtbot.addWidget(window)
    started = []
    first_frame.after_first_paint(window, lambda: started.append("figures"))
    qtbot.wait(50)
    assert started == []
    window.show()
    qtbot.waitUntil(lambda: started == ["figures"])
    window.update()
    qtbot.wait(50)
    assert started == ["figures"]  # once, not at every paint


def test_a_window_that_never_paints_still_gets_its_work(qtbot, monkeypatch):
    monkeypatch.setattr(first_frame, "LATEST_MS", 100)
    never_shown = QLabel()
    qtbot.addWidget(never_shown)
    started = []
    first_frame.after_first_paint(never_shown, lambda: started.append("figures"))
    qtbot.waitUntil(lambda: started == ["figures"], timeout=3000)


def test_the_test_runner_runs_at_once(qtbot):
    runner = tasks.TaskRunner(synchronous=True)
    window = QLabel()
    qtbot.addWidget(window)
    done = []
    runner.hold_until_painted(window)
    runner.run(lambda: 1, with_progress=False, on_success=done.append)
    assert done == [1]


class StartRecordingRunner(tasks.TaskRunner):
    """The real runner's holding, with each job run at the moment it would start on the worker thread."""

    def __init__(self):
        super().__init__()
        self.started = []

    def _submit(self, job):
        self.started.append(job.fn())


def test_jobs_asked_for_while_the_window_is_built_start_after_its_first_frame_in_order(qtbot):
    runner = StartRecordingRunner()
    window = QLabel("Starting")
    qtbot.addWidget(window)
    runner.hold_until_painted(window)
    runner.run(lambda: "counts", with_progress=False)
    runner.run(lambda: "figures", with_progress=False)
    qtbot.wait(50)
    assert runner.started == [] and runner.busy
    window.show()
    qtbot.waitUntil(lambda: runner.started == ["counts", "figures"])
    runner.run(lambda: "later", with_progress=False)  # no longer held
    assert runner.started[-1] == "later"


def _figures_held_for_an_unpainted_window() -> tuple[StartRecordingRunner, QLabel]:
    runner = StartRecordingRunner()
    window = QLabel()
    runner.hold_until_painted(window)
    runner.run(lambda: "figures", with_progress=False)
    return runner, window


def test_a_window_deleted_before_it_painted_lets_the_jobs_go(qtbot):
    runner, window = _figures_held_for_an_unpainted_window()
    window.deleteLater()
    qtbot.waitUntil(lambda: runner.started == ["figures"])


def test_jobs_still_waiting_when_the_app_quits_never_start(qtbot):
    runner, window = _figures_held_for_an_unpainted_window()
    runner.shutdown()
    window.deleteLater()  # as the app's windows go after it has quit
    qtbot.wait(50)
    runner.run(lambda: "late", with_progress=False)
    assert runner.started == []
