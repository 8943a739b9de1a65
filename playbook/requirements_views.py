"""Trend 1 — partner requirements and joint solutions: the report views and the 01 report's
"How these figures are defined".

Display-ready tables for the 01 notebook; the numbers come from :mod:`playbook.requirements`,
the investment model's definitions from :mod:`playbook.payback_views`.
"""

from __future__ import annotations

import pandas as pd

from playbook import payback_views
from playbook.formatting import format_frame
from playbook.payback import PaybackAssumptions, period_label
from playbook.requirements import DEFAULT_MUST_HAVE_MIN


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


def definitions(
    a: PaybackAssumptions, as_of, default_min_score: float = DEFAULT_MUST_HAVE_MIN
) -> list[str]:
    """The 01 report's "How these figures are defined": the fit and must-have rules, the
    joint-solution revenue, then :func:`playbook.payback_views.definitions` — the module docstrings
    in plain words, with this run's parameters filled in."""
    return [
        "Fit score (0–100): the weighted mean of the scored criteria (score ÷ 5 × weight); "
        "criteria not scored are left out and listed, never counted as 0.",
        f"Must-have: a must-have criterion fails below its min_score in profile.yaml, or "
        f"below {default_min_score:g} (must_have_min_score) where the profile gives none.",
        f"Joint-solution revenue: won partner deals carrying the solution, "
        f"{period_label(as_of)}, influenced deals in full; a solution counts as certified "
        "when it was certified on or before the as-of date.",
        *payback_views.definitions(a, as_of),
    ]


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
