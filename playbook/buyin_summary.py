"""Trend 4 — organisation buy-in: what the report concludes (:func:`summarise`).

The takeaways, key findings and action-plan items of the buy-in report, built from the tables
of :mod:`playbook.buyin`, and the section headings they point to.

Definitions
-----------
* **Action plan**: every overdue checklist item (most days late first, with the owner and due
  date of the client's checklist; :attr:`Urgency.FIX`), then every org-unit metric rated red
  (:attr:`Urgency.ACT_NOW`) or amber (:attr:`Urgency.FIX`), owned by its org unit (the profile
  names no head of a unit), without a due date (targets carry none).
* **Revenue short of target**: Σ (target − actual) over the revenue metrics (referrals,
  influenced) rated red or amber; the money at stake of the metrics' key finding.
* **Weakest skill**: the skill with a competency gap whose team mean is lowest.
"""

from __future__ import annotations

import pandas as pd

from playbook import buyin_reference, buyin_routes
from playbook.buyin import Rag
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, TrendResult, Urgency
from playbook.schema import TaskStatus

#: The report's section headings (also the ``section`` of its key findings and actions).
CHECKLIST = "Channel-management checklist"
PERSONNEL = "Channel team competency"
PERSONAS = "Partner buyer personas"
METRICS = "Agreed metrics per org unit"
ROUTES = "Partner route or hiring"
REFERENCE = "The reference program profile"

#: Short names of the org-unit metrics, for sentences.
SHORT = {
    "program_members": "program members",
    "certified_integrators": "certified partners",
    "referral_revenue": "revenue via referrals",
    "influenced_revenue": "influenced revenue",
}


def summarise(
    *,
    items: pd.DataFrame,
    team: pd.DataFrame | None,
    org: pd.DataFrame | None,
    as_of,
    currency: str,
    routes: pd.DataFrame | None = None,
    route_months: float = 36,
    reference: pd.DataFrame | None = None,
) -> TrendResult:
    """What trend 4 concludes: takeaways, key findings, action-plan items, figures for
    ``results.json`` and the summary headline.

    ``items`` from :func:`buyin.merged_checklist` at ``as_of``, ``team`` the second result of
    :func:`buyin.personnel`, ``org`` from :func:`buyin.org_unit_metrics`; ``None`` for a part
    not computed; money in ``currency``. A figure whose inputs were not supplied is ``None`` in
    the figures and "—" with the reason in the headline. ``routes`` is the partner-or-hiring
    comparison of :func:`playbook.buyin_routes.compare` over ``route_months`` months and
    ``reference`` the standings of :func:`playbook.buyin_reference.standings` (``None``: not
    computed).
    """
    late = overdue(items, as_of)
    findings = [
        *_checklist_findings(items, late),
        *_org_findings(org, currency),
        *(buyin_routes.findings(routes, currency, route_months) if routes is not None else []),
        *(buyin_reference.findings(reference) if reference is not None else []),
        *_team_findings(team),
    ]
    figures = _figures(items, team, org)
    if routes is not None:
        figures["routes"] = buyin_routes.records(routes, route_months)
    if reference is not None:
        figures["reference"] = dict(zip(reference["key"], reference["standing"], strict=True))
    key = _key_findings(items, late, team, org, currency)
    route_key = buyin_routes.key_finding(routes, currency, route_months, ROUTES)
    return TrendResult(
        findings=findings[:6],
        figures=figures,
        headline=_headline(items, org),
        key_findings=(key + [route_key])[:4] if route_key else key,
        actions=_checklist_actions(late) + _metric_actions(org, currency),
    )


def overdue(items: pd.DataFrame, as_of) -> pd.DataFrame:
    """The overdue checklist items with ``days_late`` at ``as_of``, most days late first."""
    late = items[items["overdue"]].copy()
    late["days_late"] = (pd.Timestamp(as_of) - pd.to_datetime(late["due_date"])).dt.days
    return late.sort_values(["days_late", "item_id"], ascending=[False, True])


