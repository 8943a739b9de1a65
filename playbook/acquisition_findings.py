"""Trend 2 — what report 02 concludes: takeaways, key findings, actions and partner records.

The figures come from :mod:`playbook.overlap` (matching, overlap, potential revenue) and
:mod:`playbook.acquisition` (tiers, acquisition targets, funnel); :func:`summarise` is the one
place report 02's result is built.

Definitions
-----------
* **Targets worth approaching**: acquisition targets (not active) in the Low-Hanging Fruit or
  Mid-Level tier that fail no must-have criterion, in rank order (at most
  :data:`MAX_APPROACH` become actions).
* **Co-selling gap**: of the :data:`TOP_SIGNED` signed partners sharing the most of our
  customers (at least two), the one that has won the least revenue with us (all time up to the
  as-of date), when that is under :data:`GAP_SHARE` of the most any of them has won: the
  overlap is there, the joint business is not.
* **Owner** of a partner's action: the name of its channel manager (``partners.manager_id`` in
  the staff table), passed in as ``owners``; "" when the data names nobody.
"""

from __future__ import annotations

import pandas as pd

from playbook import ideal_partner, offers
from playbook.acquisition import TIER_LABELS, Tier
from playbook.formatting import fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import plural
from playbook.overlap import MatchKey
from playbook.results import Action, KeyFinding, TrendResult, Urgency

#: Report 02's headings, named by the key findings and actions that point at them.
SECTION_OVERLAP = "Account overlap"
SECTION_TARGETS = "Acquisition targets"
SECTION_SIGNED = "Signed partners sharing our customers"
SECTION_FUNNEL = "Acquisition funnel"

MAX_APPROACH = 5
MAX_TAKEAWAYS = 8
TOP_SIGNED = 5
GAP_SHARE = 0.25

#: How a report and the summary label an overlap taken from the deals instead of partner lists.
FROM_DEALS = (
    "No partner account lists were supplied: the overlap comes from the partner × account links "
    "our own deals carry"
)


def worth_approaching(ranked: pd.DataFrame | None) -> pd.DataFrame:
    """The targets worth approaching (module docstring), in rank order."""
    if ranked is None or ranked.empty:
        return pd.DataFrame(columns=["partner_id", "name"])
    t = ranked[ranked["target"] & (ranked["tier"] != Tier.COLD)]
    return t[t["must_have"].astype("object").ne("fail")]


def co_selling_gap(ranked: pd.DataFrame | None, won: pd.DataFrame | None) -> pd.Series | None:
    """The signed partner with the co-selling gap (module docstring), with ``won_revenue`` and
    ``won_deals``; ``None`` without signed partners or won figures."""
    if ranked is None or won is None:
        return None
    signed = ranked[~ranked["target"]].head(TOP_SIGNED)
    if len(signed) < 2:
        return None
    signed = signed.merge(won, on="partner_id", how="left")
    signed[["won_revenue", "won_deals"]] = signed[["won_revenue", "won_deals"]].fillna(0)
    least = signed.sort_values(["won_revenue", "name"], kind="stable").iloc[0]
    if least["won_revenue"] >= GAP_SHARE * signed["won_revenue"].max():
        return None
    least = least.copy()
    least["compared"] = len(signed)
    return least


def _valued(potential: tuple[float, int, int], list_priced: bool) -> str:
    """How the potential revenue was valued, with how many open deals it covers."""
    amount, deals, valued = potential
    how = (
        "valued at the amounts recorded on them (list price where none was)"
        if list_priced
        else "valued at the amounts recorded on them"
    )
    if valued == deals:
        return f"{plural(deals, 'open deal')}, {how}"
    return f"{fmt_int(valued)} of {plural(deals, 'open deal')}, {how}; the rest have no value"


