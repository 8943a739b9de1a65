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
    assert docs["A"]["life_cycle"] == "Growth" and docs["B"]["life_cycle"] == "not recorded"
    assert docs["A"]["type"] == "ISV" and docs["A"]["must_have"] == "Incomplete"
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
        ("C", "100 of 100"),
        ("A", "80 of 100"),
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


def test_must_have_minimum_defaults_to_the_notebook_parameter():
    """ "Tech" is a must-have without a min_score in the profile; "Reach" sets min_score 4.
    A scores Tech 2, Reach 4. Default minimum 3: Tech 2 < 3 fails. Default 2: Tech passes
    (2 ≥ 2) and Reach passes its own 4 (4 ≥ 4) → pass. The profile's own 4 is never replaced."""
    criteria = [
        Criterion(name="Tech", weight=1, must_have=True),
        Criterion(name="Reach", weight=1, must_have=True, min_score=4),
    ]
    scores = pd.DataFrame(
        [("A", "Tech", 2), ("A", "Reach", 4)], columns=["partner_id", "criterion", "score"]
    )
    partners = PARTNERS.head(1)
    strict = rq.fit_scores(partners, scores, criteria, default_min_score=3).iloc[0]
    assert strict["must_have"] == "fail" and strict["failed"] == "Tech"
    lenient = rq.fit_scores(partners, scores, criteria, default_min_score=2).iloc[0]
    assert lenient["must_have"] == "pass"
    assert rq.must_have_minimum(criteria[1], default=2) == 4


def test_a_solution_certified_after_as_of_is_not_certified_yet():
    """S1 is certified on 2025-02-01, after the as-of date 2024-12-31: its won deal a (100)
    counts as "not certified"; S2 (certified 2024-01-01) carries 300 of 400 = 75 %."""
    solutions = pd.DataFrame(
        {
            "solution_id": ["S1", "S2"],
            "partner_id": ["X", "X"],
            "name": ["one", "two"],
            "our_software": ["ERP", "ERP"],
            "certification_status": ["certified", "certified"],
            "certified_date": [D("2025-02-01"), D("2024-01-01")],
        }
    )
    partners = pd.DataFrame({"partner_id": ["X"], "name": ["Xco"]})
    deals = deals_frame(
        [
            ("a", "X", "sourced", "won", D("2024-02-01"), 100, 50, "S1"),
            ("b", "X", "sourced", "won", D("2024-03-01"), 300, 50, "S2"),
        ]
    )
    table, split = rq.joint_solutions(solutions, partners, deals, "2024-12-31")
    assert split.loc["certified joint solution", "revenue"] == 300
    assert split.loc["joint solution, not certified", "revenue"] == 100
    assert split.loc["certified joint solution", "share"] == pytest.approx(0.75)
    assert list(table.set_index("solution_id")["certified_at_as_of"].loc[["S1", "S2"]]) == [
        False,
        True,
    ]


def test_fit_needs_names_the_setting_or_table_the_fit_score_lacks():
    crit = [Criterion(name="Reach", weight=1)]
    assert rq.fit_needs([], lambda t: True) == ("profile.yaml", "requirement_criteria")
    assert rq.fit_needs(crit, lambda t: t != "requirement_scores") == ("requirement_scores",)
    assert rq.fit_needs(crit, lambda t: True) == ()
