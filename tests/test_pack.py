"""The client pack PDF (``playbook run --pdf``): composition on small hand-made pages, the demo
pack printed by the real Chromium and read back with pypdf, and the run without a browser."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import write_workspace
from nbfactory import write_notebook
from pypdf import PdfReader

from playbook import pack
from playbook.cli import main

CHROMIUM = Path("/usr/bin/chromium")

SUMMARY = """<!DOCTYPE html><html><head><style>body { margin: 2em; } h1 { color: red; }</style>
</head><body class="summary-page">
<nav class="no-pack"><a href="01-first.html">01</a></nav>
<h1 id="top">Partner ecosystem playbook — Acme</h1>
<p>See <a href="02-second.html#money">the money</a> and <a href="results.xlsx">the workbook</a>.</p>
<div class="wrap"><div><section class="appendix"><h2 id="meta">Run details</h2><p>Run took 30 s.
</p></section></div></div><div class="wrap2"><nav class="no-pack">Back</nav></div>
</body></html>"""

REPORT = """<!DOCTYPE html><html><head><style>:root { --x: 1px; } .jp-Cell { padding: 0; }</style>
</head><body class="jp-Notebook" data-jp-theme-light="true">
<div class="playbook-nav no-pack"><a href="index.html">Summary</a></div>
<h1 id="title">{n} · {name}<a class="anchor-link" href="#title">¶</a></h1>
<p><a href="#money">Jump</a></p><h2 id="money">Money</h2><label for="money">x</label>
<section class="appendix playbook-assumptions"><h2>Assumptions used in this report</h2></section>
</body></html>"""


def _report(n: str, name: str) -> str:
    return REPORT.replace("{n}", n).replace("{name}", name)


# --------------------------------------------------------------------------- composition


def test_a_part_leaves_out_no_pack_and_sets_the_appendix_aside():
    part = pack.take_part(SUMMARY, "index", "summary", title="Executive summary")
    assert "01</a>" not in part.body and "no-pack" not in part.body
    assert "Run details" not in part.body
    assert len(part.appendix) == 1 and "Run took 30 s." in part.appendix[0]
    assert "wrap" not in part.body  # the empty frames they leave are gone too
    assert part.styles == ["body { margin: 2em; } h1 { color: red; }"]
    assert part.label  # its heading does not say "Executive summary": the pack labels it
    assert part.attrs == {"class": "summary-page"}


def test_ids_are_unique_per_page_and_links_follow_them():
    first = pack.take_part(_report("01", "First"), "01-first", "report")
    second = pack.take_part(_report("02", "Second"), "02-second", "report")
    ids = re.findall(r'id="([^"]+)"', first.body + second.body)
    assert len(ids) == len(set(ids)) == 4
    assert 'id="pack-01-first-money"' in first.body
    assert 'href="#pack-01-first-money"' in first.body and 'for="pack-01-first-money"' in first.body
    assert "anchor-link" not in first.body and "¶" not in first.body
    assert first.title == "First" and first.number == "01" and not first.label
    summary = pack.take_part(SUMMARY, "index", "summary", title="Executive summary")
    assert 'href="#pack-02-second-money"' in summary.body  # another page: its pack section
    assert "results.xlsx" not in summary.body and "the workbook" in summary.body  # dead in a PDF


def test_compose_cover_contents_in_order_and_css_scoped_once():
    parts = [
        pack.take_part(SUMMARY, "index", "summary", title="Executive summary"),
        pack.take_part(_report("01", "First"), "01-first", "report"),
        pack.take_part(_report("02", "Second"), "02-second", "report"),
    ]
    manifest = {
        "started": "2026-11-30T09:54:59",
        "seconds": 31.5,
        "status": "ok",
        "notebooks": [{"notebook": "01-first", "status": "ok", "seconds": 12.0}],
        "inputs": {"deals.csv": "ab" * 32},
        "packages": {"python": "3.12.1"},
    }
    doc = pack.Pack("Acme <Ltd>", "30 September 2026", "30 November 2026", parts, manifest)
    html = pack.compose(doc, {"pack-summary": 3, "pack-01-first": 4})
    soup = BeautifulSoup(html, "html.parser")
    cover = soup.find(class_="pack-cover").get_text(" ")
    for text in ("Acme <Ltd>", "Partner ecosystem playbook", "30 September 2026", "30 November"):
        assert text in cover
    toc = [" ".join(li.get_text(" ").split()) for li in soup.select(".pack-toc li")]
    assert toc == [
        "Executive summary 3",
        "01 First 4",
        "02 Second",
        "Technical appendix",
    ]
    sections = [s["id"] for s in soup.select("section.pack-part")]
    assert sections == ["pack-summary", "pack-01-first", "pack-02-second", "pack-appendix"]
    appendix = soup.find(id="pack-appendix").get_text(" ")
    assert "Run took 30 s." in appendix and "ab" * 32 in appendix and "12.0" in appendix
    assert appendix.count("Assumptions used in this report") == 2  # one per report, moved
    css = "\n".join(s.get_text() for s in soup.find_all("style"))
    assert css.count(".jp-Cell { padding: 0; }") == 1  # the reports' CSS once
    assert "@scope (.pack-summary) {\n:scope { margin: 2em; }" in css
    assert ":scope { --x: 1px; }" in css
    assert '"Acme \\3C Ltd> · Partner ecosystem playbook"' in css  # the footer, CSS-escaped
    assert "</Ltd>" not in css


# --------------------------------------------------------------------------- the demo pack


def _text(value: str) -> str:
    """Text compared without case, ligatures or any whitespace (a header may wrap)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()


