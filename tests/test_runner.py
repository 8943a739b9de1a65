"""The batch runner: parameters, failures, escaping, atomic run folders, the demo end to end."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from conftest import TINY, write_workspace
from nbformat.v4 import new_code_cell, new_notebook

from playbook import runner
from playbook.cli import main
from playbook.config import NOTEBOOKS_DIR

ANALYTICS = NOTEBOOKS_DIR / "05-analytics.ipynb"
HOSTILE = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- parameters


def test_hostile_param_name_is_refused():
    with pytest.raises(runner.RunError, match="not a valid parameter name"):
        runner.parse_params(["x = 1\nimport os; os.system('echo pwned')=1"], [ANALYTICS])


def test_unknown_param_name_is_refused_with_known_names():
    with pytest.raises(runner.RunError, match="no selected notebook has this parameter.*as_of"):
        runner.parse_params(["windw_months=3"], [ANALYTICS])


def test_runner_owned_param_is_refused():
    with pytest.raises(runner.RunError, match="set by the runner"):
        runner.parse_params(["workspace=/etc"], [ANALYTICS])


def test_param_values_keep_the_parameter_type():
    params = runner.parse_params(["as_of=007", "window_months=6", "interactive=false"],
                                 [ANALYTICS])["05-analytics.ipynb"]
    assert params == {"as_of": "007", "window_months": 6, "interactive": False}
    with pytest.raises(runner.RunError, match="whole number"):
        runner.parse_params(["window_months=six"], [ANALYTICS])


def test_hostile_param_via_cli_exits_2_without_running(tmp_path):
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path), "--param",
                                       "__import__('os').system('id')=1"])
    assert result.exit_code == 2
    assert "not a valid parameter name" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_only_is_refused():
    with pytest.raises(runner.RunError, match="--only 42"):
        runner.discover_notebooks(["42"])


# --------------------------------------------------------------------------- failures


def _notebook(path: Path, source: str) -> None:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = new_code_cell('workspace = ""\nresults_dir = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell(source)]
    nbformat.write(nb, path)


@pytest.mark.e2e
def test_failing_notebooks_do_not_stop_the_others(tmp_path, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ANALYTICS, notebooks / "05-analytics.ipynb")
    _notebook(notebooks / "01-raises.ipynb", "raise ValueError('broken on purpose')")
    _notebook(notebooks / "02-timeout.ipynb", "import time\ntime.sleep(60)")
    _notebook(notebooks / "03-dies.ipynb", "import os\nos._exit(1)")
    out = tmp_path / "reports"
    [outcome] = runner.run([tiny], out, jobs=2, timeout=8, notebooks_dir=notebooks)
    status = {r["notebook"]: r for r in outcome.notebooks}
    assert status["05-analytics"]["status"] == "ok"
    assert status["01-raises"]["status"] == "failed"
    assert "broken on purpose" in status["01-raises"]["error"]
    assert "CellTimeoutError" in status["02-timeout"]["error"] or \
        "Timeout" in status["02-timeout"]["error"]
    assert status["03-dies"]["status"] == "failed"
    assert outcome.status == "failed"
    run_dir = outcome.run_dir
    assert (run_dir / "executed" / "01-raises.ipynb").exists()
    index = (run_dir / "index.html").read_text()
    assert "broken on purpose" in index and "FAILED" in index
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert {n["notebook"]: n["status"] for n in manifest["notebooks"]} == {
        "01-raises": "failed", "02-timeout": "failed", "03-dies": "failed",
        "05-analytics": "ok"}
    assert not list(out.glob(".*.partial"))


@pytest.mark.e2e
def test_cli_exit_status_is_non_zero_when_a_notebook_fails(tmp_path, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-raises.ipynb", "raise ValueError('x')")
    result = CliRunner().invoke(main, ["run", str(tiny), "--out", str(tmp_path / "r"),
                                       "--notebooks", str(notebooks)])
    assert result.exit_code == 1, result.output
    assert "01-raises: failed" in result.output


def test_invalid_workspace_is_not_run_and_writes_nothing(tmp_path):
    bad = write_workspace(tmp_path / "bad", {**TINY, "deals": TINY["deals"].replace("P2,", "P9,")})
    result = CliRunner().invoke(main, ["run", str(bad), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "deals.csv" in result.output and "P9" in result.output
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


def test_run_folders_never_collide(tmp_path):
    from datetime import datetime

    now = datetime(2026, 1, 2, 3, 4, 5)
    p1, f1 = runner.new_run_dir(tmp_path, "acme", now)
    p1.rename(f1)
    p2, f2 = runner.new_run_dir(tmp_path, "acme", now)
    assert f1.name == "acme-20260102-030405" and f2.name == "acme-20260102-030405-2"
    assert p2.name.startswith(".") and p2.name.endswith(".partial")
    assert runner.new_run_dir(tmp_path, "../../etc", now)[1].parent == tmp_path


# --------------------------------------------------------------------------- escaping


@pytest.mark.e2e
def test_hostile_client_text_is_escaped_in_every_html_output(tmp_path):
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace("Alpha Apps", HOSTILE).replace(
        "North", "<b onmouseover=alert(2)>North</b>")
    tables["staff"] = TINY["staff"].replace("Mia North", "<img src=x onerror=alert(3)>").replace(
        "North", "<b onmouseover=alert(2)>North</b>")
    tables["financials"] = TINY["financials"].replace("North", "<b onmouseover=alert(2)>North</b>")
    profile = f'name: "{HOSTILE}"\nclient_id: "x"\n'
    ws = write_workspace(tmp_path / "ws", tables, profile=profile)
    [outcome] = runner.run([ws], tmp_path / "r", params=["as_of=2024-12-31"])
    assert outcome.status == "ok", outcome.notebooks
    pages = list(outcome.run_dir.glob("*.html"))
    assert {p.name for p in pages} == {"index.html", "05-analytics.html"}
    for page in pages:
        text = page.read_text()
        assert "<script>alert(1)" not in text, page.name
        assert "<img src=x" not in text and "<b onmouseover" not in text, page.name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page.name


# --------------------------------------------------------------------------- the demo client


def _independent_demo_figures(demo: Path) -> dict:
    """Program revenue etc. recomputed from the CSV files with the csv module only."""
    with open(demo / "deals.csv", newline="") as f:
        deals = list(csv.DictReader(f))
    dates = [d[k] for d in deals for k in ("created_date", "close_date") if d[k]]
    as_of = date.fromisoformat(max(dates))
    month = as_of.year * 12 + as_of.month - 1 - 11
    start = date(month // 12, month % 12 + 1, 1)
    won = [d for d in deals if d["stage"] == "won" and d["attribution"] in ("sourced", "influenced")
           and start <= date.fromisoformat(d["close_date"]) <= as_of]
    with open(demo / "partners.csv", newline="") as f:
        partners = [p for p in csv.DictReader(f) if p["status"] == "active"
                    and (not p["start_date"] or date.fromisoformat(p["start_date"]) <= as_of)]
    with open(demo / "staff.csv", newline="") as f:
        fte = sum(float(s["fte"] or 1) for s in csv.DictReader(f))
    revenue = sum(float(d["amount"]) for d in won)
    return {"as_of": as_of, "start": start, "revenue": revenue, "deals": len(won),
            "active_partners": len(partners), "revenue_per_person": revenue / fte,
            "revenue_per_partner": revenue / len(partners),
            "units": sum(int(d["units"]) for d in won)}


@pytest.mark.e2e
def test_demo_client_end_to_end(tmp_path, demo):
    result = CliRunner().invoke(main, ["run", str(demo), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    [run_dir] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert re.fullmatch(r"demo-\d{8}-\d{6}", run_dir.name)
    expected = _independent_demo_figures(demo)
    figures = json.loads((run_dir / "results.json").read_text())["05-analytics"]["figures"]
    assert figures["window_end"] == expected["as_of"].isoformat()
    assert figures["window_start"] == expected["start"].isoformat()
    assert figures["revenue"] == pytest.approx(expected["revenue"])
    assert figures["deals"] == expected["deals"]
    assert figures["units"] == expected["units"]
    assert figures["active_partners"] == expected["active_partners"]
    assert figures["revenue_per_person"] == pytest.approx(expected["revenue_per_person"])
    assert figures["revenue_per_partner"] == pytest.approx(expected["revenue_per_partner"])
    assert expected["as_of"] - expected["start"] > timedelta(days=360)

    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert set(manifest["inputs"]) >= {"profile.yaml", "deals.csv", "partners.csv"}
    assert all(len(v) == 64 for v in manifest["inputs"].values())
    assert manifest["packages"]["papermill"] != "not installed"
    assert manifest["notebooks"][0]["seconds"] > 0

    report = (run_dir / "05-analytics.html").read_text()
    index = (run_dir / "index.html").read_text()
    assert "Lumenar Software" in index and 'href="05-analytics.html"' in index
    assert "Program revenue USD" in index
    # Self-contained: no script or stylesheet fetched from elsewhere; charts embedded.
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", report)
    assert report.count("data:image/png;base64") >= 3
    # Code and parameter cells hidden by default.
    assert "results_dir" not in report and "import analytics" not in report
    assert "Revenue / person" in report and "Level of certification" in report


@pytest.mark.e2e
def test_several_workspaces_in_parallel_keep_their_own_data(tmp_path):
    a = write_workspace(tmp_path / "a", TINY, profile='name: Client A\nclient_id: "a"\n')
    b_tables = {**TINY, "deals": TINY["deals"].replace("10000,7000", "90000,7000")}
    b = write_workspace(tmp_path / "b", b_tables, profile='name: Client B\nclient_id: "b"\n')
    outcomes = runner.run([a, b], tmp_path / "r", jobs=2, params=["as_of=2024-12-31"])
    assert [o.status for o in outcomes] == ["ok", "ok"]
    revenue = {}
    for o in outcomes:
        figures = json.loads((o.run_dir / "results.json").read_text())["05-analytics"]["figures"]
        revenue[o.run_dir.name.split("-")[0]] = figures["revenue"]
        index = (o.run_dir / "index.html").read_text()
        other = "Client B" if "Client A" in index else "Client A"
        assert other not in index
    assert revenue == {"a": 43000, "b": 123000}


def test_dict_params_take_json():
    nb = NOTEBOOKS_DIR / "03-readiness.ipynb"
    got = runner.parse_params(['dimension_weights={"platform_readiness": 2}'], [nb])
    assert got[nb.name] == {"dimension_weights": {"platform_readiness": 2}}
    with pytest.raises(runner.RunError, match="expected JSON"):
        runner.parse_params(["dimension_weights=platform:2"], [nb])
