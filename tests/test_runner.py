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


def test_param_values_keep_the_parameter_type(tmp_path):
    params = runner.parse_params(["as_of=2024-06-30", "window_months=6", "interactive=false"],
                                 [ANALYTICS])["05-analytics.ipynb"]
    assert params == {"as_of": "2024-06-30", "window_months": 6, "interactive": False}
    with pytest.raises(runner.RunError, match="whole number"):
        runner.parse_params(["window_months=six"], [ANALYTICS])
    nb = tmp_path / "09-codes.ipynb"
    _notebook(nb, "print(client_code)")
    source = nbformat.read(nb, as_version=4)
    source.cells[0].source += '\nclient_code = ""'
    nbformat.write(source, nb)
    assert runner.parse_params(["client_code=007"], [nb])["09-codes.ipynb"] == {
        "client_code": "007"}


@pytest.mark.parametrize("value", ["garbage", "2024-02-30", "2024", "06/30/2024"])
def test_as_of_that_is_not_an_iso_date_is_refused_before_running(value):
    with pytest.raises(runner.RunError, match=f"as_of={value}: expected a date as YYYY-MM-DD"):
        runner.parse_params([f"as_of={value}"], [ANALYTICS])


def test_hostile_param_via_cli_exits_2_without_running(tmp_path):
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path), "--param",
                                       "__import__('os').system('id')=1"])
    assert result.exit_code == 2
    assert "not a valid parameter name" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unwritable_reports_folder_is_refused_before_running(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(runner.RunError, match="cannot write reports there"):
        runner.run([tmp_path], blocker / "reports", only=["05"])


def test_assumptions_list_passed_values_and_defaults_with_their_meaning():
    rows = {n: (v, m) for n, v, m in runner.assumptions(ANALYTICS, {"window_months": 6})}
    assert "workspace" not in rows and "results_dir" not in rows and "interactive" not in rows
    assert rows["window_months"][0] == "6" and rows["window_months"][1]
    assert rows["as_of"][0] == "(empty)" and "latest deal date" in rows["as_of"][1]


def test_assumptions_table_escapes_values():
    from playbook.html_export import assumptions_html

    html = assumptions_html([("trend_freq", "<script>alert(1)</script>", "a <b>")])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &lt;b&gt;" in html


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
    _notebook(notebooks / "01-raises.ipynb", "import sys\nprint('kernel says', "
              "file=sys.__stderr__, flush=True)\nraise ValueError('broken on purpose')")
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
    assert 'href="logs/01-raises.log"' in index  # what the kernel printed, for diagnosis
    assert "kernel says" in (run_dir / "logs" / "01-raises.log").read_text()
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert {n["notebook"]: n["status"] for n in manifest["notebooks"]} == {
        "01-raises": "failed", "02-timeout": "failed", "03-dies": "failed",
        "05-analytics": "ok"}
    assert not list(out.glob(".*.partial"))


def _execute_alone(tmp_path: Path, name: str, source: str) -> tuple[dict, str]:
    """Write notebook ``name`` with ``source`` as its cell, run it through
    ``runner.execute_one`` into ``tmp_path/run``; return the result and what the cell printed."""
    _notebook(tmp_path / name, source)
    result = runner.execute_one(str(tmp_path / name), str(tmp_path / "run"), {}, False, 60)
    executed = tmp_path / "run" / "executed" / name
    cell = nbformat.read(executed, as_version=4).cells[-1] if executed.exists() else None
    printed = "".join(o.get("text", "") for o in cell.outputs) if cell else ""
    return result, printed


def _papermill_whose_kernel_fails_to_start(failures: int, calls: list):
    """A stand-in for ``papermill.execute_notebook`` that behaves as papermill did in CI: it
    writes the (unexecuted) output notebook first, then the kernel dies before replying. After
    ``failures`` such calls it runs the notebook for real."""
    real = runner.pm.execute_notebook

    def fake(src, out, **kwargs):
        calls.append(out)
        if len(calls) <= failures:
            shutil.copy(src, out)
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(src, out, **kwargs)
    return fake


@pytest.mark.e2e
def test_kernel_that_fails_to_start_is_retried_even_after_papermill_wrote_the_output(
        tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(runner.pm, "execute_notebook",
                        _papermill_whose_kernel_fails_to_start(2, calls))
    monkeypatch.setattr(runner.time, "sleep", lambda s: None)
    result, printed = _execute_alone(tmp_path, "01-ok.ipynb", "x = 6 * 7\nprint(x)")
    assert result["status"] == "ok", result["error"]
    assert result["kernel_start_retries"] == 2 and len(calls) == 3
    assert printed == "42\n"


@pytest.mark.e2e
def test_batch_kernels_talk_over_ipc_sockets_so_parallel_starts_cannot_race_for_ports(tmp_path):
    result, printed = _execute_alone(
        tmp_path, "01-transport.ipynb", "import json, ipykernel.connect as c\n"
        "print(json.load(open(c.get_connection_file()))['transport'])")
    assert result["status"] == "ok" and printed == "ipc\n"


@pytest.mark.e2e
def test_kernel_output_goes_to_a_log_in_the_run_folder_not_the_terminal(tmp_path, capfd):
    _notebook(tmp_path / "01-chatty.ipynb",
              "import sys\nprint('kernel chatter', file=sys.__stderr__, flush=True)")
    _notebook(tmp_path / "02-quiet.ipynb", "x = 1")
    run = tmp_path / "run"
    chatty = runner.execute_one(str(tmp_path / "01-chatty.ipynb"), str(run), {}, False, 60)
    quiet = runner.execute_one(str(tmp_path / "02-quiet.ipynb"), str(run), {}, False, 60)
    assert chatty["log"] == "logs/01-chatty.log"
    assert "kernel chatter" in (run / "logs" / "01-chatty.log").read_text()
    assert "kernel chatter" not in capfd.readouterr().err
    assert quiet["status"] == "ok" and quiet["log"] == ""
    assert not (run / "logs" / "02-quiet.log").exists()


def test_long_temporary_directory_keeps_tcp(monkeypatch):
    """Unix socket paths are limited to ~100 characters; a long temp dir must not break runs."""
    monkeypatch.setattr(runner.tempfile, "gettempdir", lambda: "/t" + "x" * 80)
    assert runner.kernel_manager_class() is runner.BatchKernelManager
    monkeypatch.setattr(runner.tempfile, "gettempdir", lambda: "/tmp")
    assert runner.kernel_manager_class() is runner.IPCKernelManager


def test_each_ipc_kernel_gets_its_own_socket_names():
    first, second = runner.IPCKernelManager(), runner.IPCKernelManager()
    assert first.transport == second.transport == "ipc"
    assert first.ip != second.ip and first.ip.startswith(runner.tempfile.gettempdir())


def test_kernel_start_failures_give_up_after_three_attempts(tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(runner.pm, "execute_notebook",
                        _papermill_whose_kernel_fails_to_start(99, calls))
    monkeypatch.setattr(runner.time, "sleep", lambda s: None)
    result, _ = _execute_alone(tmp_path, "01-ok.ipynb", "x = 1")
    assert result["status"] == "failed" and len(calls) == runner.START_ATTEMPTS == 3
    assert "Kernel died before replying" in result["error"]


def test_kernel_start_error_after_a_cell_ran_is_not_retried(tmp_path, monkeypatch):
    """Once a cell has run, the notebook may have written results: never run it twice."""
    calls: list = []

    def fake(src, out, **kwargs):
        calls.append(out)
        nb = nbformat.read(src, as_version=4)
        nb.cells[0].execution_count = 1
        nbformat.write(nb, out)
        raise RuntimeError("Kernel didn't respond in 60 seconds")
    monkeypatch.setattr(runner.pm, "execute_notebook", fake)
    result, _ = _execute_alone(tmp_path, "01-ok.ipynb", "x = 1")
    assert result["status"] == "failed" and len(calls) == 1
    assert result["kernel_start_retries"] == 0


@pytest.mark.e2e
def test_ctrl_c_stops_the_run_cleanly_and_leaves_it_marked_unfinished(tmp_path, tiny):
    """Ctrl-C reaches the whole process group: exit 130, a short message, no tracebacks, no
    kernels left, and the run folder stays ``.partial``."""
    import os
    import signal
    import subprocess
    import sys
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-slow.ipynb", "import time\ntime.sleep(60)")
    out = tmp_path / "r"
    cmd = [sys.executable, "-m", "playbook.cli", "run", str(tiny), "--out", str(out),
           "--notebooks", str(notebooks)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while not list(out.glob(".*.partial/executed/01-slow.ipynb")) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the kernel is running the slow cell
    os.killpg(proc.pid, signal.SIGINT)
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, output
    assert "Interrupted" in output and "Traceback" not in output
    assert len(list(out.glob(".*.partial"))) == 1 and not [p for p in out.iterdir()
                                                          if not p.name.startswith(".")]


@pytest.mark.e2e
def test_cli_exit_status_is_non_zero_when_a_notebook_fails(tmp_path, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-raises.ipynb", "raise ValueError('x')")
    result = CliRunner().invoke(main, ["run", str(tiny), "--out", str(tmp_path / "r"),
                                       "--notebooks", str(notebooks)])
    assert result.exit_code == 1, result.output
    assert "01-raises: failed" in result.output


def test_markup_like_client_text_is_printed_not_interpreted(tmp_path):
    """rich would read ``[/bold]`` as a closing tag and crash; the CLI must print it."""
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace(",isv,", ",[/bold]isv,")
    ws = write_workspace(tmp_path / "[/red]acme", tables)
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1, result.output
    assert "value '[/bold]isv'" in result.output
    result = CliRunner().invoke(main, ["run", str(ws), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1 and "[/red]acme: not run" in result.output
    assert "value '[/bold]isv'" in result.output


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
def test_workspace_with_only_the_required_tables_runs_every_notebook(tmp_path):
    """Only partners and deals: every notebook completes and says what is not supplied."""
    ws = write_workspace(tmp_path / "ws", {k: TINY[k] for k in ("partners", "deals")})
    [outcome] = runner.run([ws], tmp_path / "r", params=["as_of=2024-12-31"], jobs=2)
    assert outcome.status == "ok", [(r["notebook"], r["error"]) for r in outcome.notebooks]
    assert len(outcome.notebooks) == 8
    for report in sorted(outcome.run_dir.glob("0*.html")):
        assert "Not supplied" in report.read_text(encoding="utf-8"), report.name


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
    index = (outcome.run_dir / "index.html").read_text()
    assert "Parameters set for this run: as_of=2024-12-31." in index
    pages = list(outcome.run_dir.glob("*.html"))
    assert len(pages) == 1 + len(runner.discover_notebooks())  # index + every notebook
    for page in pages:
        text = page.read_text()
        assert "<script>alert(1)" not in text, page.name
        assert "<img src=x" not in text and "<b onmouseover" not in text, page.name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page.name


# --------------------------------------------------------------------------- the demo client


def _rows(demo: Path, table: str) -> list[dict]:
    with open(demo / f"{table}.csv", newline="") as f:
        return list(csv.DictReader(f))


def _independent_demo_figures(demo: Path) -> dict:
    """Key figures recomputed from the CSV files with the csv module only (no playbook code)."""
    deals = _rows(demo, "deals")
    dates = [d[k] for d in deals for k in ("created_date", "close_date") if d[k]]
    as_of = date.fromisoformat(max(dates))
    month = as_of.year * 12 + as_of.month - 1 - 11
    start = date(month // 12, month % 12 + 1, 1)

    def in_window(d):
        return d["close_date"] and start <= date.fromisoformat(d["close_date"]) <= as_of

    won = [d for d in deals if d["stage"] == "won" and d["attribution"] in ("sourced",
                                                                            "influenced")
           and in_window(d)]
    partners = _rows(demo, "partners")
    active = [p for p in partners if p["status"] == "active"
              and (not p["start_date"] or date.fromisoformat(p["start_date"]) <= as_of)]
    fte = sum(float(s["fte"] or 1) for s in _rows(demo, "staff"))
    revenue = sum(float(d["amount"]) for d in won)
    out = {"as_of": as_of, "start": start, "revenue": revenue, "deals": len(won),
           "active_partners": len(active), "revenue_per_person": revenue / fte,
           "revenue_per_partner": revenue / len(active),
           "units": sum(int(d["units"]) for d in won)}
    # 01: money invested in active partners up to the as-of date
    active_ids = {p["partner_id"] for p in partners if p["status"] == "active"}
    inv = [i for i in _rows(demo, "investments") if i["partner_id"] in active_ids
           and date.fromisoformat(i["date"]) <= as_of]
    out["invested"] = sum(float(i["amount"]) for i in inv)
    out["investment_recorded"] = len({i["partner_id"] for i in inv}) / len(active_ids)
    # 03: readiness index = mean over dimensions of 100 × mean answered score / 5
    from playbook.readiness_bank import question_bank

    dims = dict(zip(question_bank().item_id, question_bank().dimension, strict=True))
    by_dim: dict = {}
    for r in _rows(demo, "readiness"):
        if r["score"] != "":
            by_dim.setdefault(dims[r["item_id"]], []).append(float(r["score"]))
    out["readiness_index"] = sum(100 * sum(v) / len(v) / 5 for v in by_dim.values()) / len(by_dim)
    # 04: checklist items the client marked done, and overdue ones
    check = _rows(demo, "checklist")
    out["checklist_done"] = sum(c["status"] == "done" for c in check)
    out["checklist_overdue"] = sum(c["status"] != "done" and c["due_date"] != ""
                                   and date.fromisoformat(c["due_date"]) < as_of for c in check)
    # 06: revenue integrators sourced in the window
    types = {p["partner_id"]: p["type"] for p in partners}
    out["integrator_sourced"] = sum(float(d["amount"]) for d in won
                                    if d["attribution"] == "sourced"
                                    and types[d["partner_id"]] == "integrator")
    # 07: program revenue % of each partner
    per: dict = {}
    for d in won:
        per[d["partner_id"]] = per.get(d["partner_id"], 0) + float(d["amount"])
    out["program_pct"] = {k: 100 * v / revenue for k, v in per.items()}
    # 08: plan milestones not done and due before the as-of date
    out["overdue_milestones"] = sum(m["status"] != "done" and m["due_date"] != ""
                                    and date.fromisoformat(m["due_date"]) < as_of
                                    for m in _rows(demo, "plans"))
    # 02: rows of the hashed partner list that match one of our domains
    import hashlib

    import yaml

    salt = yaml.safe_load((demo / "profile.yaml").read_text())["hash_salt"]
    ours = {hashlib.sha256(f"{salt}:{a['domain']}".encode()).hexdigest()
            for a in _rows(demo, "accounts") if a["domain"]}
    out["hashed_matches"] = sum(r["domain_hash"] in ours for r in _rows(demo, "partner_accounts")
                                if r["domain_hash"])
    return out


@pytest.mark.e2e
def test_demo_client_end_to_end(tmp_path, demo):
    result = CliRunner().invoke(main, ["run", str(demo), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    [run_dir] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert re.fullmatch(r"demo-\d{8}-\d{6}", run_dir.name)
    expected = _independent_demo_figures(demo)
    results = json.loads((run_dir / "results.json").read_text())
    assert sorted(results) == ["01-requirements-investment", "02-mvp-acquisition",
                               "03-readiness", "04-organisation-buy-in", "05-analytics",
                               "06-partner-types", "07-partner-landscape",
                               "08-partner-communication"]
    figures = results["05-analytics"]["figures"]
    assert figures["window_end"] == expected["as_of"].isoformat()
    assert figures["window_start"] == expected["start"].isoformat()
    assert figures["revenue"] == pytest.approx(expected["revenue"])
    assert figures["deals"] == expected["deals"]
    assert figures["units"] == expected["units"]
    assert figures["active_partners"] == expected["active_partners"]
    assert figures["revenue_per_person"] == pytest.approx(expected["revenue_per_person"])
    assert figures["revenue_per_partner"] == pytest.approx(expected["revenue_per_partner"])
    assert expected["as_of"] - expected["start"] > timedelta(days=360)

    f01 = results["01-requirements-investment"]["figures"]
    assert f01["invested"] == pytest.approx(expected["invested"])
    assert f01["documentation"]["investment_recorded"] == pytest.approx(
        expected["investment_recorded"])
    assert f01["payback_reached"] > 0 and f01["payback_projected"] > 0
    f02 = results["02-mvp-acquisition"]["figures"]
    assert f02["matched_rows"]["hashed domain"] == expected["hashed_matches"] > 0
    assert f02["matched_rows"]["domain"] > 0 and f02["matched_rows"]["name"] > 0
    assert set(f02["tiers"]) == {"Low-Hanging Fruit", "Mid-Level", "Cold"}
    f03 = results["03-readiness"]["figures"]
    assert f03["readiness_index"] == pytest.approx(expected["readiness_index"])
    assert f03["unanswered"] and f03["coverage_gaps"] == ["Energy"]
    f04 = results["04-organisation-buy-in"]["figures"]
    assert f04["checklist_done"] == expected["checklist_done"]
    assert f04["checklist_overdue"] == expected["checklist_overdue"]
    f06 = results["06-partner-types"]["figures"]
    assert f06["by_type"]["integrator"]["sourced_revenue"] == pytest.approx(
        expected["integrator_sourced"])
    f07 = results["07-partner-landscape"]["figures"]
    assert f07["program_revenue_pct"] == pytest.approx(expected["program_pct"])
    f08 = results["08-partner-communication"]["figures"]
    assert sum(p["overdue"] for p in f08["plans"].values()) == expected["overdue_milestones"] > 0
    assert set(f08["grades"].values()) <= set("ABCDF")

    assert not (run_dir / "workspace.pkl").exists()  # the validated snapshot is run-only
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert set(manifest["inputs"]) >= {"profile.yaml", "deals.csv", "partners.csv"}
    assert all(len(v) == 64 for v in manifest["inputs"].values())
    assert manifest["packages"]["papermill"] != "not installed"
    assert all(n["seconds"] > 0 for n in manifest["notebooks"])

    index = (run_dir / "index.html").read_text()
    assert "Lumenar Software" in index and 'href="05-analytics.html"' in index
    assert "Program revenue USD" in index and "All parameters at their defaults." in index
    for page in run_dir.glob("*.html"):
        html = page.read_text()
        # Self-contained: no script or stylesheet fetched from elsewhere.
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html), page.name
        if page.name != "index.html":
            assert "results_dir" not in html and "import " not in html, page.name  # code hidden
            assert "Traceback" not in html, page.name
            # No stray return value: a file path of the run folder shown to the client.
            assert ".partial" not in html and "PosixPath" not in html, page.name
            assert "object at 0x" not in html and "&lt;Figure size" not in html, page.name
    report = (run_dir / "05-analytics.html").read_text()
    assert report.count("data:image/png;base64") >= 3
    assert "Assumptions used in this report" in report and "<code>window_months</code>" in report
    assert "Revenue / person" in report and "Level of certification" in report
    grid = (run_dir / "07-partner-landscape.html").read_text()
    assert "<th>Their Application/Service</th>" in grid and "Contact via Accounting" in grid


@pytest.mark.e2e
def test_show_code_keeps_code_cells(tmp_path, tiny):
    [outcome] = runner.run([tiny], tmp_path / "r", only=["05"], show_code=True,
                           params=["as_of=2024-12-31"])
    html = (outcome.run_dir / "05-analytics.html").read_text()
    assert "drilldown" in html and "results_dir" in html  # highlighted code, parameters shown


def _shadowing_kernelspec(tmp_path, monkeypatch):
    """A user-level ``python3`` kernelspec pointing at another Python, as conda or a system
    Jupyter leaves behind."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/opt/other/bin/python", "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"], "display_name": "Other", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))


def test_batch_kernels_ignore_a_shadowing_python3_kernelspec(tmp_path, monkeypatch):
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    _shadowing_kernelspec(tmp_path, monkeypatch)
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/opt/other/bin/python"
    for cls in (runner.BatchKernelManager, runner.IPCKernelManager):
        assert cls(kernel_name="python3").kernel_spec.argv[0] == sys.executable


@pytest.mark.e2e
def test_notebooks_run_in_this_interpreter_despite_a_shadowing_kernelspec(tmp_path,
                                                                          monkeypatch):
    import sys

    _shadowing_kernelspec(tmp_path, monkeypatch)
    result, printed = _execute_alone(tmp_path, "01-which.ipynb",
                                     "import sys\nprint(sys.executable)")
    assert result["status"] == "ok", result["error"]
    assert printed == sys.executable + "\n"
