"""Trend 8 conclusions by hand (the plans of test_communication as of 30 Jun 2024): overdue
milestones named and priced, one action per open milestone owned by the partner's manager with
its due date, the weakest grade named, partner 360 records."""

import pandas as pd
from test_communication import NAMES, PLAN_ROWS

from playbook import communication as cm
from playbook import communication_findings as cf
from playbook.results import Urgency

D = pd.Timestamp
AS_OF = "2024-06-30"
PARTNERS = NAMES.assign(manager_id=["M1", None, "M1"])
STAFF = pd.DataFrame({"staff_id": ["M1"], "name": ["Ann Lee"]})
#: Won partner deals in the window: P 1000, Q 500 (R none).
DEALS = pd.DataFrame(
    {
        "deal_id": ["d1", "d2", "d3"],
        "partner_id": ["P", "Q", None],
        "attribution": ["sourced", "influenced", "direct"],
        "stage": ["won", "won", "won"],
        "close_date": [D("2024-03-01")] * 3,
        "amount": [1000.0, 500.0, 9000.0],
    }
)
ENG = pd.DataFrame(
    {
        "partner_id": ["P", "Q", "R"],
        "name": ["Pee", "Queue", "Arr"],
        "type": "isv",
        "model": ["transaction", "value", "value"],
        "overridden": False,
    }
)
CARDS = pd.DataFrame({"partner_id": ["P"], "name": ["Pee"], "grade": ["D"]})
BEST = pd.DataFrame(
    {
        "stage": ["visitor", "lead", "advocate"],
        "medium": ["Webinar", "Event", "Event"],
        "response_rate": [0.261, 0.436, 0.201],
    }
)


def _result():
    summary, milestones = cm.plans(PLAN_ROWS, PARTNERS, AS_OF)
    return cf.summarise(
        eng=ENG,
        j=None,
        best=BEST,
        cards=CARDS,
        plan_summary=summary,
        milestones=milestones,
        partners=PARTNERS,
        deals=DEALS,
        staff=STAFF,
        start="2024-01-01",
        end=AS_OF,
        currency="USD",
    )


def test_takeaways_name_the_few_that_matter():
    """P (transaction) brings 1000 of P + Q + R = 1500: 66.7 %. Overdue: P's m3 (due 15 Jun,
    done only on 10 Jul). Plans: m1, m2, r1 done = 3 of 7 = 42.9 %; Q's two open milestones
    have no due date. Best medium grouped by medium."""
    assert [f.replace("\xa0", " ") for f in _result().findings] == [
        "1 transaction partner and 2 value partners: the transaction partner brings USD 1,000, "
        "66.7% of program revenue, best served by automation and report cards.",
        "1 plan milestone is overdue at partners with USD 1,000 of program revenue — Pee: m3, "
        "due 2024-06-15.",
        "Report cards of 1 transaction partner: 1 D; lowest: Pee (D), with USD 1,000 of program "
        "revenue. Grades rank these partners against each other, not against the market.",
        "Best response by stage: Webinar for visitors (26.1%); Event for leads (43.6%) and "
        "advocates (20.1%).",
        "The 3 partner plans are 42.9% complete (3 of 7 milestones done); 2 open milestones "
        "without a due date.",
    ]


def test_key_findings_overdue_first():
    key = _result().key_findings
    assert [(k.stake, k.urgency, k.section) for k in key] == [
        (1000.0, Urgency.ACT_NOW, "Per-partner plans"),
        (1000.0, Urgency.FIX, "Report cards for transaction partners"),
        (1000.0, Urgency.OPPORTUNITY, "Value- vs transaction-based partners"),
    ]


def test_one_action_per_open_milestone_overdue_first_with_owner_and_due_date():
    actions = _result().actions
    assert [(a.action, a.owner, a.due, a.kind, a.urgency) for a in actions] == [
        ("m3 with Pee (overdue).", "Ann Lee", "2024-06-15", "Plan milestone", Urgency.ACT_NOW),
        ("m4 with Pee.", "Ann Lee", "2024-12-01", "Plan milestone", Urgency.FIX),
        ("n1 with Queue.", "", "", "Plan milestone", Urgency.FIX),
        ("n2 with Queue.", "", "", "Plan milestone", Urgency.FIX),
    ]


def test_partner_records_carry_grade_engagement_and_milestones():
    """Q's open milestones have no due date: its overdue count is unknown (None), not 0."""
    assert _result().partners == [
        {
            "partner_id": "P",
            "partner": "Pee",
            "grade": "D",
            "engagement": "Transaction partner",
            "next_milestone": "m4, due 2024-12-01",
            "overdue_milestones": 1,
        },
        {
            "partner_id": "Q",
            "partner": "Queue",
            "grade": None,
            "engagement": "Value partner",
            "next_milestone": "n1",
            "overdue_milestones": None,
        },
        {
            "partner_id": "R",
            "partner": "Arr",
            "grade": None,
            "engagement": "Value partner",
            "next_milestone": "",
            "overdue_milestones": 0,
        },
    ]
