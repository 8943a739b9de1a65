"""Trend 6 — partner types: the report views of :mod:`playbook.partner_types`.

Display-ready tables, the sentences shown beside them (why a figure is missing, quick wins) and
the report's "How these figures are defined" list; the numbers and their definitions come from
:mod:`playbook.partner_types`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.labels import label, label_values, plural, type_phrase
from playbook.partner_types import HEALTH_FLAGS, HEALTH_SCORES, OPTIONAL_INPUTS

#: How each optional deal column is named in a sentence.
_INPUT_WORDS = {
    "cost_of_sale": "cost of sale",
    "is_project": "project yes/no",
    "joint_marketing": "joint marketing yes/no",
}


def type_gaps(t: pd.DataFrame) -> list[str]:
    """Why a figure of :func:`type_table` is missing ("—"), one sentence per cause."""
    out = []
    for col, (name, _) in OPTIONAL_INPUTS.items():
        if not t[f"{col}_supplied"].all():
            out.append(
                f"{name}: not supplied — no deal in the export gives a {_INPUT_WORDS[col]} value."
            )
            continue
        for typ, blank in t.loc[t[f"{col}_blank"] > 0, f"{col}_blank"].items():
            out.append(
                f"{name} — {label(typ)}: the {_INPUT_WORDS[col]} value is blank on "
                f"{fmt_int(blank)} of {plural(int(t.loc[typ, 'won_deals']), 'won partner deal')} "
                "in the window."
            )
    for typ, r in t[t["undated"] > 0].iterrows():
        out.append(
            f"Leads, open deals and cycle days — {label(typ)}: "
            f"{plural(int(r['undated']), 'partner deal')} without a created date left out "
            f"({fmt_int(r['undated_won'])} of them won in the window)."
        )
    for typ, r in t.iterrows():
        reason = _velocity_gap(r)
        if reason:
            out.append(f"{reason[0]} — {label(typ)}: {reason[1]}")
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
            f" {plural(quick['before_history'], 'partner')} started before the deals' history "
            "begins "
            f"({quick['history_start'].date()}): their first win may lie before the export, so "
            "they are left out (ask for the export from their start)."
        )
    if gap and not quick.get("measured", 1):
        return (
            "No partner's first win can be measured: all "
            f"{plural(quick['before_history'], 'active partner')} started before the deals' "
            "history begins "
            f"({quick['history_start'].date()}), so their first win may lie before the export "
            "(ask for the export from their start)."
        )
    if not quick["eligible"]:
        head = f"No active partner signed at least {within_days} days before the as-of date"
        head += " within the deals' history." if gap else "."
    else:
        head = (
            f"{fmt_int(quick['within'])} of {plural(quick['eligible'], 'partner')} signed at "
            f"least {within_days} days ago won a first deal within {within_days} days."
        )
    if pd.isna(quick["median_days"]):
        if gap and not quick["eligible"]:
            return head + gap
        return (
            f"{head} No partner has a first win yet, so there is no median time to first win." + gap
        )
    return (
        f"{head} Median time to first win {fmt_int(round(quick['median_days']))} days over the "
        f"partners with a first win ({fmt_int(quick['no_win_yet'])} without one yet).{gap}"
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
        "Qualified leads: every partner deal created in the window that got past the lead "
        "stage (qualified, proposal, won or lost), whatever became of it; no other test of "
        "quality is applied. Sourced leads: the partner-sourced deals created in the window, "
        "at any stage.",
        "Health status: Red with a health score below 60 of 100 or two risk flags or more; "
        "Amber with a score below 80 or one risk flag; Green otherwise.",
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
    return MISSING if pd.isna(v) else fmt_int(round(v))


#: The columns of :func:`type_view` shown on screen (the workbook has them all).
TYPE_SCREEN = [
    "Partner type",
    "Partners active in the window",
    "Revenue partners sourced",
    "Revenue partners influenced",
    "Qualified leads",
    "Leads from SIs",
    "Median days to win",
    "Pipeline velocity per day",
]


#: The partner type whose sourced leads are the report's "Leads from SI's".
SI = "integrator"
#: What the "Leads from SIs" column says on the row of another type.
NOT_AN_SI = "Not an SI type"


def type_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The report's tracking list per partner type (:func:`type_table`), formatted; every money
    and deal figure is over won partner deals closed in the window, leads over partner deals
    created in it. "Leads from SIs" (the report's "Leads from SI's") is the sourced leads of
    the systems-integrator type, under that name on its row only."""
    money = _money(currency)
    return pd.DataFrame(
        {
            "Partner type": label_values(pd.Series(t.index)),
            "Partners active in the window": t["partners"].map(fmt_int).to_numpy(),
            "Revenue partners sourced": t["sourced_revenue"].map(money).to_numpy(),
            "Revenue partners influenced": t["influenced_revenue"].map(money).to_numpy(),
            "Qualified leads": t["qualified_leads"].map(fmt_int).to_numpy(),
            "Leads from SIs": [
                fmt_int(v) if typ == SI else NOT_AN_SI
                for typ, v in zip(t.index, t["sourced_leads"], strict=True)
            ],
            "Leads partners sourced": t["sourced_leads"].map(fmt_int).to_numpy(),
            "Projects won": t["projects"].map(fmt_int).to_numpy(),
            "Cost of sale": t["cost_of_sale"].map(money).to_numpy(),
            "Cost of sale, share of revenue": t["cost_of_sale_share"].map(fmt_percent).to_numpy(),
            "Median days to win": t["median_cycle_days"].map(_days).to_numpy(),
            "Pipeline velocity per day": t["pipeline_velocity"].map(money).to_numpy(),
            "Joint-marketing deals won": t["joint_marketing_wins"].map(fmt_int).to_numpy(),
            "Joint-marketing revenue": t["joint_marketing_revenue"].map(money).to_numpy(),
        }
    )


