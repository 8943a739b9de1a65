"""Trend 5 — analytics: the report views of a :func:`playbook.analytics.drilldown` table.

Display-ready tables for the notebook and the drill-down widgets; the numbers come from
:mod:`playbook.analytics`, the labels and units from :mod:`playbook.metrics`. A missing figure
shows "—"; the universe table says why (:func:`why_missing`), and a metric whose data holds only
today's value is labelled "current value only" in the trend.
"""

from __future__ import annotations

import pandas as pd

from playbook.analytics import Level
from playbook.formatting import MISSING, Unit, fmt_money, fmt_ratio, format_frame
from playbook.metrics import METRICS, METRICS_BY_KEY, TOTAL_LABELS, TOTALS

#: Shown instead of the trend when every period of it ends before the deals' history starts.
NO_TREND = (
    "Trend over time: every period of the trend ends before the deals' history starts (the "
    "earliest created or close date in the deals), so there is nothing to show yet: those "
    "periods are unknown, not zero."
)


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


def universe_table(table: pd.DataFrame) -> pd.DataFrame:
    """The report's metric table for the whole program: metric, focus area, value, visualised."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return pd.DataFrame(
        [
            {
                "Metric": m.label,
                "Area metric focuses on": m.focus,
                "key": m.key,
                "value": uni[m.key],
                "Visualised": "yes" if m.visualise else "",
            }
            for m in METRICS
        ]
    )


def level_table(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """One level of the drill-down with readable column labels (values still numeric); the
    direct-deal columns only where the CRM hierarchy places direct deals at this level."""
    view = table[table["level"] == level]
    cols = ["label"] + (["area"] if level == Level.MANAGER else []) + [m.key for m in METRICS]
    names = {
        "label": {Level.AREA: "Area", Level.MANAGER: "Manager"}.get(level, "Group"),
        "area": "Area",
    }
    names.update({m.key: m.label for m in METRICS})
    direct = {"direct_revenue": "Direct revenue", "direct_deals": "Won direct deals"}
    if view["direct_deals"].isna().all():  # no owner hierarchy: the data notes say why
        direct = {}
    return view[cols + ["revenue", "deals", *direct]].rename(
        columns=names | {"revenue": "Revenue", "deals": "Won deals"} | direct
    )


_PER_UNIT = ("asp", "margin_per_unit", "profit_per_unit")


def _metric_text(key: str, value, currency: str) -> str:
    if METRICS_BY_KEY[key].unit == Unit.MONEY:
        return fmt_money(value, currency, 2 if key in _PER_UNIT else 0)
    return fmt_ratio(value)


def why_missing(table: pd.DataFrame, missing: dict[str, str] | None = None) -> dict[str, str]:
    """Why each missing universe metric is missing: metric key → reason.

    ``missing`` (:func:`playbook.analytics.missing_inputs`) gives the data a metric's inputs
    lack; a missing metric none of whose inputs is listed there has a zero denominator.
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
    """The report's metric table for the whole program, values formatted; when a value is
    missing, a ``Why missing`` column gives the reason beside it (see :func:`why_missing`)."""
    uni = universe_table(table)
    uni["Value"] = [
        _metric_text(k, v, currency) for k, v in zip(uni["key"], uni["value"], strict=True)
    ]
    why = why_missing(table, missing)
    uni["Why missing"] = [why.get(k, "") for k in uni["key"]]
    cols = ["Metric", "Area metric focuses on", "Value"] + (["Why missing"] if why else [])
    return uni[cols + ["Visualised"]]


def totals_view(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The universe's base totals as one formatted row with readable headers."""
    totals = table[table["level"] == Level.UNIVERSE][list(TOTALS)]
    counts = ("units", "deals", "direct_deals", "active_partners")
    money = [c for c in TOTALS if c not in (*counts, "headcount")]
    text = format_frame(
        totals,
        money=money,
        integer=list(counts),
        ratio=["headcount"],
        currency=currency,
    )
    return text.rename(columns=TOTAL_LABELS)


def _formatted_metrics(frame: pd.DataFrame, currency: str) -> pd.DataFrame:
    out = frame.copy().astype("object")
    for m in METRICS:
        if m.label in out:
            out[m.label] = [_metric_text(m.key, v, currency) for v in frame[m.label]]
    for col in ("Revenue", "Margin $", "Direct revenue"):
        if col in out:
            out[col] = frame[col].map(lambda v: fmt_money(v, currency))
    for col in ("Won deals", "Won direct deals"):
        if col in out:
            out[col] = frame[col].map(lambda v: MISSING if pd.isna(v) else f"{int(v):,}")
    return out


def level_view(table: pd.DataFrame, level: str, currency: str) -> pd.DataFrame:
    """One drill-down level, formatted for display."""
    return _formatted_metrics(level_table(table, level), currency)


def trend_view(trend_table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """A :func:`playbook.analytics.trend` table, formatted, one row per period; a metric with
    only today's value is headed "(current value only)"."""
    names = {m.key: m.label for m in METRICS} | {
        "revenue": "Revenue",
        "margin": "Margin $",
        "deals": "Won deals",
    }
    frame = trend_table.reset_index(names="Period").rename(columns=names)
    out = _formatted_metrics(frame, currency)
    return out.rename(
        columns={m.label: f"{m.label} (current value only)" for m in METRICS if m.current_only}
    )


def partner_view(partners: pd.DataFrame, currency: str, top: int = 15) -> pd.DataFrame:
    """The first ``top`` rows of :func:`playbook.analytics.partner_table`, formatted
    (``Active in window``: yes, or no for a partner listed for its revenue only)."""
    frame = (
        partners.head(top)
        .assign(active=lambda f: f["active"].map({True: "yes", False: "no"}))
        .rename(
            columns={
                "name": "Partner",
                "type": "Type",
                "area": "Area",
                "certification_level": "Certification",
                "revenue": "Revenue",
                "margin": "Margin $",
                "deals": "Won deals",
                "share": "Share of program revenue",
                "active": "Active in window",
            }
        )
        .drop(columns="partner_id")
    )
    return format_frame(
        frame,
        money=["Revenue", "Margin $"],
        integer=["Won deals"],
        percent=["Share of program revenue"],
        currency=currency,
    )
