"""What every trend notebook does first and last: :func:`start` and :func:`finish`.

``start`` finds and loads the workspace (the runner's validated snapshot when there is one),
fixes the as-of date and the reporting window, shows the report's header and returns a frozen
:class:`TrendContext`; ``finish`` shows a trend's findings and records its figures in the run
folder. A notebook in between is parameters, narrative, calls and display only.

Errors here are shown as a short, readable message (no traceback): see
:class:`~playbook.exceptions.NotebookInputError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from playbook import check_cache, consistency, display, labels, results
from playbook.config import DEMO_WORKSPACE, PROJECT_ROOT
from playbook.deals import ReportingWindow
from playbook.exceptions import NotebookInputError, WorkspaceError
from playbook.gaps import Gap
from playbook.params import resolve_as_of
from playbook.problems import has_errors, report_lines
from playbook.snapshot import SnapshotError
from playbook.workspace import Workspace, load_snapshot, load_workspace


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


def open_workspace(path: str, snapshot: str = "") -> Workspace:
    """Load and validate the workspace, or stop the notebook with every problem listed.

    Under the runner, ``snapshot`` is the workspace it validated and saved in the run folder:
    it is used instead of reading the files again (if it is a snapshot of this workspace).
    Without one (a live session: JupyterLab, ``playbook workshop``), the workspace's own
    validated cache is used while none of its files changed (:mod:`playbook.check_cache`), so
    a page opens in about a second instead of validating every file again.
    """
    folder = resolve_workspace(path)
    if snapshot and Path(snapshot).exists():
        try:
            ws = load_snapshot(Path(snapshot))
        except SnapshotError:  # not a snapshot of this version: validate the files instead
            ws = None
        if ws is not None and Path(ws.path).resolve() == folder:
            return ws
    if not snapshot:
        checked = check_cache.check(folder)
        if checked.workspace is not None and not has_errors(checked.problems):
            return checked.workspace
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
        raise NotebookInputError(
            f"{name}: unknown key(s) {unknown}; expected some of {list(allowed)}"
        )


@dataclass(frozen=True)
class TrendContext:
    """Everything a trend notebook works from, fixed once by :func:`start`.

    ``as_of`` is the as-of date (midnight); ``window`` the reporting window ending with it, or
    ``None`` for a trend without one; ``notebook_id`` and ``results_file`` are set by the runner
    (empty in a live session, where nothing is recorded). ``gaps`` collects the sections
    :func:`gap` showed as not filled, for :func:`finish` to record.
    """

    ws: Workspace
    as_of: pd.Timestamp
    window: ReportingWindow | None
    title: str
    notebook_id: str = ""
    results_file: str = ""
    gaps: list[Gap] = field(default_factory=list, compare=False)

    @property
    def currency(self) -> str:
        """The client's reporting currency (ISO code from ``profile.yaml``)."""
        return self.ws.profile.currency

    @property
    def partners(self) -> pd.DataFrame:
        """The partners table."""
        return self.ws.table("partners")

    @property
    def deals(self) -> pd.DataFrame:
        """The deals table."""
        return self.ws.table("deals")


def start(
    title: str,
    workspace: str,
    as_of: str,
    *,
    window_months: int | None = None,
    notebook_id: str = "",
    results_file: str = "",
    snapshot: str = "",
) -> TrendContext:
    """Open the workspace, fix the as-of date (and the reporting window of ``window_months``
    months, when the trend has one), show the report's header (titled ``NN · title`` under the
    runner, ``NN`` from ``notebook_id``; the as-of date with where it came from: the data, or
    "set for this run"); return the trend's context.

    ``workspace`` and ``as_of`` are the notebook's parameters of those names; ``notebook_id``,
    ``results_file`` and ``snapshot`` are the ones the runner injects.
    """
    ws = open_workspace(workspace, snapshot)
    labels.use_client_labels(ws.profile.partner_type_labels)  # the client's type names
    display.forget_tables()
    as_of_date, as_of_note = resolve_as_of(as_of, ws)
    window = (
        ReportingWindow.ending(as_of_date, int(window_months))
        if window_months is not None
        else None
    )
    ctx = TrendContext(ws, as_of_date, window, title, notebook_id, results_file)
    number = notebook_id[:2] if notebook_id[:2].isdigit() else ""
    display.show_header(
        ws.profile.name,
        as_of_date,
        ctx.currency,
        f"{number} · {title}" if number else title,
        f"{window.label} ({window.months} months)" if window else "",
        as_of_note or "set for this run",
        report_lines(ws.fills),
    )
    return ctx


def gap(ctx: TrendContext, section: str, table: str, *columns: str) -> None:
    """Show, in place of ``section``, the one line saying which file (``table``, or
    :data:`playbook.gaps.PROFILE`) and which ``columns`` would fill it, and record it for the
    summary page's "what this client's data could not show". No columns: the table itself is
    missing."""
    found = Gap(section, table, tuple(columns))
    display.show_gap(found)
    if found not in ctx.gaps:
        ctx.gaps.append(found)


def lacks(ctx: TrendContext, section: str, *needs: str) -> bool:
    """True, after showing and recording the :func:`gap`, when ``section`` lacks one of its
    ``needs``: a table name (``"accounts"``: not supplied, or no rows) or a ``"table.column"``
    with no value in any row (``"partners.interest"``). The first table that lacks something
    names all of its blank columns in the one line; False when every need is met."""
    tables: dict[str, list[str]] = {}
    for need in needs:
        table, _, column = need.partition(".")
        tables.setdefault(table, []).extend([column] if column else [])
    for table, columns in tables.items():
        if not ctx.ws.has(table):
            gap(ctx, section, table)
            return True
        frame = ctx.ws.table(table)
        blank = [c for c in columns if frame[c].isna().all()]
        if blank:
            gap(ctx, section, table, *blank)
            return True
    return False


def finish(ctx: TrendContext, result: results.TrendResult) -> None:
    """Show the trend's takeaways (its findings; the HTML report moves them to the top, after
    the header) and record its figures, key findings, actions, partner records and every table
    shown, with the sections :func:`gap` showed as not filled, for the run's summary page and
    workbook (nothing is recorded in a live session). Returns nothing, so a report shows no
    stray value."""
    display.show_takeaways(result.findings or ["No finding: the data supports none."])
    recorded = [g.as_dict() for g in ctx.gaps]
    result = replace(
        result, not_shown=recorded + [g for g in result.not_shown if g not in recorded]
    )
    results.write(
        ctx.results_file,
        ctx.notebook_id,
        ctx.title,
        result,
        display.recorded_tables(),
        as_of=ctx.as_of.date().isoformat(),
        currency=ctx.currency,
    )


def show_to_discuss(ctx: TrendContext, *topics: str) -> None:
    """Show, under "To discuss with the client", where the client's answers on ``topics``
    (:data:`playbook.consistency.RULES`) contradict its own data at the as-of date; nothing when
    they agree."""
    points = consistency.to_discuss(ctx.ws.tables, ctx.as_of, topics=set(topics))
    if points:
        display.show_table(
            consistency.view(points),
            caption="To discuss with the client: answers the client's own data contradicts",
        )
