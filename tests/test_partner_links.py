"""Partners named by id, company name or web domain: matches reported, nothing guessed.

Partners of the fixture: P1 Alpha Apps (www.alpha-apps.com), P2 Beta Consulting, Inc.
(beta.io), P3 Gamma Cloud GmbH and P5 Gamma Cloud AG (two partners called "gamma cloud" once
legal suffixes are dropped), P4 Delta Market.
"""

from dataclasses import replace

import pandas as pd
import pytest
from conftest import TINY, problems_of, write_workspace

from playbook.normalise import normalise_name
from playbook.partner_links import (
    PartnerIndex,
    partner_ids_from_names,
    resolve_partners,
    unknown_partner_messages,
)
from playbook.problems import Fill
from playbook.workspace import check_workspace

PARTNERS = pd.DataFrame(
    {
        "partner_id": ["P1", "P2", "P3", "P4", "P5"],
        "name": [
            "Alpha Apps",
            "Beta Consulting, Inc.",
            "Gamma Cloud GmbH",
            "Delta Market",
            "Gamma Cloud AG",
        ],
        "website": ["https://www.alpha-apps.com", "beta.io", None, None, "gammacloud.de"],
    }
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Acme Pty Ltd", "acme"),
        ("ACME S.A.", "acme"),
        ("Acme GmbH", "acme"),
        ("The Acme Corporation", "acme"),
        ("Acme Co.", "acme"),
        ("acme plc", "acme"),
        ("Acme  B.V.", "acme"),
        ("Acme & Sons, Inc.", "acme and sons"),
    ],
)
def test_company_names_ignore_case_punctuation_and_legal_suffixes(raw, expected):
    assert normalise_name(pd.Series([raw]))[0] == expected


@pytest.mark.parametrize(
    "value, how, ids",
    [
        ("P1", "partner_id", ["P1"]),
        ("alpha apps", "company name", ["P1"]),
        ("ALPHA APPS, LLC", "company name", ["P1"]),
        ("Beta Consulting", "company name", ["P2"]),
        ("beta.io", "web domain", ["P2"]),
        ("https://www.beta.io/partners", "web domain", ["P2"]),
        ("sales@gammacloud.de", "web domain", ["P5"]),
        ("Gamma Cloud", "company name", ["P3", "P5"]),  # ambiguous: both are named
        ("p1", None, []),  # ids are exact
        ("Alpah Apps", None, []),
    ],
)
def test_a_value_is_matched_by_id_then_name_then_domain(value, how, ids):
    assert PartnerIndex.of(PARTNERS).match(value) == (how, ids)


def test_names_and_domains_become_ids_each_reported_with_its_row_count():
    deals = pd.DataFrame(
        {
            "deal_id": [f"D{i}" for i in range(1, 9)],
            "partner_id": [
                "P1",
                "alpha apps",
                "ALPHA APPS, LLC",
                "alpha apps",
                "https://www.beta.io/partners",
                "Gamma Cloud",
                "Alpah Apps",
                None,
            ],
        }
    )
    tables = {"partners": PARTNERS, "deals": deals}
    fills = resolve_partners(tables, None)
    resolved = tables["deals"]["partner_id"]
    assert resolved[:7].tolist() == [
        "P1",
        "P1",
        "P1",
        "P1",
        "P2",
        "Gamma Cloud",  # ambiguous: left for the reference check
        "Alpah Apps",  # no match: left for the reference check
    ]
    assert pd.isna(resolved[7])
    assert [replace(f, group="") for f in fills] == [
        Fill(
            "deals", "partner_id", 2, "'alpha apps' read as partner P1 (Alpha Apps) by company name"
        ),
        Fill(
            "deals",
            "partner_id",
            1,
            "'ALPHA APPS, LLC' read as partner P1 (Alpha Apps) by company name",
        ),
        Fill(
            "deals",
            "partner_id",
            1,
            "'https://www.beta.io/partners' read as partner P2 (Beta Consulting, Inc.) by web "
            "domain",
        ),
    ]


