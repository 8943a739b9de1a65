"""The table rows assembled from each distinct cell (workbook_rows) are, byte for byte, the
rows xlsxwriter writes cell by cell."""

import datetime as dt
import zipfile

import pytest
import xlsxwriter

from playbook import workbook, workbook_rows
from playbook.workbook import _cell_writer, _column_cells, _Formats

# Every kind of cell a report table holds, with repeats down the columns, blanks, rows with
# no cell at all, texts XML and Excel must escape, and texts that look like formulas.
ROWS = [
    ["Acme & Sons <EMEA>", 1200, 0.25, dt.date(2026, 9, 30), True, "Red", "USD 1,200"],
    ["Acme & Sons <EMEA>", None, 0.5, dt.date(2026, 9, 30), False, "green", "USD 300"],
    [None, None, None, None, None, None, None],
    ["  leading and trailing  ", 3, None, "2026-10-01", True, "Amber", "—"],
    ["=SUM(A1:A2)", -7.125, 1.0, None, None, "Unknown", "USD 1,200"],
    ["bell\x07 and _x0041_ literal", 10**12, 1e-9, dt.date(1999, 12, 31), False, "", None],
    ["line one\nline two", 0, 0.0, dt.date(2026, 9, 30), True, "red", "USD 1,200"],
    ["x" * 40_000, 5, 2.5, None, None, "Green", "USD 300"],
]
COLUMNS = ["Partner", "Deals", "Share", "Date", "Active", "Status", "Amount"]


def _by_cell(ws, formats, table: dict) -> None:
    """The rows as xlsxwriter writes them one cell at a time (what write_body replaces)."""
    rows, header = table["rows"], 3
    plans = []
    for j in range(len(table["columns"])):
        keys, written = _column_cells([r[j] for r in rows])
        how = {k: _cell_writer(ws, formats, v, f) for k, (v, f) in written.items()}
        plans.append([how[k] for k in keys])
    for i, cells in enumerate(zip(*plans, strict=True), start=header):
        for j, how in enumerate(cells):
            if how:
                how[0](i, j, how[1], how[2])


def _book(path, write, tables: list[dict]):
    """A constant-memory workbook of one sheet per table, each titled and headed as the
    run's workbook is, its rows written by ``write``; returns every part of the file."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    formats = _Formats(book)
    for k, table in enumerate(tables):
        ws = book.add_worksheet(f"T{k}")
        workbook._write_cell(ws, formats, 0, 0, "Title", look="title")
        for j, name in enumerate(table["columns"]):
            workbook._write_cell(ws, formats, 2, j, name, look="header")
        write(ws, formats, table)
    book.close()
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps")}


def _fast(ws, formats, table: dict) -> None:
    body = []
    for j in range(len(table["columns"])):
        keys, written = _column_cells([r[j] for r in table["rows"]])
        body.append((keys, {k: _cell_writer(ws, formats, v, f) for k, (v, f) in written.items()}))
    workbook_rows.write_body(ws, body, 3)


@pytest.mark.parametrize(
    "tables",
    [
        [{"columns": COLUMNS, "rows": ROWS}],
        [{"columns": COLUMNS, "rows": ROWS * 700}],  # several writes of ROWS_PER_WRITE rows
        [{"columns": COLUMNS, "rows": ROWS[2:3]}],  # one row, no cell in it
        [{"columns": COLUMNS, "rows": []}],
        [  # formats first used on a later sheet, in another column order
            {"columns": COLUMNS[:2], "rows": [r[:2] for r in ROWS]},
            {"columns": COLUMNS[::-1], "rows": [r[::-1] for r in ROWS]},
        ],
    ],
    ids=["every-kind", "many-rows", "empty-row", "no-rows", "two-sheets"],
)
def test_rows_assembled_from_distinct_cells_are_the_bytes_xlsxwriter_writes(tmp_path, tables):
    by_cell = _book(tmp_path / "by_cell.xlsx", _by_cell, tables)
    fast = _book(tmp_path / "fast.xlsx", _fast, tables)
    assert fast.keys() == by_cell.keys()
    for part in by_cell:
        assert fast[part] == by_cell[part], part


def test_the_rows_hold_what_was_written(tmp_path):
    """Read back: each kind of cell as written (the byte test above says both ways agree;
    this says what they agree on), the 40,000 characters cut at Excel's 32,767."""
    import openpyxl

    path = tmp_path / "fast.xlsx"
    _book(path, _fast, [{"columns": COLUMNS, "rows": ROWS}])
    ws = openpyxl.load_workbook(path)["T0"]
    assert [c.value for c in ws[4]] == [
        "Acme & Sons <EMEA>",
        1200,
        0.25,
        dt.datetime(2026, 9, 30),
        True,
        "Red",
        1200,
    ]
    assert ws["A5"].value == "Acme & Sons <EMEA>" and ws["B5"].value is None
    assert all(c.value is None for c in ws[6])  # the row with no cell
    assert ws["A8"].value == "=SUM(A1:A2)" and ws["A8"].data_type == "s"  # text, not formula
    # the bell, which Excel refuses, removed; a literal "_x0041_" escaped as Excel reads it
    # back (openpyxl does not undo that escape)
    assert ws["A9"].value == "bell and _x005F_x0041_ literal"
    assert ws["G4"].number_format == ws["G5"].number_format
    assert ws["G7"].value is None  # the report's "—" (missing) is a blank cell
    assert ws["A11"].value == "x" * 32_766 + "…"  # cut at Excel's limit, and marked
    assert ws.max_row == 11
