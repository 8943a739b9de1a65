"""Trend 1 — investment economics of a partner: monthly investment vs attributed margin,
payback, ROI and NPV, and how completely they are documented.

Definitions (money in the profile's currency)
---------------------------------------------
* **Period**: every figure here is **all time up to the as-of date** — each investment dated
  and each won deal closed on or before it, however long ago — not the reporting window of
  report 05. Anything dated after the as-of date does not exist yet and is ignored.
* **Attributed margin** of a won partner deal, in the month it closed: its ``margin`` in full
  when the partner sourced it, ``margin × credit_share`` when the partner influenced it
  (:func:`playbook.deals.attribution_credit`). The question here is what a partner's money
  earned back, and an influenced deal was only partly the partner's doing; revenue figures of
  the program (joint-solution revenue in 01, reports 04–07) count influenced deals in full,
  because they measure the business the program touched, not a return on one partner.
* **A blank is never a zero**: a won deal with a blank ``margin`` makes its partner's
  attributed margin unknown, so its margin, payback, ROI and NPV are missing (status
  ``cannot be computed``), with the reason — ``deals.margin not supplied`` when no deal in the
  table has a margin, else ``deals.margin blank on k of n won deals``. The margin is **not**
  summed over the deals that have one (that would understate ROI and NPV as if it were the
  whole). Likewise an investment without an amount makes ``invested`` and everything after it
  missing. A partner with an investment but **no won deal** has a true margin of 0.
* **Month numbers** count calendar months from the partner's first investment: the month of the
  first investment is month 1. Margin won before it counts in month 1 (the relationship
  pre-dated the money). The as-of month is month ``n`` (months of history).
* **Trailing means**: the mean monthly attributed margin and investment over the last
  ``window`` months up to the as-of month; a partner with fewer than ``window`` months is
  averaged over the months it has. **Trailing net** = trailing margin − trailing investment.
* **History needed for a projection**: ``min_history`` months. With fewer, nothing is projected:
  an unreached payback is ``too early to project`` and ROI or NPV that need months after the
  as-of month are missing.
* **Payback month**: the first month number whose cumulative attributed margin is at least the
  cumulative investment (``reached``). When not reached by the as-of month, the **projected
  payback** is ``n + ceil(shortfall ÷ trailing net)``; with a trailing net ≤ 0, or more than
  ``projection`` months needed beyond the as-of month, payback is ``not in horizon``. The
  **median payback** of a portfolio is taken over the partners that *reached* payback only
  (projected months are estimates, not outcomes) and printed as it is: ``8.5`` stays ``8.5``.
* **ROI at k months** (k in :data:`ROI_MONTHS`): ``(cumulative margin − cumulative investment) ÷
  cumulative investment`` at month k. Months after the as-of month are projected by repeating
  the trailing mean monthly margin and investment; such values are flagged ``projected``.
* **NPV** over ``horizon`` months at annual rate r: ``Σₜ netₜ ÷ (1+m)ᵗ`` for t = 0 … horizon−1,
  where netₜ is month t+1's margin − investment (actual, then projected) and
  ``m = (1+r)^(1/12) − 1``. Month 1 is **not discounted** (t = 0): a partner's NPV is valued at
  the start of its own first-investment month. Months past the horizon are left out even when
  they are history.
* **Portfolio NPV**: the **sum of the per-partner NPVs**, each over the ``horizon`` months from
  that partner's own first investment and discounted to that month — so the windows start in
  different years and the sum is not a value at one common date; it is reported with that
  wording and with the number of partners it covers (partners without an NPV are left out and
  counted, never added as 0).
* **Documentation completeness**: shares (0–1) of active partners with an investment amount
  recorded, a payback known (reached or projected) and an ROI at 36 months computable.

Where the constants come from
-----------------------------
The seed report (``partner-ecosystem-trends-report.txt``, trend 1) names the three things to
document — initial investment, time to recoup it and an ROI projection over time — and finds
that over half of the vendors have not documented all three. It gives **no number** for any model
constant: the credit share, the trailing window, the history needed, the horizon, the
projection limit, the discount rate (:class:`PaybackAssumptions`, notebook parameters of 01)
and the ROI months (:data:`ROI_MONTHS`) are playbook defaults.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import active_at, attribution_credit, won_partner_deals
from playbook.formatting import fmt_int
from playbook.labels import plural


class PaybackStatus(StrEnum):
    """Where a partner's payback stands (see module docstring)."""

    REACHED = "reached"
    PROJECTED = "projected"
    NOT_IN_HORIZON = "not in horizon"
    TOO_EARLY = "too early to project"
    NO_INVESTMENT = "no investment recorded"
    NOT_COMPUTABLE = "cannot be computed"  # an input is blank: see the partner's reason


