"""Runs on a real Dask cluster (``playbook run --scheduler``): a `dask scheduler` and `dask
worker` processes on loopback, each in its own folder, no mocks. The workspaces are hidden from
the workers while the notebooks run, so a pass proves they need no shared folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from conftest import TINY, write_workspace
from nbformat.v4 import new_code_cell

from playbook import cluster, runner
from playbook.config import NOTEBOOKS_DIR, PROJECT_ROOT
from playbook.exceptions import RunError

pytestmark = pytest.mark.e2e

ONLY = ["01", "05"]  # two notebooks per workspace keep the module under a minute
SECOND = {  # TINY with D3 worth 6,000 instead of 5,000: figures that differ from the first's
    **TINY,
    "deals": TINY["deals"].replace(
        "D3,P2,sourced,won,2024-05-01,2024-07-15,5000",
        "D3,P2,sourced,won,2024-05-01,2024-07-15,6000",
    ),
}
SECOND_PROFILE = 'name: Second Test Co\nclient_id: "008"\ncurrency: USD\ncompetitors: [Rival One]\n'


def _dask(folder: Path, *args: str) -> subprocess.Popen:
    """``dask ARGS`` started in its own working ``folder`` (output in ``folder/out.log``), with
    this checkout's ``playbook`` importable."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with open(folder / "out.log", "wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args], cwd=folder, env=env, stdout=log, stderr=log
        )


