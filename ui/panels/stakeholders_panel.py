"""The stakeholder register: filters, the paged table, the detail pane, and open follow-ups."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QToolButton,
                               QSplitter, QStackedWidget, QTableView, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from commrel import db
from commrel.errors import NotFound
from commrel.services import stakeholder_queries as queries
from commrel.services import stakeholders
from commrel.services.stakeholder_queries import StakeholderFilter

from .. import exchange_actions, hub, settings
from ..formatting import counted
from ..models.stakeholder_table_model import COLUMNS, StakeholderTableModel
from ..widgets.empty_state import EmptyState
from ..widgets.stakeholder_filter_bar import StakeholderFilterBar
from .base import Panel
from .follow_ups_view import FollowUpsView
from .stakeholder_privacy_actions import StakeholderPrivacyActions
from .stakeholder_actions import StakeholderActions
from .stakeholder_detail_pane import StakeholderDetailPane

# More selected rows than this are not re-selected after a refresh (finding each would cost a query).
_KEEP_SELECTION_MAX = 200


class StakeholdersPanel(Panel):
    key = "stakeholders"
    title = "Stakeholders"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tr = self.tr
        self.model = StakeholderTableModel(self)
        self.actions_ = StakeholderActions(self)
        self.privacy = StakeholderPrivacyActions(self)
        self.filters = StakeholderFilterBar()
        self.filters.filter_changed.connect(self._filter_changed)

        self.table = QTableView()
        self.table.setAccessibleName(tr("Stakeholder register"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures 100,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for column, c in enumerate(COLUMNS):
            self.table.setColumnWidth(column, c.width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(lambda index: self.actions_.edit_current(self.model.id_at(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        panel_wide, table_only = self.actions_.shortcut_actions()
        self.addActions(panel_wide)
        self.table.addActions(table_only)

        self.no_match = EmptyState(tr("No stakeholders match"), tr("Try fewer filters or other words."),
                                   tr("Clear filters"))
        self.no_match.action_clicked.connect(self.filters.clear)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_match)
        self.detail = StakeholderDetailPane()
        self.detail.edit_requested.connect(self.actions_.edit_current)
        self.detail.log_requested.connect(self.actions_.log_interaction)
        self.detail.interaction_requested.connect(self.actions_.edit_interaction)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)

        self.toolbar = QToolBar(tr("Register actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions_
        for action in (a.new_person, a.new_organisation, None, a.edit, a.log, a.tag, None, a.archive,
                       a.restore, a.delete, a.merge, None, a.export):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        privacy_button = QToolButton()
        privacy_button.setText(tr("Privacy"))
        privacy_button.setAccessibleName(tr("Privacy actions"))
        privacy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        privacy_menu = QMenu(privacy_button)
        privacy_menu.addActions(self.privacy.actions())
        privacy_button.setMenu(privacy_menu)
        self.toolbar.addWidget(privacy_button)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(tr("Number of stakeholders shown"))
        bar = QHBoxLayout()
        bar.addWidget(self.toolbar, 1)
        bar.addWidget(self.count_label)

        register = QWidget()
        column = QVBoxLayout(register)
        column.addWidget(self.filters)
        column.addLayout(bar)
        column.addWidget(self.splitter, 1)
        self.register_stack = QStackedWidget()
        self.register_stack.addWidget(register)
        self.register_stack.addWidget(self._build_empty_state())
        self._register = register

        self.follow_ups = FollowUpsView()
        self.follow_ups.counts_changed.connect(self._follow_up_counts)
        self.follow_ups.interaction_requested.connect(self.actions_.edit_interaction)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.register_stack, tr("&Register"))
        self.tabs.addTab(self.follow_ups, tr("&Follow-ups"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self._selection_changed()

    def _build_empty_state(self) -> QWidget:
        tr = self.tr
        empty = EmptyState(tr("No stakeholders yet"), tr(
            "Add the people and organisations you work with, or bring in the spreadsheet you keep today."))
        row = QHBoxLayout()
        self.empty_buttons = []
        for text, slot in ((tr("Add a person"), self.actions_.add_person),
                           (tr("Add an organisation"), self.actions_.add_organisation),
                           (tr("Import a spreadsheet…"), lambda: exchange_actions.import_dialog(self, "stakeholders"))):
            button = QPushButton(text)
            button.clicked.connect(lambda checked=False, s=slot: s())
            row.addWidget(button)
            self.empty_buttons.append(button)
        row.insertStretch(0, 1)
        row.addStretch(1)
        # Under the message, above the lower spacing.
        empty.layout().insertLayout(empty.layout().count() - 1, row)
        return empty

    # Loading ---------------------------------------------------------------

    def refresh(self) -> None:
        self._refresh(follow_ups=True)

    def data_changed(self, kind: str) -> None:
        if not self.isVisible():
            self._stale = True
            return
        # Follow-ups read the whole engagement log; only interactions (or everything) change them.
        self._refresh(follow_ups=kind in ("interactions", "all"))

    def _refresh(self, *, follow_ups: bool) -> None:
        if not db.is_open():
            return
        self.filters.reload_choices()
        if self.model.filter() != self.filters.filter():
            self.model.set_filter(self.filters.filter(), refresh=False)
        self._reload_register(neighbour=True)
        if follow_ups:
            self.follow_ups.refresh()

    def _reload_register(self, *, keep_scroll: bool = True, neighbour: bool = False) -> None:
        """Load again, keeping the selection; ``neighbour`` selects the next row when it is gone."""
        ids = self.selected_ids() if self.selected_count() <= _KEEP_SELECTION_MAX else []
        hints = self._selected_rows()[:_KEEP_SELECTION_MAX]
        current = self.current_id()
        scroll = self.table.verticalScrollBar().value()
        self.model.refresh()
        if keep_scroll:
            self.table.verticalScrollBar().setValue(scroll)
        else:
            self.table.scrollToTop()
        self._reselect(ids, hints, current, neighbour)
        self._update_views()

    def _reselect(self, ids: list[int], hints: list[int], current: int | None, neighbour: bool) -> None:
        selection = QItemSelection()
        current_row = None
        for n, record_id in enumerate(ids):
            row = self.model.find_row(record_id, hints[n] if n < len(hints) else None)
            if row is None:
                continue
            selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
            if record_id == current:
                current_row = row
        if selection.isEmpty() and neighbour and hints and self.model.rowCount():
            # What was selected was archived or deleted: the next row is selected, so Delete can repeat.
            current_row = min(hints[0], self.model.rowCount() - 1)
            selection.select(self.model.index(current_row, 0),
                             self.model.index(current_row, self.model.columnCount() - 1))
        sm = self.table.selectionModel()
        if current_row is not None:
            sm.setCurrentIndex(self.model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._selection_changed()

    def _update_views(self) -> None:
        empty_register = self.model.rowCount() == 0 and queries.count(StakeholderFilter(archived=None)) == 0
        self.register_stack.setCurrentIndex(1 if empty_register else 0)
        self.table_stack.setCurrentWidget(self.no_match if self.model.rowCount() == 0 else self.table)
        self._update_count()

    def _filter_changed(self) -> None:
        self.model.set_filter(self.filters.filter(), refresh=False)
        self._reload_register(keep_scroll=False)

    # Selection -------------------------------------------------------------

    def _selected_rows(self) -> list[int]:
        rows: list[int] = []
        for r in self.table.selectionModel().selection():
            rows.extend(range(r.top(), r.bottom() + 1))
        return sorted(set(rows))

    def selected_count(self) -> int:
        return len(self._selected_rows())

    def selected_ids(self) -> list[int]:
        return self.model.ids_for_rows(self._selected_rows())

    def current_id(self) -> int | None:
        rows = self._selected_rows()
        if len(rows) == 1:
            return self.model.id_at(rows[0])
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() and len(rows) > 1 else None

    def _selection_changed(self, *_args) -> None:
        rows = self._selected_rows()
        if len(rows) == 1:
            self.detail.show_record(self.model.id_at(rows[0]))
        elif rows:
            self.detail.show_many(len(rows))
        else:
            self.detail.show_nothing()
        self.actions_.update_enabled(len(rows), self.model.filter().archived)
        self.privacy.update_enabled(len(rows))
        self._update_count()

    def _update_count(self) -> None:
        text = counted(self.model.rowCount(), self.tr("{0} stakeholder"), self.tr("{0} stakeholders"))
        selected = self.selected_count()
        if selected > 1:
            text += " · " + self.tr("{0} selected").format(f"{selected:,}")
        self.count_label.setText(text)

    def _follow_up_counts(self, opened: int, overdue: int) -> None:
        text = self.tr("&Follow-ups ({0})").format(f"{opened:,}") if opened else self.tr("&Follow-ups")
        self.tabs.setTabText(self.tabs.indexOf(self.follow_ups), text)
        self.tabs.setTabToolTip(self.tabs.indexOf(self.follow_ups),
                                self.tr("{0} overdue").format(f"{overdue:,}") if overdue else "")

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        a = self.actions_
        for action in (a.edit, a.log, a.tag, None, a.archive, a.restore, a.delete, a.merge, None, a.export,
                       None, self.privacy.subject_access, self.privacy.erase):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # Opening a record ----------------------------------------------------------

    def open_record(self, record_id: int) -> None:
        """Select and show ``record_id``; filters that hide it are cleared first."""
        self.tabs.setCurrentWidget(self.register_stack)
        self.activate()
        row = self.model.find_row(record_id)
        if row is None:
            try:
                s = stakeholders.get(record_id)
            except NotFound as exc:
                hub.hub().status_message.emit(str(exc))
                return
            self.filters.set_filter(StakeholderFilter(archived=None if s.archived else False), notify=False)
            self.model.set_filter(self.filters.filter(), refresh=False)
            self._reload_register(keep_scroll=False)
            row = self.model.find_row(record_id)
            if row is None:
                return
        self._update_views()
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.setFocus()

    # State -----------------------------------------------------------------

    def save_state(self) -> None:
        settings.panel_option(self.key, "splitter").set(self.splitter.saveState())
        settings.panel_option(self.key, "columns").set(self.table.horizontalHeader().saveState())
        settings.panel_option(self.key, "filter", str, "").set(self.filters.filter().to_json())
        settings.panel_option(self.key, "tab", int, 0).set(self.tabs.currentIndex())
        self.follow_ups.save_state()

    def restore_state(self) -> None:
        split: QByteArray = settings.panel_option(self.key, "splitter").get()
        if not split.isEmpty():
            self.splitter.restoreState(split)
        else:
            self.splitter.setSizes([720, 420])
        columns: QByteArray = settings.panel_option(self.key, "columns").get()
        if not columns.isEmpty():
            self.table.horizontalHeader().restoreState(columns)
        saved = settings.panel_option(self.key, "filter", str, "").get()
        if saved:
            try:
                f = StakeholderFilter.from_json(saved)
            except (ValueError, TypeError):  # an older or damaged setting: start unfiltered
                f = StakeholderFilter()
            self.filters.set_filter(f, notify=False)
            self.model.set_filter(f, refresh=False)
        self.tabs.setCurrentIndex(settings.panel_option(self.key, "tab", int, 0).get())
        self.follow_ups.restore_state()
