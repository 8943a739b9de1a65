"""Trend 1 investment economics (payback, ROI, NPV) on small fixtures with hand-worked figures."""

import json
import math

import numpy as np
import pandas as pd
import pytest
from conftest import TINY, deals_frame, write_workspace

from playbook import payback as pb
from playbook import payback_views, runner
from playbook.workspace import check_workspace

D = pd.Timestamp


INVESTMENTS = pd.DataFrame(
    {
        "investment_id": ["I1", "I2", "I3"],
        "partner_id": ["X", "X", "Y"],
        "date": [D("2024-01-15"), D("2024-04-10"), D("2024-01-02")],
        "amount": [10_000.0, 2_000.0, 5_000.0],
    }
)


DEALS = deals_frame(
    [
        ("d1", "X", "sourced", "won", D("2024-02-10"), 5000, 3000, None),
        ("d2", "X", "influenced", "won", D("2024-03-05"), 9000, 4000, None),  # credited 2000
        ("d3", "X", "sourced", "won", D("2024-05-20"), 9000, 6000, None),
        ("d4", "X", "sourced", "lost", D("2024-05-21"), 9000, 9000, None),
        ("d5", "Y", "sourced", "won", D("2024-03-01"), 8000, 6000, None),
    ]
)


def test_monthly_series_by_hand():
    s = pb.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    assert list(s["month"]) == [1, 2, 3, 4, 5, 6]
    assert list(s["investment"]) == [10000, 0, 0, 2000, 0, 0]
    assert list(s["margin"]) == [0, 3000, 2000, 0, 6000, 0]
    assert list(s["cum_margin"]) == [0, 3000, 5000, 5000, 11000, 11000]
    assert list(s["cum_investment"]) == [10000, 10000, 10000, 12000, 12000, 12000]


def test_payback_reached_in_month_3():
    s = pb.monthly_series(INVESTMENTS, DEALS, "Y", "2024-06-30", credit_share=0.5)
    out = pb.payback(s, pb.PaybackAssumptions(window=3))
    assert out["payback_status"] == "reached" and out["payback_month"] == 3


def test_projected_payback_roi_and_npv_by_hand():
    """X: shortfall 12000 − 11000 = 1000 at month 6. Trailing 3 months (4–6): margin
    (0+6000+0)/3 = 2000, investment 2000/3; net 4000/3 → ceil(1000 ÷ 1333.3) = 1 → month 7.
    ROI 12: cum margin 11000 + 6×2000 = 23000; cum investment 12000 + 6×2000/3 = 16000 →
    7000/16000. ROI 36: (11000 + 30×2000 − 12000 − 30×2000/3) / (12000 + 20000) = 39000/32000."""
    s = pb.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    a = pb.PaybackAssumptions(window=3, horizon=12, discount_rate=0.0)
    out = pb.payback(s, a)
    assert out["payback_status"] == "projected" and out["payback_month"] == 7
    assert out["roi_12"] == pytest.approx(7000 / 16000)
    assert out["roi_36"] == pytest.approx(39000 / 32000)
    assert out["roi_projected"]
    assert out["npv"] == pytest.approx(7000)  # undiscounted: net over 12 months
    rate = 1.10 ** (1 / 12) - 1
    nets = [-10000, 3000, 2000, -2000, 6000, 0] + [2000 - 2000 / 3] * 6
    expected = sum(n / (1 + rate) ** t for t, n in enumerate(nets))
    out = pb.payback(s, pb.PaybackAssumptions(window=3, horizon=12, discount_rate=0.10))
    assert out["npv"] == pytest.approx(expected)


def test_payback_not_in_horizon_when_trailing_net_is_negative_or_too_slow():
    s = pb.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    assert pb.payback(s, pb.PaybackAssumptions(window=1))["payback_status"] == "not in horizon"
    # net 1333.3/month needs 1 month; a 0-month projection window refuses it
    slow = pb.PaybackAssumptions(window=3, projection=0)
    assert pb.payback(s, slow)["payback_status"] == "not in horizon"


def test_credit_share_changes_influenced_margin():
    s = pb.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=1.0)
    assert s["margin"].iloc[2] == 4000


