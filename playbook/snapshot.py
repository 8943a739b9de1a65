"""The columnar snapshot of a validated workspace: one Parquet file per table plus ``meta.json``.

A snapshot is a *folder*::

    <snapshot>/
        meta.json               profile, problems, fills, source files, path, every table's
                                dtypes and ``attrs`` (format :data:`FORMAT`)
        tables/<name>.parquet   one file per table, written by pyarrow

It replaces the pickle of the whole workspace: a kernel memory-maps each Parquet file
(:func:`read_tables`), which takes well under a second for a million deals, and nothing in it
is ever unpickled, so a snapshot in a workspace's ``.playbook-cache`` (which travels with the
folder) cannot run code. Whoever ships a run to other machines (the Dask helper) ships every file
under the folder as bytes.

Round trip: every column comes back with the dtype it had (``meta.json`` records each one);
``object`` columns of text come back as Python ``str`` with ``None`` for missing, and an
``object`` column of mixed content (numbers, dates, text) is stored as tagged JSON text and
read back value by value (only such columns, which the loader does not produce for large tables).
A column of a kind not covered raises :class:`SnapshotError`: the caller then does without a
snapshot (the notebooks validate again) rather than ship a changed table.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import shutil
import signal
import threading
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from playbook import forked

#: Version of the layout above; a snapshot of another version is not read.
FORMAT = 2
META = "meta.json"
TABLES_DIR = "tables"


class SnapshotError(Exception):
    """A table that cannot be stored (or a snapshot that cannot be read) without change."""


# --------------------------------------------------------------------------- writing


def write_tables(tables: dict[str, pd.DataFrame], folder: Path, meta: dict) -> Path:
    """Write ``tables`` and ``meta`` (JSON-ready: profile, problems …) as a snapshot folder
    ``folder`` (replaced if it exists; written under a temporary name and renamed, so a reader
    never sees half a snapshot)."""
    return finish(begin(tables, folder), meta)


@dataclass
class Pending:
    """A snapshot whose tables are written (or being written, by ``process``) under ``tmp``
    and which becomes ``folder`` once :func:`finish` adds its ``meta.json``."""

    folder: Path
    tmp: Path
    process: multiprocessing.process.BaseProcess | None = None


def begin(tables: dict[str, pd.DataFrame], folder: Path, background: bool = False) -> Pending:
    """Start writing the Parquet files of ``tables`` for snapshot ``folder``: at once, or with
    ``background`` in a forked process of its own (when this process may fork: Linux, no other
    thread), so that the caller goes on meanwhile (``playbook check`` checks the references
    while a million deals are written). The child writes the tables as they were when it was
    forked. :func:`finish` completes the snapshot, :func:`discard` drops it."""
    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / TABLES_DIR).mkdir(parents=True)
    pending = Pending(folder, tmp)
    if background and forked.may_fork():
        pending.process = multiprocessing.get_context("fork").Process(
            target=_table_files_or_error, args=(tables, tmp), daemon=True
        )
        pending.process.start()
        return pending
    try:
        _table_files(tables, tmp)
    except BaseException:
        discard(pending)
        raise
    return pending


def finish(pending: Pending, meta: dict) -> Path:
    """Complete snapshot ``pending`` with ``meta`` once its tables are written, and rename it
    into place; raises :class:`SnapshotError` (nothing left behind) when they could not be."""
    try:
        if pending.process is not None:
            pending.process.join()
            if pending.process.exitcode != 0:
                error = pending.tmp / _ERROR
                raise SnapshotError(
                    error.read_text(encoding="utf-8")
                    if error.exists()
                    else f"the process writing its tables stopped ({pending.process.exitcode})"
                )
        described = json.loads((pending.tmp / _DESCRIBED).read_text(encoding="utf-8"))
        (pending.tmp / _DESCRIBED).unlink()
        doc = {"format": FORMAT, **meta, "tables": described}
        (pending.tmp / META).write_text(json.dumps(doc), encoding="utf-8")
        remove(pending.folder)
        pending.tmp.rename(pending.folder)
    except BaseException:
        discard(pending)
        raise
    return pending.folder


def discard(pending: Pending) -> None:
    """Drop snapshot ``pending``: its process stopped, its files removed."""
    if pending.process is not None and pending.process.is_alive():
        pending.process.terminate()
        pending.process.join()
    shutil.rmtree(pending.tmp, ignore_errors=True)


#: Files of a snapshot being written: each table's description (until meta.json holds it)
#: and, from a process that could not write the tables, why.
_DESCRIBED = "tables.json"
_ERROR = "error.txt"


def _table_files(tables: dict[str, pd.DataFrame], tmp: Path) -> None:
    """One Parquet file per table under ``tmp``, and their descriptions (:data:`_DESCRIBED`)."""
    described = {}
    for name, frame in tables.items():
        arrow, columns = _to_arrow(frame)
        pq.write_table(arrow, tmp / TABLES_DIR / f"{name}.parquet", compression="snappy")
        described[name] = {"columns": columns, "attrs": _attrs_out(frame.attrs), "rows": len(frame)}
    (tmp / _DESCRIBED).write_text(json.dumps(described), encoding="utf-8")


def _table_files_or_error(tables: dict[str, pd.DataFrame], tmp: Path) -> None:
    """:func:`_table_files` in a forked process: a table that cannot be stored leaves its
    reason in :data:`_ERROR` and a non-zero exit code."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent acts on Ctrl-C (discard)
    try:
        _table_files(tables, tmp)
    except Exception as exc:  # said by finish(), in the parent
        why = str(exc) if isinstance(exc, SnapshotError) else f"{type(exc).__name__}: {exc}"
        (tmp / _ERROR).write_text(why, encoding="utf-8")
        raise SystemExit(1) from None


