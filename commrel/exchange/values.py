"""Reading cell values: what a partner typed, or what their spreadsheet stored.

Dates arrive as real date cells, as Excel serial numbers, as ISO text or as
local text such as 03/04/2026, whose day and month order is worked out per
column (:class:`DateOrderScan`). Enumerations match their code, label or a
synonym in any case. Phone numbers and postcodes stay text: "07700 900123"
keeps its zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from ..errors import ValidationError
from ..services import validation as v
from ..timeutil import local_zone_name, zone
from . import formula
from .columns import Column

DEFAULT_DATE_ORDER = "dmy"
DATE_ORDERS = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}

_TRUE = {"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí", "t"}
_FALSE = {"no", "n", "false", "0", "-", "nein", "non", "f"}
_MAX_SERIAL = 2958465  # 9999-12-31
_MAX_INTEGER = 2 ** 63 - 1
EARLIEST, LATEST = date(1800, 1, 1), date(2999, 12, 31)
_NUMERIC_DATE = re.compile(
    r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})"
    r"(?:[ T,]+(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?\s*([ap])?\.?m?\.?)?$", re.IGNORECASE)


class CellError(ValueError):
    """A value that cannot be read; the message says why, for a person."""


def text(raw: Any) -> str:
    """The text of a cell: numbers without a spurious ".0", dates in ISO form."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return formula.restore(raw.strip())
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ", timespec="minutes" if raw.second == 0 else "seconds")
    if isinstance(raw, (date, time)):
        return raw.isoformat()
    return str(raw).strip()


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# Dates ---------------------------------------------------------------------

def from_serial(number: float) -> datetime:
    """An Excel serial day number (1900 date system) as a datetime, to the second."""
    if not 0 < number <= _MAX_SERIAL:
        raise CellError(f"{number:g} is not a date.")
    # Excel counts 1900-02-29, a day that never was; serials from 61 on are one day ahead.
    base = datetime(1899, 12, 30) if number >= 61 else datetime(1899, 12, 31)
    return base + timedelta(seconds=round(number * 86400))


def _year(text_year: str) -> int:
    year = int(text_year)
    if len(text_year) <= 2:
        pivot = date.today().year % 100 + 20
        year += 2000 if year <= pivot else 1900
    return year


def _clock(hour, minute, second, half) -> time:
    h = int(hour or 0)
    if half:
        if h > 12:
            raise CellError("has a 24-hour time with am/pm.")
        h = h % 12 + (12 if half.lower() == "p" else 0)
    return time(h, int(minute or 0), int(second or 0))


def parse_datetime(raw: Any, order: str = DEFAULT_DATE_ORDER) -> date | datetime | None:
    """A date, or a date with a time; None for a blank cell. Text is read in ``order``."""
    if is_blank(raw):
        return None
    if isinstance(raw, datetime):
        return _to_local(raw).replace(microsecond=0) + timedelta(seconds=round(raw.microsecond / 1e6))
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        raise CellError(f"“{raw}” is not a date.")
    if isinstance(raw, (int, float)):
        value = from_serial(float(raw))
        return value.date() if value.time() == time(0) else value
    s = text(raw)
    if re.fullmatch(r"\d{8}", s):
        try:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            raise CellError(f"“{s}” is not a date.") from None
    if re.fullmatch(r"\d{1,7}(\.\d+)?", s):
        value = from_serial(float(s))
        return value.date() if value.time() == time(0) else value
    try:
        value = datetime.fromisoformat(s)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return value.date()
        return _to_local(value)
    except ValueError:
        pass
    m = _NUMERIC_DATE.match(s)
    if m:
        a, b, c, hour, minute, second, half = m.groups()
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        elif len(c) in (2, 4):
            first, second_part = int(a), int(b)
            d, mo = (first, second_part) if order != "mdy" else (second_part, first)
            y = _year(c)
        else:
            raise CellError(f"“{s}” is not a date.")
        try:
            day = date(y, mo, d)
        except ValueError:
            raise CellError(f"“{s}” is not a date when read as {DATE_ORDERS.get(order, order)}.") from None
        return datetime.combine(day, _clock(hour, minute, second, half)) if hour is not None else day
    if re.search(r"[A-Za-z]", s) and re.search(r"\d", s):
        from dateutil import parser

        try:
            value = parser.parse(s, dayfirst=order != "mdy")
        except (ValueError, OverflowError):
            raise CellError(f"“{s}” is not a date.") from None
        return value.date() if value.time() == time(0) and not re.search(r"\d:\d", s) else _to_local(value)
    raise CellError(f"“{s}” is not a date (write it as YYYY-MM-DD, e.g. 2026-03-31).")


