"""Notebook start-up: the runner's validated snapshot is reused; bad dict parameters stop."""

import pandas as pd
import pytest

from playbook import notebook
from playbook.rundir import RunFolder
from playbook.workspace import load_workspace, save_snapshot


def test_snapshot_in_the_run_folder_is_used_instead_of_the_files(tiny, tmp_path):
    ws = load_workspace(tiny)
    ws.profile.name = "from the snapshot"
    run = RunFolder(tmp_path / "run")
    run.path.mkdir()
    save_snapshot(ws, run.snapshot)
    (tiny / "deals.csv").write_text("broken,file\n")  # would fail validation if re-read
    got = notebook.open_workspace(str(tiny), str(run.snapshot))
    assert got.profile.name == "from the snapshot"
    assert len(got.table("deals")) == 8


def test_snapshot_of_another_workspace_is_ignored(tiny, tmp_path):
    other = load_workspace(tiny)
    other.path = tmp_path / "elsewhere"
    run = RunFolder(tmp_path / "run")
    run.path.mkdir()
    save_snapshot(other, run.snapshot)
    got = notebook.open_workspace(str(tiny), str(run.snapshot))
    assert got.path == tiny


def test_without_a_snapshot_errors_are_listed(tiny):
    (tiny / "deals.csv").write_text((tiny / "deals.csv").read_text().replace("P2,", "P9,"))
    with pytest.raises(notebook.NotebookInputError, match="deals.csv, row 4, column partner_id"):
        notebook.open_workspace(str(tiny))


def test_check_keys():
    notebook.check_keys("w", {"a": 1}, ("a", "b"))
    with pytest.raises(notebook.NotebookInputError, match=r"w: unknown key\(s\) \['c'\]"):
        notebook.check_keys("w", {"a": 1, "c": 2}, ("a", "b"))


def test_relative_workspace_from_the_notebooks_folder_finds_the_project_one(monkeypatch):
    """In JupyterLab the working directory is notebooks/; "data/demo-client" still works."""
    from playbook.config import DEMO_WORKSPACE, NOTEBOOKS_DIR

    monkeypatch.chdir(NOTEBOOKS_DIR)
    assert notebook.resolve_workspace("data/demo-client") == DEMO_WORKSPACE.resolve()
    assert notebook.resolve_workspace("../data/demo-client") == DEMO_WORKSPACE.resolve()
    assert notebook.resolve_workspace("") == DEMO_WORKSPACE


def test_start_fixes_as_of_and_window_and_finish_records_the_result(tiny, tmp_path, monkeypatch):
    """start(): the as-of parameter and a 3-month window ending with it (2024-04-01 … 2024-06-15,
    both days inside); finish(): findings shown, the result written to the runner's file."""
    import json

    from playbook import display
    from playbook.results import TrendResult

    shown: list = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    results_file = tmp_path / "results" / "05-x.json"
    ctx = notebook.start(
        "Analytics",
        str(tiny),
        "2024-06-15",
        window_months=3,
        notebook_id="05-x",
        results_file=str(results_file),
    )
    assert ctx.as_of == pd.Timestamp("2024-06-15")
    assert (ctx.window.start, ctx.window.end) == (pd.Timestamp("2024-04-01"), ctx.as_of)
    assert ctx.currency == "USD" and len(ctx.deals) == 8
    assert "2024-04-01 to 2024-06-15 (3 months)" in shown[0]
    assert 'data-client="Tiny Test Co" data-title="05 · Analytics"' in shown[0]
    assert "<dd>2024-06-15 (set for this run)</dd>" in shown[0]
    notebook.finish(ctx, TrendResult(["One finding."], {"n": float("nan")}, {"N": "1"}))
    assert "<li>One finding.</li>" in shown[1]
    assert json.loads(results_file.read_text()) == {
        "notebook": "05-x",
        "title": "Analytics",
        "as_of": "2024-06-15",
        "currency": "USD",
        "figures": {"n": None},
        "headline": {"N": "1"},
        "findings": ["One finding."],
        "not_shown": [],
        "key_findings": [],
        "actions": [],
        "partners": [],
        "tables": [],
    }


