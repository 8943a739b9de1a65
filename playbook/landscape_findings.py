"""Trend 7 — partner landscape: what the report concludes (:func:`summarise`).

The takeaways (at most eight plain sentences with their figures, most important first), the
key findings the executive summary may rank, one action per active partner with nobody trained
on our product (owner: its partner manager), and the partner 360 record (people trained on our
product, interest/influence quadrant) of each active partner. Figures and definitions are in
:mod:`playbook.landscape`; the reporting lines, the stack, measured mindshare and the
outsourcing question set add theirs through :mod:`playbook.landscape_extra_findings`.

* **Money at stake**: for untrained partners, their program revenue in the window
  (:func:`playbook.deals.program_revenue`); for the partners we are the remora of, theirs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook import landscape_extra_findings as xf
from playbook.deals import program_revenue
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import plural
from playbook.landscape import Position, Quadrant
from playbook.results import Action, KeyFinding, TrendResult, Urgency
from playbook.staff import manager_names

SECTION_COMPETITORS = "Which of our competitors already partner with them"
SECTION_QUADRANTS = "Interest and influence grid"
SECTION_SHARK = "Shark or remora"
SECTION_PORTAL = "Partner-portal readiness"


def summarise(
    *,
    grid: pd.DataFrame | None,
    start_list: pd.DataFrame | None,
    quad: pd.DataFrame,
    pct: pd.Series,
    shark: pd.DataFrame,
    directory: pd.DataFrame,
    trained_share: float | None,
    training: pd.DataFrame | None = None,
    ours: pd.DataFrame | None = None,
    partners: pd.DataFrame | None = None,
    deals: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    start=None,
    end=None,
    currency: str = "USD",
    extra: xf.Extra | None = None,
) -> TrendResult:
    """What trend 7 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``grid`` and ``start_list`` from :func:`~playbook.landscape.competitor_grid` and
    :func:`~playbook.landscape.starting_point` (``None`` without competitors), ``quad`` from
    :func:`~playbook.landscape.interest_influence`, ``pct`` from
    :func:`~playbook.landscape.program_revenue_pct`, ``shark`` from
    :func:`~playbook.landscape.shark_or_remora`, ``directory`` from
    :func:`~playbook.landscape.directory_completeness`, ``trained_share`` and ``ours`` from
    :func:`~playbook.landscape.training_both_ways`, ``training`` from
    :func:`~playbook.landscape.partner_training`; ``partners``, ``deals``, ``staff`` and the
    window ``start``–``end`` price the findings and name each partner's manager; ``extra``
    holds the reporting lines, stack, measured mindshare and outsourcing answers
    (:class:`~playbook.landscape_extra_findings.Extra`).
    """
    extra = extra or xf.Extra()
    revenue = (
        program_revenue(deals, start, end, by="partner_id")
        if deals is not None
        else pd.Series(dtype="float64")
    )
    untrained = _untrained(training, revenue)
    reporting, reporting_text = xf.reporting_finding(extra.lines)
    parts = [
        _untrained_finding(untrained, training, revenue, currency),
        _remora_finding(shark, revenue, currency),
        reporting,
        xf.mindshare_finding(extra.mindshare, revenue, currency),
        _competitor_finding(grid, start_list),
    ]
    key = [k for k in parts if k is not None]
    takeaways = [k.text for k in parts[:2] if k is not None]
    takeaways += [
        t
        for t in (
            reporting_text,
            parts[3].text if parts[3] is not None else "",
            _our_team_text(ours, pct),
            parts[4].text if parts[4] is not None else "",
            _key_players_text(quad),
            _directory_text(directory),
            *xf.takeaways(extra),
        )
        if t
    ]
    if training is None or training["trained"].isna().all():
        takeaways.append(training_not_supplied(trained_share))
    managers = manager_names(partners, _staff(staff)) if partners is not None else pd.Series()
    return TrendResult(
        findings=takeaways[:8],
        figures=_figures(grid, quad, pct, shark, directory, trained_share) | xf.figures(extra),
        headline=_headline(grid, quad, directory) | xf.headline(extra),
        key_findings=key[:5],
        actions=_actions(untrained, managers, revenue, currency)
        + xf.reporting_actions(extra.lines)
        + xf.mindshare_actions(extra.mindshare, managers),
        partners=_partners(training, quad),
    )


def _staff(staff: pd.DataFrame | None) -> pd.DataFrame:
    return staff if staff is not None else pd.DataFrame(columns=["staff_id", "name"])


def training_not_supplied(share) -> str:
    """The takeaway when nobody's training is known (or the share when it is)."""
    if share is None or pd.isna(share):
        return (
            "Which partners are trained on our product is not known: the data has no training "
            "of partner staff and no trained-on-our-product flag."
        )
    return f"{fmt_percent(share)} of active partners are trained on our product."


