"""Trend 6 calculations by hand: tracking per type, pipeline velocity, quick wins,
with/without-partner minimum sample, health score and risk flags."""

import pandas as pd
import pytest

from playbook import partner_types as pt

D = pd.Timestamp
COLS = [
    "deal_id",
    "partner_id",
    "attribution",
    "stage",
    "created_date",
    "close_date",
    "amount",
    "cost_of_sale",
    "is_project",
    "joint_marketing",
]
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["I1", "I2", "S1"],
        "name": ["Isv One", "Isv Two", "Si"],
        "type": ["isv", "isv", "integrator"],
        "status": ["active"] * 3,
        "start_date": [D("2024-01-01"), D("2024-01-01"), D("2024-06-01")],
    }
)
DEALS = pd.DataFrame(
    [
        ("a", "I1", "sourced", "won", D("2024-01-01"), D("2024-01-31"), 1000, 100, True, False),
        ("b", "I1", "influenced", "won", D("2024-02-01"), D("2024-04-01"), 3000, 60, False, True),
        ("c", "I2", "sourced", "lost", D("2024-03-01"), D("2024-05-01"), 500, 0, False, False),
        ("d", "I2", "sourced", "qualified", D("2024-10-01"), pd.NaT, 2000, 0, False, True),
        ("e", "I2", "influenced", "lead", D("2024-11-01"), pd.NaT, 4000, 0, False, False),
        ("f", "S1", "sourced", "won", D("2024-06-10"), D("2024-06-20"), 800, 80, True, False),
        ("g", None, "direct", "won", D("2024-01-01"), D("2024-03-01"), 9000, 0, False, False),
    ],
    columns=COLS,
)


def test_type_tracking_and_pipeline_velocity_by_hand():
    """isv: won a (1000, sourced, 30 days) and b (3000, influenced, 60 days); lost c; open d, e.
    Win rate 2/3; average won deal 2000; mean cycle 45 days; pipeline velocity
    = 2 × 2/3 × 2000 / 45 = 59.26 per day. Cost of sale 160 / revenue 4000 = 4 %."""
    t = pt.type_table(PARTNERS, DEALS, "2024-01-01", "2024-12-31")
    isv = t.loc["isv"]
    assert (isv["sourced_revenue"], isv["influenced_revenue"]) == (1000, 3000)
    assert isv["qualified_leads"] == 4  # a, b, c, d (e is still a lead)
    assert isv["sourced_leads"] == 3  # a, c, d
    assert isv["projects"] == 1 and isv["joint_marketing_deals"] == 2
    assert isv["joint_marketing_revenue"] == 3000
    assert isv["cost_of_sale_share"] == pytest.approx(0.04)
    assert isv["median_cycle_days"] == 45
    assert isv["win_rate"] == pytest.approx(2 / 3)
    assert isv["pipeline_velocity"] == pytest.approx(2 * (2 / 3) * 2000 / 45)
    assert t.loc["integrator", "sourced_leads"] == 1  # leads from SIs
    assert pd.isna(t.loc["platform", "pipeline_velocity"])


def test_quick_wins_by_hand():
    """I1 first win 2024-01-31: 30 days. I2 none. S1 2024-06-20: 19 days, but at as-of
    2024-08-01 S1 started 61 days ago (< 90) so only I1 and I2 are eligible: 1 of 2."""
    table, summary = pt.quick_wins(PARTNERS, DEALS, "2024-08-01", within_days=90)
    assert summary["eligible"] == 2 and summary["within"] == 1 and summary["share"] == 0.5
    assert summary["no_win_yet"] == 1
    assert list(table["partner_id"]) == ["I2", "I1", "S1"]  # no win first, then slowest
    assert table.set_index("partner_id").loc["S1", "days_to_first_win"] == 19


def test_with_without_needs_min_deals_on_both_sides():
    ww = pt.with_without(DEALS, "2024-01-01", "2024-12-31", min_deals=2)
    assert "too few" in ww.loc["note", "with_partner"]  # only 1 direct closed deal
    assert pd.isna(ww.loc["win_rate", "with_partner"])
    ok = pt.with_without(DEALS, "2024-01-01", "2024-12-31", min_deals=1)
    assert ok.loc["win_rate", "with_partner"] == pytest.approx(3 / 4)  # a, b, f won; c lost
    assert ok.loc["win_rate", "without_partner"] == 1
    assert ok.loc["avg_deal", "with_partner"] == pytest.approx(4800 / 3)
    assert ok.loc["median_cycle_days", "with_partner"] == 30  # 30, 60, 10


def test_health_score_and_risk_flags_by_hand():
    """Latest assessment of X: scores 5,2,4,4,5 → (1+.4+.8+.8+1) = 4.0; legal yes 1; beta no 0
    → 5.0 / 7 = 71.4. Trust 2 ≤ 2 → lack of trust."""
    a = pd.DataFrame(
        {
            "partner_id": ["X", "X"],
            "assessed_date": [D("2024-01-01"), D("2024-06-01")],
            "open_communication": [1, 5],
            "trust": [1, 2],
            "goals_agreed": [1, 4],
            "team_skill": [1, 4],
            "alignment": [1, 5],
            "legal_documentation": pd.array([False, True], dtype="boolean"),
            "beta_program": pd.array([False, False], dtype="boolean"),
        }
    )
    h = pt.health(a, PARTNERS.assign(partner_id=["X", "Y", "Z"]), risk_at=2)
    assert len(h) == 1
    assert h.loc[0, "score"] == pytest.approx(500 / 7)
    assert h.loc[0, "risks"] == "lack of trust"
    a.loc[1, "legal_documentation"] = False
    h = pt.health(a, PARTNERS.assign(partner_id=["X", "Y", "Z"]), risk_at=2)
    assert h.loc[0, "risks"] == "lack of trust; no legal documentation (IP at risk)"
