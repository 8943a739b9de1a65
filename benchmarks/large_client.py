"""Large-client run: the demo workspace scaled up, validated and run through all notebooks.

Makes COPIES copies of the committed demo client in one workspace (every id and reference gets
a ``-k`` suffix, account domains and names a per-copy prefix so overlap does not multiply; rows
without an id of their own, such as area-level financials, are kept once), then
times ``playbook check`` (validation) and a full ``playbook run`` and reports each notebook's
time and HTML size. There is no issue target for this; it is the measurement to quote when a
change touches validation or the notebooks.

    python benchmarks/large_client.py [--copies 10] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from playbook import runner
from playbook.config import DEMO_WORKSPACE
from playbook.schema import TABLES
from playbook.workspace import check_workspace

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="write the workspace and run here (kept)")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="playbook-large-"))
    ws = scaled_copy(args.copies, root / "workspace")
    rows = {
        spec.name: sum(1 for _ in open(ws / spec.filename, encoding="utf-8")) - 1
        for spec in TABLES
        if (ws / spec.filename).exists()
    }
    print(
        f"Demo client x{args.copies}: {rows['partners']:,} partners, {rows['deals']:,} deals, "
        f"{rows['accounts']:,} accounts, {rows['partner_accounts']:,} partner account rows",
        flush=True,
    )
    t = time.perf_counter()
    _, problems = check_workspace(ws)
    errors = [p for p in problems if p.level == "error"]
    print(f"  check   {time.perf_counter() - t:6.1f} s   errors {len(errors)}", flush=True)
    if errors:
        for p in errors[:10]:
            print("   ", p)
        raise SystemExit(1)
    t = time.perf_counter()
    [outcome] = runner.run([ws], root / "reports", jobs=args.jobs)
    total = time.perf_counter() - t
    print(f"  run     {total:6.1f} s   status {outcome.status}   ({args.jobs} jobs)")
    for nb in outcome.notebooks:
        html = outcome.run_dir / nb["html"] if nb["html"] else None
        size = html.stat().st_size / 1e6 if html and html.exists() else 0
        print(
            f"    {nb['notebook']:<28} {nb['status']:<7} {nb['seconds']:6.1f} s   "
            f"HTML {size:5.1f} MB"
        )
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