class Missing(StrEnum):
    """Why a partner's figures are missing (the kinds behind its ``reason`` text)."""

    MARGIN_NOT_SUPPLIED = "deals.margin not supplied"
    MARGIN_BLANK = "won deals without a margin (deals.margin)"
    AMOUNT_BLANK = "investments without an amount (investments.amount)"
    SHORT_HISTORY = "too little history to project"


#: Statuses whose payback month is known (reached, or projected within the horizon).
PAYBACK_KNOWN = (PaybackStatus.REACHED, PaybackStatus.PROJECTED)

#: Months after the first investment at which ROI is reported (playbook default).
ROI_MONTHS = (12, 24, 36)


def payback_text(month, status, projection: int) -> str:
    """A partner's payback in plain words, as report 01 and the partner 360 write it: "Month 14"
    (reached), "Projected month 30", "Not within the next 24 months" (``projection`` months:
    not in horizon), "Too early to project", "No investment recorded", "Cannot be computed"."""
    if status == PaybackStatus.REACHED:
        return f"Month {int(month)}"
    if status == PaybackStatus.PROJECTED:
        return f"Projected month {int(month)}"
    if status == PaybackStatus.NOT_IN_HORIZON:
        return f"Not within the next {projection} months"
    return str(status)[:1].upper() + str(status)[1:]


def period_label(as_of) -> str:
    """How the period of 01's figures is written: ``all time up to YYYY-MM-DD``."""
    return f"all time up to {pd.Timestamp(as_of).date().isoformat()}"


# --------------------------------------------------------------------------- payback and ROI


@dataclass(frozen=True)
class PaybackAssumptions:
    """Notebook parameters of the investment model (playbook defaults, none from the report)."""

    credit_share: float = 0.5  # share of an influenced deal's margin credited to the partner
    window: int = 6  # months in the trailing average used for projections
    horizon: int = 36  # months from the first investment covered by NPV
    projection: int = 24  # months beyond the as-of month a payback may be projected
    discount_rate: float = 0.10  # annual discount rate for NPV
    min_history: int = 3  # months since the first investment needed before projecting


SERIES_COLUMNS = [
    "month",
    "period",
    "investment",
    "margin",
    "cum_investment",
    "cum_margin",
    "net",
    "investments",
    "investments_without_amount",
    "won_deals",
    "deals_without_margin",
]


def _floats(values: pd.Series) -> np.ndarray:
    """Money cells as floats, a blank (``None``, ``pd.NA``, ``NaN``) as NaN — never as 0. A
    column the export lacks arrives as all blanks of object dtype."""
    return values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _counts(frame: pd.DataFrame, blank: str, name: str) -> pd.DataFrame:
    """Rows and rows with a blank ``blank`` column per partner and month."""
    g = frame.assign(_blank=frame[blank].isna()).groupby(["partner_id", "period"])
    return pd.DataFrame({name: g.size(), f"{name}_blank": g["_blank"].sum()})


