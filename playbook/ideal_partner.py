"""Trend 2 — the ideal-partner profile: what the partners of each MVP tier have in common, and
the campaigns and offers aimed at that tier.

The seed report's recommendation is to let tools profile and target the ideal partner; this
module turns the ranking of :func:`playbook.acquisition.rank_partners` into that profile, one
row per tier, and links it to the recruiting campaigns that target the tier
(``campaigns.tier``) and the offers they made (``campaigns.offer``, named from ``offers``).

Definitions
-----------
* **Partners of a tier**: every partner the ranking tiered (targets and signed partners alike:
  signed partners show what a partner of that tier looks like once recruited), counted apart.
* **Most common type / industry**: the value most partners of the tier share (ties: the first
  in alphabetical order), with how many of those whose value is recorded share it ("ISV, 3 of
  5"); missing when no partner of the tier records it.
* **Size**: the median head count (``partners.employees``) of the tier and its range (fewest –
  most), over the partners that record it.
* **Customers in common** and **fit score**: medians over the tier (fit over the partners with
  a fit score); **must-haves failed**: how many partners of the tier fail one.
* **Campaigns aimed at the tier**: campaigns started on or before the as-of date whose
  ``tier`` is this tier, with the partners they signed; **offers**: the offers those campaigns
  made, each with its number of campaigns.
* **Offer that signed the most in a target's tier**: named only when it signed at least
  ``min_signed`` partners in that tier (the offers' rule for "judged"); below that the report
  says "too few to judge" and recommends nothing.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import CELL_NAMES, PROSE_NAMES, fmt_int, format_frame, name_list
from playbook.labels import label, plural
from playbook.offers import offer_labels
from playbook.schema import CAMPAIGN_TIERS

#: The ranking's tier names (``playbook.acquisition.Tier``) in order, with their campaign tier.
TIER_NAMES = ("Low-Hanging Fruit", "Mid-Level", "Cold")
_CAMPAIGN_TIER = dict(zip(TIER_NAMES, CAMPAIGN_TIERS, strict=True))


def most_common(values: pd.Series) -> tuple[str | None, int, int]:
    """The most common recorded value of ``values`` (ties: alphabetical first), how many
    partners share it, and how many record a value at all; ``(None, 0, 0)`` when none does."""
    known = values.dropna()
    known = known[known.astype(str).str.strip() != ""]
    if known.empty:
        return None, 0, 0
    counts = known.astype(str).value_counts()
    top = counts[counts == counts.max()].sort_index().index[0]
    return top, int(counts[top]), len(known)


def tier_profile(
    ranked: pd.DataFrame,
    partners: pd.DataFrame,
    campaigns: pd.DataFrame | None = None,
    offer_names: dict | None = None,
) -> pd.DataFrame:
    """One row per tier that holds a partner (module docstring): ``tier``, ``partners``,
    ``targets``, ``signed``, ``type`` / ``type_share`` (count, recorded), ``industry`` /
    ``industry_share``, ``median_employees``, ``min_employees``, ``max_employees``,
    ``median_customers``, ``median_fit``, ``must_have_failed``, ``campaigns`` (missing without a
    campaigns table), ``campaign_signed``, ``offers`` (text: "Name (2 campaigns), …", at most
    10 named) and ``offers_named`` (the same, at most 5 named, for the takeaway).

    ``ranked`` from :func:`playbook.acquisition.rank_partners`; ``campaigns`` limited to the
    as-of date; ``offer_names`` maps an offer id to its name (the id otherwise)."""
    info = [c for c in ("type", "industry", "employees") if c in partners.columns]
    data = ranked.merge(partners[["partner_id", *info]], on="partner_id", how="left")
    rows = []
    for tier in TIER_NAMES:
        t = data[data["tier"] == tier]
        if t.empty:
            continue
        row = {
            "tier": tier,
            "partners": len(t),
            "targets": int(t["target"].sum()),
            "signed": int((~t["target"]).sum()),
            "median_customers": t["our_customers"].median(),
            "median_fit": t["fit_score"].median(),
            "must_have_failed": int(t["must_have"].astype("object").eq("fail").sum()),
        }
        for col in ("type", "industry"):
            value, n, of = most_common(t[col]) if col in t else (None, 0, 0)
            row[col], row[f"{col}_share"] = value, (n, of)
        sizes = t["employees"].dropna() if "employees" in t else pd.Series(dtype=float)
        row["median_employees"] = sizes.median() if len(sizes) else float("nan")
        row["min_employees"] = sizes.min() if len(sizes) else float("nan")
        row["max_employees"] = sizes.max() if len(sizes) else float("nan")
        row.update(_campaigns_of(tier, campaigns, offer_names or {}))
        rows.append(row)
    return pd.DataFrame(rows)


def _campaigns_of(tier: str, campaigns: pd.DataFrame | None, names: dict) -> dict:
    """The campaigns aimed at ``tier``, the partners they signed and the offers they made:
    each offer with its campaigns, most campaigns first, listed by
    :func:`~playbook.formatting.name_list` (offers that share a name and a count are named
    once, "×240"), at most :data:`~playbook.formatting.CELL_NAMES` for the table
    (``offers``) and :data:`~playbook.formatting.PROSE_NAMES` for the takeaway
    (``offers_named``); every offer is in the offers table."""
    if campaigns is None:
        nan = float("nan")
        return {"campaigns": nan, "campaign_signed": nan, "offers": None, "offers_named": None}
    mine = campaigns[campaigns["tier"] == _CAMPAIGN_TIER[tier]]
    offers = mine["offer"].dropna() if "offer" in mine else pd.Series(dtype=object)
    counts = offers.value_counts(sort=False)
    items = [
        f"{names.get(o, o)} ({plural(int(n), 'campaign')})"
        for o, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(names.get(kv[0], kv[0]))))
    ]
    return {
        "campaigns": len(mine),
        "campaign_signed": mine["closed"].sum(min_count=1),
        "offers": name_list(items, CELL_NAMES) or None,
        "offers_named": name_list(items, PROSE_NAMES) or None,
    }


def target_campaigns(
    ranked: pd.DataFrame,
    campaigns: pd.DataFrame,
    offer_names: dict | None = None,
    *,
    min_signed: int,
) -> pd.DataFrame:
    """Per acquisition target (in rank order), the campaigns that reach it: those aimed at its
    tier (started by the as-of date), the latest of them (``latest``, ``latest_start``,
    ``latest_channel``, ``latest_offer``: its offer's name, missing when it made none) and the
    offer whose campaigns in that tier signed the most partners (``top_offer``,
    ``top_offer_signed``; ties: the offer named first alphabetically; missing when no offer
    of the tier signed a partner), and whether it signed enough in the tier to be judged
    (``top_offer_judged``: at least ``min_signed`` partners, the rule of
    :func:`playbook.offers.judged` within a tier); an offer below it is never recommended."""
    names = offer_names or {}
    per_tier: dict = {}  # the campaigns of a tier, worked out once for all its targets
    rows = []
    for r in ranked[ranked["target"]].itertuples():
        if r.tier not in per_tier:
            per_tier[r.tier] = _tier_campaigns(r.tier, campaigns, names, min_signed)
        rows.append({"name": r.name, "tier": r.tier, **per_tier[r.tier]})
    columns = ["name", "tier", "campaigns", "latest", "latest_start", "latest_channel"]
    offer_columns = ["latest_offer", "top_offer", "top_offer_signed", "top_offer_judged"]
    return pd.DataFrame(rows, columns=[*columns, *offer_columns])


def _tier_campaigns(tier: str, campaigns: pd.DataFrame, names: dict, min_signed: int) -> dict:
    """The campaigns aimed at ``tier``, their latest and the offer that signed the most in the
    tier (:func:`target_campaigns`), the same for every target of the tier."""
    mine = campaigns[campaigns["tier"] == _CAMPAIGN_TIER[tier]]
    row = {"campaigns": len(mine)}
    dated = mine.sort_values(["start_date", "campaign_id"], na_position="first")
    last = dated.iloc[-1] if len(dated) else None
    row["latest"] = None if last is None else last["campaign_id"]
    row["latest_start"] = None if last is None else last["start_date"]
    row["latest_channel"] = None if last is None else last["channel"]
    offer = None if last is None else last.get("offer")
    row["latest_offer"] = None if offer is None or pd.isna(offer) else names.get(offer, offer)
    signed = mine.dropna(subset=["offer"]).groupby("offer")["closed"].sum()
    signed = signed[signed > 0].rename(index=lambda o: names.get(o, o))
    best = signed[signed == signed.max()].sort_index() if len(signed) else signed
    row["top_offer"] = best.index[0] if len(best) else None
    row["top_offer_signed"] = int(best.iloc[0]) if len(best) else None
    row["top_offer_judged"] = bool(len(best)) and int(best.iloc[0]) >= min_signed
    return row


def target_view(targets: pd.DataFrame) -> pd.DataFrame:
    """:func:`target_campaigns`, formatted: the latest campaign as "start date, channel"."""
    t = targets
    out = format_frame(t[["name", "tier", "campaigns"]], integer=["campaigns"])
    out["latest"] = [
        _latest(c, d, ch)
        for c, d, ch in zip(t["latest"], t["latest_start"], t["latest_channel"], strict=True)
    ]
    out["latest_offer"] = t["latest_offer"].map(_or_dash)
    out["top_offer"] = [
        _top_offer(o, n, ok)
        for o, n, ok in zip(
            t["top_offer"], t["top_offer_signed"], t["top_offer_judged"], strict=True
        )
    ]
    return out.rename(columns=TARGET_COLUMNS)[list(TARGET_COLUMNS.values())]


def _latest(campaign, start, channel) -> str:
    """``2026-07-01, LinkedIn``; the channel alone without a start date; ``—`` for none."""
    if campaign is None or pd.isna(campaign):
        return "—"
    return (
        str(channel) if pd.isna(start) else f"{pd.Timestamp(start).date().isoformat()}, {channel}"
    )


def _top_offer(offer, signed, judged: bool) -> str:
    """``Free training (6 partners signed)``; when too few to judge, says so and recommends
    nothing; ``—`` when no offer of the tier signed a partner."""
    if offer is None or pd.isna(offer):
        return "—"
    if not judged:
        return f"None judged yet: {offer} signed {plural(int(signed), 'partner')}, too few to judge"
    return f"{offer} ({plural(int(signed), 'partner')} signed)"


def _or_dash(value) -> str:
    return "—" if value is None or pd.isna(value) else str(value)


TARGET_COLUMNS = {
    "name": "Partner",
    "tier": "Tier",
    "campaigns": "Campaigns aimed at its tier",
    "latest": "Latest of them (start, channel)",
    "latest_offer": "Offer it made",
    "top_offer": "Offer that signed the most in the tier",
}


def _share(value, share) -> str:
    """``ISV (3 of 5)``; ``—`` when no partner records it."""
    if value is None or pd.isna(value):
        return "—"
    return f"{label(value)} ({fmt_int(share[0])} of {fmt_int(share[1])})"


def _campaign_text(n, signed) -> str:
    """``4 (3 partners signed)``; ``—`` without a campaigns table."""
    if pd.isna(n):
        return "—"
    return (
        fmt_int(n) if pd.isna(signed) else f"{fmt_int(n)} ({plural(int(signed), 'partner')} signed)"
    )


def profile_view(profile: pd.DataFrame) -> pd.DataFrame:
    """The ideal-partner profile (:func:`tier_profile`), formatted for a report."""
    p = profile
    out = format_frame(
        p[["tier", "partners", "targets", "signed", "median_customers", "median_fit"]],
        integer=["partners", "targets", "signed", "median_customers", "median_fit"],
    )
    out["type"] = [_share(v, s) for v, s in zip(p["type"], p["type_share"], strict=True)]
    out["industry"] = [
        _share(v, s) for v, s in zip(p["industry"], p["industry_share"], strict=True)
    ]
    out["size"] = [
        "—" if pd.isna(m) else f"{fmt_int(m)} people ({fmt_int(lo)}–{fmt_int(hi)})"
        for m, lo, hi in zip(
            p["median_employees"], p["min_employees"], p["max_employees"], strict=True
        )
    ]
    out["must_have_failed"] = p["must_have_failed"].map(fmt_int)
    out["campaigns"] = [
        _campaign_text(n, s) for n, s in zip(p["campaigns"], p["campaign_signed"], strict=True)
    ]
    out["offers"] = p["offers"].map(lambda v: "—" if v is None or pd.isna(v) else v)
    return out.rename(columns=PROFILE_COLUMNS)[list(PROFILE_COLUMNS.values())]


PROFILE_COLUMNS = {
    "tier": "Tier",
    "partners": "Partners",
    "targets": "Not yet signed",
    "signed": "Signed",
    "type": "Most common type",
    "industry": "Most common industry",
    "size": "Size (median, range)",
    "median_customers": "Customers in common (median)",
    "median_fit": "Fit score (median)",
    "must_have_failed": "Failing a must-have",
    "campaigns": "Campaigns aimed at the tier",
    "offers": "Offers made to the tier",
}

#: The columns of :func:`profile_view` a report shows (the workbook has all).
PROFILE_SCREEN = [
    "Tier",
    "Partners",
    "Most common type",
    "Most common industry",
    "Size (median, range)",
    "Customers in common (median)",
    "Fit score (median)",
    "Offers made to the tier",
]


#: Caption of :func:`profile_view` (its offers cells name at most
#: :data:`~playbook.formatting.CELL_NAMES`; the offers table has every offer).
PROFILE_CAPTION = (
    "What the partners of each tier have in common, and the campaigns and offers aimed at the "
    f"tier (up to {CELL_NAMES} offers named a cell; every offer, with the tiers its campaigns "
    "aim at, in the table 'Offers compared by the response their campaigns got')"
)


def profile_findings(profile: pd.DataFrame | None) -> list[str]:
    """The takeaway: what the partners of the best tier that holds any have in common, and
    the campaigns and offers aimed at them."""
    if profile is None or profile.empty:
        return []
    p = profile.iloc[0]
    traits = []
    if p["type"] is not None and pd.notna(p["type"]):
        traits.append(f"most often of type {_share(p['type'], p['type_share'])}")
    if p["industry"] is not None and pd.notna(p["industry"]):
        traits.append(f"most often in {_share(p['industry'], p['industry_share'])}")
    if pd.notna(p["median_employees"]):
        traits.append(f"about {fmt_int(p['median_employees'])} people")
    traits.append(f"sharing a median {fmt_int(p['median_customers'])} of our customers")
    if pd.notna(p["median_fit"]):
        traits.append(f"with a median fit score of {fmt_int(p['median_fit'])}")
    verb = "is" if p["partners"] == 1 else "are"
    text = f"The {plural(int(p['partners']), 'partner')} in the {p['tier']} tier {verb} "
    text += ", ".join(traits)
    if pd.notna(p["campaigns"]):
        aimed = f"{plural(int(p['campaigns']), 'campaign')} aimed at this tier"
        text += f"; {aimed}" + (
            f" made the offers {p['offers_named']}"
            if isinstance(p["offers_named"], str) and p["offers_named"]
            else ", none with an offer recorded"
        )
    return [text + "."]


def figures(profile: pd.DataFrame | None) -> dict:
    """Machine-readable figures for ``results.json``: per tier, its partners, most common type
    and industry, median customers in common and fit, campaigns aimed at it."""
    if profile is None or profile.empty:
        return {}
    return {
        "ideal_profile": {
            r.tier: {
                "partners": int(r.partners),
                "type": r.type if isinstance(r.type, str) else None,
                "industry": r.industry if isinstance(r.industry, str) else None,
                "median_customers": _rounded(r.median_customers),
                "median_fit": _rounded(r.median_fit),
                "campaigns": None if pd.isna(r.campaigns) else int(r.campaigns),
            }
            for r in profile.itertuples()
        }
    }


def _rounded(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 1)


def definitions() -> list[str]:
    """ "How these figures are defined" for the ideal-partner profile (module docstring)."""
    return [
        "Ideal-partner profile: per tier, every partner the ranking tiered (signed or not); "
        "the most common type and industry with how many of the partners that record one "
        "share it; the median head count and its range; the median customers in common and "
        "fit score; the campaigns started by the as-of date aimed at the tier, the partners "
        "they signed and the offers they made. For a company not yet signed, the offer that "
        "signed the most partners in its tier is named only once it has signed enough there to "
        "be judged (the assumption 'Partners signed before an offer is judged').",
    ]


def offer_names(offers: pd.DataFrame | None) -> dict:
    """Offer id → offer name from the ``offers`` table as the reports show it
    (:func:`playbook.offers.offer_labels`: two offers of one name told apart by their ids);
    empty without a table."""
    if offers is None or offers.empty:
        return {}
    return dict(zip(offers["offer_id"], offer_labels(offers), strict=True))
