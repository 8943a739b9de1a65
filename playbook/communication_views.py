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
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.labels import label, label_values, plural

#: How each report-card measure is named for a client.
CARD_WORDS = {
    "deal_volume": "won deals",
    "win_rate": "win rate",
    "deal_velocity": "days to win",
    "certification": "certification",
    "responsiveness": "responsiveness",
}


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
        "Active partners: the partners active on the as-of date: an agreement started by then "
        "(a blank start date counts as started) and not ended before it (status active, or "
        "inactive with an end date on or after it).",
        "Only what is dated on or before the as-of date counts: later journey events and "
        "communications are left out; a milestone completed after the as-of date counts as in "
        "progress.",
        f"Transaction-based: won deals in the window at least {volume_factor:g} × the median of "
        "active partners' won-deal counts (partners with no won deal count as 0 in that "
        f"median), at least one won deal, and an average won deal at most {size_factor:g} × "
        "the program's average; every other active partner is value-based. An engagement model "
        "set by hand in the partners file overrides.",
        "Journey: a partner reached a stage when it has an event at that stage or a later one; "
        "conversion = partners reaching the next stage ÷ partners reaching this one.",
        f"Response rate = responses ÷ sent; the best medium of a stage needs at least "
        f"{min_sent} recipients there.",
        "Report-card grades are ranks among this client's transaction partners, not a "
        "benchmark: each measure's rank (0–100) among them, and the score = the weighted mean of "
        "those ranks ("
        + ", ".join(f"{CARD_WORDS[m]} weight {w:g}" for m, w in weighted.items())
        + "); grades "
        + ", ".join(f"{g} from {floor * 100:g}" for floor, g in scale[:-1])
        + ", F below.",
        "Plans: progress = milestones done at the as-of date ÷ milestones; overdue = not done "
        "at the as-of date and due before it (a milestone without a due date cannot be overdue).",
    ]


#: The columns of :func:`engagement_view` shown on screen (the workbook has them all).
ENGAGEMENT_SCREEN = ["Partner", "Type", "Won deals", "Average won deal", "Classified as"]


