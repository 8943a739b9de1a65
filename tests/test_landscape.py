"""Trend 7 calculations by hand, including the report's own two Partner Grid rows."""

import pandas as pd
import pytest

from playbook import landscape as ls
from playbook.display import table_html

D = pd.Timestamp


def partners(**extra):
    base = pd.DataFrame(
        {
            "partner_id": ["X", "C", "R", "K1", "K2"],
            "name": ["XYZ Software Co", "123 Consulting", "Rest Inc", "Cand One", "Cand Two"],
            "status": ["active", "active", "active", "candidate", "candidate"],
            "category": ["Database", "Services", "Services", "Database", None],
            "our_software": ["Greatest ERP"] * 3 + [None, None],
            "our_version": ["1.1"] * 3 + [None, None],
            "their_application": ["Greater Database", "Professional Services", "Thing", None, None],
            "their_version": ["5.0", "Contact via Accounting", "2", None, None],
            "stated_program_revenue_pct": [7.0, None, None, None, None],
            "interest": [3, 2.99, 5, 1, None],
            "influence": [3, 4, 2.99, 1, 2],
            "employees": [100, 5000, 850, 10, 10],
            "our_share_of_their_business_pct": [14.0, 2.0, 80.0, None, None],
        }
    )
    return base.assign(**extra)


DEALS = pd.DataFrame(
    {
        "deal_id": ["a", "b", "c", "d", "e", "f"],
        "partner_id": ["X", "C", "R", "R", "X", None],
        "attribution": ["sourced", "influenced", "sourced", "influenced", "sourced", "direct"],
        "stage": ["won", "won", "won", "won", "lost", "won"],
        "close_date": [D("2024-03-01")] * 6,
        "amount": [7.0, 4.0, 50.0, 39.0, 1000.0, 1000.0],
    }
)


def test_program_revenue_pct_by_hand():
    """Partner revenue = 7 + 4 + 50 + 39 = 100 (lost and direct deals excluded)."""
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    assert pct.to_dict() == {"X": 7.0, "C": 4.0, "R": 89.0, "K1": 0.0, "K2": 0.0}


def test_the_reports_partner_grid_rows_render_exactly():
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    grid = ls.partner_grid(partners(), pct)
    assert list(grid.columns) == [
        "Partner",
        "Our Software",
        "Version",
        "Their Application/Service",
        "Version",
        "Program Revenue %",
    ]
    rows = [list(r) for r in grid.itertuples(index=False)]
    assert rows[1:] == [
        ["XYZ Software Co", "Greatest ERP", "1.1", "Greater Database", "5.0", "7"],
        [
            "123 Consulting",
            "Greatest ERP",
            "1.1",
            "Professional Services",
            "Contact via Accounting",
            "4",
        ],
    ]
    html = table_html(grid)
    assert "<td>Contact via Accounting</td>" in html and html.count("<th>Version</th>") == 2
    stated = ls.stated_vs_computed(partners(), pct)
    assert stated.iloc[0].tolist() == ["XYZ Software Co", "7", "7.0", "+0.0"]


def test_competitor_grid_counts_and_starting_point():
    links = pd.DataFrame(
        {
            "competitor": ["Oberon", "Quantix", "Oberon", "Ghost"],
            "partner_id": ["X", "X", "K1", "K2"],
            "relationship": ["reseller", None, "technology", "x"],
        }
    )
    grid = ls.competitor_grid(partners(), links, ["Oberon", "Quantix"])
    assert grid.loc["X", "ties"] == 2 and grid.loc["X", "Quantix"] == "yes"
    assert grid.loc["K1", "Oberon"] == "technology" and grid.loc["K1", "ties"] == 1
    assert grid.loc["K2", "ties"] == 0  # "Ghost" is not one of our competitors
    start = ls.starting_point(grid, partners())
    assert list(start["name"]) == ["Cand Two", "Cand One"]


