"""Trend 4 — where the client's program stands against the reference program profile.

The profile itself (what a well-run program has, element by element, and the rule that says
"in place") is :data:`playbook.program_reference.REFERENCE`; this module applies each rule to
the client's data at the as-of date (:func:`standings`). An element whose data was not supplied
is *not known*, with the file and column that would show it: a missing file is never read as
"not in place".

Definitions (the rule of each element; "active partners" = status ``active`` and started on or
before the as-of date; "in post" as in :func:`playbook.buyin.on_board`)
-----------------------------------------------------------------------------------------------
* ``checklist``: completion = done ÷ items of the merged checklist (:mod:`playbook.buyin`);
  in place at :data:`CHECKLIST_DONE` or more with every category at least partly done.
* ``org_metrics``: the profile's org units and their targets (four per unit).
* ``metrics_on_target``: the RAG status of the org-unit metrics with a target.
* ``team``: the competency gaps of :func:`playbook.buyin.personnel`.
* ``personas``: active partners described by a persona (:func:`playbook.engagement.described`:
  a persona of the partner's type and value / transaction class, as report 08 counts them) ÷
  active partners; the class of each from ``classes`` (:func:`playbook.engagement.engagement`),
  else the class set by hand in ``partners.engagement_model`` (else not known: described only
  by a persona without a class). In place when every active partner is described.
* ``leadership``: program staff in post with role ``alliance_lead`` or ``program_manager``
  (a lead) and ``channel_manager``.
* ``enablement``: active partners at certification ``certified`` or above ÷ active partners
  with a certification level (blank levels left out); in place from :data:`CERTIFIED_SHARE`.
* ``investment``: active partners with an investment recorded on or before the as-of date ÷
  active partners; in place from :data:`INVESTED_SHARE`.
* ``entry_package``: the cheapest level of ``program_levels`` (lowest annual fee, then rank);
  in place when free or costing at most :data:`ENTRY_SHARE` of its package's list value.
"""

from __future__ import annotations

import pandas as pd

from playbook.buyin import Rag, on_board
from playbook.deals import active_at
from playbook.engagement import described
from playbook.formatting import fmt_int, fmt_money, fmt_percent
from playbook.gaps import PROFILE, Gap
from playbook.labels import label, plural
from playbook.program_reference import REFERENCE, Standing, elements_profiled
from playbook.schema import CERTIFICATION_SCORE, TaskStatus
from playbook.staff import program_staff

#: Checklist completion from which the checklist element is in place.
CHECKLIST_DONE = 0.75
#: Share of active partners certified from which enablement is in place.
CERTIFIED_SHARE = 0.5
#: Share of active partners with a recorded investment from which investment is in place.
INVESTED_SHARE = 0.75
#: Entry fee ÷ list value of the package at or below which the entry level is low-cost.
ENTRY_SHARE = 0.5


def _unknown(section: str, table: str, *columns: str) -> tuple[str, str]:
    gap = Gap(section, table, tuple(columns))
    return Standing.NOT_KNOWN, f"Not known: {gap.reason}; {gap.fill}."


def _checklist(d: dict) -> tuple[str, str]:
    items = d["items"]
    if items is None or not items["recorded"].any():
        return _unknown("Checklist", "checklist")
    done = items["status"] == TaskStatus.DONE
    share = float(done.mean())
    untouched = [
        c for c, g in items.groupby("category") if not (g["status"] != TaskStatus.NOT_STARTED).any()
    ]
    text = f"{fmt_percent(share)} done"
    text += f"; untouched: {', '.join(untouched)}" if untouched else "; every category started"
    if share >= CHECKLIST_DONE and not untouched:
        return Standing.IN_PLACE, text
    return Standing.PARTLY, text


def _org_metrics(d: dict) -> tuple[str, str]:
    units = d["org_units"]
    if not units:
        return _unknown("Org-unit metrics", PROFILE, "org_units")
    keys = ("program_members", "certified_integrators", "referral_revenue", "influenced_revenue")
    set_ = [sum(getattr(u.targets, k) is not None for k in keys) for u in units]
    text = "; ".join(f"{u.name}: {n} of 4 targets" for u, n in zip(units, set_, strict=True))
    if len(units) >= 2 and all(n == 4 for n in set_):
        return Standing.IN_PLACE, text
    return (Standing.PARTLY if any(set_) else Standing.NOT_IN_PLACE), text


def _on_target(d: dict) -> tuple[str, str]:
    org = d["org"]
    rated = None if org is None else org[org["status"].isin([Rag.RED, Rag.AMBER, Rag.GREEN])]
    if rated is None or not len(rated):
        return _unknown("Metrics on target", PROFILE, "org_units")
    counts = rated["status"].value_counts()
    text = ", ".join(f"{fmt_int(counts.get(s, 0))} {s}" for s in (Rag.GREEN, Rag.AMBER, Rag.RED))
    if counts.get(Rag.GREEN, 0) == len(rated):
        return Standing.IN_PLACE, text
    return (
        Standing.NOT_IN_PLACE if counts.get(Rag.RED, 0) == len(rated) else Standing.PARTLY
    ), text


