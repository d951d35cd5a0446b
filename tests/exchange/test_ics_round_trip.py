"""Property: any event Commrel can store comes back the same after export and import."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commrel import recurrence
from commrel.exchange import ics
from commrel.models import Event
from commrel.models.choices import EVENT_STATUSES, EVENT_TYPES
from commrel.services import events as event_service

ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]
FIELDS = ("uid", "sequence", "title", "type", "status", "starts_at", "ends_at", "all_day", "venue", "address",
          "organiser", "organiser_email", "description", "rrule", "reminders", "tags", "url")

text = st.text(st.characters(categories=("L", "N", "P", "S", "Zs"), include_characters=",;:\\\n\""),
               max_size=80)
title = text.filter(lambda t: t.strip())
word = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
email = st.builds(lambda a, b: f"{a}@{b}.org".lower(), word.filter(str.isascii), word.filter(str.isascii))


@st.composite
def stored_events(draw):
    all_day = draw(st.booleans())
    tz = draw(st.sampled_from(ZONES))
    day = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    if all_day:
        start, end = day, day + timedelta(days=draw(st.integers(0, 3)))
    else:
        start = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))))
        end = start + timedelta(minutes=draw(st.integers(15, 300)))
    rule = ""
    if draw(st.booleans()):
        rule = "FREQ=" + draw(st.sampled_from(["WEEKLY", "MONTHLY"]))
        if draw(st.booleans()):
            rule += f";INTERVAL={draw(st.integers(2, 3))}"
        if draw(st.booleans()):
            rule += f";COUNT={draw(st.integers(1, 8))}"
        else:
            rule += f";UNTIL={(day + timedelta(days=draw(st.integers(0, 300)))):%Y%m%d}"
    exdates = []
    if rule:
        wall = start if isinstance(start, datetime) else datetime.combine(start, time())
        first = recurrence.expand(rule, wall, wall, wall + timedelta(days=400), tz=tz)[:6]
        picked = draw(st.lists(st.sampled_from(first), unique=True, max_size=3)) if first else []
        exdates = [p if not all_day else p.date() for p in picked]
    has_address = draw(st.booleans())
    return dict(
        title=draw(title), starts_at=start, ends_at=end, timezone=tz, all_day=all_day,
        type=draw(st.sampled_from(list(EVENT_TYPES))), status=draw(st.sampled_from(list(EVENT_STATUSES))),
        venue=draw(text.map(lambda t: t.replace("\n", " "))), address=draw(text) if has_address else "",
        organiser=draw(st.one_of(st.just(""), word)), organiser_email=draw(st.one_of(st.just(""), email)),
        description=draw(text), rrule=rule, exdates=exdates,
        reminders=draw(st.lists(st.sampled_from([0, 5, 15, 60, 1440, 2880]), unique=True, max_size=3)),
        tags=draw(st.lists(word, max_size=3)), url=draw(st.sampled_from(["", "https://example.org/e?id=1&x=2"])),
    )


def snapshot(event: Event) -> dict:
    out = {f: getattr(event, f) for f in FIELDS}
    if not event.all_day:  # a date has no zone in iCalendar; a time does
        out["timezone"] = event.timezone
    out["exdates"] = sorted(e.original_start for e in event.exceptions)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=stored_events())
def test_export_then_import_gives_back_the_stored_event(values, tmp_path):
    Event.delete().execute()
    stored = event_service.create(**values)
    before = snapshot(Event.get_by_id(stored.id))
    path = tmp_path / "round.ics"
    ics.export(path, ids=[stored.id])

    again = ics.plan_import(path)  # into the same database: nothing to do
    assert [r.outcome for r in again.rows] == ["unchanged"], again.rows

    Event.delete().execute()  # into a database without it: the same event again
    plan = ics.plan_import(path)
    assert not plan.errors
    ics.apply_import(plan)
    after = snapshot(Event.get(Event.uid == before["uid"]))
    assert after == before


def test_changed_occurrences_and_replies_survive_the_trip(tmp_path):
    from commrel.models import EventParticipant
    from commrel.services import stakeholders as stakeholder_service

    series = event_service.create(title="Liaison group", starts_at=datetime(2025, 3, 18, 19, 0),
                                  timezone="Europe/London", rrule="FREQ=WEEKLY;COUNT=6", status="postponed",
                                  venue="Site office", address="Gate 3\nMill Lane",
                                  exdates=[datetime(2025, 3, 25, 19, 0)])
    event_service.override_occurrence(series.id, datetime(2025, 4, 1, 19, 0), starts_at=datetime(2025, 4, 2, 18, 0),
                                      title="Liaison group (Wednesday)", venue="School hall")
    event_service.override_occurrence(series.id, datetime(2025, 4, 8, 19, 0), status="cancelled")
    event_service.override_occurrence(series.id, datetime(2025, 4, 15, 19, 0), status="held",
                                      description="Notes kept separately.")
    people = [stakeholder_service.create(kind="person", given_name=g, family_name="Example", email=f"{g}@example.org")
              for g in ("ann", "bob", "cat")]
    for who, rsvp, role in zip(people, ("accepted", "declined", "tentative"), ("speaker", "guest", "guest")):
        EventParticipant.create(event=series, stakeholder=who, rsvp=rsvp, role=role)

    def overrides(event):
        return sorted((o.original_start, o.starts_at, o.ends_at, o.title, o.venue, o.description, o.status)
                      for o in event.overrides)

    before = snapshot(Event.get_by_id(series.id)), overrides(Event.get_by_id(series.id))
    ics.export(tmp_path / "series.ics")
    Event.delete().execute()
    ics.apply_import(ics.plan_import(tmp_path / "series.ics"))
    back = Event.get(Event.uid == before[0]["uid"])
    assert (snapshot(back), overrides(back)) == before
    assert sorted((p.stakeholder.email, p.rsvp, p.role) for p in back.participants) == [
        ("ann@example.org", "accepted", "speaker"), ("bob@example.org", "declined", "guest"),
        ("cat@example.org", "tentative", "guest")]
