from datetime import date, datetime

import pytest

from commrel.errors import ValidationError
from commrel.services import checklists, events
from commrel.services.checklists import TemplateItem


def _event(**overrides):
    values = dict(title="Open house", starts_at=datetime(2024, 3, 20, 15), ends_at=datetime(2024, 3, 20, 19),
                  timezone="Europe/London", type="open_house")
    values.update(overrides)
    return events.create(**values)


def test_tasks_are_kept_in_order_and_overdue_ones_stand_out():
    event = _event()
    book = checklists.add_task(event.id, "Book the hall", owner="Sam", due=date(2024, 3, 1))
    checklists.add_task(event.id, "Print leaflets", due=date(2024, 3, 18))
    checklists.add_task(event.id, "Thank the caretaker")
    shown = checklists.tasks(event.id, today=date(2024, 3, 10))
    assert [(t.title, t.owner, t.overdue) for t in shown] == [
        ("Book the hall", "Sam", True), ("Print leaflets", "", False), ("Thank the caretaker", "", False)]
    checklists.complete_task(book.id)
    assert not checklists.tasks(event.id, today=date(2024, 3, 10))[0].overdue
    checklists.complete_task(book.id, done=False)
    assert checklists.tasks(event.id, today=date(2024, 3, 10))[0].overdue


def test_editing_and_deleting_tasks():
    event = _event()
    task = checklists.add_task(event.id, "Book hall")
    checklists.update_task(task.id, title="Book the hall", owner=" Priya ", due=date(2024, 3, 1))
    [shown] = checklists.tasks(event.id)
    assert (shown.title, shown.owner, shown.due) == ("Book the hall", "Priya", date(2024, 3, 1))
    with pytest.raises(ValidationError) as raised:
        checklists.add_task(event.id, "  ")
    assert raised.value.field == "title"
    checklists.delete_task(task.id)
    assert checklists.tasks(event.id) == []


def test_every_event_type_gets_a_sensible_default_checklist_once():
    added = checklists.ensure_default_templates()
    assert added > 0
    titles = [item.title for item in checklists.templates("public_meeting")]
    assert "Book the venue" in titles and "Send invitations" in titles
    assert "Print the sign-in sheet" in titles and "Send the follow-up summary" in titles
    assert all(checklists.templates(t) for t in checklists.DEFAULT_TEMPLATES)
    assert checklists.ensure_default_templates() == 0


def test_a_template_emptied_on_purpose_stays_empty():
    checklists.ensure_default_templates()
    checklists.set_template("festival", [])
    checklists.ensure_default_templates()
    assert checklists.templates("festival") == []


def test_applying_a_template_sets_due_dates_from_the_event_day():
    event = _event()
    checklists.set_template("open_house", [("Book the venue", 28), ("Send invitations", 14),
                                           ("Send the follow-up summary", -7)])
    assert checklists.templates("open_house")[0] == TemplateItem("Book the venue", 28)
    checklists.add_task(event.id, "Send invitations")
    created = checklists.apply_template(event.id)
    assert [(t.title, t.due) for t in created] == [
        ("Book the venue", date(2024, 2, 21)), ("Send the follow-up summary", date(2024, 3, 27))]
    assert checklists.apply_template(event.id) == []
    assert [t.title for t in checklists.tasks(event.id)] == [
        "Send invitations", "Book the venue", "Send the follow-up summary"]


def test_templates_refuse_nonsense():
    with pytest.raises(ValidationError) as raised:
        checklists.set_template("picnic", [("Bring food", 1)])
    assert raised.value.field == "event_type"
    with pytest.raises(ValidationError) as raised:
        checklists.set_template("workshop", [("Book room", "soon")])
    assert raised.value.field == "days_before"
