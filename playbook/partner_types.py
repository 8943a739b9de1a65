"""Trend 6 — partner types, quick wins, with/without partner, partnership health.

Definitions (window ``[start, end]`` inclusive; "partner deal" = attribution sourced/influenced)
----------------------------------------------------------------------------------------------
* **Sourced revenue** (the report's "direct" partner revenue): amount of won partner-sourced deals
  closed in the window. **Influenced revenue**: the same for partner-influenced deals.
* **Qualified leads**: partner deals created in the window that moved past ``lead`` (stage
  qualified, proposal, won or lost). **Sourced leads**: partner-sourced deals created in the
  window; for integrators these are the report's *leads from SIs*.
* **Projects**: won partner deals closed in the window flagged ``is_project``.
* **Cost of sale**: sum of ``cost_of_sale`` of won partner deals closed in the window, and that
  sum ÷ their revenue.
* **Deal velocity**: median days from ``created_date`` to ``close_date`` of won deals closed in
  the window. **Pipeline velocity** (currency per day) = open deals at the window end × win rate ×
  average won deal size ÷ mean cycle days of won deals; *win rate* = won ÷ (won + lost) of deals
  closed in the window.
* **Joint marketing**: partner deals created in the window flagged ``joint_marketing``, and the
  revenue of those won in the window.
* **Time to first win**: days from a partner's ``start_date`` to the ``close_date`` of its first
  won deal. The share *within N days* counts active partners that started at least N days before
  the as-of date (the others have not had N days yet).
* **With vs without partner**: closed deals (won or lost) in the window, partner deals vs direct
  deals; each comparison is shown only when both sides have at least ``min_deals`` closed deals.
* **Health score** (0–100): mean over the seven principles of the latest assessment, scores
  0–5 divided by 5 and yes/no as 1/0, × 100. **Risk flags** name the causes the report gives for
  relationships going south (lack of trust, of team skill, of clear agreement on objectives, of
  alignment) plus missing open communication and legal documentation: a score at or below
  ``risk_at`` or a "no". A missing beta program lowers the score but is not a risk flag (the
  report advises a beta "when possible").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.deals import (
    Attribution,
    Stage,
    closed_between,
    cycle_days,
    is_closed,
    is_direct_deal,
    is_partner_deal,
    is_won,
    open_at,
    won_partner_deals,
)
from playbook.formatting import fmt_int, fmt_money, fmt_percent
from playbook.results import TrendResult
from playbook.schema import PARTNER_TYPES


def _typed_deals(deals: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    return deals.merge(partners[["partner_id", "type"]], on="partner_id", how="left")


def type_table(partners: pd.DataFrame, deals: pd.DataFrame, start, end) -> pd.DataFrame:
    """The report's tracking list per partner type (index = type, see module docstring)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    d = _typed_deals(deals[is_partner_deal(deals)], partners)
    created = d[d["created_date"].between(start, end)]
    closed = d[closed_between(d, start, end)]
    won = closed[is_won(closed)]
    lost = closed[closed["stage"] == Stage.LOST]
    open_end = open_at(d, end)
    active = partners[partners["status"] == "active"]
    out = pd.DataFrame(index=pd.Index(PARTNER_TYPES, name="type"))
    out["partners"] = active["type"].value_counts()
    out["sourced_revenue"] = (
        won[won["attribution"] == Attribution.SOURCED].groupby("type")["amount"].sum()
    )
    out["influenced_revenue"] = (
        won[won["attribution"] == Attribution.INFLUENCED].groupby("type")["amount"].sum()
    )
    out["qualified_leads"] = created[created["stage"] != Stage.LEAD].groupby("type").size()
    out["sourced_leads"] = (
        created[created["attribution"] == Attribution.SOURCED].groupby("type").size()
    )
    out["projects"] = won[won["is_project"].fillna(False).astype(bool)].groupby("type").size()
    out["cost_of_sale"] = won.groupby("type")["cost_of_sale"].sum()
    out["won_deals"] = won.groupby("type").size()
    out["lost_deals"] = lost.groupby("type").size()
    out["open_deals"] = open_end.groupby("type").size()
    cycle = cycle_days(won)
    out["median_cycle_days"] = cycle.groupby(won["type"]).median()
    out["mean_cycle_days"] = cycle.groupby(won["type"]).mean()
    out["avg_deal"] = won.groupby("type")["amount"].mean()
    jm = created[created["joint_marketing"].fillna(False).astype(bool)]
    out["joint_marketing_deals"] = jm.groupby("type").size()
    out["joint_marketing_revenue"] = (
        won[won["joint_marketing"].fillna(False).astype(bool)].groupby("type")["amount"].sum()
    )
    counts = [
        "partners",
        "sourced_revenue",
        "influenced_revenue",
        "qualified_leads",
        "sourced_leads",
        "projects",
        "cost_of_sale",
        "won_deals",
        "lost_deals",
        "open_deals",
        "joint_marketing_deals",
        "joint_marketing_revenue",
    ]
    out[counts] = out[counts].fillna(0)
    revenue = out["sourced_revenue"] + out["influenced_revenue"]
    out["cost_of_sale_share"] = out["cost_of_sale"] / revenue.where(revenue > 0)
    closed_n = out["won_deals"] + out["lost_deals"]
    out["win_rate"] = out["won_deals"] / closed_n.where(closed_n > 0)
    out["pipeline_velocity"] = (
        out["open_deals"]
        * out["win_rate"]
        * out["avg_deal"]
        / out["mean_cycle_days"].where(out["mean_cycle_days"] > 0)
    )
    return out


