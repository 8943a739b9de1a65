"""Trend 3 calculations by hand: unanswered items, index, maturity bands, coverage."""

import pandas as pd
import pytest
from conftest import answers

from playbook import readiness as rd
from playbook import readiness_summary as rs
from playbook import readiness_views as rdv
from playbook.exceptions import NotebookInputError
from playbook.results import Action, KeyFinding, Urgency

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
    # one denominator: the 3 with a recorded alignment (D, not asked, is not "not aligned")
    assert overall["share_aligned"] == pytest.approx(1 / 3) and overall["recorded"] == 3
    assert overall["counts"]["not asked"] == 1
    assert list(table["name"]) == ["C", "B", "D", "A"]  # misaligned first


def test_maturity_floors_are_a_parameter():
    """Managed moved from 60 to 70: an index of 65 is Defined (40 ≤ 65 < 70), 70 is Managed;
    the other floors keep their defaults (Emerging 20, Optimised 80)."""
    bands = rd.maturity_bands({"Managed": 70})
    assert rd.maturity(65, bands) == "Defined" and rd.maturity(70, bands) == "Managed"
    assert rd.maturity(19.9, bands) == "Ad hoc" and rd.maturity(80, bands) == "Optimised"
    assert rd.maturity_bands() == rd.MATURITY
    with pytest.raises(NotebookInputError, match="must rise strictly"):
        rd.maturity_bands({"Managed": 90})  # above Optimised's 80
    with pytest.raises(NotebookInputError, match="unknown level"):
        rd.maturity_bands({"Expert": 90})


def test_alignment_scores_are_a_parameter():
    """Partial scored 0.25 instead of 0.5: A aligned 1, B partial 0.25, C misaligned 0, D not
    asked (left out) → (1 + 0.25 + 0) / 3 = 0.41666…"""
    partners = pd.DataFrame(
        {
            "partner_id": list("ABCD"),
            "name": list("ABCD"),
            "type": "isv",
            "status": "active",
            "goal_alignment": ["aligned", "partial", "misaligned", None],
        }
    )
    _, overall = rd.goal_alignment(partners, {"partial": 0.25})
    assert overall["score"] == pytest.approx(1.25 / 3)
    with pytest.raises(NotebookInputError, match="unknown alignment"):
        rd.alignment_scores({"not asked": 0})


def _bank_items(scores: dict) -> pd.DataFrame:
    """The shipped bank with the given item scores (others unanswered)."""
    return rd.scored_items(answers([(k, v, "") for k, v in scores.items()]))


def test_to_discuss_lists_zero_answers_the_data_contradicts():
    """IC2 (partners' split by industry) scored 0 while 2 of 3 active partners carry an
    industry (the candidate's does not count); PO2 (investment, payback, ROI per partner) scored
    0 while 2 investments in 1 partner are dated on or before 2024-06-30 (the July one does not
    exist yet). IC1 scored 0 but no customer carries an industry: nothing to contradict. PR1
    scored 0 has no data check. CN1 scored 5 is not a 0."""
    items = _bank_items({"IC1": 0, "IC2": 0, "PO2": 0, "PR1": 0, "CN1": 5})
    partners = pd.DataFrame(
        {
            "partner_id": ["P1", "P2", "P3", "P4"],
            "status": ["active", "active", "active", "candidate"],
            "industry": ["Retail", " ", "Energy", "Health"],
        }
    )
    accounts = pd.DataFrame({"status": ["customer", "prospect"], "industry": [None, "Retail"]})
    investments = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P2"],
            "date": pd.to_datetime(["2024-01-10", "2024-05-01", "2024-07-01"]),
        }
    )
    out = rd.to_discuss(items, partners, accounts, investments, as_of="2024-06-30")
    assert list(out["item_id"]) == ["IC2", "PO2"]
    assert list(out["data_shows"]) == [
        "2 of 3 active partners carry an industry (partners.industry)",
        "2 investments in 1 partner recorded up to 2024-06-30 (investments)",
    ]
    assert list(rdv.discuss_view(out).columns) == [
        "Item",
        "Question",
        "Answer (0–5)",
        "The client's data shows",
    ]


def test_to_discuss_never_lists_a_blank_answer_or_a_table_not_supplied():
    """IC2 unanswered (blank is not 0) and PO2 scored 0 without an investments table: nothing
    to discuss. IC1 scored 0 with 1 of 2 customers carrying an industry is listed."""
    items = _bank_items({"IC1": 0, "IC2": None, "PO2": 0})
    partners = pd.DataFrame({"partner_id": ["P1"], "status": ["active"], "industry": ["Retail"]})
    accounts = pd.DataFrame({"status": ["customer", "customer"], "industry": ["Retail", None]})
    out = rd.to_discuss(items, partners, accounts=accounts, investments=None, as_of="2024-06-30")
    assert list(out["item_id"]) == ["IC1"]
    assert out.loc[0, "data_shows"] == (
        "1 of 2 customer accounts carry an industry (accounts.industry)"
    )
    result = rs.summarise(
        index=50.0,
        level="Defined",
        items=items,
        gap_list=rd.gaps(items),
        unanswered=int(items["score"].isna().sum()),
        cov=None,
        alignment={"score": float("nan")},
        discuss=out,
    )
    assert result.figures["to_discuss"] == ["IC1"]
    assert result.findings[-1] == (
        "1 answer of 0 is contradicted by the client's own data, to check with the client: "
        "'We know our customers' split by industry'."
    )


