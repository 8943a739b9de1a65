"""Trend 6 — partner types, quick wins, with/without partner, partnership health.

Definitions (window ``[start, end]`` inclusive, ``end`` = the as-of date; "partner deal" =
attribution sourced/influenced; day counts are differences of calendar dates, so a deal created
and closed on the same day took 0 days)
-----------------------------------------------------------------------------------------------
* **Sourced revenue** (the report's "direct" partner revenue): amount of won partner-sourced deals
  closed in the window. **Influenced revenue**: the same for partner-influenced deals. Both are
  counted in full, as in program revenue (:func:`playbook.deals.program_revenue`, the figure of
  05 and the base of 07's program revenue %): this trend compares partner types by the business
  they took part in, and shows sourced and influenced side by side so nothing is added twice.
  Trend 01 instead credits an influenced deal at the credit share, because there a partner's
  revenue pays back money invested in it and the partner only partly caused an influenced deal.
* **Qualified leads**: partner deals created in the window that moved past ``lead`` (stage
  qualified, proposal, won or lost). **Sourced leads**: partner-sourced deals created in the
  window; for integrators these are the report's *leads from SIs*.
* **Projects**: won partner deals closed in the window flagged ``is_project``.
* **Cost of sale**: sum of ``cost_of_sale`` of won partner deals closed in the window, and that
  sum ÷ the sourced + influenced revenue of the same deals.
* **Joint marketing**: the won partner deals closed in the window flagged ``joint_marketing``:
  their number and their revenue. One population for both columns, the same as sourced and
  influenced revenue on the row (close date in the window decides, not the created date).
* **A blank is never a zero**: ``cost_of_sale``, ``is_project`` and ``joint_marketing`` are
  optional deal columns (a CRM export may lack them). A figure drawn from one is missing ("—")
  for a type when any of its won partner deals in the window has that cell blank, and for every
  type when the column is blank on every deal (not supplied); :func:`type_gaps` gives the reason.
* **Deal velocity**: median cycle days (``close_date − created_date``) of the won partner deals
  closed in the window; lost deals are left out (it measures how fast deals are won).
* **Deals without a created date** are left out of the lead counts, the open deals and the
  cycle days (never given a date); ``undated`` counts a type's partner deals without one and
  ``undated_won`` its won deals in the window without one, so the report says what was left
  out.
* **Pipeline velocity** (currency per day) = open deals × win rate × average won deal ÷ mean
  cycle days of the won deals. *Open deals* is the **number** (not the value: the average won
  deal already carries the size) of partner deals open at the window end, i.e. at the as-of date:
  created on or before it and not closed by then — a deal the export shows closed after the
  as-of date was still open at as-of. *Win rate* = won ÷ (won + lost) of partner deals closed in
  the window. Missing when the type has no closed or no won deal in the window (see
  :func:`type_gaps`).
* **Time to first win**: days from a partner's ``start_date`` to the ``close_date`` of its first
  won partner deal closed on or after that start and on or before the as-of date. A win closed
  before the agreement's start is not a win under the agreement and is ignored (it would give a
  negative time). The share *within N days* counts active partners that started at least N days
  before the as-of date (the others have not had N days yet); a first win on day N counts. The
  **median** days to first win is over every active partner started by the as-of date that has
  a first win by then, whatever its start date; partners with no win yet are left out of it and
  counted beside it.
* **With vs without partner**: closed deals (won or lost) in the window, partner deals vs direct
  deals; each comparison is shown only when both sides have at least ``min_deals`` closed deals.
* **Health score** (0–100): the latest assessment of each partner dated on or before the as-of
  date (a later one does not exist yet at as-of). Scores 0–5 are divided by 5 and yes/no counts
  as 1/0; the score is the weighted mean of the principles answered (weights
  :data:`HEALTH_WEIGHTS`, all equal) × 100, a blank principle being left out rather than
  counted as 0; missing when none is answered. **Risk flags** name the causes the report gives
  for relationships going south (lack of trust, of team skill, of clear agreement on objectives,
  of alignment) plus missing open communication and legal documentation: a score at or below
  ``risk_at`` or a "no". A missing beta program lowers the score but is not a risk flag (the
  report advises a beta "when possible").
* **Health status** (:func:`health_status`): *Red* with a health score below
  :data:`AMBER_BELOW` (60) or two risk flags or more; *Amber* with a score below
  :data:`GREEN_FROM` (80) or one risk flag; *Green* otherwise; blank when the partner has no
  score and no flag.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.deals import (
    Attribution,
    Stage,
    active_in,
    average_deal,
    closed_between,
    count_deals,
    cycle_days,
    each_deal_once,
    history_start,
    is_closed,
    is_direct_deal,
    is_partner_deal,
    is_won,
    open_at,
)
from playbook.schema import PARTNER_TYPES

#: Optional deal columns a CRM export may lack → the figures of :func:`type_table` drawn from each.
OPTIONAL_INPUTS = {
    "cost_of_sale": ("Cost of sale", ("cost_of_sale", "cost_of_sale_share")),
    "is_project": ("Projects", ("projects",)),
    "joint_marketing": ("Joint marketing", ("joint_marketing_wins", "joint_marketing_revenue")),
}
#: Columns of :func:`type_table` that count or sum supplied data: 0 where a type has none.
_COUNTS = (
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
    "joint_marketing_wins",
    "joint_marketing_revenue",
)


def _typed_deals(deals: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    return deals.merge(partners[["partner_id", "type"]], on="partner_id", how="left")


def _flag(values: pd.Series) -> pd.Series:
    """A yes/no column as True/False, blank as False (callers check blanks separately)."""
    return values.astype("boolean").fillna(False).astype(bool)


def type_table(partners: pd.DataFrame, deals: pd.DataFrame, start, end) -> pd.DataFrame:
    """The report's tracking list per partner type (index = type, see module docstring).

    Besides the figures, ``<column>_supplied`` (the optional deal column has a value on some
    deal) and ``<column>_blank`` (won partner deals of the type in the window with that cell
    blank) for each of :data:`OPTIONAL_INPUTS`; :func:`type_gaps` turns them into reasons.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    d = _typed_deals(deals[is_partner_deal(deals)], partners)
    created = d[d["created_date"].between(start, end)]
    closed = d[closed_between(d, start, end)]
    won = closed[is_won(closed)]
    by = won["type"]
    out = pd.DataFrame(index=pd.Index(PARTNER_TYPES, name="type"))
    out["partners"] = partners.loc[active_in(partners, start, end), "type"].value_counts()
    out["sourced_revenue"] = (
        won[won["attribution"] == Attribution.SOURCED].groupby("type")["amount"].sum()
    )
    out["influenced_revenue"] = (
        won[won["attribution"] == Attribution.INFLUENCED].groupby("type")["amount"].sum()
    )
    out["qualified_leads"] = count_deals(created[created["stage"] != Stage.LEAD], "type")
    out["sourced_leads"] = count_deals(
        created[created["attribution"] == Attribution.SOURCED], "type"
    )
    out["projects"] = count_deals(won[_flag(won["is_project"])], "type")
    out["cost_of_sale"] = pd.to_numeric(won["cost_of_sale"], errors="coerce").groupby(by).sum()
    out["won_deals"] = count_deals(won, "type")
    out["lost_deals"] = count_deals(closed[closed["stage"] == Stage.LOST], "type")
    out["open_deals"] = count_deals(open_at(d, end), "type")
    once = each_deal_once(won, "type")
    cycle = cycle_days(once)
    out["median_cycle_days"] = cycle.groupby(once["type"]).median()
    out["mean_cycle_days"] = cycle.groupby(once["type"]).mean()
    out["avg_deal"] = average_deal(won, "type")
    jm = won[_flag(won["joint_marketing"])]
    out["joint_marketing_wins"] = count_deals(jm, "type")
    out["joint_marketing_revenue"] = jm.groupby("type")["amount"].sum()
    out["undated"] = d["created_date"].isna().groupby(d["type"]).sum()
    out["undated_won"] = won["created_date"].isna().groupby(by).sum()
    out[[*_COUNTS, "undated", "undated_won"]] = out[[*_COUNTS, "undated", "undated_won"]].fillna(0)
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
    return _blank_inputs_missing(out, deals, won)


