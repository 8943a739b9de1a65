"""Trend 7 — mindshare measured from the data the client has, beside the rated one.

The client rates the mindshare it expects from each partner (``partners.expected_mindshare``,
low / medium / high, trend 1). Here the same is *measured*, for each active partner, from four
signals the data holds; each is put on the same low / medium / high scale, and they are
combined into a measured mindshare that can be set beside the rating.

Definitions
-----------
* **Responsiveness** (%): of the communications addressed to that one partner
  (``communications.partner_id``) sent in the reporting window, responses ÷ recipients × 100;
  a partner without such a communication takes its ``partners.responsiveness_pct`` (the share
  of our communications it answered, from the marketing-automation tool); missing when neither
  is there. High from :data:`RESPONSIVE_HIGH` %, medium from :data:`RESPONSIVE_MEDIUM` %.
* **Our share of their business** (%): ``partners.our_share_of_their_business_pct`` as the
  client states it (the share of the partner's deals and revenue that comes through us; only
  the partner knows its total, so it is known where the partner said so). High from
  :data:`SHARE_HIGH` %, medium from :data:`SHARE_MEDIUM` % (the level from which shark or
  remora counts a side as dependent).
* **Certification**: ``partners.certification_level`` on our products: ``advanced`` or
  ``expert`` high, ``certified`` medium, ``registered`` or ``none`` low; missing when blank.
* **Joint pipeline**: the number of partner deals (sourced or influenced, each deal once) with
  the partner open at the as-of date (:func:`playbook.deals.open_at`: created by then, not
  closed by then). None is low; among the partners with at least one, fewer than their median
  is medium, the median or more high (so the scale follows the client's own deal volume).
  Missing for everyone when no partner deal carries a created date (nothing can be placed in
  time).
* **Measured mindshare**: the mean of the available signals' levels (low 1, medium 2, high 3),
  below 1.5 low, below 2.5 medium, else high; *not measured* with fewer than
  :data:`MIN_SIGNALS` signals. A blank signal is left out, never counted as low.
* **Rated vs measured** (:class:`Agreement`): the same level agrees; otherwise the measured
  level is higher or lower than rated; *far apart* when they are two levels apart (high vs
  low); *not compared* when either is missing.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import count_deals, is_partner_deal, open_at

#: The levels of the scale, in order (as ``partners.expected_mindshare`` writes them).
LEVELS = ("low", "medium", "high")
RESPONSIVE_HIGH, RESPONSIVE_MEDIUM = 50.0, 25.0
SHARE_HIGH, SHARE_MEDIUM = 25.0, 10.0
CERTIFICATION_LEVEL = {
    "none": "low",
    "registered": "low",
    "certified": "medium",
    "advanced": "high",
    "expert": "high",
}
#: Fewest signals for a measured mindshare.
MIN_SIGNALS = 2
#: The signals, as columns of :func:`measure`.
SIGNALS = ("responsiveness", "share_of_business", "certification", "open_joint_deals")


class Agreement(StrEnum):
    """Rated against measured mindshare (module docstring)."""

    FAR_BELOW = "Far below the rating"
    BELOW = "Below the rating"
    AGREES = "As rated"
    ABOVE = "Above the rating"
    FAR_ABOVE = "Far above the rating"
    NOT_COMPARED = "Not compared"


#: Rows in reading order: the largest disagreements first.
ORDER = (
    Agreement.FAR_BELOW,
    Agreement.FAR_ABOVE,
    Agreement.BELOW,
    Agreement.ABOVE,
    Agreement.AGREES,
    Agreement.NOT_COMPARED,
)


def _band(value: float, high: float, medium: float) -> str | None:
    if value is None or pd.isna(value):
        return None
    return "high" if value >= high else "medium" if value >= medium else "low"


def responsiveness(
    partners: pd.DataFrame, communications: pd.DataFrame, start, end
) -> tuple[pd.Series, pd.Series]:
    """Per partner id: responsiveness in % and where it came from ("communications",
    "partners file" or "" when missing), module docstring."""
    ids = partners["partner_id"].to_numpy()
    comms = communications[communications["partner_id"].notna()]
    dates = pd.to_datetime(comms["date"])
    comms = comms[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
    sums = comms.groupby("partner_id")[["sent", "responses"]].sum()
    sums = sums[sums["sent"] > 0]
    measured = (sums["responses"] * 100 / sums["sent"]).astype("float64").reindex(ids)
    stated = pd.to_numeric(partners["responsiveness_pct"], errors="coerce").set_axis(ids)
    value = measured.where(measured.notna(), stated)
    source = pd.Series(
        np.where(measured.notna(), "communications", np.where(stated.notna(), "partners file", "")),
        index=ids,
    )
    return value.astype("float64"), source


def open_joint_deals(partners: pd.DataFrame, deals: pd.DataFrame, as_of) -> pd.Series:
    """Per partner id: partner deals open at ``as_of`` (each deal once per partner); all
    missing when no partner deal has a created date (module docstring)."""
    ids = partners["partner_id"].to_numpy()
    partner_deals = deals[is_partner_deal(deals)]
    if not partner_deals["created_date"].notna().any():
        return pd.Series(np.nan, index=ids, dtype="float64")
    open_now = open_at(partner_deals, as_of)
    if not len(open_now):
        return pd.Series(0.0, index=ids)
    counts = count_deals(open_now, "partner_id")
    return counts.reindex(ids).fillna(0).astype("float64")


def _pipeline_levels(counts: pd.Series) -> pd.Series:
    some = counts[counts > 0]
    median = some.median() if len(some) else np.nan
    return counts.map(
        lambda n: None if pd.isna(n) else "low" if n == 0 else ("high" if n >= median else "medium")
    )


def _mean_level(levels: list) -> str | None:
    points = [LEVELS.index(v) + 1 for v in levels if isinstance(v, str)]
    if len(points) < MIN_SIGNALS:
        return None
    mean = sum(points) / len(points)
    return "low" if mean < 1.5 else "medium" if mean < 2.5 else "high"


def agreement(rated, measured) -> Agreement:
    """:class:`Agreement` of a rated and a measured level (either may be missing)."""
    if not isinstance(rated, str) or not isinstance(measured, str):
        return Agreement.NOT_COMPARED
    step = LEVELS.index(measured) - LEVELS.index(rated)
    return {
        -2: Agreement.FAR_BELOW,
        -1: Agreement.BELOW,
        0: Agreement.AGREES,
        1: Agreement.ABOVE,
        2: Agreement.FAR_ABOVE,
    }[step]


def measure(
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    communications: pd.DataFrame,
    start,
    end,
    as_of,
) -> pd.DataFrame:
    """Per active partner: each signal's value and level (``<signal>`` and
    ``<signal>_level``; responsiveness with its ``responsiveness_source``), the number of
    signals, ``measured`` and ``rated`` mindshare and their :class:`Agreement` (module
    docstring); sorted with the largest disagreements first, then by name."""
    active = partners[partners["status"] == "active"]
    ids = active["partner_id"].to_numpy()
    resp, source = responsiveness(active, communications, start, end)
    share = pd.to_numeric(active["our_share_of_their_business_pct"], errors="coerce")
    cert = active["certification_level"].astype(object)
    pipeline = open_joint_deals(active, deals, as_of)
    out = pd.DataFrame(
        {
            "partner_id": ids,
            "name": active["name"].to_numpy(),
            "responsiveness": resp.to_numpy(),
            "responsiveness_source": source.to_numpy(),
            "share_of_business": share.to_numpy(dtype="float64"),
            "certification": cert.where(cert.notna(), None).to_numpy(),
            "open_joint_deals": pipeline.to_numpy(),
        }
    )
    out["responsiveness_level"] = [
        _band(v, RESPONSIVE_HIGH, RESPONSIVE_MEDIUM) for v in out["responsiveness"]
    ]
    out["share_of_business_level"] = [
        _band(v, SHARE_HIGH, SHARE_MEDIUM) for v in out["share_of_business"]
    ]
    out["certification_level"] = [CERTIFICATION_LEVEL.get(v) for v in out["certification"]]
    out["open_joint_deals_level"] = _pipeline_levels(out["open_joint_deals"]).to_numpy()
    level_columns = [f"{s}_level" for s in SIGNALS]
    levels = out[level_columns].to_numpy(dtype=object).tolist()
    out["signals"] = [sum(isinstance(v, str) for v in row) for row in levels]
    out["measured"] = [_mean_level(row) for row in levels]
    rated = active["expected_mindshare"].astype(object)
    out["rated"] = rated.where(rated.notna(), None).to_numpy()
    out["agreement"] = [agreement(r, m) for r, m in zip(out["rated"], out["measured"], strict=True)]
    out["_order"] = out["agreement"].map({a: i for i, a in enumerate(ORDER)})
    return out.sort_values(["_order", "name"]).drop(columns="_order").reset_index(drop=True)


def any_measured(measured: pd.DataFrame) -> bool:
    """True when :func:`measure` measured the mindshare of at least one partner (enough
    signals); otherwise the section has nothing to show but what would fill it."""
    return bool(len(measured) and measured["measured"].notna().any())


def counts(measured: pd.DataFrame) -> dict[str, int]:
    """Partners per :class:`Agreement` value (only those present), for ``results.json``."""
    return {str(k): int(v) for k, v in measured["agreement"].value_counts().items()}
