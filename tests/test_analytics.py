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
from conftest import TINY, write_workspace

from playbook import analytics, analytics_notes
from playbook.workspace import load_workspace

YEAR = ("2024-01-01", "2024-12-31")


@pytest.fixture
def table(tiny):
    ws = load_workspace(tiny)
    return analytics.drilldown(analytics.Inputs.from_workspace(ws), *YEAR)


def row(table, level, group):
    return table[(table["level"] == level) & (table["group"] == group)].iloc[0]


def inputs_of(tmp_path, **changes) -> analytics.Inputs:
    """The tiny workspace with whole tables replaced (``table=csv text``), loaded."""
    path = write_workspace(tmp_path / "ws", TINY | changes)
    return analytics.Inputs.from_workspace(load_workspace(path))


def edited(table: str, *pairs: tuple[str, str]) -> str:
    """The tiny CSV text of ``table`` with each ``(old, new)`` replaced once."""
    text = TINY[table]
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


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
    m2 = row(table, "manager", "M2")  # no financial rows: no expenses of their own ...
    assert m2["revenue_per_person"] == pytest.approx(10000)
    assert m2["program_expenses"] == 0
    # ... but no receivables recorded either: unknown, not zero (the old code said 0).
    assert pd.isna(m2["accounts_receivable"]) and pd.isna(m2["ar_to_revenue"])


def test_trend_by_quarter(tiny):
    """Revenue by close quarter: D1 Q1, D2 Q2, D3 Q3, D4 Q4. Financials have rows in 2024-01
    and 2024-12 only, so Q2 and Q3 have no program expenses on record: missing, not zero
    (the old code made Q2's revenue/expenses 20000 / 500 = 40)."""
    ws = load_workspace(tiny)
    trend = analytics.trend(analytics.Inputs.from_workspace(ws), "2024-12-31", "Q", 4)
    assert list(trend.index) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert list(trend["revenue"]) == [10000, 20000, 5000, 8000]
    assert trend.loc["2024Q4", "ar_to_revenue"] == pytest.approx(6000 / 8000)
    assert trend.loc["2024Q1", "asp"] == pytest.approx(1000)
    # Q1: cost of sale 1000 + expenses 1000 (2024-01) + investment I1 3000 = 5000
    assert trend.loc["2024Q1", "revenue_to_expenses"] == pytest.approx(10000 / 5000)
    # Q4: cost of sale 800 + expenses 1000 + 2000 + 500 + investment I2 1000 = 5300
    assert trend.loc["2024Q4", "revenue_to_expenses"] == pytest.approx(8000 / 5300)
    assert (
        trend[["revenue_to_expenses", "profit_per_unit"]]
        .loc["2024Q2":"2024Q3"]
        .isna()
        .all(axis=None)
    )


def test_trend_counts_partners_and_staff_by_their_dates(tmp_path):
    """2024 by quarter, with P2 inactive since 2024-05-15, P3 signed 2024-11-15 and T2 leaving
    on 2024-06-30:

    active partners  Q1: P1, P2 = 2   Q2: P1, P2 = 2   Q3: P1 = 1   Q4: P1, P3 = 2
    (the old code counted today's active partners: 1, 1, 1, 2)
    revenue / partner  Q1 10000/2 = 5000, Q2 20000/2 = 10000, Q3 5000/1 = 5000, Q4 8000/2 = 4000
    headcount on the quarter's last day: Q1, Q2 M1 1 + M2 0.5 + M3 1 + T1 1 + T2 1 = 4.5 (T2's
    end date 2024-06-30 is Q2's last day: counts); Q3, Q4 3.5
    certification: current value only, so only Q4: (P1 certified 2 + P3 none 0) / 2 = 1.0
    """
    inputs = inputs_of(
        tmp_path,
        partners=edited(
            "partners",
            ("start_date,certification_level", "start_date,end_date,certification_level"),
            (
                "P1,Alpha Apps,isv,active,North,M1,2023-01-01,",
                "P1,Alpha Apps,isv,active,North,M1,2023-01-01,,",
            ),
            ("active,North,M2,2023-06-01,", "inactive,North,M2,2023-06-01,2024-05-15,"),
            ("M3,2024-02-01,", "M3,2024-11-15,,"),
            ("M3,,expert", "M3,,,expert"),
        ),
        staff=edited("staff", ("1,2022-01-01,2024-01-01", "1,2022-01-01,2024-06-30")),
    )
    trend = analytics.trend(inputs, "2024-12-31", "Q", 4)
    assert list(trend["revenue_per_partner"]) == [5000, 10000, 5000, 4000]
    assert list(trend["revenue_per_person"]) == pytest.approx(
        [10000 / 4.5, 20000 / 4.5, 5000 / 3.5, 8000 / 3.5]
    )
    assert trend["certification_level"].iloc[:3].isna().all()
    assert trend.loc["2024Q4", "certification_level"] == pytest.approx(1.0)


