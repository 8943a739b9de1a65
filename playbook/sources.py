"""Finding and reading a workspace's files, and writing readiness answers back to them.

A workspace folder holds ``profile.yaml`` plus its tables, either one CSV per table or one Excel
workbook with a sheet per table. Reading turns every file into frames of text (no typing: that is
:mod:`playbook.parse`); exports in the usual messy shapes are accepted (a UTF-8 byte-order mark,
``;``- or tab-separated CSV, title lines above the header, Excel cell formats). The write path,
:func:`save_answers`, lives here too so that reading and writing agree on which file holds a
table.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd

from playbook import normalise
from playbook.exceptions import ReadinessSaveError
from playbook.problems import Problem, Severity
from playbook.profile import PROFILE_FILE, export_file, read_profile
from playbook.readiness_bank import question_bank
from playbook.schema import TABLES_BY_NAME


def workbooks(path: Path, file_names: dict[str, str] | None = None) -> list[Path]:
    """The Excel workbooks of a workspace folder (``*.xlsx``, not Excel's ``~$`` lock files, nor
    an export that profile.yaml's ``files`` maps to a table: ``file_names``), sorted. The first
    one is *the* workspace's workbook: it is read, and saving writes to it (reading reports more
    than one as an error)."""
    mapped = {export_file(f)[0] for f in (file_names or {}).values()}
    return sorted(
        p for p in Path(path).glob("*.xlsx") if not p.name.startswith("~$") and p.name not in mapped
    )


# --------------------------------------------------------------------------- CSV files


def _delimiter(header: str) -> str:
    """``,`` unless the header line is clearly separated by ``;`` or tabs (European Excel)."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _read_csv(file: Path, problems: list[Problem]) -> pd.DataFrame | None:
    data = file.read_bytes()
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
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
    except pd.errors.ParserError:
        return _read_ragged_csv(file, text, sep, problems)


