"""The concern board: a column of cards per lifecycle stage; double-click or Enter opens a card."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QScrollArea, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)

from commrel.models import choices

from ..formatting import choice_label, date_text
from ..models.concern_board_model import STAGES, ConcernCardModel, load_board
from ..models.concern_table_model import ID_ROLE, OVERDUE_TEXT, ROW_ROLE, ConcernRow, warning_icon

CARD_HEIGHT = 84
COLUMN_WIDTH = 210


class CardDelegate(QStyledItemDelegate):
    """Paints a concern as a card: reference, two lines of summary, owner and target."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(COLUMN_WIDTH - 24, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: ConcernRow = index.data(ROW_ROLE)
        if row is None:
            return
        painter.save()
        palette = option.palette
        card = option.rect.adjusted(3, 3, -3, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fill = palette.color(QPalette.ColorRole.Highlight) if selected else palette.color(QPalette.ColorRole.Base)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(fill)
        painter.drawRoundedRect(card, 5, 5)
        if row.overdue:  # a red edge as well as the icon, so it shows in a glance down the column
            painter.fillRect(QRect(card.left(), card.top() + 2, 4, card.height() - 4), OVERDUE_TEXT)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        inner = card.adjusted(10, 6, -8, -6)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(OVERDUE_TEXT if row.overdue and not selected else text)
        line = painter.fontMetrics().height()
        title = QRect(inner.left(), inner.top(), inner.width() - (20 if row.overdue else 0), line)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row.reference)
        if row.overdue:
            warning_icon().paint(painter, QRect(inner.right() - 16, inner.top(), 16, 16))
        painter.setFont(option.font)
        painter.setPen(text)
        summary = QRect(inner.left(), inner.top() + line + 2, inner.width(), 2 * line)
        elided = painter.fontMetrics().elidedText(row.summary, Qt.TextElideMode.ElideRight, 2 * inner.width() - 30)
        painter.drawText(summary, Qt.TextFlag.TextWordWrap, elided)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        painter.setFont(small)
        muted = QColor(text)
        muted.setAlpha(170)
        painter.setPen(muted)
        foot = QRect(inner.left(), inner.bottom() - line + 2, inner.width(), line)
        target = "" if row.closed else self.parent().tr("due {0}").format(date_text(row.resolution_target))
        owner = row.owner or self.parent().tr("Unassigned")
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(owner, Qt.TextElideMode.ElideRight, inner.width() // 2))
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, target)
        painter.restore()


class ConcernBoard(QScrollArea):
    concern_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Concern board"))
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.setContentsMargins(4, 4, 4, 4)
        row.setSpacing(8)
        self.models: dict[str, ConcernCardModel] = {}
        self.views: dict[str, QListView] = {}
        self.headings: dict[str, QLabel] = {}
        delegate = CardDelegate(self)
        for stage in STAGES:
            column = QVBoxLayout()
            heading = QLabel()
            heading.setTextFormat(Qt.TextFormat.RichText)
            view = QListView()
            model = ConcernCardModel(stage, self)
            view.setModel(model)
            view.setItemDelegate(delegate)
            view.setFixedWidth(COLUMN_WIDTH)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setUniformItemSizes(True)
            view.setAccessibleName(self.tr("{0} column").format(self._title(stage)))
            view.activated.connect(self._activated)
            heading.setBuddy(view)
            column.addWidget(heading)
            column.addWidget(view, 1)
            row.addLayout(column)
            self.models[stage.key], self.views[stage.key], self.headings[stage.key] = model, view, heading
        row.addStretch(1)
        self.setWidget(inner)

    def _title(self, stage) -> str:
        return self.tr("Closed") if stage.key == "closed" else choice_label(choices.CONCERN_STATUSES, stage.key)

    def load(self, f) -> None:
        load_board(f, self.models)
        for stage in STAGES:
            model = self.models[stage.key]
            shown = (f"{model.total:,}" if model.total <= len(model.rows)
                     else self.tr("{0} of {1}").format(len(model.rows), f"{model.total:,}"))
            self.headings[stage.key].setText(f"<b>{self._title(stage)}</b> &nbsp;<span>({shown})</span>")

    def select(self, concern_id: int) -> bool:
        for key, model in self.models.items():
            for n, row in enumerate(model.rows):
                if row.id == concern_id:
                    view = self.views[key]
                    view.setCurrentIndex(model.index(n))
                    view.setFocus()
                    self.ensureWidgetVisible(view)
                    return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        concern_id = index.data(ID_ROLE)
        if concern_id is not None:
            self.concern_activated.emit(concern_id)
