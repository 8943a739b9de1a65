"""Trend 6 conclusions by hand (the fixture of test_partner_types): takeaways, key findings
with their money at stake, one action per partner with a risk flag, partner 360 records."""

import pandas as pd
import pytest
from test_partner_types import DEALS, PARTNERS

from playbook import partner_types as pt
from playbook import partner_types_findings as ptf
from playbook.partner_types import health_status
from playbook.results import Urgency

D = pd.Timestamp
WINDOW = ("2024-01-01", "2024-12-31")
PARTNERS_M = PARTNERS.assign(manager_id=["M1", None, "M2"])
STAFF = pd.DataFrame({"staff_id": ["M1", "M2"], "name": ["Maya Okafor", None]})


def _assessments():
    """I1: 5,2,4,4,5, legal yes, beta no → (1+.4+.8+.8+1+1+0)/7 = 71.4, lack of trust (Amber).
    I2: 5,1,1,5,5, yes, yes → (1+.2+.2+1+1+1+1)/7 = 77.1, two flags (Red). S1: all 5, yes,
    yes → 100, no flag (Green)."""
    return pd.DataFrame(
        {
            "partner_id": ["I1", "I2", "S1"],
            "assessed_date": [D("2024-06-01")] * 3,
            "open_communication": [5, 5, 5],
            "trust": [2, 1, 5],
            "goals_agreed": [4, 1, 5],
            "team_skill": [4, 5, 5],
            "alignment": [5, 5, 5],
            "legal_documentation": pd.array([True, True, True], dtype="boolean"),
            "beta_program": pd.array([False, True, True], dtype="boolean"),
        }
    )


def _result():
    t = pt.type_table(PARTNERS_M, DEALS, *WINDOW)
    _, quick = pt.quick_wins(PARTNERS_M, DEALS, "2024-12-31", within_days=90)
    ww = pt.with_without(DEALS, *WINDOW, min_deals=1)
    h = pt.health(_assessments(), PARTNERS_M, "2024-12-31", risk_at=2)
    return ptf.summarise(
        t=t,
        quick=quick,
        ww=ww,
        h=h,
        within_days=90,
        currency="USD",
        partners=PARTNERS_M,
        deals=DEALS,
        staff=STAFF,
        start=WINDOW[0],
        end=WINDOW[1],
    )


@pytest.mark.parametrize(
    ("score", "risks", "status"),
    [
        (85, "", "Green"),
        (80, "", "Green"),
        (79.9, "", "Amber"),
        (90, "lack of trust", "Amber"),
        (59.9, "", "Red"),
        (90, "lack of trust; lack of alignment", "Red"),
        (float("nan"), "", ""),
    ],
)
def test_health_status(score, risks, status):
    assert health_status(score, risks) == status


def test_takeaways_in_order_with_their_figures():
    """Revenue: isv a 1000 + b 3000 = 4000, integrator f 800 → isv 4000 / 4800 = 83.3 %.
    Closed partner deals a, b, f won and c lost: 3 of 4 = 75 %, average 4800 / 3 = 1600;
    direct g won 9000 of 1 = 100 %: 1 − 1600/9000 = 82.2 % smaller, (9000 − 1600) × 3 =
    22,200. Flagged: I2 (Red, no revenue) and I1 (4000). Quick wins at 2024-12-31: I1 30 days,
    S1 19 days, I2 none: 2 of 3. Qualified leads: a, b, c, d and f = 5; sourced a, c, d, f = 4,
    one of them (f) by the integrator."""
    findings = [f.replace("\xa0", " ") for f in _result().findings]
    assert findings[:3] == [
        "ISV partners bring the most partner revenue: USD 4,000, 83.3% of it, from 2 of 3 "
        "partners active in the window.",
        "Partner deals are won less often (75.0% against 100.0% without) and are smaller: a "
        "won partner deal averages USD 1,600, 82.2% below a direct one (USD 9,000), "
        "USD 22,200 less over 3 won partner deals.",
        "2 of 3 assessed strategic partners carry risk flags, with USD 4,000 of partner revenue "
        "in the window: Isv Two (lack of trust; no clear agreement on objectives); Isv One "
        "(lack of trust).",
    ]
    assert findings[3].startswith("66.7% of partners (2 of 3) won a first deal within 90 days")
    assert findings[4] == (
        "Partners brought 5 qualified leads in the window. Leads from SIs (Systems integrator "
        "partners' own leads): 1 of the 4 leads partners sourced."
    )
    assert len(findings) <= 6


def test_key_findings_with_stake_urgency_and_section():
    key = _result().key_findings
    assert [(k.stake, k.urgency, k.section) for k in key] == [
        (4000.0, Urgency.ACT_NOW, "Partnership health against the principles"),
        (pytest.approx(22200.0), Urgency.FIX, "Deals with a partner vs without"),
        (4000.0, Urgency.OPPORTUNITY, "Tracking by partner type"),
        (None, Urgency.FIX, "Deals with a partner vs without"),
    ]
    assert (
        key[3].text == "Deals with a partner are won less often: 75.0% against 100.0% without one."
    )


def test_one_action_per_flagged_partner_owned_by_its_manager():
    actions = _result().actions
    assert [(a.action, a.owner, a.kind, a.urgency) for a in actions] == [
        (
            "Address the risk flags with Isv Two: lack of trust, no clear agreement on "
            "objectives (health 77 of 100).",
            "",
            "Partner risk flag",
            Urgency.ACT_NOW,
        ),
        (
            "Address the risk flags with Isv One: lack of trust (health 71 of 100).",
            "Maya Okafor",
            "Partner risk flag",
            Urgency.FIX,
        ),
    ]


def test_partner_records_carry_health_and_risk_flags():
    records = {p["partner_id"]: p for p in _result().partners}
    assert records == {
        "I1": {
            "partner_id": "I1",
            "partner": "Isv One",
            "health": "Amber",
            "risk_flags": "lack of trust",
        },
        "I2": {
            "partner_id": "I2",
            "partner": "Isv Two",
            "health": "Red",
            "risk_flags": "lack of trust; no clear agreement on objectives",
        },
        "S1": {"partner_id": "S1", "partner": "Si", "health": "Green", "risk_flags": ""},
    }


def test_headline_names_the_top_type_in_words():
    assert _result().headline["Top type"] == "ISV"


def test_a_window_without_partner_wins_says_so_and_draws_nothing_from_it():
    """Window 2030: no deal at all, so no revenue, no comparison and no key finding."""
    t = pt.type_table(PARTNERS_M, DEALS, "2030-01-01", "2030-12-31")
    ww = pt.with_without(DEALS, "2030-01-01", "2030-12-31", min_deals=1)
    result = ptf.summarise(t=t, quick=None, ww=ww, h=None, within_days=90, currency="USD")
    assert result.findings == ["No partner deal was won in the reporting window."]
    assert result.key_findings == [] and result.actions == [] and result.partners == []
