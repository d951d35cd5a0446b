"""The board: concerns in columns by lifecycle stage, one small list model per column."""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt

from commrel.models import choices
from commrel.services import concern_queries
from commrel.services.concern_queries import ConcernFilter
from commrel.timeutil import utcnow

from ..formatting import choice_label
from .concern_table_model import ID_ROLE, ROW_ROLE, ConcernRow, overdue_text


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    statuses: tuple[str, ...]


# Open stages in lifecycle order, then every way of being closed in one column.
STAGES = [Stage(s, choices.CONCERN_STATUSES[s], (s,))
          for s in ("received", "acknowledged", "accepted", "investigating", "response_proposed", "responded",
                    "implemented", "appealed")]
STAGES.append(Stage("closed", "Closed", choices.CLOSED_CONCERN_STATUSES))

CARDS_PER_STAGE = 100


class ConcernCardModel(QAbstractListModel):
    """The cards of one stage."""

    def __init__(self, stage: Stage, parent=None):
        super().__init__(parent)
        self.stage = stage
        self.rows: list[ConcernRow] = []
        self.total = 0  # matching concerns at this stage, shown or not

    def set_rows(self, rows: list[ConcernRow], total: int) -> None:
        self.beginResetModel()
        self.rows, self.total = list(rows), total
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.reference} — {row.summary}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            parts = [row.summary, choice_label(choices.CONCERN_STATUSES, row.status)]
            if row.owner:
                parts.append(QCoreApplication.translate("ConcernBoard", "Owner: {0}").format(row.owner))
            if row.overdue:
                parts.append(overdue_text(row))
            return "\n".join(parts)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None


def load_board(f: ConcernFilter, models: dict[str, ConcernCardModel]) -> None:
    """Fill each stage's model with the concerns ``f`` matches (statuses chosen in ``f`` still apply)."""
    now = utcnow()
    counts = concern_queries.status_counts(replace(f, statuses=()), now=now)
    columns = concern_queries.board(f, now=now, limit_per_status=CARDS_PER_STAGE)
    for stage in STAGES:
        found = [c for status in stage.statuses for c in columns.get(status, [])]
        if len(stage.statuses) > 1:  # the latest closed first, whichever way it closed
            found.sort(key=lambda c: (c.closed_at is not None, c.closed_at), reverse=True)
        wanted = [s for s in stage.statuses if not f.statuses or s in f.statuses]
        if f.open_only:
            wanted = [s for s in wanted if s not in choices.CLOSED_CONCERN_STATUSES]
        total = sum(counts[s] for s in wanted)
        models[stage.key].set_rows([ConcernRow.of(c, now) for c in found[:CARDS_PER_STAGE]], total)
