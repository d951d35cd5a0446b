"""Exporting from the window: kind, scope, format and profile chosen in the dialog reach the file."""
import csv

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from commrel.services import stakeholders as svc
from commrel.services.stakeholder_queries import StakeholderFilter
from ui import exchange_actions, settings
from ui.dialogs.export_dialog import ExportChoice


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    return shown


@pytest.fixture
def register():
    org = svc.create(kind="organisation", type="business", display_name="Harbour Traders", neighbourhood="Docks")
    people = [svc.create(given_name=g, family_name=f, email=e, phone=p, notes=n, neighbourhood=w)
              for g, f, e, p, n, w in [("Amina", "Okafor", "amina@example.org", "07700 900123", "Met twice", "Docks"),
                                       ("Bob", "Stone", "bob@example.org", "", "", "Riverside"),
                                       ("Chen", "Li", "", "020 7946 0018", "", "Docks")]]
    return org, people


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """save_to(name): the file dialog answers tmp_path / name; returns the path."""
    asked = []

    def choose(name):
        target = tmp_path / name

        def answer(parent, caption, start, filters, *a, **k):
            asked.append(start)
            return str(target), ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
        return target
    choose.asked = asked
    return choose


@pytest.fixture
def window_widget(window):
    return window.centralWidget()


def _rows(path, sheet="Stakeholders"):
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return ws, rows[0], rows[1:]


def test_the_selection_under_the_partner_profile_to_a_workbook(window_widget, register, save_to):
    org, people = register
    dialog = exchange_actions.export_dialog(window_widget, "stakeholders", ids=[people[0].id, people[2].id])
    assert dialog.scope_selection.isChecked() and dialog.scope_selection.text() == "The 2 &selected records"
    assert not dialog.scope_filter.isVisible()
    dialog.profile_buttons["partner"].click()
    target = save_to("chosen.xlsx")
    dialog.export_button.click()
    assert save_to.asked[0].endswith(".xlsx") and "stakeholders-partner-" in save_to.asked[0]
    ws, header, rows = _rows(target)
    assert "Notes" not in header and "Name" in header
    names = {r[header.index("Name")] for r in rows}
    assert names == {"Amina Okafor", "Chen Li"}
    chen = next(r for r in rows if r[header.index("Name")] == "Chen Li")
    assert chen[header.index("Phone")] == "020 7946 0018"
    assert ws.freeze_panes == "A2"
    notice = window_widget.window().findChild(exchange_actions.StatusNotice, exchange_actions.NOTICE_NAME)
    assert "Exported 2 records to chosen.xlsx" in notice.label.text()
    assert notice.buttons[0].text() == "Open folder"
    assert settings.EXPORT_PROFILE.get() == "partner"


def test_the_current_filter_to_a_semicolon_csv(window_widget, register, save_to):
    dialog = exchange_actions.export_dialog(window_widget, "stakeholders",
                                            filter=StakeholderFilter(neighbourhoods=["Docks"]))
    assert dialog.scope_filter.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("csv_semicolon"))
    assert dialog.delimiter_note.isVisibleTo(dialog)
    target = save_to("docks")
    dialog.export_button.click()
    written = target.with_suffix(".csv")
    with open(written, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert sorted(r["Name"] for r in rows) == ["Amina Okafor", "Chen Li", "Harbour Traders"]


def test_everything_is_always_offered_and_public_keeps_organisations_only(window_widget, register, save_to):
    dialog = exchange_actions.export_dialog(window_widget, "stakeholders",
                                            filter=StakeholderFilter(neighbourhoods=["Riverside"]))
    dialog.scope_everything.click()
    dialog.profile_buttons["public"].click()
    target = save_to("public.xlsx")
    dialog.export_button.click()
    _, header, rows = _rows(target)
    assert [r[header.index("Name")] for r in rows] == ["Harbour Traders"]
    assert "Email" not in header and "Phone" not in header


def test_organisations_only(window_widget, register, save_to):
    dialog = exchange_actions.export_dialog(window_widget)
    dialog.kind.setCurrentIndex(dialog.kind.findData("organisations"))
    dialog.profile_buttons["full"].click()
    target = save_to("orgs.xlsx")
    dialog.export_button.click()
    _, header, rows = _rows(target)
    assert [r[header.index("Name")] for r in rows] == ["Harbour Traders"]


def test_formats_follow_the_kind(window_widget):
    dialog = exchange_actions.export_dialog(window_widget)
    formats = lambda: [dialog.format.itemData(i) for i in range(dialog.format.count())]  # noqa: E731
    assert formats() == ["xlsx", "csv_comma", "csv_semicolon"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("events"))
    assert formats() == ["xlsx", "csv_comma", "csv_semicolon", "ics"]
    dialog.format.setCurrentIndex(dialog.format.findData("ics"))
    assert dialog.attendees.isVisibleTo(dialog)
    dialog.profile_buttons["public"].click()
    assert not dialog.attendees.isChecked() and not dialog.attendees.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("concerns"))
    assert formats()[-1] == "deadlines"
    dialog.kind.setCurrentIndex(dialog.kind.findData("all"))
    assert formats() == ["xlsx"]


