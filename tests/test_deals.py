"""Shared deal concepts (playbook.deals), on a small deal table worked out by hand.

Window 2024-02-01 … 2024-06-30 (both days inside). The deals:

    id  partner  attribution  stage      created     closed      amount
    a   P1       sourced      won        2024-01-05  2024-01-31    1000  closed before the window
    b   P1       sourced      won        2024-01-10  2024-02-01    2000  closed on its first day
    c   P2       influenced   won        2024-03-01  2024-06-30    3000  closed on its last day
    d   P2       influenced   won        2024-05-01  2024-07-01    4000  closed after it
    e   —        direct       won        2024-02-01  2024-03-01   50000  no partner
    f   P1       sourced      lost       2024-02-01  2024-04-01     600  lost
    g   P2       sourced      qualified  2024-06-01  —               700  open
    h   —        direct       lead       2024-07-15  —               800  open, created after
    i   P1       influenced   proposal   2024-03-01  —               900  open
"""

import pandas as pd
import pytest

from playbook import analytics, deals, schema
from playbook.workspace import load_workspace

D = pd.Timestamp
NaT = pd.NaT
DEALS = pd.DataFrame(
    [
        ("a", "P1", "sourced", "won", D("2024-01-05"), D("2024-01-31"), 1000.0),
        ("b", "P1", "sourced", "won", D("2024-01-10"), D("2024-02-01"), 2000.0),
        ("c", "P2", "influenced", "won", D("2024-03-01"), D("2024-06-30"), 3000.0),
        ("d", "P2", "influenced", "won", D("2024-05-01"), D("2024-07-01"), 4000.0),
        ("e", None, "direct", "won", D("2024-02-01"), D("2024-03-01"), 50000.0),
        ("f", "P1", "sourced", "lost", D("2024-02-01"), D("2024-04-01"), 600.0),
        ("g", "P2", "sourced", "qualified", D("2024-06-01"), NaT, 700.0),
        ("h", None, "direct", "lead", D("2024-07-15"), NaT, 800.0),
        ("i", "P1", "influenced", "proposal", D("2024-03-01"), NaT, 900.0),
    ],
    columns=[
        "deal_id",
        "partner_id",
        "attribution",
        "stage",
        "created_date",
        "close_date",
        "amount",
    ],
)
START, END = "2024-02-01", "2024-06-30"


def ids(frame):
    return list(frame["deal_id"])


def test_window_is_whole_months_ending_at_as_of():
    window = deals.ReportingWindow.ending("2026-09-29", 12)
    assert (window.start, window.end) == (
        pd.Timestamp("2025-10-01"),
        pd.Timestamp("2026-09-29"),
    )
    assert window.label == "2025-10-01 to 2026-09-29" and window.months == 12


def test_enums_are_the_schema_vocabularies():
    assert tuple(deals.Attribution) == schema.ATTRIBUTIONS
    assert tuple(deals.Stage) == schema.DEAL_STAGES
    assert deals.Stage.WON == "won" and f"{deals.Attribution.SOURCED}" == "sourced"


def test_row_predicates_by_hand():
    assert ids(DEALS[deals.is_partner_deal(DEALS)]) == ["a", "b", "c", "d", "f", "g", "i"]
    assert ids(DEALS[deals.is_direct_deal(DEALS)]) == ["e", "h"]
    assert ids(DEALS[deals.is_won(DEALS)]) == ["a", "b", "c", "d", "e"]
    assert ids(DEALS[deals.is_closed(DEALS)]) == ["a", "b", "c", "d", "e", "f"]
    assert ids(DEALS[deals.is_open(DEALS)]) == ["g", "h", "i"]


def test_closed_between_includes_both_ends_and_never_a_blank_date():
    assert ids(DEALS[deals.closed_between(DEALS, START, END)]) == ["b", "c", "e", "f"]
    assert ids(DEALS[deals.closed_between(DEALS, start="2024-07-01")]) == ["d"]
    assert ids(DEALS[deals.closed_between(DEALS, end="2024-01-31")]) == ["a"]
    assert ids(DEALS[deals.closed_between(DEALS)]) == ["a", "b", "c", "d", "e", "f"]


def test_won_partner_deals_are_decided_by_the_close_date():
    """b closes on the window's first day and c on its last: both in. a closed before, d after
    (though created inside), e is direct, f lost, g and i open."""
    assert ids(deals.won_partner_deals(DEALS, START, END)) == ["b", "c"]
    assert ids(deals.won_partner_deals(DEALS, end=END)) == ["a", "b", "c"]  # as-of cut only
    assert ids(deals.won_partner_deals(DEALS)) == ["a", "b", "c", "d"]
    won = deals.won_partner_deals(DEALS, START, END)
    assert list(won.index) == [1, 2] and list(won.columns) == list(DEALS.columns)


def test_program_revenue_by_hand():
    """b 2000 + c 3000 = 5000; the direct e (50000) never counts."""
    assert deals.program_revenue(DEALS, START, END) == 5000.0
    assert deals.program_revenue(DEALS, START, END, by="partner_id").to_dict() == {
        "P1": 2000.0,
        "P2": 3000.0,
    }
    assert deals.program_revenue(DEALS, end=END) == 6000.0  # a + b + c
    assert deals.program_revenue(DEALS, "2025-01-01", "2025-12-31") == 0.0