def link_copy(source: Path, dest: Path) -> Path:
    """A copy of snapshot folder ``source`` at ``dest`` made of hard links (a plain copy where
    the file system refuses links), so a run folder's snapshot costs no disk space or time."""
    remove(dest)
    for file in sorted(Path(source).rglob("*")):
        target = dest / file.relative_to(source)
        if file.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copy2(file, target)
    return dest


def remove(folder: Path) -> None:
    """Delete a snapshot (folder, or a file of an older layout) if it exists."""
    folder = Path(folder)
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
    elif folder.exists() or folder.is_symlink():
        folder.unlink()


def _to_arrow(frame: pd.DataFrame) -> tuple[pa.Table, list[dict]]:
    """``frame`` as an Arrow table (text ``object`` columns as strings, mixed ones as tagged
    JSON) and each column's description (name, dtype, how it is stored)."""
    arrays, names, columns = [], [], []
    for position, name in enumerate(frame.columns):
        if not isinstance(name, str):
            raise SnapshotError(f"column name {name!r} is not text")
        series = frame.iloc[:, position]
        dtype = series.dtype
        stored = "arrow"
        if dtype == np.dtype(object):
            stored, array = _object_column(series)
        elif isinstance(dtype, pd.PeriodDtype):  # as ordinals: pandas' Arrow extension type
            stored, array = "period", pa.array(series.array.asi8)  # is not always registered
        else:
            array = pa.array(series, from_pandas=True)
        arrays.append(array)
        names.append(f"c{position}")
        blank = array.null_count == len(array) if stored != "period" else series.isna().all()
        columns.append({"name": name, "dtype": str(dtype), "stored": stored, "blank": bool(blank)})
    index = frame.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        raise SnapshotError("a table's index is not 0, 1, 2 …")
    return pa.Table.from_arrays(arrays, names=names) if arrays else _empty(len(frame)), columns


def _empty(rows: int) -> pa.Table:
    return pa.table({"_": pa.nulls(rows)})


