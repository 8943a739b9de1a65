"""Trend 1 criterion by criterion (playbook.requirements_gaps) and its report views, on a
hand-worked fixture."""

import math

import pandas as pd
import pytest

from playbook import requirements_views as views
from playbook.profile import Criterion
from playbook.requirements import fit_scores
from playbook.requirements_gaps import (
    criteria_table,
    criterion_scores,
    gap_counts,
    gaps_to_close,
)

CRITERIA = [
    Criterion(name="Tech", weight=3, must_have=True, min_score=3, target=4),
    Criterion(name="Reach", weight=2, target=4),
    Criterion(name="Fit", weight=1, description="How they work"),
]
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["A", "B", "C"],
        "name": ["Alpha", "Beta", "Gamma"],
        "status": ["active", "active", "candidate"],
    }
)
SCORES = pd.DataFrame(
    [
        ("A", "Tech", 4, "shipped a connector"),
        ("A", "Reach", 3, None),
        ("A", "Fit", 5, None),
        ("B", "Tech", 2, None),
        ("B", "Reach", 5, None),
        ("B", "Unlisted", 1, None),  # a criterion the profile does not list: ignored
    ],
    columns=["partner_id", "criterion", "score", "note"],
)


@pytest.fixture
def long():
    return criterion_scores(PARTNERS, SCORES, CRITERIA).set_index(["partner_id", "criterion"])


