"""Trend 1 — investment economics: the report views of a
:func:`playbook.payback.investment_table` table and the investment model's definitions.

Display-ready tables and chart data for the 01 notebook and the investment widgets; the numbers
and their definitions come from :mod:`playbook.payback`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import fmt_percent, format_frame
from playbook.labels import label_values
from playbook.payback import (
    ROI_MONTHS,
    PaybackAssumptions,
    PaybackStatus,
    monthly_series,
    payback_text,
    period_label,
)


def definitions(a: PaybackAssumptions, as_of) -> list[str]:
    """The investment model's definitions as the 01 report lists them ("How these figures are
    defined"), with this run's assumptions filled in; the module docstring in plain words."""
    rate = f"{a.discount_rate:.0%}"
    return [
        f"Period: investments, attributed margin and payback are {period_label(as_of)} (the "
        "as-of date) — every investment and won deal dated on or before it, however long ago "
        "— not report 05's 12-month window.",
        f"Attributed margin: a won deal's margin in full when the partner sourced it, "
        f"× {a.credit_share:g} (the credit share) when it influenced it — the share of the "
        "margin the partner's investment earned back. Revenue figures (joint solutions here, "
        "reports 04–07) count influenced deals in full: they measure the business the program "
        "touched, not a return on one partner.",
        "A blank is never a zero: a won deal without a margin, or an investment without an "
        "amount, leaves the partner's margin, payback, ROI and NPV blank (—) with the reason; "
        "they are not computed over the deals that have one. A partner with no won deal has "
        "margin 0.",
        "Month 1 is the month of the partner's first investment; margin won before it counts "
        "in month 1.",
        f"Trailing means: mean monthly margin and investment over the last {a.window} months "
        f"up to the as-of month, or over all the months a younger partner has. A projection "
        f"needs at least {a.min_history} months since the first investment; with fewer, "
        "nothing is projected.",
        "Payback: the first month in which cumulative margin reaches cumulative investment; "
        f"if not yet, projected from the trailing net, up to {a.projection} months beyond the "
        f"as-of month (else 'not within the next {a.projection} months'). The median payback "
        "is over the partners that reached it (projections excluded), printed to the half "
        "month.",
        f"ROI at {', '.join(map(str, ROI_MONTHS))} months: (cumulative margin − cumulative "
        "investment) ÷ cumulative investment; months after the as-of month repeat the "
        "trailing means (marked projected).",
        f"NPV: monthly net (margin − investment) over the {a.horizon} months from the "
        f"partner's first investment, discounted at {rate} a year (monthly rate "
        f"(1 + {a.discount_rate:g})^(1/12) − 1); month 1 is not discounted, so each NPV is "
        "valued at the start of that partner's first-investment month.",
        "Portfolio NPV: the sum of the per-partner NPVs, each discounted to its own "
        "first-investment month — windows starting in different years, not a value at one "
        "date; partners without an NPV are left out and counted.",
    ]


# --------------------------------------------------------------------------- report views


def investment_view(
    table: pd.DataFrame, currency: str, a: PaybackAssumptions | None = None
) -> pd.DataFrame:
    """Per-partner investment model, formatted; sorted by amount invested. Amounts are totals
    up to the as-of date; "Payback" is :func:`playbook.payback.payback_text` (``a``: the run's
    assumptions, defaults if ``None``); "ROI and NPV" says whether they rest on projected
    months; "Why missing" gives the reason of every "—" figure. :data:`INVESTMENT_SCREEN` are
    the columns a report shows (:func:`screen_columns`)."""
    a = a or PaybackAssumptions()
    t = table.sort_values(["invested", "partner_id"], ascending=[False, True], na_position="last")
    money = format_frame(t, money=["invested", "margin", "npv"], currency=currency)
    out = pd.DataFrame(
        {
            "Partner": t["name"],
            "Type": label_values(t["type"]),
            "First investment": t["first_investment"].map(
                lambda d: "—" if pd.isna(d) else d.date().isoformat()
            ),
            "Invested": money["invested"],
            "Attributed margin": money["margin"],
            "Payback": [
                payback_text(m, s, a.projection)
                for m, s in zip(t["payback_month"], t["payback_status"], strict=True)
            ],
            **{f"ROI {k} m": t[f"roi_{k}"].map(fmt_percent) for k in ROI_MONTHS},
            "NPV": money["npv"],
            "ROI and NPV": [
                "—" if pd.isna(npv) else "Projected" if (r or n) else "Actual"
                for r, n, npv in zip(t["roi_projected"], t["npv_projected"], t["npv"], strict=True)
            ],
            "Why missing": t["reason"],
        }
    )
    return out.reset_index(drop=True)


#: The columns of :func:`investment_view` a report shows on screen (the workbook has all).
INVESTMENT_SCREEN = [
    "Partner",
    "Invested",
    "Attributed margin",
    "Payback",
    "ROI 36 m",
    "NPV",
    "ROI and NPV",
    "Why missing",
]


def screen_columns(view: pd.DataFrame) -> list[str]:
    """:data:`INVESTMENT_SCREEN`, without "Why missing" when no figure is missing."""
    blank = view["Why missing"].fillna("").eq("").all() if len(view) else True
    return [c for c in INVESTMENT_SCREEN if not (blank and c == "Why missing")]


def payback_chart_title(table: pd.DataFrame, names: list[str]) -> str:
    """The payback chart's title, stating what it shows: how many of the charted partners
    (``names``, the largest investments) have paid back."""
    shown = table[table["name"].isin(names)]
    reached = int((shown["payback_status"] == PaybackStatus.REACHED).sum())
    n = len(shown)
    if reached == n:
        return f"All {n} largest investments have paid back"
    return f"{reached} of the {n} largest investments have paid back"


def completeness_view(doc: dict) -> pd.DataFrame:
    """Documentation completeness against the report's finding."""
    rows = [
        ("Initial investment recorded", doc["investment_recorded"]),
        ("Time to recoup (payback) computable", doc["payback_known"]),
        ("ROI projection over time", doc["roi_projection"]),
        ("All three documented", doc["all_three"]),
    ]
    return pd.DataFrame(
        {
            "What is documented": [r[0] for r in rows],
            "Share of active partners": [fmt_percent(r[1]) for r in rows],
        }
    )


def payback_chart_data(
    table: pd.DataFrame,
    investments: pd.DataFrame,
    deals: pd.DataFrame,
    as_of,
    a: PaybackAssumptions,
    top: int,
) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """Monthly series and payback month of the ``top`` partners by amount invested whose
    margin is known (a curve of a partly blank margin would show a false shortfall), keyed by
    partner name, for :func:`playbook.charts.payback_curves`."""
    chosen = table.dropna(subset=["invested", "margin"]).nlargest(top, "invested")
    ids = chosen["partner_id"].tolist()  # the large frames are filtered once, not per partner
    investments = investments[investments["partner_id"].isin(ids)]
    deals = deals[deals["partner_id"].isin(ids)]
    series = {
        r.name: monthly_series(investments, deals, r.partner_id, as_of, a.credit_share)
        for r in chosen.itertuples()
    }
    return series, dict(zip(chosen["name"], chosen["payback_month"], strict=True))
