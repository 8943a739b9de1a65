"""Trend 2 — the offer comparison of :mod:`playbook.offers` as a report shows it: each rate
with the counts it rests on ("12.0% (3 of 25)"), costs in the client's currency, the signed
rate's 95 % range and a plain note on small samples and missing costs."""

from __future__ import annotations

import pandas as pd

from playbook.acquisition import TIER_LABELS
from playbook.formatting import fmt_int, fmt_money, fmt_percent, format_frame
from playbook.labels import label_values, plural
from playbook.offers import COUNTS, RATES


def _note(r, min_signed: int) -> str:
    """Why a row's figures are missing or not judged, in plain words ("" when none)."""
    notes = []
    is_offer = r.offer is not None and pd.notna(r.offer)
    if r.closed_missing:
        notes.append(f"partners signed not recorded for {plural(r.closed_missing, 'campaign')}")
    elif is_offer and r.closed == 0:
        notes.append("no partner signed: too few to judge")
    elif is_offer and r.closed < min_signed:
        notes.append(f"small sample: {plural(int(r.closed), 'partner')} signed, too few to judge")
    if r.costs_missing:
        notes.append(f"cost not recorded for {plural(r.costs_missing, 'campaign')}")
    if is_offer and pd.isna(r.offer_cost):
        notes.append("offer's own cost not recorded")
    if not is_offer:
        notes.append("no offer recorded: no offer cost to add; the baseline for the offers")
    return "; ".join(notes)


def _rate(value, pair, digits: int = 1) -> str:
    """A rate with the counts it rests on: ``12.0% (3 of 25)``; ``—`` when not computable."""
    if pd.isna(value):
        return "—"
    return f"{fmt_percent(value, digits)} ({fmt_int(pair[0])} of {fmt_int(pair[1])})"


def offers_view(response: pd.DataFrame, currency: str, min_signed: int) -> pd.DataFrame:
    """The offer comparison (:func:`offer_response`), formatted: each rate with its counts,
    costs, the signed-rate range and a note on small samples and missing costs."""
    r = response
    out = format_frame(
        r[["name", "kind", "partner_gets", "tiers", "campaigns", *COUNTS]],
        integer=["campaigns", *COUNTS],
    )
    out["kind"] = label_values(r["kind"].astype("object")).fillna("—")
    out["tiers"] = r["tiers"].map(_tier_words)
    for rate in RATES:
        digits = 2 if rate == "overall" else 1
        out[rate] = [_rate(v, p, digits) for v, p in zip(r[rate], r[f"{rate}_of"], strict=True)]
    out["range"] = [
        "—" if pd.isna(lo) else f"{fmt_percent(lo)}–{fmt_percent(hi)}"
        for lo, hi in zip(r["close_low"], r["close_high"], strict=True)
    ]
    for col in ("offer_cost", "campaign_cost", "campaign_cost_per_partner", "cost_per_partner"):
        out[col] = r[col].map(lambda v: fmt_money(v, currency))
    out["note"] = [_note(x, min_signed) or "—" for x in r.itertuples()]
    out = out.rename(columns=OFFER_COLUMNS)[list(OFFER_COLUMNS.values())]
    if "tier" in r.columns:  # by tier: the campaign tier first, in place of the tiers made to
        out = out.drop(columns=["Campaign tiers"])
        out.insert(0, "Tier", r["tier"].map(lambda t: TIER_LABELS.get(t, t)).to_numpy())
    return out


def _tier_words(codes: str) -> str:
    """``low_hanging_fruit, cold`` → ``Low-Hanging Fruit, Cold`` (the tiers' names)."""
    return ", ".join(str(TIER_LABELS.get(c, c)) for c in codes.split(", ")) if codes else "—"


OFFER_COLUMNS = {
    "name": "Offer",
    "kind": "Kind",
    "partner_gets": "What the partner gets",
    "tiers": "Campaign tiers",
    "campaigns": "Campaigns",
    "traffic": "Traffic",
    "opt_ins": "Opt-ins",
    "engaged": "Engaged",
    "closed": "Partners signed",
    "opt_in_rate": "Opt-in rate",
    "engage_rate": "Engaged rate",
    "close_rate": "Signed rate",
    "range": "Signed rate, 95% range",
    "overall": "Signed per visitor",
    "offer_cost": "Offer cost per partner",
    "campaign_cost": "Campaign cost",
    "campaign_cost_per_partner": "Campaign cost per signed partner",
    "cost_per_partner": "Cost per signed partner, offer included",
    "note": "Note",
}

#: The columns of :func:`offers_view` a report shows (the workbook has all).
OFFER_SCREEN = [
    "Offer",
    "Campaigns",
    "Opt-in rate",
    "Engaged rate",
    "Signed rate",
    "Partners signed",
    "Cost per signed partner, offer included",
    "Note",
]


#: The columns of :func:`offers_view` of :func:`offer_response_by_tier` a report shows.
OFFER_TIER_SCREEN = ["Tier", *(c for c in OFFER_SCREEN if c != "Engaged rate")]
