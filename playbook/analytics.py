"""Trend 5 — analytics: the report's metric table, drilled from universe to area to manager.

Definitions
-----------
All money is in the profile's currency; every figure is over a reporting window ``[start, end]``
with both dates inclusive (a trend period is a window of its own, the last one cut at as-of).

* **Program deal**: a won deal that a partner sourced or influenced, closed inside the window
  (the close date decides). It belongs to the area and manager of its partner.
* **Revenue**: sum of ``deals.amount`` of program deals, sourced and influenced in full; the
  universe's revenue is program revenue.
* **Share of program revenue**: a partner's revenue divided by program revenue of the same
  window. One denominator everywhere (trend 7 uses the same), never the revenue of active
  partners only.
* **Margin $, cost of sale, units**: sums of ``deals.margin``, ``deals.cost_of_sale`` and
  ``deals.units`` over program deals. A blank is never a zero: the total of a group is missing
  when any of its program deals leaves the value blank (a sum that skipped them would
  understate it), and so is every figure built on it. A column that no deal carries is "not
  supplied" and missing everywhere. A group without program deals has totals of zero.
* **Contribution $**: margin less cost of sale. **Profit $**: contribution less program
  expenses and partner investments. **Expenses**: cost of sale + program expenses + partner
  investments. Each is missing when one of its parts is.
* **ASP, margin and profit per unit**: divided by units; missing when units are (a blank unit
  count on one program deal makes the group's per-unit figures missing).
* **Program expenses**: sum of ``financials.program_expenses`` of the months inside the window;
  area level: every row of the area; manager level: only the rows carrying that
  ``manager_id`` (area-wide costs are not spread over managers; a manager without rows has
  none of their own). Missing when financials was not supplied or has no row at all in the
  window (a period before the table starts is unknown, not free). Financials are monthly, so
  the as-of month counts in full even when the as-of date falls inside it, while revenue stops
  at the as-of date: with a mid-month as-of date, revenue / expenses understates that month.
* **Partner investments**: sum of ``investments.amount`` dated inside the window, for partners
  of the group (no investment in the window is zero).
* **Accounts receivable**: sum of ``financials.accounts_receivable`` over the group's rows of
  the window's last month that carry a value. Receivables may be recorded on some rows only
  (e.g. on manager rows while area-wide rows carry expenses), so blank cells are left out;
  the figure is missing for a group none of whose rows of that month carries a value
  (including a group with no row that month).
* **Headcount**: FTE of program staff on board on the window's last day: started on or before
  it (blank start: always) and not ended before it. A person whose ``end_date`` is the last
  day counts (the end date is their last day in the program). A blank ``staff.fte`` counts as
  1.0 FTE (full time), a stated default: the report names the people it applies to. Area
  level: staff of the area; manager level: the manager's own FTE. In the trend each period
  uses the staff dates; the FTE is the one recorded today, assumed for every period.
* **Active partners** in a window: partners whose agreement overlaps it. Status ``active``:
  ``start_date`` blank or on or before the window's last day, and ``end_date`` blank or on or
  after its first day (a blank start means "since before any period"). Status ``inactive``:
  the same, but only with an ``end_date``; an inactive partner without one has no known
  active period and counts in no period (its deals still count in revenue). Status
  ``candidate``: never.
* **Level of certification**: mean certification score (none 0 … expert 4) of the active
  partners that have a level; blank levels are left out, not scored 0, and the report says
  how many; missing when none has one. The data holds only today's level, so in the trend it
  is a current value only: shown for the last period, missing for earlier ones, and labelled
  "current value only" rather than drawn as a flat line.
* **Areas**: every area with an active partner, a program deal, program staff on board, a
  financials row or a partner investment in the window, so the areas add up to the universe
  (an area with staff or expenses but no partner is shown, with revenue zero).
* **Partner table**: every partner active in the window or with program revenue in it (so the
  shares add up to 100%); "won nothing" counts the active partners without a program deal.
* **Missing figures**: a ratio whose denominator is zero or missing, or whose input was not
  supplied, is missing (shown "—", with the reason in the report), never zero; no finding is
  drawn from a missing figure.

The metric catalogue (labels, focus areas, definitions of the ratios) is in
:mod:`playbook.metrics`; the display tables are in :mod:`playbook.analytics_views`;
:func:`definitions` returns the bullets above as report text and :func:`data_notes` what the
client's data leaves out or defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import active_in, program_revenue, won_partner_deals
from playbook.exceptions import NotebookInputError
from playbook.formatting import fmt_money, fmt_ratio
from playbook.metrics import METRICS, TOTAL_LABELS, TOTALS, current_only
from playbook.results import TrendResult
from playbook.schema import CERTIFICATION_SCORE


class Level(StrEnum):
    """Level of the drill-down: the whole program, an area, or a channel manager."""

    UNIVERSE = "universe"
    AREA = "area"
    MANAGER = "manager"


LEVELS = tuple(Level)

#: Optional deal columns summed into totals (a blank on one program deal makes a total missing).
DEAL_VALUES = ("margin", "cost_of_sale", "units")

#: A blank ``staff.fte`` counts as this many FTE (full time); the report names who it applies to.
DEFAULT_FTE = 1.0


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
    if staff is not None:
        staff = staff_on_board(staff, end).assign(
            fte=lambda s: _values(s, "fte").fillna(DEFAULT_FTE)
        )
    fin = inputs.financials
    return _Rows(
        deals=program_deals(inputs.deals, partners, start, end),
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
    frames = [(rows.deals, "manager_id"), (rows.active, "manager_id")]
    frames += [(f, "manager_id") for f in (rows.financials, rows.investments) if f is not None]
    if rows.staff is not None and level == Level.AREA:
        frames.append((rows.staff, "staff_id"))
    keys = set()
    for frame, col in frames:
        keys.update(_group_key(frame, level, col).dropna())
    return pd.Index(sorted(keys, key=str), dtype="object")


def _deal_totals(out: pd.DataFrame, rows: _Rows, all_deals: pd.DataFrame, level: str) -> None:
    deals, groups = rows.deals, out.index
    out["revenue"] = _align(_group_sum(deals, level, "amount"), groups)
    for col in DEAL_VALUES:
        if supplied(all_deals, col):
            out[col] = _align(_group_sum(deals, level, col), groups)
        else:
            out[col] = np.nan
    out["deals"] = _align(_group_key(deals, level).value_counts(), groups).astype("int64")
    out["contribution"] = out["margin"] - out["cost_of_sale"]


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


def base_totals(inputs: Inputs, start, end, level: str) -> pd.DataFrame:
    """Totals per group at ``level`` (index = group key) over the window ``[start, end]``.

    Columns: the :data:`playbook.metrics.TOTALS` plus ``certification_level`` (the mean score);
    every definition, and when a total is missing, is in the module docstring.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = _rows(inputs, start, end)
    out = pd.DataFrame(index=_groups(rows, level))
    _deal_totals(out, rows, inputs.deals, level)
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


