"""The run's front page (``index.html``): the executive summary, then a technical appendix.

In order: the title (client, "Partner ecosystem playbook", the as-of date of the data), the
top five findings, the action plan, the partner 360, what the data could not show, one card per
trend, and the technical appendix (run time, status and timings per notebook, links to executed
notebooks and logs, packages, parameters, input warnings). The figures come from
:mod:`playbook.executive`; this module only words and formats them for the page, which
``templates/summary/index.html.j2`` renders with every value escaped.
"""

from __future__ import annotations

import pandas as pd

from playbook import benchmark, palette
from playbook.executive import (
    NOT_SET,
    PARTNER_COLUMNS,
    URGENCY_RAG,
    URGENCY_WORDS,
    action_plan,
    data_gaps,
    run_as_of,
    top_findings,
)
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent, fmt_ratio
from playbook.fragments import render
from playbook.labels import label, plural
from playbook.partner360 import CALL_RAG, Call, partner_360, run_currency

#: How many rows of the action plan and the partner 360 the page shows (all are in the workbook).
PLAN_ROWS = 15
PARTNER_ROWS = 20

#: The partner 360 columns shown on screen, and how each is written.
_MONEY = ("invested", "potential_revenue", "revenue")
_COUNTS = ("overlap_accounts", "won_deals", "trained_staff", "overdue_milestones")
SCREEN_COLUMNS = ("revenue", "won_deals", "roi_36m", "fit_score", "health", "grade")


def long_date(iso: str) -> str:
    """``2026-09-30`` → ``30 September 2026``; "" for no date."""
    if not iso:
        return ""
    day = pd.Timestamp(iso)
    return f"{day.day} {day:%B %Y}"


def duration(seconds: float) -> str:
    """A run time in words: ``35.2`` → ``35 seconds``, ``125`` → ``2 min 5 s``."""
    whole = round(seconds)
    if whole < 60:
        return plural(whole, "second")
    return f"{fmt_int(whole // 60)} min {whole % 60} s"


