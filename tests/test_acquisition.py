"""Trend 2 acquisition: tiers, acquisition funnel, content reach, findings — by hand."""

import pandas as pd
import pytest

from playbook import acquisition as acq
from playbook import acquisition_findings as af
from playbook.results import Action, KeyFinding, Urgency


def test_tiers_by_threshold():
    overlap = pd.DataFrame(
        {
            "partner_id": ["A", "B", "C", "D"],
            "name": list("ABCD"),
            "our_customers": [12, 12, 3, 1],
            "overlap_total": [20, 15, 5, 1],
            "potential_revenue": [0.0] * 4,
        }
    )
    fit = pd.DataFrame({"partner_id": ["A", "B", "C", "D"], "fit_score": [70, 50, 10, 45]})
    ranked = acq.rank_partners(
        overlap, fit, lhf_overlap=10, lhf_fit=60, mid_overlap=3, mid_fit=40
    ).set_index("partner_id")
    assert ranked["tier"].to_dict() == {
        "A": "Low-Hanging Fruit",
        "B": "Mid-Level",
        "C": "Mid-Level",
        "D": "Mid-Level",
    }
    assert ranked.loc["A", "rank"] == 1 and ranked.loc["B", "rank"] == 2
    cold = acq.rank_partners(overlap, fit.assign(fit_score=[70, 50, 10, 39]), 10, 60, 3, 40)
    assert cold.set_index("partner_id").loc["D", "tier"] == "Cold"
    exact = acq.rank_partners(overlap, fit.assign(fit_score=[60, 50, 10, 39]), 12, 60, 3, 40)
    assert exact.set_index("partner_id").loc["A", "tier"] == "Low-Hanging Fruit"  # ≥ is inclusive


def test_funnel_and_content_reach_by_hand():
    c = pd.DataFrame(
        {
            "campaign_id": ["C1", "C2", "C3"],
            "tier": ["cold", "cold", "mid_level"],
            "channel": ["LinkedIn", "E-mail", "LinkedIn"],
            "content_piece": ["Guide", "Guide", "Story"],
            "cost": [1000.0, 500.0, 300.0],
            "traffic": [1000, 500, 200],
            "opt_ins": [100, 50, 40],
            "engaged": [20, 10, 10],
            "closed": [2, 1, 0],
        }
    )
    f = acq.funnel(c, ["tier"]).set_index("tier")
    assert f.loc["cold", "opt_in_rate"] == pytest.approx(150 / 1500)
    assert f.loc["cold", "engage_rate"] == pytest.approx(30 / 150)
    assert f.loc["cold", "close_rate"] == pytest.approx(3 / 30)
    assert f.loc["cold", "cost_per_partner"] == pytest.approx(500)
    assert pd.isna(f.loc["mid_level", "cost_per_partner"])
    view = acq.funnel_view(f.reset_index(), "USD")
    assert list(view["Tier"]) == ["Cold", "Mid-Level"]
    # The funnel's cost is the campaigns' alone, named so: (1,000 + 500) ÷ 3 = 500.
    assert list(view["Campaign cost per signed partner"]) == ["USD\xa0500", "—"]
    assert "Cost per partner" not in view.columns
    assert (
        "Cheapest partners come from Cold campaigns at USD\xa0500 per partner signed in "
        "campaign cost (the offers' own cost per partner left out)."
    ) in af.summarise(
        summary=None, ranked=None, tier_funnel=f.reset_index(), currency="USD"
    ).findings
    assert af.funnel_title(f.reset_index(), "USD") == (
        "Cold campaigns sign partners at the lowest campaign cost (USD\xa0500 each, offers' "
        "own cost left out); below, how many reach each stage"
    )
    reach = acq.content_reach(c).set_index("content_piece")
    assert reach.loc["Guide", "channels"] == 2 and reach.loc["Guide", "traffic"] == 1500


def test_funnel_chart_has_plain_tick_labels_and_tier_names():
    """parse_math is off (client names may hold "$"), so log ticks must not be mathtext."""
    from playbook import charts

    c = pd.DataFrame(
        {
            "campaign_id": ["C1", "C2"],
            "tier": ["cold", "low_hanging_fruit"],
            "channel": ["E-mail", "E-mail"],
            "content_piece": ["G", "G"],
            "cost": [100.0, 100.0],
            "traffic": [20000, 900],
            "opt_ins": [900, 80],
            "engaged": [90, 30],
            "closed": [3, 2],
        }
    )
    frame = acq.funnel_chart_frame(acq.funnel(c, ["tier"]))
    assert list(frame.index) == ["Cold", "Low-Hanging Fruit"]
    assert list(frame.columns) == ["Traffic", "Opt-ins", "Engaged", "Closed"]
    fig = charts.funnel(frame, "Funnel")
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and not any("mathdefault" in t or "$" in t for t in ticks)
    assert "10,000" in ticks
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Cold", "Low-Hanging Fruit"]


