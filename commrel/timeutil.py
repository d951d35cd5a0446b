"""Time handling: the database stores naive UTC; people see their own zone.

Event times keep their IANA zone next to the UTC instant so a meeting at
19:00 Europe/London stays at 19:00 across daylight-saving changes.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

UTC = timezone.utc


def utcnow() -> datetime:
    """Now as naive UTC, the form every timestamp column holds."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def to_utc_naive(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(value: datetime | None, tz: str | None = None) -> datetime | None:
    if value is None:
        return None
    aware = value.replace(tzinfo=UTC)
    return aware.astimezone(zone(tz)) if tz else aware.astimezone()


@lru_cache(maxsize=1)
def local_zone_name() -> str:
    """IANA name of this computer's zone (``UTC`` if it cannot be told)."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # a broken zone configuration must not stop the app
        name = None
    return name or "UTC"


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or local_zone_name())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def is_valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


@lru_cache(maxsize=1)
def all_zones() -> list[str]:
    return sorted(available_timezones())


def add_days(start: datetime, days: int, *, skip_weekends: bool = False) -> datetime:
    """``start`` plus ``days`` calendar days, or working days when ``skip_weekends``."""
    if not skip_weekends:
        return start + timedelta(days=days)
    result = start
    remaining = days
    while remaining > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            remaining -= 1
    return result


def days_between(start: datetime, end: datetime) -> int:
    return (end.date() - start.date()).days


def as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
