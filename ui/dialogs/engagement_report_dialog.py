"""The engagement report: choose a period and who it is about, read the figures, export PDF or spreadsheet."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFrame,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QTableView,
                               QVBoxLayout, QWidget)

from commrel.models.choices import STAKEHOLDER_TYPES
from commrel.reports.engagement import EngagementFigures, engagement_figures
from commrel.reports.engagement_xlsx import write_engagement_xlsx
from commrel.services import stakeholders

from .. import hub, settings, tasks
from ..errors import show_error
from ..formatting import choice_label, date_text, datetime_text
from ..models.list_table_model import ListColumn, ListTableModel
from ..printing.report_pdf import write_engagement_pdf
from ..widgets.charts_figures import EngagementCharts
from ..widgets.charts_period import PeriodChooser
from ..widgets.figure_tiles import FigureTiles
from ..widgets.theme import MutedLabel

log = logging.getLogger(__name__)
_GROUP = "engagement_report"


def _option(name: str):
    return settings.panel_option(_GROUP, name, str, "")


class EngagementReportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Engagement report"))
        self.resize(1100, 800)
        self.figures: EngagementFigures | None = None
        self._generation = 0
        self.period = PeriodChooser(_GROUP)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Stakeholder type"))
        self.type_combo.addItem(self.tr("All types"), "")
        for code in STAKEHOLDER_TYPES:
            self.type_combo.addItem(choice_label(STAKEHOLDER_TYPES, code), code)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(_option("type").get()), 0))
        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.addItem(self.tr("All tags"), "")
        for tag in stakeholders.all_tags():
            self.tag_combo.addItem(tag, tag)
        self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(_option("tag").get()), 0))
        self.status = MutedLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.period)
        filters.addSpacing(12)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.tag_combo)
        filters.addWidget(self.status)
        filters.addStretch(1)

        self.tiles = FigureTiles()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.charts = EngagementCharts()
        self.events_model = ListTableModel([
            ListColumn(self.tr("Date"), lambda e: date_text(e.start.date()) if e.all_day else datetime_text(e.start)),
            ListColumn(self.tr("Event"), lambda e: e.title),
            ListColumn(self.tr("Venue"), lambda e: e.venue),
            ListColumn(self.tr("RSVPs accepted"), lambda e: f"{e.accepted:,}"),
            ListColumn(self.tr("Attended"), lambda e: f"{e.attended:,}"),
        ], self)
        self.events_view = QTableView()
        self.events_view.setModel(self.events_model)
        self.events_view.setAccessibleName(self.tr("Events held"))
        self.events_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_view.verticalHeader().setVisible(False)
        self.events_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.events_view.setMinimumHeight(220)
        self.events_view.doubleClicked.connect(self._open_event)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.tiles)
        body.addWidget(self.summary)
        body.addWidget(self.charts)
        body.addWidget(QLabel(f"<b>{self.tr('Events held')}</b>"))
        body.addWidget(self.events_view)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.xlsx_button = QPushButton(self.tr("Export &spreadsheet…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self.pdf_button.clicked.connect(self._ask_pdf)
        self.xlsx_button.clicked.connect(self._ask_xlsx)
        self.period.period_changed.connect(lambda *_: self.refresh())
        self.type_combo.currentIndexChanged.connect(self._filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._filters_changed)
        self._set_exportable(False)
        self.refresh()

    # Figures -------------------------------------------------------------------------

    @property
    def tag(self) -> str:
        return self.tag_combo.currentData() or ""

    @property
    def type(self) -> str:
        return self.type_combo.currentData() or ""

    def _filters_changed(self) -> None:
        _option("type").set(self.type)
        _option("tag").set(self.tag)
        self.refresh()

    def _set_exportable(self, ready: bool) -> None:
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Loading…"))
        self.charts.show_loading()
        self._set_exportable(False)
        start, end = self.period.period()
        tasks.runner().run(engagement_figures, start, end, tag=self.tag or None, type=self.type or None,
                           with_progress=False, on_success=lambda f: self._loaded(generation, f),
                           on_failure=lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, figures: EngagementFigures) -> None:
        if generation != self._generation:
            return
        self.figures = figures
        self.status.setText("")
        self.tiles.show_figures(figures)
        self.charts.show_figures(figures)
        self.events_model.set_items(figures.events)
        self.events_view.resizeColumnsToContents()
        self.summary.setText(self.tr(
            "{0} interactions · {1} events held · {2} RSVPs accepted, {3} attended · "
            "{4} concerns received, {5} closed").format(
            f"{figures.interactions_total:,}", f"{figures.events_held:,}", f"{figures.accepted:,}",
            f"{figures.attended:,}", f"{figures.concerns.totals.received:,}" if figures.concerns else "–",
            f"{figures.concerns.totals.closed:,}" if figures.concerns else "–"))
        self._set_exportable(True)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.status.setText("")
            show_error(self, exc, self.tr("Cannot work out the figures"))

    def _open_event(self, index) -> None:
        event = self.events_model.item(index.row())
        if event is not None:
            hub.hub().record_requested.emit("event", event.id)

    # Export ---------------------------------------------------------------------------

    def _suggested(self, extension: str) -> str:
        folder = settings.LAST_EXPORT_FOLDER.get() or str(Path.home())
        start, end = self.figures.start, self.figures.end
        return str(Path(folder) / f"engagement-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}{extension}")

    def _ask(self, extension: str, description: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the engagement report"),
                                              self._suggested(extension), f"{description} (*{extension})")
        if not path:
            return None
        path = Path(path).with_suffix(extension) if not path.lower().endswith(extension) else Path(path)
        settings.LAST_EXPORT_FOLDER.set(str(path.parent))
        return path

    def _ask_pdf(self) -> None:
        path = self._ask(".pdf", self.tr("PDF document"))
        if path is not None:
            self.export_pdf(path)

    def _ask_xlsx(self) -> None:
        path = self._ask(".xlsx", self.tr("Excel workbook"))
        if path is not None:
            self.export_xlsx(path)

    def export_pdf(self, path: str | Path) -> None:
        """Charts are painted here on the main thread (Qt draws only there); the file is small."""
        try:
            write_engagement_pdf(self.figures, path)
        except OSError as exc:
            show_error(self, exc, self.tr("Cannot write the PDF"))
            return
        hub.hub().status_message.emit(self.tr("Saved {0}").format(Path(path).name))

    def export_xlsx(self, path: str | Path) -> None:
        tasks.runner().run(write_engagement_xlsx, self.figures, path, with_progress=False,
                           title=self.tr("Exporting…"), parent=self,
                           on_success=lambda p: hub.hub().status_message.emit(self.tr("Saved {0}").format(p.name)))

    def done(self, result: int) -> None:
        self._generation += 1  # figures still on their way are no longer wanted
        super().done(result)

