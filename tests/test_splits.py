"""Several partners per deal: credit lines with exact split credit, deals counted once.

Fixture: the tiny workspace plus deal_partners splitting D2 (influenced, won 2024-06-01, amount
20000, margin 12000, cost of sale 500, 40 units, partner P1) 60 / 40 between P1 (isv) and
"Beta Consulting" (= P2, integrator). Window 2024-01-01 … 2024-12-31, worked by hand:

* D2's lines: P1 12000 / 7200 / 300 / 24 units; P2 8000 / 4800 / 200 / 16 units.
* Program revenue 10000 (D1) + 20000 (D2) + 5000 (D3) + 8000 (D4) = 43000, as without the split;
  per partner P1 10000 + 12000 = 22000, P2 5000 + 8000 = 13000, P3 8000.
* Won partner deals: 4 (D1 D2 D3 D4); per partner P1 2 (D1 D2), P2 2 (D2 D3), P3 1 (D4).
* Per type: isv won D1 D2 = 2, integrator D2 D3 = 2, platform D4 = 1; influenced revenue isv
  12000, integrator 8000; average won deal isv 22000 / 2 = 11000, integrator 13000 / 2 = 6500.
* With a partner, closed in the window: D1 D2 D3 D4 won, D5 lost = 5 deals, win rate 4 / 5;
  average won deal 43000 / 4 = 10750; cycle days D1 60, D2 121, D3 75, D4 121 → median 98
  (counting D2's two lines would give 121).
"""

import pandas as pd
import pytest
from conftest import TINY, problems_of, write_workspace

from playbook import analytics, overlap, requirements
from playbook.deals import (
    average_deal,
    count_deals,
    program_revenue,
    whole_deals,
    won_partner_deals,
)
from playbook.partner_types import type_table, with_without
from playbook.splits import link_shares
from playbook.workspace import check_workspace

LINKS = """\
deal_id,partner_id,split_pct,role,attribution
D2,P1,60,Reseller,
D2,Beta Consulting,40,System Integrator,
"""
START, END = "2024-01-01", "2024-12-31"


def _ws(tmp_path, links=LINKS, deals=TINY["deals"]):
    tables = {**TINY, "deals": deals, "deal_partners": links}
    return write_workspace(tmp_path / "ws", tables)


@pytest.fixture
def split(tmp_path):
    ws, problems = check_workspace(_ws(tmp_path))
    assert [p for p in problems if p.level == "error"] == []
    return ws


def test_link_shares_blank_splits_share_the_rest_and_shares_add_up_to_one():
    links = pd.DataFrame(
        {
            "deal_id": ["A", "A", "B", "B", "B", "C", "C", "D", "D"],
            "split_pct": [60, 40, 50, None, None, None, None, 59.8, 39.9],
        }
    )
    shares = link_shares(links)
    assert shares[:7].tolist() == [0.6, 0.4, 0.5, 0.25, 0.25, 0.5, 0.5]
    assert shares[7:].tolist() == pytest.approx([59.8 / 99.7, 39.9 / 99.7])  # rescaled to 100 %


def test_a_split_deal_becomes_one_credit_line_per_partner(split):
    deals = split.table("deals")
    assert len(deals) == 9
    d2 = deals[deals["deal_id"] == "D2"]
    assert d2[["partner_id", "attribution", "split_share"]].values.tolist() == [
        ["P1", "influenced", 0.6],
        ["P2", "influenced", 0.4],
    ]
    assert d2[["amount", "margin", "cost_of_sale", "units"]].values.tolist() == [
        [12000, 7200, 300, 24],
        [8000, 4800, 200, 16],
    ]
    assert deals.loc[deals["deal_id"] != "D2", "split_share"].eq(1.0).all()
    assert [f.text for f in split.fills if f.table != "staff"] == [
        "deal_partners.partner_id: 'Beta Consulting' read as partner P2 (Beta Consulting) by "
        "company name (1 row)",
        "deals.split_share: deals with several partners in deal_partners: one credit line per "
        "partner (2 lines), amount, margin, cost_of_sale and units × its split (1 row)",
        "deal_partners.attribution: blank: the deal's attribution (2 rows)",
    ]


def test_program_revenue_is_unchanged_and_each_partner_gets_its_split(split):
    deals = split.table("deals")
    assert program_revenue(deals, START, END) == 43000
    assert program_revenue(deals, START, END, by="partner_id").to_dict() == {
        "P1": 22000,
        "P2": 13000,
        "P3": 8000,
    }
    won = won_partner_deals(deals, START, END)
    assert count_deals(won) == 4
    assert count_deals(won, "partner_id").to_dict() == {"P1": 2, "P2": 2, "P3": 1}


