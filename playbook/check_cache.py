"""Validate once: a workspace's validated snapshot, kept until one of its inputs changes.

``playbook check`` validates a workspace and leaves its snapshot (:mod:`playbook.snapshot`) in a
hidden folder of the workspace, ``.playbook-cache/``, beside ``key.json``: the exact inputs it
was made from. ``playbook run`` reuses that snapshot when the key is unchanged and validates (and
writes a new one) when it is not; ``--revalidate`` always validates. The key holds

* the resolved path of the workspace folder: a snapshot is never used for another folder (a
  workspace copied with its cache elsewhere validates again), so no other client's data can
  reach a report;
* the SHA-256 of every file in the folder (``profile.yaml`` and every table, and files that
  are not read, since their presence is itself reported) and the names of its sub-folders;
* the playbook version, a hash of the schema (:data:`playbook.schema.TABLES`) and of the
  playbook's own source, and the pandas and pyarrow versions that wrote the Parquet files.

The problems a reused snapshot reports are the ones stored with it: exactly those of the check
that wrote it. Only a valid workspace (no error) is cached. A folder with a link or a special
file in it is never cached (what such an entry reads depends on more than its bytes), and a
read-only folder is checked without a cache: :attr:`Checked.note` says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa

from playbook import snapshot
from playbook.problems import Problem, has_errors
from playbook.schema import TABLES
from playbook.workspace import Workspace, check_workspace, load_snapshot, save_snapshot

CACHE_DIR = ".playbook-cache"
KEY_FILE = "key.json"
SNAPSHOT_DIR = "snapshot"


@dataclass
class Checked:
    """The result of :func:`check`: the workspace (``None`` when unreadable), its problems,
    whether the snapshot was ``reused``, the cached snapshot folder (``None`` when there is
    none) and a ``note`` when the cache could not be used."""

    workspace: Workspace | None
    problems: list[Problem]
    reused: bool = False
    cached: Path | None = None
    note: str | None = None


def check(path: str | Path, reuse: bool = True) -> Checked:
    """Validate the workspace at ``path``, reusing its cached snapshot when ``reuse`` and its
    key is unchanged; a fresh check of a valid workspace writes the cache."""
    path = Path(path)
    key = cache_key(path)
    folder = path / CACHE_DIR
    if reuse and key is not None:
        ws = _cached(path, folder, key)
        if ws is not None:
            return Checked(ws, list(ws.problems), reused=True, cached=folder / SNAPSHOT_DIR)
    if key is None:
        return Checked(*check_workspace(path))
    early = _EarlySnapshot(folder)
    try:
        ws, problems = check_workspace(path, early.begin)
        if ws is None or has_errors(problems):
            return Checked(ws, problems)
        try:
            _store(folder, key, ws, early.pending)
        except OSError as exc:
            why = exc.strerror or exc
            note = f"{CACHE_DIR} not written ({why}): `playbook run` validates again"
            return Checked(ws, problems, note=note)
        except snapshot.SnapshotError as exc:
            return Checked(ws, problems, note=f"{CACHE_DIR} not written: {exc}")
        early.kept()
        return Checked(ws, problems, cached=folder / SNAPSHOT_DIR)
    finally:  # after errors, a snapshot not written or Ctrl-C: nothing half-written is left
        early.discard()


class _EarlySnapshot:
    """The snapshot's tables, written by a process of their own while the checks across tables
    run (:func:`playbook.snapshot.begin`): a fresh check of a large client saves seconds. Where
    it cannot start (a read-only folder, a table that cannot be stored, a process that may not
    fork), :func:`_store` writes the snapshot as before and says why it could not."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pending: snapshot.Pending | None = None
        self.made_folder = False

    def begin(self, tables: dict[str, pd.DataFrame]) -> None:
        """Start writing ``tables`` (check_workspace's ``tables_ready``)."""
        try:
            self.made_folder = not self.folder.exists()
            self.folder.mkdir(exist_ok=True)
            self.pending = snapshot.begin(tables, self.folder / SNAPSHOT_DIR, background=True)
        except (OSError, snapshot.SnapshotError):
            self.discard()

    def kept(self) -> None:
        """The snapshot is complete and in place: nothing to discard any more."""
        self.pending, self.made_folder = None, False

    def discard(self) -> None:
        """Drop what was started (and the cache folder, if it was made for it)."""
        if self.pending is not None:
            snapshot.discard(self.pending)
            self.pending = None
        if self.made_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.made_folder = False


