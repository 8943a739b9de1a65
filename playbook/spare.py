"""Kernels started ahead of need, and kept for the same client's next notebook.

A pool worker keeps one kernel booting (and importing the libraries every notebook imports)
while its current notebook runs, so a core never waits on a kernel start. After a notebook ran
without error, its kernel is put back as it was (:mod:`playbook.kernel_reset`) and kept: the
worker's next notebook of the *same run* (one client, one run folder) runs in it instead of in
a new kernel, which saves the ~2 s of CPU a kernel start and its imports cost. A kernel never
runs notebooks of two runs: a notebook of another run gets a spare (or a kernel of its own),
and the kept kernel is shut down. A failed notebook's kernel is never reused. With
``reuse=False`` (``playbook run --fresh-kernels``) every notebook gets a new interpreter.

A kernel's working folder is moved to the run folder before each notebook starts (a spare is
started before the run folder of its notebook is known), and what it prints goes to a temporary
file whose new part is appended to each notebook's log. No kernel outlives its worker: the
worker shuts its kernels down when it exits, and kills them when it is terminated (Ctrl-C).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from multiprocessing import util
from pathlib import Path

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import KernelManager
from jupyter_core.utils import run_sync

# What the first cell of every trend notebook imports (~2-3 s in a fresh interpreter).
WARM_UP = (
    "import matplotlib.pyplot, numpy, pandas\n"
    "import playbook.notebook, playbook.display, playbook.charts"
)
READY_TIMEOUT = 60  # seconds for a spare to answer, as papermill's start_timeout
HISTORY = "--HistoryManager.hist_file=:memory:"  # as nbclient starts its kernels

_make: Callable[[], KernelManager] | None = None  # set in a process that keeps spares
_warm = True
_reuse = True  # whether a kernel runs the same run's next notebook (after a reset)
_more = True  # whether another notebook is expected after the next one
_others = True  # whether a notebook of another run may follow (a kept kernel cannot serve it)
_next: SpareKernel | None = None
_kept: tuple[str, SpareKernel] | None = None  # (run key, kernel) kept for that run's next one
_live: set[SpareKernel] = set()


class SpareKernel:
    """A kernel started now for a notebook that will run later (and maybe, reset, for later
    notebooks of the same run)."""

    def __init__(self, manager: KernelManager, warm: bool):
        fd, name = tempfile.mkstemp(prefix="playbook-kernel-", suffix=".log")
        self.output = Path(name)
        self.copied = 0  # bytes of ``output`` already appended to a notebook's log
        self.notebooks = 0  # notebooks it has run
        self.km = manager
        _live.add(self)
        with os.fdopen(fd, "ab") as out:
            run_sync(self.km.start_kernel)(
                extra_arguments=[HISTORY], stdout=out, stderr=out, cwd=tempfile.gettempdir()
            )
        # the kernel's own session (its signing key), as the manager's client() builds it; its
        # manager (not a heartbeat, silent while the kernel boots) says whether it is alive
        info = self.km.get_connection_info(session=True)
        self.client = BlockingKernelClient(parent=self.km, **info)
        self.client.start_channels(hb=False)
        if warm:  # queued now, executed while the kernel would otherwise wait for its notebook
            self.client.execute(WARM_UP, silent=True, store_history=False)

    def adopt(self, cwd: Path) -> None:
        """Wait until the kernel is ready (and warmed up), move it to ``cwd``, and let go of it
        for the notebook client. Raises if the kernel is not usable."""
        code = (
            f"import os\nos.chdir({str(cwd)!r})\n"
            "import playbook.kernel_reset\nplaybook.kernel_reset.remember()"
        )
        if not self._run(code):
            raise RuntimeError(f"the spare kernel could not change folder to {cwd}")
        self.notebooks += 1

    def reset(self) -> bool:
        """Put the kernel back as it was before its first notebook
        (:func:`playbook.kernel_reset.reset`); false if it could not be."""
        try:
            return self._run("import playbook.kernel_reset\nplaybook.kernel_reset.reset()")
        except Exception:
            return False

    def _run(self, code: str) -> bool:
        """Run ``code`` silently once the kernel is ready; whether it succeeded. Our channels
        are open only meanwhile: papermill talks to the kernel through its own client."""
        if not self.client.channels_running:  # closed channels cannot be reopened: a new client
            self.client = BlockingKernelClient(
                parent=self.km, **self.km.get_connection_info(session=True)
            )
            self.client.start_channels(hb=False)
        try:
            self.client.wait_for_ready(timeout=READY_TIMEOUT)
            reply = self.client.execute_interactive(
                code,
                silent=True,
                store_history=False,
                timeout=READY_TIMEOUT,
                output_hook=lambda msg: None,
            )
            return reply["content"]["status"] == "ok"
        finally:
            self.client.stop_channels()

    def alive(self) -> bool:
        """Whether the kernel's process is still running."""
        process = getattr(self.km.provisioner, "process", None)
        return process is not None and process.poll() is None

    def copy_output(self, log: Path | None) -> None:
        """Append what the kernel printed since the last copy to ``log`` (if anything)."""
        if log is None or not self.output.exists():
            return
        size = self.output.stat().st_size
        if size <= self.copied:
            return
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.output, "rb") as src, open(log, "ab") as dst:
            src.seek(self.copied)
            shutil.copyfileobj(src, dst)
        self.copied = size

    def shutdown(self, log: Path | None = None) -> None:
        """Stop the kernel now and append what it printed to ``log`` (if it printed anything)."""
        _live.discard(self)
        try:
            if self.client.channels_running:
                self.client.stop_channels()
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:
            self.kill()
        self.copy_output(log)
        self.output.unlink(missing_ok=True)

    def kill(self, wait: bool = True) -> None:
        """Kill the kernel's process at once (no event loop needed). ``wait=False`` is the
        signal handler's form: it sends SIGKILL and never touches ``Popen``'s own lock (the
        interrupted code may hold it inside ``poll``/``wait``, and waiting would deadlock)."""
        process = getattr(self.km.provisioner, "process", None)
        if process is None:
            return
        if not wait:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)
            return
        if process.poll() is None:
            process.kill()
            process.wait()


