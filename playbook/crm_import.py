"""``playbook new --from CRM EXPORT...`` and ``playbook map EXPORT...``: a workspace mapped onto a
CRM's raw exports, with a report of how every file, header and stage value was read.

:func:`propose` reads the exports (CSV or Excel), recognises which file holds which table with
the CRM's preset (:mod:`playbook.crm_presets`, detected from the headers when not named), and
builds profile.yaml's ``files``, ``column_names``, ``value_names`` and ``value_from``;
:func:`report` says what was recognised, mapped, left unused or left unmapped (with the
profile.yaml key to edit) and previews a few rows as they will load; :func:`new_from_exports`
creates the workspace, copies the exports in byte for byte and writes the mapping.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from playbook import crm_presets as presets
from playbook.parse import parse_table
from playbook.problems import Problem, Severity
from playbook.profile_yaml import dump_profile_yaml
from playbook.readers import read_export, refusal
from playbook.schema import TABLES_BY_NAME
from playbook.template import new_workspace

PREVIEW_ROWS = 5


@dataclass
class Export:
    """One export file as read: its raw table (``None`` if unreadable), headers and table."""

    path: Path
    raw: pd.DataFrame | None
    headers: list[str] = field(default_factory=list)
    table: str | None = None
    #: The table preset the file is read with: the CRM's, or the generic one for a list the
    #: CRM's preset does not know (e.g. a plain accounts list beside a Salesforce report).
    table_preset: presets.TablePreset | None = None


@dataclass
class Proposal:
    """The mapping proposed for a set of exports, and what was found on the way."""

    crm: str | None
    detected: bool
    exports: list[Export]
    mapping: dict[str, dict] = field(default_factory=dict)  # profile.yaml keys → values
    stages: list[tuple[str, int, str | None, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    aligned: list[str] = field(default_factory=list)  # keys read from a name column, and why

    @property
    def ok(self) -> bool:
        """True when a CRM is known, a deals export was recognised and nothing failed."""
        return (
            self.crm is not None
            and any(e.table == "deals" for e in self.exports)
            and not any(p.level == Severity.ERROR for p in self.problems)
        )


def _read(path: Path, problems: list[Problem]) -> Export:
    why = refusal(None, path)  # a named pipe would block forever
    if why:
        problems.append(Problem(path.name, None, None, None, why))
        return Export(path, None)
    _, raw = read_export(path, problems)
    return Export(path, raw)


def _plain_deals(export: Export) -> bool:
    """True when ``export`` reads as a deals export under the generic preset (plain names)."""
    if export.raw is None:
        return False
    generic = presets.PRESETS[presets.GENERIC]
    return presets.recognise(presets.header_row(export.raw, generic), generic) == "deals"


def propose(paths: list[Path], crm: str | None = None) -> Proposal:
    """The mapping of ``paths`` (exports) under ``crm``'s preset, or the preset detected from
    the headers of the files when ``crm`` is ``None`` (a CRM's preset when one recognises them,
    else the generic preset when it reads a deals export)."""
    problems: list[Problem] = []
    exports = [_read(Path(p), problems) for p in paths]
    detected = crm is None
    if crm is None:
        found = [presets.detect_in(e.raw) for e in exports if e.raw is not None]
        crm = next((c for c in found if c), None)
        if crm is None and any(_plain_deals(e) for e in exports):
            crm = presets.GENERIC
        if crm is None:
            problems.append(
                Problem(
                    ", ".join(p.name for p in map(Path, paths)),
                    None,
                    None,
                    None,
                    "no CRM recognised from the headers: name it with --from "
                    + "|".join(presets.PRESET_NAMES),
                )
            )
            return Proposal(None, True, exports, problems=problems)
    preset = presets.PRESETS[crm]
    generic = presets.PRESETS[presets.GENERIC]
    for e in exports:
        if e.raw is not None:
            e.headers = presets.header_row(e.raw, preset)
            e.table = presets.recognise(e.headers, preset)
            e.table_preset = preset.table(e.table) if e.table else None
            if e.table is None:  # a plain list beside the CRM's export: read it by plain names
                plain = presets.recognise(presets.header_row(e.raw, generic), generic)
                if plain not in (None, "deals"):
                    e.headers = presets.header_row(e.raw, generic)
                    e.table, e.table_preset = plain, generic.table(plain)
    proposal = Proposal(crm, detected, exports, problems=problems)
    _check_roles(proposal)
    _build_mapping(proposal, preset)
    return proposal


def _check_roles(proposal: Proposal) -> None:
    """Errors for two files recognised as the same table, and for no deals export."""
    seen: dict[str, str] = {}
    for e in proposal.exports:
        if e.table is None:
            continue
        if e.table in seen:
            proposal.problems.append(
                Problem(
                    e.path.name,
                    None,
                    None,
                    None,
                    f"looks like {e.table} too, as {seen[e.table]} does: pass one of them",
                )
            )
            e.table = None
        else:
            seen[e.table] = e.path.name
    if "deals" not in seen:
        proposal.problems.append(
            Problem(
                ", ".join(e.path.name for e in proposal.exports),
                None,
                None,
                None,
                f"no opportunities/deals export recognised ({presets.PRESETS[proposal.crm].label} "
                "headers expected)",
            )
        )


def _build_mapping(proposal: Proposal, preset: presets.Preset) -> None:
    files, columns, values, value_from = {}, {}, {}, {}
    for e in proposal.exports:
        if e.table is None:
            continue
        tp = e.table_preset or preset.table(e.table)
        files[e.table] = e.path.name
        mapped = presets.match_columns(e.headers, tp)
        if mapped:
            columns[e.table] = mapped
        for col, names in tp.values.items():
            values[f"{e.table}.{col}"] = dict(names)
        tokens = {presets.token(h): h for h in e.headers}
        for col, (header, rule) in preset.value_from.items():
            if e.table == "deals" and presets.token(header) in tokens:
                value_from[f"deals.{col}"] = {
                    "column": tokens[presets.token(header)],
                    "values": rule,
                }
        if e.table == "deals":
            proposal.stages = _stages(e, mapped, preset, value_from)
    headers = {e.table: e.headers for e in proposal.exports if e.table}
    proposal.aligned = presets.align_keys(columns, headers, preset)
    proposal.mapping = {
        "files": files,
        "column_names": columns,
        "value_names": values,
        **({"value_from": value_from} if value_from else {}),
    }


def _stages(
    e: Export, mapped: dict, preset: presets.Preset, value_from: dict
) -> list[tuple[str, int, str | None, str]]:
    """The stage values of the deals export ``e`` and how each is mapped."""
    frame = _below_header(e)
    by_col = {c: h for h, cols in mapped.items() for c in presets.targets(cols)}
    stage_header = by_col.get(
        "stage", next((h for h in e.headers if presets.token(h) == "stage"), None)
    )
    if stage_header is None or stage_header not in frame:
        return []
    rule = value_from.get("deals.stage")
    status = frame[rule["column"]] if rule and rule["column"] in frame else None
    return presets.stage_values(frame[stage_header], preset, status)


def _below_header(e: Export) -> pd.DataFrame:
    """The export's rows under its recognised header row (title rows dropped)."""
    raw = e.raw
    if [str(c) for c in raw.columns] == e.headers:
        return raw
    for k in range(min(15, len(raw))):
        if [str(v) for v in raw.iloc[k] if str(v).strip()] == e.headers:
            body = raw.iloc[k + 1 :]
            body = body.loc[:, [str(v).strip() != "" for v in raw.iloc[k]]]
            body.columns = e.headers
            return body
    return raw


