"""The engagement workbook: the figures land as real numbers and dates under bold headings."""
from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from commrel.models import Event, EventParticipant
from commrel.reports.engagement import engagement_figures
from commrel.reports.engagement_xlsx import write_engagement_xlsx
from commrel.services import engagement, stakeholders


def test_workbook_sheets_hold_numbers_dates_and_bold_headers(tmp_path):
    ann = stakeholders.create(given_name="Ann", neighbourhood="Riverside", type="resident").id
    stakeholders.create(given_name="Bob", neighbourhood="Hilltop", type="business")
    engagement.log_interaction([ann], channel="call", occurred_at=datetime(2026, 1, 10, 9))
    engagement.log_interaction([ann], channel="email", occurred_at=datetime(2026, 2, 10, 9))
    walk = Event.create(uid="w", title="Riverside walk", starts_at=datetime(2026, 2, 14, 10),
                        ends_at=datetime(2026, 2, 14, 11), status="held", timezone="UTC")
    EventParticipant.create(event=walk, stakeholder=ann, rsvp="accepted", attended=True)
    figures = engagement_figures(date(2026, 1, 1), date(2026, 2, 28), tz="UTC", now=datetime(2026, 3, 1))

    path = write_engagement_xlsx(figures, tmp_path / "engagement.xlsx", tz="UTC")
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Interactions by month", "Engaged by type", "Engaged by neighbourhood",
                               "Coverage gaps", "Events", "Events by month", "Concerns by month",
                               "Concerns by category", "Media"]

    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Period"] == "01 Jan 2026 to 28 Feb 2026"
    assert summary["Interactions"] == 2
    assert (summary["Stakeholders on the register"], summary["Stakeholders engaged"]) == (2, 1)
    assert summary["Engaged share"] == 0.5
    assert summary["Concerns received"] == 0

    months = book["Interactions by month"]
    assert [c.value for c in months[1]] == ["Month", "Call", "Email", "Total"]
    assert all(c.font.bold for c in months[1])
    assert [[c.value for c in row] for row in months.iter_rows(min_row=2)] == [
        [datetime(2026, 1, 1), 1, 0, 1], [datetime(2026, 2, 1), 0, 1, 1]]
    assert months["A2"].number_format == "mmm yyyy"

    hoods = book["Engaged by neighbourhood"]
    assert [[c.value for c in row] for row in hoods.iter_rows(min_row=2)] == [
        ["Hilltop", 0, 1, 0], ["Riverside", 1, 1, 1]]
    assert hoods["D3"].number_format == "0.0%"
    assert [[c.value for c in row] for row in book["Coverage gaps"].iter_rows(min_row=2)] == [["Hilltop", 1]]

    events = book["Events"]
    assert [c.value for c in events[2]] == [datetime(2026, 2, 14, 10), "Riverside walk", None, 1, 1, 1]
    assert events["A2"].is_date
