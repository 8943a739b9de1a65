"""Report views and definitions of trend 1's investment model (playbook.payback_views)."""

from playbook import payback as pb
from playbook import payback_views


def test_definitions_state_this_runs_assumptions():
    a = pb.PaybackAssumptions(window=6, min_history=3, horizon=36, discount_rate=0.1)
    text = " ".join(payback_views.definitions(a, "2024-06-30"))
    assert "all time up to 2024-06-30" in text
    assert "over the last 6 months" in text and "at least 3 months" in text
    assert "month 1 is not discounted" in text
    assert "sum of the per-partner NPVs, each discounted to its own" in text
    assert "reached it (projections excluded), printed to the half month" in text
