"""Deterministic sample data: a believable programme, from 100 to 100,000 stakeholders.

Same seed and same ``today`` give the same database. Rows go in through
``executemany`` in one transaction, the only way to write 100k stakeholders
and half a million interactions in seconds.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import engines, search
from .errors import CommrelError
from .models import ConcernCategory, ReferenceCounter, database
from .progress import NullProgress, Progress, check
from .timeutil import local_zone_name, to_utc_naive, zone
from . import demo_names as N

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


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def generate(size: DemoSize | None = None, *, seed: int = 1, today: date | None = None,
             tz: str | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Fill the open database with sample records; returns counts of what was added."""
    size = size or DemoSize()
    progress = progress or NullProgress()
    rng = random.Random(seed)
    today = today or date.today()
    tzname = tz or local_zone_name()
    n_people, n_interactions, n_events, n_concerns = size.resolved()
    now = datetime.combine(today, time(9, 0))
    if engines.engine_of(database) != engines.SQLITE:
        # The generator writes through SQLite's own driver for speed.
        raise CommrelError("Sample data is generated into a local file; make it there and move it to the "
                           "team database with: commrel-cli --db FILE copy --to ADDRESS")
    con = database.connection()
    with database.atomic():
        base_id = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM stakeholder").fetchone()[0]
        progress.report(0, 5, "Stakeholders")
        people, orgs = _stakeholders(con, rng, n_people, base_id, now)
        check(progress)
        progress.report(1, 5, "Events")
        events = _events(con, rng, n_events, people, now, tzname)
        check(progress)
        progress.report(2, 5, "Interactions")
        _interactions(con, rng, n_interactions, people, now)
        check(progress)
        progress.report(3, 5, "Concerns")
        _concerns(con, rng, n_concerns, people, events, now, tzname)
        check(progress)
        _media(rng, people, orgs, events, now)
        progress.report(4, 5, "Search index")
        search.rebuild_all()
    progress.report(5, 5, "Done")
    return {"stakeholders": len(people) + len(orgs), "interactions": n_interactions,
            "events": len(events), "concerns": n_concerns}


