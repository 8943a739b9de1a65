"""Batch runs on a Dask cluster: ``playbook run --scheduler tcp://HOST:PORT`` (or ``local``).

The local process pool of :mod:`playbook.runner` stays the default; this module, and
``distributed`` with it, is imported only when a scheduler is given. One task per (workspace,
notebook): the task receives the notebook as JSON text, its parameters and the workspace snapshot
as bytes (scattered once per workspace, so that workspace's tasks share one copy), executes it in
a temporary folder on the worker with :func:`playbook.runner.execute_one` and returns every file
it wrote as bytes; the client writes them into the run folder, which stays ``.partial`` until the
run is complete, as in a local run. A worker needs this package installed and nothing else: no
shared folder, no copy of the notebooks or of the client's data.

Failures end as in a local run: a notebook error or a dead kernel fails that notebook only; a
worker lost while running a task has the task run elsewhere (the scheduler's
``distributed.scheduler.allowed-failures`` times, then :class:`distributed.KilledWorker`); a
snapshot lost with its worker is shipped again (:data:`ATTEMPTS` submissions in all); what still
fails fails that notebook alone, with the reason. Ctrl-C cancels every future and leaves
``.partial`` folders only. Each notebook's result records where it ran (``ran_on``: the worker's
address) and the SHA-256 of the snapshot it read (``snapshot_sha256``, :func:`snapshot_sha256`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from playbook.exceptions import RunError, RunInterrupted
from playbook.schedule import longest_first, previous_timings

# The scheduler unpickles every task and so imports this module (and the workers do, before
# their first task): it imports only the standard library at the top; the runner, the run folder
# and the kernels (pandas, papermill, nbconvert: seconds to import) inside the functions.

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
ATTEMPTS = 3  # submissions of one task in all, when the snapshot it needs was lost with a worker
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler before the run is refused
AHEAD = 2  # tasks kept submitted per worker thread: the rest wait on the client, snapshot unread


# --------------------------------------------------------------------------- the snapshot as bytes


def pack_snapshot(path: Path) -> dict[str, bytes]:
    """Whatever the snapshot at ``path`` is, as ``{relative path: bytes}``: ``{"": bytes}`` for a
    single file, every file of the tree (POSIX relative paths) for a folder."""
    if path.is_file():
        return {"": path.read_bytes()}
    if not path.is_dir():
        raise RunError(f"the run's snapshot {path} is missing")
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in files}


def unpack_snapshot(files: dict[str, bytes], path: Path) -> None:
    """Write a :func:`pack_snapshot` at ``path`` again (a file, or a folder tree)."""
    if "" in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[""])
        return
    path.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def snapshot_sha256(files: dict[str, bytes]) -> str:
    """SHA-256 of a :func:`pack_snapshot`: of the file's bytes for a one-file snapshot (what
    ``sha256sum`` prints for it); for a folder, of each file's relative path, size in bytes and
    bytes, in path order (``path NUL size NUL bytes`` for each)."""
    if set(files) == {""}:
        return hashlib.sha256(files[""]).hexdigest()
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(f"{rel}\0{len(files[rel])}\0".encode())
        digest.update(files[rel])
    return digest.hexdigest()


# --------------------------------------------------------------------------- on a worker


def _here() -> str:
    """This worker's address (``local`` outside a Dask worker)."""
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:
        return LOCAL


def run_task(
    name: str,
    text: str,
    snapshot: dict,
    parameters: dict,
    show_code: bool,
    timeout: int | None,
    sources: dict | None = None,
) -> dict:
    """On a worker: execute notebook ``name`` (its JSON ``text``) on the ``snapshot``
    (:func:`pack_snapshot`) in a temporary run folder and return ``{"result": NotebookResult as
    a dict, "files": {path relative to the run folder: bytes}}``: the executed notebook, the
    HTML report, the results file and the kernel log, whatever of them was written.

    ``parameters`` are the client's; the run-folder paths among them (results file, snapshot)
    are replaced by the temporary folder's, so nothing on the client's disk is read or written.
    The result's ``ran_on`` is this worker's address, its ``snapshot_sha256`` that of the
    snapshot as read back from the temporary folder.
    """
    from playbook import runner
    from playbook.rundir import RunFolder

    with tempfile.TemporaryDirectory(prefix="playbook-task-") as tmp:
        src = Path(tmp) / "notebooks" / name
        src.parent.mkdir()
        src.write_text(text, encoding="utf-8")
        folder = RunFolder(Path(tmp) / "run")
        folder.path.mkdir()
        unpack_snapshot(snapshot, folder.snapshot)
        digest = snapshot_sha256(pack_snapshot(folder.snapshot))
        values = {**parameters, **folder.parameters(src.stem)}
        result = runner.execute_one(str(src), folder, values, show_code, timeout, True, sources)
        written = [p for p in sorted(folder.path.rglob("*")) if p.is_file()]
        files = {
            folder.relative(p): p.read_bytes()
            for p in written
            if p != folder.snapshot and folder.snapshot not in p.parents
        }
    result.update(ran_on=_here(), snapshot_sha256=digest)
    return {"result": result, "files": files}


