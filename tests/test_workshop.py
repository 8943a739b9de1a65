"""``playbook workshop``: the session folder, its pages, the live readiness scores, and the real
server opened in headless Chromium (Debian's, through playwright) on loopback.

Readiness figures are worked out by hand from the question bank's dimensions (an item id's
letters name its dimension: CN customer needs, PO program operations): a dimension scores
``100 × mean(answered scores) ÷ 5``, the index is the mean of the dimensions that have a score.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import HOSTILE_TEXT, PROFILE, TINY, write_workspace

from playbook import readiness, sources, workshop
from playbook import readiness_summary as summary
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import NotebookInputError, RunError
from playbook.runner import discover_notebooks

NOTEBOOKS = discover_notebooks()
CHROMIUM = Path("/usr/bin/chromium")
LOCAL = ("data:", "blob:", "about:")  # made by the page itself: never leave the machine
# CN: (4 + 2) / 2 = 3 -> 60; PO: 0 -> 0; index (60 + 0) / 2 = 30, Emerging (20 to 40).
READINESS = "item_id,score,evidence\nCN1,4,deck\nCN2,2,\nPO2,0,nobody reviews payback\n"


# --------------------------------------------------------------------------- the session folder


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A session folder for a workspace named with markup, prepared once."""
    ws = tmp_path_factory.mktemp("client") / "acme"
    ws.mkdir()
    folder = tmp_path_factory.mktemp("session")
    before = {p: p.read_bytes() for p in NOTEBOOKS}
    made = workshop.prepare(ws, folder, "<b>Acme</b> & Co", NOTEBOOKS, {"05-analytics.ipynb": {}})
    assert {p: p.read_bytes() for p in NOTEBOOKS} == before  # the committed notebooks untouched
    return made, ws


def injected(path: Path) -> dict:
    """The values papermill injected into a session copy (parsed from its injected cell)."""
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    values = {}
    for line in cell.source.splitlines():
        if " = " in line and not line.startswith("#"):
            name, value = line.split(" = ", 1)
            values[name] = eval(value)  # papermill writes Python literals
    return values


def test_every_trend_is_copied_with_the_workspace_and_live_widgets_where_it_has_them(session):
    made, ws = session
    assert [p.number for p in made.pages] == ["01", "02", "03", "04", "05", "06", "07", "08"]
    assert (
        made.pages[2].title == "Readiness assessment" and made.pages[2].file == "03-readiness.ipynb"
    )
    widgets = {"01", "02", "03", "05"}  # the notebooks declaring `interactive`
    for page in made.pages:
        values = injected(made.folder / page.file)
        assert values["workspace"] == str(ws.resolve())
        assert values.get("interactive") is (True if page.number in widgets else None), page.number
        nb = nbformat.read(made.folder / page.file, as_version=4)
        assert nb.metadata["kernelspec"]["name"] == workshop.KERNEL


def test_each_page_opens_with_its_navigation(session):
    made, _ = session
    nb = nbformat.read(made.folder / "03-readiness.ipynb", as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert re.findall(r'href="([^"]+)"', nb.cells[0].source) == [
        "00-contents.ipynb",
        "02-mvp-acquisition.ipynb",
        "04-organisation-buy-in.ipynb",
    ]


def test_the_kernel_is_this_interpreter_and_the_template_fetches_nothing_outside(session):
    made, _ = session
    spec = json.loads(
        (made.folder / "jupyter/kernels" / workshop.KERNEL / "kernel.json").read_text()
    )
    assert spec["argv"][0] == sys.executable
    page = (
        made.folder / "jupyter/voila/templates" / workshop.TEMPLATE / "index.html.j2"
    ).read_text()
    for link in workshop._CDN_LINKS:
        assert link in page  # removed from the lab template's stylesheet block ...
    assert "html_head_js_mermaidjs -%}{%- endblock" in page  # ... and the diagram script
    assert "--pb-primary" in page  # the reports' stylesheet


def test_contents_page_lists_the_trends_in_order_with_the_client_escaped(session):
    made, _ = session
    (cell,) = nbformat.read(made.folder / workshop.CONTENTS, as_version=4).cells
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Co — partner ecosystem workshop" in cell.source
    links = re.findall(r'<a href="([^"]+)">(\d\d) · ', cell.source)
    assert links == [(p.file, p.number) for p in made.pages]


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE_TEXT, ids=[r for r, _ in HOSTILE_TEXT])
def test_contents_and_navigation_escape_client_text(raw, escaped):
    pages = [{"number": "01", "title": raw, "file": "01-x.ipynb"}]
    assert f"<h1>{escaped} — partner" in workshop.contents_html(raw, pages)
    two = pages + [{"number": "02", "title": "Second", "file": "02-y.ipynb"}]
    assert f"← 01 · {escaped}</a>" in workshop.nav_html(two, "02")