def checklist_records(items: pd.DataFrame) -> list[dict]:
    """Every checklist item as ``results.json`` records it, for the run history's lists:
    ``item_id``, ``task``, ``owner`` ("" when none), ``due_date`` (ISO, ``None`` when none),
    ``done`` and ``overdue`` (open and due before the as-of date)."""
    due = pd.to_datetime(items["due_date"])
    return [
        {
            "item_id": str(r.item_id),
            "task": str(r.task),
            "owner": _owner(r.owner),
            "due_date": None if pd.isna(d) else d.date().isoformat(),
            "done": bool(r.status == TaskStatus.DONE),
            "overdue": bool(r.overdue),
        }
        for r, d in zip(items.itertuples(), due, strict=True)
    ]


def checklist_counts(items: pd.DataFrame) -> dict:
    """Done, items, overdue and the blanks behind them (``None`` where not assessable)."""
    supplied = bool(items["recorded"].any())
    still_open = items["status"] != TaskStatus.DONE
    dated = pd.to_datetime(items["due_date"]).notna()
    # With open items and not one due date, "0 overdue" would be drawn from blanks.
    assessable = supplied and (not still_open.any() or bool((still_open & dated).any()))
    return {
        "supplied": supplied,
        "items": len(items),
        "done": int((~still_open).sum()) if supplied else None,
        "overdue": int(items["overdue"].sum()) if assessable else None,
        "open_undated": int((still_open & ~dated).sum()),
        "not_recorded": int((~items["recorded"]).sum()),
    }


def _owner(value) -> str:
    return "" if value is None or pd.isna(value) or not str(value).strip() else str(value)


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _checklist_findings(items: pd.DataFrame, late: pd.DataFrame) -> list[str]:
    c = checklist_counts(items)
    if not c["supplied"]:
        return ["No checklist supplied: completion and overdue items not assessed."]
    first = (
        f"The channel checklist is {fmt_percent(c['done'] / c['items'])} done: "
        f"{fmt_int(c['done'])} of {plural(c['items'], 'item')}"
    )
    if c["not_recorded"]:
        n = c["not_recorded"]
        first += (
            f"; {plural(n, 'standard item')} of the playbook {'is' if n == 1 else 'are'} "
            "not on the client's list and count as not started"
        )
    out = [first + "."]
    if c["overdue"] is None:
        out.append("Overdue items not assessed: no open item has a due date.")
        return out
    if c["overdue"]:
        top = late.iloc[0]
        who = f" ({_owner(top['owner'])})" if _owner(top["owner"]) else ""
        text = (
            f"{plural(c['overdue'], 'item')} {'is' if c['overdue'] == 1 else 'are'} overdue; "
            f"the longest, '{top['task']}'{who}, is {plural(int(top['days_late']), 'day')} late"
        )
    else:
        text = "No checklist item is overdue"
    if c["open_undated"]:
        n = c["open_undated"]
        text += f"; {plural(n, 'open item')} {_has(n)} no due date"
    out.append(text + ".")
    return out


#: The columns of :func:`buyin.org_unit_metrics`.
COLUMNS = ["org_unit", "metric", "label", "actual", "target", "attainment", "status"]


def _rated(org: pd.DataFrame | None) -> pd.DataFrame:
    """The org-unit metrics with a red, amber or green status."""
    if org is None or not len(org):
        return pd.DataFrame(columns=COLUMNS)
    return org[org["status"].isin([Rag.RED, Rag.AMBER, Rag.GREEN])]


def _value(metric: str, v, currency: str) -> str:
    if v is None or pd.isna(v):
        return MISSING
    return fmt_money(v, currency) if metric.endswith("revenue") else fmt_int(v)


def _shortfall(org: pd.DataFrame | None) -> float:
    """Revenue short of target over the red and amber revenue metrics (module docstring)."""
    behind = _rated(org)
    behind = behind[
        behind["status"].isin([Rag.RED, Rag.AMBER]) & behind["metric"].str.endswith("revenue")
    ]
    return float((behind["target"] - behind["actual"]).sum())


