"""Notebook conventions: committed without outputs, one parameters cell, python3 kernel."""

import json

import nbformat
import papermill as pm
import pytest

from playbook.config import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_with_the_runner_parameters(path):
    nb = json.loads(path.read_text())
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    params = pm.inspect_notebook(str(path))
    assert {"workspace", "notebook_id", "results_file", "snapshot", "as_of"} <= set(params)
    assert params["workspace"]["default"] == '""'  # demo client
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    source = "".join("".join(c["source"]) for c in nb["cells"])
    # A notebook offers `interactive` exactly when it has widgets, and it is off in batch.
    assert ("interactive" in params) == ("widgets." in source)
    if "interactive" in params:
        assert params["interactive"]["default"] == "False"


WIDGET_NOTEBOOKS = [p for p in NOTEBOOKS if "interactive" in pm.inspect_notebook(str(p))]


@pytest.mark.parametrize("path", WIDGET_NOTEBOOKS, ids=lambda p: p.name)
def test_live_widget_mode_runs_and_shows_widgets(path, monkeypatch):
    """``interactive = True`` is what a consultant sets in JupyterLab: every cell must run and
    the widgets must be shown. Run in this process on the demo client, not through papermill:
    headless nbclient can block on widget cells for its whole timeout (jupyter/nbclient#312)."""
    import ipywidgets

    from playbook import display as show
    from playbook import widgets

    shown: list = []
    monkeypatch.setattr(widgets, "display", shown.append)
    monkeypatch.setattr(show, "display", lambda obj: None)
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert "parameters" in cells[0].metadata.get("tags", [])
    namespace: dict = {}
    for i, cell in enumerate(cells):
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.startswith("%")
        )  # %matplotlib inline: a kernel magic
        exec(compile(source, f"{path.name} cell {i}", "exec"), namespace)
        if i == 0:  # the parameters cell
            namespace["interactive"] = True
    assert namespace["interactive"] is True
    assert shown and all(isinstance(w, ipywidgets.Widget) for w in shown)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_start_and_one_finish_and_no_own_file_name(path):
    """The set-up and the recording live in playbook.notebook: a notebook calls start() once and
    finish() once, never opens the workspace or writes results itself, and does not name its own
    file (the runner injects its id)."""
    source = "".join(
        "".join(c["source"])
        for c in json.loads(path.read_text())["cells"]
        if c["cell_type"] == "code"
    )
    assert source.count("notebook.start(") == 1 and source.count("notebook.finish(") == 1
    for setup in ("open_workspace", "resolve_as_of", "results.", "header("):
        assert setup not in source, setup
    assert path.stem not in source
