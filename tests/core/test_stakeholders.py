import pytest

from commrel.errors import ConflictError, NotFound, ValidationError
from commrel.services import history
from commrel.services import stakeholder_queries as q
from commrel.services import stakeholders as svc


def person(**kw):
    data = dict(given_name="Amina", family_name="Okafor", email="amina@example.org")
    data.update(kw)
    return svc.create(**data)


def test_create_person_derives_display_and_sort_names():
    s = person()
    assert s.display_name == "Amina Okafor"
    assert s.sort_name == "okafor amina"
    assert s.kind == "person" and s.type == "resident"


def test_phone_is_kept_exactly_as_typed():
    s = person(phone="020 7946 0018")
    assert svc.get(s.id).phone == "020 7946 0018"


@pytest.mark.parametrize("field,value,message", [
    ("email", "not-an-email", "not an email address"),
    ("phone", "call me maybe", "not a phone number"),
    ("influence", 9, "between 1 and 5"),
    ("type", "alien", "is not one of"),
    ("position", "furious", "is not one of"),
])
def test_invalid_values_name_the_field(field, value, message):
    with pytest.raises(ValidationError, match=message) as err:
        person(**{field: value})
    assert err.value.field == field


def test_person_without_names_and_organisation_without_name_are_refused():
    with pytest.raises(ValidationError, match="given name or a family name"):
        svc.create(kind="person")
    with pytest.raises(ValidationError, match="organisation needs a name"):
        svc.create(kind="organisation")


def test_consent_needs_a_date():
    with pytest.raises(ValidationError) as err:
        person(consent=True)
    assert err.value.field == "consent_date"
    s = person(consent=True, consent_date="2026-03-01", consent_source="sign-in sheet")
    assert str(s.consent_date) == "2026-03-01"


def test_update_records_field_history_and_bumps_version():
    s = person()
    svc.update(s.id, email="amina.o@example.org", neighbourhood="Riverside")
    s2 = svc.get(s.id)
    assert s2.version == 2 and s2.neighbourhood == "Riverside"
    changes = {(h.field, h.old_value, h.new_value) for h in history.for_entity("stakeholder", s.id)}
    assert ("email", "amina@example.org", "amina.o@example.org") in changes
    assert ("neighbourhood", "", "Riverside") in changes
    assert all(h.by == "tester" for h in history.for_entity("stakeholder", s.id))


def test_changing_given_name_updates_derived_display_name():
    s = person()
    svc.update(s.id, given_name="Aminata")
    assert svc.get(s.id).display_name == "Aminata Okafor"


def test_stale_edit_is_a_conflict_not_an_overwrite():
    s = person()
    svc.update(s.id, expected_version=1, phone="0123 456")
    with pytest.raises(ConflictError) as err:
        svc.update(s.id, expected_version=1, phone="0999 999")
    assert err.value.theirs["phone"] == "0123 456"
    assert svc.get(s.id).phone == "0123 456"


def test_memberships_show_the_organisation_on_the_person_and_in_search():
    org = svc.create(kind="organisation", type="civic_group", display_name="Riverside Residents Association")
    p = person()
    svc.add_membership(p.id, org.id, "Chair")
    assert svc.get(p.id).organisation_name == "Riverside Residents Association"
    assert p.id in q.ids(q.StakeholderFilter(text="riversi"))
    with pytest.raises(ValidationError, match="already a member"):
        svc.add_membership(p.id, org.id, "Chair")
    svc.update(org.id, display_name="Riverside Neighbours")
    assert svc.get(p.id).organisation_name == "Riverside Neighbours"
    m, _ = svc.memberships(p.id)[0]
    svc.remove_membership(m.id)
    assert svc.get(p.id).organisation_name == ""


def test_tags_bulk_tag_and_filter():
    a, b, c = person(), person(given_name="Ben", email=""), person(given_name="Cleo", email="")
    svc.set_tags(a.id, ["flood", "  Flood  ", "school run"])
    assert svc.tags_of(a.id) == ["flood", "Flood", "school run"] or svc.tags_of(a.id) == ["Flood", "flood", "school run"]
    assert svc.bulk_tag([a.id, b.id], "newsletter") == 2
    assert svc.bulk_tag([a.id, b.id], "newsletter") == 0
    assert set(q.ids(q.StakeholderFilter(tags=["newsletter"]))) == {a.id, b.id}
    assert set(q.ids(q.StakeholderFilter(tags=["newsletter", "school run"]))) == {a.id}
    assert c.id not in q.ids(q.StakeholderFilter(text="newsletter"))


def test_archive_hides_from_register_and_restores():
    a, b = person(), person(given_name="Ben", email="")
    assert svc.archive([a.id]) == 1
    assert q.ids(q.StakeholderFilter()) == [b.id]
    assert q.ids(q.StakeholderFilter(archived=True)) == [a.id]
    svc.archive([a.id], archived=False)
    assert q.count() == 2


