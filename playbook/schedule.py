"""The order of a batch: every (workspace, notebook) task in one queue, longest expected first.

A notebook's expected duration is its seconds in the latest earlier run of the same client under
the reports folder (that run's ``manifest.json``), else the static estimate below. Starting the
longest tasks first keeps both cores busy to the end: the short ones fill the gaps at the tail
instead of one long notebook running alone after everything else is done.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# Seconds of each notebook on the demo client, in a kernel that ran another notebook of the run
# before (as most do: playbook.spare), from three `playbook run data/demo-client` on 2 cores;
# the two that start their workers' kernels are counted without that start (about 1.3 s).
# Only the order they give matters.
ESTIMATES = {
    "01-requirements-investment": 2.5,
    "02-mvp-acquisition": 2.5,
    "03-readiness": 3.1,
    "04-organisation-buy-in": 1.7,
    "05-analytics": 3.6,
    "06-partner-types": 1.7,
    "07-partner-landscape": 2.4,
    "08-partner-communication": 2.2,
}
DEFAULT_ESTIMATE = 3.0  # a notebook the demo does not have (tests, a consultant's own)


def previous_timings(out: Path, client_id: str) -> dict[str, float]:
    """Seconds of each notebook in the latest complete run of ``client_id`` under ``out``
    (``{}`` when there is none). Unreadable manifests are skipped: they only inform the order."""
    runs = []
    for manifest in Path(out).glob("*/manifest.json"):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("client", {}).get("client_id") != client_id:
            continue
        runs.append((str(data.get("started", "")), manifest.parent.name, data))
    if not runs:
        return {}
    latest = max(runs, key=lambda r: (r[0], r[1]))[2]
    return {
        n["notebook"]: float(n["seconds"])
        for n in latest.get("notebooks", [])
        if isinstance(n, dict) and isinstance(n.get("seconds"), int | float) and n["seconds"] > 0
    }


def expected_seconds(notebook: str, previous: dict[str, float]) -> float:
    """How long ``notebook`` (``NN-name``) is expected to take: its previous time, else the
    static estimate."""
    return previous.get(notebook, ESTIMATES.get(notebook, DEFAULT_ESTIMATE))


@dataclass(frozen=True)
class Task:
    """One notebook of one workspace: ``run`` is the index of its run in the batch."""

    run: int
    notebook: Path
    expected: float


def longest_first(runs: list[tuple[dict[str, float], list[Path]]]) -> list[Task]:
    """Every (run, notebook) task of ``runs`` (each: previous timings, notebooks) in one list,
    longest expected first; ties keep batch order (run, then notebook)."""
    tasks = [
        Task(i, nb, expected_seconds(nb.stem, previous))
        for i, (previous, notebooks) in enumerate(runs)
        for nb in notebooks
    ]
    return sorted(tasks, key=lambda t: (-t.expected, t.run, t.notebook.name))