def monthly_series_all(
    investments: pd.DataFrame, deals: pd.DataFrame, as_of, credit_share: float
) -> pd.DataFrame:
    """Month-by-month investment and attributed margin of every partner with an investment.

    One row per partner and month, from the month of the partner's first investment (``month``
    1) to the as-of month. ``investment`` is the sum of its investment amounts dated in that
    month; ``margin`` the attributed margin of its won deals closed that month (sourced in full,
    influenced times ``credit_share``); margin earned before the first investment counts in
    month 1. Blank amounts and margins are left out of these sums and **counted** instead:
    ``investments`` / ``investments_without_amount`` and ``won_deals`` /
    ``deals_without_margin`` per month, so :func:`payback` can refuse to treat them as 0.
    ``cum_*`` are running totals per partner and ``net`` = margin − investment. Only rows dated
    on or before ``as_of`` count. Columns: ``partner_id`` plus :data:`SERIES_COLUMNS`.
    """
    as_of = pd.Timestamp(as_of)
    end = as_of.to_period("M")
    inv = investments.loc[investments["date"] <= as_of, ["partner_id", "date", "amount"]]
    inv = inv.assign(period=inv["date"].dt.to_period("M"), amount=_floats(inv["amount"]))
    first = inv.groupby("partner_id")["period"].min()
    if first.empty:
        return pd.DataFrame(columns=["partner_id", *SERIES_COLUMNS])
    ordinals = first.array.asi8  # months as integers: one row per partner and month at once
    lengths = (end.ordinal - ordinals + 1).astype(int)
    steps = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    long = pd.DataFrame(
        {"partner_id": np.repeat(first.index.to_numpy(), lengths), "month": steps + 1}
    )
    long["period"] = pd.PeriodIndex.from_ordinals(
        np.repeat(ordinals, lengths) + steps, freq=first.dtype.freq
    )
    won = won_partner_deals(deals, end=as_of)
    won = won.loc[
        won["partner_id"].isin(first.index), ["partner_id", "attribution", "margin", "close_date"]
    ]
    won = won.assign(
        period=won["close_date"].dt.to_period("M"),
        credited=_floats(won["margin"]) * attribution_credit(won, credit_share).to_numpy(),
    )
    # Margin before the first investment is moved into month 1 (months compared as integers:
    # np.maximum over Period objects compares them one by one in Python).
    moved = np.maximum(won["period"].array.asi8, won["partner_id"].map(first).array.asi8)
    won["period"] = pd.PeriodIndex.from_ordinals(moved, freq=first.dtype.freq)
    invest = inv.groupby(["partner_id", "period"])["amount"].sum().rename("investment")
    margin = won.groupby(["partner_id", "period"])["credited"].sum().rename("margin")
    long = (
        long.join(invest, on=["partner_id", "period"])
        .join(margin, on=["partner_id", "period"])
        .join(_counts(inv, "amount", "investments"), on=["partner_id", "period"])
        .join(_counts(won, "credited", "won_deals"), on=["partner_id", "period"])
        .rename(
            columns={
                "investments_blank": "investments_without_amount",
                "won_deals_blank": "deals_without_margin",
            }
        )
    )
    long[["investment", "margin"]] = long[["investment", "margin"]].fillna(0.0).astype(float)
    counts = ["investments", "investments_without_amount", "won_deals", "deals_without_margin"]
    long[counts] = long[counts].fillna(0).astype(int)  # no row that month: a true count of 0
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


def missing_inputs(series: pd.DataFrame, margin_supplied: bool = True) -> dict[Missing, str]:
    """Why a partner's figures cannot be computed from its :func:`monthly_series`: each kind
    of blank input with its reason text (empty when nothing is blank) — investments without an
    amount, won deals without a margin. ``margin_supplied=False`` (no deal of the workspace has
    a margin) makes the second :attr:`Missing.MARGIN_NOT_SUPPLIED`."""
    out = {}
    inv_blank = int(series["investments_without_amount"].sum())
    if inv_blank:
        out[Missing.AMOUNT_BLANK] = (
            f"investments.amount blank on {fmt_int(inv_blank)} of "
            f"{fmt_int(series['investments'].sum())} investments"
        )
    blank = int(series["deals_without_margin"].sum())
    if blank and not margin_supplied:
        out[Missing.MARGIN_NOT_SUPPLIED] = str(Missing.MARGIN_NOT_SUPPLIED)
    elif blank:
        out[Missing.MARGIN_BLANK] = (
            f"deals.margin blank on {fmt_int(blank)} of {fmt_int(series['won_deals'].sum())} "
            "won deals"
        )
    return out


def _blank_result(months: int) -> dict:
    """:func:`payback`'s result with every figure missing."""
    return {
        "months_elapsed": months,
        "invested": np.nan,
        "margin": np.nan,
        "payback_month": np.nan,
        "payback_status": PaybackStatus.NO_INVESTMENT,
        **{f"roi_{k}": np.nan for k in ROI_MONTHS},
        "roi_projected": False,
        "npv": np.nan,
        "npv_projected": False,
        "trailing_net": np.nan,
        "reason": "",
        "missing": (),
    }