def test_potential_revenue_says_how_it_is_valued_and_how_many_open_deals_it_covers():
    """3 open deals in overlapping accounts, 2 with a known amount worth 170 in all."""
    partial = af.summarise(
        summary=None, ranked=None, tier_funnel=None, currency="USD", potential=(170.0, 3, 2)
    )
    assert partial.findings == [
        "USD\xa0170 of potential revenue sits in accounts a partner already knows: 2 of 3 open "
        "deals, valued at the amounts recorded on them; the rest have no value."
    ]
    assert partial.figures == {
        "potential_revenue": 170.0,
        "potential_open_deals": 3,
        "potential_valued_deals": 2,
    }
    whole = af.summarise(
        summary=None,
        ranked=None,
        tier_funnel=None,
        currency="USD",
        potential=(170.0, 2, 2),
        list_priced=True,
    )
    assert whole.key_findings == [
        KeyFinding(
            "USD\xa0170 of potential revenue sits in accounts a partner already knows: 2 open "
            "deals, valued at the amounts recorded on them (list price where none was).",
            170.0,
            Urgency.OPPORTUNITY,
            "Account overlap",
        )
    ]


def test_an_overlap_from_deal_links_is_labelled_so():
    """No partner list (no match summary) but links from the deals: the findings open with
    where the overlap comes from, the figures record it, the headline shows it first."""
    ranked = acq.rank_partners(
        pd.DataFrame(
            {
                "partner_id": ["P1"],
                "name": ["One"],
                "our_customers": [1],
                "overlap_total": [2],
                "potential_revenue": [9000.0],
            }
        ),
        None,
        50,
        60,
        30,
        50,
    )
    result = af.summarise(
        summary=None,
        ranked=ranked,
        tier_funnel=None,
        currency="USD",
        potential=(9500.0, 4, 4),
        links_from_deals=True,
    )
    assert result.findings == [
        af.FROM_DEALS + ".",
        "USD\xa09,500 of potential revenue sits in accounts a partner already knows: 4 open "
        "deals, valued at the amounts recorded on them.",
        "The one company not yet signed that shares our customers is not worth approaching "
        "now: it is Cold or fails a must-have criterion.",
    ]
    assert result.figures["overlap_source"] == "deals"
    assert list(result.headline.items())[:2] == [
        ("Overlap from", "deals"),
        ("Targets worth approaching", "0"),
    ]
    plain = af.summarise(summary=None, ranked=None, tier_funnel=None, currency="USD")
    assert plain.headline == {"Account overlap": "not supplied"}


def _ranked():
    """S1, S2 signed; targets T1 (30 customers, 300 open, fit 70), T2 (30, 400, no fit score),
    T3 (30, 400, 50 accounts, fails a must-have), T4 (1 customer: Cold). Thresholds: Low-Hanging
    Fruit 50 customers and fit 60; Mid-Level 30 customers or fit 50."""
    overlap = pd.DataFrame(
        {
            "partner_id": ["S1", "S2", "T1", "T2", "T3", "T4"],
            "name": ["S1", "S2", "T1", "T2", "T3", "T4"],
            "our_customers": [50, 40, 30, 30, 30, 1],
            "overlap_total": [80, 60, 40, 45, 50, 2],
            "potential_revenue": [1000.0, 500.0, 300.0, 400.0, 400.0, 0.0],
        }
    )
    fit = pd.DataFrame(
        {
            "partner_id": ["S1", "S2", "T1", "T3", "T4"],
            "fit_score": [80.0, 55.0, 70.0, 45.0, 10.0],
            "must_have": ["pass", "pass", "pass", "fail", "pass"],
        }
    )
    return acq.rank_partners(overlap, fit, 50, 60, 30, 50, signed={"S1", "S2"})


