"""Trend 6 — partner types: the report views of :mod:`playbook.partner_types`.

Display-ready tables, the sentences shown beside them (why a figure is missing, quick wins) and
the report's "How these figures are defined" list; the numbers and their definitions come from
:mod:`playbook.partner_types`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.partner_types import HEALTH_FLAGS, HEALTH_SCORES, OPTIONAL_INPUTS


def type_gaps(t: pd.DataFrame) -> list[str]:
    """Why a figure of :func:`type_table` is missing ("—"), one sentence per cause."""
    out = []
    for col, (label, _) in OPTIONAL_INPUTS.items():
        if not t[f"{col}_supplied"].all():
            out.append(
                f"{label}: not supplied — no deal in the export has a value in `{col}` "
                "(or the column is absent)."
            )
            continue
        for typ, blank in t.loc[t[f"{col}_blank"] > 0, f"{col}_blank"].items():
            out.append(
                f"{label} — {typ}: `{col}` is blank on {blank} of "
                f"{int(t.loc[typ, 'won_deals'])} won partner deals in the window."
            )
    for typ, r in t[t["undated"] > 0].iterrows():
        out.append(
            f"Leads, open deals and cycle days — {typ}: {int(r['undated'])} partner deals have "
            f"no created date and are left out ({int(r['undated_won'])} of them won in the "
            "window)."
        )
    for typ, r in t.iterrows():
        reason = _velocity_gap(r)
        if reason:
            out.append(f"{reason[0]} — {typ}: {reason[1]}")
    return out


def _velocity_gap(r: pd.Series) -> tuple[str, str] | None:
    if r["won_deals"] + r["lost_deals"] == 0:
        return "Deal and pipeline velocity", "no partner deal closed (won or lost) in the window."
    if r["won_deals"] == 0:
        return "Deal and pipeline velocity", "no partner deal won in the window."
    if pd.isna(r["mean_cycle_days"]):
        return "Deal and pipeline velocity", "no won deal in the window has a created date."
    if not r["mean_cycle_days"] > 0:
        return "Pipeline velocity", "won deals closed on the day they were created (0 days)."
    return None


def quick_text(quick: dict, within_days: int) -> str:
    """One sentence on quick wins (:func:`quick_wins` summary); no figure without partners."""
    gap = ""
    if quick.get("before_history"):
        gap = (
            f" {quick['before_history']} partner(s) started before the deals' history begins "
            f"({quick['history_start'].date()}): their first win may lie before the export, so "
            "they are left out (ask for the export from their start)."
        )
    if gap and not quick.get("measured", 1):
        return (
            f"No partner's first win can be measured: all {quick['before_history']} active "
            f"partner(s) started before the deals' history begins "
            f"({quick['history_start'].date()}), so their first win may lie before the export "
            "(ask for the export from their start)."
        )
    if not quick["eligible"]:
        head = f"No active partner signed at least {within_days} days before the as-of date"
        head += " within the deals' history." if gap else "."
    else:
        head = (
            f"{quick['within']} of {quick['eligible']} partners signed at least {within_days} "
            f"days ago won a first deal within {within_days} days."
        )
    if pd.isna(quick["median_days"]):
        if gap and not quick["eligible"]:
            return head + gap
        return (
            f"{head} No partner has a first win yet, so there is no median time to first win." + gap
        )
    return (
        f"{head} Median time to first win {quick['median_days']:.0f} days over the partners "
        f"with a first win ({quick['no_win_yet']} without one yet).{gap}"
    )


def definitions(within_days: int, min_deals: int, risk_at: float) -> list[str]:
    """ "How these figures are defined": the short list shown in the report (module docstring)."""
    return [
        "Revenue, projects, cost of sale and joint marketing: won partner deals whose close "
        "date falls in the window (deals created earlier included). Influenced revenue counts "
        "in full, as in program revenue (05, 07); 01 credits it at the credit share because "
        "there it pays back an investment.",
        "Joint marketing: the number and revenue of those won deals flagged joint marketing — "
        "one population for both columns.",
        "Qualified and sourced leads: partner deals created in the window.",
        "Deal velocity: median days from created to close date of won deals only.",
        "Pipeline velocity per day: number of partner deals open at the as-of date (a deal "
        "closed later was still open then) × win rate × average won deal ÷ mean cycle days.",
        f"Quick wins: first win on or after the agreement's start (earlier wins ignored), within "
        f"{within_days} days, over partners signed at least {within_days} days before the as-of "
        "date; the median is over partners with a first win. Days are date differences "
        "(same day = 0).",
        f"With vs without a partner: shown only with at least {min_deals} closed deals a side.",
        "Health: the latest assessment on or before the as-of date; equal weights over the "
        f"principles answered (blank ones left out); a score at or below {risk_at:g} of 5 or a "
        "'no' to legal documentation raises a risk flag.",
        "A blank is never a zero: a figure whose input is blank or absent shows — with the "
        "reason under the table.",
    ]


# --------------------------------------------------------------------------- report views


def _money(currency: str):
    return lambda v: fmt_money(v, currency)


def _days(v) -> str:
    return MISSING if pd.isna(v) else f"{v:.0f}"


def type_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The report's tracking list per partner type (:func:`type_table`), formatted; every money
    and deal figure is over won partner deals closed in the window unless the label says
    otherwise."""
    return pd.DataFrame(
        {
            "Partner type": t.index,
            "Active partners": t["partners"].map(fmt_int),
            "Revenue sourced by partners, won in window": t["sourced_revenue"].map(
                _money(currency)
            ),
            "Revenue influenced, won in window": t["influenced_revenue"].map(_money(currency)),
            "Qualified leads (created in window)": t["qualified_leads"].map(fmt_int),
            "Sourced leads (created in window)": t["sourced_leads"].map(fmt_int),
            "Projects won in window": t["projects"].map(fmt_int),
            "Cost of sale, won in window": t["cost_of_sale"].map(_money(currency)),
            "Cost of sale % of revenue": t["cost_of_sale_share"].map(fmt_percent),
            "Deal velocity (median days, won)": t["median_cycle_days"].map(_days),
            "Pipeline velocity / day": t["pipeline_velocity"].map(_money(currency)),
            "Joint-marketing deals won in window": t["joint_marketing_wins"].map(fmt_int),
            "Joint-marketing revenue, won in window": t["joint_marketing_revenue"].map(
                _money(currency)
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
            "Days to first win": [
                "unknown: started before the deals' history"
                if before
                else ("no win yet" if pd.isna(v) else fmt_int(v))
                for v, before in zip(
                    slow["days_to_first_win"],
                    slow.get("before_history", pd.Series(False, index=slow.index)),
                    strict=True,
                )
            ],
            "Days since start": slow["days_since_start"].map(fmt_int),
        }
    ).reset_index(drop=True)


def with_without_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """With vs without a partner (:func:`with_without`), formatted."""

    def fmt(row, v):
        if isinstance(v, str):
            return v
        if pd.isna(v):
            return "too few deals" if t.loc["note", "with_partner"] else MISSING
        return {
            "closed_deals": fmt_int,
            "win_rate": fmt_percent,
            "median_cycle_days": lambda x: f"{x:.0f}",
            "avg_deal": lambda x: fmt_money(x, currency),
        }[row](v)

    rows = ["closed_deals", "win_rate", "avg_deal", "median_cycle_days"]
    labels = ["Closed deals", "Win rate", "Average won deal", "Median cycle of won deals (days)"]
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
            "Health score": h["score"].map(_days),
            **{
                c.replace("_", " ").capitalize(): h[c].map(
                    lambda v: MISSING if pd.isna(v) else f"{v:g}"
                )
                for c in HEALTH_SCORES
            },
            **{
                c.replace("_", " ").capitalize(): h[c].map(
                    lambda v: MISSING if pd.isna(v) else ("yes" if v else "no")
                )
                for c in HEALTH_FLAGS
            },
            "Risk flags": h["risks"].replace("", "none"),
        }
    )
    return out.reset_index(drop=True)
