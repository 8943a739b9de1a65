"""Analytics metrics on the tiny fixture; every expected figure is worked out by hand.

Window 2024-01-01 … 2024-12-31. Program deals: D1, D2, D3, D4 (D5 lost, D6 direct, D7 closed
2023-12-31, D8 open are excluded).

Universe: revenue 10000+20000+5000+8000 = 43000; margin 7000+12000+4000+6000 = 29000;
cost of sale 1000+500+250+800 = 2550; units 10+40+5+16 = 71; program expenses 1000+1000+2000+500
= 4500 (2023-12 row outside); investments 3000+1000 = 4000 (I3 outside); AR of 2024-12:
3000+1000+2000 = 6000; headcount on 2024-12-31: M1 1 + M2 0.5 + M3 1 + T1 1 (blank FTE) = 3.5
(T2 left 2024-01-01); active partners P1, P2, P3 = 3 (P4 is a candidate); certification
(2 + 3 + 0) / 3.
"""

import pandas as pd
import pytest

from playbook import analytics
from playbook.workspace import load_workspace


@pytest.fixture
def table(tiny):
    ws = load_workspace(tiny)
    return analytics.drilldown(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")


def row(table, level, group):
    return table[(table["level"] == level) & (table["group"] == group)].iloc[0]


def test_universe_metrics_by_hand(table):
    u = row(table, "universe", "All")
    assert u["revenue"] == 43000
    assert u["deals"] == 4
    assert u["revenue_per_person"] == pytest.approx(43000 / 3.5)
    assert u["margin_per_person"] == pytest.approx(29000 / 3.5)
    assert u["contribution_per_person"] == pytest.approx(26450 / 3.5)
    assert u["asp"] == pytest.approx(43000 / 71)
    assert u["margin_per_unit"] == pytest.approx(29000 / 71)
    assert u["profit_per_unit"] == pytest.approx(17950 / 71)  # 26450 - 4500 - 4000
    assert u["revenue_to_expenses"] == pytest.approx(43000 / 11050)  # 2550 + 4500 + 4000
    assert u["ar_to_revenue"] == pytest.approx(6000 / 43000)
    assert u["revenue_per_partner"] == pytest.approx(43000 / 3)
    assert u["margin_per_partner"] == pytest.approx(29000 / 3)
    assert u["certification_level"] == pytest.approx(5 / 3)


def test_area_drilldown_by_hand(table):
    north = row(table, "area", "North")  # D1, D2, D3; expenses 4000; AR 4000; P1 investment
    assert north["revenue"] == 35000
    assert north["headcount"] == 1.5
    assert north["revenue_per_person"] == pytest.approx(35000 / 1.5)
    assert north["profit_per_unit"] == pytest.approx((23000 - 1750 - 4000 - 3000) / 55)
    assert north["revenue_to_expenses"] == pytest.approx(35000 / 8750)
    assert north["ar_to_revenue"] == pytest.approx(4000 / 35000)
    assert north["certification_level"] == pytest.approx(2.5)
    south = row(table, "area", "South")  # D4; M3 + T1 = 2 FTE; P4 candidate not counted
    assert south["revenue_per_person"] == pytest.approx(4000)
    assert south["revenue_to_expenses"] == pytest.approx(8000 / 2300)
    assert south["profit_per_unit"] == pytest.approx(3700 / 16)
    assert south["active_partners"] == 1


def test_manager_drilldown_by_hand(table):
    m1 = row(table, "manager", "M1")  # only M1's own financial rows: 1000 + 1000
    assert m1["revenue"] == 30000
    assert m1["profit_per_unit"] == pytest.approx(12500 / 50)
    assert m1["revenue_to_expenses"] == pytest.approx(30000 / 6500)
    assert m1["label"] == "Mia North (M1)"
    assert m1["area"] == "North"
    m2 = row(table, "manager", "M2")  # no financial rows: expenses and AR are zero
    assert m2["revenue_per_person"] == pytest.approx(10000)
    assert m2["ar_to_revenue"] == 0
    assert m2["program_expenses"] == 0


def test_trend_by_quarter(tiny):
    ws = load_workspace(tiny)
    trend = analytics.trend(analytics.Inputs.from_workspace(ws), "2024-12-31", "Q", 4)
    assert list(trend.index) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert list(trend["revenue"]) == [10000, 20000, 5000, 8000]
    assert trend.loc["2024Q4", "ar_to_revenue"] == pytest.approx(6000 / 8000)
    assert trend.loc["2024Q1", "asp"] == pytest.approx(1000)


def test_missing_optional_tables_give_missing_metrics_not_zero(tiny):
    ws = load_workspace(tiny)
    inputs = analytics.Inputs(ws.table("partners"), ws.table("deals"))
    u = row(analytics.drilldown(inputs, "2024-01-01", "2024-12-31"), "universe", "All")
    assert pd.isna(u["revenue_per_person"])
    assert pd.isna(u["revenue_to_expenses"])
    assert pd.isna(u["ar_to_revenue"])
    assert u["asp"] == pytest.approx(43000 / 71)


def test_partner_table_and_summary_by_hand(tiny):
    ws = load_workspace(tiny)
    inputs = analytics.Inputs.from_workspace(ws)
    partners = analytics.partner_table(inputs, "2024-01-01", "2024-12-31")
    assert list(partners["partner_id"]) == ["P1", "P3", "P2"]  # 30000, 8000, 5000
    assert partners["share"].iloc[0] == pytest.approx(30000 / 43000)
    table = analytics.drilldown(inputs, "2024-01-01", "2024-12-31")
    found = analytics.summarise(
        table=table, currency="USD", start="2024-01-01", end="2024-12-31", partners=partners
    ).findings
    assert found[0] == (
        "Program revenue USD\u00a043,000 from 4 won partner deals; margin USD\u00a029,000."
    )
    assert "Top partner: Alpha Apps with USD\u00a030,000 (69.8% of program revenue)" in found[-1]