def _blank_inputs_missing(out: pd.DataFrame, deals: pd.DataFrame, won: pd.DataFrame):
    """Blank the figures drawn from an optional deal column where that column has blanks."""
    for col, (_, figures) in OPTIONAL_INPUTS.items():
        out[f"{col}_supplied"] = bool(deals[col].notna().any())
        out[f"{col}_blank"] = count_deals(won[won[col].isna()], "type")
        out[f"{col}_blank"] = out[f"{col}_blank"].fillna(0).astype(int)
        known = out[f"{col}_supplied"] & (out[f"{col}_blank"] == 0)
        out[list(figures)] = out[list(figures)].where(known, np.nan)
    return out


def quick_wins(
    partners: pd.DataFrame, deals: pd.DataFrame, as_of, within_days: int = 90
) -> tuple[pd.DataFrame, dict]:
    """Days to first won deal per active partner started by ``as_of``, and the share within N
    days (see module docstring: wins before the partner's start are ignored).

    Partners without a win yet show ``first_win`` and ``days_to_first_win`` missing. A partner
    that started before the deals' history does (:func:`playbook.deals.history_start`) is
    ``before_history``: its first win may lie before the export, so it is left out of the
    share, the median and the "no win yet" count (``summary["before_history"]`` counts them).
    """
    as_of = pd.Timestamp(as_of)
    active = partners[
        (partners["status"] == "active")
        & partners["start_date"].notna()
        & (partners["start_date"] <= as_of)
    ]
    t = active[["partner_id", "name", "type", "start_date"]].copy()
    won = deals[is_won(deals) & is_partner_deal(deals) & closed_between(deals, end=as_of)]
    won = won.merge(t[["partner_id", "start_date"]], on="partner_id")
    first = won[won["close_date"] >= won["start_date"]].groupby("partner_id")["close_date"].min()
    t["first_win"] = first.reindex(t["partner_id"]).to_numpy()  # .map fails on an empty first
    t["days_to_first_win"] = (t["first_win"] - t["start_date"]).dt.days
    t["days_since_start"] = (as_of - t["start_date"]).dt.days
    history = history_start(deals)
    t["before_history"] = t["start_date"] < history if history is not None else False
    t.loc[t["before_history"], ["first_win", "days_to_first_win"]] = np.nan
    measured = t[~t["before_history"]]
    eligible = measured[measured["days_since_start"] >= within_days]
    hit = eligible["days_to_first_win"].notna() & (eligible["days_to_first_win"] <= within_days)
    summary = {
        "eligible": len(eligible),
        "within": int(hit.sum()),
        "share": float(hit.mean()) if len(eligible) else np.nan,
        "median_days": float(measured["days_to_first_win"].median())
        if measured["days_to_first_win"].notna().any()
        else np.nan,
        "no_win_yet": int(measured["first_win"].isna().sum()),
        "before_history": int(t["before_history"].sum()),
        "measured": len(measured),
        "history_start": history,
    }
    t["sort_key"] = t["days_to_first_win"].fillna(t["days_since_start"] + 1e6)
    t.loc[t["before_history"], "sort_key"] = -1.0  # unknown: listed last
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
        n_closed = count_deals(d)
        rows[name] = {
            "closed_deals": n_closed,
            "win_rate": count_deals(won) / n_closed if n_closed else np.nan,
            "avg_deal": average_deal(won),
            "median_cycle_days": cycle_days(each_deal_once(won)).median(),
        }
    out = pd.DataFrame(rows).astype(object)
    enough = min(out.loc["closed_deals"]) >= min_deals
    if not enough:
        out.loc[["win_rate", "avg_deal", "median_cycle_days"]] = np.nan
    out.loc["note"] = "" if enough else f"too few deals (fewer than {min_deals} on a side)"
    return out


