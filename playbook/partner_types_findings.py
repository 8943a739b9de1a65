"""Trend 6 — partner types: what the report concludes (:func:`summarise`).

The takeaways (at most six plain sentences with their figures, most important first), the key
findings the executive summary may rank, one action per partner with a risk flag, and the
partner 360 record (health status and risk flags) of each assessed partner. The figures
themselves and their definitions are in :mod:`playbook.partner_types`.

* **Money at stake** of a key finding: for partner deals smaller than direct ones, the gap in
  average won deal × the won partner deals closed in the window (what those deals would have
  brought at the direct size); for the leading partner type, its partner revenue in the window;
  for risk flags, the program revenue in the window of the flagged partners
  (:func:`playbook.deals.program_revenue`).
"""

from __future__ import annotations

import pandas as pd

from playbook.deals import program_revenue
from playbook.formatting import fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import label, plural, type_phrase
from playbook.partner_types_screen import CHECKBOX
from playbook.partner_types_screen_views import benchmark_findings
from playbook.results import Action, KeyFinding, TrendResult, Urgency
from playbook.staff import manager_names

SECTION_TYPES = "Tracking by partner type"
SECTION_WITH_WITHOUT = "Deals with a partner vs without"
SECTION_HEALTH = "Partnership health against the principles"
SECTION_QUICK = "Quick wins — time to first won deal"
SECTION_CHECKBOX = "'Check box' partners: signed, never active"
SECTION_LEVELS = "Program levels and the entry package"
SECTION_BENCHMARK = "Benchmark: the best programs"


def summarise(
    *,
    t: pd.DataFrame,
    quick: dict | None,
    ww: pd.DataFrame,
    h: pd.DataFrame | None,
    within_days: int,
    currency: str,
    partners: pd.DataFrame | None = None,
    deals: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    start=None,
    end=None,
    checkbox: tuple[pd.DataFrame, dict] | None = None,
    invested: pd.Series | None = None,
    bench: pd.DataFrame | None = None,
    checkbox_days: int = 180,
) -> TrendResult:
    """What trend 6 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``t`` from :func:`~playbook.partner_types.type_table`, ``quick`` the summary of
    :func:`~playbook.partner_types.quick_wins` (first-win window ``within_days``), ``ww`` from
    :func:`~playbook.partner_types.with_without`, ``h`` from
    :func:`~playbook.partner_types.health` (``None`` without assessments). ``partners``,
    ``deals``, ``staff`` and the window ``start``–``end`` name each flagged partner's manager
    and price its revenue. Money in ``currency``. ``checkbox`` is the result of
    :func:`~playbook.partner_types_screen.checkbox_partners` (partners signed at least
    ``checkbox_days`` before the as-of date), ``invested`` the money recorded per partner, and
    ``bench`` the benchmark of :func:`playbook.program_reference.benchmark`; ``None`` when not
    computed.
    """
    revenue = _partner_revenue(deals, start, end)
    managers = manager_names(partners, _staff(staff)) if partners is not None else pd.Series()
    size = _size_finding(ww, currency)
    health = _health_finding(h, revenue, currency)
    top = _top_type_finding(t, currency)
    box = checkbox_finding(checkbox, invested, currency, checkbox_days)
    key = [f for f in (health, box, size, top, _win_rate_finding(ww)) if f is not None]
    takeaways = [f.text for f in (top, size, health, box) if f is not None]
    takeaways += [s for s in (_quick_text(quick, within_days), _leads_text(t)) if s]
    takeaways += benchmark_findings(bench) if bench is not None else []
    if top is None:
        takeaways.insert(0, "No partner deal was won in the reporting window.")
    figures = _figures(t, quick, ww, h)
    figures.update(_screen_figures(checkbox, bench))
    return TrendResult(
        findings=takeaways[:6],
        figures=figures,
        headline=_headline(t, quick, currency),
        key_findings=key[:4],
        actions=_actions(h, managers) + checkbox_actions(checkbox, managers),
        partners=_partners(h),
    )