def _object_column(series: pd.Series) -> tuple[str, pa.Array]:
    """An ``object`` column stored as ``text`` (every value ``str`` or ``None``; ``text-dict``
    when values repeat: read back through the dictionary, one Python string per distinct
    value, shared) or ``json`` (tagged values: see :func:`_tag`)."""
    values = series.to_numpy()
    try:
        array = pa.array(values, type=pa.large_string())  # refuses anything but str and None
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return "json", pa.array([json.dumps(_tag(v)) for v in values], type=pa.large_string())
    repeats = len(array) >= 1000 and pc.count_distinct(array).as_py() <= len(array) // 10
    return ("text-dict" if repeats else "text"), array


def _tag(value) -> list:
    """One value of a mixed ``object`` column as ``[kind, value]`` JSON."""
    if value is None:
        return ["none", None]
    if isinstance(value, bool | np.bool_):
        return ["bool", bool(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, int | np.integer):
        return ["int", int(value)]
    if isinstance(value, float | np.floating):
        return ["float", repr(float(value))]
    if value is pd.NaT:
        return ["nat", None]
    if isinstance(value, pd.Timestamp) and value.tz is None:
        return ["timestamp", value.isoformat(), value.unit]
    raise SnapshotError(f"a value of type {type(value).__name__} in a text column")


def _attrs_out(attrs: dict) -> dict:
    """A table's ``attrs`` as JSON: ``bad_cells`` (a set of (row, column)) as a sorted list."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, set):
            out[key] = {"set": sorted([list(v) if isinstance(v, tuple) else v for v in value])}
        elif isinstance(value, list | tuple) and all(isinstance(v, str | int) for v in value):
            out[key] = {"list": list(value)}
        else:
            raise SnapshotError(f"table attribute {key!r} cannot be stored")
    return out


# --------------------------------------------------------------------------- reading


def read_meta(folder: Path) -> dict:
    """The ``meta.json`` of a snapshot folder (:class:`SnapshotError` if missing or of
    another format)."""
    try:
        doc = json.loads((Path(folder) / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"not a snapshot: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SnapshotError("a snapshot of another format")
    return doc


def read_tables(folder: Path, meta: dict) -> dict[str, pd.DataFrame]:
    """Every table of a snapshot folder, memory-mapped, with its dtypes and ``attrs``."""
    return {name: read_table(folder, meta, name) for name in meta["tables"]}


class LazyTables(MutableMapping):
    """The tables of a snapshot folder, each read (:func:`read_table`) the first time it is
    used: a kernel pays only for the tables its notebook uses. Row counts are known without
    reading (:meth:`rows`). Pickled or copied, it is a plain ``dict`` of every table."""

    def __init__(self, folder: Path, meta: dict):
        self._folder, self._meta = Path(folder), meta
        self._names = list(meta["tables"])
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._read:
            if name not in self._names:
                raise KeyError(name)
            self._read[name] = read_table(self._folder, self._meta, name)
        return self._read[name]

    def __setitem__(self, name: str, frame: pd.DataFrame) -> None:
        if name not in self._names:
            self._names.append(name)
        self._read[name] = frame

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._read.pop(name, None)

    def __iter__(self):
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name) -> bool:
        return name in self._names

    def rows(self, name: str) -> int:
        """Rows of table ``name`` (read or not)."""
        if name in self._read or name not in self._meta["tables"]:
            return len(self[name])
        return int(self._meta["tables"][name]["rows"])

    def blank_columns(self, name: str) -> list[str] | None:
        """Columns of table ``name`` with no value in any row, from the snapshot's description
        (without reading the table); None when the snapshot does not record it (the caller
        then looks at the table)."""
        described = self._meta["tables"].get(name) if name not in self._read else None
        if not described or any("blank" not in c for c in described["columns"]):
            return None
        return [c["name"] for c in described["columns"] if c["blank"]]

    def __reduce__(self):
        return (dict, (dict(self.items()),))

    def __deepcopy__(self, memo):
        return copy.deepcopy(dict(self.items()), memo)

    def __repr__(self) -> str:
        return f"LazyTables({self._names}, read={list(self._read)})"


#: Tables this process has read, by Parquet file (path, size, modification time), of one
#: snapshot folder at a time: a kernel that runs several notebooks of one run
#: (:mod:`playbook.spare`) reads each table once.
_READ: dict[tuple, pd.DataFrame] = {}
_READ_LOCK = threading.Lock()


def read_table(folder: Path, meta: dict, name: str) -> pd.DataFrame:
    """Table ``name`` of a snapshot folder, memory-mapped, with its dtypes and ``attrs``.

    A table read before in this process from the same unchanged file is not read again: the
    caller gets a shallow copy of it (its own ``attrs``; pandas' copy-on-write keeps any change
    the caller makes to its copy away from the next caller's). Reading a table of another
    snapshot folder forgets the tables kept from the previous one."""
    file = (Path(folder) / TABLES_DIR / f"{name}.parquet").resolve()
    stat = file.stat()
    key = (str(file), stat.st_size, stat.st_mtime_ns)
    with _READ_LOCK:
        if key not in _READ:
            for old in [k for k in _READ if k[0] == key[0] or Path(k[0]).parent != file.parent]:
                del _READ[old]
            _READ[key] = _read_table(file, meta["tables"][name])
        kept = _READ[key]
    frame = kept.copy(deep=False)
    frame.attrs = copy.deepcopy(kept.attrs)
    return frame


def _read_table(file: Path, described: dict) -> pd.DataFrame:
    """A table's Parquet file read, with the dtypes and ``attrs`` ``described``."""
    arrow = pq.read_table(
        file,
        memory_map=True,
        read_dictionary=[
            f"c{i}" for i, c in enumerate(described["columns"]) if c["stored"] == "text-dict"
        ],
    )
    frame = pd.DataFrame(
        {c["name"]: _column(arrow.column(f"c{i}"), c) for i, c in enumerate(described["columns"])},
        index=pd.RangeIndex(arrow.num_rows),
    )
    frame.attrs.update(_attrs_in(described["attrs"]))
    return frame


def _column(array: pa.ChunkedArray, described: dict) -> pd.Series:
    stored, dtype = described["stored"], described["dtype"]
    if stored == "text":
        return pd.Series(array.to_numpy(zero_copy_only=False), dtype=object)
    if stored == "text-dict":
        return pd.Series(_through_dictionary(array), dtype=object)
    if stored == "json":
        return pd.Series([_untag(json.loads(v)) for v in array.to_pylist()], dtype=object)
    if stored == "period":
        ordinals = array.to_numpy().astype("int64")  # NaT is pandas' own ordinal (iNaT)
        return pd.Series(pd.arrays.PeriodArray(ordinals, dtype=pd.PeriodDtype(dtype[7:-1])))
    series = array.to_pandas()
    if str(series.dtype) != dtype:
        series = series.astype(dtype)
    return series


def _through_dictionary(array: pa.ChunkedArray) -> np.ndarray:
    """A dictionary-encoded text column as an object array: one ``str`` per distinct value,
    ``None`` where missing."""
    out = np.full(len(array), None, dtype=object)
    start = 0
    for chunk in array.chunks:
        words = np.append(chunk.dictionary.to_numpy(zero_copy_only=False), None)
        at = chunk.indices.fill_null(len(words) - 1).to_numpy().astype(np.intp)
        out[start : start + len(chunk)] = words[at]
        start += len(chunk)
    return out


def _untag(tagged: list):
    kind, value = tagged[0], tagged[1]
    if kind == "float":
        return float(value)  # repr() of a float, nan and inf included
    if kind == "nat":
        return pd.NaT
    if kind == "timestamp":
        return pd.Timestamp(value).as_unit(tagged[2])
    if kind == "none":
        return None
    return value  # bool, str, int: JSON keeps them


def _attrs_in(attrs: dict) -> dict:
    out = {}
    for key, value in attrs.items():
        if "set" in value:
            out[key] = {tuple(v) if isinstance(v, list) else v for v in value["set"]}
        else:
            out[key] = list(value["list"])
    return out
