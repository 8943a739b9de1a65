"""Tiny named notebooks for runner and kernel tests (as papermill's own tests use)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook


def write_notebook(path: Path, source: str) -> None:
    """A notebook at ``path``: a parameters cell (the runner's parameters), then ``source``."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = new_code_cell('workspace = ""\nnotebook_id = ""\nresults_file = ""\nsnapshot = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell(source)]
    nbformat.write(nb, path)