def _team(d: dict) -> tuple[str, str]:
    team = d["team"]
    if team is None or team["gap"].isna().all():
        return _unknown("Channel team assessed", "staff", "skill_recruiting")
    gaps = [s.replace("_", " ") for s in team.index[team["gap"].fillna(False).astype(bool)]]
    if not gaps:
        return Standing.IN_PLACE, "Scored; no skill below target"
    return Standing.PARTLY, f"Scored; below target: {', '.join(gaps)}"


def _active(d: dict) -> pd.DataFrame:
    partners = d["partners"]
    return partners[active_at(partners, d["as_of"])]


def _classes(d: dict) -> pd.DataFrame:
    """The active partners with their class (``type``, ``model``): ``classes`` when given,
    else the class set by hand (``engagement_model``), else unknown."""
    if d["classes"] is not None:
        return d["classes"]
    active = _active(d)
    hand = active["engagement_model"] if "engagement_model" in active else None
    return active.assign(model=hand)


def _personas(d: dict) -> tuple[str, str]:
    personas = d["personas"]
    if personas is None or personas["partner_type"].isna().all():
        return _unknown("Personas per partner type", "personas", "partner_type")
    classes = _classes(d)
    covered = described(personas, classes)
    text = (
        f"{fmt_int(int(covered.sum()))} of {plural(len(classes), 'active partner')} described by "
        "a persona of their type and class"
    )
    bare = classes[~covered]
    if len(bare):
        groups = bare.groupby(["type", "model"], dropna=False).size()
        text += "; none for " + ", ".join(
            f"{label(t)}{f' ({label(m).lower()})' if pd.notna(m) else ''}: {fmt_int(n)}"
            for (t, m), n in groups.items()
        )
    if not len(bare):
        return Standing.IN_PLACE, text
    return (Standing.PARTLY if covered.any() else Standing.NOT_IN_PLACE), text


def _leadership(d: dict) -> tuple[str, str]:
    staff = d["staff"]
    if staff is None:
        return _unknown("Program lead and team", "staff")
    team = on_board(program_staff(staff), d["as_of"])
    roles = set(team["role"])
    lead = bool(roles & {"alliance_lead", "program_manager"})
    text = f"{plural(len(team), 'person', 'people')} in post"
    text += "; a lead named" if lead else "; no alliance lead or program manager"
    if lead and "channel_manager" in roles:
        return Standing.IN_PLACE, text
    return (Standing.PARTLY if len(team) else Standing.NOT_IN_PLACE), text


def _enablement(d: dict) -> tuple[str, str]:
    levels = _active(d)["certification_level"].map(CERTIFICATION_SCORE).dropna()
    if not len(levels):
        return _unknown("Certification path", "partners", "certification_level")
    share = float((levels >= CERTIFICATION_SCORE["certified"]).mean())
    text = f"{fmt_percent(share)} of {plural(len(levels), 'active partner')} certified or above"
    if share >= CERTIFIED_SHARE:
        return Standing.IN_PLACE, text
    return (Standing.PARTLY if share > 0 else Standing.NOT_IN_PLACE), text


def _investment(d: dict) -> tuple[str, str]:
    investments = d["investments"]
    if investments is None:
        return _unknown("Investment recorded per partner", "investments")
    active = _active(d)
    dated = investments[pd.to_datetime(investments["date"]) <= d["as_of"]]
    share = float(active["partner_id"].isin(dated["partner_id"]).mean()) if len(active) else 0.0
    text = f"{fmt_percent(share)} of {plural(len(active), 'active partner')} with an investment"
    if len(active) and share >= INVESTED_SHARE:
        return Standing.IN_PLACE, text
    return (Standing.PARTLY if share > 0 else Standing.NOT_IN_PLACE), text


def _entry(d: dict) -> tuple[str, str]:
    levels = d["levels"]
    if levels is None:
        return _unknown("Low-cost entry package", "program_levels")
    entry = levels.sort_values(["annual_fee", "rank"]).iloc[0]
    currency = d["currency"]
    text = f"Cheapest level {entry['name']}: {fmt_money(entry['annual_fee'], currency)} a year"
    value = entry["package_value"]
    if entry["annual_fee"] == 0:
        return Standing.IN_PLACE, text + " (free)"
    if pd.isna(value) or not value > 0:
        return Standing.PARTLY, text + "; the list value of its package is not given"
    text += f", {fmt_percent(entry['annual_fee'] / value)} of its list value"
    return (
        Standing.IN_PLACE if entry["annual_fee"] <= ENTRY_SHARE * value else Standing.PARTLY
    ), text


