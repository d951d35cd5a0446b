from datetime import date, datetime

import pytest

from commrel.exchange import formula
from commrel.exchange.columns import IMPORT_KINDS, by_key, columns_for
from commrel.exchange.values import CellError, DateOrderScan, parse, parse_datetime, reader, split_tags

COLS = by_key("stakeholders")


@pytest.mark.parametrize("raw,expected", [
    (datetime(2026, 3, 1, 14, 30), datetime(2026, 3, 1, 14, 30)),
    (date(2026, 3, 1), date(2026, 3, 1)),
    (46082, date(2026, 3, 1)),                        # Excel serial number
    (46082.5, datetime(2026, 3, 1, 12, 0)),
    ("46082", date(2026, 3, 1)),
    ("2026-03-01", date(2026, 3, 1)),
    ("2026-03-01T09:15", datetime(2026, 3, 1, 9, 15)),
    ("2026-03-01 09:15:30", datetime(2026, 3, 1, 9, 15, 30)),
    ("20260301", date(2026, 3, 1)),
    ("2026/03/01", date(2026, 3, 1)),
    ("1 March 2026", date(2026, 3, 1)),
    ("01.03.2026 7:05 pm", datetime(2026, 3, 1, 19, 5)),
    ("", None),
    (None, None),
])
def test_dates_in_every_form(raw, expected):
    assert parse_datetime(raw, "dmy") == expected


def test_serial_numbers_before_excels_phantom_leap_day():
    assert parse_datetime(1) == date(1900, 1, 1)
    assert parse_datetime(61) == date(1900, 3, 1)


def test_local_dates_follow_the_order():
    assert parse_datetime("03/04/2026", "dmy") == date(2026, 4, 3)
    assert parse_datetime("03/04/2026", "mdy") == date(2026, 3, 4)
    assert parse_datetime("3/4/26", "dmy") == date(2026, 4, 3)
    with pytest.raises(CellError, match="month/day"):
        parse_datetime("25/03/2026", "mdy")
    with pytest.raises(CellError, match="not a date"):
        parse_datetime("next Tuesday")


def test_day_month_order_is_worked_out_per_column():
    scan = DateOrderScan("Consent date")
    for value in ("03/04/2026", "25/03/2026", "2026-01-01"):
        scan.feed(value)
    assert scan.decide() == ("dmy", None)
    scan = DateOrderScan("Consent date")
    for value in ("03/04/2026", "03/25/2026"):
        scan.feed(value)
    assert scan.decide() == ("mdy", None)


def test_an_ambiguous_column_is_reported_once_and_a_chosen_order_wins():
    scan = DateOrderScan("Consent date")
    for value in ("03/04/2026", "05/06/2026", "07/08/2026"):
        scan.feed(value)
    order, warning = scan.decide()
    assert order == "dmy"
    assert "Consent date" in warning and "03/04/2026" in warning and "3 April 2026" in warning
    assert scan.decide("mdy") == ("mdy", None)


def test_a_column_mixing_both_orders_is_reported():
    scan = DateOrderScan("Date")
    for value in ("25/03/2026", "03/25/2026"):
        scan.feed(value)
    order, warning = scan.decide()
    assert order == "dmy" and "mixes" in warning


@pytest.mark.parametrize("key,raw,code", [
    ("type", "NGO", "ngo"),
    ("type", "civic_group", "civic_group"),
    ("type", "Civic group", "civic_group"),
    ("type", "charity", "ngo"),
    ("type", "Government / official", "government"),
    ("kind", "Organization", "organisation"),
    ("position", "AGAINST", "opposed"),
    ("position", "leaning supportive", "leaning_supportive"),
    ("preferred_channel", "Text message", "sms"),
    ("preferred_channel", "", ""),
])
def test_enumerations_by_code_label_or_synonym(key, raw, code):
    assert parse(COLS[key], raw) == code


def test_unknown_enumeration_lists_the_choices():
    with pytest.raises(CellError, match="is not one of: Supportive, Leaning supportive"):
        parse(COLS["position"], "furious")


