"""The other lists an officer pages through at programme scale: events, concerns, follow-ups, pickers.

The issue sets targets for the register; these have none of their own and are
reported beside it, each as what one click waits for.
"""
from __future__ import annotations

from datetime import date, timedelta

from .runner import Case


def cases(ctx) -> list[Case]:
    from commrel.services import concern_queries, engagement, events
    from commrel.services import stakeholder_queries as queries
    from commrel.services.events import EventFilter

    today = date.today()
    upcoming = EventFilter(date_from=today)
    past = EventFilter(date_to=today - timedelta(days=1))
    found = [
        Case("events list: upcoming, count + first page", lambda: events.page(upcoming, limit=200), repeat=5),
        Case("events list: past, count + first page", lambda: events.page(past, limit=200), repeat=5),
        Case("events list: upcoming, by most invited", lambda: events.page(upcoming, "invited", True, limit=200),
             repeat=5),
        Case("follow-ups: the open list and its counts",
             lambda: (engagement.follow_ups(), engagement.follow_up_counts()), repeat=5),
        Case("picker: organisations matching \"rob\"", lambda: queries.pick("rob", kinds=["organisation"]),
             repeat=10),
    ]
    for key in ("reference", "received_at", "category", "neighbourhood", "summary", "status", "owner",
                "acknowledge_due", "days_open"):
        found.append(Case(f"concerns list: sort by {key} (descending)",
                          lambda k=key: (concern_queries.count(), concern_queries.list_concerns(sort=k, limit=200)),
                          repeat=5))
    return found