def test_missing_optional_tables_give_missing_metrics_not_zero(tiny):
    ws = load_workspace(tiny)
    inputs = analytics.Inputs(ws.table("partners"), ws.table("deals"))
    u = row(analytics.drilldown(inputs, *YEAR), "universe", "All")
    assert pd.isna(u["revenue_per_person"])
    assert pd.isna(u["revenue_to_expenses"])
    assert pd.isna(u["ar_to_revenue"])
    assert u["asp"] == pytest.approx(43000 / 71)
    assert analytics_notes.missing_inputs(inputs, *YEAR) == {
        "headcount": "staff.csv not supplied",
        "investments": "investments.csv not supplied",
        "program_expenses": "financials.csv not supplied",
        "accounts_receivable": "financials.csv not supplied",
    }


CRM_DEALS = """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount
D1,P1,sourced,won,2024-01-10,2024-03-10,10000
D2,P1,influenced,won,2024-02-01,2024-06-01,20000
D3,P2,sourced,won,2024-05-01,2024-07-15,5000
D4,P3,sourced,won,2024-09-01,2024-12-31,8000
"""


def test_crm_export_without_margin_cost_or_units_shows_them_missing(tmp_path):
    """Deals with no margin, cost_of_sale or units column (a plain CRM export): revenue 43000
    and revenue/person 43000 / 3.5 stand; every figure built on margin, cost of sale or units
    is missing with the reason, and no finding cites them (the old code crashed)."""
    inputs = inputs_of(tmp_path, deals=CRM_DEALS)
    table = analytics.drilldown(inputs, *YEAR)
    u = row(table, "universe", "All")
    assert u["revenue"] == 43000
    assert u["revenue_per_person"] == pytest.approx(43000 / 3.5)
    assert u["revenue_per_partner"] == pytest.approx(43000 / 3)
    for key in (
        "margin",
        "cost_of_sale",
        "units",
        "contribution",
        "profit",
        "margin_per_person",
        "contribution_per_person",
        "asp",
        "margin_per_unit",
        "profit_per_unit",
        "revenue_to_expenses",
        "margin_per_partner",
    ):
        assert pd.isna(u[key]), key
    assert table.loc[table["level"] != "universe", "margin"].isna().all()
    missing = analytics_notes.missing_inputs(inputs, *YEAR)
    assert missing == {
        "margin": "Margin (deals.csv) not supplied",
        "cost_of_sale": "Cost of sale (deals.csv) not supplied",
        "units": "Units (deals.csv) not supplied",
    }
    partners = analytics.partner_table(inputs, *YEAR)
    assert partners["margin"].isna().all()
    result = analytics.summarise(
        table=table, currency="USD", start=YEAR[0], end=YEAR[1], partners=partners, missing=missing
    )
    assert result.findings[0] == (
        "Program revenue was USD\u00a043,000 from 4 won partner deals in the last 12 months."
    )
    assert not any("margin" in f or "spent" in f for f in result.findings)
    assert result.headline["Revenue ÷ expenses"] == "—"
    assert result.figures["missing"] == missing and pd.isna(result.figures["margin_per_person"])
    trend = analytics.trend(inputs, "2024-12-31", "Q", 4)
    assert trend["margin"].isna().all() and list(trend["revenue"]) == [10000, 20000, 5000, 8000]


