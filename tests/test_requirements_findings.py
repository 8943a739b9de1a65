"""What report 01 concludes (playbook.requirements_findings), on hand-worked fixtures."""

import math

import pandas as pd
import pytest

from playbook import requirements_findings as rf
from playbook.results import Action, KeyFinding, Urgency

NAN = float("nan")


def _investment_rows(rows):
    """An investment table (as :func:`playbook.payback.investment_table` returns) from
    ``(partner_id, months_elapsed, invested, margin, payback_month, status, npv, roi_36,
    reason, missing)``."""
    out = pd.DataFrame(
        rows,
        columns=[
            "partner_id",
            "months_elapsed",
            "invested",
            "margin",
            "payback_month",
            "payback_status",
            "npv",
            "roi_36",
            "reason",
            "missing",
        ],
    )
    return out.assign(name=out["partner_id"], roi_12=NAN)


def _fit(rows):
    """A fit table (as :func:`playbook.requirements.fit_scores` returns) from
    ``(partner_id, status, fit_score, must_have, failed)``, in the given (fit) order."""
    out = pd.DataFrame(rows, columns=["partner_id", "status", "fit_score", "must_have", "failed"])
    return out.assign(name=out["partner_id"], unscored="")


def test_summarise_with_only_joint_solutions_by_hand():
    """No fit scores, no investments: only the split (certified 400 of 1000 = 40 %) is
    summarised; no key finding, action or partner record."""
    split = pd.DataFrame(
        {
            "revenue": [400.0, 200.0, 400.0],
            "deals": [2, 1, 1],
            "average_deal": [200.0, 200.0, 400.0],
            "share": [0.4, 0.2, 0.4],
        },
        index=["certified joint solution", "joint solution, not certified", "no joint solution"],
    )
    result = rf.summarise(
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
    assert (result.key_findings, result.actions, result.partners) == ([], [], [])


def test_median_payback_of_8_and_9_prints_8_5_and_the_npv_sum_says_what_it_adds():
    """A reached payback in month 8, B in month 9 → median 8.5. C has no investment.
    Portfolio NPV = 100 + 50 = 150 over A and B; invested 1000 + 2000 = 3000."""
    table = _investment_rows(
        [
            ("A", 20, 1000.0, 1500.0, 8.0, "reached", 100.0, 0.5, "", ()),
            ("B", 20, 2000.0, 2500.0, 9.0, "reached", 50.0, 0.25, "", ()),
            ("C", 0, NAN, NAN, NAN, "no investment recorded", NAN, NAN, "", ()),
        ]
    )
    result = rf.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 3, "all_three": 2 / 3},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    assert result.findings == [
        "USD\xa03,000 invested in active partners up to 2024-06-30; 2 of the 2 active partners "
        "with an investment have paid it back (median month 8.5 after the first investment); "
        "the portfolio NPV is "
        "USD\xa0150 (the sum over 2 partners, each from its own first investment).",
        "66.7% of active partners have investment, payback and ROI all documented (the seed "
        "report found that over half of vendors have not documented all three).",
    ]
    assert result.key_findings == [
        KeyFinding(
            "USD\xa03,000 invested in active partners (all time up to 2024-06-30) has paid back "
            "for 2 of the 2 partners invested in; the portfolio NPV is USD\xa0150.",
            3000.0,
            Urgency.OPPORTUNITY,
            "Investment, payback and ROI",
        )
    ]
    assert result.figures["median_payback_month"] == 8.5
    assert result.headline["Paid back"] == "2 of 2"  # C has no investment: nothing to pay back


def test_summary_cites_no_figure_when_no_deal_has_a_margin():
    """Both partners with an investment cannot be computed ("deals.margin not supplied"): no
    "None of 2 has paid back", no NPV of 0; the 3,000 invested (1,000 + 2,000) has no
    recorded return."""
    why = ("deals.margin not supplied",)
    table = _investment_rows(
        [
            ("A", 20, 1000.0, NAN, NAN, "cannot be computed", NAN, NAN, why[0], why),
            ("B", 20, 2000.0, NAN, NAN, "cannot be computed", NAN, NAN, why[0], why),
        ]
    )
    result = rf.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 2, "all_three": 0.0},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    no_return = (
        "USD\xa03,000 invested in 2 active partners has no recorded return: 2 partners whose "
        "margin cannot be computed (A, B)."
    )
    assert result.findings[:3] == [
        "USD\xa03,000 invested in active partners up to 2024-06-30; the portfolio NPV cannot "
        "be computed (deals.margin not supplied).",
        "Payback, ROI and NPV cannot be computed for 2 of 2 active partners: "
        "deals.margin not supplied.",
        no_return,
    ]
    assert [k.text for k in result.key_findings] == [
        no_return,
        "USD\xa03,000 invested in active partners (all time up to 2024-06-30) has paid back "
        "for 0 of the 2 partners invested in.",
    ]
    assert result.key_findings[0].stake == 3000 and result.key_findings[0].urgency == 2
    assert math.isnan(result.figures["npv"])
    assert result.headline["Portfolio NPV"] == "—"
    assert result.headline["Paid back"] == "0 of 2, 2 unknown"
    assert [p["paid_back"] for p in result.partners] == [None, None]


