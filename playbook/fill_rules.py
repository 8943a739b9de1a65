"""The fill rules for blanks CRM exports leave: amounts, dates, margins, accounts and staff.

Each rule is one step of :data:`playbook.fills.STEPS` (the mechanism, the order and how each
rule is reported live there): a function ``(tables, profile) -> list[Fill]`` that may replace
frames in ``tables`` and returns one :class:`~playbook.problems.Fill` per thing it did, with its
exact row count. Partner names and attribution (:mod:`playbook.partner_links`,
:mod:`playbook.attribution`) run before these rules, the split of multi-partner deals
(:mod:`playbook.splits`) after them.
"""

from __future__ import annotations

import pandas as pd

from playbook.deals import is_open, is_won
from playbook.normalise import canonical_token
from playbook.parse import parse_table
from playbook.problems import Fill
from playbook.profile import Profile
from playbook.schema import OPEN_STAGES, TABLES, TABLES_BY_NAME, Stage
from playbook.staff import DEFAULT_FTE, is_program_staff


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


# --------------------------------------------------------------------------- deals


def price_list_amounts(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Open deals priced from the price list**: an open deal (lead, qualified, proposal)
    without an ``amount`` whose ``product`` is in the ``price_list`` table (product names
    matched ignoring case, spaces and hyphens) gets amount = ``list_price`` × ``units``, one
    unit where ``units`` is blank. Won and lost deals are never priced this way (a won deal's
    amount is its revenue; a lost deal's value stays unknown)."""
    deals, prices = tables.get("deals"), tables.get("price_list")
    if deals is None or prices is None or prices.empty:
        return []
    price = prices.dropna(subset=["list_price"])
    price = pd.Series(
        price["list_price"].to_numpy(), index=canonical_token(price["product"].astype("object"))
    )
    price = price[~price.index.duplicated()]
    listed = canonical_token(deals["product"].astype("object")).map(price)
    listed = listed.where(deals["product"].notna())
    todo = is_open(deals) & deals["amount"].isna() & listed.notna()
    if not todo.any():
        return []
    units = pd.to_numeric(deals["units"], errors="coerce").astype("float64")
    no_units = int((todo & units.isna()).sum())
    deals = deals.copy()
    deals.loc[todo, "amount"] = (listed * units.fillna(1.0))[todo].astype("float64")
    tables["deals"] = deals
    return [
        Fill(
            "deals",
            "amount",
            int(todo.sum()),
            "open deals without an amount: list price × units from the price list "
            f"({no_units} without units counted as 1 unit)",
        )
    ]


def unknown_amounts(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Open and lost deals without an amount** (after the price list): the value is unknown
    and stays blank — never summed as 0. A pipeline figure built on open deals' amounts says how
    many of the open deals it covers. (A *won* deal without an amount is an error: it is
    revenue; :func:`playbook.checks.check_consistency`.)"""
    deals = tables.get("deals")
    if deals is None:
        return []
    blank = deals["amount"].isna()
    lost = deals["stage"] == Stage.LOST
    return [
        Fill(
            "deals",
            "amount",
            int((blank & is_open(deals)).sum()),
            "open deals without an amount: pipeline value unknown, never counted as 0 "
            "(pipeline figures say how many open deals they cover)",
        ),
        Fill(
            "deals",
            "amount",
            int((blank & lost).sum()),
            "lost deals without an amount: value unknown, never counted as 0",
        ),
    ]


def undated_deals(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Deals without a created date** are kept but given no date: they are left out of
    everything that needs one — cycle times and deal/pipeline velocity, lead counts (deals
    created in a window), and the deals open at a date (created on or before it). Closed ones
    still count in revenue, win rates and counts by close date."""
    deals = tables.get("deals")
    if deals is None:
        return []
    bad = {row for row, col in deals.attrs.get("bad_cells", set()) if col == "created_date"}
    blank = deals["created_date"].isna() & ~deals["_row"].isin(bad)
    return [
        Fill(
            "deals",
            "created_date",
            int(blank.sum()),
            "deals without a created date: left out of cycle times, velocity, lead counts and "
            "the deals open at the as-of date (no date made up)",
        )
    ]


def default_margins(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Default margin**: with ``default_margin_pct`` in profile.yaml, a won deal with an
    amount but no ``margin`` gets margin = amount × default_margin_pct ÷ 100. A margin the
    export carries is never replaced; without the profile key a blank margin stays blank."""
    deals, pct = tables.get("deals"), getattr(profile, "default_margin_pct", None)
    if deals is None or pct is None:
        return []
    todo = is_won(deals) & deals["margin"].isna() & deals["amount"].notna()
    if todo.any():
        deals = deals.copy()
        deals.loc[todo, "margin"] = deals.loc[todo, "amount"] * float(pct) / 100
        tables["deals"] = deals
    return [
        Fill(
            "deals",
            "margin",
            int(todo.sum()),
            f"won deals without a margin: amount × {pct:g}% (profile.yaml default_margin_pct)",
        )
    ]


# --------------------------------------------------------------------------- derived tables


def _derived(name: str, columns: dict[str, list]) -> pd.DataFrame:
    """A table of rows the fill rules make, typed exactly like a parsed export of it (every
    schema column present; ``_row`` blank: no row of any file)."""
    raw = pd.DataFrame({k: pd.Series(v, dtype="object") for k, v in columns.items()})
    frame, _ = parse_table(TABLES_BY_NAME[name], raw.astype("object"), f"{name} (derived)")
    return frame.assign(_row=pd.array([None] * len(frame), dtype="Int64"))


def derived_accounts(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Accounts from the deals**: when no accounts table is supplied but deals carry
    ``account_id``, one account per distinct id, named by the id (its status by
    :func:`account_status`)."""
    deals = tables.get("deals")
    if "accounts" in tables or deals is None or not deals["account_id"].notna().any():
        return []
    ids = sorted(deals["account_id"].dropna().astype(str).unique())
    tables["accounts"] = _derived("accounts", {"account_id": ids, "name": ids})
    return [
        Fill(
            "accounts",
            "account_id",
            len(ids),
            "no accounts table: one account per distinct deals.account_id, named by its id",
        )
    ]


def account_status(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Account status from won deals**: an account without a ``status`` is a ``customer`` when
    it has a won deal in the deals table, else a ``prospect``. At load there is no as-of date,
    so "has a won deal" means won on or before the latest deal date of the export (the default
    as-of date) — every won deal, since a won deal must carry its close date. An account without
    a ``name`` is named by its id."""
    accounts = tables.get("accounts")
    if accounts is None:
        return []
    deals = tables.get("deals")
    won = set() if deals is None else set(deals.loc[is_won(deals), "account_id"].dropna())
    blank = accounts["status"].isna()
    customer = blank & accounts["account_id"].isin(won)
    unnamed = accounts["name"].isna()
    accounts = accounts.copy()
    accounts.loc[customer, "status"] = "customer"
    accounts.loc[blank & ~customer, "status"] = "prospect"
    accounts.loc[unnamed, "name"] = accounts.loc[unnamed, "account_id"]
    tables["accounts"] = accounts
    n_customer = int(customer.sum())
    return [
        Fill(
            "accounts",
            "status",
            int(blank.sum()),
            "accounts without a status: customer when the account has a won deal, else "
            f"prospect ({n_customer} as customer, {int(blank.sum()) - n_customer} as prospect)",
        ),
        Fill("accounts", "name", int(unnamed.sum()), "accounts without a name: named by their id"),
    ]


def _staff_refs(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every distinct id the tables name in a column referring to ``staff.staff_id``."""
    ids: set[str] = set()
    for spec in TABLES:
        frame = tables.get(spec.name)
        if frame is None or spec.name == "staff":
            continue
        for col in spec.columns:
            if col.ref == "staff.staff_id":
                ids.update(frame[col.name].dropna().astype(str))
    return sorted(ids)


def derived_staff(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**Staff from the deal owners**: when deals carry ``owner_id`` and no staff table is
    supplied, one person per distinct staff id the tables name (deal owners, partner managers,
    …), named by the id, without area, manager or role — so placed nowhere in the hierarchy
    and never counted as program staff. **Managers without a row**: when a staff table names a
    ``manager_id`` that has no row of its own (a sales-team list of agent → manager → office),
    the manager is added, named by the id, in the area most of their people are in (ties: the
    first alphabetically), without a role. **Deal owners without a row**: a ``deals.owner_id``
    the staff table lacks (it lists the program team, the CRM's deals are owned by sales reps)
    is added, named by the id, without area or role."""
    staff, deals = tables.get("staff"), tables.get("deals")
    if staff is None:
        if deals is None or not deals["owner_id"].notna().any():
            return []
        ids = _staff_refs(tables)
        tables["staff"] = _derived("staff", {"staff_id": ids, "name": ids})
        return [
            Fill(
                "staff",
                "staff_id",
                len(ids),
                "no staff table: one person per distinct deals.owner_id (and other staff id "
                "the tables name), named by the id, no role: not counted as program staff",
            )
        ]
    fills = _add_managers(tables)
    staff = tables["staff"]
    owners = set() if deals is None else set(deals["owner_id"].dropna().astype(str))
    ids = sorted(owners - set(staff["staff_id"].dropna()))
    if ids:
        added = _derived("staff", {"staff_id": ids, "name": ids})
        tables["staff"] = pd.concat([staff, added], ignore_index=True)
    return fills + [
        Fill(
            "staff",
            "staff_id",
            len(ids),
            "deal owners (deals.owner_id) without a row in staff: added, named by the id, no "
            "area, no role",
        )
    ]


def _add_managers(tables: dict[str, pd.DataFrame]) -> list[Fill]:
    staff = tables["staff"]
    known = set(staff["staff_id"].dropna())
    people = staff[staff["manager_id"].notna() & ~staff["manager_id"].isin(known)]
    if people.empty:
        return []
    area = (
        people.dropna(subset=["area"])
        .groupby(["manager_id", "area"])
        .size()
        .reset_index(name="n")
        .sort_values(["manager_id", "n", "area"], ascending=[True, False, True])
        .drop_duplicates("manager_id")
        .set_index("manager_id")["area"]
    )
    ids = sorted(people["manager_id"].astype(str).unique())
    added = _derived("staff", {"staff_id": ids, "name": ids, "area": [area.get(i) for i in ids]})
    tables["staff"] = pd.concat([staff, added], ignore_index=True)
    return [
        Fill(
            "staff",
            "staff_id",
            len(ids),
            "managers named in staff.manager_id without a row of their own: added, named by "
            "the id, in the area most of their people are in, no role",
        )
    ]


def staff_defaults(tables: dict[str, pd.DataFrame], profile: Profile) -> list[Fill]:
    """**People without a name** are named by their id. **People without a role** are not
    program staff (:func:`playbook.staff.is_program_staff`). **Program staff without an FTE**
    count as :data:`playbook.staff.DEFAULT_FTE` FTE in headcount (the cell stays blank; 05
    names the people)."""
    staff = tables.get("staff")
    if staff is None:
        return []
    unnamed = staff["name"].isna()
    if unnamed.any():
        staff = staff.copy()
        staff.loc[unnamed, "name"] = staff.loc[unnamed, "staff_id"]
        tables["staff"] = staff
    program = is_program_staff(staff)
    return [
        Fill("staff", "name", int(unnamed.sum()), "people without a name: named by their id"),
        Fill(
            "staff",
            "role",
            int((~program).sum()),
            "people without a role: not program staff (placed in the hierarchy, never counted "
            "in headcount, competency or training shares)",
        ),
        Fill(
            "staff",
            "fte",
            int((program & staff["fte"].isna()).sum()),
            f"program staff without an FTE: counted as {DEFAULT_FTE:.1f} FTE (full time)",
        ),
    ]
