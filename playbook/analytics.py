"""Trend 5 — analytics: the report's metric table, drilled from universe to area to manager.

The definitions of every figure (money, windows, when a total is missing) are the docstring of
:mod:`playbook.analytics_notes`, which also says what the client's data leaves out or defaults
(:func:`playbook.analytics_notes.data_notes`); the metric catalogue (labels, focus areas,
definitions of the ratios) is in :mod:`playbook.metrics`; the display tables are in
:mod:`playbook.analytics_views`; the findings text of :func:`summarise` is in
:mod:`playbook.analytics_findings`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from playbook.analytics_findings import (
    _actions,
    _figures,
    _findings,
    _headline,
    _key_findings,
    _partner_records,
    _period_label,
    window_months,
)
from playbook.analytics_findings import previous_window as _previous_window
from playbook.deals import (
    active_in,
    count_deals,
    current_at,
    history_start,
    program_revenue,
    won_direct_deals,
    won_partner_deals,
)
from playbook.exceptions import NotebookInputError
from playbook.metrics import LEVELS, METRICS_BY_KEY, TOTALS, Level, current_only
from playbook.results import TrendResult
from playbook.schema import CERTIFICATION_SCORE
from playbook.staff import DEFAULT_FTE, placed_by_owner, program_staff

#: Optional deal columns summed into totals (a blank on one program deal makes a total missing).
DEAL_VALUES = ("margin", "cost_of_sale", "units")


@dataclass(frozen=True)
class Inputs:
    """The tables analytics needs; ``None`` for an optional table the client did not supply."""

    partners: pd.DataFrame
    deals: pd.DataFrame
    staff: pd.DataFrame | None = None
    financials: pd.DataFrame | None = None
    investments: pd.DataFrame | None = None

    @classmethod
    def from_workspace(cls, ws) -> Inputs:
        """The tables of workspace ``ws``; optional tables it lacks are ``None``."""

        def opt(name):
            return ws.table(name) if ws.has(name) else None

        return cls(
            ws.table("partners"),
            ws.table("deals"),
            opt("staff"),
            opt("financials"),
            opt("investments"),
        )


# --------------------------------------------------------------------------- row selections


def _values(frame: pd.DataFrame, column: str) -> pd.Series:
    """``column`` of ``frame`` as floats: blank (or an absent column) is NaN, never 0."""
    if column not in frame:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column])


def supplied(frame: pd.DataFrame, column: str) -> bool:
    """True when at least one row of ``frame`` has a value in ``column``."""
    return column in frame and bool(frame[column].notna().any())


def program_deals(deals: pd.DataFrame, partners: pd.DataFrame, start, end) -> pd.DataFrame:
    """Won partner deals closed in ``[start, end]`` (:func:`playbook.deals.won_partner_deals`),
    with the partner's area and manager."""
    return won_partner_deals(deals, start, end).merge(
        partners[["partner_id", "area", "manager_id"]], on="partner_id", how="left"
    )


def direct_deals(deals: pd.DataFrame, staff: pd.DataFrame | None, start, end) -> pd.DataFrame:
    """:func:`playbook.deals.won_direct_deals` in ``[start, end]``, placed in the CRM hierarchy
    by their owner (:func:`playbook.staff.placed_by_owner`: the owner's area; the owner's
    manager, or the owner without one). Without a staff table ``area`` and ``manager_id`` are
    blank."""
    won = won_direct_deals(deals, start, end)
    if staff is None:
        return won.assign(area=np.nan, manager_id=np.nan)
    return placed_by_owner(won, staff)


def hierarchy_known(inputs: Inputs) -> bool:
    """True when direct deals can be placed below the universe: some deal has an ``owner_id``
    and a staff table (supplied or derived) places its owners."""
    return inputs.staff is not None and supplied(inputs.deals, "owner_id")


