"""Trend 2 — the offer each recruiting campaign made, compared by the response it got.

The seed report asks for an offer partners find hard to ignore; this module measures which
offer earns that. ``campaigns.offer`` names the offer a campaign made (an ``offers.offer_id``);
the optional ``offers`` table says what the partner gets and what each partner signed on it
costs us. Campaigns without an offer recorded are one group of their own ("No offer recorded"),
shown for comparison and never judged as an offer.

Definitions
-----------
* **Offer response**: per offer, over its campaigns started on or before the as-of date
  (:func:`playbook.acquisition.campaigns_as_of`): campaigns, traffic, opt-ins, engaged and
  partners signed (each a sum over the campaigns that record it; none recorded: missing).
* **Opt-in rate** = opt-ins ÷ traffic, **engaged rate** = engaged ÷ opt-ins, **signed rate** =
  partners signed ÷ engaged, **overall** = partners signed ÷ traffic: each over the campaigns
  that record both counts (a blank count is left out, never read as 0), shown with the counts
  it rests on ("3 of 25") so a small sample is visible.
* **Signed rate range**: the 95 % Wilson score interval of the signed rate (z = 1.96), in
  percent of engaged partners: the rates the counts are consistent with. Two offers whose
  ranges overlap may differ by chance.
* **Campaign cost per signed partner** = the campaigns' cost ÷ partners signed (the figure the
  acquisition funnel shows per tier); **cost per signed partner, offer included** = (the
  campaigns' cost + ``offers.cost_per_partner`` × partners signed) ÷ partners signed, in the
  client's currency (for campaigns without an offer recorded there is no offer cost to add:
  both figures are the campaigns' cost ÷ partners signed). Missing when no partner was
  signed, when a campaign of the offer has no cost or no partners signed recorded, or (the
  second) when the offer's own cost is not recorded; the note says which.
* **Judged offers**: offers (not the "no offer" group) that signed at least ``min_signed``
  partners (notebook parameter); the others are listed as too few to judge. The best offer is
  the judged offer with the lowest cost per signed partner (campaign cost per signed partner
  where the offers' own costs are not all known).
* **Baseline**: the campaigns without an offer recorded. When they signed partners at a lower
  cost per signed partner than the best offer (the same cost compared), the takeaway and the
  chart say so first: the offers have not yet signed partners more cheaply than no offer.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from playbook.formatting import fmt_int, fmt_money, fmt_percent
from playbook.labels import plural, told_apart

#: The group of campaigns that name no offer.
NO_OFFER = "No offer recorded"
#: z of the 95 % Wilson score interval.
Z95 = 1.96

COUNTS = ("traffic", "opt_ins", "engaged", "closed")
_TIERS = ("low_hanging_fruit", "mid_level", "cold")
#: rate → (numerator, denominator)
RATES = {
    "opt_in_rate": ("opt_ins", "traffic"),
    "engage_rate": ("engaged", "opt_ins"),
    "close_rate": ("closed", "engaged"),
    "overall": ("closed", "traffic"),
}


def wilson(successes, trials, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a rate of ``successes`` in ``trials`` (shares 0–1):
    ``(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)``; missing for no trial."""
    if trials is None or pd.isna(trials) or trials <= 0 or pd.isna(successes):
        return (np.nan, np.nan)
    n, p = float(trials), float(successes) / float(trials)
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return ((centre - spread) / scale, (centre + spread) / scale)


def _sums(campaigns: pd.DataFrame, keys: list) -> tuple[dict, dict]:
    """One group-by of ``campaigns`` over ``keys`` (arrays; a missing key is a group of its
    own): each group key's position, and per column the sums :func:`_group` reads, as lists of
    scalars in that order (each count summed with ``min_count=1``: none recorded, missing)."""
    data = {c: campaigns[c] for c in COUNTS}
    for rate, (num, den) in RATES.items():
        both = campaigns[num].notna() & campaigns[den].notna()
        data[f"{rate}_n"] = campaigns[num].where(both, 0)
        data[f"{rate}_d"] = campaigns[den].where(both, 0)
        data[f"{rate}_any"] = both
    data |= {t: campaigns["tier"].eq(t) for t in _TIERS}
    data |= {
        "closed_missing": campaigns["closed"].isna(),
        "costs_missing": campaigns["cost"].isna(),
    }
    grouped = pd.DataFrame({**data, "cost": campaigns["cost"]}).groupby(
        keys, dropna=False, sort=False
    )
    sums = grouped.sum().drop(columns=list(COUNTS))
    sums[list(COUNTS)] = grouped[list(COUNTS)].sum(min_count=1)
    sums["size"] = grouped.size()
    sums["cost"] = _slice_sums(
        campaigns["cost"].to_numpy("float64", na_value=0.0), grouped.ngroup()
    )
    pos = {(k if isinstance(k, tuple) else (k,)): i for i, k in enumerate(sums.index)}
    return pos, {c: list(sums[c].array) for c in sums.columns}


