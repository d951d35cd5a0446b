"""Reading iCalendar components into events: times and zones, recurrence, attendees, and refusals.

The file itself is split and parsed in :mod:`.ics_file`; here each VEVENT
becomes an :class:`Item` (with its moved occurrences) or a reason it was
skipped that names the file and line.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from icalendar import vRecur, vUnknown

from .. import recurrence
from ..errors import ExchangeError, ValidationError
from ..models.choices import EVENT_STATUSES, EVENT_TYPES
from ..progress import check
from ..timeutil import UTC, local_zone_name, to_utc_naive, zone
from . import ics_zones
from .ics_export import STATUS_OUT, location_text
from .ics_file import Block, Part, bad_line_reason, parse_block, property_line, raw_summary, read_file


STATUS_IN = {"TENTATIVE": "planned", "CONFIRMED": "confirmed", "CANCELLED": "cancelled"}
PARTSTAT_IN = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative",
               "NEEDS-ACTION": "invited", "DELEGATED": "no_reply"}
_RRULE_ORDER = ("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "UNTIL")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")  # RFC 5545 3.3.11
_HTML = re.compile(r"<(br|p|div|span|a|b|i|u|ul|ol|li|html|body|strong|em)\b[^>]*>", re.IGNORECASE)


class Refused(Exception):
    """A component that cannot become an event; ``line`` says where, when known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class Attendee:
    email: str  # lower case
    name: str
    partstat: str  # as in the file, upper case
    rsvp: str  # Commrel's code
    role: str  # Commrel's code


_MAX_SEQUENCE = 2**31 - 1


def _check_bounds(item: "Item") -> None:
    """Refuse values Commrel cannot store: times outside years 1–9999 once in UTC, huge SEQUENCEs."""
    if not 0 <= item.sequence <= _MAX_SEQUENCE:
        raise Refused(f"SEQUENCE {item.sequence} is out of range (0 to {_MAX_SEQUENCE}).")
    for value in (item.start, item.end, item.recurrence_id, *item.exdates):
        if value is None:
            continue
        try:
            if isinstance(value, datetime):
                (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
                value.replace(tzinfo=None) + timedelta(days=1)
                value.replace(tzinfo=None) - timedelta(days=1)
            else:
                value + timedelta(days=1)
                value - timedelta(days=1)
        except (OverflowError, ValueError):
            raise Refused(f"The date {value} is too close to the year 1 or 9999 to be stored.") from None


@dataclass
class Item:
    """One VEVENT as read: times still aware, nothing compared with the database yet."""

    uid: str
    line: int
    start: Any  # date, or aware datetime
    end: Any
    zone: str  # IANA zone of the start
    recurrence_id: Any = None  # date or aware datetime
    sequence: int = 0
    modified: Any = None  # naive UTC (LAST-MODIFIED, else DTSTAMP)
    title: str = ""
    description: str = ""
    location: str = ""
    venue: str | None = None  # from X-COMMREL-VENUE, when still consistent
    address: str | None = None
    status: str | None = None  # Commrel code; None when the file has no STATUS
    status_ical: str = ""
    status_exact: bool = False  # X-COMMREL-STATUS agreed with STATUS
    type: str | None = None
    tags: list[str] | None = None  # None when the file has no CATEGORIES
    url: str = ""
    organiser: str = ""
    organiser_email: str = ""
    organiser_given: bool = False  # ORGANIZER (or X-COMMREL-ORGANISER) present
    attendees: list[Attendee] = field(default_factory=list)
    reminders: list[int] | None = None  # None when there is no VALARM
    rrule: str = ""
    exdates: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def all_day(self) -> bool:
        return not hasattr(self.start, "hour")


@dataclass
class Context:
    """What every component of one VCALENDAR shares."""

    file: str
    lines: list[str]
    floating: str  # zone for times without one (X-WR-TIMEZONE, else this computer's)
    wr_zone: str | None
    vtimezones: dict[str, Any]
    ours: bool  # written by Commrel: its X-COMMREL-* properties and plain text can be trusted
    _zones: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, block: Block, lines: list[str], file: str) -> "Context":
        cal = block.calendar
        wr = _text(cal.get("X-WR-TIMEZONE")) if cal is not None else ""
        wr_zone = ics_zones.resolve(wr) if wr else None
        zones = {str(p.component.get("TZID", "")): p.component for p in block.parts
                 if p.name == "VTIMEZONE" and p.component is not None}
        prodid = _text(cal.get("PRODID")) if cal is not None else ""
        return cls(file, lines, wr_zone or local_zone_name(), wr_zone, zones, "//Commrel//" in prodid)

    def zone(self, tzid: str, year: int) -> str | None:
        if tzid not in self._zones:
            self._zones[tzid] = ics_zones.resolve(tzid, self.vtimezones.get(tzid), year=year)
        return self._zones[tzid]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, vUnknown):  # X- properties arrive still escaped
        return _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), str(value))
    return str(value)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _raw(prop: Any) -> str:
    if isinstance(prop, str):  # vBroken keeps the text as it was in the file
        return str(prop)
    try:
        return prop.to_ical().decode("utf-8", "replace")
    except Exception:
        return str(prop)


