"""Importing from the window: file → columns → preview → commit → undo, with real widgets."""
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from commrel.exchange import xlsx
from commrel.models import Event, ImportBatch, Stakeholder
from commrel.services import stakeholders as svc
from ui import exchange_actions
from ui.dialogs.import_history_dialog import ImportHistoryDialog
from ui.dialogs.import_preview_dialog import ImportPreviewDialog
from ui.dialogs.mapping_dialog import MappingDialog

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture(autouse=True)
def warnings(monkeypatch):
    """Messages that would have been shown; a test never waits on a modal box."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    return shown


def _partner_sheet(path, rows, headers=("Surname", "Forename", "E-mail", "Ward", "Tel. (work)", "Remarks")):
    wb = Workbook()
    ws = wb.active
    ws.title = "Partners"
    ws.append(["Contacts from the residents' association"])
    ws.append([])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    wb.create_sheet("Notes")
    wb.save(path)
    return path


def test_renamed_columns_map_by_themselves_and_a_changed_mapping_is_remembered(parent, tmp_path):
    path = _partner_sheet(tmp_path / "partners.xlsx", [
        ("Nowak", "Ewa", "ewa@example.org", "Riverside", "07700 900999", "met at fair")])
    flow = exchange_actions.import_file(parent, str(path))
    dialog = flow.mapping_dialog
    assert dialog.isVisible() and dialog.kind.currentData() == "stakeholders"
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Partners", "Notes"]
    assert dialog.header_row.value() == 3
    mapping = {h: dialog.mapping_combo(h).currentData() for h in dialog.plan.options["headers"]}
    assert mapping == {"Surname": "family_name", "Forename": "given_name", "E-mail": "email",
                       "Ward": "neighbourhood", "Tel. (work)": None, "Remarks": "notes"}
    assert "Ewa" in dialog.table.item(1, 2).text()

    tel = dialog.mapping_combo("Tel. (work)")
    tel.setCurrentIndex(tel.findData("phone"))
    assert dialog.plan.options["mapping"]["Tel. (work)"] == "phone"
    assert dialog.plan.rows[0].values["phone"] == "07700 900999"
    assert dialog.remember.isChecked()
    dialog.next_button.click()
    flow.preview_dialog.import_button.click()
    assert Stakeholder.get(Stakeholder.email == "ewa@example.org").phone == "07700 900999"

    moved = _partner_sheet(tmp_path / "again.xlsx", [("0161 496 0000", "Ade", "Olu")],
                           headers=("Tel. (work)", "Surname", "Forename"))
    again = exchange_actions.import_file(parent, str(moved)).mapping_dialog
    assert again.mapping_combo("Tel. (work)").currentData() == "phone"


def test_a_mapping_not_remembered_is_not_used_next_time(parent, tmp_path):
    path = _partner_sheet(tmp_path / "p.xlsx", [("Nowak", "Ewa", "ewa@example.org", "", "07700 900999", "")])
    flow = exchange_actions.import_file(parent, str(path))
    dialog = flow.mapping_dialog
    tel = dialog.mapping_combo("Tel. (work)")
    tel.setCurrentIndex(tel.findData("phone"))
    dialog.remember.setChecked(False)
    dialog.next_button.click()
    flow.preview_dialog.import_button.click()
    again = exchange_actions.import_file(parent, str(path)).mapping_dialog
    assert again.mapping_combo("Tel. (work)").currentData() is None


def test_choosing_a_field_already_fed_by_another_column_moves_it(parent, tmp_path):
    path = _partner_sheet(tmp_path / "p.xlsx", [("Nowak", "Ewa", "ewa@example.org", "", "", "")],
                          headers=("Surname", "Forename", "E-mail", "Work email"))
    dialog = exchange_actions.import_file(parent, str(path)).mapping_dialog
    work = dialog.mapping_combo("Work email")
    work.setCurrentIndex(work.findData("email"))
    assert dialog.mapping_combo("E-mail").currentData() is None
    assert dialog.plan.options["mapping"]["Work email"] == "email"


def test_the_day_month_question_is_asked_once_per_column_and_answered(parent, tmp_path):
    path = _partner_sheet(tmp_path / "dates.xlsx", [("Nowak", "Ewa", "03/04/2026"), ("Ade", "Olu", "05/06/2026")],
                          headers=("Surname", "Forename", "Consent date"))
    dialog = exchange_actions.import_file(parent, str(path)).mapping_dialog
    assert dialog.dates_box.isVisible() and len(dialog._date_rows) == 1
    day, month = dialog.date_buttons("Consent date")
    assert day.isChecked() and "3 April 2026" in day.text() and "4 March 2026" in month.text()
    assert dialog.plan.rows[0].values["consent_date"] == date(2026, 4, 3)
    assert not any("03/04/2026" in w for w in _shown(dialog.warnings))
    month.click()
    assert dialog.plan.rows[0].values["consent_date"] == date(2026, 3, 4)
    # Answered: the file no longer raises it, and the question stays with its answer.
    assert dialog.plan.options["date_questions"] == {}
    assert dialog.date_buttons("Consent date")[1].isChecked() and dialog.dates_box.isVisible()
    assert len(dialog._date_rows) == 1


def _shown(label):
    return label.text().splitlines() if label.isVisible() else []


def test_header_row_and_kind_can_be_changed(parent, tmp_path):
    path = _partner_sheet(tmp_path / "events.xlsx", [("Open day", "2026-05-01 10:00", "2026-05-01 12:00")],
                          headers=("Title", "Starts", "Ends"))
    dialog = exchange_actions.import_file(parent, str(path), "stakeholders").mapping_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("events"))
    assert dialog.plan.kind == "events" and dialog.mapping_combo("Starts").currentData() == "starts_at"
    dialog.header_row.setValue(1)  # the title row names nothing Commrel knows
    assert dialog.error.isVisibleTo(dialog) and "has no header row" in dialog.error.text()
    assert not dialog.next_button.isEnabled()
    dialog.header_row.setValue(3)
    assert dialog.next_button.isEnabled() and dialog.plan.counts()["create"] == 1


@pytest.fixture
def register():
    return [svc.create(given_name=g, family_name=f, email=e) for g, f, e in
            [("Amina", "Okafor", "amina@example.org"), ("Bob", "Stone", "bob@example.org"),
             ("Chen", "Li", "chen@example.org")]]


def _edited_export(tmp_path, people):
    """A partner's round trip: one row edited, one edited here and there, one added, one unreadable."""
    path = xlsx.export(tmp_path / "partners.xlsx").path
    svc.update(people[1].id, neighbourhood="Docks")
    wb = load_workbook(path)
    ws = wb["Stakeholders"]
    cols = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows[people[0].id], cols["Neighbourhood"]).value = "Riverside"
    ws.cell(rows[people[1].id], cols["Phone"]).value = "01632 960001"
    for values in ((("Given name", "Ewa"), ("Family name", "Nowak"), ("Email", "ewa@example.org")),
                   (("Given name", "Cy"), ("Family name", "Dee"), ("Email", "not-an-email"))):
        row = ws.max_row + 1
        for header, value in values:
            ws.cell(row, cols[header]).value = value
    wb.save(path)
    return path


