"""Trend 2 — MVP partner acquisition: tiers, acquisition funnel, content reach.

The account matching these figures rest on (normalised keys, salted hashes, overlap per partner,
potential revenue, counts-only privacy) is :mod:`playbook.overlap`; this module ranks the
partners it found and measures the campaigns that recruit them, and builds trend 2's result.

Definitions
-----------
* **MVP rank**: partners ordered by overlap with our customers, then fit score (notebook 01).
* **Tier** (:class:`Tier`): *Low-Hanging Fruit* — overlap with our customers ≥ ``lhf_overlap``
  and fit ≥ ``lhf_fit``; *Mid-Level* — otherwise, overlap ≥ ``mid_overlap`` or fit ≥
  ``mid_fit``; *Cold* — the rest (see :func:`rank_partners` for partners without a fit score).
* **Acquisition funnel** (:data:`FUNNEL`): traffic → opt-ins → engaged → closed, summed over
  the campaigns started on or before the as-of date (or without a start date). Conversion at
  each step = next stage ÷ previous stage; overall = closed ÷ traffic; cost per partner = cost ÷
  closed (missing when nothing closed).
* **Content reach**: per content piece, the distinct channels it was repurposed to, its
  campaigns, and the traffic, opt-ins and partners signed they reached.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.formatting import fmt_money, fmt_percent, format_frame
from playbook.overlap import MatchKey
from playbook.results import TrendResult
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
) -> pd.DataFrame:
    """MVP ranking by overlap with our customers, then fit score; tier by thresholds.

    * **Low-Hanging Fruit**: overlap with our customers ≥ ``lhf_overlap`` and fit ≥ ``lhf_fit``.
    * **Mid-Level**: otherwise, overlap ≥ ``mid_overlap`` or fit ≥ ``mid_fit``.
    * **Cold**: the rest. A partner without a fit score is tiered on overlap alone (its fit
      condition counts as met for Low-Hanging Fruit only when no fit scores exist at all).
    """
    out = overlap[
        ["partner_id", "name", "our_customers", "overlap_total", "potential_revenue"]
    ].copy()
    if fit is not None and len(fit):
        out = out.merge(fit[["partner_id", "fit_score"]], on="partner_id", how="left")
        fit_ok_lhf = out["fit_score"] >= lhf_fit
        fit_ok_mid = out["fit_score"] >= mid_fit
    else:
        out["fit_score"] = np.nan
        fit_ok_lhf = pd.Series(True, index=out.index)
        fit_ok_mid = pd.Series(False, index=out.index)
    lhf = (out["our_customers"] >= lhf_overlap) & fit_ok_lhf.fillna(False)
    mid = ~lhf & ((out["our_customers"] >= mid_overlap) | fit_ok_mid.fillna(False))
    out["tier"] = np.where(lhf, Tier.LOW_HANGING_FRUIT, np.where(mid, Tier.MID_LEVEL, Tier.COLD))
    out = out.sort_values(
        ["our_customers", "fit_score", "partner_id"],
        ascending=[False, False, True],
        na_position="last",
    )
    out.insert(0, "rank", range(1, len(out) + 1))
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- funnel


FUNNEL = ("traffic", "opt_ins", "engaged", "closed")


def funnel(campaigns: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Acquisition funnel summed by ``by`` (e.g. ``["tier"]``, ``["tier", "channel"]``).

    Conversion at each step = next stage ÷ previous stage; ``overall`` = closed ÷ traffic;
    ``cost_per_partner`` = cost ÷ closed (missing when nothing closed).
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
        "Potential revenue: our deals open at the as-of date (created by then and not closed by "
        "then) in accounts that overlap, each deal counted once per partner. A deal in an "
        "account several partners know counts for each of them, so the partners' figures add up "
        "to more than the total, which counts every deal once. An open deal without an amount "
        "is left out (the figure says how many are valued); one valued from the price list "
        "counts at list price (the rules applied to blanks say how many).",
        "Links from deals, used only when no partner account list is supplied: a partner works "
        "with an account when a deal of that account names the partner and is known at the "
        "as-of date (created by then; without a created date, not closed after it); the account "
        "is the partner's customer when one such deal is won by then, else its prospect. "
        "Overlap and potential revenue are then counted on these links as on a list, including "
        "the open deals the partner is already on.",
        "Tiers: Low-Hanging Fruit needs both the overlap and the fit thresholds; Mid-Level "
        "either one; Cold the rest. A partner without a fit score is tiered on overlap alone.",
        "Acquisition funnel: campaigns started on or before the as-of date; each rate is the "
        "next stage ÷ the previous one; cost per partner = cost ÷ partners closed.",
        "A blank is never a zero: a figure whose input was not supplied shows — or 'not supplied'.",
    ]


# --------------------------------------------------------------------------- report views


def ranking_view(ranked: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The MVP ranking (:func:`rank_partners`), formatted."""
    out = format_frame(
        ranked,
        money=["potential_revenue"],
        integer=["our_customers", "overlap_total"],
        currency=currency,
    )
    out["fit_score"] = ranked["fit_score"].map(lambda v: "—" if pd.isna(v) else f"{v:.0f}")
    return out.drop(columns="partner_id").rename(
        columns={
            "rank": "Rank",
            "name": "Partner",
            "our_customers": "Overlap with our customers",
            "overlap_total": "Overlapping accounts",
            "potential_revenue": "Potential revenue",
            "fit_score": "Fit score",
            "tier": "Tier",
        }
    )


def funnel_chart_frame(tier_funnel: pd.DataFrame) -> pd.DataFrame:
    """Stage counts per tier for the funnel chart: tiers as labelled rows, stages as columns."""
    frame = tier_funnel.set_index("tier")[list(FUNNEL)]
    return frame.rename(index=lambda t: TIER_LABELS.get(t, t))


