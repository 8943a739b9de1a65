"""Trend 3 — the ecosystem platform: the report views of :mod:`playbook.platform_map` and
:mod:`playbook.platform_needs`.

Display-ready tables (readable headers, codes in plain words through :mod:`playbook.labels`,
figures through :mod:`playbook.formatting`; a figure the data did not have is "—"), chart
titles that state the finding, and :func:`definitions`, the "How these figures are defined"
list of the platform sections. The starter kit's views are in :mod:`playbook.platform_kit_views`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, name_list
from playbook.labels import label, label_values, plural
from playbook.platform_map import MATRIX_COMPONENTS, component_names

#: Names a cell lists before "and N more".
NAMED = 4

#: Captions of sub-sections that may lack their own table (also the gap line's section).
WHO_BUILDS = "Who builds on what: each partner's builds by component and status"
BY_SKILL = "Partner matches by skill"


def names_text(names: list, limit: int = NAMED) -> str:
    """``names`` as :func:`playbook.formatting.name_list` lists them, at most ``limit``; "—" for
    none."""
    return name_list(names, limit, empty=MISSING)


def _yes_no(value) -> str:
    """A recorded yes/no in words; "—" when blank."""
    if value is None or pd.isna(value):
        return MISSING
    return "Yes" if bool(value) else "No"


# --------------------------------------------------------------------------- the map


def component_view(cmap: pd.DataFrame) -> pd.DataFrame:
    """The platform map (:func:`platform_map.component_map`), one row per component."""
    return pd.DataFrame(
        {
            "Component": cmap["name"],
            "Kind": label_values(cmap["kind"]),
            "Status": label_values(cmap["status"]),
            "Version": cmap["version"].fillna(MISSING),
            "Documented": cmap["documented"].map(_yes_no),
            "Legacy code": cmap["legacy"].map(_yes_no),
            "Partners building": cmap["building"].astype(int),
            "Live builds": cmap["live"].astype(int),
            "Built by": cmap["builders"].map(names_text),
            "In development": cmap["in_development"].astype(int),
            "Planned": cmap["planned"].astype(int),
            "Running builds to migrate": cmap["to_migrate"].astype(int),
        }
    )


#: The map's columns on screen (the workbook has them all).
COMPONENT_COLUMNS = [
    "Component",
    "Kind",
    "Status",
    "Version",
    "Documented",
    "Legacy code",
    "Partners building",
    "Built by",
]


def map_caption(cmap: pd.DataFrame) -> str:
    """The map's caption: components, how many partners build on them."""
    used = int((cmap["building"] > 0).sum())
    return (
        f"The platform: {plural(len(cmap), 'component')}, {fmt_int(used)} with partners "
        "building on them"
    )


#: Columns the report shows of the matrix: the partner and every component column of the
#: bounded matrix (its caption names them all; the cells are short statuses, so they fit).
MATRIX_SCREEN_COLUMNS = MATRIX_COMPONENTS + 1


def matrix_view(grid: pd.DataFrame) -> pd.DataFrame:
    """Who builds on what (:func:`platform_map.build_matrix`): statuses in plain words, a
    blank cell "—" (no build)."""
    out = grid.apply(label_values).fillna(MISSING)
    return out.reset_index().rename(columns={"partner": "Partner"})


def matrix_left_out(grid: pd.DataFrame, every: pd.DataFrame) -> dict | None:
    """What the bounded matrix (:func:`platform_map.build_matrix`) leaves out of
    ``every`` (:func:`platform_map.build_list`): ``components`` / ``partners`` shown and
    with a build in all; ``None`` when it leaves nothing out."""
    components = int(every["component_id"].nunique())
    partners = int(every["partner_id"].nunique())
    if grid.shape[1] >= components and len(grid) >= partners:
        return None
    return {
        "components": grid.shape[1],
        "all_components": components,
        "partners": len(grid),
        "all_partners": partners,
    }


def matrix_caption(grid: pd.DataFrame, every: pd.DataFrame) -> str:
    """The matrix's caption (:data:`WHO_BUILDS`), saying what a bounded matrix leaves out."""
    cut = matrix_left_out(grid, every)
    if cut is None:
        return WHO_BUILDS
    return (
        f"{WHO_BUILDS}: the {plural(cut['components'], 'component')} with the most partners "
        f"building, of {fmt_int(cut['all_components'])} with a build, and the "
        f"{plural(cut['partners'], 'partner')} building on them, of "
        f"{fmt_int(cut['all_partners'])}; every build is in the list that follows"
    )


#: The caption of the long list of every build (shown when the matrix leaves some out).
BUILD_LIST = "Every partner build by component and status, partners with the most live builds first"