def drilldown(inputs: Inputs, start, end) -> pd.DataFrame:
    """Metrics and totals for every group of every level, one row each.

    Columns: ``level``, ``group`` (``All``, an area, or a manager's staff id), ``area``,
    ``label`` (display name), then the metric keys, then the totals.
    """
    staff = inputs.staff
    names = {} if staff is None else dict(zip(staff["staff_id"], staff["name"], strict=True))
    manager_area = (
        inputs.partners.dropna(subset=["manager_id"]).groupby("manager_id")["area"].first()
    )
    if staff is not None:
        manager_area = manager_area.combine_first(staff.set_index("staff_id")["area"])
    frames = []
    for level in LEVELS:
        totals = base_totals(inputs, start, end, level)
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
            table.insert(3, "label", [f"{names.get(g, g)} ({g})" for g in table["group"]])
        frames.append(table.reset_index(drop=True))
    return pd.concat(frames, ignore_index=True)


def trend(inputs: Inputs, as_of, freq: str = "Q", periods: int = 8) -> pd.DataFrame:
    """Universe metrics for each of the last ``periods`` calendar periods up to ``as_of``.

    ``freq`` is ``M``, ``Q`` or ``Y``. Each period is a window of its own (the last one is cut
    at ``as_of``): deals, expenses, investments, receivables, staff and partners count by
    their dates. A :func:`playbook.metrics.current_only` metric is shown for the last period
    only (missing before). Index: period label; columns: metric keys plus revenue, margin,
    deals.
    """
    if freq not in {"M", "Q", "Y"}:
        raise NotebookInputError(f"trend_freq {freq!r}: expected M, Q or Y")
    as_of = pd.Timestamp(as_of)
    last = as_of.to_period(freq)
    rows = {}
    for p in pd.period_range(end=last, periods=periods, freq=freq):
        start = p.start_time.normalize()
        end = min(p.end_time.normalize(), as_of)
        totals = base_totals(inputs, start, end, Level.UNIVERSE)
        row = pd.concat(
            [metrics_from_totals(totals), totals[["revenue", "margin", "deals"]]], axis=1
        ).iloc[0]
        rows[str(p)] = row
    out = pd.DataFrame(rows).T
    out.iloc[:-1, [out.columns.get_loc(k) for k in current_only()]] = np.nan
    return out


