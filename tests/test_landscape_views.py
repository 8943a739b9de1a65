"""Report views of the partner landscape (playbook.landscape_views), on the fixture of
tests/test_landscape.py."""

from test_landscape import DEALS, partners

from playbook import landscape as ls
from playbook import landscape_views as lv
from playbook.display import table_html


def test_the_reports_partner_grid_rows_render_exactly():
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    grid = lv.partner_grid(partners(), pct)
    assert list(grid.columns) == [
        "Partner",
        "Our Software",
        "Version",
        "Their Application/Service",
        "Version",
        "Program Revenue %",
    ]
    rows = [list(r) for r in grid.itertuples(index=False)]
    assert rows[3:] == [  # candidates after the active partners, by name
        ["Cand One", "", "", "", "", "candidate"],
        ["Cand Two", "", "", "", "", "candidate"],
    ]
    assert rows[1:3] == [
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
    stated = lv.stated_vs_computed(partners(), pct)
    assert stated.iloc[0].tolist() == ["XYZ Software Co", "7", "7.0", "+0.0"]
