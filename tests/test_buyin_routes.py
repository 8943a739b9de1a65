"""Partner route or hiring (trend 4) by hand: productive months, both routes' cost and margin
left, the investment taken from the investments table, a capability not priced."""

import numpy as np
import pandas as pd
import pytest

from playbook import buyin_routes as br

D = pd.Timestamp
COLUMNS = [
    "capability_id",
    "capability",
    "partner_id",
    "monthly_revenue",
    "margin_pct",
    "partner_share_pct",
    "partner_investment",
    "partner_months",
    "hires",
    "cost_per_hire",
    "recruiting_cost",
    "months_to_hire",
    "ramp_up_months",
    "build_cost",
]
ROUTES = pd.DataFrame(
    [
        ("K1", "Services", "P1", 10000, 60, 20, 30000, 2, 2, 120000, 10000, 4, 6, 5000),
        ("K2", "Connector", "P9", 1000, 50, 10, np.nan, 0, 1, 60000, 0, 0, 0, 0),
        ("K3", "Pre-sales", "P1", 10000, 50, 40, 100000, 0, 1, 60000, 0, 0, 0, 0),
        ("K4", "Support", None, 1000, 50, 10, np.nan, 0, 1, 60000, 0, 0, 0, 0),
    ],
    columns=COLUMNS,
)
INVESTMENTS = pd.DataFrame(
    {
        "partner_id": ["P9", "P9"],
        "date": [D("2024-01-01"), D("2025-01-01")],  # the second is after the as-of date
        "amount": [5000.0, 7000.0],
    }
)
PARTNERS = pd.DataFrame({"partner_id": ["P1", "P9"], "name": ["Alpha", "Nine"]})


@pytest.mark.parametrize(
    ("horizon", "lead", "ramp", "months"),
    [
        (12, 4, 6, 5.0),  # 12 − 4 − 6/2
        (8, 4, 6, 16 / 12),  # ramping: (8 − 4)² ÷ (2 × 6)
        (10, 4, 6, 3.0),  # the ramp just ends: 36 ÷ 12 = 10 − 4 − 3
        (4, 4, 6, 0.0),
        (3, 4, 0, 0.0),
        (10, 2, 0, 8.0),
    ],
)
def test_productive_months(horizon, lead, ramp, months):
    assert br.productive_months(horizon, lead, ramp) == pytest.approx(months)


def test_both_routes_by_hand():
    """K1 over 24 months. Partner: 22 months × 10,000 = 220,000; shared 20 % = 44,000; cost
    30,000 + 44,000 = 74,000; left 132,000 − 74,000 = 58,000. Hiring: 24 − 4 − 3 = 17 months
    → 170,000; paid 20 months: 2 × (10,000 + 10,000 × 20) = 420,000, + 5,000 build = 425,000;
    left 102,000 − 425,000 = −323,000. Advantage 381,000.
    K2: investment 5,000 recorded (7,000 is after the as-of date); partner left 12,000 − 7,400
    = 4,600; hiring 12,000 − 120,000 = −108,000. K3: partner 120,000 − 196,000 = −76,000,
    hiring 0: hiring wins. K4: no investment and no partner: not priced."""
    t = br.compare(ROUTES, INVESTMENTS, "2024-12-31", 24, PARTNERS).set_index("capability_id")
    k1 = t.loc["K1"]
    assert (k1["partner_revenue"], k1["margin_shared"], k1["partner_cost"]) == (
        220000,
        44000,
        74000,
    )
    assert k1["partner_left"] == pytest.approx(58000)
    assert (k1["hire_months"], k1["people_cost"], k1["hire_cost"]) == (17, 420000, 425000)
    assert k1["hire_left"] == pytest.approx(-323000)
    assert k1["advantage"] == pytest.approx(381000) and k1["better"] == "partner"
    k2 = t.loc["K2"]
    assert (k2["investment"], k2["investment_source"]) == (5000, "recorded investments")
    assert k2["partner_left"] == pytest.approx(4600) and k2["hire_left"] == pytest.approx(-108000)
    assert t.loc["K3", "advantage"] == pytest.approx(-76000) and t.loc["K3", "better"] == "hiring"
    k4 = t.loc["K4"]
    assert np.isnan(k4["partner_cost"]) and np.isnan(k4["advantage"]) and k4["better"] == ""
    assert k4["why"] == "no partner investment given and no partner named"
    assert list(t["partner"]) == ["Alpha", "Nine", "Alpha", ""]


def test_findings_view_and_key_finding():
    t = br.compare(ROUTES, INVESTMENTS, "2024-12-31", 24, PARTNERS)
    assert [s.replace("\xa0", " ") for s in br.findings(t, "USD", 24)] == [
        "Over 24 months the partner route leaves more margin than hiring and building for 2 of "
        "3 capabilities priced both ways; the largest gap is 'Services', where the partner "
        "route leaves USD 381,000 more.",
        "1 capability not priced: no partner investment given or recorded.",
    ]
    view = br.view(t, "USD", 24).set_index("Capability")
    assert view.loc["Support", "Better route"] == "—"
    assert view.loc["Pre-sales", "Better route"] == "Hiring and building"
    assert view.loc["Services", "Hiring route: margin left"] == "\u2212USD\u00a0323,000"
    assert set(br.screen_columns(24)) <= set(view.reset_index().columns)
    key = br.key_finding(t, "USD", 24, "Partner route or hiring")
    assert key.stake == pytest.approx(381000)
    assert key.text.replace("\xa0", " ") == (
        "Getting 'Services' through Alpha rather than hiring and building it leaves "
        "USD 381,000 more margin over 24 months."
    )
    records = br.records(t, 24)
    assert records[3]["advantage"] is None and records[0]["better"] == "partner"