def test_margin_column_blank_everywhere_is_not_supplied_not_zero(tmp_path):
    """A margin column with no value: before, margin summed to 0 and margin/person showed
    USD 0; now missing, "not supplied"."""
    header, *rows = TINY["deals"].splitlines()
    assert header.split(",")[7] == "margin"
    blanked = [",".join(f[:7] + [""] + f[8:]) for f in (r.split(",") for r in rows)]
    deals = "\n".join([header, *blanked]) + "\n"
    inputs = inputs_of(tmp_path, deals=deals)
    u = row(analytics.drilldown(inputs, *YEAR), "universe", "All")
    assert pd.isna(u["margin"]) and pd.isna(u["margin_per_person"])
    assert u["cost_of_sale"] == 2550  # the other columns are untouched
    assert (
        analytics_notes.missing_inputs(inputs, *YEAR)["margin"] == "Margin (deals.csv) not supplied"
    )


def test_a_blank_margin_or_units_on_one_deal_makes_its_groups_totals_missing(tmp_path):
    """D2 (P1, North, M1) has no margin and D4 (P3, South, M3) no units.

    Margin: universe and North and M1 missing (a sum without D2 would say 17000 instead of an
    unknown total; the old code did); South 6000, M2 4000 stand. Contribution and profit follow
    margin. Units: universe and South missing, so ASP and profit/unit there too; North's ASP
    35000 / 55 stands. Revenue is untouched: 43000.
    """
    deals = edited(
        "deals",
        ("2024-06-01,20000,12000,500,40", "2024-06-01,20000,,500,40"),
        ("2024-12-31,8000,6000,800,16", "2024-12-31,8000,6000,800,"),
    )
    inputs = inputs_of(tmp_path, deals=deals)
    table = analytics.drilldown(inputs, *YEAR)
    u = row(table, "universe", "All")
    assert u["revenue"] == 43000
    assert pd.isna(u["margin"]) and pd.isna(u["contribution"]) and pd.isna(u["profit"])
    assert pd.isna(u["units"]) and pd.isna(u["asp"])
    assert pd.isna(row(table, "area", "North")["margin"])
    assert pd.isna(row(table, "manager", "M1")["margin_per_person"])
    assert row(table, "area", "South")["margin"] == 6000
    assert row(table, "manager", "M2")["margin"] == 4000
    assert row(table, "area", "North")["asp"] == pytest.approx(35000 / 55)
    assert pd.isna(row(table, "area", "South")["profit_per_unit"])
    assert analytics_notes.missing_inputs(inputs, *YEAR) == {
        "margin": "Margin (deals.csv) blank on 1 of 4 won partner deals in the window (D2)",
        "units": "Units (deals.csv) blank on 1 of 4 won partner deals in the window (D4)",
    }
    partners = analytics.partner_table(inputs, *YEAR).set_index("partner_id")
    assert pd.isna(partners.loc["P1", "margin"]) and partners.loc["P2", "margin"] == 4000


def test_areas_with_staff_or_expenses_but_no_partner_add_up_to_the_universe(tmp_path):
    """A marketer W1 (1 FTE) and a 2024-06 expense row of 700 in area West, which has no
    partner. West: revenue 0, headcount 1, expenses 700, profit 0 - 700 - 0 = -700. Universe
    headcount 3.5 + 1 = 4.5, expenses 4500 + 700 = 5200; the areas add up to it (the old code
    dropped West, so its cost sat in the universe only)."""
    inputs = inputs_of(
        tmp_path,
        staff=TINY["staff"] + "W1,Wendy West,West,marketing,1,2022-01-01,\n",
        financials=TINY["financials"] + "2024-06,West,,700,\n",
    )
    table = analytics.drilldown(inputs, *YEAR)
    west = row(table, "area", "West")
    assert (west["revenue"], west["headcount"], west["program_expenses"]) == (0, 1, 700)
    assert west["profit"] == -700
    areas = table[table["level"] == "area"]
    u = row(table, "universe", "All")
    for total in ("revenue", "headcount", "program_expenses", "investments", "active_partners"):
        assert areas[total].sum() == pytest.approx(u[total]), total
    assert u["headcount"] == 4.5 and u["program_expenses"] == 5200
    assert "W1" not in set(table.loc[table["level"] == "manager", "group"])  # not a manager