def test_partner_types_count_deals_not_credit_lines(split):
    t = type_table(split.table("partners"), split.table("deals"), START, END)
    assert t["won_deals"].to_dict() == {"isv": 2, "integrator": 2, "platform": 1, "ecosystem": 0}
    assert t.loc[["isv", "integrator"], "influenced_revenue"].tolist() == [12000, 8000]
    assert t.loc[["isv", "integrator"], "avg_deal"].tolist() == [11000, 6500]
    ww = with_without(split.table("deals"), START, END, min_deals=1)["with_partner"]
    assert (ww["closed_deals"], ww["win_rate"], ww["avg_deal"]) == (5, 0.8, 10750)
    assert ww["median_cycle_days"] == 98


def test_a_link_may_carry_its_own_attribution(tmp_path):
    links = LINKS.replace("System Integrator,", "System Integrator,sourced")
    ws, _ = check_workspace(_ws(tmp_path, links))
    d2 = ws.table("deals").query("deal_id == 'D2'")
    assert d2[["partner_id", "attribution"]].values.tolist() == [
        ["P1", "influenced"],
        ["P2", "sourced"],
    ]


def test_a_deal_with_partners_only_in_deal_partners_is_attributed_by_the_rules(tmp_path):
    deals = TINY["deals"].replace("D6,,direct,", "D6,,,")
    links = "deal_id,partner_id\nD6,P1\nD6,gamma cloud\n"
    ws, problems = check_workspace(_ws(tmp_path, links, deals))
    assert [p for p in problems if p.level == "error"] == []
    d6 = ws.table("deals").query("deal_id == 'D6'")
    assert d6[["partner_id", "attribution", "amount"]].values.tolist() == [
        ["P1", "influenced", 50000],
        ["P3", "influenced", 50000],
    ]


def test_a_deal_whose_one_partner_is_in_deal_partners_gets_it(tmp_path):
    deals = TINY["deals"].replace("D6,,direct,", "D6,,,")
    ws, problems = check_workspace(_ws(tmp_path, "deal_id,partner_id\nD6,Gamma Cloud\n", deals))
    assert [p for p in problems if p.level == "error"] == []
    d6 = ws.table("deals").query("deal_id == 'D6'")
    assert d6[["partner_id", "attribution", "amount", "split_share"]].values.tolist() == [
        ["P3", "influenced", 100000, 1.0]
    ]
    assert [f.text for f in ws.fills if f.table == "deals"] == [
        "deals.attribution: blank, partner set, any other lead_source → influenced (default "
        "attribution_rules) (1 row)",
        "deals.partner_id: blank, the one partner deal_partners lists (1 row)",
    ]


@pytest.mark.parametrize(
    "links, expected",
    [
        (
            LINKS.replace(",40,", ",30,"),
            [
                (
                    "deal_partners.csv",
                    2,
                    "split_pct",
                    "90",
                    "the splits of deal D2 (rows 2, 3) add up to 90%; a deal's splits must add "
                    "up to 100 (± 0.5)",
                )
            ],
        ),
        (
            LINKS.replace(",60,", ",100,").replace(",40,", ",,"),
            [
                (
                    "deal_partners.csv",
                    2,
                    "split_pct",
                    "100",
                    "the splits of deal D2 (rows 2, 3) add up to 100%; nothing is left for the 1 "
                    "blank split(s); a deal's splits must add up to 100 (± 0.5)",
                )
            ],
        ),
        (
            LINKS.replace("Beta Consulting,40", "alpha apps,40"),
            [
                (
                    "deal_partners.csv",
                    3,
                    "partner_id",
                    "P1",
                    "partner P1 is listed 2 times for deal D2 (rows 2, 3, after reading names and "
                    "domains as partners): list it once",
                )
            ],
        ),
        (
            LINKS.replace("D2,P1,60", "D2,P3,60"),
            [
                (
                    "deals.csv",
                    3,
                    "partner_id",
                    "P1",
                    "deal_partners lists P2, P3 for deal D2: the deal's own partner_id must be "
                    "one of them (or blank)",
                )
            ],
        ),
    ],
)
def test_bad_splits_are_one_error_naming_the_deal(tmp_path, links, expected):
    errors = problems_of(_ws(tmp_path, links))
    assert [(p.file, p.row, p.column, p.value, p.expected) for p in errors] == expected


def test_a_direct_deal_with_listed_partners_is_one_error(tmp_path):
    links = "deal_id,partner_id,split_pct\nD6,P1,50\nD6,P2,50\n"
    errors = problems_of(_ws(tmp_path, links))
    assert [(p.row, p.column, p.expected) for p in errors] == [
        (7, "attribution", "a deal with a partner_id must be sourced or influenced")
    ]


def test_deal_ids_stay_unique_in_the_export_itself(tmp_path):
    deals = TINY["deals"].replace("D3,P2,", "D2,P2,")
    errors = problems_of(_ws(tmp_path, deals=deals))
    assert [(p.row, p.column, p.value) for p in errors][0] == (4, "deal_id", "D2")


