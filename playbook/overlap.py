"""Trend 2 — MVP partner acquisition: account overlap and privacy.

Tiers, acquisition targets, the funnel and content reach are in :mod:`playbook.acquisition`,
which builds on the matching here; trend 2's ``summarise`` is in
:mod:`playbook.acquisition_findings`.

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
  cell. **Potential revenue**: sum of ``amount`` of our deals open at the as-of date (created by
  then and not closed by then) whose account overlaps the partner's list, each deal once. An
  open deal without an amount (pipeline value unknown) is never counted as 0: the figure sums
  the deals whose value is known and says how many of the open deals that is (*valued
  deals*); with none known it is missing.
* **Links from deals** (used when no partner account list is supplied): a partner works with
  an account when a deal of that account names the partner (``partner_id`` and ``account_id``
  both set) and the deal is known at the as-of date (created on or before it; without a created
  date, not closed after it). The account is *their customer* when one such deal is won and
  closed on or before the as-of date, else *their prospect*. Overlap, the matrix and potential
  revenue then work on these links exactly as on a list (potential revenue includes the open
  deals the partner is already on); the report says the links come from the deals.
* **Counts-only mode**: any count below ``min_count`` is suppressed (shown as ``<min_count``)
  and so is potential revenue resting on fewer than ``min_count`` opportunities.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import is_closed, is_open, is_won, open_at, open_pipeline, whole_deals
from playbook.formatting import fmt_int, fmt_percent, format_frame
from playbook.normalise import normalise_domain, normalise_name

OUR_GROUPS = ("customer", "prospect", "open_opportunity")
THEIR_GROUPS = ("customer", "prospect")


#: ``key`` of a partner × account link taken from the deals (:func:`deal_links`), not a list.
DEAL_LINK = "deal"


class MatchKey(StrEnum):
    """The key a partner account row matched one of ours on, tried in this order."""

    DOMAIN = "domain"
    NAME = "name"
    HASHED_DOMAIN = "hashed domain"


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


def _open_deals(deals: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Our open deals: open at ``as_of`` (created by then and not closed by then), or, without
    an as-of date, in an open stage as exported. One row per deal with its whole amount
    (:func:`playbook.deals.whole_deals`): the partner whose list overlaps need not be the deal's."""
    deals = whole_deals(deals)
    return open_pipeline(deals) if as_of is None else open_at(deals, as_of)