def _slice_sums(values: np.ndarray, group: pd.Series) -> list[float]:
    """The sum of ``values`` in each group (``group``: each row's group number), added in the
    rows' order as ``Series.sum`` adds one group's rows (a group-by's compensated sum may
    differ from it in the last digit of an amount)."""
    ids = group.to_numpy()
    order = np.argsort(ids, kind="stable")
    bounds = np.searchsorted(ids[order], np.arange(ids.max(initial=-1) + 2))
    ordered = values[order]
    return [ordered[a:b].sum() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _group(s: dict, i: int) -> dict:
    """Counts, rates and costs of the campaigns of group ``i`` of the sums ``s`` of
    :func:`_sums` (module docstring)."""
    out: dict = {"campaigns": int(s["size"][i])}
    out["tiers"] = ", ".join(t for t in _TIERS if s[t][i] > 0)
    for c in COUNTS:
        out[c] = s[c][i]
    for rate in RATES:
        n, d = s[f"{rate}_n"][i], s[f"{rate}_d"][i]
        out[rate] = n / d if d > 0 else np.nan
        out[f"{rate}_of"] = (n, d) if s[f"{rate}_any"][i] else (np.nan, np.nan)
    out["close_low"], out["close_high"] = wilson(*out["close_rate_of"])
    out["closed_missing"] = int(s["closed_missing"][i])
    out["costs_missing"] = int(s["costs_missing"][i])
    out["campaign_cost"] = s["cost"][i] if out["costs_missing"] == 0 else np.nan
    return out


def offer_response(campaigns: pd.DataFrame, offers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per offer, the response its campaigns got and what a signed partner cost (module
    docstring); ``campaigns`` already limited to the as-of date, with an ``offer`` column.

    One row per offer that a campaign made, then the "no offer" group (``offer`` missing),
    offers in the order of the ``offers`` table (else of their ids). Columns: ``offer``,
    ``name``, ``kind``, ``partner_gets``, ``campaigns``, ``tiers``, the counts
    (``traffic`` … ``closed``), the rates and their ``*_of`` (numerator, denominator) pairs,
    ``close_low`` / ``close_high``, ``campaign_cost``, ``costs_missing``, ``offer_cost`` (per
    partner), ``campaign_cost_per_partner``, ``cost_per_partner``.
    """
    codes, ids = pd.factorize(campaigns["offer"])
    key = {o: (c,) for c, o in enumerate(ids)}
    return _response(campaigns["offer"], _known(offers), key, *_sums(campaigns, [codes]))


def offer_response_by_tier(
    campaigns: pd.DataFrame, offers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`offer_response` within each campaign tier (a ``tier`` column first, tiers in
    the order Low-Hanging Fruit, Mid-Level, Cold): tiers answer differently whatever the offer,
    so two offers made to different tiers are compared fairly only within one tier."""
    codes, ids = pd.factorize(campaigns["offer"])
    groups = _sums(campaigns, [campaigns["tier"].to_numpy(), codes])
    known = _known(offers)
    parts = [
        _response(
            campaigns.loc[campaigns["tier"] == t, "offer"],
            known,
            {o: (t, c) for c, o in enumerate(ids)},
            *groups,
            none=(t, -1),
        ).assign(tier=t)
        for t in _TIERS
        if (campaigns["tier"] == t).any()
    ]
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True)
    return out[["tier", *[c for c in out.columns if c != "tier"]]]


def _response(offer: pd.Series, known: tuple, key: dict, pos: dict, sums: dict, none=(-1,)):
    """The rows of :func:`offer_response` for the campaigns whose ``offer`` column is given,
    ``known`` from :func:`_known`: ``key`` maps an offer id to its group in ``pos`` / ``sums``
    (:func:`_sums`), ``none`` is the group of the campaigns without an offer."""
    order, described = known
    ids = list(offer.dropna().unique())
    ids.sort(key=str if order is None else lambda o: (order.get(o, len(order)), str(o)))
    rows = []
    for o in [*ids, None]:
        i = pos.get(none if o is None else key[o])
        if i is None:
            continue
        row = {"offer": o, **_describe(o, described), **_group(sums, i)}
        complete = row["closed_missing"] == 0 and pd.notna(row["closed"]) and row["closed"] > 0
        signed = row["closed"] if complete else np.nan
        row["campaign_cost_per_partner"] = row["campaign_cost"] / signed
        own = 0.0 if o is None else row["offer_cost"]  # no offer: the campaigns' cost only
        row["cost_per_partner"] = (row["campaign_cost"] + own * signed) / signed
        rows.append(row)
    return pd.DataFrame(rows)


def offer_labels(offers: pd.DataFrame) -> pd.Series:
    """Each offer's name as every table, chart and sentence of the reports shows it: two offers
    of one name told apart by their ids (``Free training (O2)``,
    :func:`playbook.labels.told_apart`); a blank name stays blank. Same index as ``offers``."""
    names = offers.get("name", pd.Series(None, index=offers.index)).astype("object").copy()
    named = names.notna().to_numpy()
    names[named] = told_apart(names[named], offers.loc[named, "offer_id"])
    return names


def _known(offers: pd.DataFrame | None) -> tuple[dict | None, dict]:
    """The ``offers`` table read once (``offer_id`` is its key): each offer's place in it
    (``None`` without a table) and its name (:func:`offer_labels`), kind, what the partner
    gets and cost per partner."""
    if offers is None or not len(offers):
        return None, {}
    n = len(offers)
    names = offer_labels(offers)
    columns = {
        f: offers[c].array if c in offers.columns else [d] * n
        for f, c, d in (
            ("kind", "kind", None),
            ("partner_gets", "partner_gets", None),
            ("offer_cost", "cost_per_partner", np.nan),
        )
    }
    columns = {"name": names.array, **columns}
    rows = [dict(zip(columns, v, strict=True)) for v in zip(*columns.values(), strict=True)]
    ids = list(offers["offer_id"])
    return {o: i for i, o in enumerate(ids)}, dict(zip(ids, rows, strict=True))


def _describe(offer, described: dict) -> dict:
    """Name, kind, what the partner gets and cost per partner of ``offer`` (:func:`_known`;
    the id as its name when the offers table does not list it)."""
    if offer is None:
        return {"name": NO_OFFER, "kind": None, "partner_gets": None, "offer_cost": np.nan}
    if offer not in described:
        return {"name": str(offer), "kind": None, "partner_gets": None, "offer_cost": np.nan}
    return described[offer]


def judged(response: pd.DataFrame, min_signed: int) -> pd.DataFrame:
    """The offers that signed at least ``min_signed`` partners (the "no offer" group never)."""
    if response.empty:
        return response
    return response[response["offer"].notna() & (response["closed"].fillna(0) >= min_signed)]


def best_offer(response: pd.DataFrame, min_signed: int) -> tuple[pd.Series, str] | None:
    """The judged offer with the lowest cost per signed partner, and which cost decided
    (``cost_per_partner`` when every judged offer's full cost is known, else
    ``campaign_cost_per_partner``); ``None`` when no judged offer has a cost."""
    j = judged(response, min_signed)
    for column in ("cost_per_partner", "campaign_cost_per_partner"):
        if len(j) and j[column].notna().all():
            return j.loc[j[column].idxmin()], column
    return None


def offer_findings(response: pd.DataFrame | None, min_signed: int, currency: str) -> list[str]:
    """The takeaway on offers: the campaigns without an offer first when they signed partners
    more cheaply than the best judged offer (:func:`baseline_cheaper`), else the best judged
    offer against the others (whether the signed-rate ranges overlap) and the baseline; or why
    no offer can be judged yet."""
    if response is None or response.empty or response["offer"].isna().all():
        return []
    j = judged(response, min_signed)
    few = response[response["offer"].notna()].shape[0] - len(j)
    if j.empty:
        return [
            f"No offer has signed {plural(min_signed, 'partner')} yet, too few to tell which "
            "offer works best: keep recording each campaign's offer."
        ]
    best = best_offer(response, min_signed)
    if best is None:
        return [
            f"{plural(len(j), 'offer')} signed enough partners to judge, but their campaign "
            "costs are not all recorded: the cost per signed partner cannot be compared."
        ]
    b, column = best
    what = "in all" if column == "cost_per_partner" else "in campaign cost alone"
    base = baseline_cheaper(response, b, column)
    if base is not None:
        return [_baseline_first(base, b, column, few, currency)]
    text = (
        f"{b['name']} signs partners at the lowest cost of the offers: "
        f"{fmt_money(b[column], currency)} per partner {what}, over "
        f"{plural(int(b['closed']), 'partner')} signed "
        f"(signed rate {fmt_percent(b['close_rate'])} of engaged)"
    )
    others = j[j["offer"] != b["offer"]]
    if len(others):
        text += (
            "; its signed rate is within the range of chance of the other offers'"
            if _overlaps(others, b).all()
            else "; its signed rate stands apart from at least one other offer's"
        )
    return [text + _few(few) + "." + _baseline(response, currency)]


def _few(few: int) -> str:
    """``; 2 offers signed too few partners to judge`` ("" for none)."""
    return f"; {plural(few, 'offer')} signed too few partners to judge" if few else ""


def _overlaps(rows: pd.DataFrame, b: pd.Series) -> pd.Series:
    """Whether each row's signed-rate range overlaps the range of ``b``."""
    return (rows["close_low"] <= b["close_high"]) & (rows["close_high"] >= b["close_low"])


def baseline_cheaper(response: pd.DataFrame, best: pd.Series, column: str) -> pd.Series | None:
    """The "no offer" row when its campaigns signed partners at a lower ``column`` cost per
    signed partner than ``best`` (an offer without an offer cost of its own to add, so either
    column holds its campaigns' cost ÷ partners signed); ``None`` otherwise."""
    none = response[response["offer"].isna()]
    if none.empty or pd.isna(none[column].iloc[0]):
        return None
    n = none.iloc[0]
    return n if n[column] < best[column] else None


def _baseline_first(n: pd.Series, b: pd.Series, column: str, few: int, currency: str) -> str:
    """The takeaway when the campaigns without an offer recorded (``n``) signed partners more
    cheaply than the best offer ``b``: that comparison first, whether the signed rates differ
    beyond chance, and what to do about it."""
    what = "its own cost included" if column == "cost_per_partner" else "in campaign cost"
    chance = _overlaps(pd.DataFrame([n]), b).iloc[0]
    return (
        "No offer has yet signed partners more cheaply than campaigns without one: the "
        f"{plural(int(n['campaigns']), 'campaign')} without an offer recorded signed "
        f"{plural(int(n['closed']), 'partner')} at {fmt_money(n[column], currency)} each "
        f"(signed rate {fmt_percent(n['close_rate'])} of engaged); the cheapest offer judged, "
        f"{b['name']}, signed {fmt_int(b['closed'])} at {fmt_money(b[column], currency)} "
        f"each, {what} (signed rate {fmt_percent(b['close_rate'])}, "
        + ("within the range of chance of theirs" if chance else "apart from theirs")
        + f"){_few(few)}. Before paying for an offer again, test it against the same campaign "
        "made without one."
    )


def _baseline(response: pd.DataFrame, currency: str) -> str:
    """The campaigns without an offer recorded, as the baseline the offers are set against."""
    none = response[response["offer"].isna()]
    if none.empty or pd.isna(none["closed"].iloc[0]) or none["closed"].iloc[0] == 0:
        return ""
    n = none.iloc[0]
    cost = n["campaign_cost_per_partner"]
    at = "" if pd.isna(cost) else f" at {fmt_money(cost, currency)} each"
    return (
        f" For comparison, the {plural(int(n['campaigns']), 'campaign')} without an offer "
        f"recorded signed {plural(int(n['closed']), 'partner')}{at}."
    )


#: What the rows of :func:`cost_chart` are, for a chart title that counts them.
COST_CHART_ROWS = "with a cost per signed partner"


def cost_chart(
    response: pd.DataFrame, min_signed: int, currency: str
) -> tuple[pd.Series, str, list[int]] | None:
    """Cost per signed partner, offer included, of every offer that signed a partner and
    whose cost is known (the "no offer" group: its campaigns' cost, no offer cost to add), each
    labelled with the partners it signed and marked when too few to judge (two offers of one
    name told apart by their ids, :func:`playbook.labels.told_apart`); a title stating the
    finding: the campaigns without an offer first when they signed partners more cheaply than
    the best offer judged; and the positions of the rows the title names (a chart that cannot
    draw every offer draws these and the cheapest others, ``charts.bars(..., lowest=True,
    keep=...)``, so the title's figures are on it). ``None`` when no offer has a cost per
    signed partner."""
    known = response[response["cost_per_partner"].notna()]
    if known.empty:
        return None
    names = told_apart(known["name"], known["offer"])
    labels = [
        f"{name} ({plural(int(r.closed), 'signed', 'signed')}"
        + (", too few to judge)" if pd.notna(r.offer) and r.closed < min_signed else "")
        + (", no offer cost)" if pd.isna(r.offer) else "")
        + (")" if pd.notna(r.offer) and r.closed >= min_signed else "")
        for name, r in zip(names, known.itertuples(), strict=True)
    ]
    values = pd.Series(known["cost_per_partner"].to_numpy(), index=labels)
    best = best_offer(response, min_signed)
    if best is None or best[1] != "cost_per_partner":
        return values, "Cost per signed partner, by offer (offer's own cost included)", []
    b = best[0]
    offer_ids = known["offer"].tolist()
    at = offer_ids.index(b["offer"])
    n = baseline_cheaper(response, b, "cost_per_partner")
    if n is not None:
        title = (
            "Campaigns without an offer sign partners at the lowest cost: "
            f"{fmt_money(n['cost_per_partner'], currency)} each, against "
            f"{fmt_money(b['cost_per_partner'], currency)} for {names[at]}, the cheapest offer "
            "judged, its own cost included"
        )
        return values, title, [at, int(known["offer"].isna().to_numpy().argmax())]
    title = (
        f"{names[at]} signs partners at the lowest cost of the offers judged: "
        f"{fmt_money(b['cost_per_partner'], currency)} each, its own cost included"
    )
    return values, title, [at]


def figures(response: pd.DataFrame | None, min_signed: int) -> dict:
    """Machine-readable figures for ``results.json``: per offer id (``none`` for campaigns
    without an offer) its campaigns, partners signed, signed rate and costs per signed
    partner; the best offer's id."""
    if response is None or response.empty:
        return {}
    per = {}
    for r in response.itertuples():
        per["none" if r.offer is None or pd.isna(r.offer) else str(r.offer)] = {
            "campaigns": int(r.campaigns),
            "closed": None if pd.isna(r.closed) else int(r.closed),
            "close_rate": None if pd.isna(r.close_rate) else float(r.close_rate),
            "campaign_cost_per_partner": _num(r.campaign_cost_per_partner),
            "cost_per_partner": _num(r.cost_per_partner),
        }
    best = best_offer(response, min_signed)
    return {"offers": per, "best_offer": None if best is None else str(best[0]["offer"])}


def _num(value) -> float | None:
    return None if pd.isna(value) else float(value)


def definitions() -> list[str]:
    """ "How these figures are defined" for the offer comparison (module docstring)."""
    return [
        "Offers compared: each offer's campaigns started on or before the as-of date; "
        "campaigns without an offer recorded are one group of their own, shown for comparison "
        "and never judged as an offer.",
        "Opt-in rate = opt-ins ÷ traffic; engaged rate = engaged ÷ opt-ins; signed rate = "
        "partners signed ÷ engaged; each over the campaigns that record both counts, shown "
        "with the counts it rests on. The signed rate's 95% range is the Wilson score "
        "interval: two offers whose ranges overlap may differ by chance.",
        "Cost per signed partner, offer included = (the campaigns' cost + the offer's own cost "
        "per partner × partners signed) ÷ partners signed; campaign cost per signed partner = "
        "the campaigns' cost ÷ partners signed, the offer's own cost left out (the figure the "
        "acquisition funnel shows per tier). For campaigns without an offer the two are the "
        "same: there is no offer cost to add. Missing when no partner was signed or a cost is "
        "not recorded.",
        "Offers by tier: the same figures within each campaign tier. Tiers answer "
        "differently whatever the offer (Low-Hanging Fruit more than Cold), so two offers made "
        "to different tiers compare fairly only within one tier.",
        "An offer is judged only once it has signed enough partners (the assumption 'Partners "
        "signed before an offer is judged'); the best is the judged offer with the lowest cost "
        "per signed partner, offer included. The campaigns without an offer recorded are the "
        "baseline: when they signed partners more cheaply than the best offer, the report says "
        "so first.",
    ]
