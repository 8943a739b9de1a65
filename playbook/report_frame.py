"""The frame around an exported report: its title, stylesheet, heading anchors and navigation.

:func:`frame_page` turns the HTML nbconvert wrote into the page a client opens: titled
"client — NN trend" (``<title>`` and the first heading), the one stylesheet of every report and
the summary (``templates/style/playbook.css.j2``, print rules included), every h2 and h3 with a
unique, stable ``id`` (its words; a repeat gets ``-2``, ``-3`` …), and a navigation bar on top:
back to the summary, the contents (h2, h3 under them) as anchor links. The previous and next
report are known only once every report of a run exists: :func:`link_reports` fills them in
(a report whose notebook produced no page is skipped, so no link ever points at nothing).
All text is escaped: titles and headings are set as text, never as markup.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, Stylesheet

from playbook.fragments import render

#: The comment :func:`frame_page` leaves in the navigation bar, replaced by :func:`link_reports`.
NEIGHBOURS = "<!-- playbook:neighbours -->"
#: The comment :func:`frame_page` leaves after the takeaways, replaced by :func:`add_history`.
HISTORY = "<!--playbook:history-->"
_TAKEAWAYS_ENTRY = '<li><a href="#takeaways">Takeaways</a></li>'
_TREND_META = re.compile(r'<meta [^>]*name="playbook-trend"[^>]*>')
_CONTENT = re.compile(r'content="([^"]*)"')


def slug(text: str) -> str:
    """An anchor id from heading ``text``: lower-case letters and digits, every other run of
    characters one ``-`` (``"Investment, payback and ROI"`` → ``investment-payback-and-roi``);
    ``section`` when nothing is left. The executive summary links to a report's section with
    the same rule (``executive.anchor``)."""
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-") or "section"


def _anchor_headings(main) -> list[dict]:
    """Give every h2, h3 and h4 under ``main`` a unique id (the first heading of a text gets
    its plain :func:`slug`); return the contents: one dict per h2 (``id``, ``text``,
    ``children``: its h3s), an h3 before any h2 as a top-level entry."""
    headings = ("h2", "h3", "h4")
    taken = {tag["id"] for tag in main.find_all(id=True) if tag.name not in headings}
    contents: list[dict] = []
    for heading in main.find_all(headings):
        text = " ".join(heading.get_text(" ", strip=True).split())
        base = heading.get("id") if heading.get("id") == "takeaways" else slug(text)
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        heading["id"] = anchor
        if heading.name == "h4":
            continue
        entry = {"id": anchor, "text": text, "children": []}
        if heading.name == "h3" and contents:
            contents[-1]["children"].append(entry)
        else:
            contents.append(entry)
    return contents


#: The alternative text nbconvert gives an image without one (ours carry their chart's title).
NO_ALT = "No description has been provided for this image"


def _accessible(soup) -> None:
    """What nbconvert's HTML exporter does last (:class:`playbook.html_export.ReportExporter`
    leaves it to this pass): a stock alternative text for an image without one, and the
    cells' input and output areas focusable from the keyboard."""
    for image in soup.select("img:not([alt])"):
        image["alt"] = NO_ALT
    for area in soup.select(
        ".jp-Notebook div.jp-Cell-inputWrapper, .jp-Notebook div.jp-OutputArea-output"
    ):
        area["tabindex"] = "0"


def frame_page(page: str, title: str, trend: str, summary: str | None = None) -> str:
    """``page`` (nbconvert's HTML) framed: ``title`` as the page's title and first heading,
    ``trend`` (``NN trend``) recorded for the neighbours' links, the shared stylesheet, heading
    anchors and the navigation bar (a link to ``summary`` when given, the contents)."""
    soup = BeautifulSoup(page, "html.parser")
    for link in soup.select("a.anchor-link"):
        link.decompose()
    _accessible(soup)
    head = soup.head or soup.new_tag("head")
    if soup.title is None:
        head.append(soup.new_tag("title"))
    soup.title.string = title
    meta = soup.new_tag("meta", attrs={"name": "playbook-trend", "content": trend})
    head.append(meta)
    style = soup.new_tag("style")
    style.append(Stylesheet(render("style/playbook.css.j2")))
    head.append(style)
    main = soup.find("main") or soup.body
    first = main.find("h1")
    if first is None:
        first = soup.new_tag("h1")
        main.insert(0, first)
    first.string = title
    first["id"] = "top"
    _mark_history(soup, main, first)
    contents = _anchor_headings(main)
    nav = BeautifulSoup(
        render("fragments/nav.html.j2", summary=summary, contents=contents), "html.parser"
    )
    (soup.body or soup).insert(0, nav)
    return str(soup)


def _mark_history(soup, main, first) -> None:
    """Leave :data:`HISTORY` where the report's "Since the previous run" section goes: just
    after the takeaways (after the title when there are none)."""
    mark = Comment(HISTORY.removeprefix("<!--").removesuffix("-->"))
    takeaways = main.find("section", class_="playbook-takeaways")
    (takeaways or first).insert_after(mark)


def add_history(page: Path, section: str) -> None:
    """Put ``section`` (escaped HTML, :func:`playbook.history.report_html`) into the report
    ``page`` where :func:`frame_page` left its place; a page without that place, or an empty
    ``section``, is left as it is. The contents get a line for it, after the takeaways'."""
    text = page.read_text(encoding="utf-8")
    if not section or HISTORY not in text:
        return
    text = text.replace(HISTORY, section, 1)
    entry = render("fragments/history_entry.html.j2")  # its line in the contents
    text = text.replace(_TAKEAWAYS_ENTRY, _TAKEAWAYS_ENTRY + entry, 1)
    tmp = page.with_suffix(".html.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(page)


def trend_of(page: str) -> str:
    """The ``NN trend`` title :func:`frame_page` recorded in ``page`` ("" if none)."""
    meta = _TREND_META.search(page)
    found = _CONTENT.search(meta.group(0)) if meta else None
    return html.unescape(found.group(1)) if found else ""


def link_reports(pages: list[Path]) -> None:
    """Fill each report's previous / next links (by title) among ``pages``, the reports of one
    run in order; the first has no previous, the last no next. A page without the navigation
    bar's placeholder is left as it is."""
    texts = [p.read_text(encoding="utf-8") for p in pages]
    links = [
        {"href": p.name, "title": trend_of(t) or p.stem} for p, t in zip(pages, texts, strict=True)
    ]
    for i, (path, text) in enumerate(zip(pages, texts, strict=True)):
        if NEIGHBOURS not in text:
            continue
        neighbours = render(
            "fragments/neighbours.html.j2",
            previous=links[i - 1] if i > 0 else None,
            next=links[i + 1] if i + 1 < len(pages) else None,
        )
        tmp = path.with_suffix(".html.tmp")
        tmp.write_text(text.replace(NEIGHBOURS, neighbours, 1), encoding="utf-8")
        tmp.replace(path)