class _Reader:
    """Reads one VEVENT into an :class:`Item`; raises :class:`Refused` with the line to blame."""

    def __init__(self, part: Part, ctx: Context):
        self.part, self.ctx, self.comp = part, ctx, part.component
        self.props = dict(self.comp)  # upper-case names already; plain lookups are much cheaper
        found = getattr(self.comp, "errors", [])
        self.errors = {str(n).upper(): str(m) for n, m in found if n}
        self.notes: list[str] = []
        if any(not n for n, _ in found):
            where = bad_line_reason(ctx.lines, part)
            self.note(f"{where or 'a line of it cannot be read'}; that line was left out")

    def fail(self, prop: str, reason: str):
        raise Refused(reason, property_line(self.ctx.lines, self.part, prop) or self.part.line)

    def moment(self, prop: Any, name: str, value: Any = None) -> tuple[Any, str | None]:
        """A date, or an aware datetime with the IANA zone it was written in."""
        if name in self.errors and value is None:
            self.fail(name, f"{name} “{_raw(prop)}” is not a date or time ({self.errors[name]}).")
        try:
            value = prop.dt if value is None else value
        except Exception as exc:
            self.fail(name, f"{name} “{_raw(prop)}” is not a date or time ({exc}).")
        if isinstance(value, datetime):
            tzid = str(prop.params.get("TZID", "") or "")
            if value.tzinfo is not None and not tzid:
                return value, "UTC"
            found = self.ctx.zone(tzid, value.year) if tzid else self.ctx.floating
            if found is None:
                self.note(f"time zone “{tzid}” is not one Commrel knows")
                if value.tzinfo is not None:
                    return value, "UTC"
                found = self.ctx.floating
            return (value if value.tzinfo is not None else value.replace(tzinfo=zone(found))), found
        if isinstance(value, date):
            return value, None
        self.fail(name, f"{name} “{_raw(prop)}” is not a date or time.")

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def times(self) -> tuple[Any, Any, str]:
        props = self.props
        if props.get("DTSTART") is None:
            self.fail("DTSTART", "It has no start (DTSTART).")
        for name in ("DTSTART", "DTEND"):
            if isinstance(props.get(name), list):
                self.note(f"it has more than one {name}; the first was used")
        start, tz = self.moment(_first(props["DTSTART"]), "DTSTART")
        if props.get("DTEND") is not None:
            end, _ = self.moment(_first(props["DTEND"]), "DTEND")
        elif props.get("DURATION") is not None:
            try:
                length = _first(props["DURATION"]).dt
                end = start + length
            except Exception:
                self.fail("DURATION", f"DURATION “{_raw(props['DURATION'])}” is not a length of time.")
        else:
            end = start + timedelta(days=1) if not isinstance(start, datetime) else start
        all_day_flag = _text(props.get("X-MICROSOFT-CDO-ALLDAYEVENT")).upper() == "TRUE"
        if isinstance(start, datetime) and all_day_flag and isinstance(end, datetime):
            local_end = end.astimezone(start.tzinfo)
            if start.time() == time() and local_end.time() == time():
                start, end = start.date(), local_end.date()
        if not isinstance(start, datetime):
            if isinstance(end, datetime):
                end = end.date()
            if end <= start:
                end = start + timedelta(days=1)
            return start, end, self.ctx.wr_zone or self.ctx.floating
        if not isinstance(end, datetime):
            end = datetime.combine(end, time(), start.tzinfo)
        if end < start:
            self.fail("DTEND", f"It ends ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M}).")
        if tz == "UTC" and self.ctx.wr_zone and not _first(props["DTSTART"]).params.get("TZID"):
            tz = self.ctx.wr_zone  # Google: UTC times, the calendar's zone beside them
        return start, end, tz

    def rrule(self, start: Any, tz: str) -> str:
        prop = self.props.get("RRULE")
        if prop is None:
            return ""
        if isinstance(prop, list):
            if len(prop) > 1:
                self.note("only the first of its repeat rules was kept")
            prop = prop[0]
        if "RRULE" in self.errors:
            try:  # spaces after commas ("BYDAY=MO, TU") are common and harmless
                prop = vRecur.from_ical(re.sub(r"\s+", "", _raw(prop)))
            except Exception:
                self.fail("RRULE", f"The repeat rule “{_raw(prop)}” is not valid ({self.errors['RRULE']}).")
        try:
            return rrule_text(_raw(prop), prop, all_day=not isinstance(start, datetime), tz=tz)
        except ValidationError as exc:
            self.fail("RRULE", f"The repeat rule “{_raw(prop)}” cannot be used: {exc.message}")

    def moments(self, name: str) -> list[Any]:
        prop = self.props.get(name)
        if prop is None:
            return []
        if name in self.errors:
            self.fail(name, f"{name} “{_raw(_first(prop))}” is not a list of dates or times ({self.errors[name]}).")
        out = []
        for item in prop if isinstance(prop, list) else [prop]:
            for one in getattr(item, "dts", []):
                out.append(self.moment(item, name, one.dt)[0])
        return out

    def read(self) -> Item:
        props = self.props
        title = _text(props.get("SUMMARY")).strip()
        start, end, tz = self.times()
        item = Item(uid=_text(props.get("UID")).strip() or _made_up_uid(title, props), line=self.part.line,
                    start=start, end=end, zone=tz, title=title or "Untitled event")
        if props.get("RECURRENCE-ID") is not None:
            item.recurrence_id = self.moment(_first(props["RECURRENCE-ID"]), "RECURRENCE-ID")[0]
        item.rrule = self.rrule(start, tz)
        if item.rrule:
            item.exdates = self.moments("EXDATE")
        if props.get("RDATE") is not None:
            self.note("extra dates (RDATE) are not supported and were left out")
        try:
            item.sequence = int(props.get("SEQUENCE", 0) or 0)
        except (TypeError, ValueError):
            self.note("its SEQUENCE is not a number; taken as 0")
        for name in ("LAST-MODIFIED", "DTSTAMP"):
            prop = props.get(name)
            if prop is not None and name not in self.errors:
                try:
                    value = prop.dt
                except Exception:
                    continue
                if isinstance(value, datetime):
                    item.modified = to_utc_naive(value)
                    break
        self.texts(item)
        self.people(item)
        item.reminders = self.reminders(start)
        item.notes = self.notes
        return item

    def texts(self, item: Item) -> None:
        props = self.props
        description = _text(props.get("DESCRIPTION"))
        if description and not self.ctx.ours and _HTML.search(description):
            description = _plain_text(description)
        item.description = description.strip()
        item.location = _text(props.get("LOCATION")).strip()
        address = props.get("X-COMMREL-ADDRESS")
        if address is not None:
            venue, address = _text(props.get("X-COMMREL-VENUE")), _text(address)
            if location_text(venue, address) == item.location:
                item.venue, item.address = venue, address
        elif "\n" in item.location and not self.ctx.ours:  # Apple: the place's name, then its address, a line each
            first, rest = item.location.split("\n", 1)
            item.venue, item.address = first.strip(), rest.strip()
        item.url = _text(props.get("URL")).strip()
        item.status_ical = _text(props.get("STATUS")).strip().upper()
        item.status = STATUS_IN.get(item.status_ical)
        exact = _text(props.get("X-COMMREL-STATUS")).strip().lower()
        if exact in EVENT_STATUSES and STATUS_OUT[exact] == item.status_ical:
            item.status, item.status_exact = exact, True
        cats = props.get("CATEGORIES")
        if cats is not None:
            names = [str(c).strip() for v in (cats if isinstance(cats, list) else [cats])
                     for c in getattr(v, "cats", [])]
            item.tags = []
            for name in filter(None, names):
                code = _TYPE_CODES.get(name.casefold())
                if code and item.type is None:
                    item.type = code
                else:
                    item.tags.append(name)

    def people(self, item: Item) -> None:
        props = self.props
        organiser = _first(props.get("ORGANIZER"))
        if props.get("X-COMMREL-ORGANISER") is not None and organiser is None:
            item.organiser, item.organiser_given = _text(props.get("X-COMMREL-ORGANISER")).strip(), True
        if organiser is not None:
            item.organiser_given = True
            item.organiser = str(organiser.params.get("CN", "") or "").strip() if hasattr(organiser, "params") else ""
            email = _mail(str(organiser), lower=False)
            if email:
                item.organiser_email = email
            elif str(organiser).strip():
                self.note(f"the organiser “{organiser}” has no email address")
        found = props.get("ATTENDEE")
        seen: set[str] = set()
        for person in found if isinstance(found, list) else ([found] if found is not None else []):
            email = _mail(str(person))
            if not email or email in seen:
                continue  # nobody to match or write to without an address
            params = dict(getattr(person, "params", None) or {})
            if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
                continue
            seen.add(email)
            partstat = str(params.get("PARTSTAT") or "NEEDS-ACTION").upper()
            role = "speaker" if str(params.get("ROLE", "")).upper() == "CHAIR" else "guest"
            item.attendees.append(Attendee(email, str(params.get("CN") or "").strip(), partstat,
                                           PARTSTAT_IN.get(partstat, "invited"), role))

    def reminders(self, start: Any) -> list[int] | None:
        found: set[int] = set()
        for alarm in self.comp.subcomponents:
            if alarm.name != "VALARM" or _text(alarm.get("ACTION")).upper() == "NONE":
                continue
            trigger = alarm.get("TRIGGER")
            try:
                value = trigger.dt
            except Exception:
                continue
            if isinstance(value, timedelta):
                if str(trigger.params.get("RELATED", "START")).upper() == "START" and value <= timedelta():
                    found.add(round(-value.total_seconds() / 60))
            elif isinstance(value, datetime) and isinstance(start, datetime) and value.tzinfo is not None:
                ahead = start - value
                if timedelta() <= ahead < timedelta(days=366):
                    found.add(round(ahead.total_seconds() / 60))
        return sorted(found) if found else None


