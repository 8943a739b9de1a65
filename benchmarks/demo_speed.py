"""The full demo run against the naive loop a notebook user writes, and against its floor.

Paired runs, alternating (naive, playbook, naive, playbook, …), medians:

* naive: for each notebook, ``papermill NB OUT -p workspace data/demo-client`` into a temporary
  folder, then ``jupyter nbconvert --to html --no-input OUT``; one after the other.
* playbook: ``playbook run data/demo-client --out TMP`` (``--jobs 2`` by default); and the
  same with ``--fresh-kernels`` (a new kernel for every notebook instead of one per worker
  for the client's notebooks, reset between them), to show what that reuse buys.
* floor: (sum over notebooks of the notebook's own cell time, from the papermill metadata of
  the naive loop's executed notebooks: each in a fresh kernel, imports included) ÷ cores + one
  kernel start (measured: start a kernel, wait until it is ready). The same sum over the
  playbook run's own executed notebooks is printed beside it (those kernels were warmed up
  ahead, so their cells do less: a lower, harsher floor).

Usage: ``PYTHONPATH=$PWD python benchmarks/demo_speed.py [--pairs 3] [--jobs 2]``. Prints
every figure beside its baseline and target. Timings on a shared machine are noisy: compare the
ratios of one run (the pairs alternate so both sides see the same load).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo-client"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
BIN = Path(sys.executable).parent
TARGET_SPEEDUP, TARGET_FLOOR = 4.0, 1.3
TODAY = "2.8× faster (median wall 25.9 s vs 72.8 s); about 1.5–1.8× the floor"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def naive_loop(work: Path) -> float:
    """The loop a notebook user writes; the wall time. Executed notebooks stay in ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for nb in NOTEBOOKS:
        out = work / nb.name
        subprocess.run(
            [str(BIN / "papermill"), str(nb), str(out), "-p", "workspace", str(DEMO)],
            check=True,
            cwd=work,
            env=_env(),
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            check=True,
            cwd=work,
            env=_env(),
            capture_output=True,
        )
    return time.perf_counter() - started


def playbook_run(out: Path, jobs: int, *extra: str) -> float:
    """``playbook run data/demo-client`` (with ``extra`` options); the wall time."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "playbook"), "run", str(DEMO), "--out", str(out), "--jobs", str(jobs), *extra],
        check=True,
        env=_env(),
        capture_output=True,
    )
    return time.perf_counter() - started


def cell_seconds(executed: list[Path]) -> float:
    """Sum of every code cell's papermill duration over the executed notebooks."""
    import nbformat

    total = 0.0
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            total += cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
    return total


def kernel_start() -> float:
    """Seconds from starting a kernel (as papermill does) to its answering kernel_info."""
    from jupyter_client.manager import start_new_kernel

    started = time.perf_counter()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    km, kc = start_new_kernel(kernel_name="python3", startup_timeout=60, **quiet)
    took = time.perf_counter() - started
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return took


def main() -> None:
    """Run the pairs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    naive, ours, naive_cells, our_cells, fresh = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="demo-speed-") as tmp:
        for i in range(args.pairs):
            work = Path(tmp) / f"naive-{i}"
            naive.append(naive_loop(work))
            naive_cells.append(cell_seconds([work / nb.name for nb in NOTEBOOKS]))
            out = Path(tmp) / f"playbook-{i}"
            ours.append(playbook_run(out, args.jobs))
            [run_dir] = [p for p in out.iterdir() if p.is_dir()]
            our_cells.append(cell_seconds(sorted((run_dir / "executed").glob("*.ipynb"))))
            fresh.append(playbook_run(Path(tmp) / f"fresh-{i}", args.jobs, "--fresh-kernels"))
            print(
                f"pair {i + 1}: naive {naive[-1]:.1f} s, playbook {ours[-1]:.1f} s "
                f"(--fresh-kernels {fresh[-1]:.1f} s)",
                flush=True,
            )
            shutil.rmtree(work, ignore_errors=True)
    start = statistics.median(kernel_start() for _ in range(3))
    n, p = statistics.median(naive), statistics.median(ours)
    floor = statistics.median(naive_cells) / cores + start
    warm_floor = statistics.median(our_cells) / cores + start
    print(f"\ndemo client, {len(NOTEBOOKS)} notebooks, {cores} cores, {args.pairs} pairs, medians")
    print(f"{'figure':<34}{'measured':>14}  {'baseline / target'}")
    print(f"{'naive loop (papermill + nbconvert)':<34}{n:>12.1f} s  baseline")
    print(f"{'playbook run --jobs ' + str(args.jobs):<34}{p:>12.1f} s")
    print(f"{'speed-up':<34}{n / p:>12.2f} ×  target ≥ {TARGET_SPEEDUP:.0f}× (today {TODAY})")
    f = statistics.median(fresh)
    print(f"{'  … with --fresh-kernels':<34}{f:>12.1f} s  speed-up {n / f:.2f}×")
    print(f"{'kernel start (until ready)':<34}{start:>12.2f} s")
    print(
        f"{'floor (naive cells ÷ cores + start)':<34}{floor:>12.1f} s  "
        f"cells {statistics.median(naive_cells):.1f} s"
    )
    print(f"{'playbook run ÷ floor':<34}{p / floor:>12.2f} ×  target ≤ {TARGET_FLOOR}×")
    # within a pair both sides saw the same load: the medians of the pairs' own ratios
    pairs = [
        (a / b, b / (c / cores + start)) for a, b, c in zip(naive, ours, naive_cells, strict=True)
    ]
    print(
        f"{'  per pair (median of ratios)':<34}"
        f"{statistics.median(r[0] for r in pairs):>12.2f} ×  speed-up; "
        f"run ÷ floor {statistics.median(r[1] for r in pairs):.2f}×"
    )
    print(
        f"{'  (floor from its own cells)':<34}{warm_floor:>12.1f} s  "
        f"cells {statistics.median(our_cells):.1f} s, run ÷ it {p / warm_floor:.2f}×"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end: {load} (other work on the machine blurs the ratios)")


if __name__ == "__main__":
    main()
