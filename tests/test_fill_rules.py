"""The fill rules for blanks CRM exports leave, on a CRM-shaped workspace worked out by hand.

CRM fixture (deals as an opportunities export leaves them; price list as a products export
``product, series, sales_price``; no accounts table, no staff table):

=====  =======  =========  =======  ==========  ==========  ======  =====  ======  ==========
deal   partner  stage      account  created     closed      amount  margn  units   product
=====  =======  =========  =======  ==========  ==========  ======  =====  ======  ==========
O1     P1       won        Acme     2024-01-05  2024-02-01  1000    —      2       GTX Basic
O2     —        lost       Acme     2024-01-06  2024-03-01  —       —      —       GTX Pro
O3     —        lead       Beta     —           —           —       —      3       GTX Basic
O4     —        qualified  Beta     2024-02-01  —           —       —      —       gtx-pro
O5     —        proposal   Gamma    2024-02-02  —           —       —      —       MG Special
O6     —        won        —        —           2024-04-01  500     200    1       GTX Pro
=====  =======  =========  =======  ==========  ==========  ======  =====  ======  ==========

* price list: O3 = 550 × 3 = 1650; O4 ("gtx-pro" is "GTX Pro") = 4821 × 1 (no units) → 2 rows,
  1 without units. O5's product is not listed: its value stays unknown (1 open deal); O2 is
  lost: unknown (1 lost deal), never priced.
* no created date: O3, O6 → 2 rows.
* default margin 25%: O1 (won, no margin) → 250; O6 keeps its 200 → 1 row.
* accounts: Acme, Beta, Gamma (3); Acme has won O1 → customer; Beta, Gamma prospects.
* staff: owners A1, A2, A3 → 3 people, no role (3 rows without a role), no FTE rule.
"""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import PROFILE, write_workspace

from playbook.cli import main
from playbook.problems import Severity
from playbook.workspace import check_workspace, load_workspace

CRM = {
    "partners": """\
partner_id,name,type,status,area
P1,Alpha Apps,isv,active,Central
""",
    "deals": """\
deal_id,partner_id,attribution,account_id,stage,created_date,close_date,amount,margin,units,product,owner_id
O1,P1,sourced,Acme,won,2024-01-05,2024-02-01,1000,,2,GTX Basic,A1
O2,,direct,Acme,lost,2024-01-06,2024-03-01,,,,GTX Pro,A1
O3,,direct,Beta,lead,,,,,3,GTX Basic,A2
O4,,direct,Beta,qualified,2024-02-01,,,,,gtx-pro,A3
O5,,direct,Gamma,proposal,2024-02-02,,,,,MG Special,A3
O6,,direct,,won,,2024-04-01,500,200,1,GTX Pro,A2
""",
    "price_list": """\
product,series,sales_price
GTX Basic,GTX,550
GTX Pro,GTX,4821
""",
}
CRM_PROFILE = (
    PROFILE
    + """\
default_margin_pct: 25
column_names:
  price_list: {sales_price: list_price}
"""
)

SALES_TEAMS = """\
sales_agent,manager,regional_office
A1,Dustin Brinkmann,Central
A2,Dustin Brinkmann,Central
A3,Melvin Marxen,East
A4,Melvin Marxen,West
A5,Melvin Marxen,West
A6,Cara Losch,East
A7,Cara Losch,West
"""
SALES_PROFILE = (
    CRM_PROFILE
    + """\
  staff: {sales_agent: staff_id, manager: manager_id, regional_office: area}
"""
)


@pytest.fixture
def crm(tmp_path):
    return load_workspace(write_workspace(tmp_path / "crm", CRM, CRM_PROFILE))


def texts(ws) -> list[str]:
    return [f.text for f in ws.fills]


def test_every_rule_reports_its_exact_row_count(crm):
    assert texts(crm) == [
        "deals.amount: open deals without an amount: list price × units from the price list "
        "(1 without units counted as 1 unit) (2 rows)",
        "deals.amount: open deals without an amount: pipeline value unknown, never counted as 0 "
        "(pipeline figures say how many open deals they cover) (1 row)",
        "deals.amount: lost deals without an amount: value unknown, never counted as 0 (1 row)",
        "deals.created_date: deals without a created date: left out of cycle times, velocity, "
        "lead counts and the deals open at the as-of date (no date made up) (2 rows)",
        "deals.margin: won deals without a margin: amount × 25% (profile.yaml "
        "default_margin_pct) (1 row)",
        "accounts.account_id: no accounts table: one account per distinct deals.account_id, "
        "named by its id (3 rows)",
        "accounts.status: accounts without a status: customer when the account has a won deal, "
        "else prospect (1 as customer, 2 as prospect) (3 rows)",
        "staff.staff_id: no staff table: one person per distinct deals.owner_id (and other "
        "staff id the tables name), named by the id, no role: not counted as program staff "
        "(3 rows)",
        "staff.role: people without a role: not program staff (placed in the hierarchy, never "
        "counted in headcount, competency or training shares) (3 rows)",
    ]


def test_amounts_from_the_price_list_and_unknown_ones_stay_blank(crm):
    amount = crm.table("deals").set_index("deal_id")["amount"]
    assert amount.to_dict() == pytest.approx(
        {"O1": 1000.0, "O2": float("nan"), "O3": 1650.0, "O4": 4821.0, "O5": float("nan")}
        | {"O6": 500.0},
        nan_ok=True,
    )


