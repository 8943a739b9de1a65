"""Trend 2 — MVP partner acquisition: tiers, acquisition funnel, content reach.

The account matching these figures rest on (normalised keys, salted hashes, overlap per partner,
potential revenue, counts-only privacy) is :mod:`playbook.overlap`; this module ranks the
partners it found and measures the campaigns that recruit them; trend 2's result (takeaways,
key findings, actions, partner records) is built by :mod:`playbook.acquisition_findings`.

Definitions
-----------
* **Acquisition targets**: partners with an overlap that are not active (not yet signed, or
  no longer); active partners are already signed and are shown apart, never ranked as targets.
* **MVP rank** of a target: by our customers in common, then potential revenue, then
  overlapping accounts (most first), then name (:data:`RANK_ORDER`); the fit score (notebook
  01) sets the tier, never the order.
* **Tier** (:class:`Tier`): *Low-Hanging Fruit* — overlap with our customers ≥ ``lhf_overlap``
  and fit ≥ ``lhf_fit``; *Mid-Level* — otherwise, overlap ≥ ``mid_overlap`` or fit ≥
  ``mid_fit``; *Cold* — the rest (see :func:`rank_partners` for partners without a fit score).
  A partner that fails a must-have criterion (notebook 01's must-have check) is never
  Low-Hanging Fruit: it would be signed quickly but cannot be signed as it stands, so it lands
  in Mid-Level (a nurturing campaign while the gap is closed) and its ``tier_reason`` says so.
* **Why this tier** (``tier_reason``): the figures that placed the partner, against the
  thresholds, and any must-have it fails (:func:`tier_reason`).
* **Acquisition funnel** (:data:`FUNNEL`): traffic → opt-ins → engaged → closed, summed over
  the campaigns started on or before the as-of date (or without a start date). Conversion at
  each step = next stage ÷ previous stage; overall = closed ÷ traffic; **campaign cost per
  signed partner** = cost ÷ closed (missing when nothing closed), the offers' own cost per
  partner left out (:mod:`playbook.offers` adds it in its cost per signed partner, offer
  included).
* **Content reach**: per content piece, the distinct channels it was repurposed to, its
  campaigns, and the traffic, opt-ins and partners signed they reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import count_deals, won_partner_deals
from playbook.formatting import fmt_int, fmt_percent, format_frame
from playbook.labels import label_values
from playbook.schema import CAMPAIGN_TIERS

# --------------------------------------------------------------------------- ranking and tiers


class Tier(StrEnum):
    """MVP tier of a partner (see :func:`rank_partners`); also a campaign's target tier label."""

    LOW_HANGING_FRUIT = "Low-Hanging Fruit"
    MID_LEVEL = "Mid-Level"
    COLD = "Cold"


TIERS = tuple(Tier)
TIER_LABELS = dict(zip(CAMPAIGN_TIERS, TIERS, strict=True))  # campaigns.tier value → label