def quick_wins(
    partners: pd.DataFrame, deals: pd.DataFrame, as_of, within_days: int = 90
) -> tuple[pd.DataFrame, dict]:
    """Days to first won deal per active partner with a start date, and the share within N days.

    Partners without a win yet show ``days_since_start`` and ``days_to_first_win`` missing.
    """
    as_of = pd.Timestamp(as_of)
    active = partners[
        (partners["status"] == "active")
        & partners["start_date"].notna()
        & (partners["start_date"] <= as_of)
    ]
    won = won_partner_deals(deals, end=as_of)
    first = won.groupby("partner_id")["close_date"].min()
    t = active[["partner_id", "name", "type", "start_date"]].copy()
    t["first_win"] = t["partner_id"].map(first)
    t["days_to_first_win"] = (t["first_win"] - t["start_date"]).dt.days
    t["days_since_start"] = (as_of - t["start_date"]).dt.days
    eligible = t[t["days_since_start"] >= within_days]
    hit = eligible["days_to_first_win"].notna() & (eligible["days_to_first_win"] <= within_days)
    summary = {
        "eligible": len(eligible),
        "within": int(hit.sum()),
        "share": float(hit.mean()) if len(eligible) else np.nan,
        "median_days": float(t["days_to_first_win"].median())
        if t["days_to_first_win"].notna().any()
        else np.nan,
        "no_win_yet": int(t["first_win"].isna().sum()),
    }
    t["sort_key"] = t["days_to_first_win"].fillna(t["days_since_start"] + 1e6)
    t = t.sort_values("sort_key", ascending=False).drop(columns="sort_key")
    return t.reset_index(drop=True), summary


