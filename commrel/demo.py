"""Deterministic sample data: a believable programme, from 100 to 100,000 stakeholders.

Same seed and same ``today`` give the same database. Rows go in through
``executemany`` in one transaction, the only way to write 100k stakeholders
and half a million interactions in seconds.

At that size the run is split between drawing values and SQLite maintaining
indexes, so values are drawn a column at a time (``rng.choices(..., k=n)``
costs a tenth of a ``rng.choice`` per value), timestamps are whole minutes
counted from today's midnight and written from per-day text, and rows whose
order is free go in oldest first, which appends to the date indexes instead
of splitting pages all over them.
"""
from __future__ import annotations

import random
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import collector, engines, search
from .errors import CommrelError
from .models import ConcernCategory, ReferenceCounter, database
from .progress import NullProgress, Progress, check
from .timeutil import local_zone_name, to_utc_naive, zone
from . import demo_media, demo_names as N

# Lifecycle paths a concern can have taken; the demo stops each one at a random step.
_PATHS = [
    ["received", "acknowledged", "accepted", "investigating", "response_proposed", "responded",
     "implemented", "closed_resolved"],
    ["received", "acknowledged", "rejected"],
    ["received", "acknowledged", "accepted", "investigating", "response_proposed", "responded",
     "appealed", "closed_unresolved"],
    ["received", "acknowledged", "accepted", "investigating", "response_proposed", "responded",
     "appealed", "referred"],
]

DEFAULT_CATEGORIES = [("Noise", 7, 30), ("Dust & air quality", 7, 30), ("Traffic & access", 5, 21),
                      ("Safety", 2, 14), ("Damage to property", 7, 45), ("Environment", 7, 30),
                      ("Employment & procurement", 10, 45), ("Land & compensation", 10, 60),
                      ("Communication", 7, 30), ("Other", 7, 30)]

_DAY = 1440  # minutes
_NOW = 9 * 60  # the demo's "now" is 09:00 today
_CLOCK_FACE = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(_DAY)]


