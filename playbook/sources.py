"""Finding and reading a workspace's files, and writing readiness answers back to them.

A workspace folder holds ``profile.yaml`` plus its tables, either one CSV per table or one Excel
workbook with a sheet per table, plus any export profile.yaml's ``files`` maps to a table. This
module decides which file or sheet holds which table; :mod:`playbook.readers` turns one file
into a frame of text (no typing: that is :mod:`playbook.parse`). The write path,
:func:`save_answers`, lives here too so that reading and writing agree on which file holds a
table.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd

from playbook import normalise
from playbook.exceptions import ReadinessSaveError
from playbook.problems import Problem, Severity, formula_safe
from playbook.profile import PROFILE_FILE, read_profile
from playbook.profile_parts import export_file
from playbook.readers import read_csv, read_export, read_workbook, refusal
from playbook.readiness_bank import question_bank
from playbook.schema import TABLES_BY_NAME


def workbooks(path: Path, file_names: dict[str, str] | None = None) -> list[Path]:
    """The Excel workbooks of a workspace folder (``*.xlsx``, not Excel's ``~$`` lock files, nor
    an export that profile.yaml's ``files`` maps to a table: ``file_names``), sorted. The first
    one is *the* workspace's workbook: it is read, and saving writes to it (reading reports more
    than one as an error)."""
    mapped = {export_file(f)[0].lower() for f in (file_names or {}).values()}
    return [
        p
        for p in files_ending(path, ".xlsx")
        if not p.name.startswith("~$") and p.name.lower() not in mapped
    ]


def files_ending(path: Path, suffix: str) -> list[Path]:
    """The entries of folder ``path`` whose name ends with ``suffix`` in any case (``Deals.CSV``
    is a CSV file too), sorted; not opened, so each may still be refused by :func:`refusal`."""
    return sorted(p for p in Path(path).iterdir() if p.name.lower().endswith(suffix))


def find_file(path: Path, name: str) -> Path:
    """The entry of folder ``path`` called ``name``, matched without regard to case when no entry
    has exactly that name (profile.yaml says ``deals.csv``, the export is ``Deals.CSV``)."""
    exact = path / name
    if os.path.lexists(exact):
        return exact
    same = [p for p in Path(path).iterdir() if p.name.lower() == name.lower()]
    return same[0] if len(same) == 1 else exact


#: Extensions of files a consultant may have meant as a table but that are not read.
_NOT_READ = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers", ".tsv", ".txt", ".json")


def _unread_files(path: Path, problems: list[Problem]) -> None:
    """A warning for each file named like a table, or a spreadsheet, in a format not read
    (``deals.xls``, ``partners.txt``, ``client.ods``), so a "required table is missing" error
    is not the only word about it."""
    for file in sorted(Path(path).iterdir()):
        stem, dot, ext = file.name.lower().rpartition(".")
        if not dot or f".{ext}" not in _NOT_READ or file.name.startswith((".", "~$")):
            continue
        if stem in TABLES_BY_NAME or ext in {"xls", "xlsm", "xlsb", "ods", "numbers"}:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    "not read: only .csv (UTF-8) and .xlsx files are read; save it as one",
                    level=Severity.WARNING,
                )
            )


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
    _unread_files(path, problems)
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
        file = find_file(path, name)
        if not os.path.lexists(file):
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
        why = refusal(path, file)
        if why:
            problems.append(Problem(file.name, None, None, None, why))
            raw[table] = (file.name, None)
            continue
        if file not in files:
            files.append(file)
        raw[table] = read_export(file, problems, sheet)


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
        why = refusal(path, book)
        if why:
            problems.append(Problem(book.name, None, None, None, why))
            raw.update({n: (book.name, None) for n in TABLES_BY_NAME if n not in file_names})
            continue
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
    file name in lower case → table), else its name without ``.csv`` in lower case (names and
    extensions in any case: ``Deals.CSV`` holds deals). The one rule for reading and for saving
    back."""
    return table_of.get(file.name.lower(), file.name[: -len(".csv")].lower())


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
    table_of = {export_file(file)[0].lower(): table for table, file in file_names.items()}
    for file in files_ending(path, ".csv"):
        if file.name.lower() in table_of:
            continue  # a mapped export: read by _read_mapped_tables
        name = csv_table(file, table_of)
        why = refusal(path, file)
        if name in file_names:
            frame = None if why else read_csv(file, [])
            _shadowed(file.name, name, frame, file_names[name], problems)
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
        if why:
            problems.append(Problem(file.name, None, None, None, why))
            raw.setdefault(name, (file.name, None))  # refused: not "missing" on top
            continue
        files.append(file)
        if name in raw and raw[name][1] is None and raw[name][0].lower().endswith(".xlsx"):
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
        raw[name] = (file.name, read_csv(file, problems))  # None: unreadable, error given


