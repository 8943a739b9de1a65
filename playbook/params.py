"""Notebook parameters: what a run may set, how ``--param NAME=VALUE`` text becomes a value,
and the assumptions table every report ends with.

A notebook declares its parameters in the cell tagged ``parameters``; papermill's inspection
reads their names, defaults (as source text) and comments. The runner itself sets
:data:`RUNNER_PARAMS` (the workspace and where the notebook reads and writes in its run folder):
those are never taken from the command line.

Every numeric parameter set from outside is finite and within its range in
:data:`PARAM_BOUNDS` (the ranges the notebooks' comments state, such as "(0-5)"), or the run is
refused naming it; a parameter without bounds there is still refused when not finite.
"""

from __future__ import annotations

import ast
import json
import keyword
import math
import re
from enum import StrEnum
from pathlib import Path

import pandas as pd

from playbook.deals import latest_deal_date
from playbook.exceptions import NotebookInputError, RunError
from playbook.formatting import fmt_percent
from playbook.labels import label
from playbook.schema import MAX_YEAR, MIN_YEAR

#: Parameters the runner injects into every notebook (see :class:`playbook.rundir.RunFolder`).
RUNNER_PARAMS = frozenset({"workspace", "notebook_id", "results_file", "snapshot"})

#: Live-session switches: not assumptions behind any figure, so left out of the reports' table.
LIVE_ONLY_PARAMS = frozenset({"interactive"})


_SHARE = (0, 1)  # a share or a rate, 0 to 1
_SCORE = (0, 5)  # a 0-5 assessment score
_FIT = (0, 100)  # a 0-100 score or percentage
_MONTHS = (1, 1200)  # a window of months: at least one, at most a century
_COUNT = (0, 1_000_000)  # how many of something are shown or needed

#: Inclusive ``(lowest, highest)`` of each numeric parameter (``None``: no bound on that side), by
#: name across the notebooks. For a JSON object (weights, floors) the range bounds each value.
#: A notebook that declares a new numeric parameter adds it here (tests/test_params.py checks).
PARAM_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    # 01 requirements & investment
    "credit_share": _SHARE,
    "trailing_window": _MONTHS,
    "horizon_months": _MONTHS,
    "min_history_months": (0, 1200),
    "projection_months": (0, 1200),
    "discount_rate": _SHARE,
    "must_have_min_score": _SCORE,
    "chart_partners": _COUNT,
    "documents_limit": _COUNT,
    # 02 MVP acquisition
    "min_count": (1, 1_000_000),
    "lhf_overlap": _COUNT,
    "lhf_fit": _FIT,
    "mid_overlap": _COUNT,
    "mid_fit": _FIT,
    "matrix_partners": _COUNT,
    "min_signed": (1, 1_000_000),
    # 03 readiness
    "dimension_weights": (0, None),
    "gap_threshold": _SCORE,
    "min_partners": _COUNT,
    "maturity_floors": _FIT,
    "alignment_scores": _SHARE,
    "match_min_score": (1, 100),
    "build_wait_days": (1, 3650),
    # 04 organisation buy-in
    "window_months": _MONTHS,
    "green_at": (0, None),
    "amber_at": (0, None),
    "skill_target": _SCORE,
    "skill_low": _SCORE,
    "route_months": _MONTHS,
    # 05 analytics
    "trend_periods": (1, 1000),
    # 06 partner types
    "quick_win_days": (0, 36_500),
    "min_deals": (1, 1_000_000),
    "risk_at": _SCORE,
    "checkbox_days": (0, 36_500),
    # 07 partner landscape
    "midpoint": (1, 5),
    "key_partners": _COUNT,
    "size_factor": (0, None),
    "dependence_pct": _FIT,
    # 08 partner communication
    "volume_factor": (0, None),
    "min_sent": _COUNT,
    "card_weights": (0, None),
    "grade_floors": _SHARE,
    "max_silence_days": (1, 36_500),
    "automation_target": _SHARE,
    "question_weak_below": _SCORE,
}


