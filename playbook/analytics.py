"""Trend 5 — analytics: the report's metric table, drilled from universe to area to manager.

Definitions (all money in the profile's currency, all over a reporting window ``[start, end]``,
both dates inclusive):

* **Program deal** – a deal with ``stage == "won"``, attribution ``sourced`` or ``influenced``
  (so it has a partner), and ``close_date`` inside the window. It belongs to the area and manager
  of its partner (``partners.area``, ``partners.manager_id``).
* **Revenue** – sum of ``amount`` of program deals (sourced and influenced in full).
* **Margin $** – sum of ``margin`` (gross margin: amount less cost of goods sold) of program deals.
* **Cost of sale** – sum of ``cost_of_sale`` of program deals (referral fees, discounts, pre-sales).
* **Contribution $** – margin less cost of sale.
* **Program expenses** – sum of ``financials.program_expenses`` for months inside the window.
  Area level: every row of the area; manager level: only rows carrying that ``manager_id``
  (area-wide costs are not spread over managers).
* **Partner investments** – sum of ``investments.amount`` dated inside the window, for partners in
  the group.
* **Expenses** – cost of sale + program expenses + partner investments.
* **Profit $** – contribution less program expenses and partner investments.
* **Units** – sum of ``units`` of program deals.
* **Headcount** – FTE (``staff.fte``, blank = 1) of program staff active on the window's last day
  (started on or before it, not ended before it). Area level: staff of the area; manager level:
  the manager's own FTE.
* **Active partners** – partners with ``status == "active"`` whose ``start_date`` is blank or on
  or before the window's last day.
* **Accounts receivable** – ``financials.accounts_receivable`` of the window's last month
  (missing when no row of that month records receivables).

Within a supplied table, a group with no rows has a total of zero (a manager without financial
rows has no program expenses of their own).

A metric whose denominator is zero or whose input table was not supplied is missing (shown "—"),
never zero.

The metric catalogue (labels, focus areas, definitions of the ratios) is in
:mod:`playbook.metrics`; the display tables are in :mod:`playbook.analytics_views`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import won_partner_deals
from playbook.exceptions import NotebookInputError
from playbook.formatting import fmt_money, fmt_ratio
from playbook.metrics import METRICS, TOTALS
from playbook.results import TrendResult
from playbook.schema import CERTIFICATION_SCORE


class Level(StrEnum):
    """Level of the drill-down: the whole program, an area, or a channel manager."""

    UNIVERSE = "universe"
    AREA = "area"
    MANAGER = "manager"


LEVELS = tuple(Level)


@dataclass(frozen=True)
class Inputs:
    """The tables analytics needs; ``None`` for an optional table the client did not supply."""

    partners: pd.DataFrame
    deals: pd.DataFrame
    staff: pd.DataFrame | None = None
    financials: pd.DataFrame | None = None
    investments: pd.DataFrame | None = None

    @classmethod
    def from_workspace(cls, ws) -> Inputs:
        """The tables of workspace ``ws``; optional tables it lacks are ``None``."""

        def opt(name):
            return ws.table(name) if ws.has(name) else None

        return cls(
            ws.table("partners"),
            ws.table("deals"),
            opt("staff"),
            opt("financials"),
            opt("investments"),
        )


def program_deals(deals: pd.DataFrame, partners: pd.DataFrame, start, end) -> pd.DataFrame:
    """Won partner deals closed in ``[start, end]`` (:func:`playbook.deals.won_partner_deals`),
    with the partner's area and manager."""
    return won_partner_deals(deals, start, end).merge(
        partners[["partner_id", "area", "manager_id"]], on="partner_id", how="left"
    )


def _group_key(frame: pd.DataFrame, level: str, manager_col: str = "manager_id") -> pd.Series:
    if level == Level.UNIVERSE:
        return pd.Series("All", index=frame.index, dtype="object")
    if level == Level.AREA:
        return frame["area"].astype("object")
    if level == Level.MANAGER:
        return frame[manager_col].astype("object")
    raise ValueError(f"level {level!r}: expected one of {tuple(map(str, LEVELS))}")


def _sum_by(
    frame: pd.DataFrame | None, level: str, column: str, manager_col: str = "manager_id"
) -> pd.Series | None:
    if frame is None:
        return None
    keys = _group_key(frame, level, manager_col)
    return frame[column].astype("float64").groupby(keys).sum(min_count=0)


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    den = den.astype("float64")
    return num.astype("float64") / den.where(den != 0)


