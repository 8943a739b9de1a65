"""Trend 8 — partner communication: what the report concludes (:func:`summarise`).

The takeaways (at most eight plain sentences with their figures, most important first): the few
partners that matter are named — overdue plan milestones, the lowest report-card grades — and
the rest stay in the tables and the workbook. The key findings the executive summary may rank,
one action per open plan milestone (overdue first, then by due date; owner: the partner's
manager), and the partner 360 record (grade, engagement, next milestone, overdue milestones) of
each active partner. Figures and definitions are in :mod:`playbook.communication`.

* **Money at stake**: for overdue milestones, the program revenue in the window of the partners
  concerned; for transaction partners, theirs; for the lowest grades, theirs
  (:func:`playbook.deals.program_revenue`).
"""

from __future__ import annotations

import pandas as pd

from playbook.communication import EngagementModel, Grade
from playbook.communication_contacts import AUTOMATION_TARGET
from playbook.communication_people_findings import PeopleParts, people_findings
from playbook.deals import program_revenue
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, TrendResult, Urgency
from playbook.schema import JOURNEY_STAGES, TaskStatus
from playbook.staff import manager_names

SECTION_ENGAGEMENT = "Value- vs transaction-based partners"
SECTION_JOURNEY = "The partner journey, from unknown to advocate"
SECTION_MEDIA = "Media per stage and response rates"
SECTION_CARDS = "Report cards for transaction partners"
SECTION_PLANS = "Per-partner plans"
#: Most takeaways a report opens with.
TAKEAWAYS = 8


def summarise(
    *,
    eng: pd.DataFrame,
    j: pd.DataFrame | None,
    best: pd.DataFrame | None,
    cards: pd.DataFrame | None,
    plan_summary: pd.DataFrame | None,
    milestones: pd.DataFrame | None = None,
    partners: pd.DataFrame | None = None,
    deals: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    start=None,
    end=None,
    currency: str = "USD",
    people: PeopleParts | None = None,
    automation_target: float = AUTOMATION_TARGET,
) -> TrendResult:
    """What trend 8 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``eng`` from :func:`~playbook.communication.engagement`, ``j`` from
    :func:`~playbook.communication.journey`, ``best`` the second result of
    :func:`~playbook.communication.media`, ``cards`` from
    :func:`~playbook.communication.report_cards`, ``plan_summary`` and ``milestones`` the
    results of :func:`~playbook.communication.plans`; ``None`` for a part not computed.
    ``partners``, ``deals``, ``staff`` and the window ``start``–``end`` price the findings and
    name each partner's manager. ``people`` holds the tables of the contact, question-set,
    persona and tool sections (:mod:`playbook.communication_people_findings`).
    """
    revenue = (
        program_revenue(deals, start, end, by="partner_id")
        if deals is not None
        else pd.Series(dtype="float64")
    )
    names = _partner_names(eng, partners)
    open_ms = _open_milestones(milestones, names)
    parts = {
        "overdue": _overdue_finding(open_ms, plan_summary, revenue, currency),
        "engagement": _engagement_finding(eng, revenue, currency),
        "journey": _journey_finding(j),
        "cards": _cards_finding(cards, revenue, currency),
    }
    if parts["engagement"] is not None and parts["engagement"].stake is None:
        parts["engagement"] = None  # no transaction partner: a takeaway, not a key finding
    order = ("overdue", "cards", "engagement", "journey")
    key = [parts[k] for k in order if parts[k] is not None]
    takeaways = [
        parts[k].text for k in ("engagement", "overdue", "journey", "cards") if parts[k] is not None
    ]
    if parts["engagement"] is None and len(eng):
        takeaways.insert(0, _engagement_finding(eng, revenue, currency).text)
    managers = manager_names(partners, _staff(staff)) if partners is not None else pd.Series()
    more = people_findings(
        people or PeopleParts(),
        revenue,
        currency,
        _staff(staff).set_index("staff_id")["name"].dropna(),
        managers,
        automation_target,
    )
    takeaways += more.takeaways[:2]
    takeaways += [t for t in (_media_text(best), _progress_text(plan_summary)) if t]
    takeaways += more.takeaways[2:]
    return TrendResult(
        findings=takeaways[:TAKEAWAYS],
        figures=_figures(eng, j, best, cards, plan_summary, milestones) | more.figures,
        headline=_headline(eng, cards, plan_summary) | more.headline,
        key_findings=key[:4] + more.key_findings[:3],
        actions=_actions(open_ms, managers, end) + more.actions,
        partners=_partners(eng, cards, plan_summary, open_ms),
    )


def _staff(staff: pd.DataFrame | None) -> pd.DataFrame:
    return staff if staff is not None else pd.DataFrame(columns=["staff_id", "name"])


def _partner_names(eng: pd.DataFrame, partners: pd.DataFrame | None) -> pd.Series:
    if partners is not None:
        return partners.set_index("partner_id")["name"]
    return eng.set_index("partner_id")["name"]


