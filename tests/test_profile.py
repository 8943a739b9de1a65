"""profile.yaml: read and validated; every problem names the key or the line."""

from __future__ import annotations

import pytest
from conftest import PROFILE, TINY, only, problems_of, write_workspace


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