def test_no_investment_means_no_payback():
    out = pb.payback(
        pb.monthly_series(INVESTMENTS, DEALS, "Z", "2024-06-30", 0.5), pb.PaybackAssumptions()
    )
    assert out["payback_status"] == "no investment recorded" and math.isnan(out["roi_12"])


def test_documentation_completeness_by_hand():
    """Four active partners: two with ROI 36 computable, one without investment, one with
    2 months of history (too early: :func:`payback` leaves its ROI 36 missing). Recorded 3/4,
    payback known 1/4 (the reached one), ROI projection 2/4, all three 1/4, none 1/4."""
    table = pd.DataFrame(
        {
            "invested": [1.0, 1.0, np.nan, 1.0],
            "payback_status": [
                "reached",
                "not in horizon",
                "no investment recorded",
                "too early to project",
            ],
            "months_elapsed": [10, 10, 0, 2],
            "roi_36": [0.1, -0.2, np.nan, np.nan],
        }
    )
    doc = pb.documentation_completeness(table)
    assert doc["investment_recorded"] == 0.75
    assert doc["payback_known"] == 0.25
    assert doc["roi_projection"] == 0.5
    assert doc["all_three"] == 0.25 and doc["none"] == 0.25


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
            deals_frame(
                [
                    ("z1", "Z", "sourced", "won", D("2024-02-01"), 2000, 1000, None),
                    ("z2", "Z", "influenced", "won", D("2024-04-15"), 1500, 800, None),
                ]
            ),
        ],
        ignore_index=True,
    )
    series = pb.monthly_series_all(investments, deals, "2024-06-30", 0.5)
    z = series[series["partner_id"] == "Z"]
    assert list(z["period"].astype(str)) == ["2024-03", "2024-04", "2024-05", "2024-06"]
    assert list(z["investment"]) == [3000, 0, 0, 0]
    assert list(z["margin"]) == [1000, 400, 0, 0]
    assert list(z["cum_margin"]) == [1000, 1400, 1400, 1400]
    x = series[series["partner_id"] == "X"]
    assert list(x["margin"]) == [0, 3000, 2000, 0, 6000, 0]
    assert sorted(series["partner_id"].unique()) == ["X", "Y", "Z"]


# ---------------------------------------------------------------- a blank is never a zero


def _without_margin(deals, ids):
    """``deals`` with the margin of the deals ``ids`` blanked."""
    out = deals.copy()
    out.loc[out["deal_id"].isin(ids), "margin"] = None
    return out


def test_a_blank_margin_on_some_won_deals_leaves_the_partner_missing_not_zero():
    """X's influenced won deal d2 has no margin: X's won deals up to 2024-06-30 are d1, d2, d3
    (d4 is lost), so 1 of 3 lacks a margin. Its margin, payback, ROI and NPV are missing — not
    computed over d1 and d3 (which would give margin 9000 and a shortfall), nor with d2 as 0.
    The investment (10000 + 2000 = 12000) is known and stays."""
    deals = _without_margin(DEALS, ["d2"])
    s = pb.monthly_series(INVESTMENTS, deals, "X", "2024-06-30", credit_share=0.5)
    assert list(s["deals_without_margin"]) == [0, 0, 1, 0, 0, 0]
    out = pb.payback(s, pb.PaybackAssumptions(window=3))
    assert out["payback_status"] == "cannot be computed"
    assert out["reason"] == "deals.margin blank on 1 of 3 won deals"
    assert out["invested"] == 12000 and math.isnan(out["margin"])
    assert all(math.isnan(out[k]) for k in ("payback_month", "roi_12", "roi_36", "npv"))