def staff_on_board(staff: pd.DataFrame, day) -> pd.DataFrame:
    """Staff in the program on ``day``: started on or before it (blank start: always) and not
    ended before it (an ``end_date`` equal to ``day`` counts)."""
    day = pd.Timestamp(day)
    starts, ends = _dates(staff, "start_date"), _dates(staff, "end_date")
    return staff[(starts.isna() | (starts <= day)) & (ends.isna() | (ends >= day))]


def _financials_in(fin: pd.DataFrame, start, end) -> pd.DataFrame:
    months = fin["period"].dt.to_timestamp()
    return fin[(months >= start.to_period("M").to_timestamp()) & (months <= end)]


@dataclass(frozen=True)
class _Rows:
    """The rows of each table that count for one window (``None``: table not supplied)."""

    deals: pd.DataFrame
    direct: pd.DataFrame
    active: pd.DataFrame
    staff: pd.DataFrame | None
    financials: pd.DataFrame | None
    investments: pd.DataFrame | None


def _rows(inputs: Inputs, start: pd.Timestamp, end: pd.Timestamp) -> _Rows:
    partners = inputs.partners
    inv = inputs.investments
    if inv is not None:
        inv = inv[inv["date"].between(start, end)].merge(
            partners[["partner_id", "area", "manager_id"]], on="partner_id", how="left"
        )
    staff = inputs.staff
    if staff is not None and program_staff(staff).empty:
        staff = None  # only a sales hierarchy: program headcount unknown, not 0
    if staff is not None:
        staff = staff_on_board(program_staff(staff), end).assign(
            fte=lambda s: _values(s, "fte").fillna(DEFAULT_FTE)
        )
    fin = inputs.financials
    return _Rows(
        deals=program_deals(inputs.deals, partners, start, end),
        direct=direct_deals(inputs.deals, inputs.staff, start, end),
        active=partners[active_in(partners, start, end)],
        staff=staff,
        financials=None if fin is None else _financials_in(fin, start, end),
        investments=inv,
    )


# --------------------------------------------------------------------------- totals per group


def _group_key(frame: pd.DataFrame, level: str, manager_col: str = "manager_id") -> pd.Series:
    if level == Level.UNIVERSE:
        return pd.Series("All", index=frame.index, dtype="object")
    if level == Level.AREA:
        return frame["area"].astype("object")
    if level == Level.MANAGER:
        return frame[manager_col].astype("object")
    raise ValueError(f"level {level!r}: expected one of {tuple(map(str, LEVELS))}")


def _complete_sum(values: pd.Series, keys: pd.Series) -> pd.Series:
    """Sum of ``values`` per key; missing for a key where any value is blank."""
    return values.groupby(keys).sum().where(~values.isna().groupby(keys).any())


def _group_sum(
    frame: pd.DataFrame, level: str, column: str, manager_col: str = "manager_id"
) -> pd.Series:
    """Sum of ``column`` per group; missing for a group where any row leaves it blank."""
    return _complete_sum(_values(frame, column), _group_key(frame, level, manager_col))


def _align(values: pd.Series, groups: pd.Index, absent: float = 0.0) -> pd.Series:
    """``values`` on ``groups``; a group without rows gets ``absent``."""
    out = values.reindex(groups).astype("float64")
    out[~groups.isin(values.index)] = absent
    return out


def _groups(rows: _Rows, level: str) -> pd.Index:
    """Every group with something to report at ``level`` (areas add up to the universe)."""
    if level == Level.UNIVERSE:
        return pd.Index(["All"])
    frames = [(rows.deals, "manager_id"), (rows.active, "manager_id"), (rows.direct, "manager_id")]
    frames += [(f, "manager_id") for f in (rows.financials, rows.investments) if f is not None]
    if rows.staff is not None and level == Level.AREA:
        frames.append((rows.staff, "staff_id"))
    keys = set()
    for frame, col in frames:
        keys.update(_group_key(frame, level, col).dropna())
    return pd.Index(sorted(keys, key=str), dtype="object")


