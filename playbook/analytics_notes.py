"""Trend 5 — analytics: the report's metric table, drilled from universe to area to manager.

Definitions
-----------
All money is in the profile's currency; every figure is over a reporting window ``[start, end]``
with both dates inclusive (a trend period is a window of its own, the last one cut at as-of).

* **Program deal**: a won deal that a partner sourced or influenced, closed inside the window
  (the close date decides). It belongs to the area and manager of its partner
  (``partners.area``, ``partners.manager_id``).
* **Direct revenue and won direct deals**: the won deals without a partner (attribution
  ``direct``) closed inside the window: their ``amount`` summed, and their number. They are
  placed by the CRM hierarchy: the area of the deal's owner (``deals.owner_id`` →
  ``staff.area``) and the owner's manager (``staff.manager_id``), or the owner themself when
  they have no manager. A direct deal without an owner, or whose owner has no area, counts in
  the whole program only; without owners or a staff table the figures by area and manager are
  missing. They stand beside program revenue and are never part of it.
* **Revenue**: sum of ``deals.amount`` of program deals, sourced and influenced in full; the
  whole program's revenue is program revenue.
* **Share of program revenue**: a partner's revenue divided by program revenue of the same
  window. One denominator everywhere (trend 7 uses the same), never the revenue of active
  partners only.
* **Top partners** (the top five of the takeaways and the chart): the current partners at the
  as-of date with the most program revenue; a partner whose agreement has ended is none of
  them (its past deals still count in program revenue), as in trend 7's key partners.
* **Margin, cost of sale, units**: sums of ``deals.margin``, ``deals.cost_of_sale`` and
  ``deals.units`` over program deals. A blank is never a zero: the total of a group is missing
  when any of its program deals leaves the value blank (a sum that skipped them would
  understate it), and so is every figure built on it. A column that no deal carries is "not
  supplied" and missing everywhere. A group without program deals has totals of zero.
* **Contribution**: margin less cost of sale. **Profit**: contribution less program
  expenses and partner investments. **Expenses**: cost of sale + program expenses + partner
  investments. Each is missing when one of its parts is.
* **Average selling price, margin and profit per unit**: divided by units; missing when
  units are (a blank unit count on one program deal makes the group's per-unit figures
  missing).
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
* **Program staff (full-time equivalent, FTE)**: FTE of program staff (people with a
  ``staff.role``; the CRM's sales hierarchy is not program staff) on board on the window's last
  day: started on or before it (blank start: always) and not ended before it. A person whose
  ``end_date`` is the last day counts (the end date is their last day in the program). A blank
  ``staff.fte`` counts as 1.0 FTE (full time), a stated default: the report names the people it
  applies to. Area level: staff of the area; manager level: the manager's own FTE. In the trend
  each period uses the staff dates; the FTE is the one recorded today, assumed for every period.
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
* **Areas**: every area with an active partner, a program deal, a placed direct deal, program
  staff on board, a financials row or a partner investment in the window, so the areas add up
  to the whole program (an area with staff or expenses but no partner is shown, with revenue zero).
* **Partner table**: every partner active in the window or with program revenue in it (so the
  shares add up to 100%); "won nothing" counts the active partners without a program deal.
* **Missing figures**: a ratio whose denominator is zero or missing, or whose input was not
  supplied, is missing (shown "—", with the reason in the report), never zero; no finding is
  drawn from a missing figure.

The figures are computed in :mod:`playbook.analytics`; the metric catalogue (labels, focus
areas, definitions of the ratios) is in :mod:`playbook.metrics`; the display tables are in
:mod:`playbook.analytics_views`; :func:`definitions` returns the bullets above as report text
and :func:`data_notes` what the client's data leaves out or defaults.
"""

from __future__ import annotations

import re

import pandas as pd

from playbook import schema
from playbook.analytics import (
    DEAL_VALUES,
    Inputs,
    _dates,
    _Rows,
    _rows,
    _values,
    hierarchy_known,
    staff_on_board,
    supplied,
)
from playbook.deals import count_deals
from playbook.formatting import fmt_int, name_list
from playbook.labels import label
from playbook.metrics import TOTAL_LABELS
from playbook.staff import DEFAULT_FTE, program_staff

# --------------------------------------------------------------------------- what the data lacks


def _file(table: str) -> str:
    """The file of a table as the report names it: ``deals.csv``."""
    return schema.table(table).filename


def _ref(table: str, column: str) -> str:
    """A column of a table in plain words: ``Margin (deals.csv)``."""
    return f"{label(column)} ({_file(table)})"