def with_without(deals: pd.DataFrame, start, end, min_deals: int = 10) -> pd.DataFrame:
    """Win rate, average won deal size and median cycle days, partner deals vs direct deals.

    Columns ``with_partner`` and ``without_partner``; when either side has fewer than
    ``min_deals`` closed deals every value is missing and ``note`` says "too few deals".
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    closed = deals[closed_between(deals, start, end) & is_closed(deals)]
    sides = {
        "with_partner": closed[is_partner_deal(closed)],
        "without_partner": closed[is_direct_deal(closed)],
    }
    rows = {}
    for name, d in sides.items():
        won = d[is_won(d)]
        rows[name] = {
            "closed_deals": len(d),
            "win_rate": len(won) / len(d) if len(d) else np.nan,
            "avg_deal": won["amount"].mean(),
            "median_cycle_days": cycle_days(won).median(),
        }
    out = pd.DataFrame(rows).astype(object)
    enough = min(out.loc["closed_deals"]) >= min_deals
    if not enough:
        out.loc[["win_rate", "avg_deal", "median_cycle_days"]] = np.nan
    out.loc["note"] = "" if enough else f"too few deals (fewer than {min_deals} on a side)"
    return out


HEALTH_SCORES = ("open_communication", "trust", "goals_agreed", "team_skill", "alignment")
HEALTH_FLAGS = ("legal_documentation", "beta_program")
RISKS = {
    "trust": "lack of trust",
    "team_skill": "lack of team skill",
    "goals_agreed": "no clear agreement on objectives",
    "alignment": "lack of alignment",
    "open_communication": "no open communication",
}


def health(assessments: pd.DataFrame, partners: pd.DataFrame, risk_at: float = 2) -> pd.DataFrame:
    """Latest assessment per partner with its health score 0–100 and named risk flags."""
    latest = assessments.sort_values("assessed_date").groupby("partner_id").tail(1)
    parts = [latest[list(HEALTH_SCORES)] / 5] + [latest[list(HEALTH_FLAGS)].astype("float64")]
    normalised = pd.concat(parts, axis=1)
    out = latest[["partner_id", "assessed_date", *HEALTH_SCORES, *HEALTH_FLAGS]].copy()
    out["score"] = normalised.mean(axis=1) * 100

    def flags(r):
        found = [label for col, label in RISKS.items() if pd.notna(r[col]) and r[col] <= risk_at]
        if pd.notna(r["legal_documentation"]) and not bool(r["legal_documentation"]):
            found.append("no legal documentation (IP at risk)")
        return "; ".join(found)

    out["risks"] = out.apply(flags, axis=1)
    out = out.merge(partners[["partner_id", "name", "type"]], on="partner_id", how="left")
    return out.sort_values("score").reset_index(drop=True)


# --------------------------------------------------------------------------- report views


def type_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The report's tracking list per partner type (:func:`type_table`), formatted."""
    return pd.DataFrame(
        {
            "Partner type": t.index,
            "Active partners": t["partners"].map(fmt_int),
            "Revenue sourced (direct)": t["sourced_revenue"].map(lambda v: fmt_money(v, currency)),
            "Revenue influenced": t["influenced_revenue"].map(lambda v: fmt_money(v, currency)),
            "Qualified leads": t["qualified_leads"].map(fmt_int),
            "Sourced leads": t["sourced_leads"].map(fmt_int),
            "Projects": t["projects"].map(fmt_int),
            "Cost of sale": t["cost_of_sale"].map(lambda v: fmt_money(v, currency)),
            "Cost of sale % of revenue": t["cost_of_sale_share"].map(fmt_percent),
            "Deal velocity (median days)": t["median_cycle_days"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.0f}"
            ),
            "Pipeline velocity / day": t["pipeline_velocity"].map(lambda v: fmt_money(v, currency)),
            "Joint marketing deals": t["joint_marketing_deals"].map(fmt_int),
            "Joint marketing revenue": t["joint_marketing_revenue"].map(
                lambda v: fmt_money(v, currency)
            ),
        }
    ).reset_index(drop=True)