def checkbox_finding(
    checkbox: tuple[pd.DataFrame, dict] | None,
    invested: pd.Series | None,
    currency: str,
    min_days: int,
) -> KeyFinding | None:
    """The "check box" partners named, with how long since signing and the money recorded as
    invested in them (the money at stake; ``None`` when none is recorded)."""
    if checkbox is None or not checkbox[1]["checkbox"]:
        return None
    table, summary = checkbox
    boxes = table[table["screen"] == CHECKBOX]
    named = name_list(
        (
            f"{r.name} ({fmt_int(r.days_since_signing / 30.4375)} months)"
            for r in boxes.itertuples()
        ),
        sep="; ",
    )
    spent = (invested if invested is not None else pd.Series(dtype="float64")).reindex(
        boxes["partner_id"]
    )
    stake = float(spent.sum()) if spent.notna().any() else None
    money = f", with {fmt_money(stake, currency)} invested in them" if stake else ""
    one = summary["checkbox"] == 1
    text = (
        f"{fmt_int(summary['checkbox'])} of {plural(summary['eligible'], 'partner')} signed at "
        f"least {fmt_int(min_days)} days ago {'is a' if one else 'are'} 'check box' "
        f"{'partner' if one else 'partners'}: no deal and no training since signing{money}: "
        f"{named}."
    )
    return KeyFinding(text, stake, Urgency.FIX, SECTION_CHECKBOX)


def checkbox_actions(
    checkbox: tuple[pd.DataFrame, dict] | None, managers: pd.Series
) -> list[Action]:
    """One action per "check box" partner: agree a first deal or end the agreement."""
    if checkbox is None:
        return []
    boxes = checkbox[0][checkbox[0]["screen"] == CHECKBOX]
    return [
        Action(
            action=f"Agree a first joint deal with {r.name} or end the agreement: no deal and "
            f"no training in {fmt_int(r.days_since_signing / 30.4375)} months since signing.",
            owner=str(managers.get(r.partner_id, "")),
            due="",
            kind="Check-box partner",
            section=SECTION_CHECKBOX,
            urgency=Urgency.FIX,
        )
        for r in boxes.itertuples()
    ]


def _screen_figures(checkbox, bench) -> dict:
    out = {}
    if checkbox is not None:
        table, summary = checkbox
        out["checkbox"] = {
            **summary,
            "partners": list(table.loc[table["screen"] == CHECKBOX, "partner_id"]),
        }
    if bench is not None:
        out["benchmark"] = {
            r.measure: {"client": r.client, "mark": r.mark, "standing": str(r.standing)}
            for r in bench.itertuples()
        }
    return out


def _staff(staff: pd.DataFrame | None) -> pd.DataFrame:
    return staff if staff is not None else pd.DataFrame(columns=["staff_id", "name"])


def _partner_revenue(deals, start, end) -> pd.Series:
    if deals is None:
        return pd.Series(dtype="float64")
    return program_revenue(deals, start, end, by="partner_id")


def _top_type_finding(t: pd.DataFrame, currency: str) -> KeyFinding | None:
    revenue = t["sourced_revenue"] + t["influenced_revenue"]
    if not revenue.sum() > 0:
        return None
    best = revenue.idxmax()
    text = (
        f"{type_phrase(best)} bring the most partner revenue: "
        f"{fmt_money(revenue[best], currency)}, {fmt_percent(revenue[best] / revenue.sum())} "
        f"of it, from {fmt_int(t.loc[best, 'partners'])} of "
        f"{plural(int(t['partners'].sum()), 'partner')} active in the window."
    )
    return KeyFinding(text, float(revenue[best]), Urgency.OPPORTUNITY, SECTION_TYPES)


def _compared(ww: pd.DataFrame) -> bool:
    return not ww.loc["note", "with_partner"]


