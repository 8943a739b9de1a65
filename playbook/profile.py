"""The client profile (``profile.yaml``): who the client is and the assumptions it sets.

:func:`read_profile` reads it (YAML syntax errors name the line); the model is validated with
pydantic; unknown keys are refused so that a typo (``competitor:`` for
``competitors:``) is reported instead of silently ignored. A bad part is reported alone and left
out: every valid key, list item and mapping entry still applies, so one typo never switches off
the mappings (and ``playbook check`` stays truthful about the tables).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from playbook.problems import Problem
from playbook.profile_params import plain_value, section_key
from playbook.profile_parts import (
    CLIENT_ID_RULE,
    PROFILE_FILE,
    bad_column_entries,
    bad_file_entries,
    bad_value_entries,
    client_id_text,
    currency_code,
    name_text,
    profile_file_problem,
    refuse,
    short,
    type_label_text,
    validated,
)
from playbook.profile_yaml import load_profile_yaml
from playbook.schema import PARTNER_TYPES, PROGRAM_FUNCTIONS, TABLES_BY_NAME


class _Strict(BaseModel):
    # Unknown keys are errors; so is a number that is not finite (YAML .nan, .inf).
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


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

    program_members: float | None = Field(default=None, ge=0)
    certified_integrators: float | None = Field(default=None, ge=0)
    referral_revenue: float | None = Field(default=None, ge=0)
    influenced_revenue: float | None = Field(default=None, ge=0)


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
    """A partner-requirement criterion (trend 1): weight in the fit score, optional must-have
    (fails below ``min_score``), optional ``target`` score (0–5: below it, a gap to close) and a
    ``description`` of what it means, printed in the Requirements Documents."""

    name: str
    weight: float = Field(ge=0)
    must_have: bool = False
    min_score: float = Field(default=3, ge=0, le=5)
    target: float | None = Field(default=None, ge=0, le=5)
    description: str = ""

    @model_validator(mode="after")
    def _target_not_below_minimum(self):
        if (
            self.must_have
            and self.target is not None
            and "min_score" in self.model_fields_set
            and self.target < self.min_score
        ):
            raise ValueError(
                f"target {self.target:g} is below min_score {self.min_score:g}; a must-have's "
                "target is at least its minimum"
            )
        return self


def _known_functions(values: list[str]) -> list[str]:
    """``values`` as function codes (any case, spaces or hyphens for underscores); ValueError
    naming those that are not one of :data:`playbook.schema.PROGRAM_FUNCTIONS`."""
    codes = [str(v).strip().lower().replace(" ", "_").replace("-", "_") for v in values]
    bad = [short(v) for v, c in zip(values, codes, strict=True) if c not in PROGRAM_FUNCTIONS]
    if bad:
        raise ValueError(f"unknown function(s) {bad}; expected some of {list(PROGRAM_FUNCTIONS)}")
    return codes


class ProgramOrganisation(_Strict):
    """Where the partner program sits in the client's organisation (trend 7): the function it
    reports into and the functions it works with day to day."""

    reports_to: str | None = Field(default=None, description="Function the program reports into.")
    integrated_with: list[str] = Field(
        default_factory=list, description="Functions the program is integrated with."
    )

    @field_validator("reports_to")
    @classmethod
    def _one_function(cls, v):
        return None if v is None else _known_functions([v])[0]

    @field_validator("integrated_with")
    @classmethod
    def _functions(cls, v):
        return _known_functions(v)


def _enum_column(key: str):
    """The column spec of ``table.column`` ``key`` with a fixed list of values; ValueError
    otherwise."""
    table, _, column = key.partition(".")
    spec = TABLES_BY_NAME.get(table)
    col = next((c for c in spec.columns if c.name == column), None) if spec else None
    if col is None or col.kind != "enum":
        raise ValueError(
            f"{short(key)!r}: expected table.column of a column with a fixed "
            "list of values, such as deals.stage or partners.type"
        )
    return col


class ValueFrom(_Strict):
    """An enum column set from another column of the export where that column has one of the
    listed values (e.g. Pipedrive's ``Deal - Status`` won/lost over its ``Deal - Stage``)."""

    column: str = Field(description="Header of the export column to read, as exported.")
    values: dict[str, str] = Field(
        description="Its values (matched ignoring case, spaces and hyphens) → our value; "
        "rows with any other value keep the column's own value."
    )


#: Lead sources read as "the partner brought the deal" when profile.yaml names none: Salesforce's
#: standard Lead Source value ``Partner Referral`` and the common custom value ``Partner``.
DEFAULT_SOURCED_LEAD_SOURCES = ("Partner", "Partner Referral")


class AttributionRules(_Strict):
    """How a deal whose ``deals.attribution`` is blank is attributed (applied by
    :func:`playbook.attribution.derive_attribution`, each use reported)."""

    sourced_lead_sources: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SOURCED_LEAD_SOURCES),
        description="`deals.lead_source` values meaning the partner brought the deal.",
    )
    partner_otherwise: Literal["influenced", "sourced"] = Field(
        default="influenced",
        description="Attribution of a deal with a partner and any other lead source.",
    )