def test_deals_without_any_margin_say_not_supplied_and_a_dealless_partner_earns_zero():
    """No deal carries a margin. X (3 won deals) and Y (1 won deal) cannot be computed:
    "deals.margin not supplied". W invested 4000 in 2024-01 and won nothing, a true margin of
    0: 6 months to 2024-06-30, trailing (window 6) investment 4000/6 a month, margin 0 → net
    < 0, not in horizon; ROI 12 = (0 − (4000 + 6 × 4000/6)) / 8000 = −1."""
    deals = DEALS.assign(margin=pd.NA)  # as a workspace without the column has it
    investments = pd.concat(
        [
            INVESTMENTS,
            pd.DataFrame(
                {
                    "investment_id": ["I9"],
                    "partner_id": ["W"],
                    "date": [D("2024-01-20")],
                    "amount": [4000.0],
                }
            ),
        ],
        ignore_index=True,
    )
    partners = pd.DataFrame(
        {
            "partner_id": ["X", "Y", "W"],
            "name": ["Xco", "Yco", "Wco"],
            "type": "isv",
            "status": "active",
        }
    )
    table = pb.investment_table(
        partners, investments, deals, "2024-06-30", pb.PaybackAssumptions()
    ).set_index("partner_id")
    for pid in ("X", "Y"):
        assert table.loc[pid, "payback_status"] == "cannot be computed"
        assert table.loc[pid, "reason"] == "deals.margin not supplied"
        assert math.isnan(table.loc[pid, "roi_12"]) and math.isnan(table.loc[pid, "npv"])
    assert table.loc["W", "margin"] == 0 and table.loc["W", "roi_12"] == pytest.approx(-1)
    assert table.loc["W", "payback_status"] == "not in horizon"
    view = payback_views.investment_view(table.reset_index(), "USD").set_index("Partner")
    assert view.loc["Xco", "ROI 12 m"] == "—" and view.loc["Xco", "NPV"] == "—"
    assert view.loc["Xco", "Payback"] == "Cannot be computed"
    assert view.loc["Wco", "Payback"] == "Not within the next 24 months"
    assert view.loc["Xco", "ROI and NPV"] == "—" and view.loc["Wco", "ROI and NPV"] == "Projected"
    assert view.loc["Xco", "Why missing"] == "deals.margin not supplied"


def test_a_blank_investment_amount_is_not_zero():
    """X's second investment (2024-04) has no amount: invested is unknown (not 10000), and so
    are payback, ROI and NPV; X's margin (all its deals have one) stays 11000."""
    investments = INVESTMENTS.assign(amount=[10_000.0, np.nan, 5_000.0])
    s = pb.monthly_series(investments, DEALS, "X", "2024-06-30", credit_share=0.5)
    out = pb.payback(s, pb.PaybackAssumptions(window=3))
    assert math.isnan(out["invested"]) and out["margin"] == 11000
    assert out["payback_status"] == "cannot be computed"
    assert out["reason"] == "investments.amount blank on 1 of 2 investments"
    assert math.isnan(out["npv"])


def test_trailing_mean_over_fewer_months_than_the_window():
    """X to 2024-06-30 has 6 months; a 12-month window averages those 6: margin 11000/6,
    investment 12000/6 = 2000 a month → trailing net −1000/6 < 0 → not in horizon. ROI 12 =
    (11000 + 6·11000/6 − 12000 − 6·2000) / (12000 + 6·2000) = (22000 − 24000) / 24000."""
    s = pb.monthly_series(INVESTMENTS, DEALS, "X", "2024-06-30", credit_share=0.5)
    out = pb.payback(s, pb.PaybackAssumptions(window=12))
    assert out["trailing_net"] == pytest.approx(-1000 / 6)
    assert out["payback_status"] == "not in horizon"
    assert out["roi_12"] == pytest.approx(-2000 / 24000)


def test_too_little_history_projects_nothing():
    """Y to 2024-02-29: 2 months (invested 5000 in January, its deal closes in March), not paid
    back. With min_history 3 nothing is projected: too early, ROI and NPV missing (the old
    model extrapolated 2 months into 36). With min_history 2 the trailing net is
    (0 − 5000)/2 < 0: not in horizon."""
    s = pb.monthly_series(INVESTMENTS, DEALS, "Y", "2024-02-29", credit_share=0.5)
    out = pb.payback(s, pb.PaybackAssumptions(min_history=3))
    assert out["payback_status"] == "too early to project"
    assert out["reason"] == "2 months since the first investment; a projection needs 3"
    assert math.isnan(out["roi_12"]) and math.isnan(out["npv"])
    assert pb.payback(s, pb.PaybackAssumptions(min_history=2))["payback_status"] == (
        "not in horizon"
    )


