"""Fuzzing CSV import: any delimiter, quoting, encoding, byte-order mark, ragged rows and junk bytes."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commrel.exchange import spreadsheet_import
from fuzz_contract import FUZZ, plan_or_refuse
from sheet_apply import apply_and_check, seed_register
from sheet_strategies import KINDS, text_sheet

COMMON_ENCODINGS = ["utf-8", "utf-8-sig", "cp1252"]
ODD_ENCODINGS = ["utf-16", "utf-16-le", "latin-1", "shift_jis", "koi8-r"]


@st.composite
def csv_bytes(draw) -> tuple[str, bytes]:
    kind = draw(KINDS)
    rows = draw(text_sheet(kind))
    out = io.StringIO()
    delimiter = draw(st.one_of(st.sampled_from([",", ";", "\t"]), st.sampled_from([",", ";", "\t", "|", " "])))
    writer = csv.writer(out, delimiter=delimiter,
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
                        lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    writer.writerows(rows)
    text = out.getvalue()
    damage = draw(st.sampled_from(["none", "none", "none", "quote", "flip", "cut"]))
    if damage == "quote":  # a stray quote, as hand-edited files have
        at = draw(st.integers(0, len(text)))
        text = text[:at] + '"' + text[at:]
    encoding = draw(st.one_of(st.sampled_from(COMMON_ENCODINGS), st.sampled_from(COMMON_ENCODINGS + ODD_ENCODINGS)))
    data = text.encode(encoding, errors="replace")
    if damage == "flip":
        for _ in range(draw(st.integers(1, 3))):
            if data:
                i = draw(st.integers(0, len(data) - 1))
                data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if damage == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    return kind, data


@FUZZ
@given(csv_bytes(), st.sampled_from(["in.csv", "in.txt", "in.tsv"]))
def test_a_csv_plans_or_is_refused_and_applies_only_what_was_planned(tmp_path, fresh_db, sheet, name):
    fresh_db()
    seed_register()
    kind, data = sheet
    path = tmp_path / name
    path.write_bytes(data)
    plan = plan_or_refuse(spreadsheet_import.plan_import, path, kind=kind)
    if plan is not None:
        apply_and_check(plan)


@FUZZ
@given(KINDS, st.binary(max_size=4096))
def test_random_bytes_named_csv(tmp_path, fresh_db, kind, data):
    fresh_db()
    path = tmp_path / "junk.csv"
    path.write_bytes(data)
    plan = plan_or_refuse(spreadsheet_import.plan_import, path, kind=kind)
    if plan is not None:
        apply_and_check(plan)


@FUZZ
@given(KINDS, st.text(max_size=2000))
def test_random_text_named_csv(tmp_path, fresh_db, kind, text):
    fresh_db()
    path = tmp_path / "text.csv"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    plan = plan_or_refuse(spreadsheet_import.plan_import, path, kind=kind)
    if plan is not None:
        apply_and_check(plan)


@pytest.mark.parametrize("kind, header, value", [
    ("events", ["Title", "Starts", "Time zone"], ["Fair", "9999-12-31 23:00", "America/New_York"]),
    ("events", ["Title", "Starts", "Time zone"], ["Fair", "0001-01-01 00:30", "Asia/Tokyo"]),
    ("events", ["Title", "Starts", "All day"], ["Fair", "9999-12-31", "Yes"]),
    ("interactions", ["Date", "Channel", "Stakeholders"], ["9999-12-31 23:59", "Call", "Amina Diallo"]),
    ("stakeholders", ["Given name", "Consent", "Consent date"], ["Ann", "Yes", "0001-01-01"]),
    ("events", ["Title", "Starts", "Capacity"], ["Fair", "2026-05-01 10:00", "1e308"]),
    ("stakeholders", ["Given name", "Commrel ID"], ["Ann", "99999999999999999999"]),
])
def test_values_past_what_dates_and_integers_hold_are_row_errors(tmp_path, kind, header, value):
    """Found by fuzzing: such values overflowed on the way to UTC or SQLite instead of being reported."""
    seed_register()
    path = tmp_path / "edge.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, value])
    plan = plan_or_refuse(spreadsheet_import.plan_import, path, kind=kind)
    assert plan.counts()["skip"] == 1 and len(plan.errors) == 1
    assert plan.errors[0].startswith("row 2, column ")
    apply_and_check(plan)
