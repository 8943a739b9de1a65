"""The run folder: one object that knows every path in it, and how a run is completed.

Layout of one run (one per workspace), written under a hidden ``.partial`` name and renamed
when complete, so an interrupted run never looks complete and no earlier run is overwritten::

    <out>/<client_id>-<YYYYmmdd-HHMMSS>/
        index.html              front page: executive summary, report cards, technical appendix
        manifest.json           parameters, input checksums, package versions, timings, status
        results.json            every notebook's key figures, merged
        workshop-agenda.html    each trend's pre-work and what the client supplied (printable)
        NN-name.html            report (code hidden unless --show-code)
        executed/NN-name.ipynb  executed notebook (kept on failure too)
        logs/NN-name.log        the kernel's own output (warnings, tracebacks), only if any
        results/NN-name.json    key figures written by the notebook itself
        snapshot/               the validated workspace (Parquet tables + meta.json, hard links
                                to the workspace's .playbook-cache when it has one), while the run
                                lasts (removed at the end)

A notebook is told where to find what it needs as parameters (:meth:`RunFolder.parameters`):
its id, its results file and the snapshot; it never works out a path in the run folder itself.
"""

from __future__ import annotations

import json
import platform
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from importlib import metadata
from pathlib import Path

from playbook import executive, history, labels, snapshot, summary_page
from playbook.exceptions import RunError
from playbook.materials_files import write_agenda
from playbook.partner360 import partner_360, run_currency
from playbook.problems import Severity
from playbook.report_frame import add_history
from playbook.workbook_stream import StreamedWorkbook, write_workbook

PACKAGES = (
    "partner-playbook",
    "pandas",
    "numpy",
    "matplotlib",
    "papermill",
    "nbclient",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "ipywidgets",
    "openpyxl",
    "xlsxwriter",
    "pydantic",
)


class RunStatus(StrEnum):
    """Status of a notebook in a run, and of a run or workspace as a whole."""

    PENDING = "pending"  # not finished yet
    OK = "ok"
    FAILED = "failed"
    INVALID = "invalid"  # a workspace with errors: nothing was run


def overall(statuses) -> RunStatus:
    """``ok`` when every status is ``ok``, else ``failed``."""
    return RunStatus.OK if all(s == RunStatus.OK for s in statuses) else RunStatus.FAILED


def _safe(text: str) -> str:
    """``text`` reduced to a file-name-safe token (client ids become folder names)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "client"


@dataclass(frozen=True)
class RunFolder:
    """One run's folder: ``path`` while it is being written (``.NAME.partial``) and ``final``,
    the name it gets once complete. Every file of the layout above has its property here."""

    path: Path
    final: Path | None = None

    @classmethod
    def create(cls, out: Path, client_id: str, now: datetime) -> RunFolder:
        """A new run folder under ``out`` for ``client_id`` started at ``now``; never an
        existing one (a ``-2``, ``-3`` … suffix when a run of the same second exists)."""
        out.mkdir(parents=True, exist_ok=True)
        base = f"{_safe(client_id)}-{now:%Y%m%d-%H%M%S}"
        n = 1
        while True:
            name = base if n == 1 else f"{base}-{n}"
            final = out / name
            partial = out / f".{name}.partial"
            if not final.exists() and not partial.exists():
                partial.mkdir()
                return cls(partial, final)
            n += 1

    @property
    def index(self) -> Path:
        """The summary page."""
        return self.path / "index.html"

    @property
    def manifest(self) -> Path:
        """Parameters, input checksums, package versions, timings, status."""
        return self.path / "manifest.json"

    @property
    def results(self) -> Path:
        """Every notebook's key figures, merged."""
        return self.path / "results.json"

    @property
    def snapshot(self) -> Path:
        """The validated workspace every notebook of the run reads (deleted when complete): a
        folder (:mod:`playbook.snapshot`); whoever ships a run elsewhere ships every file
        under it. This is the one snapshot path of a run."""
        return self.path / "snapshot"

    @property
    def logs(self) -> Path:
        """Folder of the kernels' own output."""
        return self.path / "logs"

    def report(self, notebook_id: str) -> Path:
        """The HTML report of notebook ``notebook_id`` (``NN-name``)."""
        return self.path / f"{notebook_id}.html"

    def executed(self, notebook_id: str) -> Path:
        """The executed copy of notebook ``notebook_id``."""
        return self.path / "executed" / f"{notebook_id}.ipynb"

    def log(self, notebook_id: str) -> Path:
        """What notebook ``notebook_id``'s kernel printed."""
        return self.logs / f"{notebook_id}.log"

    def results_file(self, notebook_id: str) -> Path:
        """The key figures notebook ``notebook_id`` records itself."""
        return self.path / "results" / f"{notebook_id}.json"

    @property
    def workbook(self) -> Path:
        """Every table of the reports and the executive summary, as an Excel workbook."""
        return self.path / "results.xlsx"

    @property
    def agenda(self) -> Path:
        """The printable workshop agenda: each trend's pre-work and what the client supplied."""
        return self.path / "workshop-agenda.html"

    @property
    def pack(self) -> Path:
        """The client pack PDF (``playbook run --pdf``): cover, contents, executive summary,
        the eight reports, technical appendix."""
        return self.path / "client-pack.pdf"

    def relative(self, file: Path) -> str:
        """``file`` as a link from the summary page (relative to the folder)."""
        return file.relative_to(self.path).as_posix()

    def parameters(self, notebook_id: str) -> dict[str, str]:
        """What the runner injects into notebook ``notebook_id`` (see
        :data:`playbook.params.RUNNER_PARAMS`, less the workspace): absolute paths, since the
        kernel's working folder is the run folder but the notebook must not depend on it."""
        return {
            "notebook_id": notebook_id,
            "results_file": str(self.results_file(notebook_id).resolve()),
            "snapshot": str(self.snapshot.resolve()),
        }

    def complete(self) -> Path:
        """Remove what only the run needed and rename the folder into place; the final path."""
        if self.logs.is_dir() and not any(self.logs.iterdir()):
            self.logs.rmdir()  # no kernel printed anything
        snapshot.remove(self.snapshot)  # the reports are the output, not this
        final = self.final or self.path
        self.path.rename(final)
        return final


