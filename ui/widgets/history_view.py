"""A record's change history: what changed, from what to what, when and by whom."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QStackedWidget, QTableView, QVBoxLayout,
                               QWidget)

from commrel.models import choices
from commrel.services import history

from ..formatting import choice_label, datetime_text
from ..models.list_table_model import ListColumn, ListTableModel

_ACTIONS = {"create": "Created", "update": "Changed", "archive": "Archived", "restore": "Restored",
            "merge": "Merged", "delete": "Deleted", "anonymise": "Anonymised"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


_CHOICE_FIELDS = {"kind": choices.STAKEHOLDER_KINDS, "type": choices.STAKEHOLDER_TYPES,
                  "position": choices.POSITIONS, "preferred_channel": choices.CONTACT_CHANNELS}


def _field(name: str) -> str:
    return _tr(name.replace("_", " ").capitalize()) if name else ""


def _value(field: str, value: str | None) -> str:
    if value is None or value == "":
        return "—"
    if field in _CHOICE_FIELDS:
        return choice_label(_CHOICE_FIELDS[field], value)
    return value.replace("\n", " ")


def _what(h) -> str:
    action = _tr(_ACTIONS.get(h.action, h.action))
    return f"{action}: {_field(h.field)}" if h.field else action


def _change(h) -> str:
    if not h.field:
        return ""
    return f"{_value(h.field, h.old_value)} → {_value(h.field, h.new_value)}"


def history_columns() -> list[ListColumn]:
    return [
        ListColumn(_tr("When"), lambda h: datetime_text(h.at)),
        ListColumn(_tr("Who"), lambda h: h.by),
        ListColumn(_tr("What"), _what),
        ListColumn(_tr("Change"), _change),
    ]


class HistoryView(QWidget):
    def __init__(self, entity: str = "stakeholder", parent: QWidget | None = None):
        super().__init__(parent)
        self.entity = entity
        self.model = ListTableModel(history_columns(), self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Change history"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Narrow columns that wrap: the history fits beside the register without scrolling sideways.
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 80, 110)):
            self.table.setColumnWidth(column, width)
        self.empty = QLabel(self.tr("No changes recorded yet. Every later edit, archive or merge is listed "
                                    "here with who made it and when."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(16)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def load(self, entity_id: int | None) -> None:
        self.model.set_items(history.for_entity(self.entity, entity_id) if entity_id is not None else [])
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
