"""Trend 1 calculations on small fixtures with hand-worked figures."""

import math

import pandas as pd
import pytest
from conftest import deals_frame

from playbook import requirements as rq
from playbook.profile import Criterion

D = pd.Timestamp


CRITERIA = [
    Criterion(name="Tech", weight=3, must_have=True, min_score=3),
    Criterion(name="Reach", weight=2),
    Criterion(name="Fit", weight=1),
]
PARTNERS = pd.DataFrame(
    {"partner_id": ["A", "B", "C", "D"], "name": ["A", "B", "C", "D"], "status": ["active"] * 4}
)


def test_fit_score_weighted_with_must_haves_and_unscored_criteria():
    """A: 100·(3·4/5 + 2·5/5 + 1·2/5)/6 = 100·(2.4+2+0.4)/6 = 80, passes (4 ≥ 3).
    B: Tech 2 < 3 fails; 100·(3·2/5 + 2·5/5)/5 (Fit unscored) = 100·3.2/5 = 64.
    C: only Reach 5 → 100, must-have unscored → incomplete. D: nothing scored."""
    scores = pd.DataFrame(
        [
            ("A", "Tech", 4),
            ("A", "Reach", 5),
            ("A", "Fit", 2),
            ("B", "Tech", 2),
            ("B", "Reach", 5),
            ("C", "Reach", 5),
        ],
        columns=["partner_id", "criterion", "score"],
    )
    fit = rq.fit_scores(PARTNERS, scores, CRITERIA).set_index("partner_id")
    assert fit.loc["A", "fit_score"] == pytest.approx(80)
    assert fit.loc["A", "must_have"] == "pass"
    assert fit.loc["B", "fit_score"] == pytest.approx(64)
    assert fit.loc["B", "must_have"] == "fail" and fit.loc["B", "failed"] == "Tech"
    assert fit.loc["B", "unscored"] == "Fit"
    assert fit.loc["C", "must_have"] == "incomplete"
    assert math.isnan(fit.loc["D", "fit_score"])
    assert list(rq.fit_scores(PARTNERS, scores, CRITERIA)["partner_id"]) == ["C", "A", "B", "D"]


def test_requirements_document_lists_competitor_relationships():
    partners = PARTNERS.assign(
        type="isv",
        life_cycle=["growth", None, None, None],
        competitive_advantage="",
        expected_mindshare="high",
    )
    links = pd.DataFrame(
        {
            "competitor": ["Rival", "Other"],
            "partner_id": ["A", "A"],
            "relationship": ["reseller", None],
        }
    )
    fit = rq.fit_scores(
        partners, pd.DataFrame(columns=["partner_id", "criterion", "score"]), CRITERIA
    )
    docs = {d["partner_id"]: d for d in rq.requirements_documents(partners, fit, links)}
    assert docs["A"]["competitors"] == "Rival (reseller), Other"
    assert docs["A"]["life_cycle"] == "growth" and docs["B"]["life_cycle"] == "not recorded"
    assert docs["B"]["competitors"] == "none known"


def test_requirements_documents_limit_keeps_the_best_fitting():
    """Same scores as the fit test above: C 100, A 80, B 64, D unscored → a limit of 2 keeps
    the documents of C and A, in that order; 0 keeps all four."""
    scores = pd.DataFrame(
        [
            ("A", "Tech", 4),
            ("A", "Reach", 5),
            ("A", "Fit", 2),
            ("B", "Tech", 2),
            ("B", "Reach", 5),
            ("C", "Reach", 5),
        ],
        columns=["partner_id", "criterion", "score"],
    )
    partners = PARTNERS.assign(
        type="isv", life_cycle=None, competitive_advantage="", expected_mindshare="high"
    )
    fit = rq.fit_scores(partners, scores, CRITERIA)
    links = pd.DataFrame(columns=["competitor", "partner_id", "relationship"])
    top = rq.requirements_documents(partners, fit, links, limit=2)
    assert [(d["partner_id"], d["fit_score"]) for d in top] == [
        ("C", "100 / 100"),
        ("A", "80 / 100"),
    ]
    assert len(rq.requirements_documents(partners, fit, links, limit=0)) == 4


def test_joint_solution_revenue_split_by_hand():
    solutions = pd.DataFrame(
        {
            "solution_id": ["S1", "S2"],
            "partner_id": ["X", "Y"],
            "name": ["one", "two"],
            "our_software": ["ERP", "ERP"],
            "certification_status": ["certified", "in_review"],
            "certified_date": [D("2024-01-01"), pd.NaT],
        }
    )
    partners = pd.DataFrame({"partner_id": ["X", "Y"], "name": ["Xco", "Yco"]})
    deals = deals_frame(
        [
            ("a", "X", "sourced", "won", D("2024-02-01"), 100, 50, "S1"),
            ("b", "X", "influenced", "won", D("2024-02-01"), 300, 50, "S1"),
            ("c", "Y", "sourced", "won", D("2024-02-01"), 200, 50, "S2"),
            ("d", "Y", "sourced", "won", D("2024-02-01"), 400, 50, None),
            ("e", "Y", "sourced", "lost", D("2024-02-01"), 999, 50, "S2"),
            ("f", None, "direct", "won", D("2024-02-01"), 999, 50, None),
        ]
    )
    table, split = rq.joint_solutions(solutions, partners, deals, "2024-12-31")
    assert split.loc["certified joint solution", "revenue"] == 400
    assert split.loc["joint solution, not certified", "revenue"] == 200
    assert split.loc["no joint solution", "revenue"] == 400
    assert split.loc["certified joint solution", "share"] == pytest.approx(0.4)
    assert table.set_index("solution_id").loc["S1", "deals"] == 2


def test_summarise_with_only_joint_solutions_by_hand():
    """No fit scores, no investments: only the split of test_joint_solution_revenue_split_by_hand
    (certified 400 of 1000 = 40 %) is summarised."""
    split = pd.DataFrame(
        {
            "revenue": [400.0, 200.0, 400.0],
            "deals": [2, 1, 1],
            "average_deal": [200.0, 200.0, 400.0],
            "share": [0.4, 0.2, 0.4],
        },
        index=["certified joint solution", "joint solution, not certified", "no joint solution"],
    )
    result = rq.summarise(
        fit=None, table=None, doc={"active_partners": 0}, split=split, currency="USD"
    )
    assert result.findings == [
        "Certified joint solutions carry 40.0% of won partner revenue (USD\xa0400)."
    ]
    assert result.figures == {
        "documentation": {"active_partners": 0},
        "solution_revenue": {
            "certified joint solution": 400.0,
            "joint solution, not certified": 200.0,
            "no joint solution": 400.0,
        },
    }
    assert result.headline == {"Investments": "not supplied"}
