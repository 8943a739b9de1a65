"""`playbook new`: empty documented workspaces that validate (but for the required rows)."""

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from playbook.cli import main
from playbook.schema import TABLES
from playbook.workspace import check_workspace


@pytest.mark.parametrize("fmt", ["csv", "excel"])
def test_new_workspace_checks_with_only_the_required_tables_empty(tmp_path, fmt):
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), "--format", fmt])
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    errors = [p for p in problems if p.level == "error"]
    assert {p.file.split("[")[-1].rstrip("]").replace(".csv", "") for p in errors} == {
        "partners",
        "deals",
    }
    assert all("no rows" in p.expected for p in errors)
    assert ws.profile.client_id == "acme"
    notes = [p for p in problems if p.level == "note"]
    assert len(notes) == sum(t.optional for t in TABLES)


def test_csv_template_has_every_schema_column(tmp_path):
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path)])
    for spec in TABLES:
        header = (tmp_path / "acme" / spec.filename).read_text().strip().split(",")
        assert header == spec.column_names


def test_excel_template_documents_every_column(tmp_path):
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), "--format", "excel"])
    book = load_workbook(tmp_path / "acme" / "acme.xlsx")
    readme_rows = list(book["README"].iter_rows(min_row=2, values_only=True))
    assert len(readme_rows) == sum(len(t.columns) for t in TABLES)
    assert [c.value for c in book["deals"][1]] == [c.name for c in TABLES[1].columns]


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".hidden", "x" * 65])
def test_new_refuses_unsafe_names(tmp_path, name):
    result = CliRunner().invoke(main, ["new", name, "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "workspace name" in result.output
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites(tmp_path):
    (tmp_path / "acme").mkdir()
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and "already exists" in result.output


def test_check_cli_prints_every_problem_and_exits_1(tmp_path, tiny):
    (tiny / "deals.csv").write_text((tiny / "deals.csv").read_text().replace("P2,", "P9,"))
    result = CliRunner().invoke(main, ["check", str(tiny)])
    assert result.exit_code == 1
    assert "deals.csv" in result.output and "P9" in result.output and "partner_id" in result.output


def test_check_cli_ok_on_demo(demo):
    result = CliRunner().invoke(main, ["check", str(demo)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_csv_workspace_also_carries_the_excel_template_aside(tmp_path):
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path)])
    assert (tmp_path / "acme" / "templates" / "acme.xlsx").exists()
    _, problems = check_workspace(tmp_path / "acme")
    assert not any("both in" in p.expected for p in problems)  # not read as a second source