def _untrained(training: pd.DataFrame | None, revenue: pd.Series) -> pd.DataFrame:
    """Active partners with nobody trained on our product, highest program revenue first."""
    if training is None or training["trained"].isna().all():
        return pd.DataFrame(columns=["partner_id", "name", "revenue"])
    out = training[training["trained"].eq(False).fillna(False).astype(bool)]
    out = out.assign(revenue=out["partner_id"].map(revenue).fillna(0.0))
    return out.sort_values(["revenue", "name"], ascending=[False, True])


def _untrained_finding(untrained, training, revenue, currency) -> KeyFinding | None:
    if training is None or training["trained"].isna().all() or not len(training):
        return None
    if not len(untrained):
        text = (
            f"Every one of the {plural(len(training), 'active partner')} has people trained "
            "on our product."
        )
        return KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_PORTAL)
    stake = float(untrained["revenue"].sum())
    text = (
        f"{fmt_int(len(untrained))} of {plural(len(training), 'active partner')} "
        f"{'has' if len(untrained) == 1 else 'have'} nobody trained on our product, yet "
        f"{'brings' if len(untrained) == 1 else 'bring'} {fmt_money(stake, currency)} of "
        "program revenue: "
        f"{name_list(untrained['name'], and_last=True)}."
    )
    return KeyFinding(
        text + _certified_question(untrained),
        stake if stake > 0 else None,
        Urgency.FIX,
        SECTION_PORTAL,
    )


def _certified_question(untrained: pd.DataFrame) -> str:
    """The data question when some untrained partners hold our certification
    (:func:`playbook.deals.holds_certification`): "" when none does or nobody's level is
    known."""
    if "certified" not in untrained:
        return ""
    held = untrained[untrained["certified"].fillna(False).astype(bool)]
    if not len(held):
        return ""
    them = (
        "one of them holds"
        if len(held) == 1
        else "all of them hold"
        if len(held) == len(untrained)
        else f"{fmt_int(len(held))} of them hold"
    )
    if len(untrained) == 1:
        return (
            " However, it holds our certification: whether a training is missing from the data or "
            "it was certified without one is a question to settle with the client."
        )
    return (
        f" However, {them} our certification ({name_list(held['name'], and_last=True)}): "
        "whether their training "
        "is missing from the data or they were certified without one is a question to settle "
        "with the client."
    )


def _remora_finding(shark: pd.DataFrame, revenue: pd.Series, currency: str) -> KeyFinding | None:
    if shark is None or not len(shark):
        return None
    scored = shark[shark["position"] != Position.NOT_SCORED]
    if not len(scored):
        return None
    sharks = int((scored["position"] == Position.SHARK).sum())
    remora = scored[scored["position"] == Position.REMORA].sort_values("ours", ascending=False)
    head = (
        f"Of {plural(len(scored), 'partner')} scored, we are the bigger fish they depend on for "
        f"{fmt_int(sharks)}"
    )
    if not len(remora):
        return KeyFinding(
            head + " and depend on no bigger partner.", None, Urgency.OPPORTUNITY, SECTION_SHARK
        )
    stake = float(remora["partner_id"].map(revenue).fillna(0).sum())
    text = (
        f"{head}, but we depend on {plural(len(remora), 'bigger partner')}: "
        f"{name_list(remora['name'], and_last=True)} {'brings' if len(remora) == 1 else 'bring'} "
        f"{fmt_percent(remora['ours'].sum() / 100)} of program revenue "
        f"({fmt_money(stake, currency)}) while at most {fmt_percent(remora['theirs'].max() / 100)} "
        "of their business comes through us."
    )
    return KeyFinding(text, stake if stake > 0 else None, Urgency.FIX, SECTION_SHARK)


def _competitor_finding(grid, start_list) -> KeyFinding | None:
    if grid is None or not len(grid):
        return None
    cand = grid[grid["status"] == "candidate"]
    if not len(cand):
        return None
    tied = int((cand["ties"] > 0).sum())
    verb = "partners" if tied == 1 else "partner"
    text = f"{fmt_int(tied)} of {plural(len(cand), 'candidate')} already {verb} with a competitor"
    if start_list is not None and len(start_list):
        first = start_list.iloc[0]
        ties = "no competitor tie" if not first["ties"] else plural(first["ties"], "competitor tie")
        interest = (
            f", interest {fmt_int(first['interest'])} of 5" if pd.notna(first["interest"]) else ""
        )
        text += f"; recruiting starts with {first['name']} ({ties}{interest})"
    return KeyFinding(text + ".", None, Urgency.OPPORTUNITY, SECTION_COMPETITORS)