def base_totals(inputs: Inputs, start, end, level: str) -> pd.DataFrame:
    """Totals per group at ``level`` (index = group key) over the window ``[start, end]``."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    partners = inputs.partners
    deals = program_deals(inputs.deals, partners, start, end)
    active = partners[
        (partners["status"] == "active")
        & (partners["start_date"].isna() | (partners["start_date"] <= end))
    ]
    groups = pd.Index(_group_key(active, level).dropna().unique())
    if level != Level.UNIVERSE:
        groups = groups.union(pd.Index(_group_key(deals, level).dropna().unique()))
    else:
        groups = pd.Index(["All"])
    out = pd.DataFrame(index=groups)
    for col in ("amount", "margin", "cost_of_sale", "units"):
        out[{"amount": "revenue"}.get(col, col)] = _sum_by(deals, level, col)
    out["deals"] = _group_key(deals, level).value_counts()
    out = out.fillna({"revenue": 0.0, "margin": 0.0, "cost_of_sale": 0.0, "units": 0.0, "deals": 0})
    out["contribution"] = out["margin"] - out["cost_of_sale"]

    fin = inputs.financials
    if fin is not None:
        months = fin["period"].dt.to_timestamp()
        in_window = fin[(months >= start.to_period("M").to_timestamp()) & (months <= end)]
        out["program_expenses"] = _sum_by(in_window, level, "program_expenses")
        out["program_expenses"] = out["program_expenses"].fillna(0.0)
        last = in_window[in_window["period"] == end.to_period("M")]
        out["accounts_receivable"] = _sum_by(last, level, "accounts_receivable")
        if last["accounts_receivable"].notna().sum() == 0:
            out["accounts_receivable"] = np.nan  # no receivables recorded for that month
        else:
            out["accounts_receivable"] = out["accounts_receivable"].fillna(0.0)
    else:
        out["program_expenses"] = np.nan
        out["accounts_receivable"] = np.nan

    inv = inputs.investments
    if inv is not None:
        inv = inv[inv["date"].between(start, end)].merge(
            partners[["partner_id", "area", "manager_id"]], on="partner_id", how="left"
        )
        out["investments"] = _sum_by(inv, level, "amount")
        out["investments"] = out["investments"].fillna(0.0)
    else:
        out["investments"] = np.nan
    out["profit"] = out["contribution"] - out["program_expenses"] - out["investments"]

    staff = inputs.staff
    if staff is not None:
        on_board = staff[
            (staff["start_date"].isna() | (staff["start_date"] <= end))
            & (staff["end_date"].isna() | (staff["end_date"] >= end))
        ].copy()
        on_board["fte"] = on_board["fte"].fillna(1.0)
        on_board["manager_id"] = on_board["staff_id"]
        out["headcount"] = _sum_by(on_board, level, "fte")
        out["headcount"] = out["headcount"].fillna(0.0)
    else:
        out["headcount"] = np.nan
    out["active_partners"] = _group_key(active, level).value_counts()
    out["active_partners"] = out["active_partners"].fillna(0)
    scores = active["certification_level"].map(CERTIFICATION_SCORE)
    out["certification_level"] = scores.groupby(_group_key(active, level)).mean()
    return out


def metrics_from_totals(t: pd.DataFrame) -> pd.DataFrame:
    """The report's metrics computed from :func:`base_totals` (same index)."""
    m = pd.DataFrame(index=t.index)
    m["revenue_per_person"] = _ratio(t["revenue"], t["headcount"])
    m["margin_per_person"] = _ratio(t["margin"], t["headcount"])
    m["contribution_per_person"] = _ratio(t["contribution"], t["headcount"])
    m["asp"] = _ratio(t["revenue"], t["units"])
    m["margin_per_unit"] = _ratio(t["margin"], t["units"])
    m["profit_per_unit"] = _ratio(t["profit"], t["units"])
    expenses = t["cost_of_sale"] + t["program_expenses"] + t["investments"]
    m["revenue_to_expenses"] = _ratio(t["revenue"], expenses)
    m["ar_to_revenue"] = _ratio(t["accounts_receivable"], t["revenue"])
    m["revenue_per_partner"] = _ratio(t["revenue"], t["active_partners"])
    m["margin_per_partner"] = _ratio(t["margin"], t["active_partners"])
    m["certification_level"] = t["certification_level"]
    return m


def drilldown(inputs: Inputs, start, end) -> pd.DataFrame:
    """Metrics and totals for every group of every level, one row each.

    Columns: ``level``, ``group`` (``All``, an area, or a manager's staff id), ``area``,
    ``label`` (display name), then the metric keys, then the totals.
    """
    staff = inputs.staff
    names = {} if staff is None else dict(zip(staff["staff_id"], staff["name"], strict=True))
    manager_area = (
        inputs.partners.dropna(subset=["manager_id"]).groupby("manager_id")["area"].first()
    )
    frames = []
    for level in LEVELS:
        totals = base_totals(inputs, start, end, level)
        table = pd.concat(
            [metrics_from_totals(totals), totals[[c for c in TOTALS if c in totals]]], axis=1
        )
        table.insert(0, "level", level)
        table.insert(1, "group", table.index.astype(str))
        if level == Level.UNIVERSE:
            table.insert(2, "area", "")
            table.insert(3, "label", "All partners")
        elif level == Level.AREA:
            table.insert(2, "area", table["group"])
            table.insert(3, "label", table["group"])
        else:
            table.insert(2, "area", table["group"].map(manager_area).fillna(""))
            table.insert(3, "label", [f"{names.get(g, g)} ({g})" for g in table["group"]])
        frames.append(table.reset_index(drop=True))
    return pd.concat(frames, ignore_index=True)


