"""The grievance report against a hand-built register whose answers were worked out by hand.

Period: the first quarter of 2026, read in UTC; the report is run on
15 April, so open and overdue are counted as at 1 April 00:00.

  ref received  ack due  acknowledged  target  closed       status             category  hood       owner
  A   05 Jan    12 Jan   06 Jan        04 Feb  25 Jan (20d) closed_resolved    Noise     Riverside  Sam
  B   10 Jan    17 Jan   20 Jan late   09 Feb  19 Feb (40d) closed_unresolved  Noise/sub Riverside  Sam
  C   01 Feb    08 Feb   02 Feb        03 Mar  11 Feb (10d) rejected           Dust      Hilltop    Priya
  D   15 Feb    22 Feb   16 Feb        17 Mar  -            investigating      Dust      Hilltop    Priya
  E   10 Mar    17 Mar   -             09 Apr  -            received (anon.)   -         -          -
  F   30 Mar    06 Apr   -             29 Apr  -            received (conf.)   Noise     Hilltop    Sam
  G   20 Dec 25 27 Dec   21 Dec        19 Jan  14 Jan (25d) referred           Noise     Riverside  Jo
  H   01 Nov 25 08 Nov   02 Nov        01 Dec  01 Dec 25    closed_resolved    Noise     Riverside  Sam
  I   20 Mar    27 Mar   -             19 Apr  21 Mar (1d)  closed_unresolved  Dust      Hilltop    Priya
  J   02 Apr    09 Apr   -             02 May  -            received           Noise     Riverside  Sam
  K   25 Mar    01 Apr   26 Mar        24 Apr  05 Apr       closed_resolved    Noise     Riverside  Sam
  L   01 Oct 25 08 Oct   02 Oct        31 Oct  -            investigating      Dust      Hilltop    Jo

Every time is 09:00 UTC.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from commrel.models import Concern, ConcernCategory, Stakeholder
from commrel.reports.grievance import grievance_report
from commrel.services import concern_queries
from commrel.services.concern_queries import ConcernFilter

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
NOW = datetime(2026, 4, 15, 12, 0)


def at(text: str) -> datetime:
    """'05 Jan' (2026) or '20 Dec 25' at 09:00."""
    parts = text.split()
    year = 2000 + int(parts[2]) if len(parts) == 3 else 2026
    return datetime.strptime(f"{parts[0]} {parts[1]} {year} 09:00", "%d %b %Y %H:%M")


@pytest.fixture
def register():
    noise = ConcernCategory.create(name="Noise")
    night = ConcernCategory.create(name="Night-time works", parent=noise)
    dust = ConcernCategory.create(name="Dust")
    named = Stakeholder.create(display_name="Gwendolyn Ashcombe", sort_name="ashcombe")
    rows = {
        "A": ("05 Jan", "12 Jan", "06 Jan", "04 Feb", "25 Jan", "closed_resolved", noise, "Riverside", "Sam"),
        "B": ("10 Jan", "17 Jan", "20 Jan", "09 Feb", "19 Feb", "closed_unresolved", noise, "Riverside", "Sam"),
        "C": ("01 Feb", "08 Feb", "02 Feb", "03 Mar", "11 Feb", "rejected", dust, "Hilltop", "Priya"),
        "D": ("15 Feb", "22 Feb", "16 Feb", "17 Mar", None, "investigating", dust, "Hilltop", "Priya"),
        "E": ("10 Mar", "17 Mar", None, "09 Apr", None, "received", None, "", ""),
        "F": ("30 Mar", "06 Apr", None, "29 Apr", None, "received", noise, "Hilltop", "Sam"),
        "G": ("20 Dec 25", "27 Dec 25", "21 Dec 25", "19 Jan", "14 Jan", "referred", noise, "Riverside", "Jo"),
        "H": ("01 Nov 25", "08 Nov 25", "02 Nov 25", "01 Dec 25", "01 Dec 25", "closed_resolved", noise,
              "Riverside", "Sam"),
        "I": ("20 Mar", "27 Mar", None, "19 Apr", "21 Mar", "closed_unresolved", dust, "Hilltop", "Priya"),
        "J": ("02 Apr", "09 Apr", None, "02 May", None, "received", noise, "Riverside", "Sam"),
        "K": ("25 Mar", "01 Apr", "26 Mar", "24 Apr", "05 Apr", "closed_resolved", noise, "Riverside", "Sam"),
        "L": ("01 Oct 25", "08 Oct 25", "02 Oct 25", "31 Oct 25", None, "investigating", dust, "Hilltop", "Jo"),
    }
    for n, (ref, (got, due, acked, target, closed, status, category, hood, owner)) in enumerate(rows.items()):
        Concern.create(
            reference=f"CR-TEST-{ref}", received_at=at(got), acknowledge_due=at(due),
            acknowledged_at=at(acked) if acked else None, resolution_target=at(target),
            closed_at=at(closed) if closed else None, status=status, category=category,
            subcategory=night if ref == "B" else None, neighbourhood=hood, owner=owner,
            anonymous=ref == "E", confidential=ref == "F", complainant=None if ref == "E" else named,
            summary=f"Concern {ref}")
    return {"noise": noise, "night": night, "dust": dust}


def numbers(f):
    return dict(received=f.received, ack_due=f.acknowledgements_due, ack_on_time=f.acknowledged_on_time,
                ack_pct=f.acknowledged_on_time_pct, closed=f.closed, closed_on_time=f.closed_on_time,
                closed_pct=f.closed_on_time_pct, avg=f.average_days_to_close, median=f.median_days_to_close,
                open=f.open, overdue=f.overdue, resolved=f.resolved, unresolved=f.unresolved,
                referred=f.referred, rejected=f.rejected)


def test_totals_for_the_quarter(register):
    report = grievance_report(*Q1, now=NOW, tz="UTC")
    assert report.as_at == datetime(2026, 4, 1)
    # Received A B C D E F I K. Acknowledgements due: A B C D K, and E (due 17 Mar, never sent);
    # F is not due yet and I was withdrawn before it was due. On time: A C D K.
    # Closed in the quarter: A B C G I (20, 40, 10, 25, 1 days); B was late. Open on 1 April:
    # D E F K L; overdue: D (target passed), E (not acknowledged), L (target passed).
    assert numbers(report.totals) == dict(
        received=8, ack_due=6, ack_on_time=4, ack_pct=66.7, closed=5, closed_on_time=4, closed_pct=80.0,
        avg=19.2, median=20.0, open=5, overdue=3, resolved=1, unresolved=2, referred=1, rejected=1)


def test_rows_by_category_have_the_same_figures(register):
    rows = grievance_report(*Q1, now=NOW, tz="UTC").by_category
    assert [r.label for r in rows] == ["Noise", "Dust", "(No category)"]
    noise, dust, none = (numbers(r) for r in rows)
    # Noise: A B F G K (B through its subcategory). Days to close: 20, 40, 25.
    assert noise == dict(received=4, ack_due=3, ack_on_time=2, ack_pct=66.7, closed=3, closed_on_time=2,
                         closed_pct=66.7, avg=28.3, median=25.0, open=2, overdue=0, resolved=1, unresolved=1,
                         referred=1, rejected=0)
    assert dust == dict(received=3, ack_due=2, ack_on_time=2, ack_pct=100.0, closed=2, closed_on_time=2,
                        closed_pct=100.0, avg=5.5, median=5.5, open=2, overdue=2, resolved=0, unresolved=1,
                        referred=0, rejected=1)
    assert none == dict(received=1, ack_due=1, ack_on_time=0, ack_pct=0.0, closed=0, closed_on_time=0,
                        closed_pct=None, avg=None, median=None, open=1, overdue=1, resolved=0, unresolved=0,
                        referred=0, rejected=0)


def test_rows_by_neighbourhood_and_owner(register):
    report = grievance_report(*Q1, now=NOW, tz="UTC")
    hoods = {r.label: numbers(r) for r in report.by_neighbourhood}
    assert list(hoods) == ["Hilltop", "Riverside", "(Not given)"]
    # Hilltop: C D F I L.  Riverside: A B G K.
    assert hoods["Hilltop"] == dict(received=4, ack_due=2, ack_on_time=2, ack_pct=100.0, closed=2,
                                    closed_on_time=2, closed_pct=100.0, avg=5.5, median=5.5, open=3, overdue=2,
                                    resolved=0, unresolved=1, referred=0, rejected=1)
    assert hoods["Riverside"] == dict(received=3, ack_due=3, ack_on_time=2, ack_pct=66.7, closed=3,
                                      closed_on_time=2, closed_pct=66.7, avg=28.3, median=25.0, open=1,
                                      overdue=0, resolved=1, unresolved=1, referred=1, rejected=0)
    owners = [(r.label, r.received, r.closed, r.open, r.overdue) for r in report.by_owner]
    assert owners == [("Sam", 4, 2, 2, 0), ("Priya", 3, 2, 1, 1), ("Jo", 0, 1, 1, 1), ("(Unassigned)", 1, 0, 1, 1)]


def test_monthly_series(register):
    months = grievance_report(*Q1, now=NOW, tz="UTC").months
    assert [(m.month, m.received, m.closed) for m in months] == [
        (date(2026, 1, 1), 2, 2), (date(2026, 2, 1), 2, 2), (date(2026, 3, 1), 4, 1)]


def test_limited_to_a_category_a_subcategory_or_a_neighbourhood(register):
    noise = grievance_report(*Q1, category_id=register["noise"].id, now=NOW, tz="UTC")
    assert noise.category == "Noise"
    assert numbers(noise.totals) == numbers(grievance_report(*Q1, now=NOW, tz="UTC").by_category[0])
    night = grievance_report(*Q1, category_id=register["night"].id, now=NOW, tz="UTC").totals
    assert (night.received, night.acknowledgements_due, night.acknowledged_on_time, night.closed,
            night.unresolved, night.average_days_to_close) == (1, 1, 0, 1, 1, 40.0)
    hilltop = grievance_report(*Q1, neighbourhood="Hilltop", now=NOW, tz="UTC")
    assert [r.label for r in hilltop.by_neighbourhood] == ["Hilltop"]
    assert numbers(hilltop.totals)["received"] == 4 and numbers(hilltop.totals)["overdue"] == 2


def test_a_period_still_running_counts_open_and_overdue_now_like_the_overdue_list(register):
    report = grievance_report(date(2026, 4, 1), date(2026, 6, 30), now=NOW, tz="UTC")
    assert report.as_at == NOW
    # Open on 15 April: D E F J L (K closed on the 5th); all five are late for something.
    assert (report.totals.open, report.totals.overdue) == (5, 5)
    assert report.totals.overdue == concern_queries.count(ConcernFilter(overdue_only=True), now=NOW)
    assert (report.totals.received, report.totals.closed, report.totals.resolved) == (1, 1, 1)  # J; K


def test_the_report_names_no_complainant(register):
    text = repr(grievance_report(*Q1, now=NOW, tz="UTC"))
    assert "Ashcombe" not in text and "Gwendolyn" not in text
    assert "Sam" in text  # staff owners are named


def test_days_follow_the_officers_zone():
    # 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time began on 29 March).
    Concern.create(reference="CR-TEST-Z", received_at=datetime(2026, 3, 31, 23, 30),
                   acknowledge_due=datetime(2026, 4, 7, 23, 30), resolution_target=datetime(2026, 4, 30, 23, 30))
    assert grievance_report(*Q1, now=NOW, tz="UTC").totals.received == 1
    london = grievance_report(*Q1, now=NOW, tz="Europe/London")
    assert london.totals.received == 0 and london.months[-1].received == 0
    assert grievance_report(date(2026, 4, 1), date(2026, 4, 30), now=NOW, tz="Europe/London").totals.received == 1


def test_days_to_close_count_the_hours_too():
    # 2.5 and 0.25 days: worked out from the two times, not from calendar dates.
    for ref, received, closed in (("X", datetime(2026, 1, 1, 9), datetime(2026, 1, 3, 21)),
                                  ("Y", datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 15))):
        Concern.create(reference=f"CR-TEST-{ref}", received_at=received, acknowledge_due=received,
                       acknowledged_at=received, resolution_target=datetime(2026, 2, 1), closed_at=closed,
                       status="closed_resolved")
    totals = grievance_report(*Q1, now=NOW, tz="UTC").totals
    assert (totals.closed, totals.average_days_to_close, totals.median_days_to_close) == (2, 1.4, 1.4)


def test_an_empty_register_gives_zeros_and_no_percentages():
    report = grievance_report(*Q1, now=NOW, tz="UTC")
    assert report.totals.received == 0 and report.totals.acknowledged_on_time_pct is None
    assert report.by_category == [] and [m.received for m in report.months] == [0, 0, 0]


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        grievance_report(date(2026, 2, 1), date(2026, 1, 1))


def test_the_workbook_holds_the_same_figures(register, tmp_path):
    from openpyxl import load_workbook

    from commrel.reports.grievance_xlsx import write_grievance_xlsx

    report = grievance_report(*Q1, now=NOW, tz="UTC")
    book = load_workbook(write_grievance_xlsx(report, tmp_path / "report.xlsx", tz="UTC"))
    assert book.sheetnames == ["Summary", "By category", "By neighbourhood", "By owner", "By month"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Period"] == "01 Jan 2026 to 31 Mar 2026"
    assert (summary["Received"], summary["Acknowledged on time %"], summary["Median days to close"]) == (8, 66.7, 20)
    rows = list(book["By category"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Category", "Received", "Acknowledgements due")
    assert [r[0] for r in rows[1:]] == ["Noise", "Dust", "(No category)"]
    assert rows[3][7] is None  # no closed concern without a category: no percentage
    assert list(book["By month"].iter_rows(values_only=True))[1:] == [("Jan 2026", 2, 2), ("Feb 2026", 2, 2),
                                                                      ("Mar 2026", 4, 1)]


@pytest.mark.parametrize("preset, expected", [
    ("this_month", (date(2026, 2, 1), date(2026, 2, 28))),
    ("last_month", (date(2026, 1, 1), date(2026, 1, 31))),
    ("this_quarter", (date(2026, 1, 1), date(2026, 3, 31))),
    ("last_quarter", (date(2025, 10, 1), date(2025, 12, 31))),
    ("this_year", (date(2026, 1, 1), date(2026, 12, 31))),
    ("last_year", (date(2025, 1, 1), date(2025, 12, 31))),
    ("last_12_months", (date(2025, 3, 1), date(2026, 2, 28))),
])
def test_preset_periods(preset, expected):
    from commrel.reports.grievance import period_dates

    assert period_dates(preset, date(2026, 2, 14)) == expected
