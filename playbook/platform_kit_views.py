"""Trend 3 — the ecosystem platform: the report views of the starter kit section
(:func:`playbook.platform_map.kit_contents`, ``kit_use``, ``time_to_first_build``,
``kit_effect``, ``kit_adoption``): readable tables, the line comparing days to a first build
with and without a kit, and its chart. The other platform views are in
:mod:`playbook.platform_views`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_date, fmt_int, fmt_percent
from playbook.labels import plural
from playbook.platform_map import NO_KIT, component_names
from playbook.platform_views import names_text

#: The caption of the time-to-first-build table (also the gap line's section).
FIRST_BUILD = "Time from taking the kit to a first build, per kit version and without a kit"


def _days(value) -> str:
    """A number of days, or "—"."""
    return MISSING if value is None or pd.isna(value) else plural(round(value), "day")


def kit_view(contents: pd.DataFrame) -> pd.DataFrame:
    """The starter kit versions (:func:`platform_map.kit_contents`), latest marked."""
    return pd.DataFrame(
        {
            "Kit": contents["kit_id"]
            + contents["latest"].map(lambda latest: " (latest)" if latest else ""),
            "Version": contents["version"].fillna(MISSING),
            "Released": contents["released_date"].map(
                lambda d: MISSING if pd.isna(d) else fmt_date(d.date().isoformat())
            ),
            "Items": contents["items"].map(lambda items: ", ".join(items)),
            "Components covered": contents["components"].map(
                lambda c: ", ".join(c) if c else MISSING
            ),
        }
    )


def first_build_view(times: pd.DataFrame) -> pd.DataFrame:
    """Time to first build per kit and without one (:func:`platform_map.time_to_first_build`)."""
    return pd.DataFrame(
        {
            "Kit": times["group"].map(lambda g: "No kit" if g == NO_KIT else g),
            "Partners": times["partners"].map(lambda p: names_text(p, 6)),
            "Builds": times["builds"].astype(int),
            "Reached a first build": times["first_builds"].astype(int),
            "Median days to first build": times["median_days"].map(fmt_int),
            "Still waiting": times["waiting"].astype(int),
            "Waiting too long": times["overdue"].astype(int),
        }
    )


def waiting_view(use: pd.DataFrame, components: pd.DataFrame) -> pd.DataFrame:
    """Builds waiting too long for a first build, longest wait first."""
    late = use[use["overdue"]].sort_values("waiting_days", ascending=False, kind="stable")
    return pd.DataFrame(
        {
            "Partner": late["partner"],
            "Component": component_names(late["component_id"], components),
            "Kit": late["kit_id"].fillna("No kit"),
            "Started": late["started_date"].map(lambda d: fmt_date(d.date().isoformat())),
            "Days waiting": late["waiting_days"].map(fmt_int),
        }
    )


def kit_days(effect: dict) -> pd.Series | None:
    """Median days to first build with and without a kit, whole days, for the bar chart;
    ``None`` unless both are known."""
    w, wo = effect["with_days"], effect["without_days"]
    if pd.isna(w) or pd.isna(wo):
        return None
    return pd.Series({"With a starter kit": round(w), "Without a kit": round(wo)}, dtype=float)


def kit_title(effect: dict) -> str:
    """The chart title: how much sooner builds with a kit reach a first build."""
    saved = round(effect["without_days"]) - round(effect["with_days"])
    if saved > 0:
        return f"With the starter kit a first build comes {plural(saved, 'day')} sooner (median)"
    if saved < 0:
        return f"With the starter kit a first build comes {plural(-saved, 'day')} later (median)"
    return "The starter kit makes no difference to the median days to a first build"


def waiting_caption(wait_days: float) -> str:
    """The caption of the builds waiting too long."""
    return f"Builds still waiting for a first build more than {wait_days:g} days after their start"


def kit_text(effect: dict, adoption: dict) -> str:
    """The line comparing days to first build with and without a kit, and the kit's reach."""
    parts = []
    if adoption["builders"]:
        parts.append(
            f"{fmt_int(adoption['with_kit'])} of the {plural(adoption['builders'], 'partner')} "
            f"building on the platform took a starter kit ({fmt_percent(adoption['share'])})"
        )
    w, wo = effect["with_days"], effect["without_days"]
    if not pd.isna(w) and not pd.isna(wo):
        parts.append(
            f"with a kit the first build came after a median of {_days(w)} "
            f"({plural(effect['with_n'], 'build')}), without one after {_days(wo)} "
            f"({plural(effect['without_n'], 'build')})"
        )
    elif not pd.isna(w) or not pd.isna(wo):
        side = "with a kit" if not pd.isna(w) else "without a kit"
        parts.append(
            f"only builds {side} reached a first build (median {_days(w if not pd.isna(w) else wo)}"
            "), so the kit's effect cannot be measured yet"
        )
    if not parts:
        return "No build has a start and a first build date yet: time to first build unknown."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
