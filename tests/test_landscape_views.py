"""Report views of the partner landscape (playbook.landscape_views), on the fixture of
tests/test_landscape.py."""

from test_landscape import DEALS, partners

from playbook import landscape as ls
from playbook import landscape_views as lv
from playbook.display import table_html


def test_the_reports_partner_grid_rows_render_exactly():
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    grid = lv.partner_grid(partners(), pct, "2024-12-31")
    assert list(grid.columns) == [
        "Partner",
        "Our software",
        "Our version",
        "Their application or service",
        "Their version",
        "Share of program revenue",
    ]
    rows = [list(r) for r in grid.itertuples(index=False)]
    assert rows[3:] == [  # candidates after the active partners, by name
        ["Cand One", "", "", "", "", "Candidate"],
        ["Cand Two", "", "", "", "", "Candidate"],
    ]
    assert rows[1:3] == [
        ["XYZ Software Co", "Greatest ERP", "1.1", "Greater Database", "5.0", "7.0%"],
        [
            "123 Consulting",
            "Greatest ERP",
            "1.1",
            "Professional Services",
            "Contact via Accounting",
            "4.0%",
        ],
    ]
    html = table_html(grid)
    assert "<td>Contact via Accounting</td>" in html and "<th>Their version</th>" in html
    stated = lv.stated_vs_computed(partners(), pct)
    assert stated.iloc[0].tolist() == ["XYZ Software Co", "7.0%", "7.0%", "0.0 points"]


def test_version_columns_nobody_filled_are_left_out():
    """No version known for anyone: the Partner Grid drops both version columns rather than
    showing two columns of blanks."""
    p = partners(our_version=None, their_version=None)
    pct = ls.program_revenue_pct(p, DEALS, "2024-01-01", "2024-12-31")
    assert list(lv.partner_grid(p, pct, "2024-12-31").columns) == [
        "Partner",
        "Our software",
        "Their application or service",
        "Share of program revenue",
    ]


def test_stated_share_difference_is_in_signed_points():
    """X states 7 %; the deals give 7 of 4 + 7 + 89 = 7.0 %, then with a stated 9 %: −2.0 points."""
    p = partners(stated_program_revenue_pct=[9.0, None, None, None, None])
    pct = ls.program_revenue_pct(p, DEALS, "2024-01-01", "2024-12-31")
    assert lv.stated_vs_computed(p, pct).iloc[0].tolist() == [
        "XYZ Software Co",
        "9.0%",
        "7.0%",
        "\u22122.0 points",
    ]