def test_preview_commit_and_undo_from_the_history(window, qtbot, tmp_path, register, monkeypatch):
    path = _edited_export(tmp_path, register)
    flow = exchange_actions.import_file(window, str(path))
    flow.mapping_dialog.next_button.click()
    preview = flow.preview_dialog
    assert preview.plan.counts() == {"create": 1, "update": 1, "unchanged": 1, "skip": 1, "conflict": 1}
    assert "row 6, column Email" in preview.errors_label.text()

    # The conflict is chosen first and shows both sides.
    assert "Conflict: Bob Stone" in preview.detail_title.text()
    header = [preview.differences.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Field", "In Commrel (changed since the export)", "In the file"]
    sides = {preview.differences.index(r, 0).data(): (preview.differences.index(r, 1).data(),
                                                      preview.differences.index(r, 2).data())
             for r in range(preview.differences.rowCount())}
    assert sides == {"Neighbourhood": ("Docks", ""), "Phone": ("", "01632 960001")}

    preview.outcome.setCurrentIndex(preview.outcome.findData("update"))
    assert preview.model.rowCount() == 1
    assert "Neighbourhood: ∅ → Riverside" in preview.model.index(0, 3).data()
    assert [preview.differences.index(0, c).data() for c in range(3)] == ["Neighbourhood", "", "Riverside"]

    saved = tmp_path / "to-fix.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    preview.save_button.click()
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Error" and rows[1][-1].startswith("row 6, column Email")

    preview.import_button.click()
    assert svc.get(register[0].id).neighbourhood == "Riverside"
    assert Stakeholder.get_or_none(Stakeholder.email == "ewa@example.org") is not None
    assert svc.get(register[1].id).phone == ""  # the conflict was left alone
    notice = window.findChild(exchange_actions.StatusNotice, exchange_actions.NOTICE_NAME)
    assert "1 created, 1 updated" in notice.label.text() and notice.buttons[0].text() == "Undo"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    history = ImportHistoryDialog(window)
    qtbot.addWidget(history)
    assert history.model.rowCount() == 1
    history.table.selectRow(0)
    history.undo_button.click()
    assert svc.get(register[0].id).neighbourhood == ""
    assert Stakeholder.get_or_none(Stakeholder.email == "ewa@example.org") is None
    assert ImportBatch.get().undone_at is not None
    assert history.model.index(0, 6).data().startswith("undone")


def test_the_undo_button_of_the_notice_undoes_the_import(window, tmp_path, register):
    flow = exchange_actions.import_file(window, str(_edited_export(tmp_path, register)))
    flow.mapping_dialog.next_button.click()
    flow.preview_dialog.import_button.click()
    notice = window.findChild(exchange_actions.StatusNotice, exchange_actions.NOTICE_NAME)
    notice.buttons[0].click()
    assert svc.get(register[0].id).neighbourhood == ""
    assert Stakeholder.get_or_none(Stakeholder.email == "ewa@example.org") is None


def test_a_fake_workbook_is_refused_with_a_clear_message_and_nothing_written(parent, tmp_path, warnings):
    fake = tmp_path / "contacts.xlsx"
    fake.write_text("Name,Email\nAnn,ann@example.org\n", encoding="utf-8")
    before = Stakeholder.select().count()
    assert exchange_actions.import_file(parent, str(fake)) is not None
    assert len(warnings) == 1
    assert "contacts.xlsx" in warnings[0] and "not an Excel workbook" in warnings[0] and ".csv" in warnings[0]
    assert not parent.findChildren(MappingDialog) and not parent.findChildren(ImportPreviewDialog)
    assert Stakeholder.select().count() == before and ImportBatch.select().count() == 0


def test_an_unknown_extension_says_what_can_be_imported(parent, tmp_path, warnings):
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    assert exchange_actions.import_file(parent, str(other)) is None
    assert ".xlsx" in warnings[0] and ".ics" in warnings[0]


def test_dropping_a_calendar_on_the_window_goes_straight_to_the_preview(window, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "ics" / "google.ics"))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    previews = window.findChildren(ImportPreviewDialog)
    assert len(previews) == 1
    preview = previews[0]
    assert preview.isVisible() and preview.plan.format == "ics"
    assert preview.plan.counts()["create"] >= 1 and preview.save_button is None
    assert not window.findChildren(MappingDialog)
    new_events = sum(1 for r in preview.plan.rows if r.entity == "event" and r.outcome == "create")
    preview.import_button.click()
    assert Event.select().count() == new_events


