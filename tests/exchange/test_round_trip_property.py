"""Property: whatever stakeholders are stored, exporting them and planning the file changes nothing."""
import string
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commrel.errors import ValidationError
from commrel.exchange import csv_format, xlsx
from commrel.exchange.spreadsheet_import import plan_import
from commrel.models import choices
from commrel.services import stakeholders as svc

# Text as people type it: letters in many scripts, digits, punctuation, formula
# starters and line breaks; no control characters (a spreadsheet cannot hold them).
_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
text = st.text(_chars | st.sampled_from("=+-@'\n"), max_size=30)
name = st.text(st.sampled_from(string.ascii_letters + "ÀÉÎØÜßçñ'- =+@"), min_size=1, max_size=20)
# Tag names are split on ";" and "," when read back, so those cannot be in one.
tag = st.text(st.sampled_from(string.ascii_letters + string.digits + " -éø"), min_size=1, max_size=12)

person = st.fixed_dictionaries({
    "kind": st.sampled_from(["person", "organisation"]),
    "given_name": name,
    "family_name": name,
    "display_name": st.one_of(st.just(""), name),
    "email": st.one_of(st.just(""), st.from_regex(r"[a-z0-9._%+=-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,4}",
                                                  fullmatch=True)),
    "phone": st.one_of(st.just(""), st.from_regex(r"\+?0[0-9]{3}( ?[0-9]{3}){2}", fullmatch=True)),
    "postcode": st.one_of(st.just(""), st.from_regex(r"[0-9]{5}|[A-Z]{2}[0-9] [0-9][A-Z]{2}", fullmatch=True)),
    "address": text,
    "neighbourhood": text,
    "notes": text,
    "type": st.sampled_from(list(choices.STAKEHOLDER_TYPES)),
    "position": st.sampled_from(list(choices.POSITIONS)),
    "preferred_channel": st.sampled_from([""] + list(choices.CONTACT_CHANNELS)),
    "influence": st.integers(1, 5),
    "interest": st.integers(1, 5),
    "consent": st.booleans(),
    "consent_date": st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    "do_not_contact": st.booleans(),
    "tags": st.lists(tag, max_size=3),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(person, min_size=1, max_size=4))
def test_export_then_plan_is_all_unchanged(tmp_path, records):
    for record in records:
        data = dict(record)
        if data["kind"] == "organisation" and not data["display_name"].strip():
            data["display_name"] = data["family_name"]
        if not data["consent"]:
            data["consent_date"] = None
        try:
            svc.create(**data)
        except ValidationError:  # the form would have refused it too (e.g. a name of spaces)
            continue
    for path in (xlsx.export(tmp_path / "round.xlsx").path, csv_format.export(tmp_path / "round.csv").path):
        plan = plan_import(path)
        assert plan.errors == []
        assert {r.outcome for r in plan.rows} <= {"unchanged"}, [
            (r.location, r.outcome, r.differences, r.message) for r in plan.rows if r.outcome != "unchanged"]
