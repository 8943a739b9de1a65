"""The run's Excel workbook: recorded tables back as real numbers with number formats, client
text never a live formula, valid unique sheet names, a contents sheet of links; on the demo run,
every table of every report is a sheet and its figures match results.json."""

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest

from playbook import workbook, workbook_stream

MONEY = '"USD "#,##0;"−USD "#,##0'
PERCENT = '0.0%;"−"0.0%'

TABLE = {
    "caption": "Active partners, all time",
    "columns": [
        "Partner",
        "Invested",
        "ROI 36 m",
        "Deals",
        "Score",
        "First investment",
        "Note",
        "Year",
    ],
    "rows": [
        ["Westbrook Apps", "USD\u00a0369,500", "76.9%", "1,316", "3.48", "2021-05-11", "—", 2024],
        ["Atlas", "−USD\u00a0163,709", "−11.0%", "12", "-0.50", "2022-01-31", "", 2025],
        ["1,234", "—", "—", None, "—", "—", '=HYPERLINK("http://x","y")', None],
    ],
}


def _write(tmp_path, reports, extra=()):
    path = workbook_stream.write_workbook(tmp_path / "results.xlsx", reports, extra, client="Acme")
    return openpyxl.load_workbook(path)


def _column(ws, header: str) -> list:
    """The cells under ``header`` (header row 3)."""
    headers = [c.value for c in ws[3]]
    j = headers.index(header) + 1
    return [ws.cell(row=r, column=j) for r in range(4, ws.max_row + 1)]


def test_formatted_texts_become_numbers_with_formats(tmp_path):
    wb = _write(tmp_path, [{"notebook": "01-req", "title": "Requirements", "tables": [TABLE]}])
    ws = wb["01 Active partners, all time"]
    invested = _column(ws, "Invested")
    assert [c.value for c in invested] == [369500, -163709, None]
    assert invested[0].number_format == MONEY and invested[0].data_type == "n"
    roi = _column(ws, "ROI 36 m")
    assert [c.value for c in roi] == [0.769, -0.11, None]
    assert roi[0].number_format == PERCENT
    deals = _column(ws, "Deals")
    assert [c.value for c in deals] == [1316, 12, None]
    assert deals[0].number_format == "#,##0"
    score = _column(ws, "Score")
    assert [c.value for c in score] == [3.48, -0.5, None]
    assert score[0].number_format == "#,##0.00"
    first = _column(ws, "First investment")
    assert [c.value for c in first] == [dt.datetime(2021, 5, 11), dt.datetime(2022, 1, 31), None]
    assert first[0].number_format == "yyyy-mm-dd"
    assert [c.value for c in _column(ws, "Note")][:2] == [None, None]
    year = _column(ws, "Year")
    assert [c.value for c in year] == [2024, 2025, None] and year[0].number_format == "#,##0"


def test_a_text_column_with_one_number_stays_text(tmp_path):
    wb = _write(tmp_path, [{"notebook": "01-req", "title": "Requirements", "tables": [TABLE]}])
    partner = _column(wb["01 Active partners, all time"], "Partner")
    assert [c.value for c in partner] == ["Westbrook Apps", "Atlas", "1,234"]
    assert {c.data_type for c in partner} == {"s"}


def test_a_year_written_without_separators_keeps_its_look():
    values, formats = workbook.typed_column(["2024", "2025", "—"])
    assert values == [2024, 2025, None] and formats == ["0", "0", None]
    assert workbook.typed_column(["007", "12"]) is None  # a code with a leading zero
    assert workbook.typed_column(["123456789012345678", "12"]) is None  # an id Excel would round
    assert workbook.typed_column([float("inf"), 2.0]) == ([None, 2.0], [None, "#,##0"])