def _size_finding(ww: pd.DataFrame, currency: str) -> KeyFinding | None:
    """Partner deals smaller (or larger) than direct ones, with the win rates beside."""
    if not _compared(ww):
        return None
    ours, direct = ww.loc["avg_deal", "with_partner"], ww.loc["avg_deal", "without_partner"]
    if pd.isna(ours) or pd.isna(direct) or not direct > 0:
        return None
    won = round(ww.loc["closed_deals", "with_partner"] * ww.loc["win_rate", "with_partner"])
    gap = abs(direct - ours) * won
    rates = (
        f"{fmt_percent(ww.loc['win_rate', 'with_partner'])} against "
        f"{fmt_percent(ww.loc['win_rate', 'without_partner'])} without"
    )
    if ours < direct:
        more = ww.loc["win_rate", "with_partner"] >= ww.loc["win_rate", "without_partner"]
        text = (
            f"Partner deals are won {'more' if more else 'less'} often ({rates}) "
            f"{'but' if more else 'and'} are smaller: a won partner deal averages "
            f"{fmt_money(ours, currency)}, {fmt_percent(1 - ours / direct)} below a direct one "
            f"({fmt_money(direct, currency)}), {fmt_money(gap, currency)} less over "
            f"{plural(won, 'won partner deal')}."
        )
        return KeyFinding(text, float(gap), Urgency.FIX, SECTION_WITH_WITHOUT)
    text = (
        f"A won partner deal averages {fmt_money(ours, currency)}, "
        f"{fmt_percent(ours / direct - 1)} above a direct one ({fmt_money(direct, currency)}); "
        f"win rate with a partner {rates}."
    )
    return KeyFinding(text, float(gap), Urgency.OPPORTUNITY, SECTION_WITH_WITHOUT)


def _win_rate_finding(ww: pd.DataFrame) -> KeyFinding | None:
    if not _compared(ww):
        return None
    ours, direct = ww.loc["win_rate", "with_partner"], ww.loc["win_rate", "without_partner"]
    if pd.isna(ours) or pd.isna(direct):
        return None
    if ours >= direct:
        text = (
            f"Deals with a partner are won {fmt_percent(ours)} of the time against "
            f"{fmt_percent(direct)} without one."
        )
        return KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_WITH_WITHOUT)
    text = (
        f"Deals with a partner are won less often: {fmt_percent(ours)} against "
        f"{fmt_percent(direct)} without one."
    )
    return KeyFinding(text, None, Urgency.FIX, SECTION_WITH_WITHOUT)


def _flagged(h: pd.DataFrame | None) -> pd.DataFrame:
    if h is None or not len(h):
        return pd.DataFrame(columns=["partner_id", "name", "score", "risks", "status"])
    flagged = h[h["risks"] != ""]
    order = flagged["status"].map({"Red": 0, "Amber": 1}).fillna(2)
    return flagged.assign(order=order).sort_values(["order", "score"]).drop(columns="order")


def _health_finding(h, revenue: pd.Series, currency: str) -> KeyFinding | None:
    if h is None or not len(h):
        return None
    flagged = _flagged(h)
    if not len(flagged):
        low = h.dropna(subset=["score"])
        text = f"No risk flag on the {plural(len(h), 'assessed strategic partner')}"
        if len(low):
            lowest = low.iloc[0]
            text += f"; lowest health: {lowest['name']}, {fmt_int(round(lowest['score']))}/100"
        text += "."
        return KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_HEALTH)
    named = name_list((f"{r.name} ({r.risks})" for r in flagged.itertuples()), sep="; ")
    stake = float(revenue.reindex(flagged["partner_id"]).fillna(0).sum())
    text = (
        f"{fmt_int(len(flagged))} of {plural(len(h), 'assessed strategic partner')} carry risk "
        f"flags, with {fmt_money(stake, currency)} of partner revenue in the window: "
        f"{named}."
    )
    urgency = Urgency.ACT_NOW if (flagged["status"] == "Red").any() else Urgency.FIX
    return KeyFinding(text, stake if stake > 0 else None, urgency, SECTION_HEALTH)