def test_the_drill_down_counts_each_deal_once_per_group(split):
    """Areas: North holds P1 and P2, so D2's two lines are one North deal: North D1 D2 D3 = 3
    deals, 35000, 10 + 40 + 5 = 55 units; South D4 = 1. Managers: M1 (P1) D1 D2 = 2 deals,
    22000; M2 (P2) D2 D3 = 2 deals, 13000; M3 (P3) D4. Universe: 4 deals, 43000, 71 units."""
    inputs = analytics.Inputs.from_workspace(split)
    area = analytics.base_totals(inputs, START, END, "area")
    assert area[["deals", "revenue", "units"]].to_dict("index") == {
        "North": {"deals": 3, "revenue": 35000, "units": 55},
        "South": {"deals": 1, "revenue": 8000, "units": 16},
    }
    manager = analytics.base_totals(inputs, START, END, "manager")
    assert manager[["deals", "revenue"]].to_dict("index") == {
        "M1": {"deals": 2, "revenue": 22000},
        "M2": {"deals": 2, "revenue": 13000},
        "M3": {"deals": 1, "revenue": 8000},
    }
    universe = analytics.base_totals(inputs, START, END, "universe").loc["All"]
    assert (universe["deals"], universe["revenue"], universe["units"]) == (4, 43000, 71)


def _open_split_deal():
    """Open deal D1 (10000, account A1) split 60 / 40 between P1 and P2."""
    return pd.DataFrame(
        {
            "deal_id": ["D1", "D1"],
            "partner_id": ["P1", "P2"],
            "account_id": ["A1", "A1"],
            "stage": ["qualified", "qualified"],
            "created_date": pd.to_datetime(["2024-01-01"] * 2),
            "close_date": pd.to_datetime([None, None]),
            "amount": [6000.0, 4000.0],
            "margin": [3000.0, 2000.0],
            "cost_of_sale": [None, None],
            "units": [6.0, 4.0],
            "split_share": [0.6, 0.4],
        }
    )


def test_whole_deals_joins_the_credit_lines_back():
    whole = whole_deals(_open_split_deal())
    assert whole[["deal_id", "amount", "margin", "units", "split_share"]].values.tolist() == [
        ["D1", 10000, 5000, 10, 1.0]
    ]
    assert pd.isna(whole["cost_of_sale"].iloc[0])
    assert average_deal(_open_split_deal()) == 10000


def test_overlap_potential_revenue_takes_the_whole_deal():
    """PX's list overlaps account A1, whose open deal D1 (10000) is split between P1 and P2:
    PX's potential revenue is the whole 10000, one deal (not the 6000 of D1's first line)."""
    matches = pd.DataFrame({"partner_id": ["PX"], "account_id": ["A1"]})
    ours = pd.DataFrame(
        {"account_id": ["A1"], "customer": [True], "prospect": [False], "open_opportunity": [True]}
    )
    partners = pd.DataFrame({"partner_id": ["PX"], "name": ["Partner X"]})
    per = overlap.partner_overlap(matches, ours, _open_split_deal(), partners, None, "2024-06-30")
    assert per[["potential_revenue", "open_deals"]].values.tolist() == [[10000, 1]]
    assert overlap.total_potential(matches, _open_split_deal(), "2024-06-30") == (10000, 1, 1)


def test_joint_solution_revenue_counts_a_split_deal_once():
    """Solution S1 (certified) was sold on D1 (10000, split 6000 P1 / 4000 P2) and D2 (5000,
    P1): revenue 15000 from 2 deals, average deal 7500."""
    deals = pd.DataFrame(
        {
            "deal_id": ["D1", "D1", "D2"],
            "partner_id": ["P1", "P2", "P1"],
            "attribution": ["sourced"] * 3,
            "stage": ["won"] * 3,
            "close_date": pd.to_datetime(["2024-03-01"] * 3),
            "amount": [6000.0, 4000.0, 5000.0],
            "solution_id": ["S1"] * 3,
        }
    )
    solutions = pd.DataFrame(
        {
            "solution_id": ["S1"],
            "partner_id": ["P1"],
            "name": ["Connector"],
            "certification_status": ["certified"],
            "certified_date": pd.to_datetime(["2023-01-01"]),
        }
    )
    partners = pd.DataFrame({"partner_id": ["P1", "P2"], "name": ["Alpha", "Beta"]})
    table, split = requirements.joint_solutions(solutions, partners, deals, "2024-12-31")
    assert table[["revenue", "deals"]].values.tolist() == [[15000, 2]]
    assert split[["revenue", "deals", "average_deal"]].values.tolist() == [[15000, 2, 7500]]
