"""Notebook conventions: committed without outputs, one parameters cell, python3 kernel."""

import json

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
    assert {"workspace", "results_dir", "as_of"} <= set(params)
    assert params["workspace"]["default"] == '""'  # demo client
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    source = "".join("".join(c["source"]) for c in nb["cells"])
    # A notebook offers `interactive` exactly when it has widgets, and it is off in batch.
    assert ("interactive" in params) == ("widgets." in source)
    if "interactive" in params:
        assert params["interactive"]["default"] == "False"
