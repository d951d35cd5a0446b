"""Media figures: coverage by tone, releases that earned coverage, inquiry response times."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time

from ..models import database


@dataclass(frozen=True)
class MediaFigures:
    coverage_by_month: dict[str, dict[str, int]]  # "2026-03" -> {"positive": 2, ...}
    coverage_total: int
    reach_total: int
    releases_sent: int
    releases_with_coverage: int
    inquiries: int
    inquiries_answered: int
    inquiries_overdue: int
    median_response_hours: float | None

    @property
    def release_coverage_share(self) -> float | None:
        return self.releases_with_coverage / self.releases_sent if self.releases_sent else None


def media_figures(start: date, end: date, *, now: datetime | None = None) -> MediaFigures:
    """Figures for coverage published, releases issued and inquiries received between two dates."""
    lo, hi = start.isoformat(), end.isoformat()
    by_month: dict[str, dict[str, int]] = {}
    total = reach = 0
    for month, tone, n, r in database.execute_sql(
            "SELECT substr(published_on, 1, 7), tone, COUNT(*), COALESCE(SUM(reach), 0) FROM coverage"
            " WHERE published_on BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1", (lo, hi)):
        by_month.setdefault(month, {"positive": 0, "neutral": 0, "negative": 0})[tone] = n
        total += n
        reach += r
    sent, earned = database.execute_sql(
        "SELECT COUNT(*), COALESCE(SUM(EXISTS(SELECT 1 FROM coverage c WHERE c.material_id = p.id)), 0)"
        " FROM press_material p WHERE p.kind = 'release' AND p.status = 'sent'"
        " AND p.issued_on BETWEEN ? AND ?", (lo, hi)).fetchone()
    t0 = datetime.combine(start, time.min).strftime("%Y-%m-%d %H:%M:%S")
    t1 = datetime.combine(end, time.max).strftime("%Y-%m-%d %H:%M:%S")
    now_s = (now or datetime.utcnow()).strftime("%Y-%m-%d %H:%M:%S")
    n_inq, answered, overdue = database.execute_sql(
        "SELECT COUNT(*), COALESCE(SUM(status != 'open'), 0),"
        " COALESCE(SUM(status = 'open' AND deadline IS NOT NULL AND deadline < ?), 0)"
        " FROM media_inquiry WHERE received_at BETWEEN ? AND ?", (now_s, t0, t1)).fetchone()
    hours = [row[0] for row in database.execute_sql(
        "SELECT (julianday(responded_at) - julianday(received_at)) * 24 FROM media_inquiry"
        " WHERE responded_at IS NOT NULL AND received_at BETWEEN ? AND ?", (t0, t1))]
    return MediaFigures(by_month, total, reach, sent, earned, n_inq, answered, overdue,
                        round(statistics.median(hours), 1) if hours else None)
