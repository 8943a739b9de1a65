"""The executive summary: what matters across the eight trends, from the run's merged results.

Every function here is pure over ``results`` (``results.json``: per notebook id, its ``title``,
``as_of``, ``currency``, ``figures``, ``headline``, ``findings``, ``key_findings``, ``actions``,
``partners`` and ``not_shown``, as :func:`playbook.results.write` records them):

- :func:`top_findings`: the five most important findings across all trends;
- :func:`action_plan`: every trend's actions in one list, most urgent and most overdue first;
- :func:`playbook.partner360.partner_360`: one row per partner with a grow / fix / exit call;
- :func:`data_gaps`: what the client's data could not show, per report;
- :func:`executive_tables`: the same tables as DataFrames for the run's Excel workbook.

A report is linked as ``NN-name.html``, and to a section of it as ``NN-name.html#anchor`` with
:func:`anchor` computed from the section heading (the reports' headings carry the same ids).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import pandas as pd

from playbook.formatting import fmt_money, fmt_percent
from playbook.labels import label
from playbook.partner360 import FIELDS, insights, partner_360, run_currency
from playbook.results import Urgency

#: How many findings the summary ranks, and how many of them one source may hold.
TOP = 5
PER_SOURCE = 2

#: Where the cross-trend insights (joined per partner) come from, as a source of findings.
PARTNER_360 = "Partner 360"
PARTNER_360_LINK = "#partner-360"

#: Plain words and red / amber / green colour of each urgency.
URGENCY_WORDS = {Urgency.ACT_NOW: "Act now", Urgency.FIX: "Fix", Urgency.OPPORTUNITY: "Opportunity"}
URGENCY_RAG = {Urgency.ACT_NOW: "red", Urgency.FIX: "amber", Urgency.OPPORTUNITY: "green"}

#: What a blank owner or due date is shown as: never an invented value.
NOT_SET = "Not set"


def anchor(text: str) -> str:
    """The id of a report heading, from its text: lower case, every run of characters other
    than letters and digits turned into one hyphen, no hyphen at either end
    (``"Payback & ROI per partner"`` → ``"payback-roi-per-partner"``)."""
    return re.sub(r"[^0-9a-z]+", "-", str(text).lower()).strip("-")


def report_link(notebook: str, section: str = "") -> str:
    """Link to a report (``NN-name.html``), to its section's heading when one is named."""
    return f"{notebook}.html" + (f"#{anchor(section)}" if anchor(section) else "")


def _urgency(value) -> Urgency:
    """An urgency as recorded (its number, or missing) as an :class:`Urgency`; FIX if unknown."""
    try:
        return Urgency(int(value))
    except (TypeError, ValueError):
        return Urgency.FIX


def run_as_of(results: dict) -> str:
    """The as-of date of the run's data (ISO), the latest any notebook recorded; "" if none."""
    return max((r.get("as_of") or "" for r in results.values()), default="")


@dataclass(frozen=True)
class Finding:
    """One of the top findings: its sentence with its figure, the money at stake (None when it
    cannot be priced), urgency, and the report (title, notebook id, section, link) it comes
    from; ``notebook`` is "" for a cross-trend insight of the partner 360."""

    text: str
    stake: float | None
    urgency: Urgency
    report: str
    notebook: str
    section: str
    link: str


def candidates(results: dict, partners: list[dict] | None = None) -> list[Finding]:
    """Every trend's key findings, in notebook order, then the partner 360's cross-trend
    insights (:func:`playbook.partner360.insights`). ``partners``: the run's
    :func:`playbook.partner360.partner_360` when the caller has it already (computed if not)."""
    out = []
    for notebook in sorted(results):
        record = results[notebook]
        for f in record.get("key_findings") or []:
            section = f.get("section") or ""
            out.append(
                Finding(
                    f["text"],
                    f.get("stake"),
                    _urgency(f.get("urgency")),
                    record.get("title") or notebook,
                    notebook,
                    section,
                    report_link(notebook, section),
                )
            )
    rows = partner_360(results) if partners is None else partners
    for f in insights(rows, run_currency(results)):
        out.append(
            Finding(
                f["text"],
                f["stake"],
                _urgency(f["urgency"]),
                PARTNER_360,
                "",
                "",
                PARTNER_360_LINK,
            )
        )
    return out