def summarise(
    *,
    summary: pd.DataFrame | None,
    ranked: pd.DataFrame | None,
    tier_funnel: pd.DataFrame | None,
    currency: str,
    potential: tuple[float, int, int] | None = None,
    links_from_deals: bool = False,
    won: pd.DataFrame | None = None,
    owners: dict[str, str] | None = None,
    list_priced: bool = False,
    offer_response: pd.DataFrame | None = None,
    min_signed: int = 5,
    tier_profile: pd.DataFrame | None = None,
) -> TrendResult:
    """What trend 2 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``summary`` from :func:`playbook.overlap.match_summary`, ``ranked`` from
    :func:`playbook.acquisition.rank_partners`, ``tier_funnel`` from
    :func:`playbook.acquisition.funnel` by tier, ``potential`` from
    :func:`playbook.overlap.total_potential` (amount, open deals, those with a known amount),
    ``won`` from :func:`playbook.acquisition.won_by_partner`; ``None`` for a part not computed.
    Money in ``currency``. ``links_from_deals``: the overlap rests on the deals' partner ×
    account links, not on partner lists; takeaways and headline say so. ``owners`` maps a
    partner id to its channel manager's name; ``list_priced``: open deals without an amount
    were valued from the price list. ``offer_response`` from
    :func:`playbook.offers.offer_response` (offers judged once they signed ``min_signed``
    partners), ``tier_profile`` from :func:`playbook.ideal_partner.tier_profile`.
    """
    keys = [
        *_potential_finding(potential, currency, list_priced),
        *_targets_finding(ranked, currency),
        *_gap_finding(ranked, won, currency),
    ]
    takeaways = [k.text for k in keys] + _must_have_findings(ranked)
    takeaways += _most_won_findings(ranked, won, currency) + _funnel_findings(tier_funnel, currency)
    takeaways += offers.offer_findings(offer_response, min_signed, currency)
    takeaways += ideal_partner.profile_findings(tier_profile) + _match_findings(summary)
    figures = _figures(summary, ranked, tier_funnel, potential)
    figures |= offers.figures(offer_response, min_signed) | ideal_partner.figures(tier_profile)
    headline = _headline(summary, ranked, potential, currency)
    if links_from_deals and potential is not None:
        takeaways.insert(0, FROM_DEALS + ".")
        figures["overlap_source"] = "deals"
        headline = {"Overlap from": "deals", **headline}
    return TrendResult(
        findings=takeaways[:MAX_TAKEAWAYS],
        figures=figures,
        headline=headline,
        key_findings=keys,
        actions=_actions(ranked, won, owners or {}, currency),
        partners=partner_records(ranked),
    )


def _potential_finding(potential, currency: str, list_priced: bool) -> list[KeyFinding]:
    """The open pipeline in accounts a partner already knows."""
    if potential is None:
        return []
    if pd.isna(potential[0]):
        text = (
            f"{plural(potential[1], 'open deal')} sit in accounts a partner already knows; "
            "none has a known value."
        )
        return [KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_OVERLAP)]
    return [
        KeyFinding(
            f"{fmt_money(potential[0], currency)} of potential revenue sits in accounts a "
            f"partner already knows: {_valued(potential, list_priced)}.",
            float(potential[0]),
            Urgency.OPPORTUNITY,
            SECTION_OVERLAP,
        )
    ]


def _targets_finding(ranked: pd.DataFrame | None, currency: str) -> list[KeyFinding]:
    """The companies not yet signed worth approaching."""
    if ranked is None or not ranked["target"].any():
        return []
    good = worth_approaching(ranked)
    n = int(ranked["target"].sum())
    if good.empty:
        text = (
            "The one company not yet signed that shares our customers is not worth approaching "
            "now: it is Cold or fails a must-have criterion."
            if n == 1
            else f"None of the {fmt_int(n)} companies not yet signed that share our customers is "
            "worth approaching now: each is Cold or fails a must-have criterion."
        )
        return [KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_TARGETS)]
    who = name_list(
        (
            f"{r.name} ({fmt_int(r.our_customers)} of our customers, "
            f"{fmt_money(r.potential_revenue, currency)} open pipeline)"
            for r in good.itertuples()
        ),
        sep="; ",
    )
    stake = good["potential_revenue"].sum(min_count=1)
    return [
        KeyFinding(
            f"{plural(len(good), 'company', 'companies')} not yet signed "
            f"{'is' if len(good) == 1 else 'are'} worth approaching: {who}.",
            None if pd.isna(stake) else float(stake),
            Urgency.OPPORTUNITY,
            SECTION_TARGETS,
        )
    ]