def _stakeholders(con, rng, n, base_id, now):
    n_orgs = max(5, n // 20)
    types = list(N.ORG_PATTERNS)
    rows, orgs, people = [], [], []
    sid = base_id
    for _ in range(n_orgs):
        sid += 1
        t = rng.choice(types)
        hood = rng.choice(N.NEIGHBOURHOODS)
        name = rng.choice(N.ORG_PATTERNS[t]).format(hood=hood, family=rng.choice(N.FAMILY))
        if rng.random() < 0.5:
            name = f"{name} ({sid})" if any(r[4] == name for r in rows[-50:]) else name
        created = now - timedelta(days=rng.randint(30, 1500))
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        rows.append((sid, "organisation", t, "", name, name.casefold(), "", f"info@{slug}{sid}.example.org",
                     f"01{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                     f"{rng.randint(1, 200)} {rng.choice(N.STREETS)}", _postcode(rng), hood,
                     "email", "English", "", rng.randint(1, 5), rng.randint(1, 5), _position(rng),
                     1, created.date().isoformat(), "Partner agreement", 0, 0,
                     _ts(created), _ts(created)))
        orgs.append((sid, name, t))
    for _ in range(n - n_orgs):
        sid += 1
        given, family = rng.choice(N.GIVEN), rng.choice(N.FAMILY)
        hood = rng.choice(N.NEIGHBOURHOODS)
        created = now - timedelta(days=rng.randint(1, 1500))
        consent = rng.random() < 0.7
        email = f"{given}.{family}{sid}@example.org".lower().replace("'", "") if rng.random() < 0.8 else ""
        phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}" if rng.random() < 0.7 else ""
        notes = rng.choice(["", "", "Prefers evening calls.", "Lives next to the compound.",
                            "Chairs the school PTA.", "Hard of hearing — face-to-face preferred."])
        rows.append((sid, "person", rng.choices(["resident", "government", "business", "media", "other"],
                                                [90, 3, 4, 1, 2])[0],
                     given, f"{given} {family}", f"{family} {given}".casefold(), family, email, phone,
                     f"{rng.randint(1, 300)} {rng.choice(N.STREETS)}", _postcode(rng), hood,
                     rng.choice(["email", "phone", "letter", "in_person", ""]),
                     rng.choice(["English", "English", "English", "Polish", "Urdu", "Welsh", "Spanish"]),
                     notes, rng.randint(1, 5), rng.randint(1, 5), _position(rng),
                     int(consent), created.date().isoformat() if consent else None,
                     rng.choice(["Sign-in sheet", "Web form", "Phone", "Event"]) if consent else "",
                     int(rng.random() < 0.03), int(rng.random() < 0.02), _ts(created), _ts(created)))
        people.append(sid)
    con.executemany(
        "INSERT INTO stakeholder (id, kind, type, given_name, display_name, sort_name, family_name, email,"
        " phone, address, postcode, neighbourhood, preferred_channel, language, notes, influence, interest,"
        " position, consent, consent_date, consent_source, do_not_contact, archived, created_at, updated_at,"
        " organisation_name, version, anonymised)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',1,0)", rows)
    # Memberships: about a quarter of people belong to one or two organisations.
    members = []
    for pid in people:
        if rng.random() < 0.25:
            for oid, _, _ in rng.sample(orgs, k=1 if rng.random() < 0.8 else 2):
                members.append((pid, oid, rng.choice(N.ROLES)))
    con.executemany("INSERT OR IGNORE INTO membership (person_id, organisation_id, role) VALUES (?,?,?)", members)
    con.execute("UPDATE stakeholder SET organisation_name = COALESCE((SELECT o.display_name FROM membership m"
                " JOIN stakeholder o ON o.id = m.organisation_id WHERE m.person_id = stakeholder.id"
                " ORDER BY m.id LIMIT 1), '') WHERE id > ?", (base_id,))
    con.executemany("INSERT OR IGNORE INTO tag (name) VALUES (?)", [(t,) for t in N.TAGS])
    tag_ids = [r[0] for r in con.execute("SELECT id FROM tag WHERE name IN (%s)" % ",".join("?" * len(N.TAGS)), N.TAGS)]
    links = []
    for sid_ in range(base_id + 1, sid + 1):
        for t in rng.sample(tag_ids, k=rng.choice([0, 0, 1, 1, 2, 3])):
            links.append((sid_, t))
    con.executemany("INSERT OR IGNORE INTO stakeholder_tag (stakeholder_id, tag_id) VALUES (?,?)", links)
    return people, orgs