@pytest.mark.parametrize(
    "interest, influence, quadrant",
    [
        (3, 3, "Key players — manage closely"),
        (2.99, 4, "Keep satisfied"),
        (5, 2.99, "Keep informed"),
        (1, 1, "Monitor"),
        (None, 2, "not scored"),
    ],
)
def test_quadrant_boundaries(interest, influence, quadrant):
    assert ls.quadrant(interest, influence, midpoint=3) == quadrant


def test_shark_or_remora_by_hand():
    """X: 14 % of their business vs 7 % of ours → ratio 2 → shark. C: 2 vs 4 → 0.5 → remora.
    R: 80 vs 89 → mutual."""
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    s = ls.shark_or_remora(partners(), pct, our_employees=1000).set_index("partner_id")
    assert s.loc["X", "position"] == "We are the shark"
    assert s.loc["C", "position"] == "We are the remora"
    assert s.loc["R", "position"] == "Mutual"
    assert "They are 5× our size" in s.loc["C", "explanation"]
    assert "1/10 of our size" in s.loc["X", "explanation"]


def test_directory_and_training_both_ways():
    p = partners(
        type="isv",
        industry=["a", None, "c", "d", "e"],
        website=["w", "", "w", "w", "w"],
        contact_email="e",
        description="d",
        trained_on_our_product=pd.array([True, False, None, False, False], dtype="boolean"),
    )
    d = ls.directory_completeness(p).set_index("name")
    assert d.loc["123 Consulting", "completeness"] == pytest.approx(5 / 7)
    assert d.loc["123 Consulting", "missing"] == "industry, website"
    trainings = pd.DataFrame(
        {
            "partner_id": ["R", "X", "X", "X"],
            "direction": [
                "partner_on_ours",
                "ours_on_partner",
                "ours_on_partner",
                "ours_on_partner",
            ],
            "staff_id": [None, "S1", "S2", "S1"],
        }
    )
    staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3", "S4"]})
    share, ours = ls.training_both_ways(p, trainings, staff, ["X", "C"])
    assert share == pytest.approx(2 / 3)  # X flagged, R trained; C not
    assert ours.set_index("partner_id")["share"].to_dict() == {"X": 0.5, "C": 0.0}


def test_quadrant_chart_counts_per_cell_when_names_would_not_fit():
    """61 partners: 40 at (4, 5) and 21 at (2, 1) become two bubbles labelled 40 and 21."""
    from playbook import charts

    frame = pd.DataFrame(
        {
            "name": [f"P{i}" for i in range(61)],
            "interest": [4] * 40 + [2] * 21,
            "influence": [5] * 40 + [1] * 21,
            "status": "active",
        }
    )
    fig = charts.quadrant_grid(frame, 3, ls.QUADRANTS, "Grid", label_limit=60)
    [ax] = fig.axes
    texts = {t.get_text() for t in ax.texts}
    assert {"40", "21"} <= texts and "P0" not in texts
    assert "61 partners; number per cell" in ax.get_title()
    fig = charts.quadrant_grid(frame.head(5), 3, ls.QUADRANTS, "Grid", label_limit=60)
    assert "P0" in {t.get_text() for t in fig.axes[0].texts}


def test_heatmap_keeps_the_rows_with_the_lowest_average():
    from playbook import charts

    frame = pd.DataFrame({"a": [5, 1, 3, 2], "b": [5, 1, 3, 3]}, index=["w", "x", "x", "z"])
    fig = charts.heatmap(frame, "Competency", limit=2)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "z"]  # means 1 and 2.5
    assert len(ax.texts) == 4  # 2 rows × 2 columns, though "x" names two rows
    assert ax.get_title() == "Competency (2 of 4 with the lowest average)"


def test_heatmap_numbers_stay_readable_on_dark_cells():
    from playbook import charts

    fig = charts.heatmap(pd.DataFrame({"a": [0, 2.5, 5]}, index=["x", "y", "z"]), "Skills")
    colours = [t.get_color() for t in fig.axes[0].texts]
    assert colours == ["white", "black", "white"]