def _headers(html: str) -> set[str]:
    """The column headers of every table of a page the pack shows (less ``no-pack``)."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.find_all(class_="no-pack"):
        el.decompose()
    found = set()
    for table in soup.find_all("table"):
        for th in table.select("thead th"):
            text = " ".join(th.get_text(" ").split())
            if text:
                found.add(text)
    return found


@pytest.fixture(scope="module")
def demo_pack(demo_run, tmp_path_factory):
    """The demo run's pack, printed by the real Chromium into a copy of the run folder."""
    assert CHROMIUM.exists(), (
        "/usr/bin/chromium is missing: the README's test command installs it "
        "(apt-get install chromium)"
    )
    run_dir = tmp_path_factory.mktemp("pack") / demo_run.name
    shutil.copytree(demo_run, run_dir)
    result = pack.build_pack(run_dir, "2026-09-30", browser=str(CHROMIUM))
    return run_dir, result


@pytest.fixture(scope="module")
def pack_texts(demo_pack) -> list[str]:
    """The text of every page of the demo pack, extracted once (pypdf takes seconds)."""
    return [page.extract_text() for page in PdfReader(demo_pack[1].path).pages]


@pytest.mark.e2e
def test_the_demo_pack_shows_every_column_header(demo_pack, pack_texts):
    run_dir, _ = demo_pack
    text = _text(" ".join(pack_texts))
    pages = [run_dir / "index.html"] + sorted(run_dir.glob("[0-9][0-9]-*.html"))
    assert len(pages) == 9
    missing = [
        f"{page.name}: {header}"
        for page in pages
        for header in sorted(_headers(page.read_text(encoding="utf-8")))
        if _text(header) not in text
    ]
    assert not missing, "column headers missing from the PDF:\n" + "\n".join(missing)


@pytest.mark.e2e
def test_the_demo_pack_is_a4_with_cover_and_true_contents(demo_pack, pack_texts):
    run_dir, result = demo_pack
    reader = PdfReader(result.path)
    assert result.pages == len(reader.pages)
    assert 25 <= result.pages <= 100
    wide = [i + 1 for i, p in enumerate(reader.pages) if float(p.mediabox.width) > 612]
    assert not wide, f"pages wider than A4/Letter: {wide}"
    assert all(float(p.mediabox.height) <= 842 for p in reader.pages)
    texts = pack_texts
    client = json.loads((run_dir / "manifest.json").read_text())["client"]["name"]
    assert client in texts[0] and "Partner ecosystem playbook" in texts[0]
    assert "Contents" in texts[1]
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert '<a href="client-pack.pdf">' in index and f"{result.pages} pages" in index
    marks = [o.title for o in reader.outline if not isinstance(o, list)]  # PDF bookmarks
    assert "Technical appendix" in marks and any("05 Analytics" in m for m in marks)
    doc = pack.collect(run_dir, "2026-09-30")
    titles = [p.title for p in doc.parts] + ["Technical appendix"]
    assert len(titles) == 10
    contents = [" ".join(line.split()) for line in texts[1].splitlines()]
    starts = []
    for title in titles:
        [line] = [ln for ln in contents if title in ln]
        page = int(re.search(r"(\d+)$", line).group(1))
        assert _text(title) in _text(texts[page - 1]), f"{title} is not on page {page}"
        # The page before a report's first belongs to the report before it (the summary, which
        # names every report, comes before the first report): the title must not be there yet.
        earlier = len(starts) >= 2 and _text(title) in _text(texts[page - 2])
        assert not earlier, f"{title} starts earlier"
        starts.append(page)
    assert starts == sorted(starts) and starts[0] == 3 and len(set(starts)) == 10
    assert not list(run_dir.glob(".*partial*"))  # written through a temporary name, renamed


