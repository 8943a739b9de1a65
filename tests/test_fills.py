"""Fill rules: applied in order, each one reported as a note and kept on the workspace."""

import pandas as pd

from playbook.fills import Fill, apply_fills
from playbook.problems import Severity


def _set_aside_blank_amounts(tables, profile):
    deals = tables["deals"]
    blank = deals["amount"].isna()
    tables["deals"] = deals[~blank]
    return [Fill("deals", "amount", int(blank.sum()), "test rule: blank amounts set aside")]


def _touches_nothing(tables, profile):
    return [Fill("deals", "units", 0, "never shown: no row touched")]


def test_rules_run_in_order_and_are_reported_with_their_row_count():
    tables = {"deals": pd.DataFrame({"amount": [1.0, None, None]})}
    problems = []
    fills = apply_fills(
        tables,
        None,
        {"deals": "export.csv"},
        problems,
        [_set_aside_blank_amounts, _touches_nothing],
    )
    assert [f.text for f in fills] == ["deals.amount: test rule: blank amounts set aside (2 rows)"]
    assert len(tables["deals"]) == 1
    (note,) = problems
    assert (note.file, note.column, note.level) == ("export.csv", "amount", Severity.NOTE)
    assert note.expected == "rule applied: test rule: blank amounts set aside (2 rows)"


def test_a_rule_on_a_derived_table_names_it_as_derived():
    problems = []
    apply_fills({}, None, {}, problems, [lambda t, p: [Fill("accounts", "account_id", 1, "x")]])
    assert problems[0].file == "accounts (derived)"
    assert Fill("accounts", "account_id", 1, "x").text == "accounts.account_id: x (1 row)"


def test_an_error_a_rule_finds_is_reported_with_the_tables_file():
    from playbook.problems import Problem

    def _finds_an_error(tables, profile):
        return [Problem("deal_partners", 3, "split_pct", "90", "splits must add up to 100")]

    problems = []
    fills = apply_fills(
        {}, None, {"deal_partners": "Opportunity Partners.csv"}, problems, [_finds_an_error]
    )
    assert fills == []
    assert problems == [
        Problem("Opportunity Partners.csv", 3, "split_pct", "90", "splits must add up to 100")
    ]
