"""Attribution rules of profile.yaml: applied only to blank attributions, each rule counted.

Fixture (the tiny deals, attribution column replaced by lead_source; D5 keeps an explicit
attribution): D1 P1 "Partner Referral", D2 P1 "partner-referral", D3 P2 "Web", D4 P3 blank,
D5 P3 explicit sourced, D6 no partner "Partner", D7 P1 "Partner", D8 P2 "Trade Show".
Default rules (sourced_lead_sources Partner, Partner Referral; otherwise influenced):
sourced D1 D2 D7 = 3; influenced D3 D4 D8 = 3; direct D6 = 1; D5 stays sourced.
"""

from conftest import PROFILE, TINY, problems_of, write_workspace

from playbook.workspace import check_workspace

DEALS = """\
deal_id,partner_id,attribution,lead_source,stage,created_date,close_date,amount
D1,P1,,Partner Referral,won,2024-01-10,2024-03-10,10000
D2,P1,,partner-referral,won,2024-02-01,2024-06-01,20000
D3,P2,,Web,won,2024-05-01,2024-07-15,5000
D4,P3,,,won,2024-09-01,2024-12-31,8000
D5,P3,sourced,Web,lost,2024-03-01,2024-04-01,9000
D6,,,Partner,won,2024-02-01,2024-05-01,100000
D7,P1,,Partner,won,2023-10-01,2023-12-31,7000
D8,P2,,Trade Show,qualified,2024-11-01,,4000
"""


def _check(tmp_path, deals=DEALS, profile=PROFILE):
    ws, problems = check_workspace(
        write_workspace(tmp_path / "ws", {**TINY, "deals": deals}, profile)
    )
    assert ws is not None, problems
    return ws, problems


def _attribution(ws):
    return ws.table("deals").set_index("deal_id")["attribution"].to_dict()


def test_default_rules_attribute_blank_deals_and_say_so(tmp_path):
    ws, problems = _check(tmp_path)
    assert [p for p in problems if p.level == "error"] == []
    assert _attribution(ws) == {
        "D1": "sourced",
        "D2": "sourced",
        "D3": "influenced",
        "D4": "influenced",
        "D5": "sourced",
        "D6": "direct",
        "D7": "sourced",
        "D8": "influenced",
    }
    assert [f.text for f in ws.fills if f.column == "attribution"] == [
        "deals.attribution: blank, partner set and lead_source one of (Partner, Partner "
        "Referral) → sourced (default attribution_rules) (3 rows)",
        "deals.attribution: blank, partner set, any other lead_source → influenced (default "
        "attribution_rules) (3 rows)",
        "deals.attribution: blank, no partner → direct (default attribution_rules) (1 row)",
    ]


def test_the_profile_sets_the_lead_sources_and_the_otherwise(tmp_path):
    profile = PROFILE + "attribution_rules:\n  sourced_lead_sources: [Web]\n"
    profile += "  partner_otherwise: sourced\n"
    ws, _ = _check(tmp_path, profile=profile)
    assert set(_attribution(ws).values()) == {"sourced", "direct"}
    assert [f.text for f in ws.fills if f.column == "attribution"] == [
        "deals.attribution: blank, partner set and lead_source one of (Web) → sourced "
        "(profile.yaml attribution_rules) (1 row)",
        "deals.attribution: blank, partner set, any other lead_source → sourced (profile.yaml "
        "attribution_rules) (5 rows)",
        "deals.attribution: blank, no partner → direct (profile.yaml attribution_rules) (1 row)",
    ]


def test_without_a_lead_source_column_a_partner_deal_is_influenced(tmp_path):
    deals = TINY["deals"].replace(",sourced,", ",,").replace(",influenced,", ",,")
    deals = deals.replace(",direct,", ",,")
    ws, _ = _check(tmp_path, deals)
    assert _attribution(ws) == {
        "D1": "influenced",
        "D2": "influenced",
        "D3": "influenced",
        "D4": "influenced",
        "D5": "influenced",
        "D6": "direct",
        "D7": "influenced",
        "D8": "influenced",
    }
    assert [(f.rows, f.rule.split(" → ")[1]) for f in ws.fills if f.column == "attribution"] == [
        (7, "influenced (default attribution_rules)"),
        (1, "direct (default attribution_rules)"),
    ]


def test_an_unreadable_attribution_is_its_own_error_and_not_filled(tmp_path):
    deals = DEALS.replace("D5,P3,sourced,", "D5,P3,maybe,")
    errors = problems_of(write_workspace(tmp_path / "ws", {**TINY, "deals": deals}))
    assert [(p.row, p.column, p.value) for p in errors] == [(6, "attribution", "maybe")]


def test_a_given_direct_attribution_with_a_partner_is_still_an_error(tmp_path):
    deals = DEALS.replace("D5,P3,sourced,", "D5,P3,direct,")
    errors = problems_of(write_workspace(tmp_path / "ws", {**TINY, "deals": deals}))
    assert [(p.row, p.column, p.expected) for p in errors] == [
        (6, "attribution", "a deal with a partner_id must be sourced or influenced")
    ]


def test_a_bad_rules_key_is_a_profile_error(tmp_path):
    profile = PROFILE + "attribution_rules:\n  partner_otherwise: direct\n"
    errors = problems_of(write_workspace(tmp_path / "ws", {**TINY}, profile))
    assert [(p.file, p.column) for p in errors] == [
        ("profile.yaml", "attribution_rules.partner_otherwise")
    ]