def _deal_totals(
    out: pd.DataFrame, rows: _Rows, all_deals: pd.DataFrame, level: str, placeable: bool
) -> None:
    deals, groups = rows.deals, out.index
    out["revenue"] = _align(_group_sum(deals, level, "amount"), groups)
    for col in DEAL_VALUES:
        if supplied(all_deals, col):
            out[col] = _align(_group_sum(deals, level, col), groups)
        else:
            out[col] = np.nan
    out["deals"] = _align(count_deals(deals, _group_key(deals, level)), groups).astype("int64")
    out["contribution"] = out["margin"] - out["cost_of_sale"]
    direct = rows.direct
    keys = _group_key(direct, level)
    out["direct_revenue"] = _align(_values(direct, "amount").groupby(keys).sum(), groups)
    out["direct_deals"] = _align(keys.value_counts(), groups)
    if level != Level.UNIVERSE and not placeable:  # no owner hierarchy: unknown, not 0
        out[["direct_revenue", "direct_deals"]] = np.nan


def _financial_totals(out: pd.DataFrame, fin: pd.DataFrame | None, end, level: str) -> None:
    if fin is None or fin.empty:  # not supplied, or no row in the window: unknown, not free
        out["program_expenses"] = np.nan
        out["accounts_receivable"] = np.nan
        return
    out["program_expenses"] = _align(_group_sum(fin, level, "program_expenses"), out.index)
    last = fin[fin["period"] == end.to_period("M")]
    receivables = _values(last, "accounts_receivable")
    per_group = receivables.groupby(_group_key(last, level)).sum(min_count=1)
    out["accounts_receivable"] = _align(per_group, out.index, np.nan)


def _people_totals(out: pd.DataFrame, rows: _Rows, level: str) -> None:
    groups = out.index
    if rows.investments is not None:
        out["investments"] = _align(_group_sum(rows.investments, level, "amount"), groups)
    else:
        out["investments"] = np.nan
    if rows.staff is not None:
        out["headcount"] = _align(_group_sum(rows.staff, level, "fte", "staff_id"), groups)
    else:
        out["headcount"] = np.nan
    keys = _group_key(rows.active, level)
    out["active_partners"] = _align(keys.value_counts(), groups).astype("int64")
    scores = rows.active["certification_level"].map(CERTIFICATION_SCORE).astype("float64")
    out["certification_level"] = _align(scores.groupby(keys).mean(), groups, np.nan)


def base_totals(inputs: Inputs, start, end, level: str, rows: _Rows | None = None) -> pd.DataFrame:
    """Totals per group at ``level`` (index = group key) over the window ``[start, end]``.

    Columns: the :data:`playbook.metrics.TOTALS` plus ``certification_level`` (the mean score);
    every definition, and when a total is missing, is in the docstring of
    :mod:`playbook.analytics_notes`. ``rows``: the window's rows when the caller already
    selected them (:func:`drilldown` selects them once for its three levels).
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = _rows(inputs, start, end) if rows is None else rows
    out = pd.DataFrame(index=_groups(rows, level))
    _deal_totals(out, rows, inputs.deals, level, hierarchy_known(inputs))
    _financial_totals(out, rows.financials, end, level)
    _people_totals(out, rows, level)
    out["profit"] = out["contribution"] - out["program_expenses"] - out["investments"]
    return out


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    den = den.astype("float64")
    return num.astype("float64") / den.where(den != 0)


def metrics_from_totals(t: pd.DataFrame) -> pd.DataFrame:
    """The report's metrics computed from :func:`base_totals` (same index)."""
    m = pd.DataFrame(index=t.index)
    m["revenue_per_person"] = _ratio(t["revenue"], t["headcount"])
    m["margin_per_person"] = _ratio(t["margin"], t["headcount"])
    m["contribution_per_person"] = _ratio(t["contribution"], t["headcount"])
    m["asp"] = _ratio(t["revenue"], t["units"])
    m["margin_per_unit"] = _ratio(t["margin"], t["units"])
    m["profit_per_unit"] = _ratio(t["profit"], t["units"])
    expenses = t["cost_of_sale"] + t["program_expenses"] + t["investments"]
    m["revenue_to_expenses"] = _ratio(t["revenue"], expenses)
    m["ar_to_revenue"] = _ratio(t["accounts_receivable"], t["revenue"])
    m["revenue_per_partner"] = _ratio(t["revenue"], t["active_partners"])
    m["margin_per_partner"] = _ratio(t["margin"], t["active_partners"])
    m["certification_level"] = t["certification_level"]
    return m