def _shortfall_text(org: pd.DataFrame | None, short: float, currency: str) -> str:
    """Which revenue targets the shortfall is over (only the red and amber ones), so it is never
    read as all partner revenue against all targets."""
    behind = _rated(org)
    behind = behind[
        behind["status"].isin([Rag.RED, Rag.AMBER]) & behind["metric"].str.endswith("revenue")
    ]
    names = " and ".join(dict.fromkeys(SHORT.get(m, label(m)) for m in behind["metric"]))
    return (
        f"Where org units are behind their revenue targets ({names}, rated red or amber), they "
        f"are {fmt_money(short, currency)} short of those targets."
    )


def _org_findings(org: pd.DataFrame | None, currency: str) -> list[str]:
    if org is None or not len(org):
        return []
    rated = _rated(org)
    if not len(rated):
        return [
            "No org-unit target is set in the client's profile: no metric is rated red, amber "
            "or green."
        ]
    red = rated[rated["status"] == Rag.RED]
    amber = rated[rated["status"] == Rag.AMBER]
    text = (
        f"{fmt_int(len(red))} of {plural(len(rated), 'org-unit metric')} with a target "
        f"{'is' if len(red) == 1 else 'are'} red"
        if len(red)
        else f"No org-unit metric with a target is red ({fmt_int(len(rated))} rated)"
    )
    if len(amber):
        text += f"; {fmt_int(len(amber))} {'is' if len(amber) == 1 else 'are'} amber"
    behind = pd.concat([red, amber]).sort_values("attainment").head(1)
    if len(behind):
        r = behind.iloc[0]
        text += (
            f"; furthest behind: {r['org_unit']} {SHORT[r['metric']]} at "
            f"{fmt_percent(r['attainment'])} of target "
            f"({_value(r['metric'], r['actual'], currency)} of "
            f"{_value(r['metric'], r['target'], currency)})"
        )
    if len(rated) < len(org):
        text += f" ({plural(len(org) - len(rated), 'metric')} without a target or data, not rated)"
    out = [text + "."]
    short = _shortfall(org)
    if short > 0:
        out.append(_shortfall_text(org, short, currency))
    return out


def _team_findings(team: pd.DataFrame | None) -> list[str]:
    if team is None:
        return []
    gaps = team[team["gap"].fillna(False).astype(bool)].sort_values("team_mean")
    unscored = [s.replace("_", " ") for s in team.index[team["gap"].isna()]]
    if len(unscored) == len(team):
        return ["Team competency not assessed: nobody on board has a competency score."]
    if len(gaps):
        names = ", ".join(
            f"{s.replace('_', ' ')} (team mean {r.team_mean:.1f} of 5, "
            f"{fmt_int(r.people_below)} of {plural(int(r.scored), 'person', 'people')} "
            "below the low mark)"
            for s, r in gaps.iterrows()
        )
        text = f"The team's competency {'gap is' if len(gaps) == 1 else 'gaps are'} {names}"
    else:
        text = "No scored team competency is below target"
    if unscored:
        text += f"; not scored: {', '.join(unscored)}"
    return [text + "."]


