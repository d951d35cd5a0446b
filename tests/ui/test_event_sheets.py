"""The run sheet and the sign-in sheet: what they hold, and that they are real PDFs."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from commrel.services import checklists, event_participants, stakeholders
from ui.printing import event_sheets

from test_event_helpers import meeting, person


@pytest.fixture
def event():
    e = meeting("Harbour <forum>", description="Plans for the new slipway.", capacity=30)
    ann, bob, dee = person("Ann Lee"), person("Bob Lees"), person("Dee Ray")
    trust = stakeholders.create(kind="organisation", display_name="Harbour Trust")
    stakeholders.add_membership(ann.id, trust.id)
    event_participants.invite(e.id, [ann.id, bob.id, dee.id])
    event_participants.set_rsvp(e.id, dee.id, "declined")
    event_participants.check_in(e.id, ann.id)
    checklists.add_task(e.id, "Book the hall", owner="Sam")
    return e


def test_the_sign_in_sheet_lists_who_is_expected_with_room_to_sign(event):
    html = event_sheets.sign_in_sheet_html(event.id)
    assert "Harbour &lt;forum&gt;" in html and "<forum>" not in html
    assert "Ann Lee" in html and "Bob Lees" in html and "Dee Ray" not in html  # Dee declined
    assert "Signature" in html and "Harbour Trust" in html
    assert html.count("<tr>") == 1 + 2 + 1 + event_sheets.WALK_IN_ROWS  # headings, people, blank rows


def test_the_run_sheet_holds_the_details_replies_checklist_and_list(event):
    html = event_sheets.run_sheet_html(event.id)
    for text in ("Plans for the new slipway.", "Town Hall", "Book the hall", "Sam", "Dee Ray", "Declined",
                 "Invited <b>3</b>", "Attended <b>1</b>", "Capacity"):
        assert text in html


def test_both_sheets_are_written_as_pdf(event, tmp_path):
    for write in (event_sheets.write_sign_in_sheet, event_sheets.write_run_sheet):
        path = write(event.id, tmp_path / f"{write.__name__}.pdf")
        assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 2000


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_sign_in_sheet_renders_on_a4(event, tmp_path):
    path = event_sheets.write_sign_in_sheet(event.id, tmp_path / "sign-in.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    from PySide6.QtGui import QImage

    image = QImage(str(pages[0]))
    assert abs(image.width() / image.height() - 210 / 297) < 0.01  # A4 portrait
