"""Parsing one table: one test per kind of problem, each asserting file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import PROFILE, TINY, not_history, only, problems_of, variant, write_workspace

from playbook.parse import parse_table
from playbook.schema import TABLES
from playbook.workspace import check_workspace, load_workspace


def test_bad_money_value(tmp_path):
    ws = variant(
        tmp_path,
        "deals",
        "D3,P2,sourced,won,2024-05-01,2024-07-15,5000",
        'D3,P2,sourced,won,2024-05-01,2024-07-15,"5.000,00"',
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("deals.csv", 4, "amount")


def test_wrong_currency_symbol(tmp_path):
    ws = variant(
        tmp_path,
        "investments",
        "I1,P1,2024-02-01,integration,3000",
        'I1,P1,2024-02-01,integration,"€3,000"',
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("investments.csv", 2, "amount", "€3,000")


def test_enum_value_not_allowed(tmp_path):
    ws = variant(
        tmp_path, "partners", "P2,Beta Consulting,integrator", "P2,Beta Consulting,distributor"
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("partners.csv", 3, "type", "distributor")
    assert "isv, integrator, platform, ecosystem" in p.expected


def test_ambiguous_day_first_date(tmp_path):
    ws = variant(tmp_path, "deals", "2024-07-15", "15/07/2024")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "close_date", "15/07/2024")
    assert "day-first" in p.expected and "date_order: DMY" in p.expected


def test_day_first_dates_pass_when_the_profile_says_dmy(tmp_path):
    """The same export passes once profile.yaml says `date_order: DMY`, with the dates right."""
    tables = dict(TINY)
    tables["deals"] = (
        TINY["deals"].replace("2024-07-15", "15/07/2024").replace("2024-03-10", "10.03.2024")
    )
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + "date_order: DMY\n")
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    deals = workspace.table("deals").set_index("deal_id")
    assert deals.at["D3", "close_date"] == pd.Timestamp("2024-07-15")
    assert deals.at["D1", "close_date"] == pd.Timestamp("2024-03-10")
    [note] = [p for p in problems if p.level == "note" and p.column == "close_date"]
    assert note.expected.startswith("2 values normalised to a date as YYYY-MM-DD or DD/MM/YYYY")


def test_month_first_date_in_a_dmy_workspace_says_so(tmp_path):
    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace("2024-07-15", "07/15/2024")
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + "date_order: DMY\n")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "close_date", "07/15/2024")
    assert "month-first" in p.expected


def test_value_out_of_range(tmp_path):
    ws = variant(
        tmp_path,
        "staff",
        "M2,Max North,North,channel_manager,0.5",
        "M2,Max North,North,channel_manager,1.5",
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("staff.csv", 3, "fte")


def test_required_value_missing(tmp_path):
    ws = variant(
        tmp_path, "partners", "P3,Gamma Cloud,platform,active,South", "P3,,platform,active,South"
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("partners.csv", 4, "name")


def test_required_column_missing(tmp_path):
    ws = variant(
        tmp_path,
        "deals",
        "deal_id,partner_id,attribution,stage",
        "deal_id,partner_id,attribution,stg",
    )
    errors = problems_of(ws)
    assert any(p.column == "stage" and p.row == 1 and "missing" in p.expected for p in errors)


def test_duplicate_id(tmp_path):
    ws = variant(tmp_path, "deals", "D4,P3", "D1,P3")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 5, "deal_id", "D1")
    assert "duplicate of row 2" in p.expected


def test_bom_headers_case_and_messy_values_are_normalised_with_notes(tmp_path):
    tables = dict(TINY)
    tables["deals"] = (
        tables["deals"]
        .replace("deal_id,partner_id,attribution,stage", "Deal ID,Partner ID,Attribution,Stage")
        .replace(
            "D1,P1,sourced,won,2024-01-10,2024-03-10,10000",
            'D1,P1, Sourced ,Closed Won,01/10/2024,03/10/2024,"$10,000"',
        )
    )
    ws = write_workspace(tmp_path / "ws", tables)
    raw = (ws / "deals.csv").read_bytes()
    (ws / "deals.csv").write_bytes(b"\xef\xbb\xbf" + raw)
    assert problems_of(ws) == []
    notes = problems_of(ws, "note")
    assert any(p.column == "amount" and "normalised" in p.expected for p in notes)
    assert any(p.row == 1 and "headers normalised" in p.expected for p in notes)
    deals = load_workspace(ws).table("deals")
    d1 = deals[deals.deal_id == "D1"].iloc[0]
    assert (d1.amount, d1.stage, d1.attribution) == (10000, "won", "sourced")
    assert d1.created_date == pd.Timestamp("2024-01-10")


def test_unknown_column_is_a_warning(tmp_path):
    ws = variant(tmp_path, "investments", "category,amount", "category,amount,owner")
    assert problems_of(ws) == []
    p = only(not_history(problems_of(ws, "warning")))
    assert (p.file, p.column) == ("investments.csv", "owner")


SALESFORCE_DEALS = """\
Opportunity ID,Partner,Attribution,Stage,Created Date,Close Date,Amount,Margin
D1,P1,sourced,Closed Won,2024-01-10,2024-03-10,10000,7000
D2,P1,influenced,Negotiation/Review,2024-02-01,,20000,12000
D3,P2,sourced,Prospecting,2024-05-01,,5000,4000
"""


def test_profile_maps_export_headers_and_values_onto_ours(tmp_path):
    """A raw CRM export: its headers and stage names are mapped in profile.yaml, not edited."""
    profile = (
        PROFILE
        + """\