# --------------------------------------------------------------------------- saving answers


def _readiness_target(folder: Path) -> Path:
    """Where the readiness table is read from, so that saving writes there: the CSV file that
    holds it (``readiness.csv`` or the file ``profile.yaml`` maps it to), else the workspace's
    workbook, else a new CSV file of that name."""
    profile = read_profile(folder)
    file_names = profile.files if profile else {}
    table_of = {export_file(file)[0].lower(): table for table, file in file_names.items()}
    csvs = [f for f in files_ending(folder, ".csv") if csv_table(f, table_of) == "readiness"]
    if csvs:
        return csvs[0]
    books = workbooks(folder, file_names)
    return books[0] if books else folder / file_names.get("readiness", "readiness.csv")


#: The workspace's sub-folder keeping each previous version of a file :func:`save_answers`
#: replaced.
HISTORY_DIR = ".history"


def backup_name(history: Path, stem: str, stamp: str, suffix: str) -> Path:
    """A free name in ``history`` for the previous version of ``stem``: ``stem-stamp`` then
    ``-2``, ``-3``, … when two saves fall within the same second, so no backup ever replaces
    another (every earlier answer stays recoverable)."""
    candidate = history / f"{stem}-{stamp}{suffix}"
    n = 2
    while os.path.lexists(candidate):
        candidate = history / f"{stem}-{stamp}-{n}{suffix}"
        n += 1
    return candidate


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
    history = folder / HISTORY_DIR
    target = _readiness_target(folder)
    why = refusal(folder, target) if os.path.lexists(target) else None
    if why:
        raise ReadinessSaveError(f"{target.name}: {why}")
    if target.suffix == ".xlsx":
        return _save_to_workbook(target, clean, history, stamp)
    if target.exists():
        history.mkdir(exist_ok=True)
        shutil.copy2(target, backup_name(history, "readiness", stamp, ".csv"))
    tmp = folder / ".readiness.csv.tmp"
    clean.assign(evidence=clean["evidence"].map(formula_safe)).to_csv(tmp, index=False)
    tmp.replace(target)
    return target


def _save_to_workbook(book: Path, clean: pd.DataFrame, history: Path, stamp: str) -> Path:
    """Replace the ``readiness`` sheet of ``book`` by ``clean`` (previous workbook kept in
    ``history``), through a temporary file renamed into place."""
    history.mkdir(exist_ok=True)
    shutil.copy2(book, backup_name(history, book.stem, stamp, ".xlsx"))
    wb = openpyxl.load_workbook(book)
    for name in wb.sheetnames:
        if sheet_table(name) == "readiness":
            del wb[name]
    sheet = wb.create_sheet("readiness")
    sheet.append(list(clean.columns))
    for row in clean.itertuples(index=False):
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # evidence such as =1+1 stays text, never a formula
    tmp = book.with_name(f".{book.name}.tmp")
    wb.save(tmp)
    tmp.replace(book)
    return book
