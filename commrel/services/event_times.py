"""Event times between what people pick and what the event table stores.

Stored: a timed event holds naive UTC instants and its IANA zone; an all-day
event holds the local midnight of its first day and of the day after its
last day, zone-free.  "Wall time" below is a naive datetime as a clock in the
event's zone shows it; repeating rules are expanded in wall time.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..errors import ValidationError
from ..models import Event
from ..timeutil import UTC, zone


def aware(value: date | datetime, tz: str | None) -> datetime:
    """``value`` as an aware datetime in ``tz`` (None: this computer's zone).

    A date means its midnight and a naive datetime a wall time, both in ``tz``.
    """
    zi = zone(tz)
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=zi)
    if value.tzinfo is None:
        return value.replace(tzinfo=zi)
    return value.astimezone(zi)


def to_store(moment: datetime, *, tz: str, all_day: bool) -> datetime:
    """The stored form of an aware ``moment``: its local midnight when all-day, else naive UTC."""
    if all_day:
        return datetime.combine(moment.astimezone(zone(tz)).date(), time())
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_store(value: datetime, *, tz: str, all_day: bool) -> datetime:
    """Wall time of a stored value."""
    if all_day:
        return value
    return value.replace(tzinfo=UTC).astimezone(zone(tz)).replace(tzinfo=None)


def wall_times(event: Event) -> tuple[datetime, datetime]:
    """Start and (exclusive) end of the event as wall times in its zone."""
    return (from_store(event.starts_at, tz=event.timezone, all_day=event.all_day),
            from_store(event.ends_at, tz=event.timezone, all_day=event.all_day))


def local_start(event: Event) -> datetime:
    """The start, aware, in the event's zone (midnight of the first day when all-day)."""
    return aware(wall_times(event)[0], event.timezone)


def local_end(event: Event) -> datetime:
    """The end, aware, in the event's zone; all-day events end at midnight after their last day."""
    return aware(wall_times(event)[1], event.timezone)


def all_day_dates(event: Event) -> tuple[date, date]:
    """First and last (inclusive) day of an all-day event, as the dialog shows them."""
    start, end = wall_times(event)
    return start.date(), (end - timedelta(microseconds=1)).date()


def stored_times(start, end, *, timezone: str, all_day: bool) -> tuple[datetime, datetime]:
    """``(starts_at, ends_at)`` to store for what a person picked.

    Timed: aware or naive (wall time in ``timezone``) datetimes; ``end`` None
    means one hour.  All-day: dates (or datetimes, whose local date counts)
    with an inclusive last day; ``end`` None means one day.
    """
    if all_day:
        first = aware(start, timezone).date()
        last = aware(end, timezone).date() if end is not None else first
        if last < first:
            raise ValidationError("ends_at", "The last day cannot be before the first day.")
        return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())
    if not isinstance(start, datetime):
        raise ValidationError("starts_at", "Give a start time, or make it an all-day event.")
    begins = aware(start, timezone)
    if end is None:
        ends = begins + timedelta(hours=1)
    elif not isinstance(end, datetime):
        raise ValidationError("ends_at", "Give an end time, or make it an all-day event.")
    else:
        ends = aware(end, timezone)
    if ends <= begins:
        raise ValidationError("ends_at", "The end must be after the start.")
    return to_store(begins, tz=timezone, all_day=False), to_store(ends, tz=timezone, all_day=False)


def set_times(event: Event, start, end, *, timezone: str, all_day: bool = False) -> None:
    """Set an (unsaved) event's times as ``stored_times`` reads them; for importers."""
    event.starts_at, event.ends_at = stored_times(start, end, timezone=timezone, all_day=all_day)
    event.timezone, event.all_day = timezone, all_day