def _read_ragged_csv(
    file: Path, text: str, sep: str, problems: list[Problem]
) -> pd.DataFrame | None:
    """Rows of different widths. Title lines above the header (a report export) are fine:
    read row by row and pad, and :func:`playbook.parse.parse_table` finds the header. A record
    wider than the header is an error (usually an unquoted separator inside a value)."""
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    header_at = next((i for i, r in enumerate(rows[:15]) if sum(1 for c in r if c.strip()) >= 2), 0)
    expected = len(rows[header_at])
    wide = next((i for i in range(header_at + 1, len(rows)) if len(rows[i]) > expected), None)
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
    nor any value are dropped, a blank header over values becomes ``column N``."""
    header = [str(h).strip() for h in header]
    keep = [
        i for i, h in enumerate(header) if h or body.iloc[:, i].astype(str).str.strip().ne("").any()
    ]
    body = body.iloc[:, keep].copy()
    body.columns = [header[i] or f"column {i + 1}" for i in keep]
    return body


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


# --------------------------------------------------------------------------- the workspace's tables


def read_sources(
    path: Path, problems: list[Problem], file_names: dict[str, str] | None = None
) -> tuple[dict[str, tuple[str, pd.DataFrame | None]], list[Path]]:
    """Raw tables keyed by table name, each with the name of the file/sheet it came from, and
    the files read (mapped exports, then the workbook, then CSV files).

    ``file_names`` is profile.yaml's ``files`` (table → CSV file, Excel file or
    ``file.xlsx[Sheet]``). A table mapped there is read from that file only: a file or sheet
    named after the table is ignored (a note when it has no rows, as the templates of
    ``playbook new``; a warning when it has). A file that exists but cannot be read maps to
    ``None`` (its error is already in ``problems``), so it is neither reported as missing nor
    as "not supplied" elsewhere.
    """
    raw: dict[str, tuple[str, pd.DataFrame | None]] = {}
    files: list[Path] = []
    file_names = file_names or {}
    _read_mapped_tables(path, problems, file_names, raw, files)
    _read_workbook_tables(path, problems, raw, files, file_names)
    _read_csv_tables(path, problems, file_names, raw, files)
    return raw, files


def _read_mapped_tables(
    path: Path,
    problems: list[Problem],
    file_names: dict[str, str],
    raw: dict[str, tuple[str, pd.DataFrame | None]],
    files: list[Path],
) -> None:
    """The exports profile.yaml's ``files`` maps to a table into ``raw``: a CSV file, or one
    sheet of an Excel file (the first unless named as ``file.xlsx[Sheet]``)."""
    for table, entry in file_names.items():
        name, sheet = export_file(entry)
        file = path / name
        if not file.is_file():
            problems.append(
                Problem(
                    PROFILE_FILE,
                    None,
                    "files",
                    entry,
                    f"file for table {table} not found in the workspace",
                )
            )
            raw[table] = (name, None)  # that error says enough: not "missing" on top
            continue
        if file not in files:
            files.append(file)
        raw[table] = read_export(file, problems, sheet)


def read_export(
    file: Path, problems: list[Problem], sheet: str | None = None
) -> tuple[str, pd.DataFrame | None]:
    """One export as a raw text table with its label: a CSV file, or one sheet of an Excel
    file (the first unless ``sheet`` is named: label ``file.xlsx[Sheet]``). ``None`` when it
    cannot be read (the reason is appended to ``problems``)."""
    if file.suffix.lower() == ".csv":
        return file.name, _read_csv(file, problems)
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


def _shadowed(
    source: str, table: str, frame: pd.DataFrame, mapped_to: str, problems: list[Problem]
) -> None:
    """Report a file or sheet named after ``table`` that is ignored because profile.yaml's
    ``files`` maps the table to ``mapped_to``: a note for an empty template, else a warning."""
    empty = frame is None or frame.empty
    problems.append(
        Problem(
            source,
            None,
            None,
            None,
            f"ignored: profile.yaml `files` reads table {table} from {mapped_to}"
            + ("" if empty else f"; this file's {len(frame)} row(s) are not read: delete it"),
            level=Severity.NOTE if empty else Severity.WARNING,
        )
    )


def _read_workbook_tables(
    path: Path,
    problems: list[Problem],
    raw: dict[str, tuple[str, pd.DataFrame | None]],
    files: list[Path],
    file_names: dict[str, str],
) -> None:
    """The sheets of the workspace's workbook (if any) into ``raw``; unknown sheets warned, a
    sheet of a table that ``file_names`` maps elsewhere ignored."""
    books = workbooks(path, file_names)
    if len(books) > 1:
        problems.append(
            Problem(
                path.name,
                None,
                None,
                ", ".join(p.name for p in books),
                "at most one Excel workbook per workspace",
            )
        )
    for book in books[:1]:
        files.append(book)
        try:
            sheets = read_workbook(book)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            problems.append(
                Problem(book.name, None, None, None, f"not a readable .xlsx workbook: {exc}")
            )
            # Its tables are unknown: none is reported missing on top of this error.
            raw.update({n: (book.name, None) for n in TABLES_BY_NAME if n not in file_names})
            sheets = {}
        for sheet, frame in sheets.items():
            name = sheet_table(sheet)
            if name in file_names:
                _shadowed(f"{book.name}[{sheet}]", name, frame, file_names[name], problems)
            elif name in TABLES_BY_NAME:
                raw[name] = (f"{book.name}[{sheet}]", frame)
            elif name not in {"readme", "read_me", "about"}:
                problems.append(
                    Problem(
                        book.name,
                        None,
                        None,
                        sheet,
                        "unknown sheet ignored; expected one of " + ", ".join(TABLES_BY_NAME),
                        level=Severity.WARNING,
                    )
                )


def sheet_table(sheet: str) -> str:
    """The table a workbook sheet holds: its name as a token (``Partner Accounts`` →
    ``partner_accounts``). The one rule for reading and for saving back."""
    return normalise.canonical_token(pd.Series([sheet]))[0]


def csv_table(file: Path, table_of: dict[str, str]) -> str:
    """The table a CSV file holds: the one ``profile.yaml`` maps its name to (``table_of``:
    file name → table), else its name without ``.csv`` in lower case. The one rule for reading
    and for saving back."""
    return table_of.get(file.name, file.stem.lower())


def _read_csv_tables(
    path: Path,
    problems: list[Problem],
    file_names: dict[str, str],
    raw: dict[str, tuple[str, pd.DataFrame | None]],
    files: list[Path],
) -> None:
    """The workspace's other CSV files into ``raw`` (the files ``file_names`` maps are read
    already); unknown files warned, a table both in the workbook and a CSV file an error, a
    file named after a table that ``file_names`` maps elsewhere ignored."""
    table_of = {export_file(file)[0]: table for table, file in file_names.items()}
    for file in sorted(path.glob("*.csv")):
        if file.name in table_of:
            continue  # a mapped export: read by _read_mapped_tables
        name = csv_table(file, table_of)
        if name in file_names:
            _shadowed(file.name, name, _read_csv(file, []), file_names[name], problems)
            continue
        if name not in TABLES_BY_NAME:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    "unknown table ignored; expected one of " + ", ".join(TABLES_BY_NAME),
                    level=Severity.WARNING,
                )
            )
            continue
        files.append(file)
        if name in raw and raw[name][1] is None and raw[name][0].endswith(".xlsx"):
            del raw[name]  # the broken workbook did not supply it after all
        if name in raw:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    f"table {name} is both in {raw[name][0]} and in this file: keep one",
                )
            )
            continue
        raw[name] = (file.name, _read_csv(file, problems))  # None: unreadable, error given


# --------------------------------------------------------------------------- saving answers


def _readiness_target(folder: Path) -> Path:
    """Where the readiness table is read from, so that saving writes there: the CSV file that
    holds it (``readiness.csv`` or the file ``profile.yaml`` maps it to), else the workspace's
    workbook, else a new CSV file of that name."""
    profile = read_profile(folder)
    file_names = profile.files if profile else {}
    table_of = {export_file(file)[0]: table for table, file in file_names.items()}
    csvs = [f for f in sorted(folder.glob("*.csv")) if csv_table(f, table_of) == "readiness"]
    if csvs:
        return csvs[0]
    books = workbooks(folder, file_names)
    return books[0] if books else folder / file_names.get("readiness", "readiness.csv")


def save_answers(
    workspace: str | Path, answers: pd.DataFrame, now: datetime.datetime | None = None
) -> Path:
    """Write ``answers`` (``item_id``, ``score`` 0–5 or missing, ``evidence``) as the workspace's
    readiness table, keeping the previous version in ``.history/``. Returns the file written.

    The new file is written under a temporary name and renamed into place, so a crash never
    leaves a half-written table. It goes where reading takes the table from: when that is the
    workbook, its ``readiness`` sheet is replaced (the previous workbook is kept in
    ``.history/``).
    """
    folder = Path(workspace)
    bank = question_bank()
    unknown = sorted(set(answers["item_id"]) - set(bank["item_id"]))
    if unknown:
        raise ReadinessSaveError(f"unknown question ids: {', '.join(unknown)}")
    scores = pd.to_numeric(answers["score"], errors="coerce")
    bad = answers.loc[
        answers["score"].notna() & (scores.isna() | (scores < 0) | (scores > 5)), "item_id"
    ]
    if len(bad):
        raise ReadinessSaveError(f"scores must be 0–5 or blank: {', '.join(bad)}")
    clean = pd.DataFrame(
        {
            "item_id": answers["item_id"],
            "score": scores.map(lambda v: "" if pd.isna(v) else f"{v:g}"),
            "evidence": answers.get("evidence", pd.Series("", index=answers.index)).fillna(""),
        }
    )
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    history = folder / ".history"
    target = _readiness_target(folder)
    if target.suffix == ".xlsx":
        return _save_to_workbook(target, clean, history, stamp)
    if target.exists():
        history.mkdir(exist_ok=True)
        shutil.copy2(target, history / f"readiness-{stamp}.csv")
    tmp = folder / ".readiness.csv.tmp"
    clean.to_csv(tmp, index=False)
    tmp.replace(target)
    return target


def _save_to_workbook(book: Path, clean: pd.DataFrame, history: Path, stamp: str) -> Path:
    """Replace the ``readiness`` sheet of ``book`` by ``clean`` (previous workbook kept in
    ``history``), through a temporary file renamed into place."""
    history.mkdir(exist_ok=True)
    shutil.copy2(book, history / f"{book.stem}-{stamp}.xlsx")
    wb = openpyxl.load_workbook(book)
    for name in wb.sheetnames:
        if sheet_table(name) == "readiness":
            del wb[name]
    sheet = wb.create_sheet("readiness")
    sheet.append(list(clean.columns))
    for row in clean.itertuples(index=False):
        sheet.append(list(row))
    tmp = book.with_name(f".{book.name}.tmp")
    wb.save(tmp)
    tmp.replace(book)
    return book
