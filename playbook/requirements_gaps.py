"""Trend 1 — a partner against each requirement criterion: score, result and the gaps to close.

:mod:`playbook.requirements` gives one fit score per partner; this module opens it up, one row
per partner and criterion, for the Partner Requirements Documents (report 01 and the editable
Word files of :mod:`playbook.requirements_document`).

Definitions
-----------
* **Weight share** of a criterion: its weight ÷ the sum of the weights of every criterion of the
  profile (0–1): how much of a full fit score it can carry when everything is scored.
* **Points of fit** of a scored criterion: ``100 × w·s/5 ÷ Σ w`` over the criteria *that partner*
  has scored (points on the 0–100 fit scale); a partner's points add up to its fit score
  (:func:`playbook.requirements.fit_scores`). Unscored: missing, never 0.
* **Minimum** of a criterion: for a must-have, :func:`playbook.requirements.must_have_minimum`
  (``min_score`` of the profile, else the notebook parameter ``must_have_min_score``); a
  criterion that is not a must-have has none (its ``min_score`` does not apply).
* **Target**: the criterion's ``target`` in ``profile.yaml`` (0–5), the score the client wants
  a partner to reach; none when the profile sets none (then no "below the target" gap exists:
  a missing target is never read as 0 or 5).
* **Result** of a partner on a criterion (:class:`CriterionResult`), in this order: not scored;
  below the minimum (a must-have scored under its minimum: the partner fails the must-have
  check); below the target; meets the target; meets the minimum (a must-have without a target);
  scored (no target, not a must-have).
* **Gap to close**: a criterion whose result is *below the minimum* or *below the target*.
  ``short_of_minimum`` = minimum − score (must-haves below their minimum only),
  ``short_of_target`` = target − score (wherever the score is under a target), both in score
  points (0–5).
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.profile import Criterion
from playbook.requirements import DEFAULT_MUST_HAVE_MIN, must_have_minimum


class CriterionResult(StrEnum):
    """How a partner scores on one criterion (see the module docstring)."""

    NOT_SCORED = "not_scored"
    BELOW_MINIMUM = "below_minimum"
    BELOW_TARGET = "below_target"
    MEETS_TARGET = "meets_target"
    MEETS_MINIMUM = "meets_minimum"
    SCORED = "scored_no_target"


#: The results that make a gap to close, most serious first.
GAP_RESULTS = (CriterionResult.BELOW_MINIMUM, CriterionResult.BELOW_TARGET)

CRITERIA_COLUMNS = [
    "criterion",
    "description",
    "weight",
    "weight_share",
    "must_have",
    "minimum",
    "target",
]
SCORE_COLUMNS = [
    "partner_id",
    "name",
    "status",
    "criterion",
    "weight",
    "must_have",
    "minimum",
    "target",
    "score",
    "fit_points",
    "result",
    "short_of_minimum",
    "short_of_target",
    "note",
]


def criteria_table(
    criteria: list[Criterion], default_min_score: float = DEFAULT_MUST_HAVE_MIN
) -> pd.DataFrame:
    """The client's criteria as a table, in profile order: ``criterion``, ``description``,
    ``weight``, ``weight_share`` (0–1 of the total weight; missing when every weight is 0),
    ``must_have`` (bool), ``minimum`` (0–5, must-haves only, else missing) and ``target``
    (0–5, missing when the profile sets none)."""
    total = sum(c.weight for c in criteria)
    rows = [
        {
            "criterion": c.name,
            "description": c.description,
            "weight": float(c.weight),
            "weight_share": c.weight / total if total > 0 else np.nan,
            "must_have": bool(c.must_have),
            "minimum": must_have_minimum(c, default_min_score) if c.must_have else np.nan,
            "target": np.nan if c.target is None else float(c.target),
        }
        for c in criteria
    ]
    return pd.DataFrame(rows, columns=CRITERIA_COLUMNS)


def result_of(score: float, must_have: bool, minimum: float, target: float) -> CriterionResult:
    """The :class:`CriterionResult` of one score (missing values as NaN)."""
    if pd.isna(score):
        return CriterionResult.NOT_SCORED
    if must_have and score < minimum:
        return CriterionResult.BELOW_MINIMUM
    if not pd.isna(target):
        return CriterionResult.BELOW_TARGET if score < target else CriterionResult.MEETS_TARGET
    return CriterionResult.MEETS_MINIMUM if must_have else CriterionResult.SCORED


def criterion_scores(
    partners: pd.DataFrame,
    scores: pd.DataFrame,
    criteria: list[Criterion],
    default_min_score: float = DEFAULT_MUST_HAVE_MIN,
) -> pd.DataFrame:
    """One row per partner of ``partners`` (in their order) and criterion (profile order):
    :data:`SCORE_COLUMNS`. ``score`` and ``note`` come from ``requirement_scores`` (missing
    when not scored; scores of criteria the profile does not list are ignored), ``fit_points``,
    ``result``, ``short_of_minimum`` and ``short_of_target`` as the module docstring defines."""
    crit = criteria_table(criteria, default_min_score)
    given = scores.set_index(["partner_id", "criterion"])
    notes = given["note"] if "note" in given else pd.Series(dtype=object)
    base = partners[["partner_id", "name", "status"]].reset_index(drop=True)
    long = base.merge(crit.drop(columns=["description", "weight_share"]), how="cross")
    key = pd.MultiIndex.from_arrays([long["partner_id"], long["criterion"]])
    long["score"] = pd.to_numeric(given["score"].reindex(key), errors="coerce").to_numpy()
    long["note"] = notes.reindex(key).to_numpy() if len(notes) else None
    scored_weight = long["weight"].where(long["score"].notna(), 0.0)
    per_partner = scored_weight.groupby(long["partner_id"], sort=False).transform("sum")
    long["fit_points"] = (100 * long["weight"] * long["score"] / 5 / per_partner).where(
        per_partner > 0
    )
    long["result"] = [
        result_of(s, m, lo, t)
        for s, m, lo, t in zip(
            long["score"], long["must_have"], long["minimum"], long["target"], strict=True
        )
    ]
    below_min = long["result"] == CriterionResult.BELOW_MINIMUM
    long["short_of_minimum"] = (long["minimum"] - long["score"]).where(below_min)
    long["short_of_target"] = (long["target"] - long["score"]).where(long["score"] < long["target"])
    return long[SCORE_COLUMNS]


def gaps_to_close(long: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`criterion_scores` that are gaps to close (below the minimum or below
    the target): must-have failures first, then partners in their order, the largest
    shortfall first."""
    gaps = long[long["result"].isin(GAP_RESULTS)].copy()
    order = {pid: i for i, pid in enumerate(dict.fromkeys(long["partner_id"]))}
    gaps["_partner"] = gaps["partner_id"].map(order)
    gaps["_serious"] = gaps["result"].map({r: i for i, r in enumerate(GAP_RESULTS)})
    gaps["_short"] = gaps["short_of_target"].fillna(gaps["short_of_minimum"])
    gaps = gaps.sort_values(["_serious", "_partner", "_short"], ascending=[True, True, False])
    return gaps.drop(columns=["_partner", "_serious", "_short"]).reset_index(drop=True)


def gap_counts(long: pd.DataFrame) -> dict:
    """How many partners (of those with at least one score) have a gap to close, and how many
    gaps of each kind: ``scored_partners``, ``partners_with_gaps``, ``below_minimum``,
    ``below_target``, ``not_scored`` (criteria without a score of scored partners)."""
    rows = long[long["partner_id"].isin(set(long.loc[long["score"].notna(), "partner_id"]))]
    gaps = rows[rows["result"].isin(GAP_RESULTS)]
    return {
        "scored_partners": int(rows["partner_id"].nunique()),
        "partners_with_gaps": int(gaps["partner_id"].nunique()),
        "below_minimum": int((rows["result"] == CriterionResult.BELOW_MINIMUM).sum()),
        "below_target": int((rows["result"] == CriterionResult.BELOW_TARGET).sum()),
        "not_scored": int((rows["result"] == CriterionResult.NOT_SCORED).sum()),
    }
