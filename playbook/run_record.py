"""A finished run folder read back: who the client is, the as-of date, its headline figures.

``playbook compare`` and ``playbook portfolio`` read runs that are complete (a folder
``<client_id>-<YYYYmmdd-HHMMSS>`` holding ``manifest.json`` and ``results.json``); a hidden
``.NAME.partial`` folder is a run that never finished and is never read. Runs are ordered by
the as-of date of their data (the latest ``as_of`` any report recorded), then by when they
were started: a run made today of last quarter's data comes before last week's run of this
quarter's. Every problem is a :class:`~playbook.exceptions.RunReadError` naming the file, the
key and what was expected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from playbook import headlines
from playbook.exceptions import RunReadError
from playbook.executive import run_as_of
from playbook.rundir import RunFolder


@dataclass(frozen=True)
class RunRecord:
    """One finished run: its folder, the client (``client_id``, ``client_name``), ``as_of``
    (ISO date of the data, "" when no report recorded one), ``started`` (ISO time),
    ``currency`` of its money figures, the merged ``results`` and the ``manifest``."""

    path: Path
    client_id: str
    client_name: str
    as_of: str
    started: str
    currency: str
    results: dict = field(repr=False)
    manifest: dict = field(repr=False)

    @property
    def order(self) -> tuple[str, str, str]:
        """The sort key of runs of one client, as the run history orders them
        (:class:`playbook.history.Run`): as-of date, then start time, then folder name."""
        return (self.as_of, self.started, self.path.name)

    @property
    def values(self) -> dict[str, float | None]:
        """Every headline figure of the run (:func:`playbook.headlines.values`)."""
        return headlines.values(self.results)

    def notebook_status(self, notebook: str) -> str:
        """``ok``, ``failed``, or ``not run`` for a report this run did not include."""
        for nb in self.manifest.get("notebooks") or []:
            if isinstance(nb, dict) and nb.get("notebook") == notebook:
                return str(nb.get("status") or "failed")
        return "not run"


def _load(file: Path) -> dict:
    """A JSON object from ``file``, or a :class:`RunReadError` saying what is wrong."""
    if not file.is_file():
        raise RunReadError(f"{file}: not found; a finished run folder holds {file.name}")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RunReadError(f"{file}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise RunReadError(
            f"{file}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise RunReadError(f"{file}: expected a JSON object, found {type(data).__name__}")
    return data


def _text(data: dict, file: Path, *path: str) -> str:
    """The non-empty text at ``data[path…]``, or an error naming ``file`` and the key path."""
    value = data
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value.strip():
        key = ".".join(path)
        raise RunReadError(f"{file}: key '{key}' is {value!r}; expected a non-empty text")
    return value


def read_run(path: Path) -> RunRecord:
    """The finished run in folder ``path``; a :class:`RunReadError` when it is not one."""
    path = Path(path)
    if not path.is_dir():
        raise RunReadError(f"{path}: not a folder; expected a run folder such as reports/demo-…")
    if path.name.endswith(".partial"):
        raise RunReadError(f"{path}: this run never finished (a .partial folder); run it again")
    folder = RunFolder(path)
    manifest, results = _load(folder.manifest), _load(folder.results)
    for notebook, result in results.items():
        if not isinstance(result, dict):
            raise RunReadError(f"{folder.results}: key '{notebook}' is not an object")
    as_of = run_as_of(results)
    currencies = [r.get("currency") for r in results.values() if r.get("currency")]
    return RunRecord(
        path=path,
        client_id=_text(manifest, folder.manifest, "client", "client_id"),
        client_name=_text(manifest, folder.manifest, "client", "name"),
        as_of=as_of,
        started=_text(manifest, folder.manifest, "started"),
        currency=str(currencies[0]) if currencies else "",
        results=results,
        manifest=manifest,
    )


def finished_runs(reports: Path) -> tuple[list[RunRecord], list[str]]:
    """Every finished run directly under ``reports`` in run order, and one line per folder
    that looked like a run (it has a ``manifest.json``) but could not be read. Hidden
    folders (``.NAME.partial``: unfinished runs) are skipped."""
    reports = Path(reports)
    if not reports.is_dir():
        raise RunReadError(f"{reports}: not a folder; expected the reports folder of the runs")
    runs, unreadable = [], []
    for child in sorted(reports.iterdir()):
        if (
            not child.is_dir()
            or child.name.startswith(".")
            or not (child / "manifest.json").exists()
        ):
            continue
        try:
            runs.append(read_run(child))
        except RunReadError as exc:
            unreadable.append(str(exc))
    return sorted(runs, key=lambda r: (r.client_id, *r.order)), unreadable


def latest_per_client(runs: list[RunRecord]) -> list[RunRecord]:
    """The latest run of each client (by as-of date, then start time), by client id."""
    latest: dict[str, RunRecord] = {}
    for run in runs:
        if run.client_id not in latest or run.order > latest[run.client_id].order:
            latest[run.client_id] = run
    return [latest[k] for k in sorted(latest)]
