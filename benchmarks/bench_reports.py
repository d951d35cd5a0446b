"""Report cases: what the dashboard waits for, on the sample database already open."""
from __future__ import annotations

from datetime import date

from .runner import Case


def cases(ctx) -> list[Case]:
    from commrel.reports import dashboard, engagement, grievance, stakeholder_map

    start, end = engagement.period_range("last_12_months", date.today())

    def year():
        engagement.engagement_figures(start, end)

    return [
        Case("dashboard figures for a year", year, max_seconds=0.3, repeat=3),
        # The parts, so a slow year shows where the time goes.
        Case("dashboard: engagement figures for a year, concerns left out",
             lambda: engagement.engagement_figures(start, end, concerns=False), repeat=3),
        Case("dashboard: concern figures for a year (grievance report)",
             lambda: grievance.grievance_report(start, end), repeat=3),
        Case("dashboard: today column", dashboard.today, max_seconds=0.3, repeat=3),
        Case("dashboard: stakeholder map", stakeholder_map.stakeholder_map, max_seconds=0.3, repeat=3),
    ]