def _label(name: str, title: str) -> str:
    """How messages name a component: VEVENT 'Town hall'."""
    title = " ".join(title.split())
    if not title:
        return name
    return f"{name} '{title if len(title) <= 40 else title[:39] + '…'}'"


def _made_up_uid(title: str, props: dict[str, Any]) -> str:
    """A stable UID for an event that has none, so importing it again finds it."""
    start = _raw(_first(props["DTSTART"])) if props.get("DTSTART") is not None else ""
    digest = hashlib.sha1(f"{title}\n{start}".encode("utf-8", "replace")).hexdigest()[:20]
    return f"{digest}@imported.commrel"


def _mail(value: str, *, lower: bool = True) -> str:
    """The address of a ``mailto:`` value ("" for anything else); lower case for matching people."""
    value = value.strip()
    if value[:7].lower() != "mailto:":
        return ""
    email = value[7:].strip()
    if not lower:
        return email if "@" in email else ""
    email = email.lower()
    return email if _EMAIL.match(email) else ""


def _plain_text(html_text: str) -> str:
    text = re.sub(r"<\s*br\s*/?\s*>|</\s*(p|div|li)\s*>", "\n", html_text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text))


def join_rrule(parts: dict[str, str]) -> str:
    keys = [k for k in _RRULE_ORDER if k in parts] + sorted(k for k in parts if k not in _RRULE_ORDER)
    return ";".join(f"{k}={parts[k]}" for k in keys)


