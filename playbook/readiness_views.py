"""Trend 3 — readiness: the report views of the :mod:`playbook.readiness` tables.

Display-ready tables for the notebook (readable headers, formatted scores and shares); the
numbers come from :mod:`playbook.readiness`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import fmt_percent


def discuss_view(discuss: pd.DataFrame) -> pd.DataFrame:
    """:func:`to_discuss`, readable headers."""
    out = discuss.copy()
    out["score"] = discuss["score"].map(lambda v: f"{v:g}")
    return out.rename(
        columns={
            "item_id": "Item",
            "question": "Question",
            "score": "Answer (0–5)",
            "data_shows": "The client's data shows",
        }
    )


# --------------------------------------------------------------------------- report views


def dimension_view(dims: pd.DataFrame) -> pd.DataFrame:
    """Dimension scores (:func:`dimension_scores`), formatted."""
    out = dims.reset_index(names="Dimension")
    out["Dimension"] = out["Dimension"].str.replace("_", " ").str.capitalize()
    out["score"] = dims["score"].map(lambda v: "—" if pd.isna(v) else f"{v:.0f}").to_numpy()
    out["weight"] = dims["weight"].map(lambda v: f"{v:g}").to_numpy()
    return out.rename(
        columns={
            "answered": "Answered",
            "unanswered": "Unanswered",
            "score": "Score (0–100)",
            "weight": "Weight",
        }
    )


def items_view(items: pd.DataFrame) -> pd.DataFrame:
    """Question-bank items (unanswered list or gap list) with readable headers."""
    cols = [
        c
        for c in ("item_id", "dimension", "question", "score", "recommendation")
        if c in items.columns
    ]
    out = items[cols].copy()
    out["dimension"] = out["dimension"].str.replace("_", " ").str.capitalize()
    if "score" in out:
        out["score"] = items["score"].map(lambda v: "—" if pd.isna(v) else f"{v:g}")
    return out.rename(
        columns={
            "item_id": "Item",
            "dimension": "Dimension",
            "question": "Question",
            "score": "Score (0–5)",
            "recommendation": "Recommendation",
        }
    )


def alignment_view(align_table: pd.DataFrame) -> pd.DataFrame:
    """Partners and their goal alignment, readable headers."""
    return align_table.drop(columns="partner_id").rename(
        columns={
            "name": "Partner",
            "type": "Type",
            "status": "Status",
            "goal_alignment": "Goal alignment",
        }
    )


def coverage_view(cov: pd.DataFrame) -> pd.DataFrame:
    """Industry coverage (:func:`industry_coverage`), formatted, gaps flagged."""
    out = cov.reset_index()
    out["partner_share"] = cov["partner_share"].map(fmt_percent).to_numpy()
    out["customer_share"] = cov["customer_share"].map(fmt_percent).to_numpy()
    out["gap"] = cov["gap"].map(lambda g: "coverage gap" if g else "").to_numpy()
    return out.rename(
        columns={
            "industry": "Industry",
            "partners": "Active partners",
            "customers": "Customers",
            "partner_share": "Partners %",
            "customer_share": "Customers %",
            "gap": "Gap",
        }
    )