def test_gaps_are_shown_in_one_line_and_recorded_once_for_the_summary(tiny, tmp_path, monkeypatch):
    """The tiny workspace has no accounts table, no deal with an account_id and no
    profile.yaml requirement_criteria; it has deals with partner ids and five tables."""
    import json

    from playbook import display
    from playbook.results import TrendResult

    shown: list = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    results_file = tmp_path / "results" / "02-x.json"
    ctx = notebook.start(
        "Overlap", str(tiny), "", notebook_id="02-x", results_file=str(results_file)
    )
    assert notebook.lacks(ctx, "Account overlap", "accounts", "deals.account_id")
    assert notebook.lacks(ctx, "Overlap from deals", "deals.partner_id", "deals.account_id")
    assert not notebook.lacks(ctx, "Revenue", "deals.amount", "staff", "investments.amount")
    notebook.gap(ctx, "Fit", "profile.yaml", "requirement_criteria")
    notebook.gap(ctx, "Fit", "profile.yaml", "requirement_criteria")  # recorded once
    assert (
        shown[1:]
        == [
            '<p class="playbook-gap"><b>Account overlap: not shown</b> — no accounts.csv was '
            "supplied; fill accounts.csv (column account_id) to show it.</p>",
            '<p class="playbook-gap"><b>Overlap from deals: not shown</b> — deals.csv has no value '
            "in account_id; fill column account_id of deals.csv to show it.</p>",
            '<p class="playbook-gap"><b>Fit: not shown</b> — profile.yaml sets no '
            "requirement_criteria; add requirement_criteria to profile.yaml to show it.</p>",
        ]
        + shown[4:5]
    )
    notebook.finish(ctx, TrendResult([]))
    assert "<li>No finding: the data supports none.</li>" in shown[-1]
    assert 'class="playbook-takeaways"' in shown[-1]
    recorded = json.loads(results_file.read_text())["not_shown"]
    assert [(g["section"], g["file"], g["columns"]) for g in recorded] == [
        ("Account overlap", "accounts.csv", ""),
        ("Overlap from deals", "deals.csv", "account_id"),
        ("Fit", "profile.yaml", "requirement_criteria"),
    ]


def test_as_of_is_today_when_no_deal_carries_a_date(tmp_path, monkeypatch):
    from conftest import PROFILE, write_workspace

    from playbook import display

    shown: list = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    deals = "deal_id,stage\nD1,lead\nD2,proposal\n"
    partners = "partner_id,name,type,status,area\nP1,One,isv,active,North\n"
    ws = write_workspace(tmp_path / "ws", {"deals": deals, "partners": partners}, PROFILE)
    ctx = notebook.start("Readiness", str(ws), "")
    assert ctx.as_of == pd.Timestamp.today().normalize()
    assert "(today: no deal carries a date)" in shown[0]


def test_a_live_session_records_nothing(tiny, tmp_path, monkeypatch):
    from playbook import display
    from playbook.results import TrendResult

    shown: list = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    here = tmp_path / "live"
    here.mkdir()
    monkeypatch.chdir(here)
    ctx = notebook.start("Readiness", str(tiny), "")
    assert ctx.window is None and ctx.results_file == ""
    assert ctx.as_of == pd.Timestamp("2024-12-31")  # D4 closed 2024-12-31, the latest date
    assert "<dd>2024-12-31 (the latest deal date in the data)</dd>" in shown[0]
    notebook.finish(ctx, TrendResult(["x"]))
    assert list(here.iterdir()) == [] and not list(tiny.glob("*.json"))


def test_show_to_discuss_lists_contradictions_of_the_topics_asked(tmp_path, monkeypatch):
    """Checklist CM10 not started while the tiny deals carry attribution: shown for topic
    'checklist', not for 'plans' (no plans table: nothing to discuss, nothing shown)."""
    from conftest import TINY, write_workspace

    from playbook import display

    shown: list = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    checklist = (
        "item_id,category,task,owner,due_date,status,completed_date\n"
        "CM10,Systems,Record attribution,Ann,2024-06-30,not_started,\n"
    )
    ws = write_workspace(tmp_path / "ws", {**TINY, "checklist": checklist})
    ctx = notebook.start("Organisation buy-in", str(ws), "2024-12-31")
    notebook.show_to_discuss(ctx, "plans")
    assert len(shown) == 1  # the header only
    notebook.show_to_discuss(ctx, "checklist")
    assert "To discuss with the client" in shown[1]
    assert "CM10 'Record attribution' not done at 2024-12-31" in shown[1]