def test_the_buyin_result_carries_routes_and_the_reference_profile():
    from playbook import buyin, buyin_summary

    items = buyin.merged_checklist(pd.DataFrame(), "2024-12-31")
    t = br.compare(ROUTES, INVESTMENTS, "2024-12-31", 24, PARTNERS)
    reference = pd.DataFrame(
        {
            "key": ["checklist", "team"],
            "has": ["A checklist.", "A team."],
            "standing": ["not known", "in place"],
        }
    )
    result = buyin_summary.summarise(
        items=items,
        team=None,
        org=None,
        as_of="2024-12-31",
        currency="USD",
        routes=t,
        route_months=24,
        reference=reference,
    )
    assert result.findings[1].startswith("Over 24 months the partner route leaves more margin")
    assert result.findings[3] == (
        "Against the reference program profile (2 elements): 1 in place, 0 partly, "
        "0 not in place, 1 not known from the data supplied."
    )
    assert result.figures["reference"] == {"checklist": "not known", "team": "in place"}
    assert [r["capability_id"] for r in result.figures["routes"]] == ["K1", "K2", "K3", "K4"]
    assert result.key_findings[-1].section == "Partner route or hiring"
    assert result.key_findings[-1].stake == pytest.approx(381000)


def test_the_assumed_revenue_beside_the_partners_track_record():
    """Window 2024-01-01 … 2024-12-31 (12 months). P1 won 36,000 + 12,000 in it (a deal of
    2023 and a lost one do not count): 48,000 ÷ 12 = 4,000 a month; K1 and K3 assume 10,000,
    more than twice 4,000. P9 won nothing: a record of 0, any assumption is above it. K4 names
    no partner: "—"."""
    from conftest import deals_frame

    from playbook.deals import ReportingWindow

    deals = deals_frame(
        [
            ("d1", "P1", "sourced", "won", D("2024-03-01"), 36000.0, None, None),
            ("d2", "P1", "influenced", "won", D("2024-11-30"), 12000.0, None, None),
            ("d3", "P1", "sourced", "won", D("2023-12-31"), 90000.0, None, None),
            ("d4", "P1", "sourced", "lost", D("2024-05-01"), 90000.0, None, None),
        ]
    )
    window = ReportingWindow.ending("2024-12-31", 12)
    t = br.compare(ROUTES, INVESTMENTS, "2024-12-31", 24, PARTNERS, deals=deals, window=window)
    assert t["actual_monthly"].tolist()[:3] == [4000.0, 0.0, 4000.0]
    assert np.isnan(t["actual_monthly"].iloc[3])
    assert t["above_record"].tolist() == [True, True, True, pd.NA]
    view = br.view(t, "USD", 24)
    assert [v.replace("\xa0", " ") for v in view["Revenue a month: the partner's record"]] == [
        "USD 4,000",
        "USD 0",
        "USD 4,000",
        "—",
    ]
    assert view["Assumed against the record"].tolist() == ["More than twice the record"] * 3 + ["—"]
    assert br.findings(t, "USD", 24)[1].replace("\xa0", " ") == (
        "The revenue assumed is more than twice the partner's track record: 'Services' assumes "
        "USD 10,000 a month, where Alpha brought USD 4,000 a month in the reporting window; "
        "'Connector' assumes USD 1,000 a month, where Nine brought USD 0 a month in the "
        "reporting window; 'Pre-sales' assumes USD 10,000 a month, where Alpha brought "
        "USD 4,000 a month in the reporting window. Check these assumptions before choosing "
        "the partner route."
    )
    key = br.key_finding(t, "USD", 24, "Partner route or hiring")
    assert key.text.replace("\xa0", " ").endswith(
        "It assumes USD 10,000 of revenue a month, more than twice the USD 4,000 a month Alpha "
        "brought in the reporting window: check it first."
    )
    # 8,000 a month is exactly twice 4,000: within the record
    within = ROUTES.assign(monthly_revenue=[8000, 1000, 10000, 1000])
    t = br.compare(within, INVESTMENTS, "2024-12-31", 24, PARTNERS, deals=deals, window=window)
    assert t["above_record"].tolist() == [False, True, True, pd.NA]
    assert br.view(t, "USD", 24)["Assumed against the record"].iloc[0] == (
        "Within twice the record"
    )


def test_record_sentence_names_three_and_counts_the_rest():
    """Seven rows above the record (Cap G is within it, left out); Cap B with P2 twice is
    named once, ×2: three texts named (four rows), Cap D, E and F counted: "; and 3 more"."""
    caps = ["Cap A", "Cap B", "Cap B", "Cap C", "Cap D", "Cap E", "Cap F", "Cap G"]
    t = pd.DataFrame(
        {
            "capability": caps,
            "partner": ["P1", "P2", "P2", "P3", "P4", "P5", "P6", "P7"],
            "assumed_monthly": [100.0] * 8,
            "actual_monthly": [10.0] * 8,
            "above_record": [True, True, True, True, True, True, True, False],
        }
    )
    each = (
        "assumes USD\u00a0100 a month, where {} brought USD\u00a010 a month in the reporting window"
    )
    assert br.record_sentence(t, "USD") == (
        "The revenue assumed is more than twice the partner's track record: "
        f"'Cap A' {each.format('P1')}; 'Cap B' {each.format('P2')} ×2; "
        f"'Cap C' {each.format('P3')}; and 3 more. "
        "Check these assumptions before choosing the partner route."
    )