@dataclass
class DemoSize:
    stakeholders: int = 1000
    interactions: int | None = None  # default 5 per stakeholder
    events: int | None = None  # default 1 per 5 stakeholders
    concerns: int | None = None  # default 1 per 2 stakeholders

    def resolved(self) -> tuple[int, int, int, int]:
        n = max(10, self.stakeholders)
        return (n, self.interactions if self.interactions is not None else 5 * n,
                self.events if self.events is not None else max(10, n // 5),
                self.concerns if self.concerns is not None else max(20, n // 2))


class _Clock:
    """Times as minutes from midnight today (negative in the past), written as database text."""

    def __init__(self, today: date):
        self.today = today
        self._days: dict[int, str] = {}

    def day(self, offset: int) -> str:
        text = self._days.get(offset)
        if text is None:
            text = self._days[offset] = (self.today + timedelta(days=offset)).isoformat()
        return text

    def stamp(self, minute: int | None) -> str | None:
        if minute is None:
            return None
        return f"{self.day(minute // _DAY)} {_CLOCK_FACE[minute % _DAY]}"

    def year(self, minute: int) -> int:
        return int(self.day(minute // _DAY)[:4])


def _ts(value: datetime) -> str:
    return value.isoformat(" ", "seconds")


def _ints(rng, low: int, high: int, k: int) -> list[int]:
    """``k`` draws of ``rng.randint(low, high)``, in one call."""
    return rng.choices(range(low, high + 1), k=k)


def _flags(rng, p: float, k: int) -> list[bool]:
    rnd = rng.random
    return [rnd() < p for _ in range(k)]


@contextmanager
def _loading(con):
    """Foreign keys unchecked while loading, then checked again.

    Every row is made here after its parents, so looking each parent up (for
    every participant, link and update: millions of index searches at full
    size) would only find it; that was a quarter of the run. The pragma cannot
    change inside a transaction, so a caller's open transaction keeps them.
    """
    enforced = con.execute("PRAGMA foreign_keys").fetchone()[0]
    con.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        con.execute(f"PRAGMA foreign_keys = {int(enforced)}")


@collector.paused()  # millions of drawn values stay alive until written
def generate(size: DemoSize | None = None, *, seed: int = 1, today: date | None = None,
             tz: str | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Fill the open database with sample records; returns counts of what was added."""
    size = size or DemoSize()
    progress = progress or NullProgress()
    rng = random.Random(seed)
    today = today or date.today()
    clock = _Clock(today)
    tzname = tz or local_zone_name()
    n_people, n_interactions, n_events, n_concerns = size.resolved()
    now = datetime.combine(today, time(9, 0))
    if engines.engine_of(database) != engines.SQLITE:
        # The generator writes through SQLite's own driver for speed.
        raise CommrelError("Sample data is generated into a local file; make it there and move it to the "
                           "team database with: commrel-cli --db FILE copy --to ADDRESS")
    con = database.connection()
    with _loading(con), database.atomic():
        base_id = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM stakeholder").fetchone()[0]
        progress.report(0, 5, "Stakeholders")
        register = _stakeholders(rng, clock, n_people, base_id)
        check(progress)
        progress.report(1, 5, "Events")
        events = _events(rng, clock, n_events, register.people, tzname)
        check(progress)
        progress.report(2, 5, "Interactions")
        engagement = _interactions(rng, clock, n_interactions, register.people, events.next_interaction)
        # Everything is drawn before stakeholders go in, so that they go in with their last
        # contact instead of being revisited by an UPDATE that rewrites two indexes row by row.
        register.write(con, engagement.last)
        events.write(con)
        engagement.write(con)
        check(progress)
        progress.report(3, 5, "Concerns")
        _concerns(con, rng, clock, n_concerns, register.people, events.events)
        check(progress)
        demo_media.generate(rng, register.people, register.orgs, now)
        progress.report(4, 5, "Search index")
        search.rebuild_all()
    progress.report(5, 5, "Done")
    return {"stakeholders": len(register.people) + len(register.orgs), "interactions": n_interactions,
            "events": len(events.events), "concerns": n_concerns}


@dataclass
class _Register:
    """Stakeholders, their memberships and tags, drawn before anything is written."""
    base_id: int
    rows: list
    orgs: list  # (id, name, type)
    people: list[int]
    members: list
    tag_names: list

    def write(self, con, last_contacted: dict[int, str]) -> None:
        # Each write lets go of its rows: at full size they are hundreds of megabytes.
        con.executemany(
            "INSERT INTO stakeholder (id, kind, type, given_name, display_name, sort_name, family_name, email,"
            " phone, address, postcode, neighbourhood, preferred_channel, language, notes, influence, interest,"
            " position, consent, consent_date, consent_source, do_not_contact, archived, created_at, updated_at,"
            " organisation_name, last_contacted_at, version, anonymised)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,0)",
            [(*row, last_contacted.get(row[0])) for row in self.rows])
        self.rows = []
        con.executemany("INSERT OR IGNORE INTO membership (person_id, organisation_id, role) VALUES (?,?,?)",
                        self.members)
        con.executemany("INSERT OR IGNORE INTO tag (name) VALUES (?)", [(t,) for t in N.TAGS])
        tag_ids = dict(con.execute("SELECT name, id FROM tag WHERE name IN (%s)" % ",".join("?" * len(N.TAGS)),
                                   N.TAGS).fetchall())
        con.executemany("INSERT OR IGNORE INTO stakeholder_tag (stakeholder_id, tag_id) VALUES (?,?)",
                        [(sid, tag_ids[name]) for sid, names in enumerate(self.tag_names, self.base_id + 1)
                         for name in names])


def _stakeholders(rng, clock, n, base_id) -> _Register:
    n_orgs = max(5, n // 20)
    types = list(N.ORG_PATTERNS)
    rows, orgs = [], []
    sid = base_id
    # Signed up oldest first, so ids follow the register's growth.
    org_created = sorted(_ints(rng, 30, 1500, n_orgs), reverse=True)
    for days_ago, postcode in zip(org_created, _postcodes(rng, n_orgs)):
        sid += 1
        t = rng.choice(types)
        hood = rng.choice(N.NEIGHBOURHOODS)
        name = rng.choice(N.ORG_PATTERNS[t]).format(hood=hood, family=rng.choice(N.FAMILY))
        if rng.random() < 0.5:
            name = f"{name} ({sid})" if any(r[4] == name for r in rows[-50:]) else name
        created = _NOW - days_ago * _DAY
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        rows.append((sid, "organisation", t, "", name, name.casefold(), "", f"info@{slug}{sid}.example.org",
                     f"01{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                     f"{rng.randint(1, 200)} {rng.choice(N.STREETS)}", postcode, hood,
                     "email", "English", "", rng.randint(1, 5), rng.randint(1, 5), _position(rng),
                     1, clock.day(-days_ago), "Partner agreement", 0, 0,
                     clock.stamp(created), clock.stamp(created), ""))
        orgs.append((sid, name, t))
    m = n - n_orgs
    people = list(range(sid + 1, sid + 1 + m))
    # Memberships: about a quarter of people belong to one or two organisations; a person's
    # organisation name is the first of them.
    members, org_of = [], {}
    rnd, sample = rng.random, rng.sample
    for pid in people:
        if rnd() < 0.25:
            for oid, org_name, _ in sample(orgs, k=1 if rnd() < 0.8 else 2):
                members.append((pid, oid, rng.choice(N.ROLES)))
                org_of.setdefault(pid, org_name)
    given, family = rng.choices(N.GIVEN, k=m), rng.choices(N.FAMILY, k=m)
    hoods = rng.choices(N.NEIGHBOURHOODS, k=m)
    created = sorted(_ints(rng, 1, 1500, m), reverse=True)
    consent, has_email, has_phone = _flags(rng, 0.7, m), _flags(rng, 0.8, m), _flags(rng, 0.7, m)
    phone_a, phone_b = _ints(rng, 100, 999, m), _ints(rng, 100000, 999999, m)
    notes = rng.choices(["", "", "Prefers evening calls.", "Lives next to the compound.",
                         "Chairs the school PTA.", "Hard of hearing — face-to-face preferred."], k=m)
    kinds = rng.choices(["resident", "government", "business", "media", "other"], [90, 3, 4, 1, 2], k=m)
    houses, streets = _ints(rng, 1, 300, m), rng.choices(N.STREETS, k=m)
    channels = rng.choices(["email", "phone", "letter", "in_person", ""], k=m)
    languages = rng.choices(["English", "English", "English", "Polish", "Urdu", "Welsh", "Spanish"], k=m)
    influence, interest = _ints(rng, 1, 5, m), _ints(rng, 1, 5, m)
    positions = rng.choices(_POSITIONS, _POSITION_WEIGHTS, k=m)
    sources = rng.choices(["Sign-in sheet", "Web form", "Phone", "Event"], k=m)
    do_not_contact, archived = _flags(rng, 0.03, m), _flags(rng, 0.02, m)
    for i, (pid, g, f, postcode) in enumerate(zip(people, given, family, _postcodes(rng, m))):
        stamp = clock.stamp(_NOW - created[i] * _DAY)
        agreed = consent[i]
        rows.append((pid, "person", kinds[i], g, f"{g} {f}", f"{f} {g}".casefold(), f,
                     f"{g}.{f}{pid}@example.org".lower().replace("'", "") if has_email[i] else "",
                     f"07{phone_a[i]} {phone_b[i]}" if has_phone[i] else "",
                     f"{houses[i]} {streets[i]}", postcode, hoods[i], channels[i], languages[i], notes[i],
                     influence[i], interest[i], positions[i], int(agreed),
                     clock.day(-created[i]) if agreed else None, sources[i] if agreed else "",
                     int(do_not_contact[i]), int(archived[i]), stamp, stamp, org_of.get(pid, "")))
    tag_names = [rng.sample(N.TAGS, k=k) if k else () for k in rng.choices([0, 0, 1, 1, 2, 3], k=n)]
    return _Register(base_id, rows, orgs, people, members, tag_names)


_LETTERS = "ABCDEFGHJKLMNPRSTUWXYZ"


def _postcodes(rng, k) -> list[str]:
    a, b, c, d = (rng.choices(_LETTERS, k=k) for _ in range(4))
    return [f"{a[i]}{b[i]}{district} {sector}{c[i]}{d[i]}"
            for i, (district, sector) in enumerate(zip(_ints(rng, 1, 20, k), _ints(rng, 0, 9, k)))]


_POSITIONS = ["supportive", "leaning_supportive", "neutral", "leaning_opposed", "opposed", "unknown"]
_POSITION_WEIGHTS = [15, 20, 30, 15, 10, 10]


def _position(rng) -> str:
    return rng.choices(_POSITIONS, _POSITION_WEIGHTS)[0]


@dataclass
class _Calendar:
    """Events with their guests, attendance records and checklists."""
    events: list  # (id, local start, status, title)
    rows: list
    parts: list
    interactions: list
    attendees: list
    tasks: list
    next_interaction: int

    def write(self, con) -> None:
        con.executemany(
            "INSERT INTO event (id, uid, sequence, title, type, status, starts_at, ends_at, timezone, all_day, venue,"
            " address, capacity, organiser, organiser_email, description, rrule, reminders, tags, url, created_at,"
            " updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", self.rows)
        con.executemany("INSERT OR IGNORE INTO event_participant (event_id, stakeholder_id, role, rsvp, attended,"
                        " checked_in_at) VALUES (?,?,?,?,?,?)", self.parts)
        con.executemany("INSERT INTO interaction (id, occurred_at, channel, staff, summary, follow_up, follow_up_done,"
                        " event_id, created_at, updated_at, version) VALUES (?,?,?,?,?,'',0,?,?,?,1)",
                        self.interactions)
        con.executemany("INSERT INTO interaction_participant (interaction_id, stakeholder_id) VALUES (?,?)",
                        self.attendees)
        con.executemany("INSERT INTO checklist_task (event_id, title, owner, due, done, position)"
                        " VALUES (?,?,?,?,?,?)", self.tasks)
        self.rows = self.parts = self.interactions = self.attendees = self.tasks = []


_RSVPS, _RSVP_WEIGHTS = ["invited", "accepted", "declined", "tentative", "no_reply"], [20, 45, 10, 10, 15]
_ROLES, _ROLE_WEIGHTS = ["guest", "speaker", "partner", "staff"], [90, 3, 4, 3]
_CHECKLIST = [("Book venue", 28), ("Send invitations", 21), ("Print sign-in sheet", 2), ("Send reminder", 1)]


def _events(rng, clock, n, people, tzname) -> _Calendar:
    tz = zone(tzname)
    today = clock.today
    rows, events = [], []
    base = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM event").fetchone()[0]
    # In date order, as a programme's calendar fills up.
    for k, offset in enumerate(sorted(_ints(rng, -540, 90, n))):
        eid = base + k + 1
        etype = rng.choices(list(N.EVENT_TITLES), [30, 15, 10, 15, 15, 10, 5])[0]
        hood, venue = rng.choice(N.NEIGHBOURHOODS), rng.choice(N.VENUES)
        title = rng.choice(N.EVENT_TITLES[etype]).format(hood=hood, venue=venue)
        day = today + timedelta(days=offset)
        start_local = datetime.combine(day, time(rng.choice([10, 14, 18, 18, 19]), rng.choice([0, 30])), tz)
        end_local = start_local + timedelta(hours=rng.choice([1, 2, 2, 3]))
        past = offset < 0
        status = rng.choices(["held", "cancelled"], [92, 8])[0] if past else \
            rng.choices(["planned", "confirmed", "postponed", "cancelled"], [40, 50, 5, 5])[0]
        rrule = "FREQ=WEEKLY;COUNT=6" if rng.random() < 0.1 else ""
        created = clock.stamp(_NOW - rng.randint(0, 60) * _DAY if not past else
                              (offset - rng.randint(14, 60)) * _DAY + _NOW)
        rows.append((eid, f"{uuid.UUID(int=rng.getrandbits(128))}@commrel", 0, title, etype, status,
                     _ts(to_utc_naive(start_local)), _ts(to_utc_naive(end_local)), tzname, 0, venue,
                     f"{rng.randint(1, 99)} {rng.choice(N.STREETS)}, {hood}", rng.choice([None, 40, 60, 80, 120, 200]),
                     "Community Relations Team", "", f"{title}. All welcome; refreshments provided.",
                     rrule, "1440,60", "", "", created, created))
        events.append((eid, start_local, status, title))
    parts, interactions, attendees = [], [], []
    next_iid = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM interaction").fetchone()[0]
    rnd = rng.random
    for (eid, start, status, title), row in zip(events, rows):
        guests = rng.sample(people, k=min(len(people), rng.randint(5, 30)))
        rsvps = rng.choices(_RSVPS, _RSVP_WEIGHTS, k=len(guests))
        roles = rng.choices(_ROLES, _ROLE_WEIGHTS, k=len(guests))
        when = row[6]  # starts_at: attendance is recorded at the start
        held = status == "held"
        for pid, rsvp, role in zip(guests, rsvps, roles):
            attended = held and rsvp in ("accepted", "tentative") and rnd() < 0.8
            parts.append((eid, pid, role, rsvp, int(attended), when if attended else None))
            if attended:
                next_iid += 1
                interactions.append((next_iid, when, "event", "Community Relations Team", f"Attended {title}",
                                     eid, when, when))
                attendees.append((next_iid, pid))
    tasks = []
    owners = rng.choices(["Sam", "Priya", "Jo", ""], k=len(events) * len(_CHECKLIST))
    for k, (eid, start, status, _) in enumerate(events):
        start_day = (start.date() - today).days
        for pos, (title, days) in enumerate(_CHECKLIST):
            due = start_day - days
            tasks.append((eid, title, owners[k * len(_CHECKLIST) + pos], clock.day(due),
                          int(due < 0 or status == "held"), pos))
    return _Calendar(events, rows, parts, interactions, attendees, tasks, next_iid)


@dataclass
class _Engagement:
    """Logged contacts and who took part; ``last`` is each person's latest contact."""
    rows: list
    links: list
    last: dict[int, str]

    def write(self, con) -> None:
        con.executemany("INSERT INTO interaction (id, occurred_at, channel, staff, summary, follow_up, follow_up_due,"
                        " follow_up_done, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)",
                        self.rows)
        con.executemany("INSERT OR IGNORE INTO interaction_participant (interaction_id, stakeholder_id)"
                        " VALUES (?,?)", self.links)
        self.rows = self.links = []


def _interactions(rng, clock, n, people, last_id) -> _Engagement:
    channels = ["meeting", "call", "email", "letter", "door_knock", "social_media"]
    # Logged oldest first, as they would have been.
    ago = sorted((d * _DAY + m for d, m in zip(_ints(rng, 0, 720, n), _ints(rng, 0, 600, n))), reverse=True)
    follow, quick, kept = _flags(rng, 0.15, n), _flags(rng, 0.3, n), _flags(rng, 0.8, n)
    due_in = _ints(rng, 3, 21, n)
    kinds = rng.choices(channels, [20, 30, 30, 5, 10, 5], k=n)
    staff = rng.choices(["Sam Carter", "Priya Shah", "Jo Evans", "Tom Reid"], k=n)
    summaries = rng.choices(N.INTERACTION_SUMMARIES, k=n)
    follow_ups = rng.choices(N.FOLLOW_UPS, k=n)
    groups = _flags(rng, 0.15, n)
    singles = rng.choices(people, k=n)
    group_size = min(len(people), 3)
    ids = range(last_id + 1, last_id + 1 + n)
    whens = [_NOW - a for a in ago]
    stamps = [clock.stamp(w) for w in whens]
    dues = [w // _DAY + d if f else None for w, d, f in zip(whens, due_in, follow)]
    rows = list(zip(ids, stamps, kinds, staff, summaries,
                    [text if f else "" for text, f in zip(follow_ups, follow)],
                    [None if due is None else clock.day(due) for due in dues],
                    [int(due is not None and (due < -3 or q) and keep) for due, q, keep in zip(dues, quick, kept)],
                    stamps, stamps))
    who = [rng.sample(people, k=group_size) if g else (pid,) for g, pid in zip(groups, singles)]
    links = [(iid, pid) for iid, pids in zip(ids, who) for pid in pids]
    # Rows come oldest first, so the last stamp seen for a person is their latest contact.
    last = {pid: ts for ts, pids in zip(stamps, who) for pid in pids}
    return _Engagement(rows, links, last)


def _categories() -> dict[str, ConcernCategory]:
    existing = {c.name: c for c in ConcernCategory.select().where(ConcernCategory.parent.is_null())}
    for name, ack, res in DEFAULT_CATEGORIES:
        if name not in existing:
            existing[name] = ConcernCategory.create(name=name, acknowledge_days=ack, resolve_days=res)
    return existing


def _concerns(con, rng, clock, n, people, events):
    cats = _categories()
    cat_names = [c for c in N.CONCERN_SUMMARIES if c in cats] or list(cats)
    counters: dict[int, int] = {r.year: r.last
                                for r in ReferenceCounter.select().where(ReferenceCounter.prefix == "CR")}
    base = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM concern").fetchone()[0]
    ago = sorted((d * _DAY + m for d, m in zip(_ints(rng, 0, 540, n), _ints(rng, 0, 900, n))), reverse=True)
    rows, updates = [], []
    owners = ["Sam Carter", "Priya Shah", "Jo Evans", "Tom Reid", ""]
    rnd = rng.random
    chosen = [cats[name] for name in rng.choices(cat_names, k=n)]
    paths = rng.choices(_PATHS, [70, 10, 12, 8], k=n)
    anonymous, confidential, linked = _flags(rng, 0.08, n), _flags(rng, 0.1, n), _flags(rng, 0.1, n)
    complainants = rng.choices(people, k=n)
    channels = rng.choices(["phone", "email", "letter", "in_person", "event", "web_form", "social_media"], k=n)
    streets, hoods = rng.choices(N.STREETS, k=n), rng.choices(N.NEIGHBOURHOODS, k=n)
    severities = rng.choices(["low", "medium", "medium", "high", "critical"], k=n)
    priorities = rng.choices(["low", "normal", "normal", "high", "urgent"], k=n)
    assigned = rng.choices(owners, k=n)
    hows = rng.choices(["phone", "letter", "email"], k=n)
    satisfied = rng.choices(["satisfied", "partly_satisfied"], k=n)
    for k, minutes_ago in enumerate(ago):
        cid = base + k + 1
        got = _NOW - minutes_ago
        year = clock.year(got)
        counters[year] = counters.get(year, 0) + 1
        ref = f"CR-{year}-{counters[year]:04d}"
        cat, path = chosen[k], paths[k]
        age = minutes_ago // _DAY
        # Older concerns have gone further along their path.
        steps = min(len(path), 1 + int(len(path) * min(1.0, age / 60) * rng.uniform(0.6, 1.2)))
        trail = path[:max(1, steps)]
        complainant = None if anonymous[k] else complainants[k]
        t = got
        ack_at = closed_at = responded_at = None
        for a, b in zip(trail, trail[1:]):
            t = min(_NOW, t + (1 + int(rnd() * (9 if b == "acknowledged" else 12))) * _DAY + int(rnd() * 7) * 60)
            if b == "acknowledged":
                ack_at = t
            if b == "responded":
                responded_at = t
            if b in ("closed_resolved", "closed_unresolved", "referred", "rejected"):
                closed_at = t
            updates.append((cid, clock.stamp(t), "status", f"Moved to {b.replace('_', ' ')}", a, b,
                            owners[int(rnd() * 4)]))
        received = clock.stamp(got)
        updates.append((cid, received, "status", "Concern received", "", "received", "Community Relations Team"))
        status = trail[-1]
        summary = rng.choice(N.CONCERN_SUMMARIES.get(cat.name, ["General concern"]))
        hood = hoods[k]
        event_id = rng.choice(events)[0] if events and linked[k] else None
        rows.append((cid, ref, received, channels[k], complainant, int(anonymous[k]), int(confidential[k]), cat.id,
                     f"Near {streets[k]}", hood, summary, f"{summary}. Reported by a resident of {hood}.",
                     severities[k], priorities[k], assigned[k], status,
                     clock.stamp(got + cat.acknowledge_days * _DAY), clock.stamp(ack_at),
                     "Community Relations Team" if ack_at else "", hows[k] if ack_at else "",
                     clock.stamp(got + cat.resolve_days * _DAY),
                     "Outside the project's responsibility." if status == "rejected" else "",
                     "Works rescheduled; monitoring in place." if status in ("closed_resolved", "implemented") else "",
                     "Satisfied with the changes." if status == "closed_resolved" else "",
                     satisfied[k] if status == "closed_resolved" else
                     ("not_satisfied" if status in ("closed_unresolved", "referred") else ""),
                     "Independent ombudsman" if status == "referred" else "", clock.stamp(closed_at), event_id,
                     received, clock.stamp(t),
                     "Appeal not upheld." if status in ("closed_unresolved", "referred") else "",
                     clock.stamp(responded_at)))
    con.executemany(
        "INSERT INTO concern (id, reference, received_at, channel, complainant_id, anonymous, confidential,"
        " category_id, location, neighbourhood, summary, description, severity, priority, owner, status,"
        " acknowledge_due, acknowledged_at, acknowledged_by, acknowledged_how, resolution_target,"
        " rejection_reason, resolution, complainant_response, satisfaction, referred_to, closed_at, event_id,"
        " created_at, updated_at, version, proposed_response, appeal_reason, closure_reason, responded_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,'','',?,?)", rows)
    con.executemany("INSERT INTO concern_update (concern_id, at, kind, text, from_status, to_status, recorded_by,"
                    " attachment) VALUES (?,?,?,?,?,?,?,'')", updates)
    for year, last in counters.items():
        con.execute("INSERT INTO reference_counter (prefix, year, last) VALUES ('CR', ?, ?)"
                    " ON CONFLICT(prefix, year) DO UPDATE SET last = excluded.last", (year, last))
