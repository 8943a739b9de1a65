"""The client pack: one PDF per run (``playbook run --pdf``), ``RunFolder.pack``.

One HTML document is composed from the run folder: a cover, a contents page, the executive
summary (the body of ``index.html``), the eight reports (the body of each ``NN-name.html``,
each on a new page) and a technical appendix (run metadata from ``manifest.json``, and every
element the pages mark as appendix material). A headless browser (:mod:`playbook.browser`)
prints it twice: the first print tells on which page each section starts (the contents link to
the sections, and the browser records each link target as a named destination of the PDF),
the second prints the contents with those page numbers, and the pages are checked again.

Conventions the pages follow so that the pack can take them as they are:

- an element with class ``no-pack`` (navigation, run controls) is left out of the pack;
- an element with class ``appendix`` (run metadata, a report's assumptions) moves to the
  technical appendix, under the title of the page it came from;
- ``playbook-nav`` bars are hidden and scroll boxes are opened up by the pack's print CSS.

Each page's element ids get the page's own prefix, so anchors never collide, and each page's CSS
is kept once, scoped (``@scope``) to the pages of its kind, so the summary's styles never
restyle a report or the other way round.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import Markup
from pypdf import PdfReader

from playbook.browser import find_browser, print_pdf
from playbook.exceptions import PackError
from playbook.fragments import render
from playbook.params import resolve_as_of
from playbook.report_frame import trend_of
from playbook.rundir import RunFolder

LEFT_OUT = "no-pack"
APPENDIX = "appendix"
SUMMARY_ANCHOR = "pack-summary"
APPENDIX_ANCHOR = "pack-appendix"
_REPORT_LINK = re.compile(r"^(index|\d\d-[\w-]+)\.html(?:#(.*))?$")
_ID_LISTS = ("for", "headers", "aria-labelledby", "aria-describedby", "aria-controls")
_ROOT_SELECTOR = re.compile(r"(?<![\w.#/\"'-])(?::root|html|body)(?=[\s,{.:\[>+~#)]|$)")


@dataclass
class Part:
    """One section of the pack: its anchor (also the prefix of its element ids), the title the
    contents show, its body HTML, the attributes of its ``<body>`` (kept on its wrapper), its
    kind (``summary`` or ``report``, which scopes its CSS), its number in the contents ("" for
    none), whether the pack labels it with its title (a title its own heading does not state)
    and the elements it sends to the appendix."""

    anchor: str
    title: str
    body: str
    kind: str
    number: str = ""
    label: bool = False
    attrs: dict = field(default_factory=dict)
    styles: list[str] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)


def anchor_of(page: str) -> str:
    """The pack anchor of a run-folder page name (``index`` or ``NN-name``)."""
    return SUMMARY_ANCHOR if page == "index" else f"pack-{page}"


def _retarget(link: str, prefix: str, ids: dict[str, str]) -> str | None:
    """``link`` as it must read inside the pack: an anchor of this page gets the page's prefix,
    a link to another page of the run its pack anchor; ``None`` for a link to a file that is
    not in the pack (the executed notebook, the workbook), which would be dead in a PDF."""
    if link.startswith("#"):
        return "#" + ids.get(link[1:], f"{prefix}-{link[1:]}")
    if re.match(r"^(https?:|mailto:)", link):
        return link
    match = _REPORT_LINK.match(link)
    if not match:
        return None
    target = anchor_of(match.group(1))
    return f"#{target}-{match.group(2)}" if match.group(2) else f"#{target}"


def unique_ids(root, prefix: str) -> None:
    """Prefix every element id under ``root`` with ``prefix`` and rewrite the links and id
    references that point at them; links to other pages of the run point at their section of
    the pack, links to files outside the pack become plain text."""
    ids = {}
    for el in root.find_all(id=True):
        ids[el["id"]] = f"{prefix}-{el['id']}"
        el["id"] = ids[el["id"]]
    for attr in _ID_LISTS:
        for el in root.find_all(attrs={attr: True}):
            value = el[attr] if isinstance(el[attr], str) else " ".join(el[attr])
            el[attr] = " ".join(ids.get(v, v) for v in value.split())
    for a in root.find_all(href=True):
        target = _retarget(a["href"], prefix, ids)
        if target is None:
            a.unwrap()
        else:
            a["href"] = target


def _heading(root) -> str:
    """The text of the first ``h1`` under ``root`` (whitespace collapsed), or ""."""
    h1 = root.find("h1")
    return " ".join(h1.get_text(" ").split()) if h1 else ""


def _prune(el, root) -> None:
    """Remove ``el`` and its ancestors below ``root`` while they show nothing (no text, image
    or table): the frame a moved element leaves behind would still take room on a page."""
    while el is not None and el is not root and not el.get_text(strip=True):
        if el.find(["img", "svg", "table"]):
            return
        parent = el.parent
        el.decompose()
        el = parent


def take_part(html: str, page: str, kind: str, title: str = "") -> Part:
    """The pack section made of run-folder page ``page`` (``index`` or ``NN-name``) whose HTML
    is ``html``: its body without ``no-pack`` elements, scripts, styles and heading anchor
    links, its ``appendix`` elements set aside, ids made unique; its CSS kept apart. The title
    is ``title``, else the page's first ``h1``, else ``page``."""
    soup = BeautifulSoup(html, "html.parser")
    styles = [s.get_text() for s in soup.find_all("style")]
    body = soup.body or soup
    while (el := body.find(class_=LEFT_OUT)) is not None:
        parent = el.parent
        el.decompose()
        _prune(parent, body)
    for el in body.find_all(["script", "style", "link"]) + body.find_all("a", class_="anchor-link"):
        el.decompose()
    anchor = anchor_of(page)
    unique_ids(body, anchor)
    appendix = []
    while (el := body.find(class_=APPENDIX)) is not None:
        parent = el.parent
        appendix.append(str(el.extract()))
        _prune(parent, body)
    attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in body.attrs.items()}
    attrs.pop("id", None)
    heading = _heading(body)
    number = page[:2] if page[:2].isdigit() else ""
    label = bool(title) and title.casefold() not in heading.casefold()
    if not title and heading:
        title = re.sub(rf"^{number}\s*[·.:—-]?\s*", "", heading) if number else heading
    return Part(
        anchor=anchor,
        title=title or page,
        body="".join(str(c) for c in body.contents),
        kind=kind,
        number=number,
        label=label,
        attrs=attrs,
        styles=styles,
        appendix=appendix,
    )


