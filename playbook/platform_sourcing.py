"""Trend 3 — where technical partners are found: partners by sourcing channel, developer
communities against the other channels.

The tables are ``partners.source_channel`` and ``sourced_date`` (where each partner was found),
``platform_builds`` (who builds on the platform) and ``sourcing_channels`` (each channel's kind
and cost).

Definitions
-----------
* **Where a partner was found**: its ``source_channel``; partners found after the as-of date
  (``sourced_date``) are left out, and partners with no channel recorded are counted apart,
  never put in a channel. Channels are matched to ``sourcing_channels.channel`` ignoring case
  and spaces at either end.
* Per channel: **found** (partners from it), **signed** (of them, with an agreement signed on
  or before the as-of date: ``start_date``), **building** (of them, building on the platform:
  a planned, in-development or live build), **live** (a live build); **signed rate** = signed
  ÷ found; **days to sign** = the median of ``start_date − sourced_date`` over the signed
  partners with both dates (missing when none); **cost per signed partner** = the channel's
  ``cost`` ÷ signed (missing without a cost or without a signed partner).
* **Developer communities** are the channels whose kind is ``developer_community`` in
  ``sourcing_channels``; the playbook names none itself (the seed's Stack Overflow, subreddits,
  Hacker News and Slashdot are examples a client lists there).
"""

from __future__ import annotations

import pandas as pd

from playbook.platform_map import BUILDING, builds_at

#: Kind of channel that is a developer community (``sourcing_channels.kind``).
DEVELOPER_COMMUNITY = "developer_community"


def _key(text) -> str:
    return str(text).strip().casefold()


