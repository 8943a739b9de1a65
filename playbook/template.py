"""Empty, documented workspaces (``playbook new``) and the data dictionary.

Both are generated from :mod:`playbook.schema` and :mod:`playbook.profile`, so what a consultant
reads is what validation enforces.
"""

from __future__ import annotations

import json
import re
import typing
from collections import Counter
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from playbook.config import NOTEBOOKS_DIR
from playbook.labels import label
from playbook.materials_files import write_materials
from playbook.params import (
    LIVE_ONLY_PARAMS,
    PARAM_BOUNDS,
    PARAM_CHOICES,
    RUNNER_PARAMS,
    declared,
    literal_default,
)
from playbook.profile import Profile, read_profile
from playbook.profile_params import notebooks_in
from playbook.requirements_document import write_requirement_template
from playbook.schema import TABLES, Table

PROFILE_TEMPLATE = """\
# Client profile. Every key is described in docs/data-dictionary.md.
name: "{name}"            # client name as shown in reports
client_id: "{client_id}"  # quoted so that ids such as "007" stay text
currency: USD              # ISO code of the reporting currency for every money column
date_order: MDY            # slash dates in the exports: MDY = 03/31/2024, DMY = 31/03/2024
industry: ""
products:                  # our products and current versions (free text)
  - name: "Our product"
    version: "1.0"
competitors: []            # names of our competitors (trend 7)
# program_organisation: {{reports_to: business_development, integrated_with: [sales]}}  # trend 7
org_units:                 # org units measured in trend 4, with the partner types they own
  - name: Technology
    partner_types: [isv, platform]
    targets: {{program_members: null, certified_integrators: null,
              referral_revenue: null, influenced_revenue: null}}
  - name: Business Development
    partner_types: [integrator, ecosystem]
    targets: {{program_members: null, certified_integrators: null,
              referral_revenue: null, influenced_revenue: null}}
# partner_type_labels: {{isv: Software partners, integrator: Consulting partners}}  # (trend 6)
requirement_criteria:      # partner requirement criteria and weights (trend 1)
  - {{name: Technical capability, weight: 3, must_have: true, min_score: 2}}
  - {{name: Market reach, weight: 2}}
  - {{name: Customer overlap, weight: 3}}
# Raw CRM exports: map their file names, headers and values onto ours instead of editing them.
files: {{}}                # e.g. {{deals: Opportunities export.csv}}
column_names: {{}}         # e.g. {{deals: {{Opportunity ID: deal_id, Close Date: close_date}}}}
value_names: {{}}          # e.g. {{deals.stage: {{Prospecting: lead, Closed Won: won}}}}
notes: ""
"""

#: What heads the ``parameters`` section :func:`parameters_yaml` writes.
_PARAMETERS_HEAD = """\
# The client's own assumptions (thresholds, weights, windows, the as-of date), per report.
# Uncomment a line to set it for this client; a commented line keeps the playbook default
# shown. `all` sets a parameter in every report that has it; a line under a report's number
# beats `all`. A `--param NAME=VALUE` given to one `playbook run` beats both. Values are
# checked like --param (type and range); each report's assumptions table says whether a
# value came from this profile, from the run or is the playbook default.
parameters:
"""


def _yaml_value(source: str) -> str:
    """A parameter's default (papermill's source text) as a YAML value: JSON for a number,
    a truth value, a mapping or a list (JSON is YAML), quoted text otherwise."""
    value = literal_default(source, source)
    return json.dumps(value, ensure_ascii=False)


def _range_note(name: str) -> str:
    """`` (0 to 1)``-like note of the values parameter ``name`` takes, or ``""``."""
    if name in PARAM_CHOICES:
        return ""  # the notebooks' comments name the choices
    lo, hi = PARAM_BOUNDS.get(name, (None, None))
    if lo is None and hi is None:
        return ""
    return f" ({_num(lo)} to {_num(hi)})" if hi is not None else f" (at least {_num(lo)})"


def _num(x: float) -> str:
    """A bound as a consultant reads it: ``1,000,000``, ``0.5``."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _commented(name: str, info: dict, indent: str = "    ") -> str:
    """One commented-out line: ``#   name: default   # meaning (range)``."""
    meaning = (info.get("help") or label(name)).replace("; playbook default", "").strip()
    return f"{indent}# {name}: {_yaml_value(info['default'])}  # {meaning}{_range_note(name)}"