def test_a_column_of_several_kinds_keeps_each_cells_format():
    """A metric table's value column: money, a count and a share, one per row."""
    values, formats = workbook.typed_column(["USD\u00a01,000", "12", "12.0%", "EUR\u00a02.50"])
    assert values == [1000, 12, 0.12, 2.5]
    assert formats == [MONEY, "#,##0", PERCENT, '"EUR "#,##0.00;"−EUR "#,##0.00']
    assert workbook.typed_column(["2026-01-31", "12"]) is None  # a date beside a number
    assert workbook.typed_column(["12", "Twelve"]) is None


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil","click")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "=1+1"]
)
def test_formula_looking_client_text_stays_text(tmp_path, text):
    table = {"caption": "Notes", "columns": ["Partner", "Note"], "rows": [[text, text], ["A", "B"]]}
    wb = _write(tmp_path, [{"notebook": "04-buy", "title": "Buy-in", "tables": [table]}])
    ws = wb["04 Notes"]
    for cell in (ws["A4"], ws["B4"]):
        assert cell.value == text and cell.data_type == "s"
        assert cell.quotePrefix  # editing it in Excel keeps it text


def test_a_formula_looking_caption_or_header_stays_text(tmp_path):
    table = {"caption": "=1+1", "columns": ["=A1"], "rows": [["x"]]}
    wb = _write(tmp_path, [{"notebook": "04-buy", "title": "=cmd", "tables": [table]}])
    [name] = [n for n in wb.sheetnames if n != "Contents"]
    ws = wb[name]
    assert (ws["A1"].value, ws["A1"].data_type) == ("=1+1", "s")
    assert (ws["A3"].value, ws["A3"].data_type) == ("=A1", "s")
    assert wb["Contents"]["C4"].data_type == "s"


def test_sheet_names_are_valid_unique_and_short():
    taken = {"contents"}
    names = [
        workbook.sheet_name(base, taken)
        for base in [
            "02 Overlap matrix — Ironwood Software",
            "02 Overlap matrix — Ironwood Software Group",
            "05 By area: revenue [top]/*?\\ partners",
            "'quoted'",
            "contents",
            "",
        ]
    ]
    assert names == [
        "02 Overlap matrix — Ironwood…",
        "02 Overlap matrix… (2)",
        "05 By area revenue top partners",
        "quoted",
        "contents (2)",
        "Table",
    ]
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_contents_links_every_sheet_and_layout(tmp_path):
    untitled = {"caption": "", "columns": ["A"], "rows": [["x"], ["y"]]}
    extra = [("Partner 360", "Executive summary", pd.DataFrame({"Partner": ["A"], "Fit": [0.5]}))]
    reports = [{"notebook": "03-readiness", "title": "Readiness", "tables": [TABLE, untitled]}]
    wb = _write(tmp_path, reports, extra)
    assert wb.sheetnames == [
        "Contents",
        "Partner 360",
        "03 Active partners, all time",
        "03 Table 2",
    ]
    contents = wb["Contents"]
    assert contents["A1"].value == "Every table of the reports — Acme"
    rows = [[c.value for c in r] for r in contents.iter_rows(min_row=3)]
    assert rows == [
        ["Sheet", "Source", "Table", "Rows"],
        ["Partner 360", "Executive summary", "Partner 360", 1],
        ["03 Active partners, all time", "Report 03 Readiness", "Active partners, all time", 3],
        ["03 Table 2", "Report 03 Readiness", "Readiness, table 2", 2],
    ]
    for row in contents.iter_rows(min_row=4):
        assert row[0].hyperlink.location == f"'{row[0].value}'!A1"
    ws = wb["03 Active partners, all time"]
    assert ws["A1"].value == "Active partners, all time"
    assert ws["A2"].value == "Report 03 Readiness"
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:H6"
    assert 10 < ws.column_dimensions["A"].width <= workbook.MAX_WIDTH
    assert wb["Partner 360"]["B4"].value == 0.5


def test_illegal_characters_are_dropped(tmp_path):
    table = {"caption": "Notes", "columns": ["Note"], "rows": [["bell\x07 here"]]}
    wb = _write(tmp_path, [{"notebook": "04-buy", "title": "Buy-in", "tables": [table]}])
    assert wb["04 Notes"]["A4"].value == "bell here"


