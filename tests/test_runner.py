"""The batch runner: failures isolated, escaping, atomic run folders, the demo end to end."""

from __future__ import annotations

import csv
import json
import re
import shutil
import statistics
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TINY, write_workspace
from nbfactory import write_notebook

from playbook import runner
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import RunError

ANALYTICS = NOTEBOOKS_DIR / "05-analytics.ipynb"
HOSTILE = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- parameters


def test_unwritable_reports_folder_is_refused_before_running(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(RunError, match="cannot write reports there"):
        runner.run([tmp_path], blocker / "reports", only=["05"])


def test_unknown_only_is_refused(tmp_path):
    with pytest.raises(RunError, match="--only 42"):
        runner.discover_notebooks(["42"])
    with pytest.raises(RunError, match="--only 42"):  # per workspace too, before anything runs
        runner.run([tmp_path], tmp_path / "reports", only_for={tmp_path: ["05", "42"]})
    assert not (tmp_path / "reports").exists()


# --------------------------------------------------------------------------- failures


@pytest.mark.e2e
def test_failing_notebooks_do_not_stop_the_others(tmp_path, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ANALYTICS, notebooks / "05-analytics.ipynb")
    write_notebook(
        notebooks / "01-raises.ipynb",
        "import sys\nprint('kernel says', "
        "file=sys.__stderr__, flush=True)\nraise ValueError('broken on purpose')",
    )
    write_notebook(notebooks / "02-timeout.ipynb", "import time\ntime.sleep(60)")
    write_notebook(notebooks / "03-dies.ipynb", "import os\nos._exit(1)")
    out = tmp_path / "reports"
    [outcome] = runner.run([tiny], out, jobs=2, timeout=15, notebooks_dir=notebooks)
    status = {r["notebook"]: r for r in outcome.notebooks}
    assert status["05-analytics"]["status"] == "ok"
    assert status["01-raises"]["status"] == "failed"
    assert "broken on purpose" in status["01-raises"]["error"]
    assert (
        "CellTimeoutError" in status["02-timeout"]["error"]
        or "Timeout" in status["02-timeout"]["error"]
    )
    assert status["03-dies"]["status"] == "failed"
    assert outcome.status == "failed"
    run_dir = outcome.run_dir
    assert (run_dir / "executed" / "01-raises.ipynb").exists()
    # stopped by its timeout: no executed notebook, and none linked (it is written only at the
    # end, or with the cell that raised)
    assert status["02-timeout"]["executed"] == ""
    assert not (run_dir / "executed" / "02-timeout.ipynb").exists()
    index = (run_dir / "index.html").read_text()
    assert "3 reports could not be produced" in index  # on the front page, with their errors
    assert "broken on purpose" in index
    assert 'href="executed/01-raises.ipynb"' in index and "executed/02-timeout" not in index
    assert 'href="logs/01-raises.log"' in index  # what the kernel printed, for diagnosis
    assert "kernel says" in (run_dir / "logs" / "01-raises.log").read_text()
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert {n["notebook"]: n["status"] for n in manifest["notebooks"]} == {
        "01-raises": "failed",
        "02-timeout": "failed",
        "03-dies": "failed",
        "05-analytics": "ok",
    }
    assert not list(out.glob(".*.partial"))


# --------------------------------------------------------------------------- escaping


@pytest.mark.e2e
def test_workspace_with_only_the_required_tables_runs_everywrite_notebook(tmp_path):
    """Only partners and deals: every notebook completes and says what is not supplied."""
    ws = write_workspace(tmp_path / "ws", {k: TINY[k] for k in ("partners", "deals")})
    [outcome] = runner.run([ws], tmp_path / "r", params=["as_of=2024-12-31"], jobs=2)
    assert outcome.status == "ok", [(r["notebook"], r["error"]) for r in outcome.notebooks]
    assert len(outcome.notebooks) == 8
    for report in sorted(outcome.run_dir.glob("0*.html")):
        assert ": not shown</b> — no " in report.read_text(encoding="utf-8"), report.name
    index = (outcome.run_dir / "index.html").read_text(encoding="utf-8")
    assert "What this client's data could not show" in index
    assert "<b>Joint solutions</b> — no solutions.csv was supplied" in index


@pytest.mark.e2e
def test_hostile_client_text_is_escaped_in_every_html_output(tmp_path):
    tables = dict(TINY)
    tables["partners"] = (
        TINY["partners"]
        .replace("Alpha Apps", HOSTILE)
        .replace("North", "<b onmouseover=alert(2)>North</b>")
    )
    tables["staff"] = (
        TINY["staff"]
        .replace("Mia North", "<img src=x onerror=alert(3)>")
        .replace("North", "<b onmouseover=alert(2)>North</b>")
    )
    tables["financials"] = TINY["financials"].replace("North", "<b onmouseover=alert(2)>North</b>")
    profile = f'name: "{HOSTILE}"\nclient_id: "x"\n'
    ws = write_workspace(tmp_path / "ws", tables, profile=profile)
    [outcome] = runner.run([ws], tmp_path / "r", params=["as_of=2024-12-31"])
    assert outcome.status == "ok", outcome.notebooks
    index = (outcome.run_dir / "index.html").read_text()
    assert "Parameters set for this run: As-of date: 2024-12-31." in index
    pages = list(outcome.run_dir.glob("*.html"))
    # index, workshop agenda + every notebook
    assert len(pages) == 2 + len(runner.discover_notebooks())
    for page in pages:
        text = page.read_text()
        assert "<script>alert(1)" not in text, page.name
        assert "<img src=x" not in text and "<b onmouseover" not in text, page.name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page.name


# --------------------------------------------------------------------------- the demo client


def _rows(demo: Path, table: str) -> list[dict]:
    with open(demo / f"{table}.csv", newline="") as f:
        return list(csv.DictReader(f))


def _independent_shark(demo: Path, partners: list[dict], program_pct: dict) -> dict:
    """Shark-or-remora counts of active partners, recomputed with plain Python."""
    # 07: shark (we ≥ 2× their employees, ≥ 10 % of their business through us, they < 10 % of
    # our program revenue), remora (the mirror image), else neither
    import yaml

    ours = float(yaml.safe_load((demo / "profile.yaml").read_text())["employees"])
    counts: dict = {}
    for p in partners:
        if p["status"] != "active":
            continue
        size = float(p["employees"]) / ours
        theirs = float(p["our_share_of_their_business_pct"])
        mine = program_pct.get(p["partner_id"], 0.0)
        label = "Neither"
        if size <= 0.5 and theirs >= 10 and mine < 10:
            label = "We are the shark"
        elif size >= 2 and mine >= 10 and theirs < 10:
            label = "We are the remora"
        counts[label] = counts.get(label, 0) + 1
    return counts


def _independent_demo_figures(demo: Path) -> dict:
    """Key figures recomputed from the CSV files with the csv module only (no playbook code)."""
    deals = _rows(demo, "deals")
    dates = [d[k] for d in deals for k in ("created_date", "close_date") if d[k]]
    as_of = date.fromisoformat(max(dates))
    month = as_of.year * 12 + as_of.month - 1 - 11
    start = date(month // 12, month % 12 + 1, 1)

    def in_window(d):
        return d["close_date"] and start <= date.fromisoformat(d["close_date"]) <= as_of

    won = [
        d
        for d in deals
        if d["stage"] == "won" and d["attribution"] in ("sourced", "influenced") and in_window(d)
    ]
    partners = _rows(demo, "partners")

    def agreement_overlaps(p):  # 05: signed by as_of, not ended before the window starts
        began = not p["start_date"] or date.fromisoformat(p["start_date"]) <= as_of
        end = p.get("end_date", "")
        ended = bool(end) and date.fromisoformat(end) < start
        if p["status"] == "inactive":  # only with an end date
            return began and bool(end) and not ended
        return p["status"] == "active" and began and not ended

    active = [p for p in partners if agreement_overlaps(p)]

    def on_board(s):  # 05: on the window's last day (an end date on that day counts)
        return (not s["start_date"] or date.fromisoformat(s["start_date"]) <= as_of) and (
            not s["end_date"] or date.fromisoformat(s["end_date"]) >= as_of
        )

    fte = sum(float(s["fte"] or 1) for s in _rows(demo, "staff") if on_board(s))
    revenue = sum(float(d["amount"]) for d in won)
    out = {
        "as_of": as_of,
        "start": start,
        "revenue": revenue,
        "deals": len(won),
        "active_partners": len(active),
        "revenue_per_person": revenue / fte,
        "revenue_per_partner": revenue / len(active),
        "units": sum(int(d["units"]) for d in won),
    }
    # 01: money invested in active partners up to the as-of date
    active_ids = {p["partner_id"] for p in partners if p["status"] == "active"}
    inv = [
        i
        for i in _rows(demo, "investments")
        if i["partner_id"] in active_ids and date.fromisoformat(i["date"]) <= as_of
    ]
    out["invested"] = sum(float(i["amount"]) for i in inv)
    out["investment_recorded"] = len({i["partner_id"] for i in inv}) / len(active_ids)
    # 03: readiness index = mean over dimensions of 100 × mean answered score / 5; an item's
    # score is the median of its respondents' scores; its dimension is the two letters of its
    # id (CN1 → customer needs …)
    by_item: dict = {}
    answers = _rows(demo, "readiness")
    for r in answers:
        if r["score"] != "":
            by_item.setdefault(r["item_id"], []).append(float(r["score"]))
    by_dim: dict = {}
    for item, scores in by_item.items():
        by_dim.setdefault(item[:2], []).append(statistics.median(scores))
    out["readiness_index"] = sum(100 * sum(v) / len(v) / 5 for v in by_dim.values()) / len(by_dim)
    # 03 to discuss: IC2 answered 0 while an active partner has an industry; PO2 answered 0
    # while an investment is dated on or before the as-of date (the demo answers IC2 4 and PO2
    # 0 on purpose: one deliberate contradiction, playbook.demo's docstring)
    zero = {r["item_id"] for r in answers if r["score"] != "" and float(r["score"]) == 0}
    data = {
        "IC2": any(p["status"] == "active" and p["industry"].strip() for p in partners),
        "PO2": any(date.fromisoformat(i["date"]) <= as_of for i in _rows(demo, "investments")),
    }
    out["to_discuss"] = sorted(k for k, shown in data.items() if shown and k in zero)
    # 04: checklist items done at the as-of date (marked done, completed on or before it or
    # undated), and items not done by then that were due before it
    check = _rows(demo, "checklist")

    def done_at_as_of(c):
        completed = c["completed_date"]
        return c["status"] == "done" and (not completed or date.fromisoformat(completed) <= as_of)

    out["checklist_done"] = sum(done_at_as_of(c) for c in check)
    out["checklist_overdue"] = sum(
        not done_at_as_of(c) and c["due_date"] != "" and date.fromisoformat(c["due_date"]) < as_of
        for c in check
    )
    # 06: revenue integrators sourced in the window
    types = {p["partner_id"]: p["type"] for p in partners}
    out["integrator_sourced"] = sum(
        float(d["amount"])
        for d in won
        if d["attribution"] == "sourced" and types[d["partner_id"]] == "integrator"
    )
    # 06: joint marketing = won partner deals closed in the window flagged joint_marketing
    out["joint_marketing"] = {}
    for d in won:
        if d["joint_marketing"] == "yes":
            n, total = out["joint_marketing"].get(types[d["partner_id"]], (0, 0.0))
            out["joint_marketing"][types[d["partner_id"]]] = (n + 1, total + float(d["amount"]))
    # 07: program revenue % of each partner
    per: dict = {}
    for d in won:
        per[d["partner_id"]] = per.get(d["partner_id"], 0) + float(d["amount"])
    out["program_pct"] = {k: 100 * v / revenue for k, v in per.items()}
    # 05: top partner's share and the top five's, of the same program revenue; the top five
    # are current partners at the as-of date (status active, started, agreement not ended)
    current = {
        p["partner_id"]
        for p in partners
        if p["status"] == "active"
        and (not p["start_date"] or date.fromisoformat(p["start_date"]) <= as_of)
        and (not p["end_date"] or date.fromisoformat(p["end_date"]) > as_of)
    }
    top = sorted((v for k, v in per.items() if k in current), reverse=True)
    out["top_share"], out["top5_share"] = top[0] / revenue, sum(top[:5]) / revenue
    out["shark"] = _independent_shark(demo, partners, out["program_pct"])
    # 08: plan milestones not done at the as-of date (same rule as 04) and due before it
    out["overdue_milestones"] = sum(
        not done_at_as_of(m) and m["due_date"] != "" and date.fromisoformat(m["due_date"]) < as_of
        for m in _rows(demo, "plans")
    )
    # 02: rows of the hashed partner list that match one of our domains
    import hashlib

    import yaml

    salt = yaml.safe_load((demo / "profile.yaml").read_text())["hash_salt"]
    ours = {
        hashlib.sha256(f"{salt}:{a['domain']}".encode()).hexdigest()
        for a in _rows(demo, "accounts")
        if a["domain"]
    }
    out["hashed_matches"] = sum(
        r["domain_hash"] in ours for r in _rows(demo, "partner_accounts") if r["domain_hash"]
    )
    return out


@pytest.mark.e2e
def test_demo_client_end_to_end(demo_run, demo):
    """The session's demo run (``playbook run data/demo-client --jobs 2``, exit status 0)."""
    run_dir = demo_run
    assert re.fullmatch(r"demo-\d{8}-\d{6}", run_dir.name)
    expected = _independent_demo_figures(demo)
    results = json.loads((run_dir / "results.json").read_text())
    assert sorted(results) == [
        "01-requirements-investment",
        "02-mvp-acquisition",
        "03-readiness",
        "04-organisation-buy-in",
        "05-analytics",
        "06-partner-types",
        "07-partner-landscape",
        "08-partner-communication",
    ]
    figures = results["05-analytics"]["figures"]
    assert figures["window_end"] == expected["as_of"].isoformat()
    assert figures["window_start"] == expected["start"].isoformat()
    assert figures["revenue"] == pytest.approx(expected["revenue"])
    assert figures["deals"] == expected["deals"]
    assert figures["units"] == expected["units"]
    assert figures["active_partners"] == expected["active_partners"]
    assert figures["revenue_per_person"] == pytest.approx(expected["revenue_per_person"])
    assert figures["revenue_per_partner"] == pytest.approx(expected["revenue_per_partner"])
    assert (
        f"({expected['top_share']:.1%} of program revenue); the top five bring "
        f"{expected['top5_share']:.1%};" in results["05-analytics"]["findings"][-1]
    )
    assert expected["as_of"] - expected["start"] > timedelta(days=360)

    f01 = results["01-requirements-investment"]["figures"]
    assert f01["invested"] == pytest.approx(expected["invested"])
    assert f01["documentation"]["investment_recorded"] == pytest.approx(
        expected["investment_recorded"]
    )
    assert f01["payback_reached"] > 0 and f01["payback_projected"] > 0
    assert f01["period"] == f"all time up to {expected['as_of'].isoformat()}"
    assert f01["payback_not_computable"] == 0  # every demo deal has a margin
    f02 = results["02-mvp-acquisition"]["figures"]
    assert f02["matched_rows"]["hashed domain"] == expected["hashed_matches"] > 0
    assert f02["matched_rows"]["domain"] > 0 and f02["matched_rows"]["name"] > 0
    assert set(f02["tiers"]) == {"Low-Hanging Fruit", "Mid-Level", "Cold"}
    f03 = results["03-readiness"]["figures"]
    assert f03["readiness_index"] == pytest.approx(expected["readiness_index"])
    assert f03["unanswered"] and f03["coverage_gaps"] == ["Energy"]
    assert f03["to_discuss"] == expected["to_discuss"] == ["PO2"]
    f04 = results["04-organisation-buy-in"]["figures"]
    assert f04["checklist_done"] == expected["checklist_done"]
    assert f04["checklist_overdue"] == expected["checklist_overdue"]
    f06 = results["06-partner-types"]["figures"]
    assert f06["by_type"]["integrator"]["sourced_revenue"] == pytest.approx(
        expected["integrator_sourced"]
    )
    for kind, (n, total) in expected["joint_marketing"].items():
        assert f06["by_type"][kind]["joint_marketing_wins"] == n
        assert f06["by_type"][kind]["joint_marketing_revenue"] == pytest.approx(total)
    f07 = results["07-partner-landscape"]["figures"]
    assert f07["program_revenue_pct"] == pytest.approx(expected["program_pct"])
    assert f07["shark_or_remora"] == expected["shark"]
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
    assert (
        "<dt>Program revenue</dt><dd>USD" in index and "All parameters at their defaults." in index
    )
    assert "data as of 30 September 2026" in index and 'class="appendix"' in index
    for page in run_dir.glob("*.html"):
        html = page.read_text()
        # Self-contained: no script or stylesheet fetched from elsewhere.
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html), page.name
        if page.name != "index.html":
            # code hidden (the demo's own text may say "import": a component is a file import)
            assert "results_file" not in html and "from playbook import" not in html, page.name
            assert "Traceback" not in html, page.name
            # No stray return value: a file path of the run folder shown to the client.
            assert ".partial" not in html and "PosixPath" not in html, page.name
            assert "object at 0x" not in html and "&lt;Figure size" not in html, page.name
    report = (run_dir / "05-analytics.html").read_text()
    assert report.count("data:image/png;base64") >= 3
    assert "Assumptions used in this report" in report
    assert "<td>Reporting window in months</td>" in report and "window_months" not in report
    assert "Revenue per person" in report and "Level of certification" in report
    grid = (run_dir / "07-partner-landscape.html").read_text()
    assert "<th>Their application or service</th>" in grid
    # The seed report's two Partner Grid example rows are candidates in the Partner Grid.
    cells = re.sub(r">\s+<", "><", grid)
    assert (
        "<td>Professional Services</td><td>Contact via Accounting</td><td>Candidate</td>" in cells
    )
    assert "<td>Greater Database</td><td>5.0</td><td>Candidate</td>" in cells


@pytest.mark.e2e
def test_show_code_keeps_code_cells(tmp_path, tiny):
    [outcome] = runner.run(
        [tiny], tmp_path / "r", only=["05"], show_code=True, params=["as_of=2024-12-31"]
    )
    html = (outcome.run_dir / "05-analytics.html").read_text()
    assert "drilldown" in html and "results_file" in html  # highlighted code, parameters shown
