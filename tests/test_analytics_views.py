"""Report views of the analytics drill-down table (playbook.analytics_views), on the tiny
fixture (hand-worked figures in tests/test_analytics.py)."""

import pytest

from playbook import analytics, analytics_views
from playbook.workspace import load_workspace


@pytest.fixture
def table(tiny):
    ws = load_workspace(tiny)
    return analytics.drilldown(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")


def test_drilldown_view_filters_and_sorts(table):
    view = analytics_views.drilldown_view(table, "manager", area="North", metric="revenue")
    assert list(view["group"]) == ["M1", "M2"]
