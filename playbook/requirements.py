"""Trend 1 — partner requirements (fit scores, Requirements Documents) and joint solutions.

The investment economics of the trend (payback, ROI, NPV, documentation completeness) are in
:mod:`playbook.payback`; :func:`playbook.requirements_findings.summarise` concludes over both
(takeaways, key findings, actions, partner records). The report views and
:func:`playbook.requirements_views.definitions` (the report's "How these figures are defined")
are in :mod:`playbook.requirements_views`.

Definitions
-----------
* **Fit score** (0–100) of a partner or candidate: ``100 × Σ wᵢ·sᵢ/5 ÷ Σ wᵢ`` over the profile's
  requirement criteria *that were scored* (``requirement_scores``, sᵢ on 0–5, wᵢ the criterion
  weight). Unscored criteria are left out of both sums and listed, never counted as 0.
* **Must-have check**: ``pass`` when every must-have criterion scores at least its minimum;
  ``fail`` when any scores below; ``incomplete`` when none fails but one is unscored. The
  minimum is the criterion's ``min_score`` in ``profile.yaml``, or — when the profile leaves it
  out — the notebook parameter ``must_have_min_score`` (default
  :data:`DEFAULT_MUST_HAVE_MIN`).
* **Joint-solution revenue**: ``amount`` of won partner deals that carry the solution's id,
  closed on or before the as-of date — **all time up to the as-of date**, influenced deals in
  full (revenue of the business sold with the solution, as in reports 04–07; only the
  *margin* credited to a partner's investment in :mod:`playbook.payback` uses the credit
  share). A solution counts as **certified at the as-of date** when its status is
  ``certified`` and its ``certified_date`` is on or before the as-of date (or blank: the
  export does not say when); one certified later was not certified yet.
* **Paid back, of active partners**: the payback counts of the findings and headline have the
  active partners as denominator, as the documentation shares do; partners whose payback
  cannot be computed are counted apart with their reason, never as "not paid back".
* **Median payback month**: over the partners that reached payback (see
  :mod:`playbook.payback`), printed as it is — a median of 8 and 9 is ``8.5``, not ``8``.

Where the constants come from
-----------------------------
The seed report (``partner-ecosystem-trends-report.txt``, trend 1) names what a Partner
Requirements Document covers — life cycle, competitive advantage, relationship with our
competitors, expected mindshare — and that certified partner applications should carry joint
revenue. The criteria, their weights and minimums are the client's (``profile.yaml``); the
must-have minimum used when a criterion gives none (:data:`DEFAULT_MUST_HAVE_MIN`, notebook
parameter ``must_have_min_score``) is a playbook default, not from the report.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import average_deal, count_deals, won_partner_deals
from playbook.gaps import PROFILE
from playbook.labels import label
from playbook.payback import PaybackStatus
from playbook.profile import Criterion
from playbook.staff import manager_names

#: Minimum score (0–5) of a must-have criterion whose ``min_score`` the profile leaves out
#: (playbook default; the notebook parameter ``must_have_min_score`` overrides it).
DEFAULT_MUST_HAVE_MIN = 3.0


class MustHave(StrEnum):
    """Must-have check of a partner (see module docstring)."""

    PASS = "pass"
    FAIL = "fail"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "n/a"  # the profile names no must-have criterion


class SolutionGroup(StrEnum):
    """What a won partner deal was sold with, for the certified-vs-rest revenue split."""

    CERTIFIED = "certified joint solution"
    NOT_CERTIFIED = "joint solution, not certified"
    NO_SOLUTION = "no joint solution"


# --------------------------------------------------------------------------- fit score


def must_have_minimum(criterion: Criterion, default: float = DEFAULT_MUST_HAVE_MIN) -> float:
    """The minimum score (0–5) of a must-have criterion: its ``min_score`` when
    ``profile.yaml`` sets one, else ``default``."""
    return criterion.min_score if "min_score" in criterion.model_fields_set else float(default)


def fit_needs(criteria: list[Criterion], has) -> tuple[str, ...]:
    """What the fit score lacks: ``()`` when it can be computed; else the setting
    (``("profile.yaml", "requirement_criteria")``) or the table (``("requirement_scores",)``)
    that would fill it, as :func:`playbook.notebook.gap` takes them. ``has(table)`` says whether
    the client supplied a table (:meth:`playbook.workspace.Workspace.has`)."""
    if not criteria:
        return (PROFILE, "requirement_criteria")
    if not has("requirement_scores"):
        return ("requirement_scores",)
    return ()


def fit_scores(
    partners: pd.DataFrame,
    scores: pd.DataFrame,
    criteria: list[Criterion],
    default_min_score: float = DEFAULT_MUST_HAVE_MIN,
) -> pd.DataFrame:
    """Fit score, must-have status and unscored criteria per partner (all statuses).

    Returns one row per partner: ``partner_id``, ``name``, ``status``, ``fit_score`` (0–100,
    missing when nothing was scored), ``must_have`` (pass / fail / incomplete / n/a),
    ``failed`` (criteria below their minimum, :func:`must_have_minimum` with
    ``default_min_score``) and ``unscored`` (criteria without a score), ranked by fit score,
    best first.
    """
    names = [c.name for c in criteria]
    must = [c for c in criteria if c.must_have]
    floor = {c.name: must_have_minimum(c, default_min_score) for c in must}
    rows = []
    by_partner: dict = {}  # partner → {criterion: score}, in one pass over the scores
    for pid, criterion, score in zip(
        scores["partner_id"], scores["criterion"], scores["score"], strict=True
    ):
        by_partner.setdefault(pid, {})[criterion] = score
    for p in partners[["partner_id", "name", "status"]].itertuples():
        given = by_partner.get(p.partner_id, {})
        scored = [c for c in criteria if c.name in given]
        weight = sum(c.weight for c in scored)
        fit = (
            100 * sum(c.weight * given[c.name] / 5 for c in scored) / weight
            if weight > 0
            else np.nan
        )
        failed = [c.name for c in must if c.name in given and given[c.name] < floor[c.name]]
        missing_must = [c.name for c in must if c.name not in given]
        status = (
            MustHave.NOT_APPLICABLE
            if not must
            else MustHave.FAIL
            if failed
            else MustHave.INCOMPLETE
            if missing_must
            else MustHave.PASS
        )
        rows.append(
            {
                "partner_id": p.partner_id,
                "name": p.name,
                "status": p.status,
                "fit_score": fit,
                "must_have": status,
                "failed": ", ".join(failed),
                "unscored": ", ".join(n for n in names if n not in given),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["partner_id", "name", "status", "fit_score", "must_have", "failed", "unscored"],
    )
    return out.sort_values(
        ["fit_score", "partner_id"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def requirements_documents(
    partners: pd.DataFrame, fit: pd.DataFrame, competitor_links: pd.DataFrame, limit: int = 0
) -> list[dict]:
    """One Partner Requirements Document per partner/candidate, in fit order.

    Each is a dict of plain text fields (escape before display; codes as their
    :func:`playbook.labels.label`): name, type, status, life cycle, competitive advantage,
    relationships with our competitors, expected mindshare, fit score, must-have status.
    ``limit`` > 0 keeps only the first ``limit`` documents in fit order; 0 keeps all.
    """
    if limit and limit > 0:
        fit = fit.head(int(limit))
    comp: dict = {}  # partner → its competitor ties as text, in the order of the links
    for pid, c, r in zip(
        competitor_links["partner_id"],
        competitor_links["competitor"],
        competitor_links["relationship"],
        strict=True,
    ):
        comp.setdefault(pid, []).append(f"{c} ({r})" if isinstance(r, str) and r else str(c))
    fields = ["type", "status", "life_cycle", "competitive_advantage", "expected_mindshare"]
    info = partners.set_index("partner_id")[fields].to_dict("index")
    docs = []
    for f in fit.itertuples():
        p = info[f.partner_id]

        def text(v, default="not recorded"):
            return (
                default
                if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v == ""
                else str(v)
            )

        docs.append(
            {
                "partner_id": f.partner_id,
                "name": f.name,
                "type": label(text(p["type"])),
                "status": label(text(p["status"])),
                "life_cycle": label(text(p["life_cycle"])),
                "competitive_advantage": text(p["competitive_advantage"]),
                "competitors": ", ".join(comp[f.partner_id])
                if f.partner_id in comp
                else "none known",
                "expected_mindshare": label(text(p["expected_mindshare"])),
                "fit_score": "not scored" if pd.isna(f.fit_score) else f"{f.fit_score:.0f} of 100",
                "must_have": label(f.must_have)
                + (f" (below minimum: {f.failed})" if f.failed else ""),
                "unscored": f.unscored or "none",
            }
        )
    return docs


# --------------------------------------------------------------------------- joint solutions


def joint_solutions(
    solutions: pd.DataFrame, partners: pd.DataFrame, deals: pd.DataFrame, as_of
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Joint solutions with their won revenue, and revenue of certified solutions vs the rest.

    Revenue = amount of won partner deals closed on or before ``as_of`` (all time) that carry
    the solution's id, influenced deals in full. The comparison splits those deals into: sold
    with a solution certified at ``as_of`` (status ``certified``, ``certified_date`` blank or on
    or before ``as_of``), sold with a solution not (yet, or no longer) certified, and no joint
    solution. The first frame's ``certified_at_as_of`` says which solutions count as certified.
    """
    as_of = pd.Timestamp(as_of)
    won = won_partner_deals(deals, end=as_of)
    per = pd.DataFrame(
        {
            "revenue": won.groupby("solution_id")["amount"].sum(),
            "deals": count_deals(won, "solution_id"),
        }
    )
    table = solutions.merge(
        partners[["partner_id", "name"]].rename(columns={"name": "partner"}),
        on="partner_id",
        how="left",
    ).merge(per, left_on="solution_id", right_index=True, how="left")
    table[["revenue", "deals"]] = table[["revenue", "deals"]].fillna(0)
    table["certified_at_as_of"] = (table["certification_status"] == "certified") & (
        table["certified_date"].isna() | (table["certified_date"] <= as_of)
    )
    certified = won["solution_id"].map(table.set_index("solution_id")["certified_at_as_of"])
    status = won["solution_id"].map(solutions.set_index("solution_id")["certification_status"])
    group = np.where(
        certified.eq(True),
        SolutionGroup.CERTIFIED,
        np.where(status.notna(), SolutionGroup.NOT_CERTIFIED, SolutionGroup.NO_SOLUTION),
    )
    by = pd.Series(group, index=won.index)
    split = pd.DataFrame(
        {
            "revenue": won.groupby(by)["amount"].sum(),
            "deals": count_deals(won, by),
            "average_deal": average_deal(won, by),
        }
    )
    split["share"] = split["revenue"] / split["revenue"].sum()
    split = split.reindex([o for o in SolutionGroup if o in split.index])
    return table.sort_values(["certification_status", "revenue"], ascending=[True, False]), split


