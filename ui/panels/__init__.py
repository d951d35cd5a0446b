"""The panels of the main window, in navigation order.

The window lists every panel at start but imports and builds one only when it
is first shown, so the entries name their module instead of holding the class.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class PanelEntry:
    key: str
    title: str
    module: str
    class_name: str

    def load(self) -> type:
        return getattr(import_module(f"{__name__}.{self.module}"), self.class_name)

    def translated_title(self) -> str:
        # The context a built panel's own ``tr`` would use, so the navigation reads the same either way.
        return QCoreApplication.translate(self.class_name, self.title)


PANELS: tuple[PanelEntry, ...] = (
    PanelEntry("dashboard", "Dashboard", "dashboard_panel", "DashboardPanel"),
    PanelEntry("stakeholders", "Stakeholders", "stakeholders_panel", "StakeholdersPanel"),
    PanelEntry("events", "Events", "events_panel", "EventsPanel"),
    PanelEntry("concerns", "Concerns", "concerns_panel", "ConcernsPanel"),
    PanelEntry("media", "Media", "media_panel", "MediaPanel"),
)