@pytest.mark.parametrize("raw,expected", [
    ("Yes", True), ("y", True), ("TRUE", True), (True, True), (1, True), ("x", True),
    ("No", False), ("", False), (None, False), (False, False), ("0", False)])
def test_booleans(raw, expected):
    assert parse(COLS["consent"], raw) is expected


def test_a_word_that_is_not_yes_or_no_is_refused():
    with pytest.raises(CellError, match="not Yes or No"):
        parse(COLS["consent"], "maybe")


def test_tags_split_on_semicolons_and_commas():
    assert split_tags("harbour; youth, Elders ;;  night  shift") == ["Elders", "harbour", "night shift", "youth"]
    assert parse(COLS["tags"], None) == []


def test_phone_numbers_stay_text_with_their_zeros():
    assert parse(COLS["phone"], "07700 900123") == "07700 900123"
    assert parse(COLS["phone"], "07700900123") == "07700900123"
    assert parse(COLS["phone"], "+44 20 7946 0018") == "+44 20 7946 0018"
    assert parse(COLS["phone"], 7700900123.0) == "7700900123"  # a number cell: no ".0"
    assert parse(COLS["postcode"], 10115) == "10115"


def test_emails_are_checked_and_lower_cased():
    assert parse(COLS["email"], " Amina@Example.ORG ") == "amina@example.org"
    with pytest.raises(CellError, match="is not an email address"):
        parse(COLS["email"], "amina at example")


def test_whole_numbers_and_ids():
    assert parse(COLS["influence"], 4.0) == 4
    assert parse(COLS["influence"], "4") == 4
    assert parse(COLS["id"], 12.0) == 12
    with pytest.raises(CellError, match="whole number"):
        parse(COLS["influence"], "high")


def test_formula_quote_is_added_for_csv_and_removed_on_reading():
    assert formula.neutralise("=1+2") == "'=1+2"
    assert formula.neutralise("+44 20") == "'+44 20"
    assert formula.neutralise("Amina") == "Amina"
    assert parse(COLS["notes"], "'=1+2") == "=1+2"
    assert parse(COLS["notes"], "'tis the season") == "'tis the season"


def _outcome(read, raw):
    try:
        return "value", read(raw)
    except CellError as exc:
        return "error", str(exc)


_ODD_CELLS = [
    None, "", "  ", " text ", "'=1+1", "'\tx", "''=2", "=1+1", "x" * 256, " " + "y" * 255 + " ", "z" * 100_001,
    True, False, 1, 1.0, 0, 0.0, -3.0, 2.5, 3, "3", " 3 ", "1,000", 1e300, 2.0 ** 63, 9.3e18, float("nan"),
    "yes", "No", "maybe", "x", "✓", "Organization", "company", "PERSON", "bogus", "charity", "Leaning support",
    "alpha; Beta, gamma ;beta", "a\nb", "03/04/2026", "13/04/2026", "2026-03-01", "20260301", 46082, 46082.5,
    date(2026, 3, 1), datetime(2026, 3, 1, 14, 30, 0, 600_000), date(1, 1, 1), "1 March 2026",
    "Someone@Example.ORG ", "not-an-email", "+44 20 7946 0000", "abc", "'+44 1",
]


@pytest.mark.parametrize("column", [c for kind in IMPORT_KINDS for c in columns_for(kind)],
                         ids=lambda c: f"{c.key}:{c.type}")
@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_a_column_reader_reads_every_cell_as_parse_does(column, order):
    """The per-column reader takes short cuts; values and messages must not change, read once or again."""
    read = reader(column, order)
    for _ in range(2):  # the second time comes from what the reader remembered
        for raw in _ODD_CELLS:
            assert _outcome(read, raw) == _outcome(lambda r: parse(column, r, date_order=order), raw), raw


def test_a_remembered_list_is_each_rows_own():
    read = reader(COLS["tags"])
    first = read("a; b")
    first.append("c")
    assert read("a; b") == ["a", "b"]
