"""Trend 2 — MVP partner acquisition: account overlap, privacy, tiers, acquisition funnel.

Definitions
-----------
* **Normalised domain**: lower case; scheme (``http://``), ``www.``, user part of an e-mail
  address, port, path, query and trailing dot removed:
  ``https://www.Acme.com/about`` → ``acme.com``.
* **Normalised name**: lower case, ``&`` → ``and``, dots dropped, other punctuation → space,
  legal suffixes (Inc, LLC, Ltd, GmbH, SA, Corp, …) and a leading ``the`` dropped, spaces
  collapsed.
  ``ACME, Inc.`` → ``acme``.
* **Match keys**, tried in order for each partner account row: (1) *domain* — the row's
  normalised domain equals one of our accounts'; (2) *name* — only where a domain is missing on
  either side, the normalised names are equal; (3) *hashed domain* — for hashed lists, the
  row's hash equals ``sha256(salt + ":" + normalised domain)`` of one of our accounts.
* **Our accounts** fall in three (overlapping) groups: *customers* and *prospects*
  (``accounts.status``) and *open opportunities* (accounts with a deal in an open stage).
* **Overlap matrix** of a partner: distinct our-accounts in each (our group × their relationship)
  cell. **Potential revenue**: sum of ``amount`` of our open deals whose account overlaps the
  partner's list, each deal counted once.
* **Counts-only mode**: any count below ``min_count`` is suppressed (shown as ``<min_count``)
  and so is potential revenue resting on fewer than ``min_count`` opportunities.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import open_pipeline
from playbook.formatting import fmt_money, fmt_percent, format_frame
from playbook.results import TrendResult
from playbook.schema import CAMPAIGN_TIERS

LEGAL_SUFFIXES = (
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "sa",
    "sas",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "ag",
    "bv",
    "nv",
    "srl",
    "spa",
    "pty",
    "oy",
    "ab",
    "kk",
    "lp",
    "llp",
)
_SUFFIX_RE = r"(?:\s(?:" + "|".join(LEGAL_SUFFIXES) + r"))+$"
OUR_GROUPS = ("customer", "prospect", "open_opportunity")
THEIR_GROUPS = ("customer", "prospect")


class MatchKey(StrEnum):
    """The key a partner account row matched one of ours on, tried in this order."""

    DOMAIN = "domain"
    NAME = "name"
    HASHED_DOMAIN = "hashed domain"


def normalise_domain(values: pd.Series) -> pd.Series:
    """Normalised web domains (see module docstring); blank → missing. Vectorised."""
    s = values.astype("string").str.strip().str.lower()
    s = s.str.replace(r"^[a-z][a-z0-9+.\-]*://", "", regex=True)
    s = s.str.replace(r"^[^@/]*@", "", regex=True)
    s = s.str.replace(r"[/?#:].*$", "", regex=True)
    s = s.str.replace(r"^www\d?\.", "", regex=True).str.rstrip(".")
    return s.where(s.str.len() > 0)


def normalise_name(values: pd.Series) -> pd.Series:
    """Normalised company names (see module docstring); blank → missing. Vectorised."""
    s = values.astype("string").str.lower().str.replace("&", " and ", regex=False)
    s = s.str.replace(".", "", regex=False)  # S.A. → sa, Inc. → inc
    s = s.str.replace(r"[^\w]+", " ", regex=True).str.strip()
    s = s.str.replace(_SUFFIX_RE, "", regex=True).str.replace(r"^the\s", "", regex=True)
    s = s.str.replace(r"\s+", " ", regex=True).str.strip()
    return s.where(s.str.len() > 0)


def _on_uniques(values: pd.Series, normalise) -> pd.Series:
    """Apply ``normalise`` to the distinct values only, then spread back (lists repeat a lot)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    norm = normalise(pd.Series(uniques, dtype="string")).to_numpy(dtype=object, na_value=None)
    out = np.full(len(codes), None, dtype=object)
    present = codes >= 0
    out[present] = norm[codes[present]]
    return pd.Series(out, index=values.index, dtype="string")


def hash_domains(domains: pd.Series, salt: str) -> pd.Series:
    """``sha256(salt:normalised domain)`` hex digests; missing stays missing."""
    norm = normalise_domain(domains)
    out = [
        None if d is pd.NA or d is None else hashlib.sha256(f"{salt}:{d}".encode()).hexdigest()
        for d in norm
    ]
    return pd.Series(out, index=domains.index, dtype="object")