def _rank(finding: Finding) -> tuple:
    """Sort key: most urgent first, then most money at stake (unpriced last)."""
    stake = finding.stake if finding.stake is not None and not pd.isna(finding.stake) else None
    return (-finding.urgency, stake is None, -(stake or 0))


def top_findings(results: dict, n: int = TOP, partners: list[dict] | None = None) -> list[Finding]:
    """The ``n`` most important findings across all trends.

    Rule: every candidate (:func:`candidates`) is ranked by urgency (act now, then fix, then
    opportunity) and, within one urgency, by the money at stake, highest first (findings that
    cannot be priced after the priced ones; ties keep notebook order). Going down that ranking,
    a finding is taken unless its source (one report, or the partner 360) already has
    :data:`PER_SOURCE` findings taken, so one report cannot crowd out the rest; only when fewer
    than ``n`` are taken that way are the skipped ones added, in rank order. The result is in
    rank order. ``partners``: as for :func:`candidates`.
    """
    ranked = sorted(candidates(results, partners), key=_rank)
    taken, skipped, per_source = [], [], {}
    for position, finding in enumerate(ranked):
        source = finding.notebook or PARTNER_360
        if per_source.get(source, 0) < PER_SOURCE:
            per_source[source] = per_source.get(source, 0) + 1
            taken.append(position)
        else:
            skipped.append(position)
    taken += skipped[: max(0, n - len(taken))]
    return [ranked[p] for p in sorted(taken)[:n]]


@dataclass(frozen=True)
class PlanItem:
    """One row of the action plan: what to do, who, by when ("" when not set), whether that date
    is past the as-of date, where it comes from (kind, report, section, link) and its urgency."""

    action: str
    owner: str
    due: str
    overdue: bool
    kind: str
    urgency: Urgency
    report: str
    notebook: str
    section: str
    link: str


def action_plan(results: dict) -> list[PlanItem]:
    """Every trend's actions (readiness gaps, overdue checklist items, red org-unit metrics,
    partner risk flags, plan milestones) in one list.

    Sorted by urgency (act now first), then by due date, earliest first, so overdue items (due
    before the as-of date of their report's data) come first and items without a date last;
    ties keep notebook order. A blank owner or due date stays blank (shown as
    :data:`NOT_SET`), never invented.
    """
    items = []
    for notebook in sorted(results):
        record = results[notebook]
        as_of = record.get("as_of") or ""
        for a in record.get("actions") or []:
            due = str(a.get("due") or "")[:10]
            section = a.get("section") or ""
            items.append(
                PlanItem(
                    action=a["action"],
                    owner=str(a.get("owner") or ""),
                    due=due,
                    overdue=bool(due and as_of and due < as_of),
                    kind=a.get("kind") or "",
                    urgency=_urgency(a.get("urgency")),
                    report=record.get("title") or notebook,
                    notebook=notebook,
                    section=section,
                    link=report_link(notebook, section),
                )
            )
    return sorted(items, key=lambda i: (-i.urgency, not i.due, i.due))