column_names:
  deals: {Opportunity ID: deal_id, partner: partner_id}
value_names:
  deals.stage: {Negotiation/Review: proposal, PROSPECTING: lead}
"""
    )
    tables = {"partners": TINY["partners"], "deals": SALESFORCE_DEALS}
    ws = write_workspace(tmp_path / "ws", tables, profile=profile)
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    deals = workspace.table("deals").set_index("deal_id")
    assert list(deals["stage"]) == ["won", "proposal", "lead"]
    assert list(deals["partner_id"]) == ["P1", "P1", "P2"]


def test_unused_export_columns_are_one_warning_with_their_exported_names(tmp_path):
    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace("units\n", "units,Opportunity Owner,Next Step\n", 1)
    tables["deals"] = "\n".join(
        line + ",x,y" if line.startswith("D") else line for line in tables["deals"].split("\n")
    )
    ws = write_workspace(tmp_path / "ws", tables)
    assert problems_of(ws) == []
    [w] = not_history(problems_of(ws, "warning"))
    assert (w.file, w.row, w.column) == ("deals.csv", 1, "Opportunity Owner, Next Step")
    assert w.expected.startswith("2 columns not used by the playbook, ignored")


def test_title_rows_above_the_headers_are_skipped_and_rows_keep_their_numbers(tmp_path):
    """A formatted report export: title, filter line and a blank row, headers on row 4."""
    from openpyxl import Workbook

    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = "partners"
    for line in TINY["partners"].strip().splitlines():
        sheet.append(line.split(","))
    deals = book.create_sheet("deals")
    deals.append(["Opportunities by partner"])
    deals.append(["Filtered by: close date this year"])
    deals.append([])
    lines = TINY["deals"].strip().splitlines()
    for line in lines:
        deals.append(line.split(","))
    deals["D6"] = "maybe"  # row 6 = the 2nd deal (D2), column D = stage
    book.save(ws / "client.xlsx")
    workspace, problems = check_workspace(ws)
    errors = [p for p in problems if p.level == "error"]
    assert [(p.file, p.row, p.column, p.value) for p in errors] == [
        ("client.xlsx[deals]", 6, "stage", "maybe")
    ]
    assert any(
        p.level == "note" and p.row == 4 and "headers found on row 4" in p.expected
        for p in problems
    )


@pytest.mark.parametrize(
    "spec", [t for t in TABLES if any(not c.required for c in t.columns)], ids=lambda t: t.name
)
def test_an_absent_optional_column_loads_exactly_like_a_present_blank_one(spec):
    """Issue 9: 05 crashed when margin/cost_of_sale/units were absent but ran when they were
    present and empty. Absent and blank must give the same typed frame, column for column."""
    required = [c.name for c in spec.columns if c.required]
    row = {c.name: _valid_cell(c) for c in spec.columns if c.required}
    absent = pd.DataFrame([row], columns=required, dtype="object")
    blank = absent.assign(**{c.name: "" for c in spec.columns if not c.required})
    got_absent, _ = parse_table(spec, absent, "t.csv")
    got_blank, _ = parse_table(spec, blank, "t.csv")
    pd.testing.assert_frame_equal(got_absent, got_blank)


def _valid_cell(col):
    """A value every column kind accepts (ids and refs are free text at this stage)."""
    return {
        "enum": col.allowed[0] if col.allowed else "x",
        "money": "10",
        "number": str(col.min if col.min is not None else 1),
        "int": "1",
        "percent": "5",
        "date": "2024-01-31",
        "month": "2024-01",
        "bool": "yes",
    }.get(col.kind, "x")


# ------------------------------------------------------------ hostile numbers (issue 10)


def test_amount_of_400_nines_is_out_of_range_not_inf(tmp_path):
    nines = "9" * 400
    ws = variant(
        tmp_path,
        "deals",
        "D3,P2,sourced,won,2024-05-01,2024-07-15,5000",
        f"D3,P2,sourced,won,2024-05-01,2024-07-15,{nines}",
    )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("deals.csv", 4, "amount")
    assert p.value == "9" * 60 + "… (400 characters)"
    assert p.expected == (
        "out of range: expected an amount such as 1200, $1,200.50 or (300) of at least 0 with "
        "at most 15 digits before the decimal point"
    )


def test_huge_whole_number_is_out_of_range_not_a_cast_traceback(tmp_path):
    ws = variant(tmp_path, "deals", "5000,4000,250,5", "5000,4000,250,99999999999999999999")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == (
        "deals.csv",
        4,
        "units",
        "99999999999999999999",
    )
    assert p.expected == (
        "out of range: expected a whole number of at least 0 with at most 15 digits before the "
        "decimal point"
    )


def test_full_width_digits_read_as_the_number(tmp_path):
    ws = variant(tmp_path, "deals", "5000,4000,250,5", "5000,4000,250,５")
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    assert workspace.table("deals").set_index("deal_id").at["D3", "units"] == 5
    [note] = [p for p in problems if p.column == "units" and p.level == "note"]
    assert (note.value, note.expected) == (
        "５",
        "1 value normalised to a whole number of at least 0",
    )


@pytest.mark.parametrize("value", ["1 5", "--5", "(-5)", "-(1,234)", "-$-5", "٣"])
def test_ambiguous_number_is_refused(tmp_path, value):
    """A space inside the digits, two signs, or digits pandas cannot read (Arabic-Indic, which
    became blank without a word): refused, in a column that allows negative amounts."""
    ws = variant(tmp_path, "deals", "5000,4000,250,5", f'5000,"{value}",250,5')
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "margin", value)
    assert p.expected == "expected an amount such as 1200, $1,200.50 or (300)"


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "12/31/2262"])
def test_date_with_a_year_out_of_range_is_refused(tmp_path, value):
    """A year such as 9999 (an "open-ended" date) would stretch every month range of a report."""
    ws = variant(tmp_path, "deals", "2024-07-15", value)
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "close_date", value)
    assert p.expected == (
        "out of range: expected a date as YYYY-MM-DD or MM/DD/YYYY in the years 1900 to 2099"
    )


def test_full_width_date_reads_as_the_date(tmp_path):
    ws = variant(tmp_path, "deals", "2024-07-15", "２０２４-０７-１５")
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    assert workspace.table("deals").set_index("deal_id").at["D3", "close_date"] == pd.Timestamp(
        "2024-07-15"
    )


def test_month_with_a_year_out_of_range_is_refused(tmp_path):
    ws = variant(tmp_path, "financials", "2024-01,North,M1", "9999-01,North,M1")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("financials.csv", 3, "period", "9999-01")
    assert p.expected == "out of range: expected a month as YYYY-MM in the years 1900 to 2099"
