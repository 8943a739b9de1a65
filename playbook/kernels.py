"""Executing one notebook through papermill: which kernel, how it talks, retries, its output.

Every batch kernel is this interpreter (never a ``python3`` kernelspec left by another Python),
talks over Unix sockets where possible (parallel kernels cannot race for TCP ports), is started
again if it failed before any cell ran, and prints into a log file instead of the terminal.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import tempfile
import time
import traceback
import uuid
from dataclasses import dataclass
from pathlib import Path

# jsonschema (under nbformat) imports the optional ``rfc3987_syntax`` when it is installed, which
# builds a grammar at import: ~1.5 s of CPU in every process that reads a notebook, for a check
# (``iri`` formats) that notebook validation never makes. Treat it as absent in this process.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
import papermill as pm  # noqa: E402
from jupyter_client import AsyncKernelManager  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from traitlets import default  # noqa: E402

from playbook import spare  # noqa: E402

KERNEL = "python3"
START_ATTEMPTS = 3  # a kernel that fails to start is tried this many times in all


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


def _kernel_start_failure(exc: BaseException) -> bool:
    """True for the errors of a kernel that never started (e.g. two kernels raced for a port)."""
    text = f"{type(exc).__name__}: {exc}"
    return any(
        s in text
        for s in (
            "Address already in use",
            "Kernel didn't respond",
            "ZMQError",
            "Kernel died before replying",
        )
    )


def _no_cell_ran(executed: Path) -> bool:
    """True if no code cell of the output notebook has executed (or there is no output yet).

    papermill writes the output notebook *before* it starts the kernel, so its mere existence
    says nothing; a retry is safe only while no cell has run (nothing written to results yet).
    """
    if not executed.exists():
        return True
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # unreadable means papermill got no further than writing it
        return True
    return all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@dataclass
class Execution:
    """How one papermill execution ended: ``ok`` or not, the error text, start-up retries."""

    ok: bool = False
    error: str = ""
    kernel_start_retries: int = 0  # kernels that failed to start before this one ran
    kernel_reused: bool = False  # ran in the kernel of the same run's previous notebook, reset


def execute(
    src: Path,
    executed: Path,
    cwd: Path,
    parameters: dict,
    timeout: int | None,
    log: Path | None = None,
    run: str = "",
) -> Execution:
    """Execute notebook ``src`` into ``executed`` with ``parameters``, in working folder ``cwd``.
    Never raises.

    A cell error (``PapermillExecutionError``), a cell timeout (``CellTimeoutError``) and a dead
    kernel (``DeadKernelError``) all end as not ok, with the executed notebook kept; a kernel that
    fails to start (no cell ran) is tried again, up to :data:`START_ATTEMPTS` times in all.
    In a process that keeps spare kernels (:func:`playbook.spare.keep_spares`, the runner's pool
    workers) the notebook runs in the spare started ahead of it, or in the kernel of the same
    ``run``'s previous notebook (reset); the kernel's output goes to ``log``.
    """
    kernel = spare.take(run)
    if kernel is not None:
        outcome = _execute_on(kernel, src, executed, cwd, parameters, timeout, log, run)
        if outcome is not None:
            return outcome
    return _execute_fresh(src, executed, cwd, parameters, timeout)


def _execute_on(
    kernel: spare.SpareKernel,
    src: Path,
    executed: Path,
    cwd: Path,
    parameters: dict,
    timeout: int | None,
    log: Path | None,
    run: str,
) -> Execution | None:
    """Run the notebook in a kernel started ahead of need (or kept from the same run's previous
    notebook), then let :func:`playbook.spare.done` keep it for the run's next notebook or shut
    it down. ``None`` when the kernel turned out not to be usable (it died or never became
    ready, before any cell ran): the caller starts a kernel of its own."""
    outcome = None
    try:
        try:
            kernel.adopt(cwd)
        except Exception:
            return None
        outcome = Execution(kernel_reused=kernel.notebooks > 1)
        try:
            _papermill(src, executed, cwd, parameters, timeout, km=kernel.km)
            outcome.ok = True
        except Exception as exc:  # every failure is recorded, none propagates
            outcome.error = describe(exc)
        return outcome
    finally:
        spare.done(kernel, run, outcome is not None and outcome.ok, log)


def _papermill(
    src: Path, executed: Path, cwd: Path, parameters: dict, timeout: int | None, **kernel
) -> None:
    """papermill's execution of ``src`` into ``executed`` as every batch run makes it;
    ``kernel`` is ``km=`` (a kernel already started) or ``kernel_manager_class=``."""
    pm.execute_notebook(
        str(src),
        str(executed),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(cwd),
        progress_bar=False,
        execution_timeout=timeout,
        log_output=False,
        # written once (at the end, or with the cell that raised), not after every cell: each
        # save rewrites and validates the whole notebook, seconds on a large client's outputs.
        # A notebook stopped by its timeout or a dead kernel leaves none: its error names the
        # cell and its log holds what the kernel printed.
        request_save_on_cell_execute=False,
        **kernel,
    )


def _execute_fresh(
    src: Path, executed: Path, cwd: Path, parameters: dict, timeout: int | None
) -> Execution:
    """:func:`execute` in a kernel papermill starts (in ``cwd``), with start-up retries."""
    outcome = Execution()
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            _papermill(
                src, executed, cwd, parameters, timeout, kernel_manager_class=kernel_manager_class()
            )
            outcome.ok = True
            return outcome
        except Exception as exc:  # every failure is recorded, none propagates
            if attempt < START_ATTEMPTS and _kernel_start_failure(exc) and _no_cell_ran(executed):
                outcome.kernel_start_retries += 1
                time.sleep(0.5 + random.random() * attempt)  # de-synchronise racing workers
                continue
            outcome.error = describe(exc)
            return outcome
    return outcome


@contextlib.contextmanager
def process_output_to(log: Path):
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


def describe(exc: BaseException) -> str:
    """One readable line for a failed execution (papermill's cell error, timeout, dead kernel)."""
    name = type(exc).__name__
    if name == "PapermillExecutionError":
        return f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
    if name in ("CellTimeoutError", "DeadKernelError"):
        return f"{name}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def keep_spares(warm: bool = True, reuse: bool = True) -> None:
    """Keep a kernel of this interpreter started ahead of each notebook this process runs, and
    (``reuse``) a kernel for its run's next notebook (:mod:`playbook.spare`); called once in
    each of the runner's pool workers."""
    spare.keep_spares(lambda: kernel_manager_class()(kernel_name=KERNEL), warm, reuse)
