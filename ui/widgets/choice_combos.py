"""Drop-down lists of stored codes shown by their labels, shared by the record forms."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from commrel.services import concern_clocks

from ..formatting import choice_label


def choice_combo(name: str, options: dict[str, str], current: str | None = None) -> QComboBox:
    """A combo of ``options`` (code → label), each item's data its code; ``current`` chosen if given."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for code in options:
        combo.addItem(choice_label(options, code), code)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def fill_subcategories(category: QComboBox, subcategory: QComboBox) -> None:
    """List the subcategories of the concern category chosen in ``category`` ("(None)" first)."""
    subcategory.clear()
    subcategory.addItem(QCoreApplication.translate("choice_combos", "(None)"), None)
    parent = category.currentData()
    if parent is not None:
        for sub in concern_clocks.list_categories(parent):
            subcategory.addItem(sub.name, sub.id)
    subcategory.setEnabled(subcategory.count() > 1)
