"""The Media table models on their own: the Qt model contract, paging, and how time spans read."""
from __future__ import annotations

from datetime import date, timedelta

from commrel.services import coverage, media, press
from commrel.timeutil import utcnow


def outlet(name="Harbour Gazette"):
    o = media.create_contact(name=name, outlet=True, email="news@gazette.example")
    media.set_profile(o.id, outlet_kind="newspaper", reach=12000)
    return o


def journalist(name, email, works_for=None):
    return media.create_contact(name=name, email=email, works_for=works_for)


def test_table_models_pass_the_model_tester(qtmodeltester, tmp_path):
    from ui.models.coverage_table_model import CoverageTableModel
    from ui.models.inquiry_table_model import InquiryTableModel
    from ui.models.media_contact_table_model import MediaContactTableModel
    from ui.models.media_people_table_model import MediaPeopleTableModel, PersonRow
    from ui.models.press_table_model import KitFileTableModel, PressTableModel

    gazette = outlet()
    ana = journalist("Ana Writer", "ana@gazette.example", works_for=gazette.id)
    now = utcnow()
    media.log_inquiry(question="Late", journalist_id=ana.id, received_at=now - timedelta(hours=5),
                      deadline=now - timedelta(hours=1))
    media.log_inquiry(question="No deadline", outlet_id=gazette.id)
    release = press.create(title="R1", status="approved")
    kit = press.create_kit("Kit")
    press.add_kit_file(kit.id, str(tmp_path / "missing.pdf"))
    coverage.log(outlet_id=gazette.id, published_on=date.today(), headline="H", tone="positive",
                 material_id=release.id)

    inquiries = InquiryTableModel(now=lambda: now)
    inquiries.refresh()
    contacts = MediaContactTableModel()
    contacts.refresh()
    people = MediaPeopleTableModel()
    people.set_rows([PersonRow(ana.id, "Ana Writer", "ana@gazette.example"),
                     PersonRow(gazette.id, "Harbour Gazette", "", "No email address", True)])
    materials = PressTableModel()
    materials.refresh()
    files = KitFileTableModel()
    files.set_kit(kit.id)
    pieces = CoverageTableModel()
    pieces.set_period(None, None)
    for model, rows in ((inquiries, 2), (contacts, 2), (people, 2), (materials, 1), (files, 1), (pieces, 1)):
        assert model.rowCount() == rows
        qtmodeltester.check(model)


def test_inquiry_tooltip_for_a_deadline_passed_days_ago():
    from ui.models.inquiry_table_model import duration_text

    assert duration_text(timedelta(minutes=25)) == "25 min"
    assert duration_text(timedelta(hours=1, minutes=40)) == "1 h 40 min"
    assert duration_text(timedelta(hours=3, minutes=59)) == "3 h"
    assert duration_text(timedelta(days=2, hours=4)) == "2 d 4 h"
    assert duration_text(timedelta(days=2)) == "2 d"


def test_contacts_load_page_by_page():
    from ui.models.media_contact_table_model import MediaContactTableModel

    for n in range(7):
        media.create_contact(name=f"Writer {n:02d}", email=f"w{n}@example.org")
    model = MediaContactTableModel()
    model.PAGE_SIZE = 3
    model.refresh()
    assert model.rowCount() == 3 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7 == model.total()
    model.set_text("writer 05")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Writer 05"]


def test_period_ranges():
    from ui.panels.media_coverage_tab import period_range

    today = date(2026, 5, 20)
    assert period_range("30", today) == (date(2026, 4, 21), today)
    assert period_range("month", today) == (date(2026, 5, 1), today)
    assert period_range("quarter", today) == (date(2026, 4, 1), today)
    assert period_range("year", today) == (date(2026, 1, 1), today)
    assert period_range("all", today) == (None, None)