def rank_partners(
    overlap: pd.DataFrame,
    fit: pd.DataFrame | None,
    lhf_overlap: int,
    lhf_fit: float,
    mid_overlap: int,
    mid_fit: float,
    signed: set[str] | frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """MVP tiers by thresholds, and the ranking of the acquisition targets.

    * **Low-Hanging Fruit**: overlap with our customers ≥ ``lhf_overlap`` and fit ≥ ``lhf_fit``.
    * **Mid-Level**: otherwise, overlap ≥ ``mid_overlap`` or fit ≥ ``mid_fit``.
    * **Cold**: the rest. A partner without a fit score is tiered on overlap alone (its fit
      condition counts as met for Low-Hanging Fruit only when no fit scores exist at all).

    Partners in ``signed`` (active partners: already signed) are tiered but never ranked as
    acquisition targets (``target`` False, ``rank`` missing); they follow the targets. Both are
    ordered by :data:`RANK_ORDER`: our customers in common, then potential revenue, then
    overlapping accounts (all most first), then name — a missing fit score never decides.
    Columns: ``rank``, ``partner_id``, ``name``, ``target``, ``our_customers``,
    ``overlap_total``, ``potential_revenue``, ``fit_score``, ``must_have``, ``failed`` (the
    must-have criteria failed, when ``fit`` carries them as
    :func:`playbook.requirements.fit_scores` does), ``tier``, ``tier_reason``
    (:func:`tier_reason`) and ``held_back`` (Low-Hanging Fruit on customers in common and fit,
    kept in Mid-Level by a failed must-have).
    """
    out = overlap[
        ["partner_id", "name", "our_customers", "overlap_total", "potential_revenue"]
    ].copy()
    if fit is not None and len(fit):
        fit = fit if "must_have" in fit else fit.assign(must_have=None)
        keep = ["partner_id", "fit_score", "must_have", *(["failed"] if "failed" in fit else [])]
        out = out.merge(fit[keep], on="partner_id", how="left")
        fit_ok_lhf = out["fit_score"] >= lhf_fit
        fit_ok_mid = out["fit_score"] >= mid_fit
    else:
        out["fit_score"], out["must_have"] = np.nan, None
        fit_ok_lhf = pd.Series(True, index=out.index)
        fit_ok_mid = pd.Series(False, index=out.index)
    if "failed" not in out:
        out["failed"] = None
    lhf = (out["our_customers"] >= lhf_overlap) & fit_ok_lhf.fillna(False)
    mid = ~lhf & ((out["our_customers"] >= mid_overlap) | fit_ok_mid.fillna(False))
    fails = out["must_have"].astype("object").eq("fail")
    out["held_back"] = lhf & fails
    out["tier"] = np.where(
        lhf & ~fails, Tier.LOW_HANGING_FRUIT, np.where(mid | lhf, Tier.MID_LEVEL, Tier.COLD)
    )
    rule = TierRule(lhf_overlap, lhf_fit, mid_overlap, mid_fit, fit is not None and len(fit) > 0)
    out["tier_reason"] = [tier_reason(r, rule) for r in out.itertuples()]
    out["target"] = ~out["partner_id"].isin(set(signed))
    out = out.sort_values(
        ["target", *RANK_ORDER, "name", "partner_id"],
        ascending=[False, *[False] * len(RANK_ORDER), True, True],
        na_position="last",
    ).reset_index(drop=True)
    rank = pd.Series(range(1, len(out) + 1), dtype="Int64").where(out["target"])
    out.insert(0, "rank", rank)
    columns = ["rank", "partner_id", "name", "target", "our_customers", "overlap_total"]
    tiering = ["failed", "tier", "tier_reason", "held_back"]
    return out[[*columns, "potential_revenue", "fit_score", "must_have", *tiering]]


@dataclass(frozen=True)
class TierRule:
    """The tier thresholds of :func:`rank_partners`; ``has_fit``: any fit score exists."""

    lhf_overlap: float
    lhf_fit: float
    mid_overlap: float
    mid_fit: float
    has_fit: bool


def tier_reason(r, rule: TierRule) -> str:
    """Why partner ``r`` (a row of :func:`rank_partners` with ``our_customers``, ``fit_score``,
    ``must_have``, ``failed`` and ``tier``) is in its tier, in plain words: its customers in
    common and fit score against the thresholds, and the must-have it fails."""
    customers = f"{fmt_int(r.our_customers)} of our customers in common"
    fit = "no fit score" if pd.isna(r.fit_score) else f"fit {r.fit_score:.0f}"
    failed = str(r.failed) if isinstance(r.failed, str) and r.failed else "a must-have criterion"
    fails = str(r.must_have) == "fail"
    lhf_c, lhf_f = (
        r.our_customers >= rule.lhf_overlap,
        pd.notna(r.fit_score) and r.fit_score >= rule.lhf_fit,
    )
    if r.tier == Tier.LOW_HANGING_FRUIT:
        if not rule.has_fit:
            return (
                f"{customers}: Low-Hanging Fruit from {fmt_int(rule.lhf_overlap)}; no fit "
                "scores to check"
            )
        return (
            f"{customers} and {fit}: Low-Hanging Fruit from {fmt_int(rule.lhf_overlap)} and "
            f"fit {rule.lhf_fit:g}"
        )
    if fails and lhf_c and (lhf_f or not rule.has_fit):
        return (
            f"Would be Low-Hanging Fruit on {customers} and {fit}, but fails the must-have "
            f"{failed}: not signable until it passes"
        )
    if r.tier == Tier.MID_LEVEL:
        met = [
            *(
                [f"{customers} (Mid-Level from {fmt_int(rule.mid_overlap)})"]
                if r.our_customers >= rule.mid_overlap
                else []
            ),
            *(
                [f"{fit} (Mid-Level from {rule.mid_fit:g})"]
                if pd.notna(r.fit_score) and r.fit_score >= rule.mid_fit
                else []
            ),
        ]
        short = (
            f"Low-Hanging Fruit needs {fmt_int(rule.lhf_overlap)} customers in common"
            if not lhf_c
            else f"Low-Hanging Fruit needs fit {rule.lhf_fit:g} ({fit})"
        )
        text = f"{' and '.join(met)}; {short}"
    else:
        text = (
            f"{customers} and {fit}: Mid-Level needs {fmt_int(rule.mid_overlap)} customers in "
            f"common or fit {rule.mid_fit:g}"
        )
    return text + (f"; fails the must-have {failed}" if fails else "")


#: How partners with the same overlap are ordered (most first), before their name.
RANK_ORDER = ["our_customers", "potential_revenue", "overlap_total"]


def won_by_partner(deals: pd.DataFrame, as_of) -> pd.DataFrame:
    """Won revenue and won deals per partner, all time up to ``as_of``
    (:func:`playbook.deals.won_partner_deals`; a split deal's line credits its partner):
    columns ``partner_id``, ``won_revenue``, ``won_deals``."""
    won = won_partner_deals(deals, end=pd.Timestamp(as_of))
    out = pd.DataFrame(
        {
            "won_revenue": won.groupby("partner_id")["amount"].sum(),
            "won_deals": count_deals(won, "partner_id"),
        }
    )
    return out.rename_axis("partner_id").reset_index()


# --------------------------------------------------------------------------- funnel


FUNNEL = ("traffic", "opt_ins", "engaged", "closed")


def funnel(campaigns: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Acquisition funnel summed by ``by`` (e.g. ``["tier"]``, ``["tier", "channel"]``).

    Conversion at each step = next stage ÷ previous stage; ``overall`` = closed ÷ traffic;
    ``cost_per_partner`` = cost ÷ closed (missing when nothing closed): the **campaign cost
    per signed partner**, the offers' own cost per partner left out (that is
    :func:`playbook.offers.offer_response`'s ``cost_per_partner``; its
    ``campaign_cost_per_partner`` is this figure).
    """
    g = campaigns.groupby(by)[["cost", *FUNNEL]].sum()
    g["opt_in_rate"] = g["opt_ins"] / g["traffic"].where(g["traffic"] > 0)
    g["engage_rate"] = g["engaged"] / g["opt_ins"].where(g["opt_ins"] > 0)
    g["close_rate"] = g["closed"] / g["engaged"].where(g["engaged"] > 0)
    g["overall"] = g["closed"] / g["traffic"].where(g["traffic"] > 0)
    g["cost_per_partner"] = g["cost"] / g["closed"].where(g["closed"] > 0)
    return g.reset_index()


def content_reach(campaigns: pd.DataFrame) -> pd.DataFrame:
    """Per content piece: channels it was repurposed to, traffic reached, opt-ins, partners."""
    c = campaigns.dropna(subset=["content_piece"])
    out = c.groupby("content_piece").agg(
        channels=("channel", "nunique"),
        channel_list=("channel", lambda s: ", ".join(sorted(set(s)))),
        campaigns=("campaign_id", "count"),
        traffic=("traffic", "sum"),
        opt_ins=("opt_ins", "sum"),
        closed=("closed", "sum"),
    )
    return out.sort_values("traffic", ascending=False).reset_index()


def campaigns_as_of(campaigns: pd.DataFrame, as_of) -> pd.DataFrame:
    """Campaigns started on or before ``as_of`` (or without a start date)."""
    return campaigns[
        campaigns["start_date"].isna() | (campaigns["start_date"] <= pd.Timestamp(as_of))
    ]


def definitions() -> list[str]:
    """ "How these figures are defined": the short list shown in report 02 (module docstrings of
    this module and :mod:`playbook.overlap`)."""
    return [
        "Match keys, tried in order for each row of a partner's list: the normalised domain "
        "(lower case, no www., path or e-mail user part); the normalised company name (legal "
        "suffixes such as Inc or GmbH dropped) only where a domain is missing on either side — "
        "a domain on both sides that differs is no match; for a hashed list, the salted hash of "
        "the domain.",
        "Overlap: distinct accounts of ours on a partner's list, by our group (customer, "
        "prospect, open opportunity) and their relationship.",
        "Potential revenue: the value of our deals open at the as-of date (created by then and "
        "not closed by then) in accounts that overlap, each deal counted once per partner, at "
        "the amount recorded on the deal; an open deal recorded without one is valued at list "
        "price × units from the price list, and one with neither is left out (the figure says "
        "how many are valued). It is pipeline, not a forecast: no win rate is applied. A deal "
        "in an account several partners know counts for each of them, so the partners' figures "
        "add up to more than the total, which counts every deal once.",
        "Links from deals, used only when no partner account list is supplied: a partner works "
        "with an account when a deal of that account names the partner and is known at the "
        "as-of date (created by then; without a created date, not closed after it); the account "
        "is the partner's customer when one such deal is won by then, else its prospect. "
        "Overlap and potential revenue are then counted on these links as on a list, including "
        "the open deals the partner is already on.",
        "Tiers: Low-Hanging Fruit needs both enough customers in common and a high enough fit "
        "score; Mid-Level either one; Cold the rest. A partner without a fit score is tiered "
        "on its customers in common alone. A partner that fails a must-have criterion is never "
        "Low-Hanging Fruit: it lands in Mid-Level, and 'Why this tier' says so.",
        "Acquisition targets: partners with an overlap that are not active; active partners are "
        "already signed and shown apart with what they have won with us. Targets rank by our "
        "customers in common, then potential revenue, then overlapping accounts, then name; the "
        "fit score sets the tier, never the order.",
        "Acquisition funnel: campaigns started on or before the as-of date; each rate is the "
        "next stage ÷ the previous one; overall conversion = partners closed ÷ traffic; campaign "
        "cost per signed partner = the campaigns' cost ÷ partners closed, the offers' own cost "
        "per partner left out (the offers table adds it: 'Cost per signed partner, offer "
        "included').",
        "A blank is never a zero: a figure whose input was not supplied shows — or 'not supplied'.",
    ]


# --------------------------------------------------------------------------- report views


def ranking_view(ranked: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The acquisition targets of :func:`rank_partners` (signed partners left out), formatted,
    codes as labels."""
    t = ranked[ranked["target"]]
    out = format_frame(
        t,
        money=["potential_revenue"],
        integer=["rank", "our_customers", "overlap_total"],
        currency=currency,
    )
    out["fit_score"] = t["fit_score"].map(lambda v: "—" if pd.isna(v) else f"{v:.0f}")
    out["must_have"] = label_values(t["must_have"].astype("object")).fillna("—")
    out = out.drop(columns=["partner_id", "target", "held_back", "failed"])
    return out.rename(columns=RANKING_COLUMNS)


#: The columns of :func:`ranking_view` a report shows (the workbook also has overlapping
#: accounts).
RANKING_SCREEN = [
    "Rank",
    "Partner",
    "Our customers in common",
    "Potential revenue",
    "Fit score",
    "Must-haves",
    "Tier",
    "Why this tier",
]


RANKING_COLUMNS = {
    "rank": "Rank",
    "name": "Partner",
    "our_customers": "Our customers in common",
    "overlap_total": "Overlapping accounts",
    "potential_revenue": "Potential revenue",
    "fit_score": "Fit score",
    "must_have": "Must-haves",
    "tier": "Tier",
    "tier_reason": "Why this tier",
    "won_revenue": "Won revenue",
    "won_deals": "Won deals",
}


def signed_view(ranked: pd.DataFrame, won: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The signed partners of :func:`rank_partners` with what they have won with us
    (:func:`won_by_partner`; none won is 0), formatted: overlap against won revenue, and the
    tier each would have as a target, with why (the ideal-partner profile counts them)."""
    t = ranked[~ranked["target"]].merge(won, on="partner_id", how="left")
    t[["won_revenue", "won_deals"]] = t[["won_revenue", "won_deals"]].fillna(0)
    out = format_frame(
        t,
        money=["potential_revenue", "won_revenue"],
        integer=["our_customers", "overlap_total", "won_deals"],
        currency=currency,
    )
    out = out[["name", "our_customers", "overlap_total", "potential_revenue"]].join(
        out[["won_revenue", "won_deals", "tier", "tier_reason"]]
    )
    return out.rename(columns=RANKING_COLUMNS)


def overlap_chart(ranked: pd.DataFrame, top: int = 10) -> tuple[pd.Series, str]:
    """Our customers in common with the ``top`` partners sharing the most (targets marked
    "not signed"), and a chart title stating the finding."""
    best = ranked.sort_values(RANK_ORDER, ascending=False, kind="stable").head(top)
    names = [
        n if s else f"{n} (not signed)" for n, s in zip(best["name"], ~best["target"], strict=True)
    ]
    values = pd.Series(best["our_customers"].to_numpy(), index=names)[::-1]
    lead = best.iloc[0]
    title = f"{lead['name']} shares the most of our customers: {fmt_int(lead['our_customers'])}"
    targets = ranked[ranked["target"]]
    if not lead["target"] and len(targets):
        t = targets.iloc[0]
        title += (
            f"; the closest company not signed, {t['name']}, shares {fmt_int(t['our_customers'])}"
        )
    return values, title


def funnel_chart_frame(tier_funnel: pd.DataFrame) -> pd.DataFrame:
    """Stage counts per tier for the funnel chart: tiers as labelled rows, stages as columns."""
    frame = tier_funnel.set_index("tier")[list(FUNNEL)]
    frame = frame.rename(columns={"opt_ins": "Opt-ins"}).rename(columns=str.capitalize)
    return frame.rename(index=lambda t: TIER_LABELS.get(t, t))


def funnel_view(f: pd.DataFrame, currency: str) -> pd.DataFrame:
    """An acquisition funnel (:func:`funnel`), formatted; tiers by their labels."""
    if "tier" in f.columns:
        f = f.assign(tier=f["tier"].map(lambda t: TIER_LABELS.get(t, t)))
    out = format_frame(
        f,
        money=["cost", "cost_per_partner"],
        integer=list(FUNNEL),
        percent=["opt_in_rate", "engage_rate", "close_rate"],
        currency=currency,
    )
    out["overall"] = f["overall"].map(lambda v: fmt_percent(v, 2))
    return out.rename(
        columns={
            "tier": "Tier",
            "channel": "Channel",
            "cost": "Cost",
            "traffic": "Traffic",
            "opt_ins": "Opt-ins",
            "engaged": "Engaged",
            "closed": "Closed",
            "opt_in_rate": "Opt-in rate",
            "engage_rate": "Engage rate",
            "close_rate": "Close rate",
            "overall": "Overall conversion",
            "cost_per_partner": "Campaign cost per signed partner",
        }
    )


#: The columns of a :func:`funnel_view` a report shows (the workbook has all).
FUNNEL_SCREEN = [
    "Tier",
    "Traffic",
    "Opt-ins",
    "Engaged",
    "Closed",
    "Overall conversion",
    "Campaign cost per signed partner",
    "Cost",
]


def reach_view(reach: pd.DataFrame) -> pd.DataFrame:
    """Reach of each content piece (:func:`content_reach`), formatted."""
    out = format_frame(reach, integer=["channels", "campaigns", "traffic", "opt_ins", "closed"])
    return out.rename(
        columns={
            "content_piece": "Content piece",
            "channels": "Channels",
            "channel_list": "Used on",
            "campaigns": "Campaigns",
            "traffic": "Traffic reached",
            "opt_ins": "Opt-ins",
            "closed": "Partners signed",
        }
    )
