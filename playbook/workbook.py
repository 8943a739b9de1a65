"""The run's Excel workbook (``results.xlsx``): every table the reports show, one sheet each.

The notebooks record each table as shown (:func:`playbook.display.recorded_tables`): cells are
the texts of :mod:`playbook.formatting` (``USD 1,234``, ``−USD 163,709``, ``12.3%``, ``1,316``,
``3.48``, ``—``), ISO dates, or raw numbers. This module reads those texts back into real
numbers and dates with an Excel number format that shows them the same way, so a client can
sum, sort and filter them. A column is converted only when every cell it has parses (money,
percentages, plain numbers, or dates only); otherwise it stays text, so a name column holding
one "1,234" is never half numbers. A column that parses one way shares one number format; a
metric table's value column (money, counts and shares, one per row) keeps each cell's own.

Client text is untrusted: a text cell is always written as a string, never as a formula, and
text starting with one of :data:`playbook.problems.FORMULA_STARTS` is also marked "quote
prefix", so editing it in Excel keeps it text.

Layout: a contents sheet first (sheet name as a link, the report it comes from, the table's
caption, its rows), then the extra sheets (e.g. the executive summary), then one sheet per
table: a title row (caption), a source row (report), the header row (frozen, with an
autofilter) and the rows; column widths fitted to the content, capped; Red / Amber / Green
statuses in their colours; printed landscape, one page wide, the header on every page.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from playbook.formatting import MINUS, MISSING
from playbook.palette import MUTED, PRIMARY, RAG
from playbook.problems import FORMULA_STARTS
from playbook.workbook_rows import write_body

SHEET_NAME_MAX = 31  # Excel's limit
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
CONTENTS = "Contents"
MAX_WIDTH = 60  # characters: longer texts wrap in the formula bar, not the sheet
MIN_WIDTH = 6
TEXT_MAX = 32767  # Excel's limit of characters in a cell
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits: a longer number is an id, kept as text

_SIGN = f"(?P<sign>[-{MINUS}+]?)"
_DIGITS = r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
MONEY_RE = re.compile(rf"^{_SIGN}(?P<cur>[A-Z]{{3}})[\u00a0 ]{_DIGITS}$")
PERCENT_RE = re.compile(rf"^{_SIGN}{_DIGITS}%$")
NUMBER_RE = re.compile(rf"^{_SIGN}{_DIGITS}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: The looks of the workbook's cells besides number formats (xlsxwriter format properties).
_LOOKS = {
    "title": {"bold": True, "font_size": 13},
    "source": {"font_color": MUTED, "italic": True},
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": PRIMARY, "pattern": 1},
    "link": {"font_color": "#0563C1", "underline": 1},
    **{status: {"bold": True, "font_color": colour} for status, colour in RAG.items()},
}


@dataclass(frozen=True)
class Parsed:
    """One cell read back: its ``kind`` (``money:USD``, ``percent``, ``number``, ``date``,
    ``bool``), the ``value`` to write, its ``decimals`` and whether a whole number of 1,000
    or more was written without thousands separators (``bare``, e.g. a year)."""

    kind: str
    value: object
    decimals: int = 0
    bare: bool = False


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and not math.isfinite(value):
        return True
    if value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, str) and value.strip() in ("", MISSING)


def _number(match: re.Match) -> tuple[float | int, int]:
    """The signed value of a matched number and its number of decimals."""
    digits = match["int"].replace(",", "")
    decimals = len(match["dec"] or "")
    value = float(f"{digits}.{match['dec']}") if decimals else int(digits)
    return (-value if match["sign"] in ("-", MINUS) else value), decimals


def _parse_text(text: str) -> Parsed | None:
    """A formatter's text read back, or None when it is plain text."""
    text = text.strip()
    if m := MONEY_RE.match(text):
        value, decimals = _number(m)
        return Parsed(f"money:{m['cur']}", value, decimals)
    if m := PERCENT_RE.match(text):
        value, decimals = _number(m)
        return Parsed("percent", round(value / 100, decimals + 2), decimals)
    if m := NUMBER_RE.match(text):
        digits = m["int"].replace(",", "")
        if (len(digits) > 1 and digits.startswith("0")) or len(digits) > EXCEL_DIGITS:
            return None  # "007" or an 18-digit id is a code, not a number
        value, decimals = _number(m)
        return Parsed("number", value, decimals, bare="," not in m["int"] and abs(value) >= 1000)
    if DATE_RE.match(text):
        try:
            return Parsed("date", dt.date.fromisoformat(text))
        except ValueError:
            return None
    return None


