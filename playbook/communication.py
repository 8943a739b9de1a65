"""Trend 8 — partner communication: value vs transaction partners, journey, media, report cards,
per-partner plans.

Definitions (window ``[start, end]`` inclusive)
-----------------------------------------------
* **Transaction-based** partner (from data): won deals in the window at least
  ``volume_factor`` × the median of active partners' won-deal counts, *and* average won deal size
  at most ``size_factor`` × the program's average won deal size. Every other active partner is
  **value-based**. A value in ``partners.engagement_model`` overrides the data.
* **Journey**: stages unknown → visitor → lead → partner → advocate. A partner has *reached* a
  stage when it has an event at that stage or a later one. *Conversion* from a stage = partners
  reaching the next stage ÷ partners reaching this one. *Days in stage* = next stage's date −
  this stage's date, for partners with both dates; the median is shown.
* **Response rate** = responses ÷ sent, summed over the communications of a group. The **best
  medium** of a stage has the highest response rate among media with at least ``min_sent``
  recipients at that stage.
* **Report card** (transaction partners): for each metric, the percentile rank among transaction
  partners (pandas ``rank(pct=True)``, ties averaged; deal velocity ranked so that fewer days is
  better). Metrics: deal volume (won deals in the window), win rate (won ÷ closed in the window),
  deal velocity (median days to close of won deals), certification score (0–4), responsiveness
  (``responsiveness_pct``). *Composite* = Σ wᵢ·rankᵢ ÷ Σ wᵢ over metrics the partner has.
  Grades: A ≥ 0.8, B ≥ 0.6, C ≥ 0.4, D ≥ 0.2, F below.
* **Plan progress** = milestones done ÷ milestones; **overdue** = not done and due before the
  as-of date.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import closed_between, cycle_days, is_closed, is_won, won_partner_deals
from playbook.formatting import MISSING, fmt_money, fmt_percent
from playbook.results import TrendResult
from playbook.schema import CERTIFICATION_SCORE, JOURNEY_STAGES, TaskStatus


class EngagementModel(StrEnum):
    """How a partner engages (see module docstring); values as in ``partners.engagement_model``."""

    VALUE = "value"
    TRANSACTION = "transaction"


class Grade(StrEnum):
    """Report-card letter grade (see module docstring)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    F = "F"


#: Lowest composite score of each grade, best first.
GRADES = ((0.8, Grade.A), (0.6, Grade.B), (0.4, Grade.C), (0.2, Grade.D), (0.0, Grade.F))
CARD_METRICS = ("deal_volume", "win_rate", "deal_velocity", "certification", "responsiveness")


def engagement(
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    start,
    end,
    volume_factor: float = 1.5,
    size_factor: float = 1.0,
) -> pd.DataFrame:
    """Value- or transaction-based per active partner, from data with the manual override."""
    active = partners[partners["status"] == "active"]
    won = won_partner_deals(deals, start, end)
    per = won.groupby("partner_id")["amount"].agg(["count", "mean"])
    t = active[["partner_id", "name", "type", "engagement_model"]].merge(
        per, left_on="partner_id", right_index=True, how="left"
    )
    t["count"] = t["count"].fillna(0)
    median_count = t["count"].median()
    program_avg = won["amount"].mean()
    data_says = np.where(
        (t["count"] >= volume_factor * median_count)
        & (t["count"] > 0)
        & (t["mean"] <= size_factor * program_avg),
        EngagementModel.TRANSACTION,
        EngagementModel.VALUE,
    )
    t["from_data"] = data_says
    t["model"] = t["engagement_model"].fillna(t["from_data"])
    t["overridden"] = t["engagement_model"].notna() & (t["engagement_model"] != t["from_data"])
    return t.rename(columns={"count": "won_deals", "mean": "avg_deal"}).reset_index(drop=True)


