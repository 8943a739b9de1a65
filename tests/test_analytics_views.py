"""Report views of the analytics drill-down table (playbook.analytics_views), on the tiny
fixture (hand-worked figures in tests/test_analytics.py)."""

import pandas as pd
import pytest

from playbook import analytics, analytics_notes, analytics_views
from playbook.workspace import load_workspace


@pytest.fixture
def table(tiny):
    ws = load_workspace(tiny)
    return analytics.drilldown(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")


def test_drilldown_view_filters_and_sorts(table):
    view = analytics_views.drilldown_view(table, "manager", area="North", metric="revenue")
    assert list(view["group"]) == ["M1", "M2"]


def test_universe_view_says_why_a_metric_is_missing(tmp_path):
    """No staff table and no units column: revenue/person's reason is the missing staff; ASP's
    the missing units; revenue/partner (43000 / 3) stands with no reason. With every input
    present the column is left out."""
    from conftest import TINY, write_workspace

    deals = "\n".join(
        ",".join(line.split(",")[:9]) for line in TINY["deals"].splitlines()
    )  # drops the trailing units column
    path = write_workspace(tmp_path / "ws", {k: v for k, v in TINY.items() if k != "staff"})
    (path / "deals.csv").write_text(deals + "\n", encoding="utf-8")
    ws = load_workspace(path)
    inputs = analytics.Inputs.from_workspace(ws)
    table = analytics.drilldown(inputs, "2024-01-01", "2024-12-31")
    missing = analytics_notes.missing_inputs(inputs, "2024-01-01", "2024-12-31")
    view = analytics_views.universe_view(table, "USD", missing).set_index("Metric")
    assert view.loc["Revenue per person", "Value"] == "—"
    assert view.loc["Revenue per person", "Why missing"] == "staff.csv not supplied"
    assert view.loc["Average selling price", "Why missing"] == "Units (deals.csv) not supplied"
    assert view.loc["Profit per unit", "Why missing"] == "Units (deals.csv) not supplied"
    assert view.loc["Revenue per partner", "Value"] == "USD\u00a014,333"
    assert view.loc["Revenue per partner", "Why missing"] == ""


def test_universe_view_without_gaps_has_no_reason_column(table):
    assert "Why missing" not in analytics_views.universe_view(table, "USD").columns


def test_zero_denominator_is_named(table):
    """A universe with no units at all (hand-set) has ASP missing because units are 0."""
    t = table.copy()
    uni = t["level"] == "universe"
    t.loc[uni, ["asp", "margin_per_unit", "profit_per_unit"]] = float("nan")
    assert analytics_views.why_missing(t) == {
        "asp": "Units is 0",
        "margin_per_unit": "Units is 0",
        "profit_per_unit": "Units is 0",
    }


def test_trend_view_labels_current_value_only(tiny):
    """Certification is only known today: its column says so and earlier periods show —."""
    inputs = analytics.Inputs.from_workspace(load_workspace(tiny))
    view = analytics_views.trend_view(analytics.trend(inputs, "2024-12-31", "Q", 2), "USD")
    col = "Level of certification (current value only)"
    assert list(view[col]) == ["—", "1.67 of 4"]  # (2 + 3 + 0) / 3 today


def test_partner_view_marks_partners_listed_for_revenue_only(tmp_path):
    from conftest import TINY, write_workspace

    partners = TINY["partners"].replace("active,North,M2", "inactive,North,M2")
    ws = load_workspace(write_workspace(tmp_path / "ws", TINY | {"partners": partners}))
    table = analytics.partner_table(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")
    view = analytics_views.partner_view(table, "USD")
    assert list(view["Active in window"]) == ["Yes", "Yes", "No"]
    assert list(view["Share of program revenue"]) == ["69.8%", "18.6%", "11.6%"]


def test_direct_deal_columns_only_where_the_hierarchy_places_them(tmp_path):
    """The tiny fixture has no deal owners: its area view has no direct-deal columns (the data
    notes say why); with owners (test_analytics' hierarchy) North shows USD 103,000 from 2."""
    from conftest import TINY, write_workspace
    from test_analytics import HIERARCHY_DEALS, HIERARCHY_STAFF, YEAR

    def area_view(name, tables):
        ws = load_workspace(write_workspace(tmp_path / name, tables))
        table = analytics.drilldown(analytics.Inputs.from_workspace(ws), *YEAR)
        return analytics_views.level_view(table, "area", "USD").set_index("Area")

    assert "Direct revenue" not in area_view("tiny", TINY).columns
    owned = area_view("owned", TINY | {"staff": HIERARCHY_STAFF, "deals": HIERARCHY_DEALS})
    assert owned.loc["North", ["Direct revenue", "Won direct deals"]].tolist() == [
        "USD\xa0103,000",
        "2",
    ]


def test_a_level_lists_the_largest_revenue_first():
    """A long list is cut to its top on screen, so its rows run from the largest revenue down;
    a tie keeps the drill-down's order and a blank revenue comes last."""
    table = pd.DataFrame(
        {
            "level": ["universe"] + ["manager"] * 4,
            "label": ["All", "S01-0", "S01-1", "S01-10", "S01-2"],
            "area": [None, "North", "North", "South", "South"],
            "revenue": [600.0, 100.0, None, 300.0, 100.0],
        }
    )
    from playbook.metrics import METRICS, TOTALS

    for key in [m.key for m in METRICS] + list(TOTALS):
        if key not in table:
            table[key] = 1.0
    view = analytics_views.level_table(table, "manager")
    assert list(view["Manager"]) == ["S01-10", "S01-0", "S01-2", "S01-1"]
