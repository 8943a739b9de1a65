"""Safe display helpers for notebooks.

Client text (partner names, areas, notes) is untrusted: every helper here renders it through an
autoescaping template (:mod:`playbook.fragments`) or pandas' escaping ``to_html``, so notebooks
never build HTML from client data themselves.
"""

from __future__ import annotations

import base64
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.core.pylabtools import print_figure
from IPython.display import HTML, display
from markupsafe import Markup

from playbook.fragments import render
from playbook.gaps import Gap
from playbook.labels import label

#: Cell texts shown as a coloured red / amber / green badge (CSS class ``rag-<colour>``).
RAG_CELLS = {"Red": "red", "Amber": "amber", "Green": "green"}


def table_html(frame: pd.DataFrame, index: bool = False) -> str:
    """HTML of a frame with every cell and header escaped; every missing cell (NaN, None,
    ``<NA>``, NaT, whatever the column's type) shows as an em dash; whole numbers with
    thousands separators (``1,316``; a column named like a year is left as it is); a cell
    that reads exactly Red, Amber or Green carries the class ``rag-red`` / ``rag-amber`` /
    ``rag-green`` so it shows in its colour."""
    html = _dashes(_separated(frame)).to_html(
        index=index, escape=True, border=0, classes="playbook-table", na_rep="—"
    )
    for text, colour in RAG_CELLS.items():
        html = html.replace(f"<td>{text}</td>", f'<td class="rag rag-{colour}">{text}</td>')
    return html


