"""Trend 3 — the ecosystem platform: its map, who builds on what, and the starter kit.

The seed asks a vendor to map out its platform so integrators can build on it, and to hand
technical partners a starter kit: we own the platform, partners build on it. The tables are
``platform_components`` (the map), ``platform_builds`` (which partner builds on which
component, how far it got) and ``starter_kits`` (one row per item of each kit version).

Definitions
-----------
* **A build at the as-of date**: a ``platform_builds`` row whose ``started_date`` is on or
  before the as-of date, or blank (undated rows are taken as recorded). A build started later
  does not exist yet; a ``first_build_date`` after the as-of date is not reached yet.
* **Building on a component**: a partner with a build at the as-of date in status planned, in
  development or live (:data:`BUILDING`); a retired build is history. **Live**: status live.
* **Open for building**: a component in status beta or available (:data:`OPEN`). An **unused
  component** is open for building and has no partner building on it.
* **Builds to migrate**: live or in-development builds on a component that is deprecated or
  retired (:data:`ENDED`): the partner's work runs on something we are switching off.
* **Days to first build**: ``first_build_date − started_date`` in calendar days, for builds at
  the as-of date with both dates known; ``started_date`` is the day the partner took the kit
  (or, without a kit, started building). A first build dated before its start is a slip in
  the data: left out of the figures and counted (:func:`kit_use`, ``dated_wrong``).
* **Waiting build**: a build at the as-of date, not retired, started on a known date and with
  no first build yet; its **wait** is the as-of date − ``started_date`` in days, **overdue**
  when longer than the notebook parameter ``build_wait_days``.
* **With a kit / without**: a build whose ``kit_id`` is given / blank. A kit's **partners**
  are the partners with a build from it; its **median days to first build** the median over
  its builds that reached one (missing when none has).
* **Latest kit**: the kit with the latest ``released_date`` (undated kits count as oldest;
  among equals the last listed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.labels import told_apart

#: Build statuses that count as building on a component (a retired build is history).
BUILDING = ("planned", "in_development", "live")
#: Component statuses partners can build on.
OPEN = ("beta", "available")
#: Component statuses whose builds must move elsewhere.
ENDED = ("deprecated", "retired")
#: Build statuses that still run or are being made, so a switched-off component breaks them.
RUNNING = ("in_development", "live")
#: The group of builds without a kit in :func:`time_to_first_build`.
NO_KIT = "no kit"


def _dates(values: pd.Series) -> pd.Series:
    """``values`` as datetimes (a table not supplied has plain object columns)."""
    return pd.to_datetime(values, errors="coerce")


def labelled(components: pd.DataFrame) -> pd.DataFrame:
    """``components`` with each ``name`` as every table, chart and sentence of the report shows
    it: two components of one name told apart by their ids (``ERP REST API (C01-0)``,
    :func:`playbook.labels.told_apart`), so a bar or a column header can be found in the
    tables. A blank name stays blank."""
    named = components["name"].notna().to_numpy()
    names = components["name"].astype("object").copy()
    names[named] = told_apart(names[named], components.loc[named, "component_id"])
    return components.assign(name=names)


def component_names(ids: pd.Series, components: pd.DataFrame) -> pd.Series:
    """``ids`` (component ids) as the components' names; an id the table does not have stays
    as it is, a missing one stays missing."""
    names = dict(zip(components["component_id"], components["name"], strict=True))
    return ids.map(lambda i: names.get(i, i) if isinstance(i, str) else None).astype(object)


def builds_at(builds: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The builds that exist at ``as_of`` (see module docstring), with ``started_date`` and
    ``first_build_date`` as datetimes and a first build after ``as_of`` blanked."""
    out = builds.copy()
    out["started_date"] = _dates(out["started_date"])
    out["first_build_date"] = _dates(out["first_build_date"])
    out = out[out["started_date"].isna() | (out["started_date"] <= as_of)].copy()
    out["first_build_date"] = out["first_build_date"].where(out["first_build_date"] <= as_of)
    return out


def _names(partners: pd.DataFrame) -> pd.Series:
    """Partner name by id."""
    return partners.set_index("partner_id")["name"]