def journey(events: pd.DataFrame, model: pd.Series | None = None) -> pd.DataFrame:
    """Stage counts, conversion to the next stage and median days in stage.

    ``model`` (partner id → value/transaction) restricts nothing; it adds ``reached_value`` and
    ``reached_transaction`` columns so a map per kind of partner can be drawn.
    """
    order = {s: i for i, s in enumerate(JOURNEY_STAGES)}
    furthest = events.assign(k=events["stage"].map(order)).groupby("partner_id")["k"].max()
    dates = events.pivot_table(index="partner_id", columns="stage", values="date", aggfunc="min")
    rows = []
    for i, stage in enumerate(JOURNEY_STAGES):
        reached = furthest[furthest >= i]
        row = {"stage": stage, "reached": len(reached)}
        if model is not None:
            kinds = model.reindex(reached.index)
            row["reached_value"] = int((kinds == EngagementModel.VALUE).sum())
            row["reached_transaction"] = int((kinds == EngagementModel.TRANSACTION).sum())
        if i + 1 < len(JOURNEY_STAGES):
            nxt = JOURNEY_STAGES[i + 1]
            row["next_reached"] = int((furthest >= i + 1).sum())
            row["conversion"] = row["next_reached"] / len(reached) if len(reached) else np.nan
            if stage in dates and nxt in dates:
                days = (dates[nxt] - dates[stage]).dt.days.dropna()
                row["median_days"] = float(days.median()) if len(days) else np.nan
            else:
                row["median_days"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def media(communications: pd.DataFrame, min_sent: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rate by stage × medium, and the best medium per stage."""
    g = communications.groupby(["stage", "medium"])[["sent", "responses"]].sum()
    g["response_rate"] = g["responses"] / g["sent"].where(g["sent"] > 0)
    g["communications"] = communications.groupby(["stage", "medium"]).size()
    g = g.reset_index()
    eligible = g[g["sent"] >= min_sent].dropna(subset=["response_rate"])
    best = (
        eligible.sort_values(["stage", "response_rate"], ascending=[True, False])
        .groupby("stage")
        .head(1)
    )
    order = {s: i for i, s in enumerate(JOURNEY_STAGES)}
    best = best.sort_values("stage", key=lambda s: s.map(order)).reset_index(drop=True)
    g = g.sort_values(
        ["stage", "response_rate"],
        key=lambda s: s.map(order) if s.name == "stage" else s,
        ascending=[True, False],
    )
    return g.reset_index(drop=True), best


def per_communication(communications: pd.DataFrame) -> pd.DataFrame:
    """Every communication with its ``response_rate`` (responses ÷ sent), latest first."""
    c = communications.copy()
    c["response_rate"] = c["responses"] / c["sent"].where(c["sent"] > 0)
    return c.sort_values("date", ascending=False)


def grade(score: float) -> str:
    """Letter grade of a composite percentile score 0–1 (see module docstring)."""
    if score is None or pd.isna(score):
        return MISSING
    for floor, letter in GRADES:
        if score >= floor:
            return letter
    return Grade.F


def report_cards(
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    eng: pd.DataFrame,
    start,
    end,
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Graded report cards for transaction partners (metric values, ranks, composite, grade)."""
    weights = {m: float((weights or {}).get(m, 1.0)) for m in CARD_METRICS}
    ids = eng.loc[eng["model"] == EngagementModel.TRANSACTION, "partner_id"]
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    closed = deals[
        deals["partner_id"].isin(ids) & closed_between(deals, start, end) & is_closed(deals)
    ]
    won = closed[is_won(closed)]
    p = partners.set_index("partner_id").loc[list(ids)]
    card = pd.DataFrame(index=pd.Index(ids, name="partner_id"))
    card["name"] = p["name"]
    card["deal_volume"] = won.groupby("partner_id").size().reindex(card.index).fillna(0)
    n_closed = closed.groupby("partner_id").size().reindex(card.index)
    card["win_rate"] = card["deal_volume"] / n_closed
    card["deal_velocity"] = cycle_days(won).groupby(won["partner_id"]).median().reindex(card.index)
    card["certification"] = p["certification_level"].map(CERTIFICATION_SCORE)
    card["responsiveness"] = p["responsiveness_pct"]
    ranks = pd.DataFrame(index=card.index)
    for m in CARD_METRICS:
        ranks[m] = card[m].rank(pct=True, ascending=m != "deal_velocity")
    w = pd.Series(weights)
    present = ranks.notna()
    card["composite"] = (ranks.fillna(0) * w).sum(axis=1) / (present * w).sum(axis=1).where(
        (present * w).sum(axis=1) > 0
    )
    card["grade"] = card["composite"].map(grade)
    for m in CARD_METRICS:
        card[f"{m}_rank"] = ranks[m]
    return card.sort_values(["composite", "name"], ascending=[False, True]).reset_index()


def plans(
    plan_rows: pd.DataFrame, partners: pd.DataFrame, as_of
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per partner: issue, today, target, milestones done / total, progress, overdue; and the
    milestone list with an ``overdue`` flag."""
    as_of = pd.Timestamp(as_of)
    m = plan_rows.copy()
    m["overdue"] = (
        (m["status"] != TaskStatus.DONE) & m["due_date"].notna() & (m["due_date"] < as_of)
    )
    g = m.groupby("partner_id")
    summary = pd.DataFrame(
        {
            "issue": g["issue"].first(),
            "current_state": g["current_state"].first(),
            "target_state": g["target_state"].first(),
            "milestones": g.size(),
            "done": g["status"].apply(lambda s: int((s == TaskStatus.DONE).sum())),
            "overdue": g["overdue"].sum(),
        }
    )
    summary["progress"] = summary["done"] / summary["milestones"]
    summary.insert(0, "name", partners.set_index("partner_id")["name"].reindex(summary.index))
    return summary.reset_index(), m


# --------------------------------------------------------------------------- report views


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
            "Overdue": summary["overdue"].astype(int),
        }
    )


def summarise(
    *,
    eng: pd.DataFrame,
    j: pd.DataFrame | None,
    best: pd.DataFrame | None,
    cards: pd.DataFrame | None,
    plan_summary: pd.DataFrame | None,
) -> TrendResult:
    """What trend 8 concludes: findings, figures for ``results.json`` and the summary headline.

    ``eng`` from :func:`engagement`, ``j`` from :func:`journey`, ``best`` the second result of
    :func:`media`, ``cards`` from :func:`report_cards`, ``plan_summary`` the first result of
    :func:`plans`; ``None`` for a part not computed.
    """
    return TrendResult(
        findings=_findings(eng, j, best, cards, plan_summary),
        figures=_figures(eng, j, best, cards, plan_summary),
        headline=_headline(eng, cards, plan_summary),
    )


def _findings(eng, j, best, cards, plan_summary) -> list[str]:
    out = [
        f"{int((eng['model'] == EngagementModel.TRANSACTION).sum())} transaction-based and "
        f"{int((eng['model'] == EngagementModel.VALUE).sum())} value-based active partners "
        f"({int(eng['overridden'].sum())} set by override)."
    ]
    if j is not None:
        worst = j.dropna(subset=["conversion"])
        if len(worst):
            w = worst.loc[worst["conversion"].idxmin()]
            out.append(
                f"Weakest journey step: {w['stage']} → next, {fmt_percent(w['conversion'])}"
                " convert."
            )
    if best is not None and len(best):
        out.append(
            "Best medium per stage: "
            + "; ".join(
                f"{r.stage} {r.medium} ({fmt_percent(r.response_rate)})" for r in best.itertuples()
            )
            + "."
        )
    if cards is not None and len(cards):
        counts = cards["grade"].value_counts()
        out.append(
            "Report-card grades: " + ", ".join(f"{g} {counts.get(g, 0)}" for g in Grade) + "."
        )
    if plan_summary is not None and len(plan_summary):
        done = plan_summary["done"].sum() / plan_summary["milestones"].sum()
        out.append(
            f"Partner plans {fmt_percent(done)} complete; "
            f"{int(plan_summary['overdue'].sum())} milestone(s) overdue."
        )
    return out


def _figures(eng, j, best, cards, plan_summary) -> dict:
    out = {"engagement": eng.set_index("partner_id")["model"].to_dict()}
    if j is not None:
        out["journey"] = j.set_index("stage")[["reached", "conversion", "median_days"]].to_dict(
            "index"
        )
    if best is not None:
        out["best_medium"] = dict(zip(best["stage"], best["medium"], strict=True))
    if cards is not None:
        out["grades"] = dict(zip(cards["partner_id"], cards["grade"], strict=True))
    if plan_summary is not None:
        out["plans"] = plan_summary.set_index("partner_id")[["progress", "overdue"]].to_dict(
            "index"
        )
    return out


def _headline(eng, cards, plan_summary) -> dict[str, str]:
    out = {
        "Transaction partners": str(int((eng["model"] == EngagementModel.TRANSACTION).sum())),
        "Value partners": str(int((eng["model"] == EngagementModel.VALUE).sum())),
    }
    if cards is not None and len(cards):
        out["Grade A"] = str(int((cards["grade"] == Grade.A).sum()))
    if plan_summary is not None and len(plan_summary):
        out["Overdue milestones"] = str(int(plan_summary["overdue"].sum()))
    return out


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
            "Status": m["status"],
            "Overdue": m["overdue"].map(lambda v: "OVERDUE" if v else ""),
        }
    )
