"""Trend 8 — partner communication: the report views of :mod:`playbook.communication`.

Display-ready tables for the notebook (engagement, journey, media, report cards, plans,
communications, milestones) and the report's "How these figures are defined"; the figures come
from :mod:`playbook.communication`, whose module docstring holds the definitions.
"""

from __future__ import annotations

import pandas as pd

from playbook.communication import (
    CARD_METRICS,
    MIN_SENT,
    SIZE_FACTOR,
    VOLUME_FACTOR,
    grade_scale,
)
from playbook.formatting import MISSING, fmt_money, fmt_percent


def definitions(
    volume_factor: float = VOLUME_FACTOR,
    size_factor: float = SIZE_FACTOR,
    min_sent: int = MIN_SENT,
    weights: dict[str, float] | None = None,
    floors: dict[str, float] | None = None,
) -> list[str]:
    """ "How these figures are defined": the module docstring's definitions in a report's words,
    with the parameters of this run."""
    scale = grade_scale(floors)
    weighted = {m: float((weights or {}).get(m, 1.0)) for m in CARD_METRICS}
    return [
        "Only what is dated on or before the as-of date counts: later journey events and "
        "communications are left out; a milestone completed after the as-of date counts as in "
        "progress.",
        f"Transaction-based: won deals in the window at least {volume_factor:g} × the median of "
        "active partners' won-deal counts (partners with no won deal count as 0 in that "
        f"median), at least one won deal, and an average won deal at most {size_factor:g} × "
        "the program's average; every other active partner is value-based. The partners "
        "table's engagement_model overrides.",
        "Journey: a partner reached a stage when it has an event at that stage or a later one; "
        "conversion = partners reaching the next stage ÷ partners reaching this one.",
        f"Response rate = responses ÷ sent; the best medium of a stage needs at least "
        f"{min_sent} recipients there.",
        "Report-card grades are ranks among this client's transaction partners, not a "
        "benchmark: composite = weighted mean of percentile ranks ("
        + ", ".join(f"{m.replace('_', ' ')} {w:g}" for m, w in weighted.items())
        + "); "
        + ", ".join(f"{g} ≥ {floor:g}" for floor, g in scale[:-1])
        + ", F below.",
        "Plans: progress = milestones done at the as-of date ÷ milestones; overdue = not done "
        "at the as-of date and due before it (a milestone without a due date cannot be overdue).",
    ]


def engagement_view(eng: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Value- or transaction-based classification per partner, formatted."""
    return pd.DataFrame(
        {
            "Partner": eng["name"],
            "Type": eng["type"],
            "Won deals": eng["won_deals"].astype(int),
            "Average won deal": eng["avg_deal"].map(lambda v: fmt_money(v, currency)),
            "From data": eng["from_data"],
            "Override": eng["engagement_model"].fillna(""),
            "Classified as": eng["model"],
        }
    )


def journey_view(j: pd.DataFrame) -> pd.DataFrame:
    """Journey stages (:func:`journey`) with conversion and median days, formatted."""
    out = pd.DataFrame(
        {
            "Stage": j["stage"].str.capitalize(),
            "Partners reaching": j["reached"],
            "Conversion to next": j["conversion"].map(fmt_percent),
            "Median days in stage": j["median_days"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.0f}"
            ),
        }
    )
    if "reached_value" in j:
        out["Value partners"] = j["reached_value"]
        out["Transaction partners"] = j["reached_transaction"]
    return out


def media_view(g: pd.DataFrame) -> pd.DataFrame:
    """Response rate by stage and medium (:func:`media`), formatted."""
    return pd.DataFrame(
        {
            "Stage": g["stage"],
            "Medium": g["medium"],
            "Communications": g["communications"],
            "Sent": g["sent"],
            "Responses": g["responses"],
            "Response rate": g["response_rate"].map(fmt_percent),
        }
    )


def card_view(cards: pd.DataFrame) -> pd.DataFrame:
    """Report cards, each metric shown with its percentile rank, formatted."""

    def both(m, fmt):
        return [
            f"{fmt(v)} (p{r * 100:.0f})" if pd.notna(v) and pd.notna(r) else "—"
            for v, r in zip(cards[m], cards[f"{m}_rank"], strict=True)
        ]

    return pd.DataFrame(
        {
            "Partner": cards["name"],
            "Grade": cards["grade"],
            "Composite": cards["composite"].map(lambda v: "—" if pd.isna(v) else f"{v:.2f}"),
            "Deal volume": both("deal_volume", lambda v: f"{v:.0f}"),
            "Win rate": both("win_rate", fmt_percent),
            "Deal velocity (days)": both("deal_velocity", lambda v: f"{v:.0f}"),
            "Certification (0–4)": both("certification", lambda v: f"{v:.0f}"),
            "Responsiveness": both("responsiveness", lambda v: f"{v:.0f}%"),
        }
    )


def plan_view(summary: pd.DataFrame) -> pd.DataFrame:
    """Per-partner plan summary (:func:`plans`), formatted."""
    return pd.DataFrame(
        {
            "Partner": summary["name"],
            "Issue": summary["issue"],
            "Where they are": summary["current_state"],
            "Where they want to be": summary["target_state"],
            "Milestones done": [
                f"{d} of {n}" for d, n in zip(summary["done"], summary["milestones"], strict=True)
            ],
            "Progress": summary["progress"].map(fmt_percent),
            "Overdue": summary["overdue"].map(lambda v: MISSING if pd.isna(v) else str(v)),
        }
    )


def communication_view(c: pd.DataFrame) -> pd.DataFrame:
    """Single communications (:func:`per_communication`), formatted."""
    return pd.DataFrame(
        {
            "Date": c["date"].dt.date.astype(str),
            "Stage": c["stage"],
            "Medium": c["medium"],
            "Audience": c["audience"].fillna(""),
            "Sent": c["sent"],
            "Responses": c["responses"],
            "Response rate": c["response_rate"].map(fmt_percent),
        }
    )


def milestone_view(m: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """Plan milestones with partner names and overdue flags, formatted."""
    names = partners.set_index("partner_id")["name"]
    return pd.DataFrame(
        {
            "Partner": m["partner_id"].map(names),
            "Milestone": m["milestone"],
            "Due": m["due_date"].map(lambda d: "" if pd.isna(d) else d.date().isoformat()),
            "Status at as-of": m["status"],
            "Overdue": m["overdue"].map(lambda v: "OVERDUE" if v else ""),
        }
    )
