"""Service standards for concerns: categories, their clocks, and where a concern stands.

Each category says how many days the team has to acknowledge a concern and
to resolve it. A subcategory may set its own days; the most specific one
applies. Due dates are worked out on the officer's wall clock, so a concern
received at 10:00 the day before the clocks change is still due at 10:00.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import fn

from ..errors import NotFound, ValidationError
from ..models import Concern, ConcernCategory, database
from ..timeutil import add_days, days_between, from_utc_naive, local_zone_name, to_utc_naive, utcnow
from . import history

# An open concern whose resolution target is this close gets an interim update
# to the complainant (what is being done, and when to expect an answer).
INTERIM_REMINDER_DAYS = 5

DEFAULT_ACKNOWLEDGE_DAYS = 7
DEFAULT_RESOLVE_DAYS = 30
_MAX_DAYS = 365

# Name, then (acknowledge_days, resolve_days) where the default does not fit,
# then subcategories. Officers edit this list to suit their project.
_DEFAULT_CATEGORIES: list[tuple[str, tuple[int, int] | None, tuple[str, ...]]] = [
    ("Noise", None, ("Construction noise", "Night-time works", "Vibration")),
    ("Dust & air quality", None, ("Dust", "Odour", "Vehicle emissions")),
    ("Traffic & access", None, ("Road closures", "Parking", "Heavy vehicles", "Footpaths & cycle routes")),
    ("Safety", (1, 14), ("Public safety", "Site security", "Road safety")),
    ("Damage to property", None, ("Buildings", "Vehicles", "Land & crops")),
    ("Environment", None, ("Water", "Waste", "Trees & wildlife")),
    ("Employment & procurement", None, ("Local hiring", "Local suppliers", "Working conditions")),
    ("Land & compensation", (7, 60), ("Land access", "Compensation", "Resettlement")),
    ("Communication/broken promise", None, ()),
    ("Other", None, ()),
]


# --- categories -------------------------------------------------------------

def ensure_default_categories() -> int:
    """Create the starter categories in an empty database; returns how many were created.

    Safe to call on every start: once any category exists the list belongs to
    the officers, so nothing they renamed or removed comes back.
    """
    created = 0
    with database.atomic():
        if ConcernCategory.select().exists():
            return 0
        for name, days, subcategories in _DEFAULT_CATEGORIES:
            ack, resolve = days or (DEFAULT_ACKNOWLEDGE_DAYS, DEFAULT_RESOLVE_DAYS)
            parent = ConcernCategory.create(name=name, acknowledge_days=ack, resolve_days=resolve)
            created += 1
            for sub in subcategories:
                ConcernCategory.create(name=sub, parent=parent, acknowledge_days=ack, resolve_days=resolve)
                created += 1
    return created


def list_categories(parent_id: int | None = None, *, all_levels: bool = False) -> list[ConcernCategory]:
    """Top-level categories (or the subcategories of ``parent_id``) sorted by name.

    With ``all_levels`` every category is returned, each parent followed by its
    subcategories, which is what a two-level picker shows.
    """
    if all_levels:
        rows = list(ConcernCategory.select().order_by(ConcernCategory.name))
        children: dict[int | None, list[ConcernCategory]] = {}
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)
        ordered = []
        for top in children.get(None, []):
            ordered.append(top)
            ordered.extend(children.get(top.id, []))
        return ordered
    parent_clause = (ConcernCategory.parent.is_null() if parent_id is None
                     else ConcernCategory.parent == parent_id)
    return list(ConcernCategory.select().where(parent_clause).order_by(ConcernCategory.name))


def get_category(category_id: int) -> ConcernCategory:
    category = ConcernCategory.get_or_none(ConcernCategory.id == category_id)
    if category is None:
        raise NotFound(f"Concern category #{category_id} was not found; it may have been deleted.")
    return category


def _check_days(field: str, value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"Days to {what} must be a whole number.")
    if not 0 <= value <= _MAX_DAYS:
        raise ValidationError(field, f"Days to {what} must be between 0 and {_MAX_DAYS}.")
    return value


def _check_category(name: str, parent: ConcernCategory | None, acknowledge_days: int,
                    resolve_days: int, skip_weekends: bool, *, exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", "A category needs a name.")
    if parent is not None and parent.parent_id is not None:
        raise ValidationError("parent", f"{parent.name} is itself a subcategory; "
                                        "subcategories can only be one level deep.")
    _check_days("acknowledge_days", acknowledge_days, "acknowledge")
    _check_days("resolve_days", resolve_days, "resolve")
    if resolve_days < acknowledge_days:
        raise ValidationError("resolve_days", "Days to resolve cannot be fewer than days to acknowledge.")
    if not isinstance(skip_weekends, bool):
        raise ValidationError("skip_weekends", "Skip weekends must be yes or no.")
    same = ConcernCategory.select().where(
        (fn.LOWER(ConcernCategory.name) == name.lower())
        & (ConcernCategory.parent.is_null() if parent is None else ConcernCategory.parent == parent.id))
    if exclude_id is not None:
        same = same.where(ConcernCategory.id != exclude_id)
    if same.exists():
        where = f" under {parent.name}" if parent is not None else ""
        raise ValidationError("name", f"There is already a category called {name}{where}.")
    return name


def create_category(name: str, parent: int | ConcernCategory | None = None,
                    acknowledge_days: int | None = None, resolve_days: int | None = None,
                    skip_weekends: bool | None = None) -> ConcernCategory:
    """Add a category, or a subcategory when ``parent`` is given.

    Clocks left out are the parent's for a subcategory (so a subcategory of
    Safety is as urgent as Safety), else 7 days to acknowledge and 30 to
    resolve, counting weekends.
    """
    with database.atomic():
        parent_row = _as_category(parent)
        if acknowledge_days is None:
            acknowledge_days = parent_row.acknowledge_days if parent_row else DEFAULT_ACKNOWLEDGE_DAYS
        if resolve_days is None:
            resolve_days = parent_row.resolve_days if parent_row else DEFAULT_RESOLVE_DAYS
        if skip_weekends is None:
            skip_weekends = parent_row.skip_weekends if parent_row else False
        name = _check_category(name, parent_row, acknowledge_days, resolve_days, skip_weekends)
        category = ConcernCategory.create(name=name, parent=parent_row, acknowledge_days=acknowledge_days,
                                          resolve_days=resolve_days, skip_weekends=skip_weekends)
        history.record("concern_category", category.id, "create")
    return category


_UNSET = object()
_CLOCK_FIELDS = ("acknowledge_days", "resolve_days", "skip_weekends")


def update_category(category_id: int, *, name: str | None = None, parent=_UNSET,
                    acknowledge_days: int | None = None, resolve_days: int | None = None,
                    skip_weekends: bool | None = None) -> ConcernCategory:
    """Change a category; arguments left as None keep their value.

    Subcategories whose clocks matched the old ones follow the new clocks;
    those given clocks of their own keep them. Concerns already received
    keep the due dates they were given.
    """
    with database.atomic():
        category = get_category(category_id)
        before = {"name": category.name, "parent": category.parent_id,
                  **{f: getattr(category, f) for f in _CLOCK_FIELDS}}
        parent_row = category.parent if parent is _UNSET else _as_category(parent)
        if parent_row is not None and parent_row.id == category.id:
            raise ValidationError("parent", "A category cannot be its own parent.")
        if parent_row is not None and category.subcategories.exists():
            raise ValidationError("parent", f"{category.name} has subcategories, so it cannot become one.")
        given = {"acknowledge_days": acknowledge_days, "resolve_days": resolve_days,
                 "skip_weekends": skip_weekends}
        after_clocks = {f: before[f] if given[f] is None else given[f] for f in _CLOCK_FIELDS}
        checked_name = _check_category(category.name if name is None else name, parent_row,
                                       *after_clocks.values(), exclude_id=category.id)
        after = {"name": checked_name, "parent": parent_row.id if parent_row else None, **after_clocks}
        changes = history.diff(before, after, before)
        if not changes:
            return category
        category.name, category.parent = checked_name, parent_row
        for field, value in after_clocks.items():
            setattr(category, field, value)
        category.save()
        history.record("concern_category", category.id, "update", changes)
        old_clocks = tuple(before[f] for f in _CLOCK_FIELDS)
        if old_clocks != tuple(after_clocks.values()):
            inheriting = [sub for sub in category.subcategories
                          if tuple(getattr(sub, f) for f in _CLOCK_FIELDS) == old_clocks]
            for sub in inheriting:
                sub_changes = {f: (getattr(sub, f), after_clocks[f]) for f in _CLOCK_FIELDS
                               if getattr(sub, f) != after_clocks[f]}
                for field, value in after_clocks.items():
                    setattr(sub, field, value)
                sub.save()
                history.record("concern_category", sub.id, "update", sub_changes)
    return category


def delete_category(category_id: int) -> None:
    """Remove a category and its subcategories, refused while any concern uses them."""
    with database.atomic():
        category = get_category(category_id)
        ids = [category.id] + [sub.id for sub in category.subcategories]
        used = (Concern.select().where(Concern.category.in_(ids) | Concern.subcategory.in_(ids)).count())
        if used:
            which = "concern uses" if used == 1 else "concerns use"
            them = "it" if used == 1 else "them"
            raise ValidationError("category", f"{used} {which} {category.name}; move {them} to another "
                                              "category before deleting it.")
        ConcernCategory.delete().where(ConcernCategory.id.in_(ids)).execute()
        for cid in ids:
            history.record("concern_category", cid, "delete")


def _as_category(value: int | ConcernCategory | None) -> ConcernCategory | None:
    if value is None or isinstance(value, ConcernCategory):
        return value
    category = ConcernCategory.get_or_none(ConcernCategory.id == value)
    if category is None:
        raise ValidationError("parent", "The parent category no longer exists.")
    return category


# --- clock arithmetic -------------------------------------------------------

def governing_category(category: ConcernCategory | None,
                       subcategory: ConcernCategory | None) -> ConcernCategory | None:
    """The category whose clocks apply: the subcategory when there is one."""
    return subcategory if subcategory is not None else category


def add_local_days(instant: datetime, days: int, *, skip_weekends: bool = False,
                   tz: str | None = None) -> datetime:
    """``instant`` (naive UTC) plus ``days`` on the wall clock of ``tz``, as naive UTC.

    Days are calendar days, or working days (Monday to Friday) when
    ``skip_weekends``; weekends are judged by the local date.
    """
    local = from_utc_naive(instant, tz or local_zone_name())
    # Adding to an aware zoneinfo datetime keeps the wall time and re-reads
    # the offset, which is what carries a due time across a DST change.
    return to_utc_naive(add_days(local, days, skip_weekends=skip_weekends))


def compute_targets(received_at: datetime, category: ConcernCategory | None = None, *,
                    tz: str | None = None) -> tuple[datetime, datetime]:
    """(acknowledge_due, resolution_target) for a concern received at ``received_at``."""
    received = to_utc_naive(received_at)
    if category is None:
        ack, resolve, skip = DEFAULT_ACKNOWLEDGE_DAYS, DEFAULT_RESOLVE_DAYS, False
    else:
        ack, resolve, skip = category.acknowledge_days, category.resolve_days, category.skip_weekends
    return (add_local_days(received, ack, skip_weekends=skip, tz=tz),
            add_local_days(received, resolve, skip_weekends=skip, tz=tz))


# --- where a concern stands -------------------------------------------------

@dataclass(frozen=True)
class ConcernClocks:
    """How a concern is doing against its clocks at one moment."""

    days_open: int  # calendar days from receipt to now (or to closure)
    acknowledge_overdue: bool
    resolution_overdue: bool
    overdue: bool
    days_to_target: int | None  # negative when past; None once closed
    interim_reminder: bool  # time to tell the complainant how things stand
    acknowledged_on_time: bool | None  # None until acknowledged
    closed_on_time: bool | None  # None until closed


def clocks(concern: Concern, now: datetime | None = None, *, tz: str | None = None) -> ConcernClocks:
    """Where ``concern`` stands at ``now`` (default: this moment); days counted in ``tz``."""
    now = to_utc_naive(now) if now is not None else utcnow()
    tz = tz or local_zone_name()
    closed = concern.is_closed
    end = concern.closed_at if closed and concern.closed_at is not None else now
    ack_overdue = not closed and concern.acknowledged_at is None and now > concern.acknowledge_due
    resolution_overdue = not closed and now > concern.resolution_target
    overdue = ack_overdue or resolution_overdue
    until_target = concern.resolution_target - now
    return ConcernClocks(
        days_open=max(0, days_between(from_utc_naive(concern.received_at, tz), from_utc_naive(end, tz))),
        acknowledge_overdue=ack_overdue,
        resolution_overdue=resolution_overdue,
        overdue=overdue,
        days_to_target=None if closed else days_between(from_utc_naive(now, tz),
                                                        from_utc_naive(concern.resolution_target, tz)),
        interim_reminder=(not closed and not overdue
                          and until_target <= timedelta(days=INTERIM_REMINDER_DAYS)),
        acknowledged_on_time=(None if concern.acknowledged_at is None
                              else concern.acknowledged_at <= concern.acknowledge_due),
        closed_on_time=(None if not closed or concern.closed_at is None
                        else concern.closed_at <= concern.resolution_target),
    )
