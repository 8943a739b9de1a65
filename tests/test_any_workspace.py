"""Whatever `check` accepts, every notebook runs (issue 9, part 1).

One run of the real batch runner (every workspace in one pool, so kernels run in parallel)
executes every notebook on a minimal workspace and on one whose optional columns are all blank.
The notebooks that use each optional table run on the rich workspace without that table, and
on corner cases of the deals and partners tables, in this process, cell by cell, which costs no
kernel start (:mod:`workspaces` derives all of them from :mod:`playbook.schema`). Each
report must be free of tracebacks and of missing values shown as figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import nbformat
import pytest
from workspaces import EDGE_CASES, blank_optional, minimal, optional_tables, without

from playbook import runner
from playbook.problems import has_errors
from playbook.workspace import check_workspace, save_snapshot

NOTEBOOKS = runner.discover_notebooks()

#: case → (builder, notebook numbers run on it; empty: all of them), run by the real runner
CASES = {
    "minimal": (minimal, ()),
    "blank optional columns": (blank_optional, ()),
}
#: The rich workspace without one optional table, run in this process (no kernel start) by
#: every notebook that uses that table: (case, notebook) pairs.
WITHOUT = {f"without {t.name}": t for t in optional_tables()}
WITHOUT_PAIRS = [
    (case, path) for case, t in WITHOUT.items() for path in NOTEBOOKS if path.name[:2] in t.used_by
]

# What a report must never show: a traceback, an exception's class name, or a missing value
# printed as a figure: pandas' and Python's spellings of NaN, NA, NaT and infinity as a word,
# and None as a whole cell or after a label, currency or before a unit ("None of 3" is English).
ERROR_WORDS = re.compile(r"Traceback|\b[A-Z][A-Za-z]*(Error|Exception)\b")
MISSING_AS_FIGURE = re.compile(
    r"(?<![\w-])(nan|NaN|<NA>|&lt;NA&gt;|NaT|-?inf|-?Inf)(?![\w-])"
    r"|^None$|([:=(]|\b[A-Z]{3})\s*None\b|\bNone\s*(%|\)|/)",
    re.M,
)


def report_text(html: str) -> str:
    """The visible text of a report, one text node a line: no scripts, styles or images."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "\n", html, flags=re.S | re.I)
    html = re.sub(r"data:image/[^\"')]+", "", html)
    return "\n".join(t.strip() for t in re.split(r"<[^>]+>", html) if t.strip())


def flaws(html: str) -> list[str]:
    """Tracebacks, error names and missing values shown as figures in a report's HTML."""
    text = report_text(html)
    found = [m.group(0) for m in ERROR_WORDS.finditer(text)]
    found += [text[max(0, m.start() - 60) : m.end() + 20] for m in MISSING_AS_FIGURE.finditer(text)]
    return found


def test_flaws_catch_what_a_broken_report_shows():
    assert flaws("<td>nan</td><td>1,200</td>")
    assert flaws("<p>Traceback (most recent call last)</p>")
    assert flaws("<pre>TypeError: float() argument</pre>") == ["TypeError"]
    assert flaws("<td>&lt;NA&gt;</td>") and flaws("<td>inf</td>") and flaws("<td>nan %</td>")
    assert flaws("<td>None</td>") and flaws("<p>Revenue: None</p>") and flaws("<td>USD None</td>")
    clean = (
        "<td>—</td><td>Nonetheless</td><td>information</td><img src='data:image/png;nan'>"
        "<li>None of 3 active partners has a payback</li>"
    )
    assert flaws(clean) == []


def headings_over_nothing(cells: list[tuple[str, str, int]]) -> list[str]:
    """The markdown headings of a notebook under which no cell showed anything before the next
    heading; ``cells`` are (cell type, source, number of outputs shown) in order."""
    empty, heading, shown = [], None, 0
    for kind, source, outputs in [*cells, ("markdown", "# end", 0)]:
        if kind == "markdown" and source.lstrip().startswith("#"):
            if heading is not None and not shown:
                empty.append(heading)
            heading, shown = source.strip().splitlines()[0], 0
        shown += outputs
    return empty


def executed_cells(path: Path) -> list[tuple[str, str, int]]:
    """(cell type, source, displayed outputs) of an executed notebook."""
    shown = ("display_data", "execute_result")
    return [
        (c.cell_type, c.source, sum(o.output_type in shown for o in c.get("outputs", [])))
        for c in nbformat.read(path, as_version=4).cells
    ]


