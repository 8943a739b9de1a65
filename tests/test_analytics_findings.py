"""Trend 5's conclusions (playbook.analytics_findings, playbook.analytics.summarise) and the
report's scorecard, tables and chart titles (playbook.analytics_views), on the tiny fixture;
every figure worked out by hand (the fixture's figures: tests/test_analytics.py).

Window 2024, previous window 2023. 2023: program deal D7 (P1, 7000, cost of sale 100);
active partners P1, P2 (P3 starts 2024-02-01) = 2; staff on board on 2023-12-31: M1 1 +
M2 0.5 + M3 1 + T1 1 (blank FTE) + T2 1 (leaves 2024-01-01) = 4.5; expenses: cost of sale 100
+ 2023-12 program expenses 9999 + investment I3 5000 = 15099; receivables of 2023-12: 500.
"""

import pandas as pd
import pytest

from playbook import analytics, analytics_findings, analytics_views
from playbook.results import Urgency
from playbook.workspace import load_workspace

YEAR = ("2024-01-01", "2024-12-31")
PREVIOUS = ("2023-01-01", "2023-12-31")


@pytest.fixture
def tiny_run(tiny):
    inputs = analytics.Inputs.from_workspace(load_workspace(tiny))
    return {
        "inputs": inputs,
        "table": analytics.drilldown(inputs, *YEAR),
        "previous": analytics.drilldown(inputs, *PREVIOUS),
        "partners": analytics.partner_table(inputs, *YEAR),
        "trend": analytics.trend(inputs, "2024-12-31", "Q", 4),
    }


def _summary(run, **changes):
    args = {
        "table": run["table"],
        "currency": "USD",
        "start": YEAR[0],
        "end": YEAR[1],
        "partners": run["partners"],
        "previous": run["previous"],
        "trend": run["trend"],
    }
    return analytics.summarise(**(args | changes))


