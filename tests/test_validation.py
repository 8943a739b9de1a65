"""Validation: one test per kind of problem, each asserting file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import PROFILE, TINY, write_workspace

from playbook.workspace import WorkspaceError, check_workspace, load_workspace


def problems_of(path, level="error"):
    _, problems = check_workspace(path)
    return [p for p in problems if p.level == level]


def variant(tmp_path, table, old, new):
    tables = dict(TINY)
    assert old in tables[table], "fixture text to replace not found"
    tables[table] = tables[table].replace(old, new)
    return write_workspace(tmp_path / "ws", tables)


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_tiny_fixture_is_valid(tiny):
    assert problems_of(tiny) == []
    assert load_workspace(tiny).profile.client_id == "007"


def test_bad_money_value(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,sourced,won,2024-05-01,2024-07-15,5000",
                 'D3,P2,sourced,won,2024-05-01,2024-07-15,"5.000,00"')
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("deals.csv", 4, "amount")


def test_wrong_currency_symbol(tmp_path):
    ws = variant(tmp_path, "investments", "I1,P1,2024-02-01,integration,3000",
                 'I1,P1,2024-02-01,integration,"€3,000"')
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("investments.csv", 2, "amount", "€3,000")


def test_enum_value_not_allowed(tmp_path):
    ws = variant(tmp_path, "partners", "P2,Beta Consulting,integrator",
                 "P2,Beta Consulting,distributor")
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
    tables["deals"] = TINY["deals"].replace("2024-07-15", "15/07/2024").replace(
        "2024-03-10", "10.03.2024")
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + "date_order: DMY\n")
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    deals = workspace.table("deals").set_index("deal_id")
    assert deals.at["D3", "close_date"] == pd.Timestamp("2024-07-15")
    assert deals.at["D1", "close_date"] == pd.Timestamp("2024-03-10")
    [note] = [p for p in problems if p.level == "note" and p.column == "close_date"]
    assert note.expected.startswith("2 value(s) normalised to a date as YYYY-MM-DD or DD/MM/YYYY")


def test_month_first_date_in_a_dmy_workspace_says_so(tmp_path):
    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace("2024-07-15", "07/15/2024")
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + "date_order: DMY\n")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "close_date", "07/15/2024")
    assert "month-first" in p.expected


def test_unknown_date_order_in_profile_is_refused(tmp_path):
    ws = write_workspace(tmp_path / "ws", dict(TINY), profile=PROFILE + "date_order: YMD\n")
    p = only(problems_of(ws))
    assert p.file == "profile.yaml" and "date_order" in f"{p.column} {p.expected}"


def test_value_out_of_range(tmp_path):
    ws = variant(tmp_path, "staff", "M2,Max North,North,channel_manager,0.5",
                 "M2,Max North,North,channel_manager,1.5")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("staff.csv", 3, "fte")


def test_required_value_missing(tmp_path):
    ws = variant(tmp_path, "partners", "P3,Gamma Cloud,platform,active,South",
                 "P3,,platform,active,South")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("partners.csv", 4, "name")


def test_required_column_missing(tmp_path):
    ws = variant(tmp_path, "deals", "deal_id,partner_id,attribution,stage",
                 "deal_id,partner_id,attrib,stage")
    errors = problems_of(ws)
    assert any(p.column == "attribution" and p.row == 1 and "missing" in p.expected
               for p in errors)


def test_duplicate_id(tmp_path):
    ws = variant(tmp_path, "deals", "D4,P3", "D1,P3")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 5, "deal_id", "D1")
    assert "duplicate of row 2" in p.expected


def test_reference_to_unknown_partner(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,", "D3,P9,")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column, p.value) == ("deals.csv", 4, "partner_id", "P9")


def test_partner_deal_without_partner(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,sourced", "D3,,sourced")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("deals.csv", 4, "partner_id")


def test_close_before_created(tmp_path):
    ws = variant(tmp_path, "deals", "D1,P1,sourced,won,2024-01-10,2024-03-10",
                 "D1,P1,sourced,won,2024-04-10,2024-03-10")
    p = only(problems_of(ws))
    assert (p.row, p.column) == (2, "close_date")


def test_every_problem_reported_at_once(tmp_path):
    tables = dict(TINY)
    tables["deals"] = tables["deals"].replace("D3,P2,", "D3,P9,").replace("D4,P3", "D1,P3")
    tables["partners"] = tables["partners"].replace("integrator", "distributor")
    errors = problems_of(write_workspace(tmp_path / "ws", tables))
    assert {(p.file, p.column) for p in errors} == {("deals.csv", "partner_id"),
                                                     ("deals.csv", "deal_id"),
                                                     ("partners.csv", "type")}


def test_missing_optional_table_is_a_note_not_an_error(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "financials"}
    ws = write_workspace(tmp_path / "ws", tables)
    assert problems_of(ws) == []
    notes = problems_of(ws, "note")
    assert any(p.file == "financials.csv" and "optional table not supplied" in p.expected
               for p in notes)


def test_ids_pointing_at_an_optional_table_left_out_are_a_warning(tmp_path):
    """Partners name their manager, but a client may supply only partners and deals."""
    ws = write_workspace(tmp_path / "ws", {k: TINY[k] for k in ("partners", "deals")})
    assert problems_of(ws) == []
    [warning] = problems_of(ws, "warning")
    assert (warning.file, warning.column) == ("partners.csv", "manager_id")
    assert "refers to staff, which was not supplied" in warning.expected


def test_missing_required_table(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert p.file == "deals.csv" and "required table" in p.expected


def test_not_utf8_file(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY)
    (ws / "partners.csv").write_bytes(TINY["partners"].replace("Alpha", "Alphä").encode("cp1252"))
    p = only(problems_of(ws))  # and no cascade: "partners missing", refs "not supplied"
    assert (p.file, p.row) == ("partners.csv", 2) and p.value.startswith("P1,Alph")
    assert "save it as 'CSV UTF-8'" in p.expected
    assert problems_of(ws, "warning") == []


def test_bom_headers_case_and_messy_values_are_normalised_with_notes(tmp_path):
    tables = dict(TINY)
    tables["deals"] = (tables["deals"]
                       .replace("deal_id,partner_id,attribution,stage",
                                "Deal ID,Partner ID,Attribution,Stage")
                       .replace("D1,P1,sourced,won,2024-01-10,2024-03-10,10000",
                                'D1,P1, Sourced ,Closed Won,01/10/2024,03/10/2024,"$10,000"'))
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
    p = only(problems_of(ws, "warning"))
    assert (p.file, p.column) == ("investments.csv", "owner")


def test_profile_errors_name_the_key(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY, profile="name: X\nclient_id: a\ncurrency: usd\n"
                                                        "competitor: [A]\n")
    errors = problems_of(ws)
    assert {p.column for p in errors} == {"currency", "competitor"}
    assert all(p.file == "profile.yaml" for p in errors)


def test_broken_yaml_names_the_line(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY,
                         profile="name: X\ncompetitors: [A, B\nclient_id: a\n")
    p = only(problems_of(ws))
    assert (p.file, p.row, p.value) == ("profile.yaml", 3, "client_id: a")
    assert p.expected.startswith("not valid YAML") and "line 3" in p.expected


SALESFORCE_DEALS = """\
Opportunity ID,Partner,Attribution,Stage,Created Date,Close Date,Amount,Margin
D1,P1,sourced,Closed Won,2024-01-10,2024-03-10,10000,7000
D2,P1,influenced,Negotiation/Review,2024-02-01,,20000,12000
D3,P2,sourced,Prospecting,2024-05-01,,5000,4000
"""


def test_profile_maps_export_headers_and_values_onto_ours(tmp_path):
    """A raw CRM export: its headers and stage names are mapped in profile.yaml, not edited."""
    profile = PROFILE + """\