def parse_cell(value) -> Parsed | None:
    """``value`` (a recorded cell, not missing) as a typed value, or None to keep it text."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return Parsed("bool", value)
    if isinstance(value, int):
        return Parsed("number", value)
    if isinstance(value, float):
        return Parsed("number", value, 0 if value.is_integer() else 2)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return Parsed("date", pd.Timestamp(value).date())
    if isinstance(value, dt.date):
        return Parsed("date", value)
    return _parse_text(value) if isinstance(value, str) else None


def number_format(kind: str, decimals: int, bare: bool = False) -> str:
    """The Excel number format that shows a column of ``kind`` as the report does."""
    places = "." + "0" * decimals if decimals else ""
    if kind.startswith("money:"):
        cur = kind.split(":", 1)[1]
        return f'"{cur} "#,##0{places};"{MINUS}{cur} "#,##0{places}'
    if kind == "percent":
        return f'0{places}%;"{MINUS}"0{places}%'
    if kind == "date":
        return "yyyy-mm-dd"
    if kind == "number":
        return f"0{places}" if bare else f"#,##0{places}"
    return "General"


def _keys(cells: list) -> list:
    """A hashable key per cell that tells ``1``, ``1.0`` and ``True`` apart: the cell itself
    in a column of texts and blanks (the usual case), else (type, cell)."""
    if set(map(type, cells)) <= {str, type(None)}:
        return cells
    return list(zip(map(type, cells), cells, strict=True))


def _typed_distinct(distinct: dict) -> dict | None:
    """``distinct`` (key → cell, each distinct cell of a column once) typed: key → (value,
    number format), when every cell present parses; None when the column stays text. The
    rules are :func:`typed_column`'s."""
    parsed = {k: None if _is_missing(c) else parse_cell(c) for k, c in distinct.items()}
    present = [(distinct[k], p) for k, p in parsed.items() if not _is_missing(distinct[k])]
    if not present or any(p is None for _, p in present):
        return None
    kinds = {p.kind for _, p in present}
    if len(kinds) > 1 and kinds & {"date", "bool"}:
        return None
    places = {p.decimals for c, p in present if isinstance(c, str)}
    if len(kinds) == 1 and len(places) <= 1:
        [kind] = kinds
        decimals = max(p.decimals for _, p in present)
        fmt = number_format(kind, decimals, any(p.bare for _, p in present))
        return {k: (p.value, fmt) if p else (None, None) for k, p in parsed.items()}
    return {
        k: (p.value, number_format(p.kind, p.decimals, p.bare)) if p else (None, None)
        for k, p in parsed.items()
    }


def _column_cells(cells: list) -> tuple[list, dict]:
    """A column as written: a key per cell and key → (value, number format), typed
    (:func:`typed_column`) or kept as text (:func:`_text`). Each distinct cell is read once:
    statuses, dates, "—" and amounts repeat down a long column."""
    try:
        keys = _keys(cells)
        distinct = dict(zip(keys, cells, strict=True))
    except TypeError:  # an unhashable cell (a list): every cell is its own key
        keys = list(range(len(cells)))
        distinct = dict(enumerate(cells))
    typed = _typed_distinct(distinct)
    if typed is None:
        typed = {k: (_text(c), None) for k, c in distinct.items()}
    return keys, typed


def typed_column(cells: list) -> tuple[list, list] | None:
    """The cells of one column as typed values (None for missing) and each one's number
    format, when every cell it has parses; None when the column stays text (a name column
    with one "1,234", or dates beside other values).

    A column whose cells parse the same way (one kind; formatted texts with one number of
    decimals) gets one format for all. A column of numbers of several kinds, one per row
    (a metric table's "Value": money, counts and ratios), or of texts with differing decimals
    ("0.18" beside "24") keeps each cell's own format, so every cell shows as in the report.
    """
    keys, _ = _column_cells(cells)
    typed = _typed_distinct(dict(zip(keys, cells, strict=True)))
    if typed is None:
        return None
    pairs = [typed[k] for k in keys]
    return [v for v, _ in pairs], [f for _, f in pairs]


def _text(value) -> str | None:
    """A cell kept as text: missing → empty, characters Excel refuses removed, a text longer
    than a cell holds (:data:`TEXT_MAX`) cut, ending with "…"."""
    if _is_missing(value):
        return None
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"  # cut, and says so


class _Formats:
    """The workbook's cell formats, each made once: xlsxwriter keeps one record per distinct
    look (number format, font and fill of :data:`_LOOKS`, quote prefix)."""

    def __init__(self, book):
        self._book = book
        self._made: dict[tuple, object] = {}

    def get(self, number: str | None = None, look: str | None = None, quote: bool = False):
        """The format for a cell (None for a cell with no format at all)."""
        if number is None and look is None and not quote:
            return None
        key = (number, look, quote)
        if key not in self._made:
            props = dict(_LOOKS.get(look) or {})
            if number:
                props["num_format"] = number
            if quote:
                props["quote_prefix"] = True
            self._made[key] = self._book.add_format(props)
        return self._made[key]


