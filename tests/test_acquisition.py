"""Trend 2 acquisition: tiers, acquisition funnel, content reach, findings — by hand."""

import pandas as pd
import pytest

from playbook import acquisition as acq


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
    assert list(acq.funnel_view(f.reset_index(), "USD")["Tier"]) == ["Cold", "Mid-Level"]
    assert "Cheapest partners come from Cold campaigns at USD\xa0500 per" in " ".join(
        acq.summarise(
            summary=None, ranked=None, tier_funnel=f.reset_index(), currency="USD"
        ).findings
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
    fig = charts.funnel(frame, "Funnel")
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and not any("mathdefault" in t or "$" in t for t in ticks)
    assert "10,000" in ticks
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Cold", "Low-Hanging Fruit"]


def test_potential_revenue_says_how_many_open_deals_it_covers():
    """3 open deals in overlapping accounts, 2 with a known amount worth 170 in all."""
    partial = acq.summarise(
        summary=None, ranked=None, tier_funnel=None, currency="USD", potential=(170.0, 3, 2)
    )
    assert partial.findings == [
        "3 open opportunities (pipeline value of 2 of 3 known: USD\xa0170) sit in accounts a "
        "partner already knows."
    ]
    assert partial.figures == {
        "potential_revenue": 170.0,
        "potential_open_deals": 3,
        "potential_valued_deals": 2,
    }
    whole = acq.summarise(
        summary=None, ranked=None, tier_funnel=None, currency="USD", potential=(170.0, 2, 2)
    )
    assert whole.findings == [
        "2 open opportunities worth USD\xa0170 sit in accounts a partner already knows."
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
    result = acq.summarise(
        summary=None,
        ranked=ranked,
        tier_funnel=None,
        currency="USD",
        potential=(9500.0, 4, 4),
        links_from_deals=True,
    )
    assert result.findings[0] == acq.FROM_DEALS + "."
    assert "4 open opportunities worth USD\xa09,500 sit in accounts" in result.findings[-1]
    assert result.figures["overlap_source"] == "deals"
    assert list(result.headline.items())[:2] == [
        ("Overlap from", "deals"),
        ("Low-Hanging Fruit", "0"),
    ]
    plain = acq.summarise(summary=None, ranked=None, tier_funnel=None, currency="USD")
    assert plain.headline == {"Account overlap": "not supplied"}