def _postcode(rng) -> str:
    letters = "ABCDEFGHJKLMNPRSTUWXYZ"
    return f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(1, 20)} {rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def _position(rng) -> str:
    return rng.choices(["supportive", "leaning_supportive", "neutral", "leaning_opposed", "opposed", "unknown"],
                       [15, 20, 30, 15, 10, 10])[0]


def _events(con, rng, n, people, now, tzname):
    tz = zone(tzname)
    rows, events = [], []
    base = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM event").fetchone()[0]
    for k in range(n):
        eid = base + k + 1
        etype = rng.choices(list(N.EVENT_TITLES), [30, 15, 10, 15, 15, 10, 5])[0]
        hood, venue = rng.choice(N.NEIGHBOURHOODS), rng.choice(N.VENUES)
        title = rng.choice(N.EVENT_TITLES[etype]).format(hood=hood, venue=venue)
        day = now.date() + timedelta(days=rng.randint(-540, 90))
        start_local = datetime.combine(day, time(rng.choice([10, 14, 18, 18, 19]), rng.choice([0, 30])), tz)
        end_local = start_local + timedelta(hours=rng.choice([1, 2, 2, 3]))
        past = day < now.date()
        status = rng.choices(["held", "cancelled"], [92, 8])[0] if past else \
            rng.choices(["planned", "confirmed", "postponed", "cancelled"], [40, 50, 5, 5])[0]
        rrule = "FREQ=WEEKLY;COUNT=6" if rng.random() < 0.1 else ""
        created = now - timedelta(days=rng.randint(0, 60)) if not past else \
            datetime.combine(day, time(9)) - timedelta(days=rng.randint(14, 60))
        rows.append((eid, f"{uuid.UUID(int=rng.getrandbits(128))}@commrel", 0, title, etype, status,
                     _ts(to_utc_naive(start_local)), _ts(to_utc_naive(end_local)), tzname, 0, venue,
                     f"{rng.randint(1, 99)} {rng.choice(N.STREETS)}, {hood}", rng.choice([None, 40, 60, 80, 120, 200]),
                     "Community Relations Team", "", f"{title}. All welcome; refreshments provided.",
                     rrule, "1440,60", "", "", _ts(created), _ts(created)))
        events.append((eid, start_local, status, title))
    con.executemany(
        "INSERT INTO event (id, uid, sequence, title, type, status, starts_at, ends_at, timezone, all_day, venue,"
        " address, capacity, organiser, organiser_email, description, rrule, reminders, tags, url, created_at,"
        " updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", rows)
    parts, interactions, ip = [], [], []
    next_iid = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM interaction").fetchone()[0]
    for eid, start, status, title in events:
        for pid in rng.sample(people, k=min(len(people), rng.randint(5, 30))):
            rsvp = rng.choices(["invited", "accepted", "declined", "tentative", "no_reply"], [20, 45, 10, 10, 15])[0]
            attended = status == "held" and rsvp in ("accepted", "tentative") and rng.random() < 0.8
            parts.append((eid, pid, rng.choices(["guest", "speaker", "partner", "staff"], [90, 3, 4, 3])[0],
                          rsvp, int(attended), _ts(to_utc_naive(start)) if attended else None))
            if attended:
                next_iid += 1
                when = _ts(to_utc_naive(start))
                interactions.append((next_iid, when, "event", "Community Relations Team", f"Attended {title}",
                                     eid, when, when))
                ip.append((next_iid, pid))
    con.executemany("INSERT OR IGNORE INTO event_participant (event_id, stakeholder_id, role, rsvp, attended,"
                    " checked_in_at) VALUES (?,?,?,?,?,?)", parts)
    con.executemany("INSERT INTO interaction (id, occurred_at, channel, staff, summary, follow_up, follow_up_done,"
                    " event_id, created_at, updated_at, version) VALUES (?,?,?,?,?,'',0,?,?,?,1)", interactions)
    con.executemany("INSERT INTO interaction_participant (interaction_id, stakeholder_id) VALUES (?,?)", ip)
    tasks = []
    for eid, start, status, _ in events:
        for pos, (title, days) in enumerate([("Book venue", 28), ("Send invitations", 21),
                                             ("Print sign-in sheet", 2), ("Send reminder", 1)]):
            due = (start - timedelta(days=days)).date()
            tasks.append((eid, title, rng.choice(["Sam", "Priya", "Jo", ""]), due.isoformat(),
                          int(due < now.date() or status == "held"), pos))
    con.executemany("INSERT INTO checklist_task (event_id, title, owner, due, done, position) VALUES (?,?,?,?,?,?)",
                    tasks)
    return events


def _interactions(con, rng, n, people, now):
    base = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM interaction").fetchone()[0]
    channels = ["meeting", "call", "email", "letter", "door_knock", "social_media"]
    rows, links = [], []
    last: dict[int, str] = {}
    for k in range(n):
        iid = base + k + 1
        when = now - timedelta(days=rng.randint(0, 720), minutes=rng.randint(0, 600))
        follow = rng.random() < 0.15
        due = (when + timedelta(days=rng.randint(3, 21))).date() if follow else None
        done = follow and (due < now.date() - timedelta(days=3) or rng.random() < 0.3) and rng.random() < 0.8
        ts = _ts(when)
        rows.append((iid, ts, rng.choices(channels, [20, 30, 30, 5, 10, 5])[0],
                     rng.choice(["Sam Carter", "Priya Shah", "Jo Evans", "Tom Reid"]),
                     rng.choice(N.INTERACTION_SUMMARIES), rng.choice(N.FOLLOW_UPS) if follow else "",
                     due.isoformat() if due else None, int(done), ts, ts))
        for pid in rng.sample(people, k=1 if rng.random() < 0.85 else min(len(people), 3)):
            links.append((iid, pid))
            if ts > last.get(pid, ""):
                last[pid] = ts
    con.executemany("INSERT INTO interaction (id, occurred_at, channel, staff, summary, follow_up, follow_up_due,"
                    " follow_up_done, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)", rows)
    con.executemany("INSERT OR IGNORE INTO interaction_participant (interaction_id, stakeholder_id) VALUES (?,?)",
                    links)
    con.executemany("UPDATE stakeholder SET last_contacted_at = ? WHERE id = ?"
                    " AND (last_contacted_at IS NULL OR last_contacted_at < ?)",
                    [(ts, pid, ts) for pid, ts in last.items()])


def _categories() -> dict[str, ConcernCategory]:
    existing = {c.name: c for c in ConcernCategory.select().where(ConcernCategory.parent.is_null())}
    for name, ack, res in DEFAULT_CATEGORIES:
        if name not in existing:
            existing[name] = ConcernCategory.create(name=name, acknowledge_days=ack, resolve_days=res)
    return existing


def _concerns(con, rng, n, people, events, now, tzname):
    cats = _categories()
    cat_names = [c for c in N.CONCERN_SUMMARIES if c in cats] or list(cats)
    counters: dict[int, int] = {r.year: r.last for r in ReferenceCounter.select().where(ReferenceCounter.prefix == "CR")}
    base = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM concern").fetchone()[0]
    received = sorted(now - timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 900)) for _ in range(n))
    rows, updates = [], []
    owners = ["Sam Carter", "Priya Shah", "Jo Evans", "Tom Reid", ""]
    for k, got in enumerate(received):
        cid = base + k + 1
        counters[got.year] = counters.get(got.year, 0) + 1
        ref = f"CR-{got.year}-{counters[got.year]:04d}"
        cat = cats[rng.choice(cat_names)]
        path = rng.choices(_PATHS, [70, 10, 12, 8])[0]
        age = (now - got).days
        # Older concerns have gone further along their path.
        steps = min(len(path), 1 + int(len(path) * min(1.0, age / 60) * rng.uniform(0.6, 1.2)))
        trail = path[:max(1, steps)]
        anonymous = rng.random() < 0.08
        complainant = None if anonymous else rng.choice(people)
        ack_due = got + timedelta(days=cat.acknowledge_days)
        target = got + timedelta(days=cat.resolve_days)
        t = got
        ack_at = closed_at = responded_at = None
        for a, b in zip(trail, trail[1:]):
            t = t + timedelta(days=rng.randint(1, 9) if b == "acknowledged" else rng.randint(1, 12), hours=rng.randint(0, 6))
            t = min(t, now)
            if b == "acknowledged":
                ack_at = t
            if b == "responded":
                responded_at = t
            if b in ("closed_resolved", "closed_unresolved", "referred", "rejected"):
                closed_at = t
            updates.append((cid, _ts(t), "status", f"Moved to {b.replace('_', ' ')}", a, b, rng.choice(owners[:4])))
        updates.append((cid, _ts(got), "status", "Concern received", "", "received", "Community Relations Team"))
        status = trail[-1]
        summary = rng.choice(N.CONCERN_SUMMARIES.get(cat.name, ["General concern"]))
        hood = rng.choice(N.NEIGHBOURHOODS)
        event_id = None
        if events and rng.random() < 0.1:
            event_id = rng.choice(events)[0]
        rows.append((cid, ref, _ts(got), rng.choice(["phone", "email", "letter", "in_person", "event", "web_form",
                                                     "social_media"]),
                     complainant, int(anonymous), int(rng.random() < 0.1), cat.id, f"Near {rng.choice(N.STREETS)}",
                     hood, summary, f"{summary}. Reported by a resident of {hood}.",
                     rng.choice(["low", "medium", "medium", "high", "critical"]),
                     rng.choice(["low", "normal", "normal", "high", "urgent"]), rng.choice(owners), status,
                     _ts(ack_due), _ts(ack_at), "Community Relations Team" if ack_at else "",
                     rng.choice(["phone", "letter", "email"]) if ack_at else "", _ts(target),
                     "Outside the project's responsibility." if status == "rejected" else "",
                     "Works rescheduled; monitoring in place." if status in ("closed_resolved", "implemented") else "",
                     "Satisfied with the changes." if status == "closed_resolved" else "",
                     rng.choice(["satisfied", "partly_satisfied"]) if status == "closed_resolved" else
                     ("not_satisfied" if status in ("closed_unresolved", "referred") else ""),
                     "Independent ombudsman" if status == "referred" else "", _ts(closed_at), event_id,
                     _ts(got), _ts(t),
                     "Appeal not upheld." if status in ("closed_unresolved", "referred") else "",
                     _ts(responded_at)))
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


