"""Trend 2, issue 15: offers compared by response, must-have failures in the tiers, the
ideal-partner profile — figures worked out by hand from small frames."""

import json

import numpy as np
import pandas as pd
import pytest

from playbook import acquisition as acq
from playbook import acquisition_findings as af
from playbook import ideal_partner, offers, offers_views
from playbook.results import Action, Urgency

# Four campaigns: A twice (cold and mid), B once, one without an offer whose cost and opt-ins
# are not recorded.
CAMPAIGNS = pd.DataFrame(
    {
        "campaign_id": ["C1", "C2", "C3", "C4"],
        "tier": ["cold", "mid_level", "mid_level", "low_hanging_fruit"],
        "channel": ["E-mail"] * 4,
        "content_piece": ["Guide"] * 4,
        "start_date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-06-01", None]),
        "cost": [1000.0, 500.0, 300.0, np.nan],
        "traffic": pd.array([1000, 500, 200, 400], dtype="Int64"),
        "opt_ins": pd.array([100, 50, 40, None], dtype="Int64"),
        "engaged": pd.array([20, 10, 10, 8], dtype="Int64"),
        "closed": pd.array([2, 1, 0, 4], dtype="Int64"),
        "offer": ["A", "A", "B", None],
    }
)
OFFERS = pd.DataFrame(
    {
        "offer_id": ["A", "B"],
        "name": ["Free training", "Launch kit"],
        "partner_gets": ["Two engineers certified", "A co-branded webinar"],
        "kind": ["free_training", "marketing_funds"],
        "cost_per_partner": [100.0, np.nan],
    }
)


def test_offer_response_by_hand():
    """A: 150 opt-ins of 1,500 visitors, 30 engaged, 3 signed; cost (1,500 + 100 × 3) ÷ 3 =
    600. B signed nobody. No offer: opt-ins not recorded, so no opt-in rate; 4 of 8 signed."""
    r = offers.offer_response(CAMPAIGNS, OFFERS).set_index("name")
    assert list(r.index) == ["Free training", "Launch kit", offers.NO_OFFER]
    a = r.loc["Free training"]
    assert (a["campaigns"], a["traffic"], a["opt_ins"], a["engaged"], a["closed"]) == (
        2,
        1500,
        150,
        30,
        3,
    )
    assert a["tiers"] == "mid_level, cold"
    assert (a["opt_in_rate"], a["engage_rate"], a["close_rate"]) == pytest.approx((0.1, 0.2, 0.1))
    assert a["campaign_cost_per_partner"] == 500 and a["cost_per_partner"] == 600
    # Wilson 95 % for 3 of 30: (0.1 + 0.0640 ± 0.1250) ÷ 1.1281
    assert (a["close_low"], a["close_high"]) == pytest.approx((0.0346, 0.2562), abs=1e-4)
    b = r.loc["Launch kit"]
    assert b["closed"] == 0 and pd.isna(b["cost_per_partner"]) and b["close_rate"] == 0
    none = r.loc[offers.NO_OFFER]
    assert (
        pd.isna(none["opt_ins"]) and pd.isna(none["opt_in_rate"]) and pd.isna(none["engage_rate"])
    )
    assert none["close_rate"] == 0.5 and pd.isna(none["campaign_cost"])

    view = offers_views.offers_view(r.reset_index(), "USD", 3).set_index("Offer")
    assert view.loc["Free training", "Signed rate"] == "10.0% (3 of 30)"
    assert view.loc["Free training", "Campaign tiers"] == "Mid-Level, Cold"
    assert view.loc["Free training", "Opt-in rate"] == "10.0% (150 of 1,500)"
    assert view.loc["Free training", "Cost per signed partner, offer included"] == "USD\xa0600"
    assert view.loc["Free training", "Campaign cost per signed partner"] == "USD\xa0500"
    assert view.loc["Free training", "Signed rate, 95% range"] == "3.5%–25.6%"
    assert view.loc["Launch kit", "Note"] == (
        "no partner signed: too few to judge; offer's own cost not recorded"
    )
    assert view.loc[offers.NO_OFFER, "Opt-in rate"] == "—"
    assert view.loc[offers.NO_OFFER, "Note"] == (
        "cost not recorded for 1 campaign; no offer recorded: no offer cost to add; the "
        "baseline for the offers"
    )
    assert list(view.reset_index()[offers_views.OFFER_SCREEN].columns) == offers_views.OFFER_SCREEN
    by_tier = offers_views.offers_view(offers.offer_response_by_tier(CAMPAIGNS, OFFERS), "USD", 3)
    cost = "Cost per signed partner, offer included"
    assert by_tier[["Tier", "Offer", "Partners signed", cost]].to_dict("split")["data"] == [
        ["Low-Hanging Fruit", offers.NO_OFFER, "4", "—"],
        ["Mid-Level", "Free training", "1", "USD\xa0600"],  # (500 + 100 × 1) ÷ 1
        ["Mid-Level", "Launch kit", "0", "—"],
        ["Cold", "Free training", "2", "USD\xa0600"],  # (1,000 + 100 × 2) ÷ 2
    ]
    assert list(by_tier[offers_views.OFFER_TIER_SCREEN].columns) == offers_views.OFFER_TIER_SCREEN