def test_staff_ending_on_the_windows_last_day_counts(tmp_path):
    """T2's end date 2024-12-31 is the window's last day: on board, so headcount 3.5 + 1."""
    inputs = inputs_of(
        tmp_path, staff=edited("staff", ("2022-01-01,2024-01-01", "2022-01-01,2024-12-31"))
    )
    assert row(analytics.drilldown(inputs, *YEAR), "universe", "All")["headcount"] == 4.5


def test_blank_receivables_and_certification_are_left_out_and_said(tmp_path):
    """2024-12 row "North, area-wide" leaves receivables blank: North AR = M1's 3000, universe
    3000 + 2000 = 5000. P2 has no certification level: mean of P1 (2) and P3 (0) = 1.0, not
    (2 + 0 + 0) / 3. T1's blank FTE counts as 1.0 and the notes say so; D6 (direct, no owner)
    cannot be placed by area or manager."""
    inputs = inputs_of(
        tmp_path,
        financials=edited("financials", ("2024-12,North,,2000,1000", "2024-12,North,,2000,")),
        partners=edited("partners", ("2023-06-01,advanced", "2023-06-01,")),
    )
    table = analytics.drilldown(inputs, *YEAR)
    u = row(table, "universe", "All")
    assert u["accounts_receivable"] == 5000
    assert row(table, "area", "North")["accounts_receivable"] == 3000
    assert u["certification_level"] == pytest.approx(1.0)
    assert analytics_notes.data_notes(inputs, *YEAR) == [
        "FTE (staff.csv) blank for 1 of the people on board on 2024-12-31 (T1): each counted "
        "as 1.0 FTE (full time).",
        "Accounts receivable (financials.csv) blank on 1 of 3 rows of 2024-12: left out of "
        "accounts receivable (a group none of whose rows carries a value shows —).",
        "Direct revenue and won direct deals by area and manager are missing (—): "
        "Owner id (deals.csv) not supplied; the whole program counts all 1 won direct deals "
        "of the window.",
        "Certification level (partners.csv) blank for 1 of 3 active partners (P2): the level of "
        "certification is the mean of the other 2.",
    ]


def test_no_certification_level_at_all_is_missing(tmp_path):
    partners = edited(
        "partners",
        ("2023-01-01,certified", "2023-01-01,"),
        ("2023-06-01,advanced", "2023-06-01,"),
        ("2024-02-01,none", "2024-02-01,"),
    )
    inputs = inputs_of(tmp_path, partners=partners)
    assert pd.isna(
        row(analytics.drilldown(inputs, *YEAR), "universe", "All")["certification_level"]
    )
    assert analytics_notes.missing_inputs(inputs, *YEAR) == {
        "certification_level": ("Certification level (partners.csv) blank for every active partner")
    }


def test_partner_share_is_of_program_revenue(tmp_path):
    """P2 inactive (no end date): not an active partner, but its D3 (5000) is program revenue.
    P1's share 30000 / 43000 = 69.8% (the old code divided by the active partners' 38000:
    78.9%); P2 is listed for its revenue, so the shares add up to 100%; the top five are the
    current partners only (P2's agreement has ended): (30000 + 8000) / 43000 = 88.4%; 0 of 2
    active partners won nothing."""
    inputs = inputs_of(
        tmp_path, partners=edited("partners", ("active,North,M2", "inactive,North,M2"))
    )
    partners = analytics.partner_table(inputs, *YEAR)
    assert list(partners["partner_id"]) == ["P1", "P3", "P2"]  # 30000, 8000, 5000
    assert list(partners["active"]) == [True, True, False]
    assert list(partners["current"]) == [True, True, False]
    assert list(partners["share"]) == pytest.approx([30000 / 43000, 8000 / 43000, 5000 / 43000])
    table = analytics.drilldown(inputs, *YEAR)
    found = analytics.summarise(
        table=table, currency="USD", start=YEAR[0], end=YEAR[1], partners=partners
    ).findings
    assert found[-1] == (
        "Top partner: Alpha Apps with USD\u00a030,000 (69.8% of program revenue); the top five "
        "bring 88.4%; 0 of the 2 partners active in the window won nothing in it."
    )