column_names:
  deals: {Opportunity ID: deal_id, partner: partner_id}
value_names:
  deals.stage: {Negotiation/Review: proposal, PROSPECTING: lead}
"""
    tables = {"partners": TINY["partners"], "deals": SALESFORCE_DEALS}
    ws = write_workspace(tmp_path / "ws", tables, profile=profile)
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    deals = workspace.table("deals").set_index("deal_id")
    assert list(deals["stage"]) == ["won", "proposal", "lead"]
    assert list(deals["partner_id"]) == ["P1", "P1", "P2"]


@pytest.mark.parametrize("mapping, message", [
    ("column_names: {deals: {Opportunity ID: deal_number}}", "deals: no column ['deal_number']"),
    ("column_names: {opportunities: {Opportunity ID: deal_id}}", "unknown table 'opportunities'"),
    ("value_names: {deals.stage: {Negotiation: negotiating}}", "['negotiating'] not allowed"),
    ("value_names: {deals.amount: {x: y}}", "fixed list of values"),
    ("files: {deals: ../other-client/deals.csv}", "must be the name of a .csv file"),
    ("files: {opportunities: export.csv}", "unknown table 'opportunities'"),
])
def test_mappings_that_point_nowhere_are_refused(tmp_path, mapping, message):
    ws = write_workspace(tmp_path / "ws", TINY, profile=PROFILE + mapping + "\n")
    p = only(problems_of(ws))
    assert p.file == "profile.yaml" and message in p.expected


def test_excel_workbook_is_read_like_csv(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str)
            if name == "deals":  # Excel stores dates as dates
                frame["close_date"] = pd.to_datetime(frame["close_date"])
            frame.to_excel(xl, sheet_name=name.capitalize(), index=False)
    loaded = load_workspace(ws)
    assert len(loaded.table("deals")) == 8
    assert loaded.table("deals").close_date.iloc[0] == pd.Timestamp("2024-03-10")


def test_excel_cell_formats_are_respected(tmp_path):
    """A cell shown as 44% holds 0.44 in Excel: it must load as 44, not 0.44. Ids typed as
    numbers (1001, or 1002.0 from a formula) still match, and a timestamp keeps its date."""
    import datetime

    from openpyxl import Workbook

    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    book = Workbook()
    partners = book.active
    partners.title = "Partners"
    partners.append(["partner_id", "name", "type", "status", "area", "responsiveness_pct"])
    partners.append([1001, "Alpha", "isv", "active", "North", 0.44])
    partners.append([1002, "Beta", "isv", "active", "North", 30])
    partners["F2"].number_format = "0%"
    deals = book.create_sheet("Deals")
    deals.append(["deal_id", "partner_id", "attribution", "stage", "created_date", "close_date",
                  "amount"])
    deals.append([1, 1002.0, "sourced", "won", datetime.datetime(2024, 1, 2, 13, 45),
                  datetime.datetime(2024, 3, 4), 1200.5])
    book.save(ws / "client.xlsx")
    loaded = load_workspace(ws)
    p = loaded.table("partners").set_index("partner_id")
    assert p.at["1001", "responsiveness_pct"] == 44 and p.at["1002", "responsiveness_pct"] == 30
    d = loaded.table("deals").iloc[0]
    assert (d["deal_id"], d["partner_id"], d["amount"]) == ("1", "1002", 1200.5)
    assert d["created_date"] == pd.Timestamp("2024-01-02")


def test_excel_errors_name_the_sheet_and_row(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            text = text.replace("P2,Beta Consulting,integrator", "P2,Beta,distributor")
            pd.read_csv(pd.io.common.StringIO(text), dtype=str).to_excel(
                xl, sheet_name=name, index=False)
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("client.xlsx[partners]", 3, "type")


def test_load_raises_with_every_error(tmp_path):
    ws = variant(tmp_path, "deals", "D3,P2,", "D3,P9,")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(ws)
    assert "deals.csv, row 4, column partner_id" in str(info.value)


def test_names_must_match_the_profile_lists(tmp_path):
    tables = {**TINY, "competitor_partnerships": "competitor,partner_id\nRival One,P1\nNobody,P2\n"}
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert (p.file, p.row, p.column, p.value) == ("competitor_partnerships.csv", 3, "competitor",
                                                  "Nobody")
    assert "Rival One, Rival Two" in p.expected


def test_semicolon_separated_export_is_read_with_a_note(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY)
    text = TINY["investments"].replace(",", ";").replace("3000", '"3,000"')
    (ws / "investments.csv").write_text(text)
    assert problems_of(ws) == []
    assert any(p.file == "investments.csv" and "semicolon" in p.expected
               for p in problems_of(ws, "note"))
    assert load_workspace(ws).table("investments")["amount"].tolist() == [3000, 1000, 5000]


def test_damaged_workbook_is_one_error_not_a_cascade(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    (ws / "client.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    p = only(problems_of(ws))
    assert p.file == "client.xlsx" and p.expected.startswith("not a readable .xlsx workbook")
    assert problems_of(ws, "warning") == []


def test_unused_export_columns_are_one_warning_with_their_exported_names(tmp_path):
    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace("units\n", "units,Opportunity Owner,Next Step\n", 1)
    tables["deals"] = "\n".join(line + ",x,y" if line.startswith("D") else line
                                for line in tables["deals"].split("\n"))
    ws = write_workspace(tmp_path / "ws", tables)
    assert problems_of(ws) == []
    [w] = problems_of(ws, "warning")
    assert (w.file, w.row, w.column) == ("deals.csv", 1, "Opportunity Owner, Next Step")
    assert w.expected.startswith("2 column(s) not used by the playbook, ignored")


def test_demo_as_one_workbook_loads_exactly_like_the_csv_folder(tmp_path, demo):
    import shutil

    shutil.copy(demo / "profile.yaml", tmp_path / "profile.yaml")
    with pd.ExcelWriter(tmp_path / "demo.xlsx") as xl:
        for f in sorted(demo.glob("*.csv")):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(xl, sheet_name=f.stem,
                                                                        index=False)
    from_csv, from_excel = load_workspace(demo), load_workspace(tmp_path)
    assert sorted(from_excel.tables) == sorted(from_csv.tables)
    for name, frame in from_csv.tables.items():
        pd.testing.assert_frame_equal(from_excel.table(name), frame, obj=name)


def test_check_summarises_where_most_errors_are(tmp_path):
    from click.testing import CliRunner

    from playbook.cli import main

    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace(",won,", ",WONN,")  # 6 bad stages
    tables["staff"] = TINY["staff"].replace(",1,2022", ",9,2022")  # fte above 1, 3 rows
    tables["partners"] = TINY["partners"].replace(",active,", ",gone,")  # 3 bad statuses
    result = CliRunner().invoke(main, ["check", str(write_workspace(tmp_path / "ws", tables))])
    assert result.exit_code == 1
    summary = result.output.split("Most errors:")[1]
    lines = [line.split() for line in summary.strip().splitlines()[:3]]
    assert lines[0][:3] == ["6", "deals.csv,", "column"] and lines[0][3] == "stage"
    assert "(first at row 2)" in summary.splitlines()[1]


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
        ("client.xlsx[deals]", 6, "stage", "maybe")]
    assert any(p.level == "note" and p.row == 4 and "headers found on row 4" in p.expected
               for p in problems)


def test_csv_report_export_with_title_lines_is_read(tmp_path):
    tables = dict(TINY)
    tables["deals"] = "Opportunities by partner\nExported 2024-12-31\n\n" + TINY["deals"]
    ws = write_workspace(tmp_path / "ws", tables)
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    assert len(workspace.table("deals")) == 8
    assert any(p.file == "deals.csv" and p.row == 4 and "headers found on row 4" in p.expected
               for p in problems)


def test_unquoted_separator_in_a_value_names_the_row(tmp_path):
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace("Beta Consulting", "Beta, Consulting")
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert (p.file, p.row) == ("partners.csv", 3) and p.value.startswith("P2,Beta, Consulting")
    assert "9 fields where the header (row 1) has 8" in p.expected


def test_profile_files_reads_an_export_under_its_own_name(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    tables["Opportunities export 2024-12"] = TINY["deals"]
    ws = write_workspace(tmp_path / "ws", tables, profile=PROFILE + (
        'files: {deals: "Opportunities export 2024-12.csv"}\n'))
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level in ("error", "warning")] == []
    assert len(workspace.table("deals")) == 8
    bad = write_workspace(tmp_path / "bad", dict(TINY), profile=PROFILE + (
        'files: {deals: "missing.csv"}\n'))
    p = only(problems_of(bad))
    assert (p.file, p.value) == ("profile.yaml", "missing.csv") and "not found" in p.expected