def hashed_list(raw: pd.DataFrame, salt: str) -> pd.DataFrame:
    """What a partner sends instead of raw accounts: ``partner_id``, ``domain_hash``,
    ``relationship``. Rows without a domain cannot be hashed and are dropped."""
    out = pd.DataFrame(
        {
            "partner_id": raw["partner_id"],
            "domain_hash": hash_domains(raw["domain"], salt),
            "relationship": raw["relationship"],
        }
    )
    return out.dropna(subset=["domain_hash"]).reset_index(drop=True)


def our_accounts(accounts: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Our accounts with normalised keys and group flags (customer, prospect, open opp.)."""
    open_ids = set(open_pipeline(deals)["account_id"].dropna())
    out = pd.DataFrame(
        {
            "account_id": accounts["account_id"].astype("string"),
            "domain_key": normalise_domain(accounts["domain"]),
            "name_key": normalise_name(accounts["name"]),
        }
    )
    out["customer"] = (accounts["status"] == "customer").to_numpy()
    out["prospect"] = (accounts["status"] == "prospect").to_numpy()
    out["open_opportunity"] = out["account_id"].isin(open_ids).to_numpy()
    return out


def match_accounts(
    ours: pd.DataFrame, theirs: pd.DataFrame, salt: str | None = None
) -> pd.DataFrame:
    """Match partner account rows to our accounts with joins (no per-row Python).

    ``ours`` comes from :func:`our_accounts`; ``theirs`` has ``partner_id``, ``relationship`` and
    any of ``account_name``, ``domain``, ``domain_hash``. Returns one row per (partner row, our
    account) match: ``row`` (index in ``theirs``), ``partner_id``, ``relationship``,
    ``account_id`` and ``key`` (domain / name / hashed domain). A partner row matched on a key is
    not tried on the next one.
    """
    t = pd.DataFrame(
        {
            "row": np.arange(len(theirs)),
            "partner_id": theirs["partner_id"].astype("string").to_numpy(),
            "relationship": theirs["relationship"].astype("string").to_numpy(),
        }
    )
    domain = theirs["domain"] if "domain" in theirs else pd.Series(pd.NA, index=theirs.index)
    name = (
        theirs["account_name"] if "account_name" in theirs else pd.Series(pd.NA, index=theirs.index)
    )
    t["domain_key"] = _on_uniques(domain, normalise_domain).to_numpy()
    cols = ["row", "partner_id", "relationship", "account_id"]

    by_domain = t.dropna(subset=["domain_key"]).merge(
        ours.dropna(subset=["domain_key"])[["domain_key", "account_id"]], on="domain_key"
    )
    found = [by_domain[cols].assign(key=MatchKey.DOMAIN)]
    done = by_domain["row"].unique()

    # Names only where a domain is missing on one side; normalised only for rows still open.
    left = t[~t["row"].isin(done)]
    if ours["domain_key"].notna().all():
        left = left[left["domain_key"].isna()]
    left = left.assign(
        name_key=_on_uniques(name.iloc[left["row"].to_numpy()], normalise_name).to_numpy()
    )
    left = left.dropna(subset=["name_key"])
    no_domain_theirs = left[left["domain_key"].isna()].merge(
        ours.dropna(subset=["name_key"])[["name_key", "account_id"]], on="name_key"
    )
    no_domain_ours = left[left["domain_key"].notna()].merge(
        ours[ours["domain_key"].isna()].dropna(subset=["name_key"])[["name_key", "account_id"]],
        on="name_key",
    )
    by_name = pd.concat([no_domain_theirs, no_domain_ours])
    found.append(by_name[cols].assign(key=MatchKey.NAME))

    if "domain_hash" in theirs and theirs["domain_hash"].notna().any():
        if not salt:
            raise ValueError("the partner list holds hashed domains: a salt is needed to match it")
        ours_h = ours.dropna(subset=["domain_key"])
        digests = pd.DataFrame(
            {
                "domain_hash": [
                    hashlib.sha256(f"{salt}:{d}".encode()).hexdigest() for d in ours_h["domain_key"]
                ],
                "account_id": ours_h["account_id"].to_numpy(),
            }
        )
        h = t.assign(domain_hash=theirs["domain_hash"].astype("string").str.lower().to_numpy())
        by_hash = h.dropna(subset=["domain_hash"]).merge(digests, on="domain_hash")
        found.append(by_hash[cols].assign(key=MatchKey.HASHED_DOMAIN))
    return pd.concat(found, ignore_index=True)


def match_summary(matches: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Partner rows matched by each key, and rows unmatched."""
    per_key = matches.drop_duplicates("row")["key"].value_counts()
    out = pd.DataFrame({"rows": per_key}).reindex(list(MatchKey)).fillna(0)
    out.loc["unmatched"] = len(theirs) - int(out["rows"].sum())
    out["rows"] = out["rows"].astype(int)
    out["share"] = out["rows"] / max(len(theirs), 1)
    return out


def overlap_matrix(matches: pd.DataFrame, ours: pd.DataFrame, partner_id: str) -> pd.DataFrame:
    """Distinct our-accounts per (our group × their relationship) for one partner."""
    m = matches[matches["partner_id"] == partner_id].merge(
        ours[["account_id", *OUR_GROUPS]], on="account_id"
    )
    out = pd.DataFrame(0, index=list(OUR_GROUPS), columns=list(THEIR_GROUPS), dtype=int)
    for g in OUR_GROUPS:
        sub = m[m[g]]
        for r in THEIR_GROUPS:
            out.loc[g, r] = sub.loc[sub["relationship"] == r, "account_id"].nunique()
    return out


def partner_overlap(
    matches: pd.DataFrame,
    ours: pd.DataFrame,
    deals: pd.DataFrame,
    partners: pd.DataFrame,
    listed: list[str] | None = None,
) -> pd.DataFrame:
    """Per partner that shared a list (``listed``; default: those with matches): distinct
    overlapping accounts by our group, potential revenue (open deals in overlapping accounts,
    each once) and the number of such deals."""
    m = matches.merge(ours[["account_id", *OUR_GROUPS]], on="account_id")
    pairs = m[["partner_id", "account_id", *OUR_GROUPS]].drop_duplicates(
        ["partner_id", "account_id"]
    )
    per = pairs.groupby("partner_id")[list(OUR_GROUPS)].sum()
    per["overlap_total"] = pairs.groupby("partner_id")["account_id"].nunique()
    open_deals = open_pipeline(deals)[["deal_id", "account_id", "amount"]]
    opp = pairs[["partner_id", "account_id"]].merge(open_deals, on="account_id")
    opp = opp.drop_duplicates(["partner_id", "deal_id"])
    per["potential_revenue"] = opp.groupby("partner_id")["amount"].sum()
    per["open_deals"] = opp.groupby("partner_id")["deal_id"].nunique()
    if listed is not None:
        per = per.reindex(sorted(set(listed) | set(per.index)))
    per = per.fillna(0)
    per[["customer", "prospect", "open_opportunity", "overlap_total", "open_deals"]] = per[
        ["customer", "prospect", "open_opportunity", "overlap_total", "open_deals"]
    ].astype(int)
    per = per.rename(
        columns={
            "customer": "our_customers",
            "prospect": "our_prospects",
            "open_opportunity": "our_open_opportunities",
        }
    )
    names = partners.set_index("partner_id")["name"]
    per.insert(0, "name", names.reindex(per.index).to_numpy())
    return per.rename_axis("partner_id").reset_index()


def total_potential(matches: pd.DataFrame, deals: pd.DataFrame) -> tuple[float, int]:
    """Amount and count of our open deals in accounts overlapping *any* partner, each once."""
    accounts = set(matches["account_id"])
    pipeline = open_pipeline(deals)
    opp = pipeline[pipeline["account_id"].isin(accounts)]
    return float(opp["amount"].sum()), int(opp["deal_id"].nunique())


def suppress(counts: pd.DataFrame | pd.Series, min_count: int):
    """Counts-only privacy: cells below ``min_count`` become missing (shown as ``<min_count``)."""
    return counts.where(counts >= min_count)


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


# --------------------------------------------------------------------------- report views


def matrix_view(matrix: pd.DataFrame, min_count: int | None) -> pd.DataFrame:
    """An overlap matrix with readable labels, suppressed below ``min_count`` if given."""
    shown = matrix.astype(object)
    if min_count:
        shown = (
            matrix.where(matrix >= min_count)
            .astype(object)
            .where(matrix >= min_count, f"<{min_count}")
        )
    shown.index = ["Our customers", "Our prospects", "Our open opportunities"]
    shown.columns = ["Their customers", "Their prospects"]
    return shown


def overlap_view(overlap: pd.DataFrame, currency: str, min_count: int | None) -> pd.DataFrame:
    """Per-partner overlap table, formatted; suppressed cells shown as ``<min_count``."""
    t = overlap.sort_values("overlap_total", ascending=False)
    counts = [
        "our_customers",
        "our_prospects",
        "our_open_opportunities",
        "overlap_total",
        "open_deals",
    ]
    out = format_frame(t, money=["potential_revenue"], integer=counts, currency=currency)
    if min_count:
        for c in counts:
            out.loc[t[c] < min_count, c] = f"<{min_count}"
        out.loc[t["open_deals"] < min_count, "potential_revenue"] = "suppressed"
    return out.drop(columns="partner_id").rename(
        columns={
            "name": "Partner",
            "our_customers": "Our customers",
            "our_prospects": "Our prospects",
            "our_open_opportunities": "Our open opportunities",
            "overlap_total": "Overlapping accounts",
            "potential_revenue": "Potential revenue",
            "open_deals": "Open deals",
        }
    )


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


def summarise(
    *,
    summary: pd.DataFrame | None,
    ranked: pd.DataFrame | None,
    tier_funnel: pd.DataFrame | None,
    currency: str,
    potential: tuple[float, int] | None = None,
) -> TrendResult:
    """What trend 2 concludes: findings, figures for ``results.json`` and the summary headline.

    ``summary`` from :func:`match_summary`, ``ranked`` from :func:`rank_partners`,
    ``tier_funnel`` from :func:`funnel` by tier, ``potential`` from :func:`total_potential`;
    ``None`` for a part not computed. Money in ``currency``.
    """
    return TrendResult(
        findings=_findings(summary, ranked, tier_funnel, currency, potential),
        figures=_figures(summary, ranked, tier_funnel, potential),
        headline=_headline(summary, ranked, potential, currency),
    )


def _findings(
    summary: pd.DataFrame | None,
    ranked: pd.DataFrame | None,
    tier_funnel: pd.DataFrame | None,
    currency: str,
    potential: tuple[float, int] | None = None,
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
        out.append(
            f"{potential[1]} open opportunities worth {fmt_money(potential[0], currency)} "
            "sit in accounts a partner already knows."
        )
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


def summary_view(summary: pd.DataFrame) -> pd.DataFrame:
    """Partner rows per match key (:func:`match_summary`), formatted."""
    out = summary.reset_index(names="Match key")
    out["share"] = summary["share"].map(fmt_percent).to_numpy()
    return out.rename(columns={"rows": "Partner rows", "share": "Share"})


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


def _figures(summary, ranked, tier_funnel, potential) -> dict:
    """Machine-readable key figures for ``results.json``."""
    out: dict = {}
    if summary is not None:
        out["matched_rows"] = summary["rows"].to_dict()
    if ranked is not None:
        out["tiers"] = ranked["tier"].value_counts().to_dict()
        out["ranking"] = ranked[["partner_id", "our_customers", "tier"]].head(10).to_dict("records")
    if potential is not None:
        out["potential_revenue"], out["potential_open_deals"] = potential
    if tier_funnel is not None:
        out["funnel"] = tier_funnel.set_index("tier")[
            ["traffic", "opt_ins", "engaged", "closed", "cost_per_partner"]
        ].to_dict("index")
    return out


def _headline(summary, ranked, potential, currency: str) -> dict[str, str]:
    if summary is None:
        return {"Account overlap": "not supplied"}
    out = {"Rows matched": fmt_percent(1 - summary.loc["unmatched", "share"])}
    if ranked is not None:
        out["Low-Hanging Fruit"] = str(int((ranked["tier"] == Tier.LOW_HANGING_FRUIT).sum()))
    if potential is not None:
        out["Potential revenue"] = fmt_money(potential[0], currency)
    return out


def campaigns_as_of(campaigns: pd.DataFrame, as_of) -> pd.DataFrame:
    """Campaigns started on or before ``as_of`` (or without a start date)."""
    return campaigns[
        campaigns["start_date"].isna() | (campaigns["start_date"] <= pd.Timestamp(as_of))
    ]


def largest_overlaps(per_partner: pd.DataFrame, n: int) -> list[tuple[str, str]]:
    """``(partner_id, name)`` of the ``n`` partners with the most overlapping accounts."""
    top = per_partner.nlargest(n, "overlap_total")
    return list(zip(top["partner_id"], top["name"], strict=True))