def test_offers_are_judged_only_on_enough_partners_signed():
    r = offers.offer_response(CAMPAIGNS, OFFERS)
    assert offers.offer_findings(r, 3, "USD") == [
        "Free training signs partners at the lowest cost of the offers: USD\xa0600 per partner "
        "in all, over 3 partners signed (signed rate 10.0% of engaged); 1 offer signed too few "
        "partners to judge. For comparison, the 1 campaign without an offer recorded signed 4 "
        "partners."
    ]
    assert offers.offer_findings(r, 5, "USD") == [
        "No offer has signed 5 partners yet, too few to tell which offer works best: keep "
        "recording each campaign's offer."
    ]
    figures = offers.figures(r, 3)
    assert figures["best_offer"] == "A" and figures["offers"]["B"]["cost_per_partner"] is None
    assert figures["offers"]["none"]["closed"] == 4
    values, title, named = offers.cost_chart(r, 3, "USD")
    assert values.to_dict() == {"Free training (3 signed)": 600.0} and named == [0]
    assert title == (
        "Free training signs partners at the lowest cost of the offers judged: USD\xa0600 "
        "each, its own cost included"
    )
    # Without the offers table: the ids name the offers, no offer cost is known, so the
    # campaign cost per signed partner decides.
    bare = offers.offer_response(CAMPAIGNS)
    assert list(bare["name"]) == ["A", "B", offers.NO_OFFER]
    assert offers.best_offer(bare, 3)[1] == "campaign_cost_per_partner"


def test_campaigns_without_an_offer_signing_cheaper_come_first():
    """C4 (no offer) now costs 400 for its 4 partners: 400 ÷ 4 = 100 each, below Free
    training's (1,500 + 100 × 3) ÷ 3 = 600. Its signed rate, 4 of 8 (Wilson 21.5%–78.5%),
    overlaps Free training's 3 of 30 (3.5%–25.6%): within the range of chance."""
    r = offers.offer_response(CAMPAIGNS.assign(cost=[1000.0, 500.0, 300.0, 400.0]), OFFERS)
    assert offers.offer_findings(r, 3, "USD") == [
        "No offer has yet signed partners more cheaply than campaigns without one: the 1 "
        "campaign without an offer recorded signed 4 partners at USD\xa0100 each (signed rate "
        "50.0% of engaged); the cheapest offer judged, Free training, signed 3 at USD\xa0600 "
        "each, its own cost included (signed rate 10.0%, within the range of chance of "
        "theirs); 1 offer signed too few partners to judge. Before paying for an offer again, "
        "test it against the same campaign made without one."
    ]
    values, title, named = offers.cost_chart(r, 3, "USD")
    assert values.to_dict() == {
        "Free training (3 signed)": 600.0,
        "No offer recorded (4 signed, no offer cost)": 100.0,
    }
    assert named == [0, 1]
    assert title == (
        "Campaigns without an offer sign partners at the lowest cost: USD\xa0100 each, against "
        "USD\xa0600 for Free training, the cheapest offer judged, its own cost included"
    )
    # The no-offer group's two costs per signed partner are the same figure: no offer cost.
    none = r[r["offer"].isna()].iloc[0]
    assert none["campaign_cost_per_partner"] == none["cost_per_partner"] == 100


