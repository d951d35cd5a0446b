"""Event checklists: the tasks before and after an event, and default lists per event type."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, NamedTuple

import peewee as pw

from ..errors import NotFound, ValidationError
from ..models import ChecklistTask, ChecklistTemplate, Setting, database
from ..models.choices import EVENT_TYPES
from . import events
from .event_times import local_start


class TemplateItem(NamedTuple):
    title: str
    # Days before the event the task is due; negative means after it.
    days_before: int


_COMMON_END = [("Send a reminder", 2), ("Print the sign-in sheet", 1), ("Send the follow-up summary", -7)]

DEFAULT_TEMPLATES: dict[str, list[tuple[str, int]]] = {
    "public_meeting": [("Book the venue", 42), ("Publicise (notices, newsletter, social media)", 28),
                       ("Send invitations", 21), ("Confirm speakers and chair", 14),
                       ("Prepare presentation and handouts", 7)] + _COMMON_END,
    "open_house": [("Book the venue", 42), ("Send invitations", 21), ("Prepare display boards", 10),
                   ("Arrange the staff rota", 7), ("Print feedback forms", 3)] + _COMMON_END,
    "town_hall": [("Book the venue", 56), ("Send invitations", 28),
                  ("Arrange access needs (hearing loop, step-free entry)", 14), ("Confirm panel and chair", 14),
                  ("Prepare materials", 7)] + _COMMON_END,
    "workshop": [("Book the venue", 28), ("Send invitations", 21), ("Prepare materials and exercises", 7)]
    + _COMMON_END,
    "site_visit": [("Agree the route and safety briefing", 21), ("Send invitations", 14),
                   ("Book transport", 14), ("Check PPE for visitors", 3)] + _COMMON_END,
    "festival": [("Book the stall", 56), ("Prepare banner and materials", 14), ("Arrange the staff rota", 7),
                 ("Print feedback forms and sign-up sheet", 2), ("Send the follow-up summary", -7)],
    "other": [("Book the venue", 28), ("Send invitations", 14)] + _COMMON_END,
}

# Per type, set once its template was installed or edited, so a list someone
# emptied on purpose is not filled again at the next start.
_INSTALLED = "checklist_template.{type}"


@dataclass(frozen=True)
class Task:
    """A checklist row; ``overdue`` when not done and due before today."""

    id: int
    event_id: int
    title: str
    owner: str
    due: date | None
    done: bool
    position: int
    overdue: bool


def _get(task_id: int) -> ChecklistTask:
    task = ChecklistTask.get_or_none(ChecklistTask.id == task_id)
    if task is None:
        raise NotFound("That checklist task no longer exists.")
    return task


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError("title", "Say what needs doing.")
    return title


def _next_position(event_id: int) -> int:
    top = (ChecklistTask.select(pw.fn.MAX(ChecklistTask.position))
           .where(ChecklistTask.event == event_id).scalar())
    return (top or 0) + 1


def add_task(event_id: int, title: str, owner: str = "", due: date | None = None) -> ChecklistTask:
    """Add a task at the end of the event's checklist."""
    title = _title(title)
    with database.atomic():
        events.get(event_id)
        return ChecklistTask.create(event=event_id, title=title, owner=(owner or "").strip(), due=due,
                                    position=_next_position(event_id))


def update_task(task_id: int, **fields) -> ChecklistTask:
    """Change title, owner, due, done or position."""
    unknown = set(fields) - {"title", "owner", "due", "done", "position"}
    if unknown:
        raise TypeError(f"update_task() got unexpected fields: {', '.join(sorted(unknown))}")
    task = _get(task_id)
    if "title" in fields:
        task.title = _title(fields["title"])
    if "owner" in fields:
        task.owner = (fields["owner"] or "").strip()
    for field in ("due", "done", "position"):
        if field in fields:
            setattr(task, field, fields[field])
    task.save()
    return task


def complete_task(task_id: int, done: bool = True) -> ChecklistTask:
    return update_task(task_id, done=done)


def delete_task(task_id: int) -> None:
    ChecklistTask.delete().where(ChecklistTask.id == task_id).execute()


def tasks(event_id: int, today: date | None = None) -> list[Task]:
    """The event's checklist in order; ``today`` defaults to this computer's date."""
    today = today or date.today()
    query = (ChecklistTask.select().where(ChecklistTask.event == event_id)
             .order_by(ChecklistTask.position, ChecklistTask.id))
    return [Task(t.id, t.event_id, t.title, t.owner, t.due, t.done, t.position,
                 bool(not t.done and t.due is not None and t.due < today)) for t in query]


def templates(event_type: str) -> list[TemplateItem]:
    """The default checklist for an event type, in order."""
    query = (ChecklistTemplate.select().where(ChecklistTemplate.event_type == event_type)
             .order_by(ChecklistTemplate.position, ChecklistTemplate.id))
    return [TemplateItem(t.title, t.days_before) for t in query]


def _mark_installed(event_type: str) -> None:
    (Setting.insert(key=_INSTALLED.format(type=event_type), value="1")
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: "1"}).execute())


def set_template(event_type: str, items: Iterable[tuple[str, int]]) -> list[TemplateItem]:
    """Replace the default checklist of ``event_type`` with ``(title, days_before)`` items."""
    if event_type not in EVENT_TYPES:
        raise ValidationError("event_type", f"“{event_type}” is not an event type.")
    cleaned = []
    for title, days_before in items:
        try:
            cleaned.append(TemplateItem(_title(title), int(days_before)))
        except (TypeError, ValueError):
            raise ValidationError("days_before", f"“{days_before}” is not a number of days.") from None
    with database.atomic():
        ChecklistTemplate.delete().where(ChecklistTemplate.event_type == event_type).execute()
        if cleaned:
            ChecklistTemplate.insert_many(
                [{"event_type": event_type, "title": t, "days_before": d, "position": i}
                 for i, (t, d) in enumerate(cleaned, 1)]).execute()
        _mark_installed(event_type)
    return cleaned


def ensure_default_templates() -> int:
    """Install the built-in checklist of each event type that never had one; returns tasks added."""
    added = 0
    with database.atomic():
        for event_type, items in DEFAULT_TEMPLATES.items():
            if Setting.get_or_none(Setting.key == _INSTALLED.format(type=event_type)):
                continue
            if not ChecklistTemplate.select().where(ChecklistTemplate.event_type == event_type).exists():
                added += len(set_template(event_type, items))
            _mark_installed(event_type)
    return added


def apply_template(event_id: int) -> list[ChecklistTask]:
    """Add the event type's default tasks, due ``days_before`` the event's first day.

    Tasks already on the checklist (same title) are not added again.
    """
    with database.atomic():
        event = events.get(event_id)
        first_day = local_start(event).date()
        present = {t.title.casefold() for t in ChecklistTask.select(ChecklistTask.title)
                   .where(ChecklistTask.event == event_id)}
        position = _next_position(event_id)
        created = []
        for item in templates(event.type):
            if item.title.casefold() in present:
                continue
            created.append(ChecklistTask.create(event=event_id, title=item.title, position=position,
                                                due=first_day - timedelta(days=item.days_before)))
            position += 1
        return created
