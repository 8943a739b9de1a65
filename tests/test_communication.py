"""Trend 8 calculations by hand: classification with override, journey conversion and median
days, media response rates, grade boundaries and report cards, plan progress."""

import pandas as pd
import pytest

from playbook import communication as cm

D = pd.Timestamp


def test_engagement_classification_with_override():
    """Won deals: A 4 × 100, B 1 × 1000, C 2 × 100, D none. Median count of A–D = 1.5;
    transaction needs ≥ 1.5 × 1.5 = 2.25 deals and average ≤ program average (1600/7 ≈ 228.6):
    only A. D's override says transaction."""
    partners = pd.DataFrame(
        {
            "partner_id": list("ABCD"),
            "name": list("ABCD"),
            "type": "isv",
            "status": "active",
            "engagement_model": [None, "value", None, "transaction"],
        }
    )
    deals = pd.DataFrame(
        {
            "partner_id": list("AAAABCC"),
            "attribution": "sourced",
            "stage": "won",
            "close_date": D("2024-05-01"),
            "amount": [100, 100, 100, 100, 1000, 100, 100],
        }
    )
    eng = cm.engagement(partners, deals, "2024-01-01", "2024-12-31", 1.5, 1.0).set_index(
        "partner_id"
    )
    assert eng["from_data"].to_dict() == {
        "A": "transaction",
        "B": "value",
        "C": "value",
        "D": "value",
    }
    assert eng["model"].to_dict() == {
        "A": "transaction",
        "B": "value",
        "C": "value",
        "D": "transaction",
    }
    assert eng["overridden"].to_dict() == {"A": False, "B": False, "C": False, "D": True}


def test_journey_conversion_and_median_days_by_hand():
    """P1 reaches partner (unknown 1 Jan, visitor 11 Jan, lead 31 Jan, partner 1 Mar); P2 has
    visitor 1 Jan and lead 21 Jan (no unknown event: counts as reached); P3 unknown only."""
    events = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P1", "P1", "P2", "P2", "P3"],
            "stage": ["unknown", "visitor", "lead", "partner", "visitor", "lead", "unknown"],
            "date": [
                D("2024-01-01"),
                D("2024-01-11"),
                D("2024-01-31"),
                D("2024-03-01"),
                D("2024-01-01"),
                D("2024-01-21"),
                D("2024-02-01"),
            ],
        }
    )
    j = cm.journey(events).set_index("stage")
    assert j["reached"].to_dict() == {
        "unknown": 3,
        "visitor": 2,
        "lead": 2,
        "partner": 1,
        "advocate": 0,
    }
    assert j.loc["unknown", "conversion"] == pytest.approx(2 / 3)
    assert j.loc["lead", "conversion"] == pytest.approx(1 / 2)
    assert j.loc["visitor", "median_days"] == 20  # P1 20 days, P2 20 days
    assert j.loc["unknown", "median_days"] == 10  # only P1 has both dates
    assert j.loc["lead", "median_days"] == 30
    assert j.loc["partner", "conversion"] == 0


def test_media_response_rates_and_best_medium():
    c = pd.DataFrame(
        {
            "stage": ["lead", "lead", "lead", "visitor"],
            "medium": ["E-mail", "E-mail", "Event", "E-mail"],
            "sent": [100, 300, 50, 200],
            "responses": [10, 30, 20, 2],
        }
    )
    g, best = cm.media(c, min_sent=100)
    g = g.set_index(["stage", "medium"])
    assert g.loc[("lead", "E-mail"), "response_rate"] == pytest.approx(0.1)
    assert g.loc[("lead", "Event"), "response_rate"] == pytest.approx(0.4)
    assert dict(zip(best["stage"], best["medium"], strict=True)) == {
        "visitor": "E-mail",
        "lead": "E-mail",
    }


@pytest.mark.parametrize(
    "score, letter",
    [
        (1.0, "A"),
        (0.8, "A"),
        (0.7999, "B"),
        (0.6, "B"),
        (0.4, "C"),
        (0.3999, "D"),
        (0.2, "D"),
        (0.19, "F"),
        (0.0, "F"),
        (float("nan"), "—"),
    ],
)
def test_grade_boundaries(score, letter):
    assert cm.grade(score) == letter


def test_report_cards_by_hand():
    """Two transaction partners. T1: 2 won of 3 closed, median 10 days, certified (2), 80 %.
    T2: 1 won of 1, 30 days, expert (4), no responsiveness. Ranks (pct, ties averaged):
    volume T1 1, T2 .5; win rate T1 .5, T2 1; velocity (fewer days better) T1 1, T2 .5;
    certification T1 .5, T2 1; responsiveness T1 1. Composite equal weights:
    T1 = (1+.5+1+.5+1)/5 = .8 → A; T2 = (.5+1+.5+1)/4 = .75 → B."""
    partners = pd.DataFrame(
        {
            "partner_id": ["T1", "T2"],
            "name": ["T1", "T2"],
            "certification_level": ["certified", "expert"],
            "responsiveness_pct": [80.0, None],
        }
    )
    eng = pd.DataFrame({"partner_id": ["T1", "T2"], "model": ["transaction"] * 2})
    deals = pd.DataFrame(
        {
            "partner_id": ["T1", "T1", "T1", "T2"],
            "stage": ["won", "won", "lost", "won"],
            "created_date": [D("2024-03-01"), D("2024-03-01"), D("2024-03-01"), D("2024-03-01")],
            "close_date": [D("2024-03-06"), D("2024-03-16"), D("2024-03-20"), D("2024-03-31")],
        }
    )
    cards = cm.report_cards(partners, deals, eng, "2024-01-01", "2024-12-31").set_index(
        "partner_id"
    )
    assert cards.loc["T1", "win_rate"] == pytest.approx(2 / 3)
    assert cards.loc["T1", "deal_velocity"] == 10
    assert cards.loc["T1", "composite"] == pytest.approx(0.8) and cards.loc["T1", "grade"] == "A"
    assert cards.loc["T2", "composite"] == pytest.approx(0.75) and cards.loc["T2", "grade"] == "B"
    weighted = cm.report_cards(
        partners, deals, eng, "2024-01-01", "2024-12-31", {"responsiveness": 0, "certification": 3}
    ).set_index("partner_id")
    # T1 = (1 + .5 + 1 + 3×.5) / 6 = 4/6; T2 = (.5 + 1 + .5 + 3×1) / 6 = 5/6
    assert weighted.loc["T2", "composite"] == pytest.approx(5 / 6)
    assert weighted.loc["T1", "grade"] == "B"


def test_plan_progress_and_overdue_by_hand():
    rows = pd.DataFrame(
        {
            "partner_id": ["P", "P", "P", "Q"],
            "issue": ["i"] * 4,
            "current_state": ["a"] * 4,
            "target_state": ["b"] * 4,
            "milestone": ["m1", "m2", "m3", "n1"],
            "due_date": [D("2024-01-01"), D("2024-02-01"), D("2024-12-01"), D("2024-01-01")],
            "status": ["done", "in_progress", "not_started", "done"],
        }
    )
    summary, milestones = cm.plans(
        rows, pd.DataFrame({"partner_id": ["P", "Q"], "name": ["Pee", "Queue"]}), "2024-06-30"
    )
    s = summary.set_index("partner_id")
    assert s.loc["P", "progress"] == pytest.approx(1 / 3) and s.loc["P", "overdue"] == 1
    assert s.loc["Q", "progress"] == 1 and s.loc["Q", "overdue"] == 0
    assert list(milestones.loc[milestones["overdue"], "milestone"]) == ["m2"]