#: Text parameters that take one of a few values, refused before running otherwise.
PARAM_CHOICES: dict[str, tuple[str, ...]] = {"trend_freq": ("M", "Q", "Y")}


def _quoted(raw: str, limit: int = 40) -> str:
    """A ``--param`` value as a message shows it: cut after ``limit`` characters."""
    return raw if len(raw) <= limit else raw[:limit] + "…"


def _range_text(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"between {lo:g} and {hi:g}"
    return f"at least {lo:g}" if lo is not None else f"at most {hi:g}"


def _out_of_range(name: str, value: float) -> str | None:
    """What ``value`` of parameter ``name`` should have been, when it is not finite or outside
    ``PARAM_BOUNDS[name]``; ``None`` when it is fine."""
    lo, hi = PARAM_BOUNDS.get(name, (None, None))
    finite = not isinstance(value, float) or math.isfinite(value)  # an int is always finite
    if finite and (lo is None or value >= lo) and (hi is None or value <= hi):
        return None
    return _range_text(lo, hi) if (lo, hi) != (None, None) else "finite"


class Refused(ValueError):
    """A parameter value refused: ``expected`` says what was expected; ``whole`` is true when
    the message is about the value as given (shown after the name), false when it names a part
    of it (an entry of a JSON object)."""

    def __init__(self, expected: str, whole: bool = True):
        super().__init__(expected)
        self.expected = expected
        self.whole = whole


def _in_range(name: str, value: float, what: str = "a number") -> None:
    """Refuse (:class:`Refused`) a value that is not finite or outside ``PARAM_BOUNDS[name]``."""
    wanted = _out_of_range(name, value)
    if wanted == "finite":
        raise Refused("expected a finite number")
    if wanted:
        raise Refused(f"expected {what} {wanted}")


_AS_OF = "expected a date as YYYY-MM-DD"


def parse_as_of(text: str) -> pd.Timestamp:
    """An ``as_of`` parameter as a date: exactly ``YYYY-MM-DD``, a real calendar day, in the
    years a data cell may have (:data:`playbook.schema.MIN_YEAR` to ``MAX_YEAR``)."""
    value = str(text).strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            day = pd.Timestamp(value).normalize()
        except ValueError:
            pass
        else:
            if MIN_YEAR <= day.year <= MAX_YEAR:
                return day
            raise NotebookInputError(
                f"as_of {text!r}: {_AS_OF} in the years {MIN_YEAR} to {MAX_YEAR}"
            )
    raise NotebookInputError(f"as_of {text!r}: {_AS_OF}")


def resolve_as_of(as_of: str, ws) -> tuple[pd.Timestamp, str]:
    """The as-of date of a workspace ``ws`` (anything with ``table("deals")``) and where it came
    from ("" for the parameter): the parameter if given (YYYY-MM-DD, :func:`parse_as_of`), else
    the latest created or close date in the deals table
    (:func:`playbook.deals.latest_deal_date`), else (no deal carries a date: `check` accepts
    open deals without dates) today."""
    if as_of:
        return parse_as_of(as_of), ""
    latest = latest_deal_date(ws.table("deals"))
    if latest is None:
        return pd.Timestamp.today().normalize(), "today: no deal carries a date"
    return latest, "the latest deal date in the data"


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


def _coerce_bool(raw: str) -> bool:
    low = raw.strip().lower()
    if low in {"true", "yes", "1"}:
        return True
    if low in {"false", "no", "0"}:
        return False
    raise Refused("expected true or false")


def _no_constant(text: str):
    raise ValueError(text)


def _coerce_json(name: str, raw: str, default: dict | list):
    try:  # NaN, Infinity and -Infinity are not JSON, though Python's parser takes them
        value = json.loads(raw, parse_constant=_no_constant)
    except (json.JSONDecodeError, ValueError, RecursionError):
        example = json.dumps(default) if default else '{"key": 1}'
        raise Refused(f"expected JSON like {example}") from None
    if not isinstance(value, type(default)):
        raise Refused(f"expected a JSON {type(default).__name__}", whole=False)
    if isinstance(value, dict) and name in PARAM_BOUNDS:
        for key, item in value.items():
            if isinstance(item, bool) or not isinstance(item, int | float):
                raise Refused(f"{_quoted(str(key))} is not a number", whole=False)
            wanted = _out_of_range(name, item)
            if wanted:
                raise Refused(
                    f"{_quoted(str(key))} is {item:g}: expected a number {wanted}", whole=False
                )
    return value


def typed(name: str, raw: str, default_src: str):
    """The text ``raw`` of parameter ``name`` as the type of its default (``default_src``, as
    papermill reports it): a number must be finite and within ``PARAM_BOUNDS[name]``, a text
    with choices one of ``PARAM_CHOICES[name]``; :class:`Refused` otherwise. Shared by
    ``--param`` (:func:`coerce`) and the client profile (:mod:`playbook.profile_params`)."""
    if name == "as_of" and raw.strip():
        try:
            parse_as_of(raw)
        except NotebookInputError as err:
            raise Refused(str(err).partition(": ")[2]) from None
    default = literal_default(default_src, None)
    if isinstance(default, bool):
        return _coerce_bool(raw)
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise Refused("expected a whole number") from None
        _in_range(name, value, "a whole number")
        return value
    if isinstance(default, float):
        try:
            value = float(raw)
        except ValueError:
            raise Refused("expected a number") from None
        _in_range(name, value)
        return value
    if isinstance(default, dict | list):
        return _coerce_json(name, raw, default)
    if name in PARAM_CHOICES and raw not in PARAM_CHOICES[name]:
        raise Refused(f"expected one of {', '.join(PARAM_CHOICES[name])}")
    return raw  # strings (and anything else) stay text: "007" stays "007"


def coerce(name: str, raw: str, default_src: str):
    """Turn the text of ``--param NAME=VALUE`` into the type of the parameter's default
    (:func:`typed`); :class:`RunError` naming it when refused."""
    try:
        return typed(name, raw, default_src)
    except Refused as err:
        where = f"--param {name}={_quoted(raw)}" if err.whole else f"--param {name}"
        raise RunError(f"{where}: {err.expected}") from None


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
        except NotebookInputError as err:
            expected = str(err).partition(": ")[2]
            raise RunError(f"--param as_of={_quoted(raw)}: {expected}") from None
    return name, raw


def parse_params(
    pairs: list[str], notebooks: list[Path], found: dict[Path, dict] | None = None
) -> dict[str, dict[str, object]]:
    """Check ``NAME=VALUE`` pairs against the notebooks' parameters; return per-notebook values
    keyed by notebook file name.

    A name must be a Python identifier (not a keyword), must not be one the runner sets itself,
    and must be a parameter of at least one selected notebook (papermill's inspection). Each
    notebook receives only the parameters it declares, typed like its default. ``found``
    (notebook → what :func:`declared` reports) saves inspecting the notebooks again.
    """
    params_of = {nb: (found or {}).get(nb) or declared(nb) for nb in notebooks}
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


#: Parameters a client reads as a percentage (shares and attainment ratios).
PERCENT_PARAMS = frozenset({"credit_share", "discount_rate", "green_at", "amber_at"})

#: Words for the few parameter values that are codes.
_VALUE_WORDS = {"trend_freq": {"M": "Month", "Q": "Quarter", "Y": "Year"}}

#: The meaning of the parameters every notebook shares, in a client's words (the notebooks'
#: comments say how to type them).
_MEANINGS = {
    "as_of": "the date the figures are computed at; when not set, the latest deal date in the data",
}

#: Developer words in the notebooks' comments and what a client reads instead.
_PLAIN = {
    "profile.yaml": "the client profile",
    " (JSON object)": "",
    "as_of": "the as-of date",
    "; playbook default": "",  # the Source column says where each value came from
}


def _number(name: str, value) -> str:
    """A number as the assumptions table writes it: a percentage for :data:`PERCENT_PARAMS`,
    thousands separators for whole numbers, else its shortest form."""
    if name in PERCENT_PARAMS:
        whole = float(round(value * 100, 6)).is_integer()
        return fmt_percent(value, 0 if whole else 1)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def _shown(name: str, value) -> str:
    """A parameter value as the assumptions table writes it, in plain words: Yes / No, "Not
    set" for an empty value, "Not set" for an empty dict or list, a dict as "Label value, …"."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None or value == "":
        return "Not set"
    if isinstance(value, dict):
        items = [f"{label(k)} {_shown(name, v)}" for k, v in value.items()]
        return ", ".join(items) if items else "Not set"
    if isinstance(value, list | tuple):
        return ", ".join(_shown(name, v) for v in value) if value else "Not set"
    if isinstance(value, int | float):
        return _number(name, value)
    return _VALUE_WORDS.get(name, {}).get(str(value), str(value))


def _meaning(name: str, comment: str, names) -> str:
    """What parameter ``name`` means, in client words: the notebook's comment with other
    parameters' names (``names``) as their labels and developer words replaced."""
    text = _MEANINGS.get(name, comment)
    for raw, plain in _PLAIN.items():
        text = text.replace(raw, plain)
    for other in sorted(names, key=len, reverse=True):
        if "_" in other:
            words = label(other)
            text = re.sub(rf"\b{other}\b", words[:1].lower() + words[1:], text)
    return text[:1].upper() + text[1:]


class Source(StrEnum):
    """Where the value of a parameter in a run came from (the manifest records the code, the
    report's assumptions table :data:`SOURCE_WORDS`). Precedence: ``run`` > ``profile`` >
    ``default``."""

    RUN = "run"  # --param NAME=VALUE on the command line, for this run only
    PROFILE = "profile"  # the client's profile.yaml, section `parameters`
    DEFAULT = "default"  # the notebook's own default


#: How the assumptions table words each :class:`Source`.
SOURCE_WORDS = {
    Source.RUN: "Set for this run",
    Source.PROFILE: "Client profile",
    Source.DEFAULT: "Playbook default",
}


def settings(found: dict, parameters: dict, sources: dict | None = None) -> dict[str, dict]:
    """Every assumption of a notebook as the manifest records it: parameter name →
    ``{"value": value used, "source": Source code}``, in the notebook's order. ``found`` is
    what :func:`declared` reports, ``parameters`` the values the notebook received, ``sources``
    parameter name → :class:`Source` of the values set (a value set but not in ``sources``
    counts as set for this run). A parameter not set has its default (its source text when it
    is not a Python literal). The runner's own parameters and ``interactive`` are left out."""
    sources = sources or {}
    out = {}
    for name, info in found.items():
        if name in RUNNER_PARAMS or name in LIVE_ONLY_PARAMS:
            continue
        if name in parameters:
            value, source = parameters[name], Source(sources.get(name, Source.RUN))
        else:
            value, source = literal_default(info["default"], info["default"]), Source.DEFAULT
        out[name] = {"value": value, "source": source.value}
    return out


def assumptions(
    notebook: Path, parameters: dict, sources: dict | None = None
) -> list[tuple[str, str, str, str]]:
    """``(setting, value, source, meaning)`` of every parameter a report was run with, in a
    client's words: the parameter's :func:`~playbook.labels.label`, its value as plain text
    (:func:`_shown`), where it came from (:data:`SOURCE_WORDS`: set for this run, client
    profile or playbook default; see :func:`settings` for ``parameters`` and ``sources``) and
    the parameter's comment as its meaning. The runner's own parameters and ``interactive``
    (always off in batch) are left out."""
    found = declared(notebook)
    return [
        (
            label(name),
            _shown(name, used["value"]),
            SOURCE_WORDS[Source(used["source"])],
            _meaning(name, found[name].get("help") or "", found),
        )
        for name, used in settings(found, parameters, sources).items()
    ]
