"""Export an executed notebook to a self-contained, offline HTML report.

The stock ``lab`` template loads require.js, MathJax, mermaid and the widget manager from CDNs.
Our ``offline`` template (``playbook/templates/offline``) drops those script tags: report content
is tables (HTML) and charts (PNG embedded as data URIs), which need no JavaScript. The page is
then put in the order a client reads it (:func:`arrange`) and framed by
:mod:`playbook.report_frame` (title, stylesheet, anchors, navigation).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.modules.setdefault("rfc3987_syntax", None)  # as playbook.kernels: not needed, slow to import

import nbformat  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402
from nbconvert.exporters.templateexporter import TemplateExporter  # noqa: E402
from nbconvert.filters.highlight import Highlight2HTML  # noqa: E402
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter  # noqa: E402
from nbconvert.preprocessors import TagRemovePreprocessor  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output  # noqa: E402

from playbook.config import TEMPLATES_DIR  # noqa: E402
from playbook.fragments import render  # noqa: E402
from playbook.report_frame import frame_page  # noqa: E402

HIDDEN_CELL_TAGS = {"parameters", "injected-parameters", "remove-cell"}


def assumptions_html(assumptions: list[tuple[str, str, str, str]]) -> str:
    """An escaped table of ``(parameter, value, source, meaning)``: what the report's figures
    assumed and where each value came from."""
    return render("fragments/assumptions.html.j2", assumptions=assumptions)


def _html_of(cell) -> str:
    """The text/html outputs of a code cell, joined ("" for other cells)."""
    if cell.cell_type != "code":
        return ""
    return "".join(
        "".join(out.get("data", {}).get("text/html", "")) for out in cell.get("outputs", [])
    )


def _find(cells, marker: str) -> int | None:
    """The index of the first cell whose HTML output contains ``marker``."""
    return next((i for i, c in enumerate(cells) if marker in _html_of(c)), None)


def takeaways_first(nb) -> None:
    """Move the cell that shows the trend's takeaways (``playbook-takeaways``, shown by
    :func:`playbook.notebook.finish` at the end of the run) to just after the cell with the
    report's header (``playbook-header``), so a report opens with what it concludes and then
    shows the evidence. A notebook without either is left as it is."""
    cells = nb.cells
    found, header = _find(cells, "playbook-takeaways"), _find(cells, "playbook-header")
    if found is None or header is None or found < header:
        return
    cells.insert(header + 1, cells.pop(found))


def header_facts(nb) -> dict[str, str]:
    """The client and the ``NN · trend`` title the report's header carries (``data-client``,
    ``data-title``; empty strings when the notebook shows no header)."""
    found = _find(nb.cells, "playbook-header")
    if found is None:
        return {"client": "", "title": ""}
    tag = BeautifulSoup(_html_of(nb.cells[found]), "html.parser").find(class_="playbook-header")
    return {"client": tag.get("data-client", ""), "title": tag.get("data-title", "")}


def _split_notes(nb):
    """Take the "Notes on the data" section (``playbook-notes``) out of the header's output and
    return it as a cell of its own (``None`` when there is none)."""
    found = _find(nb.cells, "playbook-notes")
    if found is None:
        return None
    for out in nb.cells[found].get("outputs", []):
        markup = "".join(out.get("data", {}).get("text/html", ""))
        if "playbook-notes" not in markup:
            continue
        soup = BeautifulSoup(markup, "html.parser")
        notes = soup.find("section", class_="playbook-notes").extract()
        out["data"]["text/html"] = str(soup)
        cell = new_code_cell("", metadata={"tags": ["remove-input"]})
        cell.outputs = [new_output("display_data", data={"text/html": str(notes)})]
        return cell
    return None


def arrange(nb) -> None:
    """Put a report in the order a client reads it: the title heading (the first line of the
    first markdown cell, when it is a ``#`` heading), the header, the takeaways, then the rest
    (the trend's introduction and the evidence) as the notebook has it, and the notes on the
    data last."""
    takeaways_first(nb)
    notes = _split_notes(nb)
    cells = nb.cells
    first_md = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"), None)
    header = _find(cells, "playbook-header")
    if first_md is not None and header is not None and first_md < header:
        source = cells[first_md].source
        line, _, rest = source.partition("\n")
        if line.startswith("# "):
            moved = [cells[header]]
            if header + 1 < len(cells) and "playbook-takeaways" in _html_of(cells[header + 1]):
                moved.append(cells[header + 1])
            others = [c for c in cells if all(c is not m for m in moved)]
            cells[first_md].source = rest.lstrip("\n")
            at = others.index(cells[first_md])
            others[at:at] = [new_markdown_cell(line), *moved]
            nb.cells = others
    if notes is not None:
        nb.cells.append(notes)


def _heading_of(nb) -> str:
    """The first ``# `` heading of the notebook's markdown ("" when there is none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            line = cell.source.partition("\n")[0]
            if line.startswith("# "):
                return line[2:]
    return ""


def report_title(nb, fallback: str = "") -> tuple[str, str]:
    """``(title, trend)`` of the report: ``trend`` is ``NN trend`` (``01 Partner requirements
    and investment``) from the header, else from the notebook's ``#`` heading (a notebook that
    stopped before its header), else ``fallback``; ``title`` is ``client — trend`` (the trend
    alone without a client)."""
    facts = header_facts(nb)
    trend = " ".join((facts["title"] or _heading_of(nb)).replace("·", " ").split()) or fallback
    return (f"{facts['client']} — {trend}" if facts["client"] else trend), trend


class ReportExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass over the page.

    ``HTMLExporter.from_notebook_node`` ends by parsing the whole page with BeautifulSoup to
    give images without alternative text a stock one and make input and output areas
    focusable (``tabindex``), then writes the page out again. Every report is parsed anyway
    by :func:`playbook.report_frame.frame_page`, which does both in that same pass: the
    exporter's own pass was a second parse of each page (about 0.2 s per MB of HTML).
    The body below is ``HTMLExporter.from_notebook_node`` (nbconvert 7) up to that pass.
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page nbconvert's exporter writes, before its BeautifulSoup pass."""
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


_EXPORTERS = threading.local()  # per thread: an exporter is reused, never shared


def _exporter(show_code: bool) -> ReportExporter:
    """The HTML exporter for reports with or without code, created once per thread: creating
    one loads and compiles its Jinja templates again (about a third of an export)."""
    cache = _EXPORTERS.__dict__
    if show_code not in cache:
        exporter = ReportExporter(
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
        cache[show_code] = exporter
    return cache[show_code]


def export_html(
    notebook: Path,
    target: Path,
    show_code: bool = False,
    title: str | None = None,
    assumptions: list[tuple[str, str, str, str]] | None = None,
    summary: str | None = None,
) -> Path:
    """Write ``target`` (HTML) from the executed ``notebook``; code hidden unless ``show_code``.

    The report is put in reading order (:func:`arrange`: title, header, takeaways, evidence,
    notes on the data) and framed (:func:`playbook.report_frame.frame_page`): titled
    "client — NN trend" (``title`` when the notebook shows no header), styled, with a
    navigation bar linking back to ``summary`` (when given) and its contents. ``assumptions``
    (setting, value, source, meaning) are appended as a table: the parameters cell itself is hidden
    from client reports, but a reader must be able to see what was assumed.
    """
    nb = nbformat.read(notebook, as_version=4)
    arrange(nb)
    page_title, trend = report_title(nb, title or Path(notebook).stem)
    nb.metadata["title"] = page_title
    if assumptions:
        cell = new_code_cell("", metadata={"tags": ["remove-input"]})
        cell.outputs = [
            new_output("display_data", data={"text/html": assumptions_html(assumptions)})
        ]
        nb.cells.append(cell)
    exporter = _exporter(show_code)
    body, _ = exporter.from_notebook_node(nb)
    body = frame_page(body, page_title, trend, summary)
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)
    return target