def test_the_total_invested_is_missing_when_an_amount_is_blank():
    """A's investment amount is blank, B invested 2000: the total is not 2000 (a blank read as
    0) but missing; the NPV sum covers B only (50) and says 1 of 2 partners."""
    why = ("investments without an amount (investments.amount)",)
    table = _investment_rows(
        [
            ("A", 20, NAN, 500.0, NAN, "cannot be computed", NAN, NAN, "x", why),
            ("B", 20, 2000.0, 2500.0, 9.0, "reached", 50.0, 0.25, "", ()),
        ]
    )
    result = rf.summarise(
        fit=None,
        table=table,
        doc={"active_partners": 2, "all_three": 0.5},
        split=None,
        currency="USD",
        as_of="2024-06-30",
    )
    assert math.isnan(result.figures["invested"]) and result.headline["Invested"] == "—"
    assert result.findings[0] == (
        "The total invested cannot be computed: investments without an amount "
        "(investments.amount); 1 of the 2 active partners with an investment has paid it back "
        "(median month 9 after the first investment); the portfolio NPV is USD\xa050 (the sum "
        "over 1 of 2 partners, each from its own first investment)."
    )
    assert result.headline["Portfolio NPV"] == "USD\xa050 (1 of 2 partners)"
    assert result.key_findings == []  # no total to put at stake, no return missing


def _portfolio():
    """A: 40 months, 1,000 invested, not in horizon (past the 36-month horizon: act now).
    B: 12 months, 2,000 invested, no won deal (margin 0), not in horizon. C: paid back in month
    30. D: 37 months, payback only projected (month 50): past the horizon. E: no investment.
    Fit: D best (90, pass), C 70, X a candidate failing Tech."""
    table = _investment_rows(
        [
            ("A", 40, 1000.0, 300.0, NAN, "not in horizon", -500.0, -0.7, "", ()),
            ("B", 12, 2000.0, 0.0, NAN, "not in horizon", -1500.0, -1.0, "", ()),
            ("C", 38, 500.0, 600.0, 30.0, "reached", 80.0, 0.2, "", ()),
            ("D", 37, 800.0, 400.0, 50.0, "projected", -100.0, -0.25, "", ()),
            ("E", 0, NAN, NAN, NAN, "no investment recorded", NAN, NAN, "", ()),
        ]
    )
    fit = _fit(
        [
            ("D", "active", 90.0, "pass", ""),
            ("C", "active", 70.0, "pass", ""),
            ("X", "candidate", 40.0, "fail", "Tech"),
        ]
    )
    return rf.summarise(
        fit=fit,
        table=table,
        doc={"active_partners": 5, "all_three": 0.4},
        split=None,
        currency="USD",
        as_of="2024-06-30",
        owners={"A": "Ann", "X": "Xavier"},
    )


def test_key_findings_review_the_best_fit_and_money_without_return_by_hand():
    """Review: B 2,000 + A 1,000 + D 800 = 3,800 (largest first). Best fit D returns −25 %.
    No return: B's 2,000 (margin 0). Portfolio 1,000 + 2,000 + 500 + 800 = 4,300, 1 of the 4
    invested in paid back, NPV −500 − 1,500 + 80 − 100 = −2,020."""
    keys = _portfolio().key_findings
    assert keys == [
        KeyFinding(
            "3 active partners are not on course to pay back the USD\xa03,800 invested in them "
            "(largest: B, A, D): 2 partners not paid back after 36 months (A, D); 1 partner "
            "not expected to pay back within the next 24 months.",
            3800.0,
            Urgency.ACT_NOW,
            "Investment, payback and ROI",
        ),
        KeyFinding(
            "D, the best fit (90 of 100), has not earned back its investment: ROI −25.0% at 36 "
            "months on USD\xa0800 invested, payback projected for month 50.",
            800.0,
            Urgency.FIX,
            "Partner requirements and fit",
        ),
        KeyFinding(
            "USD\xa02,000 invested in 1 active partner has no recorded return: 1 partner "
            "without a won deal (B).",
            2000.0,
            Urgency.FIX,
            "Investment, payback and ROI",
        ),
        KeyFinding(
            "USD\xa04,300 invested in active partners (all time up to 2024-06-30) has paid back "
            "for 1 of the 4 partners invested in; the portfolio NPV is \u2212USD\xa02,020.",
            4300.0,
            Urgency.OPPORTUNITY,
            "Investment, payback and ROI",
        ),
    ]


