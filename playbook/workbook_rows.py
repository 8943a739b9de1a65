"""A table's body rows written into an xlsxwriter sheet at the speed of string joins.

xlsxwriter takes about 9 µs a cell: its public ``write_*`` call, then (in its constant-memory
mode, where each row goes to disk as the next begins) the cell's XML. A large client's workbook
holds 1.5 million cells: some 15 CPU-seconds. Yet down a report table's column the same cells
repeat (statuses, dates, amounts, "—"), and :func:`playbook.workbook._write_table` already
works out how each distinct cell of a column is written, once.

Here xlsxwriter itself writes each distinct cell of a column once: its public ``write_*`` call
stores it (with its conversions: a date to Excel's serial number, a text cut at Excel's limit),
its own cell writer renders the cell's XML. Each row is then assembled from those pieces and
each cell's reference (``B17``). What lands in the file is, byte for byte, what xlsxwriter
writes cell by cell (the tests compare both on tables with every kind of cell): formats get
their index in the same order (first use, row by row), rows without a cell are left out, and
the sheet's dimensions end where its writes would have put them.

It relies on a few internals of xlsxwriter's constant-memory worksheet: ``fh`` (the file the
rows go to), ``table`` (the row not yet written), ``previous_row``, ``dim_rowmax``,
``_write_single_row`` and ``_write_cell``, and a format's ``_get_xf_index``. The tests fail if
an xlsxwriter release changes them.
"""

from __future__ import annotations

import io

from xlsxwriter.utility import xl_col_to_name

#: Rows assembled before one write to the sheet's file.
ROWS_PER_WRITE = 2000

#: One column of a table: each row's key, and key → how its cell is written: (the sheet's
#: ``write_*`` method, value, format), or None for an empty cell.
Column = tuple[list, dict]


def write_body(ws, columns: list[Column], first: int) -> None:
    """Write the rows of ``columns`` into ``ws`` (a constant-memory worksheet) from row
    ``first`` (0-based) down, after the rows above it (title, header) are written."""
    height = max((len(keys) for keys, _ in columns), default=0)
    if not height:
        return
    ws._write_single_row(first)  # the rows above go to the file now, as xlsxwriter would
    _index_formats(columns)
    pieces = [_pieces(ws, j, how, first) for j, (_, how) in enumerate(columns)]
    refs = [f'<c r="{xl_col_to_name(j)}' for j in range(len(columns))]
    down = [[piece[k] for k in keys] for (keys, _), piece in zip(columns, pieces, strict=True)]
    last, out = None, []
    for i, cells in enumerate(zip(*down, strict=True), start=first):
        row = str(i + 1)
        xml = [f'{ref}{row}"{cell}' for ref, cell in zip(refs, cells, strict=True) if cell]
        if xml:
            out.append(f'<row r="{row}">{"".join(xml)}</row>')
            last = i
        if len(out) >= ROWS_PER_WRITE:
            ws.fh.write("".join(out))
            out.clear()
    ws.fh.write("".join(out))
    if last is not None:  # where the sheet's own writes would have left it
        ws.dim_rowmax = max(ws.dim_rowmax or 0, last)
        ws.previous_row = last


def _index_formats(columns: list[Column]) -> None:
    """Give each format of the rows its index in the order xlsxwriter would, cell by cell:
    the first row that uses it, then the first column (a format already in use keeps its)."""
    firsts = []
    for j, (keys, how) in enumerate(columns):
        first_row = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        for key, written in how.items():
            if written and written[2] is not None and key in first_row:
                firsts.append((first_row[key], j, written[2]))
    for _, _, cell_format in sorted(firsts, key=lambda t: (t[0], t[1])):
        cell_format._get_xf_index()


def _pieces(ws, col: int, how: dict, row: int) -> dict:
    """Key → the XML of that cell after its reference (``' s="3"><v>42</v></c>'``), or "" for
    an empty cell: stored by the sheet's own ``write_*`` method at (``row``, ``col``), rendered
    by its own cell writer, then taken out of the row."""
    pieces = {}
    prefix = f'<c r="{xl_col_to_name(col)}{row + 1}"'
    for key, written in how.items():
        if not written:
            pieces[key] = ""
            continue
        method, value, cell_format = written
        method(row, col, value, cell_format)
        cell = ws.table[row].pop(col, None)
        if cell is None:  # nothing stored (a blank without a format)
            pieces[key] = ""
            continue
        pieces[key] = _rendered(ws, row, col, cell)[len(prefix) :]
    return pieces


def _rendered(ws, row: int, col: int, cell) -> str:
    """The XML xlsxwriter writes for ``cell`` at (``row``, ``col``)."""
    sheet_file, ws.fh = ws.fh, io.StringIO()
    try:
        ws._write_cell(row, col, cell)
        return ws.fh.getvalue()
    finally:
        ws.fh = sheet_file
