"""The run's workbook (``results.xlsx``) assembled: contents, extra sheets, report sheets.

Layout (:mod:`playbook.workbook` writes each sheet): a contents sheet first, then the extra
sheets (the executive summary's tables, the run history's), then one sheet per table of each
report, in report order.

On a large client the report tables hold a million cells and more, which take xlsxwriter
seconds to write. :class:`StreamedWorkbook` writes each report's sheets while the run goes on,
as soon as its notebook is done, and puts the sheets in report order when it closes, so that
little is left to write once the last notebook is done. Its extra sheets are set aside, by
title, when it opens and filled when it closes; when the run's extra sheets turn out to be
others (e.g. a history of another length than foreseen), the whole workbook is written afresh
instead (:func:`write_workbook`), so what a client gets never depends on which way it was
written.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlsxwriter.workbook

from playbook.problems import FORMULA_STARTS
from playbook.workbook import (
    CONTENTS,
    MAX_WIDTH,
    _Formats,
    _text,
    _write_cell,
    _write_table,
    frame_table,
    report_label,
    sheet_name,
)

#: Excel reserves this sheet name.
RESERVED = "history"

#: zlib level of the workbook's zip. xlsxwriter packs at zlib's default (6) and has no setting
#: for it; level 1 packs a large client's 106 MB of sheets in a quarter of the time (workbook
#: closed 0.9 s sooner, at the end of the run, when nothing else is left to do), into a file a
#: fifth larger (9.0 MB instead of 7.6 MB).
ZIP_LEVEL = 1


class _ZipFile(zipfile.ZipFile):
    """The zip file xlsxwriter writes a workbook into, at :data:`ZIP_LEVEL` unless told."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)


# xlsxwriter opens its zip file through this module name when it closes a workbook
xlsxwriter.workbook.ZipFile = _ZipFile


def _report_sheets(report: dict):
    """(sheet base name, source label, table) for every table of one report."""
    number = str(report.get("notebook", ""))[:2]
    label = report_label(report)
    for k, table in enumerate(report.get("tables") or [], start=1):
        caption = str(table.get("caption") or "").strip()
        base = f"{number} {caption or f'Table {k}'}"
        if not caption:
            table = {**table, "caption": f"{report.get('title') or label}, table {k}"}
        yield base, f"Report {label}", table


def _contents(ws, formats: _Formats, entries: list[tuple[str, str, str, int]], client: str):
    """The contents sheet: one row per sheet, its name a link to it."""
    widths = [12, 12, 12, 6]
    for name, source, caption, _ in entries:
        for j, text in enumerate((name, source, caption)):
            widths[j] = max(widths[j], len(text or "") + 2)
    for j, width in enumerate(widths):
        ws.set_column(j, j, min(width, MAX_WIDTH))
    ws.freeze_panes(3, 0)
    heading = "Every table of the reports" + (f" — {client}" if client else "")
    _write_cell(ws, formats, 0, 0, _text(heading), look="title")
    note = "Each sheet holds one table of the reports, every row and column."
    _write_cell(ws, formats, 1, 0, note, look="source")
    for j, name in enumerate(("Sheet", "Source", "Table", "Rows")):
        _write_cell(ws, formats, 2, j, name, look="header")
    for i, (name, source, caption, n) in enumerate(entries, start=3):
        quoted = name.replace("'", "''")
        link = formats.get(None, "link", name.startswith(FORMULA_STARTS))
        ws.write_url(i, 0, f"internal:'{quoted}'!A1", link, string=name)
        _write_cell(ws, formats, i, 1, _text(source))
        _write_cell(ws, formats, i, 2, _text(caption))
        _write_cell(ws, formats, i, 3, n, "#,##0")


