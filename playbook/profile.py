"""The client profile (``profile.yaml``): who the client is and the assumptions it sets.

:func:`read_profile` reads it (YAML syntax errors name the line); the model is validated with
pydantic; unknown keys are refused so that a typo (``competitor:`` for
``competitors:``) is reported instead of silently ignored. A bad part is reported alone and left
out: every valid key, list item and mapping entry still applies, so one typo never switches off
the mappings (and ``playbook check`` stays truthful about the tables).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from playbook.problems import Problem
from playbook.schema import PARTNER_TYPES, TABLES_BY_NAME

PROFILE_FILE = "profile.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Product(_Strict):
    """One of our products and its current version (free text, e.g. ``1.1``)."""

    name: str
    version: str = ""

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, v):
        return "" if v is None else str(v)


class OrgUnitTargets(_Strict):
    """Targets an org unit is measured against (trend 4). Money in the reporting currency."""

    program_members: float | None = None
    certified_integrators: float | None = None
    referral_revenue: float | None = None
    influenced_revenue: float | None = None


class OrgUnit(_Strict):
    """An organisation unit and the partner types it owns."""

    name: str
    partner_types: list[str] = Field(default_factory=list)
    targets: OrgUnitTargets = Field(default_factory=OrgUnitTargets)

    @field_validator("partner_types")
    @classmethod
    def _known_types(cls, v):
        bad = [t for t in v if t not in PARTNER_TYPES]
        if bad:
            raise ValueError(f"unknown partner type(s) {bad}; expected {list(PARTNER_TYPES)}")
        return v


class Criterion(_Strict):
    """A partner-requirement criterion (trend 1): weight in the fit score, optional must-have."""

    name: str
    weight: float = Field(ge=0)
    must_have: bool = False
    min_score: float = Field(default=3, ge=0, le=5)


class Profile(_Strict):
    """Everything about the client that is not a table."""

    name: str = Field(description="Client name shown in reports.")
    client_id: str = Field(
        description="Short id of the client (text; quote it in YAML to keep "
        "leading zeros). Names the run folders."
    )
    currency: str = Field(
        default="USD",
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of the reporting currency; money cells "
        "with another currency symbol are rejected.",
    )
    date_order: Literal["MDY", "DMY"] = Field(
        default="MDY",
        description=(
            "How the exports write slash dates: `MDY` (US, MM/DD/YYYY) or `DMY` (DD/MM/YYYY, "
            "also DD.MM.YYYY). ISO YYYY-MM-DD is always accepted; a date that cannot be in "
            "the stated order is rejected, never guessed."
        ),
    )
    industry: str = Field(default="", description="Client's industry.")
    employees: int | None = Field(
        default=None,
        ge=1,
        description=("Our head count, compared with partners' size in shark-or-remora (trend 7)."),
    )
    products: list[Product] = Field(
        default_factory=list,
        description=("Our products: list of `{name, version}`; versions are free text."),
    )
    competitors: list[str] = Field(
        default_factory=list,
        description=("Names of our competitors; `competitor_partnerships.competitor` uses them."),
    )
    org_units: list[OrgUnit] = Field(
        default_factory=list,
        description=(
            "Org units measured in trend 4: `{name, partner_types, targets}`; targets are "
            "program_members, certified_integrators, referral_revenue, influenced_revenue."
        ),
    )
    requirement_criteria: list[Criterion] = Field(
        default_factory=list,
        description=(
            "Requirement criteria for the fit score (trend 1): `{name, weight, must_have, "
            "min_score}`; a must-have fails below min_score (0–5)."
        ),
    )
    files: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "CSV files in the workspace to read as a table when they are not named after it, "
            "e.g. `{deals: Opportunities export 2026-11.csv}`."
        ),
    )
    column_names: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description=(
            "Headers of the client's exports to read as our columns, per table, e.g. "
            "`{deals: {Opportunity ID: deal_id, Close Date: close_date}}`; matching ignores case, "
            "spaces and hyphens. Lets raw CRM exports be used without renaming columns by hand."
        ),
    )
    value_names: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description=(
            "Values of the client's exports to read as our allowed values, per `table.column` "
            "with a fixed list, e.g. `{deals.stage: {Prospecting: lead, Negotiation/Review: "
            "proposal}}`; matching ignores case, spaces and hyphens."
        ),
    )
    hash_salt: str = Field(
        default="",
        description=(
            "Salt agreed with partners who share hashed account lists (trend 2): each hash is "
            "sha256 of `salt:normalised-domain`. Keep it out of shared reports."
        ),
    )
    notes: str = Field(default="", description="Free text.")

    @field_validator("files")
    @classmethod
    def _known_files(cls, v):
        _refuse(_bad_file_entries(v))
        return v

    @field_validator("column_names")
    @classmethod
    def _known_columns(cls, v):
        _refuse(_bad_column_entries(v))
        return v

    @field_validator("value_names")
    @classmethod
    def _known_values(cls, v):
        _refuse(_bad_value_entries(v))
        return v

    @field_validator("client_id", mode="before")
    @classmethod
    def _id_as_text(cls, v):
        return str(v)


# --------------------------------------------------------------------------- mapping entries
# Each mapping (``files``, ``column_names``, ``value_names``) is checked entry by entry, so that
# one bad entry is reported alone and dropped while every other entry still applies.


def _refuse(bad: list[tuple[tuple, str]]) -> None:
    if bad:
        raise ValueError("; ".join(message for _, message in bad))


def _bad_file_entries(files: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``files`` (table → CSV file name)."""
    bad = []
    for table, name in files.items():
        if table not in TABLES_BY_NAME:
            bad.append(((table,), _unknown_table(table)))
        elif "/" in name or "\\" in name or not name.lower().endswith(".csv"):
            bad.append(
                (
                    (table,),
                    f"{table}: {name!r} must be the name of a .csv file in the "
                    "workspace folder (no path)",
                )
            )
    return bad