def test_criteria_table_weight_share_minimum_and_target():
    """Weights 3 + 2 + 1 = 6: shares 1/2, 1/3, 1/6; only the must-have has a minimum; Fit has
    no target (missing, not 0)."""
    crit = criteria_table(CRITERIA).set_index("criterion")
    assert crit["weight_share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
    assert crit.loc["Tech", "minimum"] == 3 and math.isnan(crit.loc["Reach", "minimum"])
    assert crit.loc["Reach", "target"] == 4 and math.isnan(crit.loc["Fit", "target"])
    assert crit.loc["Fit", "description"] == "How they work"


def test_a_must_have_without_min_score_takes_the_default():
    crit = criteria_table([Criterion(name="X", weight=1, must_have=True)], default_min_score=2.5)
    assert crit.loc[0, "minimum"] == 2.5


def test_points_of_fit_add_up_to_the_fit_score(long):
    """A: Σw = 6; Tech 100·3·4/5/6 = 40, Reach 100·2·3/5/6 = 20, Fit 100·1·5/5/6 = 16.67,
    total 76.67 = its fit score. B: Fit not scored, Σw = 5; Tech 100·3·2/5/5 = 24, Reach
    100·2·5/5/5 = 40, total 64."""
    assert long.loc[("A", "Tech"), "fit_points"] == pytest.approx(40)
    assert long.loc[("A", "Reach"), "fit_points"] == pytest.approx(20)
    assert long.loc[("A", "Fit"), "fit_points"] == pytest.approx(100 / 6)
    assert long.loc[("B", "Tech"), "fit_points"] == pytest.approx(24)
    assert math.isnan(long.loc[("B", "Fit"), "fit_points"])
    fit = fit_scores(PARTNERS, SCORES, CRITERIA).set_index("partner_id")["fit_score"]
    points = long["fit_points"].groupby(level="partner_id").sum()
    assert points["A"] == pytest.approx(fit["A"]) == pytest.approx(76.6667, abs=1e-3)
    assert points["B"] == pytest.approx(fit["B"]) == pytest.approx(64)
    assert ("B", "Unlisted") not in long.index
    assert long.loc[("A", "Tech"), "note"] == "shipped a connector"


def test_results_and_shortfalls(long):
    """A Tech 4 = target: meets; A Reach 3 < 4: 1 short of the target; A Fit: no target. B Tech
    2 < minimum 3: 1 short of the minimum and 2 of the target; B Fit and all of C: not scored."""
    result = long["result"]
    assert result[("A", "Tech")] == "meets_target"
    assert result[("A", "Reach")] == "below_target"
    assert long.loc[("A", "Reach"), "short_of_target"] == 1
    assert math.isnan(long.loc[("A", "Reach"), "short_of_minimum"])
    assert result[("A", "Fit")] == "scored_no_target"
    assert result[("B", "Tech")] == "below_minimum"
    assert long.loc[("B", "Tech"), ["short_of_minimum", "short_of_target"]].tolist() == [1, 2]
    assert result[("B", "Reach")] == "meets_target"
    assert result[("B", "Fit")] == "not_scored"
    assert set(result.loc["C"]) == {"not_scored"}
    must = [Criterion(name="M", weight=1, must_have=True, min_score=2)]
    one = criterion_scores(
        PARTNERS.head(1), pd.DataFrame([("A", "M", 2, None)], columns=SCORES.columns), must
    )
    assert one.loc[0, "result"] == "meets_minimum"


def test_gaps_to_close_and_their_counts():
    long = criterion_scores(PARTNERS, SCORES, CRITERIA)
    gaps = gaps_to_close(long)
    assert list(zip(gaps["partner_id"], gaps["criterion"], strict=True)) == [
        ("B", "Tech"),  # a must-have failure first
        ("A", "Reach"),
    ]
    assert gap_counts(long) == {
        "scored_partners": 2,  # C has no score: not counted
        "partners_with_gaps": 2,
        "below_minimum": 1,
        "below_target": 1,
        "not_scored": 1,  # B's Fit
    }


def test_views_of_criteria_scores_and_gaps():
    long = criterion_scores(PARTNERS, SCORES, CRITERIA)
    crit = views.criteria_view(criteria_table(CRITERIA))
    assert crit.loc[0].tolist() == ["Tech", "", "3", "50.0%", "Yes", "3", "4"]
    assert crit.loc[2, ["Minimum", "Target"]].tolist() == ["—", "—"]
    fit = fit_scores(PARTNERS, SCORES, CRITERIA)
    wide = views.scores_view(criterion_scores(fit, SCORES, CRITERIA), fit)
    assert wide.columns.tolist() == ["Rank", "Partner", "Fit score", "Tech", "Reach", "Fit"]
    assert wide.loc[0].tolist() == [1, "Alpha", "77", "4", "3", "5"]
    assert wide.loc[1].tolist() == [2, "Beta", "64", "2", "5", "—"]
    assert wide.loc[2, "Fit score"] == "—"
    gaps = views.gaps_view(gaps_to_close(long))
    assert gaps.loc[0].tolist() == [
        "Beta",
        "Active",
        "Tech",
        "Yes",
        "2",
        "3",
        "4",
        "Below the must-have minimum",
        "1",
        "2",
    ]
    rows = list(long.itertuples())
    assert views.score_text(rows[1]) == "3 of 5 (weight 2, target 4): below the target"
    assert views.gap_text(rows[1]) == "Reach 3, 1 point short of the target 4"
    assert views.gap_text(rows[3]) == (
        "Tech 2, 1 point short of the must-have minimum 3 and 2 points of the target 4"
    )
    assert views.gaps_sentence(gap_counts(long), CRITERIA) == (
        "2 of 2 scored partners have a gap to close: 1 must-have below the minimum and "
        "1 score below the target."
    )
    no_target = [Criterion(name="Tech", weight=1)]
    assert "No criterion has a target" in views.gaps_sentence(gap_counts(long), no_target)


def test_cards_carry_each_criterion_and_the_gaps():
    long = criterion_scores(PARTNERS, SCORES, CRITERIA)
    docs = [
        {
            "partner_id": pid,
            "name": name,
            "fit_score": "x",
            "must_have": "y",
            "type": "ISV",
            "status": "Active",
            "life_cycle": "",
            "competitive_advantage": "",
            "competitors": "",
            "expected_mindshare": "",
        }
        for pid, name in [("A", "Alpha"), ("B", "Beta")]
    ]
    cards = views.document_cards(docs, 2, long)
    fields = views.card_fields(["Tech", "Reach", "Fit"])
    assert list(fields)[-4:] == ["criterion:Tech", "criterion:Reach", "criterion:Fit", "gaps"]
    assert cards[0]["criterion:Tech"] == (
        "4 of 5 (weight 3, must-have, minimum 3, target 4): meets the target"
    )
    assert cards[0]["gaps"] == "Reach 3, 1 point short of the target 4"
    assert cards[1]["criterion:Fit"] == "not scored (weight 1)"


def test_demo_gaps_worked_out_by_hand(demo_run):
    """Report 01 of the demo records its gaps. From requirement_scores.csv (48 partners, all five
    criteria scored): technical capability (minimum 2, target 4) has one 1 (below the minimum)
    and 14 twos + 8 threes (below the target): 22; market reach (target 3) 8 ones + 11 twos:
    19; customer overlap (target 3) 8 + 12: 20; financial stability (minimum 2, target 3) 12
    twos: 12; cultural fit has no target. 22 + 19 + 20 + 12 = 73 below the target. Six
    partners meet every target (P001, P003, P008, P009, P020, P037): 42 of 48 have a gap."""
    import json

    results = json.loads((demo_run / "results.json").read_text(encoding="utf-8"))
    assert results["01-requirements-investment"]["figures"]["requirement_gaps"] == {
        "scored_partners": 48,
        "partners_with_gaps": 42,
        "below_minimum": 1,
        "below_target": 73,
        "not_scored": 0,
    }


def test_a_must_have_target_below_its_minimum_is_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="target 2 is below min_score 3"):
        Criterion(name="Tech", weight=1, must_have=True, min_score=3, target=2)
    assert Criterion(name="Reach", weight=1, min_score=3, target=2).target == 2  # no must-have
