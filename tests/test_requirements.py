"""Trend 1 calculations on small fixtures with hand-worked figures."""

import math

import numpy as np
import pandas as pd
import pytest

from playbook import requirements as rq
from playbook.profile import Criterion

D = pd.Timestamp


def _deals(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "deal_id",
            "partner_id",
            "attribution",
            "stage",
            "close_date",
            "amount",
            "margin",
            "solution_id",
        ],
    )


INVESTMENTS = pd.DataFrame(
    {
        "investment_id": ["I1", "I2", "I3"],
        "partner_id": ["X", "X", "Y"],
        "date": [D("2024-01-15"), D("2024-04-10"), D("2024-01-02")],
        "amount": [10_000.0, 2_000.0, 5_000.0],
    }
)
DEALS = _deals(
    [
        ("d1", "X", "sourced", "won", D("2024-02-10"), 5000, 3000, None),
        ("d2", "X", "influenced", "won", D("2024-03-05"), 9000, 4000, None),  # credited 2000
        ("d3", "X", "sourced", "won", D("2024-05-20"), 9000, 6000, None),
        ("d4", "X", "sourced", "lost", D("2024-05-21"), 9000, 9000, None),
        ("d5", "Y", "sourced", "won", D("2024-03-01"), 8000, 6000, None),
    ]
)


def test_monthly_series_by_hand():
    s = rq.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    assert list(s["month"]) == [1, 2, 3, 4, 5, 6]
    assert list(s["investment"]) == [10000, 0, 0, 2000, 0, 0]
    assert list(s["margin"]) == [0, 3000, 2000, 0, 6000, 0]
    assert list(s["cum_margin"]) == [0, 3000, 5000, 5000, 11000, 11000]
    assert list(s["cum_investment"]) == [10000, 10000, 10000, 12000, 12000, 12000]


def test_payback_reached_in_month_3():
    s = rq.monthly_series(INVESTMENTS, DEALS, "Y", "2024-06-30", credit_share=0.5)
    out = rq.payback(s, rq.PaybackAssumptions(window=3))
    assert out["payback_status"] == "reached" and out["payback_month"] == 3


def test_projected_payback_roi_and_npv_by_hand():
    """X: shortfall 12000 − 11000 = 1000 at month 6. Trailing 3 months (4–6): margin
    (0+6000+0)/3 = 2000, investment 2000/3; net 4000/3 → ceil(1000 ÷ 1333.3) = 1 → month 7.
    ROI 12: cum margin 11000 + 6×2000 = 23000; cum investment 12000 + 6×2000/3 = 16000 →
    7000/16000. ROI 36: (11000 + 30×2000 − 12000 − 30×2000/3) / (12000 + 20000) = 39000/32000."""
    s = rq.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    a = rq.PaybackAssumptions(window=3, horizon=12, discount_rate=0.0)
    out = rq.payback(s, a)
    assert out["payback_status"] == "projected" and out["payback_month"] == 7
    assert out["roi_12"] == pytest.approx(7000 / 16000)
    assert out["roi_36"] == pytest.approx(39000 / 32000)
    assert out["roi_projected"]
    assert out["npv"] == pytest.approx(7000)  # undiscounted: net over 12 months
    rate = 1.10 ** (1 / 12) - 1
    nets = [-10000, 3000, 2000, -2000, 6000, 0] + [2000 - 2000 / 3] * 6
    expected = sum(n / (1 + rate) ** t for t, n in enumerate(nets))
    out = rq.payback(s, rq.PaybackAssumptions(window=3, horizon=12, discount_rate=0.10))
    assert out["npv"] == pytest.approx(expected)


def test_payback_not_in_horizon_when_trailing_net_is_negative_or_too_slow():
    s = rq.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    assert rq.payback(s, rq.PaybackAssumptions(window=1))["payback_status"] == "not in horizon"
    # net 1333.3/month needs 1 month; a 0-month projection window refuses it
    slow = rq.PaybackAssumptions(window=3, projection=0)
    assert rq.payback(s, slow)["payback_status"] == "not in horizon"


def test_credit_share_changes_influenced_margin():
    s = rq.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=1.0)
    assert s["margin"].iloc[2] == 4000


def test_no_investment_means_no_payback():
    out = rq.payback(
        rq.monthly_series(INVESTMENTS, DEALS, "Z", "2024-06-30", 0.5), rq.PaybackAssumptions()
    )
    assert out["payback_status"] == "no investment recorded" and math.isnan(out["roi_12"])


def test_documentation_completeness_by_hand():
    table = pd.DataFrame(
        {
            "invested": [1.0, 1.0, np.nan, 1.0],
            "payback_status": ["reached", "not in horizon", "no investment recorded", "projected"],
            "months_elapsed": [10, 10, 0, 2],
            "roi_36": [0.1, -0.2, np.nan, 0.3],
        }
    )
    doc = rq.documentation_completeness(table)
    assert doc["investment_recorded"] == 0.75
    assert doc["payback_known"] == 0.5
    assert doc["roi_projection"] == 0.5  # the last has only 2 months of history
    assert doc["all_three"] == 0.25 and doc["none"] == 0.25


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


def test_monthly_series_of_all_partners_by_hand():
    """Z starts later than X and Y: its first investment is in March, so its February deal
    (margin 1000, sourced) counts in its own month 1, and its April influenced deal (margin
    800) is credited 400. X's and Y's series are those of the one-partner tests."""
    investments = pd.concat(
        [
            INVESTMENTS,
            pd.DataFrame(
                {
                    "investment_id": ["I4"],
                    "partner_id": ["Z"],
                    "date": [D("2024-03-01")],
                    "amount": [3000.0],
                }
            ),
        ],
        ignore_index=True,
    )
    deals = pd.concat(
        [
            DEALS,
            _deals(
                [
                    ("z1", "Z", "sourced", "won", D("2024-02-01"), 2000, 1000, None),
                    ("z2", "Z", "influenced", "won", D("2024-04-15"), 1500, 800, None),
                ]
            ),
        ],
        ignore_index=True,
    )
    series = rq.monthly_series_all(investments, deals, "2024-06-30", 0.5)
    z = series[series["partner_id"] == "Z"]
    assert list(z["period"].astype(str)) == ["2024-03", "2024-04", "2024-05", "2024-06"]
    assert list(z["investment"]) == [3000, 0, 0, 0]
    assert list(z["margin"]) == [1000, 400, 0, 0]
    assert list(z["cum_margin"]) == [1000, 1400, 1400, 1400]
    x = series[series["partner_id"] == "X"]
    assert list(x["margin"]) == [0, 3000, 2000, 0, 6000, 0]
    assert sorted(series["partner_id"].unique()) == ["X", "Y", "Z"]


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
    deals = _deals(
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