def partner_table(inputs: Inputs, start, end) -> pd.DataFrame:
    """Per partner active in the window or with program revenue in it: revenue, margin, won
    deals, ``active`` (agreement overlaps the window) and ``share`` of program revenue.

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
            "deals": deals.groupby("partner_id")["deal_id"].count(),
        }
    )
    partners = inputs.partners
    active = active_in(partners, start, end)
    listed = partners[active | partners["partner_id"].isin(per.index)]
    out = listed[["partner_id", "name", "type", "area", "certification_level"]].merge(
        per, left_on="partner_id", right_index=True, how="left"
    )
    out["active"] = active[listed.index].to_numpy()
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


# --------------------------------------------------------------------------- what the data lacks


def _ids(ids, limit: int = 5) -> str:
    ids = [str(i) for i in ids]
    more = f", … {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


def _financial_gaps(inputs: Inputs, rows: _Rows, end: pd.Timestamp) -> dict[str, str]:
    if inputs.financials is None:
        return dict.fromkeys(("program_expenses", "accounts_receivable"), "financials not supplied")
    if rows.financials.empty:
        return dict.fromkeys(
            ("program_expenses", "accounts_receivable"), "financials has no row in the window"
        )
    month = end.to_period("M")
    last = rows.financials[rows.financials["period"] == month]
    if last.empty:
        return {"accounts_receivable": f"financials has no row for {month}"}
    if not supplied(last, "accounts_receivable"):
        return {"accounts_receivable": f"financials.accounts_receivable blank for {month}"}
    return {}


def missing_inputs(inputs: Inputs, start, end) -> dict[str, str]:
    """Why a universe figure over ``[start, end]`` is missing for lack of data: a key of
    :data:`playbook.metrics.TOTALS` (or ``certification_level``) → the reason, e.g.
    ``{"margin": "deals.margin not supplied"}``. Only the figures the data leaves out are keys
    (a figure missing for a zero denominator is not)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = _rows(inputs, start, end)
    out = {}
    for col in DEAL_VALUES:
        blank = rows.deals.loc[_values(rows.deals, col).isna(), "deal_id"]
        if not supplied(inputs.deals, col):
            out[col] = f"deals.{col} not supplied"
        elif len(blank):
            out[col] = (
                f"deals.{col} blank on {len(blank)} of {len(rows.deals)} won partner deals "
                f"in the window ({_ids(blank)})"
            )
    for col, name in (("headcount", "staff"), ("investments", "investments")):
        if getattr(inputs, name) is None:
            out[col] = f"{name} not supplied"
    out |= _financial_gaps(inputs, rows, end)
    if len(rows.active) and not supplied(rows.active, "certification_level"):
        out["certification_level"] = "partners.certification_level blank for every active partner"
    return out