def build_list_view(every: pd.DataFrame) -> pd.DataFrame:
    """Every build in long form (:func:`platform_map.build_list`): partner, component,
    status in plain words."""
    return pd.DataFrame(
        {
            "Partner": every["partner"],
            "Component": every["component"].fillna(MISSING),
            "Build status": label_values(every["status"]),
        }
    )


def status_title(counts: pd.DataFrame) -> str:
    """The chart title: the component with the most builds and its live ones; when several
    share the most, how many do (the first of them named), never one of them as "the
    most"."""
    if counts.empty:
        return "No partner builds on the platform yet"
    top = counts.index[0]
    row = counts.iloc[0]
    tied = int((counts.sum(axis=1) == row.sum()).sum())
    if tied > 1:
        return (
            f"{fmt_int(tied)} components share the most partner builds, {fmt_int(row.sum())} "
            f"each; the first, {top}, has {fmt_int(row['live'])} of them live"
        )
    return (
        f"{top} carries the most partner builds: {fmt_int(row.sum())}, "
        f"{fmt_int(row['live'])} of them live"
    )


#: The stacked chart's series labels, in the order of :func:`platform_map.status_counts`.
STATUS_LABELS = [label("live"), label("in_development"), label("planned")]


def migration_view(moves: pd.DataFrame) -> pd.DataFrame:
    """Builds to migrate (:func:`platform_map.migrations`)."""
    return pd.DataFrame(
        {
            "Partner": moves["partner"],
            "Component": moves["component"],
            "Component status": label_values(moves["component_status"]),
            "Build": moves["build"].fillna(MISSING),
            "Build status": label_values(moves["status"]),
        }
    )


def unused_text(cmap: pd.DataFrame) -> str:
    """The lines naming the components open for building that nobody builds on, and the
    components partners build on without documentation (recorded as not documented)."""
    unused = cmap.loc[cmap["unused"].astype(bool)]
    if unused.empty:
        text = "Every component open for building has at least one partner building on it."
    else:
        text = (
            f"Open for building, with no partner on it: {names_text(list(unused['name']), 6)}. "
            "Promote them to the partners who build on the components next to them."
        )
    undocumented = cmap["documented"].map(lambda v: not pd.isna(v) and not bool(v))
    blind = cmap[undocumented.astype(bool) & (cmap["building"] > 0)]
    if len(blind):
        text += (
            f" Partners build on {names_text(list(blind['name']), 6)} without documentation: "
            "write it before the next partner starts."
        )
    return text


# --------------------------------------------------------------------------- needs


def _match_text(best: pd.DataFrame | None, matches=None, limit: int = 3) -> str:
    """The best candidates of a need as "Name (5 points: builds on it, Java, type)", then
    "and N more" of its ``matches`` candidates in all (default: the rows of ``best``)."""
    if best is None:
        return MISSING
    if best.empty:
        return "None found"
    parts = []
    at = [best.columns.get_loc(c) for c in ("partner", "status", "score", "build_points")]
    at += [best.columns.get_loc(c) for c in ("skills", "type_fit")]
    for row in best.iloc[:limit].to_numpy().tolist():  # one read per need, not per column
        partner, status, score, build, skills, fit = (row[i] for i in at)
        why = ["builds on it"] if build else []
        why += list(skills)
        if fit:
            why.append("its type fits")
        status = "" if status == "active" else f", {label(status).lower()}"
        parts.append(f"{partner} ({plural(score, 'point')}{status}: {', '.join(why)})")
    more = int(len(best) if matches is None or pd.isna(matches) else matches) - limit
    return "; ".join(parts) + (f"; and {fmt_int(more)} more" if more > 0 else "")


def needs_view(
    matched: pd.DataFrame, components: pd.DataFrame, currency: str, best_channel: dict | None
) -> pd.DataFrame:
    """The register of development needs with the partners who could meet them and the next
    step for each (:func:`next_step`; ``best_channel``:
    :func:`playbook.platform_sourcing.best_community`)."""
    component = component_names(matched["component_id"], components)
    post = post_where(best_channel, currency)
    return pd.DataFrame(
        {
            "Need": matched["need"],
            "Area": label_values(matched["area"]),
            "Component": component.fillna(MISSING),
            "Skills wanted": matched["skills"].map(lambda s: ", ".join(s) or MISSING),
            "Status": label_values(matched["status"]),
            "Partner chosen": matched["chosen"].fillna(MISSING),
            "Could meet it": [
                _match_text(b, m) for b, m in zip(matched["best"], matched["matches"], strict=True)
            ],
            "Next step": [next_step(r, post) for r in matched.itertuples(index=False)],
            "Estimated cost in-house": matched["estimated_cost"].map(
                lambda v: fmt_money(v, currency)
            ),
            "Need id": matched["need_id"],
        }
    )