def _separated(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with integer columns (and float columns holding whole numbers only) written
    with thousands separators; columns whose name says year are left alone."""
    out = frame
    for i in range(frame.shape[1]):
        col = frame.iloc[:, i]
        name = str(frame.columns[i]).lower()
        if "year" in name or col.dtype.kind not in "iuf" or col.dtype == bool:
            continue
        values = col.dropna()
        if col.dtype.kind == "f" and not (values == values.round()).all():
            continue
        if out is frame:
            out = frame.copy()
        out.isetitem(i, col.map(lambda v: "—" if pd.isna(v) else f"{int(v):,}").astype(object))
    return out


def _dashes(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the missing cells of every column but plain float and date ones (where
    pandas writes ``na_rep``) set to "—": pandas shows None as "None" and pd.NA as "<NA>"."""
    out = frame.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if col.isna().any() and not (isinstance(col.dtype, np.dtype) and col.dtype.kind in "fM"):
            out.isetitem(i, col.astype(object).where(col.notna(), "—"))
    return out


SCROLL_ROWS = 25  # tables longer than this scroll inside the page (all rows shown print)
#: A report shows at most this many rows of a table (the first ones, in the caller's order);
#: the workbook has them all. The demo client's longest partner tables (48 rows) stay whole.
SCREEN_ROWS = 50
MAX_SCREEN_COLUMNS = 8  # a report shows at most this many columns; the workbook has them all

#: Every table this kernel has shown, in order (see :func:`recorded_tables`). One kernel runs
#: one notebook, so this is the notebook's own list.
_RECORDED: list[dict] = []


def recorded_tables() -> list[dict]:
    """The tables shown so far, for the run's Excel workbook: dicts with ``caption``,
    ``columns`` and ``rows`` (cells as shown, full width: every column, every row)."""
    return list(_RECORDED)


def forget_tables() -> None:
    """Start a new list of recorded tables (:func:`playbook.notebook.start` does, so a live
    session that re-runs its cells records each table once)."""
    _RECORDED.clear()


def _record(frame: pd.DataFrame, caption: str, index: bool) -> None:
    """Add ``frame`` (with its index as first column when ``index``) to the recorded tables."""
    if index and frame.index.nlevels == 1 and frame.index.name is None:
        frame = frame.rename_axis("")  # an unnamed index has no header (not pandas' "index")
    full = frame.reset_index() if index else frame
    full = _dashes(full)
    _RECORDED.append(
        {
            "caption": caption,
            "columns": [str(c) for c in full.columns],
            "rows": full.astype(object).where(full.notna(), None).values.tolist(),
        }
    )


def show_table(
    frame: pd.DataFrame,
    caption: str = "",
    index: bool = False,
    columns: list[str] | None = None,
    max_columns: int = MAX_SCREEN_COLUMNS,
) -> None:
    """Display a frame as an escaped HTML table, with an optional escaped caption.

    ``columns`` are the ones shown on screen (at most ``max_columns``, by default
    :data:`MAX_SCREEN_COLUMNS`, more for a table of short cells whose caption promises its
    columns, such as a bounded matrix; without ``columns``, the first ones); the whole frame,
    every column, is recorded for the run's Excel workbook (``results.xlsx``) and the report
    says how many columns only the workbook has.
    A table of more than :data:`SCREEN_ROWS` rows shows its first ``SCREEN_ROWS`` rows, in the
    order the caller sorted it, and says so in a plain note under it ("Showing the first 50 of
    11,520 rows …"); the workbook has every row, so a client with thousands of partners gets a
    report of a readable size. A table of more than ``SCROLL_ROWS`` rows shown scrolls in a box
    about 30 rows high with its header fixed; printing shows every row shown. An empty frame is
    never shown as a header over nothing: its caption is shown followed by "none" (or "Nothing
    to list." without a caption).
    """
    if frame.empty:
        show_text(f"{caption} — none." if caption else "Nothing to list.")
        return
    _record(frame, caption, index)
    shown = frame[list(columns)] if columns else frame
    if len(shown) > SCREEN_ROWS:
        shown = shown.iloc[:SCREEN_ROWS]
    if shown.shape[1] > max_columns:
        shown = shown.iloc[:, :max_columns]
    hidden = frame.shape[1] - shown.shape[1]
    # pandas escapes every cell and header (escape=True), so its markup is passed through as is.
    body = Markup(table_html(shown, index=index))
    display(
        HTML(
            render(
                "fragments/table.html.j2",
                caption=caption,
                body=body,
                rows=len(shown),
                total=len(frame),
                scroll=len(shown) > SCROLL_ROWS,
                hidden=hidden,
            )
        )
    )


def show_text(text: str, heading: str = "") -> None:
    """Display plain text (escaped) as a paragraph, optionally under a heading."""
    display(HTML(render("fragments/text.html.j2", text=text, heading=heading)))


def show_takeaways(items: list[str]) -> None:
    """Display a report's takeaways (escaped): the section the HTML report shows first."""
    display(HTML(render("fragments/takeaways.html.j2", items=items)))


def show_list(items: list[str], heading: str = "") -> None:
    """Display an escaped bullet list."""
    display(HTML(render("fragments/list.html.j2", items=items, heading=heading)))


def not_supplied(table: str, section: str = "This section", columns: tuple[str, ...] = ()) -> None:
    """The one line shown in place of ``section`` when table ``table`` (or its ``columns``) was
    not supplied: which file and column(s) would fill it (:class:`playbook.gaps.Gap`). A
    notebook calls :func:`playbook.notebook.gap`, which also records it for the summary page."""
    show_gap(Gap(section, table, tuple(columns)))


def show_gap(gap: Gap) -> None:
    """Display ``gap``'s one line (escaped)."""
    display(
        HTML(
            render(
                "fragments/not_supplied.html.j2",
                section=gap.section,
                reason=gap.reason,
                fill=gap.fill,
            )
        )
    )


def show_header(
    client: str,
    as_of,
    currency: str,
    title: str,
    window: str = "",
    as_of_note: str = "",
    notes: list[str] | None = None,
) -> None:
    """Show the report's header in plain words: client, as-of date (with ``as_of_note``, where
    it came from when it was not given), currency and the reporting window (``window``: its
    label; left out when empty). ``title`` (``NN · trend``) and the client are carried as data
    for the HTML export, which titles the report "client — NN trend". ``notes`` are the fill
    rules applied to the client's data (:func:`playbook.problems.report_lines`), shown in
    client words (:func:`plain_note`) under "Notes on the data", a section the HTML export
    moves to the end of the report; none: no section. Every value is escaped.

    ``as_of`` is anything :class:`pandas.Timestamp` accepts; it is shown as ``YYYY-MM-DD``.
    """
    display(
        HTML(
            render(
                "fragments/header.html.j2",
                client=client,
                as_of=pd.Timestamp(as_of).date().isoformat(),
                currency=currency,
                title=title,
                as_of_note=as_of_note,
                window=window,
                notes=[plain_note(line) for line in notes or []],
            )
        )
    )


_NOTE_SUBJECT = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*): ")
_TABLE_COLUMN = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\b")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _words(code: str) -> str:
    """A table or column code in running text: its label, lower case unless an acronym."""
    text = label(code)
    return text if text.isupper() or text[:2].isupper() else text[:1].lower() + text[1:]