class StreamedWorkbook:
    """The workbook of one run, written report by report while the run goes on.

    ``extra_titles`` are the titles of the extra sheets foreseen (set aside now, filled by
    :meth:`close`); ``order`` the notebook ids of the run in report order. :meth:`add` takes
    a report (a results file as read: ``notebook``, ``title``, ``tables``) in any order and
    writes its sheets at once; :meth:`close` puts the sheets in report order (:meth:`_in_order`).
    Written under a temporary name: :meth:`close` renames it into place, :meth:`discard`
    removes it. Thread-safe (the runner adds from its finishing thread).
    """

    def __init__(self, path: Path, extra_titles: list[str], order: list[str], client: str = ""):
        self.path = Path(path)
        self.client = client
        self._tmp = self.path.with_name(f".{self.path.name}.tmp")
        self._book = xlsxwriter.Workbook(
            str(self._tmp), {"constant_memory": True, "strings_to_numbers": False}
        )
        self._formats = _Formats(self._book)
        self._taken = {CONTENTS.lower(), RESERVED}
        self._contents = self._book.add_worksheet(CONTENTS)
        self._extras = [
            (title, self._book.add_worksheet(sheet_name(title, self._taken)))
            for title in extra_titles
        ]
        self._rank = {notebook: i for i, notebook in enumerate(order)}
        self._written: list[tuple[int, int, list]] = []  # (rank, arrival, [(sheet, entry)])
        self._lock = threading.Lock()
        self._closed = False
        #: notebook id -> its recorded figures (results file without tables), as added
        self.figures: dict[str, dict] = {}

    def add(self, report: dict) -> None:
        """Write one report's sheets now (a results file as read) and keep its figures (the
        report without its tables: :attr:`figures`, by notebook id)."""
        notebook = str(report.get("notebook", ""))
        with self._lock:
            rank = self._rank.get(notebook, len(self._rank))
            self._written.append((rank, len(self._written), self._write_report(report)))
            self.figures[notebook] = {k: v for k, v in report.items() if k != "tables"}

    def _write_report(self, report: dict) -> list:
        written = []
        for base, source, table in _report_sheets(report):
            name = sheet_name(base, self._taken)
            sheet = self._book.add_worksheet(name)
            _write_table(sheet, self._formats, table, source)
            # Written: let go of its temporary file's handle (xlsxwriter's own step at close,
            # which reopens it to assemble the file), so a batch of runs keeps few files open.
            sheet._opt_close()
            written.append((sheet, (name, source, table["caption"], len(table["rows"]))))
        return written

    def fits(self, extra: list[tuple[str, str, pd.DataFrame]]) -> bool:
        """Whether ``extra`` are the extra sheets set aside (same titles, same order)."""
        return [title for title, _, _ in extra] == [title for title, _ in self._extras]

    def close(self, extra: list[tuple[str, str, pd.DataFrame]]) -> Path:
        """Fill the extra sheets (:meth:`fits` must hold) and the contents, put the sheets in
        report order, close and rename into place. Returns the path."""
        if not self.fits(extra):
            raise ValueError("the extra sheets are not those set aside")
        with self._lock:
            entries = []
            for (title, ws), (_, source, frame) in zip(self._extras, extra, strict=True):
                table = frame_table(title, frame)
                _write_table(ws, self._formats, table, source)
                entries.append((ws.name, source, table["caption"], len(table["rows"])))
            reports = [item for *_, items in sorted(self._written) for item in items]
            self._in_order([sheet for sheet, _ in reports])
            entries += [entry for _, entry in reports]
            _contents(self._contents, self._formats, entries, self.client)
            self._closed = True
            self._book.close()
        self._tmp.replace(self.path)
        return self.path

    def _in_order(self, report_sheets: list) -> None:
        """Sheets in their final order: contents, extras, then ``report_sheets``.

        xlsxwriter writes sheets in the order they were added and has no call to move one,
        while reports come in as their notebooks finish. Its list of sheets is put in order
        here, and each sheet's ``index`` (the position its defined names refer to: the
        autofilter and the rows printed on every page) set to match; the workbook has no
        charts, tables or names that would hold an index of their own. The tests compare the
        file with one written in order, cell by cell and name by name."""
        final = [self._contents] + [ws for _, ws in self._extras] + report_sheets
        sheets = self._book.worksheets_objs
        if sorted(map(id, final)) != sorted(map(id, sheets)):
            raise RuntimeError("the workbook's sheets are not those written")
        sheets[:] = final
        for position, sheet in enumerate(final):
            sheet.index = position

    def discard(self) -> None:
        """Drop the workbook: nothing is renamed into place, the temporary file is removed."""
        with self._lock:
            if not self._closed:
                self._closed = True
                try:
                    self._book.close()
                except Exception:
                    pass
            self._tmp.unlink(missing_ok=True)


def write_workbook(
    path: Path,
    reports: Iterable[dict],
    extra: Iterable[tuple[str, str, pd.DataFrame]] = (),
    client: str = "",
) -> Path:
    """Write the run's workbook to ``path`` at once: contents, then one sheet per ``extra``
    entry (sheet title, source label, DataFrame: e.g. the executive summary's tables), then one
    sheet per table of each of ``reports`` (the notebooks' results files as read:
    ``notebook``, ``title``, ``tables``), in the order given. ``client`` (the client's name)
    heads the contents sheet. Returns ``path``.

    Written with xlsxwriter in its constant-memory mode (each row goes to disk as the next
    begins), which keeps a large client's million cells to seconds and little memory; it is
    written under a temporary name and renamed, so a half-written file never looks complete."""
    extra, reports = list(extra), list(reports)
    book = StreamedWorkbook(path, [title for title, _, _ in extra], [], client)
    try:
        for report in reports:  # no order given: the order they come in
            book.add(report)
        return book.close(extra)
    except BaseException:
        book.discard()
        raise