def rrule_text(text: str, prop: Any, *, all_day: bool, tz: str) -> str:
    """The RRULE to store: validated, its UNTIL a date (all-day) or a UTC time (timed)."""
    p = recurrence.parts(re.sub(r"\s+", "", text))  # "BYDAY=MO, TU" is seen in the wild
    if "UNTIL" in p:
        until = _first(prop.get("UNTIL")) if hasattr(prop, "get") else None
        if until is None:
            raise ValidationError("rrule", f"The end date “{p['UNTIL']}” is not a date.")
        if all_day:
            day = until.astimezone(zone(tz)).date() if isinstance(until, datetime) and until.tzinfo else \
                (until.date() if isinstance(until, datetime) else until)
            p["UNTIL"] = day.strftime("%Y%m%d")
        else:
            if not isinstance(until, datetime):
                until = datetime.combine(until, time(23, 59, 59))
            if until.tzinfo is None:
                until = until.replace(tzinfo=zone(tz))
            p["UNTIL"] = until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = join_rrule(p)
    recurrence.validate(out)
    return out


_TYPE_CODES = {**{code.casefold(): code for code in EVENT_TYPES},
               **{label.casefold(): code for code, label in EVENT_TYPES.items()}}


def read_items(path: Path, errors: list[str], skipped: list[tuple[Part, str]], progress=None
               ) -> Iterator[Item]:
    """Every VEVENT of the file that can be read; what cannot goes to ``errors`` with its line."""
    lines, blocks = read_file(path)
    name = path.name
    done = 0
    for block in blocks:
        if not block.closed:
            errors.append(ExchangeError("The file ends before END:VCALENDAR; it looks cut off. "
                                        "The complete events before that point can still be imported.",
                                        file=name, component="VCALENDAR", line=block.line).describe())
        for part in block.broken:
            errors.append(ExchangeError(f"It has no END:{part.name}; the file looks cut off or damaged here.",
                                        file=name, component=_label(part.name, raw_summary(lines, part)),
                                        line=part.line).describe())
        parse_block(lines, block)
        ctx = Context.of(block, lines, name)
        for part in block.parts:
            if done % 500 == 0:
                check(progress)
                if progress is not None:
                    progress.report(done, None, "Reading events")
            done += 1
            if part.name in ("VTODO", "VJOURNAL", "VFREEBUSY"):
                skipped.append((part, f"{part.name[1:].lower()} entries are not imported; only events are"))
                continue
            if part.name != "VEVENT":
                continue
            if part.component is None:
                errors.append(ExchangeError(f"It cannot be read: {part.error}." if part.error else
                                            "It cannot be read.", file=name,
                                            component=_label("VEVENT", raw_summary(lines, part)),
                                            line=part.line).describe())
                continue
            try:
                try:
                    item = _Reader(part, ctx).read()
                except OverflowError:
                    raise Refused("A date is too close to the year 1 or 9999 to be stored.") from None
                _check_bounds(item)
                yield item
            except Refused as exc:
                errors.append(ExchangeError(exc.reason, file=name,
                                            component=_label("VEVENT", _text(part.component.get("SUMMARY"))),
                                            line=exc.line or part.line).describe())