def _key_findings(items, late, team, org, currency) -> list[KeyFinding]:
    out = []
    c = checklist_counts(items)
    if c["overdue"]:
        top = late.iloc[0]
        out.append(
            KeyFinding(
                f"{plural(c['overdue'], 'channel checklist item')} "
                f"{'is' if c['overdue'] == 1 else 'are'} overdue, the longest by "
                f"{plural(int(top['days_late']), 'day')}; the checklist is "
                f"{fmt_percent(c['done'] / c['items'])} done.",
                None,
                Urgency.FIX,
                CHECKLIST,
            )
        )
    rated = _rated(org)
    red = rated[rated["status"] == Rag.RED] if len(rated) else rated
    short = _shortfall(org)
    if short > 0:
        out.append(
            KeyFinding(
                _shortfall_text(org, short, currency),
                short,
                Urgency.ACT_NOW if (red["metric"].str.endswith("revenue")).any() else Urgency.FIX,
                METRICS,
            )
        )
    if len(red):
        names = name_list(
            (f"{r['org_unit']} {SHORT[r['metric']]}" for _, r in red.iterrows()), sep="; "
        )
        out.append(
            KeyFinding(
                f"{plural(len(red), 'org-unit metric')} {'is' if len(red) == 1 else 'are'} "
                f"red: {names}.",
                None,
                Urgency.ACT_NOW,
                METRICS,
            )
        )
    if team is not None and team["gap"].fillna(False).astype(bool).any():
        worst = team[team["gap"].fillna(False).astype(bool)]["team_mean"].idxmin()
        out.append(
            KeyFinding(
                f"The channel team is weakest in {worst.replace('_', ' ')}: a mean of "
                f"{team.loc[worst, 'team_mean']:.1f} of 5.",
                None,
                Urgency.FIX,
                PERSONNEL,
            )
        )
    return out[:4]


def _checklist_actions(late: pd.DataFrame) -> list[Action]:
    return [
        Action(
            action=str(r["task"]),
            owner=_owner(r["owner"]),
            due=pd.Timestamp(r["due_date"]).date().isoformat(),
            kind="Overdue checklist item",
            section=CHECKLIST,
            urgency=Urgency.FIX,
        )
        for _, r in late.iterrows()
    ]


def _metric_actions(org: pd.DataFrame | None, currency: str) -> list[Action]:
    behind = _rated(org)
    behind = behind[behind["status"].isin([Rag.RED, Rag.AMBER])]
    behind = behind.assign(red=behind["status"] == Rag.RED).sort_values(
        ["red", "attainment"], ascending=[False, True]
    )
    return [
        Action(
            action=(
                f"Raise {r['org_unit']}'s {SHORT[r['metric']]} from "
                f"{_value(r['metric'], r['actual'], currency)} to the target of "
                f"{_value(r['metric'], r['target'], currency)} "
                f"({fmt_percent(r['attainment'])} reached)."
            ),
            owner=str(r["org_unit"]),
            due="",
            kind="Red metric" if r["status"] == Rag.RED else "Amber metric",
            section=METRICS,
            urgency=Urgency.ACT_NOW if r["status"] == Rag.RED else Urgency.FIX,
        )
        for _, r in behind.iterrows()
    ]


def _figures(items, team, org) -> dict:
    """Machine-readable key figures for ``results.json`` (``None`` = not assessable)."""
    c = checklist_counts(items)
    out = {
        "checklist_done": c["done"],
        "checklist_items": c["items"],
        "checklist_overdue": c["overdue"],
    }
    if c["supplied"]:
        out["checklist"] = checklist_records(items)
    if team is not None:
        out["skill_gaps"] = list(team.index[team["gap"].fillna(False)])
        out["skills_not_scored"] = list(team.index[team["gap"].isna()])
    if org is not None:
        out["org_units"] = {
            f"{r.org_unit}/{r.metric}": {"actual": r.actual, "target": r.target, "status": r.status}
            for r in org.itertuples()
        }
    return out


def _headline(items, org) -> dict[str, str]:
    c = checklist_counts(items)
    if not c["supplied"]:
        done = overdue_text = f"{MISSING} (no checklist)"
    else:
        done = fmt_percent(c["done"] / c["items"])
        overdue_text = (
            f"{MISSING} (no due dates)" if c["overdue"] is None else fmt_int(c["overdue"])
        )
    out = {"Checklist done": done, "Overdue items": overdue_text}
    if org is not None and len(org):
        rated = _rated(org)
        out["Red metrics"] = (
            f"{fmt_int(int((rated['status'] == Rag.RED).sum()))} of {fmt_int(len(rated))}"
            if len(rated)
            else f"{MISSING} (no targets)"
        )
    return out
