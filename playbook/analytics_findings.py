"""Trend 5 — analytics: what :func:`playbook.analytics.summarise` concludes from a
:func:`playbook.analytics.drilldown` table (and the previous window's, the trend by period and
the :func:`playbook.analytics.partner_table`): the scorecard's comparison, the takeaways, the
key findings, the action items, the partner records, the headline and the figures.

A missing figure is never cited. The previous window is the window of the same length just
before the reporting window (:func:`previous_window`); a change against it is only stated when
the deals' history covers that whole window. A trend is read between its first and last whole
periods (:func:`trend_move`): a period the history starts inside or the as-of date cuts is
left out of the comparison.
"""

from __future__ import annotations

import re

import pandas as pd

from playbook.deals import top_partners
from playbook.formatting import fmt_int, fmt_money, fmt_percent, fmt_ratio, name_list
from playbook.labels import plural
from playbook.metrics import METRICS, METRICS_BY_KEY, SCORECARD, TOTALS, Level, label_of
from playbook.results import Action, KeyFinding, Urgency

#: A channel manager whose revenue per partner is below this share of the program's is red.
RED_SHARE = 0.5

#: Report headings the key findings and actions point to (the notebook's sections).
SECTIONS = {
    "scorecard": "Scorecard",
    "area": "By area",
    "manager": "By channel manager",
    "partner": "Revenue by partner",
    "trend": "Trend by period",
}

_PERIOD_WORDS = {"M": "month", "Q": "quarter", "Y": "year"}


# --------------------------------------------------------------------------- windows and periods


def window_months(start, end) -> int:
    """Calendar months the window ``[start, end]`` spans (12 for 2025-10-01 to 2026-09-30)."""
    return (pd.Timestamp(end).to_period("M") - pd.Timestamp(start).to_period("M")).n + 1


