"""Several partners on one deal: the ``deal_partners`` table turned into split credit lines.

Salesforce exports a deal's partners as *Opportunity Partners* (one row per partner account with
a role) and credit as *Opportunity Splits* (a percentage per row); HubSpot exports deal–company
associations (one row per associated company, with its association label). Mapped through
``profile.yaml``'s ``column_names``, each becomes ``deal_partners``: ``deal_id``, ``partner_id``
(id, company name or web domain, :mod:`playbook.partner_links`), ``split_pct``, ``role``,
``attribution``.

:func:`expand_deal_partners`, the last fill rule (:data:`playbook.fills.STEPS`), replaces each
deal that has ``deal_partners`` rows by one **credit line** per listed partner and gives every row
of ``deals`` a ``split_share`` (0–1; 1.0 for a deal without ``deal_partners`` rows). The meaning
of credit lines for every figure is defined once, in :mod:`playbook.deals`.

* **Split share** of a listed partner: its ``split_pct``; a blank ``split_pct`` is an equal share
  of what the deal's listed splits leave (all blank: equal shares). A deal's splits must add up
  to 100 ± :data:`TOLERANCE` (an error naming the deal otherwise); within the tolerance they are
  rescaled to add up to exactly 100 %, so totals stay exact.
* **Credit line**: the deal's row with ``partner_id`` = the listed partner, ``attribution`` = the
  row's own attribution or, blank, the deal's, and :data:`SCALED` columns (amount, margin,
  cost of sale, units) × the split share. A deal's ``partner_id``, when given, must be one of
  its listed partners.
"""

from __future__ import annotations

import pandas as pd

from playbook.problems import Fill, Problem
from playbook.profile import Profile

#: The split column every loaded ``deals`` table carries (0–1; 1.0 for a single-partner deal).
SPLIT_SHARE = "split_share"
#: Columns of a credit line scaled by its split share: per-partner sums are split credit.
SCALED = ("amount", "margin", "cost_of_sale", "units")
#: How far (percentage points) a deal's splits may be from 100 before it is an error.
TOLERANCE = 0.5


def link_shares(links: pd.DataFrame) -> pd.Series:
    """The split share (0–1) of each ``deal_partners`` row (module docstring): ``split_pct``,
    blanks sharing equally what the deal's listed splits leave, rescaled so that each deal's
    shares add up to exactly 1. Missing for a deal whose splits leave nothing to share."""
    deal, pct = links["deal_id"], pd.to_numeric(links["split_pct"], errors="coerce")
    listed = pct.groupby(deal).transform("sum")
    blanks = pct.isna().groupby(deal).transform("sum")
    rest = (100 - listed) / blanks.where(blanks > 0)
    filled = pct.fillna(rest.where(rest > 0))
    total = filled.groupby(deal).transform("sum")
    return (filled / total.where(total > 0)).astype("float64")


def split_problems(deals: pd.DataFrame, links: pd.DataFrame) -> list[Problem]:
    """Errors in ``deal_partners`` (file named by table; :func:`playbook.fills.apply_fills` puts
    in the real file): splits that do not add up to 100 ± :data:`TOLERANCE`, a partner listed
    twice for one deal, and a deal whose own ``partner_id`` is not among its listed partners.
    Found with whole-column operations; only the deals in error are looked at one by one."""
    pct = pd.to_numeric(links["split_pct"], errors="coerce")
    by_deal = pct.groupby(links["deal_id"], sort=False)
    listed, blanks = by_deal.sum(), by_deal.size() - by_deal.count()
    bad_sum = ((blanks == 0) & ((listed - 100).abs() > TOLERANCE)) | (
        (blanks > 0) & (100 - listed <= TOLERANCE)
    )
    twice = links["partner_id"].notna() & links.duplicated(["deal_id", "partner_id"], keep=False)
    wrong = set(bad_sum.index[bad_sum]) | set(links.loc[twice, "deal_id"])
    problems: list[Problem] = []
    if wrong:
        for deal_id, rows in links[links["deal_id"].isin(wrong)].groupby("deal_id", sort=False):
            problems += _deal_problems(deal_id, rows, listed[deal_id], int(blanks[deal_id]))
    return problems + _own_partner_problems(deals, links)


def _deal_problems(deal_id, rows: pd.DataFrame, listed: float, blanks: int) -> list[Problem]:
    """The errors of one deal's ``deal_partners`` rows: splits not adding up, partners twice."""
    problems: list[Problem] = []
    where = ", ".join(str(r) for r in rows["_row"])
    if (blanks == 0 and abs(listed - 100) > TOLERANCE) or (blanks and 100 - listed <= TOLERANCE):
        leaves = f"; nothing is left for the {blanks} blank split(s)" if blanks else ""
        problems.append(
            Problem(
                "deal_partners",
                int(rows["_row"].iloc[0]),
                "split_pct",
                f"{listed:g}",
                f"the splits of deal {deal_id} (rows {where}) add up to {listed:g}%"
                f"{leaves}; a deal's splits must add up to 100 (± {TOLERANCE:g})",
            )
        )
    twice = rows[rows["partner_id"].duplicated(keep=False) & rows["partner_id"].notna()]
    for pid, dup in twice.groupby("partner_id", sort=False):
        rows_of = ", ".join(str(r) for r in dup["_row"])
        problems.append(
            Problem(
                "deal_partners",
                int(dup["_row"].iloc[-1]),
                "partner_id",
                str(pid),
                f"partner {pid} is listed {len(dup)} times for deal {deal_id} (rows "
                f"{rows_of}, after reading names and domains as partners): list it once",
            )
        )
    return problems


