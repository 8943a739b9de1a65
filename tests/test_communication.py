"""Trend 8 calculations by hand: classification with override, journey conversion and median
days, media response rates, grade boundaries and report cards, plan progress."""

import pandas as pd
import pytest

from playbook import communication as cm
from playbook import communication_findings as cf
from playbook import communication_views as cv
from playbook import params
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import NotebookInputError

D = pd.Timestamp
NAT = pd.NaT


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
            "start_date": NAT,
            "engagement_model": [None, "value", None, "transaction"],
        }
    )
    deals = pd.DataFrame(
        {
            "deal_id": [f"D{i}" for i in range(7)],
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
    j = cm.journey(events, "2024-12-31").set_index("stage")
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
            "date": D("2024-01-01"),
            "stage": ["lead", "lead", "lead", "visitor"],
            "medium": ["E-mail", "E-mail", "Event", "E-mail"],
            "sent": [100, 300, 50, 200],
            "responses": [10, 30, 20, 2],
        }
    )
    g, best = cm.media(c, "2024-12-31", min_sent=100)
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
            "completed_date": [D("2024-01-01"), NAT, NAT, D("2024-01-01")],
        }
    )
    summary, milestones = cm.plans(
        rows, pd.DataFrame({"partner_id": ["P", "Q"], "name": ["Pee", "Queue"]}), "2024-06-30"
    )
    s = summary.set_index("partner_id")
    assert s.loc["P", "progress"] == pytest.approx(1 / 3) and s.loc["P", "overdue"] == 1
    assert s.loc["Q", "progress"] == 1 and s.loc["Q", "overdue"] == 0
    assert list(milestones.loc[milestones["overdue"], "milestone"]) == ["m2"]


# --------------------------------------------------------------------------- as of the as-of date


def test_engagement_median_counts_members_without_wins_and_only_partners_started():
    """Window 2024. Won deals: A 4 × 100, B 1 × 100; C and D none; E starts in 2025 (not a
    member yet at 31 Dec 2024). Median won-deal count of A–D = median(4, 1, 0, 0) = 0.5 (zero-win
    members included); transaction needs ≥ 1.5 × 0.5 = 0.75 deals, at least one, and average
    ≤ program average 500 / 5 = 100: A and B. (Without the zeros the median would be 2.5 and only
    A would qualify.)"""
    partners = pd.DataFrame(
        {
            "partner_id": list("ABCDE"),
            "name": list("ABCDE"),
            "type": "isv",
            "status": "active",
            "start_date": [NAT, NAT, NAT, NAT, D("2025-01-01")],
            "engagement_model": None,
        }
    )
    deals = pd.DataFrame(
        {
            "deal_id": [f"D{i}" for i in range(5)],
            "partner_id": list("AAAAB"),
            "attribution": "sourced",
            "stage": "won",
            "close_date": D("2024-05-01"),
            "amount": 100,
        }
    )
    eng = cm.engagement(partners, deals, "2024-01-01", "2024-12-31").set_index("partner_id")
    assert list(eng.index) == ["A", "B", "C", "D"]
    assert eng["from_data"].to_dict() == {
        "A": "transaction",
        "B": "transaction",
        "C": "value",
        "D": "value",
    }


def test_journey_leaves_out_events_after_the_as_of_date():
    """As of 30 Jun 2024. P1: unknown 1 Jan, visitor 11 Jan, lead 30 Jun (on the as-of date:
    counts), partner 1 Jul (later: left out). P2: unknown 1 Feb, visitor 1 Aug (later).
    Reached: unknown 2, visitor 1, lead 1, partner 0. Conversion unknown → visitor 1/2,
    lead → partner 0/1. Days visitor → lead (P1): 11 Jan → 30 Jun 2024 = 20 + 29 + 31 + 30 + 31
    + 30 = 171."""
    events = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P1", "P1", "P2", "P2"],
            "stage": ["unknown", "visitor", "lead", "partner", "unknown", "visitor"],
            "date": [
                D("2024-01-01"),
                D("2024-01-11"),
                D("2024-06-30"),
                D("2024-07-01"),
                D("2024-02-01"),
                D("2024-08-01"),
            ],
        }
    )
    j = cm.journey(events, "2024-06-30").set_index("stage")
    assert j["reached"].to_dict() == {
        "unknown": 2,
        "visitor": 1,
        "lead": 1,
        "partner": 0,
        "advocate": 0,
    }
    assert j.loc["unknown", "conversion"] == pytest.approx(1 / 2)
    assert j.loc["lead", "conversion"] == 0
    assert j.loc["visitor", "median_days"] == 171
    assert pd.isna(j.loc["lead", "median_days"])


def test_media_leaves_out_communications_after_the_as_of_date():
    """As of 30 Jun 2024: lead E-mail 10 / 100 = 10 % (the 1 Jul send of 90 / 300 does not exist
    yet); lead Event 30 / 150 = 20 % (sent on the as-of date: counts) → best lead medium Event.
    With the later send E-mail would be 100 / 400 = 25 % and best."""
    c = pd.DataFrame(
        {
            "date": [D("2024-06-01"), D("2024-07-01"), D("2024-06-30")],
            "stage": "lead",
            "medium": ["E-mail", "E-mail", "Event"],
            "audience": "all",
            "sent": [100, 300, 150],
            "responses": [10, 90, 30],
        }
    )
    g, best = cm.media(c, "2024-06-30", min_sent=100)
    g = g.set_index(["stage", "medium"])
    assert g.loc[("lead", "E-mail"), "response_rate"] == pytest.approx(0.10)
    assert g.loc[("lead", "E-mail"), "communications"] == 1
    assert g.loc[("lead", "Event"), "response_rate"] == pytest.approx(0.20)
    assert list(best["medium"]) == ["Event"]
    assert len(cm.per_communication(c, "2024-06-30")) == 2


