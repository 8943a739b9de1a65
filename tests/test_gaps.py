"""Sections the data cannot fill: the one line that says which file and column would fill each,
and the summary page's list of them (playbook.gaps, results, rundir)."""

from __future__ import annotations

from datetime import datetime

import pytest

from playbook import results
from playbook.gaps import PROFILE, Gap
from playbook.results import TrendResult
from playbook.rundir import RunFolder, finish_run
from playbook.workspace import load_workspace


def test_the_wording_comes_from_the_schema():
    table = Gap("Joint solutions", "solutions")
    assert table.file == "solutions.csv"
    assert table.text == (
        "Joint solutions: not shown — no solutions.csv was supplied; fill solutions.csv "
        "(columns solution_id, partner_id, name, certification_status) to show it."
    )
    column = Gap("Quick wins", "partners", ("start_date",))
    assert column.text == (
        "Quick wins: not shown — partners.csv has no value in start_date; fill column "
        "start_date of partners.csv to show it."
    )
    three = Gap("Grid", "partners", ("interest", "influence", "employees"))
    assert three.reason == "partners.csv has no value in interest, influence and employees"
    setting = Gap("Shark or remora", PROFILE, ("employees",))
    assert setting.as_dict() == {
        "section": "Shark or remora",
        "file": "profile.yaml",
        "columns": "employees",
        "reason": "profile.yaml sets no employees",
        "fill": "add employees to profile.yaml",
    }


def test_a_misspelt_table_column_or_setting_fails_at_once():
    with pytest.raises(KeyError):
        Gap("x", "partner")
    with pytest.raises(KeyError):
        Gap("x", "partners", ("interests",))
    with pytest.raises(ValueError, match="no setting"):
        Gap("x", PROFILE, ("employee",))


def test_the_summary_page_lists_what_the_data_could_not_show(tiny, tmp_path):
    ws = load_workspace(tiny)
    folder = RunFolder.create(tmp_path, "tiny", datetime(2026, 1, 2, 3, 4, 5))
    gaps = [Gap("Joint solutions", "solutions").as_dict()]
    results.write(
        str(folder.results_file("01-x")), "01-x", "One", TrendResult(["F."], not_shown=gaps)
    )
    results.write(str(folder.results_file("02-y")), "02-y", "Two", TrendResult(["G."]))
    rows = [
        {"notebook": n, "status": "ok", "seconds": 1.0, "html": "", "executed": "", "log": ""}
        for n in ("01-x", "02-y")
    ]
    final = finish_run(folder, ws, rows, datetime(2026, 1, 2, 3, 4, 5), 2.0, {})
    index = (final / "index.html").read_text(encoding="utf-8")
    assert "What this client's data could not show" in index
    assert (
        '<h3><a href="01-x.html">One</a></h3>\n<ul><li><b>Joint solutions</b> — no solutions.csv '
        "was supplied; fill solutions.csv (columns solution_id, partner_id, name, "
        "certification_status).</li></ul>" in index
    )
    assert '<a href="02-y.html">Two</a></h3>' not in index  # nothing missing: not listed


def _gap_calls():
    """(notebook, section, table, columns) of every notebook.gap / notebook.lacks call written
    with literal arguments in the shipped notebooks."""
    import ast

    import nbformat

    from playbook.config import NOTEBOOKS_DIR

    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or "notebook." not in cell.source:
                continue
            code = "\n".join(x for x in cell.source.splitlines() if not x.startswith("%"))
            for node in ast.walk(ast.parse(code)):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                # after ctx: the section (a literal or a name such as summary.METRICS), then
                # the table and columns (literals)
                section, *rest = node.args[1:] or [None]
                args = [a.value for a in rest if isinstance(a, ast.Constant)]
                section = section.value if isinstance(section, ast.Constant) else "(a name)"
                if node.func.attr == "gap" and len(args) >= 1:
                    yield path.name, section, args[0], tuple(args[1:])
                elif node.func.attr == "lacks" and len(args) >= 1:
                    for need in args:
                        table, _, column = need.partition(".")
                        yield path.name, section, table, (column,) if column else ()


def test_every_gap_a_notebook_names_exists_in_the_schema_or_profile():
    calls = list(_gap_calls())
    assert len({c[0] for c in calls}) == 8  # every notebook says what would fill its sections
    for _name, section, table, columns in calls:
        Gap(section, table, columns)  # raises on a misspelt table, column or setting
