"""Batch runs: validate workspaces, then execute their notebooks in parallel and finish each run.

The jobs are split by module: :mod:`playbook.params` checks ``--param`` values,
:mod:`playbook.kernels` executes one notebook, :mod:`playbook.rundir` knows the run folder and
writes its manifest and summary, :mod:`playbook.html_export` writes a report. This module only
orchestrates them: a spawn process pool runs every (workspace, notebook) pair, a failing
notebook never stops the others, and Ctrl-C leaves every unfinished run marked unfinished.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from playbook import kernels
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import RunError, RunInterrupted
from playbook.html_export import export_html
from playbook.pack import data_as_of, make_pack
from playbook.params import assumptions, parse_params
from playbook.problems import Problem, has_errors
from playbook.report_frame import link_reports
from playbook.rundir import RunFolder, RunStatus, check_writable, finish_run, overall
from playbook.workspace import check_workspace, save_snapshot


def discover_notebooks(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Trend notebooks ``NN-name.ipynb`` in order, optionally only those numbered in ``only``."""
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))
    if not only:
        return found
    wanted = {o.strip().zfill(2) for o in only if o.strip()}
    unknown = wanted - {p.name[:2] for p in found}
    if unknown:
        raise RunError(
            f"--only {', '.join(sorted(unknown))}: no such notebook; available: "
            + ", ".join(p.name[:2] for p in found)
        )
    return [p for p in found if p.name[:2] in wanted]


@dataclass
class NotebookResult:
    """Outcome of one notebook in one run (paths relative to the run folder)."""

    notebook: str
    status: RunStatus = RunStatus.PENDING
    seconds: float = 0.0
    error: str = ""
    html: str = ""
    executed: str = ""
    parameters: dict = field(default_factory=dict)
    kernel_start_retries: int = 0  # kernels that failed to start before this one ran
    log: str = ""  # the kernel's own output (warnings, tracebacks), if it wrote any
    ran_on: str = "local"  # the Dask worker's address (playbook.cluster), or the local pool
    snapshot_sha256: str = ""  # of the snapshot it read, when it ran on a Dask worker


def execute_one(
    notebook: str, folder: RunFolder, parameters: dict, show_code: bool, timeout: int | None
) -> dict:
    """Execute one notebook into its run ``folder`` and export its HTML report. Never raises.

    Runs in a worker process; returns :class:`NotebookResult` as a dict. ``parameters`` are
    what the notebook receives (the runner's own included).
    """
    os.environ.pop("MPLBACKEND", None)  # Agg here would make every chart vanish from reports
    src = Path(notebook)
    executed, log = folder.executed(src.stem), folder.log(src.stem)
    result = NotebookResult(src.stem, parameters=parameters, executed=folder.relative(executed))
    executed.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with kernels.process_output_to(log):
        outcome = kernels.execute(src, executed, folder.path, parameters, timeout)
    result.status = RunStatus.OK if outcome.ok else RunStatus.FAILED
    result.error, result.kernel_start_retries = outcome.error, outcome.kernel_start_retries
    result.seconds = round(time.perf_counter() - started, 2)
    if log.exists() and log.stat().st_size:
        result.log = folder.relative(log)
    else:
        log.unlink(missing_ok=True)
    if executed.exists():
        _export(src, folder, parameters, show_code, result)
    return asdict(result)


def _export(
    src: Path, folder: RunFolder, parameters: dict, show_code: bool, result: NotebookResult
) -> None:
    """Write the notebook's HTML report; a failed export fails the notebook."""
    html = folder.report(src.stem)
    try:
        export_html(
            folder.executed(src.stem),
            html,
            show_code=show_code,
            title=src.stem,
            assumptions=assumptions(src, parameters),
            summary=folder.relative(folder.index),
        )
        result.html = folder.relative(html)
    except Exception as exc:
        result.status = RunStatus.FAILED
        result.error = (
            result.error + "\n" if result.error else ""
        ) + f"HTML export failed: {kernels.describe(exc)}"


@dataclass
class WorkspaceOutcome:
    """What happened to one workspace: its run folder, or the problems that stopped it."""

    workspace: Path
    run_dir: Path | None = None
    status: RunStatus = RunStatus.OK
    problems: list[Problem] = field(default_factory=list)
    notebooks: list[dict] = field(default_factory=list)
    pack: dict | None = None  # with --pdf: the client pack's manifest entry (playbook.pack)

    @property
    def summary(self) -> Path | None:
        """The run's summary page (``None`` when nothing ran)."""
        return RunFolder(self.run_dir).index if self.run_dir else None


@dataclass
class _PendingRun:
    """A valid workspace waiting for its notebooks: its folder and when it started."""

    outcome: WorkspaceOutcome
    ws: object
    folder: RunFolder
    started: datetime
    t0: float


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the parent acts on
    it (it stops the workers), so workers do not each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers now; their kernels exit on their own when their parent
    process is gone (ipykernel watches its parent)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.terminate()