def snapshot_for_run(checked: Checked, dest: Path) -> Path | None:
    """The run folder's snapshot at ``dest``: hard links to the cached snapshot, else written
    anew; ``None`` when the workspace cannot be stored (each notebook then validates it)."""
    try:
        if checked.cached is not None:
            return snapshot.link_copy(checked.cached, dest)
        return save_snapshot(checked.workspace, dest)
    except (OSError, snapshot.SnapshotError):
        snapshot.remove(dest)
        return None


def cache_key(path: Path) -> dict | None:
    """What a snapshot of the workspace at ``path`` depends on (see the module docstring), or
    ``None`` when it cannot be cached (not a folder, a link or special file in it, a file that
    cannot be read)."""
    try:
        folder = path.resolve(strict=True)
        entries = sorted(folder.iterdir())
        files = {}
        for entry in entries:
            if entry.name == CACHE_DIR:
                continue
            if entry.is_symlink():
                return None
            if entry.is_dir():
                files[entry.name] = "folder"
            elif entry.is_file():
                with open(entry, "rb") as f:
                    files[entry.name] = hashlib.file_digest(f, "sha256").hexdigest()
            else:
                return None
    except OSError:
        return None
    return {
        "workspace": str(folder),
        "files": files,
        "playbook": _version(),
        "schema": hashlib.sha256(repr(TABLES).encode()).hexdigest(),
        "code": _code_hash(),
        "pandas": pd.__version__,
        "pyarrow": pa.__version__,
    }


def _cached(path: Path, folder: Path, key: dict) -> Workspace | None:
    """The cached workspace when its key is ``key``; ``None`` otherwise (or when unreadable)."""
    try:
        stored = json.loads((folder / KEY_FILE).read_text(encoding="utf-8"))
        if stored != key:
            return None
        ws = load_snapshot(folder / SNAPSHOT_DIR)
    except (OSError, ValueError, KeyError, TypeError, snapshot.SnapshotError):
        return None
    if Path(ws.path).resolve() != Path(key["workspace"]):
        return None
    return _as_given(ws, path)


def _as_given(ws: Workspace, path: Path) -> Workspace:
    """``ws`` with its path (and its files' paths) spelt as ``path``, the way a fresh check of
    ``path`` spells them."""
    old = Path(ws.path)
    files = [path / f.relative_to(old) if f.is_relative_to(old) else f for f in ws.source_files]
    return replace(ws, path=path, source_files=files)


def _store(folder: Path, key: dict, ws: Workspace, pending: snapshot.Pending | None) -> None:
    """Write the snapshot of ``ws`` (or finish ``pending``, its tables already being written)
    and then its key (so a half-written cache has no key)."""
    folder.mkdir(exist_ok=True)
    (folder / KEY_FILE).unlink(missing_ok=True)
    save_snapshot(ws, folder / SNAPSHOT_DIR, pending)
    tmp = folder / f".{KEY_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(key, indent=1), encoding="utf-8")
    tmp.replace(folder / KEY_FILE)


def _version() -> str:
    try:
        return metadata.version("partner-playbook")
    except metadata.PackageNotFoundError:
        return "unknown"


_CODE_HASH: list[str] = []


def _code_hash() -> str:
    """SHA-256 of the playbook's own modules (a changed loader never reuses an old snapshot)."""
    if not _CODE_HASH:
        digest = hashlib.sha256()
        for module in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(module.name.encode() + b"\0" + module.read_bytes())
        _CODE_HASH.append(digest.hexdigest())
    return _CODE_HASH[0]
