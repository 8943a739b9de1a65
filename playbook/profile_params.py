"""The client's own assumptions: the ``parameters`` section of ``profile.yaml``.

A client's credit share, discount rate or as-of date belongs to that client, not to a batch
run: the section holds them per notebook, so two clients run in one batch each get their own::

    parameters:
      all:                      # every notebook that declares the parameter
        as_of: 2026-09-30
      "01":                     # notebook 01 only (its number; quoted, or 1 unquoted)
        credit_share: 0.4
        discount_rate: 0.08
      "03":
        maturity_floors: {Emerging: 25, Defined: 45, Managed: 65, Optimised: 85}

A key is ``all`` or a notebook's number (``"01"``, ``1``, or its file name ``01-…``). A value
under a notebook's number beats the same parameter under ``all``. Every value is checked like
``--param NAME=VALUE`` (:func:`playbook.params.typed`): the name must be a parameter the
notebook declares (under ``all``: that at least one notebook declares), not one the runner sets
(workspace, results file…) nor the live-session switch ``interactive``; the value must have the
type of the notebook's default, be finite and within :data:`playbook.params.PARAM_BOUNDS`, or
one of :data:`playbook.params.PARAM_CHOICES`. Each bad entry is an error naming profile.yaml,
its key path (``parameters.01.credit_share``), the value and what was expected: it blocks the
client's runs, never silently falls back to a default.

In a run the precedence is ``--param`` > the profile > the notebook's default
(:class:`playbook.params.Source`); :func:`resolve` gives the profile's share of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from playbook.params import (
    LIVE_ONLY_PARAMS,
    RUNNER_PARAMS,
    Refused,
    Source,
    declared,
    typed,
)
from playbook.problems import Problem
from playbook.profile_parts import PROFILE_FILE, key_path, short

#: The key of ``parameters`` whose values apply to every notebook that declares them.
ALL = "all"

_NUMBER_KEY = re.compile(r"([0-9]{1,2})(?:-[^/\\]*)?")


def section_key(key) -> str:
    """A key of the ``parameters`` section as stored: ``all``, or a notebook's two-digit
    number (``1``, ``"1"``, ``"01"`` and ``"01-requirements-investment"`` are all ``"01"``);
    any other key as text (:func:`resolve` reports it)."""
    if isinstance(key, int) and not isinstance(key, bool) and 0 <= key <= 99:
        return f"{key:02d}"
    text = str(key).strip()
    if text.lower() == ALL:
        return ALL
    match = _NUMBER_KEY.fullmatch(text.removesuffix(".ipynb"))
    return match[1].zfill(2) if match else text


def plain_value(value):
    """A YAML value as JSON-ready data: a date (YAML reads ``2026-09-30`` unquoted as one)
    as ``YYYY-MM-DD`` text, inside lists and mappings too; anything else unchanged."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else str(value)
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    return value