def _person(name, staff_id: str) -> str:
    """``Name (id)``; the id alone when the name is the id (a person named by a fill rule)."""
    return staff_id if name == staff_id else f"{name} ({staff_id})"


def drilldown(inputs: Inputs, start, end) -> pd.DataFrame:
    """Metrics and totals for every group of every level, one row each.

    Columns: ``level``, ``group`` (``All``, an area, or a manager's staff id), ``area``,
    ``label`` (display name: a manager's ``Name (id)``), ``name`` (a manager's name alone),
    then the metric keys, then the totals.
    """
    staff = inputs.staff
    names = {} if staff is None else dict(zip(staff["staff_id"], staff["name"], strict=True))
    manager_area = (
        inputs.partners.dropna(subset=["manager_id"]).groupby("manager_id")["area"].first()
    )
    if staff is not None:
        manager_area = manager_area.combine_first(staff.set_index("staff_id")["area"])
    frames = []
    rows = _rows(inputs, pd.Timestamp(start), pd.Timestamp(end))  # once for every level
    for level in LEVELS:
        totals = base_totals(inputs, start, end, level, rows)
        table = pd.concat(
            [metrics_from_totals(totals), totals[[c for c in TOTALS if c in totals]]], axis=1
        )
        table.insert(0, "level", level)
        table.insert(1, "group", table.index.astype(str))
        if level == Level.UNIVERSE:
            table.insert(2, "area", "")
            table.insert(3, "label", "All partners")
        elif level == Level.AREA:
            table.insert(2, "area", table["group"])
            table.insert(3, "label", table["group"])
        else:
            table.insert(2, "area", table["group"].map(manager_area).fillna(""))
            table.insert(3, "label", [_person(names.get(g, g), g) for g in table["group"]])
        table.insert(4, "name", [names.get(g, g) for g in table["group"]])
        if level != Level.MANAGER:
            table["name"] = table["label"]
        frames.append(table.reset_index(drop=True))
    return pd.concat(frames, ignore_index=True)