# --------------------------------------------------------------------------- portfolio


def partner_owners(partners: pd.DataFrame, staff: pd.DataFrame | None) -> dict[str, str]:
    """Each partner's owner for the action plan, as :func:`playbook.staff.manager_names`
    defines it; partners without a manager on record are left out."""
    return {str(k): v for k, v in manager_names(partners, staff).items() if v}


def portfolio(table: pd.DataFrame) -> dict:
    """Portfolio figures of :func:`playbook.payback.investment_table` (active partners).

    ``invested`` is the total over partners with an investment up to the as-of date, missing if
    any of their amounts is blank; ``npv`` the sum of the per-partner NPVs that exist (missing
    when none does) and ``npv_partners`` how many; ``median_payback_month`` over the partners
    that reached payback; counts per :class:`~playbook.payback.PaybackStatus`; ``why_missing``
    the kinds of blank input behind the partners without a payback, ROI or NPV.
    """
    status = table["payback_status"]
    invested_rows = table.loc[table["months_elapsed"] > 0, "invested"]
    kinds = sorted({str(k) for ks in table["missing"] for k in ks})
    return {
        "active_partners": len(table),
        "with_investment": len(invested_rows),
        "invested": invested_rows.sum() if invested_rows.notna().all() else np.nan,
        "npv": table["npv"].sum() if table["npv"].notna().any() else np.nan,
        "npv_partners": int(table["npv"].notna().sum()),
        "median_payback_month": table.loc[
            status == PaybackStatus.REACHED, "payback_month"
        ].median(),
        **{s.name.lower(): int((status == s).sum()) for s in PaybackStatus},
        "why_missing": "; ".join(kinds),
    }
