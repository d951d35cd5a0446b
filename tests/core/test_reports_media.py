"""Media figures in the engagement report: the Media sheet of the workbook."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from commrel.reports.engagement import engagement_figures
from commrel.reports.engagement_xlsx import write_engagement_xlsx
from commrel.services import coverage, media, press, stakeholders


def _media_fixture():
    """Two releases sent in March (one earned coverage), coverage in February and March, two inquiries
    answered in 4 and 10 hours; one item in April, outside the period."""
    gazette = stakeholders.create(kind="organisation", type="media", display_name="Harbour Gazette")
    media.set_profile(gazette.id, outlet_kind="newspaper", reach=5000)
    ana = stakeholders.create(given_name="Ana", family_name="Writer", type="media", email="ana@gazette.example")
    press_list = media.create_list("Press")
    media.add_to_list(press_list.id, [ana.id])
    r1 = press.create(title="R1", status="approved", media_list_id=press_list.id, issued_on=date(2026, 3, 1))
    r2 = press.create(title="R2", status="approved", media_list_id=press_list.id, issued_on=date(2026, 3, 15))
    press.send(r1.id)
    press.send(r2.id)
    coverage.log(outlet_name="Hill Radio", published_on=date(2026, 2, 10), headline="Plans shown", reach=300)
    coverage.log(outlet_id=gazette.id, published_on=date(2026, 3, 2), headline="Bridge on track", tone="positive",
                 material_id=r1.id)
    coverage.log(outlet_name="Hill Radio", published_on=date(2026, 3, 20), headline="Residents angry",
                 tone="negative", reach=800)
    coverage.log(outlet_id=gazette.id, published_on=date(2026, 4, 2), headline="Works update")
    received = datetime(2026, 3, 5, 9, 0)
    for hours in (4, 10):
        inquiry = media.log_inquiry(question=f"Q{hours}", journalist_id=ana.id, received_at=received)
        media.respond(inquiry.id, response="A", at=received + timedelta(hours=hours))


def test_the_media_sheet_lists_coverage_by_month_and_tone_and_the_media_figures(tmp_path):
    _media_fixture()
    figures = engagement_figures(date(2026, 1, 1), date(2026, 3, 31), tz="UTC", now=datetime(2026, 4, 1))
    assert figures.media.coverage_total == 3

    book = load_workbook(write_engagement_xlsx(figures, tmp_path / "report.xlsx", tz="UTC"))
    sheet = book["Media"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Month", "Positive", "Neutral", "Negative", "Total"]
    assert all(c.font.bold for c in sheet[1])
    assert rows[1:4] == [[datetime(2026, 1, 1), 0, 0, 0, 0], [datetime(2026, 2, 1), 0, 1, 0, 1],
                         [datetime(2026, 3, 1), 1, 0, 1, 2]]
    assert sheet["A2"].number_format == "mmm yyyy"
    assert rows[4] == [None] * 5
    assert rows[5][:2] == ["Figure", "Value"]
    values = {row[0]: row[1] for row in rows[6:]}
    assert values == {"Coverage items": 3, "Total reach": 6100, "Press releases sent": 2,
                      "Releases that earned coverage": 1, "Share of releases with coverage": 0.5,
                      "Media inquiries": 2, "Inquiries answered": 2, "Median response time (hours)": 7.0}
    share_row = 6 + list(values).index("Share of releases with coverage") + 1
    assert sheet.cell(row=share_row, column=2).number_format == "0.0%"


def test_a_period_without_media_work_still_has_a_media_sheet(tmp_path):
    figures = engagement_figures(date(2026, 1, 1), date(2026, 1, 31), tz="UTC", now=datetime(2026, 2, 1))
    book = load_workbook(write_engagement_xlsx(figures, tmp_path / "empty.xlsx", tz="UTC"))
    rows = {row[0]: row[1] for row in book["Media"].iter_rows(min_row=4, values_only=True) if row and row[0]}
    assert rows["Coverage items"] == 0
    assert rows["Share of releases with coverage"] is None
    assert rows["Median response time (hours)"] is None
