"""Kernels started ahead of need (playbook.spare): each runs its notebook in the run folder; a
kernel runs the next notebook of the same run only after a reset that leaves nothing of the
previous one, never a notebook of another run; none outlives its batch, even on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import TINY, write_workspace
from nbfactory import write_notebook

from playbook import kernels, runner, spare
from playbook.rundir import RunFolder

ROOT = Path(__file__).resolve().parent.parent

PROBE = (
    "import os, sys\n"
    "print('warm' if 'playbook.charts' in sys.modules else 'cold')\n"
    "print(os.getcwd())\n"
    "print('leak' if 'secret' in dir() else 'clean')\n"
    "import matplotlib, matplotlib.pyplot as plt, pandas as pd, warnings\n"
    "changed = [\n"
    "    matplotlib.rcParams['lines.linewidth'] == 9, pd.get_option('display.max_rows') == 3,\n"
    "    'PLAYBOOK_LEAK' in os.environ, '/leak' in sys.path, bool(plt.get_fignums()),\n"
    "    any(f[0] == 'error' and f[2] is UserWarning for f in warnings.filters),\n"
    "]\n"
    "print('leak' if any(changed) else 'clean')\n"
    "secret = os.getpid()\n"
    "matplotlib.rcParams['lines.linewidth'] = 9\n"
    "pd.set_option('display.max_rows', 3)\n"
    "os.environ['PLAYBOOK_LEAK'] = '1'\n"
    "sys.path.append('/leak')\n"
    "warnings.simplefilter('error', UserWarning)\n"
    "fig = plt.figure()\n"
    "print(secret)"
)


def _marked(marker: str, kernels_only: bool = True) -> list[int]:
    """Live kernels (or any processes) whose environment carries ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                marked = marker.encode() in (entry / "environ").read_bytes()
                kernel = b"ipykernel" in (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marked and (kernel or not kernels_only):
                found.append(int(entry.name))
    return found


def _printed(executed: Path) -> list[str]:
    cell = nbformat.read(executed, as_version=4).cells[-1]
    return "".join(o.get("text", "") for o in cell.outputs).split()


@pytest.mark.e2e
def _first_count(executed: Path) -> int:
    cells = nbformat.read(executed, as_version=4).cells
    return next(c.execution_count for c in cells if c.cell_type == "code")


@pytest.mark.e2e
def test_a_runs_next_notebook_reuses_its_kernel_reset_and_another_run_never_does(tmp_path):
    write_notebook(tmp_path / "01-a.ipynb", PROBE + "\nprint('chatter', file=sys.__stderr__)")
    write_notebook(tmp_path / "02-b.ipynb", PROBE + "\nprint('second', file=sys.__stderr__)")
    write_notebook(tmp_path / "03-c.ipynb", PROBE + "\nraise ValueError('boom')")
    write_notebook(tmp_path / "04-d.ipynb", PROBE)
    one, two = RunFolder(tmp_path / "run"), RunFolder(tmp_path / "other")
    plan = [("01-a", one), ("02-b", one), ("01-a", two), ("03-c", two), ("04-d", two)]
    before = signal.getsignal(signal.SIGTERM)
    try:
        kernels.keep_spares(warm=True)
        results = [
            runner.execute_one(str(tmp_path / f"{nb}.ipynb"), folder, {}, False, 60)
            for nb, folder in plan
        ]
    finally:
        spare.stop_spares()
        signal.signal(signal.SIGTERM, before)
    statuses = [(r["status"], r["kernel_reused"]) for r in results]
    assert statuses == [
        ("ok", False),
        ("ok", True),  # the same run's next notebook: the kept kernel
        ("ok", False),  # another run: never that kernel
        ("failed", True),
        ("ok", False),  # a failed notebook's kernel is not reused
    ], results
    printed = {
        (nb, f.path.name): _printed(f.path / "executed" / f"{nb}.ipynb") for nb, f in plan[:3]
    }
    printed[("04-d", "other")] = _printed(two.path / "executed" / "04-d.ipynb")
    for (_, name), words in printed.items():  # warm, in its run folder, nothing left over
        assert words[:4] == ["warm", str(tmp_path / name), "clean", "clean"], words
    pids = {key: words[4] for key, words in printed.items()}
    assert pids[("01-a", "run")] == pids[("02-b", "run")]
    assert pids[("01-a", "other")] not in (pids[("01-a", "run")], pids[("04-d", "other")])
    assert _first_count(one.path / "executed" / "02-b.ipynb") == 1  # numbered afresh
    assert "chatter" in (one.path / "logs" / "01-a.log").read_text()
    assert "chatter" not in (one.path / "logs" / "02-b.log").read_text()
    assert "second" in (one.path / "logs" / "02-b.log").read_text()
    assert not spare._live and spare.take() is None


@pytest.mark.e2e
def test_fresh_kernels_give_each_notebook_its_own_interpreter(tmp_path):
    write_notebook(tmp_path / "01-a.ipynb", PROBE)
    write_notebook(tmp_path / "02-b.ipynb", PROBE)
    before = signal.getsignal(signal.SIGTERM)
    try:
        kernels.keep_spares(warm=True, reuse=False)
        results = [
            runner.execute_one(str(tmp_path / nb), RunFolder(tmp_path / "run"), {}, False, 60)
            for nb in ("01-a.ipynb", "02-b.ipynb")
        ]
    finally:
        spare.stop_spares()
        signal.signal(signal.SIGTERM, before)
    assert [(r["status"], r["kernel_reused"]) for r in results] == [("ok", False)] * 2
    first = _printed(tmp_path / "run" / "executed" / "01-a.ipynb")
    second = _printed(tmp_path / "run" / "executed" / "02-b.ipynb")
    assert first[:4] == second[:4] == ["warm", str(tmp_path / "run"), "clean", "clean"]
    assert first[4] != second[4]  # two interpreters


@pytest.mark.e2e
def test_no_kernel_outlives_a_batch(tmp_path, monkeypatch):
    marker = uuid.uuid4().hex
    monkeypatch.setenv("PLAYBOOK_TEST_MARK", marker)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c"):
        write_notebook(notebooks / f"{name}.ipynb", PROBE)
    spaces = [str(write_workspace(tmp_path / f"ws{i}", TINY)) for i in (1, 2)]
    # in a fresh process with workers forked from it, as the command line runs a batch
    script = (
        "from pathlib import Path\nfrom playbook import runner\n"
        "assert runner._start_method(fork=True) == 'fork'\n"
        f"runner.run([Path(w) for w in {spaces!r}], Path({str(tmp_path / 'r')!r}), jobs=2, "
        f"notebooks_dir=Path({str(notebooks)!r}), fork=True)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=300)
    assert _marked(marker) == []
    runs = sorted(
        (tmp_path / "r").iterdir(),
        key=lambda p: json.loads((p / "manifest.json").read_text())["workspace"],
    )
    pids = []
    for run_dir in runs:
        mine = set()
        for nb in ("01-a", "02-b", "03-c"):
            warm, cwd, *clean, pid = _printed(run_dir / "executed" / f"{nb}.ipynb")
            assert cwd == str(run_dir.parent / f".{run_dir.name}.partial")
            assert warm == "warm" and clean == ["clean", "clean"]
            mine.add(pid)
        manifest = json.loads((run_dir / "manifest.json").read_text())
        reused = [n["kernel_reused"] for n in manifest["notebooks"]]
        # three notebooks, two workers: at least one ran in its run's kept kernel
        assert len(mine) == 3 - sum(reused) and 1 <= sum(reused) <= 2, reused
        pids.append(mine)
    assert not pids[0] & pids[1]  # no kernel ran notebooks of both clients


def test_workers_are_forked_only_when_asked_and_no_other_thread_runs():
    assert runner._start_method(fork=False) == "spawn"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert runner._start_method(fork=True) == "spawn"
    finally:
        stop.set()
        other.join()


@pytest.mark.e2e
def test_no_kernel_outlives_ctrl_c(tmp_path):
    marker = uuid.uuid4().hex
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c", "04-d", "05-e"):  # more than the last two
        write_notebook(notebooks / f"{name}.ipynb", "import time\ntime.sleep(120)")
    # two clients: a notebook of the other client may follow, so each worker keeps a spare
    spaces = [str(write_workspace(tmp_path / f"ws{i}", TINY)) for i in (1, 2)]
    script = (
        "from pathlib import Path\nfrom playbook import runner\n"
        f"runner.run([Path(w) for w in {spaces!r}], Path({str(tmp_path / 'r')!r}), jobs=2, "
        f"notebooks_dir=Path({str(notebooks)!r}), fork=True)"
    )
    env = {**os.environ, "PLAYBOOK_TEST_MARK": marker, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(  # Ctrl-C acts even when this suite was started ignoring it (&)
        [sys.executable, "-c", script],
        env=env,
        start_new_session=True,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 90
    while len(_marked(marker)) < 4 and time.monotonic() < deadline:  # 2 running, 2 spares
        time.sleep(0.5)
    assert len(_marked(marker)) == 4
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal sends Ctrl-C to the whole group
    _, err = proc.communicate(timeout=60)
    assert b"RunInterrupted" in err
    assert _marked(marker) == []  # killed by their workers, not left to notice on their own
    assert _marked(marker, kernels_only=False) == []
