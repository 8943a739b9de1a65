"""Trend 7 conclusions by hand (the fixture of test_landscape): untrained partners named and
priced, the partners we depend on, key players, directory; one training action per untrained
partner owned by its manager; partner 360 records."""

import pandas as pd
from test_landscape import DEALS, directory_partners

from playbook import landscape as ls
from playbook import landscape_findings as lf
from playbook.results import Urgency

D = pd.Timestamp
WINDOW = ("2024-01-01", "2024-12-31")
#: b (123 Consulting, influenced) at 40: program revenue X 7, C 40, R 50 + 39 = 89 → 136.
DEALS_C = DEALS.assign(amount=[7.0, 40.0, 50.0, 39.0, 1000.0, 1000.0])
PARTNERS = directory_partners(manager_id=["M1", "M2", "M3", None, None])
STAFF = pd.DataFrame(
    {
        "staff_id": ["M1", "M2", "M3", "S1", "S2"],
        "name": ["Ann Lee", "Maya Okafor", "Raj Patel", "Sam One", "Sue Two"],
        "role": "channel_manager",
    }
)
TRAININGS = pd.DataFrame(
    {
        "partner_id": ["R", "R", "X"],
        "direction": ["partner_on_ours", "ours_on_partner", "ours_on_partner"],
        "staff_id": [None, "S1", "S2"],
        "completed_date": [D("2024-01-01")] * 3,
    }
)


def _result(partners=PARTNERS):
    """Our head count 1000. X: 100 people, 14 % of theirs through us, 7 / 136 = 5.1 % of ours →
    shark. C: 5000 (5×), 2 % through us, 40 / 136 = 29.4 % of ours → remora. R: 850, similar
    size → neither. Trained on our product: X flagged (number unknown), R one training, C
    none → C untrained with USD 40. Key partners R (65.4 %) and C (29.4 %): our 5 program
    people have S1 trained on R, nobody on C."""
    pct = ls.program_revenue_pct(partners, DEALS_C, *WINDOW)
    training = ls.partner_training(partners, TRAININGS, WINDOW[1])
    share, ours = ls.training_both_ways(
        partners, TRAININGS, STAFF, ls.key_partners(pct, partners, WINDOW[1], 2), WINDOW[1]
    )
    return lf.summarise(
        grid=None,
        start_list=None,
        quad=ls.interest_influence(partners),
        pct=pct,
        shark=ls.shark_or_remora(partners, pct, 1000),
        directory=ls.directory_completeness(partners),
        trained_share=share,
        training=training,
        ours=ours,
        partners=partners,
        deals=DEALS_C,
        staff=STAFF,
        start=WINDOW[0],
        end=WINDOW[1],
        currency="USD",
    )


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_takeaways_name_the_untrained_and_the_partners_we_depend_on():
    """Directory: X and R complete, C lacks industry and website (5 / 7): (1 + 5/7 + 1) / 3 =
    90.5 %. Key player: X (interest 3, influence 3 at the midpoint 3)."""
    assert [_plain(f) for f in _result().findings] == [
        "1 of 3 active partners has nobody trained on our product, yet brings USD 40 of program "
        "revenue: 123 Consulting.",
        "Of 3 partners scored, we are the bigger fish they depend on for 1, but we depend on 1 "
        "bigger partner: 123 Consulting brings 29.4% of program revenue (USD 40) while at most "
        "2.0% of their business comes through us.",
        "Nobody in our team is trained on 123 Consulting, one of the 2 partners that bring the "
        "most program revenue (123 Consulting: 29.4%).",
        "1 company to manage closely (high interest and high influence): XYZ Software Co.",
        "The partner directory is 90.5% complete; 1 of 3 entries lacks a field.",
    ]


def test_key_findings_priced_by_the_revenue_at_stake():
    key = _result().key_findings
    assert [(k.stake, k.urgency, k.section) for k in key] == [
        (40.0, Urgency.FIX, "Partner-portal readiness"),
        (40.0, Urgency.FIX, "Shark or remora"),
    ]


def test_one_training_action_per_untrained_partner_owned_by_its_manager():
    [action] = _result().actions
    assert _plain(action.action) == (
        "Train people at 123 Consulting on our product (program revenue USD 40)."
    )
    assert (action.owner, action.kind, action.due) == ("Maya Okafor", "Training gap", "")


def test_an_untrained_partner_holding_our_certification_is_a_data_question():
    """123 Consulting (C) is untrained but holds our certification (expert): the takeaway says
    so as a question to settle with the client, and its action is a check, not a training."""
    certified = PARTNERS.assign(certification_level=["none", "expert", "registered", None, None])
    result = _result(certified)
    assert _plain(result.findings[0]) == (
        "1 of 3 active partners has nobody trained on our product, yet brings USD 40 of program "
        "revenue: 123 Consulting. However, it holds our certification: whether a training is "
        "missing from the data or it was certified without one is a question to settle with the "
        "client."
    )
    [action] = result.actions
    assert _plain(action.action) == (
        "Check whether people at 123 Consulting are trained on our product: it holds our "
        "certification, yet no training is recorded (program revenue USD 40)."
    )
    assert (action.owner, action.kind) == ("Maya Okafor", "Data question")