def test_the_demo_run_workbook_holds_every_table_with_real_numbers(demo_run):
    from playbook.rundir import RunFolder

    folder = RunFolder(demo_run)
    wb = openpyxl.load_workbook(folder.workbook)
    contents = [[c.value for c in r] for r in wb["Contents"].iter_rows(min_row=4)]
    assert [r[0] for r in contents] == wb.sheetnames[1:]
    recorded = {}
    for file in sorted((demo_run / "results").glob("*.json")):
        report = json.loads(file.read_text(encoding="utf-8"))
        recorded[report["notebook"]] = report
        label = f"Report {workbook.report_label(report)}"
        shown = [r for r in contents if r[1] == label]
        assert len(shown) == len(report["tables"]), report["notebook"]
        assert [r[3] for r in shown] == [len(t["rows"]) for t in report["tables"]]
    assert len(recorded) == 8
    # 05's program revenue, as a number in money format on one of 05's sheets
    figures = json.loads(folder.results.read_text(encoding="utf-8"))
    revenue = round(figures["05-analytics"]["figures"]["revenue"])
    cells = [
        cell
        for name in wb.sheetnames
        if name.startswith("05 ")
        for row in wb[name].iter_rows(min_row=4)
        for cell in row
        if cell.data_type == "n" and cell.number_format.startswith('"USD "')
    ]
    assert revenue in [c.value for c in cells]
    assert 'href="results.xlsx"' in folder.index.read_text(encoding="utf-8")


def test_formatted_texts_keep_their_decimals():
    """ "4.10" keeps its zero: texts with differing decimals keep each cell's own format."""
    values, formats = workbook.typed_column(["4.2", "4.10"])
    assert values == [4.2, 4.1] and formats == ["#,##0.0", "#,##0.00"]
    values, formats = workbook.typed_column(["0.79", "1.20", 3.5])
    assert values == [0.79, 1.2, 3.5] and formats == ["#,##0.00"] * 3


