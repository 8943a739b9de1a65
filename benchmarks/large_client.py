"""Large-client run: validation, snapshot and a full run of a large client, against the targets.

Makes COPIES copies of the committed demo client in one workspace (every id and reference gets
a ``-k`` suffix, account domains and names a per-copy prefix so overlap does not multiply; rows
without an id of their own, such as area-level financials, are kept once), or copies an existing
workspace (``--workspace DIR``, e.g. the one ``benchmarks/realistic_client.py`` writes; copied so
its ``.playbook-cache`` is this benchmark's own), then prints, in one run, each figure beside its
target and its baseline (issue 12, measured before the change on 1,008,000 deals):

* ``check``: a fresh validation (``playbook check``: parse, normalise, check, write the cache);
* the snapshot load a kernel does (``load_snapshot`` in a fresh process, then the deals only,
  or every table: tables are read when first used) vs the pickle of the whole workspace each
  kernel used to load;
* ``playbook run`` (the command, in its own process) reusing the snapshot ``check`` left vs
  ``run --revalidate`` (validates again: the behaviour before the cache), both with ``--jobs``,
  and how long the run went on after its last report (the workbook, the summary);
* peak memory: the largest resident set of this process (check, snapshot, the runner) and of
  the largest child process waited for (kernels, pool workers), via ``resource.getrusage``;
* each notebook's seconds and HTML size in both runs.

    python benchmarks/large_client.py [--copies 10] [--jobs 2] [--keep DIR] [--workspace DIR]
                                      [--only 01,02] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from playbook import check_cache
from playbook.config import DEMO_WORKSPACE
from playbook.schema import TABLES

# Text columns that identify a company across tables: copies get distinct values.
_DOMAIN_COLUMNS = {"domain", "website"}
_NAME_COLUMNS = {("accounts", "name"), ("partner_accounts", "account_name"), ("partners", "name")}


def scaled_copy(copies: int, dest: Path) -> Path:
    """Write the demo workspace ``copies`` times over into ``dest`` and return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    profile = yaml.safe_load((DEMO_WORKSPACE / "profile.yaml").read_text(encoding="utf-8"))
    profile["client_id"] = f"demo-x{copies}"
    (dest / "profile.yaml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    for spec in TABLES:
        source = DEMO_WORKSPACE / spec.filename
        if not source.exists():
            continue
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
        keyed = [c.name for c in spec.columns if c.kind in ("id", "ref") and c.name in frame]
        if not keyed:  # e.g. the readiness answers: one set per client, not per copy
            shutil.copy(source, dest / spec.filename)
            continue
        parts = []
        for k in range(copies):
            part = frame.copy()
            for col in keyed:
                part[col] = part[col].where(part[col] == "", part[col] + f"-{k}")
            for col in _DOMAIN_COLUMNS & set(part.columns):
                part[col] = part[col].where(
                    part[col] == "",
                    f"c{k}." + part[col].str.replace(r"^(https?://)?(www\.)?", "", regex=True),
                )
            for table, col in _NAME_COLUMNS:
                if table == spec.name and col in part.columns:
                    part[col] = part[col].where(part[col] == "", part[col] + f" {k}")
            parts.append(part)
        scaled = pd.concat(parts)
        if spec.key:  # rows with no id of their own (area-level financials) are kept once
            scaled = scaled.drop_duplicates(subset=list(spec.key))
        scaled.to_csv(dest / spec.filename, index=False)
    return dest


#: Issue 12's figures before the change (1,008,000 deals, 2 cores) and its targets.
BASELINE = {"check": 21.1, "run": 108.6, "peak_gb": 2.4}
TARGET = {"check": 15.0, "total": 60.0, "peak_gb": 3.0, "load": 1.0}
NOTEBOOK_BASELINE = {"01": (29.9, 4.8), "02": (22.6, None), "07": (14.4, 5.7)}

_LOAD = """
import pickle, time
from playbook.workspace import load_snapshot
t = time.perf_counter()
{load}
print(time.perf_counter() - t)
"""


def _kernel_load(code: str) -> float:
    """Seconds a fresh Python process (as a kernel, playbook imported) takes to run ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", _LOAD.format(load=code)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def _workspace(args, root: Path) -> Path:
    if args.workspace:
        dest = root / "workspace"
        shutil.copytree(args.workspace, dest, ignore=shutil.ignore_patterns(".playbook-cache"))
        return dest
    return scaled_copy(args.copies, root / "workspace")


def _rows(ws: Path) -> dict[str, int]:
    rows = {}
    for spec in TABLES:
        if (ws / spec.filename).exists():
            with open(ws / spec.filename, encoding="utf-8") as f:
                rows[spec.name] = sum(1 for _ in f) - 1
    return rows


def _timed_run(ws: Path, out: Path, args, revalidate: bool):
    """``playbook run`` as a user types it (its own process: forked pool workers), timed; the
    run folder it wrote."""
    command = [str(Path(sys.executable).with_name("playbook")), "run", str(ws), "--out", str(out)]
    command += ["--jobs", str(args.jobs)] + (["--only", args.only] if args.only else [])
    command += ["--revalidate"] if revalidate else []
    before = set(out.glob("*")) if out.exists() else set()
    t = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t
    [run_dir] = [p for p in out.glob("*") if p not in before and not p.name.startswith(".")]
    return seconds, run_dir


def _notebooks(run_dir: Path) -> dict[str, tuple[float, float, str]]:
    """Each notebook's seconds, HTML size and status, from the run's manifest."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    out = {}
    for nb in manifest["notebooks"]:
        html = run_dir / nb["html"] if nb["html"] else None
        size = html.stat().st_size / 1e6 if html and html.exists() else 0.0
        out[nb["notebook"]] = (nb["seconds"], size, nb["status"])
    return out


def _finishing(run_dir: Path) -> str:
    """What the run did after its last report was exported (workbook, summary, history):
    from the files' modification times."""
    reports = [p.stat().st_mtime for p in run_dir.glob("0*.html")]
    if not reports:
        return ""
    last = max(reports)
    book = (run_dir / "results.xlsx").stat().st_mtime - last
    end = max(p.stat().st_mtime for p in run_dir.glob("*") if p.is_file()) - last
    return f"after the last report: workbook closed {book:+.1f} s, run finished {end:+.1f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="write the workspace and runs here (kept)")
    ap.add_argument("--workspace", type=Path, help="time a copy of this workspace instead")
    ap.add_argument("--only", default="", help="notebooks to run, e.g. 01,02 (default: all)")
    ap.add_argument(
        "--no-baseline", action="store_true", help="skip the `run --revalidate` baseline run"
    )
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="playbook-large-"))
    root.mkdir(parents=True, exist_ok=True)
    ws = _workspace(args, root)
    rows = _rows(ws)
    print(
        f"{args.workspace or f'Demo client x{args.copies}'}: {rows.get('partners', 0):,} "
        f"partners, {rows.get('deals', 0):,} deals, {rows.get('accounts', 0):,} accounts, "
        f"{rows.get('partner_accounts', 0):,} partner account rows",
        flush=True,
    )
    t = time.perf_counter()
    checked = check_cache.check(ws, reuse=False)
    check_s = time.perf_counter() - t
    errors = [p for p in checked.problems if p.level == "error"]
    print(
        f"  check (fresh, writes the cache) {check_s:6.1f} s   target <= {TARGET['check']:.0f} s"
        f"   baseline {BASELINE['check']} s   errors {len(errors)}",
        flush=True,
    )
    if errors or checked.cached is None:
        for p in errors[:10]:
            print("   ", p)
        raise SystemExit(checked.note or 1)
    t = time.perf_counter()
    again = check_cache.check(ws)
    print(
        f"  validation step of `run`: reuses the snapshot {time.perf_counter() - t:5.1f} s "
        f"(reused: {again.reused}) vs validating again {check_s:5.1f} s (run --revalidate)",
        flush=True,
    )
    _load_figures(checked, root)
    run_s, run_dir = _timed_run(ws, root / "reports", args, revalidate=False)
    mine = _notebooks(run_dir)
    print(
        f"  run reusing the snapshot      {run_s:6.1f} s   status {_status(run_dir)}   "
        f"({args.jobs} jobs; {_finishing(run_dir)})",
        flush=True,
    )
    base = {}
    if not args.no_baseline:
        base_s, base_dir = _timed_run(ws, root / "reports-revalidate", args, revalidate=True)
        base = _notebooks(base_dir)
        print(f"  run --revalidate (baseline)   {base_s:6.1f} s   status {_status(base_dir)}")
    total = check_s + run_s
    print(
        f"  check + run                   {total:6.1f} s   target <= {TARGET['total']:.0f} s   "
        f"baseline {BASELINE['check'] + BASELINE['run']:.1f} s"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(
        f"  peak memory: this process (check + runner) {own:4.2f} GB, largest child process "
        f"(kernel / worker) {child:4.2f} GB   target <= {TARGET['peak_gb']:.0f} GB   baseline "
        f"{BASELINE['peak_gb']} GB (max RSS, resource.getrusage)"
    )
    _print_notebooks(mine, base)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


def _status(run_dir: Path) -> str:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))["status"]