def _builds_by_component(current: pd.DataFrame, names: pd.Series) -> dict:
    """Per component id with a build in ``current``: ``building`` (partners), the builds in
    each status (``counts``), ``running`` and ``builders`` (names, live builds first, then by
    name); one pass over the builds."""
    mine = current.assign(
        partner=current["partner_id"].map(names),
        order=(current["status"] != "live").astype(int),
    ).sort_values(["order", "partner"], kind="stable")
    ids = mine["component_id"]
    building = mine.groupby("component_id")["partner_id"].nunique().to_dict()
    counts = pd.crosstab(ids, mine["status"]).to_dict("index")
    running = mine["status"].isin(RUNNING).groupby(ids).sum().to_dict()
    builders: dict = {c: [] for c in building}
    for c, name in zip(ids.tolist(), mine["partner"].tolist(), strict=True):
        if not pd.isna(name):
            builders[c].append(name)
    return {
        c: {
            "building": int(building[c]),
            "counts": counts[c],
            "running": int(running[c]),
            "builders": builders[c],
        }
        for c in building
    }


def component_map(
    components: pd.DataFrame,
    builds: pd.DataFrame,
    partners: pd.DataFrame,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """One row per platform component, in the order given: ``component_id``, ``name``,
    ``kind``, ``status``, ``version``, ``documented``, ``legacy`` (as recorded; missing when
    blank), ``building`` (partners building on it), ``live``, ``in_development`` and
    ``planned`` (builds in each status), ``builders`` (the partners' names, live builds first,
    then by name), ``unused`` (open for building, nobody building) and ``to_migrate`` (running
    builds on a deprecated or retired component)."""
    current = builds_at(builds, as_of)
    current = current[current["status"].isin(BUILDING)]
    per = _builds_by_component(current, _names(partners))
    none = {"building": 0, "counts": {}, "running": 0, "builders": []}
    rows = []
    for c in components.itertuples(index=False):
        mine = per.get(c.component_id, none)
        counts = mine["counts"]
        rows.append(
            {
                "component_id": c.component_id,
                "name": c.name,
                "kind": c.kind,
                "status": c.status,
                "version": c.version,
                "documented": c.documented,
                "legacy": c.legacy,
                "building": mine["building"],
                "live": int(counts.get("live", 0)),
                "in_development": int(counts.get("in_development", 0)),
                "planned": int(counts.get("planned", 0)),
                "builders": list(mine["builders"]),
                "unused": c.status in OPEN and c.component_id not in per,
                "to_migrate": mine["running"] if c.status in ENDED else 0,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "component_id",
            "name",
            "kind",
            "status",
            "version",
            "documented",
            "legacy",
            "building",
            "live",
            "in_development",
            "planned",
            "builders",
            "unused",
            "to_migrate",
        ],
    )


#: Most components :func:`build_matrix` shows as columns (a screenful; the rest in
#: :func:`build_list`).
MATRIX_COMPONENTS = 12


def _component_order(current: pd.DataFrame, components: pd.DataFrame) -> list:
    """The component ids with a build in ``current``: most partners first, then in the order
    of ``components`` (ids it does not list last)."""
    used = current["status"].notna().groupby(current["component_id"]).sum().to_dict()
    position = {c: i for i, c in enumerate(components["component_id"])}
    return sorted(used, key=lambda c: (-int(used[c]), position.get(c, len(position))))


def _partner_order(ids, live: pd.Series, names: dict) -> list:
    """``ids`` with the most live builds (``live``) first, then by name."""
    live = live.to_dict()
    return sorted(ids, key=lambda p: (-int(live.get(p, 0)), str(names.get(p, p))))


def build_matrix(
    components: pd.DataFrame,
    builds: pd.DataFrame,
    partners: pd.DataFrame,
    as_of: pd.Timestamp,
    limit: int | None = MATRIX_COMPONENTS,
) -> pd.DataFrame:
    """Who builds on what: one row per partner with a build at ``as_of`` (index: partner
    name), one column per component that has a build (its name), each cell the build's status
    code (missing: no build). Partners with the most live builds first, then by name;
    components with the most partners first, then in the order given. Two partners or two
    components of the same name are told apart by their ids (:func:`playbook.labels.told_apart`).

    Bounded for a large client: at most ``limit`` components (the first in that order;
    ``None``: all), and only the partners with a build on one of them, their live builds
    counted on those components. :func:`build_list` has every build."""
    current = builds_at(builds, as_of)
    if current.empty:
        return pd.DataFrame()
    names = _names(partners).to_dict()
    columns = _component_order(current, components)[:limit]
    current = current[current["component_id"].isin(columns)]
    grid = current.pivot(index="partner_id", columns="component_id", values="status")
    live = (grid == "live").sum(axis=1)
    grid = grid.loc[_partner_order(grid.index, live, names), columns]
    ids = list(grid.index)
    grid.index = pd.Index(told_apart([names.get(p, p) for p in ids], ids), name="partner")
    grid.columns = told_apart(component_names(pd.Series(grid.columns), components), columns)
    return grid


def build_list(
    components: pd.DataFrame,
    builds: pd.DataFrame,
    partners: pd.DataFrame,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """Every build at ``as_of`` in long form (what :func:`build_matrix` shows as a grid, for
    any number of components): ``partner_id``, ``partner``, ``component_id``, ``component``
    (its name) and ``status``; partners with the most live builds first, then by name, each
    partner's builds by component as the matrix orders them."""
    current = builds_at(builds, as_of)
    names = _names(partners).to_dict()
    live = current["status"].eq("live").groupby(current["partner_id"]).sum()
    rank = {p: i for i, p in enumerate(_partner_order(live.index, live, names))}
    column = {c: i for i, c in enumerate(_component_order(current, components))}
    out = pd.DataFrame(
        {
            "partner_id": current["partner_id"],
            "partner": [names.get(p, p) for p in current["partner_id"]],
            "component_id": current["component_id"],
            "component": component_names(current["component_id"], components),
            "status": current["status"],
            "_p": current["partner_id"].map(rank),
            "_c": current["component_id"].map(column),
        }
    )
    out = out.sort_values(["_p", "_c"], kind="stable")
    return out.drop(columns=["_p", "_c"]).reset_index(drop=True)


def status_counts(cmap: pd.DataFrame) -> pd.DataFrame:
    """Builds per component by status (live, in development, planned), one row per component
    with a build, most builds first (ties in the map's order), for the stacked bar chart.
    Indexed by component name, two components of the same name told apart by their id
    (:func:`playbook.labels.told_apart`), so each is one bar."""
    counts = cmap[["live", "in_development", "planned"]].set_axis(
        told_apart(cmap["name"], cmap["component_id"])
    )
    counts = counts[counts.sum(axis=1) > 0]
    order = np.argsort(-counts.sum(axis=1).to_numpy(), kind="stable")  # by position: no merge
    return counts.iloc[order]


def migrations(
    components: pd.DataFrame,
    builds: pd.DataFrame,
    partners: pd.DataFrame,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """The builds to migrate (see module docstring): ``partner``, ``component``,
    ``component_status``, ``build``, ``status``; by component, then partner."""
    current = builds_at(builds, as_of)
    ended = components[components["status"].isin(ENDED)].set_index("component_id")
    out = current[current["status"].isin(RUNNING) & current["component_id"].isin(ended.index)]
    out = pd.DataFrame(
        {
            "partner": out["partner_id"].map(_names(partners)),
            "component": out["component_id"].map(ended["name"]),
            "component_status": out["component_id"].map(ended["status"]),
            "build": out["build"],
            "status": out["status"],
        }
    )
    return out.sort_values(["component", "partner"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- the starter kit


def kit_contents(kits: pd.DataFrame, components: pd.DataFrame) -> pd.DataFrame:
    """One row per kit, in the order first listed: ``kit_id``, ``version``,
    ``released_date``, ``items`` (their names, as listed), ``components`` (names of the
    components its items cover, each once) and ``latest`` (True for the latest kit)."""
    if kits.empty:
        return pd.DataFrame(
            columns=["kit_id", "version", "released_date", "items", "components", "latest"]
        )
    names = component_names(kits["component_id"], components)
    covered = names[kits["component_id"].notna()].groupby(kits["kit_id"], sort=False)
    by_kit = kits.groupby("kit_id", sort=False)
    version = by_kit["version"].first()
    released = _dates(kits["released_date"]).groupby(kits["kit_id"], sort=False).min()
    items = by_kit["item"].agg(list)
    covers = covered.agg(lambda c: list(dict.fromkeys(c)))
    rows = [
        {
            "kit_id": kit_id,
            "version": version[kit_id] if pd.notna(version[kit_id]) else None,
            "released_date": released[kit_id],
            "items": items[kit_id],
            "components": covers.get(kit_id, []),
        }
        for kit_id in items.index
    ]
    out = pd.DataFrame(rows)
    dated = out["released_date"].notna()
    newest = out.loc[dated, "released_date"].max() if dated.any() else None
    chosen = out.index[dated & (out["released_date"] == newest)] if dated.any() else out.index
    out["latest"] = out.index == chosen[-1]
    return out


def kit_use(
    builds: pd.DataFrame,
    partners: pd.DataFrame,
    as_of: pd.Timestamp,
    wait_days: float,
) -> pd.DataFrame:
    """Every build at ``as_of`` with its kit and timing: ``partner``, ``partner_id``,
    ``component_id``, ``kit_id`` (missing: none), ``status``, ``started_date``,
    ``first_build_date``, ``days_to_first_build``, ``dated_wrong`` (first build before the
    start: left out), ``waiting_days`` (waiting builds only) and ``overdue`` (waiting longer
    than ``wait_days``). See the module docstring."""
    current = builds_at(builds, as_of)
    days = (current["first_build_date"] - current["started_date"]).dt.days
    wrong = days < 0
    waiting = (
        current["started_date"].notna()
        & current["first_build_date"].isna()
        & (current["status"] != "retired")
    )
    wait = (as_of - current["started_date"]).dt.days.where(waiting)
    return pd.DataFrame(
        {
            "partner": current["partner_id"].map(_names(partners)),
            "partner_id": current["partner_id"],
            "component_id": current["component_id"],
            "kit_id": current["kit_id"],
            "status": current["status"],
            "started_date": current["started_date"],
            "first_build_date": current["first_build_date"],
            "days_to_first_build": days.where(~wrong),
            "dated_wrong": wrong,
            "waiting_days": wait,
            "overdue": wait > wait_days,
        }
    ).reset_index(drop=True)


def time_to_first_build(use: pd.DataFrame, contents: pd.DataFrame) -> pd.DataFrame:
    """Per kit (in the order of ``contents``, :func:`kit_contents`; a kit named by builds but
    not listed after them) and for the builds without a kit (group :data:`NO_KIT`, last):
    ``group``, ``partners`` (their names), ``builds``, ``first_builds`` (builds that reached
    one), ``median_days`` (median days to first build; missing when none did), ``waiting`` and
    ``overdue``. Groups without a build are left out."""
    kits = list(contents["kit_id"]) if len(contents) else []
    listed = set(kits)
    kits += [k for k in use["kit_id"].dropna().unique() if k not in listed]
    group = use["kit_id"].fillna(NO_KIT)
    by_group = use.groupby(group, sort=False)
    size = by_group.size()
    reached = by_group["days_to_first_build"].count()
    median = by_group["days_to_first_build"].median()
    waiting = by_group["waiting_days"].count()
    overdue = by_group["overdue"].sum()
    partners = use["partner"].dropna().groupby(group).agg(lambda p: sorted(p.unique()))
    rows = [
        {
            "group": name,
            "partners": partners.get(name, []),
            "builds": int(size[name]),
            "first_builds": int(reached[name]),
            "median_days": float(median[name]) if reached[name] else float("nan"),
            "waiting": int(waiting[name]),
            "overdue": int(overdue[name]),
        }
        for name in [*kits, NO_KIT]
        if name in size.index
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "group",
            "partners",
            "builds",
            "first_builds",
            "median_days",
            "waiting",
            "overdue",
        ],
    )


def kit_effect(use: pd.DataFrame) -> dict:
    """Days to first build with a kit against without: ``with_n`` / ``without_n`` (builds
    that reached a first build), ``with_days`` / ``without_days`` (their medians, missing
    when none) and ``saved_days`` (without − with; missing unless both are known)."""
    reached = use.dropna(subset=["days_to_first_build"])
    kit = reached["kit_id"].notna()
    with_days = reached.loc[kit, "days_to_first_build"]
    without = reached.loc[~kit, "days_to_first_build"]
    w = float(with_days.median()) if len(with_days) else float("nan")
    wo = float(without.median()) if len(without) else float("nan")
    return {
        "with_n": len(with_days),
        "without_n": len(without),
        "with_days": w,
        "without_days": wo,
        "saved_days": wo - w,
    }


def kit_adoption(use: pd.DataFrame) -> dict:
    """How many partners building on the platform took a kit: ``builders`` (partners with a
    build), ``with_kit`` (of them, partners with at least one build from a kit) and
    ``share`` (with_kit ÷ builders; missing without builders)."""
    builders = use["partner_id"].nunique()
    with_kit = use.loc[use["kit_id"].notna(), "partner_id"].nunique()
    return {
        "builders": int(builders),
        "with_kit": int(with_kit),
        "share": with_kit / builders if builders else float("nan"),
    }
