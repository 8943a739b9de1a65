"""Value- and transaction-based partners, and the personas that describe them: one definition
for report 08 (which classes the partners and writes the personas) and report 04 (whose
reference profile asks for a persona for every kind of partner).

Definitions (window ``[start, end]`` inclusive; ``end`` is the as-of date)
--------------------------------------------------------------------------
* **Transaction-based** partner (from data, :func:`engagement`): won deals in the window at
  least ``volume_factor`` (:data:`VOLUME_FACTOR`) × the median of active partners' won-deal
  counts, *and* at least one won deal, *and* average won deal size at most ``size_factor``
  (:data:`SIZE_FACTOR`) × the program's average won deal size. Every other active partner is
  **value-based**. A value in ``partners.engagement_model`` overrides the data. The median
  includes active partners with no won deal in the window (as 0): see
  :mod:`playbook.communication`.
* **A persona describes a partner** (:func:`persona_covers`) when the persona's partner type is
  the partner's and its engagement model the partner's class; a persona without a type (or
  without a model) describes every type (or both classes). A partner whose class is not known
  is described only by a persona without a model. A partner is **described by a persona**
  (:func:`described`) when at least one persona describes it.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import active_at, average_deal, won_partner_deals


class EngagementModel(StrEnum):
    """How a partner engages (see module docstring); values as in ``partners.engagement_model``."""

    VALUE = "value"
    TRANSACTION = "transaction"


#: Transaction partner: won deals at least this times the median (notebook ``volume_factor``).
VOLUME_FACTOR = 1.5
#: ... and average won deal at most this times the program's average (notebook ``size_factor``).
SIZE_FACTOR = 1.0


def engagement(
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    start,
    end,
    volume_factor: float = VOLUME_FACTOR,
    size_factor: float = SIZE_FACTOR,
) -> pd.DataFrame:
    """Value- or transaction-based per active partner, from data with the manual override; the
    median won-deal count includes active partners with none (see module docstring)."""
    active = partners[active_at(partners, end)]
    won = won_partner_deals(deals, start, end)
    per = won.groupby("partner_id")["amount"].agg(["count", "mean"])
    t = active[["partner_id", "name", "type", "engagement_model"]].merge(
        per, left_on="partner_id", right_index=True, how="left"
    )
    t["count"] = t["count"].fillna(0)
    median_count = t["count"].median()
    program_avg = average_deal(won)
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


def persona_covers(persona, classes: pd.DataFrame) -> pd.Series:
    """The partners of ``classes`` (``type``, ``model``) that ``persona`` (a row with
    ``partner_type`` and ``engagement_model``, either blank or absent) describes; see the
    module docstring."""
    mask = pd.Series(True, index=classes.index)
    kind = getattr(persona, "partner_type", None)
    model = getattr(persona, "engagement_model", None)
    if kind is not None and pd.notna(kind):
        mask &= classes["type"] == kind
    if model is not None and pd.notna(model):
        mask &= classes["model"] == model
    return mask


def persona_matches(personas: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """Every (persona, group of partners) pair where the persona describes the group, by the
    rule of :func:`persona_covers`: one row per persona (its index in ``personas``, column
    ``persona``) and group of ``classes`` (``type``, ``model``) with the group's partner count
    ``n``. Computed over the groups (a handful of types × models), not partner by partner, so
    a client with thousands of personas and partners costs one join."""
    groups = classes.groupby(["type", "model"], dropna=False).size().rename("n").reset_index()
    own = pd.DataFrame(
        {
            "persona": personas.index,
            "p_type": personas["partner_type"] if "partner_type" in personas else None,
            "p_model": personas["engagement_model"] if "engagement_model" in personas else None,
        }
    )
    pairs = own.merge(groups, how="cross")
    fits = (pairs["p_type"].isna() | (pairs["p_type"] == pairs["type"])) & (
        pairs["p_model"].isna() | (pairs["p_model"] == pairs["model"])
    )
    return pairs[fits][["persona", "type", "model", "n"]]


def described(personas: pd.DataFrame, classes: pd.DataFrame) -> pd.Series:
    """Per partner of ``classes``: True when at least one of ``personas`` describes it."""
    if not len(personas) or not len(classes):
        return pd.Series(False, index=classes.index)
    groups = persona_matches(personas, classes)[["type", "model"]].drop_duplicates()
    keys = pd.MultiIndex.from_frame(classes[["type", "model"]])
    found = keys.isin(pd.MultiIndex.from_frame(groups))
    return pd.Series(found, index=classes.index)