def test_delete_says_what_it_removes_and_can_be_undone():
    org = svc.create(kind="organisation", display_name="Green Futures")
    p = person()
    svc.add_membership(p.id, org.id, "Volunteer")
    svc.set_tags(p.id, ["energy"])
    impact = svc.delete_impact([p.id])
    assert impact.memberships == 1
    assert "1 organisation membership" in impact.describe()
    snaps = svc.delete([p.id])
    with pytest.raises(NotFound):
        svc.get(p.id)
    svc.restore_snapshots(snaps)
    back = svc.get(p.id)
    assert back.organisation_name == "Green Futures"
    assert svc.tags_of(p.id) == ["energy"]
    assert p.id in q.ids(q.StakeholderFilter(text="amina"))


def test_page_sorts_in_sql_and_filters_by_text():
    for given, family, hood in [("Zoe", "Adams", "North"), ("Yusuf", "Brown", "South"), ("Xia", "Chen", "North")]:
        svc.create(given_name=given, family_name=family, neighbourhood=hood)
    names = [r.display_name for r in q.page(q.StakeholderFilter(), sort="name")]
    assert names == ["Zoe Adams", "Yusuf Brown", "Xia Chen"]
    names = [r.display_name for r in q.page(q.StakeholderFilter(neighbourhoods=["North"]), sort="name", descending=True)]
    assert names == ["Xia Chen", "Zoe Adams"]
    assert [r.display_name for r in q.page(q.StakeholderFilter(text="yus"))] == ["Yusuf Brown"]
    assert q.page(q.StakeholderFilter(text="***")) != []  # no words: no text filter at all
    assert q.count(q.StakeholderFilter(text="nobody-like-this")) == 0


def test_saved_views_round_trip():
    f = q.StakeholderFilter(types=["ngo"], positions=["opposed"], not_contacted_days=90)
    q.save_view("Opposed NGOs", f)
    assert q.saved_views() == [("Opposed NGOs", f)]
    with pytest.raises(ValidationError):
        q.save_view("  ", f)


def test_search_ranks_and_limits():
    for n in range(5):
        svc.create(given_name="Robin", family_name=f"Hood{n}")
    a = svc.create(given_name="Roberta", family_name="Archived")
    svc.archive([a.id])
    rows = q.search("rob", limit=3)
    assert len(rows) == 3 and all(r.display_name.startswith("Robin") for r in rows)
    assert "Roberta Archived" not in [r.display_name for r in q.search("rob")]
    assert "Roberta Archived" in [r.display_name for r in q.search("rob", include_archived=True)]


def test_search_fills_its_limit_when_archived_records_rank_first():
    # Archived people with the shortest records rank above every live one.
    archived = [svc.create(given_name="Rob", family_name="") for _ in range(4)]
    svc.archive([p.id for p in archived])
    live = [svc.create(given_name="Robin", family_name=f"Hood{n}", notes="Lives by the old mill race")
            for n in range(3)]
    assert q.search("rob", limit=3, include_archived=True)[0].archived
    assert sorted(r.id for r in q.search("rob", limit=3)) == [p.id for p in live]
    assert len(q.search("rob", limit=2)) == 2


def test_picking_shows_names_holding_the_words_before_other_matches():
    for n in range(4):
        svc.create(kind="organisation", display_name=f"Allotment Society {n}", neighbourhood="Harbourside")
    traders = svc.create(kind="organisation", display_name="Harbour Traders")
    svc.create(given_name="Hal", family_name="Harbour")  # a person: left out when picking organisations
    svc.archive([svc.create(kind="organisation", display_name="Harbour Old Boys").id])
    picked = [r.display_name for r in q.pick("harb", kinds=["organisation"], limit=3)]
    assert picked == ["Harbour Traders", "Allotment Society 0", "Allotment Society 1"]
    assert [r.id for r in q.pick("harbour trad", kinds=["organisation"])] == [traders.id]
    assert [r.display_name for r in q.pick("harb", limit=2)] == ["Hal Harbour", "Harbour Traders"]
    assert q.pick("  ", kinds=["organisation"]) == []


def test_membership_names_count_them_all_and_name_the_first():
    org = svc.create(kind="organisation", display_name="Harbour Traders")
    people = [svc.create(given_name=g, family_name="Trader") for g in ("Cy", "Al", "Bo")]
    for n, p in enumerate(people):
        svc.add_membership(p.id, org.id, "Treasurer" if n == 1 else "")
    assert svc.membership_names(org.id, limit=2) == (3, [("Al Trader", "Treasurer"), ("Bo Trader", "")])
    assert svc.membership_names(people[0].id) == (1, [("Harbour Traders", "")])
