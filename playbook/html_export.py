"""Export an executed notebook to a self-contained, offline HTML report.

The stock ``lab`` template loads require.js, MathJax, mermaid and the widget manager from CDNs.
Our ``offline`` template (``playbook/templates/offline``) drops those script tags: report content
is tables (HTML) and charts (PNG embedded as data URIs), which need no JavaScript.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat.v4 import new_code_cell, new_output

from playbook.config import TEMPLATES_DIR
from playbook.fragments import render

HIDDEN_CELL_TAGS = {"parameters", "injected-parameters", "remove-cell"}


def assumptions_html(assumptions: list[tuple[str, str, str]]) -> str:
    """An escaped table of ``(parameter, value, meaning)``: what the report's figures assumed."""
    return render("fragments/assumptions.html.j2", assumptions=assumptions)


def _html_of(cell) -> str:
    """The text/html outputs of a code cell, joined ("" for other cells)."""
    if cell.cell_type != "code":
        return ""
    return "".join(
        "".join(out.get("data", {}).get("text/html", "")) for out in cell.get("outputs", [])
    )


def takeaways_first(nb) -> None:
    """Move the cell that shows the trend's takeaways (``playbook-takeaways``, shown by
    :func:`playbook.notebook.finish` at the end of the run) to just after the cell with the
    report's header (``playbook-header``), so a report opens with what it concludes and then
    shows the evidence. A notebook without either is left as it is."""
    cells = nb.cells
    found = next((i for i, c in enumerate(cells) if "playbook-takeaways" in _html_of(c)), None)
    header = next((i for i, c in enumerate(cells) if "playbook-header" in _html_of(c)), None)
    if found is None or header is None or found < header:
        return
    cells.insert(header + 1, cells.pop(found))


def export_html(
    notebook: Path,
    target: Path,
    show_code: bool = False,
    title: str | None = None,
    assumptions: list[tuple[str, str, str]] | None = None,
) -> Path:
    """Write ``target`` (HTML) from the executed ``notebook``; code hidden unless ``show_code``.

    ``assumptions`` (parameter, value, meaning) are appended as a table: the parameters cell
    itself is hidden from client reports, but a reader must be able to see what was assumed.
    """
    nb = nbformat.read(notebook, as_version=4)
    takeaways_first(nb)
    if title:
        nb.metadata["title"] = title
    if assumptions:
        cell = new_code_cell("", metadata={"tags": ["remove-input"]})
        cell.outputs = [
            new_output("display_data", data={"text/html": assumptions_html(assumptions)})
        ]
        nb.cells.append(cell)
    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    remove = TagRemovePreprocessor(
        remove_cell_tags=set() if show_code else HIDDEN_CELL_TAGS,
        remove_input_tags={"remove-input"},
        enabled=True,
    )
    exporter.register_preprocessor(remove, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)
    return target
