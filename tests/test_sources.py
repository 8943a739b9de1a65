"""Finding and reading files (CSV, Excel) and saving readiness answers back to
them; each test asserts file, row and column of what it finds."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from conftest import PROFILE, TINY, answers, not_history, only, problems_of, write_workspace

from playbook.exceptions import ReadinessSaveError
from playbook.sources import save_answers
from playbook.workspace import check_workspace, load_workspace


def test_profile_files_reads_an_export_under_its_own_name(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    tables["Opportunities export 2024-12"] = TINY["deals"]
    ws = write_workspace(
        tmp_path / "ws",
        tables,
        profile=PROFILE + ('files: {deals: "Opportunities export 2024-12.csv"}\n'),
    )
    workspace, problems = check_workspace(ws)
    assert not_history(p for p in problems if p.level in ("error", "warning")) == []
    assert len(workspace.table("deals")) == 8
    bad = write_workspace(
        tmp_path / "bad", dict(TINY), profile=PROFILE + ('files: {deals: "missing.csv"}\n')
    )
    p = only(problems_of(bad))
    assert (p.file, p.value) == ("profile.yaml", "missing.csv") and "not found" in p.expected


def test_not_utf8_file(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY)
    (ws / "partners.csv").write_bytes(TINY["partners"].replace("Alpha", "Alphä").encode("cp1252"))
    p = only(problems_of(ws))  # and no cascade: "partners missing", refs "not supplied"
    assert (p.file, p.row) == ("partners.csv", 2) and p.value.startswith("P1,Alph")
    assert "save it as 'CSV UTF-8'" in p.expected
    assert problems_of(ws, "warning") == []


def test_semicolon_separated_export_is_read_with_a_note(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY)
    text = TINY["investments"].replace(",", ";").replace("3000", '"3,000"')
    (ws / "investments.csv").write_text(text)
    assert problems_of(ws) == []
    assert any(
        p.file == "investments.csv" and "semicolon" in p.expected for p in problems_of(ws, "note")
    )
    assert load_workspace(ws).table("investments")["amount"].tolist() == [3000, 1000, 5000]


def test_csv_report_export_with_title_lines_is_read(tmp_path):
    tables = dict(TINY)
    tables["deals"] = "Opportunities by partner\nExported 2024-12-31\n\n" + TINY["deals"]
    ws = write_workspace(tmp_path / "ws", tables)
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    assert len(workspace.table("deals")) == 8
    assert any(
        p.file == "deals.csv" and p.row == 4 and "headers found on row 4" in p.expected
        for p in problems
    )


def test_unquoted_separator_in_a_value_names_the_row(tmp_path):
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace("Beta Consulting", "Beta, Consulting")
    p = only(problems_of(write_workspace(tmp_path / "ws", tables)))
    assert (p.file, p.row) == ("partners.csv", 3) and p.value.startswith("P2,Beta, Consulting")
    assert "9 fields where the header (row 1) has 8" in p.expected


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
    deals.append(
        ["deal_id", "partner_id", "attribution", "stage", "created_date", "close_date", "amount"]
    )
    deals.append(
        [
            1,
            1002.0,
            "sourced",
            "won",
            datetime.datetime(2024, 1, 2, 13, 45),
            datetime.datetime(2024, 3, 4),
            1200.5,
        ]
    )
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
                xl, sheet_name=name, index=False
            )
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("client.xlsx[partners]", 3, "type")


def test_damaged_workbook_is_one_error_not_a_cascade(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n", encoding="utf-8")
    (ws / "client.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    p = only(problems_of(ws))
    assert p.file == "client.xlsx" and p.expected.startswith("not a readable .xlsx workbook")
    assert problems_of(ws, "warning") == []


def test_demo_as_one_workbook_loads_exactly_like_the_csv_folder(tmp_path, demo):
    import shutil

    shutil.copy(demo / "profile.yaml", tmp_path / "profile.yaml")
    with pd.ExcelWriter(tmp_path / "demo.xlsx") as xl:
        for f in sorted(demo.glob("*.csv")):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(
                xl, sheet_name=f.stem, index=False
            )
    from_csv, from_excel = load_workspace(demo), load_workspace(tmp_path)
    assert sorted(from_excel.tables) == sorted(from_csv.tables)
    for name, frame in from_csv.tables.items():
        pd.testing.assert_frame_equal(from_excel.table(name), frame, obj=name)


def test_save_answers_keeps_previous_version_and_is_picked_up(tiny):
    (tiny / "readiness.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    new = answers([("CN1", 4, "workshop"), ("CN2", None, "")])
    save_answers(tiny, new, now=datetime(2026, 1, 2, 3, 4, 5))
    assert (tiny / ".history" / "readiness-20260102-030405.csv").read_text().endswith("CN1,1,old\n")
    ws = load_workspace(tiny)
    table = ws.table("readiness").set_index("item_id")
    assert table.loc["CN1", "score"] == 4 and pd.isna(table.loc["CN2", "score"])
    assert not list(tiny.glob(".*.tmp"))


def test_save_answers_writes_the_file_the_profile_maps_readiness_to(tiny):
    profile = tiny / "profile.yaml"
    profile.write_text(profile.read_text() + 'files: {readiness: "Readiness survey.csv"}\n')
    (tiny / "Readiness survey.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    written = save_answers(tiny, answers([("CN1", 5, "")]), now=datetime(2026, 1, 2))
    assert written.name == "Readiness survey.csv" and not (tiny / "readiness.csv").exists()
    assert load_workspace(tiny).table("readiness").set_index("item_id").loc["CN1", "score"] == 5


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("ZZ9", 3, "")], "unknown question"),
        ([("CN1", 7, "")], "0–5"),
        ([("CN1", "lots", "")], "0–5"),
    ],
)
def test_save_answers_refuses_bad_input_and_writes_nothing(tiny, rows, message):
    with pytest.raises(ReadinessSaveError, match=message):
        save_answers(tiny, answers(rows))
    assert not (tiny / "readiness.csv").exists()


def _excel_workspace(tmp_path):
    """The tiny workspace as one Excel workbook, a sheet per table."""
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            pd.read_csv(pd.io.common.StringIO(text), dtype=str).to_excel(
                xl, sheet_name=name, index=False
            )
    return ws


def test_save_answers_into_an_excel_workspace(tmp_path):

    ws = _excel_workspace(tmp_path)
    save_answers(ws, answers([("PR1", 5, "API docs")]), now=datetime(2026, 1, 1))
    assert (ws / ".history" / "client-20260101-000000.xlsx").exists()
    assert load_workspace(ws).table("readiness").loc[0, "score"] == 5


def test_save_answers_goes_where_reading_found_the_table(tmp_path):
    """A workbook without a readiness sheet beside readiness.csv: saving writes the CSV file
    (writing a sheet too made the table appear twice, an error); the workbook is untouched.
    A sheet named ' Readiness ' is the readiness table for saving as for reading."""

    ws = tmp_path / "mixed"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name in ("partners", "deals"):
            pd.read_csv(pd.io.common.StringIO(TINY[name]), dtype=str).to_excel(
                xl, sheet_name=name, index=False
            )
    (ws / "readiness.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    before = (ws / "client.xlsx").read_bytes()
    written = save_answers(ws, answers([("CN1", 4, "")]), now=datetime(2026, 1, 1))
    assert written == ws / "readiness.csv" and (ws / "client.xlsx").read_bytes() == before
    loaded = load_workspace(ws)
    assert loaded.table("readiness").set_index("item_id").loc["CN1", "score"] == 4

    (ws / "readiness.csv").unlink()
    with pd.ExcelWriter(ws / "client.xlsx", mode="a", engine="openpyxl") as xl:
        pd.DataFrame({"item_id": ["CN1"], "score": ["2"], "evidence": [""]}).to_excel(
            xl, sheet_name=" Readiness ", index=False
        )
    save_answers(ws, answers([("CN1", 5, "")]), now=datetime(2026, 1, 2))
    import openpyxl

    sheets = openpyxl.load_workbook(ws / "client.xlsx").sheetnames
    assert [s for s in sheets if s.strip().lower() == "readiness"] == ["readiness"]
    assert load_workspace(ws).table("readiness").set_index("item_id").loc["CN1", "score"] == 5


def test_evidence_like_a_formula_round_trips_through_an_excel_workspace_as_text(tmp_path):
    """Evidence ``=1+1`` was saved as a live formula and read back blank: it stays text."""
    import openpyxl

    ws = _excel_workspace(tmp_path)
    rows = [("PR1", 5, "=1+1"), ("CN1", 3, '=HYPERLINK("http://x","y")')]
    save_answers(ws, answers(rows), now=datetime(2026, 1, 1))
    cells = openpyxl.load_workbook(ws / "client.xlsx")["readiness"]
    assert [(c.value, c.data_type) for c in cells["C"][1:]] == [
        ("=1+1", "s"),
        ('=HYPERLINK("http://x","y")', "s"),
    ]
    table = load_workspace(ws).table("readiness").set_index("item_id")
    assert table.loc["PR1", "evidence"] == "=1+1"
    assert table.loc["CN1", "evidence"] == '=HYPERLINK("http://x","y")'


def test_evidence_like_a_formula_is_saved_to_csv_as_text_for_a_spreadsheet(tiny):
    """OWASP CSV injection: a cell starting with = + - @ gets a leading ' in readiness.csv."""
    rows = [("PR1", 5, "=1+1"), ("CN1", 3, "@SUM(1+1)"), ("CN2", 2, "ok - fine")]
    save_answers(tiny, answers(rows), now=datetime(2026, 1, 1))
    assert (tiny / "readiness.csv").read_text().splitlines() == [
        "item_id,score,evidence",
        "PR1,5,'=1+1",
        "CN1,3,'@SUM(1+1)",
        "CN2,2,ok - fine",
    ]


def test_evidence_saved_as_text_for_a_spreadsheet_reads_back_as_it_was(tiny):
    """The ' that keeps =1+1 from running in a spreadsheet is not part of the answer: saved and
    read back, the evidence is =1+1 again (and a second save writes it the same way)."""
    rows = [("PR1", 5, "=1+1"), ("CN1", 3, "'quoted on purpose"), ("CN2", 2, "-2 points")]
    save_answers(tiny, answers(rows), now=datetime(2026, 1, 1))
    readiness = load_workspace(tiny).table("readiness").set_index("item_id")["evidence"]
    assert readiness.to_dict() == {
        "PR1": "=1+1",
        "CN1": "'quoted on purpose",
        "CN2": "-2 points",
    }
    first = (tiny / "readiness.csv").read_text()
    save_answers(tiny, answers(rows), now=datetime(2026, 1, 2))
    assert (tiny / "readiness.csv").read_text() == first
