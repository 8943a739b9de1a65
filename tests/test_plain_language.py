"""Every text a client reads in the demo run is plain language: no code, no repr, no parameter.

Scans every visible text node (not <style> or <script>, not comments) of the summary page and of
every report of one demo run (the shared ``demo_run`` fixture) for developer vocabulary: snake
case tokens, "(s)" plurals, missing values written as Python or pandas writes them, reprs, the
notebooks' parameter names and "interactive = True". A failure lists every offending text with
its file, so one run shows everything left to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from playbook.config import NOTEBOOKS_DIR
from playbook.params import declared

#: What a client never reads, by the name a failure gives it.
RULES: dict[str, re.Pattern] = {
    "snake_case token": re.compile(r"\b[a-z]+_[a-z0-9_]+\b"),
    '"(s)" plural': re.compile(r"\(s\)"),
    "missing value as code": re.compile(r"(?<![\w<])(?:nan|NaN|NaT|None(?! [a-z]))(?![\w>])|<NA>"),
    "repr": re.compile(r"<playbook\.|Timestamp\(|dtype|\{\}|\[\]"),
    "notebook vocabulary": re.compile(r"interactive\s*=\s*True", re.IGNORECASE),
}

SKIPPED = (Comment, Declaration, Doctype, ProcessingInstruction)


def parameter_names() -> set[str]:
    """Every parameter name declared in a notebook's parameters cell."""
    return {name for nb in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb") for name in declared(nb)}


def visible_texts(page: Path) -> list[str]:
    """The text nodes of ``page`` a reader sees (the title included), whitespace collapsed."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    texts = []
    for node in soup.find_all(string=True):
        if isinstance(node, SKIPPED) or node.parent.name in ("style", "script"):
            continue
        text = " ".join(node.split())
        if text:
            texts.append(text)
    return texts


def offences(text: str, names: set[str]) -> list[str]:
    """The rules ``text`` breaks, each with what matched."""
    found = [f"{rule}: {m.group(0)!r}" for rule, rx in RULES.items() for m in rx.finditer(text)]
    found += [
        f"parameter name: {name!r}"
        for name in sorted(names)
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    ]
    return found


def test_rules_catch_what_they_are_for():
    names = {"credit_share", "interactive"}
    assert offences("Set interactive = True to use the form", names)
    assert offences("status in_progress", names) and offences("2 partner(s)", names)
    assert offences("counts_only False", names) and offences("dimension_weights {}", names)
    assert offences("value nan", names) and offences("None", names)
    assert offences("<NA>", names) and offences("Timestamp('2024-01-01')", names)
    assert offences("<playbook.results.TrendResult object>", names)
    assert not offences("None set", names)
    assert not offences("In progress: 2 partners, 12.3% of revenue (none missing)", names)


def test_every_text_a_client_reads_is_plain(demo_run):
    names = parameter_names()
    pages = [demo_run / "index.html", *sorted(demo_run.glob("[0-9][0-9]-*.html"))]
    assert len(pages) == 1 + len(list(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")))
    report: list[str] = []
    for page in pages:
        for text in visible_texts(page):
            for offence in offences(text, names):
                line = f"{page.name}: {offence} in {text[:200]!r}"
                report += [] if line in report else [line]
    assert not report, f"{len(report)} texts a client reads are not plain:\n" + "\n".join(report)
