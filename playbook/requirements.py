"""Trend 1 — partner requirements, investment, payback and ROI, joint solutions.

Definitions
-----------
* **Fit score** (0–100) of a partner or candidate: ``100 × Σ wᵢ·sᵢ/5 ÷ Σ wᵢ`` over the profile's
  requirement criteria *that were scored* (``requirement_scores``, sᵢ on 0–5, wᵢ the criterion
  weight). Unscored criteria are left out of both sums and listed, never counted as 0.
* **Must-have check**: ``pass`` when every must-have criterion scores at least its ``min_score``;
  ``fail`` when any scores below; ``incomplete`` when none fails but one is unscored.
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
from playbook.formatting import fmt_money, fmt_percent, format_frame
from playbook.profile import Criterion
from playbook.results import TrendResult


class MustHave(StrEnum):
    """Must-have check of a partner (see module docstring)."""

    PASS = "pass"
    FAIL = "fail"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "n/a"  # the profile names no must-have criterion


class PaybackStatus(StrEnum):
    """Where a partner's payback stands (see module docstring)."""

    REACHED = "reached"
    PROJECTED = "projected"
    NOT_IN_HORIZON = "not in horizon"
    NO_INVESTMENT = "no investment recorded"


#: Statuses whose payback month is known (reached, or projected within the horizon).
PAYBACK_KNOWN = (PaybackStatus.REACHED, PaybackStatus.PROJECTED)


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


def summarise(
    *,
    fit: pd.DataFrame | None,
    table: pd.DataFrame | None,
    doc: dict,
    split: pd.DataFrame | None,
    currency: str,
) -> TrendResult:
    """What trend 1 concludes: findings, figures for ``results.json`` and the summary headline.

    ``fit`` from :func:`fit_scores`, ``table`` from :func:`investment_table`, ``doc`` from
    :func:`documentation_completeness` (``{"active_partners": 0}`` without investments), ``split``
    the second result of :func:`joint_solutions`; ``None`` for a part not computed. Money in
    ``currency``.
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
