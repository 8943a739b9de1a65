"""Notebook start-up: the runner's validated snapshot is reused; bad dict parameters stop."""

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