def test_a_selection_does_not_carry_over_to_another_kind(window_widget, register):
    _, people = register
    dialog = exchange_actions.export_dialog(window_widget, "stakeholders", ids=[people[0].id])
    dialog.kind.setCurrentIndex(dialog.kind.findData("events"))
    assert not dialog.scope_selection.isEnabled() and dialog.scope_everything.isChecked()
    assert dialog.choice().ids is None


def test_cancelling_the_file_choice_goes_back_to_the_dialog(window_widget, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialog = exchange_actions.export_dialog(window_widget)
    dialog.export_button.click()
    assert dialog.isVisible() and list(tmp_path.glob("*.xlsx")) == []


def test_choices_become_the_core_call(tmp_path):
    fn, args, kwargs = ExportChoice("organisations", "csv_semicolon", "partner", ids=(3, 4)).job(tmp_path / "o.csv")
    assert fn.__module__ == "commrel.exchange.csv_format" and args[1] == "stakeholders"
    assert kwargs["delimiter"] == ";" and kwargs["ids"] == [3, 4]
    assert kwargs["filter"].kinds == ["organisation"] and kwargs["filter"].archived is None
    fn, args, kwargs = ExportChoice("events", "ics", "public", include_attendees=False).job(tmp_path / "e.ics")
    assert fn.__name__ == "export" and kwargs == {"profile": "public", "include_attendees": False}
    fn, _, kwargs = ExportChoice("concerns", "deadlines", "full").job(tmp_path / "d.ics")
    assert fn.__name__ == "export_concern_deadlines"


def test_a_failing_export_says_why(window_widget, register, save_to, no_modal_boxes, tmp_path):
    dialog = exchange_actions.export_dialog(window_widget, "stakeholders")
    save_to("taken.xlsx").mkdir()  # a folder already has the name
    dialog.export_button.click()
    assert len(no_modal_boxes) == 1 and "cannot be written" in no_modal_boxes[0]
    assert not list(tmp_path.glob(".*partial*"))


def test_an_events_calendar(window_widget, save_to):
    from datetime import datetime

    from commrel.services import events

    events.create(title="Open day", starts_at=datetime(2026, 5, 1, 10), ends_at=datetime(2026, 5, 1, 12))
    dialog = exchange_actions.export_dialog(window_widget, "events")
    dialog.format.setCurrentIndex(dialog.format.findData("ics"))
    target = save_to("events.ics")
    dialog.export_button.click()
    assert "SUMMARY:Open day" in target.read_text(encoding="utf-8")


def test_the_stakeholder_panel_export_reaches_the_dialog(window, register):
    from ui.dialogs.export_dialog import ExportDialog

    panel = window.show_panel("stakeholders")
    exchange_actions.export_dialog(panel, "stakeholders", filter=panel.model.filter())
    dialogs = panel.findChildren(ExportDialog)
    assert len(dialogs) == 1 and dialogs[0].scope_filter.isChecked()