class _LaterRunner:
    """Holds jobs until told to run them, as the background thread would."""

    def __init__(self):
        self.jobs = []

    def run(self, fn, *args, on_success=None, on_failure=None, title=None, parent=None, with_progress=True,
            **kwargs):
        self.jobs.append((fn, args, kwargs, on_success))

    def finish(self):
        for fn, args, kwargs, on_success in self.jobs:
            result = fn(*args, **kwargs)
            if on_success:
                on_success(result)
        self.jobs = []


def test_the_history_changes_when_the_undo_has_landed_not_before(parent, qtbot, tmp_path, register, monkeypatch):
    from ui import tasks

    flow = exchange_actions.import_file(parent, str(_edited_export(tmp_path, register)))
    flow.mapping_dialog.next_button.click()
    flow.preview_dialog.import_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    later = _LaterRunner()
    monkeypatch.setattr(tasks, "_runner", later)
    history = ImportHistoryDialog(parent)
    qtbot.addWidget(history)
    history.table.selectRow(0)
    history.undo_button.click()
    assert history.model.index(0, 6).data() == "applied" and len(later.jobs) == 1
    later.finish()
    assert history.model.index(0, 6).data().startswith("undone")
    assert not history.undo_button.isEnabled()


def test_a_stopped_reading_can_be_read_again(parent, tmp_path, monkeypatch):
    from commrel.errors import Cancelled
    from commrel.exchange import spreadsheet_import

    path = _partner_sheet(tmp_path / "p.xlsx", [("Nowak", "Ewa", "ewa@example.org", "", "", "")])
    dialog = exchange_actions.import_file(parent, str(path)).mapping_dialog
    real = spreadsheet_import.plan_import

    def stopped(*args, progress=None, **kwargs):
        raise Cancelled()
    monkeypatch.setattr(spreadsheet_import, "plan_import", stopped)
    dialog.header_row.setValue(3)
    dialog.replan()
    assert "stopped" in dialog.summary.text() and not dialog.next_button.isEnabled()
    assert dialog.stop_button.text() == "Read again"
    monkeypatch.setattr(spreadsheet_import, "plan_import", real)
    dialog.stop_button.click()
    assert dialog.next_button.isEnabled() and dialog.plan.counts()["create"] == 1


def test_the_plan_table_model(qtmodeltester, tmp_path, register):
    from commrel.exchange.spreadsheet_import import plan_import
    from ui.dialogs.import_preview_dialog import PlanTableModel

    model = PlanTableModel(plan_import(_edited_export(tmp_path, register)))
    qtmodeltester.check(model)
    model.set_outcome("conflict")
    qtmodeltester.check(model)
    assert model.rowCount() == 1