def previous_window(start, end, history=None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window of the same length just before ``[start, end]``: both dates moved back by the
    window's length in months (2025-10-01 to 2026-09-30 → 2024-10-01 to 2025-09-30). ``None``
    when the deals' history (``history``, :func:`playbook.deals.history_start`) starts after its
    first day: its figures would be unknown, not lower."""
    back = pd.DateOffset(months=window_months(start, end))
    prev_start, prev_end = pd.Timestamp(start) - back, pd.Timestamp(end) - back
    if history is not None and pd.Timestamp(history) > prev_start:
        return None
    return prev_start, prev_end


def _period_label(period: pd.Period, history: pd.Timestamp | None, end: pd.Timestamp) -> str:
    """``2024Q1``; with the dates it covers when the history starts inside it or ``end`` (the
    as-of date) cuts it."""
    label = str(period)
    if history is not None and history > period.start_time.normalize():
        label += f" (from {history.date()})"
    if end < period.end_time.normalize():
        label += f" (to {end.date()})"
    return label


def period_text(label: str) -> str:
    """A period of :func:`playbook.analytics.trend` in plain words: ``2024Q4`` → ``Q4 2024``,
    ``2024-03`` → ``Mar 2024``; the dates of a partial period are kept."""
    label = re.sub(r"\b(\d{4})Q([1-4])\b", r"Q\2 \1", label)
    return re.sub(
        r"\b(\d{4})-(\d{2})\b(?!-)",
        lambda m: pd.Timestamp(f"{m[1]}-{m[2]}-01").strftime("%b %Y"),
        label,
    )


def period_word(freq: str) -> str:
    """``quarter`` for ``Q``, ``month`` for ``M``, ``year`` for ``Y``."""
    return _PERIOD_WORDS.get(freq, "period")


def trend_move(trend: pd.DataFrame, key: str) -> dict | None:
    """How ``key`` moved over the trend: its first and last whole periods with a value
    (``first``, ``last``: period labels; ``before``, ``now``: values; ``change``: now ÷ before
    − 1, missing when before is 0). ``None`` with fewer than two such periods."""
    if trend is None or trend.empty or key not in trend:
        return None
    whole = [p for p in trend.index if "(from" not in str(p) and "(to" not in str(p)]
    values = pd.to_numeric(trend.loc[whole, key], errors="coerce").dropna()
    if len(values) < 2:
        return None
    before, now = float(values.iloc[0]), float(values.iloc[-1])
    return {
        "first": str(values.index[0]),
        "last": str(values.index[-1]),
        "before": before,
        "now": now,
        "change": now / before - 1 if before else float("nan"),
    }


def _uni(table: pd.DataFrame | None) -> pd.Series | None:
    if table is None:
        return None
    return table[table["level"] == Level.UNIVERSE].iloc[0]


def signed_percent(value) -> str:
    """A change as a signed percentage: ``+18.2%``, ``−5.0%``; missing → ``—``."""
    text = fmt_percent(value)
    return "+" + text if pd.notna(value) and value > 0 and text != "0.0%" else text


def scorecard(table: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """The :data:`playbook.metrics.SCORECARD` figures of the universe now and in the previous
    window: ``key``, ``label``, ``focus``, ``now``, ``before`` and ``change`` (now ÷ before −
    1; for a share, the difference in percentage points ÷ 100). ``before`` is missing without a
    previous window and for a metric the data holds only today's value of."""
    uni, prev = _uni(table), _uni(previous)
    rows = []
    for key in SCORECARD:
        metric = METRICS_BY_KEY.get(key)
        now = uni[key]
        before = prev[key] if prev is not None and not (metric and metric.current_only) else None
        before = float("nan") if before is None else before
        if metric is not None and metric.share:
            change = now - before
        else:
            change = now / before - 1 if pd.notna(before) and before else float("nan")
        rows.append(
            {
                "key": key,
                "label": label_of(key),
                "focus": metric.focus if metric else "Program size",
                "now": now,
                "before": before,
                "change": change,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- takeaways


def _revenue_sentence(uni, prev, currency: str, months: int) -> str:
    text = (
        f"Program revenue was {fmt_money(uni['revenue'], currency)} from "
        f"{plural(int(uni['deals']), 'won partner deal')} in the last {plural(months, 'month')}"
    )
    if prev is not None and prev["revenue"]:
        change = uni["revenue"] / prev["revenue"] - 1
        word = "more" if change >= 0 else "less"
        text += (
            f", {fmt_percent(abs(change))} {word} than in the {plural(months, 'month')} before "
            f"({fmt_money(prev['revenue'], currency)})"
        )
    return text + "."


def _trend_sentence(trend: pd.DataFrame | None, currency: str, freq: str) -> str | None:
    move = trend_move(trend, "revenue")
    if move is None or pd.isna(move["change"]):
        return None
    verb = "rose" if move["change"] >= 0 else "fell"
    return (
        f"Program revenue per {period_word(freq)} {verb} {fmt_percent(abs(move['change']))}, "
        f"from {fmt_money(move['before'], currency)} in {period_text(move['first'])} to "
        f"{fmt_money(move['now'], currency)} in {period_text(move['last'])}."
    )


def weakest_area(table: pd.DataFrame) -> tuple[pd.Series, pd.Series, str] | None:
    """The weakest and the strongest area by revenue per person (by revenue per partner when
    headcount is unknown), and the metric key; ``None`` with fewer than two comparable areas
    or when they are all equal."""
    areas = table[table["level"] == Level.AREA]
    for key in ("revenue_per_person", "revenue_per_partner"):
        known = areas.dropna(subset=[key])
        if len(known) > 1 and known[key].min() < known[key].max():
            return known.loc[known[key].idxmin()], known.loc[known[key].idxmax()], key
    return None


def _area_sentence(table: pd.DataFrame, currency: str) -> str | None:
    found = weakest_area(table)
    if found is None:
        return None
    worst, best, key = found
    what = "revenue per person" if key == "revenue_per_person" else "revenue per partner"
    return (
        f"{worst['label']} is the weakest area: {fmt_money(worst[key], currency)} of {what} "
        f"against {fmt_money(best[key], currency)} in {best['label']}."
    )


def red_managers(table: pd.DataFrame) -> pd.DataFrame:
    """Channel managers whose revenue per partner is below :data:`RED_SHARE` of the program's,
    or whose partners made a loss (profit below zero), weakest first."""
    uni = _uni(table)
    managers = table[table["level"] == Level.MANAGER]
    low = managers["revenue_per_partner"] < RED_SHARE * uni["revenue_per_partner"]
    red = managers[low.fillna(False) | (managers["profit"] < 0).fillna(False)]
    return red.sort_values("revenue_per_partner", na_position="last")


def _manager_sentence(table: pd.DataFrame, currency: str) -> str | None:
    managers = table[table["level"] == Level.MANAGER].dropna(subset=["revenue_per_partner"])
    if len(managers) < 2 or managers["revenue_per_partner"].nunique() < 2:
        return None
    worst, uni = managers.loc[managers["revenue_per_partner"].idxmin()], _uni(table)
    area = f" in {worst['area']}" if worst["area"] else ""
    return (
        f"{worst['name']}'s {plural(int(worst['active_partners']), 'active partner')}{area} "
        f"brought {fmt_money(worst['revenue_per_partner'], currency)} per partner, against "
        f"{fmt_money(uni['revenue_per_partner'], currency)} across the program."
    )


#: How many partners "the top partners" are: the concentration of program revenue on them.
TOP_PARTNERS = 5


def top_five(partners: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`playbook.analytics.partner_table` of the :data:`TOP_PARTNERS`
    partners that bring the most program revenue: current partners at the as-of date only
    (:func:`playbook.deals.top_partners`; a partner whose agreement has ended is left out,
    though its revenue stays in the program revenue the shares divide by), highest first."""
    by_id = partners.set_index("partner_id")
    ids = top_partners(by_id["revenue"], by_id["current"], TOP_PARTNERS).index
    return by_id.loc[ids].reset_index()


def _partner_sentence(partners: pd.DataFrame, currency: str) -> str:
    five = top_five(partners)
    top = five.iloc[0]
    top5 = five["share"].sum()
    active = partners[partners["active"]]
    idle = int((active["deals"] == 0).sum())
    return (
        f"Top partner: {top['name']} with {fmt_money(top['revenue'], currency)} "
        f"({fmt_percent(top['share'])} of program revenue); the top five bring "
        f"{fmt_percent(top5)}; {fmt_int(idle)} of the {plural(len(active), 'partner')} active in "
        "the window won nothing in it."
    )


def _findings(
    table: pd.DataFrame,
    currency: str,
    partners: pd.DataFrame | None = None,
    previous: pd.DataFrame | None = None,
    trend: pd.DataFrame | None = None,
    freq: str = "Q",
    months: int = 12,
) -> list[str]:
    """The takeaways (at most six plain sentences, client text unescaped): revenue against the
    previous window, what each unit of expenses returned, the trend, the weakest area and
    channel manager, and last the concentration on the top partners. A missing figure is
    never cited."""
    uni = _uni(table)
    out = [_revenue_sentence(uni, _uni(previous), currency, months)]
    if pd.notna(uni["revenue_to_expenses"]):
        out.append(
            f"Every {currency} 1 spent on the program (cost of sale, program expenses and "
            f"partner investments) returned {fmt_money(uni['revenue_to_expenses'], currency, 2)}"
            " of revenue."
        )
    for sentence in (
        _trend_sentence(trend, currency, freq),
        _area_sentence(table, currency),
        _manager_sentence(table, currency),
    ):
        if sentence:
            out.append(sentence)
    if partners is not None and len(top_five(partners)):
        out.append(_partner_sentence(partners, currency))
    return out


# --------------------------------------------------------------------------- key findings, actions


def _key_findings(table, currency, partners, trend, freq) -> list[KeyFinding]:
    """Two to four findings for the executive summary, each with its money at stake."""
    uni, out = _uni(table), []
    five = top_five(partners) if partners is not None else pd.DataFrame()
    if len(five):
        top = five.iloc[0]
        out.append(
            KeyFinding(
                f"{top['name']} alone brings {fmt_percent(top['share'])} of program revenue and "
                f"the top five partners {fmt_percent(five['share'].sum())}: losing "
                "one of them would cut program revenue sharply.",
                float(five["revenue"].sum()),
                Urgency.FIX,
                SECTIONS["partner"],
            )
        )
    move = trend_move(trend, "revenue")
    if move is not None and pd.notna(move["change"]):
        falling = move["change"] < 0
        out.append(
            KeyFinding(
                _trend_sentence(trend, currency, freq),
                abs(move["now"] - move["before"]) if falling else float(move["now"]),
                Urgency.ACT_NOW if falling else Urgency.OPPORTUNITY,
                SECTIONS["trend"],
            )
        )
    found = weakest_area(table)
    if found is not None and found[2] == "revenue_per_person":
        worst = found[0]
        rate = uni["revenue_per_person"]
        gap = (rate - worst["revenue_per_person"]) * worst["headcount"]
        if gap > 0:
            out.append(
                KeyFinding(
                    f"{worst['label']} brings {fmt_money(worst['revenue_per_person'], currency)}"
                    f" of revenue per person against {fmt_money(rate, currency)} across the "
                    f"program: {fmt_money(gap, currency)} more at the program's rate.",
                    float(gap),
                    Urgency.FIX,
                    SECTIONS["area"],
                )
            )
    return out[:4]


def _manager_reasons(row, uni, currency: str) -> list[str]:
    reasons = []
    if row["revenue_per_partner"] < RED_SHARE * uni["revenue_per_partner"]:
        reasons.append(
            f"{fmt_money(row['revenue_per_partner'], currency)} of revenue per partner against "
            f"{fmt_money(uni['revenue_per_partner'], currency)} across the program"
        )
    if pd.notna(row["profit"]) and row["profit"] < 0:
        reasons.append(
            f"a loss of {fmt_money(-row['profit'], currency)} after program expenses and partner "
            "investments"
        )
    return reasons


def _area_owners(table: pd.DataFrame, area: str) -> str:
    managers = table[(table["level"] == Level.MANAGER) & (table["area"] == area)]
    return name_list(managers["name"])


def _actions(table, previous, currency: str, months: int) -> list[Action]:
    """An action per red channel manager (owner: the manager) and per area whose revenue fell
    against the previous window (owner: the area's channel managers)."""
    uni, out = _uni(table), []
    for row in red_managers(table).to_dict("records"):
        reasons = _manager_reasons(row, uni, currency)
        loss = pd.notna(row["profit"]) and row["profit"] < 0
        out.append(
            Action(
                f"Review the plans of {row['name']}'s "
                f"{plural(int(row['active_partners']), 'active partner')}: "
                + "; ".join(reasons)
                + ".",
                owner=str(row["name"]),
                kind="Channel manager to review",
                section=SECTIONS["manager"],
                urgency=Urgency.ACT_NOW if loss else Urgency.FIX,
            )
        )
    if previous is None:
        return out
    before = previous[previous["level"] == Level.AREA].set_index("group")["revenue"]
    for row in table[table["level"] == Level.AREA].to_dict("records"):
        old = before.get(row["group"])
        if old and pd.notna(old) and row["revenue"] < old:
            out.append(
                Action(
                    f"Find out why program revenue in {row['label']} fell "
                    f"{fmt_percent(1 - row['revenue'] / old)} on the previous "
                    f"{plural(months, 'month')} ({fmt_money(old, currency)} to "
                    f"{fmt_money(row['revenue'], currency)}).",
                    owner=_area_owners(table, row["group"]),
                    kind="Declining metric",
                    section=SECTIONS["area"],
                    urgency=Urgency.ACT_NOW,
                )
            )
    return out


def _partner_records(partners: pd.DataFrame | None) -> list[dict]:
    """One partner-360 record per listed partner: revenue in the window, won deals."""
    if partners is None:
        return []
    return [
        {
            "partner_id": str(r.partner_id),
            "partner": str(r.name),
            "revenue": float(r.revenue),
            "won_deals": int(r.deals),
        }
        for r in partners.itertuples()
    ]


def _headline(table: pd.DataFrame, currency: str) -> dict[str, str]:
    """Four display-ready figures for the run's summary page (a missing one shows "—")."""
    uni = _uni(table)
    return {
        "Program revenue": fmt_money(uni["revenue"], currency),
        "Revenue per person": fmt_money(uni["revenue_per_person"], currency),
        "Revenue ÷ expenses": fmt_ratio(uni["revenue_to_expenses"]),
        # at any time in the window, not at the as-of date: reports 07 and 08 count "active
        # partners" on that day, and the index shows both
        "Partners active at any time in the window": fmt_int(uni["active_partners"]),
    }


def _figures(table: pd.DataFrame, start, end) -> dict:
    """Machine-readable key figures for ``results.json``: window, totals and every metric
    (a missing figure is ``null``)."""
    uni = _uni(table)
    return {
        "window_start": str(pd.Timestamp(start).date()),
        "window_end": str(pd.Timestamp(end).date()),
        **{k: uni[k] for k in list(TOTALS) + [m.key for m in METRICS]},
        "areas": int((table["level"] == Level.AREA).sum()),
        "managers": int((table["level"] == Level.MANAGER).sum()),
    }
