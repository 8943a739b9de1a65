"""The summary and every report of a demo run, opened in a real browser with the network blocked.

Debian's chromium (``/usr/bin/chromium``; the README's test command installs it) driven by
playwright, never a browser playwright downloads. Each page is opened from ``file://`` with
every request that is not a local file recorded and refused; the page must log no console
error, raise no script error, ask for nothing outside the run folder and show every image. Every
link it holds (back to the summary, previous / next report, the contents' anchors, the summary's
links to the reports) must land: the file exists and so does the anchor in it. A missing
chromium fails these tests: a suite that skips its browser checks proves nothing.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from playbook.config import NOTEBOOKS_DIR

CHROMIUM = Path("/usr/bin/chromium")
STEMS = sorted(p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
PAGES = ["index", *STEMS]
LOCAL = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def browser():
    """One headless Debian chromium for the module; fails (never skips) when it is missing."""
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as the "
        "README's test command does; playwright's own browser downloads are not used"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


class Visit:
    """One page opened with the network blocked: what it logged, raised and asked for."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page()
        self.external: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri(), wait_until="load")

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def broken_images(self) -> list[str]:
        """The images that did not load (not complete, or no natural width)."""
        return self.page.evaluate(
            "() => Array.from(document.images)"
            ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
        )

    def hrefs(self, selector: str = "a[href]") -> list[str]:
        """The ``href`` attributes of the links ``selector`` finds."""
        return self.page.eval_on_selector_all(
            selector, "els => els.map(e => e.getAttribute('href'))"
        )


_IDS: dict[Path, set[str]] = {}


def ids_in(page: Path) -> set[str]:
    """Every element id of ``page`` (parsed once)."""
    if page not in _IDS:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        _IDS[page] = {tag["id"] for tag in soup.find_all(id=True)}
    return _IDS[page]


def unresolved(page: Path, hrefs: list[str]) -> list[str]:
    """The links of ``page`` that land nowhere: a missing file or a missing anchor in it."""
    bad = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto", "data"):
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if not target.is_file():
            bad.append(f"{href}: no file {target.name}")
        elif parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in ids_in(target):
                bad.append(f"{href}: no id {parts.fragment!r} in {target.name}")
    return bad


@pytest.mark.parametrize("name", PAGES)
def test_page_opens_offline_without_errors_and_every_link_lands(browser, demo_run, name):
    path = demo_run / f"{name}.html"
    assert path.is_file(), f"{path.name} was not written"
    visit = Visit(browser, path)
    try:
        assert visit.errors == [], visit.errors
        assert visit.console == [], visit.console
        assert visit.external == [], visit.external
        assert visit.broken_images() == []
        hrefs = visit.hrefs()
        assert hrefs, "a page without a single link"
        assert unresolved(path, hrefs) == []
        ids = visit.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert len(ids) == len(set(ids)), "an id used twice"
        visit.page.set_viewport_size({"width": 800, "height": 900})  # a narrow window:
        width = visit.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 800, "the page itself scrolls sideways: a wide table is not in its box"
    finally:
        visit.page.close()


@pytest.mark.parametrize("stem", STEMS)
def test_report_navigation(browser, demo_run, stem):
    """Summary, previous and next report (by title, not file name), and contents anchors."""
    at = STEMS.index(stem)
    visit = Visit(browser, demo_run / f"{stem}.html")
    try:
        assert visit.hrefs("nav.playbook-nav a.nav-summary") == ["index.html"]
        previous = visit.hrefs("nav.playbook-nav a[rel=prev]")
        following = visit.hrefs("nav.playbook-nav a[rel=next]")
        assert previous == ([f"{STEMS[at - 1]}.html"] if at > 0 else [])
        assert following == ([f"{STEMS[at + 1]}.html"] if at + 1 < len(STEMS) else [])
        for link in visit.page.query_selector_all("nav.playbook-nav a[rel]"):
            text = link.inner_text()
            assert "-" not in text.split(":", 1)[1].split()[0], text  # "02 MVP …", not a slug
        contents = visit.hrefs("nav.playbook-nav .playbook-contents a")
        assert contents and all(h.startswith("#") for h in contents)
        assert "#takeaways" in contents
        title = visit.page.title()
        assert title.startswith("Lumenar Software — ") and stem[:2] in title, title
        assert visit.page.inner_text("h1") == title
    finally:
        visit.page.close()


#: The text width of an A4 page between the print stylesheet's 14 mm side margins, in CSS px.
A4_TEXT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)


@pytest.mark.parametrize("stem", STEMS)
def test_report_prints_within_the_page_width_without_scroll_boxes(browser, demo_run, stem):
    """Printed (print media, A4 text width): no table or image wider than the page, no box that
    scrolls (every row prints), no navigation bar."""
    page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1100})
    try:
        page.emulate_media(media="print")
        page.goto((demo_run / f"{stem}.html").as_uri(), wait_until="load")
        wide = page.evaluate(
            """w => Array.from(document.querySelectorAll('table, img'))
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName + ' ' + (e.innerText || e.alt || '').slice(0, 60))""",
            A4_TEXT_WIDTH,
        )
        assert wide == []
        scrolling = page.evaluate(
            """() => Array.from(document.querySelectorAll('main *')).filter(e => {
                 const s = getComputedStyle(e);
                 return (e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(s.overflowY))
                     || (e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(s.overflowX));
               }).map(e => e.className)"""
        )
        assert scrolling == []
        assert page.is_hidden("nav.playbook-nav")
    finally:
        page.close()


def test_next_on_the_first_report_opens_the_second(browser, demo_run):
    visit = Visit(browser, demo_run / f"{STEMS[0]}.html")
    try:
        with visit.page.expect_navigation():
            visit.page.click("nav.playbook-nav a[rel=next]")
        assert Path(unquote(urlsplit(visit.page.url).path)).name == f"{STEMS[1]}.html"
        assert visit.page.title().startswith("Lumenar Software — 02 ")
        assert visit.external == []
    finally:
        visit.page.close()
