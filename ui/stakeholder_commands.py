"""Register and engagement actions that can be undone.

Each function does the work once through the services, announces the change,
and pushes how to undo and redo it. The undo data is plain (ids, field
values, snapshots), never widgets.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from commrel.services import engagement, stakeholder_merge, stakeholders

from . import hub, tasks, undo
from .formatting import counted


def _tr(text: str) -> str:
    return QCoreApplication.translate("stakeholder_commands", text)


# Links edited on a record ------------------------------------------------------

@dataclass(frozen=True)
class LinkChange:
    """A membership or relationship added to (or removed from) the record being edited."""

    add: bool
    link: str  # "membership" or "relationship"
    other_id: int
    other_name: str
    label: str = ""  # a membership's role, a relationship's type code
    note: str = ""
    outgoing: bool = True  # a relationship from this record to the other

    def inverse(self) -> "LinkChange":
        return replace(self, add=not self.add)


def apply_link(change: LinkChange, record_id: int, kind: str) -> None:
    if change.link == "membership":
        person, org = (record_id, change.other_id) if kind == "person" else (change.other_id, record_id)
        if change.add:
            stakeholders.add_membership(person, org, change.label)
            return
        for m, _ in stakeholders.memberships(person):
            if m.organisation_id == org:
                stakeholders.remove_membership(m.id)
        return
    a, b = (record_id, change.other_id) if change.outgoing else (change.other_id, record_id)
    if change.add:
        stakeholders.add_relationship(a, b, change.label, change.note)
        return
    for _, other, r in stakeholders.relationships(a):
        if r.from_stakeholder_id == a and other.id == b and r.type == change.label:
            stakeholders.remove_relationship(r.id)


# Records ---------------------------------------------------------------------

def created(record_id: int, name: str) -> None:
    """A record was just created (with its tags and links): undo deletes it, redo brings it back."""
    kept: dict[str, Any] = {}

    def undo_fn():
        kept["snaps"] = stakeholders.delete([record_id])

    def redo_fn():
        stakeholders.restore_snapshots(kept.pop("snaps"))

    hub.changed("stakeholders")
    undo.push(_tr("Add {0}").format(name), redo_fn, undo_fn, "stakeholders")


def edited(record_id: int, kind: str, name: str, before: dict[str, Any], after: dict[str, Any],
           tags: tuple[list[str], list[str]] | None, links: list[LinkChange]) -> None:
    """A record was just edited: ``before``/``after`` hold only the fields that changed."""

    def undo_fn():
        if before:
            stakeholders.update(record_id, **before)
        if tags is not None:
            stakeholders.set_tags(record_id, tags[0])
        for change in reversed(links):
            apply_link(change.inverse(), record_id, kind)

    def redo_fn():
        if after:
            stakeholders.update(record_id, **after)
        if tags is not None:
            stakeholders.set_tags(record_id, tags[1])
        for change in links:
            apply_link(change, record_id, kind)

    hub.changed("stakeholders")
    undo.push(_tr("Edit {0}").format(name), redo_fn, undo_fn, "stakeholders")


def _run(parent: QWidget | None, fn: Callable, *args, done: Callable[[Any], None], **kwargs) -> None:
    # Bulk writes go to the one database worker; the undo entry is pushed when they land.
    tasks.runner().run(fn, *args, with_progress=False, parent=parent, on_success=done, **kwargs)


def archive(parent: QWidget | None, ids: list[int], archived: bool = True,
            on_done: Callable[[int], None] | None = None) -> None:
    def done(changed: list[int]):
        if changed:
            text = (counted(len(changed), _tr("Archive {0} stakeholder"), _tr("Archive {0} stakeholders"))
                    if archived else
                    counted(len(changed), _tr("Restore {0} stakeholder"), _tr("Restore {0} stakeholders")))
            undo.push(text, lambda: stakeholders.set_archived(changed, archived),
                      lambda: stakeholders.set_archived(changed, not archived), "stakeholders")
            hub.changed("stakeholders")
        if on_done:
            on_done(len(changed))

    _run(parent, stakeholders.set_archived, ids, archived, done=done)


def delete(parent: QWidget | None, ids: list[int], on_done: Callable[[int], None] | None = None) -> None:
    kept: dict[str, Any] = {}

    def undo_fn():
        stakeholders.restore_snapshots(kept["snaps"])

    def redo_fn():
        kept["snaps"] = stakeholders.delete(ids)

    def done(snaps):
        kept["snaps"] = snaps
        undo.push(counted(len(ids), _tr("Delete {0} stakeholder"), _tr("Delete {0} stakeholders")),
                  redo_fn, undo_fn, "all")
        hub.changed("all")
        if on_done:
            on_done(len(ids))

    _run(parent, stakeholders.delete, ids, done=done)


def tag(parent: QWidget | None, ids: list[int], name: str, remove: bool = False,
        on_done: Callable[[int], None] | None = None) -> None:
    def done(changed: list[int]):
        if changed:
            text = (_tr("Remove tag “{0}”") if remove else _tr("Add tag “{0}”")).format(name)
            undo.push(text, lambda: stakeholders.tag_many(changed, name, remove=remove),
                      lambda: stakeholders.tag_many(changed, name, remove=not remove), "stakeholders")
            hub.changed("stakeholders")
        if on_done:
            on_done(len(changed))

    _run(parent, stakeholders.tag_many, ids, name, remove=remove, done=done)


def merge(survivor_id: int, other_id: int, picks: dict[str, str]) -> int:
    """Merge two records; undo brings both back as they were, with their links."""
    kept: dict[str, Any] = {}

    def redo_fn():
        kept["snaps"] = [stakeholders.snapshot(survivor_id), stakeholders.snapshot(other_id)]
        stakeholder_merge.merge(survivor_id, other_id, picks)

    def undo_fn():
        stakeholders.delete([survivor_id])
        stakeholders.restore_snapshots(kept["snaps"])

    name = stakeholders.get(survivor_id).display_name
    redo_fn()
    undo.push(_tr("Merge into {0}").format(name), redo_fn, undo_fn, "all")
    hub.changed("all")
    return survivor_id


# Engagement ------------------------------------------------------------------

def interaction_logged(interaction_id: int, ids: list[int], fields: dict[str, Any]) -> None:
    kept = {"id": interaction_id}

    def undo_fn():
        engagement.delete_interaction(kept["id"])

    def redo_fn():
        kept["id"] = engagement.log_interaction(ids, **fields).id

    hub.changed("interactions")
    undo.push(_tr("Log interaction"), redo_fn, undo_fn, "interactions")


def interaction_edited(interaction_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
    hub.changed("interactions")
    undo.push(_tr("Edit interaction"), lambda: engagement.update_interaction(interaction_id, **after),
              lambda: engagement.update_interaction(interaction_id, **before), "interactions")


def complete_follow_up(interaction_id: int, done: bool = True) -> None:
    engagement.complete_follow_up(interaction_id, done)
    hub.changed("interactions")
    undo.push(_tr("Follow-up done") if done else _tr("Follow-up reopened"),
              lambda: engagement.complete_follow_up(interaction_id, done),
              lambda: engagement.complete_follow_up(interaction_id, not done), "interactions")