def _partner_notes(inputs: Inputs, rows: _Rows) -> list[str]:
    partners, out = inputs.partners, []
    undated = partners[(partners["status"] == "inactive") & _dates(partners, "end_date").isna()]
    if len(undated):
        out.append(
            f"{len(undated)} inactive partners have no end_date ({_ids(undated['partner_id'])}): "
            "they count as active in no period; their deals still count in revenue."
        )
    no_start = rows.active[rows.active["start_date"].isna()]
    if len(no_start):
        out.append(
            f"{len(no_start)} active partners have no start_date ({_ids(no_start['partner_id'])})"
            ": counted as active since before any period."
        )
    blank = rows.active[rows.active["certification_level"].isna()]
    if len(blank) and len(blank) < len(rows.active):
        out.append(
            f"partners.certification_level blank for {len(blank)} of {len(rows.active)} active "
            f"partners ({_ids(blank['partner_id'])}): the level of certification is the mean "
            f"of the other {len(rows.active) - len(blank)}."
        )
    return out


def data_notes(inputs: Inputs, start, end) -> list[str]:
    """What the client's data leaves out or defaults over ``[start, end]``, as report lines:
    every :func:`missing_inputs` reason, the people counted at the default FTE, blank
    receivables left out, blank certification levels, and partners whose dates are unknown."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = _rows(inputs, start, end)
    labels = TOTAL_LABELS | {"certification_level": "Level of certification"}
    out = [
        f"{labels[k]} is missing (—): {why}."
        for k, why in missing_inputs(inputs, start, end).items()
    ]
    if inputs.staff is not None:
        blank = staff_on_board(inputs.staff, end)
        blank = blank[_values(blank, "fte").isna()]
        if len(blank):
            out.append(
                f"staff.fte blank for {len(blank)} of the people on board on {end.date()} "
                f"({_ids(blank['staff_id'])}): each counted as {DEFAULT_FTE:.1f} FTE (full time)."
            )
    fin = rows.financials
    if fin is not None and not fin.empty:
        last = fin[fin["period"] == end.to_period("M")]
        blank = int(_values(last, "accounts_receivable").isna().sum())
        if 0 < blank < len(last):
            out.append(
                f"financials.accounts_receivable blank on {blank} of {len(last)} rows of "
                f"{end.to_period('M')}: left out of accounts receivable (a group none of whose "
                "rows carries a value shows —)."
            )
    return out + _partner_notes(inputs, rows)


def _report_text(text: str) -> str:
    """reST markup of a docstring bullet → plain report text."""
    text = re.sub(r":\w+:`~?([^`]+)`", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("``", "").replace("**", "")).strip()


def definitions() -> list[str]:
    """How the report's figures are defined: the *Definitions* bullets of this module's
    docstring as plain text, one item per bullet (the docstring is the one source)."""
    items: list[list[str]] = []
    current = None
    for line in __doc__.split("Definitions\n-----------", 1)[1].splitlines():
        if line.startswith("* "):
            current = [line[2:]]
            items.append(current)
        elif current is not None and line.startswith("  "):
            current.append(line)
        else:
            current = None
    return [_report_text(" ".join(item)) for item in items]


# --------------------------------------------------------------------------- the trend's result


def summarise(
    *,
    table: pd.DataFrame,
    currency: str,
    start,
    end,
    partners: pd.DataFrame | None = None,
    missing: dict[str, str] | None = None,
) -> TrendResult:
    """What trend 5 concludes: findings, figures for ``results.json`` and the summary headline.

    ``table`` from :func:`drilldown` over the window ``[start, end]``; with ``partners``
    (:func:`partner_table`) the findings also name the top partner and the concentration, and
    the figures record each listed partner's revenue, share of program revenue and won deals;
    ``missing`` (:func:`missing_inputs`) is recorded with the figures. Money in ``currency``.
    No finding cites a missing figure.
    """
    figures = _figures(table, start, end)
    if partners is not None:
        figures["partners"] = {
            str(r.partner_id): {"revenue": r.revenue, "share": r.share, "deals": int(r.deals)}
            for r in partners.itertuples()
        }
    if missing is not None:
        figures["missing"] = dict(missing)
    return TrendResult(
        findings=_findings(table, currency, partners),
        figures=figures,
        headline=_headline(table, currency),
    )


def _partner_finding(partners: pd.DataFrame, currency: str) -> str:
    top = partners.iloc[0]
    top5 = partners["share"].head(5).sum()
    active = partners[partners["active"]]
    idle = int((active["deals"] == 0).sum())
    return (
        f"Top partner: {top['name']} with {fmt_money(top['revenue'], currency)} "
        f"({top['share']:.1%} of program revenue); the top five bring {top5:.1%}; "
        f"{idle} of {len(active)} active partners won nothing in the window."
    )


def _findings(
    table: pd.DataFrame, currency: str, partners: pd.DataFrame | None = None
) -> list[str]:
    """Plain-language key findings from a :func:`drilldown` table (client text unescaped).

    With ``partners`` (:func:`partner_table`), also names the top partner and the concentration.
    A missing figure is never cited.
    """
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    areas = table[table["level"] == Level.AREA].dropna(subset=["revenue_per_person"])
    margin = f"; margin {fmt_money(uni['margin'], currency)}" if pd.notna(uni["margin"]) else ""
    out = [
        f"Program revenue {fmt_money(uni['revenue'], currency)} from {int(uni['deals'])} won "
        f"partner deals{margin}."
    ]
    if pd.notna(uni["revenue_to_expenses"]):
        out.append(
            f"Every {currency} 1 spent on the program returned "
            f"{fmt_money(uni['revenue_to_expenses'], currency, 2)} of revenue."
        )
    if len(areas) > 1:
        best = areas.loc[areas["revenue_per_person"].idxmax()]
        worst = areas.loc[areas["revenue_per_person"].idxmin()]
        low = fmt_money(worst["revenue_per_person"], currency)
        out.append(
            f"Revenue per person ranges from {low}"
            f" ({worst['label']}) to {fmt_money(best['revenue_per_person'], currency)} "
            f"({best['label']})."
        )
    if pd.notna(uni["ar_to_revenue"]):
        out.append(f"Accounts receivable are {uni['ar_to_revenue']:.1%} of window revenue.")
    if partners is not None and len(partners) and partners["revenue"].sum() > 0:
        out.append(_partner_finding(partners, currency))
    return out


def _headline(table: pd.DataFrame, currency: str) -> dict[str, str]:
    """Four display-ready figures for the run's summary page (a missing one shows "—")."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "Program revenue": fmt_money(uni["revenue"], currency),
        "Revenue / person": fmt_money(uni["revenue_per_person"], currency),
        "Revenue / expenses": fmt_ratio(uni["revenue_to_expenses"]),
        "Active partners": f"{int(uni['active_partners'])}",
    }


def _figures(table: pd.DataFrame, start, end) -> dict:
    """Machine-readable key figures for ``results.json``: window, totals and every metric
    (a missing figure is ``null``)."""
    uni = table[table["level"] == Level.UNIVERSE].iloc[0]
    return {
        "window_start": str(pd.Timestamp(start).date()),
        "window_end": str(pd.Timestamp(end).date()),
        **{k: uni[k] for k in list(TOTALS) + [m.key for m in METRICS]},
        "areas": int((table["level"] == Level.AREA).sum()),
        "managers": int((table["level"] == Level.MANAGER).sum()),
    }