def _cell_writer(ws, formats: _Formats, value, number=None, look=None):
    """How one cell is written: (worksheet method, value, format), or None for an empty cell.
    A text is always a string, never a formula, and one that starts like a formula is also
    marked "quote prefix", so editing it in Excel keeps it text. Dates are Excel dates."""
    if value is None:
        return (ws.write_blank, None, formats.get(look=look)) if look else None
    if isinstance(value, str):
        quote = value.startswith(FORMULA_STARTS)
        return ws.write_string, value, formats.get(None, look or _rag_look(value), quote)
    if isinstance(value, bool):
        return ws.write_boolean, value, formats.get(number, look)
    if isinstance(value, dt.date):
        return ws.write_datetime, value, formats.get(number or "yyyy-mm-dd", look)
    return ws.write_number, value, formats.get(number, look)


def _write_cell(ws, formats: _Formats, row: int, col: int, value, number=None, look=None):
    """Write one cell (0-based ``row``, ``col``) as :func:`_cell_writer` says."""
    how = _cell_writer(ws, formats, value, number, look)
    if how:
        how[0](row, col, how[1], how[2])


def _rag_look(value: str) -> str | None:
    """Red / Amber / Green statuses in their colour, bold; None for any other text."""
    status = value.strip().lower()
    return status if status in RAG else None


def _shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: cut at a word when it is too long, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut.rfind(" ") > limit // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.—-'") + "…"


def sheet_name(base: str, taken: set[str]) -> str:
    """``base`` as a valid, unused sheet name: no ``[]:*?/\\``, no leading or trailing
    apostrophe, at most 31 characters, unique (case-insensitive) among ``taken`` (a `` (2)``
    suffix when needed); the name is added to ``taken``."""
    clean = re.sub(r"\s+", " ", SHEET_NAME_BAD.sub(" ", base)).strip().strip("'").strip()
    clean = clean or "Table"
    n = 1
    while True:
        suffix = "" if n == 1 else f" ({n})"
        name = _shorten(clean, SHEET_NAME_MAX - len(suffix)) + suffix
        if name.lower() not in taken:
            taken.add(name.lower())
            return name
        n += 1


def _width(value, fmt: str | None) -> int:
    """Approximate characters a cell shows."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        return len(f"{value:,.2f}") + (5 if fmt and '"' in fmt else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


def _print_setup(ws, header: int) -> None:
    """Printed: landscape, every column on one page wide, the header row (1-based) on every
    page."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header - 1)


def _column_width(name: str, written: list[tuple]) -> float:
    """The width of a column from its distinct cells as written (value, number format): its
    longest cell (or header), within the caps. Numbers are measured at their extremes (the
    widest number is the largest or the most negative)."""
    values = [v for v, _ in written]
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    others = [v for v in values if v is not None and not isinstance(v, int | float)]
    money = next((f for _, f in written if f and '"' in f), None)
    widest = max(
        [_width(v, None) for v in others] + [_width(v, money) for v in _extremes(numbers)],
        default=0,
    )
    return min(max(max(len(name), widest) + 2, MIN_WIDTH), MAX_WIDTH)


def _extremes(numbers: list) -> list:
    return [max(numbers), min(numbers)] if numbers else []


def _write_table(ws, formats: _Formats, table: dict, source: str) -> None:
    """One table on its own sheet: title, source, frozen header with autofilter, rows (the
    sheet is streamed row by row, so every row is written in order). How each distinct cell
    of a column is written is worked out once; the rows are then assembled from those cells
    (:func:`playbook.workbook_rows.write_body`)."""
    columns = [str(c) for c in table["columns"]]
    rows = table["rows"]
    header = 3  # 1-based, as Excel numbers rows
    body = []  # per column: each row's key, and key -> (method, value, format) or None
    for j, name in enumerate(columns):
        keys, written = _column_cells([r[j] if j < len(r) else None for r in rows])
        ws.set_column(j, j, _column_width(name, list(written.values())))
        body.append((keys, {k: _cell_writer(ws, formats, v, f) for k, (v, f) in written.items()}))
    ws.freeze_panes(header, 0)
    _print_setup(ws, header)
    if columns:
        ws.autofilter(header - 1, 0, header - 1 + max(len(rows), 1), len(columns) - 1)
    _write_cell(ws, formats, 0, 0, _text(table["caption"]), look="title")
    _write_cell(ws, formats, 1, 0, _text(source), look="source")
    for j, name in enumerate(columns):
        _write_cell(ws, formats, header - 1, j, _text(name), look="header")
    write_body(ws, body, header)


def frame_table(caption: str, frame: pd.DataFrame) -> dict:
    """A DataFrame as a recorded table (caption, columns, rows; missing cells None)."""
    rows = frame.astype(object).where(frame.notna(), None).values.tolist()
    return {"caption": caption, "columns": [str(c) for c in frame.columns], "rows": rows}


def report_label(report: dict) -> str:
    """``05 Partner analytics``: a report's number and title, as a sheet's source."""
    number = str(report.get("notebook", ""))[:2]
    return f"{number} {report.get('title', '')}".strip()