def parameters_yaml(notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """The ``parameters`` section of a new ``profile.yaml``: every parameter a consultant may
    set, commented out, with the notebook's default and its meaning. A parameter several
    notebooks declare with the same default is listed once, under ``all``; every other under
    its notebook's number. The runner's own parameters and ``interactive`` are left out."""
    found = {nb.stem: declared(nb) for nb in notebooks_in(notebooks_dir)}
    settable = {
        stem: {n: i for n, i in params.items() if n not in RUNNER_PARAMS | LIVE_ONLY_PARAMS}
        for stem, params in found.items()
    }
    defaults: dict[str, set] = {}
    first: dict[str, dict] = {}  # name -> what the first notebook declaring it says
    for params in settable.values():
        for name, info in params.items():
            defaults.setdefault(name, set()).add(info["default"])
            first.setdefault(name, info)
    counts = Counter(n for params in settable.values() for n in params)
    shared = [n for n, c in counts.items() if c > 1 and len(defaults[n]) == 1]
    lines = [_PARAMETERS_HEAD.rstrip("\n"), "  all:                 # every report that has it"]
    lines += [_commented(n, first[n]) for n in shared]
    for stem, params in settable.items():
        lines.append(f'  "{stem[:2]}":                # {stem}')
        lines += [_commented(n, i) for n, i in params.items() if n not in shared]
    return "\n".join(lines) + "\n"


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")


def _column_doc(col) -> str:
    parts = [col.description]
    if col.unit:
        parts.append(f"Unit: {col.unit}.")
    if col.kind == "enum":
        parts.append("Allowed: " + ", ".join(f"`{a}`" for a in col.allowed) + ".")
    if col.ref:
        parts.append(f"Must exist in `{col.ref}`.")
    return " ".join(parts)


def _table_doc(spec: Table) -> list[str]:
    lines = [
        f"### `{spec.name}` — {'required' if not spec.optional else 'optional'}",
        "",
        spec.description,
        "",
        f"File `{spec.filename}` or sheet `{spec.name}`. Used by notebooks "
        f"{', '.join(spec.used_by)}."
        + (f" Unique key: {', '.join(spec.key)}." if spec.key else ""),
        "",
        "| column | type | required | definition |",
        "|---|---|---|---|",
    ]
    for col in spec.columns:
        doc = _column_doc(col).replace("|", "\\|")
        lines.append(f"| `{col.name}` | {col.kind} | {'yes' if col.required else ''} | {doc} |")
    return lines + [""]


def data_dictionary() -> str:
    """The data dictionary as Markdown, generated from the schema code."""
    lines = [
        "# Data dictionary",
        "",
        "Generated by `playbook dictionary` from `playbook/schema.py` and "
        "`playbook/profile.py`; do not edit by hand (a test checks it is current).",
        "",
        "## Conventions",
        "",
        "- Money: amounts in the profile's currency; symbols, ISO codes, thousands separators "
        "and `(negatives)` are accepted. Decimal commas (`1.234,56`), a space inside the "
        "digits (`1 5`) and two signs (`--5`, `(-5)`) are rejected as ambiguous.",
        "- Numbers: at most 15 digits before the decimal point (larger is out of range); "
        "full-width digits (`１２３`) read as 123, other non-ASCII digits are rejected.",
        "- Dates: `YYYY-MM-DD`, or slash dates in the profile's `date_order`: US "
        "`MM/DD/YYYY` (default) or, with `date_order: DMY`, `DD/MM/YYYY` and `DD.MM.YYYY`. "
        "A date that cannot be in that order is rejected, never guessed. A timestamp "
        "keeps its calendar date; the time of day is dropped. Years run from 1900 to 2099 "
        "(`9999-12-31` is out of range).",
        "- Excel: cells formatted as a percentage count as shown (`44%` → 44).",
        "- Enums: any case, stray spaces, spaces or hyphens for underscores.",
        "- Booleans: yes/no, true/false, y/n, 1/0.",
        "- Row numbers in messages count like a spreadsheet: header = row 1.",
        "",
        "## `profile.yaml`",
        "",
        "Plain YAML: each key once per mapping, no anchors or aliases (`&name`, `*name`), no "
        "tags (`!!python/...`), lists and mappings nested at most 20 levels; each is refused "
        "with its line.",
        "",
        "| key | type | definition |",
        "|---|---|---|",
    ]
    for name, fld in Profile.model_fields.items():
        choices = (
            typing.get_args(fld.annotation)
            if typing.get_origin(fld.annotation) is typing.Literal
            else ()
        )
        ann = (
            " or ".join(choices)
            if choices
            else getattr(fld.annotation, "__name__", str(fld.annotation)).replace("|", "or")
        )
        lines.append(f"| `{name}` | {ann} | {fld.description} |")
    lines += ["", "## Tables", ""]
    for spec in TABLES:
        lines += _table_doc(spec)
    return "\n".join(lines)


def new_workspace(parent: str | Path, name: str, fmt: str = "csv") -> Path:
    """Create an empty, documented workspace ``parent/name`` and return its path.

    ``fmt`` is ``csv`` (one header-only CSV per table) or ``excel`` (one workbook with a README
    sheet and a sheet per table). Refuses to touch an existing folder.
    """
    if not _SAFE_NAME.match(name) or name in {".", ".."}:
        raise ValueError(
            f"workspace name {name!r}: use letters, digits, space, '.', '_' or '-' "
            "(up to 64 characters), starting with a letter or digit"
        )
    if fmt not in {"csv", "excel"}:
        raise ValueError(f"format {fmt!r}: expected csv or excel")
    path = Path(parent) / name
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another name")
    path.mkdir(parents=True)
    client_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "client"
    (path / "profile.yaml").write_text(
        PROFILE_TEMPLATE.format(name=name, client_id=client_id) + parameters_yaml(),
        encoding="utf-8",
    )
    excel_note = (
        f"To work in Excel instead, move `templates/{name}.xlsx` into this folder "
        "and delete the CSV files (a table may not be in both).\n"
        if fmt == "csv"
        else ""
    )
    (path / "README.md").write_text(
        f"# Workspace {name}\n\nFill `profile.yaml` and the tables "
        f"({'one CSV each' if fmt == 'csv' else f'the sheets of {name}.xlsx'}); "
        "`partners` and `deals` are required, the rest optional. Column definitions: "
        "docs/data-dictionary.md of the playbook, or the README sheet of the Excel template.\n"
        + excel_note
        + "The workshop materials are in `materials/`: the agenda with each trend's pre-work, "
        "the readiness questionnaire, the channel checklist and a partner plan, each printable "
        "(HTML) and editable (Excel), and a blank Partner Requirements Document (Word); "
        "`playbook materials .` writes them again from your data.\n"
        "Then run `playbook check .` and `playbook run .`.\n",
        encoding="utf-8",
    )
    if fmt == "csv":
        for spec in TABLES:
            pd.DataFrame(columns=spec.column_names).to_csv(path / spec.filename, index=False)
        # The Excel form, kept aside (the loader reads only workbooks in the folder itself).
        (path / "templates").mkdir()
        write_excel_template(path / "templates" / f"{name}.xlsx")
    else:
        write_excel_template(path / f"{name}.xlsx")
    # The blank workshop materials, kept aside like the Excel form (never read as tables),
    # with the blank Requirements Document over the profile's example criteria.
    write_materials(None, path / "materials")
    profile = read_profile(path)
    if profile is not None:
        write_requirement_template(profile, path / "materials")
    return path


def write_excel_template(file: Path) -> None:
    """Write a workbook with a README sheet and one header-only sheet per table."""
    book = Workbook()
    readme = book.active
    readme.title = "README"
    readme.append(["table", "column", "type", "required", "definition"])
    for cell in readme[1]:
        cell.font = Font(bold=True)
    for spec in TABLES:
        for col in spec.columns:
            readme.append(
                [spec.name, col.name, col.kind, "yes" if col.required else "", _column_doc(col)]
            )
        sheet = book.create_sheet(spec.name)
        sheet.append(spec.column_names)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    book.save(file)