def scoped_css(parts: list[Part]) -> Markup:
    """Each kind's CSS once (identical style blocks of several pages kept once), wrapped in
    ``@scope (.pack-KIND)``; ``html``, ``body`` and ``:root`` selectors become ``:scope``, so
    a page's page-wide rules style its own section only. ``@page`` rules inside a scope are
    ignored by the browser: the pack's own page rules are the only ones."""
    by_kind: dict[str, list[str]] = {}
    for part in parts:
        kept = by_kind.setdefault(part.kind, [])
        kept.extend(s for s in part.styles if s not in kept)
    blocks = []
    for kind, styles in by_kind.items():
        css = "\n".join(_ROOT_SELECTOR.sub(":scope", s) for s in styles)
        blocks.append(f"@scope (.pack-{kind}) {{\n{css}\n}}")
    return Markup("\n".join(blocks).replace("</", "<\\/"))


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string (for the page footer): quotes, backslashes and line
    breaks escaped, ``<`` written as a CSS escape so it can never close the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return Markup('"' + re.sub(r"[\r\n\f]+", " ", escaped) + '"')


def long_date(value: str) -> str:
    """An ISO date or date-time as the cover writes it: ``30 September 2026``."""
    day = datetime.fromisoformat(value[:10])
    return f"{day.day} {day:%B %Y}"


def data_as_of(ws, per_notebook: dict[str, dict]) -> str:
    """The as-of date of the run's data (ISO): the ``as_of`` parameter given for the run, else
    the one the notebooks work out from the workspace (:func:`playbook.params.resolve_as_of`)."""
    given = sorted({str(p["as_of"]) for p in per_notebook.values() if p.get("as_of")})
    return resolve_as_of(given[0] if given else "", ws)[0].date().isoformat()


@dataclass
class Pack:
    """Everything the pack template shows but the page numbers."""

    client: str
    as_of: str
    run_date: str
    parts: list[Part]
    manifest: dict


def collect(run_dir: Path, as_of: str) -> Pack:
    """The pack of the complete run folder ``run_dir``: its summary and every report the
    manifest lists as written, in notebook order; ``as_of`` the data's as-of date (ISO)."""
    folder = RunFolder(run_dir)
    manifest = json.loads(folder.manifest.read_text(encoding="utf-8"))
    parts = []
    if folder.index.exists():
        summary = folder.index.read_text(encoding="utf-8")
        parts.append(take_part(summary, "index", "summary", title="Executive summary"))
    for nb in sorted(manifest.get("notebooks", []), key=lambda r: r["notebook"]):
        report = folder.report(nb["notebook"])
        if nb.get("html") and report.exists():
            page = report.read_text(encoding="utf-8")
            # "01 Partner requirements and investment" → the trend's title without its number
            title = trend_of(page).partition(" ")[2]
            parts.append(take_part(page, nb["notebook"], "report", title=title))
    return Pack(
        client=manifest["client"]["name"],
        as_of=long_date(as_of),
        run_date=long_date(manifest["started"]),
        parts=parts,
        manifest=manifest,
    )


