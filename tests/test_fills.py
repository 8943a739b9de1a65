"""Fill rules: applied in order, each one reported as a note and kept on the workspace."""

import pandas as pd

from playbook.fills import Fill, apply_fills
from playbook.problems import Severity, report_lines


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


def test_rules_of_one_group_are_one_line_in_a_report_and_each_listed_by_check():
    """26 partner names read one by one are 26 lines for `check` but one line in a report."""
    fills = [
        Fill("deals", "close_date", 5, "expected close dates set aside"),
        Fill("deals", "partner_id", 74, "'brightline.io' read as partner B", "names read"),
        Fill("deals", "partner_id", 47, "'BRIGHTLINE' read as partner B", "names read"),
        Fill("deal_partners", "partner_id", 1, "'b.io' read as partner B", "names read"),
    ]
    assert report_lines(fills) == [
        "deals.close_date: expected close dates set aside (5 rows)",
        "deals.partner_id: 2 names read (121 rows; each listed by playbook check)",
        "deal_partners.partner_id: 1 names read (1 row; each listed by playbook check)",
    ]
    assert fills[1].text == "deals.partner_id: 'brightline.io' read as partner B (74 rows)"
