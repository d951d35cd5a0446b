"""Media relations: journalists' inquiries, contacts and lists, press materials and coverage."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .. import settings
from .base import Panel
from .media_contacts_tab import ContactsTab
from .media_coverage_tab import CoverageTab
from .media_inquiries_tab import InquiriesTab
from .media_press_tab import PressTab

# Which changes elsewhere can alter what a tab shows.
_RELEVANT = {"media", "stakeholders", "events", "concerns", "all"}


class MediaPanel(Panel):
    key = "media"
    title = "Media"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inquiries = InquiriesTab()
        self.contacts = ContactsTab()
        self.press = PressTab()
        self.coverage = CoverageTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Media"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.inquiries, self.tr("&Inquiries"))
        self.tabs.addTab(self.contacts, self.tr("&Contacts && lists"))
        self.tabs.addTab(self.press, self.tr("&Press materials"))
        self.tabs.addTab(self.coverage, self.tr("Co&verage"))
        for n, name in enumerate((self.tr("Inquiries"), self.tr("Contacts and lists"), self.tr("Press materials"),
                                  self.tr("Coverage"))):
            self.tabs.widget(n).setAccessibleName(name)
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _: self._show_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _all_tabs(self) -> list[QWidget]:
        return [self.tabs.widget(n) for n in range(self.tabs.count())]

    def refresh(self) -> None:
        """Reload the tab on screen; the others reload when they are shown."""
        self._stale_tabs = set(self._all_tabs())
        self._show_current()

    def _show_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            tab.refresh()

    def data_changed(self, kind: str) -> None:
        if kind in _RELEVANT:
            super().data_changed(kind)

    def show_tab(self, tab: QWidget) -> None:
        self.activate()
        self.tabs.setCurrentWidget(tab)

    def open_record(self, record_id: int) -> None:
        """Show an inquiry (the record a "media" request names)."""
        self.show_tab(self.inquiries)
        self.inquiries.select(record_id)

    def save_state(self) -> None:
        settings.panel_option("media", "tab", int, 0).set(self.tabs.currentIndex())
        self.contacts.save_state()
        self.press.save_state()

    def restore_state(self) -> None:
        self.tabs.setCurrentIndex(settings.panel_option("media", "tab", int, 0).get())
        self.contacts.restore_state()
        self.press.restore_state()