def as_text(value) -> str | None:
    """A profile value as ``--param`` would be typed, for :func:`playbook.params.typed`:
    ``true`` / ``false``, a number's shortest form, a mapping or list as JSON, text as is;
    ``None`` for a key without a value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str)  # a YAML !!set inside: its text, refused
    return repr(value) if isinstance(value, float) else str(value)


def _problem(path: list, value, expected: str) -> Problem:
    """An error about one entry of the section: file, key path, value, what was expected."""
    shown = None if value is None else short(as_text(value) or "")
    return Problem(PROFILE_FILE, None, key_path(["parameters", *path]), shown, expected)


def _owners(key: str, name: str, found: dict[str, dict], by_number: dict) -> list[str]:
    """The notebooks (file names) entry ``key.name`` sets."""
    targets = list(found) if key == ALL else [by_number[key]]
    return [nb for nb in targets if name in found[nb]]


def _unknown_name(key: str, name: str, found: dict[str, dict], by_number: dict) -> str:
    """What to say about a parameter no notebook of ``key`` declares."""
    if name in RUNNER_PARAMS:
        return "set by the runner itself for every run; it cannot be set in the profile"
    if name in LIVE_ONLY_PARAMS:
        return "a switch of live sessions (playbook workshop), not an assumption of a report"
    if key == ALL:
        known = {p for params in found.values() for p in params}
        where = "no notebook has this parameter"
    else:
        known = set(found[by_number[key]])
        where = f"notebook {key} has no such parameter"
    known -= RUNNER_PARAMS | LIVE_ONLY_PARAMS
    return f"{where}; known: {', '.join(sorted(known))}"


def _entry(key: str, name, value, found: dict, by_number: dict) -> tuple[dict, Problem | None]:
    """Notebook file name → typed value of one entry, or the problem refusing it."""
    if not isinstance(name, str) or not name.isidentifier():
        return {}, _problem([key, name], value, "expected the name of a notebook parameter")
    owners = _owners(key, name, found, by_number)
    if not owners or name in RUNNER_PARAMS | LIVE_ONLY_PARAMS:
        return {}, _problem([key, name], value, _unknown_name(key, name, found, by_number))
    raw = as_text(value)
    if raw is None:
        return {}, _problem(
            [key, name], None, "expected a value; leave the key out to use the playbook default"
        )
    typed_values = {}
    for nb in owners:
        try:
            typed_values[nb] = typed(name, raw, found[nb][name]["default"])
        except Refused as err:
            return {}, _problem([key, name], value, err.expected)
    return typed_values, None


def resolve(section: dict, found: dict[str, dict]) -> tuple[dict[str, dict], list[Problem]]:
    """The profile's values for each notebook and the problems of the section.

    ``section`` is ``Profile.parameters`` (keys as :func:`section_key` stores them), ``found``
    notebook file name → the parameters it declares (:func:`playbook.params.declared`), for
    every notebook of the run's notebooks folder (a key for a notebook left out of a run with
    ``--only`` is still checked). Returns notebook file name → {parameter: typed value} (a
    notebook's own key beats ``all``) and one error per bad key or entry (that entry is not
    applied; the run of this client is refused)."""
    by_number = {name[:2]: name for name in found}
    values: dict[str, dict] = {name: {} for name in found}
    problems: list[Problem] = []
    for key in sorted(section, key=lambda k: (k != ALL, k)):  # `all` first: a notebook's own wins
        if key != ALL and key not in by_number:
            numbers = ", ".join(sorted(by_number))
            problems.append(
                _problem([key], None, f"expected `all` or a notebook's number: {numbers}")
            )
            continue
        if not isinstance(section[key], dict):
            problems.append(_problem([key], section[key], "expected a mapping of parameter: value"))
            continue
        for name, value in section[key].items():
            typed_values, problem = _entry(key, name, value, found, by_number)
            if problem:
                problems.append(problem)
            for nb, v in typed_values.items():
                values[nb][name] = v
    return values, problems


def merged(run: dict[str, dict], profile: dict[str, dict]) -> tuple[dict, dict]:
    """The parameters each notebook of one client's run receives and where each came from:
    ``run`` (``--param``, notebook file name → values) over ``profile`` (:func:`resolve`).
    Returns (notebook → {parameter: value}, notebook → {parameter: Source code}); a parameter
    in neither keeps the notebook's default (and is in neither mapping)."""
    values, sources = {}, {}
    for nb in sorted(set(run) | set(profile)):
        mine, given = profile.get(nb, {}), run.get(nb, {})
        values[nb] = {**mine, **given}
        sources[nb] = {
            **dict.fromkeys(mine, Source.PROFILE.value),
            **dict.fromkeys(given, Source.RUN.value),
        }
    return values, sources


def summary(section: dict) -> str:
    """What a profile's ``parameters`` section sets, in one line for ``playbook check``:
    ``as_of=2026-09-30 (all), credit_share=0.4 (01)``; ``""`` when it sets nothing."""
    return ", ".join(
        f"{name}={as_text(value)} ({key})"
        for key in sorted(section, key=lambda k: (k != ALL, k))
        if isinstance(section[key], dict)
        for name, value in section[key].items()
    )


def notebooks_in(folder: Path) -> list[Path]:
    """The trend notebooks ``NN-name.ipynb`` of ``folder``, in order."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def check_section(section: dict, notebooks_dir: Path) -> list[Problem]:
    """The problems of a profile's ``parameters`` section against the notebooks of
    ``notebooks_dir`` (what ``playbook check`` adds to the workspace's own problems)."""
    if not section:
        return []
    found = {nb.name: declared(nb) for nb in notebooks_in(notebooks_dir)}
    return resolve(section, found)[1]
