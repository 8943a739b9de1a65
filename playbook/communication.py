"""Trend 8 — partner communication: value vs transaction partners, journey, media, report cards,
per-partner plans.

Everything is computed **as of** the as-of date: a journey event or a communication dated after
it does not exist yet and is left out; a milestone completed after it was not done yet; one due
before it and not done by then is overdue. :func:`playbook.communication_views.definitions` words
the definitions below for the report ("How these figures are defined"), with the parameters of
the run.

Definitions (window ``[start, end]`` inclusive; ``end`` is the as-of date)
--------------------------------------------------------------------------
* **Active partners**: status ``active`` and ``start_date`` blank or on or before ``end`` (as
  "active partners" in :mod:`playbook.analytics`).
* **Transaction-based** partner (from data): won deals in the window at least ``volume_factor``
  (:data:`VOLUME_FACTOR`) × the median of active partners' won-deal counts, *and* at least one
  won deal, *and* average won deal size at most ``size_factor`` (:data:`SIZE_FACTOR`) × the
  program's average won deal size. Every other active partner is **value-based**. A value in
  ``partners.engagement_model`` overrides the data. Decision: the median **includes active
  partners with no won deal in the window** (as 0): the deals table is the complete record of the
  window, so "no won deal" is a measured zero, not a blank, and the median describes the typical
  program member. A partner with no won deal is never transaction-based from data; when more than
  half of the active partners won nothing the median is 0 and the volume test reduces to "at
  least one won deal" (the size test still applies).
* **Journey**: stages unknown → visitor → lead → partner → advocate, from events dated on or
  before the as-of date. A partner has *reached* a stage when it has an event at that stage or a
  later one. *Conversion* from a stage = partners reaching the next stage ÷ partners reaching this
  one. *Days in stage* = next stage's date − this stage's date, for partners with both dates; the
  median is shown.
* **Response rate** = responses ÷ sent, summed over the communications of a group sent on or
  before the as-of date (a group with nothing sent has no rate, "—"). The **best medium** of a
  stage has the highest response rate among media with at least ``min_sent``
  (:data:`MIN_SENT`) recipients at that stage.
* **Report card** (transaction partners): for each metric, the percentile rank among **this
  client's transaction partners** (pandas ``rank(pct=True)``, ties averaged; deal velocity ranked
  so that fewer days is better). Metrics: deal volume (won deals in the window), win rate (won ÷
  closed in the window), deal velocity (median days to close of won deals), certification score
  (0–4), responsiveness (``responsiveness_pct``). *Composite* = Σ wᵢ·rankᵢ ÷ Σ wᵢ over metrics
  the partner has (a missing metric is left out, not ranked last). *Grade*: the best letter whose
  floor the composite reaches — :data:`GRADE_FLOORS` A ≥ 0.8, B ≥ 0.6, C ≥ 0.4, D ≥ 0.2, F below
  (notebook ``grade_floors``). Grades are therefore **ranks, not benchmarks**: an A is "near the
  top of this client's transaction partners in the window", not good against any market
  standard, and a client with a single transaction partner gives it every rank 1 (an A).
* **Plan milestones** at the as-of date: the same rule as trend 4's checklist — ``done`` when
  completed on or before the as-of date (or marked done without a date); marked ``done`` but
  completed after it counts as ``in_progress``. **Progress** = milestones done ÷ milestones;
  **overdue** = not done at the as-of date and due strictly before it. A milestone without a due
  date cannot be overdue; a partner whose open milestones all lack a due date has no overdue
  count ("—"), not 0.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise

import numpy as np
import pandas as pd

from playbook.deals import (
    closed_between,
    cycle_days,
    is_closed,
    is_won,
)
from playbook.engagement import SIZE_FACTOR as SIZE_FACTOR
from playbook.engagement import VOLUME_FACTOR as VOLUME_FACTOR
from playbook.engagement import EngagementModel
from playbook.engagement import engagement as engagement
from playbook.exceptions import NotebookInputError
from playbook.formatting import MISSING
from playbook.schema import CERTIFICATION_SCORE, JOURNEY_STAGES, TaskStatus


class Grade(StrEnum):
    """Report-card letter grade (see module docstring)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    F = "F"


#: Recipients a medium needs at a stage to be called its best medium (notebook ``min_sent``).
MIN_SENT = 100
#: Lowest composite score (0–1, a percentile among this client's transaction partners) of each
#: grade; below D is F (notebook ``grade_floors``).
GRADE_FLOORS = {Grade.A: 0.8, Grade.B: 0.6, Grade.C: 0.4, Grade.D: 0.2}
#: The default grade scale: lowest composite score of each grade, best first.
GRADES = (*((floor, g) for g, floor in GRADE_FLOORS.items()), (0.0, Grade.F))
CARD_METRICS = ("deal_volume", "win_rate", "deal_velocity", "certification", "responsiveness")


def _until(frame: pd.DataFrame, as_of) -> pd.DataFrame:
    """Rows dated (``date``) on or before ``as_of``: later ones do not exist yet."""
    return frame[pd.to_datetime(frame["date"]) <= pd.Timestamp(as_of)]