def cell(field: str, value, currency: str) -> str:
    """One partner 360 value as the page writes it ("—" when no trend supplied it)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return MISSING
    if field in _MONEY:
        return fmt_money(value, currency)
    if field in _COUNTS:
        return fmt_int(value)
    if field == "roi_36m":
        return fmt_percent(value)
    if field == "fit_score":
        return fmt_int(round(value))
    if field == "paid_back":
        return "Yes" if value else "No"
    return label(value)


def _findings(results: dict, currency: str, partners: list[dict]) -> list[dict]:
    """The top findings, worded for the page."""
    return [
        {
            "text": f.text,
            "urgency": URGENCY_WORDS[f.urgency],
            "rag": URGENCY_RAG[f.urgency],
            "stake": fmt_money(f.stake, currency) if f.stake is not None else "",
            "report": f.report,
            "section": f.section,
            "link": f.link,
        }
        for f in top_findings(results, partners=partners)
    ]


def _plan(results: dict) -> dict:
    """The first :data:`PLAN_ROWS` items of the action plan, worded, and how many there are."""
    items = action_plan(results)
    rows = [
        {
            "action": i.action,
            "owner": i.owner or NOT_SET,
            "due": i.due or NOT_SET,
            "overdue": i.overdue,
            "urgency": URGENCY_WORDS[i.urgency],
            "rag": URGENCY_RAG[i.urgency],
            "kind": i.kind,
            "report": i.report,
            "section": i.section,
            "link": i.link,
        }
        for i in items[:PLAN_ROWS]
    ]
    overdue = sum(i.overdue for i in items)
    note = f"{plural(len(items), 'action')} from all reports, most urgent first, then by due date"
    note += f" (overdue first; {fmt_int(overdue)} overdue)." if overdue else " (overdue first)."
    if len(items) > len(rows):
        note += f" The first {fmt_int(len(rows))} are shown; the Excel workbook (results.xlsx)"
        note += " lists all."
    return {"rows": rows, "note": note}


def _partners(rows: list[dict], currency: str) -> dict:
    """The partner 360 (``rows``, :func:`playbook.partner360.partner_360`) for the page: the
    :data:`PARTNER_ROWS` partners with the most revenue, the screen columns worded, the count of
    each call and the partners to exit."""
    counts = {c: sum(r["call"] == c for r in rows) for c in Call}
    shown = [
        {
            "partner": r["partner"],
            "call": str(r["call"]),
            "rag": CALL_RAG[r["call"]],
            "reason": r["reason"],
            "cells": [cell(f, r.get(f), currency) for f in SCREEN_COLUMNS],
        }
        for r in rows[:PARTNER_ROWS]
    ]
    if len(rows) > len(shown):
        note = (
            f"The {fmt_int(len(shown))} partners with the most revenue are shown; the Excel "
            f"workbook (results.xlsx) has all {plural(len(rows), 'partner')} with every column."
        )
    else:
        note = "The Excel workbook (results.xlsx) has every column."
    return {
        "rows": shown,
        "note": note,
        "headers": [PARTNER_COLUMNS[f] for f in SCREEN_COLUMNS],
        "counts": [(str(c), CALL_RAG[c], fmt_int(n)) for c, n in counts.items() if n],
        "exit": _names([r["partner"] for r in rows if r["call"] == Call.EXIT]),
    }


def _names(names: list[str], limit: int = 10) -> str:
    """Partner names joined by commas, at most ``limit`` of them and how many more ("" for
    none)."""
    more = len(names) - limit
    shown = ", ".join(names[:limit])
    return shown + (f" and {plural(more, 'more partner')}" if more > 0 else "")


def trend_name(notebook: str, results: dict) -> str:
    """A trend's name for a card: its report title, or, when the notebook recorded nothing,
    "Report NN" with the words of its file name."""
    if results.get(notebook, {}).get("title"):
        return results[notebook]["title"]
    number, _, words = notebook.partition("-")
    return f"Report {number}" + (f": {words.replace('-', ' ').capitalize()}" if words else "")


def _error_line(error: str) -> str:
    """The last non-empty line of an error (the exception and its message)."""
    lines = [line for line in str(error or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no error message recorded"


def _cards(notebooks: list[dict], results: dict) -> list[dict]:
    """One card per notebook of the run: name, link, headline figures, or its error."""
    return [
        {
            "name": trend_name(nb["notebook"], results),
            "link": nb.get("html") or "",
            "failed": nb["status"] != "ok",
            "error": _error_line(nb.get("error")),
            "headline": [
                (label(k), label(v))
                for k, v in (results.get(nb["notebook"], {}).get("headline") or {}).items()
            ],
        }
        for nb in notebooks
    ]


def _appendix(run: dict, notebooks: list[dict], results: dict) -> dict:
    """The technical appendix: run start and duration, each notebook's status, time and files,
    packages, parameters set and input warnings."""
    failed = [nb for nb in notebooks if nb["status"] != "ok"]
    status = f"{fmt_int(len(failed))} of {plural(len(notebooks), 'report')} failed"
    if not failed:
        status = f"{fmt_int(len(notebooks))} of {plural(len(notebooks), 'report')} completed"
    rows = [
        {
            "name": trend_name(nb["notebook"], results),
            "file": nb["notebook"],
            "failed": nb["status"] != "ok",
            "seconds": f"{fmt_ratio(nb.get('seconds') or 0, 1)} s",
            "executed": nb.get("executed") or "",
            "log": nb.get("log") or "",
            "error": nb.get("error") or "",
        }
        for nb in notebooks
    ]
    params = sorted(
        {f"{label(k)}: {v}" for p in run.get("parameters", {}).values() for k, v in p.items()}
    )
    return {
        "started": run["started"].replace("T", " "),
        "duration": duration(run["seconds"]),
        "status": status,
        "failed": bool(failed),
        "notebooks": rows,
        "packages": list(run["packages"].items()),
        "parameters": params,
        "warnings": [w.removeprefix("WARNING ") for w in run.get("warnings", [])],
    }


def _history(history: dict | None, notebooks: list[dict]) -> dict | None:
    """The client's run history (:func:`playbook.history.view`, plus ``searched``: the folder
    earlier runs were looked for in, and ``found``: how many) for the page, each report's
    figures and lists linked to that report; ``None`` when the run has no history view."""
    if history is None:
        return None
    links = {nb["notebook"]: nb["html"] for nb in notebooks if nb.get("html")}
    runs = history.get("runs", 0)
    found = f"{plural(runs, 'earlier run')} at or before this run's as-of date" if runs else "none"
    return history | {"links": links, "found": found}


def index_html(
    client: str,
    results: dict,
    notebooks: list[dict],
    run: dict,
    history: dict | None = None,
    partners: list[dict] | None = None,
) -> str:
    """The front page of a run. ``results`` is the merged ``results.json``; ``notebooks`` the
    runner's outcome per notebook (``notebook``, ``status``, ``seconds``, ``error``, ``html``,
    ``executed``, ``log``); ``run`` holds ``started`` (ISO), ``seconds``, ``packages``,
    ``parameters`` (per notebook, as set with ``--param``), ``warnings`` (input warnings) and
    ``workbook`` (the link to the run's Excel workbook, "" for none) and ``agenda`` (the link
    to the workshop agenda, "" for none). ``history`` is the
    client's run history (:func:`playbook.history.view`), shown as "Since the previous run"
    when given. ``partners``: the run's :func:`playbook.partner360.partner_360` when the
    caller has it already (computed if not)."""
    currency = run_currency(results)
    partners = partner_360(results) if partners is None else partners
    notebooks = sorted(notebooks, key=lambda nb: nb["notebook"])
    cards = _cards(notebooks, results)
    failed = [c for c in cards if c["failed"]]
    return render(
        "summary/index.html.j2",
        client=client,
        as_of=long_date(run_as_of(results)),
        findings=_findings(results, currency, partners),
        plan=_plan(results),
        partners=_partners(partners, currency),
        gaps=data_gaps(results),
        cards=cards,
        failed=failed,
        failed_title=f"{plural(len(failed), 'report')} could not be produced",
        appendix=_appendix(run, notebooks, results),
        workbook=run.get("workbook", ""),
        agenda=run.get("agenda", ""),
        benchmark=benchmark.summary_context(run.get("portfolio"), results, currency),
        history=_history(history, notebooks),
        colours={
            "text": palette.TEXT,
            "muted": palette.MUTED,
            "grid": palette.GRID,
            "primary": palette.PRIMARY,
            **palette.RAG,
        },
    )
