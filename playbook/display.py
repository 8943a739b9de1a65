"""Safe display helpers for notebooks.

Client text (partner names, areas, notes) is untrusted: every helper here renders it through an
autoescaping template (:mod:`playbook.fragments`) or pandas' escaping ``to_html``, so notebooks
never build HTML from client data themselves.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup

from playbook.fragments import render


def table_html(frame: pd.DataFrame, index: bool = False) -> str:
    """HTML of a frame with every cell and header escaped."""
    return frame.to_html(index=index, escape=True, border=0, classes="playbook-table", na_rep="—")


SCROLL_ROWS = 25  # tables longer than this scroll inside the page (all rows print)


def show_table(frame: pd.DataFrame, caption: str = "", index: bool = False) -> None:
    """Display a frame as an escaped HTML table, with an optional escaped caption.

    A table of more than ``SCROLL_ROWS`` rows keeps every row but scrolls in a box about 30 rows
    high with its header fixed, so a client with hundreds of partners still gets a readable
    report; printing shows all rows.
    """
    # pandas escapes every cell and header (escape=True), so its markup is passed through as is.
    body = Markup(table_html(frame, index=index))
    display(
        HTML(
            render(
                "fragments/table.html.j2",
                caption=caption,
                body=body,
                rows=len(frame),
                scroll=len(frame) > SCROLL_ROWS,
            )
        )
    )


def show_text(text: str, heading: str = "") -> None:
    """Display plain text (escaped) as a paragraph, optionally under a heading."""
    display(HTML(render("fragments/text.html.j2", text=text, heading=heading)))


def show_list(items: list[str], heading: str = "") -> None:
    """Display an escaped bullet list."""
    display(HTML(render("fragments/list.html.j2", items=items, heading=heading)))


def not_supplied(table: str) -> None:
    """The standard message for an optional table the client did not supply."""
    display(HTML(render("fragments/not_supplied.html.j2", table=table)))


def show_header(
    client: str,
    as_of,
    currency: str,
    title: str,
    missing: list[str],
    window: str = "",
    as_of_note: str = "",
    fills: list[str] | None = None,
) -> None:
    """Show the notebook header: client, as-of date, currency, notebook title, the reporting
    window (``window``: its label; left out when empty) and the optional tables not supplied
    (none: that line is left out). ``as_of_note`` says where the as-of date came from when it
    was not given; ``fills`` are the fill rules applied to the client's data
    (:class:`playbook.fills.Fill` texts; none: that line is left out). Every value is escaped.

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
                missing=list(missing),
                fills=list(fills or []),
            )
        )
    )


def show_figure(fig) -> None:
    """Display a matplotlib figure inline (as PNG in the report) and free it."""
    display(fig)
    plt.close(fig)


def show_documents(docs: list[dict], title_field: str, fields: dict[str, str]) -> None:
    """Display records as readable document sections: a heading and a field table each.

    ``fields`` maps a record key to its label. All values are escaped.
    """
    sections = [
        {
            "title": _text(d[title_field]),
            "rows": [(label, _text(d.get(key))) for key, label in fields.items()],
        }
        for d in docs
    ]
    display(HTML(render("fragments/documents.html.j2", docs=sections)))


def _text(value) -> str:
    """A record value as display text; missing values (None, NaN, NaT) show as an em dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)
