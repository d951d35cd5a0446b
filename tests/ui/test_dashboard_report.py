"""The engagement report dialog: remembered period and filters, the figures, PDF and spreadsheet export."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from commrel.models import Event, EventParticipant
from commrel.services import engagement, stakeholders
from commrel.timeutil import utcnow
from ui import hub
from ui.dialogs.engagement_report_dialog import EngagementReportDialog


@pytest.fixture
def register():
    ann = stakeholders.create(given_name="Ann", neighbourhood="Riverside", tags=["noise"]).id
    bob = stakeholders.create(given_name="Bob", neighbourhood="Hilltop", type="business").id
    engagement.log_interaction([ann], channel="call", occurred_at=utcnow() - timedelta(days=3))
    walk = Event.create(uid="walk", title="Riverside walk", starts_at=utcnow() - timedelta(days=5),
                        ends_at=utcnow() - timedelta(days=5, hours=-1), status="held", timezone="UTC")
    EventParticipant.create(event=walk, stakeholder=ann, rsvp="accepted", attended=True)
    EventParticipant.create(event=walk, stakeholder=bob, rsvp="accepted", attended=False)
    return {"ann": ann, "bob": bob, "event": walk.id}


@pytest.fixture
def dialog(qtbot, register):
    d = EngagementReportDialog()
    qtbot.addWidget(d)
    return d


def test_the_dialog_shows_the_figures_of_the_period(dialog):
    f = dialog.figures
    assert (f.interactions_total, f.engaged, f.register, f.accepted, f.attended) == (1, 1, 2, 2, 1)
    assert dialog.tiles.values["engaged"].text() == "50%"
    assert dialog.events_model.rowCount() == 1
    assert dialog.events_model.data(dialog.events_model.index(0, 1)) == "Riverside walk"
    assert "Hilltop" in dialog.charts.coverage.body.text()  # nobody engaged there
    assert dialog.pdf_button.isEnabled() and dialog.xlsx_button.isEnabled()


def test_filters_narrow_the_figures_and_are_remembered(dialog, qtbot):
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("business"))
    assert (dialog.figures.register, dialog.figures.engaged, dialog.figures.accepted) == (1, 0, 1)
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("noise"))
    assert dialog.figures.register == 0  # business and tagged noise: nobody
    dialog.period.set_custom(date(2025, 1, 1), date(2025, 6, 30))
    again = EngagementReportDialog()
    qtbot.addWidget(again)
    assert (again.type, again.tag) == ("business", "noise")
    assert again.period.period() == (date(2025, 1, 1), date(2025, 6, 30))
    assert (again.figures.start, again.figures.type, again.figures.tag) == (date(2025, 1, 1), "business", "noise")


def test_export_pdf_with_charts(dialog, tmp_path):
    path = tmp_path / "engagement.pdf"
    dialog.export_pdf(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Subtype /Image") >= 3  # interactions, by type, by neighbourhood, events …


def test_export_spreadsheet(dialog, tmp_path):
    path = tmp_path / "engagement.xlsx"
    with_status = []
    hub.hub().status_message.connect(with_status.append)
    dialog.export_xlsx(path)
    book = load_workbook(path)
    assert book["Events"]["B2"].value == "Riverside walk"
    assert book["Events"]["D2"].value == 1 + 1
    assert with_status and "engagement.xlsx" in with_status[-1]


def test_double_clicking_an_event_opens_it(dialog, register, qtbot):
    with qtbot.waitSignal(hub.hub().record_requested) as blocker:
        dialog._open_event(dialog.events_model.index(0, 0))
    assert blocker.args == ["event", register["event"]]


def test_the_events_table_model_is_sound(dialog, qtmodeltester):
    qtmodeltester.check(dialog.events_model)


def test_the_dashboard_opens_the_report(window, qtbot):
    panel = window.show_panel("dashboard")
    d = panel.open_engagement_report()
    qtbot.addWidget(d)
    assert isinstance(d, EngagementReportDialog) and d.isVisible()
    d.close()


def test_an_empty_database_still_exports(qtbot, tmp_path):
    d = EngagementReportDialog()
    qtbot.addWidget(d)
    d.export_pdf(tmp_path / "empty.pdf")
    d.export_xlsx(tmp_path / "empty.xlsx")
    assert (tmp_path / "empty.pdf").read_bytes().startswith(b"%PDF")
    assert load_workbook(tmp_path / "empty.xlsx")["Summary"]["A1"].value == "Engagement report"


def test_the_printed_report_has_a_media_section(register):
    from PySide6.QtCore import QLocale

    from commrel.reports.engagement import engagement_figures
    from commrel.services import coverage
    from ui.printing.report_pdf import report_html

    coverage.log(outlet_name="Hill Radio", published_on=date(2026, 3, 2), headline="Bridge on track",
                 tone="positive", reach=1200)
    html = report_html(engagement_figures(date(2026, 1, 1), date(2026, 3, 31), tz="UTC"), tz="UTC")
    media = html[html.index("<h2>Media</h2>"):]
    assert "Total reach" in media and f"<b>{QLocale().toString(1200)}</b>" in media
    assert "Share of releases with coverage" in media and "Median response time (hours)" in media
    assert "Coverage per month, by tone" in media and "Mar 2026" in media
    empty = report_html(engagement_figures(date(2025, 1, 1), date(2025, 1, 31), tz="UTC"), tz="UTC")
    assert "No coverage was published in this period." in empty