def check_writable(out: Path) -> None:
    """Refuse, before anything runs, a reports folder that cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".playbook-write-test-"):
            pass
    except OSError as exc:
        raise RunError(f"--out {out}: cannot write reports there ({exc.strerror or exc})") from None


def package_versions() -> dict[str, str]:
    """Version of Python and of every package a report depends on (for the manifest)."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _read_json(path: Path) -> dict:
    """A JSON object from ``path``; :class:`ValueError` naming the file when it is not one."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name} cannot be read ({exc})") from None
    if not isinstance(found, dict):
        raise ValueError(f"{path.name} does not hold the expected record")
    return found


def finished_runs(folder: Path, client_id: str) -> tuple[list[history.Run], list[str]]:
    """Every finished run of ``client_id`` directly under ``folder`` (its manifest names the
    client; a hidden ``.partial`` folder is a run still being written, never one), as
    :class:`playbook.history.Run`; and a note for each run folder of that client that could
    not be read (it is left out, the new run goes on). No folder: no runs."""
    runs, notes = [], []
    prefix = f"{_safe(client_id)}-"
    if not folder.is_dir():
        return runs, notes
    for path in sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and p.is_dir()):
        run = RunFolder(path)
        if not run.manifest.exists():
            continue
        try:
            manifest = _read_json(run.manifest)
            client = manifest.get("client")
            if not isinstance(client, dict) or client.get("client_id") != client_id:
                continue
            results = _read_json(run.results)
        except ValueError as exc:
            notes.append(f"The earlier run {path.name} is left out: {exc}.")
            continue
        results = {  # a hand-edited file: only well-formed reports count
            k: v
            for k, v in results.items()
            if isinstance(v, dict)
            and isinstance(v.get("as_of"), str)
            and isinstance(v.get("figures", {}), dict)
            and isinstance(v.get("partners", []), list)
        }
        runs.append(history.make_run(path.name, path, str(manifest.get("started", "")), results))
    return runs, notes


def _history(folder: RunFolder, ws, figures: dict, started: str, where: Path | None) -> dict:
    """The client's run history for this run (:func:`playbook.history.view`): its other runs
    in ``where`` (default: the folder this run is written in)."""
    where = Path(where) if where else folder.path.parent
    runs, notes = finished_runs(where, ws.profile.client_id)
    final = folder.final or folder.path
    now = history.make_run(final.name, final, started, figures)
    runs = [r for r in runs if r.path is None or r.path.resolve() != final.resolve()]
    return history.view(runs, now, run_currency(figures), notes) | {"searched": str(where)}


def _figures(folder: RunFolder, results: list[dict], book: StreamedWorkbook | None) -> dict:
    """Every ok notebook's recorded figures (its results file without the tables, for
    ``results.json`` and the summary) by notebook id: as the streamed ``book`` kept them when
    it took the report, else read from the file. An ok notebook that recorded nothing is
    marked failed (its report would lack the figures the summary promises)."""
    kept = book.figures if book is not None else {}
    figures = {}
    for r in results:
        if r["status"] != RunStatus.OK:
            continue
        file = folder.results_file(r["notebook"])
        if r["notebook"] in kept:
            figures[r["notebook"]] = kept[r["notebook"]]
        elif not file.exists():
            r["status"] = RunStatus.FAILED
            r["error"] = "the notebook finished but recorded no results"
        else:
            written = json.loads(file.read_text(encoding="utf-8"))
            figures[r["notebook"]] = {k: v for k, v in written.items() if k != "tables"}
    return figures


def _recorded(folder: RunFolder, figures: dict) -> list[dict]:
    """The results files of the notebooks in ``figures`` as written (with their ``tables``),
    in run order: for a workbook written whole."""
    return [
        json.loads(folder.results_file(notebook).read_text(encoding="utf-8"))
        for notebook in figures
    ]


def open_workbook(
    folder: RunFolder,
    ws,
    notebooks: list[str],
    history_dir: Path | None = None,
) -> StreamedWorkbook:
    """The run's workbook, to be written report by report while the run goes on
    (:class:`~playbook.workbook_stream.StreamedWorkbook`; ``notebooks``: the run's notebook ids).
    Its extra sheets are foreseen now: the executive summary's, and the run history's when the
    client has a finished run in ``history_dir`` (default: the folder the run is written in)."""
    where = Path(history_dir) if history_dir else folder.path.parent
    earlier, _ = finished_runs(where, ws.profile.client_id)
    titles = list(executive.SHEET_TITLES) + (list(history.SHEET_TITLES) if earlier else [])
    return StreamedWorkbook(folder.workbook, titles, sorted(notebooks), ws.profile.name)


def record_report(book: StreamedWorkbook | None, folder: RunFolder, result: dict) -> None:
    """Hand one finished notebook's results file, read once, to the run's streamed workbook
    (a notebook that failed or recorded nothing has none; an unreadable file is left to
    :func:`finish_run`, which reads it again and says why it fails)."""
    file = folder.results_file(result["notebook"])
    if book is None or result["status"] != RunStatus.OK or not file.exists():
        return
    try:
        report = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    book.add(report)


def finish_run(
    folder: RunFolder,
    ws,
    results: list[dict],
    started: datetime,
    seconds: float,
    extra: dict,
    history_dir: Path | None = None,
    book: StreamedWorkbook | None = None,
) -> Path:
    """Merge results, write manifest and index, add the client's run history to the summary
    and each report (earlier runs in ``history_dir``, default the folder the run is written
    in), then rename the run folder into place. Partner types are named as the client names
    them (``partner_type_labels``), as in its reports. ``book`` is the run's workbook as
    written so far (:func:`open_workbook`); without it (or when its extra sheets turn out to be
    others than foreseen) the workbook is written here whole."""
    with labels.client_labels_in_use(ws.profile.partner_type_labels):
        return _finished(folder, ws, results, started, seconds, extra, history_dir, book)


def _closed(book: StreamedWorkbook | None, sheets) -> bool:
    """Close the streamed workbook ``book`` with the extra ``sheets``; False when there is none
    or its extra sheets are others (it is dropped: the workbook is to be written whole)."""
    if book is not None and book.fits(sheets):
        book.close(sheets)
        return True
    if book is not None:
        book.discard()
    return False


def _finished(folder, ws, results, started, seconds, extra, history_dir, book) -> Path:
    """:func:`finish_run` with the client's names in use."""
    figures = _figures(folder, results, book)
    past = _history(folder, ws, figures, started.isoformat(timespec="seconds"), history_dir)
    partners = partner_360(figures)  # the workbook's sheet and the summary page's table
    sheets = executive.executive_tables(figures, partners) + history.tables(past)
    # The workbook is finished on a thread of its own while the pages below are written: its
    # compression (zlib) runs beside them on the other core. The folder is complete only once
    # both are done; an error in either leaves it unfinished.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="playbook-workbook") as closer:
        closing = closer.submit(_workbook, folder, book, sheets, figures, ws.profile.name)
        _pages(folder, ws, results, started, seconds, extra, figures, past, partners)
        closing.result()
    return folder.complete()


def _workbook(folder: RunFolder, book, sheets, figures: dict, client: str) -> None:
    """Close the streamed workbook ``book`` with the extra ``sheets``, or write it whole."""
    if not _closed(book, sheets):  # not streamed: written whole
        write_workbook(folder.workbook, _recorded(folder, figures), extra=sheets, client=client)


def _pages(folder, ws, results, started, seconds, extra, figures, past, partners) -> None:
    """``results.json``, the manifest, each report's history section, the workshop agenda and
    the summary page of a finished run."""
    # Unindented: only then does json use its C encoder (a third of the time on a large client,
    # whose results run to tens of MB: a machine's file; the workbook is the one to read).
    folder.results.write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
    manifest = {
        "client": {"name": ws.profile.name, "client_id": ws.profile.client_id},
        "workspace": str(ws.path),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "status": overall(r["status"] for r in results),
        "notebooks": results,
        "inputs": ws.checksums(),
        "input_notes": [str(p) for p in ws.problems if p.level != Severity.NOTE or p.row is None],
        "packages": package_versions(),
        **extra,
    }
    manifest["history"] = {"folder": past["searched"], "previous": past.get("previous", "")}
    folder.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    for r in results:
        if r.get("html"):
            add_history(folder.path / r["html"], history.report_html(past, r["notebook"]))
    write_agenda(ws, folder.agenda, executive.run_as_of(figures))
    index = summary_page.index_html(
        ws.profile.name,
        figures,
        results,
        {
            "started": manifest["started"],
            "seconds": manifest["seconds"],
            "packages": manifest["packages"],
            "parameters": extra.get("parameters", {}),
            "warnings": [str(p) for p in ws.problems if p.level == Severity.WARNING],
            "workbook": folder.relative(folder.workbook),
            "agenda": folder.relative(folder.agenda),
            "portfolio": (extra.get("portfolio") or {}).get("file", ""),
        },
        past,
        partners,
    )
    folder.index.write_text(index, encoding="utf-8")
