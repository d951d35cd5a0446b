"""Time-zone names found in calendar files, turned into IANA zone names.

Calendar programs name zones in their own ways:

* IANA names (``Europe/London``), what Google, Apple and Commrel write;
* Windows names (``W. Europe Standard Time``), what Outlook and Exchange write,
  mapped through the common entries of CLDR's windowsZones table;
* Outlook's display names (``(UTC+01:00) Amsterdam, Berlin, Bern, Rome…``)
  on a VTIMEZONE of its own making, matched by the cities they list;
* vendor paths (``/mozilla.org/20050126_1/America/New_York``,
  ``/softwarestudio.org/Olson_20011030_5/America/New_York``), whose trailing
  part is the IANA name.

When the name gives nothing away, the zone's rules decide: the VTIMEZONE's
UTC offsets over a year are compared with those of well-known zones.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from ..timeutil import UTC, all_zones, is_valid_zone, zone

# Windows zone name -> IANA zone (CLDR windowsZones, territory "001"), the
# zones an officer is likely to meet; icalendar's full table covers the rest.
WINDOWS_ZONES: dict[str, str] = {
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GTB Standard Time": "Europe/Bucharest",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kyiv",
    "Kaliningrad Standard Time": "Europe/Kaliningrad",
    "Belarus Standard Time": "Europe/Minsk",
    "Russian Standard Time": "Europe/Moscow",
    "Turkey Standard Time": "Europe/Istanbul",
    "Azores Standard Time": "Atlantic/Azores",
    "Cape Verde Standard Time": "Atlantic/Cape_Verde",
    "Morocco Standard Time": "Africa/Casablanca",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "South Africa Standard Time": "Africa/Johannesburg",
    "E. Africa Standard Time": "Africa/Nairobi",
    "Egypt Standard Time": "Africa/Cairo",
    "Namibia Standard Time": "Africa/Windhoek",
    "Libya Standard Time": "Africa/Tripoli",
    "Sudan Standard Time": "Africa/Khartoum",
    "Israel Standard Time": "Asia/Jerusalem",
    "Jordan Standard Time": "Asia/Amman",
    "Middle East Standard Time": "Asia/Beirut",
    "Syria Standard Time": "Asia/Damascus",
    "Arabic Standard Time": "Asia/Baghdad",
    "Arab Standard Time": "Asia/Riyadh",
    "Iran Standard Time": "Asia/Tehran",
    "Arabian Standard Time": "Asia/Dubai",
    "Azerbaijan Standard Time": "Asia/Baku",
    "Georgian Standard Time": "Asia/Tbilisi",
    "Caucasus Standard Time": "Asia/Yerevan",
    "Mauritius Standard Time": "Indian/Mauritius",
    "Afghanistan Standard Time": "Asia/Kabul",
    "Pakistan Standard Time": "Asia/Karachi",
    "West Asia Standard Time": "Asia/Tashkent",
    "Ekaterinburg Standard Time": "Asia/Yekaterinburg",
    "India Standard Time": "Asia/Kolkata",
    "Sri Lanka Standard Time": "Asia/Colombo",
    "Nepal Standard Time": "Asia/Kathmandu",
    "Central Asia Standard Time": "Asia/Bishkek",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "N. Central Asia Standard Time": "Asia/Novosibirsk",
    "Myanmar Standard Time": "Asia/Yangon",
    "SE Asia Standard Time": "Asia/Bangkok",
    "North Asia Standard Time": "Asia/Krasnoyarsk",
    "China Standard Time": "Asia/Shanghai",
    "North Asia East Standard Time": "Asia/Irkutsk",
    "Singapore Standard Time": "Asia/Singapore",
    "W. Australia Standard Time": "Australia/Perth",
    "Taipei Standard Time": "Asia/Taipei",
    "Ulaanbaatar Standard Time": "Asia/Ulaanbaatar",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "Yakutsk Standard Time": "Asia/Yakutsk",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "AUS Central Standard Time": "Australia/Darwin",
    "E. Australia Standard Time": "Australia/Brisbane",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "West Pacific Standard Time": "Pacific/Port_Moresby",
    "Tasmania Standard Time": "Australia/Hobart",
    "Vladivostok Standard Time": "Asia/Vladivostok",
    "Lord Howe Standard Time": "Australia/Lord_Howe",
    "Magadan Standard Time": "Asia/Magadan",
    "New Zealand Standard Time": "Pacific/Auckland",
    "Fiji Standard Time": "Pacific/Fiji",
    "Tonga Standard Time": "Pacific/Tongatapu",
    "Samoa Standard Time": "Pacific/Apia",
    "Line Islands Standard Time": "Pacific/Kiritimati",
    "Dateline Standard Time": "Etc/GMT+12",
    "UTC-11": "Etc/GMT+11",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "Pacific Standard Time (Mexico)": "America/Tijuana",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver",
    "Mountain Standard Time (Mexico)": "America/Mazatlan",
    "Central America Standard Time": "America/Guatemala",
    "Central Standard Time": "America/Chicago",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "Canada Central Standard Time": "America/Regina",
    "SA Pacific Standard Time": "America/Bogota",
    "Eastern Standard Time": "America/New_York",
    "Eastern Standard Time (Mexico)": "America/Cancun",
    "US Eastern Standard Time": "America/Indiana/Indianapolis",
    "Cuba Standard Time": "America/Havana",
    "Haiti Standard Time": "America/Port-au-Prince",
    "Venezuela Standard Time": "America/Caracas",
    "Paraguay Standard Time": "America/Asuncion",
    "Atlantic Standard Time": "America/Halifax",
    "SA Western Standard Time": "America/La_Paz",
    "Pacific SA Standard Time": "America/Santiago",
    "Newfoundland Standard Time": "America/St_Johns",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "SA Eastern Standard Time": "America/Cayenne",
    "Greenland Standard Time": "America/Nuuk",
    "Montevideo Standard Time": "America/Montevideo",
    "UTC-02": "Etc/GMT+2",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
}

# Outlook display names that list no city, by the words after "(UTC±hh:mm)".
_DISPLAY_REGIONS = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "coordinated universal time": "UTC",
    "greenwich mean time": "Europe/London",
}

_DISPLAY = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)\s*(.*)$", re.IGNORECASE)


def _windows(name: str) -> str | None:
    found = WINDOWS_ZONES.get(name)
    if found is None:
        try:  # icalendar carries the whole CLDR table; ours is the fast path
            from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
        except ImportError:  # pragma: no cover - older icalendar
            return None
        found = WINDOWS_TO_OLSON.get(name)
    return found if found and is_valid_zone(found) else None


def _vendor_suffix(name: str) -> str | None:
    """The IANA name at the end of a vendor path; "tzone://Microsoft/Utc" (Exchange) is UTC."""
    parts = [p for p in name.strip("/").split("/") if p]
    for start in range(1, len(parts)):
        candidate = "/".join(parts[start:])
        if "/" in candidate and is_valid_zone(candidate):
            return candidate
    if len(parts) > 1 and parts[-1].upper() in ("UTC", "GMT"):
        return "UTC"
    return None


@lru_cache(maxsize=1)
def _by_city() -> dict[str, str]:
    """Last part of every IANA name ("new york") -> zone, well-known zones winning."""
    out: dict[str, str] = {}
    for name in list(WINDOWS_ZONES.values()) + all_zones():
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            out.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return out


@lru_cache(maxsize=512)
def _samples(name: str, year: int) -> tuple[int, ...]:
    return offsets_over_year(zone(name), year)


def offsets_over_year(tz: tzinfo, year: int) -> tuple[int, ...]:
    """The zone's UTC offset, in minutes, at noon UTC on every day of ``year``."""
    moment = datetime(year, 1, 1, 12, tzinfo=UTC)
    out = []
    for _ in range(365):
        offset = moment.astimezone(tz).utcoffset() or timedelta()
        out.append(int(offset.total_seconds() // 60))
        moment += timedelta(days=1)
    return tuple(out)


def _well_known() -> list[str]:
    seen: dict[str, None] = {}
    for name in WINDOWS_ZONES.values():
        if is_valid_zone(name):
            seen.setdefault(name)
    return list(seen)


def _matches(name: str, wanted: tuple[int, ...] | None, standard: int | None, year: int) -> bool:
    """Whether zone ``name`` fits what the file says; a name vouches for the zone, so the
    offsets (not the exact days the clocks change, which old VTIMEZONEs get wrong) must agree."""
    if wanted is not None:
        have = _samples(name, year)
        return (min(have), max(have)) == (min(wanted), max(wanted))
    if standard is not None:
        return min(_samples(name, year)) == standard
    return True


def _display_name(tzid: str, wanted: tuple[int, ...] | None, year: int) -> str | None:
    m = _DISPLAY.match(tzid.strip())
    if not m:
        return None
    standard = 0  # "(UTC) Dublin, Edinburgh, Lisbon, London"
    if m.group(2):
        standard = int(m.group(2)) * 60 + int(m.group(3) or 0)
        standard = -standard if m.group(1) == "-" else standard
    rest = m.group(4).strip()
    region = _DISPLAY_REGIONS.get(rest.lower())
    if region and _matches(region, wanted, standard, year):
        return region
    cities = [c.strip().lower() for c in re.split(r"[,;/]| - | : ", rest) if c.strip()]
    known = _by_city()
    well_known = set(WINDOWS_ZONES.values())
    found = [known[c] for c in cities if c in known]
    # Berlin before Amsterdam: the zone Windows itself maps to, when listed.
    found.sort(key=lambda z: z not in well_known)
    for candidate in found:
        if _matches(candidate, wanted, standard, year):
            return candidate
    return None


_AREA_NAME = re.compile(r"(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/+-]+")


def _embedded(tzid: str, wanted: tuple[int, ...] | None, year: int) -> str | None:
    """An IANA name inside another name ("custom_Pacific/Fiji"), if its rules agree."""
    for candidate in _AREA_NAME.findall(tzid):
        while candidate:
            if is_valid_zone(candidate) and _matches(candidate, wanted, None, year):
                return candidate
            candidate = candidate.rpartition("/")[0] if candidate.count("/") > 1 else ""
    return None


def _by_rules(wanted: tuple[int, ...], year: int) -> str | None:
    for candidate in _well_known():
        if _samples(candidate, year) == wanted:
            return candidate
    if len(set(wanted)) == 1 and wanted[0] % 60 == 0 and abs(wanted[0]) <= 14 * 60:
        hours = -wanted[0] // 60  # Etc/GMT signs are the reverse of ISO 8601's
        return "UTC" if hours == 0 else f"Etc/GMT{hours:+d}"
    return None


def _component_offsets(component: Any, year: int) -> tuple[int, ...] | None:
    if component is None:
        return None
    try:
        return offsets_over_year(component.to_tz(lookup_tzid=False), year)
    except Exception:  # a broken VTIMEZONE: fall back to the name alone
        return None


def resolve(tzid: str | None, component: Any = None, *, year: int | None = None) -> str | None:
    """The IANA name for a TZID as a calendar file wrote it, or None when it cannot be told.

    ``component`` is the file's VTIMEZONE for that TZID (an icalendar
    ``Timezone``), used to check and, failing the name, to find the zone by
    its rules in ``year``.
    """
    if not tzid:
        return None
    name = str(tzid).strip().strip('"').strip()
    year = year or datetime.now().year
    cleaned = name.strip("/")
    if cleaned and is_valid_zone(cleaned) and "/" not in name[:1]:
        return _canonical(cleaned)
    for found in (_windows(name), _windows(cleaned), _vendor_suffix(name)):
        if found:
            return _canonical(found)
    wanted = _component_offsets(component, year)
    found = _display_name(name, wanted, year) or _embedded(name, wanted, year)
    if found:
        return found
    if is_valid_zone(cleaned):
        return _canonical(cleaned)
    if wanted is not None:
        return _by_rules(wanted, year)
    return None


_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu", "Z", "Etc/GMT", "GMT",
                        "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Greenwich", "GMT0", "GMT+0",
                        "GMT-0", "Etc/UCT", "UCT"})


def is_utc(name: str | None) -> bool:
    """Whether ``name`` is one of the many names of UTC itself."""
    return (name or "") in _UTC_NAMES


def _canonical(name: str) -> str:
    return "UTC" if is_utc(name) else name
