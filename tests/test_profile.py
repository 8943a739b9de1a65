"""profile.yaml: read and validated; every problem names the key or the line."""

from __future__ import annotations

import pytest
from conftest import PROFILE, TINY, not_history, only, problems_of, write_workspace

from playbook.schema import TABLES_BY_NAME
from playbook.workspace import check_workspace


def test_profile_errors_name_the_key(tmp_path):
    ws = write_workspace(
        tmp_path / "ws", TINY, profile="name: X\nclient_id: a\ncurrency: usd\ncompetitor: [A]\n"
    )
    errors = problems_of(ws)
    assert {p.column for p in errors} == {"currency", "competitor"}
    assert all(p.file == "profile.yaml" for p in errors)


def test_broken_yaml_names_the_line(tmp_path):
    ws = write_workspace(
        tmp_path / "ws", TINY, profile="name: X\ncompetitors: [A, B\nclient_id: a\n"
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.value) == ("profile.yaml", 3, "client_id: a")
    assert p.expected.startswith("not valid YAML") and "line 3" in p.expected


def test_unknown_date_order_in_profile_is_refused(tmp_path):
    ws = write_workspace(tmp_path / "ws", dict(TINY), profile=PROFILE + "date_order: YMD\n")
    p = only(problems_of(ws))
    assert p.file == "profile.yaml" and "date_order" in f"{p.column} {p.expected}"


@pytest.mark.parametrize(
    "mapping, message",
    [
        (
            "column_names: {deals: {Opportunity ID: deal_number}}",
            "deals: no column ['deal_number']",
        ),
        (
            "column_names: {opportunities: {Opportunity ID: deal_id}}",
            "unknown table 'opportunities'",
        ),
        ("value_names: {deals.stage: {Negotiation: negotiating}}", "['negotiating'] not allowed"),
        ("value_names: {deals.amount: {x: y}}", "fixed list of values"),
        ("files: {deals: ../other-client/deals.csv}", "must be the name of a .csv or .xlsx file"),
        ("files: {opportunities: export.csv}", "unknown table 'opportunities'"),
    ],
)
def test_mappings_that_point_nowhere_are_refused(tmp_path, mapping, message):
    ws = write_workspace(tmp_path / "ws", TINY, profile=PROFILE + mapping + "\n")
    p = only(problems_of(ws))
    assert p.file == "profile.yaml" and message in p.expected


# A raw CRM export read through profile.yaml's mappings (file name, headers, stage names).
EXPORT = """\
Opportunity ID,Partner,Attribution,Stage,Created,Closed,Value
O-1,P1,sourced,Closed Won,2024-01-10,2024-03-10,10000
O-2,,direct,Negotiation,2024-02-01,,5000
"""
MAPPED = """\
files: {deals: Opportunities.csv}
column_names:
  deals: {Opportunity ID: deal_id, Partner: partner_id, Created: created_date,
          Closed: close_date, Value: amount}
value_names:
  deals.stage: {Closed Won: won, Negotiation: proposal}
"""


def _mapped(tmp_path, profile):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + profile)
    (ws / "Opportunities.csv").write_text(EXPORT, encoding="utf-8")
    return ws


def test_a_mapped_export_reads_without_problems(tmp_path):
    """The control for the two tests below: the same export with a correct profile."""
    ws = _mapped(tmp_path, MAPPED)
    assert problems_of(ws) == [] and not_history(problems_of(ws, "warning")) == []
    deals = check_workspace(ws)[0].table("deals")
    assert list(deals["stage"]) == ["won", "proposal"]


def test_an_unknown_key_is_reported_alone_and_the_mappings_still_apply(tmp_path):
    ws = _mapped(tmp_path, MAPPED + "competitor: [Rival One]\n")
    workspace, problems = check_workspace(ws)
    assert [str(p) for p in not_history(problems) if p.level != "note"] == [
        "ERROR profile.yaml, column competitor: value \"['Rival One']\" — unknown key (did you "
        "mean `competitors`?); `competitor` is ignored, the rest of profile.yaml applies"
    ]
    assert list(workspace.table("deals")["deal_id"]) == ["O-1", "O-2"]
    assert workspace.profile.competitors == ["Rival One", "Rival Two"]