def engagement_view(eng: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Value- or transaction-based classification per partner, transaction partners first."""
    e = eng.assign(order=(eng["model"] != "transaction").astype(int))
    e = e.sort_values(["order", "won_deals", "name"], ascending=[True, False, True])
    return pd.DataFrame(
        {
            "Partner": e["name"],
            "Type": label_values(e["type"]),
            "Won deals": e["won_deals"].astype(int),
            "Average won deal": e["avg_deal"].map(lambda v: fmt_money(v, currency)),
            "Classified as": label_values(e["model"]),
            "From the deals": label_values(e["from_data"]),
            "Set by hand": label_values(e["engagement_model"]).fillna(""),
        }
    ).reset_index(drop=True)


def journey_view(j: pd.DataFrame) -> pd.DataFrame:
    """Journey stages (:func:`journey`) with conversion and median days, formatted."""
    out = pd.DataFrame(
        {
            "Stage": label_values(j["stage"]),
            "Partners reaching it": j["reached"],
            "Go on to the next stage": j["conversion"].map(fmt_percent),
            "Median days in the stage": j["median_days"].map(
                lambda v: MISSING if pd.isna(v) else fmt_int(round(v))
            ),
        }
    )
    if "reached_value" in j:
        out["Value partners"] = j["reached_value"]
        out["Transaction partners"] = j["reached_transaction"]
    return out


def journey_title(j: pd.DataFrame) -> str:
    """The journey chart's title: how many of the partners reach the last stage."""
    first, last = int(j["reached"].iloc[0]), int(j["reached"].iloc[-1])
    return (
        f"{fmt_int(last)} of {plural(first, 'company', 'companies')} on the journey reach advocate"
    )


def media_view(g: pd.DataFrame) -> pd.DataFrame:
    """Response rate by stage and medium (:func:`media`), formatted."""
    return pd.DataFrame(
        {
            "Stage": label_values(g["stage"]),
            "Medium": g["medium"],
            "Communications": g["communications"],
            "Sent": g["sent"],
            "Responses": g["responses"],
            "Response rate": g["response_rate"].map(fmt_percent),
        }
    )


def _rank(r) -> str:
    return f"rank {r * 100:.0f}"


#: The columns of :func:`card_view` shown on screen.
CARD_SCREEN = [
    "Partner",
    "Grade",
    "Score (0–100)",
    "Won deals",
    "Win rate",
    "Median days to win",
    "Certification (0–4)",
    "Responsiveness",
]


def card_view(cards: pd.DataFrame) -> pd.DataFrame:
    """Report cards, each metric shown with its rank (0–100) among the transaction partners."""

    def both(m, fmt):
        return [
            f"{fmt(v)} ({_rank(r)})" if pd.notna(v) and pd.notna(r) else MISSING
            for v, r in zip(cards[m], cards[f"{m}_rank"], strict=True)
        ]

    return pd.DataFrame(
        {
            "Partner": cards["name"],
            "Grade": cards["grade"],
            "Score (0–100)": cards["composite"].map(
                lambda v: MISSING if pd.isna(v) else fmt_int(round(v * 100))
            ),
            "Won deals": both("deal_volume", fmt_int),
            "Win rate": both("win_rate", fmt_percent),
            "Median days to win": both("deal_velocity", lambda v: fmt_int(round(v))),
            "Certification (0–4)": both("certification", fmt_int),
            "Responsiveness": both("responsiveness", lambda v: fmt_percent(v / 100, 0)),
        }
    )


#: The columns of :func:`plan_view` shown on screen (the workbook has the states too).
PLAN_SCREEN = ["Partner", "Issue", "Milestones done", "Progress", "Overdue"]


def plan_view(summary: pd.DataFrame) -> pd.DataFrame:
    """Per-partner plan summary (:func:`plans`), formatted."""
    return pd.DataFrame(
        {
            "Partner": summary["name"],
            "Issue": summary["issue"],
            "Milestones done": [
                f"{d} of {n}" for d, n in zip(summary["done"], summary["milestones"], strict=True)
            ],
            "Progress": summary["progress"].map(fmt_percent),
            "Overdue": summary["overdue"].map(lambda v: MISSING if pd.isna(v) else str(v)),
            "Where they are": summary["current_state"],
            "Where they want to be": summary["target_state"],
        }
    )


def communication_view(c: pd.DataFrame) -> pd.DataFrame:
    """Single communications (:func:`per_communication`), formatted."""
    return pd.DataFrame(
        {
            "Date": c["date"].dt.date.astype(str),
            "Stage": label_values(c["stage"]),
            "Medium": c["medium"],
            "Audience": label_values(c["audience"]).fillna(""),
            "Sent": c["sent"],
            "Responses": c["responses"],
            "Response rate": c["response_rate"].map(fmt_percent),
        }
    )


def milestone_view(m: pd.DataFrame, partners: pd.DataFrame, owners: pd.Series) -> pd.DataFrame:
    """Plan milestones with partner names, owners (each partner's manager) and status at the
    as-of date: overdue first, then the open ones by due date, then the ones done."""
    names = partners.set_index("partner_id")["name"]
    order = m.assign(
        rank=[
            0 if o else (2 if s == "done" else 1)
            for o, s in zip(m["overdue"], m["status"], strict=True)
        ],
        due=pd.to_datetime(m["due_date"]),
    ).sort_values(["rank", "due"], na_position="last")
    return pd.DataFrame(
        {
            "Partner": order["partner_id"].map(names),
            "Milestone": order["milestone"],
            "Due": order["due"].map(lambda d: "" if pd.isna(d) else d.date().isoformat()),
            "Status": [
                "Overdue" if o else label(s)
                for o, s in zip(order["overdue"], order["status"], strict=True)
            ],
            "Owner": order["partner_id"].map(owners).fillna(""),
        }
    ).reset_index(drop=True)
