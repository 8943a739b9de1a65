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
        fit=None,
        table=None,
        doc={"active_partners": 0},
        split=split,
        currency="USD",
        as_of="2024-12-31",
    )
    assert result.findings == [
        "Certified joint solutions carry 40.0% of won partner revenue "
        "(USD\xa0400, all time up to 2024-12-31)."
    ]
    assert result.figures == {
        "period": "all time up to 2024-12-31",
        "documentation": {"active_partners": 0},
        "solution_revenue": {
            "certified joint solution": 400.0,
            "joint solution, not certified": 200.0,
            "no joint solution": 400.0,
        },
    }
    assert result.headline == {"Investments": "not supplied"}


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


def _investment_rows(rows):
    """An investment table (as :func:`playbook.payback.investment_table` returns) from
    ``(partner_id, months_elapsed, invested, payback_month, status, npv, reason, missing)``."""
    out = pd.DataFrame(
        rows,
        columns=[
            "partner_id",
            "months_elapsed",
            "invested",
            "payback_month",
            "payback_status",
            "npv",
            "reason",
            "missing",
        ],
    )
    return out.assign(name=out["partner_id"], roi_12=float("nan"))


def test_median_payback_of_8_and_9_prints_8_5_and_the_npv_sum_says_what_it_adds():
    """A reached payback in month 8, B in month 9 → median 8.5 (the old finding printed "8").
    C has no investment. Portfolio NPV = 100 + 50 = 150 over A and B, each over 36 months
    from its own first investment; invested 1000 + 2000 = 3000."""
    table = _investment_rows(
        [
            ("A", 20, 1000.0, 8.0, "reached", 100.0, "", ()),
            ("B", 20, 2000.0, 9.0, "reached", 50.0, "", ()),
            ("C", 0, float("nan"), float("nan"), "no investment recorded", float("nan"), "", ()),
        ]
    )
    result = rq.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 3, "all_three": 2 / 3},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    assert result.findings[:3] == [
        "2 of 3 active partners have paid back their investment up to 2024-06-30 "
        "(median month 8.5 after the first investment, over those 2).",
        "Invested USD\xa03,000 in active partners (all time up to 2024-06-30).",
        "Portfolio NPV USD\xa0150: the sum of 2 partners' NPVs, each over the 36 months from "
        "its own first investment and discounted to that month.",
    ]
    assert result.figures["median_payback_month"] == 8.5
    assert result.headline["Paid back"] == "2 of 3"


def test_summary_cites_no_figure_when_no_deal_has_a_margin():
    """Both partners with an investment cannot be computed ("deals.margin not supplied"): no
    "None of 2 has paid back", no NPV of 0 — the findings say what is missing and why; the
    invested total (known amounts 1000 + 2000) stays."""
    why = ("deals.margin not supplied",)
    table = _investment_rows(
        [
            ("A", 20, 1000.0, float("nan"), "cannot be computed", float("nan"), why[0], why),
            ("B", 20, 2000.0, float("nan"), "cannot be computed", float("nan"), why[0], why),
        ]
    )
    result = rq.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 2, "all_three": 0.0},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    assert result.findings[:3] == [
        "Payback, ROI and NPV cannot be computed for 2 of 2 active partners: "
        "deals.margin not supplied.",
        "Invested USD\xa03,000 in active partners (all time up to 2024-06-30).",
        "Portfolio NPV cannot be computed: deals.margin not supplied.",
    ]
    assert result.figures["npv"] is not None and math.isnan(result.figures["npv"])
    assert result.headline["Portfolio NPV"] == "—"
    assert result.headline["Paid back"] == "0 of 2, 2 unknown"


def test_the_total_invested_is_missing_when_an_amount_is_blank():
    """A's investment amount is blank, B invested 2000: the total is not 2000 (a blank read as
    0) but missing; the NPV sum covers B only (50) and says 1 of 2 partners."""
    why = ("investments without an amount (investments.amount)",)
    table = _investment_rows(
        [
            ("A", 20, float("nan"), float("nan"), "cannot be computed", float("nan"), "x", why),
            ("B", 20, 2000.0, 9.0, "reached", 50.0, "", ()),
        ]
    )
    result = rq.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 2, "all_three": 0.5},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    assert math.isnan(result.figures["invested"]) and result.headline["Invested"] == "—"
    assert (
        "The total invested cannot be computed: investments without an amount "
        "(investments.amount)." in result.findings
    )
    assert result.headline["Portfolio NPV"] == "USD\xa050 (1 of 2 partners)"


def test_fit_needs_names_the_setting_or_table_the_fit_score_lacks():
    crit = [Criterion(name="Reach", weight=1)]
    assert rq.fit_needs([], lambda t: True) == ("profile.yaml", "requirement_criteria")
    assert rq.fit_needs(crit, lambda t: t != "requirement_scores") == ("requirement_scores",)
    assert rq.fit_needs(crit, lambda t: True) == ()