def _open_milestones(milestones: pd.DataFrame | None, names: pd.Series) -> pd.DataFrame:
    """Milestones not done at the as-of date: overdue first, then by due date (undated last)."""
    if milestones is None or not len(milestones):
        return pd.DataFrame(columns=["partner_id", "name", "milestone", "due_date", "overdue"])
    m = milestones[milestones["status"] != TaskStatus.DONE].copy()
    m["name"] = m["partner_id"].map(names).fillna(m["partner_id"])
    m["due_date"] = pd.to_datetime(m["due_date"])
    return m.sort_values(
        ["overdue", "due_date", "name"], ascending=[False, True, True], na_position="last"
    ).reset_index(drop=True)


def _due(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _overdue_finding(open_ms, plan_summary, revenue, currency) -> KeyFinding | None:
    if plan_summary is None or not len(plan_summary):
        return None
    overdue = open_ms[open_ms["overdue"].astype(bool)]
    if not len(overdue):
        return None
    stake = float(revenue.reindex(overdue["partner_id"].unique()).fillna(0).sum())
    named = name_list(
        [f"{r.name}: {r.milestone}, due {_due(r.due_date)}" for r in overdue.itertuples()],
        sep="; ",
    )
    many = len(overdue) != 1
    text = (
        f"{plural(len(overdue), 'plan milestone')} {'are' if many else 'is'} overdue at "
        f"partners with {fmt_money(stake, currency)} of program revenue — {named}."
    )
    return KeyFinding(text, stake if stake > 0 else None, Urgency.ACT_NOW, SECTION_PLANS)


def _engagement_finding(eng, revenue, currency) -> KeyFinding | None:
    if not len(eng):
        return None
    kinds = eng["model"]
    deals = eng["partner_id"].map(revenue).fillna(0)
    transaction = eng[kinds == EngagementModel.TRANSACTION]
    n_value = int((kinds == EngagementModel.VALUE).sum())
    overridden = int(eng["overridden"].sum())
    text = (
        f"{plural(len(transaction), 'transaction partner')} and {plural(n_value, 'value partner')}"
    )
    if overridden:
        text += f" ({fmt_int(overridden)} classed by hand)"
    if not len(transaction) or not revenue.sum() > 0:
        return KeyFinding(text + ".", None, Urgency.OPPORTUNITY, SECTION_ENGAGEMENT)
    stake = float(deals[transaction.index].sum())
    subject = "partner brings" if len(transaction) == 1 else "partners bring"
    text += (
        f": the transaction {subject} {fmt_money(stake, currency)}, "
        f"{fmt_percent(stake / revenue.sum())} of program revenue, best served by "
        "automation and report cards."
    )
    return KeyFinding(text, stake, Urgency.OPPORTUNITY, SECTION_ENGAGEMENT)


def _journey_finding(j: pd.DataFrame | None) -> KeyFinding | None:
    if j is None:
        return None
    steps = j.dropna(subset=["conversion"])
    if not len(steps):
        return None
    w = steps.loc[steps["conversion"].idxmin()]
    nxt = JOURNEY_STAGES[list(JOURNEY_STAGES).index(w["stage"]) + 1]
    text = (
        f"The weakest step of the partner journey is from {label(w['stage']).lower()} to "
        f"{label(nxt).lower()}: {fmt_percent(w['conversion'])} make it "
        f"({fmt_int(w['next_reached'])} of {fmt_int(w['reached'])})"
    )
    if pd.notna(w.get("median_days")):
        text += f", after a median {plural(round(w['median_days']), 'day')}"
    return KeyFinding(text + ".", None, Urgency.OPPORTUNITY, SECTION_JOURNEY)


def _cards_finding(cards, revenue, currency) -> KeyFinding | None:
    if cards is None or not len(cards):
        return None
    counts = cards["grade"].value_counts()
    grades = ", ".join(f"{fmt_int(counts[g])} {g}" for g in Grade if counts.get(g, 0))
    text = f"Report cards of {plural(len(cards), 'transaction partner')}: {grades}"
    low = cards[cards["grade"].isin([Grade.D, Grade.F])]
    if not len(low):
        return KeyFinding(text + "; none graded D or F.", None, Urgency.OPPORTUNITY, SECTION_CARDS)
    stake = float(low["partner_id"].map(revenue).fillna(0).sum())
    lowest = name_list([f"{r.name} ({r.grade})" for r in low.itertuples()], sep="; ")
    text += (
        f"; lowest: {lowest}, with "
        f"{fmt_money(stake, currency)} of program revenue. Grades rank these partners against "
        "each other, not against the market."
    )
    return KeyFinding(text, stake if stake > 0 else None, Urgency.FIX, SECTION_CARDS)


def _media_text(best: pd.DataFrame | None) -> str:
    """The best medium per stage, grouped by medium."""
    if best is None or not len(best):
        return ""
    parts = []
    for medium, rows in best.groupby("medium", sort=False):
        stages = " and ".join(
            f"{label(r.stage).lower()}s ({fmt_percent(r.response_rate)})" for r in rows.itertuples()
        )
        parts.append(f"{medium} for {stages}")
    return "Best response by stage: " + "; ".join(parts) + "."


def _overdue_total(plan_summary: pd.DataFrame) -> int | None:
    """Overdue milestones of all plans; ``None`` when no partner's count can be assessed."""
    known = plan_summary["overdue"].dropna()
    return int(known.sum()) if len(known) else None


def _progress_text(plan_summary: pd.DataFrame | None) -> str:
    if plan_summary is None or not len(plan_summary):
        return ""
    done = plan_summary["done"].sum() / plan_summary["milestones"].sum()
    n = len(plan_summary)
    text = (
        f"{'The partner plan is' if n == 1 else f'The {fmt_int(n)} partner plans are'} "
        f"{fmt_percent(done)} complete "
        f"({fmt_int(plan_summary['done'].sum())} of "
        f"{plural(int(plan_summary['milestones'].sum()), 'milestone')} done)"
    )
    if _overdue_total(plan_summary) is None:
        return text + "; no open milestone has a due date, so none can be overdue."
    undated = int(plan_summary["open_undated"].sum())
    if undated:
        text += f"; {plural(undated, 'open milestone')} without a due date"
    return text + "."


def _actions(open_ms: pd.DataFrame, managers: pd.Series, as_of) -> list[Action]:
    """One action per open plan milestone: overdue ones to act on now, then the next ones."""
    return [
        Action(
            action=f"{r.milestone} with {r.name}" + (" (overdue)" if r.overdue else "") + ".",
            owner=str(managers.get(r.partner_id, "")),
            due=_due(r.due_date),
            kind="Plan milestone",
            section=SECTION_PLANS,
            urgency=Urgency.ACT_NOW if r.overdue else Urgency.FIX,
        )
        for r in open_ms.itertuples()
    ]


def _partners(eng, cards, plan_summary, open_ms) -> list[dict]:
    """Partner 360 records of active partners: grade, engagement, next milestone, overdue."""
    grades = cards.set_index("partner_id")["grade"] if cards is not None and len(cards) else {}
    overdue = (
        plan_summary.set_index("partner_id")["overdue"] if plan_summary is not None else pd.Series()
    )
    upcoming = open_ms[~open_ms["overdue"].astype(bool)].drop_duplicates("partner_id")
    nxt = {
        r.partner_id: r.milestone + (f", due {_due(r.due_date)}" if pd.notna(r.due_date) else "")
        for r in upcoming.itertuples()
    }
    out = []
    for r in eng.itertuples():
        n = overdue.get(r.partner_id, None)
        grade = grades.get(r.partner_id, None)
        out.append(
            {
                "partner_id": r.partner_id,
                "partner": r.name,
                "grade": None if grade is None or grade == MISSING else str(grade),
                "engagement": label(r.model),
                "next_milestone": nxt.get(r.partner_id, ""),
                "overdue_milestones": None if n is None or pd.isna(n) else int(n),
            }
        )
    return out


def _milestone_records(milestones: pd.DataFrame) -> list[dict]:
    """Every plan milestone at the as-of date (partner, milestone, due date ISO or ``None``,
    done, overdue), so a later run can tell which were completed or became overdue since."""
    due = pd.to_datetime(milestones["due_date"])
    return [
        {
            "partner_id": str(pid),
            "milestone": str(text),
            "due_date": None if pd.isna(day) else day.date().isoformat(),
            "done": bool(status == TaskStatus.DONE),
            "overdue": bool(overdue),
        }
        for pid, text, day, status, overdue in zip(
            milestones["partner_id"],
            milestones["milestone"],
            due,
            milestones["status"],
            milestones["overdue"],
            strict=True,
        )
    ]


def _figures(eng, j, best, cards, plan_summary, milestones=None) -> dict:
    out = {"engagement": eng.set_index("partner_id")["model"].to_dict()}
    if j is not None:
        out["journey"] = j.set_index("stage")[["reached", "conversion", "median_days"]].to_dict(
            "index"
        )
    if best is not None:
        out["best_medium"] = dict(zip(best["stage"], best["medium"], strict=True))
    if cards is not None:
        out["grades"] = dict(zip(cards["partner_id"], cards["grade"], strict=True))
    if plan_summary is not None:
        out["plans"] = {
            r.partner_id: {
                "progress": float(r.progress),
                "overdue": None if pd.isna(r.overdue) else int(r.overdue),
            }
            for r in plan_summary.itertuples()
        }
    if milestones is not None:
        out["milestones"] = _milestone_records(milestones)
    return out


def _headline(eng, cards, plan_summary) -> dict[str, str]:
    out = {
        "Transaction partners": fmt_int((eng["model"] == EngagementModel.TRANSACTION).sum()),
        "Value partners": fmt_int((eng["model"] == EngagementModel.VALUE).sum()),
    }
    if cards is not None and len(cards):
        out["Grade A"] = fmt_int((cards["grade"] == Grade.A).sum())
    if plan_summary is not None and len(plan_summary):
        overdue = _overdue_total(plan_summary)
        out["Overdue milestones"] = (
            f"{MISSING} (no due dates)" if overdue is None else fmt_int(overdue)
        )
    return out
