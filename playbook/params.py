"""Notebook parameters: what a run may set, how ``--param NAME=VALUE`` text becomes a value,
and the assumptions table every report ends with.

A notebook declares its parameters in the cell tagged ``parameters``; papermill's inspection
reads their names, defaults (as source text) and comments. The runner itself sets
:data:`RUNNER_PARAMS` (the workspace and where the notebook reads and writes in its run folder):
those are never taken from the command line.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
from pathlib import Path

import pandas as pd

from playbook.exceptions import NotebookInputError, RunError

#: Parameters the runner injects into every notebook (see :class:`playbook.rundir.RunFolder`).
RUNNER_PARAMS = frozenset({"workspace", "notebook_id", "results_file", "snapshot"})

#: Live-session switches: not assumptions behind any figure, so left out of the reports' table.
LIVE_ONLY_PARAMS = frozenset({"interactive"})


def parse_as_of(text: str) -> pd.Timestamp:
    """An ``as_of`` parameter as a date: exactly ``YYYY-MM-DD`` and a real calendar day."""
    value = str(text).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return pd.Timestamp(value).normalize()
        except ValueError:
            pass
    raise NotebookInputError(f"as_of {text!r}: expected a date as YYYY-MM-DD")


def declared(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares, as papermill's inspection reports them (name →
    ``{"default": source text, "help": comment, …}``)."""
    import papermill as pm  # here, not at the top: every notebook kernel imports this module,
    # and papermill's import (nbformat → jsonschema) costs it about 1.5 s of CPU per report

    return pm.inspect_notebook(str(notebook))


def literal_default(source: str, fallback):
    """A parameter's default as a value (papermill reports it as source text)."""
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return fallback


def _coerce_bool(name: str, raw: str) -> bool:
    low = raw.strip().lower()
    if low in {"true", "yes", "1"}:
        return True
    if low in {"false", "no", "0"}:
        return False
    raise RunError(f"--param {name}={raw}: expected true or false")


def _coerce_json(name: str, raw: str, default: dict | list):
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        example = json.dumps(default) if default else '{"key": 1}'
        raise RunError(f"--param {name}={raw}: expected JSON like {example}") from None
    if not isinstance(value, type(default)):
        raise RunError(f"--param {name}: expected a JSON {type(default).__name__}")
    return value


def coerce(name: str, raw: str, default_src: str):
    """Turn the text of ``--param NAME=VALUE`` into the type of the parameter's default."""
    default = literal_default(default_src, None)
    if isinstance(default, bool):
        return _coerce_bool(name, raw)
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise RunError(f"--param {name}={raw}: expected a whole number") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise RunError(f"--param {name}={raw}: expected a number") from None
    if isinstance(default, dict | list):
        return _coerce_json(name, raw, default)
    return raw  # strings (and anything else) stay text: "007" stays "007"


def _checked_name(pair: str) -> tuple[str, str]:
    """``(name, raw value)`` of one ``NAME=VALUE`` pair whose name may be set from outside."""
    name, sep, raw = pair.partition("=")
    if not sep:
        raise RunError(f"--param {pair!r}: expected NAME=VALUE")
    if not name.isidentifier() or keyword.iskeyword(name):
        raise RunError(
            f"--param {name!r}: not a valid parameter name (letters, digits and "
            "underscores, not starting with a digit)"
        )
    if name in RUNNER_PARAMS:
        raise RunError(
            f"--param {name}: set by the runner itself; pass the workspace as an argument instead"
        )
    if name == "as_of" and raw.strip():
        try:
            parse_as_of(raw)
        except NotebookInputError:
            raise RunError(f"--param as_of={raw}: expected a date as YYYY-MM-DD") from None
    return name, raw


def parse_params(pairs: list[str], notebooks: list[Path]) -> dict[str, dict[str, object]]:
    """Check ``NAME=VALUE`` pairs against the notebooks' parameters; return per-notebook values
    keyed by notebook file name.

    A name must be a Python identifier (not a keyword), must not be one the runner sets itself,
    and must be a parameter of at least one selected notebook (papermill's inspection). Each
    notebook receives only the parameters it declares, typed like its default.
    """
    params_of = {nb: declared(nb) for nb in notebooks}
    per_nb: dict[str, dict[str, object]] = {nb.name: {} for nb in notebooks}
    for pair in pairs:
        name, raw = _checked_name(pair)
        owners = [nb for nb, params in params_of.items() if name in params]
        if not owners:
            known = sorted({p for params in params_of.values() for p in params} - RUNNER_PARAMS)
            raise RunError(
                f"--param {name}: no selected notebook has this parameter; known: "
                + ", ".join(known)
            )
        for nb in owners:
            per_nb[nb.name][name] = coerce(name, raw, params_of[nb][name]["default"])
    return per_nb


def _shown(value) -> str:
    """A parameter value as the assumptions table writes it."""
    if isinstance(value, dict | list):
        return json.dumps(value)
    if value == "":
        return "(empty)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def assumptions(notebook: Path, parameters: dict) -> list[tuple[str, str, str]]:
    """``(name, value, meaning)`` of every parameter a report was run with: the value passed
    (``--param``) or the notebook's default, and the parameter's comment as its meaning.
    The runner's own parameters and ``interactive`` (always off in batch) are left out."""
    rows = []
    for name, info in declared(notebook).items():
        if name in RUNNER_PARAMS or name in LIVE_ONLY_PARAMS:
            continue
        value = (
            parameters[name]
            if name in parameters
            else literal_default(info["default"], info["default"])
        )
        rows.append((name, _shown(value), info.get("help") or ""))
    return rows
