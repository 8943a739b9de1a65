"""Trend 1 — partner requirements (fit scores, Requirements Documents) and joint solutions.

The investment economics of the trend (payback, ROI, NPV, documentation completeness) are in
:mod:`playbook.payback`; :func:`summarise` concludes over both.

Definitions
-----------
* **Fit score** (0–100) of a partner or candidate: ``100 × Σ wᵢ·sᵢ/5 ÷ Σ wᵢ`` over the profile's
  requirement criteria *that were scored* (``requirement_scores``, sᵢ on 0–5, wᵢ the criterion
  weight). Unscored criteria are left out of both sums and listed, never counted as 0.
* **Must-have check**: ``pass`` when every must-have criterion scores at least its ``min_score``;
  ``fail`` when any scores below; ``incomplete`` when none fails but one is unscored.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import won_partner_deals
from playbook.formatting import fmt_money, fmt_percent, format_frame
from playbook.payback import PaybackStatus
from playbook.profile import Criterion
from playbook.results import TrendResult


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


def fit_scores(
    partners: pd.DataFrame, scores: pd.DataFrame, criteria: list[Criterion]
) -> pd.DataFrame:
    """Fit score, must-have status and unscored criteria per partner (all statuses).

    Returns one row per partner: ``partner_id``, ``name``, ``status``, ``fit_score`` (0–100,
    missing when nothing was scored), ``must_have`` (pass / fail / incomplete / n/a),
    ``failed`` (criteria below their minimum) and ``unscored`` (criteria without a score),
    ranked by fit score, best first.
    """
    names = [c.name for c in criteria]
    must = [c for c in criteria if c.must_have]
    rows = []
    by_partner = {pid: grp for pid, grp in scores.groupby("partner_id")} if len(scores) else {}
    for p in partners.itertuples():
        got = by_partner.get(p.partner_id)
        given = dict(zip(got["criterion"], got["score"], strict=True)) if got is not None else {}
        scored = [c for c in criteria if c.name in given]
        weight = sum(c.weight for c in scored)
        fit = (
            100 * sum(c.weight * given[c.name] / 5 for c in scored) / weight
            if weight > 0
            else np.nan
        )
        failed = [c.name for c in must if c.name in given and given[c.name] < c.min_score]
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

    Each is a dict of plain text fields (escape before display): name, type, status, life cycle,
    competitive advantage, relationships with our competitors, expected mindshare, fit score,
    must-have status. ``limit`` > 0 keeps only the first ``limit`` documents in fit order (a
    report for hundreds of partners stays readable; the ranked table still lists everyone).
    """
    if limit and limit > 0:
        fit = fit.head(int(limit))
    comp = (
        competitor_links.groupby("partner_id").apply(
            lambda g: ", ".join(
                f"{c} ({r})" if isinstance(r, str) and r else str(c)
                for c, r in zip(g["competitor"], g["relationship"], strict=True)
            ),
            include_groups=False,
        )
        if len(competitor_links)
        else pd.Series(dtype="object")
    )
    info = partners.set_index("partner_id")
    docs = []
    for f in fit.itertuples():
        p = info.loc[f.partner_id]

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
                "type": text(p["type"]),
                "status": text(p["status"]),
                "life_cycle": text(p["life_cycle"]),
                "competitive_advantage": text(p["competitive_advantage"]),
                "competitors": comp.get(f.partner_id, "none known"),
                "expected_mindshare": text(p["expected_mindshare"]),
                "fit_score": "not scored" if pd.isna(f.fit_score) else f"{f.fit_score:.0f} / 100",
                "must_have": f.must_have + (f" (below minimum: {f.failed})" if f.failed else ""),
                "unscored": f.unscored or "none",
            }
        )
    return docs


# --------------------------------------------------------------------------- joint solutions