def test_headings_over_nothing_are_found():
    cells = [
        ("markdown", "# 01 · Title\n\nIntro", 0),
        ("code", "ctx = notebook.start()", 1),
        ("markdown", "## Empty section", 0),
        ("code", "if False: show()", 0),
        ("markdown", "## Full section\n\ntext", 0),
        ("code", "show()", 2),
        ("markdown", "### Last, empty", 0),
    ]
    assert headings_over_nothing(cells) == ["## Empty section", "### Last, empty"]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> dict[str, runner.WorkspaceOutcome]:
    """Every case of ``CASES`` run once, in one pool of two workers."""
    base = tmp_path_factory.mktemp("any-workspace")
    paths = {case: build(base / re.sub(r"\W+", "-", case)) for case, (build, _) in CASES.items()}
    only_for = {paths[case]: list(numbers) for case, (_, numbers) in CASES.items() if numbers}
    outcomes = runner.run(list(paths.values()), base / "reports", jobs=2, only_for=only_for)
    return dict(zip(paths, outcomes, strict=True))


@pytest.mark.e2e
@pytest.mark.parametrize("case", CASES)
def test_every_notebook_runs_and_its_report_is_clean(matrix, case):
    outcome = matrix[case]
    assert not has_errors(outcome.problems), [str(p) for p in outcome.problems]
    expected = [nb.stem for nb in NOTEBOOKS if not CASES[case][1] or nb.name[:2] in CASES[case][1]]
    assert [r["notebook"] for r in outcome.notebooks] == expected
    failed = {r["notebook"]: r["error"] for r in outcome.notebooks if r["status"] != "ok"}
    assert not failed, failed
    for name in expected:
        html = (outcome.run_dir / f"{name}.html").read_text(encoding="utf-8")
        assert flaws(html) == [], name
        cells = executed_cells(outcome.run_dir / "executed" / f"{name}.ipynb")
        assert headings_over_nothing(cells) == [], name


def run_in_process(
    path: Path, workspace: Path, snapshot: Path, as_of: str, monkeypatch
) -> tuple[list[str], list[tuple[str, str, int]]]:
    """Execute notebook ``path`` cell by cell in this process (parameters as the runner injects
    them, results recorded nowhere): the HTML of everything it displayed, and (cell type,
    source, outputs displayed) of every cell."""
    from playbook import display as show

    matplotlib.use("Agg")
    shown: list[str] = []
    monkeypatch.setattr(show, "display", lambda obj: shown.append(getattr(obj, "data", "") or ""))
    namespace: dict = {}
    cells = []
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
        before = len(shown)
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if not line.startswith("%")]
            exec(compile("\n".join(lines), f"{path.name} cell {i}", "exec"), namespace)
        if "parameters" in cell.metadata.get("tags", []):
            namespace.update(
                workspace=str(workspace), as_of=as_of, notebook_id=path.stem, snapshot=str(snapshot)
            )
        cells.append((cell.cell_type, cell.source, len(shown) - before))
    return [html for html in shown if isinstance(html, str)], cells


@pytest.fixture(scope="module")
def edge_workspaces(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each corner case's workspace and its validated snapshot (as the runner saves it), built
    once; a case `check` rejects has no entry."""
    base = tmp_path_factory.mktemp("edge-cases")
    out = {}
    for case, (build, _) in EDGE_CASES.items():
        path = build(base / re.sub(r"\W+", "-", case))
        ws, problems = check_workspace(path)
        if not has_errors(problems):
            out[case] = (path, save_snapshot(ws, path.parent / f"{path.name}.pkl"))
    return out


@pytest.fixture(scope="module")
def without_workspaces(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each "without" case's workspace and its validated snapshot, built once."""
    base = tmp_path_factory.mktemp("without")
    out = {}
    for case, table in WITHOUT.items():
        path = without(base / re.sub(r"\W+", "-", case), table.name)
        ws, problems = check_workspace(path)
        assert not has_errors(problems), [str(p) for p in problems]
        out[case] = (path, save_snapshot(ws, path.parent / f"{path.name}.pkl"))
    return out


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("case", "path"), WITHOUT_PAIRS, ids=[f"{c}-{p.name[:2]}" for c, p in WITHOUT_PAIRS]
)
def test_every_notebook_runs_without_each_table_it_uses(
    without_workspaces, monkeypatch, case, path
):
    workspace, snapshot = without_workspaces[case]
    shown, cells = run_in_process(path, workspace, snapshot, "", monkeypatch)
    assert [f for html in shown for f in flaws(html)] == []
    assert headings_over_nothing(cells) == []


@pytest.mark.e2e
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
@pytest.mark.parametrize("case", EDGE_CASES)
def test_corner_cases_run_in_process(edge_workspaces, monkeypatch, case, path):
    assert case in edge_workspaces, f"check rejects {case}"
    workspace, snapshot = edge_workspaces[case]
    shown, cells = run_in_process(path, workspace, snapshot, EDGE_CASES[case][1], monkeypatch)
    assert [f for html in shown for f in flaws(html)] == []
    assert headings_over_nothing(cells) == []
