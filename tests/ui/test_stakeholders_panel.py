"""The register: paging model, filters, saved views, bulk actions with undo, merge, open_record, state."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders as svc
from register_helpers import column, make_panel, row_of, select_names, select_rows, shown_names
from ui import hub, settings, undo
from ui.dialogs.stakeholder_dialog import StakeholderDialog
from ui.models.stakeholder_table_model import ID_ROLE, StakeholderTableModel


def people():
    a = svc.create(given_name="Zoe", family_name="Adams", email="zoe@example.org", neighbourhood="North")
    b = svc.create(given_name="Yusuf", family_name="Brown", email="arthur@example.org", neighbourhood="South")
    c = svc.create(given_name="Xia", family_name="Chen", email="mid@example.org", neighbourhood="North")
    org = svc.create(kind="organisation", display_name="Harbour Traders", type="business")
    return a, b, c, org


# The model ------------------------------------------------------------------

def test_table_model_passes_the_model_tester(qtmodeltester):
    people()
    svc.archive([svc.create(given_name="Old", family_name="Timer", do_not_contact=True).id])
    model = StakeholderTableModel()
    model.set_filter(queries.StakeholderFilter(archived=None))
    qtmodeltester.check(model, force_py=True)


def test_rows_page_through_the_ordered_ids_past_the_first_pages(monkeypatch):
    for n in range(23):
        svc.create(given_name=f"Person{n:02d}", family_name="Page")
    monkeypatch.setattr(StakeholderTableModel, "PAGE_SIZE", 4)
    monkeypatch.setattr(StakeholderTableModel, "OFFSET_PAGES", 2)
    monkeypatch.setattr(StakeholderTableModel, "MAX_PAGES", 3)
    model = StakeholderTableModel()
    model.sort(column("email"), Qt.SortOrder.DescendingOrder)
    expected = [r.id for r in queries.page(sort="email", descending=True, limit=100)]
    assert model.rowCount() == 23
    assert [model.index(r, 0).data(ID_ROLE) for r in range(23)] == expected
    assert len(model._pages) <= 3  # only a window of pages stays loaded
    assert model.find_row(expected[21]) == 21
    assert model.ids_for_rows(list(range(23))) == expected


def test_archived_and_do_not_contact_rows_are_marked(qtbot):
    s = svc.create(given_name="Dora", family_name="Quiet", do_not_contact=True)
    svc.archive([s.id])
    model = StakeholderTableModel()
    model.set_filter(queries.StakeholderFilter(archived=None))
    index = model.index(0, 0)
    assert "Do not contact" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Archived" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.FontRole).italic()


# The panel ----------------------------------------------------------------

def test_new_database_shows_first_steps(qtbot):
    panel = make_panel(qtbot)
    assert panel.register_stack.currentIndex() == 1
    assert [b.text() for b in panel.empty_buttons] == ["Add a person", "Add an organisation", "Import a spreadsheet…"]
    qtbot.mouseClick(panel.empty_buttons[1], Qt.MouseButton.LeftButton)
    dialog = panel.actions_.dialog
    assert isinstance(dialog, StakeholderDialog) and dialog.isVisible()
    assert dialog.form.kind() == "organisation"


def test_clicking_a_header_sorts_in_sql(qtbot):
    people()
    panel = make_panel(qtbot)
    assert shown_names(panel) == ["Zoe Adams", "Yusuf Brown", "Xia Chen", "Harbour Traders"]
    header = panel.table.horizontalHeader()
    email = column("email")
    at = QPoint(header.sectionViewportPosition(email) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert panel.model.sort_key() == ("email", False)
    assert shown_names(panel) == ["Harbour Traders", "Yusuf Brown", "Xia Chen", "Zoe Adams"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert shown_names(panel) == ["Zoe Adams", "Xia Chen", "Yusuf Brown", "Harbour Traders"]
    assert panel.table.model() is panel.model  # no proxy in between


def test_text_filter_is_live_and_type_filter_narrows(qtbot):
    people()
    panel = make_panel(qtbot)
    qtbot.keyClicks(panel.filters.search, "nort")
    qtbot.waitUntil(lambda: shown_names(panel) == ["Zoe Adams", "Xia Chen"])
    assert "2 stakeholders" in panel.count_label.text()
    panel.filters.search.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    panel.filters.type.setCurrentIndex(panel.filters.type.findText("Organisations"))
    assert shown_names(panel) == ["Harbour Traders"]
    panel.filters.type.setCurrentIndex(panel.filters.type.findText("Business"))
    assert shown_names(panel) == ["Harbour Traders"]
    qtbot.keyClicks(panel.filters.search, "nobody")
    qtbot.waitUntil(lambda: panel.table_stack.currentWidget() is panel.no_match)
    qtbot.mouseClick(panel.no_match.button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 4 and panel.filters.filter().is_default()


def test_any_organisation_is_found_by_typing_however_many_there_are(qtbot, monkeypatch):
    from commrel.services import bulk

    a, b, c, _ = people()
    # More organisations than any drop-down would list; the one wanted sorts last.
    bulk.insert_rows(svc.Stakeholder, [dict(kind="organisation", display_name=f"Club {n:03d}", sort_name=f"club {n:03d}")
                                       for n in range(600)], return_ids=False)
    zeta = svc.create(kind="organisation", display_name="Zeta Works", type="business")
    svc.add_membership(b.id, zeta.id)
    panel = make_panel(qtbot)
    picker = panel.filters.organisation
    qtbot.keyClicks(picker, "zeta")
    qtbot.waitUntil(lambda: picker.first_match() is not None)
    picker.choose(*picker.first_match())
    assert shown_names(panel) == ["Yusuf Brown", "Zeta Works"] and panel.filters.filter().organisation_id == zeta.id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Zeta staff", True))
    qtbot.mouseClick(panel.filters.save_view_button, Qt.MouseButton.LeftButton)
    picker.selectAll()
    qtbot.keyClick(picker, Qt.Key.Key_Delete)  # clearing the organisation widens the list at once
    assert panel.model.rowCount() == 605 and panel.filters.filter().organisation_id is None
    panel.filters.views.activated.emit(panel.filters.views.findText("Zeta staff"))
    assert picker.text() == "Zeta Works" and shown_names(panel) == ["Yusuf Brown", "Zeta Works"]


def test_saved_view_round_trip(qtbot, monkeypatch):
    people()
    panel = make_panel(qtbot)
    panel.filters.neighbourhood.setCurrentIndex(panel.filters.neighbourhood.findText("North"))
    assert shown_names(panel) == ["Zoe Adams", "Xia Chen"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Northerners", True))
    qtbot.mouseClick(panel.filters.save_view_button, Qt.MouseButton.LeftButton)
    assert [name for name, _ in queries.saved_views()] == ["Northerners"]
    assert panel.filters.views.currentText() == "Northerners"
    qtbot.mouseClick(panel.filters.clear_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 4 and panel.filters.views.currentIndex() == 0
    panel.filters.views.activated.emit(panel.filters.views.findText("Northerners"))
    assert shown_names(panel) == ["Zoe Adams", "Xia Chen"]
    qtbot.mouseClick(panel.filters.delete_view_button, Qt.MouseButton.LeftButton)
    assert queries.saved_views() == []


def test_bulk_tag_adds_to_the_selection_and_undoes(qtbot):
    a, b, c, _ = people()
    panel = make_panel(qtbot)
    select_names(panel, "Zoe Adams", "Xia Chen")
    assert panel.selected_ids() == [a.id, c.id]
    panel.actions_.tag.trigger()
    dialog = panel.actions_.dialog
    qtbot.keyClicks(dialog.name, "flood group")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert svc.tags_of(a.id) == ["flood group"] and svc.tags_of(c.id) == ["flood group"]
    assert svc.tags_of(b.id) == []
    undo.stack().undo()
    assert svc.tags_of(a.id) == [] and svc.tags_of(c.id) == []


def test_archive_with_delete_key_then_undo_and_redo(qtbot):
    a, b, c, _ = people()
    panel = make_panel(qtbot)
    select_names(panel, "Yusuf Brown")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert svc.get(b.id).archived
    assert "Yusuf Brown" not in shown_names(panel)
    assert panel.current_id() == c.id  # the next row, so Delete can go on
    undo.stack().undo()
    assert not svc.get(b.id).archived
    assert "Yusuf Brown" in shown_names(panel)
    undo.stack().redo()
    assert svc.get(b.id).archived
    panel.filters.show_archived.setCurrentIndex(panel.filters.show_archived.findText("Archive"))
    assert shown_names(panel) == ["Yusuf Brown"]


def test_delete_asks_first_says_what_goes_and_undo_restores(qtbot, monkeypatch):
    a, b, c, org = people()
    svc.add_membership(a.id, org.id, "Chair")
    panel = make_panel(qtbot)
    asked = []

    def question(parent, title, text, *args):
        asked.append((title, text))
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    select_names(panel, "Zoe Adams")
    panel.actions_.delete.trigger()
    assert queries.count() == 4  # said no
    panel.actions_.delete.trigger()
    assert asked[0][0] == "Delete 1 stakeholder?"
    assert "Zoe Adams" in asked[0][1] and "1 organisation membership" in asked[0][1]
    assert queries.count() == 3 and "Zoe Adams" not in shown_names(panel)
    undo.stack().undo()
    assert "Zoe Adams" in shown_names(panel)
    assert svc.get(a.id).organisation_name == "Harbour Traders"


def test_merge_two_selected_records_and_undo(qtbot):
    keep = svc.create(given_name="Sam", family_name="Lee", email="sam@example.org")
    gone = svc.create(given_name="Samuel", family_name="Lee", email="samuel@example.org", phone="07700 900123")
    svc.set_tags(gone.id, ["harbour"])
    panel = make_panel(qtbot)
    select_names(panel, "Sam Lee", "Samuel Lee")
    assert panel.actions_.merge.isEnabled()
    panel.actions_.merge.trigger()
    dialog = panel.actions_.dialog
    assert set(dialog.groups) >= {"given_name", "email", "phone"}
    radio = dialog.groups["email"].button(1)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merged = svc.get(keep.id)
    assert (merged.email, merged.phone, merged.given_name) == ("samuel@example.org", "07700 900123", "Sam")
    assert svc.tags_of(keep.id) == ["harbour"] and queries.count() == 1
    assert shown_names(panel) == ["Sam Lee"] and panel.current_id() == keep.id
    undo.stack().undo()
    assert queries.count() == 2
    assert svc.get(keep.id).email == "sam@example.org" and svc.tags_of(gone.id) == ["harbour"]


def test_open_record_clears_a_filter_that_hides_it(qtbot):
    a, b, c, org = people()
    svc.archive([c.id])
    panel = make_panel(qtbot)
    qtbot.keyClicks(panel.filters.search, "brown")
    panel.filters.flush()
    assert shown_names(panel) == ["Yusuf Brown"]
    panel.open_record(c.id)
    assert panel.filters.search.text() == "" and panel.filters.filter().archived is None
    assert panel.current_id() == c.id
    assert panel.detail.record_id == c.id and "Archived" in panel.detail.badges.text()


def test_hub_record_request_selects_through_the_window(window, qtbot):
    a, *_ = people()
    hub.hub().record_requested.emit("stakeholder", a.id)
    panel = window.current_panel()
    assert panel.key == "stakeholders" and panel.current_id() == a.id


def test_selection_survives_a_refresh_after_someone_else_adds_a_row(qtbot):
    a, b, c, _ = people()
    panel = make_panel(qtbot)
    select_names(panel, "Xia Chen")
    svc.create(given_name="Aaron", family_name="Aaronson")
    hub.changed("stakeholders")
    assert row_of(panel, "Xia Chen") == 3
    assert panel.selected_ids() == [c.id]


def test_keyboard_new_and_enter_to_edit(qtbot):
    people()
    panel = make_panel(qtbot)
    select_rows(panel, [0])
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    dialog = panel.actions_.dialog
    assert dialog.record_id == panel.model.id_at(0) and dialog.isVisible()
    dialog.reject()
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.actions_.dialog.record_id is None and panel.actions_.dialog.form.kind() == "person"


def test_filter_splitter_and_columns_are_remembered(qtbot):
    people()
    panel = make_panel(qtbot)
    panel.filters.neighbourhood.setCurrentIndex(panel.filters.neighbourhood.findText("South"))
    panel.splitter.setSizes([900, 300])
    panel.table.setColumnWidth(column("email"), 321)
    panel.save_state()
    again = make_panel(qtbot)
    again.restore_state()
    again.refresh()
    assert again.filters.filter().neighbourhoods == ["South"]
    assert shown_names(again) == ["Yusuf Brown"]
    assert again.table.columnWidth(column("email")) == 321
    assert settings.panel_option("stakeholders", "splitter").get() == panel.splitter.saveState()


def test_export_sends_the_selection_or_else_the_filter(qtbot, monkeypatch):
    a, b, c, _ = people()
    calls = []
    monkeypatch.setattr("ui.exchange_actions.export_dialog", lambda parent, kind, **kw: calls.append((kind, kw)))
    panel = make_panel(qtbot)
    select_names(panel, "Zoe Adams", "Xia Chen")
    assert panel.actions_.export.text() == "E&xport 2 selected…"
    panel.actions_.export.trigger()
    assert calls[-1] == ("stakeholders", {"ids": [a.id, c.id]})
    panel.table.clearSelection()
    panel.filters.type.setCurrentIndex(panel.filters.type.findText("People"))
    panel.actions_.export.trigger()
    kind, options = calls[-1]
    assert kind == "stakeholders" and options["filter"].kinds == ["person"]


def test_restore_from_the_archive_view(qtbot):
    a, b, *_ = people()
    svc.archive([a.id, b.id])
    panel = make_panel(qtbot)
    panel.filters.show_archived.setCurrentIndex(panel.filters.show_archived.findText("Archive"))
    assert shown_names(panel) == ["Zoe Adams", "Yusuf Brown"]
    select_names(panel, "Zoe Adams")
    assert panel.actions_.restore.isEnabled() and not panel.actions_.archive.isEnabled()
    panel.actions_.restore.trigger()
    assert not svc.get(a.id).archived and shown_names(panel) == ["Yusuf Brown"]
    assert undo.stack().undoText() == "Restore 1 stakeholder"


def test_an_organisation_with_many_members_names_the_first_and_counts_the_rest(qtbot, monkeypatch):
    from ui.panels import stakeholder_detail_pane

    monkeypatch.setattr(stakeholder_detail_pane, "MEMBERS_SHOWN", 2)
    club = svc.create(kind="organisation", display_name="Rowing Club")
    for given in ("Cai", "Ann", "Bea", "Dev"):
        svc.add_membership(svc.create(given_name=given, family_name="Rower").id, club.id, "Cox" if given == "Ann" else "")
    panel = make_panel(qtbot)
    panel.open_record(club.id)
    assert panel.detail.fields["memberships"].text() == "Ann Rower (Cox); Bea Rower; and 2 more"
    panel.open_record(queries.ids(queries.StakeholderFilter(text="Cai"))[0])
    assert panel.detail.fields["memberships"].text() == "Rowing Club"


def test_a_picker_tells_apart_records_that_share_a_name(qtbot):
    from ui.widgets.stakeholder_picker import StakeholderPicker

    svc.create(kind="organisation", display_name="Clean Air", email="north@cleanair.example")
    svc.create(kind="organisation", display_name="Clean Air", neighbourhood="Harbourside")
    ann = svc.create(given_name="Ann", family_name="Air")
    org = svc.create(kind="organisation", display_name="Air Ambulance")
    svc.add_membership(ann.id, org.id)
    picker = StakeholderPicker()
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker, "air")
    qtbot.waitUntil(lambda: picker.first_match() is not None)
    shown = sorted(picker._model.item(r).text() for r in range(picker._model.rowCount()))
    assert shown == ["Air Ambulance", "Ann Air — Air Ambulance", "Clean Air — Harbourside",
                     "Clean Air — north@cleanair.example"]