def sourced_partners(partners: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The partners that existed at ``as_of`` (found on or before it, or undated), with
    ``channel_key`` (their channel, compared ignoring case; missing: not recorded)."""
    found = pd.to_datetime(partners["sourced_date"], errors="coerce")
    out = partners[found.isna() | (found <= as_of)].copy()
    written = out["source_channel"].map(lambda c: c if isinstance(c, str) else None)
    key = written.astype(object).str.strip().str.casefold()
    key = key.where(key.ne("") & key.notna(), None)
    out["channel_key"] = pd.Series(
        key.tolist(), index=out.index, dtype=None if len(key) else object
    )
    return out


def channel_funnel(
    partners: pd.DataFrame,
    builds: pd.DataFrame,
    channels: pd.DataFrame,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """One row per channel partners were found through (see module docstring): ``channel``
    (as ``sourcing_channels`` names it, else as first written), ``kind`` (missing when the
    channel is not in ``sourcing_channels``), ``found``, ``signed``, ``building``, ``live``,
    ``signed_rate``, ``days_to_sign``, ``cost`` and ``cost_per_signed``; most partners found
    first, then by name."""
    found = sourced_partners(partners, as_of)
    found = found[found["channel_key"].notna()]
    current = builds_at(builds, as_of)
    building = set(current.loc[current["status"].isin(BUILDING), "partner_id"])
    live = set(current.loc[current["status"] == "live", "partner_id"])
    listed = {_key(c.channel): c for c in channels.itertuples(index=False)}
    rows = []
    for key, mine in found.groupby("channel_key", sort=False):
        start = pd.to_datetime(mine["start_date"], errors="coerce")
        signed = start.notna() & (start <= as_of)
        days = (start - pd.to_datetime(mine["sourced_date"], errors="coerce")).dt.days[signed]
        spec = listed.get(key)
        cost = float(spec.cost) if spec is not None and pd.notna(spec.cost) else float("nan")
        n_signed = int(signed.sum())
        rows.append(
            {
                "channel": spec.channel if spec is not None else mine["source_channel"].iloc[0],
                "kind": spec.kind if spec is not None else None,
                "found": len(mine),
                "signed": n_signed,
                "building": int(mine["partner_id"].isin(building).sum()),
                "live": int(mine["partner_id"].isin(live).sum()),
                "signed_rate": n_signed / len(mine),
                "days_to_sign": float(days.median()) if days.notna().any() else float("nan"),
                "cost": cost,
                "cost_per_signed": cost / n_signed if n_signed else float("nan"),
            }
        )
    out = pd.DataFrame(rows, columns=[*_FUNNEL_COLUMNS])
    return out.sort_values(["found", "channel"], ascending=[False, True]).reset_index(drop=True)


_FUNNEL_COLUMNS = (
    "channel",
    "kind",
    "found",
    "signed",
    "building",
    "live",
    "signed_rate",
    "days_to_sign",
    "cost",
    "cost_per_signed",
)


def found_by_year(partners: pd.DataFrame, channels: pd.DataFrame, as_of: pd.Timestamp):
    """Partners found per channel and calendar year of ``sourced_date``: one row per channel
    (named and ordered as :func:`channel_funnel` names and orders it: most found first, then by
    name), a count in each cell (0: none found that year through that channel). Columns:
    ``channel``; ``earlier`` (found before the first year shown); one per year of the last
    :data:`YEARS` years up to the as-of date's; ``undated`` (no ``sourced_date``, so in no
    year); ``found`` (all of them: the row adds up to the channel's ``found`` in
    :func:`channel_funnel`, so every partner counted there is in one cell here)."""
    found = sourced_partners(partners, as_of)
    found = found[found["channel_key"].notna()].copy()
    years = list(range(as_of.year - YEARS + 1, as_of.year + 1))
    columns = ["channel", "earlier", *years, "undated", "found"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    year = pd.to_datetime(found["sourced_date"], errors="coerce").dt.year
    found["column"] = year.map(
        lambda y: "undated" if pd.isna(y) else ("earlier" if y < years[0] else int(y))
    )
    listed = {_key(c.channel): c.channel for c in channels.itertuples(index=False)}
    first = found.groupby("channel_key", sort=False)["source_channel"].first()
    grid = pd.crosstab(found["channel_key"], found["column"])
    grid = grid.reindex(columns=columns[1:-1], fill_value=0)
    grid["found"] = grid.sum(axis=1)
    grid.index = [listed.get(k, first[k]) for k in grid.index]
    grid = grid.rename_axis(index="channel", columns=None).reset_index()
    grid = grid.sort_values(["found", "channel"], ascending=[False, True])
    return grid.reset_index(drop=True)[columns]


#: Years :func:`found_by_year` shows one by one (earlier ones are summed in ``earlier``).
YEARS = 4


def by_kind(funnel: pd.DataFrame) -> pd.DataFrame:
    """The channel funnel summed per kind of channel (missing kind: not in
    ``sourcing_channels``, kept as its own row): ``kind``, ``channels``, ``found``,
    ``signed``, ``building``, ``live``, ``signed_rate``; developer communities first, then
    most partners found."""
    kinds = funnel.assign(kind=funnel["kind"].fillna(""))
    out = kinds.groupby("kind", sort=False).agg(
        channels=("channel", "size"),
        found=("found", "sum"),
        signed=("signed", "sum"),
        building=("building", "sum"),
        live=("live", "sum"),
    )
    out["signed_rate"] = out["signed"] / out["found"]
    out = out.reset_index()
    out["_first"] = out["kind"] != DEVELOPER_COMMUNITY
    out = out.sort_values(["_first", "found"], ascending=[True, False], kind="stable")
    out["kind"] = out["kind"].where(out["kind"] != "", None)
    return out.drop(columns="_first").reset_index(drop=True)


def communities_against_others(funnel: pd.DataFrame) -> dict | None:
    """Developer communities against every other channel of a known kind: ``found``,
    ``signed``, ``building``, ``rate`` (signed ÷ found) for each side (``communities``,
    ``others``), and ``channels`` (the communities' names, most partners found first).
    ``None`` when no channel's kind is known or no community brought a partner."""
    known = funnel[funnel["kind"].notna()]
    mine = known[known["kind"] == DEVELOPER_COMMUNITY]
    if mine.empty:
        return None
    rest = known[known["kind"] != DEVELOPER_COMMUNITY]

    def side(frame: pd.DataFrame) -> dict:
        found = int(frame["found"].sum())
        signed = int(frame["signed"].sum())
        return {
            "found": found,
            "signed": signed,
            "building": int(frame["building"].sum()),
            "rate": signed / found if found else float("nan"),
        }

    return {"communities": side(mine), "others": side(rest), "channels": list(mine["channel"])}


def best_community(funnel: pd.DataFrame) -> dict | None:
    """The developer community (or communities) to post an unmatched need in first: the one
    whose partners build on the platform most often; a tie on that is broken by the lower
    cost per signed partner (a community with no cost recorded comes after one with a cost).
    Communities still level on both are all named. ``None`` when no community is recorded.

    Returns ``channels`` (the picked ones, by name), ``building`` (partners of each building
    on the platform), ``cost_per_signed`` (theirs; missing when not recorded) and ``beaten``
    (the communities whose partners build as often but that cost more per signed partner, or
    record no cost: ``channel`` and ``cost_per_signed`` each, cheapest first)."""
    mine = funnel[funnel["kind"] == DEVELOPER_COMMUNITY]
    if mine.empty:
        return None
    top = mine[mine["building"] == mine["building"].max()]
    top = top.sort_values(["cost_per_signed", "channel"], na_position="last")
    cost = top["cost_per_signed"].iloc[0]
    same = top["cost_per_signed"].isna() if pd.isna(cost) else top["cost_per_signed"] == cost
    return {
        "channels": list(top.loc[same, "channel"]),
        "building": int(top["building"].iloc[0]),
        "cost_per_signed": float(cost),
        "beaten": [
            {"channel": r.channel, "cost_per_signed": float(r.cost_per_signed)}
            for r in top.loc[~same].itertuples(index=False)
        ],
    }


def unrecorded(partners: pd.DataFrame, as_of: pd.Timestamp) -> int:
    """How many partners existing at ``as_of`` have no source channel recorded."""
    return int(sourced_partners(partners, as_of)["channel_key"].isna().sum())
