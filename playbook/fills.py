"""Rules that complete a client's export where CRMs leave blanks — always applied visibly.

Real CRM exports leave cells blank that a calculation needs: open deals without an amount,
prospecting deals without a created date, no accounts list, no staff list. Rejecting such an
export makes a consultant invent data by hand; treating a blank as zero makes figures wrong.
Instead each blank is handled by a named *fill rule* — derive the value from data the client did
supply, take it from a list the client supplies, or set the row aside from the figures it cannot
support — and every rule that touched at least one row is reported: by ``playbook check`` (a note
with its row count) and in the header of every report (:attr:`Workspace.fills`).

A rule is a function ``(tables, profile) -> list[Fill]`` in :data:`STEPS`; it may replace frames
in ``tables`` (keyed by table name) and returns one :class:`Fill` per thing it did. Steps run in
order, after every table is parsed and before the cross-table checks, so the checks see the
completed tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from playbook.problems import Problem, Severity
from playbook.profile import Profile
from playbook.schema import OPEN_STAGES


@dataclass(frozen=True)
class Fill:
    """One fill rule applied to a client's data: which ``table.column`` it filled, derived or
    set aside, on how many ``rows``, and what it did in plain words (``rule``, e.g. "open deals
    without an amount: pipeline value unknown, not counted as 0")."""

    table: str
    column: str
    rows: int
    rule: str

    @property
    def text(self) -> str:
        """The one line a report and ``playbook check`` show for this rule."""
        noun = "row" if self.rows == 1 else "rows"
        return f"{self.table}.{self.column}: {self.rule} ({self.rows:,} {noun})"


Step = Callable[[dict[str, pd.DataFrame], Profile], list[Fill]]


def expected_close_dates(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """Open deals' close dates set aside: CRMs export an *expected* close date on open
    opportunities (Salesforce's and HubSpot's ``Close Date``), while ``deals.close_date`` is
    the day a deal was won or lost. Kept, a forecast date would count as history (e.g. move
    the default as-of date, the latest deal date, into the future)."""
    deals = tables.get("deals")
    if deals is None:
        return []
    expected = deals["stage"].isin(list(OPEN_STAGES)) & deals["close_date"].notna()
    if expected.any():
        tables["deals"] = deals.assign(close_date=deals["close_date"].mask(expected))
    rule = "expected close dates of open deals set aside (a close date is when won or lost)"
    return [Fill("deals", "close_date", int(expected.sum()), rule)]


#: The fill rules, in the order they run.
STEPS: list[Step] = [expected_close_dates]


def apply_fills(
    tables: dict[str, pd.DataFrame],
    profile: Profile,
    sources: dict[str, str],
    problems: list[Problem],
    steps: list[Step] | None = None,
) -> list[Fill]:
    """Run the fill rules (``steps``, default :data:`STEPS`) over ``tables`` in place; append a
    note per rule applied to ``problems`` (file = where the table came from) and return them."""
    fills: list[Fill] = []
    for step in STEPS if steps is None else steps:
        fills.extend(fill for fill in step(tables, profile) if fill.rows > 0)
    for fill in fills:
        problems.append(
            Problem(
                sources.get(fill.table, f"{fill.table} (derived)"),
                None,
                fill.column,
                None,
                f"rule applied: {fill.text.partition(': ')[2]}",
                level=Severity.NOTE,
            )
        )
    return fills