def test_one_bad_mapping_entry_is_reported_alone_and_the_other_entries_apply(tmp_path):
    bad = MAPPED.replace("Value: amount}", "Value: amount, Owner: owner_name}").replace(
        "Negotiation: proposal}", "Negotiation: negotiating}"
    )
    workspace, problems = check_workspace(_mapped(tmp_path, bad))
    assert [(p.column, p.expected) for p in not_history(problems) if p.level != "note"] == [
        (
            "column_names.deals.Owner",
            "deals: no column ['owner_name']; expected some of "
            f"{TABLES_BY_NAME['deals'].column_names}; this entry is ignored, the rest "
            "of profile.yaml applies",
        ),
        (
            "value_names.deals.stage.Negotiation",
            "deals.stage: ['negotiating'] not allowed; expected one of ['lead', 'qualified', "
            "'proposal', 'won', 'lost']; this entry is ignored, the rest of profile.yaml applies",
        ),
        # the one consequence: the stage name no longer mapped is not an allowed stage
        ("stage", "expected one of lead, qualified, proposal, won, lost"),
    ]
    assert workspace.table("deals")["amount"].tolist()[0] == 10000


def test_bad_list_items_are_left_out_alone(tmp_path):
    profile = (
        "requirement_criteria: [{name: A, weight: -1}, {name: B, weight: 1, colour: red}, "
        "{name: C, weight: 2}]\norg_units: [{name: X, partner_types: [foo]}, {name: Y}]\n"
    )
    ws = write_workspace(tmp_path / "ws", TINY, profile=PROFILE + profile)
    workspace, problems = check_workspace(ws)
    assert [p.column for p in problems if p.level == "error"] == [
        "org_units.0.partner_types",
        "requirement_criteria.0.weight",
        "requirement_criteria.1.colour",
    ]
    assert [c.name for c in workspace.profile.requirement_criteria] == ["C"]
    assert [u.name for u in workspace.profile.org_units] == ["Y"]


def test_a_misspelt_required_key_does_not_switch_off_the_mappings(tmp_path):
    """``clientid:`` for ``client_id:``: two errors about that key, the mapped export still
    read (no false "required table is missing"), and no run."""
    profile = MAPPED + "competitors: [Rival One]\n"
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    ws = write_workspace(tmp_path / "ws", tables, profile=f"name: Tiny\nclientid: t7\n{profile}")
    (ws / "Opportunities.csv").write_text(EXPORT, encoding="utf-8")
    workspace, problems = check_workspace(ws)
    assert [(p.column, p.expected) for p in not_history(problems) if p.level != "note"] == [
        (
            "client_id",
            "Field required; no run until it is set (the rest of profile.yaml is still checked)",
        ),
        (
            "clientid",
            "unknown key (did you mean `client_id`?); `clientid` is ignored, the rest of "
            "profile.yaml applies",
        ),
    ]
    assert list(workspace.table("deals")["deal_id"]) == ["O-1", "O-2"]


def test_a_refused_files_entry_is_one_error_not_also_a_missing_table(tmp_path):
    bad = MAPPED.replace("files: {deals: Opportunities.csv}", "files: {deals: exports/Opps.csv}")
    problems = problems_of(_mapped(tmp_path, bad))
    assert [(p.file, p.column) for p in problems] == [("profile.yaml", "files.deals")]


@pytest.mark.parametrize(
    "extra, key, value, message",
    [
        (
            "default_margin_pct: .nan\n",
            "default_margin_pct",
            "nan",
            "Input should be a finite number",
        ),
        (
            "requirement_criteria: [{name: Fit, weight: .inf}]\n",
            "requirement_criteria.0.weight",
            "inf",
            "Input should be a finite number",
        ),
        (
            "org_units: [{name: A, targets: {referral_revenue: -5}}]\n",
            "org_units.0.targets.referral_revenue",
            "-5",
            "Input should be greater than or equal to 0",
        ),
        (
            "employees: 99999999999999999999\n",
            "employees",
            "99999999999999999999",
            "Input should be less than or equal to 10000000",
        ),
    ],
)
def test_profile_number_not_finite_or_out_of_range_is_refused(tmp_path, extra, key, value, message):
    ws = write_workspace(tmp_path / "ws", TINY, profile=PROFILE + extra)
    p = only(problems_of(ws))
    assert (p.file, p.column, p.value) == ("profile.yaml", key, value)
    assert p.expected.startswith(message + ";")
