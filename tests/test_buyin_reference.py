"""Where a client stands against the reference program profile (trend 4), element by element,
worked out by hand; a table not supplied is "not known" with the file that would show it."""

import numpy as np
import pandas as pd

from playbook import buyin_reference as brf
from playbook.communication_personas import persona_coverage
from playbook.profile import OrgUnit

D = pd.Timestamp
AS_OF = "2024-12-31"
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["P1", "P2", "P3", "P4", "P5"],
        "type": ["isv", "isv", "integrator", "platform", "ecosystem"],
        "status": ["active", "active", "active", "active", "candidate"],
        "start_date": [D("2023-01-01"), D("2023-06-01"), D("2024-01-01"), D("2024-06-01"), None],
        "end_date": [pd.NaT] * 5,
        "certification_level": ["certified", "none", "advanced", None, "expert"],
    }
)
UNITS = [
    OrgUnit(
        name="Technology",
        partner_types=["isv", "platform"],
        targets={
            "program_members": 2,
            "certified_integrators": 1,
            "referral_revenue": 10,
            "influenced_revenue": 5,
        },
    ),
    OrgUnit(
        name="Business Development",
        partner_types=["integrator"],
        targets={"program_members": 2, "referral_revenue": 10},
    ),
]


def _standings(**over):
    args = {
        "partners": PARTNERS,
        "as_of": AS_OF,
        "currency": "USD",
        "items": None,
        "org_units": UNITS,
        "org": pd.DataFrame({"status": ["green", "red", "no target"]}),
        "team": pd.DataFrame(
            {"gap": pd.array([False, True, pd.NA], dtype="boolean")},
            index=["recruiting", "enablement", "technical"],
        ),
        "personas": pd.DataFrame({"partner_type": ["isv", "ecosystem"]}),
        "staff": pd.DataFrame(
            {
                "staff_id": ["S1", "S2", "S3"],
                "role": ["channel_manager", "program_manager", None],
                "start_date": [D("2022-01-01")] * 3,
                "end_date": [pd.NaT, D("2024-06-30"), pd.NaT],
            }
        ),
        "investments": pd.DataFrame(
            {"partner_id": ["P1", "P3"], "date": [D("2024-01-01"), D("2025-06-01")]}
        ),
        "levels": pd.DataFrame(
            {
                "name": ["Registered", "Gold"],
                "rank": [1, 2],
                "annual_fee": [500.0, 5000.0],
                "package_value": [3000.0, np.nan],
            }
        ),
    }
    return brf.standings(**{**args, **over}).set_index("key")


def test_every_element_by_hand():
    t = _standings()
    got = {k: (r["standing"], r["evidence"].replace("\xa0", " ")) for k, r in t.iterrows()}
    assert got == {
        "checklist": (
            "not known",
            "Not known: no checklist.csv was supplied; fill checklist.csv (columns item_id, "
            "category, task, status).",
        ),
        "org_metrics": (
            "partly in place",
            "Technology: 4 of 4 targets; Business Development: 2 of 4 targets",
        ),
        "metrics_on_target": ("partly in place", "1 green, 0 amber, 1 red"),
        "team": ("partly in place", "Scored; below target: enablement"),
        # active P1, P2 isv, P3 integrator, P4 platform, no class known; personas of isv and
        # ecosystem without a class describe P1 and P2
        "personas": (
            "partly in place",
            "2 of 4 active partners described by a persona of their type and class; none for "
            "Systems integrator: 1, Platform: 1",
        ),
        # the program manager left before the as-of date; the unnamed role is not program staff
        "leadership": ("partly in place", "1 person in post; no alliance lead or program manager"),
        # levels known: certified, none, advanced → 2 of 3
        "enablement": ("in place", "66.7% of 3 active partners certified or above"),
        # P1 only (P3's investment is after the as-of date): 1 of 4
        "investment": ("partly in place", "25.0% of 4 active partners with an investment"),
        # 500 ÷ 3,000 = 16.7 % of the list value, at most half
        "entry_package": (
            "in place",
            "Cheapest level Registered: USD 500 a year, 16.7% of its list value",
        ),
    }
    assert brf.findings(t.reset_index()) == [
        "Against the reference program profile (9 elements): 2 in place, 6 partly, "
        "0 not in place, 1 not known from the data supplied."
    ]


def test_absent_data_is_not_known_never_not_in_place():
    t = _standings(
        org_units=[], org=None, team=None, personas=None, staff=None, investments=None, levels=None
    )
    assert set(t["standing"]) == {"not known", "in place"}  # enablement comes from partners
    assert t.loc["entry_package", "evidence"] == (
        "Not known: no program_levels.csv was supplied; fill program_levels.csv (columns "
        "level_id, name, rank, annual_fee)."
    )
    assert t.loc["org_metrics", "evidence"] == (
        "Not known: profile.yaml sets no org_units; add org_units to profile.yaml."
    )


def test_not_in_place_is_named_in_the_finding():
    t = _standings(personas=pd.DataFrame({"partner_type": ["ecosystem"]}))
    assert t.loc["personas", "standing"] == "not in place"
    assert brf.findings(t.reset_index())[0].endswith(
        "(not in place: a buyer persona for every kind of partner the program works with, by "
        "partner type and by value or transaction class)."
    )


def test_profiled_programs_are_named_beside_the_elements_they_have():
    programs = pd.DataFrame(
        {
            "program": ["A", "B", "A", "B"],
            "measure": ["entry_package", "entry_package", "personas", "quick_win_share"],
            "value": [1.0, 0.0, 0.0, 50.0],
            "source": ["", "", "", ""],
        }
    )
    t = _standings(programs=programs)
    assert t.loc["entry_package", "best_programs"] == "A"
    assert t.loc["personas", "best_programs"] == "None of 1"
    assert t.loc["team", "best_programs"] == ""  # nobody was profiled on it
    assert brf.screen_columns(t)[-1] == "Best programs profiled that have it"
    shown = brf.view(t.reset_index()).set_index("A well-run program has")
    assert shown["Best programs profiled that have it"].iloc[3] == "Not profiled"  # team
    assert brf.screen_columns(_standings()) == brf.SCREEN


def test_personas_describe_partners_by_type_and_class_as_report_08_counts():
    """Classes: P1 isv value, P2 isv transaction, P3 integrator value, P4 platform value.
    Personas: isv transaction (P2), integrator of any class (P3), platform transaction (none):
    2 of 4 described, as report 08's groups without a persona (isv value 1, platform value 1)."""
    classes = pd.DataFrame(
        {
            "partner_id": ["P1", "P2", "P3", "P4"],
            "type": ["isv", "isv", "integrator", "platform"],
            "model": ["value", "transaction", "value", "value"],
        }
    )
    personas = pd.DataFrame(
        {
            "persona_id": ["A", "B", "C"],
            "name": ["a", "b", "c"],
            "role": [None] * 3,
            "partner_type": ["isv", "integrator", "platform"],
            "engagement_model": ["transaction", None, "transaction"],
        }
    )
    t = _standings(personas=personas, classes=classes)
    assert t.loc["personas", ["standing", "evidence"]].tolist() == [
        "partly in place",
        "2 of 4 active partners described by a persona of their type and class; none for "
        "ISV (value partner): 1, Platform (value partner): 1",
    ]
    _, bare = persona_coverage(personas, classes)
    assert bare["partners"].sum() == 2