class Profile(_Strict):
    """Everything about the client that is not a table."""

    name: str = Field(
        description="Client name shown in reports: one line of at most 200 characters."
    )
    client_id: str = Field(
        description="Short id of the client (text; quote it in YAML to keep "
        "leading zeros). Names the run folders: " + CLIENT_ID_RULE + "."
    )
    currency: str = Field(
        default="USD",
        description="ISO 4217 code of a current currency, in capitals (e.g. USD, EUR), "
        "the reporting currency; money cells with another currency symbol are rejected.",
    )
    date_order: Literal["MDY", "DMY"] = Field(
        default="MDY",
        description=(
            "How the exports write slash dates (any case): `MDY` (US, MM/DD/YYYY) or `DMY` "
            "(DD/MM/YYYY, "
            "also DD.MM.YYYY). ISO YYYY-MM-DD is always accepted; a date that cannot be in "
            "the stated order is rejected, never guessed."
        ),
    )
    industry: str = Field(default="", description="Client's industry.")
    employees: int | None = Field(
        default=None,
        ge=1,
        le=10_000_000,
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
            "min_score, target, description}`; a must-have fails below min_score (0–5); "
            "`target` (0–5, optional) is the score the client wants, a scored criterion below "
            "it is a gap to close in the partner's Requirements Document; `description` says "
            "what the criterion means and how it is scored (printed in the documents)."
        ),
    )
    default_margin_pct: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description=(
            "Gross margin, in % of the amount, for won deals whose export carries no margin: "
            "margin = amount × default_margin_pct ÷ 100, used only where deals.margin is blank "
            "(a rule reported by check and in every report). Leave it out to keep such margins "
            "unknown."
        ),
    )
    files: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Files in the workspace to read as a table when they are not named after it: a "
            "CSV file, or an Excel export (its first sheet, or `file.xlsx[Sheet]`), e.g. "
            "`{deals: Opportunities export 2026-11.csv}`. A table mapped here is read only "
            "from that file: a template file named after the table is ignored (with a note)."
        ),
    )
    column_names: dict[str, dict[str, str | list[str]]] = Field(
        default_factory=dict,
        description=(
            "Headers of the client's exports to read as our columns, per table, e.g. "
            "`{deals: {Opportunity ID: deal_id, Close Date: close_date}}`; matching ignores case, "
            "spaces and hyphens. Lets raw CRM exports be used without renaming columns by hand. "
            "Several headers mapped to one column fill it with the first non-blank of them, "
            "in the order listed (e.g. Pipedrive's `Deal - Won time` and `Deal - Lost time` "
            "both → close_date); a header mapped to a list feeds each column of it (e.g. "
            "`Account Name: [account_id, name]` when an export names accounts without ids; "
            "`[]`: the header is not read)."
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
    value_from: dict[str, ValueFrom] = Field(
        default_factory=dict,
        description=(
            "A column with a fixed list set from another export column where that column "
            "says so, per `table.column`, e.g. `{deals.stage: {column: Deal - Status, values: "
            "{won: won, lost: lost}}}`: Pipedrive keeps won/lost in a status column and the "
            "last pipeline stage in the stage column. Each use is reported as a note."
        ),
    )
    attribution_rules: AttributionRules = Field(
        default_factory=AttributionRules,
        description=(
            "How a deal with a blank `deals.attribution` is attributed: `{sourced_lead_sources: "
            "[...], partner_otherwise: influenced or sourced}`. A deal with a partner "
            "(`partner_id` or `deal_partners` rows) whose `lead_source` is in "
            "`sourced_lead_sources` (matched ignoring case, spaces and hyphens) is `sourced`; "
            "any other deal with a partner is `partner_otherwise`; a deal without a partner is "
            "`direct`. Default: `{sourced_lead_sources: [Partner, Partner Referral], "
            "partner_otherwise: influenced}`. Each use is reported by `check` and in every "
            "report header; an attribution the export gives is never changed."
        ),
    )
    hash_salt: str = Field(
        default="",
        description=(
            "Salt agreed with partners who share hashed account lists (trend 2): each hash is "
            "sha256 of `salt:normalised-domain`. Keep it out of shared reports."
        ),
    )
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "The client's own assumptions, per notebook: `{all: {as_of: 2026-09-30}, "
            '"01": {credit_share: 0.4, discount_rate: 0.08}}`. A key is `all` (every notebook '
            "that has the parameter) or a notebook's number (`\"01\"`); a notebook's own value "
            "beats `all`. Names, types and ranges are checked like `--param` (by `check` and "
            "`run`; a bad entry blocks the client's runs); `--param` beats the profile, the "
            "profile beats the notebook's default, and each report's assumptions say which "
            "applied. `playbook new` lists every parameter, commented out."
        ),
    )
    program_organisation: ProgramOrganisation = Field(
        default_factory=ProgramOrganisation,
        description=(
            "Where the partner program sits (trend 7): `{reports_to: FUNCTION, "
            "integrated_with: [FUNCTION, ...]}`, each FUNCTION one of "
            + ", ".join(f"`{f}`" for f in PROGRAM_FUNCTIONS)
            + ". Report 07 checks them against the seed report's advice: integrated with "
            "product management, reporting into business development or sales."
        ),
    )
    notes: str = Field(default="", description="Free text.")
    partner_type_labels: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "The client's own names for the partner types (trend 6: separate partners into "
            "types that fit the business), e.g. `{isv: Software partners, integrator: "
            "Consulting partners}`; keys are isv, integrator, platform, ecosystem; each name "
            "one line of at most 60 characters. Every report shows a type by this name; a type "
            "not named keeps the playbook's (ISV, Systems integrator, Platform, Ecosystem)."
        ),
    )

    @field_validator("files")
    @classmethod
    def _known_files(cls, v):
        refuse(bad_file_entries(v))
        return v

    @field_validator("column_names")
    @classmethod
    def _known_columns(cls, v):
        refuse(bad_column_entries(v))
        return v

    @field_validator("value_names")
    @classmethod
    def _known_values(cls, v):
        refuse(bad_value_entries(v))
        return v

    @field_validator("value_from")
    @classmethod
    def _known_value_from(cls, v):
        for key, rule in v.items():
            col = _enum_column(key)
            bad = sorted({t for t in rule.values.values() if t not in col.allowed})
            if bad:
                raise ValueError(
                    f"{key}: {[short(b) for b in bad]} not allowed; "
                    f"expected one of {list(col.allowed)}"
                )
        return v

    @field_validator("parameters", mode="before")
    @classmethod
    def _notebook_keys(cls, v):
        if v is None:  # `parameters:` with every line under it commented out
            return {}
        if not isinstance(v, dict):
            return v  # pydantic reports the wrong shape
        out: dict = {}
        for key, entries in v.items():
            norm = section_key(key)
            if norm in out:
                raise ValueError(f"notebook {norm} is given twice; keep one")
            if isinstance(entries, dict):  # names as text: a number is reported by resolve
                entries = {str(k): v for k, v in entries.items()}
            out[norm] = {} if entries is None else plain_value(entries)
        return out

    @field_validator("partner_type_labels")
    @classmethod
    def _type_labels(cls, v):
        bad = [short(k) for k in v if k not in PARTNER_TYPES]
        if bad:
            raise ValueError(
                f"unknown partner type(s) {bad}; expected some of {list(PARTNER_TYPES)}"
            )
        return {k: type_label_text(name) for k, name in v.items()}

    @field_validator("client_id", mode="before")
    @classmethod
    def _id_as_text(cls, v):
        return client_id_text(v)

    @field_validator("name")
    @classmethod
    def _one_line_name(cls, v):
        return name_text(v)

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, v):
        return currency_code(v)

    @field_validator("date_order", mode="before")
    @classmethod
    def _order_in_capitals(cls, v):
        return v.strip().upper() if isinstance(v, str) else v


def read_profile(path: Path, problems: list[Problem] | None = None) -> Profile | None:
    """The validated ``profile.yaml`` of a workspace folder. Each problem found is appended to
    ``problems`` if given (an error: it blocks a run). A bad key, list item or mapping entry is
    left out and the rest applies (:func:`playbook.profile_parts.validated`); ``None`` when the
    file is missing, not YAML or not a mapping."""
    problems = [] if problems is None else problems
    file = Path(path) / PROFILE_FILE
    unreadable = profile_file_problem(file)
    if unreadable:
        problems.append(Problem(PROFILE_FILE, None, None, None, unreadable))
        return None
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
        data = load_profile_yaml(file.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = short(getattr(exc, "problem", None) or str(exc), 300)
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
    return validated(Profile, data, problems)


def _line(file: Path, index: int) -> str | None:
    """Line ``index`` (0-based) of a text file, stripped, or None if there is no such line."""
    lines = file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return short(lines[index].strip()) if 0 <= index < len(lines) else None
