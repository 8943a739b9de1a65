"""Trend 5 — analytics: the findings, headline and figures that
:func:`playbook.analytics.summarise` builds from a :func:`playbook.analytics.drilldown` table
(and a :func:`playbook.analytics.partner_table`). A missing figure is never cited.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import fmt_money, fmt_ratio
from playbook.metrics import METRICS, TOTALS, Level


def _partner_finding(partners: pd.DataFrame, currency: str) -> str:
    top = partners.iloc[0]
    top5 = partners["share"].head(5).sum()
    active = partners[partners["active"]]
    idle = int((active["deals"] == 0).sum())
    return (
        f"Top partner: {top['name']} with {fmt_money(top['revenue'], currency)} "
        f"({top['share']:.1%} of program revenue); the top five bring {top5:.1%}; "
        f"{idle} of {len(active)} active partners won nothing in the window."
    )


def _findings(
    table: pd.DataFrame, currency: str, partners: pd.DataFrame | None = None
) -> list[str]:
    """Plain-language key findings from a :func:`drilldown` table (client text unescaped).

    With ``partners`` (:func:`partner_table`), also names the top partner and the concentration.
    A missing figure is never cited.
    """
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    areas = table[table["level"] == Level.AREA].dropna(subset=["revenue_per_person"])
    margin = f"; margin {fmt_money(uni['margin'], currency)}" if pd.notna(uni["margin"]) else ""
    out = [
        f"Program revenue {fmt_money(uni['revenue'], currency)} from {int(uni['deals'])} won "
        f"partner deals{margin}."
    ]
    if pd.notna(uni["revenue_to_expenses"]):
        out.append(
            f"Every {currency} 1 spent on the program returned "
            f"{fmt_money(uni['revenue_to_expenses'], currency, 2)} of revenue."
        )
    if len(areas) > 1:
        best = areas.loc[areas["revenue_per_person"].idxmax()]
        worst = areas.loc[areas["revenue_per_person"].idxmin()]
        low = fmt_money(worst["revenue_per_person"], currency)
        out.append(
            f"Revenue per person ranges from {low}"
            f" ({worst['label']}) to {fmt_money(best['revenue_per_person'], currency)} "
            f"({best['label']})."
        )
    if pd.notna(uni["ar_to_revenue"]):
        out.append(f"Accounts receivable are {uni['ar_to_revenue']:.1%} of window revenue.")
    if partners is not None and len(partners) and partners["revenue"].sum() > 0:
        out.append(_partner_finding(partners, currency))
    return out


def _headline(table: pd.DataFrame, currency: str) -> dict[str, str]:
    """Four display-ready figures for the run's summary page (a missing one shows "—")."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "Program revenue": fmt_money(uni["revenue"], currency),
        "Revenue / person": fmt_money(uni["revenue_per_person"], currency),
        "Revenue / expenses": fmt_ratio(uni["revenue_to_expenses"]),
        "Active partners": f"{int(uni['active_partners'])}",
    }


def _figures(table: pd.DataFrame, start, end) -> dict:
    """Machine-readable key figures for ``results.json``: window, totals and every metric
    (a missing figure is ``null``)."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "window_start": str(pd.Timestamp(start).date()),
        "window_end": str(pd.Timestamp(end).date()),
        **{k: uni[k] for k in list(TOTALS) + [m.key for m in METRICS]},
        "areas": int((table["level"] == Level.AREA).sum()),
        "managers": int((table["level"] == Level.MANAGER).sum()),
    }
