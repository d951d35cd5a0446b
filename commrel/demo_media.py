"""The sample register's press office: outlets, journalists, a media list, inquiries, releases and coverage.

Part of :mod:`commrel.demo`; drawn after the register, from its media organisations and people.
"""
from __future__ import annotations

from datetime import timedelta

from .models import database

_HEADLINES = [("Bridge works ahead of schedule", "positive"), ("Residents raise dust worries", "negative"),
              ("New footpath opens by the river", "positive"), ("Night works planned for March", "neutral"),
              ("Project funds youth football kit", "positive"), ("Road closure causes delays", "negative"),
              ("Open house draws a crowd", "positive"), ("What the new station means for Millbrook", "neutral")]


def generate(rng, people, orgs, now) -> None:
    """A small press office: outlets, journalists, a media list, inquiries, releases and coverage."""
    from .models import Coverage, MediaInquiry, MediaList, MediaListMember, MediaProfile, PressMaterial
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
    recipients = outlets + journalists
    # Every release to every recipient: hundreds of thousands of rows at full size, too many for dicts.
    sent = now.isoformat(" ", "seconds")
    database.connection().executemany(
        "INSERT INTO distribution (material_id, stakeholder_id, sent_at) VALUES (?,?,?)",
        [(r, s, sent) for r in release_ids for s in recipients])
    coverage = []
    for k in range(max(8, len(people) // 100)):
        headline, tone = rng.choice(_HEADLINES)
        outlet = rng.choice(outlets)
        published = (now - timedelta(days=rng.randint(0, 330))).date()
        coverage.append(dict(outlet=outlet, outlet_name="", published_on=published,
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
