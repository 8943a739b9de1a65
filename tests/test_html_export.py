"""Offline HTML export: the report in reading order (title, header, takeaways, evidence, notes
on the data, assumptions), framed with its title, stylesheet, anchors and navigation; every
client text escaped."""

import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import HOSTILE_TEXT, TOKEN
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from playbook.display import plain_note
from playbook.fragments import render
from playbook.html_export import assumptions_html, export_html
from playbook.report_frame import NEIGHBOURS, link_reports, slug

HEAD = (
    '<section class="playbook-assumptions appendix">'
    "<h2>Assumptions used in this report</h2><p>The settings behind this report's figures. "
    "The 2017 industry report this playbook follows names what to measure but sets no "
    "thresholds, so every threshold, cut-off, weight and window below is a playbook default "
    "unless the client profile or this run set it (the Source column says which): agree them "
    "with your consultant, who can change any of them and run the report again.</p>"
    '<table class="playbook-table"><thead><tr><th>Setting</th><th>Value</th><th>Source</th>'
    "<th>Meaning</th></tr></thead><tbody>"
)


def test_assumptions_markup():
    html = assumptions_html(
        [
            ("Reporting window in months", "6", "Client profile", "Months per window"),
            ("As-of date", "Not set", "Playbook default", "m"),
        ]
    )
    assert html == (
        HEAD + "<tr><td>Reporting window in months</td><td>6</td><td>Client profile</td>"
        "<td>Months per window</td></tr><tr><td>As-of date</td>"
        "<td>Not set</td><td>Playbook default</td><td>m</td></tr></tbody></table></section>"
    )
    assert assumptions_html([]) == HEAD + "</tbody></table></section>"


FRAGMENTS = {  # name -> the assumptions table showing client text `s`
    "parameter": lambda s: assumptions_html([(s, "1", "Client profile", "m")]),
    "value": lambda s: assumptions_html([("p", s, "Client profile", "m")]),
    "source": lambda s: assumptions_html([("p", "1", s, "m")]),
    "meaning": lambda s: assumptions_html([("p", "1", "Client profile", s)]),
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
    nbformat.write(new_notebook(cells=[new_markdown_cell("Partner report")]), source)
    target = export_html(
        source,
        tmp_path / "nb.html",
        title="05-analytics",
        assumptions=[("trend_freq", "<script>alert(1)</script>", "Set for this run", "a <b>")],
    )
    page = target.read_text(encoding="utf-8")
    assert target == tmp_path / "nb.html" and not (tmp_path / "nb.html.tmp").exists()
    assert "<title>05-analytics</title>" in page
    table = assumptions_html(
        [("trend_freq", "<script>alert(1)</script>", "Set for this run", "a <b>")]
    )
    assert table.replace("<h2>", '<h2 id="assumptions-used-in-this-report">') in page
    assert "alert(1)</script>" not in page and "<script src=" not in page
    main = str(BeautifulSoup(page, "html.parser").main)
    assert main.index("Partner report") < main.index("Assumptions used in this report")


def _html_cell(markup: str):
    cell = new_code_cell("")
    cell.outputs = [new_output("display_data", data={"text/html": markup})]
    return cell


def _report(tmp_path, client="Lumenar <Software>", notes=("deals.amount: blank (2 rows)",)):
    """An executed notebook shaped like a trend's: title and introduction, the start cell's
    header (with notes on the data), evidence with repeated headings, the takeaways last."""
    header = render(
        "fragments/header.html.j2",
        client=client,
        as_of="2024-06-30",
        currency="USD",
        title="01 · Partner requirements",
        as_of_note="",
        window="",
        notes=[plain_note(n) for n in notes],
    )
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 01 · Partner requirements\n\n**Thought.** Intro."),
            _html_cell(header),
            new_markdown_cell("## Fit & payback\n\nEvidence one."),
            new_markdown_cell("### Details"),
            new_markdown_cell("## Fit & payback"),
            _html_cell(render("fragments/takeaways.html.j2", items=["One takeaway."])),
        ]
    )
    source = tmp_path / "01-requirements.ipynb"
    nbformat.write(nb, source)
    return export_html(
        source,
        tmp_path / "01-requirements.html",
        title="01-requirements",
        assumptions=[("Setting", "1", "Playbook default", "m")],
        summary="index.html",
    )


def test_report_reads_title_header_takeaways_evidence_notes_assumptions(tmp_path):
    page = _report(tmp_path).read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.get_text() == "Lumenar <Software> — 01 Partner requirements"
    assert "Lumenar &lt;Software&gt; — 01 Partner requirements</h1>" in page
    order = [
        "Lumenar &lt;Software&gt; — 01 Partner requirements</h1>",
        'class="playbook-header"',
        'class="playbook-takeaways"',
        "<strong>Thought.</strong> Intro.",
        "Evidence one.",
        "<h2>Notes on the data</h2>",
        "Assumptions used in this report",
    ]
    main = str(soup.main)
    at = [main.index(marker.replace("<h2>", '<h2 id="notes-on-the-data">')) for marker in order]
    assert at == sorted(at)
    assert page.count('class="playbook-notes"') == 1
    assert "<li>Amount in deals: blank (2 rows)</li>" in page


