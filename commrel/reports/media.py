"""Media figures: coverage by tone, releases that earned coverage, inquiry response times."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import peewee as pw
from peewee import fn

from ..models import Coverage, MediaInquiry, PressMaterial, database
from ..timeutil import to_utc_naive, utcnow


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


def _count(condition: pw.Expression) -> pw.Expression:
    return fn.COUNT(pw.Case(None, [(condition, 1)]))


def _moment(value) -> datetime:
    # SQLite hands timestamps back as text, PostgreSQL as datetimes.
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def media_figures(start: date, end: date, *, now: datetime | None = None) -> MediaFigures:
    """Figures for coverage published, releases issued and inquiries received between two dates."""
    by_month: dict[str, dict[str, int]] = {}
    total = reach = 0
    # One row per day and tone at most; the months are told here, from dates either engine returns.
    days = (Coverage.select(Coverage.published_on, Coverage.tone, fn.COUNT(Coverage.id),
                            fn.COALESCE(fn.SUM(Coverage.reach), 0))
            .where(Coverage.published_on.between(start, end))
            .group_by(Coverage.published_on, Coverage.tone).order_by(Coverage.published_on))
    for published_on, tone, n, r in database.execute(days):
        month = str(published_on)[:7]
        by_month.setdefault(month, {"positive": 0, "neutral": 0, "negative": 0})[tone] = n
        total += n
        reach += r
    earned = pw.fn.EXISTS(Coverage.select(Coverage.id).where(Coverage.material == PressMaterial.id))
    sent, with_coverage = database.execute(
        PressMaterial.select(fn.COUNT(PressMaterial.id), _count(earned))
        .where((PressMaterial.kind == "release") & (PressMaterial.status == "sent")
               & PressMaterial.issued_on.between(start, end))).fetchone()
    t0, t1 = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
    in_period = (MediaInquiry.received_at >= t0) & (MediaInquiry.received_at < t1)
    n_inq, answered, overdue = database.execute(MediaInquiry.select(
        fn.COUNT(MediaInquiry.id), _count(MediaInquiry.status != "open"),
        _count((MediaInquiry.status == "open") & MediaInquiry.deadline.is_null(False)
               & (MediaInquiry.deadline < (to_utc_naive(now) if now else utcnow()))))
        .where(in_period)).fetchone()
    # Hours to answer are worked out here: the two engines subtract timestamps differently.
    hours = [(_moment(responded) - _moment(received)).total_seconds() / 3600 for received, responded in
             database.execute(MediaInquiry.select(MediaInquiry.received_at, MediaInquiry.responded_at)
                              .where(in_period & MediaInquiry.responded_at.is_null(False)))]
    return MediaFigures(by_month, total, reach, sent, with_coverage, n_inq, answered, overdue,
                        round(statistics.median(hours), 1) if hours else None)
