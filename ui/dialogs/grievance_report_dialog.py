"""The grievance report on screen: choose a period, read the figures, export PDF or a workbook."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from commrel.reports import grievance
from commrel.reports.grievance import GrievanceReport
from commrel.reports.grievance_xlsx import write_grievance_xlsx
from commrel.services import concern_clocks, concern_queries

from .. import hub, settings, tasks
from ..errors import show_error
from ..models.grievance_figures_model import FiguresTableModel
from ..models.list_table_model import ListColumn, ListTableModel
from ..printing.grievance_report_pdf import headline, write_report_pdf
from ..widgets.date_edits import date_edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class GrievanceReportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Grievance mechanism report"))
        self.resize(1100, 720)
        self.report: GrievanceReport | None = None
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for key, text in grievance.PERIODS.items():
            self.period.addItem(self.tr(text), key)
        self.period.addItem(self.tr("Custom dates"), "custom")
        self.start, self.end = date_edit(self.tr("From")), date_edit(self.tr("To"))
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("All categories"), None)
        for c in concern_clocks.list_categories(all_levels=True):
            self.category.addItem(c.name if c.parent_id is None else f"    {c.name}", c.id)
        self.neighbourhood = QComboBox()
        self.neighbourhood.setAccessibleName(self.tr("Neighbourhood"))
        self.neighbourhood.addItem(self.tr("All neighbourhoods"), "")
        for name in concern_queries.neighbourhoods():
            self.neighbourhood.addItem(name, name)
        choose = QHBoxLayout()
        for text, widget in ((self.tr("&Period:"), self.period), (self.tr("&From:"), self.start),
                             (self.tr("&To:"), self.end), (self.tr("&Category:"), self.category),
                             (self.tr("&Neighbourhood:"), self.neighbourhood)):
            label = QLabel(text)
            label.setBuddy(widget)
            choose.addWidget(label)
            choose.addWidget(widget)
        choose.addStretch(1)

        self.summary_box = QGroupBox(self.tr("Summary"))
        self.summary_grid = QGridLayout(self.summary_box)
        self.figure_labels: dict[str, QLabel] = {}
        self.as_at = QLabel()
        self.tabs = QTabWidget()
        self.models = {key: FiguresTableModel(heading, self) for key, heading in (
            ("category", self.tr("Category")), ("neighbourhood", self.tr("Neighbourhood")),
            ("owner", self.tr("Owner")))}
        self.month_model = ListTableModel([
            ListColumn(self.tr("Month"), lambda m: f"{m.month:%b %Y}"),
            ListColumn(self.tr("Received"), lambda m: str(m.received)),
            ListColumn(self.tr("Closed"), lambda m: str(m.closed))], self)
        for key, title in (("category", self.tr("By category")), ("neighbourhood", self.tr("By neighbourhood")),
                           ("owner", self.tr("By owner"))):
            self.tabs.addTab(self._table(self.models[key], title), title)
        self.tabs.addTab(self._table(self.month_model, self.tr("By month")), self.tr("By month"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.pdf_button = QPushButton(self.tr("Export P&DF…"))
        self.xlsx_button = QPushButton(self.tr("Export &spreadsheet…"))
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.as_at)
        layout.addWidget(self.summary_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run)
        self._restore_period()
        self.period.currentIndexChanged.connect(self._period_chosen)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._dates_edited)
        self.category.currentIndexChanged.connect(lambda _: self._timer.start())
        self.neighbourhood.currentIndexChanged.connect(lambda _: self._timer.start())
        self.run()

    def _table(self, model, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # The period ---------------------------------------------------------------------

    def _restore_period(self) -> None:
        preset = settings.REPORT_PERIOD.get()
        at = self.period.findData(preset)
        self.period.setCurrentIndex(at if at >= 0 else self.period.findData("last_quarter"))
        if self.period.currentData() == "custom":
            start = QDate.fromString(settings.REPORT_START.get(), "yyyy-MM-dd")
            end = QDate.fromString(settings.REPORT_END.get(), "yyyy-MM-dd")
            if start.isValid() and end.isValid():
                self.start.setDate(start)
                self.end.setDate(end)
                return
            self.period.setCurrentIndex(self.period.findData("last_quarter"))
        self._apply_preset()

    def _apply_preset(self) -> None:
        start, end = grievance.period_dates(self.period.currentData(), date.today())
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _period_chosen(self) -> None:
        if self.period.currentData() != "custom":
            self._apply_preset()
        self._timer.start()

    def _dates_edited(self) -> None:
        if self.period.currentData() != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
        self._timer.start()

    def _remember(self) -> None:
        settings.REPORT_PERIOD.set(self.period.currentData())
        settings.REPORT_START.set(self.start.date().toString("yyyy-MM-dd"))
        settings.REPORT_END.set(self.end.date().toString("yyyy-MM-dd"))

    # Running and showing ----------------------------------------------------------------

    def run(self) -> None:
        self._timer.stop()
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            self.as_at.setText(self.tr("The period ends before it starts."))
            return
        self._remember()
        tasks.runner().run(grievance.grievance_report, start, end, category_id=self.category.currentData(),
                           neighbourhood=self.neighbourhood.currentData() or None, with_progress=False,
                           parent=self, on_success=self.show_report,
                           on_failure=lambda exc: show_error(self, exc, self.tr("Cannot make the report")))

    def show_report(self, report: GrievanceReport) -> None:
        self.report = report
        self.as_at.setText(self.tr("{0:%d %b %Y} to {1:%d %b %Y}. Open and overdue are counted at the end of the "
                                   "period, or now if it has not ended.").format(report.start, report.end))
        items = headline(report)
        half = (len(items) + 1) // 2
        for n, (label, text) in enumerate(items):
            if label not in self.figure_labels:
                caption, value = QLabel(label + ":"), QLabel()
                value.setStyleSheet("font-weight: 600;")
                caption.setBuddy(value)
                self.summary_grid.addWidget(caption, n % half, 2 * (n // half))
                self.summary_grid.addWidget(value, n % half, 2 * (n // half) + 1)
                self.figure_labels[label] = value
            self.figure_labels[label].setText(text)
            self.figure_labels[label].setAccessibleName(f"{label}: {text}")
        self.models["category"].set_rows(report.by_category)
        self.models["neighbourhood"].set_rows(report.by_neighbourhood)
        self.models["owner"].set_rows(report.by_owner)
        self.month_model.set_items(report.months)

    def export(self, kind: str) -> Path | None:
        if self.report is None:
            return None
        r = self.report
        name = self.tr("Grievance report {0} to {1}").format(r.start.isoformat(), r.end.isoformat())
        folder = Path(settings.LAST_EXPORT_FOLDER.get() or Path.home())
        pattern = self.tr("PDF document (*.pdf)") if kind == "pdf" else self.tr("Excel workbook (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), str(folder / f"{name}.{kind}"),
                                              pattern)
        if not path:
            return None
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            written = write_report_pdf(r, path) if kind == "pdf" else write_grievance_xlsx(r, path)
        except OSError as exc:
            show_error(self, exc, self.tr("Cannot export the report"))
            return None
        settings.LAST_EXPORT_FOLDER.set(str(Path(written).parent))
        hub.hub().status_message.emit(self.tr("Report saved to {0}.").format(written))
        return Path(written)
