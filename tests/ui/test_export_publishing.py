"""The published calendar: written when chosen, rewritten after event changes, restored at start."""
from datetime import datetime

import pytest
from PySide6.QtWidgets import QFileDialog

from commrel.services import events
from ui import hub, publishing, settings
from ui.dialogs.publish_dialog import PublishDialog


@pytest.fixture
def publisher(monkeypatch, qtbot):
    monkeypatch.setattr(publishing, "DEBOUNCE_MS", 50)
    monkeypatch.setattr(hub, "_hub", None)
    return publishing.Publisher()


def _event(title):
    return events.create(title=title, starts_at=datetime(2026, 5, 1, 10), ends_at=datetime(2026, 5, 1, 12))


def test_the_dialog_publishes_and_remembers(publisher, tmp_path, qtbot, monkeypatch):
    _event("Open day")
    target = tmp_path / "feed"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = PublishDialog(publisher)
    qtbot.addWidget(dialog)
    assert dialog.state.text() == "The calendar is not published." and not dialog.stop_button.isVisibleTo(dialog)
    assert dialog.profile() == "public"
    dialog.choose()
    assert dialog.path.text() == str(target) + ".ics"
    dialog.profile_buttons["partner"].click()
    dialog.publish_button.click()
    written = tmp_path / "feed.ics"
    assert "SUMMARY:Open day" in written.read_text(encoding="utf-8")
    assert settings.PUBLISH_PATH.get() == str(written) and settings.PUBLISH_PROFILE.get() == "partner"
    assert publisher.last_result.count == 1


def test_event_changes_rewrite_the_file_once_after_a_pause(publisher, tmp_path, qtbot):
    feed = tmp_path / "feed.ics"
    publisher.configure(str(feed), "public")
    assert "Open day" not in feed.read_text(encoding="utf-8")
    writes = []
    publisher.published.connect(writes.append)
    for title in ("Open day", "Walk", "Drop-in"):
        _event(title)
        hub.changed("events")
    hub.changed("concerns")  # not about events: no rewrite of its own
    assert publisher.pending and not writes
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=2000)
    text = feed.read_text(encoding="utf-8")
    assert all(f"SUMMARY:{t}" in text for t in ("Open day", "Walk", "Drop-in"))
    qtbot.wait(150)
    assert len(writes) == 1


def test_a_new_publisher_picks_up_the_saved_choice(publisher, tmp_path, qtbot):
    feed = tmp_path / "feed.ics"
    settings.PUBLISH_PATH.set(str(feed))
    settings.PUBLISH_PROFILE.set("public")
    _event("Open day")
    restored = publishing.Publisher()
    assert restored.active and restored.path == str(feed)
    restored.schedule()
    qtbot.waitUntil(lambda: feed.exists(), timeout=2000)
    assert "SUMMARY:Open day" in feed.read_text(encoding="utf-8")


def test_stopping_leaves_the_file_and_ignores_changes(publisher, tmp_path, qtbot):
    feed = tmp_path / "feed.ics"
    publisher.configure(str(feed), "public")
    before = feed.read_text(encoding="utf-8")
    publisher.stop()
    _event("Open day")
    hub.changed("events")
    assert not publisher.pending and feed.read_text(encoding="utf-8") == before
    assert settings.PUBLISH_PATH.get() == ""


def test_a_failure_is_said_in_the_status_bar_not_a_dialog(publisher, tmp_path, qtbot):
    messages = []
    hub.hub().status_message.connect(messages.append)
    (tmp_path / "taken.ics").mkdir()
    publisher.configure(str(tmp_path / "taken.ics"), "public")
    assert publisher.last_error and messages and messages[0].startswith("The published calendar could not be written")
    dialog = PublishDialog(publisher)
    qtbot.addWidget(dialog)
    assert "failed" in dialog.state.text()


def test_pending_changes_are_written_before_quitting(publisher, tmp_path):
    feed = tmp_path / "feed.ics"
    publisher.configure(str(feed), "public")
    _event("Last minute")
    hub.changed("events")
    publisher.flush()
    assert "SUMMARY:Last minute" in feed.read_text(encoding="utf-8") and not publisher.pending