HEALTH_SCORES = ("open_communication", "trust", "goals_agreed", "team_skill", "alignment")
HEALTH_FLAGS = ("legal_documentation", "beta_program")
#: Weight of each principle in the health score: all equal (the report ranks none above the
#: others). A principle left blank in an assessment drops out with its weight.
HEALTH_WEIGHTS = dict.fromkeys((*HEALTH_SCORES, *HEALTH_FLAGS), 1.0)
RISKS = {
    "trust": "lack of trust",
    "team_skill": "lack of team skill",
    "goals_agreed": "no clear agreement on objectives",
    "alignment": "lack of alignment",
    "open_communication": "no open communication",
}


def health(
    assessments: pd.DataFrame,
    partners: pd.DataFrame,
    as_of,
    risk_at: float = 2,
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Latest assessment on or before ``as_of`` per partner, with its health score 0–100
    (weights ``weights``, default :data:`HEALTH_WEIGHTS`) and named risk flags (module
    docstring). Partners assessed only after ``as_of`` are left out."""
    w = pd.Series(weights or HEALTH_WEIGHTS, dtype="float64")[[*HEALTH_SCORES, *HEALTH_FLAGS]]
    known = assessments[assessments["assessed_date"] <= pd.Timestamp(as_of)]
    latest = known.sort_values("assessed_date").groupby("partner_id").tail(1)
    parts = [latest[list(HEALTH_SCORES)].astype("float64") / 5]
    parts.append(latest[list(HEALTH_FLAGS)].astype("float64"))
    normalised = pd.concat(parts, axis=1)
    answered = (normalised.notna() * w).sum(axis=1)
    out = latest[["partner_id", "assessed_date", *HEALTH_SCORES, *HEALTH_FLAGS]].copy()
    out["score"] = (normalised * w).sum(axis=1) / answered.where(answered > 0) * 100

    def flags(r):
        found = [label for col, label in RISKS.items() if pd.notna(r[col]) and r[col] <= risk_at]
        if pd.notna(r["legal_documentation"]) and not bool(r["legal_documentation"]):
            found.append("no legal documentation (IP at risk)")
        return "; ".join(found)

    out["risks"] = out.apply(flags, axis=1) if len(out) else pd.Series(dtype=str)
    out["status"] = [health_status(v, r) for v, r in zip(out["score"], out["risks"], strict=True)]
    out = out.merge(partners[["partner_id", "name", "type"]], on="partner_id", how="left")
    return out.sort_values("score").reset_index(drop=True)


#: Health status: a score below this (0–100) is Red.
AMBER_BELOW = 60
#: Health status: a score from this (0–100) up, without a risk flag, is Green.
GREEN_FROM = 80


def health_status(score: float, risks: str) -> str:
    """Green / Amber / Red from a health score 0–100 and its risk flags joined by "; " (module
    docstring); "" when there is neither a score nor a flag."""
    flags = len([r for r in (risks or "").split("; ") if r])
    if pd.isna(score) and not flags:
        return ""
    if (pd.notna(score) and score < AMBER_BELOW) or flags >= 2:
        return "Red"
    if (pd.notna(score) and score < GREEN_FROM) or flags == 1:
        return "Amber"
    return "Green"