def _our_team_text(ours: pd.DataFrame | None, pct: pd.Series) -> str:
    if ours is None or not len(ours) or ours["share"].isna().all():
        return ""
    none = ours[ours["staff_trained"] == 0]
    if not len(none):
        return (
            f"Our team has people trained on each of the {plural(len(ours), 'partner')} that "
            "bring the most program revenue."
        )
    top = none.iloc[0]
    return (
        f"Nobody in our team is trained on {name_list(none['name'], and_last=True)}, "
        f"{'one' if len(none) == 1 else fmt_int(len(none))} of the "
        f"{plural(len(ours), 'partner')} that bring the most program revenue "
        f"({top['name']}: {fmt_percent(pct.get(top['partner_id'], np.nan) / 100)})."
    )


def _key_players_text(quad: pd.DataFrame | None) -> str:
    if quad is None or not (quad["quadrant"] != Quadrant.NOT_SCORED).any():
        return ""
    key = quad[quad["quadrant"] == Quadrant.KEY_PLAYERS]
    if not len(key):
        return "No company has both high interest in us and high influence: no key player yet."
    return (
        f"{plural(len(key), 'company', 'companies')} to manage closely (high interest and high "
        f"influence): {name_list(sorted(key['name']), and_last=True)}."
    )


def _directory_text(directory: pd.DataFrame | None) -> str:
    if directory is None or not len(directory) or directory["completeness"].isna().all():
        return ""
    gaps = directory[directory["completeness"] < 1]
    return (
        f"The partner directory is {fmt_percent(directory['completeness'].mean())} complete; "
        f"{fmt_int(len(gaps))} of {plural(len(directory), 'entry', 'entries')} "
        f"{'lacks' if len(gaps) == 1 else 'lack'} a field."
    )


def _actions(untrained, managers, revenue, currency) -> list[Action]:
    """One action per untrained active partner, highest program revenue first: train its
    people, or, when it holds our certification, check whether they are trained (a data
    question: no training recorded for a certified partner)."""
    out = []
    certified = untrained.get("certified", pd.Series(pd.NA, index=untrained.index))
    for r, held in zip(untrained.itertuples(), certified.fillna(False), strict=True):
        brings = f" (program revenue {fmt_money(r.revenue, currency)})" if r.revenue > 0 else ""
        text = (
            f"Check whether people at {r.name} are trained on our product: it holds our "
            f"certification, yet no training is recorded{brings}."
            if held
            else f"Train people at {r.name} on our product{brings}."
        )
        out.append(
            Action(
                action=text,
                owner=str(managers.get(r.partner_id, "")),
                due="",
                kind="Data question" if held else "Training gap",
                section=SECTION_PORTAL,
                urgency=Urgency.FIX,
            )
        )
    return out


def _partners(training: pd.DataFrame | None, quad: pd.DataFrame) -> list[dict]:
    """Partner 360 records of active partners: people trained and quadrant."""
    if training is None:
        return []
    where = quad.set_index("partner_id")["quadrant"] if quad is not None else pd.Series()
    return [
        {
            "partner_id": r.partner_id,
            "partner": r.name,
            "trained_staff": None if pd.isna(r.trained_staff) else int(r.trained_staff),
            "quadrant": str(where.get(r.partner_id, Quadrant.NOT_SCORED)),
        }
        for r in training.itertuples()
    ]


def _mean_completeness(directory: pd.DataFrame) -> float:
    return float(directory["completeness"].mean()) if len(directory) else np.nan


def _figures(grid, quad, pct, shark, directory, trained_share) -> dict:
    out = {
        "program_revenue_pct": pct[pct > 0].to_dict(),
        "quadrants": quad["quadrant"].value_counts().to_dict(),
        "shark_or_remora": shark["position"].value_counts().to_dict(),
        "directory_completeness": _mean_completeness(directory),
        "trained_on_our_product": trained_share,
    }
    if grid is not None:
        out["competitor_ties"] = grid["ties"].to_dict()
    return out


def _headline(grid, quad, directory) -> dict[str, str]:
    scored = (quad["quadrant"] != Quadrant.NOT_SCORED).any()
    out = {
        "Key players": fmt_int((quad["quadrant"] == Quadrant.KEY_PLAYERS).sum())
        if scored
        else MISSING,
        "Directory complete": fmt_percent(_mean_completeness(directory)),
    }
    if grid is not None:
        cand = grid[grid["status"] == "candidate"]
        ties = fmt_int((cand["ties"] > 0).sum())
        out["Candidates tied to competitors"] = f"{ties} of {fmt_int(len(cand))}"
    return out
