"""Record counts: the status bar, ``commrel-cli stats`` and backups use them."""
from __future__ import annotations

from ..models import database

_QUERIES = {
    "stakeholders": "SELECT COUNT(*) FROM stakeholder WHERE archived = FALSE",
    "people": "SELECT COUNT(*) FROM stakeholder WHERE archived = FALSE AND kind = 'person'",
    "organisations": "SELECT COUNT(*) FROM stakeholder WHERE archived = FALSE AND kind = 'organisation'",
    "archived": "SELECT COUNT(*) FROM stakeholder WHERE archived = TRUE",
    "interactions": "SELECT COUNT(*) FROM interaction",
    "open_follow_ups": "SELECT COUNT(*) FROM interaction WHERE follow_up <> '' AND follow_up_done = FALSE",
    "events": "SELECT COUNT(*) FROM event",
    "participants": "SELECT COUNT(*) FROM event_participant",
    "concerns": "SELECT COUNT(*) FROM concern",
    "open_concerns": ("SELECT COUNT(*) FROM concern WHERE status NOT IN "
                      "('closed_resolved', 'closed_unresolved', 'referred', 'rejected')"),
    "tags": "SELECT COUNT(*) FROM tag",
    "imports": "SELECT COUNT(*) FROM import_batch",
}


def record_counts() -> dict[str, int]:
    return {name: database.execute_sql(sql).fetchone()[0] for name, sql in _QUERIES.items()}