@pytest.mark.parametrize("name", ["*Acme*\n\n# [x](javascript:alert(1))", "<b>A</b>"])
def test_client_text_stays_text_through_the_markdown_renderer(name):
    """The pages' HTML sits in markdown cells: Voilà's markdown renderer (nbconvert's) must
    leave it alone, a blank line or markdown in the name included."""
    from nbconvert.filters.markdown import markdown2html

    pages = [{"number": "01", "title": "T", "file": "01-x.ipynb"}]
    html = markdown2html(workshop.markdown_cell(workshop.contents_html(name, pages)).source)
    assert "<em>" not in html and "javascript" not in html.split("</h1>")[1]
    assert "<b>A</b>" not in html and 'href="javascript' not in html


def test_navigation_links_the_contents_and_the_neighbours():
    pages = [{"number": n, "title": f"T{n}", "file": f"{n}.ipynb"} for n in ("01", "02", "03")]
    first, middle, last = (workshop.nav_html(pages, n) for n in ("01", "02", "03"))
    assert re.findall(r'href="([^"]+)"', first) == ["00-contents.ipynb", "02.ipynb"]
    assert re.findall(r'href="([^"]+)"', middle) == ["00-contents.ipynb", "01.ipynb", "03.ipynb"]
    assert re.findall(r'href="([^"]+)"', last) == ["00-contents.ipynb", "02.ipynb"]


def test_loopback_by_default_and_addresses():
    assert all(workshop.is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.0.2"))
    assert not any(workshop.is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "example.com"))
    assert workshop.url("127.0.0.1", 8866) == "http://127.0.0.1:8866/voila/render/00-contents.ipynb"
    assert workshop.url("::1", 9000, "03-readiness.ipynb") == (
        "http://[::1]:9000/voila/render/03-readiness.ipynb"
    )
    made = workshop.Session(Path("/s"), "c", ())
    command = workshop.voila_command(made, "127.0.0.1", 8866)
    assert "--Voila.ip=127.0.0.1" in command and "--port=8866" in command
    assert "--VoilaConfiguration.strip_sources=True" in command  # no code on screen


def _client(parameters=None):
    """A validated workspace as the room reads it: only its profile's parameters matter."""
    from types import SimpleNamespace

    return SimpleNamespace(profile=SimpleNamespace(parameters=parameters or {}))


def test_room_refuses_an_unknown_trend_or_parameter():
    with pytest.raises(RunError, match=r"--notebook 9: no such trend; available: 01, 02"):
        workshop.Room(_client(), "9", [], "127.0.0.1", 8866)
    with pytest.raises(RunError, match="--param colour: no selected notebook"):
        workshop.Room(_client(), "", ["colour=red"], "127.0.0.1", 8866)
    room = workshop.Room(_client(), "3", [], "127.0.0.1", 8866)
    assert room.address.endswith("/03-readiness.ipynb")


