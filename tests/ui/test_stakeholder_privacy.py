"""Erasure and emptying the archive from the register, as an officer does them."""
from PySide6.QtWidgets import QInputDialog, QMessageBox

from commrel.services import engagement, stakeholders
from commrel.services import stakeholder_queries as q

from register_helpers import make_panel, select_names


def test_erase_from_the_register_needs_the_typed_word(qtbot, monkeypatch):
    rosa = stakeholders.create(given_name="Rosa", family_name="Martinez", email="rosa@example.org")
    engagement.log_interaction([rosa.id], channel="call", summary="Rosa called about dust")
    panel = make_panel(qtbot)
    select_names(panel, "Rosa Martinez")
    assert panel.privacy.erase.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("erase?", True)))
    panel.privacy.erase.trigger()
    assert stakeholders.get(rosa.id).display_name == "Rosa Martinez"  # wrong word: nothing happens
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("ERASE", True)))
    panel.privacy.erase.trigger()
    assert stakeholders.get(rosa.id).display_name == f"Erased person #{rosa.id}"
    qtbot.waitUntil(lambda: "Erased person" in " ".join(
        panel.model.index(r, 0).data() for r in range(panel.model.rowCount())))


def test_empty_the_archive_asks_and_deletes_only_archived(qtbot, monkeypatch):
    old = stakeholders.create(given_name="Old", family_name="Record")
    stakeholders.create(given_name="Live", family_name="Record")
    stakeholders.archive([old.id])
    panel = make_panel(qtbot)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    panel.privacy.empty_archive.trigger()
    assert q.count(q.StakeholderFilter(archived=True)) == 1
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    panel.privacy.empty_archive.trigger()
    assert q.count(q.StakeholderFilter(archived=True)) == 0
    assert q.count() == 1
