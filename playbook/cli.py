"""Command line: ``playbook new | map | check | run | workshop | demo | dictionary`` (and
``compare`` and ``portfolio`` from :mod:`playbook.cli_compare`, ``materials`` from
:mod:`playbook.cli_materials`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from playbook import check_cache, cli_compare, cli_materials, cli_workshop
from playbook.config import DEFAULT_REPORTS_DIR, DEMO_WORKSPACE, NOTEBOOKS_DIR, PROJECT_ROOT
from playbook.crm_presets import PRESET_NAMES
from playbook.labels import plural
from playbook.problems import Problem, Severity, formula_safe, one_line, printable, same_cause
from playbook.problems import errors as problem_errors
from playbook.rundir import RunStatus

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


def _say(text: str, style: str | None = None) -> None:
    """Print one message. Client text in it (file names, headers, cells, workspace paths,
    notebook errors) shows its control characters as visible escapes (:func:`printable`), so
    it cannot drive the terminal, and is never read as rich markup."""
    console.print(printable(text), style=style, markup=False)


def _print_problems(
    problems: list[Problem], show_notes: bool = True, every_row: bool = False
) -> None:
    """Errors, then warnings, then notes, file and row order within: one line per root cause
    (same file, column and message) with its row count and the first rows and values, or one
    line per problem with ``every_row``.

    Client text is printed as is (:func:`_say`): never interpreted as rich markup, so a cell
    such as ``[/bold]`` shows up instead of crashing the command, and its terminal escapes are
    shown, not acted on.
    """
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    shown = [p for p in problems if show_notes or p.level != Severity.NOTE]
    shown = sorted(shown, key=lambda p: (order[p.level], p.file, p.row or 0))
    groups = [[p] for p in shown] if every_row else same_cause(shown)
    for group in groups:
        style = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "dim"}
        _say(one_line(group), style=style[group[0].level])
    if any(len(g) > 1 for g in groups):
        _say(
            "(one line per cause with its row count; --all lists every row)",
            style="dim",
        )


def _print_error_summary(problems: list[Problem], top: int = 5) -> None:
    """Where most errors are (file and column), so a pattern in hundreds of lines stands out."""
    counts: dict[tuple[str, str], list[int]] = {}
    for p in problems:
        if p.level == Severity.ERROR:
            counts.setdefault((p.file, p.column or "—"), []).append(p.row or 0)
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))[:top]
    _say("\nMost errors:", style="red")
    for (file, column), rows in ranked:
        first = min((r for r in rows if r), default=None)
        _say(
            f"  {len(rows):>6}  {file}, column {column}"
            + (f" (first at row {first})" if first else ""),
        )


@click.group()
@click.version_option(package_name="partner-playbook")
def main() -> None:
    """Partner ecosystem playbook: workspaces, validation and batch reports."""


#: ``--from CRM`` of ``new`` and ``map``: the preset the exports are read with.
_from_crm = click.option(
    "--from",
    "crm",
    type=click.Choice(list(PRESET_NAMES)),
    default=None,
    help="The CRM the EXPORTS come from (detected from their headers if left out; "
    "`generic` for plain column names).",
)


@main.command()
@click.argument("name")
@click.argument("exports", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create the workspace in.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "excel"]),
    default="csv",
    show_default=True,
    help="One CSV per table, or one Excel workbook.",
)
@_from_crm
def new(name: str, exports: tuple[Path, ...], parent: Path, fmt: str, crm: str | None) -> None:
    """Create an empty, documented client workspace NAME; with EXPORTS (CRM exports: deals,
    and optionally a partner list, an accounts export, a users list), map them in with --from."""
    from playbook.template import new_workspace

    if exports:
        _new_from_exports(name, list(exports), parent, crm, fmt)
        return
    if crm:
        raise click.UsageError(
            "--from needs the export files: playbook new NAME --from CRM FILE..."
        )
    try:
        path = new_workspace(parent, name, fmt)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(printable(str(exc))) from None
    _say(
        f"Created workspace {path}. Fill profile.yaml and the tables, then run "
        f"`playbook check {path}`. The blank workshop materials (agenda, readiness "
        f"questionnaire, channel checklist, partner plan, Partner Requirements Document) are "
        f"in {path / 'materials'}.",
    )


def _new_from_exports(
    name: str, exports: list[Path], parent: Path, crm: str | None, fmt: str
) -> None:
    from playbook.crm_import import new_from_exports, propose, report

    proposal = propose(exports, crm)
    for line in report(proposal):
        _say(line)
    if not proposal.ok:
        _print_problems(proposal.problems)
        raise click.ClickException("nothing created: see the problems above")
    try:
        path = new_from_exports(parent, name, proposal, fmt)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(printable(str(exc))) from None
    _say(
        f"\nCreated workspace {path}: the exports are copied in unchanged and profile.yaml maps "
        f"them (files, column_names, value_names). Next: `playbook check {path}`.",
    )


@main.command("map")
@click.argument(
    "exports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_from_crm
def map_exports(exports: tuple[Path, ...], crm: str | None) -> None:
    """Propose the profile.yaml mapping of CRM EXPORTS (prints it and how each file, header
    and stage value is read); creates nothing."""
    from playbook.crm_import import profile_mapping_yaml, propose, report

    proposal = propose(list(exports), crm)
    for line in report(proposal):
        _say(line)
    _print_problems(proposal.problems)
    if proposal.crm is None:
        sys.exit(1)
    _say("\nprofile.yaml mapping:\n")
    _say(profile_mapping_yaml(proposal))
    sys.exit(0 if proposal.ok else 1)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=DEMO_WORKSPACE)
@click.option("--quiet", is_flag=True, help="Hide notes on what was normalised.")
@click.option("--all", "every_row", is_flag=True, help="One line per problem, not one per cause.")
def check(path: Path, quiet: bool, every_row: bool) -> None:
    """Validate a workspace and print every problem, one line per cause with its row count
    (exit status 1 if any error)."""
    checked = check_cache.check(path, reuse=False)  # leaves the snapshot `playbook run` reuses
    ws, problems = checked.workspace, list(checked.problems)
    if ws is not None:  # the client's own assumptions, against the notebooks' parameters
        from playbook.profile_params import check_section, summary

        problems += check_section(ws.profile.parameters, NOTEBOOKS_DIR)
    _print_problems(problems, show_notes=not quiet, every_row=every_row)
    if checked.note and not quiet:
        _say(f"note: {checked.note}")
    errors = sum(p.level == Severity.ERROR for p in problems)
    warnings = sum(p.level == Severity.WARNING for p in problems)
    if errors:
        if errors > 10 and every_row:
            _print_error_summary(problems)
        causes = len(same_cause(problem_errors(problems)))
        _say(
            f"{path}: {plural(errors, 'error')} from {plural(causes, 'cause')}, "
            f"{plural(warnings, 'warning')}.",
            style="red",
        )
        sys.exit(1)
    # deals: the export's deals, not the credit lines a split deal becomes (playbook.deals)
    rows = ", ".join(
        f"{k} {v['deal_id'].nunique() if k == 'deals' else len(v)}" for k, v in ws.tables.items()
    )
    _say(f"{path}: OK ({plural(warnings, 'warning')}). Rows: {rows}.", style="green")
    if summary(ws.profile.parameters):
        _say(printable(f"Assumptions set in profile.yaml: {summary(ws.profile.parameters)}."))


def _print_pack(outcome) -> bool:
    """Say where a run's client pack is and how many pages it has, or why it is missing (one
    line); ``True`` when a pack was asked for and not written."""
    if outcome.pack is None:
        return False
    if outcome.pack["written"]:
        pages = outcome.pack["pages"]
        _say(
            f"  Client pack: {outcome.run_dir / outcome.pack['file']} ({plural(pages, 'page')})",
            style="green",
        )
        return False
    _say(
        f"  PDF pack not written: {outcome.pack['error']} The HTML reports were written "
        f"({outcome.summary}).",
        style="red",
    )
    return True


def _print_history(run_dir: Path | None) -> None:
    """Which earlier run the summary and reports compare with (``playbook.history``)."""
    import json

    from playbook.rundir import RunFolder

    if run_dir is None:
        return
    manifest = json.loads(RunFolder(run_dir).manifest.read_text(encoding="utf-8"))
    previous = (manifest.get("history") or {}).get("previous")
    if previous:
        _say(f"  compared with the previous run {printable(previous)}")
    else:
        _say("  no earlier run of this client to compare with")


@main.command()
@click.argument("workspaces", nargs=-1, type=click.Path(path_type=Path))
@click.option("--only", default="", help="Comma-separated notebook numbers, e.g. 05,01.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Notebooks executed at once (across all workspaces).",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a notebook parameter (repeatable).",
)
@click.option("--show-code", is_flag=True, help="Keep code cells in the HTML reports.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_REPORTS_DIR,
    show_default=True,
    help="Folder for run folders (default: ./reports under the current directory).",
)
@click.option(
    "--timeout",
    type=click.IntRange(1, 86_400),
    default=600,
    show_default=True,
    help="Seconds a single cell may run before the notebook fails (1 to 86400, a day).",
)
@click.option(
    "--notebooks",
    "notebooks_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=NOTEBOOKS_DIR,
    show_default=True,
    help="Folder of NN-name.ipynb trend notebooks.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Also print one client pack PDF per workspace (needs Chromium or Chrome).",
)
@click.option(
    "--revalidate",
    is_flag=True,
    help="Validate every workspace afresh, even if `playbook check` left a snapshot of it "
    "and no input has changed since.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT|local",
    default=None,
    help="Run the notebooks on a Dask cluster (`dask scheduler` at that address; its workers "
    "need this package, no shared folder), or `local`: a Dask cluster of --jobs workers on "
    "this machine. Default: the local process pool.",
)
@click.option(
    "--portfolio",
    "portfolio_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A portfolio.json written by `playbook portfolio`: each summary page shows where "
    "the client stands among the portfolio's clients.",
)
@click.option(
    "--history",
    "history_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the clients' earlier runs to compare with (default: the --out folder).",
)
@click.option(
    "--fresh-kernels",
    is_flag=True,
    help="Start a new Python kernel for every notebook. By default a worker runs the notebooks "
    "of one client's run in one kernel, reset between them (never two clients in one kernel).",
)
def run(
    workspaces,
    only,
    jobs,
    params,
    show_code,
    out,
    timeout,
    notebooks_dir,
    pdf,
    revalidate,
    scheduler,
    portfolio_file,
    history_dir,
    fresh_kernels,
) -> None:
    """Validate WORKSPACES (default: the demo client) and produce their reports."""
    from playbook.exceptions import RunError, RunInterrupted
    from playbook.runner import run as run_all

    workspaces = list(workspaces) or [DEMO_WORKSPACE]
    portfolio = cli_compare.portfolio_reference(portfolio_file)
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        auto_refresh=False,  # no refresh thread: the runner may fork its workers (runner.run)
    ) as bar:
        task = bar.add_task("validating", total=None)

        def progress(desc, n):
            if desc == "start":
                bar.update(
                    task, total=n, description="running notebooks" if n else "nothing to run"
                )
            else:
                bar.update(task, advance=n, description=printable(desc))
            bar.refresh()

        try:
            outcomes = run_all(
                workspaces,
                out,
                only=[o for o in only.split(",") if o] or None,
                jobs=jobs,
                params=list(params),
                show_code=show_code,
                timeout=timeout,
                progress=progress,
                notebooks_dir=notebooks_dir,
                pdf=pdf,
                revalidate=revalidate,
                scheduler=scheduler,
                portfolio=portfolio,
                history=history_dir,
                fresh_kernels=fresh_kernels,
                fork=True,
            )
        except RunError as exc:
            raise click.UsageError(printable(str(exc))) from None
        except RunInterrupted as stop:
            bar.stop()
            _say(
                "\nInterrupted. Unfinished runs stay as hidden .partial folders (no "
                "report is marked complete): " + ", ".join(str(p) for p in stop.partial_dirs),
                style="yellow",
            )
            sys.exit(130)
    failed = False
    for o in outcomes:
        if o.status == RunStatus.INVALID:
            failed = True
            _say(f"\n{o.workspace}: not run — the workspace has errors:", style="red")
            _print_problems(problem_errors(o.problems))
            continue
        failed |= o.status != RunStatus.OK
        style = "green" if o.status == RunStatus.OK else "red"
        _say(
            f"\n{o.workspace}: {o.status.upper()} → {o.summary}",
            style=style,
        )
        for nb in o.notebooks:
            line = f"  {nb['notebook']}: {nb['status']} ({nb['seconds']} s)"
            if nb["error"]:
                line += f" — {nb['error'].splitlines()[0]}"
            _say(line)
        _print_history(o.run_dir)
        failed |= _print_pack(o)
    _say(f"\nTotal {time.perf_counter() - started:.1f} s.")
    sys.exit(1 if failed else 0)


@main.command("hash-accounts")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--salt", required=True, help="The salt agreed with the vendor (profile hash_salt).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="CSV to write: partner_id, domain_hash, relationship.",
)
def hash_accounts(source: Path, salt: str, out: Path) -> None:
    """Turn a raw partner account list (CSV with partner_id, domain, relationship) into salted
    hashes of normalised domains, for partners who will not share raw accounts."""
    import pandas as pd

    from playbook.overlap import hashed_list

    raw = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = {"partner_id", "domain", "relationship"} - set(raw.columns)
    if missing:
        raise click.ClickException(
            f"{printable(source.name)}: missing column(s) {', '.join(sorted(missing))}"
            "; expected partner_id, domain, relationship"
        )
    hashed = hashed_list(raw, salt)
    # a partner id or relationship such as =HYPERLINK(…) stays text in a spreadsheet
    hashed.map(formula_safe).to_csv(out, index=False)
    _say(
        f"{len(hashed)} of {len(raw)} rows hashed to {out} "
        f"({len(raw) - len(hashed)} without a domain dropped).",
    )


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEMO_WORKSPACE,
    show_default=True,
)
def demo(out: Path) -> None:
    """(Re)generate the demo client's workspace from its seed."""
    from playbook.demo import generate_demo

    _say(f"Demo client written to {generate_demo(out)}")


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=PROJECT_ROOT / "docs" / "data-dictionary.md",
    show_default=True,
)
def dictionary(out: Path) -> None:
    """Write the data dictionary generated from the schema code."""
    from playbook.template import data_dictionary

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(data_dictionary() + "\n", encoding="utf-8")
    _say(f"Data dictionary written to {out}")


main.add_command(cli_compare.compare)
main.add_command(cli_workshop.workshop)
main.add_command(cli_compare.portfolio)
main.add_command(cli_materials.materials)


if __name__ == "__main__":
    main()