def test_the_room_uses_the_clients_own_assumptions_under_param():
    """As in a run: the profile's credit share (0.4) and as-of date reach 01, --param beats
    the profile's discount rate (0.08 → 0.12); a bad profile entry is refused."""
    profile = {"all": {"as_of": "2026-06-30"}, "01": {"credit_share": 0.4, "discount_rate": 0.08}}
    room = workshop.Room(_client(profile), "", ["discount_rate=0.12"], "127.0.0.1", 8866)
    assert room.extra["01-requirements-investment.ipynb"] == {
        "as_of": "2026-06-30",
        "credit_share": 0.4,
        "discount_rate": 0.12,
    }
    assert room.extra["03-readiness.ipynb"] == {"as_of": "2026-06-30"}
    with pytest.raises(RunError, match=r"parameters.01.credit_share"):
        workshop.Room(_client({"01": {"credit_share": 1.5}}), "", [], "127.0.0.1", 8866)


# --------------------------------------------------------------------------- live scores


def bank_items(answers: str) -> pd.DataFrame:
    from io import StringIO

    return readiness.scored_items(pd.read_csv(StringIO(answers), dtype={"evidence": str}))


def test_a_changed_answer_rescores_the_assessment():
    items = bank_items(READINESS)
    dims, index, level, gaps = summary.rescore(items, {}, readiness.MATURITY, 2)
    assert index == 30 and level == "Emerging"
    assert list(gaps["item_id"]) == ["PO2", "CN2"]  # weakest first: 0, then 2
    changed = readiness.with_score(items, "PO2", 5)  # PO: 5 -> 100; (60 + 100) / 2 = 80
    dims, index, level, gaps = summary.rescore(changed, {}, readiness.MATURITY, 2)
    assert index == 80 and level == "Optimised" and list(gaps["item_id"]) == ["CN2"]
    assert dims.loc["program_operations", "score"] == 100
    unanswered = readiness.with_score(items, "CN2", None)  # CN: 4 -> 80; (80 + 0) / 2 = 40
    assert summary.rescore(unanswered, {}, readiness.MATURITY, 2)[1] == 40
    assert items.loc[items["item_id"] == "PO2", "score"].item() == 0  # the original untouched


def test_with_score_refuses_what_the_form_cannot_mean():
    items = bank_items(READINESS)
    with pytest.raises(NotebookInputError, match="unknown question id 'XX9'"):
        readiness.with_score(items, "XX9", 3)
    with pytest.raises(NotebookInputError, match="PO2 scored 6; expected 0 to 5"):
        readiness.with_score(items, "PO2", 6)


