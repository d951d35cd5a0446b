"""Media kits: named sets of files (fact sheets, photos, maps) exported as one zip or folder."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget)

from commrel import db
from commrel.errors import CommrelError
from commrel.services import press

from .. import hub, settings, tasks
from ..errors import show_error
from ..models.press_table_model import ID_ROLE, KitFileTableModel

_FOLDER = settings.panel_option("media", "file_folder", str, "")


class MediaKitsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Media kits"))
        self.kit_combo = QComboBox()
        self.kit_combo.setAccessibleName(self.tr("Media kit"))
        self.kit_combo.currentIndexChanged.connect(lambda _: self.show_files())
        self.new_button = QPushButton(self.tr("New &kit…"))
        self.new_button.clicked.connect(lambda: self.create_kit())
        self.add_button = QPushButton(self.tr("Add &files…"))
        self.add_button.clicked.connect(lambda: self.add_files())
        self.remove_button = QPushButton(self.tr("Remove file"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.zip_button = QPushButton(self.tr("Export as &zip…"))
        self.zip_button.clicked.connect(lambda: self.export(as_zip=True))
        self.folder_button = QPushButton(self.tr("Export to f&older…"))
        self.folder_button.clicked.connect(lambda: self.export(as_zip=False))
        top = QHBoxLayout()
        top.addWidget(self.kit_combo, 1)
        top.addWidget(self.new_button)
        top.addStretch()
        actions = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.zip_button, self.folder_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.model = KitFileTableModel(self)
        self.files = QTableView()
        self.files.setModel(self.model)
        self.files.setAccessibleName(self.tr("Files in the kit"))
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.verticalHeader().hide()
        self.files.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.files.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Export result"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.hint)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.result)
        layout.addStretch()  # keeps the hint at the top while there is no table to show

    def current_kit(self) -> int | None:
        return self.kit_combo.currentData()

    def refresh(self) -> None:
        keep = self.current_kit()
        self.kit_combo.blockSignals(True)
        self.kit_combo.clear()
        for kit in press.kits() if db.is_open() else []:
            self.kit_combo.addItem(kit.name, kit.id)
        index = self.kit_combo.findData(keep) if keep is not None else -1
        self.kit_combo.setCurrentIndex(index if index >= 0 else (0 if self.kit_combo.count() else -1))
        self.kit_combo.blockSignals(False)
        self.show_files()

    def show_files(self) -> None:
        kit_id = self.current_kit()
        self.model.set_kit(kit_id)
        for w in (self.kit_combo, self.add_button, self.remove_button, self.zip_button, self.folder_button):
            w.setVisible(kit_id is not None)
        if kit_id is None:
            self.hint.setText(self.tr("No media kits yet. A kit gathers the fact sheet, photos and maps a "
                                      "journalist asks for, so you can send them as one zip."))
        elif not self.model.rowCount():
            self.hint.setText(self.tr("This kit is empty: add the files it should hold."))
        elif self.model.missing():
            self.hint.setText(self.tr("{0} file(s) can no longer be found; they are marked in red.")
                              .format(self.model.missing()))
        self.hint.setVisible(kit_id is None or not self.model.rowCount() or bool(self.model.missing()))
        self.files.setVisible(bool(self.model.rowCount()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_kit, has_files = self.current_kit() is not None, self.model.rowCount() > 0
        self.add_button.setEnabled(has_kit)
        self.remove_button.setEnabled(self.files.selectionModel().hasSelection())
        self.zip_button.setEnabled(has_files)
        self.folder_button.setEnabled(has_files)

    # Actions ---------------------------------------------------------------------

    def create_kit(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New media kit"),
                                            self.tr("Name of the kit (e.g. Station opening):"))
            if not ok:
                return
        try:
            kit = press.create_kit(name)
        except CommrelError as exc:
            show_error(self, exc, self.tr("Cannot create the kit"))
            return
        self.refresh()
        self.kit_combo.setCurrentIndex(self.kit_combo.findData(kit.id))
        hub.changed("media")

    def add_files(self, paths: list[str] | None = None) -> None:
        kit_id = self.current_kit()
        if kit_id is None:
            return
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files to the kit"), _FOLDER.get())
        if not paths:
            return
        _FOLDER.set(str(Path(paths[0]).parent))
        for path in paths:
            press.add_kit_file(kit_id, path)
        self.show_files()
        hub.changed("media")

    def remove_selected(self) -> None:
        for index in self.files.selectionModel().selectedRows():
            press.remove_kit_file(index.data(ID_ROLE))
        self.show_files()
        hub.changed("media")

    def export(self, *, as_zip: bool, dest: str | None = None) -> None:
        kit_id = self.current_kit()
        if kit_id is None:
            return
        if dest is None:
            start = str(Path(settings.LAST_EXPORT_FOLDER.get() or Path.home()) / self.kit_combo.currentText())
            if as_zip:
                dest, _ = QFileDialog.getSaveFileName(self, self.tr("Export kit as zip"), start + ".zip",
                                                      self.tr("Zip archive (*.zip)"))
            else:
                dest = QFileDialog.getExistingDirectory(self, self.tr("Export kit into folder"),
                                                        str(Path(start).parent))
                dest = str(Path(dest) / self.kit_combo.currentText()) if dest else ""
        if not dest:
            return
        settings.LAST_EXPORT_FOLDER.set(str(Path(dest).parent))
        tasks.runner().run(press.export_kit, kit_id, dest, as_zip=as_zip, with_progress=False, parent=self,
                           title=self.tr("Exporting the kit…"), on_success=self._exported,
                           on_failure=lambda exc: show_error(self, exc, self.tr("Cannot export the kit")))

    def _exported(self, result) -> None:
        text = self.tr("Exported {0} file(s) to {1}.").format(result.included, escape(str(result.path)))
        if result.missing:
            names = ", ".join(escape(Path(p).name) for p in result.missing)
            text += "<br><span style='color:#b00020'>⚠ " + self.tr("Missing, not included: {0}").format(names) \
                + "</span>"
        self.result.setText(text)
        hub.hub().status_message.emit(self.tr("Media kit exported."))
