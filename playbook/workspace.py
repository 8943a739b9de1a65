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
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from playbook import normalise
from playbook.exceptions import WorkspaceError
from playbook.problems import Problem
from playbook.profile import Profile
from playbook.schema import TABLES, TABLES_BY_NAME, Column, Table
from playbook.sources import PROFILE_FILE, read_profile, read_sources, with_header

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


# --------------------------------------------------------------------------- parsing tables


def _parse_column(col: Column, raw: pd.Series, currency: str, date_order: str,
                  value_names: dict[str, str] | None = None):
    if col.kind in ("money", "number", "percent"):
        return normalise.parse_number(raw, money=col.kind == "money", currency=currency,
                                      percent=col.kind == "percent")
    if col.kind == "int":
        return normalise.parse_int(raw)
    if col.kind == "date":
        return normalise.parse_date(raw, date_order)
    if col.kind == "month":
        return normalise.parse_month(raw, date_order)
    if col.kind == "enum":
        aliases = {**col.aliases, **{normalise.canonical(k): v
                                     for k, v in (value_names or {}).items()}}
        return normalise.parse_enum(raw, col.allowed, aliases)
    if col.kind == "bool":
        return normalise.parse_bool(raw)
    return normalise.parse_text(raw)


def _range_mask(col: Column, values: pd.Series) -> pd.Series:
    lo = 0 if col.kind == "percent" else col.min
    hi = 100 if col.kind == "percent" else col.max
    out = pd.Series(False, index=values.index)
    if lo is not None:
        out |= values.notna() & (values < lo)
    if hi is not None:
        out |= values.notna() & (values > hi)
    return out.fillna(False).astype(bool)


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) + 2 for i in mask[mask].index]


def _skip_title_rows(raw: pd.DataFrame, spec: Table, mapped: dict[str, str],
                     scan: int = 15) -> tuple[pd.DataFrame, int]:
    """Find the header row when a spreadsheet export starts with title rows (report name,
    filters, a blank line): the first of the top ``scan`` rows naming two or more of the
    table's columns. Returns the frame below it (index kept, so row numbers stay spreadsheet
    rows) and the header's row number (1 when the first row already is the header)."""
    def known(values) -> int:
        names = (mapped.get(normalise.canonical(v), normalise.canonical(v)) for v in values)
        return sum(n in spec.column_names for n in names)

    if known(raw.columns) >= 2 or len(spec.column_names) < 2:
        return raw, 1
    for k in range(min(scan, len(raw))):
        if known(raw.iloc[k]) >= 2:
            return with_header(list(raw.iloc[k]), raw.iloc[k + 1:]), k + 2
    return raw, 1


