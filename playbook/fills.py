"""Rules that complete a client's export where CRMs leave blanks — always applied visibly.

Real CRM exports leave cells blank that a calculation needs: open deals without an amount,
prospecting deals without a created date, no accounts list, no staff list. Rejecting such an
export makes a consultant invent data by hand; treating a blank as zero makes figures wrong.
Instead each blank is handled by a named *fill rule* — derive the value from data the client did
supply, take it from a list the client supplies, or set the row aside from the figures it cannot
support — and every rule that touched at least one row is reported: by ``playbook check`` (a note
with its row count) and in every report's "Notes on the data" (:attr:`Workspace.fills`).

A rule is a function ``(tables, profile) -> list[Fill]`` in :data:`STEPS` (its module imports
:class:`Fill` from :mod:`playbook.problems`, so this module can list it); it may replace frames
in ``tables`` (keyed by table name) and returns one :class:`Fill` per thing it did. It may also
return a :class:`~playbook.problems.Problem` for an error it finds while filling (e.g. splits
that do not add up), with the table's name as ``file``: it is reported with the table's file.
Steps run in order, after every table is parsed and before the cross-table checks, so the checks
see the completed tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from playbook import fill_rules as rules
from playbook.attribution import derive_attribution
from playbook.partner_links import partner_ids_from_names, resolve_partners
from playbook.problems import Fill, Problem, Severity
from playbook.profile import Profile
from playbook.splits import expand_deal_partners

__all__ = ["STEPS", "Fill", "Step", "apply_fills"]


Step = Callable[[dict[str, pd.DataFrame], Profile], list[Fill | Problem]]


#: The fill rules, in the order they run: open deals' expected close dates set aside, partners
#: named by id, name or domain and attribution rules first; then the rules of
#: :mod:`playbook.fill_rules` for amounts, dates, margins, accounts and staff; deals with several
#: partners split into credit lines last (after every rule that completes amounts and margins,
#: so the split scales completed values).
STEPS: list[Step] = [
    rules.expected_close_dates,
    partner_ids_from_names,
    resolve_partners,
    derive_attribution,
    rules.price_list_amounts,
    rules.unknown_amounts,
    rules.undated_deals,
    rules.default_margins,
    rules.derived_accounts,
    rules.account_status,
    rules.derived_staff,
    rules.staff_defaults,
    expand_deal_partners,
]


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
        for item in step(tables, profile):
            if isinstance(item, Problem):
                problems.append(replace(item, file=sources.get(item.file, item.file)))
            elif item.rows > 0:
                fills.append(item)
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
