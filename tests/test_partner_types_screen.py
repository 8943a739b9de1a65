"""Trend 6 screens by hand: "check box" partners (signed, no deal and no training since), the
program levels with the partners at each, the client's benchmark figures and their views."""

import numpy as np
import pandas as pd
import pytest

from playbook import partner_types_findings as ptf
from playbook import partner_types_screen as pts
from playbook import partner_types_screen_views as ptsv

D = pd.Timestamp
AS_OF = "2024-12-31"
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
        "name": ["One", "Two", "Three", "Four", "Five", "Six", "Seven"],
        "type": ["isv", "integrator", "platform", "ecosystem", "isv", "isv", "integrator"],
        "status": ["active"] * 4 + ["candidate", "active", "active"],
        "manager_id": ["M1"] * 7,
        "start_date": [
            D("2024-01-01"),  # 365 days
            D("2024-03-01"),
            D("2024-10-01"),  # 91 days: too recent to judge
            D("2024-02-01"),
            pd.NaT,
            D("2024-04-01"),
            D("2024-05-01"),  # 244 days
        ],
        "end_date": [pd.NaT] * 7,
        "trained_on_our_product": pd.array(
            [pd.NA, False, pd.NA, pd.NA, pd.NA, True, pd.NA], dtype="boolean"
        ),
        "certification_level": [
            "none",
            "certified",
            "advanced",
            "expert",
            "expert",
            None,
            "registered",
        ],
    }
)
DEALS = pd.DataFrame(
    {
        "deal_id": ["D1", "D2", "D3", "D4"],
        "partner_id": ["P1", "P4", None, None],
        "created_date": [D("2023-06-01"), D("2024-05-01"), D("2023-01-01"), D("2024-06-01")],
        "close_date": [D("2023-09-01"), pd.NaT, D("2023-03-01"), pd.NaT],
    }
)
DEAL_PARTNERS = pd.DataFrame({"deal_id": ["D4"], "partner_id": ["P2"]})
TRAININGS = pd.DataFrame(
    {
        "partner_id": ["P7"],
        "direction": ["partner_on_ours"],
        "completed_date": [D("2023-12-01")],  # before P7 signed: not since signing
    }
)


def test_checkbox_partners_by_hand():
    """Eligible (signed ≥ 180 days): P1, P2, P4, P6, P7. P1's only deal predates its signing;
    P2 is on D4 through deal_partners; P4 has a lead; P6 is trained; P7's training predates
    its signing. Check boxes: P1 (365 days) and P7 (244 days): 2 of 5."""
    t, s = pts.checkbox_partners(PARTNERS, DEALS, AS_OF, 180, DEAL_PARTNERS, TRAININGS)
    assert list(t["partner_id"]) == ["P1", "P7"]
    assert list(t["days_since_signing"]) == [365, 244]
    assert set(t["screen"]) == {"check box"}
    assert s == {"eligible": 5, "checkbox": 2, "unknown": 0, "share": 0.4}


def test_without_a_training_record_no_partner_is_called_a_check_box():
    t, s = pts.checkbox_partners(PARTNERS, DEALS, AS_OF, 180, DEAL_PARTNERS, None)
    assert list(t["screen"]) == ["no deal; training not recorded"] * 2
    assert (s["checkbox"], s["unknown"]) == (0, 2) and np.isnan(s["share"])
    assert ptsv.checkbox_text(s, 180) == (
        "0 of 5 partners signed at least 180 days ago have had no deal and no training since "
        "signing; 2 more partners without a deal cannot be judged: their training is not "
        "recorded (trainings file or the partners' trained column)."
    )


def test_an_undated_deal_counts_as_activity_and_history_bounds_the_watch():
    undated = pd.concat(
        [DEALS, pd.DataFrame({"deal_id": ["D5"], "partner_id": ["P1"]})], ignore_index=True
    )
    t, _ = pts.checkbox_partners(PARTNERS, undated, AS_OF, 180, DEAL_PARTNERS, TRAININGS)
    assert list(t["partner_id"]) == ["P7"]
    late = DEALS[DEALS["deal_id"] != "D3"].copy()
    late.loc[late["deal_id"] == "D1", ["created_date", "close_date"]] = [
        D("2024-08-01"),
        D("2024-09-01"),
    ]  # history now starts 2024-05-01 (D2): only 244 days watched
    _, s = pts.checkbox_partners(PARTNERS, late, AS_OF, 245, DEAL_PARTNERS, TRAININGS)
    assert s["eligible"] == 0


def test_levels_and_the_cheapest_way_in():
    """Active at the as-of date: P1 none → Registered, P2 certified → Silver, P3 advanced and
    P4 expert → Gold, P7 registered → Registered; P6 has no level recorded while levels ask
    for one: not placed."""
    levels = pd.DataFrame(
        {
            "level_id": ["L3", "L1", "L2"],
            "name": ["Gold", "Registered", "Silver"],
            "rank": [3, 1, 2],
            "annual_fee": [9000.0, 500.0, 5000.0],
            "package": ["Funds", "Sandbox", None],
            "package_value": [np.nan, 3000.0, 20000.0],
            "min_certification": ["advanced", None, "certified"],
        }
    )
    t, s = pts.levels_table(levels, PARTNERS, AS_OF)
    assert list(t["level_id"]) == ["L1", "L2", "L3"]
    assert list(t["partners"]) == [2, 1, 2]
    assert t["share_of_value"].tolist()[:2] == [pytest.approx(1 / 6), 0.25]
    assert np.isnan(t["share_of_value"].iloc[2])
    assert s == {"cheapest": "L1", "not_placed": 1, "active": 6}
    assert ptsv.levels_text(t, s, "USD").replace("\xa0", " ") == (
        "The cheapest way into the program is Registered (USD 500 a year), 16.7% of the list "
        "value of what it gives; 2 active partners sit at it; 1 active partner could not be "
        "placed (no certification level recorded, or below every level's requirement)."
    )