def test_open_pipeline_and_open_at_a_date():
    """Today's pipeline is g, h, i (700 + 800 + 900). Open on 2024-06-30: d (created 1 May,
    closed 1 July), g and i; c closed that very day, h was created later."""
    assert ids(deals.open_pipeline(DEALS)) == ["g", "h", "i"]
    assert deals.open_pipeline(DEALS)["amount"].sum() == 2400.0
    assert ids(deals.open_at(DEALS, END)) == ["d", "g", "i"]
    assert ids(deals.open_at(DEALS, "2024-01-20")) == ["a", "b"]  # won later, open that day
    assert ids(deals.open_at(DEALS, "2024-01-05")) == ["a"]  # created that day; b not yet


def test_attribution_credit_by_hand():
    credit = deals.attribution_credit(DEALS, 0.25)
    assert credit.tolist() == [1.0, 1.0, 0.25, 0.25, 0.0, 1.0, 1.0, 0.0, 0.25]
    assert (DEALS["amount"] * credit)[deals.is_won(DEALS)].sum() == pytest.approx(
        1000 + 2000 + 0.25 * 3000 + 0.25 * 4000
    )  # 4750; direct e credits nothing


def test_cycle_days_by_hand():
    """a 5 → 31 Jan = 26 days; b 10 Jan → 1 Feb = 22; c 1 Mar → 30 Jun = 31 + 30 + 31 + 29 =
    121; open deals have none."""
    days = deals.cycle_days(DEALS)
    assert days.iloc[:3].tolist() == [26, 22, 121]
    assert days.iloc[6:].isna().all()


def test_program_revenue_is_the_analytics_universe_revenue(tiny):
    """Tiny fixture, 2024: D1 10000 + D2 20000 (P1), D3 5000 (P2), D4 8000 (P3) = 43000; the
    direct D6, the lost D5, D7 (closed 2023) and the open D8 are out."""
    ws = load_workspace(tiny)
    d = ws.table("deals")
    assert deals.program_revenue(d, "2024-01-01", "2024-12-31") == 43000.0
    assert deals.program_revenue(d, "2024-01-01", "2024-12-31", by="partner_id").to_dict() == {
        "P1": 30000.0,
        "P2": 5000.0,
        "P3": 8000.0,
    }
    table = analytics.drilldown(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")
    assert table.loc[table["level"] == "universe", "revenue"].iloc[0] == 43000.0


def test_partner_deal_means_partner_id_on_a_loaded_workspace(demo):
    """Validation makes the attribution test and "has a partner_id" the same set."""
    d = load_workspace(demo).table("deals")
    assert deals.is_partner_deal(d).equals(d["partner_id"].notna())


def test_partner_active_by_agreement_dates():
    """Window 2024-04-01 … 2024-06-30. Status decides how dates are read (see active_in)."""
    partners = pd.DataFrame(
        [
            ("A1", "active", None, None, True),  # blank start: since before any period
            ("A2", "active", "2024-06-30", None, True),  # signed on the last day
            ("A3", "active", "2024-07-01", None, False),  # signed after the window
            ("A4", "active", "2023-01-01", "2024-03-31", False),  # ended before the window
            ("A5", "active", "2023-01-01", "2024-04-01", True),  # ended on its first day
            ("I1", "inactive", "2023-01-01", None, False),  # no end date: no known period
            ("I2", "inactive", "2023-01-01", "2024-05-01", True),
            ("C1", "candidate", "2023-01-01", None, False),
        ],
        columns=["partner_id", "status", "start_date", "end_date", "expected"],
    )
    for col in ("start_date", "end_date"):
        partners[col] = pd.to_datetime(partners[col])
    got = deals.active_in(partners, "2024-04-01", "2024-06-30")
    assert list(got) == list(partners["expected"])


def test_active_at_is_active_in_over_one_day():
    """On 2024-05-01: A started 2024-05-01 (counts), B ended 2024-05-01 (counts), C ended
    2024-04-30 (does not), D inactive ended 2024-06-30 (still under agreement: counts)."""
    partners = pd.DataFrame(
        {
            "partner_id": ["A", "B", "C", "D"],
            "status": ["active", "active", "active", "inactive"],
            "start_date": pd.to_datetime(["2024-05-01", "2023-01-01", "2023-01-01", "2023-01-01"]),
            "end_date": pd.to_datetime([None, "2024-05-01", "2024-04-30", "2024-06-30"]),
        }
    )
    assert list(deals.active_at(partners, "2024-05-01")) == [True, True, False, True]


def test_current_partners_and_the_top_partners_leave_out_an_ended_agreement():
    """On 2026-09-30: A active; B inactive (ended 2026-03-31); C active but its end_date is the
    day itself (ended); D active, starts later; E a candidate. Only A is current, so the top
    two by revenue are A alone, though B brought more; F (current, 0) is never a top partner."""
    partners = pd.DataFrame(
        {
            "partner_id": ["A", "B", "C", "D", "E", "F"],
            "status": ["active", "inactive", "active", "active", "candidate", "active"],
            "start_date": pd.to_datetime(
                ["2024-01-01", "2024-02-06", None, "2026-10-01", None, None]
            ),
            "end_date": pd.to_datetime([None, "2026-03-31", "2026-09-30", None, None, None]),
        }
    )
    current = deals.current_at(partners, "2026-09-30")
    assert current.tolist() == [True, False, False, False, False, True]
    revenue = pd.Series([10.0, 40.0, 30.0, 20.0, 5.0, 0.0], index=list("ABCDEF"))
    top = deals.top_partners(revenue, current.set_axis(partners["partner_id"]), 2)
    assert top.to_dict() == {"A": 10.0}
