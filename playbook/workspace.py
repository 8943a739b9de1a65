"""Loading and validating a client workspace.

A workspace is a folder holding ``profile.yaml`` plus the tables of :mod:`playbook.schema`, either
as one CSV per table (``partners.csv`` …) or as one Excel workbook (``*.xlsx``) with a sheet per
table. :func:`check_workspace` reads everything, normalises messy export values, and returns every
problem at once; :func:`load_workspace` does the same and raises :class:`WorkspaceError` if any
problem is an error, so no notebook ever computes on half-valid data.

This module is the model (:class:`Workspace`) and the orchestration; the jobs live beside it:
:mod:`playbook.sources` finds and reads the files, :mod:`playbook.parse` types each table,
:mod:`playbook.checks` applies the cross-table rules, :mod:`playbook.quality` warns about
data that is valid but would mislead a workshop, and every finding is a
:class:`~playbook.problems.Problem`. A validated workspace is saved once per run as a
columnar snapshot (:func:`save_snapshot`, :mod:`playbook.snapshot`) so every notebook uses exactly
what was checked.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from playbook import forked, snapshot
from playbook.checks import (
    check_answers_against_data,
    check_consistency,
    check_profile_names,
    check_references,
)
from playbook.exceptions import WorkspaceError
from playbook.fills import Fill, apply_fills
from playbook.parse import parse_table
from playbook.problems import Problem, Severity, errors, has_errors
from playbook.profile import PROFILE_FILE, Profile, read_profile
from playbook.quality import quality_warnings
from playbook.schema import TABLES, TABLES_BY_NAME, Table
from playbook.sources import read_sources


@dataclass
class Workspace:
    """A validated client workspace: profile, parsed tables and what the loader found."""

    path: Path
    profile: Profile
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    source_files: list[Path] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """True when table ``name`` was supplied (and has at least one row)."""
        if isinstance(self.tables, snapshot.LazyTables):  # without reading it
            return name in self.tables and self.tables.rows(name) > 0
        return name in self.tables and len(self.tables[name]) > 0

    def rows(self, name: str) -> int:
        """Rows of table ``name`` (0 when not supplied), without reading a snapshot's table."""
        if name not in self.tables:
            return 0
        if isinstance(self.tables, snapshot.LazyTables):
            return self.tables.rows(name)
        return len(self.tables[name])

    def blank_columns(self, name: str) -> list[str]:
        """Columns of table ``name`` with no value in any row (every column of a table not
        supplied); from a snapshot's description when it has one, so the table is not read."""
        if isinstance(self.tables, snapshot.LazyTables):
            found = self.tables.blank_columns(name) if name in self.tables else None
            if found is not None:
                return found
        frame = self.table(name)
        return [c for c in frame.columns if frame[c].isna().all()]

    def table(self, name: str) -> pd.DataFrame:
        """Parsed table ``name``; an empty frame with the schema's columns when not supplied."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=TABLES_BY_NAME[name].column_names)

    @property
    def missing_optional(self) -> list[str]:
        """Names of the optional tables not supplied (or without rows), in schema order."""
        return [t.name for t in TABLES if t.optional and not self.has(t.name)]

    @property
    def errors(self) -> list[Problem]:
        """The problems of level ``error``."""
        return errors(self.problems)

    def checksums(self) -> dict[str, str]:
        """SHA-256 of every input file, keyed by file name."""
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in self.source_files}


def check_workspace(
    path: str | Path, tables_ready: Callable[[dict[str, pd.DataFrame]], None] | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """Read and validate a workspace; return it (``None`` if unreadable) and every problem.
    ``tables_ready`` is called with the tables once they are final (parsed and filled), before
    the checks across tables, which only read them (:mod:`playbook.check_cache` starts writing
    the snapshot then)."""
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_dir():
        return None, [Problem(str(path), None, None, None, "workspace folder not found")]
    profile = read_profile(path, problems)
    raw, files = read_sources(path, problems, profile.files if profile else None)
    tables, sources = _parse_tables(raw, profile, problems)
    _one_error_per_bad_file_entry(problems)
    problems.extend(quality_warnings(tables, sources))  # on the export as supplied, before fills
    fills = apply_fills(tables, profile, sources, problems) if profile is not None else []
    _drop_not_supplied(problems, {f.table for f in fills} - set(sources))
    if tables_ready is not None and profile is not None:
        tables_ready(tables)
    check_references(tables, sources, problems, _unusable(raw, tables))
    check_consistency(tables, sources, problems)
    if profile is not None:
        check_profile_names(profile, tables, sources, problems)
        check_answers_against_data(tables, sources, problems)
    if profile is None:
        return None, problems
    files.insert(0, path / PROFILE_FILE)
    return Workspace(path, profile, tables, problems, files, fills), problems


def _drop_not_supplied(problems: list[Problem], derived: set[str]) -> None:
    """Remove the "optional table not supplied" notes of the tables a fill rule derived (the
    rule's own note says where they came from)."""
    files = {TABLES_BY_NAME[name].filename for name in derived if name in TABLES_BY_NAME}
    problems[:] = [
        p
        for p in problems
        if not (
            p.level == Severity.NOTE
            and p.file in files
            and p.expected.startswith("optional table not supplied")
        )
    ]


#: A table of at least this many cells (rows × columns) is parsed in a forked child beside the
#: other tables (:mod:`playbook.forked`), when it is the largest: a million deals take about 3 s.
PARSE_APART_CELLS = 2_000_000


def _parse_tables(
    raw: dict[str, tuple[str, pd.DataFrame | None]],
    profile: Profile | None,
    problems: list[Problem],
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Every supplied table parsed (in schema order) with the file/sheet it came from; a table
    missing or without rows is a note if optional, an error if required. The largest table,
    when it has :data:`PARSE_APART_CELLS` cells or more, is parsed in a child process while
    this one parses the others; the tables and problems are the same as in order."""
    found: dict[str, list[Problem]] = {}  # per table, in schema order
    to_parse: list[Table] = []
    for spec in TABLES:
        found[spec.name] = _unparsed_problems(spec, raw)
        frame = raw[spec.name][1] if spec.name in raw else None
        if frame is not None and not (frame.empty and spec.optional):
            to_parse.append(spec)
    largest = max(to_parse, key=lambda t: raw[t.name][1].size, default=None)
    apart = None
    if largest is not None and raw[largest.name][1].size >= PARSE_APART_CELLS:
        apart = forked.start(_parse_one, largest, raw[largest.name], profile)
    parsed: dict[str, tuple[pd.DataFrame, list[Problem]]] = {}
    try:
        for spec in to_parse:
            if apart is None or spec is not largest:
                parsed[spec.name] = _parse_one(spec, raw[spec.name], profile)
        if apart is not None:
            parsed[largest.name] = apart.result()
    finally:
        if apart is not None:
            apart.cancel()
    tables: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    for spec in TABLES:
        problems.extend(found[spec.name])
        if spec.name in parsed:
            tables[spec.name], table_problems = parsed[spec.name]
            problems.extend(table_problems)
            sources[spec.name] = raw[spec.name][0]
    return tables, sources


def _unparsed_problems(spec: Table, raw: dict[str, tuple[str, pd.DataFrame | None]]) -> list:
    """The problems of ``spec`` before any parsing: an optional table missing or without rows
    (a note; it is not parsed), a required table missing (an error) or without rows (an
    error; it is parsed all the same). None for a file that could not be read (its error is
    in already) or a table with rows."""
    if spec.name not in raw:
        if spec.optional:
            why = f"optional table not supplied: {_not_supplied(spec)}"
            return [Problem(spec.filename, None, None, None, why, level=Severity.NOTE)]
        return [Problem(spec.filename, None, None, None, "required table is missing")]
    source, frame = raw[spec.name]
    if frame is None or not frame.empty:
        return []
    if spec.optional:
        why = f"optional table has no rows: {_not_supplied(spec)}"
        return [Problem(source, None, None, None, why, level=Severity.NOTE)]
    why = "required table has no rows: every notebook needs it"
    return [Problem(source, None, None, None, why)]


def _parse_one(
    spec: Table, supplied: tuple[str, pd.DataFrame], profile: Profile | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """:func:`playbook.parse.parse_table` of one supplied table with the profile's currency,
    date order, column names, value names and ``value_from`` rules for it."""
    source, frame = supplied
    return parse_table(
        spec,
        frame,
        source,
        profile.currency if profile else "USD",
        profile.date_order if profile else "MDY",
        profile.column_names.get(spec.name) if profile else None,
        {
            k.partition(".")[2]: v
            for k, v in (profile.value_names if profile else {}).items()
            if k.partition(".")[0] == spec.name
        },
        _value_from(profile, spec.name),
    )


def _value_from(profile: Profile | None, table: str) -> dict[str, tuple[str, dict[str, str]]]:
    """profile.yaml's ``value_from`` rules of ``table``: our column → (export header, values)."""
    rules = profile.value_from if profile else {}
    return {
        key.partition(".")[2]: (rule.column, rule.values)
        for key, rule in rules.items()
        if key.partition(".")[0] == table
    }


def _one_error_per_bad_file_entry(problems: list[Problem]) -> None:
    """Drop "required table is missing" for a table whose ``files`` entry in profile.yaml was
    refused: that entry's error already says why the table was not read."""
    refused = {
        p.column.split(".")[1]
        for p in problems
        if p.file == PROFILE_FILE and p.column and p.column.startswith("files.")
    }
    problems[:] = [
        p
        for p in problems
        if not (
            p.expected == "required table is missing" and p.file.removesuffix(".csv") in refused
        )
    ]


def _unusable(
    raw: dict[str, tuple[str, pd.DataFrame | None]], tables: dict[str, pd.DataFrame]
) -> set[str]:
    """Tables no id can be checked against, because an error already says why: a file that
    could not be read, a required table missing, or a key column without a single value
    (missing, or blank in every row). Checking ids against them would repeat that one cause
    as an error on every row that refers to them."""
    out = {name for name, (_, frame) in raw.items() if frame is None}
    out |= {t.name for t in TABLES if not t.optional and t.name not in tables}
    for name, frame in tables.items():
        key = TABLES_BY_NAME[name].key
        if len(key) == 1 and len(frame) and frame[key[0]].isna().all():
            out.add(name)
    return out


def _not_supplied(spec: Table) -> str:
    who = (
        f"notebook {spec.used_by[0]} shows"
        if len(spec.used_by) == 1
        else f"notebooks {', '.join(spec.used_by)} show"
    )
    return (
        f"{who} the sections it fills as not shown; fill the template {spec.filename} (or sheet "
        f"{spec.name}) that `playbook new` writes"
    )


def load_workspace(path: str | Path) -> Workspace:
    """Load a workspace, raising :class:`WorkspaceError` listing every error if there is any."""
    ws, problems = check_workspace(path)
    if ws is None or has_errors(problems):
        raise WorkspaceError(Path(path), problems)
    return ws


def save_snapshot(ws: Workspace, folder: Path, pending: snapshot.Pending | None = None) -> Path:
    """Write a validated workspace as a columnar snapshot folder (:mod:`playbook.snapshot`) so
    every notebook of a run uses exactly what was checked (and what the manifest's checksums
    describe) without parsing and validating it again. ``pending``: its tables, already being
    written (:func:`playbook.snapshot.begin`, from :func:`check_workspace`'s ``tables_ready``)."""
    meta = {
        "path": str(ws.path),
        "profile": ws.profile.model_dump(mode="json"),
        "problems": [dataclasses.asdict(p) for p in ws.problems],
        "fills": [dataclasses.asdict(f) for f in ws.fills],
        "source_files": [str(f) for f in ws.source_files],
    }
    if pending is not None:
        return snapshot.finish(pending, meta)
    return snapshot.write_tables(ws.tables, Path(folder), meta)


def load_snapshot(folder: Path) -> Workspace:
    """Read a snapshot written by :func:`save_snapshot`: each table is read (memory-mapped)
    the first time it is used (:class:`~playbook.snapshot.LazyTables`); raises
    :class:`~playbook.snapshot.SnapshotError` when ``folder`` is not one."""
    meta = snapshot.read_meta(Path(folder))
    return Workspace(
        Path(meta["path"]),
        Profile.model_validate(meta["profile"]),
        snapshot.LazyTables(Path(folder), meta),
        [Problem(**{**p, "level": Severity(p["level"])}) for p in meta["problems"]],
        [Path(f) for f in meta["source_files"]],
        [Fill(**f) for f in meta["fills"]],
    )
