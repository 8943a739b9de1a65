"""Trend 3 — where technical partners are found: the report views of
:mod:`playbook.platform_sourcing` (partners by channel and by year found, developer communities
against the other channels), in plain words (codes through :mod:`playbook.labels`, figures
through :mod:`playbook.formatting`; a figure the data did not have is "—")."""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.labels import label, plural
from playbook.platform_views import names_text

#: Caption of the sub-section that may lack its own table (also the gap line's section).
BY_KIND = "Developer communities against the other channels"


def channel_view(funnel: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Partners found per channel (:func:`platform_sourcing.channel_funnel`)."""
    return pd.DataFrame(
        {
            "Channel": funnel["channel"],
            "Kind": funnel["kind"].map(lambda k: label(k) if isinstance(k, str) else MISSING),
            "Partners found": funnel["found"].astype(int),
            "Signed": funnel["signed"].astype(int),
            "Signed rate": funnel["signed_rate"].map(fmt_percent),
            "Building on the platform": funnel["building"].astype(int),
            "Live builds": funnel["live"].astype(int),
            "Median days to sign": funnel["days_to_sign"].map(fmt_int),
            "Spent": funnel["cost"].map(lambda v: fmt_money(v, currency)),
            "Cost per signed partner": funnel["cost_per_signed"].map(
                lambda v: fmt_money(v, currency)
            ),
        }
    )


#: The channel table's columns on screen.
CHANNEL_COLUMNS = [
    "Channel",
    "Kind",
    "Partners found",
    "Signed",
    "Signed rate",
    "Building on the platform",
    "Median days to sign",
    "Cost per signed partner",
]


def _years(grid: pd.DataFrame) -> list[int]:
    """The years :func:`platform_sourcing.found_by_year` shows one by one."""
    return [c for c in grid.columns if isinstance(c, int)]


def by_year_view(grid: pd.DataFrame) -> pd.DataFrame:
    """Partners found per channel and year (:func:`platform_sourcing.found_by_year`): "Before
    YEAR" (the earlier years summed) and "Date not recorded" only when a channel has such a
    partner; "All years" is the channel's "Partners found" in the channel table. Counts are
    written with thousands separators."""
    years = _years(grid)
    names = {
        "channel": "Channel",
        "earlier": f"Before {years[0]}" if years else "Earlier",
        **{y: str(y) for y in years},
        "undated": "Date not recorded",
        "found": "All years",
    }
    empty = [c for c in ("earlier", "undated") if not grid[c].astype(int).any()]
    view = grid.drop(columns=empty)
    counts = [c for c in view.columns if c != "channel"]
    view[counts] = view[counts].map(fmt_int)  # counts with thousands separators: "2,640"
    return view.rename(columns=names)


def by_year_caption(grid: pd.DataFrame) -> str:
    """The caption of the per-year table, with its years."""
    years = [str(y) for y in _years(grid)]
    span = f", {years[0]}–{years[-1]}" if years else ""
    return (
        f"Partners found per channel and year{span}, every partner of the channel table "
        "counted once: is each channel still finding partners?"
    )


def kind_view(kinds: pd.DataFrame) -> pd.DataFrame:
    """The funnel per kind of channel (:func:`platform_sourcing.by_kind`)."""
    return pd.DataFrame(
        {
            "Kind of channel": kinds["kind"].map(
                lambda k: label(k) if isinstance(k, str) else "Not in the channel list"
            ),
            "Channels": kinds["channels"].astype(int),
            "Partners found": kinds["found"].astype(int),
            "Signed": kinds["signed"].astype(int),
            "Signed rate": kinds["signed_rate"].map(fmt_percent),
            "Building on the platform": kinds["building"].astype(int),
            "Live builds": kinds["live"].astype(int),
        }
    )


def building_by_channel(funnel: pd.DataFrame) -> pd.Series:
    """Partners building on the platform per channel, most first (the bar chart's values)."""
    ordered = funnel.sort_values("building", ascending=False, kind="stable")
    return ordered.set_index("channel")["building"]


def channel_title(funnel: pd.DataFrame) -> str:
    """The chart title: the channel that brought the most partners now building."""
    if funnel.empty or not funnel["building"].any():
        return "No partner found through a recorded channel builds on the platform yet"
    top = funnel.sort_values(["building", "found"], ascending=False, kind="stable").iloc[0]
    kind = f" ({label(top['kind']).lower()})" if isinstance(top["kind"], str) else ""
    return (
        f"{top['channel']}{kind} brought the most partners building on the platform: "
        f"{fmt_int(top['building'])} of {fmt_int(top['found'])} found"
    )


def unrecorded_text(n: int) -> str:
    """The line counting partners without a source channel."""
    if not n:
        return "Every partner has the channel it was found through recorded."
    verb = "has" if n == 1 else "have"
    return (
        f"{plural(n, 'partner')} {verb} no source channel recorded: left out of these "
        "figures, not counted as found anywhere."
    )


def community_text(compare: dict | None) -> str:
    """The line setting developer communities beside the other channels."""
    if compare is None:
        return (
            "No channel is listed as a developer community in sourcing channels, so the "
            "communities cannot be set beside the other channels."
        )
    c, o = compare["communities"], compare["others"]
    text = (
        f"Developer communities ({names_text(compare['channels'])}) brought "
        f"{plural(c['found'], 'partner')}: {fmt_int(c['signed'])} signed "
        f"({fmt_percent(c['rate'])}) and {fmt_int(c['building'])} build on the platform"
    )
    if o["found"]:
        text += (
            f"; the other channels brought {fmt_int(o['found'])}, {fmt_int(o['signed'])} "
            f"signed ({fmt_percent(o['rate'])}), {fmt_int(o['building'])} building"
        )
    return text + "."
