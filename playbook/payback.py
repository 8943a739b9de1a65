"""Trend 1 — investment economics of a partner: monthly investment vs attributed margin,
payback, ROI and NPV, and how completely they are documented.

Definitions
-----------
* **Attributed margin** of a won deal, in the month it closed: its ``margin`` in full when the
  partner sourced it, ``margin × credit_share`` when the partner influenced it. A won deal with
  no margin recorded contributes 0.
* **Month numbers** count calendar months from the partner's first investment: the month of the
  first investment is month 1.
* **Payback month**: the first month number whose cumulative attributed margin is at least the
  cumulative investment. When not reached by the as-of month, the **projected payback** adds
  ``ceil(shortfall ÷ trailing net)`` months to the as-of month's number, where *trailing net* is
  the mean monthly (margin − investment) over the last ``window`` months; with a trailing net ≤ 0,
  or more than ``projection`` months needed beyond the as-of month, payback is "not in horizon".
* **ROI at k months**: ``(cumulative margin − cumulative investment) ÷ cumulative investment`` at
  month k. Months after the as-of month are projected by repeating the trailing mean monthly
  margin and investment; such values are flagged ``projected``.
* **NPV** over ``horizon`` months at annual rate r: ``Σₜ netₜ ÷ (1+m)ᵗ`` for t = 0 … horizon−1,
  where netₜ is month t+1's margin − investment (actual, then projected) and
  ``m = (1+r)^(1/12) − 1``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import attribution_credit, won_partner_deals
from playbook.formatting import fmt_percent, format_frame


class PaybackStatus(StrEnum):
    """Where a partner's payback stands (see module docstring)."""

    REACHED = "reached"
    PROJECTED = "projected"
    NOT_IN_HORIZON = "not in horizon"
    NO_INVESTMENT = "no investment recorded"


#: Statuses whose payback month is known (reached, or projected within the horizon).
PAYBACK_KNOWN = (PaybackStatus.REACHED, PaybackStatus.PROJECTED)


# --------------------------------------------------------------------------- payback and ROI


@dataclass(frozen=True)
class PaybackAssumptions:
    """Notebook parameters of the investment model."""

    credit_share: float = 0.5  # share of an influenced deal's margin credited to the partner
    window: int = 6  # months in the trailing average used for projections
    horizon: int = 36  # months from the first investment covered by NPV
    projection: int = 24  # months beyond the as-of month a payback may be projected
    discount_rate: float = 0.10  # annual discount rate for NPV


SERIES_COLUMNS = ["month", "period", "investment", "margin", "cum_investment", "cum_margin", "net"]


def monthly_series_all(
    investments: pd.DataFrame, deals: pd.DataFrame, as_of, credit_share: float
) -> pd.DataFrame:
    """Month-by-month investment and attributed margin of every partner with an investment.

    One row per partner and month, from the month of the partner's first investment (``month``
    1) to the as-of month. ``investment`` is the sum of its investments dated in that month;
    ``margin`` the margin of its won deals closed that month, sourced deals in full and
    influenced deals times ``credit_share``. Margin earned before the first investment counts
    in month 1 (the relationship pre-dated the money). ``cum_*`` are running totals per
    partner and ``net`` = margin − investment. Only rows dated on or before ``as_of`` count.
    Columns: ``partner_id`` plus :data:`SERIES_COLUMNS`.
    """
    as_of = pd.Timestamp(as_of)
    end = as_of.to_period("M")
    inv = investments.loc[investments["date"] <= as_of, ["partner_id", "date", "amount"]]
    inv = inv.assign(period=inv["date"].dt.to_period("M"))
    first = inv.groupby("partner_id")["period"].min()
    if first.empty:
        return pd.DataFrame(columns=["partner_id", *SERIES_COLUMNS])
    lengths = np.array([(end - f).n + 1 for f in first], dtype=int)
    long = pd.DataFrame(
        {
            "partner_id": np.repeat(first.index.to_numpy(), lengths),
            "month": np.concatenate([np.arange(1, n + 1) for n in lengths]),
        }
    )
    long["period"] = np.repeat(first.to_numpy(), lengths) + (long["month"] - 1).to_numpy()
    won = won_partner_deals(deals, end=as_of)
    won = won.loc[
        won["partner_id"].isin(first.index), ["partner_id", "attribution", "margin", "close_date"]
    ]
    won = won.assign(
        period=won["close_date"].dt.to_period("M"),
        credited=won["margin"].fillna(0).to_numpy()
        * attribution_credit(won, credit_share).to_numpy(),
    )
    # Margin before the first investment is moved into month 1.
    won["period"] = np.maximum(won["period"], won["partner_id"].map(first))
    invest = inv.groupby(["partner_id", "period"])["amount"].sum().rename("investment")
    margin = won.groupby(["partner_id", "period"])["credited"].sum().rename("margin")
    long = long.join(invest, on=["partner_id", "period"]).join(margin, on=["partner_id", "period"])
    long[["investment", "margin"]] = long[["investment", "margin"]].fillna(0.0).astype(float)
    by_partner = long.groupby("partner_id", sort=False)
    long["cum_investment"] = by_partner["investment"].cumsum()
    long["cum_margin"] = by_partner["margin"].cumsum()
    long["net"] = long["margin"] - long["investment"]
    return long[["partner_id", *SERIES_COLUMNS]]


