"""Repeating events: RFC 5545 RRULE values, the friendly form people edit, and expansion.

Rules are expanded in the event's local wall time, so a meeting every Tuesday
at 19:00 stays at 19:00 after the clocks change.  This module knows nothing of
the database; ``services.events`` feeds it wall-clock start times.

``UNTIL`` is stored the way RFC 5545 asks: a date for all-day events, a UTC
date-time (``...Z``) for timed ones.  ``normalise`` converts a rule to that
form; ``expand`` accepts either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.rrule import rrulestr

from .errors import ValidationError
from .timeutil import UTC, local_zone_name, zone

FREQUENCIES = ("daily", "weekly", "monthly")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_UNITS = {"DAILY": ("day", "days"), "WEEKLY": ("week", "weeks"),
          "MONTHLY": ("month", "months"), "YEARLY": ("year", "years")}
# Parts a calendar event may use; sub-daily parts (BYHOUR...) make no sense here.
_ALLOWED = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH",
            "BYSETPOS", "BYYEARDAY", "BYWEEKNO", "WKST"}
_UNTIL = re.compile(r"^(\d{8})(T(\d{6})(Z?))?$")
_NTH_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_EXAMPLE = "something like FREQ=WEEKLY;INTERVAL=2;COUNT=6"


@dataclass(frozen=True)
class RecurrenceSpec:
    """The repeat options of the event dialog.

    ``weekdays`` are 0 (Monday) to 6 (Sunday), like ``date.weekday()``.
    ``month_week`` (1-4, or -1 for the last) with one weekday gives
    "the first Tuesday of every month"; without it a monthly rule repeats
    on the start date's day of the month.
    """

    freq: str = "weekly"
    interval: int = 1
    until: date | None = None
    count: int | None = None
    weekdays: tuple[int, ...] = ()
    month_week: int | None = None


def _fail(message: str) -> ValidationError:
    return ValidationError("rrule", message)


def parts(rrule: str) -> dict[str, str]:
    """Split an RRULE value into its upper-cased parts; a leading ``RRULE:`` is allowed."""
    text = (rrule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    result: dict[str, str] = {}
    for piece in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = piece.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise _fail(f"“{piece}” is not a rule part; expected {_EXAMPLE}.")
        result[key.strip().upper()] = value.strip().upper()
    return result


def _join(p: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "UNTIL"]
    keys = [k for k in order if k in p] + sorted(k for k in p if k not in order)
    return ";".join(f"{k}={p[k]}" for k in keys)


def _positive(p: dict[str, str], key: str, label: str) -> None:
    if key in p and (not p[key].isdigit() or int(p[key]) < 1):
        raise _fail(f"The {label} must be a whole number of 1 or more (got “{p[key]}”).")


def validate(rrule: str) -> None:
    """Raise ``ValidationError("rrule", ...)`` unless ``rrule`` is empty or a rule we can expand."""
    if not (rrule or "").strip():
        return
    p = parts(rrule)
    freq = p.get("FREQ")
    if not freq:
        raise _fail(f"The repeat rule has no frequency; expected {_EXAMPLE}.")
    if freq not in _UNITS:
        raise _fail(f"Events can repeat daily, weekly, monthly or yearly, not “{freq.lower()}”.")
    unknown = sorted(set(p) - _ALLOWED)
    if unknown:
        raise _fail(f"The repeat rule uses {', '.join(unknown)}, which events here do not support.")
    # dateutil loops forever on INTERVAL=0, so numbers are checked before it sees them.
    _positive(p, "INTERVAL", "interval")
    _positive(p, "COUNT", "number of times")
    if "COUNT" in p and "UNTIL" in p:
        raise _fail("A repeat rule can end after a number of times or on a date, not both.")
    if "UNTIL" in p and not _UNTIL.match(p["UNTIL"]):
        raise _fail(f"The end date “{p['UNTIL']}” is not a date like 20240301.")
    try:
        rrulestr(_join({k: v for k, v in p.items() if k != "UNTIL"}), dtstart=datetime(2000, 1, 1))
        if "UNTIL" in p:
            _until_value(p["UNTIL"], None)
    except ValueError as exc:
        raise _fail(f"The repeat rule is not valid ({exc}).") from None


def _until_value(text: str, tz: str | None) -> datetime:
    """UNTIL as naive wall time in ``tz`` (None: this computer's zone).

    A bare date means the end of that day.
    """
    m = _UNTIL.match(text)
    day = datetime.strptime(m.group(1), "%Y%m%d")
    if not m.group(2):
        return datetime.combine(day.date(), time(23, 59, 59))
    moment = day.replace(hour=int(m.group(3)[:2]), minute=int(m.group(3)[2:4]), second=int(m.group(3)[4:]))
    if m.group(4):
        return moment.replace(tzinfo=UTC).astimezone(zone(tz)).replace(tzinfo=None)
    return moment


def until_date(rrule: str, tz: str | None = None) -> date | None:
    """The last day a rule may repeat on, as the people in ``tz`` see it."""
    p = parts(rrule)
    return _until_value(p["UNTIL"], tz).date() if "UNTIL" in p else None


def normalise(rrule: str, *, all_day: bool, tz: str, from_tz: str | None = None) -> str:
    """Validate and store form: upper-case, no ``RRULE:`` prefix, RFC 5545 ``UNTIL``.

    A timed event's ``UNTIL`` becomes the end of that local day in UTC.  A
    UTC ``UNTIL`` is read in ``from_tz`` (default ``tz``): pass the old zone
    when an event moves to another one.
    """
    validate(rrule)
    if not (rrule or "").strip():
        return ""
    p = parts(rrule)
    if "UNTIL" in p:
        last = _until_value(p["UNTIL"], from_tz or tz)
        if all_day:
            p["UNTIL"] = last.strftime("%Y%m%d")
        else:
            end_of_day = datetime.combine(last.date(), time(23, 59, 59)).replace(tzinfo=zone(tz))
            p["UNTIL"] = end_of_day.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return _join(p)


def shift_until(rrule: str, days: int, *, all_day: bool, tz: str) -> str:
    """The rule with its end date moved by ``days`` (for a copy of a series at another date)."""
    p = parts(rrule)
    if "UNTIL" not in p or not days:
        return rrule
    p["UNTIL"] = (_until_value(p["UNTIL"], tz).date() + timedelta(days=days)).strftime("%Y%m%d")
    return normalise(_join(p), all_day=all_day, tz=tz)


def expand(rrule: str, dtstart: datetime, window_start: datetime, window_end: datetime,
           *, tz: str | None = None) -> list[datetime]:
    """Occurrence starts (naive wall time) of a rule from ``dtstart`` within the window, inclusive.

    ``dtstart`` and the window are naive wall times in ``tz``; a UTC ``UNTIL``
    is converted to that zone.
    """
    p = parts(rrule)
    if "UNTIL" in p:
        p["UNTIL"] = _until_value(p["UNTIL"], tz).strftime("%Y%m%dT%H%M%S")
    rule = rrulestr(_join(p), dtstart=dtstart)
    return rule.between(window_start, window_end, inc=True)


def occurs_at(rrule: str, dtstart: datetime, start: datetime, *, tz: str | None = None) -> bool:
    """Whether ``start`` (naive wall time) is one of the rule's occurrences."""
    return start in expand(rrule, dtstart, start, start, tz=tz)


def last_start(rrule: str, dtstart: datetime, *, tz: str | None = None) -> datetime | None:
    """The last occurrence's start, or None when the rule repeats for ever."""
    p = parts(rrule)
    if "COUNT" not in p and "UNTIL" not in p:
        return None
    if "UNTIL" in p:
        p["UNTIL"] = _until_value(p["UNTIL"], tz).strftime("%Y%m%dT%H%M%S")
    starts = list(rrulestr(_join(p), dtstart=dtstart))
    return starts[-1] if starts else dtstart


# The longest a period of each frequency can be (a month of 31 days, a leap year).
_LONGEST_PERIOD = {"DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1),
                   "MONTHLY": timedelta(days=31), "YEARLY": timedelta(days=366)}


def _every_period_occurs(p: dict[str, str], day_in_every_month: bool, leap_day: bool) -> bool:
    """Whether every period after the first holds an occurrence, so ``COUNT`` periods end the series.

    True only for shapes where that is plain: parts like BYMONTHDAY=31 or
    BYSETPOS can leave periods empty, and then only expanding the rule tells.
    ``day_in_every_month`` and ``leap_day`` describe the start date.
    """
    freq = p.get("FREQ")
    if freq not in _LONGEST_PERIOD or set(p) - {"FREQ", "INTERVAL", "COUNT", "WKST", "BYDAY"}:
        return False
    days = [_NTH_DAY.match(d) for d in p.get("BYDAY", "").split(",") if d]
    if not all(days):
        return False
    nths = [int(m.group(1)) for m in days if m.group(1)]
    if freq == "MONTHLY":
        # Every month has at least four of each weekday; without BYDAY, days past the 28th skip months.
        return all(1 <= abs(n) <= 4 for n in nths) if days else day_in_every_month
    if days:
        return freq == "WEEKLY" and not nths
    return not (freq == "YEARLY" and leap_day)


@lru_cache(maxsize=256)
def _reach(rrule: str, tz: str | None, day_in_every_month: bool, leap_day: bool) -> datetime | timedelta | None:
    """The rule's UNTIL as a wall time, or how far past its start COUNT can carry it, or None."""
    p = parts(rrule)
    if "UNTIL" in p and _UNTIL.match(p["UNTIL"]):
        return _until_value(p["UNTIL"], tz)
    if "COUNT" not in p or not p["COUNT"].isdigit() or not p.get("INTERVAL", "1").isdigit():
        return None
    if not _every_period_occurs(p, day_in_every_month, leap_day):
        return None
    # The first period may hold nothing (BYDAY days before the start's); each later one holds one or more.
    try:
        return _LONGEST_PERIOD[p["FREQ"]] * ((int(p["COUNT"]) + 1) * int(p.get("INTERVAL", "1")))
    except OverflowError:
        return None


def last_start_bound(rrule: str, dtstart: datetime, *, tz: str | None = None) -> datetime | None:
    """A time (naive wall time) no occurrence starts after, told from the rule without expanding it.

    Not always the last start itself: a ``COUNT`` rule gives a bound from its
    shape, a period more than it needs. None when the rule repeats for ever or
    its shape gives no quick bound.
    """
    # Calendars read the same few rules for many events, so what a rule says is kept (by zone name:
    # "this computer's zone" is named, as it can change while the app runs).
    reach = _reach(rrule, tz or local_zone_name(), dtstart.day <= 28, (dtstart.month, dtstart.day) == (2, 29))
    if not isinstance(reach, timedelta):
        return reach
    try:
        return dtstart + reach
    except OverflowError:
        return None


def build(spec: RecurrenceSpec) -> str:
    """The RRULE value for the dialog's options (``UNTIL`` as a date; see ``normalise``)."""
    if spec.freq not in FREQUENCIES:
        raise ValidationError("freq", f"Choose daily, weekly or monthly (not “{spec.freq}”).")
    if spec.interval < 1:
        raise ValidationError("interval", "Repeat every 1 or more.")
    if spec.count is not None and spec.count < 1:
        raise ValidationError("count", "The number of times must be 1 or more.")
    if spec.count is not None and spec.until is not None:
        raise ValidationError("until", "End after a number of times or on a date, not both.")
    if any(d not in range(7) for d in spec.weekdays):
        raise ValidationError("weekdays", "Weekdays run from 0 (Monday) to 6 (Sunday).")
    p = {"FREQ": spec.freq.upper()}
    if spec.interval > 1:
        p["INTERVAL"] = str(spec.interval)
    days = sorted(set(spec.weekdays))
    if spec.month_week is not None:
        if spec.freq != "monthly" or len(days) != 1 or spec.month_week not in _ORDINALS:
            raise ValidationError("month_week", "Pick one weekday and first to fourth, or last, of the month.")
        p["BYDAY"] = f"{spec.month_week}{WEEKDAY_CODES[days[0]]}"
    elif days:
        p["BYDAY"] = ",".join(WEEKDAY_CODES[d] for d in days)
    if spec.count is not None:
        p["COUNT"] = str(spec.count)
    if spec.until is not None:
        p["UNTIL"] = spec.until.strftime("%Y%m%d")
    return _join(p)


def parse(rrule: str, tz: str | None = None) -> RecurrenceSpec | None:
    """The dialog's options for ``rrule``.

    None when the rule is empty or beyond what the dialog offers (show ``describe`` then).
    """
    if not (rrule or "").strip():
        return None
    validate(rrule)
    p = parts(rrule)
    freq = p["FREQ"].lower()
    if freq not in FREQUENCIES or set(p) - {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"}:
        return None
    weekdays, month_week = [], None
    for item in filter(None, p.get("BYDAY", "").split(",")):
        m = _NTH_DAY.match(item)
        if m.group(1):
            if freq != "monthly" or month_week is not None or int(m.group(1)) not in _ORDINALS:
                return None
            month_week = int(m.group(1))
        weekdays.append(WEEKDAY_CODES.index(m.group(2)))
    if freq == "daily" and weekdays:
        return None
    return RecurrenceSpec(freq=freq, interval=int(p.get("INTERVAL", "1")),
                          until=until_date(rrule, tz), count=int(p["COUNT"]) if "COUNT" in p else None,
                          weekdays=tuple(sorted(weekdays)), month_week=month_week)


def describe(rrule: str, tz: str | None = None) -> str:
    """A sentence for people, e.g. "Every 2 weeks on Tue, 6 times"."""
    if not (rrule or "").strip():
        return "Does not repeat"
    validate(rrule)
    p = parts(rrule)
    one, many = _UNITS[p["FREQ"]]
    interval = int(p.get("INTERVAL", "1"))
    text = f"Every {one}" if interval == 1 else f"Every {interval} {many}"
    days = []
    for item in filter(None, p.get("BYDAY", "").split(",")):
        m = _NTH_DAY.match(item)
        name = WEEKDAY_NAMES[WEEKDAY_CODES.index(m.group(2))]
        n = int(m.group(1)) if m.group(1) else None
        days.append(f"the {_ORDINALS[n]} {name}" if n in _ORDINALS else
                    f"{name} no. {n}" if n else name)
    if days:
        text += " on " + ", ".join(days)
    if "BYMONTHDAY" in p:
        text += f" on day {p['BYMONTHDAY'].replace(',', ', ')}"
    if set(p) - {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"}:
        text += " (custom rule)"
    if "COUNT" in p:
        count = int(p["COUNT"])
        text += ", once" if count == 1 else f", {count} times"
    if "UNTIL" in p:
        last = until_date(rrule, tz)
        text += f", until {last.day} {last.strftime('%b %Y')}"
    return text