def _financial_gaps(inputs: Inputs, rows: _Rows, end: pd.Timestamp) -> dict[str, str]:
    if inputs.financials is None:
        return dict.fromkeys(
            ("program_expenses", "accounts_receivable"), f"{_file('financials')} not supplied"
        )
    if rows.financials.empty:
        return dict.fromkeys(
            ("program_expenses", "accounts_receivable"),
            f"{_file('financials')} has no row in the window",
        )
    month = end.to_period("M")
    last = rows.financials[rows.financials["period"] == month]
    if last.empty:
        return {"accounts_receivable": f"{_file('financials')} has no row for {month}"}
    if not supplied(last, "accounts_receivable"):
        return {
            "accounts_receivable": f"{_ref('financials', 'accounts_receivable')} blank for {month}"
        }
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
            out[col] = f"{_ref('deals', col)} not supplied"
        elif len(blank):
            out[col] = (
                f"{_ref('deals', col)} blank on {fmt_int(blank.nunique())} of "
                f"{fmt_int(count_deals(rows.deals))} won "
                f"partner deals in the window ({name_list(blank.unique())})"
            )
    for col, name in (("headcount", "staff"), ("investments", "investments")):
        if getattr(inputs, name) is None:
            out[col] = f"{_file(name)} not supplied"
    if inputs.staff is not None and program_staff(inputs.staff).empty:
        out["headcount"] = f"{_file('staff')} lists no program staff (no one has a role)"
    out |= _financial_gaps(inputs, rows, end)
    if len(rows.active) and not supplied(rows.active, "certification_level"):
        out["certification_level"] = (
            f"{_ref('partners', 'certification_level')} blank for every active partner"
        )
    return out


def _partner_notes(inputs: Inputs, rows: _Rows) -> list[str]:
    partners, out = inputs.partners, []
    undated = partners[(partners["status"] == "inactive") & _dates(partners, "end_date").isna()]
    if len(undated):
        out.append(
            f"{fmt_int(len(undated))} inactive partners have no end date "
            f"({name_list(undated['partner_id'])}): "
            "they count as active in no period; their deals still count in revenue."
        )
    no_start = rows.active[rows.active["start_date"].isna()]
    if len(no_start):
        out.append(
            f"{fmt_int(len(no_start))} active partners have no start date "
            f"({name_list(no_start['partner_id'])})"
            ": counted as active since before any period."
        )
    blank = rows.active[rows.active["certification_level"].isna()]
    if len(blank) and len(blank) < len(rows.active):
        out.append(
            f"{_ref('partners', 'certification_level')} blank for {len(blank)} of "
            f"{len(rows.active)} active partners ({name_list(blank['partner_id'])}): the level of "
            f"certification is the mean of the other {len(rows.active) - len(blank)}."
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
        blank = staff_on_board(program_staff(inputs.staff), end)
        blank = blank[_values(blank, "fte").isna()]
        if len(blank):
            out.append(
                f"{_ref('staff', 'fte')} blank for {len(blank)} of the people on board on "
                f"{end.date()} "
                f"({name_list(blank['staff_id'])}): "
                f"each counted as {DEFAULT_FTE:.1f} FTE (full time)."
            )
    fin = rows.financials
    if fin is not None and not fin.empty:
        last = fin[fin["period"] == end.to_period("M")]
        blank = int(_values(last, "accounts_receivable").isna().sum())
        if 0 < blank < len(last):
            out.append(
                f"{_ref('financials', 'accounts_receivable')} blank on {fmt_int(blank)} of "
                f"{fmt_int(len(last))} "
                f"rows of {end.to_period('M')}: left out of accounts receivable (a group none of "
                "whose rows carries a value shows —)."
            )
    return out + _direct_notes(inputs, rows) + _partner_notes(inputs, rows)


def _direct_notes(inputs: Inputs, rows: _Rows) -> list[str]:
    """How the won direct deals of the window were placed in the CRM hierarchy."""
    direct = rows.direct
    if direct.empty:
        return []
    if not hierarchy_known(inputs):
        why = (
            f"{_file('staff')} not supplied"
            if inputs.staff is None
            else f"{_ref('deals', 'owner_id')} not supplied"
        )
        return [
            f"Direct revenue and won direct deals by area and manager are missing (—): {why}; "
            f"the whole program counts all {fmt_int(len(direct))} won direct deals of the window."
        ]
    out = []
    for col, what in (("area", "an area"), ("manager_id", "a manager")):
        lost = direct[direct[col].isna()]
        if len(lost):
            out.append(
                f"{len(lost)} of {len(direct)} won direct deals in the window have no owner "
                f"with {what} in {_file('staff')} ({name_list(lost['deal_id'])}): "
                "counted in the whole "
                f"program only, not by {'area' if col == 'area' else 'manager'}."
            )
    return out


def _code_text(match: re.Match) -> str:
    """A ````code```` of the docstring in plain words: ``deals.amount`` → ``Amount
    (deals.csv)``, ``end_date`` → ``end date``."""
    table, _, column = match[1].partition(".")
    return _ref(table, column) if column else label(table).lower()


def _report_text(text: str) -> str:
    """reST markup of a docstring bullet → plain report text (codes in plain words)."""
    text = re.sub(r":\w+:`~?([^`]+)`", r"\1", text)
    text = re.sub(r"``([a-z_]+(?:\.[a-z_]+)?)``", _code_text, text)
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
