"""Loading and validating a client workspace.

A workspace is a folder holding ``profile.yaml`` plus the tables of :mod:`playbook.schema`, either
as one CSV per table (``partners.csv`` …) or as one Excel workbook (``*.xlsx``) with a sheet per
table. :func:`check_workspace` reads everything, normalises messy export values, and returns every
problem at once; :func:`load_workspace` does the same and raises :class:`WorkspaceError` if any
problem is an error, so no notebook ever computes on half-valid data.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from playbook.exceptions import WorkspaceError
from playbook.parse import parse_table
from playbook.problems import Problem
from playbook.profile import Profile
from playbook.schema import TABLES, TABLES_BY_NAME, Table
from playbook.sources import PROFILE_FILE, read_profile, read_sources

__all__ = ["PROFILE_FILE", "SNAPSHOT_FILE", "Problem", "Workspace", "WorkspaceError",
           "check_workspace", "load_snapshot", "load_workspace", "read_profile", "save_snapshot"]

@dataclass
class Workspace:
    """A validated client workspace: profile, parsed tables and what the loader found."""

    path: Path
    profile: Profile
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    source_files: list[Path] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """True when table ``name`` was supplied (and has at least one row)."""
        return name in self.tables and len(self.tables[name]) > 0

    def table(self, name: str) -> pd.DataFrame:
        """Parsed table ``name``; an empty frame with the schema's columns when not supplied."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=TABLES_BY_NAME[name].column_names)

    @property
    def missing_optional(self) -> list[str]:
        return [t.name for t in TABLES if t.optional and not self.has(t.name)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def checksums(self) -> dict[str, str]:
        """SHA-256 of every input file, keyed by file name."""
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in self.source_files}


def _check_references(tables: dict[str, pd.DataFrame], sources: dict[str, str],
                      problems: list[Problem], unreadable: frozenset | set = frozenset()
                      ) -> None:
    for spec in TABLES:
        if spec.name not in tables:
            continue
        frame = tables[spec.name]
        for col in spec.columns:
            if col.kind != "ref" or col.ref is None:
                continue
            target_table, target_col = col.ref.split(".")
            values = frame[col.name]
            present = values.notna()
            if not present.any():
                continue
            if target_table in unreadable:
                continue  # its file could not be read: that error says enough
            if target_table not in tables:  # optional table left out: nothing to check against
                problems.append(Problem(sources[spec.name], None, col.name, None,
                                        f"refers to {target_table}, which was not supplied: "
                                        "these ids are not checked", level="warning"))
                continue
            known = set(tables[target_table][target_col].dropna())
            unknown = present & ~values.isin(known)
            for idx in unknown[unknown].index:
                problems.append(Problem(sources[spec.name], int(frame.at[idx, "_row"]), col.name,
                                        str(values.at[idx]),
                                        f"no such {target_col} in {target_table}"))


def _check_consistency(tables: dict[str, pd.DataFrame], sources: dict[str, str],
                       problems: list[Problem]) -> None:
    """Rules that involve more than one column of a row."""
    deals = tables.get("deals")
    if deals is not None:
        src = sources["deals"]
        bad = deals.attrs.get("bad_cells", set())
        unparsed_close = deals["_row"].isin({r for r, c in bad if c == "close_date"})
        partnered = deals["attribution"].isin(["sourced", "influenced"])
        unparsed_partner = deals["_row"].isin({r for r, c in bad if c == "partner_id"})
        for idx in deals.index[partnered & deals["partner_id"].isna() & ~unparsed_partner]:
            problems.append(Problem(src, int(deals.at[idx, "_row"]), "partner_id", "",
                                    f"a {deals.at[idx, 'attribution']} deal needs a partner_id"))
        for idx in deals.index[(deals["attribution"] == "direct") & deals["partner_id"].notna()]:
            problems.append(Problem(src, int(deals.at[idx, "_row"]), "attribution", "direct",
                                    "a deal with a partner_id must be sourced or influenced"))
        closed = deals["stage"].isin(["won", "lost"])
        for idx in deals.index[closed & deals["close_date"].isna() & ~unparsed_close]:
            problems.append(Problem(src, int(deals.at[idx, "_row"]), "close_date", "",
                                    "a won or lost deal needs a close_date"))
        early = deals["close_date"].notna() & (deals["close_date"] < deals["created_date"])
        for idx in deals.index[early]:
            problems.append(Problem(src, int(deals.at[idx, "_row"]), "close_date",
                                    str(deals.at[idx, "close_date"].date()),
                                    "close_date must not be before created_date "
                                    f"({deals.at[idx, 'created_date'].date()})"))
    accounts = tables.get("partner_accounts")
    if accounts is not None:
        src = sources["partner_accounts"]
        empty = (accounts["account_name"].isna() & accounts["domain"].isna()
                 & accounts["domain_hash"].isna())
        for idx in accounts.index[empty]:
            problems.append(Problem(src, int(accounts.at[idx, "_row"]), "domain", "",
                                    "each row needs a domain, an account_name or a domain_hash"))