def revenue_chart(t: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Sourced and influenced revenue per type (labelled, largest last so it tops the chart)
    and a chart title that states the finding."""
    frame = t[["sourced_revenue", "influenced_revenue"]].copy()
    total = frame.sum(axis=1)
    frame = frame.loc[total.sort_values().index]
    best = total.idxmax() if total.sum() > 0 else None
    frame.index = [label(i) for i in frame.index]
    if best is None:
        return frame, "No partner revenue in the window"
    return (
        frame,
        f"{type_phrase(best)} bring {fmt_percent(total[best] / total.sum())} of partner revenue",
    )


def quick_view(t: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The slowest partners: no win yet first (longest since start), then slowest wins."""
    slow = t.head(top)
    return pd.DataFrame(
        {
            "Partner": slow["name"],
            "Type": label_values(slow["type"]),
            "Started": slow["start_date"].dt.date.astype(str),
            "Days to first win": [
                "Unknown: started before the deals' history"
                if before
                else ("No win yet" if pd.isna(v) else fmt_int(v))
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
            return "Too few deals" if t.loc["note", "with_partner"] else MISSING
        return {
            "closed_deals": fmt_int,
            "win_rate": fmt_percent,
            "median_cycle_days": lambda x: fmt_int(round(x)),
            "avg_deal": lambda x: fmt_money(x, currency),
        }[row](v)

    rows = ["closed_deals", "win_rate", "avg_deal", "median_cycle_days"]
    labels = ["Closed deals", "Win rate", "Average won deal", "Median days to win"]
    return pd.DataFrame(
        {
            "Measure": labels,
            "With a partner": [fmt(r, t.loc[r, "with_partner"]) for r in rows],
            "Without a partner": [fmt(r, t.loc[r, "without_partner"]) for r in rows],
        }
    )


#: The columns of :func:`health_view` shown on screen (the workbook has every principle).
HEALTH_SCREEN = ["Partner", "Health", "Health score", "Risk flags", "Assessed"]


def health_view(h: pd.DataFrame) -> pd.DataFrame:
    """Latest health assessment per partner (:func:`health`), formatted: status (Red / Amber /
    Green), score, risk flags, then each principle."""
    out = pd.DataFrame(
        {
            "Partner": h["name"],
            "Health": h["status"].replace("", MISSING),
            "Health score": h["score"].map(_days),
            "Risk flags": h["risks"].map(lambda v: v[:1].upper() + v[1:] if v else "No flag"),
            "Assessed": h["assessed_date"].dt.date.astype(str),
            **{
                label(c): h[c].map(lambda v: MISSING if pd.isna(v) else f"{v:g}")
                for c in HEALTH_SCORES
            },
            **{
                label(c): h[c].map(lambda v: MISSING if pd.isna(v) else ("Yes" if v else "No"))
                for c in HEALTH_FLAGS
            },
        }
    )
    return out.reset_index(drop=True)
