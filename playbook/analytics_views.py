"""Trend 5 — analytics: the report views of a :func:`playbook.analytics.drilldown` table.

Display-ready tables for the notebook and the drill-down widgets, and the data and titles of the
report's charts (each title states what the chart shows, with its figure; the figures are drawn
by :mod:`playbook.charts`). The numbers come from :mod:`playbook.analytics` and
:mod:`playbook.analytics_findings`, the labels and units from :mod:`playbook.metrics`. A
missing figure shows "—"; the universe table says why (:func:`why_missing`), and a metric whose
data holds only today's value is labelled "current value only" in the trend.
"""

from __future__ import annotations

import pandas as pd

from playbook.analytics import Level
from playbook.analytics_findings import (
    period_text,
    period_word,
    scorecard,
    signed_percent,
    top_five,
    trend_move,
    weakest_area,
)
from playbook.formatting import MINUS, Unit, fmt_int, fmt_money, fmt_percent, fmt_ratio
from playbook.labels import label_values, plural
from playbook.metrics import METRICS, METRICS_BY_KEY, TOTAL_LABELS, TOTALS
from playbook.schema import CERTIFICATION_SCORE

#: Shown instead of the trend when every period of it ends before the deals' history starts.
NO_TREND = (
    "Trend over time: every period of the trend ends before the deals' history starts (the "
    "earliest created or close date in the deals), so there is nothing to show yet: those "
    "periods are unknown, not zero."
)


#: The columns of a drill-down level shown first (on screen), in this order, after the group.
_FIRST = (
    "revenue",
    "share",
    "deals",
    "active_partners",
    "revenue_per_partner",
    "revenue_per_person",
    "revenue_to_expenses",
    "profit",
)
_COUNTS = ("deals", "active_partners", "units", "direct_deals")


def drilldown_view(
    table: pd.DataFrame, level: str, area: str | None = None, metric: str | None = None
) -> pd.DataFrame:
    """Rows of :func:`playbook.analytics.drilldown` for one level (optionally one area), best
    first by ``metric``.

    This is the callback behind the interactive drill-down widgets.
    """
    view = table[table["level"] == level]
    if area and level == Level.MANAGER:
        view = view[view["area"] == area]
    if metric:
        view = view.sort_values(metric, ascending=False, na_position="last")
    return view.reset_index(drop=True)


def _label(key: str) -> str:
    if key == "share":
        return "Share of program revenue"
    return METRICS_BY_KEY[key].label if key in METRICS_BY_KEY else TOTAL_LABELS[key]


def value_text(key: str, value, currency: str) -> str:
    """One figure of the drill-down as a client reads it: money with ``fmt_money`` (per-unit
    figures with cents), shares with ``fmt_percent``, counts with ``fmt_int``, ratios and
    scores with ``fmt_ratio`` (a score with its scale: ``1.88 of 4``)."""
    metric = METRICS_BY_KEY.get(key)
    if key == "share" or (metric is not None and metric.share):
        return fmt_percent(value)
    if key in _COUNTS:
        return fmt_int(value)
    if key == "headcount":
        return fmt_ratio(value, 1)
    if metric is None or metric.unit == Unit.MONEY:
        return fmt_money(value, currency, 2 if key in _PER_UNIT else 0)
    if metric.unit == Unit.SCORE and pd.notna(value):  # the certification scale: 0 to 4
        return f"{fmt_ratio(value)} of {fmt_int(max(CERTIFICATION_SCORE.values()))}"
    return fmt_ratio(value)


_PER_UNIT = ("asp", "margin_per_unit", "profit_per_unit")


def universe_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every metric for the whole program: metric, focus, key, value."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return pd.DataFrame(
        [{"Metric": m.label, "Focus": m.focus, "key": m.key, "value": uni[m.key]} for m in METRICS]
    )


def why_missing(table: pd.DataFrame, missing: dict[str, str] | None = None) -> dict[str, str]:
    """Why each missing universe metric is missing: metric key → reason.

    ``missing`` (:func:`playbook.analytics_notes.missing_inputs`) gives the data a metric's
    inputs lack; a missing metric none of whose inputs is listed there has a zero denominator.
    """
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    missing = missing or {}
    out = {}
    for m in METRICS:
        if pd.notna(uni[m.key]):
            continue
        reasons = list(dict.fromkeys(missing[k] for k in m.inputs if k in missing))
        out[m.key] = "; ".join(reasons) if reasons else f"{m.denominator} is 0"
    return out


