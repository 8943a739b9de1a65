"""Offline HTML export: the assumptions table is escaped and lands at the end of the report."""

import nbformat
import pytest
from conftest import HOSTILE_TEXT, TOKEN
from nbformat.v4 import new_markdown_cell, new_notebook

from playbook.html_export import assumptions_html, export_html

HEAD = (
    "<h2>Assumptions used in this report</h2><p>The parameters this report was run with; "
    "change them with <code>playbook run --param NAME=VALUE</code> or in the notebook's "
    "first cell. The 2017 report these notebooks follow names what to measure but sets no "
    "thresholds: every threshold, cut-off, weight and window here is a playbook default, to be "
    'agreed with the client.</p><table class="playbook-table"><thead><tr><th>Parameter</th>'
    "<th>Value</th><th>Meaning</th></tr></thead><tbody>"
)


def test_assumptions_markup():
    html = assumptions_html(
        [("window_months", "6", "months per window"), ("as_of", "(empty)", "latest deal date")]
    )
    assert html == (
        HEAD + "<tr><td><code>window_months</code></td><td>6</td>"
        "<td>months per window</td></tr><tr><td><code>as_of</code></td>"
        "<td>(empty)</td><td>latest deal date</td></tr></tbody></table>"
    )
    assert assumptions_html([]) == HEAD + "</tbody></table>"


FRAGMENTS = {  # name -> the assumptions table showing client text `s`
    "parameter": lambda s: assumptions_html([(s, "1", "m")]),
    "value": lambda s: assumptions_html([("p", s, "m")]),
    "meaning": lambda s: assumptions_html([("p", "1", s)]),
}


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE_TEXT, ids=[r for r, _ in HOSTILE_TEXT])
@pytest.mark.parametrize("fragment", list(FRAGMENTS))
def test_every_assumptions_cell_escapes_client_text(fragment, raw, escaped):
    benign = FRAGMENTS[fragment](TOKEN)
    html = FRAGMENTS[fragment](raw)
    assert TOKEN in benign
    assert html == benign.replace(TOKEN, escaped)
    if raw != escaped:  # the page's own apostrophe ("notebook's") is not client text
        assert html.replace(escaped, "").count(raw) == benign.count(raw)


def test_export_appends_the_escaped_assumptions_and_loads_no_scripts(tmp_path):
    source = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Partner report")]), source)
    target = export_html(
        source,
        tmp_path / "nb.html",
        title="05-analytics",
        assumptions=[("trend_freq", "<script>alert(1)</script>", "a <b>")],
    )
    page = target.read_text(encoding="utf-8")
    assert target == tmp_path / "nb.html" and not (tmp_path / "nb.html.tmp").exists()
    assert "<title>05-analytics</title>" in page
    assert assumptions_html([("trend_freq", "<script>alert(1)</script>", "a <b>")]) in page
    assert "alert(1)</script>" not in page and "<script src=" not in page
    assert page.index("Partner report") < page.index("Assumptions used in this report")