# --------------------------------------------------------------------------- no browser


def test_no_browser_says_how_to_install_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_BROWSER", str(tmp_path / "no-such-browser"))
    with pytest.raises(pack.PackError, match="apt-get install chromium"):
        pack.find_browser()
    monkeypatch.delenv("PLAYBOOK_BROWSER")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pack.PackError, match="no headless browser found.*apt-get install"):
        pack.find_browser()


RECORDS = """\
from playbook.results import TrendResult, write
write(results_file, notebook_id, "Ok", TrendResult(findings=["All good."]))
"""


@pytest.mark.e2e
def test_run_pdf_without_a_browser_writes_the_html_and_exits_1(tmp_path, monkeypatch, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01-ok.ipynb", RECORDS)
    monkeypatch.setenv("PLAYBOOK_BROWSER", str(tmp_path / "missing" / "chromium"))
    out = tmp_path / "r"
    args = ["run", str(tiny), "--out", str(out), "--notebooks", str(notebooks), "--pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    [line] = [ln for ln in result.output.splitlines() if "PDF pack not written" in ln]
    assert "apt-get install chromium" in line and "The HTML reports were written" in line
    [run_dir] = [p for p in out.iterdir() if p.is_dir()]
    assert (run_dir / "index.html").exists() and (run_dir / "01-ok.html").exists()
    assert not (run_dir / "client-pack.pdf").exists()
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["pack"]["written"] is False and "chromium" in manifest["pack"]["error"]


def test_a_failing_browser_is_reported_not_raised(tmp_path, monkeypatch):
    """A browser that exits with an error: the pack is not written, the manifest says why."""
    fake = tmp_path / "fake-browser"
    fake.write_text("#!/bin/sh\necho 'cannot print' >&2\nexit 3\n")
    fake.chmod(0o755)
    run_dir = write_workspace(tmp_path / "run", {})  # any folder: a run folder's files below
    (run_dir / "manifest.json").write_text(
        json.dumps(
            {
                "client": {"name": "Acme"},
                "started": "2026-11-30T09:00:00",
                "seconds": 1,
                "status": "ok",
                "notebooks": [],
                "inputs": {},
                "packages": {},
            }
        )
    )
    (run_dir / "index.html").write_text(SUMMARY)
    monkeypatch.setenv("PLAYBOOK_BROWSER", str(fake))
    entry = pack.make_pack(run_dir, "2026-09-30")
    assert entry["written"] is False and "exit status 3: cannot print" in entry["error"]
    assert json.loads((run_dir / "manifest.json").read_text())["pack"] == entry
    assert not list(run_dir.glob("*.pdf")) and not list(run_dir.glob(".*.partial"))


def test_the_summary_links_the_pack_only_once_it_is_printed(tmp_path):
    index = tmp_path / "index.html"
    index.write_text(f"<header><h1>Acme</h1>{pack.PACK_LINK}</header>", encoding="utf-8")
    assert 'href="client-pack.pdf"' not in index.read_text(encoding="utf-8")
    pack.link_from_summary(tmp_path, pack.PackResult(tmp_path / "client-pack.pdf", 12))
    page = index.read_text(encoding="utf-8")
    assert '<a href="client-pack.pdf">' in page and "(client-pack.pdf, 12 pages)" in page
    assert pack.PACK_LINK not in page and 'class="subtitle no-pack"' in page