def test_partner_table_and_summary_by_hand(tiny):
    ws = load_workspace(tiny)
    inputs = analytics.Inputs.from_workspace(ws)
    partners = analytics.partner_table(inputs, *YEAR)
    assert list(partners["partner_id"]) == ["P1", "P3", "P2"]  # 30000, 8000, 5000
    assert partners["share"].iloc[0] == pytest.approx(30000 / 43000)
    table = analytics.drilldown(inputs, *YEAR)
    found = analytics.summarise(
        table=table, currency="USD", start=YEAR[0], end=YEAR[1], partners=partners
    ).findings
    assert found[0] == (
        "Program revenue was USD\u00a043,000 from 4 won partner deals in the last 12 months."
    )
    assert "Top partner: Alpha Apps with USD\u00a030,000 (69.8% of program revenue)" in found[-1]


HIERARCHY_STAFF = """\
staff_id,name,area,role,fte,start_date,end_date,manager_id
M1,Mia North,North,channel_manager,1,2022-01-01,,
M2,Max North,North,channel_manager,0.5,2022-01-01,,
M3,Sam South,South,channel_manager,1,2022-01-01,,
T1,Tess Tech,South,technical,,2022-01-01,,
T2,Ted Gone,South,technical,1,2022-01-01,2024-01-01,
R1,Rita Rep,North,,,,,SM1
R2,Rob Rep,East,,,,,
SM1,Sue Sales,North,,,,,
"""
HIERARCHY_DEALS = (
    TINY["deals"]
    .replace("deal_id,", "owner_id,deal_id,")
    .replace("\nD", "\n,D")
    .replace("\n,D6,", "\nR1,D6,")
    + """\
SM1,D9,,direct,won,2024-07-01,2024-08-01,3000,,,
R2,D10,,direct,won,2024-08-01,2024-09-01,700,,,
,D11,,direct,won,2024-09-01,2024-10-01,50,,,
R2,D12,,direct,lost,2024-09-01,2024-10-01,900,,,
R2,D13,,direct,won,2023-05-01,2023-06-01,400,,,
"""
)