def plain_note(line: str) -> str:
    """A fill-rule line (``deals.amount: open deals without an amount: … (12 rows)``) in
    client words: the ``table.column`` it starts with as "Amount in deals", every other
    ``table.column`` and code in the text as words, and the check command named plainly."""
    found = _NOTE_SUBJECT.match(line)
    rest = line[found.end() :] if found else line
    rest = _TABLE_COLUMN.sub(
        lambda m: (
            m.group(0)
            if m.group(2) in {"yaml", "csv", "xlsx"}
            else f"{_words(m.group(2))} in {_words(m.group(1))}"
        ),
        rest,
    )
    rest = _SNAKE.sub(lambda m: _words(m.group(0)), rest)
    rest = rest.replace("playbook check", "the data check")
    if not found:
        return rest[:1].upper() + rest[1:]
    return f"{label(found.group(2))} in {_words(found.group(1))}: {rest}"


def figure_title(fig) -> str:
    """The title a chart states (its figure title, else its first axes title), on one line;
    "Chart" when it has none."""
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    titles += [ax.get_title() for ax in fig.axes]
    title = next((t for t in titles if t.strip()), "Chart")
    return " ".join(title.split())


def show_figure(fig) -> None:
    """Display a matplotlib figure inline as a PNG (the bytes IPython's inline display would
    show) whose alternative text is the chart's title (:func:`figure_title`, escaped), and
    free it."""
    png = base64.b64encode(print_figure(fig, "png")).decode("ascii")
    display(HTML(render("fragments/figure.html.j2", png=png, alt=figure_title(fig))))
    plt.close(fig)


#: Documents (cards) shown at most by :func:`show_documents`; more go to the workbook.
SCREEN_DOCUMENTS = 25


def show_documents(
    docs: list[dict], title_field: str, fields: dict[str, str], caption: str = "Documents"
) -> None:
    """Display records as readable document sections: a heading and a field table each.

    ``fields`` maps a record key to its label. All values are escaped. More than
    :data:`SCREEN_DOCUMENTS` records: the first ones are shown with a plain note, and all of
    them are recorded for the workbook as one table (``caption``, a column per field).
    """
    shown = docs[:SCREEN_DOCUMENTS]
    sections = [
        {
            "title": _text(d[title_field]),
            "rows": [(label, _text(d.get(key))) for key, label in fields.items()],
        }
        for d in shown
    ]
    display(HTML(render("fragments/documents.html.j2", docs=sections)))
    if len(docs) > len(shown):
        keys = [title_field, *(k for k in fields if k != title_field)]
        names = {title_field: "Name", **fields}
        _record(pd.DataFrame([{names[k]: d.get(k) for k in keys} for d in docs]), caption, False)
        show_text(
            f"Showing the first {len(shown):,} of {len(docs):,}; all {len(docs):,} are in the "
            "Excel workbook (results.xlsx)."
        )


def _text(value) -> str:
    """A record value as display text; missing values (None, NaN, NaT) show as an em dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)
