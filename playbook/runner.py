"""Batch runs: validate workspaces, execute notebooks through papermill, export HTML, summarise.

Layout of one run (one per workspace), written under a temporary ``.partial`` name and renamed
when complete, so an interrupted run never looks complete and no earlier run is overwritten::

    <out>/<client_id>-<YYYYmmdd-HHMMSS>/
        index.html            summary: client, run time, status and key findings, links
        manifest.json         parameters, input checksums, package versions, timings, status
        results.json          every notebook's key figures, merged
        NN-name.html          report (code hidden unless --show-code)
        executed/NN-name.ipynb  executed notebook (kept on failure too)
        logs/NN-name.log      the kernel's own output (warnings, tracebacks), only if any
        results/NN-name.json  key figures written by the notebook itself
"""

from __future__ import annotations

import ast
import contextlib
import json
import keyword
import multiprocessing
import os
import platform
import random
import re
import signal
import sys
import tempfile
import time
import traceback
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

import jinja2
import nbformat
import papermill as pm
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from traitlets import default

from playbook.config import NOTEBOOKS_DIR, TEMPLATES_DIR
from playbook.exceptions import NotebookInputError, RunError, RunInterrupted
from playbook.html_export import export_html
from playbook.notebook import parse_as_of
from playbook.workspace import SNAPSHOT_FILE, Problem, check_workspace, save_snapshot

KERNEL = "python3"
PACKAGES = ("partner-playbook", "pandas", "numpy", "matplotlib", "papermill", "nbclient",
            "nbconvert", "nbformat", "ipykernel", "ipywidgets", "openpyxl", "pydantic")
RUNNER_PARAMS = {"workspace", "results_dir"}


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the parent acts on
    it (it stops the workers), so workers do not each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers now; their kernels exit on their own when their parent
    process is gone (ipykernel watches its parent)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.terminate()


# --------------------------------------------------------------------------- notebooks & params


