"""Trend 2 matching: normalisation, match keys, privacy, matrix, potential revenue — by hand."""

import pandas as pd
import pytest

from playbook import overlap as ov


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://www.Acme.com/about?x=1", "acme.com"),
        ("WWW.ACME.COM", "acme.com"),
        ("acme.com.", "acme.com"),
        ("http://shop.acme.co.uk:8080/", "shop.acme.co.uk"),
        ("sales@acme.com", "acme.com"),
        ("", None),
        ("  ", None),
    ],
)
def test_normalise_domain(raw, expected):
    got = ov.normalise_domain(pd.Series([raw]))[0]
    assert (got if got is not pd.NA else None) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ACME, Inc.", "acme"),
        ("Acme Corp", "acme"),
        ("Müller GmbH", "müller"),
        ("The Widget Co., Ltd", "widget"),
        ("Smith & Sons LLC", "smith and sons"),
        ("Globex S.A.", "globex"),
        ("Initech", "initech"),
    ],
)
def test_normalise_name(raw, expected):
    assert ov.normalise_name(pd.Series([raw]))[0] == expected


ACCOUNTS = pd.DataFrame(
    {
        "account_id": ["A1", "A2", "A3", "A4", "A5"],
        "name": ["Acme Inc", "Globex LLC", "Initech", "Hooli Ltd", "Umbrella Corp"],
        "domain": ["acme.com", "globex.com", None, "hooli.com", "umbrella.com"],
        "status": ["customer", "customer", "prospect", "prospect", "customer"],
    }
)
DEALS = pd.DataFrame(
    {
        "deal_id": ["D1", "D2", "D3", "D4"],
        "account_id": ["A1", "A1", "A3", "A5"],
        "stage": ["qualified", "won", "lead", "proposal"],
        "amount": [100.0, 999.0, 50.0, 70.0],
    }
)
THEIRS = pd.DataFrame(
    {
        "partner_id": ["P1", "P1", "P1", "P1", "P1", "P2", "P2"],
        "account_name": ["ACME, INC.", "Globex", "INITECH LLC", "Hooli", "Nobody", "Acme", None],
        "domain": [
            "https://www.acme.com/",
            None,
            "initech.io",
            "hooli.net",
            "nobody.com",
            "acme.com",
            "umbrella.com",
        ],
        "relationship": [
            "customer",
            "customer",
            "prospect",
            "customer",
            "customer",
            "prospect",
            "customer",
        ],
    }
)
PARTNERS = pd.DataFrame({"partner_id": ["P1", "P2", "P3"], "name": ["One", "Two", "Three"]})


def matched():
    ours = ov.our_accounts(ACCOUNTS, DEALS)
    return ours, ov.match_accounts(ours, THEIRS)


def test_match_keys_by_hand():
    """Row 0 acme domain; row 1 Globex has no domain → name; row 2 Initech has a domain but our
    Initech has none → name; row 3 Hooli has a different domain and ours has one → no match;
    row 4 unknown; rows 5–6 domain."""
    _, m = matched()
    got = dict(zip(m["row"], zip(m["account_id"], m["key"], strict=True), strict=True))
    assert got == {
        0: ("A1", "domain"),
        1: ("A2", "name"),
        2: ("A3", "name"),
        5: ("A1", "domain"),
        6: ("A5", "domain"),
    }
    summary = ov.match_summary(m, THEIRS)
    assert summary["rows"].to_dict() == {"domain": 3, "name": 2, "hashed domain": 0, "unmatched": 2}
    view = ov.summary_view(summary)
    assert list(view["Match key"]) == [
        "Web domain",
        "Company name",
        "Hashed web domain",
        "Not matched",
    ]
    assert list(view["Share"]) == ["42.9%", "28.6%", "0.0%", "28.6%"]  # of 7 rows