# --------------------------------------------------------------------------- on the client


@contextlib.contextmanager
def connect(scheduler: str, jobs: int):
    """A ``distributed.Client`` of the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or, for
    ``local``, of a ``LocalCluster`` of ``jobs`` one-thread worker processes listening on
    loopback only, without a dashboard, closed on exit. An unreachable scheduler is a
    :class:`~playbook.exceptions.RunError`."""
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        with (
            LocalCluster(
                n_workers=max(1, jobs),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,  # not the workers' shutdown chatter on Ctrl-C
                # its HTTP server (health checks) on a free loopback port, not 8787 on every host
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:
        raise RunError(
            f"--scheduler {scheduler}: no Dask scheduler reachable there ({exc}). Start one "
            "with `dask scheduler` and give its tcp://HOST:PORT, or use --scheduler local."
        ) from None
    with client:
        yield client


@dataclass
class _Task:
    """One (workspace, notebook) pair: its pending run, notebook, parameters and submissions."""

    entry: object  # runner._PendingRun
    notebook: Path
    parameters: dict
    attempts: int = 0


def _failed(task: _Task, error: str) -> dict:
    """The result of a notebook whose task did not come back, with the reason."""
    from playbook import runner
    from playbook.rundir import RunStatus

    return asdict(
        runner.NotebookResult(
            task.notebook.stem,
            status=RunStatus.FAILED,
            error=error,
            parameters=task.parameters,
            ran_on="",
        )
    )


def _lost(task: _Task, fut) -> str:
    """Why the future of ``task`` did not finish, in a consultant's words."""
    from playbook import kernels

    if fut.status == "cancelled":
        return (
            f"the Dask task was cancelled {task.attempts} times: the workers holding this "
            "client's snapshot were lost"
        )
    exc = fut.exception()
    if type(exc).__name__ == "KilledWorker":
        return (
            f"KilledWorker: every Dask worker that started this notebook was lost "
            f"({exc.allowed_failures + 1} in all, the last {exc.last_worker.address}); "
            "not tried again"
        )
    return f"on the Dask cluster: {kernels.describe(exc)}"


class _Batch:
    """Every task of a run on one cluster: submission (a workspace's snapshot scattered when its
    first task is submitted, again if it was lost), results written into the run folders."""

    def __init__(self, client, show_code: bool, timeout: int | None):
        self.client, self.show_code, self.timeout = client, show_code, timeout
        self.futures: dict = {}  # future → _Task
        self.data: dict[Path, object] = {}  # run folder → the scattered snapshot's future
        self.digests: dict[Path, str] = {}  # run folder → SHA-256 of the snapshot shipped
        self.left: dict[Path, int] = {}  # run folder → tasks not finished yet
        self.texts: dict[Path, str] = {}  # notebook → its JSON text

    def submit(self, task: _Task):
        """Submit ``task`` (scattering its snapshot first if no live copy is on the cluster)."""
        key = task.entry.folder.path
        data = self.data.get(key)
        if data is None or data.status != "finished":
            files = pack_snapshot(task.entry.folder.snapshot)
            self.digests[key] = snapshot_sha256(files)
            [self.data[key]] = self.client.scatter([files], hash=False)
        if task.notebook not in self.texts:
            self.texts[task.notebook] = task.notebook.read_text(encoding="utf-8")
        task.attempts += 1
        fut = self.client.submit(
            run_task,
            task.notebook.name,
            self.texts[task.notebook],
            self.data[key],
            task.parameters,
            self.show_code,
            self.timeout,
            task.entry.sources[task.notebook.name],
            key=f"{task.notebook.stem}-{uuid.uuid4().hex[:12]}",
            retries=1,  # an exception of the task itself (not of the notebook: it never raises)
        )
        self.futures[fut] = task
        return fut

    def room(self) -> int:
        """How many more tasks to submit now: :data:`AHEAD` per worker thread, less those out."""
        threads = sum(self.client.nthreads().values()) or 1
        return AHEAD * threads - len(self.futures)

    def collect(self, fut) -> dict:
        """The notebook result of a finished ``fut``, its files written into the run folder."""
        from playbook.rundir import RunStatus

        task = self.futures.pop(fut)
        folder = task.entry.folder
        self.left[folder.path] -= 1
        if not self.left[folder.path]:  # the workspace is done: free its snapshot on the cluster
            self.data.pop(folder.path, None)
        if fut.status != "finished":
            return _failed(task, _lost(task, fut))
        try:
            answer = fut.result()
        except Exception as exc:  # lost between finishing and being fetched
            return _failed(task, f"its result was lost on the Dask cluster: {exc!r}")
        root = folder.path.resolve()
        for rel, data in answer["files"].items():
            target = (folder.path / rel).resolve()
            if not target.is_relative_to(root):
                return _failed(task, f"the worker returned a file outside the run folder: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        result = {**answer["result"], "parameters": task.parameters}
        if result["snapshot_sha256"] != self.digests[folder.path]:
            result["status"] = RunStatus.FAILED
            result["error"] = "the worker read a snapshot other than the one this run shipped"
        return result

    def cancel(self) -> None:
        """Cancel every future still out and forget the snapshots."""
        self.client.cancel(list(self.futures))
        self.futures.clear()
        self.data.clear()

    def run(self, tasks: list[_Task], progress) -> None:
        """Submit ``tasks`` as room allows and collect every result into its outcome."""
        from distributed import as_completed

        for task in tasks:
            self.left[task.entry.folder.path] = self.left.get(task.entry.folder.path, 0) + 1
        waiting = list(reversed(tasks))
        done = as_completed(
            [self.submit(waiting.pop()) for _ in range(min(self.room(), len(waiting)))]
        )
        for fut in done:
            task = self.futures[fut]
            if fut.status == "cancelled" and task.attempts < ATTEMPTS:
                del self.futures[fut]
                done.add(self.submit(task))  # its snapshot was lost with a worker
                continue
            task.entry.outcome.notebooks.append(self.collect(fut))
            if progress:
                progress(f"{task.entry.outcome.workspace.name}: {task.notebook.stem}", 1)
            for _ in range(min(self.room(), len(waiting))):
                done.add(self.submit(waiting.pop()))


def queued_tasks(pending: list) -> list[_Task]:
    """One task per (run, notebook) of ``pending``, as the local pool queues them: the longest
    expected first (:func:`playbook.schedule.longest_first`, from each client's previous run),
    so no worker is left with a long notebook at the end; each with its parameters."""
    queue = longest_first(
        [
            (previous_timings(e.folder.path.parent, e.ws.profile.client_id), e.notebooks)
            for e in pending
        ]
    )  # as the local pool: the longest expected first, so no worker is left with a long tail
    return [
        _Task(
            pending[t.run],
            t.notebook,
            {
                **pending[t.run].values[t.notebook.name],
                "workspace": str(pending[t.run].ws.path.resolve()),
                **pending[t.run].folder.parameters(t.notebook.stem),
            },
        )
        for t in queue
    ]


def execute_all(
    pending: list,
    scheduler: str,
    jobs: int,
    show_code: bool,
    timeout: int | None,
    progress,
) -> None:
    """Run the notebooks of every pending run (``runner._PendingRun``, each with its
    ``notebooks``, its parameters by notebook in ``values`` and their sources in ``sources``),
    longest expected first
    (:func:`playbook.schedule.longest_first`), on the Dask cluster at
    ``scheduler`` (``local``: a ``LocalCluster`` of ``jobs`` workers), appending each result to
    its run's outcome as :func:`playbook.runner._execute_all` does.

    An unreachable scheduler is a :class:`~playbook.exceptions.RunError` and removes the run
    folders (nothing ran in them); Ctrl-C cancels the futures and raises
    :class:`~playbook.exceptions.RunInterrupted`, the run folders left ``.partial``.
    """
    tasks = queued_tasks(pending)
    stack = contextlib.ExitStack()
    try:
        client = stack.enter_context(connect(scheduler, jobs))
    except RunError:
        for entry in pending:
            shutil.rmtree(entry.folder.path, ignore_errors=True)
        raise
    with stack:
        batch = _Batch(client, show_code, timeout)
        if progress:
            progress("start", len(tasks))
        try:
            batch.run(tasks, progress)
        except KeyboardInterrupt:
            batch.cancel()
            raise RunInterrupted([entry.folder.path for entry in pending]) from None