def _overlap():
    return pd.DataFrame(
        {
            "partner_id": ["Y1", "Y2", "X", "Z"],
            "name": ["Yew One", "Yew Two", "Xeno", "Zinc"],
            "our_customers": [60, 55, 60, 10],
            "overlap_total": [70, 60, 65, 12],
            "potential_revenue": [100.0, 90.0, 80.0, 0.0],
        }
    )


FIT = pd.DataFrame(
    {
        "partner_id": ["Y1", "Y2", "X"],
        "fit_score": [80.0, 70.0, 80.0],
        "must_have": ["pass", "pass", "fail"],
        "failed": ["", "", "Financial stability"],
    }
)


def test_a_must_have_failure_is_never_low_hanging_fruit_and_the_ranking_says_why():
    """X shares 60 customers with fit 80 (Low-Hanging Fruit from 50 and 60) but fails
    Financial stability: Mid-Level, held back. Z: 10 customers, no fit score: Cold."""
    ranked = acq.rank_partners(_overlap(), FIT, 50, 60, 30, 50, signed={"Y1"})
    by = ranked.set_index("partner_id")
    assert by["tier"].to_dict() == {
        "Y2": "Low-Hanging Fruit",
        "X": "Mid-Level",
        "Z": "Cold",
        "Y1": "Low-Hanging Fruit",
    }
    assert by["held_back"].to_dict() == {"Y2": False, "X": True, "Z": False, "Y1": False}
    assert by.loc["X", "tier_reason"] == (
        "Would be Low-Hanging Fruit on 60 of our customers in common and fit 80, but fails the "
        "must-have Financial stability: not signable until it passes"
    )
    assert by.loc["Y2", "tier_reason"] == (
        "55 of our customers in common and fit 70: Low-Hanging Fruit from 50 and fit 60"
    )
    assert by.loc["Z", "tier_reason"] == (
        "10 of our customers in common and no fit score: Mid-Level needs 30 customers in common "
        "or fit 50"
    )
    view = acq.ranking_view(ranked, "USD").set_index("Partner")
    assert view.loc["Xeno", "Tier"] == "Mid-Level" and view.loc["Xeno", "Must-haves"] == "Fail"
    assert view.loc["Xeno", "Why this tier"].startswith("Would be Low-Hanging Fruit")
    won = pd.DataFrame({"partner_id": ["Y1"], "won_revenue": [500.0], "won_deals": [2]})
    signed = acq.signed_view(ranked, won, "USD").set_index("Partner")
    assert signed.loc["Yew One", ["Tier", "Why this tier"]].tolist() == [
        "Low-Hanging Fruit",
        "60 of our customers in common and fit 80: Low-Hanging Fruit from 50 and fit 60",
    ]
    result = af.summarise(summary=None, ranked=ranked, tier_funnel=None, currency="USD")
    assert result.figures["must_have_held_back"] == ["X"]
    assert (
        "Xeno would be Low-Hanging Fruit on customers in common and fit but fails a must-have "
        "criterion, so the ranking places it in Mid-Level: the must-have comes first (see 'Why "
        "this tier')." in result.findings
    )
    assert [r.partner_id for r in af.worth_approaching(ranked).itertuples()] == ["Y2"]
    owned = af.summarise(
        summary=None, ranked=ranked, tier_funnel=None, currency="USD", owners={"X": "Xia"}
    )
    assert owned.actions[1] == Action(
        "Settle the must-have Financial stability with Xeno before recruiting it: 60 of our "
        "customers in common and fit 80 would make it Low-Hanging Fruit.",
        owner="Xia",
        kind="Must-have gap",
        section="Acquisition targets",
        urgency=Urgency.FIX,
    )