def _validate(
    workspaces: list[Path], out: Path
) -> tuple[list[WorkspaceOutcome], list[_PendingRun]]:
    """Check every workspace; give each valid one a run folder holding its snapshot."""
    outcomes, pending = [], []
    for path in workspaces:
        ws, problems = check_workspace(path)
        outcome = WorkspaceOutcome(Path(path), problems=problems)
        outcomes.append(outcome)
        if ws is None or has_errors(problems):
            outcome.status = RunStatus.INVALID
            continue
        started = datetime.now()
        folder = RunFolder.create(out, ws.profile.client_id, started)
        save_snapshot(ws, folder.snapshot)
        pending.append(_PendingRun(outcome, ws, folder, started, time.perf_counter()))
    return outcomes, pending


def _execute_all(
    pending: list[_PendingRun],
    notebooks: dict[Path, list[Path]],
    per_nb: dict,
    jobs: int,
    show_code: bool,
    timeout: int | None,
    progress,
) -> None:
    """Run the notebooks of every pending run (``notebooks`` by workspace path) in a spawn pool
    of ``jobs`` workers."""
    tasks = {}
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs), mp_context=ctx, initializer=_ignore_interrupts
    )
    try:
        for entry in pending:
            for nb in notebooks[entry.outcome.workspace]:
                values = {
                    **per_nb[nb.name],
                    "workspace": str(entry.ws.path.resolve()),
                    **entry.folder.parameters(nb.stem),
                }
                fut = pool.submit(execute_one, str(nb), entry.folder, values, show_code, timeout)
                tasks[fut] = (entry.outcome, nb)
        if progress:
            progress("start", len(tasks))
        for fut in as_completed(tasks):
            outcome, nb = tasks[fut]
            try:
                outcome.notebooks.append(fut.result())
            except Exception as exc:  # a crashed worker fails only this notebook
                outcome.notebooks.append(
                    asdict(
                        NotebookResult(
                            nb.stem, status=RunStatus.FAILED, error=kernels.describe(exc)
                        )
                    )
                )
            if progress:
                progress(f"{outcome.workspace.name}: {nb.stem}", 1)
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise RunInterrupted([entry.folder.path for entry in pending]) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run(
    workspaces: list[Path],
    out: Path,
    only: list[str] | None = None,
    jobs: int = 2,
    params: list[str] | None = None,
    show_code: bool = False,
    timeout: int | None = 600,
    progress=None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    only_for: dict[Path, list[str]] | None = None,
    pdf: bool = False,
    scheduler: str | None = None,
) -> list[WorkspaceOutcome]:
    """Validate every workspace, then run the selected notebooks of the valid ones in parallel.

    ``only_for`` narrows the notebooks of single workspaces (workspace path → notebook numbers,
    as ``only``), so one pool runs different selections side by side. ``pdf`` also prints each
    run's client pack (:func:`playbook.pack.make_pack`). ``scheduler`` (``tcp://HOST:PORT`` or
    ``local``) runs the notebooks on a Dask cluster (:mod:`playbook.cluster`) instead of the
    local process pool. ``progress`` is an
    optional callable ``(description, advance_total)`` used by the CLI. Raises
    :class:`~playbook.exceptions.RunError` for bad arguments before anything runs.
    """
    notebooks = discover_notebooks(only, notebooks_dir)
    if not notebooks:
        raise RunError(f"no notebooks found in {notebooks_dir}")
    per_nb = parse_params(params or [], notebooks)
    only_for = {Path(k): v for k, v in (only_for or {}).items()}
    selected = {Path(w): list(notebooks) for w in workspaces}
    for path, numbers in only_for.items():
        wanted = {p.name for p in discover_notebooks(numbers, notebooks_dir)}
        selected[Path(path)] = [p for p in notebooks if p.name in wanted]
    out = Path(out).resolve()  # a relative --out (the default ./reports) is the caller's cwd
    check_writable(out)
    outcomes, pending = _validate(workspaces, out)
    if scheduler:  # a Dask cluster instead of the local pool: playbook.cluster, imported only here
        from playbook import cluster

        cluster.execute_all(
            pending, selected, per_nb, scheduler, jobs, show_code, timeout, progress
        )
    else:
        _execute_all(pending, selected, per_nb, jobs, show_code, timeout, progress)
    for entry in pending:
        entry.outcome.notebooks.sort(key=lambda r: r["notebook"])
        link_reports([entry.folder.path / r["html"] for r in entry.outcome.notebooks if r["html"]])
        extra = {
            "only": only_for.get(entry.outcome.workspace, only or []),
            "show_code": show_code,
            "timeout": timeout,
            "parameters": {k: v for k, v in per_nb.items() if v},
        }
        entry.outcome.run_dir = finish_run(
            entry.folder,
            entry.ws,
            entry.outcome.notebooks,
            entry.started,
            time.perf_counter() - entry.t0,
            extra,
        )
        entry.outcome.status = overall(r["status"] for r in entry.outcome.notebooks)
        if pdf:
            if progress:
                progress(f"{entry.outcome.workspace.name}: printing the PDF pack", 0)
            entry.outcome.pack = make_pack(entry.outcome.run_dir, data_as_of(entry.ws, per_nb))
    return outcomes
