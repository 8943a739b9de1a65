"""Trend 6 report text by hand (playbook.partner_types_views): why a velocity is missing,
quick wins without any win; fixtures from tests/test_partner_types.py."""

import pandas as pd
from test_partner_types import COLS, DEALS, PARTNERS

from playbook import partner_types as pt
from playbook import partner_types_views as ptv

D = pd.Timestamp


def test_missing_velocity_says_why():
    """2024: platform and ecosystem have no partner deal closed → no win rate, so no deal or
    pipeline velocity. Add a lost platform deal: closed but none won → still no velocity, now
    "no partner deal won". Integrator f took 10 days: velocity shown, no reason."""
    t = pt.type_table(PARTNERS, DEALS, "2024-01-01", "2024-12-31")
    gaps = ptv.type_gaps(t)
    assert (
        "Deal and pipeline velocity — Platform: no partner deal closed (won or lost) in the "
        "window." in gaps
    )
    assert not [g for g in gaps if "integrator" in g or "ISV" in g]
    partners = pd.concat(
        [
            PARTNERS,
            pd.DataFrame(
                [
                    {
                        "partner_id": "L1",
                        "name": "Pl",
                        "type": "platform",
                        "status": "active",
                        "start_date": D("2024-01-01"),
                    }
                ]
            ),
        ]
    )
    lost = pd.DataFrame(
        [("p", "L1", "sourced", "lost", D("2024-02-01"), D("2024-03-01"), 50, 0, False, False)],
        columns=COLS,
    )
    t = pt.type_table(partners, pd.concat([DEALS, lost]), "2024-01-01", "2024-12-31")
    assert pd.isna(t.loc["platform", "pipeline_velocity"]) and t.loc["platform", "win_rate"] == 0
    assert "Deal and pipeline velocity — Platform: no partner deal won in the window." in (
        ptv.type_gaps(t)
    )


def test_quick_text_without_any_win_has_no_median():
    """As of 2024-01-15 no partner has a win yet (first win a closed 2024-01-31): no median,
    and nobody started 90 days before."""
    _, summary = pt.quick_wins(PARTNERS, DEALS, "2024-01-15", 90)
    text = ptv.quick_text(summary, 90)
    assert "nan" not in text and "no median time to first win" in text
    assert text.startswith("No active partner signed at least 90 days before the as-of date.")


def test_deals_without_a_created_date_are_left_out_and_said():
    """Blank the created dates of b (isv, won) and d (isv, qualified) and f (integrator, the only
    won SI deal). isv: qualified leads a, c (was 4), sourced leads a, c (was 3), open deals e
    only (1), median cycle = a's 30 days, pipeline velocity 1 × 2/3 × 2000 / 30. integrator:
    no won deal with a created date → no velocity, and the gaps say why, not "0 days"."""
    undated = DEALS.copy()
    undated.loc[undated["deal_id"].isin(["b", "d", "f"]), "created_date"] = pd.NaT
    t = pt.type_table(PARTNERS, undated, "2024-01-01", "2024-12-31")
    isv, si = t.loc["isv"], t.loc["integrator"]
    assert (isv["qualified_leads"], isv["sourced_leads"], isv["open_deals"]) == (2, 2, 1)
    assert isv["median_cycle_days"] == 30 and isv["win_rate"] == 2 / 3
    assert isv["pipeline_velocity"] == 1 * (2 / 3) * 2000 / 30
    assert (isv["undated"], isv["undated_won"], si["undated"], si["undated_won"]) == (2, 1, 1, 1)
    assert pd.isna(si["pipeline_velocity"]) and pd.isna(si["median_cycle_days"])
    gaps = ptv.type_gaps(t)
    assert [g for g in gaps if "ISV" in g or "integrator" in g] == [
        "Leads, open deals and cycle days — ISV: 2 partner deals without a created date left "
        "out (1 of them won in the window).",
        "Leads, open deals and cycle days — Systems integrator: 1 partner deal without a created "
        "date left out (1 of them won in the window).",
        "Deal and pipeline velocity — Systems integrator: no won deal in the window has a "
        "created date.",
    ]