def test_a_mid_level_reason_names_what_low_hanging_fruit_still_needs():
    overlap = _overlap().assign(our_customers=[40, 55, 60, 10])
    by = acq.rank_partners(overlap, FIT, 50, 60, 30, 50).set_index("partner_id")
    assert by.loc["Y1", "tier_reason"] == (
        "40 of our customers in common (Mid-Level from 30) and fit 80 (Mid-Level from 50); "
        "Low-Hanging Fruit needs 50 customers in common"
    )


PARTNERS = pd.DataFrame(
    {
        "partner_id": ["Y1", "Y2", "X", "Z"],
        "type": ["isv", "isv", "integrator", "platform"],
        "industry": ["Retail", "Health", "Retail", None],
        "employees": pd.array([100, 300, None, 5000], dtype="Int64"),
    }
)


def test_ideal_partner_profile_per_tier_by_hand():
    """Low-Hanging Fruit: Y1 and Y2, both ISVs, Retail and Health tie (Health first), 100 and
    300 people; Mid-Level: X alone; Cold: Z. Campaigns: the one Low-Hanging Fruit campaign
    made no offer; the two Mid-Level ones made A and B once each."""
    ranked = acq.rank_partners(_overlap(), FIT, 50, 60, 30, 50, signed={"Y1"})
    names = ideal_partner.offer_names(OFFERS)
    profile = ideal_partner.tier_profile(ranked, PARTNERS, CAMPAIGNS, names).set_index("tier")
    lhf = profile.loc["Low-Hanging Fruit"]
    assert (lhf["partners"], lhf["targets"], lhf["signed"]) == (2, 1, 1)
    assert (lhf["type"], lhf["type_share"]) == ("isv", (2, 2))
    assert (lhf["industry"], lhf["industry_share"]) == ("Health", (1, 2))
    assert (lhf["median_employees"], lhf["median_customers"], lhf["median_fit"]) == (
        200,
        57.5,
        75,
    )
    assert (lhf["campaigns"], lhf["campaign_signed"]) == (1, 4) and pd.isna(lhf["offers"])
    mid = profile.loc["Mid-Level"]
    assert mid["must_have_failed"] == 1 and pd.isna(mid["median_employees"])
    assert mid["offers"] == "Free training (1 campaign), Launch kit (1 campaign)"
    cold = profile.loc["Cold"]
    assert pd.isna(cold["industry"]) and pd.isna(cold["median_fit"])
    assert cold["offers"] == "Free training (1 campaign)"

    view = ideal_partner.profile_view(profile.reset_index()).set_index("Tier")
    assert view.loc["Low-Hanging Fruit", "Most common type"] == "ISV (2 of 2)"
    assert view.loc["Low-Hanging Fruit", "Size (median, range)"] == "200 people (100–300)"
    assert view.loc["Mid-Level", "Size (median, range)"] == "—"
    assert view.loc["Cold", "Most common industry"] == "—"
    assert view.loc["Mid-Level", "Campaigns aimed at the tier"] == "2 (1 partner signed)"
    assert ideal_partner.profile_findings(profile.reset_index()) == [
        "The 2 partners in the Low-Hanging Fruit tier are most often of type ISV (2 of 2), most "
        "often in Health (1 of 2), about 200 people, sharing a median 58 of our customers, with "
        "a median fit score of 75; 1 campaign aimed at this tier, none with an offer recorded."
    ]
    # Judged from 2 partners signed in the tier: Free training's 1 in Mid-Level is too few.
    targets = ideal_partner.target_view(
        ideal_partner.target_campaigns(ranked, CAMPAIGNS, names, min_signed=2)
    )
    assert targets.to_dict("records") == [
        {
            "Partner": "Xeno",
            "Tier": "Mid-Level",
            "Campaigns aimed at its tier": "2",
            "Latest of them (start, channel)": "2024-06-01, E-mail",
            "Offer it made": "Launch kit",
            "Offer that signed the most in the tier": (
                "None judged yet: Free training signed 1 partner, too few to judge"
            ),
        },
        {
            "Partner": "Yew Two",
            "Tier": "Low-Hanging Fruit",
            "Campaigns aimed at its tier": "1",
            "Latest of them (start, channel)": "E-mail",
            "Offer it made": "—",
            "Offer that signed the most in the tier": "—",
        },
        {
            "Partner": "Zinc",
            "Tier": "Cold",
            "Campaigns aimed at its tier": "1",
            "Latest of them (start, channel)": "2024-01-01, E-mail",
            "Offer it made": "Free training",
            "Offer that signed the most in the tier": "Free training (2 partners signed)",
        },
    ]
    # Without campaigns the partners are still profiled; the campaign columns say "—".
    bare = ideal_partner.tier_profile(ranked, PARTNERS[["partner_id", "type"]])
    assert pd.isna(bare.loc[0, "campaigns"]) and pd.isna(bare.loc[0, "industry"])
    assert ideal_partner.profile_view(bare).loc[0, "Campaigns aimed at the tier"] == "—"


def test_demo_offers_and_profile_in_report_02(demo_run):
    """The demo's offers (playbook/demo_offers.py) over the committed campaigns: O1 (C008,
    C011, C013, C017, C019, C023) cost 44,100 and signed 0+3+3+0+0+0 = 6: (44,100 + 2,400 ×
    6) ÷ 6 = 9,750; O3 (C004, C007, C010, C016, C022) 42,900 and 6: (42,900 + 6,500 × 6) ÷ 6 =
    13,650; O4 signed 2 (too few), O2 none; C001 and C002 name no offer (12 signed)."""
    f02 = json.loads((demo_run / "results.json").read_text())["02-mvp-acquisition"]["figures"]
    assert f02["offers"]["O1"]["closed"] == 6 and f02["offers"]["O3"]["closed"] == 6
    assert f02["offers"]["O1"]["cost_per_partner"] == pytest.approx(9750)
    assert f02["offers"]["O3"]["cost_per_partner"] == pytest.approx(13650)
    assert f02["offers"]["O4"]["closed"] == 2 and f02["offers"]["O2"]["closed"] == 0
    assert f02["offers"]["none"] == {
        "campaigns": 2,
        "closed": 12,
        "close_rate": pytest.approx(12 / 223),
        "campaign_cost_per_partner": pytest.approx(16900 / 12),
        "cost_per_partner": pytest.approx(16900 / 12),
    }
    assert f02["best_offer"] == "O1"
    assert f02["ideal_profile"]["Low-Hanging Fruit"]["partners"] == 5
    assert f02["must_have_held_back"] == []
    assert f02["potential_revenue"] == pytest.approx(8_727_200)


def test_a_blank_count_is_never_read_as_zero():
    """C1 (offer A) does not record its partners signed: A's signed count rests on C2 alone
    (1 of 10 engaged) and its cost per signed partner is not computed (C1's cost would count
    without its partners)."""
    campaigns = CAMPAIGNS.assign(closed=pd.array([None, 1, 0, 4], dtype="Int64"))
    r = offers.offer_response(campaigns, OFFERS).set_index("name")
    a = r.loc["Free training"]
    assert a["closed"] == 1 and a["close_rate_of"] == (1, 10)
    assert pd.isna(a["cost_per_partner"]) and pd.isna(a["campaign_cost_per_partner"])
    view = offers_views.offers_view(r.reset_index(), "USD", 3).set_index("Offer")
    assert view.loc["Free training", "Note"] == "partners signed not recorded for 1 campaign"
    assert view.loc["Free training", "Cost per signed partner, offer included"] == "—"