def _payback_month(series: dict, a: PaybackAssumptions, trailing: float) -> dict:
    """Payback month and status of a series (columns as arrays) whose inputs are all known."""
    cum_m, cum_i = series["cum_margin"], series["cum_investment"]
    covered = np.flatnonzero((cum_m >= cum_i) & (cum_i > 0))
    if len(covered):
        return {
            "payback_month": int(series["month"][covered[0]]),
            "payback_status": PaybackStatus.REACHED,
        }
    n = len(cum_i)
    if n < a.min_history:
        return {"payback_status": PaybackStatus.TOO_EARLY}
    shortfall = cum_i[-1] - cum_m[-1]
    if trailing > 0 and math.ceil(shortfall / trailing) <= a.projection:
        return {
            "payback_month": n + math.ceil(shortfall / trailing),
            "payback_status": PaybackStatus.PROJECTED,
        }
    return {"payback_status": PaybackStatus.NOT_IN_HORIZON}


def _trailing(values: np.ndarray, window: int) -> float:
    """Mean of the last ``window`` values (all of them when fewer)."""
    return values[-window:].mean() if window > 0 else np.float64(np.nan)


def _roi_and_npv(series: dict, a: PaybackAssumptions) -> dict:
    """ROI at :data:`ROI_MONTHS` and NPV; months after the as-of month are the trailing means
    when the history allows a projection, else missing (so are the figures needing them)."""
    n = len(series["margin"])
    fill_m, fill_i = (
        (_trailing(series["margin"], a.window), _trailing(series["investment"], a.window))
        if n >= a.min_history
        else (np.nan,) * 2
    )
    extra = max(0, a.horizon - n, max(ROI_MONTHS) - n)
    margin = np.concatenate([series["margin"].astype(float), np.full(extra, fill_m)])
    invest = np.concatenate([series["investment"].astype(float), np.full(extra, fill_i)])
    cum_m, cum_i = np.cumsum(margin), np.cumsum(invest)
    out = {
        f"roi_{k}": (cum_m[k - 1] - cum_i[k - 1]) / cum_i[k - 1] if cum_i[k - 1] else np.nan
        for k in ROI_MONTHS
    }
    rate = (1 + a.discount_rate) ** (1 / 12) - 1
    net = (margin - invest)[: a.horizon]
    return out | {
        "roi_projected": n < max(ROI_MONTHS),
        "npv": float(np.sum(net / (1 + rate) ** np.arange(len(net)))),
        "npv_projected": n < a.horizon,
    }


def payback(series: pd.DataFrame, a: PaybackAssumptions, margin_supplied: bool = True) -> dict:
    """Payback, ROI at :data:`ROI_MONTHS` and NPV of one partner's :func:`monthly_series`.

    Keys: ``months_elapsed`` (months of history), ``invested`` and ``margin`` (totals up to the
    as-of date), ``payback_month``, ``payback_status`` (:class:`PaybackStatus`), ``roi_<k>``,
    ``roi_projected``, ``npv``, ``npv_projected``, ``trailing_net``, ``reason`` (why a figure
    is missing, "" otherwise) and ``missing`` (the :class:`Missing` kinds behind it). A blank
    input makes every figure it feeds missing (see the module docstring); ``margin_supplied``
    is passed to :func:`missing_inputs`.
    """
    return _payback({c: series[c].to_numpy() for c in _PAYBACK_INPUTS}, a, margin_supplied)


#: The series columns :func:`payback` reads.
_PAYBACK_INPUTS = (
    "month",
    "investment",
    "margin",
    "cum_investment",
    "cum_margin",
    "investments",
    "investments_without_amount",
    "won_deals",
    "deals_without_margin",
)


