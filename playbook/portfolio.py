"""``playbook portfolio REPORTS_DIR``: every client's latest run, side by side.

The latest finished run of each client under the reports folder (by the as-of date of its
data, then start time: :mod:`playbook.run_record`) gives one value per headline figure
(:mod:`playbook.headlines`). Per figure the page states how many clients have it, the lower
quartile, median and upper quartile (:mod:`playbook.benchmark` states the quantile method),
and each client's position among them; then the seed report's industry figures beside the
clients' (:mod:`playbook.industry`). A figure a client's run does not have is "—" and leaves
that client out of the figure's distribution (never counted as 0). Money figures are only
pooled across clients of one currency (the most common one); the others are left out of them
and named in a note.

**Anonymised by default**: clients appear as "Client 1" … "Client n", numbered in the order
of a SHA-256 hash of their id salted with every id of the portfolio, an order that follows no
name, size or date; neither page nor file holds a client's name, id or run folder. ``named``
(``--named``) shows names and run folders, for the consultant's own eyes, and writes
``portfolio-named.html`` / ``.json`` so that an anonymised file is never overwritten by it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from playbook import benchmark, headlines, industry
from playbook.formatting import MISSING
from playbook.fragments import render
from playbook.labels import plural
from playbook.run_record import RunRecord


def anonymous_order(client_ids: list[str]) -> list[str]:
    """The client ids in the order their anonymous numbers follow: by SHA-256 of the id
    salted with every id of the portfolio (sorted, one per line)."""
    salt = "\n".join(sorted(client_ids))
    return sorted(client_ids, key=lambda c: hashlib.sha256(f"{salt}\n{c}".encode()).hexdigest())


def _currency(runs: list[RunRecord]) -> str:
    """The portfolio's currency: the most common one among the runs (ties: alphabetical)."""
    counts = Counter(r.currency for r in runs if r.currency)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else ""


def build(runs: list[RunRecord], named: bool = False) -> dict:
    """The portfolio of the latest ``runs`` (one per client) as written to its JSON file:
    ``kind``, ``version``, ``named``, ``clients`` (count), ``as_of`` (latest data date),
    ``earliest_as_of``, ``currency``, ``figures`` (key → label, unit, better, n, q1, median,
    q3), ``members`` (one per client, anonymised unless ``named``: ``client``, ``as_of``,
    ``values`` key → value or null, ``positions`` key → position), ``left_out`` (clients
    whose money figures are in another currency) and ``industry``."""
    currency = _currency(runs)
    order = {c: i for i, c in enumerate(anonymous_order([r.client_id for r in runs]))}
    runs = sorted(runs, key=lambda r: r.client_name.lower() if named else order[r.client_id])
    values = {r.client_id: r.values for r in runs}
    pooled = {r.client_id: r.currency in ("", currency) for r in runs}
    figures = {}
    for h in headlines.HEADLINES:
        known = [
            values[r.client_id][h.key] for r in runs if h.unit != "money" or pooled[r.client_id]
        ]
        figures[h.key] = {"label": h.label, "unit": h.unit, "better": h.better}
        figures[h.key] |= benchmark.distribution(known)
    members = []
    for i, r in enumerate(runs, start=1):
        own = {
            k: (v if headlines.HEADLINES_BY_KEY[k].unit != "money" or pooled[r.client_id] else None)
            for k, v in values[r.client_id].items()
        }
        member = {"client": r.client_name if named else f"Client {i}", "as_of": r.as_of}
        if named:
            member["run"] = str(r.path)
        member["values"] = own
        member["positions"] = {k: benchmark.position(v, figures[k]) for k, v in own.items()}
        members.append(member)
    return {
        "kind": benchmark.KIND,
        "version": benchmark.VERSION,
        "named": named,
        "clients": len(runs),
        "as_of": max((r.as_of for r in runs), default=""),
        "earliest_as_of": min((r.as_of for r in runs if r.as_of), default=""),
        "currency": currency,
        "figures": figures,
        "members": members,
        "left_out": sum(not ok for ok in pooled.values()),
        "industry": _industry(runs),
    }


