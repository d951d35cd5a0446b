"""Someone else saved the record first: their version beside yours, field by field.

Shared by the stakeholder, event and concern editors. Each editor reads the
saved record back through a form like its own, so both sides are shown the way
the form shows them (local times, labels rather than codes), and only the
fields that differ are listed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QGridLayout, QLabel, QPushButton,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from ..formatting import choice_label, date_text

KEEP_EDITING = "keep"
RELOAD = "reload"


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    mine: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def value_text(value: Any, options: Mapping[str, str] | None = None) -> str:
    """A form value as the person reads it; empty values read as empty."""
    if options is not None and isinstance(value, str):
        return choice_label(dict(options), value) if value else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _tr("Yes") if value else _tr("No")
    if isinstance(value, datetime):
        # Form values are wall-clock times as typed, not stored instants.
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(value_text(v) for v in value)
    return str(value)


def differing_rows(mine: Mapping[str, Any], theirs: Mapping[str, Any], labels: Mapping[str, str],
                   options: Mapping[str, Mapping[str, str]] | None = None,
                   describe: Callable[[str, Any], str | None] | None = None) -> list[ConflictRow]:
    """Rows for the fields in ``labels`` (in its order) that ``mine`` holds and that read differently.

    ``describe(field, value)`` may name a value the generic rules cannot (an id); None falls back to them.
    """
    options = options or {}
    rows = []
    for field, label in labels.items():
        if field not in mine:
            continue

        def text(value: Any) -> str:
            named = describe(field, value) if describe is not None else None
            return named if named is not None else value_text(value, options.get(field))

        ours, others = text(mine[field]), text(theirs.get(field))
        if ours.strip() != others.strip():
            rows.append(ConflictRow(label, others, ours))
    return rows


class ConflictDialog(QDialog):
    """Shows ``rows``; ``choice`` is KEEP_EDITING (the form keeps what was typed) or RELOAD."""

    def __init__(self, message: str, rows: Iterable[ConflictRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.rows = list(rows)
        self.choice = KEEP_EDITING
        intro = self.message_label = QLabel(message)
        intro.setWordWrap(True)
        intro.setObjectName("conflict_message")
        self.table = QWidget()
        self.table.setObjectName("conflict_table")
        grid = QGridLayout(self.table)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, text in enumerate((self.tr("Field"), self.tr("Their version (saved)"),
                                       self.tr("Your version (not saved yet)"))):
            heading = QLabel(f"<b>{text}</b>")
            if column:
                heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(heading, 0, column)
        self.cells: list[tuple[QLabel, QLabel, QLabel]] = []
        for n, row in enumerate(self.rows, start=1):
            cells = (QLabel(row.label), self._value(row.theirs), self._value(row.mine))
            cells[0].setStyleSheet("color: palette(window-text); font-weight: 600;")
            for column, cell in enumerate(cells):
                # Aligned inside the label, not by the layout: the cell keeps the column's full width.
                cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                grid.addWidget(cell, n, column)
            self.cells.append(cells)
        if not self.rows:
            same = QLabel(self.tr("The fields you changed now read the same in both versions."))
            same.setWordWrap(True)
            grid.addWidget(same, 1, 0, 1, 3)
        grid.setRowStretch(len(self.rows) + 2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.table)
        scroll.setMinimumHeight(self._table_height())
        advice = QLabel(self.tr("Keep editing: what you typed stays in the form; save again to put your "
                                "version in place of theirs (fields you did not change keep theirs). "
                                "Reload: the form shows their version and your changes are dropped."))
        advice.setWordWrap(True)
        advice.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("&Keep editing"))
        self.reload_button = QPushButton(self.tr("&Reload their version"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_EDITING))
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        # Word-wrapped labels make the layout's own height guess far too tall or too short: add it up.
        margins = layout.contentsMargins()
        inner = 680 - margins.left() - margins.right()
        height = (intro.heightForWidth(inner) + scroll.minimumHeight() + advice.heightForWidth(inner)
                  + buttons.sizeHint().height() + 3 * layout.spacing() + margins.top() + margins.bottom())
        self.resize(680, height)

    def _table_height(self) -> int:
        """About as tall as the rows need at the dialog's width, up to a point; past it the table scrolls."""
        metrics = self.fontMetrics()
        column_width = 260  # each version's share of the dialog's width
        lines = 1
        for row in self.rows:
            lines += max(_wrapped_lines(metrics, text, column_width) for text in (row.theirs, row.mine, "x"))
        spacing = 8 * (len(self.rows) + 1) + 24
        return min(lines * metrics.lineSpacing() + spacing, 380)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text if text.strip() else self.tr("(empty)"))
        label.setWordWrap(True)
        # Both versions get the same width, however long either is.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        if not text.strip():
            label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        return label

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        # Escape or the close box must never drop what was typed.
        self.choice = KEEP_EDITING
        super().reject()


def _wrapped_lines(metrics, text: str, width: int) -> int:
    return sum(max(1, -(-metrics.horizontalAdvance(line) // width)) for line in (text or " ").splitlines() or [" "])


def resolve_conflict(parent: QWidget, message: str, rows: Iterable[ConflictRow]) -> str:
    """Ask, modally; KEEP_EDITING or RELOAD."""
    dialog = ConflictDialog(message, rows, parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice
