"""Trend 6 — partners screened: "check box" partners, program levels and the entry package,
and the client's figures for the benchmark of the best programs.

Definitions (``as_of`` = the as-of date; a partner's *signing* = its ``start_date``)
-----------------------------------------------------------------------------------
* **"Check box" partner** (:func:`checkbox_partners`; the report: partners "looking for a
  check box need not apply"): an active partner signed at least ``min_days`` days before the
  as-of date (:data:`CHECKBOX_DAYS` by default; a partner signed later has not had time to act)
  — and with at least ``min_days`` of the deals' history since its signing (a partner signed
  before the export starts is watched from the export's first day, :func:`history_start`) —
  with, since signing and up to the as-of date, **no deal** and **no training**:

  - *a deal* is any deal naming the partner (``deals.partner_id`` or a ``deal_partners`` row),
    at any stage — a deal the partner registered is a lead in the CRM — dated (created date,
    else close date) on or after the signing and on or before the as-of date. A deal without
    any date cannot be placed in time and counts as activity (the partner is not accused on a
    blank);
  - *training* is a ``trainings`` row of the partner's staff on our product
    (``partner_on_ours``) completed on or after the signing and on or before the as-of date, or
    ``partners.trained_on_our_product`` = yes (undated: counts as training). When neither the
    trainings table nor the partner's flag says anything, training is **not known**: a partner
    without a deal is then listed as "no deal; training not recorded", never as a check box.

  **Check-box share** = check-box partners ÷ partners signed at least ``min_days`` before the
  as-of date; missing when the training of a partner without a deal is not known.
* **Program level of a partner** (:func:`levels_table`): an active partner sits at the
  highest-ranked level of ``program_levels`` whose ``min_certification`` it holds (its
  ``certification_level`` at or above it; a level without one is open to every partner). A
  partner whose certification is blank is placed only when no level asks for one; otherwise
  its level is not known. The **cheapest way in** is the level with the lowest annual fee
  (then the lowest rank); *share of list value* = annual fee ÷ ``package_value``.
* **Certified share**: active partners certified or above ÷ active partners with a
  certification level (blank levels left out; missing when none has one).
* **Health in good shape**: assessed partners whose latest status is Green ÷ assessed partners
  with a status (:func:`playbook.partner_types.health`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.deals import active_at, history_start
from playbook.schema import CERTIFICATION_SCORE

#: Days after signing before a partner without activity counts as a "check box" partner.
CHECKBOX_DAYS = 180

NO_DEAL_UNKNOWN_TRAINING = "no deal; training not recorded"
CHECKBOX = "check box"


def _deal_links(deals: pd.DataFrame, deal_partners: pd.DataFrame | None) -> pd.DataFrame:
    """Every (partner, deal date) link: the deal's own partner and any ``deal_partners`` row;
    the date is the created date, else the close date (NaT: none)."""
    dated = deals[["deal_id", "partner_id"]].assign(
        day=pd.to_datetime(deals["created_date"]).fillna(pd.to_datetime(deals["close_date"]))
    )
    links = [dated.dropna(subset=["partner_id"])]
    if deal_partners is not None and len(deal_partners):
        extra = deal_partners[["deal_id", "partner_id"]].merge(
            dated[["deal_id", "day"]], on="deal_id"
        )
        links.append(extra)
    return pd.concat(links, ignore_index=True)[["partner_id", "day"]]


def _trained(signed: pd.DataFrame, trainings: pd.DataFrame | None, as_of) -> pd.Series:
    """True / False / NA per signed partner: trained on our product since signing (module
    docstring); NA when nothing says either way."""
    flag = signed["trained_on_our_product"].astype("boolean")
    if trainings is None:
        return flag
    ours = trainings[trainings["direction"] == "partner_on_ours"]
    ours = ours.merge(signed[["partner_id", "start_date"]], on="partner_id")
    day = pd.to_datetime(ours["completed_date"])
    since = ours[(day >= ours["start_date"]) & (day <= pd.Timestamp(as_of))]
    recorded = signed["partner_id"].isin(since["partner_id"])
    return (recorded | flag.fillna(False)).astype("boolean")


def checkbox_partners(
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    as_of,
    min_days: int = CHECKBOX_DAYS,
    deal_partners: pd.DataFrame | None = None,
    trainings: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict]:
    """The active partners signed at least ``min_days`` before ``as_of`` with no deal since
    signing (module docstring), longest signed first: ``partner_id``, ``name``, ``type``,
    ``start_date``, ``days_since_signing``, ``trained`` (True/False/NA) and ``screen``
    (:data:`CHECKBOX`, or :data:`NO_DEAL_UNKNOWN_TRAINING`). ``trainings`` is ``None`` when
    not supplied. The summary: ``eligible``, ``checkbox``, ``unknown`` and ``share``."""
    as_of = pd.Timestamp(as_of)
    signed = partners[active_at(partners, as_of) & partners["start_date"].notna()].copy()
    signed["start_date"] = pd.to_datetime(signed["start_date"])
    signed["days_since_signing"] = (as_of - signed["start_date"]).dt.days
    history = history_start(deals)  # None: no dated deal, nothing can be watched
    seen_from = signed["start_date"].clip(lower=history if history is not None else as_of)
    observed = (as_of - seen_from).dt.days
    signed = signed[observed >= min_days].reset_index(drop=True)
    links = _deal_links(deals, deal_partners).merge(
        signed[["partner_id", "start_date"]], on="partner_id"
    )
    in_time = links["day"].isna() | (
        (links["day"] >= links["start_date"]) & (links["day"] <= as_of)
    )
    signed["deals"] = (
        signed["partner_id"].map(links[in_time].groupby("partner_id").size()).fillna(0).astype(int)
    )
    signed["trained"] = _trained(signed, trainings, as_of).to_numpy()
    idle = signed[signed["deals"] == 0].copy()
    idle["screen"] = np.where(idle["trained"].isna(), NO_DEAL_UNKNOWN_TRAINING, CHECKBOX)
    idle = idle[~idle["trained"].fillna(False).astype(bool)]
    n_box = int((idle["screen"] == CHECKBOX).sum())
    n_unknown = int((idle["screen"] == NO_DEAL_UNKNOWN_TRAINING).sum())
    summary = {
        "eligible": len(signed),
        "checkbox": n_box,
        "unknown": n_unknown,
        "share": n_box / len(signed) if len(signed) and not n_unknown else np.nan,
    }
    cols = ["partner_id", "name", "type", "start_date", "days_since_signing", "trained", "screen"]
    idle = idle.sort_values(["days_since_signing", "partner_id"], ascending=[False, True])
    return idle[cols].reset_index(drop=True), summary


def _placed(cert: float, levels: pd.DataFrame) -> float:
    """The rank of the highest level a partner of certification score ``cert`` qualifies for;
    NaN when its certification is blank and some level asks for one, or none fits."""
    need = levels["min_certification"].map(CERTIFICATION_SCORE)
    if pd.isna(cert):
        fits = levels[need.isna()] if need.isna().all() else levels.iloc[0:0]
    else:
        fits = levels[need.isna() | (need <= cert)]
    return float(fits["rank"].max()) if len(fits) else np.nan


def levels_table(levels: pd.DataFrame, partners: pd.DataFrame, as_of) -> tuple[pd.DataFrame, dict]:
    """Every program level, lowest rank first, with the active partners at it at ``as_of``
    (module docstring) and ``share_of_value`` (annual fee ÷ package list value); the summary:
    ``cheapest`` (its level id), ``not_placed`` (active partners whose level is not known or
    who fit no level) and ``active``."""
    active = partners[active_at(partners, as_of)]
    scores = active["certification_level"].map(CERTIFICATION_SCORE).astype("float64")
    placed = {c: _placed(c, levels) for c in scores.dropna().unique()}  # one per score, not row
    ranks = scores.map(placed).where(scores.notna(), _placed(np.nan, levels))
    out = levels.sort_values("rank").reset_index(drop=True).copy()
    out["partners"] = out["rank"].map(ranks.value_counts()).fillna(0).astype(int)
    value = out["package_value"].astype("float64")
    out["share_of_value"] = out["annual_fee"] / value.where(value > 0)
    cheapest = out.sort_values(["annual_fee", "rank"]).iloc[0]["level_id"] if len(out) else None
    summary = {
        "cheapest": cheapest,
        "not_placed": int(ranks.isna().sum()),
        "active": len(active),
    }
    return out, summary


def certified_share(partners: pd.DataFrame, as_of) -> float:
    """Active partners certified or above ÷ active partners with a level (module docstring)."""
    levels = partners.loc[active_at(partners, as_of), "certification_level"]
    scores = levels.map(CERTIFICATION_SCORE).dropna()
    if not len(scores):
        return np.nan
    return float((scores >= CERTIFICATION_SCORE["certified"]).mean())


def green_share(h: pd.DataFrame | None) -> float:
    """Assessed partners whose latest health status is Green ÷ those with a status."""
    if h is None:
        return np.nan
    rated = h[h["status"] != ""]
    return float((rated["status"] == "Green").mean()) if len(rated) else np.nan


def own_marks(ww: pd.DataFrame) -> dict[str, float]:
    """Marks taken from the client's own data: a partner deal should be won at least as often
    as a deal without a partner, so the partner win rate's mark is the direct win rate (when
    :func:`playbook.partner_types.with_without` could compare them)."""
    direct = ww.loc["win_rate", "without_partner"]
    return {} if pd.isna(direct) else {"partner_win_rate": float(direct)}


def measured(
    *,
    quick: dict | None,
    checkbox: dict | None,
    partners: pd.DataFrame,
    ww: pd.DataFrame,
    h: pd.DataFrame | None,
    as_of,
) -> dict[str, float]:
    """The client's value of every benchmark measure
    (:data:`playbook.program_reference.MEASURES`), NaN where the data cannot give it."""
    quick = quick or {}
    return {
        "quick_win_share": quick.get("share", np.nan),
        "median_days_to_first_win": quick.get("median_days", np.nan),
        "checkbox_share": (checkbox or {}).get("share", np.nan),
        "certified_share": certified_share(partners, as_of),
        "partner_win_rate": ww.loc["win_rate", "with_partner"],
        "health_green_share": green_share(h),
    }
