"""Reading iCalendar files: from bytes to calendar components, each with its line.

Real files are messy: a byte-order mark, bare LF line ends, several
VCALENDARs one after the other, a file cut off half way, a property icalendar
cannot read.  The file is first split into its components by a plain line
scan (which knows where each one starts); each VCALENDAR is then parsed by
icalendar in one go and, only if that fails, component by component, so one
broken VEVENT costs that event and no other. :mod:`.ics_import` turns the
components into events.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from icalendar import Calendar
from icalendar.parser import Contentline

from ..errors import ExchangeError

_TEXT_SNIFF = 4096
_SPLIT_CHARACTER = re.compile(rb"([\xc0-\xff][\x80-\xbf]*)(?:\r\n|\n|\r)[ \t]([\x80-\xbf])")


@dataclass
class Part:
    """One component directly inside a VCALENDAR (VEVENT, VTIMEZONE, VTODO...)."""

    name: str
    line: int  # 1-based line of its BEGIN
    first: int  # index of the BEGIN line
    last: int | None = None  # index of its END line; None when it never ended
    component: Any = None  # the parsed icalendar component
    error: str = ""


@dataclass
class Block:
    """One VCALENDAR of the file (or components found outside any)."""

    line: int
    header: list[int] = field(default_factory=list)  # indices of its own property lines
    parts: list[Part] = field(default_factory=list)
    broken: list[Part] = field(default_factory=list)  # components that never ended
    closed: bool = False
    calendar: Any = None


def decode(data: bytes, name: str) -> str:
    """The file's text; refuses what is plainly not a calendar."""
    if not data.strip():
        raise ExchangeError("The file is empty; there is no calendar in it.", file=name)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows programs sometimes save UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    sample = data[:_TEXT_SNIFF]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 50:
        raise ExchangeError("This is not a calendar file (it holds binary data, not text).", file=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Some writers fold lines in the middle of a multi-byte character.
    joined = _SPLIT_CHARACTER.sub(rb"\1\2", data)
    try:
        return joined.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older Outlook exports


_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines ended by CRLF, bare LF or bare CR (old Mac) only."""
    if _OTHER_BREAKS.search(text):  # str.splitlines would split text values on these too
        return re.split(r"\r\n|\r|\n", text)
    return text.splitlines()


def scan(lines: list[str]) -> list[Block]:
    """Split the file into VCALENDARs and their components, remembering lines."""
    blocks: list[Block] = []
    block: Block | None = None
    part: Part | None = None
    stack: list[str] = []
    for i, line in enumerate(lines):
        if not line or line[0] in " \t":
            if line and block is not None and part is None and block.header and block.header[-1] == i - 1:
                block.header.append(i)  # continuation of a calendar property
            continue
        head = line[:6].upper()
        if head.startswith("BEGIN:"):
            name = line[6:].strip().upper()
            if name == "VCALENDAR":
                if part is not None:  # a new calendar starts before the last component ended
                    block.broken.append(part)
                    part, stack = None, []
                block = Block(i + 1)
                blocks.append(block)
                continue
            if block is None:  # components outside any VCALENDAR: read them as one
                block = Block(i + 1, closed=True)
                blocks.append(block)
            if part is None:
                part, stack = Part(name, i + 1, i), [name]
            else:
                stack.append(name)
            continue
        if head.startswith("END:"):
            name = line[4:].strip().upper()
            if part is not None and name in stack:
                while stack and stack.pop() != name:
                    pass
                if not stack:
                    part.last = i
                    block.parts.append(part)
                    part = None
            elif name == "VCALENDAR" and block is not None:
                if part is not None:
                    block.broken.append(part)
                    part, stack = None, []
                block.closed = True
                block = None
            continue
        if block is not None and part is None:
            block.header.append(i)
    if part is not None and block is not None:
        block.broken.append(part)
    return blocks


def _wrap(lines: list[str], header: list[str], parts: list[Part]) -> str:
    out = ["BEGIN:VCALENDAR", *header]
    for p in parts:
        out.extend(lines[p.first:p.last + 1])
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"


def _parse(text: str) -> Calendar:
    with warnings.catch_warnings():
        # icalendar warns when it guesses a vendor TZID; ics_zones decides those itself.
        warnings.simplefilter("ignore")
        cal = Calendar.from_ical(text)
    if isinstance(cal, list):  # pragma: no cover - one VCALENDAR per text
        cal = cal[0]
    return cal


def parse_block(lines: list[str], block: Block) -> None:
    """Parse ``block`` with icalendar, filling ``component``/``error`` on its parts."""
    header = [lines[i] for i in block.header]
    try:
        cal = _parse(_wrap(lines, header, block.parts))
        subs = list(cal.subcomponents)
        if [s.name for s in subs] == [p.name for p in block.parts]:
            block.calendar = cal
            for p, s in zip(block.parts, subs):
                p.component = s
            return
    except Exception:  # icalendar raises many kinds; each component is tried alone below
        pass
    try:
        block.calendar = _parse(_wrap(lines, header, []))
    except Exception:
        header = []
        block.calendar = _parse(_wrap(lines, [], []))
    zones: list[Part] = []
    for p in block.parts:
        if p.name != "VTIMEZONE":
            continue
        try:
            p.component = _parse(_wrap(lines, [], [p])).subcomponents[0]
            zones.append(p)
        except Exception:
            p.error = bad_line_reason(lines, p)
    for p in block.parts:
        if p.name == "VTIMEZONE":
            continue
        try:
            subs = _parse(_wrap(lines, header, zones + [p])).subcomponents
            p.component = next(s for s in reversed(subs) if s.name == p.name)
        except Exception as exc:
            p.error = bad_line_reason(lines, p) or f"icalendar could not read it ({exc})"


def unfolded(lines: list[str], part: Part) -> Iterator[tuple[int, str]]:
    """(1-based line, content line) of ``part`` with folded lines joined."""
    current, start = None, 0
    end = part.last if part.last is not None else len(lines) - 1
    for i in range(part.first, end + 1):
        line = lines[i]
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, i + 1
    if current is not None:
        yield start, current


def bad_line_reason(lines: list[str], part: Part) -> str:
    """The first line of ``part`` icalendar cannot split into name, parameters and value."""
    for number, line in unfolded(lines, part):
        if not line.strip():
            continue
        try:
            Contentline(line).parts()
        except Exception:
            shown = line if len(line) <= 60 else line[:57] + "..."
            return f"line {number} cannot be read (“{shown}”)"
    return ""


def property_line(lines: list[str], part: Part, name: str) -> int | None:
    """The line where property ``name`` of ``part`` begins (its first use)."""
    wanted = name.upper()
    depth = 0
    for number, line in unfolded(lines, part):
        upper = line[: len(wanted) + 1].upper()
        if line[:6].upper() == "BEGIN:":
            depth += 1
        elif line[:4].upper() == "END:":
            depth -= 1
        elif depth == 1 and upper[:-1] == wanted and upper[-1:] in (":", ";"):
            return number
    return None


def raw_summary(lines: list[str], part: Part) -> str:
    """SUMMARY of a component icalendar could not read, for messages."""
    for number, line in unfolded(lines, part):
        if line[:8].upper() == "SUMMARY:" or line[:8].upper() == "SUMMARY;":
            try:
                return str(Contentline(line).parts()[2])
            except Exception:
                return line.split(":", 1)[-1]
    return ""


def read_file(path: Path) -> tuple[list[str], list[Block]]:
    """Lines and VCALENDAR blocks of the file; ExchangeError when it is no calendar at all."""
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExchangeError("The file does not exist (it may have been moved or deleted).", file=name) from None
    except OSError as exc:
        raise ExchangeError(f"The file cannot be read ({exc.strerror or exc}).", file=name) from None
    lines = split_lines(decode(data, name))
    blocks = scan(lines)
    if not blocks:
        first = next((n for n, line in enumerate(lines, 1) if line.strip()), 1)
        raise ExchangeError("This is not a calendar file: there is no BEGIN:VCALENDAR in it.",
                            file=name, line=first)
    return lines, blocks