def _to_local(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(zone(local_zone_name())).replace(tzinfo=None)


def as_datetime(value: date | datetime | None) -> datetime | None:
    """A date read in a date-and-time column means midnight of that day."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


@dataclass
class DateOrderScan:
    """Evidence in one column for day/month or month/day order, gathered before reading it."""

    header: str
    day_first: str = ""  # an example that only makes sense as day/month
    month_first: str = ""
    ambiguous: str = ""
    seen: int = field(default=0)

    def feed(self, raw: Any) -> None:
        if not isinstance(raw, str):
            return
        m = _NUMERIC_DATE.match(raw.strip())
        if not m or len(m.group(1)) == 4:
            return
        a, b = int(m.group(1)), int(m.group(2))
        self.seen += 1
        if a > 12 >= b and not self.day_first:
            self.day_first = raw.strip()
        elif b > 12 >= a and not self.month_first:
            self.month_first = raw.strip()
        elif a <= 12 and b <= 12 and a != b and not self.ambiguous:
            self.ambiguous = raw.strip()

    def decide(self, requested: str | None = None) -> tuple[str, str | None]:
        """(order, a warning to show once, or None)."""
        if requested:
            return requested, None
        where = f"Column {self.header}"
        if self.day_first and self.month_first:
            return DEFAULT_DATE_ORDER, (
                f"{where} mixes day/month dates ({self.day_first}) and month/day dates ({self.month_first}); "
                "they were read as day/month, and rows that do not fit are marked.")
        if self.day_first:
            return "dmy", None
        if self.month_first:
            return "mdy", None
        if self.ambiguous:
            a = self.ambiguous
            read = parse_datetime(a, DEFAULT_DATE_ORDER)
            return DEFAULT_DATE_ORDER, (
                f"{where}: dates such as {a} could be day/month or month/day; they were read as "
                f"{DATE_ORDERS[DEFAULT_DATE_ORDER]} ({read:%d %B %Y}). Choose the date order if that is wrong.")
        return DEFAULT_DATE_ORDER, None


# Everything else -------------------------------------------------------------

_LOOKUPS: dict[int, dict[str, str]] = {}


def _choice(column: Column, raw: Any) -> str:
    from .columns import normalise

    if is_blank(raw):
        return ""
    lookup = _LOOKUPS.get(id(column))
    if lookup is None:
        lookup = _LOOKUPS[id(column)] = column.choice_lookup()
    s = text(raw)
    code = lookup.get(normalise(s))
    if code is None:
        raise CellError(f"“{s}” is not one of: {', '.join((column.choices or {}).values())}.")
    return code


def boolean(raw: Any) -> bool:
    if is_blank(raw):
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    s = text(raw).casefold()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise CellError(f"“{text(raw)}” is not Yes or No.")


def integer(raw: Any, what: str = "a whole number") -> int | None:
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError(f"“{raw}” is not {what}.")
    if isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, int):
        number = raw
    else:
        s = text(raw).replace(",", "").replace(" ", "")
        try:
            value = float(s)
        except ValueError:
            raise CellError(f"“{text(raw)}” is not {what}.") from None
        if not value.is_integer():
            raise CellError(f"“{text(raw)}” is not {what}.")
        number = int(value)
    if abs(number) > _MAX_INTEGER:  # SQLite stores 64-bit integers; 1e308 is a typo, not a count
        raise CellError(f"“{text(raw)}” is too large to be {what}.")
    return number


def split_tags(raw: Any) -> list[str]:
    """Tags separated by semicolons or commas, tidied, without repeats, sorted."""
    names = {" ".join(part.split()) for part in re.split(r"[;,\n]", text(raw))}
    return sorted(n for n in names if n)


def _checked(check, field_name: str, value: Any) -> str:
    try:
        return check(field_name, value)
    except ValidationError as exc:
        raise CellError(exc.message) from None


def parse(column: Column, raw: Any, *, date_order: str = DEFAULT_DATE_ORDER) -> Any:
    """The value of ``raw`` for ``column``; raises :class:`CellError`."""
    kind = column.type
    if kind in ("id", "version"):
        number = integer(raw, "a Commrel ID" if kind == "id" else "a row version")
        if number is not None and number <= 0:
            raise CellError(f"“{text(raw)}” is not a Commrel ID.")
        return number
    if kind == "int":
        return integer(raw)
    if kind == "bool":
        return boolean(raw)
    if kind == "enum":
        return _choice(column, raw)
    if kind == "tags":
        return split_tags(raw)
    if kind == "names":
        return [" ".join(p.split()) for p in re.split(r"[;\n]", text(raw)) if p.strip()]
    if kind == "emails":
        parts = [p for p in re.split(r"[;,\s]+", text(raw)) if p]
        return [_checked(v.email, column.key, p) for p in parts]
    if kind in ("date", "datetime"):
        value = parse_datetime(raw, date_order)
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and not EARLIEST <= day <= LATEST:
            # Year 1 or 9999 is a typo or a "never" marker; converted to UTC it would not even exist.
            raise CellError(f"“{text(raw)}” is outside the dates Commrel accepts "
                            f"({EARLIEST.year} to {LATEST.year}).")
        if kind == "date" and isinstance(value, datetime):
            return value.date()
        return as_datetime(value) if kind == "datetime" else value
    if kind == "email":
        return _checked(v.email, column.key, text(raw))
    if kind == "phone":
        return _checked(v.phone, column.key, text(raw))
    limit = 100_000 if kind == "long_text" else 255
    return _checked(lambda f, x: v.text(f, x, max_length=limit, label=column.header), column.key, text(raw))


# Whole columns ---------------------------------------------------------------

# Distinct values remembered per column; past this a column is read cell by cell again.
_MEMO_LIMIT = 20_000
_MISSING = object()


def reader(column: Column, date_order: str = DEFAULT_DATE_ORDER) -> Callable[[Any], Any]:
    """:func:`parse` for every cell of one column, with the decisions made once for the column.

    A sheet repeats its drop-downs, yes/no cells, tags and dates down each
    column, so each distinct cell of those is read once; text takes a short
    path when it is a plain string within its limit. Anything else goes
    through :func:`parse`, so values and messages are the same as cell by cell.
    """
    kind = column.type

    def slow(raw: Any) -> Any:
        return parse(column, raw, date_order=date_order)

    if kind in ("text", "long_text", "postcode"):
        limit = 100_000 if kind == "long_text" else 255

        def read_text(raw: Any) -> str:
            if raw.__class__ is str:
                s = raw.strip()
                # A leading quote may be a formula guard to take off (see formula.restore).
                if len(s) <= limit and s[:1] != formula.QUOTE:
                    return s
            elif raw is None:
                return ""
            return slow(raw)
        return read_text
    if kind in ("email", "phone"):
        check = v.email if kind == "email" else v.phone

        def read_checked(raw: Any) -> str:
            if raw.__class__ is str:
                s = raw.strip()
                if s[:1] != formula.QUOTE:
                    return _checked(check, column.key, s)
            return slow(raw)
        return read_checked
    if kind in ("id", "version"):
        def read_number(raw: Any) -> int | None:
            if raw is None or raw == "":
                return None
            if raw.__class__ is float and raw.is_integer() and 0 < raw < 1e15:
                return int(raw)
            return slow(raw)
        return read_number
    if kind not in ("enum", "bool", "int", "tags", "date", "datetime"):
        return slow
    memo: dict[tuple[type, Any], Any] = {}
    copy = kind == "tags"  # a list: each row gets its own

    def read_repeated(raw: Any) -> Any:
        # The type is part of the key: True, 1 and 1.0 are equal in a dict but not as cells.
        key = (raw.__class__, raw)
        try:
            value = memo.get(key, _MISSING)
        except TypeError:  # an unhashable cell value
            return slow(raw)
        if value is _MISSING:
            value = slow(raw)
            if len(memo) < _MEMO_LIMIT:
                memo[key] = value
        return list(value) if copy else value
    return read_repeated
