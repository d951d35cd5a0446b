"""The stakeholder map: influence against interest, coloured by position.

Influence and interest are scores from 1 to 5; 4 and 5 count as high. The
four quadrants are the classic power/interest grid:

- manage closely: high influence and high interest;
- keep satisfied: high influence, low interest;
- keep informed: low influence, high interest;
- monitor: the rest.

A register of 100,000 people cannot be drawn point by point and stay quick,
and 100,000 points on a 5 x 5 grid would only pile up on 25 spots anyway.
So the map comes in two parts, both from SQL:

- ``cells``: exact counts per (influence, interest, position), at most
  5 x 5 x 6 rows whatever the register's size — what the quadrant totals and
  the numbers on the chart come from;
- ``points``: individual stakeholders to hover over and open, all of them
  when there are at most ``sample_limit``, otherwise a sample of that size.
  The sample is spread evenly over the register by a hash of the id, so it is
  the same from one refresh to the next and is not biased to old or new
  records; ``sampled`` says when it is one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import database
from .engagement import stakeholder_condition

HIGH_FROM = 4  # influence or interest of 4 or 5 is "high"
SCALE = (1, 5)
SAMPLE_LIMIT = 1500

QUADRANTS = {
    "manage_closely": "Manage closely",
    "keep_satisfied": "Keep satisfied",
    "keep_informed": "Keep informed",
    "monitor": "Monitor",
}


def quadrant(influence: int, interest: int) -> str:
    """The quadrant code of a pair of scores."""
    if influence >= HIGH_FROM:
        return "manage_closely" if interest >= HIGH_FROM else "keep_satisfied"
    return "keep_informed" if interest >= HIGH_FROM else "monitor"


@dataclass(frozen=True)
class MapPoint:
    id: int
    name: str
    influence: int
    interest: int
    position: str

    @property
    def quadrant(self) -> str:
        return quadrant(self.influence, self.interest)


@dataclass(frozen=True)
class MapCell:
    influence: int
    interest: int
    position: str
    count: int


@dataclass(frozen=True)
class StakeholderMap:
    tag: str | None
    type: str | None
    total: int  # stakeholders on the map
    cells: list[MapCell]
    points: list[MapPoint]

    @property
    def sampled(self) -> bool:
        return len(self.points) < self.total

    def quadrant_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(QUADRANTS, 0)
        for cell in self.cells:  # at most 150 cells
            counts[quadrant(cell.influence, cell.interest)] += cell.count
        return counts

    def cell_totals(self) -> dict[tuple[int, int], int]:
        """Stakeholders per (influence, interest), all positions together."""
        totals: dict[tuple[int, int], int] = {}
        for cell in self.cells:
            key = (cell.influence, cell.interest)
            totals[key] = totals.get(key, 0) + cell.count
        return totals


def _clamped(column: str) -> str:
    """SQL for ``column`` held to the scale, a missing score at its low end."""
    # A CASE, since SQLite's two-argument MIN and MAX are LEAST and GREATEST in PostgreSQL.
    low, high = SCALE
    return (f"CASE WHEN {column} IS NULL OR {column} < {low} THEN {low}"
            f" WHEN {column} > {high} THEN {high} ELSE {column} END")


def stakeholder_map(*, tag: str | None = None, type: str | None = None,
                    sample_limit: int = SAMPLE_LIMIT) -> StakeholderMap:
    """Live (not archived) stakeholders by influence, interest and position.

    ``tag`` is a tag name, ``type`` a stakeholder type code; scores outside
    1-5 are drawn at the nearest end of the scale.
    """
    condition, params = stakeholder_condition(tag, type)
    clause = f"NOT s.archived AND {condition}"
    influence, interest = _clamped("s.influence"), _clamped("s.interest")
    cells = [MapCell(*row) for row in database.execute_sql(
        f"SELECT {influence} AS x, {interest} AS y, s.position, COUNT(*) FROM stakeholder s WHERE {clause}"
        " GROUP BY x, y, s.position ORDER BY x, y, s.position", params).fetchall()]
    total = sum(c.count for c in cells)
    # Knuth's multiplicative hash spreads ids evenly; the same ids come back every time.
    order = "(s.id * 2654435761) % 4294967296" if total > sample_limit else "s.sort_name, s.id"
    points = [MapPoint(*row) for row in database.execute_sql(
        f"SELECT s.id, s.display_name, {influence}, {interest}, s.position FROM stakeholder s WHERE {clause}"
        f" ORDER BY {order} LIMIT ?", [*params, sample_limit]).fetchall()]
    return StakeholderMap(tag or None, type or None, total, cells, points)