def test_npv_does_not_discount_month_one():
    """Y to 2024-03-31, horizon 3, monthly rate 1 % (annual 1.01¹² − 1): nets −5000 (month 1,
    t = 0), 0, +6000 (month 3, t = 2) → NPV = −5000 + 6000 / 1.01²."""
    s = pb.monthly_series(INVESTMENTS, DEALS, "Y", "2024-03-31", credit_share=0.5)
    a = pb.PaybackAssumptions(horizon=3, discount_rate=1.01**12 - 1)
    assert pb.payback(s, a)["npv"] == pytest.approx(-5000 + 6000 / 1.01**2)


def test_investments_after_as_of_do_not_exist_yet():
    """Z's only investment is dated 2024-08-01, after the as-of date 2024-06-30: no first
    investment date and no investment recorded."""
    investments = pd.concat(
        [
            INVESTMENTS,
            pd.DataFrame(
                {
                    "investment_id": ["I8"],
                    "partner_id": ["Z"],
                    "date": [D("2024-08-01")],
                    "amount": [1000.0],
                }
            ),
        ],
        ignore_index=True,
    )
    partners = pd.DataFrame(
        {"partner_id": ["Z"], "name": ["Zco"], "type": "isv", "status": "active"}
    )
    row = pb.investment_table(partners, investments, DEALS, "2024-06-30", pb.PaybackAssumptions())
    assert pd.isna(row.loc[0, "first_investment"])
    assert row.loc[0, "payback_status"] == "no investment recorded"


def test_no_active_partner_gives_an_empty_table_that_every_view_takes():
    """Only a candidate (or an as-of date before every agreement): no rows, but the columns the
    views and the completeness read are there (a column-less frame crashed report 01)."""
    partners = pd.DataFrame(
        {"partner_id": ["Z"], "name": ["Zco"], "type": "isv", "status": "candidate"}
    )
    a = pb.PaybackAssumptions()
    table = pb.investment_table(partners, INVESTMENTS, DEALS, "2024-06-30", a)
    assert table.empty and {"invested", "payback_status", "reason", "npv"} <= set(table.columns)
    assert payback_views.investment_view(table, "USD").empty
    assert pb.documentation_completeness(table)["active_partners"] == 0
    assert payback_views.payback_chart_data(table, INVESTMENTS, DEALS, "2024-06-30", a, 6) == (
        {},
        {},
    )


@pytest.mark.e2e
def test_report_01_runs_on_deals_without_a_margin_column_and_shows_missing(tmp_path):
    """The tiny workspace with the ``margin`` column removed from deals.csv: the check accepts
    it and 01 runs. Active P1, P2, P3 each have an investment by 2024-12-31 (3000, 5000, 1000
    → 9000 invested) and won deals (P1: D1, D2, D7; P2: D3; P3: D4), so none has a margin:
    payback, ROI and NPV are missing with "deals.margin not supplied" — no −100 % ROI and no
    "has paid back" count drawn from a margin nobody supplied."""
    lines = TINY["deals"].splitlines()
    col = lines[0].split(",").index("margin")
    deals = "\n".join(",".join(c for i, c in enumerate(r.split(",")) if i != col) for r in lines)
    ws = write_workspace(tmp_path / "ws", dict(TINY, deals=deals + "\n"))
    _, problems = check_workspace(ws)
    assert not [p for p in problems if p.level == "error"]
    [outcome] = runner.run([ws], tmp_path / "r", only=["01"], params=["as_of=2024-12-31"])
    assert outcome.status == "ok", outcome.notebooks
    result = json.loads((outcome.run_dir / "results.json").read_text())[
        "01-requirements-investment"
    ]
    figures = result["figures"]
    assert figures["payback_not_computable"] == 3 and figures["payback_reached"] == 0
    assert figures["npv"] is None and figures["invested"] == 9000
    assert {p["reason"] for p in figures["partners"].values()} == {"deals.margin not supplied"}
    assert result["headline"]["Portfolio NPV"] == "—"
    assert "the portfolio NPV cannot be computed (deals.margin not supplied)" in " ".join(
        result["findings"]
    )
    report = (outcome.run_dir / "01-requirements-investment.html").read_text()
    assert "deals.margin not supplied" in report and "-100.0%" not in report
