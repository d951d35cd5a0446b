"""UI fixtures: settings in a temp file and a synchronous task runner."""
from __future__ import annotations

import pytest

from ui import hub, settings, tasks, undo


@pytest.fixture(autouse=True)
def _ui_isolation(tmp_path, qapp):
    settings.use_settings_file(str(tmp_path / "settings.ini"))
    tasks.set_runner(tasks.TaskRunner(synchronous=True))
    undo.stack().clear()
    # Each test gets its own app-wide hub, so windows closed by earlier tests hear nothing.
    hub._hub = None
    yield
    undo.stack().clear()
    hub._hub = None


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def memory_keyring(monkeypatch):
    """A keychain in memory in place of the computer's own, for the test's length."""
    import keyring
    import keyring.core

    from team_helpers import MemoryKeyring

    # The module's own slot is put back afterwards, so no test leaves this keychain behind.
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