def _quick_text(quick: dict | None, within_days: int) -> str:
    if not quick or not quick["eligible"]:
        return ""
    text = (
        f"{fmt_percent(quick['share'])} of partners ({fmt_int(quick['within'])} of "
        f"{fmt_int(quick['eligible'])}) won a first deal within {within_days} days of signing"
    )
    if pd.notna(quick["median_days"]):
        text += f"; the median first win took {fmt_int(quick['median_days'])} days"
    if quick["no_win_yet"]:
        text += f"; {plural(quick['no_win_yet'], 'partner')} without a win yet"
    return text + "."


def _leads_text(t: pd.DataFrame) -> str:
    qualified = t["qualified_leads"].sum()
    if not qualified:
        return ""
    return (
        f"Partners brought {fmt_int(qualified)} qualified leads in the window. Leads from SIs "
        f"({type_phrase('integrator')}' own leads): "
        f"{fmt_int(t.loc['integrator', 'sourced_leads'])} of the "
        f"{fmt_int(t['sourced_leads'].sum())} leads partners sourced."
    )


def _actions(h: pd.DataFrame | None, managers: pd.Series) -> list[Action]:
    """One action per partner with a risk flag: what to repair, with its manager as owner."""
    out = []
    for r in _flagged(h).itertuples():
        score = f" (health {fmt_int(round(r.score))} of 100)" if pd.notna(r.score) else ""
        out.append(
            Action(
                action=f"Address the risk flags with {r.name}: {r.risks.replace('; ', ', ')}"
                f"{score}.",
                owner=str(managers.get(r.partner_id, "")),
                due="",
                kind="Partner risk flag",
                section=SECTION_HEALTH,
                urgency=Urgency.ACT_NOW if r.status == "Red" else Urgency.FIX,
            )
        )
    return out


def _partners(h: pd.DataFrame | None) -> list[dict]:
    """Partner 360 records: health status and risk flags of each assessed partner."""
    if h is None or not len(h):
        return []
    return [
        {
            "partner_id": r.partner_id,
            "partner": r.name,
            "health": r.status or None,
            "risk_flags": r.risks,
        }
        for r in h.itertuples()
    ]


def _figures(t, quick, ww, h) -> dict:
    out = {
        "by_type": t[
            [
                "partners",
                "sourced_revenue",
                "influenced_revenue",
                "qualified_leads",
                "sourced_leads",
                "projects",
                "cost_of_sale",
                "median_cycle_days",
                "pipeline_velocity",
                "win_rate",
                "joint_marketing_wins",
                "joint_marketing_revenue",
            ]
        ].to_dict("index"),
        "leads_from_sis": t.loc["integrator", "sourced_leads"],
        "with_without": ww.to_dict(),
    }
    revenue = t["sourced_revenue"] + t["influenced_revenue"]
    if revenue.sum() > 0:
        out["top_type"] = str(revenue.idxmax())
    if quick is not None:
        out["quick_wins"] = quick
    if h is not None:
        out["health"] = {
            r.partner_id: {"score": r.score, "risks": r.risks, "status": r.status}
            for r in h.itertuples()
        }
    return out


def _headline(t, quick, currency: str) -> dict[str, str]:
    revenue = t["sourced_revenue"] + t["influenced_revenue"]
    out = {
        "Sourced revenue": fmt_money(t["sourced_revenue"].sum(), currency),
        "Influenced revenue": fmt_money(t["influenced_revenue"].sum(), currency),
    }
    if revenue.sum() > 0:
        out["Top type"] = label(revenue.idxmax())
    if quick:
        out["Quick wins"] = fmt_percent(quick["share"])
    return out
