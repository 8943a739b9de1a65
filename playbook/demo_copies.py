"""Modified copies of the demo client, for a portfolio demonstration (``examples/
portfolio_demo.py``).

Copy ``k`` (1, 2, …) is the demo workspace under another fictional name and ``client_id``
``demo-copy-k``, with three changes drawn from a generator seeded with ``k`` (so a copy is the
same every time): every money amount of the deals (``amount``, ``margin``, ``cost_of_sale``)
multiplied by one factor between 0.6 and 1.5 and rounded to whole units, every investment
amount by another factor in the same range, and each answered readiness score moved by −1, 0
or +1 within 0–5. A blank stays blank (never becomes 0): unanswered questions stay
unanswered, open deals without an amount keep none. Everything else is the demo's.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from pathlib import Path

from playbook.config import DEMO_WORKSPACE

#: The fictional names of the copies, in order (copy 9 on gets "Demo copy 9").
NAMES = (
    "Brightwell Analytics",
    "Corsa Logistics Software",
    "Halden HR Cloud",
    "Mireval Health Systems",
    "Northpeak Finance Apps",
    "Quillon Retail Tech",
    "Sorrel Field Service",
    "Tavira Learning",
)
FACTORS = (0.6, 1.5)
_MONEY = {"deals.csv": ("amount", "margin", "cost_of_sale"), "investments.csv": ("amount",)}


def _rewrite(file: Path, change) -> None:
    """Rewrite CSV ``file`` row by row through ``change(row) -> row`` (header kept)."""
    with file.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, [change(r) for r in reader]
    with file.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def scale(text: str, factor: float) -> str:
    """A money cell multiplied by ``factor`` and rounded to whole units; "" stays ""."""
    return text if not text.strip() else f"{round(float(text) * factor):.1f}"


def shift(text: str, step: int) -> str:
    """A readiness score moved by ``step`` within 0–5; an unanswered one stays unanswered."""
    return text if not text.strip() else str(min(5, max(0, int(float(text)) + step)))


def make_copy(k: int, dest: Path, source: Path = DEMO_WORKSPACE) -> Path:
    """Copy ``k`` of the demo workspace ``source`` written to folder ``dest`` (replaced)."""
    rng = random.Random(k)
    deal_factor, investment_factor = rng.uniform(*FACTORS), rng.uniform(*FACTORS)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".*"))
    name = NAMES[k - 1] if k <= len(NAMES) else f"Demo copy {k}"
    profile = dest / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1)
    text = re.sub(r"(?m)^client_id: .*$", f"client_id: demo-copy-{k}", text, count=1)
    profile.write_text(text, encoding="utf-8")
    factors = {"deals.csv": deal_factor, "investments.csv": investment_factor}
    for file, columns in _MONEY.items():
        _rewrite(
            dest / file,
            lambda r, c=columns, f=factors[file]: r | {n: scale(r[n], f) for n in c},
        )
    _rewrite(
        dest / "readiness.csv", lambda r: r | {"score": shift(r["score"], rng.choice((-1, 0, 1)))}
    )
    return dest


def make_copies(out: Path, count: int, source: Path = DEMO_WORKSPACE) -> list[Path]:
    """Copies 1 … ``count`` of the demo workspace as ``out/demo-copy-k``."""
    return [make_copy(k, out / f"demo-copy-{k}", source) for k in range(1, count + 1)]
