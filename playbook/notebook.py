"""What every trend notebook does first: find the workspace, load it, fix the as-of date.

Errors here are shown as a short, readable message (no traceback): the exception class implements
IPython's ``_render_traceback_`` hook.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from playbook.config import DEMO_WORKSPACE, PROJECT_ROOT
from playbook.exceptions import NotebookInputError, WorkspaceError
from playbook.workspace import (
    SNAPSHOT_FILE,
    Workspace,
    load_snapshot,
    load_workspace,
)


def resolve_workspace(path: str) -> Path:
    """The workspace folder; an empty string means the demo client shipped in ``data/``.

    A relative path is taken from the working directory; if nothing is there but the project
    root has it (JupyterLab runs notebooks from ``notebooks/``), the project root's is used.
    """
    if not path:
        return DEMO_WORKSPACE
    given = Path(path).expanduser()
    here = given.resolve()
    if not given.is_absolute() and not here.exists() and (PROJECT_ROOT / given).is_dir():
        return (PROJECT_ROOT / given).resolve()
    return here


def open_workspace(path: str, results_dir: str = "") -> Workspace:
    """Load and validate the workspace, or stop the notebook with every problem listed.

    Under the runner (``results_dir`` set), the workspace snapshot the runner validated and
    saved in the run folder is used instead of reading the files again.
    """
    folder = resolve_workspace(path)
    if results_dir:
        snapshot = Path(results_dir).parent / SNAPSHOT_FILE
        if snapshot.exists():
            ws = load_snapshot(snapshot)
            if Path(ws.path).resolve() == folder:
                return ws
    try:
        return load_workspace(folder)
    except WorkspaceError as exc:
        raise NotebookInputError(
            f"{exc}\nRun `playbook check {folder}` for the full list, fix the data and re-run."
        ) from None


def check_keys(name: str, mapping: dict, allowed) -> None:
    """Stop with a clear message when a dict parameter names keys that do not exist."""
    unknown = [k for k in mapping if k not in allowed]
    if unknown:
        raise NotebookInputError(f"{name}: unknown key(s) {unknown}; expected some of "
                                 f"{list(allowed)}")


def parse_as_of(text: str) -> pd.Timestamp:
    """An ``as_of`` parameter as a date: exactly ``YYYY-MM-DD`` and a real calendar day."""
    value = str(text).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return pd.Timestamp(value).normalize()
        except ValueError:
            pass
    raise NotebookInputError(f"as_of {text!r}: expected a date as YYYY-MM-DD")


def resolve_as_of(as_of: str, ws: Workspace) -> pd.Timestamp:
    """The as-of date: the parameter if given (YYYY-MM-DD), else the latest deal date in the data.

    Using the data's own latest date keeps a re-run of the same export reproducible.
    """
    if as_of:
        return parse_as_of(as_of)
    deals = ws.table("deals")
    latest = pd.concat([deals["created_date"], deals["close_date"]]).max()
    if pd.isna(latest):
        raise NotebookInputError("as_of is empty and the deals table has no dates")
    return pd.Timestamp(latest).normalize()


def header(ws: Workspace, as_of: pd.Timestamp, title: str) -> None:
    """Show the client, the as-of date and the tables supplied, escaped."""
    missing = ws.missing_optional
    display(HTML(
        f"<p><b>Client:</b> {html.escape(ws.profile.name)} &nbsp; <b>As of:</b> "
        f"{as_of.date().isoformat()} &nbsp; <b>Currency:</b> {html.escape(ws.profile.currency)}"
        f"<br><b>Notebook:</b> {html.escape(title)}"
        + (f"<br><b>Tables not supplied:</b> {html.escape(', '.join(missing))}" if missing
           else "") + "</p>"))
