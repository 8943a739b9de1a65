"""Reading one file into a frame of text: a CSV file (encoding, separator, title lines above the
header) or an Excel workbook (cell formats as shown). No typing here (that is
:mod:`playbook.parse`) and no knowledge of which file holds which table (that is
:mod:`playbook.sources`).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import stat
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from playbook.problems import FORMULA_STARTS, Problem, Severity
from playbook.profile import PROFILE_FILE

# --------------------------------------------------------------------------- may it be opened


def refusal(path: Path | None, file: Path) -> str | None:
    """Why ``file`` is not read as a file of the workspace ``path``, or ``None`` when it is a
    readable regular file inside it. Checked without opening the file (a named pipe would
    block forever): a link is followed only to a regular file inside the workspace, so no file
    outside it (another client's data) can enter a report. ``path`` ``None``: any folder (a
    file named on the command line)."""
    try:
        mode = os.lstat(file).st_mode
    except OSError:
        return "file not found"
    try:
        target = file.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a link to a file that does not exist: not read"
    if path is not None and not target.is_relative_to(Path(path).resolve()):
        return "a link to a file outside the workspace: not read; copy the file into the workspace"
    if stat.S_ISLNK(mode):
        mode = os.stat(target).st_mode
    if stat.S_ISDIR(mode):
        return "a folder, not a file: not read"
    if not stat.S_ISREG(mode):
        return "not a regular file (a named pipe, socket or device): not read"
    if not os.access(target, os.R_OK):
        return "no permission to read this file: not read"
    size = os.stat(target).st_size
    if size > MAX_FILE_BYTES:
        return (
            f"{size / 2**20:,.0f} MB, more than the {MAX_FILE_BYTES / 2**20:,.0f} MB a workspace "
            "file may have: not read; export only the columns and period the playbook uses"
        )
    return None


#: The largest file read (bytes): a CRM export of a partner program is far smaller; a larger
#: file would be read into memory whole.
MAX_FILE_BYTES = 512 * 2**20


# --------------------------------------------------------------------------- CSV files


def _delimiter(header: str) -> str:
    """``,`` unless the header line is clearly separated by ``;`` or tabs (European Excel)."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _not_text(data: bytes) -> str | None:
    """Why ``data`` is not a text table at all (so no row of it is shown), or ``None``: an
    Excel workbook or zip named ``.csv``, UTF-16 text (Excel's "Unicode Text"), binary data."""
    if data.startswith(b"PK\x03\x04"):
        return (
            "an Excel workbook (or zip file) named .csv: name it .xlsx, or save it as 'CSV UTF-8'"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8'"
    if b"\x00" in data[: 1 << 20]:
        return "contains NUL bytes, so it is not a text file: save the table as 'CSV UTF-8'"
    return None


#: A leading ``'`` before a formula character: how :func:`playbook.problems.formula_safe` writes it.
_QUOTED_FORMULA = "^'(?=[" + "".join("\\" + c if c in "-" else c for c in FORMULA_STARTS) + "])"


def read_csv(file: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """A CSV file as a frame of text (UTF-8 with or without BOM; ``,``, ``;`` or tab
    separated; ragged title lines padded), or ``None`` with the reason in ``problems``."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(file.name, None, None, None, f"cannot be read: {exc.strerror}"))
        return None
    kind = _not_text(data)
    if kind:
        problems.append(Problem(file.name, None, None, None, kind))
        return None
    plain = read_plain_csv(data)
    if plain is not None:
        return plain
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        snippet = data.splitlines()[line - 1].decode("utf-8", errors="replace").strip()
        problems.append(
            Problem(
                file.name,
                line,
                None,
                snippet[:80],
                f"not UTF-8 text (byte {data[exc.start]:#04x}): probably "
                "saved by Excel as plain 'CSV'; save it as 'CSV UTF-8'",
            )
        )
        return None
    if not text.strip():
        problems.append(
            Problem(file.name, None, None, None, "file is empty: expected a header row")
        )
        return None
    sep = _delimiter(text.split("\n", 1)[0])
    if sep != ",":
        problems.append(
            Problem(
                file.name,
                1,
                None,
                None,
                "read as " + ("semicolon" if sep == ";" else "tab") + "-separated",
                level=Severity.NOTE,
            )
        )
    unclosed = _unclosed_quote(text, sep)
    if unclosed:
        problems.append(
            Problem(
                file.name,
                unclosed,
                None,
                text.splitlines()[unclosed - 1][:80],
                'a double quote (") opens a value on this row that never closes, so the rest '
                "of the file would be read as one value: close the quote or remove it",
            )
        )
        return None
    try:
        # No header row for pandas: it would rename a repeated header (``amount.1``) and take
        # the first column as an index when the first data row has one field more.
        rows = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, sep=sep, header=None
        )
    except pd.errors.ParserError:
        return _read_ragged_csv(file, text, sep, problems)
    body = rows.iloc[1:].reset_index(drop=True).apply(formula_unquoted)
    return with_header(list(rows.iloc[0]), body)


def read_plain_csv(data: bytes) -> pd.DataFrame | None:
    """The normal case of :func:`read_csv`, read by pyarrow's multithreaded CSV reader: UTF-8,
    comma-separated, every row as wide as the header, every quote closed. Every cell is read as
    text, blank as ``""`` (no NA conversion). ``None`` when the file is anything else (the
    caller's row-by-row path then reads it and says what is wrong)."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    first = body.split(b"\n", 1)[0]
    if not body.strip() or data.count(b'"') % 2 or b"\r" in first[:-1]:
        return None
    try:
        header = first.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _delimiter(header) != ",":
        return None
    width = header.count(",") + 1  # quoted commas only make this larger than the real width
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # ragged rows, bad UTF-8, a row too long for one block …
    if table.num_columns == 0 or any(t != pa.string() for t in table.schema.types):
        return None
    rows = table.to_pandas()
    rows.columns = range(rows.shape[1])
    body_rows = rows.iloc[1:].reset_index(drop=True)
    if b"'" in data:
        body_rows = body_rows.apply(formula_unquoted)
    return with_header(list(rows.iloc[0]), body_rows)


def formula_unquoted(cells: pd.Series) -> pd.Series:
    """Cells of a CSV column with the ``'`` that :func:`playbook.problems.formula_safe` puts
    before text a spreadsheet would run as a formula (``'=1+1`` → ``=1+1``), so what we write
    reads back as it was (a readiness answer saved to a CSV workspace, a hashed partner list)."""
    return cells.str.replace(_QUOTED_FORMULA, "", n=1, regex=True)


def _unclosed_quote(text: str, sep: str) -> int | None:
    """The row (spreadsheet numbering) of a quoted value that never closes, or ``None``. Only
    looked for when the file has an odd number of double quotes (a quote inside a value, as in
    ``Monitor 27"``, is fine)."""
    if text.count('"') % 2 == 0:
        return None
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        return start if "end of data" in str(exc) else None  # else: said by the reader
    return None


def _read_ragged_csv(
    file: Path, text: str, sep: str, problems: list[Problem]
) -> pd.DataFrame | None:
    """Rows of different widths. Title lines above the header (a report export) are fine:
    read row by row and pad, and :func:`playbook.parse.parse_table` finds the header. A record
    wider than the header is an error (usually an unquoted separator inside a value)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a value longer than the csv module's limit (128 KB)
        problems.append(
            Problem(file.name, reader.line_num, None, None, f"cannot be read as CSV: {exc}")
        )
        return None
    header_at = next((i for i, r in enumerate(rows[:15]) if sum(1 for c in r if c.strip()) >= 2), 0)
    expected = len(rows[header_at])
    # A record wider than the header with values past it; blank extra fields (a separator
    # closing every line, as some exports write) are fine.
    wide = next(
        (i for i in range(header_at + 1, len(rows)) if any(c.strip() for c in rows[i][expected:])),
        None,
    )
    if wide is not None:
        problems.append(
            Problem(
                file.name,
                wide + 1,
                None,
                sep.join(rows[wide])[:80],
                f"{len(rows[wide])} fields where the header (row "
                f"{header_at + 1}) has {expected}: put values containing "
                f"'{sep}' in double quotes",
            )
        )
        return None
    return _padded_frame(rows)


def with_header(header: list[str], body: pd.DataFrame) -> pd.DataFrame:
    """``body`` (positional columns, index kept) under ``header``: columns with neither a header
    nor any value are dropped, a blank header over values becomes ``column N``. ``attrs``
    ``column_numbers`` keeps each column's number in the file (for messages naming it)."""
    header = [str(h).strip() for h in header]
    keep = [
        i for i, h in enumerate(header) if h or body.iloc[:, i].astype(str).str.strip().ne("").any()
    ]
    at = body.attrs.get("column_numbers") or list(range(1, body.shape[1] + 1))
    body = body.iloc[:, keep].copy()
    body.columns = [header[i] or f"column {i + 1}" for i in keep]
    body.attrs["column_numbers"] = [at[i] for i in keep]
    return body


def column_label(number: int) -> str:
    """A spreadsheet column's number and letters, as a consultant finds it: ``28 (AB)``."""
    letters, n = "", number
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("A") + r) + letters
    return f"{number} ({letters})"


def _padded_frame(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of text (first = headers) as a frame; short rows padded with blanks."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return with_header(rows[0], pd.DataFrame(rows[1:], columns=range(width), dtype=str))


# --------------------------------------------------------------------------- Excel workbooks


def _cell_text(value, number_format: str | None) -> str:
    """The text of one Excel cell as the loader parses it.

    Excel stores a cell shown as ``12%`` as 0.12: such cells become ``"12%"`` so percent columns
    get 12, not 0.12. Whole numbers lose the ``.0`` Excel gives them (ids stay ``1001``);
    dates become ISO text; an empty cell is ``""``. Formulas give their last computed value.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if number_format and "%" in number_format:
            return f"{value * 100:.12g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.15g}"
    return str(value)


def read_workbook(book: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of an ``.xlsx`` workbook as a frame of text, first row = headers.

    Read with openpyxl directly (not ``pandas.read_excel``) because cell formats matter: see
    :func:`_cell_text`. Columns with neither a header nor any value are dropped.
    """
    wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
    try:
        sheets = {}
        for ws in wb.worksheets:
            rows = [
                [_cell_text(c.value, getattr(c, "number_format", None)) for c in row]
                for row in ws.iter_rows()
            ]
            sheets[ws.title] = _padded_frame(rows) if rows else pd.DataFrame()
        return sheets
    finally:
        wb.close()


def read_export(
    file: Path, problems: list[Problem], sheet: str | None = None
) -> tuple[str, pd.DataFrame | None]:
    """One export as a raw text table with its label: a CSV file, or one sheet of an Excel
    file (the first unless ``sheet`` is named: label ``file.xlsx[Sheet]``). ``None`` when it
    cannot be read (the reason is appended to ``problems``)."""
    if file.suffix.lower() == ".csv":
        return file.name, read_csv(file, problems)
    return _export_sheet(file, sheet, problems)


def _export_sheet(
    file: Path, sheet: str | None, problems: list[Problem]
) -> tuple[str, pd.DataFrame | None]:
    """One sheet of a mapped Excel export (the first when ``sheet`` is ``None``), with its
    label ``file.xlsx[Sheet]``; ``None`` with an error when it cannot be read."""
    try:
        sheets = read_workbook(file)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(
            Problem(file.name, None, None, None, f"not a readable .xlsx workbook: {exc}")
        )
        return file.name, None
    if not sheets:
        problems.append(Problem(file.name, None, None, None, "the workbook has no sheet"))
        return file.name, None
    name = next(iter(sheets)) if sheet is None else sheet
    if name not in sheets:
        problems.append(
            Problem(
                PROFILE_FILE,
                None,
                "files",
                f"{file.name}[{sheet}]",
                "no such sheet; the workbook has " + ", ".join(sheets),
            )
        )
        return f"{file.name}[{sheet}]", None
    return f"{file.name}[{name}]", sheets[name]