def test_overlap_matrix_and_potential_revenue_by_hand():
    """P1 overlaps A1 (our customer, open D1), A2 (customer), A3 (prospect, open D3).
    Potential revenue of P1 = D1 100 + D3 50 (won D2 excluded); P2: A1 + A5 → 100 + 70."""
    ours, m = matched()
    matrix = ov.overlap_matrix(m, ours, "P1")
    assert matrix.loc["customer"].to_dict() == {"customer": 2, "prospect": 0}
    assert matrix.loc["prospect"].to_dict() == {"customer": 0, "prospect": 1}
    assert matrix.loc["open_opportunity"].to_dict() == {"customer": 1, "prospect": 1}
    per = ov.partner_overlap(m, ours, DEALS, PARTNERS, ["P1", "P2", "P3"]).set_index("partner_id")
    assert per.loc["P1", "potential_revenue"] == 150 and per.loc["P1", "open_deals"] == 2
    assert per.loc["P2", "potential_revenue"] == 170
    assert per.loc["P3", "overlap_total"] == 0  # shared a list, nothing matched
    assert ov.total_potential(m, DEALS) == (220.0, 3, 3)  # D1 once although two partners know A1


def test_each_opportunity_counted_once_when_matched_twice():
    theirs = pd.DataFrame(
        {
            "partner_id": ["P1", "P1"],
            "account_name": ["Acme", "ACME Inc"],
            "domain": ["acme.com", "www.acme.com"],
            "relationship": ["customer", "prospect"],
        }
    )
    ours = ov.our_accounts(ACCOUNTS, DEALS)
    per = ov.partner_overlap(ov.match_accounts(ours, theirs), ours, DEALS, PARTNERS)
    assert per.loc[0, "potential_revenue"] == 100 and per.loc[0, "overlap_total"] == 1


def test_hashed_list_gives_the_same_overlap_as_the_raw_list():
    raw = THEIRS.dropna(subset=["domain"])
    ours = ov.our_accounts(ACCOUNTS, DEALS)
    plain = ov.match_accounts(ours, raw[["partner_id", "domain", "relationship"]])
    hashed = ov.match_accounts(ours, ov.hashed_list(raw, "s3cret"), salt="s3cret")
    key = ["partner_id", "account_id", "relationship"]
    assert (
        plain[key]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(hashed[key].sort_values(key).reset_index(drop=True))
    )
    assert set(hashed["key"]) == {"hashed domain"}
    wrong = ov.match_accounts(ours, ov.hashed_list(raw, "s3cret"), salt="other")
    assert wrong.empty
    with pytest.raises(ValueError, match="salt"):
        ov.match_accounts(ours, ov.hashed_list(raw, "s3cret"))


def test_counts_only_suppresses_small_cells():
    ours, m = matched()
    shown = ov.matrix_view(ov.overlap_matrix(m, ours, "P1"), min_count=2)
    assert shown.loc["Our customers", "Their customers"] == 2
    assert shown.loc["Our prospects", "Their prospects"] == "<2"
    assert shown.loc["Our customers", "Their prospects"] == "<2"
    per = ov.partner_overlap(m, ours, DEALS, PARTNERS)
    view = ov.overlap_view(per, "USD", min_count=3).set_index("Partner")
    assert view.loc["One", "Overlapping accounts"] == "3"
    assert view.loc["One", "Potential revenue"] == "suppressed"  # rests on 2 deals < 3
    assert view.loc["Two", "Our customers"] == "<3"


