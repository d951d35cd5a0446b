"""The Concerns panel: list and board, filters, the overdue view, opening records; the table models."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from commrel.models import ConcernCategory
from commrel.services import concern_queries, concerns
from commrel.services.concern_queries import ConcernFilter
from ui import hub
from ui.models.concern_board_model import STAGES, ConcernCardModel, load_board
from ui.models.concern_table_model import COLUMNS, ID_ROLE, OVERDUE_BACKGROUND, ConcernTableModel
from ui.panels.concerns_panel import BOARD, EMPTY, LIST, ConcernsPanel

from concern_helpers import log, person


@pytest.fixture
def panel(qtbot):
    p = ConcernsPanel()
    qtbot.addWidget(p)
    p.resize(1300, 800)
    p.show()
    p.activate()
    return p


def column(key: str) -> int:
    return next(n for n, c in enumerate(COLUMNS) if c.key == key)


def shown(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def sample():
    ann = person()
    late = log("Dust on cars", days_ago=40, complainant_id=ann.id, neighbourhood="Riverside", owner="tester")
    secret = log("Harassment at the gate", days_ago=2, complainant_id=ann.id, confidential=True,
                 neighbourhood="Hilltop", owner="Priya")
    anonymous = log("Lorries idling", days_ago=1, anonymous=True, neighbourhood="Riverside")
    return late, secret, anonymous


def test_an_empty_register_invites_the_first_concern(panel):
    assert panel.stack.currentIndex() == EMPTY
    log()
    panel.data_changed("concerns")
    assert panel.stack.currentIndex() == LIST and panel.model.rowCount() == 1


def test_the_list_shows_who_raised_it_without_naming_anonymous_or_confidential_complainants(panel):
    late, secret, anonymous = sample()
    panel.refresh()
    names = {panel.model.index(r, 0).data(): panel.model.index(r, column("complainant")).data()
             for r in range(panel.model.rowCount())}
    assert names == {late.reference: "Ann Lee", secret.reference: "Confidential", anonymous.reference: "Anonymous"}
    assert shown(panel.model) == [anonymous.reference, secret.reference, late.reference]  # newest first
    assert panel.count_label.text() == "3 concerns · 1 overdue"


def test_overdue_rows_stand_out_and_the_overdue_filter_keeps_only_them(panel, qtbot):
    late, _, _ = sample()
    panel.refresh()
    row = panel.model.row_of(late.id)
    reference = panel.model.index(row, 0)
    assert reference.data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert not reference.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "Overdue: acknowledgement was due" in reference.data(Qt.ItemDataRole.ToolTipRole)
    fresh = panel.model.index(panel.model.row_of(concern_queries.list_concerns()[0].id), 0)
    assert fresh.data(Qt.ItemDataRole.BackgroundRole) is None
    qtbot.mouseClick(panel.filters.overdue, Qt.MouseButton.LeftButton)
    assert shown(panel.model) == [late.reference]
    assert panel.count_label.text() == "1 concern · 1 overdue"


def test_filters_combine_in_sql(panel, qtbot):
    late, secret, anonymous = sample()
    panel.refresh()
    panel.filters.neighbourhood.setCurrentIndex(panel.filters.neighbourhood.findData("Riverside"))
    assert sorted(shown(panel.model)) == sorted([late.reference, anonymous.reference])
    qtbot.mouseClick(panel.filters.mine, Qt.MouseButton.LeftButton)  # the tester owns the late one
    assert shown(panel.model) == [late.reference]
    panel.filters.clear()
    panel.filters.status.setCurrentIndex(panel.filters.status.findData("received"))
    assert panel.model.rowCount() == 3
    qtbot.keyClicks(panel.filters.text, "harass")
    qtbot.waitUntil(lambda: shown(panel.model) == [secret.reference])
    panel.filters.clear()
    qtbot.mouseClick(panel.filters.between, Qt.MouseButton.LeftButton)
    from datetime import date, timedelta

    panel.filters.received_from.setDate(date.today() - timedelta(days=10))
    assert sorted(shown(panel.model)) == sorted([secret.reference, anonymous.reference])


def test_sorting_is_done_by_the_database(panel):
    concerns.ensure_default_categories()
    tops = {c.name: c.id for c in concerns.list_categories()}
    a = log("One", category_id=tops["Safety"])
    b = log("Two", category_id=tops["Noise"])
    panel.refresh()
    panel.table.sortByColumn(column("category"), Qt.SortOrder.AscendingOrder)
    assert shown(panel.model) == [b.reference, a.reference]
    panel.table.sortByColumn(column("complainant"), Qt.SortOrder.AscendingOrder)  # not sortable: unchanged
    assert shown(panel.model) == [b.reference, a.reference]
    assert panel.model.sort_key() == ("category", False)


def test_the_board_shows_a_column_per_stage_and_opens_a_card(panel, qtbot):
    late, secret, anonymous = sample()
    concerns.acknowledge(secret.id, how="phone")
    concerns.close_unresolved(anonymous.id, "The complainant withdrew")
    qtbot.mouseClick(panel.board_button, Qt.MouseButton.LeftButton)
    assert panel.stack.currentIndex() == BOARD
    board = panel.board
    assert [r.reference for r in board.models["received"].rows] == [late.reference]
    assert [r.reference for r in board.models["acknowledged"].rows] == [secret.reference]
    assert [r.reference for r in board.models["closed"].rows] == [anonymous.reference]
    assert "(1)" in board.headings["closed"].text()
    view = board.views["acknowledged"]
    rect = view.visualRect(board.models["acknowledged"].index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert list(panel.dialogs) == [secret.id]
    qtbot.mouseClick(panel.filters.open_only, Qt.MouseButton.LeftButton)
    assert board.models["closed"].rows == [] and "(0)" in board.headings["closed"].text()


def test_open_record_from_anywhere_shows_that_concern(window, qtbot):
    concern = log()
    hub.hub().record_requested.emit("concern", concern.id)
    panel = window.current_panel()
    assert panel.key == "concerns"
    dialog = panel.dialogs[concern.id]
    assert dialog.isVisible() and dialog.concern.reference == concern.reference
    assert panel.open_record(concern.id) is dialog  # one window per concern
    assert panel.table.selectionModel().selectedRows()[0].data(ID_ROLE) == concern.id


def test_the_view_and_filters_are_remembered(qtbot):
    first = ConcernsPanel()
    qtbot.addWidget(first)
    first.board_button.setChecked(True)
    first.filters.open_only.setChecked(True)
    first.save_state()
    second = ConcernsPanel()
    qtbot.addWidget(second)
    second.restore_state()
    assert second.view() == BOARD and second.filters.concern_filter().open_only


def test_table_model_passes_the_model_tester(qtmodeltester):
    sample()
    model = ConcernTableModel()
    model.refresh()
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)


def test_table_model_fetches_more_rows_as_the_view_scrolls(monkeypatch):
    monkeypatch.setattr(ConcernTableModel, "PAGE_SIZE", 2)
    for n in range(5):
        log(f"Concern {n}")
    model = ConcernTableModel()
    model.refresh()
    assert (model.rowCount(), model.total()) == (2, 5)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert len(set(shown(model))) == 5


def test_board_models_pass_the_model_tester(qtmodeltester):
    sample()
    models = {stage.key: ConcernCardModel(stage) for stage in STAGES}
    load_board(ConcernFilter(), models)
    assert models["received"].rowCount() == 3
    qtmodeltester.check(models["received"], force_py=True)


def test_category_filter_includes_subcategories(panel):
    concerns.ensure_default_categories()
    noise = ConcernCategory.get(ConcernCategory.name == "Noise")
    night = ConcernCategory.get(ConcernCategory.name == "Night-time works")
    a = log("Night piling", subcategory_id=night.id)
    log("Dust")
    panel.refresh()
    panel.filters.category.setCurrentIndex(panel.filters.category.findData(noise.id))
    assert shown(panel.model) == [a.reference]