def _wait_for(what: str, check, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen in {seconds} s")
        time.sleep(0.1)


class Cluster:
    """A scheduler (random free port) and worker processes (one thread each, no nanny: the
    process is the worker), all on 127.0.0.1 without a dashboard."""

    def __init__(self, root: Path):
        self.root, self.workers = root, []
        file = root / "scheduler" / "scheduler.json"
        self.scheduler = _dask(
            root / "scheduler",
            *("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"),
            *("--dashboard-address", "127.0.0.1:0"),  # its health-check server: no fixed port
            *("--scheduler-file", str(file)),
        )
        _wait_for("the scheduler's start", file.exists)
        _wait_for("the scheduler file", lambda: file.read_text().strip().endswith("}"))
        self.address = json.loads(file.read_text())["address"]

    def add_worker(self) -> subprocess.Popen:
        """Start one more worker and wait until the scheduler has it."""
        name = f"worker-{len(self.workers)}"
        folder = self.root / name
        proc = _dask(
            folder,
            *("worker", self.address, "--name", name, "--host", "127.0.0.1"),
            *("--nthreads", "1", "--no-nanny"),
            *("--no-dashboard", "--local-directory", str(folder), "--death-timeout", "60"),
        )
        self.workers.append(proc)
        with self.client() as client:
            client.wait_for_workers(len(self.alive()), timeout=90)
        return proc

    def alive(self) -> list[subprocess.Popen]:
        return [p for p in self.workers if p.poll() is None]

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A scheduler and two workers for the module; always torn down."""
    started = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        started.add_worker()
        started.add_worker()
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def two_workspaces(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("clients")
    return [
        write_workspace(root / "first", TINY),
        write_workspace(root / "second", SECOND, SECOND_PROFILE),
    ]


@contextlib.contextmanager
def hidden_while_running(workspaces: list[Path]):
    """A progress callback that moves the workspace folders away once the notebooks are handed
    to the cluster and back after the last one came back (the run's manifest reads them again):
    a worker that read a workspace folder would fail."""
    state = {"left": None}

    def progress(desc, n):
        if desc == "start":
            state["left"] = n
            for ws in workspaces:
                ws.rename(ws.with_name(ws.name + "-hidden"))
        elif state["left"] is not None and n:
            state["left"] -= n
            if not state["left"]:
                for ws in workspaces:
                    ws.with_name(ws.name + "-hidden").rename(ws)

    yield progress
    for ws in workspaces:  # a failed run: put them back anyway
        if ws.with_name(ws.name + "-hidden").exists():
            ws.with_name(ws.name + "-hidden").rename(ws)


def _results(outcome) -> dict:
    return json.loads((outcome.run_dir / "results.json").read_text(encoding="utf-8"))


def _manifest(outcome) -> dict:
    return json.loads((outcome.run_dir / "manifest.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the snapshot as bytes


def test_a_snapshot_folder_travels_as_bytes_and_its_digest_is_defined(tmp_path):
    snap = tmp_path / "snap"
    (snap / "tables").mkdir(parents=True)
    (snap / "tables" / "deals.parquet").write_bytes(b"PAR1deals")
    (snap / "meta.json").write_bytes(b"{}")
    files = cluster.pack_snapshot(snap)
    assert files == {"meta.json": b"{}", "tables/deals.parquet": b"PAR1deals"}
    cluster.unpack_snapshot(files, tmp_path / "again")
    assert cluster.pack_snapshot(tmp_path / "again") == files
    expected = hashlib.sha256(b"meta.json\x002\x00{}tables/deals.parquet\x009\x00PAR1deals")
    assert cluster.snapshot_sha256(files) == expected.hexdigest()
    one = tmp_path / "workspace.pkl"
    one.write_bytes(b"pickled")
    assert cluster.pack_snapshot(one) == {"": b"pickled"}
    assert cluster.snapshot_sha256({"": b"pickled"}) == hashlib.sha256(b"pickled").hexdigest()
    cluster.unpack_snapshot({"": b"pickled"}, tmp_path / "x" / "workspace.pkl")
    assert (tmp_path / "x" / "workspace.pkl").read_bytes() == b"pickled"


# --------------------------------------------------------------------------- on a real cluster


def test_two_workspaces_on_two_workers_match_a_local_run(tmp_path, dask_cluster, two_workspaces):
    local = runner.run(two_workspaces, tmp_path / "local", only=ONLY, jobs=2)
    with hidden_while_running(two_workspaces) as progress:
        remote = runner.run(
            two_workspaces,
            tmp_path / "dask",
            only=ONLY,
            scheduler=dask_cluster.address,
            progress=progress,
        )
    with dask_cluster.client() as client:
        workers = set(client.scheduler_info()["workers"])
    assert [o.status for o in remote] == ["ok", "ok"], [o.notebooks for o in remote]
    assert _results(remote[0]) != _results(remote[1])  # two different clients
    for here, there in zip(local, remote, strict=True):
        assert _results(there) == _results(here)
        assert sorted(p.name for p in there.run_dir.glob("0*.html")) == [
            "01-requirements-investment.html",
            "05-analytics.html",
        ]
        assert (there.run_dir / "executed" / "05-analytics.ipynb").exists()
        notebooks = _manifest(there)["notebooks"]
        assert {n["ran_on"] for n in notebooks} <= workers
        assert {n["ran_on"] for n in _manifest(here)["notebooks"]} == {"local"}
        [digest] = {n["snapshot_sha256"] for n in notebooks}  # both read the same snapshot
        assert len(digest) == 64
        # the manifest records the run folder's paths, not the worker's temporary ones
        assert notebooks[0]["parameters"]["results_file"].startswith(
            str(tmp_path / "dask" / f".{there.run_dir.name}.partial")
        )
    assert len({_manifest(o)["notebooks"][0]["snapshot_sha256"] for o in remote}) == 2
    assert not list((tmp_path / "dask").glob(".*.partial"))


def _slow_notebooks(folder: Path) -> Path:
    """05-analytics, and a copy of it numbered 01 that sleeps first: long enough to kill the
    worker that holds it."""
    folder.mkdir()
    nb = nbformat.read(NOTEBOOKS_DIR / "05-analytics.ipynb", as_version=4)
    nbformat.write(nb, folder / "05-analytics.ipynb")
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, new_code_cell("import time\ntime.sleep(4)"))
    nbformat.write(nb, folder / "01-slow.ipynb")
    return folder


def _kill_the_worker_of(started: Cluster, prefix: str, killed: dict) -> None:
    """As soon as the scheduler has given a task ``prefix…`` to a worker, SIGKILL that worker."""
    with started.client() as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for address, keys in client.processing().items():
                if any(str(k).startswith(prefix) for k in keys):
                    name = client.scheduler_info()["workers"][address]["name"]
                    started.workers[int(name.removeprefix("worker-"))].kill()  # SIGKILL
                    killed["address"] = address
                    return
            time.sleep(0.05)


def test_a_worker_killed_mid_run_costs_a_retry_not_the_batch(
    tmp_path, dask_cluster, two_workspaces
):
    dask_cluster.add_worker()  # this test kills one: the module keeps two
    killed = {}
    killer = threading.Thread(
        target=_kill_the_worker_of, args=(dask_cluster, "01-slow", killed), daemon=True
    )
    killer.start()
    [outcome] = runner.run(
        two_workspaces[:1],
        tmp_path / "r",
        scheduler=dask_cluster.address,
        notebooks_dir=_slow_notebooks(tmp_path / "notebooks"),
    )
    killer.join(timeout=10)
    assert killed, "no worker was killed"
    assert [p for p in dask_cluster.workers if p.poll() == -signal.SIGKILL]
    status = {n["notebook"]: n for n in _manifest(outcome)["notebooks"]}
    for name, result in status.items():  # ok, or failed alone with a readable reason
        assert result["status"] == "ok" or result["error"].startswith("KilledWorker:"), name
    assert status["01-slow"]["status"] == "ok"
    assert status["01-slow"]["ran_on"] != killed["address"]  # retried on a live worker
    assert _results(outcome)["01-slow"]["figures"] == _results(outcome)["05-analytics"]["figures"]
    assert not list((tmp_path / "r").glob(".*.partial"))


def test_an_unreachable_scheduler_is_refused_and_leaves_no_run_folder(
    tmp_path, two_workspaces, monkeypatch
):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    with pytest.raises(RunError, match="no Dask scheduler reachable there"):
        runner.run(two_workspaces[:1], tmp_path / "r", only=["05"], scheduler="tcp://127.0.0.1:9")
    assert not list((tmp_path / "r").iterdir())


def test_scheduler_local_through_the_cli(tmp_path, two_workspaces):
    from click.testing import CliRunner

    from playbook.cli import main

    out = tmp_path / "r"
    args = ["run", str(two_workspaces[0]), "--out", str(out), "--only", "05"]
    result = CliRunner().invoke(main, [*args, "--scheduler", "local", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    [run_dir] = [p for p in out.iterdir() if p.is_dir()]
    [notebook] = json.loads((run_dir / "manifest.json").read_text())["notebooks"]
    assert notebook["status"] == "ok"
    assert notebook["ran_on"].startswith("tcp://127.0.0.1:")
