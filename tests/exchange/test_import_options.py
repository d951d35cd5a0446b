"""What a plan tells an import screen: date questions, sample rows, sheets; a guess at the kind."""
from datetime import date

from commrel.exchange import mapping
from commrel.exchange.spreadsheet_import import apply_import, guess_kind, plan_import


def test_an_ambiguous_date_column_is_a_question_until_answered(write_csv):
    path = write_csv([["Name", "Consent date", "Follow-up"],
                      ["Ann Bee", "03/04/2026", "x"],
                      ["Cy Dee", "05/06/2026", "y"]])
    plan = plan_import(path)
    question = plan.options["date_questions"]["Consent date"]
    assert question["example"] == "03/04/2026" and question["read_as"] == "dmy"
    assert question["warning"] in plan.options["warnings"]
    assert plan.rows[0].values["consent_date"] == date(2026, 4, 3)

    answered = plan_import(path, date_orders={"Consent date": "mdy"})
    assert answered.options["date_questions"] == {} and answered.options["warnings"] == []
    assert answered.rows[0].values["consent_date"] == date(2026, 3, 4)
    assert answered.options["date_orders"] == {"Consent date": "mdy"}


def test_a_column_that_settles_its_own_order_asks_nothing(write_csv):
    plan = plan_import(write_csv([["Name", "Consent date"], ["Ann Bee", "03/04/2026"], ["Cy Dee", "25/04/2026"]]))
    assert plan.options["date_questions"] == {}


def test_samples_and_sheets_come_with_the_plan(write_xlsx):
    path = write_xlsx([["Partner list"], [], ["Surname", "Forename"]] + [[f"S{i}", f"F{i}"] for i in range(8)],
                      sheet="People", extra_sheets=("Notes",))
    plan = plan_import(path)
    assert plan.options["header_row"] == 3
    assert plan.options["samples"] == [[f"S{i}", f"F{i}"] for i in range(5)]
    assert plan.options["sheets"] == ["People", "Notes"]


def test_the_mapping_is_remembered_only_when_asked(write_csv):
    path = write_csv([["Surname", "Forename", "Tel. (work)"], ["Nowak", "Ewa", "07700 900999"]])
    plan = plan_import(path, mapping={"Tel. (work)": "phone"})
    plan.options["remember_mapping"] = False
    apply_import(plan)
    assert mapping.saved_mapping("stakeholders") == {}
    assert plan_import(path).options["mapping"]["Tel. (work)"] is None
    again = write_csv([["Tel. (work)", "Surname", "Forename"], ["07700 900888", "Ade", "Olu"]], name="again.csv")
    apply_import(plan_import(again, mapping={"Tel. (work)": "phone"}))
    assert plan_import(path).options["mapping"]["Tel. (work)"] == "phone"


def test_guess_kind_from_the_sheet_name_or_the_headers(write_xlsx, write_csv):
    assert guess_kind(write_xlsx([["Title", "Start"]], name="a.xlsx", sheet="Events")) == "events"
    assert guess_kind(write_csv([["Title", "Starts", "Ends", "Venue"]], name="b.csv")) == "events"
    assert guess_kind(write_csv([["Reference", "Summary", "Received", "Category"]], name="c.csv")) == "concerns"
    assert guess_kind(write_csv([["Name", "Email"]], name="d.csv")) == "stakeholders"
    assert guess_kind(write_csv([["nothing", "known"]], name="e.csv")) == "stakeholders"