def compose(pack: Pack, pages: dict[str, int] | None = None) -> str:
    """The pack as one HTML document; ``pages`` (section anchor → first page, 1-based) fills
    the contents' page numbers (blank before the first print)."""
    return render(
        "pack/pack.html.j2",
        pack=pack,
        pages=pages or {},
        appendix_anchor=APPENDIX_ANCHOR,
        footer=css_string(f"{pack.client} · Partner ecosystem playbook"),
        styles=scoped_css(pack.parts),
        bodies={p.anchor: Markup(p.body) for p in pack.parts},
        moved=[
            (
                "Parameters and input warnings" if p.kind == "summary" else p.title,
                Markup("".join(p.appendix)),
            )
            for p in pack.parts
            if p.appendix
        ],
        report_names={p.anchor[5:]: f"{p.number} · {p.title}" for p in pack.parts if p.number},
    )


def section_anchors(pack: Pack) -> list[str]:
    """The anchors of the pack's sections, in contents order."""
    return [p.anchor for p in pack.parts] + [APPENDIX_ANCHOR]


def section_pages(pdf: Path, anchors: list[str]) -> dict[str, int]:
    """The page (1-based) each section of ``anchors`` starts on in ``pdf``: the PDF's named
    destinations, which the browser writes for every link target (the contents link to each
    section). Raises :class:`PackError` when one is missing."""
    reader = PdfReader(pdf)
    dests = reader.named_destinations
    found = {}
    for anchor in anchors:
        dest = dests.get(f"/{anchor}") or dests.get(anchor)
        if dest is None:
            raise PackError(f"the printed pack has no page for section {anchor}.")
        found[anchor] = reader.get_destination_page_number(dest) + 1
    return found


@dataclass
class PackResult:
    """A written pack: its path and page count."""

    path: Path
    pages: int


def build_pack(run_dir: Path, as_of: str, browser: str | None = None, timeout: float = 300):
    """Print the client pack of the complete run folder ``run_dir`` to ``RunFolder.pack``
    (through a temporary name, renamed when complete). Prints until the contents' page numbers
    are those of the printed sections (twice, three times at most). Returns a
    :class:`PackResult`; raises :class:`PackError` (no browser, browser failed)."""
    browser = browser or find_browser()
    pack = collect(run_dir, as_of)
    anchors = section_anchors(pack)
    target = RunFolder(run_dir).pack
    with tempfile.TemporaryDirectory(prefix="playbook-pack-") as tmp:
        html, pdf = Path(tmp) / "pack.html", Path(tmp) / "pack.pdf"
        pages: dict[str, int] = {}
        for _ in range(3):
            html.write_text(compose(pack, pages), encoding="utf-8")
            print_pdf(browser, html, pdf, timeout)
            found = section_pages(pdf, anchors)
            if found == pages:
                break
            pages = found
        else:
            raise PackError("the contents' page numbers kept moving between prints.")
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(pdf, partial)
        partial.replace(target)
    result = PackResult(target, len(PdfReader(target).pages))
    link_from_summary(run_dir, result)
    return result


#: Where the summary page (``templates/summary/index.html.j2``) takes the pack's link.
PACK_LINK = "<!-- client pack link -->"


def link_from_summary(run_dir: Path, result: PackResult) -> None:
    """Put the link to the printed pack on the run's summary page, in the place the page keeps
    for it; the summary is written before the pack exists, so it has no link when none was
    printed (no browser, ``run`` without ``--pdf``)."""
    index = RunFolder(run_dir).index
    if not index.exists():
        return
    page = index.read_text(encoding="utf-8")
    link = render("pack/link.html.j2", file=result.path.name, pages=result.pages)
    tmp = index.with_name(f".{index.name}.tmp")
    tmp.write_text(page.replace(PACK_LINK, link, 1), encoding="utf-8")
    tmp.replace(index)


def record(run_dir: Path, entry: dict) -> None:
    """Add ``entry`` (whether the pack was written, its file and pages, or why not) to the
    run's ``manifest.json`` as ``pack`` (written to a temporary name, then renamed)."""
    manifest_file = RunFolder(run_dir).manifest
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["pack"] = entry
    tmp = manifest_file.with_name(f".{manifest_file.name}.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(manifest_file)


def make_pack(run_dir: Path, as_of: str, timeout: float = 300) -> dict:
    """Build the pack of ``run_dir`` and record the outcome in its manifest; never raises.
    Returns the manifest entry: ``written``, ``file``, ``pages`` and ``error`` ("" when
    written)."""
    try:
        result = build_pack(run_dir, as_of, timeout=timeout)
        entry = {"written": True, "file": result.path.name, "pages": result.pages, "error": ""}
    except PackError as exc:
        entry = {"written": False, "file": "", "pages": 0, "error": str(exc)}
    except Exception as exc:  # the HTML reports are written: a pack bug must not end the run
        error = f"the PDF pack could not be made ({type(exc).__name__}: {exc})."
        entry = {"written": False, "file": "", "pages": 0, "error": error}
    record(run_dir, entry)
    return entry