def previous_window(inputs: Inputs, start, end) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window of the same length just before ``[start, end]``, ``None`` when the deals'
    history does not cover it (:func:`playbook.analytics_findings.previous_window`)."""
    return _previous_window(start, end, history_start(inputs.deals))


def trend(inputs: Inputs, as_of, freq: str = "Q", periods: int = 8) -> pd.DataFrame:
    """Universe metrics for each of the last ``periods`` calendar periods up to ``as_of``.

    ``freq`` is ``M``, ``Q`` or ``Y``. Each period is a window of its own (the last one is cut
    at ``as_of``): deals, expenses, investments, receivables, staff and partners count by
    their dates. A :func:`playbook.metrics.current_only` metric is shown for the last period
    only (missing before). Index: period label; columns: metric keys plus revenue, margin,
    deals. A period that ends before the deals' history starts
    (:func:`playbook.deals.history_start`) is left out (its figures are unknown, not zero); a
    period the history starts inside, or the as-of date cuts, is labelled with the dates it
    covers (``2016Q4 (from 2016-10-20)``, ``2018Q2 (to 2018-04-16)``): a partial period.
    """
    if freq not in {"M", "Q", "Y"}:
        raise NotebookInputError(f"trend_freq {freq!r}: expected M, Q or Y")
    as_of = pd.Timestamp(as_of)
    last = as_of.to_period(freq)
    history = history_start(inputs.deals)
    rows = {}
    for p in pd.period_range(end=last, periods=periods, freq=freq):
        start = p.start_time.normalize()
        end = min(p.end_time.normalize(), as_of)
        if history is not None and end < history:
            continue  # before the deals' history: unknown, not a period of zeros
        totals = base_totals(inputs, start, end, Level.UNIVERSE)
        row = pd.concat(
            [metrics_from_totals(totals), totals[["revenue", "margin", "deals"]]], axis=1
        ).iloc[0]
        rows[_period_label(p, history, end)] = row
    if not rows:  # the whole trend lies before the history: no period to show
        return pd.DataFrame(
            columns=[*METRICS_BY_KEY, "revenue", "margin", "deals"], dtype="float64"
        )
    out = pd.DataFrame(rows).T
    out.iloc[:-1, [out.columns.get_loc(k) for k in current_only()]] = np.nan
    return out


def partner_table(inputs: Inputs, start, end) -> pd.DataFrame:
    """Per partner active in the window or with program revenue in it: revenue, margin, won
    deals, ``active`` (agreement overlaps the window), ``current`` (a current partner at the
    window's end, the as-of date: :func:`playbook.deals.current_at`; a partner whose
    agreement has ended is not among the top partners) and ``share`` of program revenue.

    ``share`` is the partner's revenue ÷ :func:`playbook.deals.program_revenue` of the same
    window (0–1; the shares of the rows add up to 1). ``margin`` is missing for a partner with
    a blank margin on one of its program deals. Sorted by revenue, highest first.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    deals = program_deals(inputs.deals, inputs.partners, start, end)
    per = pd.DataFrame(
        {
            "revenue": _complete_sum(_values(deals, "amount"), deals["partner_id"]),
            "margin": _complete_sum(_values(deals, "margin"), deals["partner_id"]),
            "deals": count_deals(deals, "partner_id"),
        }
    )
    partners = inputs.partners
    active = active_in(partners, start, end)
    listed = partners[active | partners["partner_id"].isin(per.index)]
    out = listed[["partner_id", "name", "type", "area", "certification_level"]].merge(
        per, left_on="partner_id", right_index=True, how="left"
    )
    out["active"] = active[listed.index].to_numpy()
    out["current"] = current_at(listed, end).to_numpy()
    no_deals = out["deals"].isna()
    out[["revenue", "deals"]] = out[["revenue", "deals"]].fillna(0)
    out["deals"] = out["deals"].astype("int64")
    out["margin"] = (
        out["margin"].mask(no_deals, 0.0) if supplied(inputs.deals, "margin") else np.nan
    )
    total = program_revenue(inputs.deals, start, end)
    out["share"] = out["revenue"] / total if total else np.nan
    return out.sort_values(["revenue", "partner_id"], ascending=[False, True]).reset_index(
        drop=True
    )


# --------------------------------------------------------------------------- the trend's result


def summarise(
    *,
    table: pd.DataFrame,
    currency: str,
    start,
    end,
    partners: pd.DataFrame | None = None,
    missing: dict[str, str] | None = None,
    previous: pd.DataFrame | None = None,
    trend: pd.DataFrame | None = None,
    freq: str = "Q",
) -> TrendResult:
    """What trend 5 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``table`` from :func:`drilldown` over ``[start, end]``, ``previous`` over
    :func:`playbook.analytics_findings.previous_window` (``None``: not in the data); ``trend``
    from :func:`trend` (periods of ``freq``); ``partners`` from :func:`partner_table` (the
    figures record each one's revenue, share and won deals); ``missing``
    (:func:`missing_inputs`) is recorded with the figures. No finding cites a missing figure.
    """
    figures = _figures(table, start, end)
    if partners is not None:
        figures["partners"] = {
            str(r.partner_id): {"revenue": r.revenue, "share": r.share, "deals": int(r.deals)}
            for r in partners.itertuples()
        }
    if missing is not None:
        figures["missing"] = dict(missing)
    months = window_months(start, end)
    return TrendResult(
        findings=_findings(table, currency, partners, previous, trend, freq, months),
        figures=figures,
        headline=_headline(table, currency),
        key_findings=_key_findings(table, currency, partners, trend, freq),
        actions=_actions(table, previous, currency, months),
        partners=_partner_records(partners),
    )
