"""Kernels started ahead of need: a pool worker keeps one kernel booting (and importing the
libraries every notebook imports) while its current notebook runs, so a core never waits on a
kernel start.

A spare kernel runs exactly one notebook and is then shut down: every notebook still gets a
fresh interpreter, nothing of one client's notebook can reach another's. Its working folder is
moved to the run folder before the notebook starts (it was started before the run folder of its
notebook was known), and what it prints goes to a temporary file that is appended to the
notebook's log afterwards. No kernel outlives its worker: the worker shuts its kernels down when
it exits, and kills them when it is terminated (Ctrl-C).
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
_more = True  # whether another notebook is expected after the next one
_next: SpareKernel | None = None
_live: set[SpareKernel] = set()


class SpareKernel:
    """A kernel started now for a notebook that will run later (once)."""

    def __init__(self, manager: KernelManager, warm: bool):
        fd, name = tempfile.mkstemp(prefix="playbook-kernel-", suffix=".log")
        self.output = Path(name)
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
        try:
            self.client.wait_for_ready(timeout=READY_TIMEOUT)
            reply = self.client.execute_interactive(
                f"import os\nos.chdir({str(cwd)!r})",
                silent=True,
                store_history=False,
                timeout=READY_TIMEOUT,
                output_hook=lambda msg: None,
            )
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the spare kernel could not change folder to {cwd}")
        finally:
            self.client.stop_channels()

    def shutdown(self, log: Path | None = None) -> None:
        """Stop the kernel now and append what it printed to ``log`` (if it printed anything)."""
        _live.discard(self)
        try:
            if self.client.channels_running:
                self.client.stop_channels()
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:
            self.kill()
        if log is not None and self.output.exists() and self.output.stat().st_size:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(self.output, "rb") as src, open(log, "ab") as dst:
                shutil.copyfileobj(src, dst)
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


def keep_spares(make: Callable[[], KernelManager], warm: bool = True) -> None:
    """From now on, this process keeps one kernel (from ``make``) started for its next notebook
    (imports done when ``warm``): :func:`take` hands it out and starts the next one. Kernels
    are shut down when the process exits and killed when it is terminated."""
    global _make, _warm
    os.environ.pop("MPLBACKEND", None)  # Agg would make every chart vanish from reports
    _make, _warm = make, warm
    _start_next()
    util.Finalize(None, stop_spares, exitpriority=100)  # a pool worker leaving normally
    atexit.register(stop_spares)
    signal.signal(signal.SIGTERM, _terminated)


def expect_more(more: bool) -> None:
    """Say whether another notebook may follow the one about to run (the runner says no for
    the last tasks of its queue, so no spare is started and warmed up for nothing)."""
    global _more
    _more = more


def take() -> SpareKernel | None:
    """The kernel started for this notebook (``None`` unless this process keeps spares); the
    next notebook's kernel starts booting now, alongside it (unless none is expected)."""
    global _next
    if _make is None:
        return None
    taken, _next = _next, None
    if _more:
        _start_next()
    return taken


def _start_next() -> None:
    global _next
    try:
        _next = SpareKernel(_make(), _warm)
    except Exception:  # no spare: the notebook starts its own kernel, with retries
        _next = None


def stop_spares() -> None:
    """Shut down every kernel of this process and keep no more spares."""
    global _make, _next
    _make, _next = None, None
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
