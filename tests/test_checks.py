"""Cross-table rules: references, rules across a row's columns, names listed in the profile."""

from __future__ import annotations

from conftest import TINY, not_history, only, problems_of, variant, write_workspace


def test_reference_to_unknown_partner(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,", "D3,P9,")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "partner_id", "P9")


def test_partner_deal_without_partner(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,sourced", "D3,,sourced")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("deals.csv", 4, "partner_id")


def test_close_before_created(tmp_path):
    ws = variant(
        tmp_path,
        "deals",
        "D1,P1,sourced,won,2024-01-10,2024-03-10",
        "D1,P1,sourced,won,2024-04-10,2024-03-10",
    )
    p = only(problems_of(ws))
    assert (p.row, p.column) == (2, "close_date")


def test_ids_pointing_at_an_optional_table_left_out_are_a_warning(tmp_path):
    """Partners name their manager, but a client may supply only partners and deals."""
    ws = write_workspace(tmp_path / "ws", {k: TINY[k] for k in ("partners", "deals")})
    assert problems_of(ws) == []
    [warning] = not_history(problems_of(ws, "warning"))
    assert (warning.file, warning.column) == ("partners.csv", "manager_id")
    assert "refers to staff, which was not supplied" in warning.expected


def test_names_must_match_the_profile_lists(tmp_path):
    tables = {**TINY, "competitor_partnerships": "competitor,partner_id\nRival One,P1\nNobody,P2\n"}
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert (p.file, p.row, p.column, p.value) == (
        "competitor_partnerships.csv",
        3,
        "competitor",
        "Nobody",
    )
    assert "Rival One, Rival Two" in p.expected
