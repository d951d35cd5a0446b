"""The panels of the main window, in navigation order."""
from __future__ import annotations


def panel_classes():
    from .concerns_panel import ConcernsPanel
    from .dashboard_panel import DashboardPanel
    from .events_panel import EventsPanel
    from .media_panel import MediaPanel
    from .stakeholders_panel import StakeholdersPanel

    return [DashboardPanel, StakeholdersPanel, EventsPanel, ConcernsPanel, MediaPanel]