def data_gaps(results: dict) -> list[dict]:
    """What the client's data could not show, per report in notebook order: ``report`` (title),
    ``notebook``, ``link`` and ``gaps``, each a section not shown with the reason and what would
    fill it (as the notebook recorded it). Reports with nothing missing are left out."""
    out = []
    for notebook in sorted(results):
        gaps = [
            {
                "section": g.get("section", ""),
                "reason": g.get("reason", ""),
                "fill": g.get("fill", ""),
            }
            for g in results[notebook].get("not_shown") or []
        ]
        if gaps:
            title = results[notebook].get("title") or notebook
            out.append(
                {"report": title, "notebook": notebook, "link": report_link(notebook), "gaps": gaps}
            )
    return out


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The top findings as a table (raw numbers) for the workbook."""
    rows = [
        {
            "Rank": i,
            "Finding": f.text,
            "Urgency": URGENCY_WORDS[f.urgency],
            "Money at stake": f.stake,
            "Report": f.report,
            "Section": f.section,
        }
        for i, f in enumerate(findings, 1)
    ]
    columns = ["Rank", "Finding", "Urgency", "Money at stake", "Report", "Section"]
    return pd.DataFrame(rows, columns=columns)


def plan_frame(items: list[PlanItem]) -> pd.DataFrame:
    """The action plan as a table for the workbook (blank owner and due date: "Not set")."""
    rows = [
        {
            "Action": i.action,
            "Owner": i.owner or NOT_SET,
            "Due": i.due or NOT_SET,
            "Overdue": "Yes" if i.overdue else "No",
            "Urgency": URGENCY_WORDS[i.urgency],
            "Kind": i.kind,
            "Report": i.report,
            "Section": i.section,
        }
        for i in items
    ]
    columns = ["Action", "Owner", "Due", "Overdue", "Urgency", "Kind", "Report", "Section"]
    return pd.DataFrame(rows, columns=columns)


#: Column headers of the partner 360 (the fields' labels).
PARTNER_COLUMNS = {
    "partner": "Partner",
    "partner_id": "Partner id",
    "call": "Call",
    "reason": "Why",
    **{f: label(f) for f in FIELDS},
    # 05's figures cover its reporting window, not all time like 01's and 02's: say so
    "revenue": "Revenue in the reporting window",
    "won_deals": "Won deals in the reporting window",
}

#: Partner 360 columns that hold money, and shares (0.25 = 25 %), for the workbook's formats.
MONEY_FIELDS = ("invested", "potential_revenue", "revenue")
SHARE_FIELDS = ("roi_36m",)


def partners_frame(rows: list[dict]) -> pd.DataFrame:
    """The partner 360 as a table for the workbook: every partner, every field (blank where no
    trend supplied it), paid back as Yes / No."""
    frame = pd.DataFrame(rows, columns=list(PARTNER_COLUMNS))
    frame["paid_back"] = frame["paid_back"].map({True: "Yes", False: "No"})
    frame["call"] = frame["call"].map(str)
    return frame.rename(columns=PARTNER_COLUMNS)


#: The executive summary's sheets in the workbook, in order.
SHEET_TITLES = ("Top findings", "Action plan", "Partner 360")


def executive_tables(
    results: dict, partners: list[dict] | None = None
) -> list[tuple[str, str, pd.DataFrame]]:
    """The executive summary's tables for the Excel workbook, as (sheet title, source label,
    DataFrame) items: the top findings, the whole action plan and the whole partner 360.
    Money and shares are written as the reports write them (``USD 1,200``, ``25.0%``), so the
    workbook stores them as numbers with the same number formats as the reports' tables.
    ``partners``: as for :func:`candidates`."""
    source = "Executive summary"
    currency = run_currency(results)
    rows = partner_360(results) if partners is None else partners
    findings = findings_frame(top_findings(results, partners=rows))
    partners = partners_frame(rows)
    if currency:
        money = ["Money at stake"] + [PARTNER_COLUMNS[f] for f in MONEY_FIELDS]
        for frame in (findings, partners):
            for col in (c for c in money if c in frame):
                frame[col] = frame[col].map(lambda v: fmt_money(v, currency))
    for col in (PARTNER_COLUMNS[f] for f in SHARE_FIELDS):
        partners[col] = partners[col].map(fmt_percent)
    frames = (findings, plan_frame(action_plan(results)), partners)
    return [(title, source, frame) for title, frame in zip(SHEET_TITLES, frames, strict=True)]


def as_dicts(items) -> list[dict]:
    """Dataclass items (findings, plan items) as dicts, for templates and JSON."""
    return [asdict(i) for i in items]
