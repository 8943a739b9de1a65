"""Safe display helpers for notebooks.

Client text (partner names, areas, notes) is untrusted: every helper here escapes it before it
reaches HTML, so notebooks never build HTML from client data themselves.
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display


def table_html(frame: pd.DataFrame, index: bool = False) -> str:
    """HTML of a frame with every cell and header escaped."""
    return frame.to_html(index=index, escape=True, border=0, classes="playbook-table",
                         na_rep="—")


SCROLL_ROWS = 25  # tables longer than this scroll inside the page (all rows print)


def show_table(frame: pd.DataFrame, caption: str = "", index: bool = False) -> None:
    """Display a frame as an escaped HTML table, with an optional escaped caption.

    A table of more than ``SCROLL_ROWS`` rows keeps every row but scrolls in a box about 30 rows
    high with its header fixed, so a client with hundreds of partners still gets a readable
    report; printing shows all rows.
    """
    rows = f" ({len(frame):,} rows)" if len(frame) > SCROLL_ROWS else ""
    head = f"<p><b>{html.escape(caption)}</b>{rows}</p>" if caption else ""
    body = table_html(frame, index=index)
    if rows:
        body = ('<div class="playbook-scroll" style="max-height:38em;overflow:auto">'
                f"{body}</div>")
    display(HTML(head + body))


def show_text(text: str, heading: str = "") -> None:
    """Display plain text (escaped) as a paragraph, optionally under a heading."""
    head = f"<h4>{html.escape(heading)}</h4>" if heading else ""
    display(HTML(f"{head}<p>{html.escape(text)}</p>"))


def show_list(items: list[str], heading: str = "") -> None:
    """Display an escaped bullet list."""
    head = f"<h4>{html.escape(heading)}</h4>" if heading else ""
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    display(HTML(f"{head}<ul>{body}</ul>"))


def not_supplied(table: str) -> None:
    """The standard message for an optional table the client did not supply."""
    display(HTML(f"<p><b>Not supplied</b> — the client has no <code>{html.escape(table)}</code> "
                 f"table. Fill the template <code>{html.escape(table)}.csv</code> (or sheet "
                 f"<code>{html.escape(table)}</code>) written by <code>playbook new</code> and "
                 "re-run.</p>"))


def show_figure(fig) -> None:
    """Display a matplotlib figure inline (as PNG in the report) and free it."""
    display(fig)
    plt.close(fig)


def show_documents(docs: list[dict], title_field: str, fields: dict[str, str]) -> None:
    """Display records as readable document sections: a heading and a field table each.

    ``fields`` maps a record key to its label. All values are escaped.
    """
    parts = []
    for d in docs:
        rows = "".join(f"<tr><th>{html.escape(label)}</th><td>{html.escape(_text(d.get(key)))}"
                       "</td></tr>" for key, label in fields.items())
        parts.append(f'<section class="playbook-doc"><h4>{html.escape(_text(d[title_field]))}'
                     f"</h4><table>{rows}</table></section>")
    display(HTML("".join(parts)))


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)