_HEADLINES = [("Bridge works ahead of schedule", "positive"), ("Residents raise dust worries", "negative"),
              ("New footpath opens by the river", "positive"), ("Night works planned for March", "neutral"),
              ("Project funds youth football kit", "positive"), ("Road closure causes delays", "negative"),
              ("Open house draws a crowd", "positive"), ("What the new station means for Millbrook", "neutral")]


def _media(rng, people, orgs, events, now):
    """A small press office: outlets, journalists, a media list, inquiries, releases and coverage."""
    from .models import (Coverage, Distribution, MediaInquiry, MediaList, MediaListMember, MediaProfile,
                         PressMaterial)
    from .services.bulk import insert_rows

    if "media_profile" not in database.get_tables():  # an older schema (the migration fixtures)
        return
    outlets = [oid for oid, _, t in orgs if t == "media"]
    journalists = [r[0] for r in database.execute_sql(
        "SELECT id FROM stakeholder WHERE kind = 'person' AND type = 'media' ORDER BY id")]
    if not outlets:
        return
    kinds = ["newspaper", "radio", "online", "newsletter", "tv"]
    insert_rows(MediaProfile, [dict(stakeholder=o, outlet_kind=rng.choice(kinds), reach=rng.choice(
        [1500, 4000, 12000, 25000, 60000]), beat="", deadlines="", preferred_contact="email") for o in outlets]
        + [dict(stakeholder=j, outlet_kind="", reach=None, beat=rng.choice(
            ["Transport", "Local politics", "Environment", "Community"]), deadlines=rng.choice(
            ["Tuesdays 5pm", "Daily 3pm", "Fridays noon"]), preferred_contact="phone") for j in journalists])
    press_list = MediaList.create(name="Local press", description="Newsrooms and reporters covering the project")
    insert_rows(MediaListMember, [dict(media_list=press_list.id, stakeholder=i) for i in outlets + journalists])
    n_releases = max(4, len(people) // 400)
    releases = []
    for k in range(n_releases):
        issued = (now - timedelta(days=rng.randint(0, 300))).date()
        releases.append(dict(kind=rng.choice(["release", "release", "statement"]), title=rng.choice(
            ["Bridge works reach halfway", "Community fund opens", "Night works notice", "Station design unveiled",
             "Statement on dust monitoring", "Footpath reopens"]) + f" ({issued:%b %Y})", issued_on=issued,
            status="sent", file_path="", body="", media_list=press_list.id, created_at=now, updated_at=now,
            version=1))
    release_ids = insert_rows(PressMaterial, releases)
    recipients = [i for i in outlets + journalists]
    insert_rows(Distribution, [dict(material=r, stakeholder=s, sent_at=now) for r in release_ids for s in recipients])
    coverage = []
    for k in range(max(8, len(people) // 100)):
        headline, tone = rng.choice(_HEADLINES)
        outlet = rng.choice(outlets)
        coverage.append(dict(outlet=outlet, outlet_name="", published_on=(now - timedelta(days=rng.randint(0, 330))).date(),
                             headline=headline, url="", file_path="", reach=rng.choice([1500, 4000, 12000]), tone=tone,
                             topics="", material=rng.choice(release_ids) if rng.random() < 0.5 else None,
                             event=None, concern=None, created_at=now, updated_at=now, version=1))
    insert_rows(Coverage, coverage)
    database.execute_sql("UPDATE coverage SET outlet_name = (SELECT display_name FROM stakeholder s"
                         " WHERE s.id = coverage.outlet_id) WHERE outlet_name = ''")
    inquiries = []
    for k in range(max(5, len(people) // 200)):
        # The newest few are still open, one of them past its deadline.
        got = now - (timedelta(hours=6 + 20 * k) if k < 3 else timedelta(days=rng.randint(3, 120)))
        answered = k >= 3
        inquiries.append(dict(received_at=got, journalist=rng.choice(journalists) if journalists else None,
                              outlet=rng.choice(outlets), question=rng.choice(
                                  ["When will the road reopen?", "How many complaints about dust this month?",
                                   "Can we film at the site on Friday?", "Comment on the new bus diversion?"]),
                              deadline=got + timedelta(hours=[4, 30, 72][k] if k < 3 else 24),
                              assigned_to=rng.choice(["Priya Shah", "Sam Carter"]),
                              status="answered" if answered else "open",
                              response="Statement given." if answered else "", spokesperson="Project director"
                              if answered else "", responded_at=got + timedelta(hours=rng.randint(1, 30))
                              if answered else None, interaction=None, created_at=now, updated_at=now, version=1))
    insert_rows(MediaInquiry, inquiries)