_RULES = {
    "checklist": _checklist,
    "org_metrics": _org_metrics,
    "metrics_on_target": _on_target,
    "team": _team,
    "personas": _personas,
    "leadership": _leadership,
    "enablement": _enablement,
    "investment": _investment,
    "entry_package": _entry,
}


def standings(
    *,
    partners: pd.DataFrame,
    as_of,
    currency: str,
    items: pd.DataFrame | None = None,
    org_units: list | None = None,
    org: pd.DataFrame | None = None,
    team: pd.DataFrame | None = None,
    personas: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    investments: pd.DataFrame | None = None,
    levels: pd.DataFrame | None = None,
    programs: pd.DataFrame | None = None,
    classes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where the client stands on every element of the reference profile at ``as_of``: one row
    per element with ``key``, ``area``, ``has``, ``standing`` (:class:`Standing`) and
    ``evidence`` (the figure behind it, or what would fill it). A table not supplied is
    ``None``; ``items`` from :func:`playbook.buyin.merged_checklist`, ``org`` from
    :func:`playbook.buyin.org_unit_metrics`, ``team`` the second result of
    :func:`playbook.buyin.personnel`. ``programs`` (``benchmark_programs``) adds
    ``best_programs``: the profiled programs that have each element ("" when none was
    profiled on it, "none of N" when none of N has it). ``classes``: the active partners' value /
    transaction classes (:func:`playbook.engagement.engagement`), for ``personas``."""
    data = {
        "partners": partners,
        "as_of": pd.Timestamp(as_of),
        "currency": currency,
        "items": items,
        "org_units": org_units or [],
        "org": org,
        "team": team,
        "personas": personas,
        "staff": staff,
        "investments": investments,
        "levels": levels,
        "classes": classes,
    }
    rows = []
    for e in REFERENCE:
        standing, evidence = _RULES[e.key](data)
        rows.append(
            {
                "key": e.key,
                "area": e.area,
                "trend": e.trend,
                "has": e.has,
                "standing": str(standing),
                "evidence": evidence,
                "rule": e.in_place,
            }
        )
    out = pd.DataFrame(rows)
    out["best_programs"] = _best_programs(programs)
    return out


def _best_programs(programs: pd.DataFrame | None) -> list[str]:
    """Per element, the profiled programs that have it, in words (see :func:`standings`)."""
    if programs is None:
        return [""] * len(REFERENCE)
    found = elements_profiled(programs)
    return [
        "; ".join(r.have) if r.have else (f"None of {fmt_int(r.profiled)}" if r.profiled else "")
        for r in found.itertuples()
    ]


def view(t: pd.DataFrame) -> pd.DataFrame:
    """The standings (:func:`standings`), for the report: area, what a well-run program has,
    where the client stands and why."""
    return pd.DataFrame(
        {
            "Area": t["area"],
            "A well-run program has": t["has"],
            "Where the client stands": t["standing"].map(label),
            "Evidence": t["evidence"],
            "Best programs profiled that have it": t["best_programs"].replace("", "Not profiled"),
            "Rule": t["rule"],
            "From the report's": t["trend"],
        }
    )


#: The columns of :func:`view` shown on screen (the workbook has the rule and source too).
SCREEN = ["Area", "A well-run program has", "Where the client stands", "Evidence"]


def screen_columns(t: pd.DataFrame) -> list[str]:
    """:data:`SCREEN`, and the profiled programs' column when the client profiled any program
    on an element of the reference profile."""
    profiled = (t["best_programs"] != "").any()
    return SCREEN + (["Best programs profiled that have it"] if profiled else [])


def findings(t: pd.DataFrame) -> list[str]:
    """One sentence: how many elements are in place, partly, not, and not known, naming those
    not in place; nothing when none can be judged."""
    counts = t["standing"].value_counts()
    known = len(t) - int(counts.get(Standing.NOT_KNOWN, 0))
    if not known:
        return []
    text = (
        f"Against the reference program profile ({plural(len(t), 'element')}): "
        f"{fmt_int(counts.get(Standing.IN_PLACE, 0))} in place, "
        f"{fmt_int(counts.get(Standing.PARTLY, 0))} partly, "
        f"{fmt_int(counts.get(Standing.NOT_IN_PLACE, 0))} not in place"
    )
    if known < len(t):
        text += f", {fmt_int(len(t) - known)} not known from the data supplied"
    missing = t[t["standing"] == Standing.NOT_IN_PLACE]
    if len(missing):
        text += f" (not in place: {'; '.join(missing['has'].str.rstrip('.').str.lower())})"
    return [text + "."]
