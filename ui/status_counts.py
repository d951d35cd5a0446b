"""What the status bar counts: the live register, the events and the open concerns."""
from __future__ import annotations


def status_counts() -> dict[str, int]:
    """The three figures the status bar shows (runs on the worker thread).

    Three indexed counts, not ``counts.record_counts``: that one gathers a dozen
    figures for backups and the command line, and on a large register some of
    them scan every interaction, which the status bar never shows.
    """
    # Imported here, on the worker: the window can show before the services have loaded.
    from commrel.services import concern_queries, events, stakeholder_queries

    return {
        "stakeholders": stakeholder_queries.count(),
        "events": events.count(),
        "open_concerns": concern_queries.count(concern_queries.ConcernFilter(open_only=True)),
    }