def our_accounts(accounts: pd.DataFrame, deals: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Our accounts with normalised keys and group flags (customer, prospect, open opportunity:
    an account with a deal open at ``as_of``, see :func:`_open_deals`)."""
    open_ids = set(_open_deals(deals, as_of)["account_id"].dropna())
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


def _codes(values: pd.Series, normalise=None) -> tuple[np.ndarray, pd.Series]:
    """Per row, the code of its distinct value (−1: missing), and the distinct values,
    normalised by ``normalise`` (string operations run once per distinct value only)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    keys = pd.Series(uniques, dtype="string")
    return codes, normalise(keys) if normalise else keys


def _shared(*sides: tuple[np.ndarray, pd.Series]) -> list[np.ndarray]:
    """Each side's row codes (:func:`_codes`) in one code space of their keys: two rows share a
    code exactly when their keys are equal (−1: no key)."""
    key_codes, _ = pd.factorize(
        pd.concat([keys for _, keys in sides], ignore_index=True), use_na_sentinel=True
    )
    out, start = [], 0
    for codes, keys in sides:
        part = key_codes[start : start + len(keys)]
        start += len(keys)
        row = np.full(len(codes), -1, dtype=np.int64)
        present = codes >= 0
        row[present] = part[codes[present]]
        out.append(row)
    return out


def _join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j) with ``left[i] == right[j] >= 0``, in left order, then right order
    within a left row: an inner merge on integer codes, without building key strings."""
    size = int(max(left.max(initial=-1), right.max(initial=-1))) + 1
    valid = right >= 0
    order = np.flatnonzero(valid)[np.argsort(right[valid], kind="stable")]
    counts = np.bincount(right[valid], minlength=size)
    starts = np.cumsum(counts) - counts
    li = np.flatnonzero(left >= 0)
    n = counts[left[li]]
    li, n = li[n > 0], n[n > 0]
    offsets = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    return np.repeat(li, n), order[np.repeat(starts[left[li]], n) + offsets]


def match_accounts(
    ours: pd.DataFrame, theirs: pd.DataFrame, salt: str | None = None
) -> pd.DataFrame:
    """Match partner account rows to our accounts on integer codes (no per-row Python).

    ``ours`` comes from :func:`our_accounts`; ``theirs`` has ``partner_id``, ``relationship`` and
    any of ``account_name``, ``domain``, ``domain_hash``. Returns one row per (partner row, our
    account) match: ``row`` (index in ``theirs``), ``partner_id``, ``relationship``,
    ``account_id`` and ``key`` (domain / name / hashed domain). A partner row matched on a key is
    not tried on the next one.

    Each key is normalised once per distinct value and both sides' keys are coded in one
    integer space (:func:`_shared`), so the joins compare integers, never 2M strings.
    """
    missing = pd.Series(pd.NA, index=theirs.index, dtype="string")
    domain = theirs["domain"] if "domain" in theirs else missing
    name = theirs["account_name"] if "account_name" in theirs else missing
    pid_codes, pid_values = pd.factorize(theirs["partner_id"].astype("string"))
    rel_codes, rel_values = pd.factorize(theirs["relationship"].astype("string"))
    # a code −1 (missing) picks the None appended last
    pid_values = np.append(np.asarray(pid_values, dtype=object), None)
    rel_values = np.append(np.asarray(rel_values, dtype=object), None)

    def part(i: np.ndarray, j: np.ndarray, key: MatchKey) -> pd.DataFrame:
        frame = pd.DataFrame(
            {
                "row": i.astype(np.int64),
                "partner_id": pd.Series(pid_values[pid_codes[i]], dtype="str"),
                "relationship": pd.Series(rel_values[rel_codes[i]], dtype="str"),
                "account_id": ours["account_id"].array.take(j),
            }
        )
        return frame.assign(key=key)

    t_dom, o_dom = _shared(_codes(domain, normalise_domain), _codes(ours["domain_key"]))
    i, j = _join(t_dom, o_dom)
    found = [part(i, j, MatchKey.DOMAIN)]

    # Names only where a domain is missing on one side; normalised only for rows still open.
    open_rows = np.ones(len(theirs), dtype=bool)
    open_rows[i] = False
    if (o_dom >= 0).all():
        open_rows &= t_dom < 0
    left = np.flatnonzero(open_rows)
    t_name_left, o_name = _shared(_codes(name.iloc[left], normalise_name), _codes(ours["name_key"]))
    t_name = np.full(len(theirs), -1, dtype=np.int64)
    t_name[left] = t_name_left
    i1, j1 = _join(np.where(t_dom < 0, t_name, -1), o_name)
    i2, j2 = _join(np.where(t_dom >= 0, t_name, -1), np.where(o_dom < 0, o_name, -1))
    found.append(part(np.concatenate([i1, i2]), np.concatenate([j1, j2]), MatchKey.NAME))

    if "domain_hash" in theirs and theirs["domain_hash"].notna().any():
        if not salt:
            raise ValueError("the partner list holds hashed domains: a salt is needed to match it")
        # a plain array of str / None: iterating the Arrow-backed column itself costs more
        # than the hashing
        o_keys = ours["domain_key"].astype("string").to_numpy(dtype=object, na_value=None)
        digests = pd.Series(
            [
                None if d is None else hashlib.sha256(f"{salt}:{d}".encode()).hexdigest()
                for d in o_keys
            ],
            dtype="string",
        )
        t_hash, o_hash = _shared(
            _codes(theirs["domain_hash"], lambda v: v.str.lower()), _codes(digests)
        )
        found.append(part(*_join(t_hash, o_hash), MatchKey.HASHED_DOMAIN))
    return pd.concat(found, ignore_index=True)


def deal_links(deals: pd.DataFrame, as_of) -> pd.DataFrame:
    """Partner × account links the deals carry (module docstring, *links from deals*), shaped
    like :func:`match_accounts`' matches: one row per (partner, account) with ``row`` (its
    number), ``partner_id``, ``relationship`` (customer / prospect), ``account_id`` and ``key``
    :data:`DEAL_LINK`."""
    as_of = pd.Timestamp(as_of)
    created, closed = deals["created_date"], deals["close_date"]
    known = (created <= as_of) | (
        created.isna() & (is_open(deals) | (is_closed(deals) & (closed <= as_of)))
    )
    linked = deals[known & deals["partner_id"].notna() & deals["account_id"].notna()]
    won = is_won(linked) & (linked["close_date"] <= as_of)
    pairs = (
        pd.DataFrame(
            {
                "partner_id": linked["partner_id"].astype("string"),
                "account_id": linked["account_id"].astype("string"),
                "won": won.to_numpy(dtype=bool),
            }
        )
        .groupby(["partner_id", "account_id"], as_index=False)["won"]
        .any()
    )
    out = pd.DataFrame(
        {
            "row": np.arange(len(pairs)),
            "partner_id": pairs["partner_id"].to_numpy(),
            "relationship": np.where(pairs["won"], "customer", "prospect"),
            "account_id": pairs["account_id"].to_numpy(),
        }
    )
    return out.assign(key=DEAL_LINK)


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
    as_of=None,
) -> pd.DataFrame:
    """Per partner that shared a list (``listed``; default: those with matches): distinct
    overlapping accounts by our group, potential revenue (deals open at ``as_of`` in overlapping
    accounts, each once; :func:`_open_deals`) and the number of such deals."""
    # Accounts by their position in ``ours`` (ids unique there) and partners by integer code:
    # the joins and de-duplications below compare integers, in the order merges would give.
    accounts = pd.Index(ours["account_id"])
    at = accounts.get_indexer(matches["account_id"])
    kept = at >= 0
    at = at[kept]
    who = matches["partner_id"].to_numpy()[kept]
    codes, _ = pd.factorize(who)
    first = ~pd.Series(codes.astype(np.int64) * (len(accounts) + 1) + at).duplicated().to_numpy()
    at, who = at[first], who[first]
    pairs = pd.DataFrame(
        {
            "partner_id": pd.Series(who, dtype=matches["partner_id"].dtype),
            "account_id": ours["account_id"].array.take(at),
            **{g: ours[g].to_numpy()[at] for g in OUR_GROUPS},
        }
    )
    by_partner = pairs.groupby("partner_id")
    per = by_partner[list(OUR_GROUPS)].sum()
    per["overlap_total"] = by_partner.size()  # each (partner, account) is once in pairs
    open_deals = _open_deals(deals, as_of)[["deal_id", "account_id", "amount"]]
    i, j = _join(at, accounts.get_indexer(open_deals["account_id"]))
    opp = pd.DataFrame(
        {
            "partner_id": pairs["partner_id"].array.take(i),
            "deal_id": open_deals["deal_id"].array.take(j),
            "amount": open_deals["amount"].array.take(j),
        }
    )
    opp = opp.drop_duplicates(["partner_id", "deal_id"])  # each deal once per partner: counted
    by_partner = opp.groupby("partner_id")["amount"]
    per["potential_revenue"] = by_partner.sum(min_count=1)
    per["open_deals"] = by_partner.size()
    per["valued_deals"] = by_partner.count()  # the deals with an amount
    if listed is not None:
        per = per.reindex(sorted(set(listed) | set(per.index)))
    unknown = per["potential_revenue"].isna() & (per["open_deals"] > 0)
    per = per.fillna(0)
    per.loc[unknown, "potential_revenue"] = np.nan  # open deals, none with a known amount
    counts = ["customer", "prospect", "open_opportunity", "overlap_total", "open_deals"]
    per[[*counts, "valued_deals"]] = per[[*counts, "valued_deals"]].astype(int)
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


def total_potential(
    matches: pd.DataFrame, deals: pd.DataFrame, as_of=None
) -> tuple[float, int, int]:
    """Amount, count, and count with a known amount of our deals open at ``as_of``
    (:func:`_open_deals`) in accounts overlapping *any* partner, each once. The amount sums the
    deals whose value is known (missing when none is): never an unknown one as 0."""
    accounts = set(matches["account_id"])
    pipeline = _open_deals(deals, as_of)
    opp = pipeline[pipeline["account_id"].isin(accounts)].drop_duplicates("deal_id")
    valued = opp.dropna(subset=["amount"])
    return float(opp["amount"].sum(min_count=1)), len(opp), len(valued)


def suppress(counts: pd.DataFrame | pd.Series, min_count: int):
    """Counts-only privacy: cells below ``min_count`` become missing (shown as ``<min_count``)."""
    return counts.where(counts >= min_count)


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
    partial = t["valued_deals"] < t["open_deals"]
    out.loc[partial, "potential_revenue"] = [
        f"{text} ({fmt_int(v)} of {fmt_int(n)} open deals valued)"
        for text, v, n in zip(
            out.loc[partial, "potential_revenue"],
            t.loc[partial, "valued_deals"],
            t.loc[partial, "open_deals"],
            strict=True,
        )
    ]
    out = out.drop(columns="valued_deals")
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


#: How :func:`summary_view` names each match key (and the rows that matched none).
MATCH_KEY_LABELS = {
    MatchKey.DOMAIN: "Web domain",
    MatchKey.NAME: "Company name",
    MatchKey.HASHED_DOMAIN: "Hashed web domain",
    "unmatched": "Not matched",
}


def summary_view(summary: pd.DataFrame) -> pd.DataFrame:
    """Partner rows per match key (:func:`match_summary`), formatted."""
    out = summary.reset_index(names="Match key")
    out["Match key"] = out["Match key"].map(lambda k: MATCH_KEY_LABELS.get(str(k), str(k)))
    out["share"] = summary["share"].map(fmt_percent).to_numpy()
    return out.rename(columns={"rows": "Partner rows", "share": "Share"})


def largest_overlaps(per_partner: pd.DataFrame, n: int) -> list[tuple[str, str]]:
    """``(partner_id, name)`` of the ``n`` partners with the most overlapping accounts."""
    top = per_partner.nlargest(n, "overlap_total")
    return list(zip(top["partner_id"], top["name"], strict=True))