def test_signed_partners_are_never_ranked_and_ties_follow_the_documented_rule():
    """T1, T2, T3 share 30 customers: T2 and T3 have more potential revenue (400 > 300), and T3
    more overlapping accounts than T2 (50 > 45); T2's missing fit score plays no part."""
    ranked = _ranked()
    assert list(ranked["partner_id"]) == ["T3", "T2", "T1", "T4", "S1", "S2"]
    assert list(ranked["rank"].head(4)) == [1, 2, 3, 4] and ranked["rank"].tail(2).isna().all()
    assert dict(zip(ranked["partner_id"], ranked["tier"], strict=True)) == {
        "T3": "Mid-Level",
        "T2": "Mid-Level",
        "T1": "Mid-Level",
        "T4": "Cold",
        "S1": "Low-Hanging Fruit",
        "S2": "Mid-Level",
    }
    view = acq.ranking_view(ranked, "USD")
    assert list(view["Partner"]) == ["T3", "T2", "T1", "T4"]
    assert list(view["Must-haves"]) == ["Fail", "—", "Pass", "Pass"]
    won = pd.DataFrame({"partner_id": ["S2"], "won_revenue": [5000.0], "won_deals": [20]})
    signed = acq.signed_view(ranked, won, "USD").set_index("Partner")
    assert signed.loc["S1", "Won revenue"] == "USD\xa00" and signed.loc["S2", "Won deals"] == "20"
    values, title = acq.overlap_chart(ranked, top=3)
    assert list(values.index) == ["T3 (not signed)", "S2", "S1"]
    assert (
        title
        == "S1 shares the most of our customers: 50; the closest company not signed, T3, shares 30"
    )


def _result():
    won = pd.DataFrame(
        {"partner_id": ["S1", "S2"], "won_revenue": [100.0, 5000.0], "won_deals": [1, 20]}
    )
    return af.summarise(
        summary=None,
        ranked=_ranked(),
        tier_funnel=None,
        currency="USD",
        potential=(2000.0, 4, 4),
        won=won,
        owners={"T1": "Tom", "S1": "Sam"},
    )


def test_key_findings_targets_and_the_co_selling_gap_by_hand():
    """Worth approaching: T2 and T1 (Mid-Level, no must-have failed; T3 fails one, T4 is
    Cold), 400 + 300 = 700 open. Gap: S1 won 100, under a quarter of S2's 5,000."""
    keys = _result().key_findings
    assert keys[1:] == [
        KeyFinding(
            "2 companies not yet signed are worth approaching: T2 (30 of our customers, "
            "USD\xa0400 open pipeline); T1 (30 of our customers, USD\xa0300 open pipeline).",
            700.0,
            Urgency.OPPORTUNITY,
            "Acquisition targets",
        ),
        KeyFinding(
            "S1 shares 50 of our customers but has won only 1 deal with us (USD\xa0100 all "
            "time), the least of the 2 signed partners with the largest overlap.",
            1000.0,
            Urgency.FIX,
            "Signed partners sharing our customers",
        ),
    ]
    assert keys[0].stake == 2000.0
    assert _result().findings[3] == (
        "The signed partner that has won the most with us, S2 (USD\xa05,000 all time, 20 "
        "deals), shares 40 of our customers; S1 shares the most (50)."
    )


def test_actions_approach_the_targets_and_plan_joint_selling():
    assert _result().actions == [
        Action(
            "Approach T2: 30 of our customers in common, USD\xa0400 of open pipeline in shared "
            "accounts (Mid-Level).",
            "",
            "",
            "Acquisition target",
            "Acquisition targets",
            Urgency.OPPORTUNITY,
        ),
        Action(
            "Approach T1: 30 of our customers in common, USD\xa0300 of open pipeline in shared "
            "accounts (Mid-Level).",
            "Tom",
            "",
            "Acquisition target",
            "Acquisition targets",
            Urgency.OPPORTUNITY,
        ),
        Action(
            "Plan joint selling with S1 on the 50 customers we share.",
            "Sam",
            "",
            "Co-selling gap",
            "Signed partners sharing our customers",
            Urgency.FIX,
        ),
    ]


def test_partner_records_and_headline():
    result = _result()
    assert result.partners[0] == {
        "partner_id": "T3",
        "partner": "T3",
        "overlap_accounts": 50,
        "potential_revenue": 400.0,
        "tier": "Mid-Level",
    }
    assert [p["partner_id"] for p in result.partners] == ["T3", "T2", "T1", "T4", "S1", "S2"]
    assert result.headline == {
        "Targets worth approaching": "2",
        "Potential revenue": "USD\xa02,000",
    }
    assert result.figures["targets"] == 4
    assert [r["partner_id"] for r in result.figures["ranking"]] == ["T3", "T2", "T1", "T4"]


def test_no_gap_when_every_signed_partner_has_won_business():
    """S1 won 2,000: not under a quarter of S2's 5,000, so no co-selling gap is claimed."""
    won = pd.DataFrame(
        {"partner_id": ["S1", "S2"], "won_revenue": [2000.0, 5000.0], "won_deals": [5, 20]}
    )
    assert af.co_selling_gap(_ranked(), won) is None
