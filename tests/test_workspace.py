"""The workspace as a whole: every problem reported at once, required and optional tables,
load_workspace raising, and `playbook check` summarising."""

from __future__ import annotations

import pytest
from conftest import TINY, only, problems_of, variant, write_workspace

from playbook.exceptions import WorkspaceError
from playbook.workspace import check_workspace, load_workspace


def test_tiny_fixture_is_valid(tiny):
    assert problems_of(tiny) == []
    assert load_workspace(tiny).profile.client_id == "007"


def test_every_problem_reported_at_once(tmp_path):
    tables = dict(TINY)
    tables["deals"] = tables["deals"].replace("D3,P2,", "D3,P9,").replace("D4,P3", "D1,P3")
    tables["partners"] = tables["partners"].replace("integrator", "distributor")
    errors = problems_of(write_workspace(tmp_path / "ws", tables))
    assert {(p.file, p.column) for p in errors} == {
        ("deals.csv", "partner_id"),
        ("deals.csv", "deal_id"),
        ("partners.csv", "type"),
    }


def test_missing_optional_table_is_a_note_not_an_error(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "financials"}
    ws = write_workspace(tmp_path / "ws", tables)
    assert problems_of(ws) == []
    notes = problems_of(ws, "note")
    assert any(
        p.file == "financials.csv" and "optional table not supplied" in p.expected for p in notes
    )


def test_missing_required_table(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert p.file == "deals.csv" and "required table" in p.expected


def test_load_raises_with_every_error(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,", "D3,P9,")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(ws)
    assert "deals.csv, row 4, column partner_id" in str(info.value)


def test_check_summarises_where_most_errors_are(tmp_path):
    from click.testing import CliRunner

    from playbook.cli import main

    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace(",won,", ",WONN,")  # 6 bad stages
    tables["staff"] = TINY["staff"].replace(",1,2022", ",9,2022")  # fte above 1, 3 rows
    tables["partners"] = TINY["partners"].replace(",active,", ",gone,")  # 3 bad statuses
    ws = write_workspace(tmp_path / "ws", tables)
    result = CliRunner().invoke(main, ["check", str(ws), "--all"])
    assert result.exit_code == 1
    summary = result.output.split("Most errors:")[1]
    lines = [line.split() for line in summary.strip().splitlines()[:3]]
    assert lines[0][:3] == ["6", "deals.csv,", "column"] and lines[0][3] == "stage"
    assert "(first at row 2)" in summary.splitlines()[1]


def test_check_prints_one_line_per_cause_with_its_count(tmp_path):
    """Six bad stages, three bad statuses, three bad FTEs: three lines, each with its count and
    its first rows and values; ``--all`` prints all twelve."""
    from click.testing import CliRunner

    from playbook.cli import main

    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace(",won,", ",WONN,")  # rows 2, 3, 4, 5, 7, 8
    tables["staff"] = TINY["staff"].replace(",1,2022", ",9,2022")  # rows 2, 4, 6
    tables["partners"] = TINY["partners"].replace(",active,", ",gone,")  # rows 2, 3, 4
    ws = write_workspace(tmp_path / "ws", tables)
    result = CliRunner().invoke(main, ["check", str(ws), "--quiet"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "ERROR deals.csv, column stage: 6 rows (row 2 'WONN', row 3 'WONN', row 4 'WONN', … "
        "(3 more)) — expected one of lead, qualified, proposal, won, lost",
        "ERROR partners.csv, column status: 3 rows (row 2 'gone', row 3 'gone', row 4 'gone') "
        "— expected one of active, candidate, inactive",
        "ERROR staff.csv, column fte: 3 rows (row 2 '9', row 4 '9', row 6 '9') — expected a "
        "number between 0 and 1",
        "(one line per cause with its row count; --all lists every row)",
        f"{ws}: 12 errors from 3 causes, 0 warnings.",
    ]
    every = CliRunner().invoke(main, ["check", str(ws), "--quiet", "--all"]).output
    assert sum(line.startswith("ERROR ") for line in every.splitlines()) == 12


def test_a_missing_key_column_is_one_error_not_one_per_referring_row(tmp_path):
    """staff.csv without its staff_id column: that one error, not an error for each partner
    and financials row that names a manager. (A partner list without partner_id is no longer
    an error: the company name becomes the id, see test_partner_links.)"""
    tables = {**TINY, "staff": TINY["staff"].replace("staff_id,", "sid,")}
    errors = problems_of(write_workspace(tmp_path / "ws", tables))
    assert [(p.file, p.column, p.expected) for p in errors] == [
        ("staff.csv", "staff_id", "required column is missing (Unique staff id.)")
    ]


def test_a_missing_required_table_is_one_error_not_a_warning_per_referring_column(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "partners"}
    ws = write_workspace(tmp_path / "ws", tables)
    _, problems = check_workspace(ws)
    assert [str(p) for p in problems if p.level != "note"] == [
        "ERROR partners.csv — required table is missing"
    ]


def test_one_line_per_cause_also_when_the_message_names_a_row(tmp_path):
    """Three repeated deal ids (row 3 repeats row 2's D1, rows 5 and 6 row 4's D3): one line,
    not three."""
    from click.testing import CliRunner

    from playbook.cli import main

    deals = TINY["deals"].replace("\nD2,", "\nD1,").replace("\nD4,", "\nD3,")
    deals = deals.replace("\nD5,", "\nD3,")
    ws = write_workspace(tmp_path / "ws", {**TINY, "deals": deals})
    result = CliRunner().invoke(main, ["check", str(ws), "--quiet"])
    assert [line for line in result.output.splitlines() if line.startswith("ERROR")] == [
        "ERROR deals.csv, column deal_id: 3 rows (row 3 'D1', row 5 'D3', row 6 'D3') — "
        "duplicate of row 2: deal_id must be unique (for the first; the numbers differ by row)"
    ]
