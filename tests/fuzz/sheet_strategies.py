"""Sheets as partners might send them, for fuzzing: real and made-up headers, cells of every sort."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from commrel.exchange.columns import Column, columns_for, normalise
from commrel.exchange.mapping import name_table
from fuzz_contract import FORMULAS

# The register's own kinds; each has its own checks in sheet_apply.
KINDS = st.sampled_from(["stakeholders", "interactions", "events", "concerns"])

# Values that exercise each reader: dates in many spellings, enumerations, numbers, emails.
_TYPED_TEXT = ["2026-03-31", "31/03/2026", "03/31/2026", "3/4/26", "2026-03-31 19:30", "31.03.2026 7.30pm",
               "20260331", "45000", "45000.5", "0", "-1", "99999999", "1e308", "nan", "inf", "31 March 2026",
               "Tue 3 Mar 2026 13:00 +0100", "2026-02-30", "13/13/2026", "00/00/0000", "25:61",
               "Yes", "no", "x", "✓", "maybe", "person", "Organisation", "resident", "business", "Opposed",
               "supportive", "meeting", "call", "Phone", "email", "Public meeting", "planned", "Cancelled",
               "high", "urgent", "Europe/London", "Not/A_Zone", "UTC", "a@example.org", "a@b", "@", "a@@b.c",
               "amina@example.org; sam@example.org", "Amina Diallo", "Amina Diallo; Sam Okafor", "1", "5", "6",
               "1,234", "3.5", "07700 900123", "+44 20 7946 0000", "SW1A 1AA", "tag1; tag2, tag3",
               "CR-2026-0001", "Noise", "Dust; Noise", "fuzz-town-hall@example.org",
               "0001-01-01 00:30", "9999-12-31 23:59", "9999-12-31", "1799-12-31", "2958465", "-0", "1e308",
               "99999999999999999999", "-9223372036854775809"]
_plain = st.characters(blacklist_characters="\x00")
_CONTROL = ["\x01", "\x0b", "\x1b", "\u2028", "\ufeff", "\ud800", "\U0001f600", "\u202e"]

cell_text = st.one_of(
    st.sampled_from(_TYPED_TEXT),
    st.sampled_from(FORMULAS),
    st.text(_plain, max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(_CONTROL), st.text(_plain, max_size=10)),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", ";", "\n", '"']), st.integers(200, 5000)),
)


_dates = st.dates(date(1990, 1, 1), date(2040, 12, 31))
_datetimes = st.datetimes(datetime(1990, 1, 1), datetime(2040, 12, 31)).map(lambda d: d.replace(microsecond=0))
_emails = st.from_regex(r"[a-z0-9._%+=-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,4}", fullmatch=True)
_names = st.sampled_from(["Amina Diallo", "Sam Okafor", "Zoë Ångström", "José Núñez", "Harbour Traders"])
_GOOD = {
    "id": st.sampled_from(["", "", "1", "2", "3", "0", "999"]),
    "version": st.sampled_from(["", "1", "2", "0"]),
    "email": _emails,
    "emails": st.lists(st.one_of(_emails, st.sampled_from(["amina@example.org", "sam@example.org"])),
                       min_size=1, max_size=3).map("; ".join),
    "names": st.lists(_names, min_size=1, max_size=3).map("; ".join),
    "phone": st.from_regex(r"\+?0[0-9]{3}( ?[0-9]{3}){2}", fullmatch=True),
    "postcode": st.from_regex(r"[0-9]{5}|[A-Z]{2}[0-9] [0-9][A-Z]{2}", fullmatch=True),
    "int": st.integers(-3, 10).map(str),
    "bool": st.sampled_from(["Yes", "No", "y", "n", "TRUE", "0", "1", ""]),
    "tags": st.lists(st.sampled_from(["dust", "noise", "Fair 2026", "vip"]), max_size=3).map("; ".join),
    "date": st.one_of(_dates.map(date.isoformat), _dates.map(lambda d: d.strftime("%d/%m/%Y"))),
    "datetime": st.one_of(_datetimes.map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
                          _datetimes.map(lambda d: d.strftime("%m/%d/%Y %I:%M %p"))),
    "text": st.one_of(_names, st.text(_plain, min_size=1, max_size=30)),
    "long_text": st.text(_plain, max_size=300),
}


def good_value(column: Column | None):
    """A value the column should accept (mostly), or anything for an unknown column."""
    if column is None:
        return cell_text
    if column.type == "enum":
        return st.sampled_from(sorted(set((column.choices or {}).values()) | set(column.choices or {})))
    if column.key == "timezone":
        return st.sampled_from(["Europe/London", "America/New_York", "UTC", "", "Pacific/Kiritimati", "Etc/GMT+12"])
    return _GOOD.get(column.type, cell_text)


@st.composite
def _mostly_good(draw, column: Column | None, anything, blank):
    roll = draw(st.integers(0, 9))
    return draw(anything) if roll == 0 else blank if roll == 1 else draw(good_value(column))


def headers_for(kind: str) -> list[str]:
    names = []
    for column in columns_for(kind):
        names += [column.header, *column.synonyms[:2]]
    return names


# Columns without which no row of the kind can be added.
REQUIRED = {"stakeholders": ["Given name", "Family name"], "interactions": ["Date", "Channel", "Stakeholders"],
            "events": ["Title", "Starts"], "concerns": ["Received", "Channel", "Summary"]}


@st.composite
def header_row(draw, kind: str) -> list[str]:
    known = headers_for(kind)
    picked = draw(st.lists(st.one_of(st.sampled_from(known), st.text(max_size=15)), min_size=1, max_size=12))
    if draw(st.booleans()):
        picked = draw(st.permutations(REQUIRED[kind] + picked))
    if draw(st.booleans()):  # the same header twice
        picked.append(draw(st.sampled_from(picked)))
    return picked


@st.composite
def text_sheet(draw, kind: str) -> list[list[str]]:
    """Rows of text cells: perhaps a title, a header, then ragged data rows."""
    rows: list[list[str]] = []
    for _ in range(draw(st.integers(0, 2))):
        rows.append(draw(st.lists(cell_text, max_size=2)))
    header = draw(header_row(kind))
    rows.append(header)
    columns = _columns_of(kind, header)
    for _ in range(draw(st.integers(1, 8))):
        row = [draw(_mostly_good(c, cell_text, "")) for c in columns]
        if draw(st.integers(0, 4)) == 0:  # ragged
            row = row[:draw(st.integers(0, len(row)))] + draw(st.lists(cell_text, max_size=3))
        rows.append(row)
    return rows


def _columns_of(kind: str, header: list[str]) -> list[Column | None]:
    table = name_table(columns_for(kind))
    by_key = {c.key: c for c in columns_for(kind)}
    return [by_key.get(table.get(normalise(h).replace(" ", ""), ""), None) for h in header]


# Cells as a workbook holds them: every type openpyxl writes.
cell_value = st.one_of(
    st.none(),
    cell_text,
    st.booleans(),
    st.integers(-2**63, 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(date(1900, 1, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(9999, 12, 31)),
    st.times(),
    st.timedeltas(timedelta(days=-3000), timedelta(days=3000)),
    st.builds(lambda d, t: datetime.combine(d, t), st.dates(date(2020, 1, 1), date(2030, 1, 1)),
              st.just(time(0))),
)


@st.composite
def typed_sheet(draw, kind: str) -> list[list]:
    rows: list[list] = []
    if draw(st.booleans()):
        rows.append([draw(cell_text)])
    header = draw(header_row(kind))
    rows.append(header)
    columns = _columns_of(kind, header)
    for _ in range(draw(st.integers(1, 8))):
        row = [draw(_mostly_good(c, cell_value, None)) for c in columns]
        if draw(st.integers(0, 4)) == 0:
            row = row[:draw(st.integers(0, len(row)))] + draw(st.lists(cell_value, max_size=3))
        rows.append(row)
    return rows