def _payback(series: dict, a: PaybackAssumptions, margin_supplied: bool) -> dict:
    """:func:`payback` of a series given as one array per column (:data:`_PAYBACK_INPUTS`)."""
    n = len(series["month"])
    out = _blank_result(n)
    if n == 0:
        return out
    missing = missing_inputs(series, margin_supplied)
    if not series["investments_without_amount"].any():
        out["invested"] = float(series["cum_investment"][-1])
    if not series["deals_without_margin"].any():
        out["margin"] = float(series["cum_margin"][-1])
    if missing:
        return out | {
            "payback_status": PaybackStatus.NOT_COMPUTABLE,
            "reason": "; ".join(missing.values()),
            "missing": tuple(missing),
        }
    out["trailing_net"] = _trailing(series["margin"], a.window) - _trailing(
        series["investment"], a.window
    )
    out |= _payback_month(series, a, out["trailing_net"])
    out |= _roi_and_npv(series, a)
    if n < a.min_history:
        out["reason"] = (
            f"{plural(n, 'month')} since the first investment; a projection needs {a.min_history}"
        )
        out["missing"] = (Missing.SHORT_HISTORY,)
    return out


def investment_table(
    partners: pd.DataFrame,
    investments: pd.DataFrame,
    deals: pd.DataFrame,
    as_of,
    a: PaybackAssumptions,
) -> pd.DataFrame:
    """:func:`payback` for every active partner, plus name and first investment date (on or
    before ``as_of``); no rows, with the same columns, when no partner is active then.

    Investments and won deals are split by partner once into one numpy array per column, so
    the cost grows with the number of rows, not partners × rows, and a partner's figures are
    array arithmetic (no frame per partner). When no deal in ``deals`` has a margin, a
    partner's reason is :attr:`Missing.MARGIN_NOT_SUPPLIED`.
    """
    rows = []
    active = partners.loc[active_at(partners, as_of), ["partner_id", "name", "type"]]
    series = monthly_series_all(investments, deals, as_of, a.credit_share)
    columns = {c: series[c].to_numpy() for c in _PAYBACK_INPUTS}
    where = series.groupby("partner_id", sort=False).indices if len(series) else {}
    none = np.array([], dtype=int)
    supplied = bool(deals["margin"].notna().any())
    dated = investments[investments["date"] <= pd.Timestamp(as_of)]
    first_dates = dated.groupby("partner_id")["date"].min()
    firsts = (  # Series.map with an empty datetime Series fails in pandas (cast to float)
        active["partner_id"].map(first_dates)
        if len(first_dates)
        else pd.Series(pd.NaT, index=active.index, dtype=first_dates.dtype)
    )
    for pid, name, kind, first in zip(
        active["partner_id"], active["name"], active["type"], firsts, strict=True
    ):
        at = where.get(pid, none)
        rows.append(
            {
                "partner_id": pid,
                "name": name,
                "type": kind,
                "first_investment": first,
                **_payback({c: v[at] for c, v in columns.items()}, a, supplied),
            }
        )
    no_series = pd.DataFrame(columns=SERIES_COLUMNS)
    blank = payback(no_series, a, supplied)  # the columns (and number types) of a row
    columns = ["partner_id", "name", "type", "first_investment", *blank]
    numbers = {k: "float64" for k, v in blank.items() if isinstance(v, float)}
    return (
        pd.DataFrame(rows, columns=columns)
        if rows
        else pd.DataFrame(columns=columns).astype(numbers)
    )


def documentation_completeness(table: pd.DataFrame) -> dict:
    """Shares (0–1) of the active partners in ``table`` (:func:`investment_table`) with an
    investment amount recorded, a payback known (reached or projected within the horizon)
    and an ROI projection (ROI at 36 months computable: an amount, margins and at least
    ``min_history`` months of history); ``all_three`` and ``none`` combine them. Every share
    has the active partners as its denominator."""
    n = len(table)
    if n == 0:
        return {
            "active_partners": 0,
            "investment_recorded": np.nan,
            "payback_known": np.nan,
            "roi_projection": np.nan,
            "all_three": np.nan,
            "none": np.nan,
        }
    inv = table["invested"].notna()
    pay = table["payback_status"].isin(PAYBACK_KNOWN)
    roi = inv & table[f"roi_{max(ROI_MONTHS)}"].notna()
    return {
        "active_partners": n,
        "investment_recorded": inv.mean(),
        "payback_known": pay.mean(),
        "roi_projection": roi.mean(),
        "all_three": (inv & pay & roi).mean(),
        "none": (~inv & ~pay & ~roi).mean(),
    }