def discover_notebooks(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Trend notebooks ``NN-name.ipynb`` in order, optionally only those numbered in ``only``."""
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))
    if not only:
        return found
    wanted = {o.strip().zfill(2) for o in only if o.strip()}
    unknown = wanted - {p.name[:2] for p in found}
    if unknown:
        raise RunError(f"--only {', '.join(sorted(unknown))}: no such notebook; available: "
                       + ", ".join(p.name[:2] for p in found))
    return [p for p in found if p.name[:2] in wanted]


def _literal_default(source: str, fallback):
    """A parameter's default as a value (papermill reports it as source text)."""
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return fallback


def _coerce(name: str, raw: str, default_src: str):
    """Turn the text of ``--param NAME=VALUE`` into the type of the parameter's default."""
    default = _literal_default(default_src, None)
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in {"true", "yes", "1"}:
            return True
        if low in {"false", "no", "0"}:
            return False
        raise RunError(f"--param {name}={raw}: expected true or false")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise RunError(f"--param {name}={raw}: expected a whole number") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise RunError(f"--param {name}={raw}: expected a number") from None
    if isinstance(default, dict | list):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            example = json.dumps(default) if default else '{"key": 1}'
            raise RunError(f"--param {name}={raw}: expected JSON like {example}") from None
        if not isinstance(value, type(default)):
            raise RunError(f"--param {name}: expected a JSON {type(default).__name__}")
        return value
    return raw  # strings (and anything else) stay text: "007" stays "007"


def parse_params(pairs: list[str], notebooks: list[Path]) -> dict[str, dict[str, object]]:
    """Check ``NAME=VALUE`` pairs against the notebooks' parameters; return per-notebook values.

    A name must be a Python identifier (not a keyword), must not be one the runner sets itself,
    and must be a parameter of at least one selected notebook (papermill's inspection). Each
    notebook receives only the parameters it declares, typed like its default.
    """
    declared = {nb: pm.inspect_notebook(str(nb)) for nb in notebooks}
    per_nb: dict[str, dict[str, object]] = {nb.name: {} for nb in notebooks}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise RunError(f"--param {pair!r}: expected NAME=VALUE")
        if not name.isidentifier() or keyword.iskeyword(name):
            raise RunError(f"--param {name!r}: not a valid parameter name (letters, digits and "
                           "underscores, not starting with a digit)")
        if name in RUNNER_PARAMS:
            raise RunError(f"--param {name}: set by the runner itself; pass the workspace as an "
                           "argument instead")
        owners = [nb for nb, params in declared.items() if name in params]
        if not owners:
            known = sorted({p for params in declared.values() for p in params} - RUNNER_PARAMS)
            raise RunError(f"--param {name}: no selected notebook has this parameter; known: "
                           + ", ".join(known))
        if name == "as_of" and raw.strip():
            try:
                parse_as_of(raw)
            except NotebookInputError:
                raise RunError(f"--param as_of={raw}: expected a date as YYYY-MM-DD") from None
        for nb in owners:
            per_nb[nb.name][name] = _coerce(name, raw, declared[nb][name]["default"])
    return per_nb


# --------------------------------------------------------------------------- executing


@dataclass
class NotebookResult:
    """Outcome of one notebook in one run."""

    notebook: str
    status: str = "pending"  # ok | failed
    seconds: float = 0.0
    error: str = ""
    html: str = ""
    executed: str = ""
    parameters: dict = field(default_factory=dict)
    kernel_start_retries: int = 0  # kernels that failed to start before this one ran
    log: str = ""  # the kernel's own output (warnings, tracebacks), if it wrote any


class BatchKernelManager(AsyncKernelManager):
    """A kernel manager whose ``python3`` kernel is always this interpreter.

    jupyter_client looks for a ``python3`` kernelspec in the user's and system Jupyter folders
    first, so one installed by another Python (a conda base, a system Jupyter) would run the
    notebooks in an interpreter where ``playbook`` may be missing. Searching no folders leaves
    ipykernel's built-in spec: ``sys.executable -m ipykernel_launcher``.
    """

    @default("kernel_spec_manager")
    def _default_this_interpreter_only(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[])


class IPCKernelManager(BatchKernelManager):
    """A kernel manager whose kernel talks over Unix sockets (IPC) instead of TCP ports.

    Over TCP every kernel picks five free ports and two kernels starting at once can pick the same
    one (``ZMQError: Address already in use``). Here each kernel's sockets are files under a
    name unique to that kernel, so parallel kernels cannot collide and nothing listens on the
    network. (jupyter_client's own IPC default, ``kernel-ipc-N`` in the working directory, is
    shared by every kernel of a run folder, so the name is set explicitly.)
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return os.path.join(tempfile.gettempdir(), f"playbook-{uuid.uuid4().hex}-ipc")


def kernel_manager_class() -> type[BatchKernelManager]:
    """IPC kernels where Unix sockets are available and their paths stay short.

    Socket paths are limited to about 100 characters, so a long temporary-directory path (or a
    non-POSIX system) keeps jupyter_client's TCP default, where the start-up retry still applies.
    Either way the kernel is this interpreter (:class:`BatchKernelManager`).
    """
    if os.name == "posix" and len(tempfile.gettempdir()) <= 50:
        return IPCKernelManager
    return BatchKernelManager


START_ATTEMPTS = 3  # a kernel that fails to start is tried this many times in all


def _kernel_start_failure(exc: BaseException) -> bool:
    """True for the errors of a kernel that never started (e.g. two kernels raced for a port)."""
    text = f"{type(exc).__name__}: {exc}"
    return any(s in text for s in ("Address already in use", "Kernel didn't respond",
                                   "ZMQError", "Kernel died before replying"))


def _no_cell_ran(executed: Path) -> bool:
    """True if no code cell of the output notebook has executed (or there is no output yet).

    papermill writes the output notebook *before* it starts the kernel, so its mere existence
    says nothing; a retry is safe only while no cell has run (nothing written to results yet).
    """
    if not executed.exists():
        return True
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # noqa: BLE001 - unreadable means papermill got no further than writing it
        return True
    return all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def execute_one(notebook: str, run_dir: str, parameters: dict, show_code: bool,
                timeout: int | None) -> dict:
    """Execute one notebook into ``run_dir`` and export its HTML. Never raises.

    Runs in a worker process. A cell error (``PapermillExecutionError``), a cell timeout
    (``CellTimeoutError``) and a dead kernel (``DeadKernelError``) all end as status ``failed``
    with the executed notebook kept; a kernel that fails to start (no cell ran) is tried again,
    up to ``START_ATTEMPTS`` times in all, and the retries are counted in the result.
    """
    os.environ.pop("MPLBACKEND", None)  # Agg here would make every chart vanish from reports
    src = Path(notebook)
    run = Path(run_dir)
    executed = run / "executed" / src.name
    html = run / f"{src.stem}.html"
    result = NotebookResult(src.stem, parameters=parameters,
                            executed=str(executed.relative_to(run)))
    executed.parent.mkdir(parents=True, exist_ok=True)
    log = run / "logs" / f"{src.stem}.log"
    started = time.perf_counter()
    with _process_output_to(log):
        _execute_with_retries(src, executed, run, parameters, timeout, result)
    result.seconds = round(time.perf_counter() - started, 2)
    if log.exists() and log.stat().st_size:
        result.log = str(log.relative_to(run))
    else:
        log.unlink(missing_ok=True)
    if executed.exists():
        try:
            export_html(executed, html, show_code=show_code, title=src.stem,
                        assumptions=assumptions(src, parameters))
            result.html = html.name
        except Exception as exc:  # noqa: BLE001
            result.status = "failed"
            result.error = (result.error + "\n" if result.error else "") + \
                f"HTML export failed: {_describe(exc)}"
    return asdict(result)


def _execute_with_retries(src: Path, executed: Path, run: Path, parameters: dict,
                          timeout: int | None, result: NotebookResult) -> None:
    """papermill's execution with the start-up retry; sets ``result.status`` and ``error``."""
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            pm.execute_notebook(str(src), str(executed), parameters=parameters,
                                kernel_name=KERNEL, cwd=str(run), progress_bar=False,
                                execution_timeout=timeout, log_output=False,
                                kernel_manager_class=kernel_manager_class())
            result.status = "ok"
            return
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, none propagates
            if (attempt < START_ATTEMPTS and _kernel_start_failure(exc)
                    and _no_cell_ran(executed)):
                result.kernel_start_retries += 1
                time.sleep(0.5 + random.random() * attempt)  # de-synchronise racing workers
                continue
            result.status = "failed"
            result.error = _describe(exc)
            return


@contextlib.contextmanager
def _process_output_to(log: Path):
    """Send this process's stdout and stderr (file descriptors 1 and 2, which the kernel it
    starts inherits) to ``log`` for the duration, so kernel chatter lands in the run folder
    instead of the consultant's terminal. Only used in worker processes (or tests)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        with open(log, "ab") as out:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
            try:
                yield
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.dup2(saved[0], 1)
                os.dup2(saved[1], 2)
    finally:
        for fd in saved:
            os.close(fd)


def assumptions(notebook: Path, parameters: dict) -> list[tuple[str, str, str]]:
    """``(name, value, meaning)`` of every parameter a report was run with: the value passed
    (``--param``) or the notebook's default, and the parameter's comment as its meaning.
    The runner's own parameters and ``interactive`` (always off in batch) are left out."""
    rows = []
    for name, info in pm.inspect_notebook(str(notebook)).items():
        if name in RUNNER_PARAMS or name == "interactive":
            continue
        value = (parameters[name] if name in parameters
                 else _literal_default(info["default"], info["default"]))
        text = (json.dumps(value) if isinstance(value, dict | list)
                else "(empty)" if value == "" else f"{value:g}" if isinstance(value, float)
                else str(value))
        rows.append((name, text, info.get("help") or ""))
    return rows


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "PapermillExecutionError":
        return f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
    if name in ("CellTimeoutError", "DeadKernelError"):
        return f"{name}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


# --------------------------------------------------------------------------- run folders


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "client"


def _check_writable(out: Path) -> None:
    """Refuse, before anything runs, a reports folder that cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".playbook-write-test-"):
            pass
    except OSError as exc:
        raise RunError(f"--out {out}: cannot write reports there ({exc.strerror or exc})"
                       ) from None


def new_run_dir(out: Path, client_id: str, now: datetime) -> tuple[Path, Path]:
    """``(partial, final)`` paths of a new run folder; never an existing one."""
    out.mkdir(parents=True, exist_ok=True)
    base = f"{_safe(client_id)}-{now:%Y%m%d-%H%M%S}"
    n = 1
    while True:
        name = base if n == 1 else f"{base}-{n}"
        final = out / name
        partial = out / f".{name}.partial"
        if not final.exists() and not partial.exists():
            partial.mkdir()
            return partial, final
        n += 1


def package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _render_index(context: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "summary"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("index.html.j2").render(**context)


def finish_run(partial: Path, final: Path, ws, results: list[dict], started: datetime,
               seconds: float, extra: dict) -> Path:
    """Merge results, write manifest and index, then rename the run folder into place."""
    logs = partial / "logs"
    if logs.is_dir() and not any(logs.iterdir()):
        logs.rmdir()  # no kernel printed anything
    figures = {}
    for r in results:
        f = partial / "results" / f"{r['notebook']}.json"
        if f.exists() and r["status"] == "ok":
            figures[r["notebook"]] = json.loads(f.read_text(encoding="utf-8"))
        elif r["status"] == "ok":
            r["status"] = "failed"
            r["error"] = "the notebook finished but recorded no results"
    (partial / "results.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False),
                                          encoding="utf-8")
    manifest = {
        "client": {"name": ws.profile.name, "client_id": ws.profile.client_id},
        "workspace": str(ws.path),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "status": "ok" if all(r["status"] == "ok" for r in results) else "failed",
        "notebooks": results,
        "inputs": ws.checksums(),
        "input_notes": [str(p) for p in ws.problems if p.level != "note" or p.row is None],
        "packages": package_versions(),
        **extra,
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    index = _render_index({"client": ws.profile.name, "client_id": ws.profile.client_id,
                           "started": manifest["started"], "seconds": manifest["seconds"],
                           "status": manifest["status"], "notebooks": results,
                           "figures": figures, "packages": manifest["packages"],
                           "overrides": sorted({f"{k}={v}" for params in
                                                extra.get("parameters", {}).values()
                                                for k, v in params.items()}),
                           "warnings": [str(p) for p in ws.problems if p.level == "warning"]})
    (partial / "index.html").write_text(index, encoding="utf-8")
    (partial / SNAPSHOT_FILE).unlink(missing_ok=True)  # the reports are the output, not this
    partial.rename(final)
    return final


# --------------------------------------------------------------------------- the whole run


@dataclass
class WorkspaceOutcome:
    """What happened to one workspace: its run folder, or the problems that stopped it."""

    workspace: Path
    run_dir: Path | None = None
    status: str = "ok"
    problems: list[Problem] = field(default_factory=list)
    notebooks: list[dict] = field(default_factory=list)


def run(workspaces: list[Path], out: Path, only: list[str] | None = None, jobs: int = 2,
        params: list[str] | None = None, show_code: bool = False, timeout: int | None = 600,
        progress=None, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[WorkspaceOutcome]:
    """Validate every workspace, then run the selected notebooks of the valid ones in parallel.

    ``progress`` is an optional callable ``(description, advance_total)`` used by the CLI. Raises
    :class:`RunError` for bad arguments before anything runs.
    """
    notebooks = discover_notebooks(only, notebooks_dir)
    if not notebooks:
        raise RunError(f"no notebooks found in {notebooks_dir}")
    per_nb = parse_params(params or [], notebooks)
    _check_writable(Path(out))
    outcomes: list[WorkspaceOutcome] = []
    pending = []
    for path in workspaces:
        ws, problems = check_workspace(path)
        outcome = WorkspaceOutcome(Path(path), problems=problems)
        outcomes.append(outcome)
        if ws is None or any(p.level == "error" for p in problems):
            outcome.status = "invalid"
            continue
        started = datetime.now()
        partial, final = new_run_dir(out, ws.profile.client_id, started)
        save_snapshot(ws, partial / SNAPSHOT_FILE)
        pending.append((outcome, ws, partial, final, started, time.perf_counter()))

    tasks = {}
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=ctx,
                               initializer=_ignore_interrupts)
    try:
        for outcome, ws, partial, _final, _s, _t in pending:
            for nb in notebooks:
                values = dict(per_nb[nb.name])
                values.update(workspace=str(ws.path.resolve()),
                              results_dir=str((partial / "results").resolve()))
                fut = pool.submit(execute_one, str(nb), str(partial), values, show_code, timeout)
                tasks[fut] = (outcome, nb)
        if progress:
            progress("start", len(tasks))
        for fut in as_completed(tasks):
            outcome, nb = tasks[fut]
            try:
                outcome.notebooks.append(fut.result())
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails only this notebook
                outcome.notebooks.append(asdict(NotebookResult(nb.stem, status="failed",
                                                               error=_describe(exc))))
            if progress:
                progress(f"{outcome.workspace.name}: {nb.stem}", 1)
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise RunInterrupted([entry[2] for entry in pending]) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

    for outcome, ws, partial, final, started, t0 in pending:
        outcome.notebooks.sort(key=lambda r: r["notebook"])
        extra = {"only": only or [], "show_code": show_code, "timeout": timeout,
                 "parameters": {k: v for k, v in per_nb.items() if v}}
        outcome.run_dir = finish_run(partial, final, ws, outcome.notebooks, started,
                                     time.perf_counter() - t0, extra)
        outcome.status = ("ok" if all(r["status"] == "ok" for r in outcome.notebooks)
                          else "failed")
    return outcomes