def _gap_finding(ranked, won, currency: str) -> list[KeyFinding]:
    """The signed partner that shares many customers but has won little with us."""
    g = co_selling_gap(ranked, won)
    if g is None:
        return []
    text = (
        f"{g['name']} shares {fmt_int(g['our_customers'])} of our customers but has won only "
        f"{plural(int(g['won_deals']), 'deal')} with us ({fmt_money(g['won_revenue'], currency)}"
        f" all time), the least of the {g['compared']} signed partners with the largest overlap."
    )
    stake = g["potential_revenue"]
    return [KeyFinding(text, None if pd.isna(stake) else float(stake), Urgency.FIX, SECTION_SIGNED)]


def must_have_held_back(ranked: pd.DataFrame | None) -> pd.DataFrame:
    """Partners that would be Low-Hanging Fruit on customers in common and fit but fail a
    must-have criterion, so sit in Mid-Level (:func:`playbook.acquisition.rank_partners`)."""
    if ranked is None or ranked.empty:
        return pd.DataFrame(columns=["partner_id", "name"])
    return ranked[ranked["held_back"]]


def _must_have_findings(ranked: pd.DataFrame | None) -> list[str]:
    """The partners a must-have failure keeps out of Low-Hanging Fruit."""
    held = must_have_held_back(ranked)
    if held.empty:
        return []
    who = name_list(held["name"].astype(str), and_last=True)
    verb, them = ("fails", "it") if len(held) == 1 else ("fail", "them")
    return [
        f"{who} would be Low-Hanging Fruit on customers in common and fit but {verb} a "
        f"must-have criterion, so the ranking places {them} in Mid-Level: the must-have comes "
        "first (see 'Why this tier')."
    ]


def _most_won_findings(ranked, won, currency: str) -> list[str]:
    """The signed partner that has won the most with us, against its overlap: what makes a
    partner valuable is won business, not overlap alone."""
    if ranked is None or won is None:
        return []
    signed = ranked[~ranked["target"]].merge(won, on="partner_id")
    if signed.empty or not (signed["won_revenue"] > 0).any():
        return []
    top = signed.sort_values(["won_revenue", "name"], ascending=[False, True]).iloc[0]
    most = ranked[~ranked["target"]].iloc[0]
    if top["partner_id"] == most["partner_id"]:
        return [
            f"{top['name']} both shares the most of our customers "
            f"({fmt_int(top['our_customers'])}) and has won the most with us "
            f"({fmt_money(top['won_revenue'], currency)} all time)."
        ]
    return [
        f"The signed partner that has won the most with us, {top['name']} "
        f"({fmt_money(top['won_revenue'], currency)} all time, "
        f"{plural(int(top['won_deals']), 'deal')}), shares {fmt_int(top['our_customers'])} of "
        f"our customers; {most['name']} shares the most ({fmt_int(most['our_customers'])})."
    ]


def _funnel_findings(tier_funnel: pd.DataFrame | None, currency: str) -> list[str]:
    """The cheapest campaign tier per partner signed."""
    if tier_funnel is None or tier_funnel.empty:
        return []
    best = tier_funnel.dropna(subset=["cost_per_partner"])
    if best.empty:
        return []
    b = best.loc[best["cost_per_partner"].idxmin()]
    tier = TIER_LABELS.get(b["tier"], b["tier"])
    return [
        f"Cheapest partners come from {tier} campaigns at "
        f"{fmt_money(b['cost_per_partner'], currency)} per partner signed in campaign cost "
        "(the offers' own cost per partner left out)."
    ]


def funnel_title(tier_funnel: pd.DataFrame, currency: str) -> str:
    """The funnel chart's title: the tier that signs partners at the lowest cost."""
    found = _funnel_findings(tier_funnel, currency)
    if not found:
        return "No campaign has signed a partner yet"
    best = tier_funnel.dropna(subset=["cost_per_partner"])
    b = best.loc[best["cost_per_partner"].idxmin()]
    return (
        f"{TIER_LABELS.get(b['tier'], b['tier'])} campaigns sign partners at the lowest campaign "
        f"cost ({fmt_money(b['cost_per_partner'], currency)} each, offers' own cost left out); "
        "below, how many reach each stage"
    )


def _match_findings(summary: pd.DataFrame | None) -> list[str]:
    """How many partner account rows matched ours, by key."""
    if summary is None:
        return []
    rows = summary["rows"]
    return [
        f"{fmt_percent(1 - summary.loc['unmatched', 'share'])} of the partners' account rows "
        f"matched ours ({fmt_int(rows[MatchKey.DOMAIN])} by web domain, "
        f"{fmt_int(rows[MatchKey.NAME])} by company name, "
        f"{fmt_int(rows[MatchKey.HASHED_DOMAIN])} by hashed domain)."
    ]