def universe_view(
    table: pd.DataFrame, currency: str, missing: dict[str, str] | None = None
) -> pd.DataFrame:
    """Every metric for the whole program, values formatted; when a value is missing, a ``Why
    missing`` column gives the reason beside it (see :func:`why_missing`)."""
    uni = universe_table(table)
    uni["Value"] = [
        value_text(k, v, currency) for k, v in zip(uni["key"], uni["value"], strict=True)
    ]
    why = why_missing(table, missing)
    uni["Why missing"] = [why.get(k, "") for k in uni["key"]]
    return uni[["Metric", "Focus", "Value"] + (["Why missing"] if why else [])]


def totals_view(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The universe's base totals, one row each: total, value."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return pd.DataFrame(
        {
            "Total": [TOTAL_LABELS[k] for k in TOTALS],
            "Value": [value_text(k, uni[k], currency) for k in TOTALS],
        }
    )


def scorecard_view(
    card: pd.DataFrame, currency: str, now: str = "This period", before: str = "Previous period"
) -> pd.DataFrame:
    """The scorecard (:func:`playbook.analytics_findings.scorecard`) formatted: measure, focus,
    this period (header ``now``), the previous one (``before``) and the change (a share's
    change in percentage points)."""
    rows = []
    for r in card.to_dict("records"):
        metric = METRICS_BY_KEY.get(r["key"])
        if metric is not None and metric.share:
            points = r["change"] * 100
            sign = "" if pd.isna(points) else ("+" if points > 0 else MINUS if points < 0 else "")
            change = "—" if pd.isna(points) else f"{sign}{fmt_ratio(abs(points), 1)} points"
        else:
            change = signed_percent(r["change"])
        rows.append(
            {
                "Measure": r["label"],
                "Focus": r["focus"],
                now: value_text(r["key"], r["now"], currency),
                before: value_text(r["key"], r["before"], currency),
                "Change": change,
            }
        )
    return pd.DataFrame(rows)