def _industry(runs: list[RunRecord]) -> list[dict]:
    """Each industry figure with the distribution of the clients' comparable figure."""
    out = []
    for f in industry.FIGURES:
        known = [headlines.value_of(f.compares_with, r.results) for r in runs]
        dist = benchmark.distribution(known)
        inside = sum(1 for v in known if v is not None and f.low <= v <= f.high)
        out.append({"key": f.key, **dist, "within": inside})
    return out


def file_names(named: bool) -> tuple[str, str]:
    """The page's and the JSON file's names."""
    stem = "portfolio-named" if named else "portfolio"
    return f"{stem}.html", f"{stem}.json"


def _cell(h: headlines.Headline, value, currency: str) -> str:
    return headlines.shown(h, value, currency) if value is not None else MISSING


def _links(portfolio: dict, page: Path | None) -> list[str]:
    """Per member, a link from ``page`` to its run's summary page (named portfolios only)."""
    return [
        Path(os.path.relpath(Path(m["run"]) / "index.html", page.parent)).as_posix()
        if page and m.get("run")
        else ""
        for m in portfolio["members"]
    ]


def page_html(portfolio: dict, unreadable: int = 0, page: Path | None = None) -> str:
    """The portfolio page to be written at ``page`` (offline, the reports' stylesheet, every
    value escaped); ``unreadable`` run folders are counted, not named (their names hold
    client ids). A named portfolio links each client to its run's summary page."""
    currency = portfolio["currency"]
    rows, members = [], portfolio["members"]
    for h in headlines.HEADLINES:
        dist = portfolio["figures"][h.key]
        cells = []
        for m in members:
            where = m["positions"][h.key]
            cells.append(
                {
                    "value": _cell(h, m["values"][h.key], currency),
                    "position": where,
                    "rag": benchmark.rag(h, where),
                }
            )
        rows.append(
            {
                "report": h.notebook[:2],
                "label": h.label,
                "n": dist["n"],
                "q1": _cell(h, dist["q1"], currency),
                "median": _cell(h, dist["median"], currency),
                "q3": _cell(h, dist["q3"], currency),
                "strip": benchmark.strip(dist, [m["values"][h.key] for m in members], None),
                "cells": cells,
            }
        )
    return render(
        "portfolio/page.html.j2",
        p=portfolio,
        title="Portfolio of clients" + (" (named)" if portfolio["named"] else ""),
        as_of=benchmark.long_date(portfolio["as_of"]),
        earliest=benchmark.long_date(portfolio["earliest_as_of"]),
        clients=plural(portfolio["clients"], "client"),
        rows=rows,
        links=_links(portfolio, page),
        industry=_industry_rows(portfolio),
        unreadable=unreadable,
        min_clients=benchmark.MIN_CLIENTS,
    )


def _industry_rows(portfolio: dict) -> list[dict]:
    """The industry figures with the clients' median and how many fall in the stated range."""
    by_key = {x["key"]: x for x in portfolio["industry"]}
    rows = []
    for f in industry.FIGURES:
        dist = by_key.get(f.key) or {"n": 0, "q1": None, "median": None, "q3": None, "within": 0}
        h = f.compares_with
        rows.append(
            {
                "label": h.label,
                "industry": f.industry,
                "median": _cell(h, dist["median"], portfolio["currency"]),
                "middle": benchmark.shown_range(h, dist, portfolio["currency"]),
                "within": f"{dist['within']} of {plural(dist['n'], 'client')}",
                "quote": f.quote,
                "source": f"{industry.SOURCE}, {f.where}",
                "note": f.note,
            }
        )
    return rows


def write(portfolio: dict, out: Path, unreadable: int = 0) -> tuple[Path, Path]:
    """Write the page and the JSON file into folder ``out``; their paths."""
    out.mkdir(parents=True, exist_ok=True)
    html_name, json_name = file_names(portfolio["named"])
    page, data = out / html_name, out / json_name
    page.write_text(page_html(portfolio, unreadable, page), encoding="utf-8")
    data.write_text(json.dumps(portfolio, indent=2, ensure_ascii=False), encoding="utf-8")
    return page, data