def _own_partner_problems(deals: pd.DataFrame, links: pd.DataFrame) -> list[Problem]:
    """An error for each deal whose own ``partner_id`` is not among its listed partners."""
    own = deals.loc[
        deals["partner_id"].notna() & deals["deal_id"].isin(set(links["deal_id"])),
        ["deal_id", "partner_id", "_row"],
    ]
    pairs = pd.MultiIndex.from_frame(links[["deal_id", "partner_id"]].astype(object))
    mine = pd.MultiIndex.from_frame(own[["deal_id", "partner_id"]].astype(object))
    own = own[~mine.isin(pairs)]
    if own.empty:
        return []
    listed_of = (
        links[links["deal_id"].isin(set(own["deal_id"]))]
        .groupby("deal_id")["partner_id"]
        .agg(lambda s: sorted(set(s.dropna())))
    )
    return [
        Problem(
            "deals",
            int(row),
            "partner_id",
            str(pid),
            f"deal_partners lists {', '.join(listed_of[deal_id])} for deal {deal_id}: the "
            "deal's own partner_id must be one of them (or blank)",
        )
        for deal_id, pid, row in zip(own["deal_id"], own["partner_id"], own["_row"], strict=True)
    ]


def expand_deal_partners(
    tables: dict[str, pd.DataFrame], _profile: Profile | None
) -> list[Fill | Problem]:
    """Fill rule (the last): add :data:`SPLIT_SHARE` to ``deals`` and replace each deal listed
    in ``deal_partners`` by its credit lines (module docstring). Returns the fills (deals split,
    blank splits shared, blank link attributions inherited) and :func:`split_problems`."""
    deals = tables.get("deals")
    if deals is None:
        return []
    links = tables.get("deal_partners")
    if links is None or links.empty:
        tables["deals"] = deals.assign(**{SPLIT_SHARE: 1.0})
        return []
    # isin on the column itself: a Python set of a million deal ids costs more than the test
    links = links[links["deal_id"].isin(deals["deal_id"]) & links["partner_id"].notna()]
    found: list[Fill | Problem] = list(split_problems(deals, links))
    lines = pd.DataFrame(
        {
            "deal_id": links["deal_id"],
            "_link_partner": links["partner_id"],
            "_link_attribution": links["attribution"],
            SPLIT_SHARE: link_shares(links),
        }
    )
    # A deal whose splits leave nothing to share is an error above; it stays whole here so that
    # the error is not repeated as "a won deal needs an amount" on its lines.
    unshared = lines.loc[lines[SPLIT_SHARE].isna(), "deal_id"]
    lines = lines[~lines["deal_id"].isin(set(unshared))]
    out = deals.merge(lines, on="deal_id", how="left", sort=False)
    linked = out["_link_partner"].notna()
    inherit = linked & out["_link_attribution"].isna()
    out["partner_id"] = out["_link_partner"].where(linked, out["partner_id"])
    out["attribution"] = out["_link_attribution"].where(~inherit & linked, out["attribution"])
    out[SPLIT_SHARE] = out[SPLIT_SHARE].where(linked, 1.0).astype("float64")
    for col in SCALED:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64") * out[SPLIT_SHARE]
    out = out.drop(columns=["_link_partner", "_link_attribution"])
    out.attrs = dict(deals.attrs)
    tables["deals"] = out
    per_deal = lines["deal_id"].value_counts()
    several = set(per_deal.index[per_deal > 1])
    alone = deals["deal_id"].isin(set(per_deal.index) - several) & deals["partner_id"].isna()
    found += [
        Fill(
            "deals",
            SPLIT_SHARE,
            int(deals["deal_id"].isin(several).sum()),
            "deals with several partners in deal_partners: one credit line per partner "
            f"({int(lines['deal_id'].isin(several).sum())} lines), amount, margin, cost_of_sale "
            "and units × its split",
        ),
        Fill("deals", "partner_id", int(alone.sum()), "blank, the one partner deal_partners lists"),
        Fill(
            "deal_partners",
            "split_pct",
            int(links["split_pct"].isna().sum()),
            "blank: an equal share of what the deal's listed splits leave",
        ),
        Fill(
            "deal_partners",
            "attribution",
            int(links["attribution"].isna().sum()),
            "blank: the deal's attribution",
        ),
    ]
    return found