def test_undated_deals_keep_a_blank_created_date_and_margins_default_only_where_blank(crm):
    deals = crm.table("deals").set_index("deal_id")
    assert list(deals.index[deals["created_date"].isna()]) == ["O3", "O6"]
    assert deals.loc["O1", "margin"] == 250.0
    assert deals.loc["O6", "margin"] == 200.0
    assert deals.loc[["O2", "O3", "O4", "O5"], "margin"].isna().all()


def test_accounts_and_staff_derived_from_the_deals(crm):
    accounts = crm.table("accounts")
    assert accounts[["account_id", "name", "status"]].values.tolist() == [
        ["Acme", "Acme", "customer"],
        ["Beta", "Beta", "prospect"],
        ["Gamma", "Gamma", "prospect"],
    ]
    staff = crm.table("staff")
    assert staff["staff_id"].tolist() == ["A1", "A2", "A3"]
    assert staff["name"].tolist() == ["A1", "A2", "A3"]
    assert staff[["area", "manager_id", "role", "fte"]].isna().all().all()
    assert crm.has("accounts") and crm.has("staff")


def test_without_the_price_list_or_the_profile_key_nothing_is_made_up(tmp_path):
    tables = {k: v for k, v in CRM.items() if k != "price_list"}
    ws = load_workspace(write_workspace(tmp_path / "ws", tables))
    deals = ws.table("deals").set_index("deal_id")
    assert deals["amount"].isna().tolist() == [False, True, True, True, True, False]
    assert deals.loc["O1", "margin"] != deals.loc["O1", "margin"]  # NaN: no default margin
    assert texts(ws)[0].startswith("deals.amount: open deals without an amount: pipeline value")
    assert texts(ws)[0].endswith("(3 rows)")


def test_a_sales_team_list_adds_its_managers_in_their_peoples_area(tmp_path):
    """Dustin's people are both in Central; Melvin's are East 1, West 2 → West; Cara's are East
    1, West 1 → a tie, East first alphabetically. Agents have no name (named by id) and nobody
    has a role (7 agents + 3 managers)."""
    tables = CRM | {"staff": SALES_TEAMS}
    ws = load_workspace(write_workspace(tmp_path / "ws", tables, SALES_PROFILE))
    staff = ws.table("staff").set_index("staff_id")
    added = staff.loc[["Cara Losch", "Dustin Brinkmann", "Melvin Marxen"]]
    assert added["area"].tolist() == ["East", "Central", "West"]
    assert added["manager_id"].isna().all()
    assert staff.loc["A4", "name"] == "A4"
    assert [t for t in texts(ws) if t.startswith("staff.")] == [
        "staff.staff_id: managers named in staff.manager_id without a row of their own: added, "
        "named by the id, in the area most of their people are in, no role (3 rows)",
        "staff.name: people without a name: named by their id (7 rows)",
        "staff.role: people without a role: not program staff (placed in the hierarchy, never "
        "counted in headcount, competency or training shares) (10 rows)",
    ]


def test_a_won_deal_without_an_amount_is_an_error_naming_file_row_and_column(tmp_path):
    tables = CRM | {"deals": CRM["deals"].replace("2024-04-01,500,200", "2024-04-01,,200")}
    _, problems = check_workspace(write_workspace(tmp_path / "ws", tables, CRM_PROFILE))
    (error,) = [p for p in problems if p.level == Severity.ERROR]
    assert (error.file, error.row, error.column) == ("deals.csv", 7, "amount")
    assert error.expected == "a won deal needs an amount: it is revenue"


def test_blank_fte_of_program_staff_is_a_reported_rule(tmp_path):
    """A program-team list (M1 without FTE, R1 without name or role) while the deals are owned
    by A1–A3, whom it does not list: they are added (3), R1 named by id, 4 people without a
    role, M1 counted at 1.0 FTE (the cell stays blank)."""
    staff = "staff_id,name,area,role,fte\nM1,Mia,North,channel_manager,\nR1,,North,,\n"
    ws = load_workspace(write_workspace(tmp_path / "ws", CRM | {"staff": staff}, CRM_PROFILE))
    assert [t for t in texts(ws) if t.startswith("staff.")] == [
        "staff.staff_id: deal owners (deals.owner_id) without a row in staff: added, named by "
        "the id, no area, no role (3 rows)",
        "staff.name: people without a name: named by their id (1 row)",
        "staff.role: people without a role: not program staff (placed in the hierarchy, never "
        "counted in headcount, competency or training shares) (4 rows)",
        "staff.fte: program staff without an FTE: counted as 1.0 FTE (full time) (1 row)",
    ]
    assert pd.isna(ws.table("staff").set_index("staff_id").loc["M1", "fte"])


def test_playbook_check_lists_every_rule(tmp_path):
    path = write_workspace(tmp_path / "crm", CRM, CRM_PROFILE)
    result = CliRunner().invoke(main, ["check", str(path)], terminal_width=400)
    assert result.exit_code == 0, result.output
    rules = [line for line in result.output.splitlines() if "rule applied:" in line]
    assert len(rules) == 9
    assert sum(line.startswith("NOTE deals.csv, column amount — rule") for line in rules) == 3
    # the derived tables are no longer reported as not supplied
    assert "NOTE accounts.csv — optional table not supplied" not in result.output
    assert "NOTE staff.csv — optional table not supplied" not in result.output
    assert "NOTE campaigns.csv — optional table not supplied" in result.output
    assert any(
        line.startswith("NOTE accounts (derived), column status — rule applied: accounts ")
        for line in rules
    ), rules