def test_takeaways_are_at_most_six_and_lead_with_the_money():
    findings = _portfolio().findings
    assert len(findings) == 6
    assert findings[0].startswith("USD\xa04,300 invested in active partners up to 2024-06-30; ")
    assert findings[1].startswith("3 active partners are not on course")
    assert findings[4] == "1 partner or candidate fails a must-have criterion: X (Tech)."
    assert not any("(s)" in f or "_" in f for f in findings)


def test_actions_review_past_the_horizon_first_then_the_must_have_gap():
    actions = _portfolio().actions
    assert actions == [
        Action(
            "Review the investment in A: USD\xa01,000 over 40 months, not paid back (no payback "
            "expected within the next 24 months).",
            "Ann",
            "",
            "Investment review",
            "Investment, payback and ROI",
            Urgency.ACT_NOW,
        ),
        Action(
            "Review the investment in D: USD\xa0800 over 37 months, not paid back (payback "
            "projected for month 50).",
            "",
            "",
            "Investment review",
            "Investment, payback and ROI",
            Urgency.ACT_NOW,
        ),
        Action(
            "Review the investment in B: USD\xa02,000 over 12 months, not paid back (no payback "
            "expected within the next 24 months).",
            "",
            "",
            "Investment review",
            "Investment, payback and ROI",
            Urgency.FIX,
        ),
        Action(
            "Close X's must-have gap (Tech below the minimum) before signing it.",
            "Xavier",
            "",
            "Must-have failure",
            "Partner requirements and fit",
            Urgency.FIX,
        ),
    ]


def test_partner_records_carry_the_360_fields():
    records = {p["partner_id"]: p for p in _portfolio().partners}
    assert list(records) == ["D", "C", "X", "A", "B", "E"]
    assert records["D"] == {
        "partner_id": "D",
        "partner": "D",
        "fit_score": 90.0,
        "must_have": "Pass",
        "invested": 800.0,
        "roi_36m": -0.25,
        "payback": "Projected month 50",
        "paid_back": False,
    }
    assert records["C"]["payback"] == "Month 30" and records["C"]["paid_back"] is True
    assert records["A"]["payback"] == "Not within the next 24 months"
    assert records["X"] == {
        "partner_id": "X",
        "partner": "X",
        "fit_score": 40.0,
        "must_have": "Fail",
        "invested": None,
        "roi_36m": None,
        "payback": None,
        "paid_back": None,
    }
    assert records["E"]["payback"] == "No investment recorded"
    assert records["E"]["paid_back"] is None and records["E"]["fit_score"] is None


@pytest.mark.parametrize("roi, urgency", [(0.1, Urgency.FIX), (0.9, Urgency.OPPORTUNITY)])
def test_a_best_fit_that_pays_is_compared_with_the_median(roi, urgency):
    """Best fit P: ROI 10 % or 90 %, Q 50 %: median (10 + 50)/2 = 30 % or (90 + 50)/2 = 70 %."""
    table = _investment_rows(
        [
            ("P", 40, 100.0, 200.0, 5.0, "reached", 10.0, roi, "", ()),
            ("Q", 40, 100.0, 200.0, 5.0, "reached", 10.0, 0.5, "", ()),
        ]
    )
    fit = _fit([("P", "active", 80.0, "pass", "")])
    result = rf.summarise(
        fit=fit, table=table, doc={}, split=None, currency="USD", as_of="2024-06-30"
    )
    [best] = [k for k in result.key_findings if k.section == "Partner requirements and fit"]
    median = "30.0%" if roi < 0.5 else "70.0%"
    assert best.urgency == urgency
    assert best.text.endswith(f"on USD\xa0100 invested (median partner: {median}).")
