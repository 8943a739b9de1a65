"""The commands across runs: ``playbook compare RUN_A RUN_B`` and ``playbook portfolio
REPORTS_DIR`` (registered on the ``playbook`` group by :mod:`playbook.cli`)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from playbook.config import DEFAULT_REPORTS_DIR
from playbook.exceptions import RunReadError
from playbook.labels import plural
from playbook.problems import printable

console = Console(highlight=False, soft_wrap=True)

_VERDICT_STYLE = {"better": "green", "worse": "red"}


def _say(text: str, style: str | None = None) -> None:
    """Print one line; client text in it is shown as is, never read as rich markup."""
    console.print(printable(text), style=style, markup=False)


def _figures_table(cmp) -> Table:
    """The headline figures of a comparison as a terminal table."""
    table = Table(show_lines=False, header_style="bold")
    why = any(f.why for f in cmp.figures)
    columns = [("Figure", "left"), (cmp.older.as_of or "older", "right")]
    columns += [(cmp.newer.as_of or "newer", "right"), ("Change", "right"), ("", "left")]
    for name, justify in columns + ([("Why missing", "left")] if why else []):
        table.add_column(name, justify=justify, overflow="fold")
    for f in cmp.figures:
        verdict = "" if f.verdict == "same" else f.verdict
        cells = [f"{f.report[:2]} {f.label}", f.before_text, f.after_text, f.change_text, verdict]
        cells += [f.why] if why else []
        table.add_row(*(printable(c) for c in cells), style=_VERDICT_STYLE.get(f.verdict))
    return table


@click.command()
@click.argument("run_a", type=click.Path(path_type=Path))
@click.argument("run_b", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The HTML page to write (default: compare-RUN-to-RUN.html beside the newer run).",
)
def compare(run_a: Path, run_b: Path, out: Path | None) -> None:
    """What changed between two runs of one client: headline figures, input files,
    assumptions (runs given in any order are shown older to newer)."""
    from playbook.compare import compare_runs, default_page, page_html, what_changed
    from playbook.run_record import read_run

    try:
        cmp = compare_runs(read_run(run_a), read_run(run_b))
    except RunReadError as exc:
        raise click.UsageError(printable(str(exc))) from None
    _say(f"{cmp.newer.client_name}: {cmp.older.path.name} → {cmp.newer.path.name}", style="bold")
    for line in what_changed(cmp):
        _say(f"  {line}")
    console.print(_figures_table(cmp))
    for kind in ("changed", "added", "removed"):
        for file in cmp.inputs[kind]:
            _say(f"  input {kind}: {file}")
    for a in cmp.assumptions:
        _say(f"  assumption {a['report']} {a['name']}: {a['before']} → {a['after']}")
    page = out or default_page(cmp)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(page_html(cmp, page), encoding="utf-8")
    _say(f"Comparison written to {page}")


@click.command()
@click.argument(
    "reports_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_REPORTS_DIR,
    required=False,
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the page and the JSON file (default: REPORTS_DIR).",
)
@click.option(
    "--named",
    is_flag=True,
    help="Name the clients (for the consultancy's own eyes; written as portfolio-named.*).",
)
def portfolio(reports_dir: Path, out: Path | None, named: bool) -> None:
    """The latest run of every client under REPORTS_DIR side by side: per headline figure the
    quartiles across clients and each client's position (anonymised unless --named)."""
    from playbook import portfolio as book
    from playbook.run_record import finished_runs, latest_per_client

    try:
        runs, unreadable = finished_runs(reports_dir)
    except RunReadError as exc:
        raise click.UsageError(printable(str(exc))) from None
    for line in unreadable:
        _say(f"left out: {line}", style="yellow")
    latest = latest_per_client(runs)
    if not latest:
        raise click.UsageError(
            f"{printable(str(reports_dir))}: no finished run to put in a portfolio"
        )
    built = book.build(latest, named=named)
    page, data = book.write(built, out or reports_dir, len(unreadable))
    _say(
        f"{plural(len(latest), 'client')} (the latest of {plural(len(runs), 'run')}), data as of "
        f"{built['earliest_as_of']} to {built['as_of']}."
    )
    _say(f"Portfolio page written to {page}")
    _say(f"Portfolio file (for playbook run --portfolio) written to {data}")


def portfolio_reference(file: Path | None) -> dict | None:
    """``run --portfolio FILE`` checked before anything runs: what each manifest records of
    it (``file``, absolute; ``clients``; ``as_of``), or ``None`` without one."""
    if file is None:
        return None
    from playbook.benchmark import read_portfolio

    try:
        data = read_portfolio(file)
    except RunReadError as exc:
        raise click.UsageError(f"--portfolio {printable(str(exc))}") from None
    return {"file": str(Path(file).resolve()), "clients": data["clients"], "as_of": data["as_of"]}