def test_measured_values_and_own_marks():
    ww = pd.DataFrame({"with_partner": [0.3], "without_partner": [0.4]}, index=["win_rate"]).astype(
        object
    )
    h = pd.DataFrame({"status": ["Green", "Red", ""]})
    got = pts.measured(
        quick={"share": 0.5, "median_days": 70.0},
        checkbox={"share": 0.4},
        partners=PARTNERS,
        ww=ww,
        h=h,
        as_of=AS_OF,
    )
    # certification known for P1 none, P2 certified, P3 advanced, P4 expert, P7 registered
    assert got == {
        "quick_win_share": 0.5,
        "median_days_to_first_win": 70.0,
        "checkbox_share": 0.4,
        "certified_share": 0.6,
        "partner_win_rate": 0.3,
        "health_green_share": 0.5,
    }
    assert pts.own_marks(ww) == {"partner_win_rate": 0.4}
    assert ptsv.mark_notes({"partner_win_rate": 0.4}) == {
        "partner_win_rate": "Win rate without a partner (this client)"
    }


def test_checkbox_finding_names_partners_with_the_money_invested():
    checkbox = pts.checkbox_partners(PARTNERS, DEALS, AS_OF, 180, DEAL_PARTNERS, TRAININGS)
    invested = pd.Series({"P1": 12000.0, "P2": 5000.0})
    key = ptf.checkbox_finding(checkbox, invested, "USD", 180)
    assert key.stake == 12000.0
    assert key.text.replace("\xa0", " ") == (
        "2 of 5 partners signed at least 180 days ago are 'check box' partners: no deal and no "
        "training since signing, with USD 12,000 invested in them: One (12 months); Seven "
        "(8 months)."
    )
    managers = pd.Series({"P1": "Mia", "P7": "Mia"})
    actions = ptf.checkbox_actions(checkbox, managers)
    assert [a.owner for a in actions] == ["Mia", "Mia"]
    assert ptf.checkbox_finding(checkbox, None, "USD", 180).stake is None


def test_views_name_leads_from_sis_and_format_the_benchmark():
    from playbook import partner_types_views as ptv
    from playbook import program_reference as pr

    t = pd.DataFrame(
        0.0,
        index=pd.Index(["isv", "integrator", "platform", "ecosystem"], name="type"),
        columns=[
            "partners",
            "sourced_revenue",
            "influenced_revenue",
            "qualified_leads",
            "sourced_leads",
            "projects",
            "cost_of_sale",
            "cost_of_sale_share",
            "median_cycle_days",
            "pipeline_velocity",
            "joint_marketing_wins",
            "joint_marketing_revenue",
        ],
    )
    t["sourced_leads"] = [4.0, 7.0, 1.0, 0.0]
    view = ptv.type_view(t, "USD").set_index("Partner type")
    assert view["Leads from SIs"].to_dict() == {
        "ISV": "Not an SI type",
        "Systems integrator": "7",
        "Platform": "Not an SI type",
        "Ecosystem": "Not an SI type",
    }
    assert "Leads from SIs" in ptv.TYPE_SCREEN
    programs = pr.profiled(
        pd.DataFrame(
            {
                "program": ["A"],
                "measure": ["median_days_to_first_win"],
                "value": [80.0],
                "source": [""],
            }
        )
    )
    bench = pr.benchmark(
        {"quick_win_share": 0.325, "median_days_to_first_win": 123.0},
        programs,
        {"partner_win_rate": 0.306},
    )
    shown = ptsv.benchmark_view(bench, ptsv.mark_notes({"partner_win_rate": 0.306}))
    shown = shown.set_index("Measure")
    assert shown.loc[
        "Partners with a quick win", ["Client", "Mark", "Against the mark"]
    ].tolist() == [
        "32.5%",
        "50.0%",
        "Short of the mark",
    ]
    assert shown.loc["Median days to a first win", "Best profiled program"] == "A: 80 days"
    assert shown.loc["Win rate of partner deals", "Mark from"] == (
        "Win rate without a partner (this client)"
    )
    assert shown.loc["Win rate of partner deals", "Client"] == "—"
    assert shown.loc["Active partners certified", "Best profiled program"] == "No program profiled"
    assert shown.loc["Active partners certified", "Also in the reference profile (04)"] == (
        "Yes: enablement"
    )
    assert ptsv.benchmark_findings(bench) == [
        "Against the benchmark of the best programs, 0 of 2 measures the data gives meet the "
        "mark; short: partners with a quick win, median days to a first win."
    ]