def monthly_series(
    investments: pd.DataFrame, deals: pd.DataFrame, partner_id: str, as_of, credit_share: float
) -> pd.DataFrame:
    """:func:`monthly_series_all` for one partner (empty if it has no investment by ``as_of``).
    Columns: :data:`SERIES_COLUMNS`."""
    series = monthly_series_all(
        investments[investments["partner_id"] == partner_id],
        deals[deals["partner_id"] == partner_id],
        as_of,
        credit_share,
    )
    return series[SERIES_COLUMNS].reset_index(drop=True)


def payback(series: pd.DataFrame, a: PaybackAssumptions) -> dict:
    """Payback, ROI at 12/24/36 months and NPV of one partner's :func:`monthly_series`."""
    out = {
        "months_elapsed": len(series),
        "invested": np.nan,
        "margin": np.nan,
        "payback_month": np.nan,
        "payback_status": PaybackStatus.NO_INVESTMENT,
        "roi_12": np.nan,
        "roi_24": np.nan,
        "roi_36": np.nan,
        "roi_projected": False,
        "npv": np.nan,
        "trailing_net": np.nan,
    }
    if series.empty:
        return out
    out["invested"] = series["cum_investment"].iloc[-1]
    out["margin"] = series["cum_margin"].iloc[-1]
    covered = series[
        (series["cum_margin"] >= series["cum_investment"]) & (series["cum_investment"] > 0)
    ]
    tail = series.tail(a.window)
    avg_margin, avg_inv = tail["margin"].mean(), tail["investment"].mean()
    trailing = avg_margin - avg_inv
    out["trailing_net"] = trailing
    n = len(series)
    if len(covered):
        out["payback_month"] = int(covered["month"].iloc[0])
        out["payback_status"] = PaybackStatus.REACHED
    else:
        shortfall = series["cum_investment"].iloc[-1] - series["cum_margin"].iloc[-1]
        if trailing > 0 and math.ceil(shortfall / trailing) <= a.projection:
            out["payback_month"] = n + math.ceil(shortfall / trailing)
            out["payback_status"] = PaybackStatus.PROJECTED
        else:
            out["payback_status"] = PaybackStatus.NOT_IN_HORIZON
    months = max(a.horizon, 36)
    extra = max(0, months - n)
    margin = np.concatenate([series["margin"].to_numpy(), np.full(extra, avg_margin)])
    invest = np.concatenate([series["investment"].to_numpy(), np.full(extra, avg_inv)])
    cum_m, cum_i = np.cumsum(margin), np.cumsum(invest)
    for k in (12, 24, 36):
        out[f"roi_{k}"] = (cum_m[k - 1] - cum_i[k - 1]) / cum_i[k - 1] if cum_i[k - 1] else np.nan
    out["roi_projected"] = n < 36
    rate = (1 + a.discount_rate) ** (1 / 12) - 1
    net = (margin - invest)[: a.horizon]
    out["npv"] = float(np.sum(net / (1 + rate) ** np.arange(len(net))))
    return out