def test_report_headings_get_unique_stable_anchors_and_a_contents_block(tmp_path):
    soup = BeautifulSoup(_report(tmp_path).read_text(encoding="utf-8"), "html.parser")
    ids = [h["id"] for h in soup.select("main h2, main h3")]
    assert ids == [
        "takeaways",
        "fit-payback",
        "details",
        "fit-payback-2",
        "notes-on-the-data",
        "assumptions-used-in-this-report",
    ]
    contents = soup.select_one("nav.playbook-nav .playbook-contents > ol")
    top = [li.a["href"] for li in contents.find_all("li", recursive=False)]
    assert top == ["#" + i for i in ids if i != "details"]
    assert [a["href"] for a in contents.select("ol ol a")] == ["#details"]
    assert soup.select_one("nav a.nav-summary")["href"] == "index.html"
    assert not soup.select("a.anchor-link")  # no stray pilcrows
    assert slug("Investment, payback and ROI") == "investment-payback-and-roi"
    assert slug("¶ —") == "section"


def test_report_carries_one_stylesheet_with_print_rules_and_palette_colours(tmp_path):
    page = _report(tmp_path).read_text(encoding="utf-8")
    assert "@media print" in page and "size: A4 portrait" in page and "counter(page)" in page
    assert "nav.playbook-nav { display: none; }" in page
    assert "#D55E00" in page and "#E69F00" in page and "#009E73" in page  # palette.RAG
    assert "<script src=" not in page


def test_neighbours_are_linked_by_title_once_every_report_exists(tmp_path):
    pages = []
    for stem, title in [("01-a", "01 · Alpha"), ("02-b", "02 · Beta <b>"), ("03-c", "03 · C")]:
        header = render(
            "fragments/header.html.j2",
            client="Client",
            as_of="2024-06-30",
            currency="USD",
            title=title,
            as_of_note="",
            window="",
            notes=[],
        )
        source = tmp_path / f"{stem}.ipynb"
        nbformat.write(new_notebook(cells=[new_markdown_cell("# x"), _html_cell(header)]), source)
        pages.append(export_html(source, tmp_path / f"{stem}.html", summary="index.html"))
    assert all(NEIGHBOURS in p.read_text(encoding="utf-8") for p in pages)
    link_reports(pages)
    links = [
        [
            (a["rel"][0], a["href"], a.get_text())
            for a in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(
                "nav a[rel]"
            )
        ]
        for p in pages
    ]
    assert links == [
        [("next", "02-b.html", "Next: 02 Beta <b> ›")],
        [("prev", "01-a.html", "‹ Previous: 01 Alpha"), ("next", "03-c.html", "Next: 03 C ›")],
        [("prev", "02-b.html", "‹ Previous: 02 Beta <b>")],
    ]
    assert "Beta &lt;b&gt;" in pages[0].read_text(encoding="utf-8")
    assert not any(re.search(NEIGHBOURS, p.read_text(encoding="utf-8")) for p in pages)


def test_a_report_without_its_header_is_titled_by_its_heading(tmp_path):
    """A notebook that stopped before its header still names its trend, not its file."""
    source = tmp_path / "02-x.ipynb"
    nbformat.write(
        new_notebook(cells=[new_markdown_cell("# 02 · MVP acquisition\n\nText")]), source
    )
    page = export_html(source, tmp_path / "02-x.html", title="02-x").read_text(encoding="utf-8")
    assert "<title>02 MVP acquisition</title>" in page
    assert '<h1 id="top">02 MVP acquisition</h1>' in page


def _stock_export(source, target, show_code, monkeypatch):
    """``export_html`` as it was with nbconvert's own ``HTMLExporter`` (which ends with a
    BeautifulSoup pass of its own) and ``frame_page`` doing nothing more."""
    from nbconvert import HTMLExporter

    from playbook import html_export, report_frame

    with monkeypatch.context() as patched:
        patched.setattr(html_export, "ReportExporter", HTMLExporter)
        patched.setattr(html_export, "_EXPORTERS", type(html_export._EXPORTERS)())
        patched.setattr(report_frame, "_accessible", lambda soup: None)
        return export_html(source, target, show_code=show_code).read_text(encoding="utf-8")


@pytest.mark.parametrize("show_code", [False, True])
def test_one_pass_export_writes_the_page_nbconvert_and_the_frame_wrote(
    tmp_path, monkeypatch, show_code
):
    """The exporter skips nbconvert's closing pass over the page (alt texts, tabindex) and
    the frame's pass does the same: the page is the one written before, byte for byte (but the
    random ids of the cells `arrange` adds), images without alt text get nbconvert's, and the
    cells' areas are focusable."""
    pixel = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
        "rkJggg=="
    )
    chart = new_code_cell("x = 1")
    chart.outputs = [
        new_output("display_data", data={"image/png": pixel}),
        new_output("display_data", data={"text/html": '<img alt="Revenue by area" src="a.png">'}),
        new_output("stream", name="stdout", text="printed <b>text</b>\n"),
    ]
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 01 · Trend\n\nIntro & more."),
            chart,
            new_markdown_cell("## A heading"),
            _html_cell('<table class="playbook-table"><tr><td>R&amp;D</td></tr></table>'),
        ]
    )
    source = tmp_path / "01-trend.ipynb"
    nbformat.write(nb, source)
    page = export_html(source, tmp_path / "new.html", show_code=show_code).read_text("utf-8")
    before = _stock_export(source, tmp_path / "old.html", show_code, monkeypatch)

    def ids(text):
        return re.sub(r"cell-id=[0-9a-f]{8}", "cell-id=", text)

    assert ids(page) == ids(before)
    soup = BeautifulSoup(page, "html.parser")
    assert [i["alt"] for i in soup.find_all("img")] == [
        "No description has been provided for this image",
        "Revenue by area",
    ]
    assert soup.select("div.jp-OutputArea-output") and all(
        area["tabindex"] == "0" for area in soup.select("div.jp-OutputArea-output")
    )
    wrappers = soup.select("div.jp-Cell-inputWrapper")
    assert wrappers and all(w["tabindex"] == "0" for w in wrappers)