def _eng(ids):
    return pd.DataFrame(
        {"partner_id": ids, "model": "value", "overridden": False, "name": ids, "type": "isv"}
    )


PLAN_ROWS = pd.DataFrame(
    {
        "partner_id": ["P", "P", "P", "P", "Q", "Q", "R"],
        "issue": "i",
        "current_state": "a",
        "target_state": "b",
        "milestone": ["m1", "m2", "m3", "m4", "n1", "n2", "r1"],
        "due_date": [
            D("2024-06-15"),  # m1 done 1 Jun: done
            D("2024-05-01"),  # m2 done ON 30 Jun: done
            D("2024-06-15"),  # m3 done 10 Jul: in progress at as-of, due before → overdue
            D("2024-12-01"),  # m4 not started, due later
            NAT,  # n1 in progress, no due date
            NAT,  # n2 not started, no due date
            NAT,  # r1 done 1 Jan
        ],
        "status": ["done", "done", "done", "not_started", "in_progress", "not_started", "done"],
        "completed_date": [
            D("2024-06-01"),
            D("2024-06-30"),
            D("2024-07-10"),
            NAT,
            NAT,
            NAT,
            D("2024-01-01"),
        ],
    }
)
NAMES = pd.DataFrame({"partner_id": ["P", "Q", "R"], "name": ["Pee", "Queue", "Arr"]})


def test_plans_as_of_the_as_of_date_and_undated_milestones():
    """As of 30 Jun 2024. P: done m1, m2 (m3 completed 10 Jul was not done yet) → 2/4 = 0.5;
    overdue m3 (due 15 Jun) = 1. Q: nothing done → 0/2; both open milestones undated → overdue
    not assessed (<NA>, not 0). R: 1/1 done, nothing open → overdue 0.
    All plans: done 2 + 0 + 1 = 3 of 4 + 2 + 1 = 7 → 42.9 %; overdue 1 + 0 = 1; 2 open
    milestones (Q) without a due date."""
    summary, milestones = cm.plans(PLAN_ROWS, NAMES, "2024-06-30")
    s = summary.set_index("partner_id")
    assert s.loc["P", "progress"] == 0.5 and s.loc["P", "overdue"] == 1
    assert s.loc["Q", "progress"] == 0 and pd.isna(s.loc["Q", "overdue"])
    assert s.loc["R", "progress"] == 1 and s.loc["R", "overdue"] == 0
    assert list(milestones.loc[milestones["overdue"], "milestone"]) == ["m3"]
    assert milestones.set_index("milestone").loc["m3", "status"] == "in_progress"
    result = cf.summarise(
        eng=_eng(["P", "Q", "R"]), j=None, best=None, cards=None, plan_summary=summary
    )
    assert result.findings[-1] == (
        "The 3 partner plans are 42.9% complete (3 of 7 milestones done); 2 open milestones "
        "without a due date."
    )
    assert result.figures["plans"] == {
        "P": {"progress": 0.5, "overdue": 1},
        "Q": {"progress": 0.0, "overdue": None},
        "R": {"progress": 1.0, "overdue": 0},
    }
    assert result.headline["Overdue milestones"] == "1"
    assert list(cv.plan_view(summary)["Overdue"]) == ["1", "—", "0"]


def test_plans_without_any_due_date_are_not_zero_overdue():
    """Only Q (two open milestones, no due dates): no overdue count can be drawn."""
    summary, _ = cm.plans(PLAN_ROWS[PLAN_ROWS["partner_id"] == "Q"], NAMES, "2024-06-30")
    result = cf.summarise(eng=_eng(["Q"]), j=None, best=None, cards=None, plan_summary=summary)
    assert result.findings[-1] == (
        "The partner plan is 0.0% complete (0 of 2 milestones done); no open milestone has a "
        "due date, so none can be overdue."
    )
    assert result.headline["Overdue milestones"] == "— (no due dates)"


# --------------------------------------------------------------------------- grades, definitions


def test_grade_floors_are_a_parameter_checked_for_order():
    """A floor raised to 0.85: a composite of 0.8 is a B. Floors that do not fall from A to D
    (B 0.9 above A 0.8) or leave 0–1 are refused."""
    scale = cm.grade_scale({"A": 0.85})
    assert cm.grade(0.8, scale) == "B" and cm.grade(0.85, scale) == "A"
    assert cm.grade_scale() == cm.GRADES
    with pytest.raises(NotebookInputError, match="A above B"):
        cm.grade_scale({"B": 0.9})
    with pytest.raises(NotebookInputError):
        cm.grade_scale({"D": -0.1})


def test_report_card_finding_says_grades_are_ranks_among_our_partners():
    cards = pd.DataFrame({"partner_id": ["T1", "T2"], "grade": ["A", "B"]})
    result = cf.summarise(eng=_eng(["T1", "T2"]), j=None, best=None, cards=cards, plan_summary=None)
    assert (
        result.findings[-1]
        == "Report cards of 2 transaction partners: 1 A, 1 B; none graded D or F."
    )


def test_notebook_parameters_default_to_the_module_constants():
    declared = params.declared(NOTEBOOKS_DIR / "08-partner-communication.ipynb")
    defaults = {k: params.literal_default(v["default"], None) for k, v in declared.items()}
    assert defaults["volume_factor"] == cm.VOLUME_FACTOR
    assert defaults["size_factor"] == cm.SIZE_FACTOR
    assert defaults["min_sent"] == cm.MIN_SENT
    assert defaults["grade_floors"] == {str(g): f for g, f in cm.GRADE_FLOORS.items()}