def _load_figures(checked, root: Path) -> None:
    """The snapshot a kernel loads (Parquet, memory-mapped) vs the pickle it used to load."""
    snap = checked.cached
    t = time.perf_counter()
    pickled = root / "workspace.pkl"
    with open(pickled, "wb") as f:
        pickle.dump(checked.workspace, f, protocol=pickle.HIGHEST_PROTOCOL)
    pickle_write = time.perf_counter() - t
    deals = _kernel_load(f"load_snapshot({str(snap)!r}).table('deals')")
    every = _kernel_load(f"ws = load_snapshot({str(snap)!r})\nfor n in ws.tables: ws.tables[n]")
    old = _kernel_load(f"pickle.load(open({str(pickled)!r}, 'rb'))")
    size = sum(f.stat().st_size for f in snap.rglob("*") if f.is_file()) / 1e6
    print(
        f"  snapshot load in a kernel: Parquet ({size:,.0f} MB) deals only {deals:5.2f} s, every "
        f"table {every:5.2f} s   target < {TARGET['load']:.0f} s   baseline pickle (every "
        f"table) {old:5.2f} s ({pickled.stat().st_size / 1e6:,.0f} MB, written in "
        f"{pickle_write:.1f} s)",
        flush=True,
    )
    pickled.unlink()


def _print_notebooks(mine: dict, base: dict) -> None:
    print(
        f"    {'notebook':<28} {'status':<7} {'seconds':>8} {'HTML MB':>8}   "
        f"{'--revalidate s':>14}   issue baseline (s, HTML MB)"
    )
    for name, (seconds, size, status) in mine.items():
        before = base.get(name, (None,))[0]
        issue = NOTEBOOK_BASELINE.get(name[:2])
        print(
            f"    {name:<28} {status:<7} {seconds:8.1f} {size:8.1f}   "
            f"{'' if before is None else f'{before:.1f}':>14}   "
            f"{'' if issue is None else f'{issue[0]} s, {issue[1] or chr(45)} MB'}"
        )


if __name__ == "__main__":
    main()
