"""How busy a batch keeps the machine's cores: CPU seconds ÷ (cores × wall).

A batch of N demo-sized clients (copies of data/demo-client, each with its own client_id) is
run by ``playbook run`` with ``--jobs 1`` (the baseline) and ``--jobs 2``. The CPU seconds are
those of the whole process tree: the run is waited for with ``os.wait4``, whose resource usage
includes every descendant that was reaped (the pool workers reap their kernels when they shut
them down, the run reaps its workers). Kernels left running would not be counted, so the
script also checks that none is left (each run's processes carry a marker in their
environment, looked up in /proc).

Usage: ``PYTHONPATH=$PWD python benchmarks/batch_utilisation.py [--clients 20] [--jobs 2]
[--no-baseline]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo-client"
BIN = Path(sys.executable).parent
TARGET = 0.85
TODAY = "57% for 4 clients with --jobs 2"


def make_clients(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the demo client, client ids ``demo-01`` …"""
    paths = []
    for i in range(1, n + 1):
        ws = folder / f"client-{i:02d}"
        shutil.copytree(DEMO, ws)
        profile = ws / "profile.yaml"
        text = profile.read_text(encoding="utf-8")
        text, found = re.subn(r"(?m)^client_id:.*$", f'client_id: "demo-{i:02d}"', text, count=1)
        if not found:
            text += f'\nclient_id: "demo-{i:02d}"\n'
        profile.write_text(text, encoding="utf-8")
        paths.append(ws)
    return paths


def kernels_marked(marker: str) -> list[int]:
    """Pids of live kernels whose environment carries ``marker`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            marked = marker.encode() in (entry / "environ").read_bytes()
            kernel = b"ipykernel" in (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marked and kernel:
            found.append(int(entry.name))
    return found


def run_batch(clients: list[Path], jobs: int, out: Path) -> dict:
    """Run the batch; wall seconds, CPU seconds of the whole tree, processes left behind."""
    marker = f"PLAYBOOK_BENCH_MARK={uuid.uuid4().hex}"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    key, value = marker.split("=")
    env[key] = value
    cmd = [str(BIN / "playbook"), "run", *map(str, clients), "--out", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, "--jobs", str(jobs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    left = kernels_marked(marker)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "status": proc.returncode,
        "left": left,
    }


def main() -> None:
    """Run the batch with one job and with ``--jobs``; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the --jobs 1 run")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows = []
    with tempfile.TemporaryDirectory(prefix="batch-util-") as tmp:
        clients = make_clients(Path(tmp) / "clients", args.clients)
        for jobs in ([] if args.no_baseline else [1]) + [args.jobs]:
            r = run_batch(clients, jobs, Path(tmp) / f"reports-{jobs}")
            r["jobs"], r["util"] = jobs, r["cpu"] / (cores * r["wall"])
            rows.append(r)
            print(f"--jobs {jobs}: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s", flush=True)
    print(f"\nbatch of {args.clients} demo-sized clients, {cores} cores")
    print(f"{'run':<12}{'wall':>9}{'CPU':>10}{'CPU ÷ (cores × wall)':>22}  exit  kernels left")
    for r in rows:
        print(
            f"{'--jobs ' + str(r['jobs']):<12}{r['wall']:>8.1f}s{r['cpu']:>9.1f}s"
            f"{r['util']:>21.0%}  {r['status']:>4}  {len(r['left'])}"
        )
    if len(rows) == 2:
        print(
            f"speed-up of --jobs {args.jobs} over --jobs 1: "
            f"{rows[0]['wall'] / rows[1]['wall']:.2f}×"
        )
    print(f"target: --jobs {args.jobs} ≥ {TARGET:.0%} of {cores} cores busy (today {TODAY})")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end: {load} (other work on the machine lowers the figure)")


if __name__ == "__main__":
    main()