def _bad_column_entries(column_names: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``column_names`` (a table unknown: the
    table's whole mapping; a column unknown: that header's entry)."""
    bad = []
    for table, mapping in column_names.items():
        if table not in TABLES_BY_NAME:
            bad.append(((table,), _unknown_table(table)))
            continue
        spec = TABLES_BY_NAME[table]
        for header, column in mapping.items():
            if column not in spec.column_names:
                bad.append(
                    (
                        (table, header),
                        f"{table}: no column {[column]}; expected some of {spec.column_names}",
                    )
                )
    return bad


def _bad_value_entries(value_names: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``value_names`` (``table.column`` unknown
    or without a fixed list: its whole mapping; a value not allowed: that value's entry)."""
    bad = []
    for key, mapping in value_names.items():
        table, _, column = key.partition(".")
        spec = TABLES_BY_NAME.get(table)
        col = next((c for c in spec.columns if c.name == column), None) if spec else None
        if col is None or col.kind != "enum":
            bad.append(
                (
                    (key,),
                    f"{key!r}: expected table.column of a column with a fixed "
                    "list of values, such as deals.stage or partners.type",
                )
            )
            continue
        allowed = [str(a) for a in col.allowed]
        for raw, value in mapping.items():
            if value not in allowed:
                bad.append(
                    (
                        (key, raw),
                        f"{key}: {[value]} not allowed; expected one of {allowed}",
                    )
                )
    return bad


def _unknown_table(name) -> str:
    return f"unknown table {name!r}; expected one of {list(TABLES_BY_NAME)}"


def read_profile(path: Path, problems: list[Problem] | None = None) -> Profile | None:
    """The validated ``profile.yaml`` of a workspace folder. Each problem found is appended to
    ``problems`` if given (an error: it blocks a run). A bad key, list item or mapping entry is
    left out and the rest applies (:func:`_validated`); ``None`` when the file is missing, not
    YAML, not a mapping, or a required key (``name``, ``client_id``) is bad."""
    problems = [] if problems is None else problems
    file = Path(path) / PROFILE_FILE
    if not file.exists():
        problems.append(
            Problem(
                PROFILE_FILE,
                None,
                None,
                None,
                "profile.yaml is missing: run `playbook new` for a template",
            )
        )
        return None
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        problems.append(
            Problem(
                PROFILE_FILE,
                mark.line + 1 if mark else None,
                None,
                _line(file, mark.line) if mark else None,
                f"not valid YAML: {what}"
                + (f" ({context})" if context else "")
                + (f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""),
            )
        )
        return None
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                PROFILE_FILE,
                None,
                None,
                None,
                f"not UTF-8 text (byte {exc.start}): save the file as UTF-8",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(Problem(PROFILE_FILE, None, None, None, "expected a mapping of keys"))
        return None
    return _validated(data, problems)


#: The mappings checked entry by entry (see :func:`_bad_file_entries` and the two after it).
_MAPPINGS = {
    "files": lambda v: _bad_file_entries(v),
    "column_names": lambda v: _bad_column_entries(v),
    "value_names": lambda v: _bad_value_entries(v),
}


def _validated(data: dict, problems: list[Problem]) -> Profile | None:
    """The profile from ``data`` with every bad part reported alone (an error) and left out,
    so the valid rest (above all the mappings) still applies: a bad mapping entry drops that
    entry, an unknown key that key, a bad list item that item, any other bad value its key
    (its default applies). A bad or missing required key (``name``, ``client_id``) is replaced
    by a placeholder (:data:`_PLACEHOLDER`) so the rest is still checked; its error blocks every
    run. ``None`` only if the data cannot be made valid that way."""
    data = _without_bad_entries(data, problems)
    seen: set[tuple] = set()
    for _ in range(20):  # each pass drops at least one part; the keys are few
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            errs = exc.errors()
        for err in errs:
            loc = tuple(err["loc"])
            if (loc, err["msg"]) not in seen:
                seen.add((loc, err["msg"]))
                problems.append(_problem(loc, err))
        # later list items first, so dropping one does not shift the index of another
        locs = sorted({_dropped_part(tuple(e["loc"])) for e in errs}, key=_item_last, reverse=True)
        if not all(_drop(data, loc) for loc in locs):
            return None
    return None


def _without_bad_entries(data: dict, problems: list[Problem]) -> dict:
    """``data`` without the bad entries of its mappings, each reported as an error."""
    data = dict(data)
    for key, bad_entries in _MAPPINGS.items():
        value = data.get(key)
        if not isinstance(value, dict) or not all(
            isinstance(m, (dict, str)) for m in value.values()
        ):
            continue  # the wrong shape: pydantic reports it and the key is dropped
        try:
            bad = bad_entries(value)
        except (AttributeError, TypeError):
            continue
        value = {k: dict(m) if isinstance(m, dict) else m for k, m in value.items()}
        for path, message in bad:
            problems.append(
                Problem(
                    PROFILE_FILE,
                    None,
                    ".".join([key, *map(str, path)]),
                    None,
                    f"{message}; this entry is ignored, the rest of profile.yaml applies",
                )
            )
            inner = value
            for step in path[:-1]:
                inner = inner[step]
            inner.pop(path[-1], None)
        data[key] = value
    return data


def _problem(loc: tuple, err: dict) -> Problem:
    """The problem of one pydantic error: the key path, the value, what was expected, and
    which part of profile.yaml is ignored because of it."""
    value = err.get("input")
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        known = list(Profile.model_fields) if len(loc) == 1 else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = "unknown key" + (f" (did you mean `{close[0]}`?)" if close else "")
    if loc and loc[0] in _REQUIRED:
        message += "; no run until it is set (the rest of profile.yaml is still checked)"
    elif loc:
        part = ".".join(map(str, _dropped_part(loc)))
        message += f"; `{part}` is ignored, the rest of profile.yaml applies"
    return Problem(
        PROFILE_FILE,
        None,
        ".".join(str(p) for p in loc),
        None if isinstance(value, dict) else str(value),
        message,
    )


_REQUIRED = {name for name, f in Profile.model_fields.items() if f.is_required()}

#: What stands in for a bad required key while the rest of the profile is checked (never run:
#: the key's error blocks every run).
_PLACEHOLDER = {"name": "(name missing in profile.yaml)", "client_id": "missing-client-id"}


def _dropped_part(loc: tuple) -> tuple:
    """The key path left out because of an error at ``loc``: the entry of a mapping, the item
    of a list (``org_units.0``), else the top-level key."""
    if not loc:
        return loc
    if loc[0] in _MAPPINGS:
        return tuple(p for p in loc if p != "[key]")
    if len(loc) >= 2 and isinstance(loc[1], int):
        return loc[:2]
    return loc[:1]


def _item_last(loc: tuple) -> tuple:
    return (str(loc[0]), loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1)


def _drop(data: dict, part: tuple) -> bool:
    """Remove ``part`` (see :func:`_dropped_part`) from ``data``. False when nothing can be
    removed (the part is already gone). A required key gets its placeholder instead."""
    if part and part[0] in _REQUIRED:
        stand_in = _PLACEHOLDER.get(part[0])
        if stand_in is None or data.get(part[0]) == stand_in:
            return False
        data[part[0]] = stand_in
        return True
    if not part or part[0] not in data:
        return False
    key, path = part[0], list(part[1:])
    if path and isinstance(data[key], list) and isinstance(path[0], int):
        data[key] = [x for i, x in enumerate(data[key]) if i != path[0]]
        return True
    if path and isinstance(data[key], dict):
        inner = data[key]
        for step in path[:-1]:
            if not isinstance(inner.get(step), dict):
                return data[key].pop(path[0], _GONE) is not _GONE
            inner = inner[step]
        return inner.pop(path[-1], _GONE) is not _GONE
    del data[key]
    return True


_GONE = object()


def _line(file: Path, index: int) -> str | None:
    """Line ``index`` (0-based) of a text file, stripped, or None if there is no such line."""
    lines = file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return lines[index].strip() if 0 <= index < len(lines) else None