def joint_solutions(
    solutions: pd.DataFrame, partners: pd.DataFrame, deals: pd.DataFrame, as_of
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Joint solutions with their won revenue, and revenue of certified solutions vs the rest.

    Revenue = amount of won deals closed on or before ``as_of`` that carry the solution's id.
    The comparison splits won partner deals (sourced or influenced) into: sold with a certified
    joint solution, sold with a solution not (or no longer) certified, and no joint solution.
    """
    as_of = pd.Timestamp(as_of)
    won = won_partner_deals(deals, end=as_of)
    per = won.groupby("solution_id").agg(revenue=("amount", "sum"), deals=("deal_id", "count"))
    table = solutions.merge(
        partners[["partner_id", "name"]].rename(columns={"name": "partner"}),
        on="partner_id",
        how="left",
    ).merge(per, left_on="solution_id", right_index=True, how="left")
    table[["revenue", "deals"]] = table[["revenue", "deals"]].fillna(0)
    status = won["solution_id"].map(solutions.set_index("solution_id")["certification_status"])
    group = np.where(
        status == "certified",
        SolutionGroup.CERTIFIED,
        np.where(status.notna(), SolutionGroup.NOT_CERTIFIED, SolutionGroup.NO_SOLUTION),
    )
    split = won.groupby(group).agg(
        revenue=("amount", "sum"), deals=("deal_id", "count"), average_deal=("amount", "mean")
    )
    split["share"] = split["revenue"] / split["revenue"].sum()
    split = split.reindex([o for o in SolutionGroup if o in split.index])
    return table.sort_values(["certification_status", "revenue"], ascending=[True, False]), split


# --------------------------------------------------------------------------- report views


def fit_view(fit: pd.DataFrame) -> pd.DataFrame:
    """Ranked fit table, formatted."""
    out = fit.rename(
        columns={
            "name": "Partner",
            "status": "Status",
            "fit_score": "Fit score",
            "must_have": "Must-haves",
            "failed": "Below minimum",
            "unscored": "Not scored",
        }
    ).drop(columns="partner_id")
    out.insert(0, "Rank", range(1, len(out) + 1))
    out["Fit score"] = fit["fit_score"].map(lambda v: "—" if pd.isna(v) else f"{v:.0f}")
    return out


def summarise(
    *,
    fit: pd.DataFrame | None,
    table: pd.DataFrame | None,
    doc: dict,
    split: pd.DataFrame | None,
    currency: str,
) -> TrendResult:
    """What trend 1 concludes: findings, figures for ``results.json`` and the summary headline.

    ``fit`` from :func:`fit_scores`, ``table`` from :func:`playbook.payback.investment_table`,
    ``doc`` from :func:`playbook.payback.documentation_completeness` (``{"active_partners": 0}``
    without investments), ``split`` the second result of :func:`joint_solutions`; ``None`` for a
    part not computed. Money in ``currency``.
    """
    return TrendResult(
        findings=_findings(fit, table, doc, split, currency),
        figures=_figures(fit, table, doc, split),
        headline=_headline(table, doc, currency),
    )


def _findings(
    fit: pd.DataFrame | None,
    table: pd.DataFrame | None,
    doc: dict,
    split: pd.DataFrame | None,
    currency: str,
) -> list[str]:
    """Plain-language key findings (client text unescaped); ``None`` for a part not computed."""
    out = []
    ranked = fit.dropna(subset=["fit_score"]) if fit is not None else pd.DataFrame()
    if len(ranked):
        top = ranked.iloc[0]
        out.append(
            f"Best fit: {top['name']} ({top['fit_score']:.0f}/100); "
            f"{int((fit['must_have'] == MustHave.FAIL).sum())} partners or candidates "
            "fail a must-have criterion."
        )
    if table is not None and len(table):
        reached = table[table["payback_status"] == PaybackStatus.REACHED]
        out.append(
            f"{len(reached)} of {len(table)} active partners have paid back their "
            f"investment (median month {reached['payback_month'].median():.0f})."
            if len(reached)
            else f"None of {len(table)} active partners has paid back."
        )
        out.append(
            f"Invested {fmt_money(table['invested'].sum(), currency)} in partners; "
            f"NPV of the portfolio {fmt_money(table['npv'].sum(), currency)}."
        )
    if doc.get("active_partners"):
        out.append(
            f"{fmt_percent(doc['all_three'])} of active partners have investment, payback "
            "and ROI documented (the report found over half of ISVs document none)."
        )
    if split is not None and SolutionGroup.CERTIFIED in split.index:
        c = split.loc[SolutionGroup.CERTIFIED]
        out.append(
            f"Certified joint solutions carry {fmt_percent(c['share'])} of won partner "
            f"revenue ({fmt_money(c['revenue'], currency)})."
        )
    return out


def solutions_view(solutions: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Joint solutions table, formatted."""
    out = solutions[
        [
            "partner",
            "name",
            "our_software",
            "certification_status",
            "certified_date",
            "deals",
            "revenue",
        ]
    ].copy()
    out["certified_date"] = out["certified_date"].map(
        lambda d: "" if pd.isna(d) else d.date().isoformat()
    )
    out = format_frame(out, money=["revenue"], integer=["deals"], currency=currency)
    return out.rename(
        columns={
            "partner": "Partner",
            "name": "Solution",
            "our_software": "Our software",
            "certification_status": "Certification",
            "certified_date": "Certified on",
            "deals": "Won deals",
            "revenue": "Won revenue",
        }
    )


def split_view(split: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Certified vs other revenue split, formatted."""
    out = split.reset_index(names="Deals sold with")
    out = format_frame(
        out,
        money=["revenue", "average_deal"],
        integer=["deals"],
        percent=["share"],
        currency=currency,
    )
    return out.rename(
        columns={
            "revenue": "Won revenue",
            "deals": "Won deals",
            "average_deal": "Average deal",
            "share": "Share of revenue",
        }
    )


def _figures(fit, table, doc: dict, split) -> dict:
    """Machine-readable key figures for ``results.json``."""
    out = {"documentation": doc}
    if fit is not None:
        ranked = fit.dropna(subset=["fit_score"])
        out |= {
            "scored_partners": len(ranked),
            "top_fit": ranked.iloc[0]["name"] if len(ranked) else None,
            "top_fit_score": ranked.iloc[0]["fit_score"] if len(ranked) else None,
            "must_have_fail": int((fit["must_have"] == MustHave.FAIL).sum()),
        }
    if table is not None and len(table):
        out |= {
            "invested": table["invested"].sum(),
            "npv": table["npv"].sum(),
            "payback_reached": int((table["payback_status"] == PaybackStatus.REACHED).sum()),
            "payback_projected": int((table["payback_status"] == PaybackStatus.PROJECTED).sum()),
            "payback_not_in_horizon": int(
                (table["payback_status"] == PaybackStatus.NOT_IN_HORIZON).sum()
            ),
            "median_payback_month": table.loc[
                table["payback_status"] == PaybackStatus.REACHED, "payback_month"
            ].median(),
            "partners": {
                r.partner_id: {
                    "payback_month": r.payback_month,
                    "payback_status": r.payback_status,
                    "roi_12": r.roi_12,
                    "npv": r.npv,
                }
                for r in table.itertuples()
            },
        }
    if split is not None:
        out["solution_revenue"] = split["revenue"].to_dict()
    return out


def _headline(table, doc: dict, currency: str) -> dict[str, str]:
    """Display-ready figures for the summary page."""
    if table is None or not len(table):
        return {"Investments": "not supplied"}
    return {
        "Invested": fmt_money(table["invested"].sum(), currency),
        "Paid back": f"{int((table['payback_status'] == PaybackStatus.REACHED).sum())} of "
        f"{len(table)}",
        "Portfolio NPV": fmt_money(table["npv"].sum(), currency),
        "Fully documented": fmt_percent(doc.get("all_three")),
    }