def test_hash_accounts_cli_output_matches_like_raw(tmp_path):
    from click.testing import CliRunner

    from playbook.cli import main

    raw = THEIRS.dropna(subset=["domain"])[["partner_id", "domain", "relationship"]]
    raw.to_csv(tmp_path / "raw.csv", index=False)
    result = CliRunner().invoke(
        main,
        [
            "hash-accounts",
            str(tmp_path / "raw.csv"),
            "--salt",
            "s",
            "--out",
            str(tmp_path / "hashed.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    hashed = pd.read_csv(tmp_path / "hashed.csv")
    assert list(hashed.columns) == ["partner_id", "domain_hash", "relationship"]
    ours = ov.our_accounts(ACCOUNTS, DEALS)
    assert set(ov.match_accounts(ours, hashed, salt="s")["account_id"]) == {"A1", "A5"}
    bad = CliRunner().invoke(
        main,
        [
            "hash-accounts",
            str(tmp_path / "hashed.csv"),
            "--salt",
            "s",
            "--out",
            str(tmp_path / "x.csv"),
        ],
    )
    assert bad.exit_code == 1 and "missing column(s) domain" in bad.output


def test_potential_revenue_counts_deals_open_at_the_as_of_date():
    """As of 2024-06-30: D1 (qualified, created 2024-01-01) open; D2 won 2024-09-01, after the
    as-of date, so still open then (999); D3 created 2024-08-01 does not exist yet; D4 lost
    2024-03-01 is closed. Overlap of P1 and P2 (A1, A3, A5): D1 100 + D2 999 = 1099, 2 deals."""
    ours, m = matched()
    dated = DEALS.assign(
        stage=["qualified", "won", "lead", "lost"],
        created_date=pd.to_datetime(["2024-01-01", "2024-02-01", "2024-08-01", "2024-01-15"]),
        close_date=pd.to_datetime([None, "2024-09-01", None, "2024-03-01"]),
    )
    assert ov.total_potential(m, dated, "2024-06-30") == (1099.0, 2, 2)
    per = ov.partner_overlap(m, ours, dated, PARTNERS, ["P1", "P2"], "2024-06-30")
    assert per.set_index("partner_id").loc["P1", "potential_revenue"] == 1099


def test_open_deals_without_an_amount_are_never_summed_as_zero():
    """D3 (lead at A3, P1 only) has no amount: P1's potential revenue is D1's 100 from 1 of 2
    open deals valued; P2 (D1 100 + D4 70) is complete; the total is 170 from 2 of 3. With D1
    and D4 unknown as well, P2's figure is missing, not 0."""
    ours, m = matched()
    unknown_d3 = DEALS.assign(amount=[100.0, 999.0, None, 70.0])
    per = ov.partner_overlap(m, ours, unknown_d3, PARTNERS, ["P1", "P2", "P3"])
    per = per.set_index("partner_id")
    assert per.loc["P1", ["potential_revenue", "open_deals", "valued_deals"]].tolist() == [
        100,
        2,
        1,
    ]
    assert per.loc["P2", ["potential_revenue", "valued_deals"]].tolist() == [170, 2]
    assert per.loc["P3", ["potential_revenue", "open_deals"]].tolist() == [0, 0]
    assert ov.total_potential(m, unknown_d3) == (170.0, 3, 2)
    view = ov.overlap_view(per.reset_index(), "USD", None).set_index("Partner")
    assert view.loc["One", "Potential revenue"] == "USD\xa0100 (1 of 2 open deals valued)"
    none_known = DEALS.assign(amount=[None, 999.0, None, None])
    per = ov.partner_overlap(m, ours, none_known, PARTNERS).set_index("partner_id")
    assert pd.isna(per.loc["P2", "potential_revenue"]) and per.loc["P2", "open_deals"] == 2
    amount, deals, valued = ov.total_potential(m, none_known)
    assert pd.isna(amount) and (deals, valued) == (3, 0)


# --------------------------------------------------------------------------- links from deals

D = pd.Timestamp
NaT = pd.NaT
LINK_DEALS = pd.DataFrame(
    [
        ("L1", "P1", "A1", "won", D("2024-01-01"), D("2024-03-01"), 1000.0),
        ("L2", "P1", "A2", "proposal", D("2024-05-01"), NaT, 2000.0),
        ("L3", "P1", "A1", "lost", D("2024-02-01"), D("2024-04-01"), 9000.0),
        ("L4", "P2", "A2", "won", D("2024-06-01"), D("2025-02-01"), 4000.0),
        ("L5", "P2", "A3", "qualified", D("2025-01-10"), NaT, 7000.0),
        ("L6", None, "A3", "qualified", D("2024-07-01"), NaT, 500.0),
        ("L7", "P3", None, "won", D("2024-03-01"), D("2024-05-01"), 800.0),
        ("L8", None, "A1", "proposal", D("2024-09-01"), NaT, 3000.0),
        ("L9", "P3", "A3", "won", NaT, D("2024-08-01"), 100.0),
    ],
    columns=[
        "deal_id",
        "partner_id",
        "account_id",
        "stage",
        "created_date",
        "close_date",
        "amount",
    ],
)
LINK_ACCOUNTS = pd.DataFrame(
    {
        "account_id": ["A1", "A2", "A3"],
        "name": ["Acme", "Globex", "Initech"],
        "domain": [None, None, None],
        "status": ["customer", "prospect", "customer"],
    }
)
AS_OF = "2024-12-31"


def test_deal_links_are_the_partner_account_pairs_known_at_the_as_of_date():
    """P1–A1: won L1 (closed 2024-03-01) → their customer (the lost L3 does not undo it);
    P1–A2: open L2 → prospect; P2–A2: L4 is won only after the as-of date → prospect; P2–A3:
    L5 created after the as-of date → no link; L6, L8 have no partner, L7 no account → none;
    P3–A3: L9 has no created date but closed (won) before the as-of date → customer."""
    links = ov.deal_links(LINK_DEALS, AS_OF)
    got = {(r.partner_id, r.account_id): r.relationship for r in links.itertuples()}
    assert got == {
        ("P1", "A1"): "customer",
        ("P1", "A2"): "prospect",
        ("P2", "A2"): "prospect",
        ("P3", "A3"): "customer",
    }
    assert set(links["key"]) == {ov.DEAL_LINK} and list(links["row"]) == [0, 1, 2, 3]


def test_overlap_and_potential_revenue_from_deal_links():
    """Open at 2024-12-31: L2 (A2, 2000), L4 (A2, 4000; closes 2025), L6 (A3, 500), L8 (A1,
    3000); L5 is created later. P1 knows A1 (our customer, open L8) and A2 (our prospect, open
    L2, L4): 1 customer, 1 prospect, 2 open-opportunity accounts, potential 3000 + 2000 + 4000 =
    9000 over 3 deals. P2 knows A2: 0, 1, 1; 6000 over 2 deals. P3 knows A3 (our customer, open
    L6): 1, 0, 1; 500 over 1 deal. All partners: accounts A1, A2, A3 → 9500 over 4 deals."""
    links = ov.deal_links(LINK_DEALS, AS_OF)
    ours = ov.our_accounts(LINK_ACCOUNTS, LINK_DEALS, AS_OF)
    partners = pd.DataFrame({"partner_id": ["P1", "P2", "P3"], "name": ["One", "Two", "Three"]})
    per = ov.partner_overlap(links, ours, LINK_DEALS, partners, None, AS_OF).set_index("partner_id")
    assert per.loc["P1", ["our_customers", "our_prospects", "our_open_opportunities"]].tolist() == [
        1,
        1,
        2,
    ]
    assert per.loc["P1", "overlap_total"] == 2
    assert per.loc["P1", "potential_revenue"] == 9000 and per.loc["P1", "open_deals"] == 3
    assert per.loc["P2", ["our_customers", "our_prospects", "overlap_total"]].tolist() == [0, 1, 1]
    assert per.loc["P2", "potential_revenue"] == 6000 and per.loc["P2", "open_deals"] == 2
    assert per.loc["P3", "potential_revenue"] == 500 and per.loc["P3", "open_deals"] == 1
    assert ov.total_potential(links, LINK_DEALS, AS_OF) == (9500.0, 4, 4)
    matrix = ov.overlap_matrix(links, ours, "P1")
    assert matrix.loc["customer"].tolist() == [1, 0]  # A1, their customer
    assert matrix.loc["prospect"].tolist() == [0, 1]  # A2, their prospect
    assert matrix.loc["open_opportunity"].tolist() == [1, 1]


def test_no_deal_links_without_partner_and_account_on_the_same_deal():
    deals = LINK_DEALS.assign(account_id=None)
    assert ov.deal_links(deals, AS_OF).empty


def test_integer_join_is_an_inner_merge_in_left_then_right_order():
    """left codes [2, -1, 0, 2], right codes [0, 2, 2, -1]: row 0 meets right 1 and 2, row 2
    right 0, row 3 right 1 and 2; -1 (no key) meets nothing."""
    import numpy as np

    i, j = ov._join(np.array([2, -1, 0, 2]), np.array([0, 2, 2, -1]))
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [
        (0, 1),
        (0, 2),
        (2, 0),
        (3, 1),
        (3, 2),
    ]
    i, j = ov._join(np.array([-1, -1]), np.array([], dtype=int))
    assert len(i) == len(j) == 0