def test_extra_sheets_take_any_frame(tmp_path):
    """The executive summary's frames: numpy numbers, NaN, None, timestamps, text."""
    import numpy as np

    frame = pd.DataFrame(
        {
            "Partner": ["Apex", "=cmd|' /C calc'!A0"],
            "Stake": [np.float64(1200.5), np.nan],
            "Deals": pd.array([3, None], dtype="Int64"),
            "Due": [pd.Timestamp("2026-10-31"), pd.NaT],
            "Call": ["Grow", None],
        }
    )
    wb = _write(tmp_path, [], [("Action plan", "Executive summary", frame)])
    ws = wb["Action plan"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows == [
        ["Partner", "Stake", "Deals", "Due", "Call"],
        ["Apex", 1200.5, 3, dt.datetime(2026, 10, 31), "Grow"],
        ["=cmd|' /C calc'!A0", None, None, None, None],
    ]
    assert ws["A5"].data_type == "s"
    assert ws["B4"].number_format == "#,##0.00" and ws["C4"].number_format == "#,##0"


def test_statuses_in_their_colours_and_sheets_print_one_page_wide(tmp_path):
    from playbook.palette import RAG

    table = {"caption": "Metrics", "columns": ["Metric", "Status"], "rows": [["A", "Red"]]}
    wb = _write(tmp_path, [{"notebook": "04-buy", "title": "Buy-in", "tables": [table]}])
    ws = wb["04 Metrics"]
    assert ws["B4"].font.color.rgb.endswith(RAG["red"][1:]) and ws["B4"].font.bold
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide: fitToWidth 1 is the file format's default, so it may be left unwritten
    assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"


def _cells(path) -> dict:
    """Every sheet of a workbook, in order: its cells' values and number formats, frozen
    panes, autofilter and column widths."""
    book = openpyxl.load_workbook(path)
    return {
        ws.title: (
            [
                [(c.value, c.number_format, c.hyperlink and c.hyperlink.location) for c in row]
                for row in ws.iter_rows()
            ],
            ws.freeze_panes,
            ws.auto_filter.ref,
            str(ws.print_title_rows),
            {k: d.width for k, d in ws.column_dimensions.items()},
        )
        for ws in book.worksheets
    }


def _reports():
    small = {**TABLE, "caption": "Partners with a payback", "rows": TABLE["rows"][:2]}
    return [
        {"notebook": "01-req", "title": "Requirements", "tables": [TABLE, small]},
        {"notebook": "03-ready", "title": "Readiness", "tables": [{**TABLE, "caption": ""}]},
        {"notebook": "05-analytics", "title": "Analytics", "tables": [small]},
    ]


EXTRA = [
    ("Top findings", "Executive summary", pd.DataFrame({"Finding": ["Westbrook pays back"]})),
    ("Action plan", "Executive summary", pd.DataFrame({"Action": ["=1+1"], "Due": ["2026-12"]})),
]


def test_a_workbook_streamed_as_reports_come_in_is_the_one_written_at_once(tmp_path):
    """The runner hands each report to the run's workbook as its notebook finishes (05 first
    here, 02 failed): the file is cell for cell the one written at once, sheets in report
    order, extras after the contents; until it closes, nothing stands at the final name."""
    whole = workbook_stream.write_workbook(tmp_path / "whole.xlsx", _reports(), EXTRA, "Acme")
    order = ["01-req", "02-mvp", "03-ready", "05-analytics"]
    titles = ["Top findings", "Action plan"]
    book = workbook_stream.StreamedWorkbook(tmp_path / "streamed.xlsx", titles, order, "Acme")
    first, third, fifth = _reports()
    book.add(fifth)
    book.add(first)  # 02 failed: nothing is added for it
    book.add(third)
    written = [ws.name[:2] for ws in book._book.worksheets_objs]
    assert written == ["Co", "To", "Ac", "05", "01", "01", "03"]  # as they came in
    assert not (tmp_path / "streamed.xlsx").exists()
    assert book.fits(EXTRA) and not book.fits(EXTRA[:1])
    streamed = book.close(EXTRA)
    assert _cells(streamed) == _cells(whole)
    assert sorted(book.figures) == sorted(r["notebook"] for r in (first, third, fifth))
    assert all("tables" not in f for f in book.figures.values())
    assert list(_cells(whole)) == [
        "Contents",
        "Top findings",
        "Action plan",
        "01 Active partners, all time",
        "01 Partners with a payback",
        "03 Table 1",
        "05 Partners with a payback",
    ]
    assert _cells(streamed)["05 Partners with a payback"][3] == "$3:$3"  # its header printed
    assert _names_on_their_sheets(streamed) == 12  # autofilter and print titles of 6 sheets
    assert not list(tmp_path.glob(".*.tmp"))


def _names_on_their_sheets(path) -> int:
    """Check that every sheet-local defined name (autofilter, print titles) of a workbook
    points at the sheet it belongs to (``localSheetId`` is a sheet's position); how many."""
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    sheets = re.findall(r'<sheet name="([^"]+)"', xml)
    names = re.findall(r'<definedName name="[^"]+" localSheetId="(\d+)"[^>]*>([^<]+)<', xml)
    for position, formula in names:
        sheet = sheets[int(position)].replace("&apos;", "'").replace("'", "''")
        assert formula.split("!")[0].strip("'").replace("&apos;", "'") in (
            sheet,
            sheets[int(position)],
        )
    return len(names)


def test_a_discarded_workbook_leaves_nothing(tmp_path):
    book = workbook_stream.StreamedWorkbook(tmp_path / "r.xlsx", ["Top findings"], ["01-req"])
    book.add(_reports()[0])
    book.discard()
    book.discard()  # twice: no error
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="not those set aside"):
        workbook_stream.StreamedWorkbook(tmp_path / "r.xlsx", [], []).close(EXTRA)


def test_the_workbook_is_packed_at_the_quick_zlib_level(tmp_path):
    """Every part of the zip is deflated at zlib level 1 (workbook_stream.ZIP_LEVEL), not
    xlsxwriter's default 6: its compressed size is level 1's, byte for byte."""
    import zipfile
    import zlib

    path = workbook_stream.write_workbook(tmp_path / "q.xlsx", _reports(), EXTRA, "Acme")
    with zipfile.ZipFile(path) as packed:
        parts = packed.infolist()
        sizes = {}
        for part in parts:
            for level in (1, 6):
                packer = zlib.compressobj(level, zlib.DEFLATED, -15)
                data = packed.read(part)
                sizes[part.filename, level] = len(packer.compress(data) + packer.flush())
    assert workbook_stream.ZIP_LEVEL == 1 and parts
    assert all(p.compress_type == zipfile.ZIP_DEFLATED for p in parts)
    assert all(p.compress_size == sizes[p.filename, 1] for p in parts)
    assert any(sizes[p.filename, 1] != sizes[p.filename, 6] for p in parts)
    assert openpyxl.load_workbook(path).sheetnames[0] == workbook.CONTENTS