def parse_table(spec: Table, raw: pd.DataFrame, source: str, currency: str = "USD",
                date_order: str = "MDY", column_names: dict[str, str] | None = None,
                value_names: dict[str, dict[str, str]] | None = None):
    """Normalise one raw table against its spec.

    ``currency`` and ``date_order`` come from the profile (reporting currency; whether slash
    dates are month-first ``MDY`` or day-first ``DMY``), as do ``column_names`` (export header
    → our column, for this table) and ``value_names`` (our column → {export value → allowed
    value}).

    Returns ``(frame, problems)``: the typed frame (every schema column present, unknown columns
    dropped) and every problem found, including notes on what was normalised.
    """
    problems: list[Problem] = []
    raw = raw.reset_index(drop=True)
    mapped = {normalise.canonical(k): v for k, v in (column_names or {}).items()}
    raw, header_line = _skip_title_rows(raw, spec, mapped)
    if header_line > 1:
        problems.append(Problem(source, header_line, None, None,
                                f"headers found on row {header_line}; the title rows above "
                                "are ignored", level="note"))
    headers = normalise.canonical_token(pd.Series(list(raw.columns), dtype="object"))
    headers = headers.map(lambda h: mapped.get(h, h))
    renamed = {old: new for old, new in zip(raw.columns, headers, strict=True) if old != new}
    if renamed:
        problems.append(Problem(source, header_line, None, ", ".join(map(str, renamed)),
                                "column headers normalised to " + ", ".join(renamed.values()),
                                level="note"))
    as_exported = {new: str(old) for old, new in zip(raw.columns, headers, strict=True)}
    raw.columns = list(headers)
    dupes = headers[headers.duplicated()].unique()
    for d in dupes:
        problems.append(Problem(source, header_line, d, None, "column appears more than once"))
    raw = raw.loc[:, ~raw.columns.duplicated()]
    # Drop rows that are entirely blank (trailing lines of spreadsheets) but keep numbering.
    blank_row = raw.apply(lambda c: normalise.strip_blank(c).isna()).all(axis=1)
    extras = [c for c in raw.columns if c not in spec.column_names]
    if extras:  # one line for all of them: CRM exports often carry dozens
        problems.append(Problem(
            source, header_line, ", ".join(as_exported.get(c, c) for c in extras), None,
            f"{len(extras)} column(s) not used by the playbook, ignored (map one with "
            f"profile.yaml column_names if it is one of ours: {', '.join(spec.column_names)})",
            level="warning"))

    out = pd.DataFrame(index=raw.index)
    bad_cells: set[tuple[int, str]] = set()
    for col in spec.columns:
        if col.name not in raw.columns:
            if col.required:
                problems.append(Problem(source, header_line, col.name, None,
                                        f"required column is missing ({col.description})"))
            out[col.name] = pd.Series(pd.NA, index=raw.index, dtype="object")
            continue
        cells = raw[col.name].where(~blank_row)
        values, bad, changed = _parse_column(col, cells, currency, date_order,
                                             (value_names or {}).get(col.name))
        for row in _rows(bad):
            value = str(raw.at[row - 2, col.name])
            problems.append(Problem(source, row, col.name, value,
                                    _expected(col, value, date_order)))
            bad_cells.add((row, col.name))
        if col.kind in ("money", "number", "int", "percent"):
            out_of_range = _range_mask(col, values)
            for row in _rows(out_of_range):
                problems.append(Problem(source, row, col.name, str(raw.at[row - 2, col.name]),
                                        f"expected {col.expected}"))
        if col.required:
            missing = values.isna() & ~bad & ~blank_row
            for row in _rows(missing):
                problems.append(Problem(source, row, col.name, "",
                                        f"value required: {col.expected}"))
        n_changed = int(changed.sum())
        if n_changed:
            example = raw.loc[changed, col.name].iloc[0]
            problems.append(Problem(source, None, col.name, str(example),
                                    f"{n_changed} value(s) normalised to "
                                    f"{_expected_text(col, date_order)}",
                                    level="note"))
        out[col.name] = values
    out = out.loc[~blank_row]
    if spec.key:
        keyed = out[list(spec.key)].astype("object").where(out[list(spec.key)].notna(), "")
        keyed = keyed.astype(str)
        dup = keyed.duplicated(keep="first") & keyed.ne("").any(axis=1)
        if dup.any():  # only the duplicates are looked at one by one
            firsts = keyed[~keyed.duplicated(keep="first")]
            first_row = {tuple(k): i + 2 for i, k in zip(firsts.index,
                                                         firsts.itertuples(index=False),
                                                         strict=True)}
            for idx in keyed.index[dup]:
                key = tuple(keyed.loc[idx])
                problems.append(Problem(source, idx + 2, ", ".join(spec.key),
                                        " / ".join(key),
                                        f"duplicate of row {first_row[key]}: "
                                        f"{'/'.join(spec.key)} must be unique"))
    out = out.reset_index(drop=True).assign(_row=(out.index + 2).to_numpy())
    out.attrs["bad_cells"] = bad_cells
    return out, problems


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{4}\s*$")


def _expected_text(col: Column, date_order: str) -> str:
    if col.kind == "date" and date_order == "DMY":
        return "a date as YYYY-MM-DD or DD/MM/YYYY"
    return col.expected


def _expected(col: Column, value: str, date_order: str = "MDY") -> str:
    """What a rejected cell should have been, with the likely cause for a wrong-order date."""
    slash = _SLASH_DATE.match(value) if col.kind == "date" else None
    if slash and date_order == "MDY" and 12 < int(slash[1]) <= 31:
        return ("looks day-first (DD/MM/YYYY), which is ambiguous in this US-order (MM/DD/YYYY) "
                "export: re-export dates as YYYY-MM-DD, or set `date_order: DMY` in "
                "profile.yaml if the whole workspace writes dates day-first")
    if slash and date_order == "DMY" and 12 < int(slash[2]) <= 31:
        return ("looks month-first (MM/DD/YYYY), but profile.yaml says `date_order: DMY` "
                "(DD/MM/YYYY): re-export dates as YYYY-MM-DD")
    return f"expected {_expected_text(col, date_order)}"


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
