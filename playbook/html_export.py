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
