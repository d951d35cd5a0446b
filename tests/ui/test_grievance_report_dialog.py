"""The report screen shows what the core report computes; receipts and reports are written to files."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from commrel.reports.grievance import grievance_report, period_dates
from commrel.services import concerns
from ui import settings
from ui.dialogs.concern_intake_dialog import ANONYMOUS, ConcernIntakeDialog
from ui.dialogs.grievance_report_dialog import GrievanceReportDialog
from ui.printing.concern_receipt import receipt_html, write_receipt
from ui.printing.grievance_report_pdf import headline

from concern_helpers import log, person


@pytest.fixture
def register():
    ann = person()
    concerns.ensure_default_categories()
    noise = next(c for c in concerns.list_categories() if c.name == "Noise")
    a = log("Dust on cars", days_ago=40, complainant_id=ann.id, neighbourhood="Riverside")
    b = log("Night piling", days_ago=20, category_id=noise.id, neighbourhood="Hilltop", owner="Priya")
    c = log("Lorries idling", days_ago=3, anonymous=True, neighbourhood="Riverside")
    concerns.acknowledge(b.id, how="phone")
    concerns.acknowledge(c.id, how="letter")
    concerns.reject(c.id, "Not the project's lorries")
    return a, b, c


@pytest.fixture
def report_dialog(qtbot):
    def open_():
        dialog = GrievanceReportDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return open_


def choose_dates(dialog, start: date, end: date) -> None:
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.end.setDate(QDate(end.year, end.month, end.day))
    dialog.run()


def test_the_figures_shown_are_the_core_reports(register, report_dialog):
    dialog = report_dialog()
    start, end = date.today() - timedelta(days=60), date.today()
    choose_dates(dialog, start, end)
    assert dialog.period.currentData() == "custom"
    expected = grievance_report(start, end, now=dialog.report.as_at)
    assert dialog.report.totals == expected.totals
    assert {label: value.text() for label, value in dialog.figure_labels.items()} == dict(headline(expected))
    assert dialog.figure_labels["Received"].text() == "3"
    assert dialog.figure_labels["Rejected"].text() == "1"
    model = dialog.models["neighbourhood"]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Riverside", "Hilltop"]
    assert model.index(0, 1).data() == "2"  # received in Riverside
    assert dialog.models["category"].rows == expected.by_category
    assert dialog.month_model.rowCount() == len(expected.months)


def test_a_category_limits_the_report(register, report_dialog):
    dialog = report_dialog()
    choose_dates(dialog, date.today() - timedelta(days=60), date.today())
    dialog.category.setCurrentIndex(dialog.category.findText("Noise"))
    dialog.run()
    assert dialog.report.category == "Noise" and dialog.figure_labels["Received"].text() == "1"


def test_the_period_is_remembered(report_dialog):
    first = report_dialog()
    first.period.setCurrentIndex(first.period.findData("last_month"))
    first.run()
    assert settings.REPORT_PERIOD.get() == "last_month"
    second = report_dialog()
    assert second.period.currentData() == "last_month"
    assert second.start.date().toPython() == period_dates("last_month", date.today())[0]
    choose_dates(second, date(2025, 2, 3), date(2025, 4, 5))
    third = report_dialog()
    assert third.period.currentData() == "custom"
    assert (third.start.date().toPython(), third.end.date().toPython()) == (date(2025, 2, 3), date(2025, 4, 5))


def test_the_report_exports_to_pdf_and_a_workbook(register, report_dialog, tmp_path, monkeypatch):
    dialog = report_dialog()
    choose_dates(dialog, date.today() - timedelta(days=60), date.today())
    for kind in ("pdf", "xlsx"):
        target = tmp_path / f"report.{kind}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        assert dialog.export(kind) == target
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "report.pdf").stat().st_size > 2000
    summary = {r[0]: r[1] for r in load_workbook(tmp_path / "report.xlsx")["Summary"].iter_rows(values_only=True)
               if r and r[0]}
    assert summary["Received"] == 3 and summary["Rejected"] == 1


def test_a_receipt_pdf_is_written(register, tmp_path):
    a, _, c = register
    path = write_receipt(a.id, tmp_path / "receipt.pdf")
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 2000
    assert a.reference in receipt_html(a.id) and "Ann Lee" in receipt_html(a.id)
    assert "only way to ask" in receipt_html(c.id)  # anonymous: keep the reference


def test_a_confidential_receipt_leaves_out_who_what_and_where():
    ann = person("Gwendolyn Ashcombe")
    concern = log("Harassment by site security", complainant_id=ann.id, confidential=True, location="Gate 3",
                  neighbourhood="Hilltop")
    html = receipt_html(concern.id)
    assert concern.reference in html
    for secret in ("Ashcombe", "Harassment", "Gate 3", "Hilltop"):
        assert secret not in html
    assert "kept confidential" in html


def test_the_receipt_button_after_intake_saves_and_opens_the_pdf(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "receipt"), ""))
    settings.RECEIPT_CONTACT.set("Community Relations Team\nFreephone 0800 123 456")
    dialog = ConcernIntakeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.summary, "Lorries idling")
    qtbot.mouseClick(dialog.who.button(ANONYMOUS), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.receipt_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "receipt.pdf")]
    assert (tmp_path / "receipt.pdf").stat().st_size > 2000
    assert "Freephone 0800 123 456" in receipt_html(dialog.concern_id)