def test_direct_deals_drill_down_by_their_owners_area_and_manager(tmp_path):
    """Won direct deals closed in 2024: D6 100000 (owner R1: North, manager SM1), D9 3000 (owner
    SM1, who has no manager: North, SM1 himself), D10 700 (R2: East, no manager → R2), D11 50 (no
    owner: universe only). D12 is lost, D13 closed in 2023. Universe 103750 from 4 deals; North
    103000 (2), East 700 (1), South 0; managers SM1 103000 (2), R2 700 (1), M1–M3 0. The sales
    people have no role: North's headcount stays M1 + M2 = 1.5, East has none. Partner figures
    are those of the tiny fixture, unchanged."""
    inputs = inputs_of(tmp_path, staff=HIERARCHY_STAFF, deals=HIERARCHY_DEALS)
    table = analytics.drilldown(inputs, *YEAR)
    direct = table.set_index(["level", "group"])[["direct_revenue", "direct_deals"]]
    assert direct.to_dict("index") == {
        ("universe", "All"): {"direct_revenue": 103750.0, "direct_deals": 4.0},
        ("area", "East"): {"direct_revenue": 700.0, "direct_deals": 1.0},
        ("area", "North"): {"direct_revenue": 103000.0, "direct_deals": 2.0},
        ("area", "South"): {"direct_revenue": 0.0, "direct_deals": 0.0},
        ("manager", "M1"): {"direct_revenue": 0.0, "direct_deals": 0.0},
        ("manager", "M2"): {"direct_revenue": 0.0, "direct_deals": 0.0},
        ("manager", "M3"): {"direct_revenue": 0.0, "direct_deals": 0.0},
        ("manager", "R2"): {"direct_revenue": 700.0, "direct_deals": 1.0},
        ("manager", "SM1"): {"direct_revenue": 103000.0, "direct_deals": 2.0},
    }
    sm1, r2 = row(table, "manager", "SM1"), row(table, "manager", "R2")
    assert (sm1["area"], sm1["label"], sm1["revenue"]) == ("North", "Sue Sales (SM1)", 0)
    assert (r2["area"], r2["label"]) == ("East", "Rob Rep (R2)")
    north, east = row(table, "area", "North"), row(table, "area", "East")
    assert (north["revenue"], north["headcount"]) == (35000, 1.5)
    assert (east["revenue"], east["headcount"], east["active_partners"]) == (0, 0, 0)
    assert pd.isna(east["revenue_per_person"])
    u = row(table, "universe", "All")
    assert (u["revenue"], u["deals"], u["headcount"]) == (43000, 4, 3.5)
    notes = analytics_notes.data_notes(inputs, *YEAR)
    assert [n for n in notes if "direct" in n] == [
        "1 of 4 won direct deals in the window have no owner with an area in staff.csv (D11): "
        "counted in the whole program only, not by area.",
        "1 of 4 won direct deals in the window have no owner with a manager in staff.csv (D11): "
        "counted in the whole program only, not by manager.",
    ]


def test_a_sales_hierarchy_alone_is_no_program_headcount(tmp_path):
    """Staff with no role at all (the CRM's sales team): headcount is unknown, with the reason,
    never 0 FTE. M1 has no name: the drill-down labels it by its id alone."""
    staff = "staff_id,name,area,manager_id\nR1,Rita Rep,North,SM1\nSM1,Sue Sales,North,\n"
    staff += "M1,,North,\nM2,,North,\nM3,,South,\n"
    inputs = inputs_of(tmp_path, staff=staff, deals=HIERARCHY_DEALS)
    table = analytics.drilldown(inputs, *YEAR)
    u = row(table, "universe", "All")
    assert row(table, "manager", "M1")["label"] == "M1"  # named by its id: shown once
    assert row(table, "manager", "SM1")["label"] == "Sue Sales (SM1)"
    assert pd.isna(u["headcount"]) and pd.isna(u["revenue_per_person"])
    assert analytics_notes.missing_inputs(inputs, *YEAR)["headcount"] == (
        "staff.csv lists no program staff (no one has a role)"
    )


def test_trend_leaves_out_periods_before_the_deals_history_and_labels_partial_ones(tiny):
    """TINY's deals start 2023-10-01 (history start). Quarterly to 2024-02-15, 4 periods:
    2023Q2 and 2023Q3 end before the history (left out: unknown, not zero); 2023Q4 starts on
    2023-10-01 exactly (whole); 2024Q1 is cut at the as-of date (labelled to 2024-02-15).
    Monthly to 2023-10-15: 2023-09 is left out, 2023-10 is cut. As of 2023-06-30 every period
    is before the history: an empty trend with the metric columns."""
    inputs = analytics.Inputs.from_workspace(load_workspace(tiny))
    quarterly = analytics.trend(inputs, "2024-02-15", "Q", 4)
    assert list(quarterly.index) == ["2023Q4", "2024Q1 (to 2024-02-15)"]
    monthly = analytics.trend(inputs, "2023-10-15", "M", 2)
    assert list(monthly.index) == ["2023-10 (to 2023-10-15)"]
    empty = analytics.trend(inputs, "2023-06-30", "Q", 2)
    assert empty.empty and {"revenue", "deals", "asp"} <= set(empty.columns)
