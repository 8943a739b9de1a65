"""Kernels started ahead of need (playbook.spare): each runs one notebook in a fresh
interpreter in the run folder, and none outlives its batch, even on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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
    "secret = os.getpid()\n"
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
def test_each_notebook_gets_its_own_warm_kernel_in_its_run_folder(tmp_path):
    write_notebook(tmp_path / "01-a.ipynb", PROBE + "\nprint('chatter', file=sys.__stderr__)")
    write_notebook(tmp_path / "02-b.ipynb", PROBE)
    before = signal.getsignal(signal.SIGTERM)
    try:
        kernels.keep_spares(warm=True)
        results = [
            runner.execute_one(str(tmp_path / nb), RunFolder(tmp_path / "run"), {}, False, 60)
            for nb in ("01-a.ipynb", "02-b.ipynb")
        ]
    finally:
        spare.stop_spares()
        signal.signal(signal.SIGTERM, before)
    assert [r["status"] for r in results] == ["ok", "ok"], results
    first = _printed(tmp_path / "run" / "executed" / "01-a.ipynb")
    second = _printed(tmp_path / "run" / "executed" / "02-b.ipynb")
    assert first[:3] == second[:3] == ["warm", str(tmp_path / "run"), "clean"]
    assert first[3] != second[3]  # two interpreters
    assert "chatter" in (tmp_path / "run" / "logs" / "01-a.log").read_text()
    assert not spare._live and spare.take() is None


@pytest.mark.e2e
def test_no_kernel_outlives_a_batch(tmp_path, monkeypatch):
    marker = uuid.uuid4().hex
    monkeypatch.setenv("PLAYBOOK_TEST_MARK", marker)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c"):
        write_notebook(notebooks / f"{name}.ipynb", PROBE)
    spaces = [write_workspace(tmp_path / f"ws{i}", TINY) for i in (1, 2)]
    outcomes = runner.run(spaces, tmp_path / "r", jobs=2, notebooks_dir=notebooks)
    assert _marked(marker) == []
    for i, outcome in enumerate(outcomes):
        for nb in ("01-a", "02-b", "03-c"):
            warm, cwd, clean, _ = _printed(outcome.run_dir / "executed" / f"{nb}.ipynb")
            assert cwd == str(outcome.run_dir.parent / f".{outcome.run_dir.name}.partial")
            assert clean == "clean"
            # no spare is started after the queue's last two tasks (ties keep batch order):
            # a worker that gets both starts the second one's kernel cold
            assert warm == "warm" or (i, nb) in {(1, "02-b"), (1, "03-c")}


@pytest.mark.e2e
def test_no_kernel_outlives_ctrl_c(tmp_path):
    marker = uuid.uuid4().hex
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c", "04-d", "05-e"):  # more than the last two
        write_notebook(notebooks / f"{name}.ipynb", "import time\ntime.sleep(120)")
    ws = write_workspace(tmp_path / "ws", TINY)
    script = (
        "from pathlib import Path\nfrom playbook import runner\n"
        f"runner.run([Path({str(ws)!r})], Path({str(tmp_path / 'r')!r}), jobs=2, "
        f"notebooks_dir=Path({str(notebooks)!r}))"
    )
    env = {**os.environ, "PLAYBOOK_TEST_MARK": marker, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], env=env, start_new_session=True, stderr=subprocess.PIPE
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