def profile_mapping_yaml(proposal: Proposal) -> str:
    """profile.yaml's mapping keys for the proposal, as YAML text."""
    return dump_profile_yaml(proposal.mapping, sort_keys=False, allow_unicode=True, width=100)


def preview(proposal: Proposal, rows: int = PREVIEW_ROWS) -> pd.DataFrame | None:
    """The first ``rows`` deals as they will load (our columns that have a value)."""
    deals = next((e for e in proposal.exports if e.table == "deals"), None)
    if deals is None:
        return None
    m = proposal.mapping
    rule = m.get("value_from", {}).get("deals.stage")
    frame, _ = parse_table(
        TABLES_BY_NAME["deals"],
        deals.raw.head(rows + 15),
        deals.path.name,
        column_names=m["column_names"].get("deals"),
        value_names={"stage": m["value_names"].get("deals.stage", {})},
        value_from={"stage": (rule["column"], rule["values"])} if rule else None,
    )
    frame = frame.head(rows).drop(columns="_row")
    frame = frame.loc[:, frame.notna().any()]
    for col in frame.select_dtypes("datetime").columns:
        frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    return frame.astype("object").where(frame.notna(), None)


def report(proposal: Proposal) -> list[str]:
    """The lines ``new --from`` and ``map`` print: CRM, each file and its table, each header
    mapped or unused, each stage value and how it was mapped, and a preview of a few rows."""
    lines: list[str] = []
    if proposal.crm is None:
        return lines
    label = presets.PRESETS[proposal.crm].label
    how = "detected from the headers" if proposal.detected else "as given with --from"
    lines.append(f"CRM: {proposal.crm} ({label}; {how})")
    for e in proposal.exports:
        lines += _file_lines(e, proposal)
    lines += [f"\nNote: {line}" for line in proposal.aligned]
    lines += _stage_lines(proposal)
    table = preview(proposal)
    if table is not None and len(table):
        lines.append(f"\nFirst {len(table)} deals as they will load:")
        lines += table.fillna("—").to_string(index=False).splitlines()
    return lines