def test_unknown_values_name_both_partners_or_list_near_misses():
    messages = unknown_partner_messages(["Gamma Cloud", "Alpah Apps", "Beta", "Zeta"], PARTNERS)
    assert messages == {
        "Gamma Cloud": "ambiguous: 2 partners have this company name (P3 (Gamma Cloud GmbH), "
        "P5 (Gamma Cloud AG)); write the partner_id of the one meant",
        "Alpah Apps": "no such partner: not a partner_id, company name or web domain in "
        "partners; near misses for review: P1 (Alpha Apps)",
        "Beta": "no such partner: not a partner_id, company name or web domain in partners; "
        "near misses for review: P2 (Beta Consulting, Inc.)",
        "Zeta": "no such partner: not a partner_id, company name or web domain in partners; "
        "no partner has a similar name",
    }


def _workspace(tmp_path, deals):
    partners = TINY["partners"].replace("P3,Gamma Cloud,", "P3,Gamma Cloud GmbH,") + (
        "P5,Gamma Cloud AG,platform,active,South,M3,2024-02-01,none\n"
    )
    return write_workspace(tmp_path / "ws", {**TINY, "partners": partners, "deals": deals})


def test_check_reads_names_as_partners_and_reports_each_match(tmp_path):
    deals = (
        TINY["deals"]
        .replace("D1,P1,", "D1,Alpha Apps Inc.,")
        .replace("D3,P2,", "D3,beta consulting,")
    )
    ws, problems = check_workspace(_workspace(tmp_path, deals))
    assert [p for p in problems if p.level == "error"] == []
    assert ws.table("deals").set_index("deal_id").loc[["D1", "D3"], "partner_id"].tolist() == [
        "P1",
        "P2",
    ]
    assert [f.text for f in ws.fills if f.column == "partner_id"] == [
        "deals.partner_id: 'Alpha Apps Inc.' read as partner P1 (Alpha Apps) by company name "
        "(1 row)",
        "deals.partner_id: 'beta consulting' read as partner P2 (Beta Consulting) by company "
        "name (1 row)",
    ]


def test_check_names_both_partners_of_an_ambiguous_name_and_near_misses(tmp_path):
    deals = TINY["deals"].replace("D4,P3,", "D4,gamma cloud,").replace("D5,P3,", "D5,Gama Clod,")
    errors = problems_of(_workspace(tmp_path, deals))
    assert [(p.row, p.column, p.value, p.expected) for p in errors] == [
        (
            5,
            "partner_id",
            "gamma cloud",
            "ambiguous: 2 partners have this company name (P3 (Gamma Cloud GmbH), P5 (Gamma "
            "Cloud AG)); write the partner_id of the one meant",
        ),
        (
            6,
            "partner_id",
            "Gama Clod",
            "no such partner: not a partner_id, company name or web domain in partners; near "
            "misses for review: P3 (Gamma Cloud GmbH), P5 (Gamma Cloud AG)",
        ),
    ]


def test_a_partner_list_without_ids_is_keyed_by_company_name():
    """A hand-made partner list has names, not ids: the name becomes the id (reported), so a
    deal naming the partner matches it; a name two id-less partners share is an error."""
    partners = pd.DataFrame(
        {
            "partner_id": ["P9", None, None, None],
            "name": ["Nine", "Apex Software, Inc.", "Beta", "Beta"],
            "_row": [2, 3, 4, 5],
        }
    )
    tables = {"partners": partners}
    found = partner_ids_from_names(tables, None)
    assert tables["partners"]["partner_id"].tolist() == [
        "P9",
        "Apex Software, Inc.",
        "Beta",
        "Beta",
    ]
    assert found[0] == Fill(
        "partners", "partner_id", 3, "blank: the partner's company name is its id"
    )
    assert [(p.row, p.column, p.expected) for p in found[1:]] == [
        (
            row,
            "partner_id",
            "no partner_id, and the company name 'Beta' is not unique among the partners: "
            "give these partners a partner_id",
        )
        for row in (4, 5)
    ]