def test_previous_window_is_the_same_months_just_before():
    prev = analytics_findings.previous_window
    assert prev(*YEAR) == (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"))
    # cut at a mid-month as-of date: the same dates a window earlier
    assert prev("2025-10-01", "2026-09-15") == (
        pd.Timestamp("2024-10-01"),
        pd.Timestamp("2025-09-15"),
    )
    assert prev("2024-03-01", "2024-03-31") == (
        pd.Timestamp("2024-02-01"),
        pd.Timestamp("2024-02-29"),
    )
    # the deals' history starts 2023-10-01: the year 2023 is not covered, so no comparison
    assert prev(*YEAR, history=pd.Timestamp("2023-10-01")) is None


def test_the_tiny_history_does_not_cover_the_year_before(tiny_run):
    """D7 was created 2023-10-01, the first date in the deals."""
    assert analytics.previous_window(tiny_run["inputs"], *YEAR) is None


def test_scorecard_by_hand(tiny_run):
    card = analytics_findings.scorecard(tiny_run["table"], tiny_run["previous"])
    card = card.set_index("key")
    assert card.loc["revenue", ["now", "before"]].tolist() == [43000, 7000]
    assert card.loc["revenue", "change"] == pytest.approx(43000 / 7000 - 1)
    assert card.loc["active_partners", ["now", "before"]].tolist() == [3, 2]
    assert card.loc["revenue_per_person", "before"] == pytest.approx(7000 / 4.5)
    assert card.loc["revenue_to_expenses", "before"] == pytest.approx(7000 / 15099)
    # a share changes by points: 6000 / 43000 − 500 / 7000
    assert card.loc["ar_to_revenue", "change"] == pytest.approx(6000 / 43000 - 500 / 7000)
    # certification: today's level only, never compared with a previous period
    assert pd.isna(card.loc["certification_level", "before"])
    view, caption = analytics_views.scorecard_section(
        tiny_run["table"],
        tiny_run["previous"],
        "USD",
        *YEAR,
        before=tuple(pd.Timestamp(d) for d in PREVIOUS),
    )
    rows = view.set_index("Measure")
    assert list(view.columns) == [
        "Measure",
        "Focus",
        "2024-01-01 to 2024-12-31",
        "2023-01-01 to 2023-12-31",
        "Change",
    ]
    assert rows.loc["Program revenue"].tolist()[1:] == [
        "USD\xa043,000",
        "USD\xa07,000",
        "+514.3%",
    ]
    assert rows.loc["Revenue per partner"].tolist()[1:] == [
        "USD\xa014,333",
        "USD\xa03,500",
        "+309.5%",
    ]
    assert rows.loc["Revenue ÷ expenses"].tolist()[1:] == ["3.89", "0.46", "+739.4%"]
    assert rows.loc["Receivables, share of revenue"].tolist()[1:] == [
        "14.0%",
        "7.1%",
        "+6.8 points",
    ]
    assert rows.loc["Level of certification"].tolist()[1:] == ["1.67 of 4", "—", "—"]
    assert caption == "Scorecard, this window against the one before"


def test_scorecard_without_a_previous_window_says_why(tiny_run):
    view, caption = analytics_views.scorecard_section(tiny_run["table"], None, "USD", *YEAR)
    assert "Previous period" in view.columns and set(view["Change"]) == {"—"}
    assert "history does not cover" in caption


def test_takeaways_by_hand(tiny_run):
    """Quarterly revenue 10000, 20000, 5000, 8000: Q1 → Q4 fell 20%. Revenue per person:
    North 35000 / 1.5 = 23,333, South 8000 / 2 = 4,000. Revenue per partner by manager: M1
    30000, M2 5000, M3 8000; the program 43000 / 3 = 14,333."""
    found = _summary(tiny_run).findings
    assert found == [
        "Program revenue was USD\xa043,000 from 4 won partner deals in the last 12 months, "
        "514.3% more than in the 12 months before (USD\xa07,000).",
        "Every USD 1 spent on the program (cost of sale, program expenses and partner "
        "investments) returned USD\xa03.89 of revenue.",
        "Program revenue per quarter fell 20.0%, from USD\xa010,000 in Q1 2024 to "
        "USD\xa08,000 in Q4 2024.",
        "South is the weakest area: USD\xa04,000 of revenue per person against "
        "USD\xa023,333 in North.",
        "Max North's 1 active partner in North brought USD\xa05,000 per partner, against "
        "USD\xa014,333 across the program.",
        "Top partner: Alpha Apps with USD\xa030,000 (69.8% of program revenue); the top five "
        "bring 100.0%; 0 of the 3 partners active in the window won nothing in it.",
    ]
    assert len(found) <= 6


def test_key_findings_by_hand(tiny_run):
    """Concentration: the top five are all three partners, 43000 at stake. The trend fell
    10000 → 8000: act now, 2000 at stake. South at the program's 43000 / 3.5 per person
    would bring (12285.71 − 4000) × 2 FTE = 16,571 more."""
    keys = _summary(tiny_run).key_findings
    assert [(k.stake, k.urgency, k.section) for k in keys] == [
        (43000, Urgency.FIX, "Revenue by partner"),
        (2000, Urgency.ACT_NOW, "Trend by period"),
        (pytest.approx((43000 / 3.5 - 4000) * 2), Urgency.FIX, "By area"),
    ]
    assert keys[2].text == (
        "South brings USD\xa04,000 of revenue per person against USD\xa012,286 across the "
        "program: USD\xa016,571 more at the program's rate."
    )


def test_actions_name_the_manager_of_a_red_metric_and_of_a_declining_area(tiny_run):
    """Max North's revenue per partner, 5000, is below half the program's 14,333 (M1 30000
    and M3 8000 are not; no manager made a loss). A previous North revenue of 50000 (set by
    hand) against 35000 today: a 30% fall, owned by North's managers."""
    [red] = _summary(tiny_run).actions
    assert (red.owner, red.kind, red.section, red.urgency) == (
        "Max North",
        "Channel manager to review",
        "By channel manager",
        Urgency.FIX,
    )
    assert red.action == (
        "Review the plans of Max North's 1 active partner: USD\xa05,000 of revenue per "
        "partner against USD\xa014,333 across the program."
    )
    previous = tiny_run["previous"].copy()
    previous.loc[(previous["level"] == "area") & (previous["group"] == "North"), "revenue"] = 50000
    actions = _summary(tiny_run, previous=previous).actions
    [fall] = [a for a in actions if a.kind == "Declining metric"]
    assert fall.owner == "Mia North, Max North" and fall.urgency == Urgency.ACT_NOW
    assert fall.action == (
        "Find out why program revenue in North fell 30.0% on the previous 12 months "
        "(USD\xa050,000 to USD\xa035,000)."
    )


def test_partner_records_for_the_partner_360(tiny_run):
    assert _summary(tiny_run).partners == [
        {"partner_id": "P1", "partner": "Alpha Apps", "revenue": 30000.0, "won_deals": 2},
        {"partner_id": "P3", "partner": "Gamma Cloud", "revenue": 8000.0, "won_deals": 1},
        {"partner_id": "P2", "partner": "Beta Consulting", "revenue": 5000.0, "won_deals": 1},
    ]


def test_screen_columns_of_the_drilldown_come_first(tiny_run):
    """North: 35000 of 43000 = 81.4%; 3 deals; P1, P2 active; 35000 / 2 per partner; 35000 /
    1.5 per person; 35000 / 8750 of expenses."""
    area = analytics_views.level_view(tiny_run["table"], "area", "USD").set_index("Area")
    assert area.columns[:7].tolist() == [
        "Program revenue",
        "Share of program revenue",
        "Won partner deals",
        "Partners active in the window",
        "Revenue per partner",
        "Revenue per person",
        "Revenue ÷ expenses",
    ]
    assert area.loc["North"].tolist()[:7] == [
        "USD\xa035,000",
        "81.4%",
        "3",
        "2",
        "USD\xa017,500",
        "USD\xa023,333",
        "4.00",
    ]
    manager = analytics_views.level_view(tiny_run["table"], "manager", "USD")
    assert manager.columns[:8].tolist() == [
        "Manager",
        "Area",
        "Program revenue",
        "Share of program revenue",
        "Won partner deals",
        "Partners active in the window",
        "Revenue per partner",
        "Revenue ÷ expenses",
    ]


def test_chart_titles_state_the_finding(tiny_run):
    table, partners = tiny_run["table"], tiny_run["partners"]
    values, title = analytics_views.area_chart(table, "USD")
    assert title == "South brings USD\xa04,000 of revenue per person, 82.9% less than North"
    assert values.index.tolist() == ["South", "North"]  # the strongest drawn on top
    _, title = analytics_views.manager_chart(table, "USD")
    assert title == (
        "Max North's partners bring USD\xa05,000 each, 65.1% below the program's USD\xa014,333"
    )
    values, title = analytics_views.partner_chart(partners, "USD")
    assert title == "Alpha Apps brings 69.8% of program revenue; the top five 100.0%"
    assert values.tolist() == [5000, 8000, 30000]
    charts = analytics_views.trend_charts(tiny_run["trend"], "USD", "Q")
    assert [c[1] for c in charts] == [
        "Program revenue fell 20.0% from Q1 2024 to Q4 2024",
        "Revenue per partner fell 20.0% from Q1 2024 to Q4 2024",  # 10000 / 2 → 8000 / 2
        "Revenue ÷ expenses fell from 2.00 in Q1 2024 to 1.51 in Q4 2024",  # Q2, Q3 unknown
    ]
    assert charts[0][0].index.tolist() == ["Q4 2024", "Q3 2024", "Q2 2024", "Q1 2024"]


def test_period_text():
    text = analytics_findings.period_text
    assert text("2024Q4") == "Q4 2024"
    assert text("2024-03") == "Mar 2024"
    assert text("2024Q1 (to 2024-02-15)") == "Q1 2024 (to 2024-02-15)"
    assert text("2016Q4 (from 2016-10-20)") == "Q4 2016 (from 2016-10-20)"
