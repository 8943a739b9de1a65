"""The batch's one queue: longest expected first, from the client's previous run or the
static estimates (playbook.schedule)."""

from __future__ import annotations

import json
from pathlib import Path

from playbook import schedule

NOTEBOOKS = [Path(f"/nb/{name}.ipynb") for name in ("01-a", "02-b", "03-c", "05-analytics")]


def _manifest(out: Path, name: str, client_id: str, started: str, seconds: dict) -> None:
    run = out / name
    run.mkdir(parents=True)
    (run / "manifest.json").write_text(
        json.dumps(
            {
                "client": {"name": "X", "client_id": client_id},
                "started": started,
                "notebooks": [{"notebook": k, "seconds": v} for k, v in seconds.items()],
            }
        )
    )


def test_previous_timings_come_from_the_latest_run_of_the_same_client(tmp_path):
    _manifest(tmp_path, "acme-20260101-090000", "acme", "2026-01-01T09:00:00", {"01-a": 99.0})
    _manifest(
        tmp_path,
        "acme-20260301-090000",
        "acme",
        "2026-03-01T09:00:00",
        {"01-a": 4.0, "02-b": 9.0, "03-c": 0},
    )
    # a later run of another client whose folder name starts the same way
    _manifest(tmp_path, "acme-2-20260401-090000", "acme-2", "2026-04-01T09:00:00", {"01-a": 50})
    (tmp_path / ".acme-20260501-090000.partial").mkdir()  # unfinished: no manifest
    assert schedule.previous_timings(tmp_path, "acme") == {"01-a": 4.0, "02-b": 9.0}
    assert schedule.previous_timings(tmp_path, "nobody") == {}


def test_one_queue_longest_expected_first_across_workspaces(tmp_path):
    _manifest(
        tmp_path,
        "acme-20260301-090000",
        "acme",
        "2026-03-01T09:00:00",
        {"01-a": 1.0, "02-b": 30.0, "05-analytics": 0.5},
    )
    runs = [
        (schedule.previous_timings(tmp_path, "acme"), NOTEBOOKS),  # 03-c: no previous time
        (schedule.previous_timings(tmp_path, "new"), NOTEBOOKS[1:]),  # estimates only
    ]
    queue = [(t.run, t.notebook.stem, t.expected) for t in schedule.longest_first(runs)]
    est = schedule.ESTIMATES["05-analytics"]
    default = schedule.DEFAULT_ESTIMATE
    assert queue == [
        (0, "02-b", 30.0),
        (1, "05-analytics", est),
        (0, "03-c", default),  # ties keep batch order: run 0 before run 1
        (1, "02-b", default),
        (1, "03-c", default),
        (0, "01-a", 1.0),
        (0, "05-analytics", 0.5),
    ]


def test_a_dask_run_queues_its_tasks_longest_first_too(tmp_path):
    """playbook.cluster submits the same queue as the local pool: acme's previous run took
    30 s in 02 and 4 s in 01; a new client (no history) gets the static estimates."""
    from types import SimpleNamespace

    from playbook.cluster import queued_tasks
    from playbook.rundir import RunFolder

    _manifest(
        tmp_path, "acme-20260301-090000", "acme", "2026-03-01T09:00:00", {"01-a": 4, "02-b": 30}
    )

    def pending(client_id):
        return SimpleNamespace(
            ws=SimpleNamespace(
                path=tmp_path / client_id, profile=SimpleNamespace(client_id=client_id)
            ),
            folder=RunFolder(tmp_path / f".{client_id}-20260601-090000.partial"),
            notebooks=NOTEBOOKS[:2],
            values={nb.name: {"x": 1} for nb in NOTEBOOKS},
        )

    tasks = queued_tasks([pending("acme")])
    assert [t.notebook.stem for t in tasks] == ["02-b", "01-a"]
    assert tasks[0].parameters["x"] == 1 and tasks[0].parameters["notebook_id"] == "02-b"
    assert tasks[0].parameters["workspace"] == str((tmp_path / "acme").resolve())
