"""Coverage from a clippings sheet: renamed columns, tone words, outlets by name, re-import, undo."""
from __future__ import annotations

from datetime import date

import pytest

from commrel import cli
from commrel.exchange.spreadsheet_import import apply_import, plan_import
from commrel.models import Coverage
from commrel.services import batches, coverage, media

HEADERS = ["Published", "Publication", "Article title", "URL", "Circulation", "Sentiment", "Themes"]
ROWS = [
    [date(2026, 3, 2), "riverside gazette", "Bridge works begin", "https://g.example/1", 12000, "Good", "traffic"],
    [date(2026, 3, 5), "Hill Radio", "Residents ask about noise", "", None, "neg", "noise"],
    [date(2026, 3, 9), "Town Blog", "Open day draws a crowd", None, 800, "", ""],
    [date(2026, 3, 12), "Riverside Gazette", "Letters: dust on cars", None, None, "bad", "dust"],
    [date(2026, 3, 14), "Hill Radio", "Council update", None, None, "pos", ""],
]


@pytest.fixture
def gazette():
    outlet = media.create_contact(name="Riverside Gazette", outlet=True)
    media.set_profile(outlet.id, outlet_kind="newspaper", reach=15000)
    return outlet.id


@pytest.fixture
def clippings(write_xlsx):
    return write_xlsx([HEADERS, *ROWS], name="clippings.xlsx")


def _stored():
    return {c.headline: c for c in Coverage.select()}


def test_a_sheet_with_its_own_column_names_imports(clippings, gazette):
    plan = plan_import(clippings, "coverage")
    assert plan.options["mapping"] == {"Published": "published_on", "Publication": "outlet",
                                       "Article title": "headline", "URL": "url", "Circulation": "reach",
                                       "Sentiment": "tone", "Themes": "topics"}
    assert plan.counts()["create"] == 5 and not plan.errors
    result = apply_import(plan)
    assert result.created == 5
    stored = _stored()
    works = stored["Bridge works begin"]
    assert (works.published_on, works.url, works.reach, works.topics) == (
        date(2026, 3, 2), "https://g.example/1", 12000, "traffic")
    assert stored["Open day draws a crowd"].reach == 800


def test_tone_words_and_blanks(clippings, gazette):
    apply_import(plan_import(clippings, "coverage"))
    tones = {h: c.tone for h, c in _stored().items()}
    assert tones == {"Bridge works begin": "positive", "Residents ask about noise": "negative",
                     "Open day draws a crowd": "neutral", "Letters: dust on cars": "negative",
                     "Council update": "positive"}


def test_outlets_match_media_organisations_by_name_else_stay_text(clippings, gazette):
    apply_import(plan_import(clippings, "coverage"))
    stored = _stored()
    for headline in ("Bridge works begin", "Letters: dust on cars"):
        assert stored[headline].outlet_id == gazette
        assert stored[headline].outlet_name == "Riverside Gazette"
    assert stored["Letters: dust on cars"].reach == 15000  # blank reach takes the outlet's
    radio = stored["Residents ask about noise"]
    assert (radio.outlet_id, radio.outlet_name, radio.reach) == (None, "Hill Radio", None)


def test_importing_the_same_sheet_again_adds_nothing(clippings, gazette, write_xlsx):
    apply_import(plan_import(clippings, "coverage"))
    again = plan_import(clippings, "coverage")
    assert again.counts()["unchanged"] == 5 and again.counts()["create"] == 0
    assert apply_import(again).batch_id is None
    # The outlet in other case and spacing is the same outlet; a new tone updates the item.
    changed = write_xlsx([HEADERS, [date(2026, 3, 5), "HILL  radio", "Residents ask about noise", "", None,
                                    "Neutral", "noise"]], name="changed.xlsx")
    plan = plan_import(changed, "coverage")
    assert plan.counts()["update"] == 1
    assert plan.rows[0].differences == {"tone": ("negative", "neutral")}
    apply_import(plan)
    assert _stored()["Residents ask about noise"].tone == "neutral"
    assert Coverage.select().count() == 5


def test_rows_missing_what_coverage_needs_are_skipped(write_xlsx):
    path = write_xlsx([HEADERS, [date(2026, 3, 2), "", "No outlet", None, None, "", ""],
                       [None, "Hill Radio", "No date", None, None, "", ""],
                       [date(2026, 3, 2), "Hill Radio", "Fine", None, None, "glowing", ""]])
    plan = plan_import(path, "coverage")
    assert [r.outcome for r in plan.rows] == ["skip", "skip", "skip"]
    assert "Publication" in plan.rows[0].message and "Published" in plan.rows[1].message
    assert "glowing" in plan.rows[2].message


def test_undo_removes_created_and_restores_updated_coverage(clippings, gazette, write_xlsx):
    kept = coverage.log(published_on=date(2026, 3, 5), outlet_name="Hill Radio",
                        headline="Residents ask about noise", tone="neutral")
    result = apply_import(plan_import(clippings, "coverage"))
    assert (result.created, result.updated) == (4, 1)
    assert Coverage.get_by_id(kept.id).tone == "negative"
    batches.undo(result.batch_id)
    assert [c.id for c in Coverage.select()] == [kept.id]
    assert Coverage.get_by_id(kept.id).tone == "neutral"


def test_the_command_line_imports_coverage(tmp_path, clippings, capsys):
    code = cli.main(["--db", str(tmp_path / "cli.sqlite3"), "import", str(clippings), "--kind", "coverage"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "5" in out


def test_coverage_cannot_be_exported_to_a_sheet(tmp_path, capsys):
    code = cli.main(["--db", str(tmp_path / "cli.sqlite3"), "export", str(tmp_path / "out.xlsx"),
                     "--kind", "coverage"])
    _, err = capsys.readouterr()
    assert code != 0
    assert "cannot export “coverage”" in err