def level_table(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """One level of the drill-down with readable column labels (values still numeric): the
    group, then revenue, its share of program revenue (when ``table`` holds the universe),
    won deals, active partners and the key ratios (the columns a screen shows), then every
    other metric and total; the direct-deal columns only where the CRM hierarchy places direct
    deals at this level. Rows run from the largest revenue down (a long list shows its top
    first; ties and blanks keep their order, blanks last)."""
    view = table[table["level"] == level].sort_values(
        "revenue", ascending=False, kind="stable", na_position="last"
    )
    universe = table.loc[table["level"] == Level.UNIVERSE, "revenue"]
    first = list(_FIRST)
    if len(universe) and universe.iloc[0]:
        view["share"] = view["revenue"] / universe.iloc[0]
    else:
        first.remove("share")
    if level == Level.MANAGER:  # a manager's own FTE: revenue per person says nothing more
        first.remove("revenue_per_person")
    rest = [m.key for m in METRICS if m.key not in first]
    rest += [t for t in TOTALS if t not in first and not t.startswith("direct")]
    if not view["direct_deals"].isna().all():  # no owner hierarchy: the data notes say why
        rest += ["direct_revenue", "direct_deals"]
    group = ["label"] + (["area"] if level == Level.MANAGER else [])
    names = {
        "label": {Level.AREA: "Area", Level.MANAGER: "Manager"}.get(level, "Group"),
        "area": "Area",
    }
    return view[group + first + rest].rename(columns=names | {k: _label(k) for k in first + rest})


def _formatted(frame: pd.DataFrame, currency: str) -> pd.DataFrame:
    """``frame`` (columns named by :func:`_label`) with every figure written as text."""
    keys = {_label(k): k for k in [*METRICS_BY_KEY, *TOTALS, "share"]}
    out = frame.copy().astype("object")
    for col in out.columns:
        if col in keys:
            out[col] = [value_text(keys[col], v, currency) for v in frame[col]]
    return out


def level_view(table: pd.DataFrame, level: str, currency: str) -> pd.DataFrame:
    """One drill-down level (:func:`level_table`), formatted for display."""
    return _formatted(level_table(table, level), currency)


_TREND_FIRST = (
    "revenue",
    "deals",
    "revenue_per_partner",
    "revenue_per_person",
    "revenue_to_expenses",
    "ar_to_revenue",
    "certification_level",
)


def trend_view(trend_table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """A :func:`playbook.analytics.trend` table, formatted, one row per period (``Q4 2024``),
    the columns a screen shows first; a metric with only today's value is headed "(current
    value only)"."""
    order = list(_TREND_FIRST) + [c for c in trend_table.columns if c not in _TREND_FIRST]
    frame = trend_table[order].rename(columns={k: _label(k) for k in order})
    frame.index = [period_text(str(p)).replace(" ", "\u00a0", 1) for p in frame.index]
    out = _formatted(frame.reset_index(names="Period"), currency)
    return out.rename(
        columns={m.label: f"{m.label} (current value only)" for m in METRICS if m.current_only}
    )


#: The partner table's columns shown on screen (the workbook has every column).
PARTNER_SCREEN = [
    "Partner",
    "Program revenue",
    "Share of program revenue",
    "Won deals",
    "Type",
    "Area",
    "Certification",
    "Active in window",
]


def partner_caption(partners: pd.DataFrame, top: int = 10) -> str:
    """The partner table's caption: how many of how many partners it lists."""
    if len(partners) <= top:
        return f"Partners by program revenue, highest first ({plural(len(partners), 'partner')})"
    return f"Top partners, {fmt_int(top)} of {fmt_int(len(partners))} by program revenue"


def partner_view(partners: pd.DataFrame, currency: str, top: int = 10) -> pd.DataFrame:
    """The first ``top`` rows of :func:`playbook.analytics.partner_table`, formatted
    (``Active in window``: Yes, or No for a partner listed for its revenue only)."""
    frame = partners.head(top).assign(
        active=lambda f: f["active"].map({True: "Yes", False: "No"}),
        type=lambda f: label_values(f["type"]),
        certification_level=lambda f: label_values(f["certification_level"]),
    )
    out = pd.DataFrame(
        {
            "Partner": frame["name"],
            "Program revenue": [fmt_money(v, currency) for v in frame["revenue"]],
            "Share of program revenue": [fmt_percent(v) for v in frame["share"]],
            "Won deals": [fmt_int(v) for v in frame["deals"]],
            "Margin": [fmt_money(v, currency) for v in frame["margin"]],
            "Type": frame["type"],
            "Area": frame["area"],
            "Certification": frame["certification_level"],
            "Active in window": frame["active"],
        }
    )
    return out.where(out.notna(), "—")


# --------------------------------------------------------------------------- chart data and titles


def _less(low: float, high: float) -> str:
    return fmt_percent(1 - low / high) if high else "—"


def area_chart(table: pd.DataFrame, currency: str) -> tuple[pd.Series, str] | None:
    """Revenue per person by area (per partner when headcount is unknown), the strongest area
    on top, and a title naming the weakest; ``None`` with fewer than two comparable areas."""
    found = weakest_area(table)
    if found is None:
        return None
    worst, best, key = found
    areas = table[table["level"] == Level.AREA].dropna(subset=[key])
    what = "of revenue per person" if key == "revenue_per_person" else "per partner"
    title = (
        f"{worst['label']} brings {fmt_money(worst[key], currency)} {what}, "
        f"{_less(worst[key], best[key])} less than {best['label']}"
    )
    return areas.set_index("label")[key].sort_values(), title


#: Managers drawn in :func:`manager_chart` at most (the weakest; the table lists them all).
MAX_MANAGER_BARS = 25


def manager_chart(table: pd.DataFrame, currency: str) -> tuple[pd.Series, str] | None:
    """Revenue per active partner by manager, the weakest on top, and a title naming the
    weakest against the program; with more than :data:`MAX_MANAGER_BARS` managers, the weakest
    ones only, and the title says so. ``None`` with fewer than two managers with partners."""
    managers = table[table["level"] == Level.MANAGER].dropna(subset=["revenue_per_partner"])
    if len(managers) < 2 or managers["revenue_per_partner"].nunique() < 2:
        return None
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    worst = managers.loc[managers["revenue_per_partner"].idxmin()]
    title = (
        f"{worst['name']}'s partners bring {fmt_money(worst['revenue_per_partner'], currency)} "
        f"each, {_less(worst['revenue_per_partner'], uni['revenue_per_partner'])} below the "
        f"program's {fmt_money(uni['revenue_per_partner'], currency)}"
    )
    values = managers.set_index("label")["revenue_per_partner"].sort_values()
    if len(values) > MAX_MANAGER_BARS:  # a readable chart: the weakest, whom the title names
        title += f" (the {MAX_MANAGER_BARS} lowest of {len(values):,} managers shown)"
        values = values.head(MAX_MANAGER_BARS)
    return values, title


def partner_chart(
    partners: pd.DataFrame, currency: str, top: int = 10
) -> tuple[pd.Series, str] | None:
    """Program revenue of the ``top`` current partners (a partner whose agreement has ended
    is left out, :func:`playbook.analytics_findings.top_five`), the first on top, and a title
    with the first partner's share and the top five's; ``None`` without program revenue."""
    five = top_five(partners)
    if not len(five):
        return None
    first = five.iloc[0]
    title = (
        f"{first['name']} brings {fmt_percent(first['share'])} of program revenue; "
        f"the top five {fmt_percent(five['share'].sum())}"
    )
    partners = partners[partners["current"]]
    return partners.head(top).set_index("name")["revenue"].iloc[::-1], title


def _move_title(trend: pd.DataFrame, key: str, currency: str) -> str:
    """How ``key`` moved between the trend's first and last whole periods, in words: by a
    percentage for money, from one value to the other for a ratio or when it started at 0."""
    move = trend_move(trend, key)
    label = _label(key)
    if move is None:
        return f"{label} by period"
    first, last = period_text(move["first"]), period_text(move["last"])
    before, now = value_text(key, move["before"], currency), value_text(key, move["now"], currency)
    if before == now:
        return f"{label} stayed at {now} from {first} to {last}"
    verb = "rose" if move["now"] > move["before"] else "fell"
    if METRICS_BY_KEY.get(key, None) is None or METRICS_BY_KEY[key].unit == Unit.MONEY:
        if pd.notna(move["change"]):
            verb = "grew" if verb == "rose" else verb
            return f"{label} {verb} {fmt_percent(abs(move['change']))} from {first} to {last}"
    return f"{label} {verb} from {before} in {first} to {now} in {last}"


def trend_charts(
    trend: pd.DataFrame, currency: str, freq: str = "Q"
) -> list[tuple[pd.Series, str, str, bool]]:
    """The trend's charts: program revenue, revenue per partner and revenue ÷ expenses per
    period (oldest on top), each ``(values, title, axis label, money)``; the title states how
    the figure moved between the first and last whole periods. A metric that is zero or
    unknown in every period has no chart (the table beside shows it)."""
    out = []
    for key, money in (
        ("revenue", True),
        ("revenue_per_partner", True),
        ("revenue_to_expenses", False),
    ):
        values = pd.to_numeric(trend[key], errors="coerce")
        if values.fillna(0).ne(0).any():  # all zero or unknown: the table says it
            values.index = [period_text(str(p)) for p in trend.index]
            axis = f"{_label(key)} per {period_word(freq)}" + (f" ({currency})" if money else "")
            out.append((values.iloc[::-1], _move_title(trend, key, currency), axis, money))
    return out


def scorecard_section(
    table: pd.DataFrame, previous: pd.DataFrame | None, currency: str, start, end, before=None
) -> tuple[pd.DataFrame, str]:
    """The scorecard table (:func:`scorecard_view` of
    :func:`playbook.analytics_findings.scorecard`) with its caption: the window's dates against
    the previous window's (``before``: its ``(start, end)``; ``None`` when the data does not
    cover it, and the caption says so)."""
    now = f"{pd.Timestamp(start).date()} to {pd.Timestamp(end).date()}"
    if before is None:
        then, why = "Previous period", " (the deals' history does not cover the period before)"
    else:
        then, why = f"{before[0].date()} to {before[1].date()}", ""
    frame = scorecard_view(scorecard(table, previous), currency, now, then)
    return frame, f"Scorecard, this window against the one before{why}"
