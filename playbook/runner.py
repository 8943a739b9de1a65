"""Batch runs: validate workspaces, then execute their notebooks in parallel and finish each run.

The jobs are split by module: :mod:`playbook.params` checks ``--param`` values,
:mod:`playbook.kernels` executes one notebook, :mod:`playbook.rundir` knows the run folder and
writes its manifest and summary, :mod:`playbook.html_export` writes a report. This module only
orchestrates them: a spawn process pool runs every (workspace, notebook) pair, a failing
notebook never stops the others, and Ctrl-C leaves every unfinished run marked unfinished.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from playbook import check_cache, kernels, profile_params, spare
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import RunError, RunInterrupted
from playbook.html_export import export_html
from playbook.pack import data_as_of, make_pack
from playbook.params import assumptions, declared, parse_params, settings
from playbook.problems import Problem, has_errors
from playbook.report_frame import link_reports
from playbook.rundir import (
    RunFolder,
    RunStatus,
    check_writable,
    finish_run,
    open_workbook,
    overall,
    record_report,
)
from playbook.schedule import longest_first, previous_timings


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
    kernel_reused: bool = False  # ran in the kernel of its run's previous notebook (reset)
    ran_on: str = "local"  # the Dask worker's address (playbook.cluster), or the local pool
    snapshot_sha256: str = ""  # of the snapshot it read, when it ran on a Dask worker
    sources: dict = field(default_factory=dict)  # parameter -> params.Source of the values set
    assumptions: dict = field(default_factory=dict)  # every assumption: value and source


def execute_one(
    notebook: str,
    folder: RunFolder,
    parameters: dict,
    show_code: bool,
    timeout: int | None,
    export: bool = True,
    sources: dict | None = None,
) -> dict:
    """Execute one notebook into its run ``folder`` and export its HTML report. Never raises.

    Runs in a worker process; returns :class:`NotebookResult` as a dict. ``parameters`` are
    what the notebook receives (the runner's own included). Without ``export`` the report is
    left to the caller (:func:`export_report`: the local pool exports in the parent, off the
    workers' critical path). ``sources`` says where each value set came from
    (:class:`playbook.params.Source`), for the report's assumptions table.
    """
    os.environ.pop("MPLBACKEND", None)  # Agg here would make every chart vanish from reports
    src = Path(notebook)
    executed, log = folder.executed(src.stem), folder.log(src.stem)
    result = NotebookResult(src.stem, parameters=parameters, executed=folder.relative(executed))
    result.sources = dict(sources or {})
    executed.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with kernels.process_output_to(log):
        outcome = kernels.execute(
            src, executed, folder.path, parameters, timeout, log, run=str(folder.path)
        )
    result.status = RunStatus.OK if outcome.ok else RunStatus.FAILED
    if not executed.exists():  # stopped by its timeout or a dead kernel: no notebook to link
        result.executed = ""
    result.error, result.kernel_start_retries = outcome.error, outcome.kernel_start_retries
    result.kernel_reused = outcome.kernel_reused
    result.seconds = round(time.perf_counter() - started, 2)
    if log.exists() and log.stat().st_size:
        result.log = folder.relative(log)
    else:
        log.unlink(missing_ok=True)
    if export and executed.exists():
        _export(src, folder, parameters, show_code, result)
    return asdict(result)


def _pool_task(
    notebook: str,
    folder: RunFolder,
    parameters: dict,
    show_code: bool,
    timeout,
    more: bool,
    sources: dict,
    others: bool = True,
) -> dict:
    """A task of the local pool: :func:`execute_one`, exported by the parent while the queue
    lasts; ``more`` is false for the queue's last tasks, after which no spare kernel is needed
    and the worker exports its own report (the cores would otherwise idle while the parent
    exports the last reports one after the other). ``others`` says whether a task of another
    run follows in the queue (if not, the worker's kernel of this run serves what follows:
    :mod:`playbook.spare`)."""
    spare.expect_more(more, others)
    return execute_one(notebook, folder, parameters, show_code, timeout, not more, sources)


def export_report(notebook: Path, folder: RunFolder, show_code: bool, result: dict) -> dict:
    """``result`` (of :func:`execute_one` without export) with the notebook's HTML report
    written, when there is an executed notebook to export."""
    if result.get("html") or not folder.executed(notebook.stem).exists():
        return result
    done = NotebookResult(**result)
    _export(notebook, folder, done.parameters, show_code, done)
    return asdict(done)


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
            assumptions=assumptions(src, parameters, result.sources),
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
    """A valid workspace waiting for its notebooks: its folder, when it started, the notebooks
    it runs and what its manifest records besides them."""

    outcome: WorkspaceOutcome
    ws: object
    folder: RunFolder
    started: datetime
    t0: float
    notebooks: list[Path] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)  # notebook file name -> the parameters set
    sources: dict = field(default_factory=dict)  # notebook file name -> where each came from
    book: object = None  # the run's workbook, written as its reports come in (rundir)


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the parent acts on
    it (it stops the workers), so workers do not each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(warm: bool, reuse: bool = True) -> None:
    """Pool worker initializer: ignore Ctrl-C (:func:`_ignore_interrupts`) and keep a kernel
    started ahead of each notebook, and (``reuse``) one for its run's next notebook
    (:func:`playbook.kernels.keep_spares`)."""
    _ignore_interrupts()
    _no_inherited_event_loop()
    kernels.keep_spares(warm, reuse)


def _no_inherited_event_loop() -> None:
    """A forked worker must not run the event loop its parent may have made for jupyter_client's
    blocking calls (jupyter_core keeps it per thread): its epoll descriptor is shared with the
    parent. Forget it, so the worker's first blocking call makes its own."""
    from jupyter_core import utils

    loop = getattr(utils, "_loop", None)  # a ContextVar in jupyter_core >= 5.7
    if loop is not None:
        loop.set(None)
    asyncio.set_event_loop(None)


def _started() -> int:
    """A no-op task: submitting one per worker makes the pool start its workers (and their
    first kernels) while the parent is still validating."""
    return os.getpid()


def _start_method(fork: bool) -> str:
    """``fork`` when asked for and safe, else ``spawn``.

    A spawned worker is a new interpreter that imports the command line and this module again
    (~1.5-3 s of CPU each, while the first kernels also start); a forked one is ready at once.
    Forking is safe only in a process with no other thread and no event loop yet (the
    command line, which asks for it before its progress display or anything else starts) and
    where fork is the platform's own (Linux: macOS forks badly with some system libraries).
    """
    if fork and sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _start_pool(
    jobs: int, warm: bool = True, reuse: bool = True, fork: bool = False
) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers, starting now (:func:`_start_method`); ``reuse``: see
    :mod:`playbook.spare`."""
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=multiprocessing.get_context(_start_method(fork)),
        initializer=_start_worker,
        initargs=(warm, reuse),
    )
    for _ in range(max(1, jobs)):
        pool.submit(_started)
    return pool


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers now; each kills its kernels on the way out
    (:mod:`playbook.spare`), and a kernel whose worker is gone exits on its own (ipykernel
    watches its parent)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.terminate()


def _validate(
    workspaces: list[Path], out: Path, revalidate: bool, found: dict, run_values: dict
) -> tuple[list[WorkspaceOutcome], list[_PendingRun]]:
    """Check every workspace (reusing the snapshot of an unchanged one unless ``revalidate``:
    :mod:`playbook.check_cache`) and the parameters its profile sets (against ``found``, the
    notebooks' declared parameters by file name); give each valid one a run folder holding its
    snapshot and its parameters: ``run_values`` (``--param``) over its profile's."""
    outcomes, pending = [], []
    for path in workspaces:
        checked = check_cache.check(path, reuse=not revalidate)
        ws, problems = checked.workspace, list(checked.problems)
        if ws is not None:
            mine, bad = profile_params.resolve(ws.profile.parameters, found)
            problems += bad
        outcome = WorkspaceOutcome(Path(path), problems=problems)
        outcomes.append(outcome)
        if ws is None or has_errors(problems):
            outcome.status = RunStatus.INVALID
            continue
        started = datetime.now()
        folder = RunFolder.create(out, ws.profile.client_id, started)
        check_cache.snapshot_for_run(checked, folder.snapshot)
        entry = _PendingRun(outcome, ws, folder, started, time.perf_counter())
        entry.values, entry.sources = profile_params.merged(run_values, mine)
        pending.append(entry)
    return outcomes, pending


class _Finisher:
    """The parent's second thread: exports each executed notebook's report and finishes each
    run (workbook, results, manifest, summary, PDF pack) as soon as its own notebooks are all
    in, while the workers go on with the next notebooks."""

    def __init__(self, show_code: bool, pdf: bool, found: dict, progress, history=None):
        self.show_code = show_code
        self.history = history  # the folder of the clients' earlier runs (None: --out)
        self.pdf = pdf
        self.found = found  # notebook file name -> its declared parameters
        self.progress = progress
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playbook-finish")
        self.jobs: list = []
        self.closed = False

    def notebook_done(self, entry: _PendingRun, nb: Path, result: dict) -> None:
        """Queue the report of ``nb`` (and the run, if it was the run's last notebook)."""
        self.jobs.append(self.thread.submit(self._done, entry, nb, result))

    def run_ready(self, entry: _PendingRun) -> None:
        """Queue finishing a run that has no notebook to wait for."""
        self.jobs.append(self.thread.submit(self._finish, entry))

    def _done(self, entry: _PendingRun, nb: Path, result: dict) -> None:
        exported = export_report(nb, entry.folder, self.show_code, result)
        entry.outcome.notebooks.append(exported)
        record_report(entry.book, entry.folder, exported)
        if len(entry.outcome.notebooks) == len(entry.notebooks):
            self._finish(entry)

    def _finish(self, entry: _PendingRun) -> None:
        outcome = entry.outcome
        outcome.notebooks.sort(key=lambda r: r["notebook"])
        names = {nb.stem: nb.name for nb in entry.notebooks}
        for r in outcome.notebooks:  # the manifest: every assumption, its value and source
            name = names[r["notebook"]]
            r["assumptions"] = settings(self.found[name], entry.values[name], entry.sources[name])
        link_reports([entry.folder.path / r["html"] for r in outcome.notebooks if r["html"]])
        outcome.run_dir = finish_run(
            entry.folder,
            entry.ws,
            outcome.notebooks,
            entry.started,
            time.perf_counter() - entry.t0,
            entry.extra,
            self.history,
            entry.book,
        )
        outcome.status = overall(r["status"] for r in outcome.notebooks)
        if self.pdf:
            if self.progress:
                self.progress(f"{outcome.workspace.name}: printing the PDF pack", 0)
            outcome.pack = make_pack(outcome.run_dir, data_as_of(entry.ws, entry.values))

    def close(self, cancel: bool = False) -> None:
        """Wait for the queued work (dropping what has not started when ``cancel``); raise the
        first error of a finished job unless cancelled. Only the first call does anything."""
        if self.closed:
            return
        self.closed = True
        self.thread.shutdown(wait=True, cancel_futures=cancel)
        if not cancel:
            for job in self.jobs:
                job.result()


def _prepare(entry: _PendingRun, only: list[str], recorded: dict) -> None:
    """What the manifest of run ``entry`` records besides its notebooks: ``only``, the
    ``recorded`` settings of the whole batch and the parameters each notebook got."""
    parameters = {nb.name: entry.values[nb.name] for nb in entry.notebooks if entry.values[nb.name]}
    entry.extra = {"only": only, **recorded, "parameters": parameters}


def _open_workbook(entry: _PendingRun, history: Path | None):
    """The workbook of run ``entry``, written as its reports come in (:func:`open_workbook`)."""
    return open_workbook(entry.folder, entry.ws, [nb.stem for nb in entry.notebooks], history)


def _discard_unfinished(pending: list[_PendingRun]) -> None:
    """A run that did not finish (an error, Ctrl-C) leaves no workbook behind."""
    for entry in pending:
        if entry.outcome.run_dir is None and entry.book is not None:
            entry.book.discard()


def _task_values(entry: _PendingRun, nb: Path) -> dict:
    """The parameters notebook ``nb`` of run ``entry`` receives."""
    return {
        **entry.values[nb.name],
        "workspace": str(entry.ws.path.resolve()),
        **entry.folder.parameters(nb.stem),
    }


def _failed(nb: Path, exc: BaseException) -> dict:
    """The result of a notebook whose worker crashed (it fails only this notebook)."""
    return asdict(NotebookResult(nb.stem, status=RunStatus.FAILED, error=kernels.describe(exc)))


def _others_follow(runs: list[int]) -> list[bool]:
    """For each task of a queue (given by its run), whether a task of another run comes later:
    ``[0, 1, 0, 0] -> [True, True, False, False]``."""
    seen: set[int] = set()
    follow = []
    for run in reversed(runs):
        follow.append(bool(seen - {run}))
        seen.add(run)
    return follow[::-1]


def _execute_all(
    pool: ProcessPoolExecutor,
    jobs: int,
    pending: list[_PendingRun],
    timeout: int | None,
    finisher: _Finisher,
    progress,
) -> None:
    """Run every notebook of every pending run in ``pool``: one queue, longest expected first
    (:func:`playbook.schedule.longest_first`); each result goes to ``finisher``."""
    queue = longest_first(
        [
            (previous_timings(e.folder.path.parent, e.ws.profile.client_id), e.notebooks)
            for e in pending
        ]
    )
    tasks = {}
    others = _others_follow([task.run for task in queue])
    for i, task in enumerate(queue):  # the pool runs its work in the order it was submitted
        entry = pending[task.run]
        values = _task_values(entry, task.notebook)
        more = i < len(queue) - jobs  # the last ones: a worker that still gets one starts it cold
        sources = entry.sources[task.notebook.name]
        args = (
            str(task.notebook),
            entry.folder,
            values,
            finisher.show_code,
            timeout,
            more,
            sources,
            others[i],
        )
        tasks[pool.submit(_pool_task, *args)] = (entry, task.notebook)
    for entry in pending:
        if not entry.notebooks:
            finisher.run_ready(entry)
    if progress:
        progress("start", len(tasks))
    for fut in as_completed(tasks):
        entry, nb = tasks[fut]
        try:
            result = fut.result()
        except Exception as exc:  # a crashed worker fails only this notebook
            result = _failed(nb, exc)
        finisher.notebook_done(entry, nb, result)
        if progress:
            progress(f"{entry.outcome.workspace.name}: {nb.stem}", 1)


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
    revalidate: bool = False,
    scheduler: str | None = None,
    portfolio: dict | None = None,
    history: Path | None = None,
    fresh_kernels: bool = False,
    fork: bool = False,
) -> list[WorkspaceOutcome]:
    """Validate every workspace, then run the selected notebooks of the valid ones in parallel.

    ``only_for`` narrows the notebooks of single workspaces (workspace path → notebook numbers,
    as ``only``), so one pool runs different selections side by side. ``pdf`` also prints each
    run's client pack (:func:`playbook.pack.make_pack`). ``revalidate`` validates every
    workspace afresh instead of reusing the snapshot ``playbook check`` left. ``scheduler``
    (``tcp://HOST:PORT`` or ``local``) runs the notebooks on a Dask cluster
    (:mod:`playbook.cluster`) instead of the local process pool. ``portfolio`` (``file``,
    ``clients``, ``as_of``: :func:`playbook.cli_compare.portfolio_reference`) is recorded in
    each manifest and placed on each summary page. ``history`` is the folder of the clients'
    earlier runs each summary and report compares with (:mod:`playbook.history`; default
    ``out``). ``fresh_kernels`` gives every notebook a new kernel instead of running a run's
    notebooks that reach one worker in one kernel, reset between them (:mod:`playbook.spare`).
    ``fork`` starts the pool's workers by forking this process when that is safe
    (:func:`_start_method`: the command line asks for it). ``progress`` is an
    optional callable ``(description, advance_total)`` used by the CLI. Raises
    :class:`~playbook.exceptions.RunError` for bad arguments before anything runs.

    The pool's workers (and their first kernels) start while the workspaces are validated;
    each run is finished as soon as its own notebooks are done.
    """
    notebooks = discover_notebooks(only, notebooks_dir)
    if not notebooks:
        raise RunError(f"no notebooks found in {notebooks_dir}")
    found = {nb.name: declared(nb) for nb in discover_notebooks(None, notebooks_dir)}
    per_nb = parse_params(params or [], notebooks, {nb: found[nb.name] for nb in notebooks})
    only_for = {Path(k): v for k, v in (only_for or {}).items()}
    selected = {Path(w): list(notebooks) for w in workspaces}
    for path, numbers in only_for.items():
        wanted = {p.name for p in discover_notebooks(numbers, notebooks_dir)}
        selected[Path(path)] = [p for p in notebooks if p.name in wanted]
    if history is not None and not Path(history).is_dir():
        raise RunError(f"--history {history}: no such folder of earlier runs")
    out = Path(out).resolve()  # a relative --out (the default ./reports) is the caller's cwd
    check_writable(out)
    pool = None if scheduler else _start_pool(jobs, reuse=not fresh_kernels, fork=fork)
    finisher = _Finisher(show_code, pdf, found, progress, history)
    pending: list[_PendingRun] = []
    try:
        outcomes, pending = _validate(workspaces, out, revalidate, found, per_nb)
        recorded = {"show_code": show_code, "timeout": timeout}
        recorded |= {"portfolio": portfolio} if portfolio else {}
        for entry in pending:
            entry.notebooks = selected[entry.outcome.workspace]
            _prepare(entry, only_for.get(entry.outcome.workspace, only or []), recorded)
            # the pool's reports come in one by one: the workbook is written as they do
            entry.book = None if scheduler else _open_workbook(entry, history)
        if scheduler:  # a Dask cluster instead of the local pool: playbook.cluster
            from playbook import cluster

            cluster.execute_all(pending, scheduler, jobs, show_code, timeout, progress)
            for entry in pending:  # the workers exported the reports
                finisher.run_ready(entry)
        else:
            _execute_all(pool, max(1, jobs), pending, timeout, finisher, progress)
        finisher.close()  # the last reports and runs
    except KeyboardInterrupt:
        if pool:
            _stop_workers(pool)
        finisher.close(cancel=True)
        unfinished = [e.folder.path for e in pending if e.outcome.run_dir is None]
        raise RunInterrupted(unfinished) from None
    finally:
        if pool:
            pool.shutdown(wait=True, cancel_futures=True)
        finisher.close(cancel=True)  # after an error: nothing more is started
        _discard_unfinished(pending)
    return outcomes
