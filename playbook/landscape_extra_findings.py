"""Trend 7 — what the reporting lines, the stack, measured mindshare and the outsourcing
question set conclude; :func:`playbook.landscape_findings.summarise` folds these into the
trend's one result.

* **Reporting lines**: a key finding (fix) when a line of the advice is not met, with one
  action per unmet line (owner: not in the data, so blank).
* **Stack**: a takeaway with the active partners above, below and beside us.
* **Mindshare**: a key finding (fix) when the measured mindshare of some partners is below
  their rating; money at stake: their program revenue in the window
  (:func:`playbook.deals.program_revenue`); one action per partner *far below* its rating
  (owner: its partner manager).
* **Outsourcing**: a takeaway with the case and its verdict once enough questions are answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from playbook import landscape_extra_views as xv
from playbook import landscape_mindshare as lm
from playbook import landscape_org as lo
from playbook.formatting import MISSING, fmt_int, fmt_money, name_list
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, Urgency

SECTION_ORG = "Where the program sits in the organisation"
SECTION_STACK = "Up and down our stack"
SECTION_MINDSHARE = "Mindshare measured from the data"
SECTION_OUTSOURCING = "Should someone else run the program?"


@dataclass(frozen=True)
class Extra:
    """The new sections' inputs to the trend's result (each ``None`` when not shown):
    ``lines`` from :func:`~playbook.landscape_org.reporting_lines`, ``stack`` from
    :func:`~playbook.landscape_stack.positions` with ``both`` from
    :func:`~playbook.landscape_stack.both_directions`, ``mindshare`` from
    :func:`~playbook.landscape_mindshare.measure`, ``outsourcing`` from
    :func:`~playbook.landscape_org.outsourcing_answers` with its ``case`` and ``verdict``."""

    lines: pd.DataFrame | None = None
    stack: pd.DataFrame | None = None
    both: bool = False
    mindshare: pd.DataFrame | None = None
    outsourcing: pd.DataFrame | None = None
    case: float = float("nan")
    verdict: lo.Verdict = lo.Verdict.TOO_FEW


def reporting_finding(lines: pd.DataFrame | None) -> tuple[KeyFinding | None, str]:
    """The key finding (unmet advice) and the takeaway on the reporting lines."""
    if lines is None or (lines["check"] == lo.Check.NOT_STATED).all():
        return None, ""
    stated, check = lines.set_index("advice")["stated"], lines.set_index("advice")["check"]
    into = stated["reports_into"]
    reports = xv.functions_text(into).lower() if into else ""
    misses = []
    if check["reports_into"] == lo.Check.NOT_MET:
        misses.append(f"reports into {reports}, not business development or sales")
    if check["integrated_with"] == lo.Check.NOT_MET:
        works = stated["integrated_with"]
        named = (
            name_list([label(c).lower() for c in works.split(", ")], and_last=True) if works else ""
        )
        also = f" (it works with {named})" if works else ""
        misses.append(f"does not work hand in hand with product management{also}")
    if not misses:
        text = (
            "The program sits where the seed report advises: "
            + (f"it reports into {reports} and " if reports else "it ")
            + "works hand in hand with product management."
        )
        return None, text
    text = "The partner program " + " and ".join(misses) + "."
    return KeyFinding(text, None, Urgency.FIX, SECTION_ORG), text


def reporting_actions(lines: pd.DataFrame | None) -> list[Action]:
    """One action per line of advice not met."""
    if lines is None:
        return []
    checks = lines.set_index("advice")
    out = []
    if checks.loc["reports_into", "check"] == lo.Check.NOT_MET:
        today = xv.functions_text(checks.loc["reports_into", "stated"])
        out.append(
            Action(
                action=f"Move the program's reporting line into business development or "
                f"sales (today: {today}).",
                kind="Organisation",
                section=SECTION_ORG,
            )
        )
    if checks.loc["integrated_with", "check"] == lo.Check.NOT_MET:
        out.append(
            Action(
                action="Set up a standing link between the program and product management "
                "(shared roadmap reviews, joint solution planning).",
                kind="Organisation",
                section=SECTION_ORG,
            )
        )
    return out


def mindshare_finding(
    m: pd.DataFrame | None, revenue: pd.Series, currency: str
) -> KeyFinding | None:
    """The key finding on partners whose measured mindshare is below their rating."""
    if m is None or not len(m):
        return None
    compared = m[m["agreement"] != lm.Agreement.NOT_COMPARED]
    if not len(compared):
        return None
    below = compared[compared["agreement"].isin([lm.Agreement.BELOW, lm.Agreement.FAR_BELOW])]
    if not len(below):
        return KeyFinding(
            f"The mindshare measured for {plural(len(compared), 'partner')} is at or above "
            "the rating for every one.",
            None,
            Urgency.OPPORTUNITY,
            SECTION_MINDSHARE,
        )
    far = below[below["agreement"] == lm.Agreement.FAR_BELOW]
    stake = float(below["partner_id"].map(revenue).fillna(0).sum())
    text = (
        f"The data shows less mindshare than rated for {fmt_int(len(below))} of "
        f"{plural(len(compared), 'partner')} measured"
    )
    if len(far):
        text += f", rated high but measured low for {name_list(far['name'], and_last=True)}"
    else:
        text += f": {name_list(below['name'], and_last=True)}"
    text += f" ({fmt_money(stake, currency)} of program revenue)."
    return KeyFinding(text, stake if stake > 0 else None, Urgency.FIX, SECTION_MINDSHARE)


def _evidence(r) -> str:
    parts = []
    if pd.notna(r.responsiveness):
        parts.append(f"answers {r.responsiveness:.0f}% of our communications")
    if pd.notna(r.share_of_business):
        parts.append(f"{r.share_of_business:.0f}% of their business through us")
    if r.certification == "none":
        parts.append("no certification")
    elif isinstance(r.certification, str):
        parts.append(f"certification level {label(r.certification).lower()}")
    if pd.notna(r.open_joint_deals):
        parts.append(plural(int(r.open_joint_deals), "open joint deal"))
    return "; ".join(parts) or MISSING


def mindshare_actions(m: pd.DataFrame | None, managers: pd.Series) -> list[Action]:
    """One action per partner whose measured mindshare is far below its rating."""
    if m is None:
        return []
    far = m[m["agreement"] == lm.Agreement.FAR_BELOW]
    return [
        Action(
            action=f"Review what {r.name} gives us: mindshare rated high, measured low "
            f"({_evidence(r)}).",
            owner=str(managers.get(r.partner_id, "")),
            kind="Mindshare",
            section=SECTION_MINDSHARE,
        )
        for r in far.itertuples()
    ]


def takeaways(extra: Extra) -> list[str]:
    """The takeaways of the stack and the outsourcing question set."""
    out = []
    if extra.stack is not None and len(extra.stack) and extra.stack["active"].sum():
        out.append(xv.stack_text(extra.stack, extra.both))
    if extra.outsourcing is not None and extra.verdict != lo.Verdict.TOO_FEW:
        out.append(xv.outsourcing_text(extra.case, extra.verdict, extra.outsourcing))
    return out


def figures(extra: Extra) -> dict:
    """The figures of the new sections for ``results.json`` (only the sections shown)."""
    out: dict = {}
    if extra.lines is not None:
        out["reporting_lines"] = {
            a: str(c) for a, c in zip(extra.lines["advice"], extra.lines["check"], strict=True)
        }
    if extra.stack is not None:
        out["stack_positions"] = dict(
            zip(extra.stack["position"], extra.stack["active"].astype(int), strict=True)
        )
    if extra.mindshare is not None:
        out["mindshare"] = lm.counts(extra.mindshare)
    if extra.outsourcing is not None:
        out["outsourcing_case_pct"] = None if pd.isna(extra.case) else round(extra.case, 1)
        out["outsourcing_verdict"] = str(extra.verdict)
    return out


def headline(extra: Extra) -> dict[str, str]:
    """The summary card's line on mindshare: partners measured below their rating."""
    m = extra.mindshare
    if m is None:
        return {}
    compared = m[m["agreement"] != lm.Agreement.NOT_COMPARED]
    if not len(compared):
        return {}
    below = compared["agreement"].isin([lm.Agreement.BELOW, lm.Agreement.FAR_BELOW]).sum()
    return {"Mindshare below rating": f"{fmt_int(below)} of {fmt_int(len(compared))}"}