def _file_lines(e: Export, proposal: Proposal) -> list[str]:
    if e.raw is None:
        return [f"\n{e.path.name}: could not be read (see the error below)"]
    if e.table is None:
        return [f"\n{e.path.name}: not recognised as any table; not used"]
    spec = TABLES_BY_NAME[e.table]
    mapped = proposal.mapping["column_names"].get(e.table, {})
    lines = [f"\n{e.path.name} → {e.table}"]
    rule = proposal.mapping.get("value_from", {})
    status = {r["column"]: k for k, r in rule.items()} if e.table == "deals" else {}
    unused = []
    for h in e.headers:
        token = presets.token(h)
        if h in mapped and not presets.targets(mapped[h]):
            lines.append(f"  {h} → not read (the deals do not carry this id)")
        elif h in mapped:
            lines.append(f"  {h} → " + ", ".join(presets.targets(mapped[h])))
        elif token in spec.column_names:
            lines.append(f"  {h} → {token} (our name)")
        elif h in status:
            lines.append(f"  {h} → {status[h].partition('.')[2]} where it says won or lost")
        else:
            unused.append(h)
    if unused:
        lines.append(f"  not used ({len(unused)}): " + ", ".join(unused))
    filled = {c for m in mapped.values() for c in presets.targets(m)}
    filled |= {presets.token(h) for h in e.headers}
    missing = [c.name for c in spec.columns if c.required and c.name not in filled]
    if missing:
        lines.append(
            "  required but not in this file: "
            + ", ".join(missing)
            + f" (map a header with profile.yaml column_names → {e.table})"
        )
    return lines


def _stage_lines(proposal: Proposal) -> list[str]:
    if not proposal.stages:
        return []
    lines = ["\nStage values found (deals.stage):"]
    unmapped = []
    for value, n, ours, how in proposal.stages:
        if ours is None:
            unmapped.append(value)
            lines.append(f"  {value!r} ({_rows(n)}) → UNMAPPED")
        else:
            lines.append(f"  {value!r} ({_rows(n)}) → {ours} ({how})")
    if unmapped:
        allowed = "|".join(TABLES_BY_NAME["deals"].column("stage").allowed)
        lines.append(
            "  Unmapped values are rejected by `playbook check` until you map them in "
            "profile.yaml under value_names → deals.stage, e.g.:"
        )
        lines += [f"    {v!r}: {allowed}" for v in unmapped]
    return lines


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def new_from_exports(parent: Path, name: str, proposal: Proposal, fmt: str = "csv") -> Path:
    """Create workspace ``parent/name`` in ``fmt`` (:func:`playbook.template.new_workspace`:
    the other tables as template CSV files or one workbook's sheets), copy the
    recognised exports into it byte for byte (never edited) and write the proposal's mapping
    into its profile.yaml. Returns the workspace's path."""
    names = [e.path.name for e in proposal.exports if e.table]
    if len(set(names)) != len(names):
        raise ValueError("two exports have the same file name: rename one")
    path = new_workspace(parent, name, fmt)
    for e in proposal.exports:
        if e.table:
            shutil.copyfile(e.path, path / e.path.name)
    profile = path / "profile.yaml"
    lines = profile.read_text(encoding="utf-8").splitlines()
    mapped = ("files:", "column_names:", "value_names:", "# Raw CRM exports:")
    at = next(i for i, line in enumerate(lines) if line.startswith(mapped))
    block = [
        f"# Mapped by `playbook new --from {proposal.crm}` "
        f"({presets.PRESETS[proposal.crm].label}): edit the mapping here, never the exports.",
        *profile_mapping_yaml(proposal).splitlines(),
    ]
    lines = [line for line in lines if not line.startswith(mapped)]
    profile.write_text("\n".join(lines[:at] + block + lines[at:]) + "\n", encoding="utf-8")
    return path