def test_partner_records_carry_people_trained_and_quadrant():
    """X is flagged trained without a training row: trained, number unknown (None)."""
    assert _result().partners == [
        {
            "partner_id": "X",
            "partner": "XYZ Software Co",
            "trained_staff": None,
            "quadrant": "Key players — manage closely",
        },
        {
            "partner_id": "C",
            "partner": "123 Consulting",
            "trained_staff": 0,
            "quadrant": "Keep satisfied",
        },
        {"partner_id": "R", "partner": "Rest Inc", "trained_staff": 1, "quadrant": "Keep informed"},
    ]


def test_nothing_supplied_gives_no_zero_finding():
    """Nobody has interest/influence, nobody is shark-scored, no directory field beyond the
    required ones, no training data: no "0 key players", no "shark with 0", no "—% trained";
    the one takeaway says training is not known."""
    from test_landscape import partners

    bare = partners(
        interest=None,
        influence=None,
        category=None,
        industry=None,
        website=None,
        contact_email=None,
        description=None,
        type="isv",
    ).assign(trained_on_our_product=pd.array([None] * 5, dtype="boolean"))
    pct = ls.program_revenue_pct(bare, DEALS, *WINDOW)
    empty = TRAININGS.iloc[0:0]
    result = lf.summarise(
        grid=None,
        start_list=None,
        quad=ls.interest_influence(bare),
        pct=pct,
        shark=ls.shark_or_remora(bare, pct, None),
        directory=ls.directory_completeness(bare),
        trained_share=None,
        training=ls.partner_training(bare, empty, WINDOW[1]),
    )
    assert result.findings == [
        "Which partners are trained on our product is not known: the data has no training of "
        "partner staff and no trained-on-our-product flag."
    ]
    assert result.key_findings == [] and result.actions == []
    assert {p["trained_staff"] for p in result.partners} == {None}
    assert result.headline == {"Key players": "—", "Directory complete": "—"}


def test_extra_sections_fold_into_the_one_result():
    """Reporting into marketing without product management: both lines unmet, a key finding
    and two actions. Mindshare: X rated high, measured low (20 % answered, 2 % of business,
    no certification) → far below; its manager Ann Lee owns the review. Stack and outsourcing
    land in the takeaways after the existing ones."""
    from playbook import landscape_extra_findings as xf
    from playbook import landscape_mindshare as lm
    from playbook import landscape_org as lo
    from playbook import landscape_stack as lst

    partners = PARTNERS.assign(
        responsiveness_pct=[20.0, None, None, None, None],
        our_share_of_their_business_pct=[2.0, None, None, None, None],
        certification_level=["none", None, None, None, None],
        expected_mindshare=["high", None, None, None, None],
        stack_position=["above", "below", "beside", None, None],
    )
    comms = pd.DataFrame(columns=["partner_id", "date", "sent", "responses"])
    mind = lm.measure(
        partners, DEALS_C.assign(created_date=D("2024-01-01")), comms, *WINDOW, WINDOW[1]
    )
    answers = pd.DataFrame(
        {"item_id": ["capacity", "skills", "speed", "cost"], "score": [5, 5, 4, 4]}
    ).assign(not_applicable=None, evidence=None)
    scored = lo.outsourcing_answers(answers)
    case, verdict = lo.outsourcing_case(scored)
    stack = lst.positions(partners)
    extra = xf.Extra(
        lines=lo.reporting_lines("marketing", []),
        stack=stack,
        both=lst.both_directions(stack),
        mindshare=mind,
        outsourcing=scored,
        case=case,
        verdict=verdict,
    )
    result = lf.summarise(
        grid=None,
        start_list=None,
        quad=ls.interest_influence(PARTNERS),
        pct=ls.program_revenue_pct(PARTNERS, DEALS_C, *WINDOW),
        shark=ls.shark_or_remora(
            PARTNERS, ls.program_revenue_pct(PARTNERS, DEALS_C, *WINDOW), 1000
        ),
        directory=ls.directory_completeness(PARTNERS),
        trained_share=None,
        training=ls.partner_training(PARTNERS, TRAININGS, WINDOW[1]),
        partners=partners,
        deals=DEALS_C,
        staff=STAFF,
        start=WINDOW[0],
        end=WINDOW[1],
        extra=extra,
    )
    assert result.findings[2] == (
        "The partner program reports into marketing, not business development or sales and "
        "does not work hand in hand with product management."
    )
    assert [k.section for k in result.key_findings] == [
        "Partner-portal readiness",
        "Shark or remora",
        xf.SECTION_ORG,
        xf.SECTION_MINDSHARE,
    ]
    # capped at eight: the stack and outsourcing sentences stay in their own sections
    assert len(result.findings) == 8
    kinds = [(a.kind, a.owner) for a in result.actions]
    assert kinds == [
        ("Training gap", "Maya Okafor"),
        ("Organisation", ""),
        ("Organisation", ""),
        ("Mindshare", "Ann Lee"),
    ]
    assert result.figures["reporting_lines"] == {
        "reports_into": "Not met",
        "integrated_with": "Not met",
    }
    # the two candidates are not placed; no active partner is
    assert result.figures["stack_positions"] == {
        "above": 1,
        "below": 1,
        "beside": 1,
        "not_placed": 0,
    }
    assert result.figures["outsourcing_case_pct"] == 90.0  # (5 + 5 + 4 + 4) ÷ 4 ÷ 5
    assert result.figures["mindshare"] == {"Far below the rating": 1, "Not compared": 2}
    assert result.headline["Mindshare below rating"] == "1 of 1"