def _actions(ranked, won, owners: dict, currency: str) -> list[Action]:
    """Approach the top targets; settle the must-have a target that would be Low-Hanging Fruit
    fails; plan joint selling with the co-selling gap partner."""
    out = [
        Action(
            f"Approach {r.name}: {fmt_int(r.our_customers)} of our customers in common, "
            f"{fmt_money(r.potential_revenue, currency)} of open pipeline in shared accounts "
            f"({r.tier}).",
            owner=owners.get(r.partner_id, ""),
            kind="Acquisition target",
            section=SECTION_TARGETS,
            urgency=Urgency.OPPORTUNITY,
        )
        for r in worth_approaching(ranked).head(MAX_APPROACH).itertuples()
    ]
    out += [
        Action(
            f"Settle the must-have {r.failed or 'criterion'} with {r.name} before recruiting "
            f"it: {fmt_int(r.our_customers)} of our customers in common and fit "
            f"{r.fit_score:.0f} would make it Low-Hanging Fruit.",
            owner=owners.get(r.partner_id, ""),
            kind="Must-have gap",
            section=SECTION_TARGETS,
            urgency=Urgency.FIX,
        )
        for r in must_have_held_back(ranked).itertuples()
        if r.target
    ]
    g = co_selling_gap(ranked, won)
    if g is not None:
        out.append(
            Action(
                f"Plan joint selling with {g['name']} on the {fmt_int(g['our_customers'])} "
                "customers we share.",
                owner=owners.get(g["partner_id"], ""),
                kind="Co-selling gap",
                section=SECTION_SIGNED,
                urgency=Urgency.FIX,
            )
        )
    return out


def partner_records(ranked: pd.DataFrame | None) -> list[dict]:
    """One record per partner with an overlap, for the partner 360: ``overlap_accounts``,
    ``potential_revenue`` (``None`` when no open deal there has a known value) and ``tier``."""
    if ranked is None:
        return []
    return [
        {
            "partner_id": r.partner_id,
            "partner": r.name,
            "overlap_accounts": int(r.overlap_total),
            "potential_revenue": None
            if pd.isna(r.potential_revenue)
            else float(r.potential_revenue),
            "tier": str(r.tier),
        }
        for r in ranked.itertuples()
    ]


def _figures(summary, ranked, tier_funnel, potential) -> dict:
    """Machine-readable key figures for ``results.json``."""
    out: dict = {}
    if summary is not None:
        out["matched_rows"] = summary["rows"].to_dict()
    if ranked is not None:
        out["tiers"] = ranked["tier"].value_counts().to_dict()
        out["ranking"] = (
            ranked[ranked["target"]][["partner_id", "our_customers", "tier"]]
            .head(10)
            .to_dict("records")
        )
        out["targets"] = int(ranked["target"].sum())
        out["worth_approaching"] = len(worth_approaching(ranked))
        out["must_have_held_back"] = list(must_have_held_back(ranked)["partner_id"])
    if potential is not None:
        out["potential_revenue"], out["potential_open_deals"] = potential[:2]
        out["potential_valued_deals"] = potential[2]
    if tier_funnel is not None:
        out["funnel"] = tier_funnel.set_index("tier")[
            ["traffic", "opt_ins", "engaged", "closed", "cost_per_partner"]
        ].to_dict("index")
    return out


def _headline(summary, ranked, potential, currency: str) -> dict[str, str]:
    """Display-ready figures for the summary page."""
    if summary is None and potential is None:
        return {"Account overlap": "not supplied"}
    out = {}
    if summary is not None:
        out["Rows matched"] = fmt_percent(1 - summary.loc["unmatched", "share"])
    if ranked is not None:
        out["Targets worth approaching"] = fmt_int(len(worth_approaching(ranked)))
    if potential is not None:
        amount, deals, valued = potential
        known = (
            "" if valued == deals else f" ({fmt_int(valued)} of {fmt_int(deals)} open deals valued)"
        )
        out["Potential revenue"] = fmt_money(amount, currency) + known
    return out
