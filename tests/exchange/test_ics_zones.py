"""Zone names calendar programs write, turned into IANA names."""
from __future__ import annotations

import pytest
from icalendar import Calendar

from commrel.exchange.ics_zones import WINDOWS_ZONES, is_utc, offsets_over_year, resolve
from commrel.timeutil import is_valid_zone, zone


def vtimezone(tzid: str, standard: str, daylight: str | None = None, std_rule: str = "", dst_rule: str = ""):
    parts = ["BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", f"TZID:{tzid}", "BEGIN:STANDARD", "DTSTART:16010101T030000",
             f"TZOFFSETFROM:{daylight or standard}", f"TZOFFSETTO:{standard}"]
    parts += [f"RRULE:{std_rule}"] if std_rule else []
    parts += ["END:STANDARD"]
    if daylight:
        parts += ["BEGIN:DAYLIGHT", "DTSTART:16010101T020000", f"TZOFFSETFROM:{standard}",
                  f"TZOFFSETTO:{daylight}", f"RRULE:{dst_rule}", "END:DAYLIGHT"]
    parts += ["END:VTIMEZONE", "END:VCALENDAR"]
    return Calendar.from_ical("\r\n".join(parts) + "\r\n").walk("VTIMEZONE")[0]


EU_STD = "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
EU_DST = "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
US_STD = "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"
US_DST = "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"


def test_every_windows_name_in_the_table_maps_to_a_zone_this_computer_knows():
    assert all(is_valid_zone(z) for z in WINDOWS_ZONES.values())


@pytest.mark.parametrize("tzid, zone", [
    ("Europe/London", "Europe/London"),
    ("Etc/UTC", "UTC"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ("GMT Standard Time", "Europe/London"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ('"Romance Standard Time"', "Europe/Paris"),
    ("Yukon Standard Time", "America/Whitehorse"),  # beyond our table: icalendar's full CLDR copy
    ("/mozilla.org/20050126_1/America/New_York", "America/New_York"),
    ("/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("/citadel.org/20190914_1/Europe/Amsterdam", "Europe/Amsterdam"),
    ("custom_Pacific/Fiji", "Pacific/Fiji"),
    ("tzone://Microsoft/Utc", "UTC"),
])
def test_names_alone(tzid, zone):
    assert resolve(tzid, year=2025) == zone


def test_outlook_display_names_by_city_and_region():
    amsterdam = vtimezone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "+0100", "+0200",
                          EU_STD, EU_DST)
    assert resolve(amsterdam["TZID"], amsterdam, year=2025) == "Europe/Berlin"
    assert resolve("(UTC+10:00) Canberra, Melbourne, Sydney", year=2025) == "Australia/Sydney"
    assert resolve("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", year=2025) == "Asia/Kolkata"
    eastern = vtimezone("(UTC-05:00) Eastern Time (US & Canada)", "-0500", "-0400", US_STD, US_DST)
    assert resolve(eastern["TZID"], eastern, year=2025) == "America/New_York"
    # A city whose offsets disagree with the VTIMEZONE is not taken on its name.
    wrong = vtimezone("(UTC+01:00) Sydney", "+0100", "+0200", EU_STD, EU_DST)
    assert resolve(wrong["TZID"], wrong, year=2025) == "Europe/Berlin"


def test_unnamed_zones_are_found_by_their_rules():
    london = vtimezone("Customized Time Zone", "+0000", "+0100", EU_STD, EU_DST)
    assert resolve("Customized Time Zone", london, year=2025) == "Europe/London"
    us = vtimezone("Customized Time Zone 1", "-0600", "-0500", US_STD, US_DST)
    assert resolve("Customized Time Zone 1", us, year=2025) == "America/Chicago"
    fixed = vtimezone("Ship time", "+0300")
    assert set(offsets_over_year(zone(resolve("Ship time", fixed, year=2025)), 2025)) == {180}
    odd = vtimezone("Somewhere odd", "+0317")
    assert resolve("Somewhere odd", odd, year=2025) is None


def test_unknown_names_without_rules_are_not_guessed():
    assert resolve("Nowhere Standard Time", year=2025) is None
    assert resolve("", year=2025) is None
    assert resolve("../../etc/passwd", year=2025) is None


def test_names_of_utc():
    assert all(is_utc(n) for n in ("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu"))
    assert not is_utc("Europe/London") and not is_utc(None)