def test_two_saves_in_one_second_keep_both_earlier_versions(tmp_path):
    import datetime

    (tmp_path / "readiness.csv").write_text(READINESS, encoding="utf-8")
    now = datetime.datetime(2026, 11, 30, 15, 0, 0)
    first = pd.DataFrame({"item_id": ["PO2"], "score": [3], "evidence": [""]})
    second = pd.DataFrame({"item_id": ["PO2"], "score": [5], "evidence": [""]})
    sources.save_answers(tmp_path, first, now)
    sources.save_answers(tmp_path, second, now)
    history = tmp_path / sources.HISTORY_DIR
    kept = sorted(p.name for p in history.iterdir())
    assert kept == ["readiness-20261130-150000-2.csv", "readiness-20261130-150000.csv"]
    assert (history / kept[1]).read_text(encoding="utf-8") == READINESS  # the very first answers
    assert "PO2,3," in (history / kept[0]).read_text(encoding="utf-8")
    assert "PO2,5," in (tmp_path / "readiness.csv").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- in a real browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """``playbook workshop`` on a small client (the tiny workspace with a readiness table and a
    name holding markup), on loopback; stopped (Ctrl-C) by the test's end, which checks that
    nothing listens any more and the session folder is gone."""
    ws = write_workspace(
        tmp_path / "client",
        {**TINY, "readiness": READINESS},
        PROFILE.replace("name: Tiny Test Co", 'name: "<i>Tiny</i> & Co"'),
    )
    port = free_port()
    sessions = set(Path(tempfile.gettempdir()).glob("playbook-workshop-*"))  # none of ours yet
    env = {**os.environ, "PYTHONPATH": str(NOTEBOOKS_DIR.parent)}
    log = tmp_path / "workshop.log"  # a file, not a pipe: a pipe nobody reads fills and blocks
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "playbook.cli", "workshop", str(ws), f"--port={port}"]
            + ["--no-browser"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
            # Ctrl-C acts even when this suite was started ignoring it (a shell's `&`)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:
        deadline = time.monotonic() + 120
        while not (line := next(iter(re.findall(r"Workshop for .*", log.read_text())), "")):
            assert process.poll() is None, f"the workshop stopped: {log.read_text()}"
            assert time.monotonic() < deadline, f"no address printed: {log.read_text()}"
            time.sleep(0.2)
        yield ws, line.split(": ", 1)[1].strip(), port
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the command stops Voilà and its kernels
        process.wait(30)
    assert workshop.port_free("127.0.0.1", port), "the server still listens"
    left = set(Path(tempfile.gettempdir()).glob("playbook-workshop-*")) - sessions
    assert not left, "the session folder was left behind"


def test_workshop_in_a_browser_rescores_and_saves(server):
    """The contents page lists the trends; in 03, an answer changed through the form recomputes
    the index (30 -> 80, hand-worked in the module docstring) and the gap list on the spot;
    Save writes the answer (backup kept) and says where; nothing is fetched from outside and the
    console stays clean; the next `playbook run` (03 only) reports the saved answer."""
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium"
    ws, address, port = server
    assert address == f"http://127.0.0.1:{port}/voila/render/00-contents.ipynb"
    outside, console, errors = [], [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith((f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/", *LOCAL)):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else 0)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(address, timeout=90_000)
            page.get_by_text("partner ecosystem workshop").wait_for(timeout=90_000)
            assert page.locator("h1").first.inner_text().startswith("<i>Tiny</i> & Co")
            links = page.locator(".playbook-workshop-pages a")
            assert links.count() == 8
            assert links.nth(2).inner_text() == "03 · Readiness assessment"
            links.nth(2).click()
            page.get_by_text("Readiness index 30 of 100 (Emerging)").wait_for(timeout=90_000)
            shown = page.locator("body").inner_text()
            assert "import " not in shown and "notebook.start(" not in shown  # no code
            gaps = page.locator(".widget-output", has_text="Questions scoring 2 or less")
            assert "PO2" in gaps.inner_text()
            row = page.locator(".widget-hbox", has=page.locator("b", has_text="PO2")).first
            row.locator("select").select_option(label="5")
            page.get_by_text("Readiness index 80 of 100 (Optimised)").wait_for(timeout=10_000)
            expect(gaps).not_to_contain_text("PO2", timeout=10_000)  # no longer a gap
            assert "CN2" in gaps.inner_text()
            page.get_by_role("button", name="Save answers").click()
            status = page.get_by_text("Saved to")
            status.wait_for(timeout=10_000)
            assert status.inner_text().startswith(f"Saved to {ws / 'readiness.csv'}. ")
        finally:
            browser.close()
    assert outside == [] and console == [] and errors == []
    saved = pd.read_csv(ws / "readiness.csv")
    assert saved.set_index("item_id").loc["PO2", "score"] == 5
    (backup,) = (ws / sources.HISTORY_DIR).iterdir()
    assert backup.read_text(encoding="utf-8") == READINESS
    # the next written report shows the answer given in the room (the lane's one real run)
    from click.testing import CliRunner

    from playbook.cli import main

    out = ws.parent / "reports"
    result = CliRunner().invoke(main, ["run", str(ws), "--only", "03", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (run,) = out.glob("*/results.json")
    figures = json.loads(run.read_text())["03-readiness"]["figures"]
    assert (figures["readiness_index"], figures["maturity"]) == (80, "Optimised")