def investment_table(
    partners: pd.DataFrame,
    investments: pd.DataFrame,
    deals: pd.DataFrame,
    as_of,
    a: PaybackAssumptions,
) -> pd.DataFrame:
    """:func:`payback` for every active partner, plus name and first investment date.

    Investments and won deals are split by partner once, so the cost grows with the number of
    rows, not partners × rows.
    """
    rows = []
    active = partners[partners["status"] == "active"]
    series = monthly_series_all(investments, deals, as_of, a.credit_share)
    by_partner = {k: g for k, g in series.groupby("partner_id", sort=False)}
    no_series = pd.DataFrame(columns=SERIES_COLUMNS)
    first_dates = investments.groupby("partner_id")["date"].min()
    for p in active.itertuples():
        rows.append(
            {
                "partner_id": p.partner_id,
                "name": p.name,
                "type": p.type,
                "first_investment": first_dates.get(p.partner_id, pd.NaT),
                **payback(by_partner.get(p.partner_id, no_series), a),
            }
        )
    return pd.DataFrame(rows)


def documentation_completeness(table: pd.DataFrame, min_history: int = 3) -> dict:
    """Shares (0–1) of active partners with a recorded initial investment, a computable payback
    (reached or projected within the horizon) and an ROI projection (an investment and at
    least ``min_history`` months of history for the trailing average)."""
    n = len(table)
    if n == 0:
        return {
            "active_partners": 0,
            "investment_recorded": np.nan,
            "payback_known": np.nan,
            "roi_projection": np.nan,
            "all_three": np.nan,
        }
    inv = table["invested"].notna()
    pay = table["payback_status"].isin(PAYBACK_KNOWN)
    roi = inv & (table["months_elapsed"] >= min_history) & table["roi_36"].notna()
    return {
        "active_partners": n,
        "investment_recorded": inv.mean(),
        "payback_known": pay.mean(),
        "roi_projection": roi.mean(),
        "all_three": (inv & pay & roi).mean(),
        "none": (~inv & ~pay & ~roi).mean(),
    }


# --------------------------------------------------------------------------- report views


def investment_view(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Per-partner investment model, formatted; sorted by amount invested."""
    t = table.sort_values(["invested", "partner_id"], ascending=[False, True], na_position="last")
    out = pd.DataFrame(
        {
            "Partner": t["name"],
            "Type": t["type"],
            "First investment": t["first_investment"].map(
                lambda d: "—" if pd.isna(d) else d.date().isoformat()
            ),
            "Invested": format_frame(t, money=["invested"], currency=currency)["invested"],
            "Attributed margin": format_frame(t, money=["margin"], currency=currency)["margin"],
            "Payback": [
                ("—" if pd.isna(m) else f"month {int(m)}") + f" ({s})" if s in PAYBACK_KNOWN else s
                for m, s in zip(t["payback_month"], t["payback_status"], strict=True)
            ],
            **{f"ROI {k} m": t[f"roi_{k}"].map(fmt_percent) for k in (12, 24, 36)},
            "Projected": t["roi_projected"].map(lambda v: "yes" if v else ""),
            "NPV": format_frame(t, money=["npv"], currency=currency)["npv"],
        }
    )
    return out.reset_index(drop=True)


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
    """Monthly series and payback month of the ``top`` partners by amount invested, keyed by
    partner name, for :func:`playbook.charts.payback_curves`."""
    chosen = table.dropna(subset=["invested"]).nlargest(top, "invested")
    series = {
        r.name: monthly_series(investments, deals, r.partner_id, as_of, a.credit_share)
        for r in chosen.itertuples()
    }
    return series, dict(zip(chosen["name"], chosen["payback_month"], strict=True))
