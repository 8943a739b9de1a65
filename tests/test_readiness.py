"""Trend 3 calculations by hand: unanswered items, index, maturity bands, coverage."""

import pandas as pd
import pytest
from conftest import answers

from playbook import readiness as rd

BANK = pd.DataFrame(
    {
        "item_id": ["A1", "A2", "A3", "B1", "B2", "C1"],
        "dimension": ["customer_needs"] * 3 + ["goal_alignment"] * 2 + ["platform_readiness"],
        "question": list("qqqqqq"),
        "recommendation": list("rrrrrr"),
    }
)


def test_unanswered_items_are_excluded_not_zero():
    """customer_needs: A1 4, A2 2, A3 blank → mean 3 → 60. goal_alignment: B1 5, B2 absent →
    100. platform_readiness: nothing answered → missing. Index (weights 1, 1) = 80; with
    goal_alignment weighted 3: (60 + 300) / 4 = 90."""
    items = rd.scored_items(
        answers([("A1", 4, ""), ("A2", 2, ""), ("A3", None, ""), ("B1", 5, "")]), BANK
    )
    dims = rd.dimension_scores(items)
    assert dims.loc["customer_needs", "score"] == pytest.approx(60)
    assert dims.loc["customer_needs", "unanswered"] == 1
    assert dims.loc["goal_alignment", "score"] == pytest.approx(100)
    assert pd.isna(dims.loc["platform_readiness", "score"])
    assert rd.readiness_index(dims) == pytest.approx(80)
    weighted = rd.dimension_scores(items, {"goal_alignment": 3})
    assert rd.readiness_index(weighted) == pytest.approx(90)
    gap = rd.gaps(items, threshold=2)
    assert list(gap["item_id"]) == ["A2"]


@pytest.mark.parametrize(
    "index, level",
    [
        (0, "Ad hoc"),
        (19.99, "Ad hoc"),
        (20, "Emerging"),
        (59.9, "Defined"),
        (60, "Managed"),
        (80, "Optimised"),
        (100, "Optimised"),
        (float("nan"), "not assessed"),
    ],
)
def test_maturity_band_boundaries(index, level):
    assert rd.maturity(index) == level


def test_industry_coverage_by_hand():
    partners = pd.DataFrame(
        {
            "status": ["active", "active", "active", "candidate"],
            "industry": ["Retail", "Retail", "Energy", "Energy"],
        }
    )
    accounts = pd.DataFrame(
        {
            "status": ["customer"] * 4 + ["prospect"],
            "industry": ["Retail", "Energy", "Energy", "Health", "Retail"],
        }
    )
    cov = rd.industry_coverage(partners, accounts, min_partners=2)
    assert cov.loc["Retail", "partner_share"] == pytest.approx(2 / 3)
    assert cov.loc["Energy", "customer_share"] == pytest.approx(2 / 4)
    assert list(cov.index[cov["gap"]]) == ["Energy", "Health"]


def test_goal_alignment_overall():
    partners = pd.DataFrame(
        {
            "partner_id": list("ABCDE"),
            "name": list("ABCDE"),
            "type": "isv",
            "status": ["active"] * 4 + ["inactive"],
            "goal_alignment": ["aligned", "partial", "misaligned", None, "aligned"],
        }
    )
    table, overall = rd.goal_alignment(partners)
    assert overall["score"] == pytest.approx(0.5)  # (1 + 0.5 + 0) / 3
    assert overall["share_aligned"] == pytest.approx(0.25)
    assert overall["counts"]["not asked"] == 1
    assert list(table["name"]) == ["C", "B", "D", "A"]  # misaligned first


def test_item_and_alignment_views_have_readable_headers():
    items = pd.DataFrame(
        {
            "item_id": ["CN1"],
            "dimension": ["customer_needs"],
            "question": ["Q?"],
            "score": [1.0],
            "recommendation": ["Do it"],
            "weight": [1],
        }
    )
    view = rd.items_view(items)
    assert list(view.columns) == ["Item", "Dimension", "Question", "Score (0–5)", "Recommendation"]
    assert view.iloc[0].tolist() == ["CN1", "Customer needs", "Q?", "1", "Do it"]
    align = pd.DataFrame(
        {
            "partner_id": ["P1"],
            "name": ["A"],
            "type": ["isv"],
            "status": ["active"],
            "goal_alignment": ["partial"],
        }
    )
    assert list(rd.alignment_view(align).columns) == ["Partner", "Type", "Status", "Goal alignment"]