#: The register's columns on screen.
NEEDS_COLUMNS = [
    "Need",
    "Area",
    "Component",
    "Skills wanted",
    "Status",
    "Partner chosen",
    "Could meet it",
    "Next step",
]


def next_step(need, post: str) -> str:
    """What to do next with a need: nothing once closed; follow up the chosen partner; talk to
    the best candidate; else ``post`` (:func:`post_where`: where to post it, and why)."""
    if not need.open:
        return "Closed"
    if need.chosen is not None and not pd.isna(need.chosen):
        return f"Follow up with {need.chosen}."
    if need.best is not None and len(need.best):
        return f"Brief {need.best['partner'].iloc[0]} on the need."
    return post


def post_where(best: dict | None, currency: str) -> str:
    """Where to post a need no partner can meet, and why
    (:func:`platform_sourcing.best_community`): the community whose partners build most; on a
    tie, the one with the lower cost per signed partner, naming the one it beat; communities
    level on both are all named."""
    if best is None:
        return "Post the need where developers gather; list the communities in sourcing channels."
    where = " or ".join(best["channels"])
    building = plural(best["building"], "partner")
    cost = _cost(best["cost_per_signed"], currency)
    if len(best["channels"]) > 1:
        return (
            f"Post the need in {where}: their partners build on the platform equally often "
            f"({building} each), at the same cost per signed partner ({cost})."
        )
    if best["beaten"]:
        other = best["beaten"][0]
        return (
            f"Post the need in {where}: its partners build on the platform as often as "
            f"{_whose(other['channel'])} ({building} each), at a lower cost per signed partner "
            f"({cost} against {_cost(other['cost_per_signed'], currency)})."
        )
    return (
        f"Post the need in {where}, the developer community whose partners build on the "
        f"platform most ({building})."
    )


def _cost(value: float, currency: str) -> str:
    """A cost per signed partner, or "no cost recorded" when the channel list has none."""
    return "no cost recorded" if pd.isna(value) else fmt_money(value, currency)


def _whose(name: str) -> str:
    """``name`` as a possessive: "Beta's", "Atlas Solutions'"."""
    return f"{name}'" if str(name).endswith("s") else f"{name}'s"


def needs_caption(summary: dict, currency: str) -> str:
    """The register's caption: open needs, how many need a partner, the in-house estimate."""
    text = (
        f"Development needs: {fmt_int(summary['open'])} open of {fmt_int(summary['needs'])}, "
        f"{fmt_int(summary['needs_partner'])} without a partner chosen"
    )
    if summary["open_cost_known"]:
        text += f"; estimated {fmt_money(summary['open_cost'], currency)} to build in-house"
        if summary["open_cost_unknown"]:
            text += f" ({fmt_int(summary['open_cost_unknown'])} open without an estimate)"
    return text


# --------------------------------------------------------------------------- definitions


def definitions(min_score: float, wait_days: float) -> list[str]:
    """ "How these figures are defined" for the platform sections (the modules' docstrings)."""
    return [
        "A build counts from its start date on; one started after the as-of date does not "
        "exist yet, and a first build dated after it is not reached yet.",
        "Partners building on a component: those with a planned, in-development or live build "
        "on it. A component open for building (beta or available) with none is unused; running "
        "builds on a deprecated or retired component are builds to migrate.",
        "Match points of an active or candidate partner for a development need: 2 for a live or "
        "in-development build on the need's component (1 for a planned one), 1 per skill wanted "
        "that the partner lists, 1 when its type suits the area (legacy code: systems "
        "integrators; API work: ISVs and platforms; integrations: ISVs and systems integrators; "
        f"data: platforms and ISVs). A partner could meet the need with {min_score:g} points or "
        "more, of which at least one skill wanted when the need lists skills (else a build on "
        "its component); its type alone is never enough. Unknown skills earn no point and are "
        "not taken as no skills.",
        "Sourcing: a partner counts in the channel it was first found through; signed rate = "
        "partners signed by the as-of date ÷ partners found; days to sign = the median of the "
        "signing date less the date found; cost per signed partner = the channel's spend ÷ "
        "partners signed; partners found per year by the date each was found (earlier years "
        "summed, partners without a date apart, so each row adds up to the channel's partners "
        "found). Developer communities are the channels the client lists with that kind; a need "
        "no partner can meet goes to the one whose partners build on the platform most, on a "
        "tie the one with the lower cost per signed partner.",
        "Days to first build: the first working build's date less the day the partner took the "
        f"kit (or started building); a build still waiting after {wait_days:g} days is waiting "
        "too long.",
        "A blank is never a zero: a figure whose input is blank or absent shows — with the reason.",
    ]