def test_offer_names_of_the_tier_profile_are_the_offer_table_s_labels():
    """Two offers called "Free training" (A, B) and "Kit" (C): the tier profile names them as
    the offer table and the cost chart do, "Free training (A)" / "Free training (B)"."""
    named_alike = pd.DataFrame(
        {"offer_id": ["A", "B", "C"], "name": ["Free training", "Free training", "Kit"]}
    )
    assert ideal_partner.offer_names(named_alike) == {
        "A": "Free training (A)",
        "B": "Free training (B)",
        "C": "Kit",
    }


def test_offers_of_a_tier_bounded_and_repeated_names_merged():
    """13 Mid-Level campaigns: offers O1–O3 all named "Free training" (2 campaigns each), O4
    (1 campaign) and O5–O10, one campaign each, named "Kit 5" … "Kit 10": 10 offers, 8 texts.
    The cell names 10 texts at most (all 8 here), the takeaway 5 and counts the other offers."""
    offer_of = ["O1", "O1", "O2", "O2", "O3", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10"]
    campaigns = pd.DataFrame(
        {"tier": ["mid_level"] * 13, "offer": offer_of, "closed": pd.array([1] * 13, "Int64")}
    )
    names = {"O1": "Free training", "O2": "Free training", "O3": "Free training"}
    names |= {f"O{i}": f"Kit {i:02d}" for i in range(4, 11)}
    got = ideal_partner._campaigns_of("Mid-Level", campaigns, names)
    assert got["offers"] == (
        "Free training (2 campaigns) ×3, Kit 04 (1 campaign), Kit 05 (1 campaign), "
        "Kit 06 (1 campaign), Kit 07 (1 campaign), Kit 08 (1 campaign), Kit 09 (1 campaign), "
        "Kit 10 (1 campaign)"
    )
    assert got["offers_named"] == (
        "Free training (2 campaigns) ×3, Kit 04 (1 campaign), Kit 05 (1 campaign), "
        "Kit 06 (1 campaign), Kit 07 (1 campaign) and 3 more"
    )


def test_cost_chart_of_two_offers_of_one_name_draws_what_its_title_names():
    """Offers A and B are both called "Free training"; B costs 50 a partner and its campaign
    C3 (300) signed 1: (300 + 50) ÷ 1 = 350, too few to judge. A: 600 (3 signed), the
    cheapest judged; no offer: 400 ÷ 4 = 100. The labels tell A and B apart by id; a chart of
    2 bars, the lowest, still draws A (600, named in the title) beside the no-offer 100, not
    B's 350, and counts the 3 rows it could have drawn."""
    import matplotlib.pyplot as plt

    from playbook import charts

    named_alike = OFFERS.assign(name="Free training", cost_per_partner=[100.0, 50.0])
    campaigns = CAMPAIGNS.assign(
        cost=[1000.0, 500.0, 300.0, 400.0], closed=pd.array([2, 1, 1, 4], dtype="Int64")
    )
    r = offers.offer_response(campaigns, named_alike)
    # the table names each offer as the chart does, so a bar can be found in it
    assert offers_views.offers_view(r, "USD", 3)["Offer"].tolist() == [
        "Free training (A)",
        "Free training (B)",
        "No offer recorded",
    ]
    values, title, named = offers.cost_chart(r, 3, "USD")
    assert values.to_dict() == {
        "Free training (A) (3 signed)": 600.0,
        "Free training (B) (1 signed, too few to judge)": 350.0,
        "No offer recorded (4 signed, no offer cost)": 100.0,
    }
    assert "USD\xa0600 for Free training (A), the cheapest offer judged" in title
    assert named == [0, 2]
    fig = charts.bars(
        values, title, money=True, lowest=True, limit=2, counted=offers.COST_CHART_ROWS, keep=named
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Free training (A) (3 signed)",
        "No offer recorded (4 signed, no offer cost)",
    ]
    assert (
        ax.get_title().replace("\n", " ").endswith("(lowest 2 of 3 with a cost per signed partner)")
    )
    fig = charts.bars(values, title, money=True, lowest=True, limit=2)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Free training (B) (1 signed, too few to judge)", values.index[2]]
    plt.close("all")