def keep_spares(make: Callable[[], KernelManager], warm: bool = True, reuse: bool = True) -> None:
    """From now on, this process keeps one kernel (from ``make``) started for its next notebook
    (imports done when ``warm``): :func:`take` hands it out and starts the next one; with
    ``reuse``, :func:`done` keeps a kernel for its run's next notebook. Kernels are shut down
    when the process exits and killed when it is terminated."""
    global _make, _warm, _reuse
    os.environ.pop("MPLBACKEND", None)  # Agg would make every chart vanish from reports
    _make, _warm, _reuse = make, warm, reuse
    _start_next()
    util.Finalize(None, stop_spares, exitpriority=100)  # a pool worker leaving normally
    atexit.register(stop_spares)
    signal.signal(signal.SIGTERM, _terminated)


def expect_more(more: bool, others: bool = True) -> None:
    """Say whether another notebook may follow the one about to run (the runner says no for
    the last tasks of its queue, so no spare is started and warmed up for nothing), and
    whether one of another run may (if not, a kept kernel serves what follows: no spare)."""
    global _more, _others
    _more, _others = more, others


def take(run: str = "") -> SpareKernel | None:
    """The kernel for this notebook of run ``run`` (``None`` unless this process keeps
    spares): the kernel kept from the same run's previous notebook, else the spare started
    ahead. When the spare is taken, the next one starts booting alongside (unless no notebook,
    or none a kept kernel cannot serve, is expected)."""
    global _next, _kept
    if _make is None:
        return None
    if _kept is not None:
        (key, kernel), _kept = _kept, None
        if key == run and run and kernel.alive():
            return kernel
        kernel.shutdown()
    taken, _next = _next, None
    if _more and (_others or not _reuse):
        _start_next()
    return taken


def done(kernel: SpareKernel, run: str, ok: bool, log: Path | None) -> bool:
    """After a notebook of run ``run`` ran in ``kernel``: its output goes to ``log``; the
    kernel is reset and kept for the run's next notebook when the notebook succeeded and
    kernels are reused, else shut down. Whether it was kept."""
    global _kept
    if ok and _reuse and run and _make is not None and kernel.reset():
        kernel.copy_output(log)
        _kept = (run, kernel)
        return True
    kernel.shutdown(log)
    return False


def _start_next() -> None:
    global _next
    try:
        _next = SpareKernel(_make(), _warm)
    except Exception:  # no spare: the notebook starts its own kernel, with retries
        _next = None


def stop_spares() -> None:
    """Shut down every kernel of this process and keep no more spares."""
    global _make, _next, _kept
    _make, _next, _kept = None, None, None
    for kernel in list(_live):
        kernel.shutdown()


def _terminated(signum, frame) -> None:
    """SIGTERM (the runner stopping its workers on Ctrl-C): kill our kernels, then exit."""
    for kernel in list(_live):
        try:
            kernel.kill(wait=False)
            kernel.output.unlink(missing_ok=True)
        except Exception:
            pass
    os._exit(128 + signum)