def test_not_assessed_shows_no_gap_count():
    """No readiness answer scored: the index is missing, so the number of gap items is unknown
    ("—"), not 0 (issue 9: "Gap items 0" sat beside "not assessed" on the summary page)."""
    items = _bank_items({"IC1": None})
    result = rs.summarise(
        index=float("nan"),
        level="not assessed",
        items=items,
        gap_list=rd.gaps(items),
        unanswered=1,
        cov=None,
        alignment={"score": float("nan")},
    )
    assert result.headline == {
        "Readiness index": "—",
        "Maturity": "not assessed",
        "Gap items": "—",
    }
    assert result.findings == ["Readiness not assessed: no question of the assessment has a score."]
    assert result.key_findings == [] and result.actions == []


def test_summarise_by_hand():
    """Shipped bank. Customer needs CN1 5, CN2 3 → 80; industry coverage IC1 4, IC3 2 → 60;
    goal alignment GA3 1 → 20; program operations PO1 4, PO2 0 → 40; the other two dimensions
    unanswered. Index (80 + 60 + 20 + 40) / 4 = 50: Defined (40–60), Managed from 60. Weakest:
    goal alignment 20, program operations 40. Gaps (≤ 2), weakest first: PO2 0, GA3 1, IC3 2;
    7 answered, 11 unanswered. Coverage: customers Energy 3, Health 1, Retail 1; active
    partners Retail 2: Energy and Health have customers and no partner. Alignment of 5 active
    partners: aligned 2, partial 1, misaligned 1, not asked 1 → 2 of 4 recorded aligned, 50 %.
    IC3 and GA3 get specific next steps (the gap industries, the misaligned partner)."""
    items = _bank_items({"CN1": 5, "CN2": 3, "IC1": 4, "IC3": 2, "GA3": 1, "PO1": 4, "PO2": 0})
    dims = rd.dimension_scores(items)
    index = rd.readiness_index(dims)
    assert index == pytest.approx(50)
    partners = pd.DataFrame(
        {
            "partner_id": list("ABCDE"),
            "name": list("ABCDE"),
            "type": "isv",
            "status": "active",
            "industry": ["Retail", "Retail", None, None, None],
            "goal_alignment": ["aligned", "aligned", "misaligned", "partial", None],
        }
    )
    accounts = pd.DataFrame(
        {"status": "customer", "industry": ["Energy"] * 3 + ["Health", "Retail"]}
    )
    cov = rd.industry_coverage(partners, accounts)
    align_table, alignment = rd.goal_alignment(partners)
    gap_list = rd.gaps(items)
    result = rs.summarise(
        index=index,
        level=rd.maturity(index),
        items=items,
        gap_list=gap_list,
        unanswered=11,
        cov=cov,
        alignment=alignment,
        dims=dims,
        bands=rd.MATURITY,
        align_table=align_table,
    )
    energy = "Energy (3 customers, no active partner) and Health (1 customer, no active partner)"
    assert result.findings == [
        "Readiness scores 50 of 100, the Defined maturity level; the next level, Managed, "
        "starts at 60.",
        "The weakest dimensions are goal alignment (20 of 100) and program operations (40 of 100).",
        "3 of 7 answered questions score 2 or less of 5, each with a next step in the gap list; "
        "11 questions are unanswered and left out of the scores.",
        f"Industries with customers but too few partners: {energy}.",
        "2 of the 4 partners with a recorded goal alignment are fully aligned (50.0%); 1 is "
        "misaligned.",
    ]
    assert result.key_findings == [
        KeyFinding(
            "Partner readiness scores 50 of 100 (Defined); goal alignment is weakest at 20.",
            None,
            Urgency.FIX,
            rs.DIMENSIONS,
        ),
        KeyFinding(
            f"Customers in industries without enough partners: {energy}.",
            None,
            Urgency.OPPORTUNITY,
            rs.COVERAGE,
        ),
        KeyFinding(
            "Goals are misaligned with 1 partner; 2 of 4 are fully aligned (50.0%).",
            None,
            Urgency.FIX,
            rs.ALIGNMENT,
        ),
    ]
    gap = "Readiness gap"
    assert result.actions == [
        Action(
            "Program operations, scored 0 of 5: record every partner investment and review "
            "payback each quarter.",
            "",
            "",
            gap,
            rs.GAPS,
            Urgency.FIX,
        ),
        Action(
            "Goal alignment, scored 1 of 5: schedule half-yearly joint reviews, starting with "
            "the 1 misaligned partner.",
            "",
            "",
            gap,
            rs.GAPS,
            Urgency.FIX,
        ),
        Action(
            f"Industry coverage, scored 2 of 5: recruit partners for {energy}.",
            "",
            "",
            gap,
            rs.GAPS,
            Urgency.OPPORTUNITY,
        ),
    ]
    assert rs.radar_title(dims) == (
        "Goal alignment (20) and program operations (40) are the weakest dimensions (score 0–100)"
    )
    assert rs.coverage_title(cov) == "Energy holds 60.0% of customers and has no active partner"
    assert result.headline["Gap items"] == "3"
    assert [(p["partner_id"], p["goal_alignment"]) for p in result.partners] == [
        ("C", "Misaligned"),
        ("D", "Partly aligned"),
        ("E", "Not asked"),
        ("A", "Aligned"),
        ("B", "Aligned"),
    ]