def journey(events: pd.DataFrame, as_of, model: pd.Series | None = None) -> pd.DataFrame:
    """Stage counts, conversion to the next stage and median days in stage, from the events
    dated on or before ``as_of``.

    ``model`` (partner id → value/transaction) restricts nothing; it adds ``reached_value`` and
    ``reached_transaction`` columns so a map per kind of partner can be drawn.
    """
    events = _until(events, as_of)
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


def media(
    communications: pd.DataFrame, as_of, min_sent: int = MIN_SENT
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rate by stage × medium, and the best medium per stage, over the communications
    sent on or before ``as_of``."""
    communications = _until(communications, as_of)
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


def per_communication(communications: pd.DataFrame, as_of) -> pd.DataFrame:
    """Every communication sent on or before ``as_of`` with its ``response_rate`` (responses ÷
    sent), latest first."""
    c = _until(communications, as_of).copy()
    c["response_rate"] = c["responses"] / c["sent"].where(c["sent"] > 0)
    return c.sort_values("date", ascending=False)


def grade_scale(floors: dict | None = None) -> tuple[tuple[float, Grade], ...]:
    """The grade scale, best first: :data:`GRADE_FLOORS` with ``floors`` (letter → lowest
    composite score) laid over it; floors must lie in 0–1 and fall from A to D."""
    merged = {**GRADE_FLOORS, **{Grade(k): float(v) for k, v in (floors or {}).items()}}
    values = [merged[g] for g in (Grade.A, Grade.B, Grade.C, Grade.D)]
    if not all(0 <= v <= 1 for v in values) or any(a <= b for a, b in pairwise(values)):
        raise NotebookInputError(
            f"grade_floors {dict(zip('ABCD', values, strict=True))}: each floor must be "
            "between 0 and 1, and A above B above C above D"
        )
    return (*((merged[g], g) for g in (Grade.A, Grade.B, Grade.C, Grade.D)), (0.0, Grade.F))


def grade(score: float, scale: tuple[tuple[float, Grade], ...] = GRADES) -> str:
    """Letter grade of a composite percentile score 0–1 on ``scale`` (see module docstring)."""
    if score is None or pd.isna(score):
        return MISSING
    for floor, letter in scale:
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
    floors: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Graded report cards for transaction partners (metric values, ranks, composite, grade);
    ranks are among the transaction partners of ``eng`` only; ``floors`` see :func:`grade_scale`."""
    weights = {m: float((weights or {}).get(m, 1.0)) for m in CARD_METRICS}
    scale = grade_scale(floors)
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
    card["grade"] = card["composite"].map(lambda s: grade(s, scale))
    for m in CARD_METRICS:
        card[f"{m}_rank"] = ranks[m]
    return card.sort_values(["composite", "name"], ascending=[False, True]).reset_index()


def _status_at(status: pd.Series, completed: pd.Series, as_of) -> pd.Series:
    """Milestone status at ``as_of``: ``done`` completed after it becomes ``in_progress``."""
    completed = pd.to_datetime(completed)
    later = (status == TaskStatus.DONE) & completed.notna() & (completed > pd.Timestamp(as_of))
    return status.mask(later, TaskStatus.IN_PROGRESS)


def plans(
    plan_rows: pd.DataFrame, partners: pd.DataFrame, as_of
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per partner: issue, today, target, milestones done / total, progress, overdue (``<NA>``
    when open milestones have no due date); and the milestone list with its ``status`` at
    ``as_of`` (``recorded_status`` as in the table) and an ``overdue`` flag."""
    as_of = pd.Timestamp(as_of)
    m = plan_rows.copy()
    m["recorded_status"] = m["status"]
    m["status"] = _status_at(m["status"], m["completed_date"], as_of)
    due = pd.to_datetime(m["due_date"])
    still_open = m["status"] != TaskStatus.DONE
    m["overdue"] = still_open & due.notna() & (due < as_of)
    m["open_undated"] = still_open & due.isna()
    g = m.groupby("partner_id")
    summary = pd.DataFrame(
        {
            "issue": g["issue"].first(),
            "current_state": g["current_state"].first(),
            "target_state": g["target_state"].first(),
            "milestones": g.size(),
            "done": (m["status"] == TaskStatus.DONE).groupby(m["partner_id"]).sum(),
            "overdue": g["overdue"].sum().astype("Int64"),
            "open_undated": g["open_undated"].sum(),
        }
    )
    # Open milestones and not one due date: "0 overdue" would be drawn from blanks.
    not_assessed = (summary["open_undated"] > 0) & (
        summary["open_undated"] == summary["milestones"] - summary["done"]
    )
    summary["overdue"] = summary["overdue"].mask(not_assessed)
    summary["progress"] = summary["done"] / summary["milestones"]
    summary.insert(0, "name", partners.set_index("partner_id")["name"].reindex(summary.index))
    return summary.reset_index(), m.drop(columns="open_undated")