def funnel_view(f: pd.DataFrame, currency: str) -> pd.DataFrame:
    """An acquisition funnel (:func:`funnel`), formatted; tiers by their labels."""
    if "tier" in f.columns:
        f = f.assign(tier=f["tier"].map(lambda t: TIER_LABELS.get(t, t)))
    out = format_frame(
        f,
        money=["cost", "cost_per_partner"],
        integer=list(FUNNEL),
        percent=["opt_in_rate", "engage_rate", "close_rate", "overall"],
        currency=currency,
    )
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
            "overall": "Traffic → closed",
            "cost_per_partner": "Cost per partner",
        }
    )


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


# --------------------------------------------------------------------------- result


def summarise(
    *,
    summary: pd.DataFrame | None,
    ranked: pd.DataFrame | None,
    tier_funnel: pd.DataFrame | None,
    currency: str,
    potential: tuple[float, int, int] | None = None,
    links_from_deals: bool = False,
) -> TrendResult:
    """What trend 2 concludes: findings, figures for ``results.json`` and the summary headline.

    ``summary`` from :func:`playbook.overlap.match_summary`, ``ranked`` from
    :func:`rank_partners`, ``tier_funnel`` from :func:`funnel` by tier, ``potential`` from
    :func:`playbook.overlap.total_potential` (amount, open deals, those with a known amount);
    ``None`` for a part not computed. Money in ``currency``. ``links_from_deals``: the
    overlap rests on the deals' partner × account links (:func:`playbook.overlap.deal_links`),
    not on partner lists; findings and headline say so.
    """
    findings = _findings(summary, ranked, tier_funnel, currency, potential)
    figures = _figures(summary, ranked, tier_funnel, potential)
    headline = _headline(summary, ranked, potential, currency)
    if links_from_deals and potential is not None:
        findings.insert(0, FROM_DEALS + ".")
        figures["overlap_source"] = "deals"
        headline = {"Overlap from": "deals", **headline}
    return TrendResult(findings=findings, figures=figures, headline=headline)


#: How a report and the summary label an overlap taken from the deals instead of partner lists.
FROM_DEALS = (
    "No partner account lists were supplied: the overlap comes from the partner × account links "
    "our own deals carry"
)


def _findings(
    summary: pd.DataFrame | None,
    ranked: pd.DataFrame | None,
    tier_funnel: pd.DataFrame | None,
    currency: str,
    potential: tuple[float, int, int] | None = None,
) -> list[str]:
    """Plain-language key findings (client text unescaped)."""
    out = []
    if summary is not None:
        matched = 1 - summary.loc["unmatched", "share"]
        out.append(
            f"{fmt_percent(matched)} of partner account rows matched ours "
            f"({int(summary.loc[MatchKey.DOMAIN, 'rows'])} by domain, "
            f"{int(summary.loc[MatchKey.NAME, 'rows'])} by name, "
            f"{int(summary.loc[MatchKey.HASHED_DOMAIN, 'rows'])} by hashed domain)."
        )
    if ranked is not None and len(ranked):
        top = ranked.iloc[0]
        lhf = ranked[ranked["tier"] == Tier.LOW_HANGING_FRUIT]
        out.append(
            f"Most valuable partner by overlap: {top['name']} "
            f"({int(top['our_customers'])} of our customers)."
        )
        out.append(f"{len(lhf)} Low-Hanging Fruit partner(s) of {len(ranked)} ranked.")
    if potential is not None:
        amount, deals, valued = potential
        worth = (
            f"worth {fmt_money(amount, currency)}"
            if valued == deals
            else f"(pipeline value of {valued} of {deals} known: {fmt_money(amount, currency)})"
        )
        out.append(f"{deals} open opportunities {worth} sit in accounts a partner already knows.")
    if tier_funnel is not None and len(tier_funnel):
        best = tier_funnel.dropna(subset=["cost_per_partner"])
        if len(best):
            b = best.loc[best["cost_per_partner"].idxmin()]
            tier = TIER_LABELS.get(b["tier"], b["tier"])
            out.append(
                f"Cheapest partners come from {tier} campaigns at "
                f"{fmt_money(b['cost_per_partner'], currency)} per partner signed."
            )
    return out


def _figures(summary, ranked, tier_funnel, potential) -> dict:
    """Machine-readable key figures for ``results.json``."""
    out: dict = {}
    if summary is not None:
        out["matched_rows"] = summary["rows"].to_dict()
    if ranked is not None:
        out["tiers"] = ranked["tier"].value_counts().to_dict()
        out["ranking"] = ranked[["partner_id", "our_customers", "tier"]].head(10).to_dict("records")
    if potential is not None:
        out["potential_revenue"], out["potential_open_deals"] = potential[:2]
        out["potential_valued_deals"] = potential[2]
    if tier_funnel is not None:
        out["funnel"] = tier_funnel.set_index("tier")[
            ["traffic", "opt_ins", "engaged", "closed", "cost_per_partner"]
        ].to_dict("index")
    return out


def _headline(summary, ranked, potential, currency: str) -> dict[str, str]:
    if summary is None and potential is None:
        return {"Account overlap": "not supplied"}
    out = {}
    if summary is not None:
        out["Rows matched"] = fmt_percent(1 - summary.loc["unmatched", "share"])
    if ranked is not None:
        out["Low-Hanging Fruit"] = str(int((ranked["tier"] == Tier.LOW_HANGING_FRUIT).sum()))
    if potential is not None:
        amount, deals, valued = potential
        known = "" if valued == deals else f" ({valued} of {deals} open deals valued)"
        out["Potential revenue"] = fmt_money(amount, currency) + known
    return out