def quick_view(t: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The slowest partners: no win yet first (longest since start), then slowest wins."""
    slow = t.head(top)
    return pd.DataFrame(
        {
            "Partner": slow["name"],
            "Type": slow["type"],
            "Started": slow["start_date"].dt.date.astype(str),
            "Days to first win": slow["days_to_first_win"].map(
                lambda v: "no win yet" if pd.isna(v) else f"{v:.0f}"
            ),
            "Days since start": slow["days_since_start"].map(fmt_int),
        }
    ).reset_index(drop=True)


def with_without_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """With vs without a partner (:func:`with_without`), formatted."""

    def fmt(row, v):
        if isinstance(v, str):
            return v
        if pd.isna(v):
            return "too few deals" if t.loc["note", "with_partner"] else "—"
        return {
            "closed_deals": fmt_int,
            "win_rate": fmt_percent,
            "median_cycle_days": lambda x: f"{x:.0f}",
            "avg_deal": lambda x: fmt_money(x, currency),
        }[row](v)

    rows = ["closed_deals", "win_rate", "avg_deal", "median_cycle_days"]
    labels = ["Closed deals", "Win rate", "Average won deal", "Median cycle (days)"]
    return pd.DataFrame(
        {
            "Measure": labels,
            "With a partner": [fmt(r, t.loc[r, "with_partner"]) for r in rows],
            "Without a partner": [fmt(r, t.loc[r, "without_partner"]) for r in rows],
        }
    )


def health_view(h: pd.DataFrame) -> pd.DataFrame:
    """Latest health assessment per partner (:func:`health`), formatted."""
    out = pd.DataFrame(
        {
            "Partner": h["name"],
            "Assessed": h["assessed_date"].dt.date.astype(str),
            "Health score": h["score"].map(lambda v: f"{v:.0f}"),
            **{
                c.replace("_", " ").capitalize(): h[c].map(
                    lambda v: "—" if pd.isna(v) else f"{v:g}"
                )
                for c in HEALTH_SCORES
            },
            **{
                c.replace("_", " ").capitalize(): h[c].map(
                    lambda v: "—" if pd.isna(v) else ("yes" if v else "no")
                )
                for c in HEALTH_FLAGS
            },
            "Risk flags": h["risks"].replace("", "none"),
        }
    )
    return out.reset_index(drop=True)


def summarise(
    *,
    t: pd.DataFrame,
    quick: dict | None,
    ww: pd.DataFrame,
    h: pd.DataFrame | None,
    within_days: int,
    currency: str,
) -> TrendResult:
    """What trend 6 concludes: findings, figures for ``results.json`` and the summary headline.

    ``t`` from :func:`type_table`, ``quick`` the summary of :func:`quick_wins` (first-win window
    ``within_days``), ``ww`` from :func:`with_without`, ``h`` from :func:`health` (``None``
    without assessments). Money in ``currency``.
    """
    return TrendResult(
        findings=_findings(t, quick, ww, h, within_days, currency),
        figures=_figures(t, quick, ww, h),
        headline=_headline(t, quick, currency),
    )


def _findings(
    t: pd.DataFrame,
    quick: dict | None,
    ww: pd.DataFrame,
    h: pd.DataFrame | None,
    within_days: int,
    currency: str,
) -> list[str]:
    out = []
    revenue = t["sourced_revenue"] + t["influenced_revenue"]
    if revenue.sum() > 0:
        best = revenue.idxmax()
        share = fmt_percent(revenue[best] / revenue.sum())
        out.append(
            f"{best.capitalize()} partners bring the most partner revenue "
            f"({fmt_money(revenue[best], currency)}, {share})."
        )
    out.append(
        f"Integrators (SIs) sourced {fmt_int(t.loc['integrator', 'sourced_leads'])} leads "
        "in the window."
    )
    if quick and quick["eligible"]:
        out.append(
            f"{fmt_percent(quick['share'])} of partners won a first deal within "
            f"{within_days} days; {quick['no_win_yet']} have no win yet."
        )
    if not ww.loc["note", "with_partner"]:
        out.append(
            f"Win rate with a partner {fmt_percent(ww.loc['win_rate', 'with_partner'])} vs "
            f"{fmt_percent(ww.loc['win_rate', 'without_partner'])} without."
        )
    if h is not None and len(h):
        risky = h[h["risks"] != ""]
        out.append(
            f"{len(risky)} of {len(h)} assessed strategic partners carry risk flags; "
            f"lowest health: {h.iloc[0]['name']} ({h.iloc[0]['score']:.0f}/100)."
        )
    return out


def _figures(t, quick, ww, h) -> dict:
    out = {
        "by_type": t[
            [
                "partners",
                "sourced_revenue",
                "influenced_revenue",
                "qualified_leads",
                "sourced_leads",
                "projects",
                "cost_of_sale",
                "median_cycle_days",
                "pipeline_velocity",
                "win_rate",
            ]
        ].to_dict("index"),
        "leads_from_sis": t.loc["integrator", "sourced_leads"],
        "with_without": ww.to_dict(),
    }
    if quick is not None:
        out["quick_wins"] = quick
    if h is not None:
        out["health"] = {r.partner_id: {"score": r.score, "risks": r.risks} for r in h.itertuples()}
    return out


def _headline(t, quick, currency: str) -> dict[str, str]:
    revenue = t["sourced_revenue"] + t["influenced_revenue"]
    out = {
        "Sourced revenue": fmt_money(t["sourced_revenue"].sum(), currency),
        "Influenced revenue": fmt_money(t["influenced_revenue"].sum(), currency),
    }
    if revenue.sum() > 0:
        out["Top type"] = str(revenue.idxmax())
    if quick:
        out["Quick wins"] = fmt_percent(quick["share"])
    return out