def trend(inputs: Inputs, as_of, freq: str = "Q", periods: int = 8) -> pd.DataFrame:
    """Universe metrics for each of the last ``periods`` calendar periods up to ``as_of``.

    ``freq`` is ``M``, ``Q`` or ``Y``. The last period may be partial (it ends at ``as_of``).
    Index: period label; columns: metric keys plus revenue, margin, deals.
    """
    if freq not in {"M", "Q", "Y"}:
        raise NotebookInputError(f"trend_freq {freq!r}: expected M, Q or Y")
    as_of = pd.Timestamp(as_of)
    last = as_of.to_period(freq)
    rows = {}
    for p in pd.period_range(end=last, periods=periods, freq=freq):
        start = p.start_time.normalize()
        end = min(p.end_time.normalize(), as_of)
        totals = base_totals(inputs, start, end, Level.UNIVERSE)
        row = pd.concat(
            [metrics_from_totals(totals), totals[["revenue", "margin", "deals"]]], axis=1
        ).iloc[0]
        rows[str(p)] = row
    return pd.DataFrame(rows).T


def partner_table(inputs: Inputs, start, end) -> pd.DataFrame:
    """Per active partner over the window: revenue, margin, won deals, share of program revenue.

    Sorted by revenue, highest first. ``share`` is the partner's revenue ÷ program revenue (0–1).
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    deals = program_deals(inputs.deals, inputs.partners, start, end)
    per = deals.groupby("partner_id").agg(
        revenue=("amount", "sum"), margin=("margin", "sum"), deals=("deal_id", "count")
    )
    partners = inputs.partners
    active = partners[
        (partners["status"] == "active")
        & (partners["start_date"].isna() | (partners["start_date"] <= end))
    ]
    out = active[["partner_id", "name", "type", "area", "certification_level"]].merge(
        per, left_on="partner_id", right_index=True, how="left"
    )
    out[["revenue", "margin", "deals"]] = out[["revenue", "margin", "deals"]].fillna(0)
    total = out["revenue"].sum()
    out["share"] = out["revenue"] / total if total else np.nan
    return out.sort_values(["revenue", "partner_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def summarise(
    *, table: pd.DataFrame, currency: str, start, end, partners: pd.DataFrame | None = None
) -> TrendResult:
    """What trend 5 concludes: findings, figures for ``results.json`` and the summary headline.

    ``table`` from :func:`drilldown` over the window ``[start, end]``; with ``partners``
    (:func:`partner_table`) the findings also name the top partner and the concentration.
    Money in ``currency``.
    """
    return TrendResult(
        findings=_findings(table, currency, partners),
        figures=_figures(table, start, end),
        headline=_headline(table, currency),
    )


def _findings(
    table: pd.DataFrame, currency: str, partners: pd.DataFrame | None = None
) -> list[str]:
    """Plain-language key findings from a :func:`drilldown` table (client text unescaped).

    With ``partners`` (:func:`partner_table`), also names the top partner and the concentration.
    """
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    areas = table[table["level"] == Level.AREA].dropna(subset=["revenue_per_person"])
    out = [
        f"Program revenue {fmt_money(uni['revenue'], currency)} from {int(uni['deals'])} won "
        f"partner deals; margin {fmt_money(uni['margin'], currency)}."
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
        top = partners.iloc[0]
        top5 = partners["share"].head(5).sum()
        idle = int((partners["deals"] == 0).sum())
        out.append(
            f"Top partner: {top['name']} with {fmt_money(top['revenue'], currency)} "
            f"({top['share']:.1%} of program revenue); the top five bring {top5:.1%}; "
            f"{idle} of {len(partners)} active partners won nothing in the window."
        )
    return out


def _headline(table: pd.DataFrame, currency: str) -> dict[str, str]:
    """Four display-ready figures for the run's summary page."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "Program revenue": fmt_money(uni["revenue"], currency),
        "Revenue / person": fmt_money(uni["revenue_per_person"], currency),
        "Revenue / expenses": fmt_ratio(uni["revenue_to_expenses"]),
        "Active partners": f"{int(uni['active_partners'])}",
    }


def _figures(table: pd.DataFrame, start, end) -> dict:
    """Machine-readable key figures for ``results.json``: window, totals and every metric."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "window_start": str(pd.Timestamp(start).date()),
        "window_end": str(pd.Timestamp(end).date()),
        **{k: uni[k] for k in list(TOTALS) + [m.key for m in METRICS]},
        "areas": int((table["level"] == Level.AREA).sum()),
        "managers": int((table["level"] == Level.MANAGER).sum()),
    }