def _check_profile_names(profile: Profile, tables: dict[str, pd.DataFrame],
                         sources: dict[str, str], problems: list[Problem]) -> None:
    """Names that must match a list in profile.yaml (criteria, competitors)."""
    checks = [("requirement_scores", "criterion",
               {c.name for c in profile.requirement_criteria}, "requirement_criteria"),
              ("competitor_partnerships", "competitor", set(profile.competitors), "competitors")]
    for table_name, column, known, key in checks:
        frame = tables.get(table_name)
        if frame is None:
            continue
        unknown = frame[column].notna() & ~frame[column].isin(known)
        for idx in frame.index[unknown]:
            problems.append(Problem(sources[table_name], int(frame.at[idx, "_row"]), column,
                                    str(frame.at[idx, column]),
                                    f"not listed in profile.yaml `{key}` "
                                    f"({', '.join(sorted(known)) or 'empty'})"))


def _not_supplied(spec: Table) -> str:
    who = (f"notebook {spec.used_by[0]} shows" if len(spec.used_by) == 1
           else f"notebooks {', '.join(spec.used_by)} show")
    return (f"{who} 'not supplied' for it; fill the template {spec.filename} (or sheet "
            f"{spec.name}) that `playbook new` writes")


def check_workspace(path: str | Path) -> tuple[Workspace | None, list[Problem]]:
    """Read and validate a workspace; return it (``None`` if unreadable) and every problem."""
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_dir():
        return None, [Problem(str(path), None, None, None, "workspace folder not found")]
    profile = read_profile(path, problems)
    currency = profile.currency if profile else "USD"
    date_order = profile.date_order if profile else "MDY"
    raw, files = read_sources(path, problems, profile.files if profile else None)
    tables: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    for spec in TABLES:
        if spec.name not in raw:
            if spec.optional:
                problems.append(Problem(spec.filename, None, None, None,
                                        f"optional table not supplied: {_not_supplied(spec)}",
                                        level="note"))
            else:
                problems.append(Problem(spec.filename, None, None, None,
                                        "required table is missing"))
            continue
        source, frame = raw[spec.name]
        if frame is None:
            continue
        if frame.empty and spec.optional:
            problems.append(Problem(source, None, None, None,
                                    f"optional table has no rows: {_not_supplied(spec)}",
                                    level="note"))
            continue
        if frame.empty:
            problems.append(Problem(source, None, None, None,
                                    "required table has no rows: every notebook needs it"))
        parsed, found = parse_table(
            spec, frame, source, currency, date_order,
            profile.column_names.get(spec.name) if profile else None,
            {k.partition(".")[2]: v for k, v in (profile.value_names if profile else {}).items()
             if k.partition(".")[0] == spec.name})
        problems.extend(found)
        tables[spec.name] = parsed
        sources[spec.name] = source
    unreadable = {name for name, (_, frame) in raw.items() if frame is None}
    _check_references(tables, sources, problems, unreadable)
    _check_consistency(tables, sources, problems)
    if profile is not None:
        _check_profile_names(profile, tables, sources, problems)
    if profile is None:
        return None, problems
    files.insert(0, path / PROFILE_FILE)
    return Workspace(path, profile, tables, problems, files), problems


SNAPSHOT_FILE = "workspace.pkl"


def save_snapshot(ws: Workspace, file: Path) -> Path:
    """Pickle a validated workspace so every notebook of a run uses exactly what was checked
    (and what the manifest's checksums describe) without parsing and validating it again."""
    with open(file, "wb") as f:
        pickle.dump(ws, f, protocol=pickle.HIGHEST_PROTOCOL)
    return file


def load_snapshot(file: Path) -> Workspace:
    """Read a snapshot written by :func:`save_snapshot` (only ever our own run folder's file)."""
    with open(file, "rb") as f:
        return pickle.load(f)  # noqa: S301 - written by this run's runner, not client input


def load_workspace(path: str | Path) -> Workspace:
    """Load a workspace, raising :class:`WorkspaceError` listing every error if there is any."""
    ws, problems = check_workspace(path)
    if ws is None or any(p.level == "error" for p in problems):
        raise WorkspaceError(Path(path), problems)
    return ws
