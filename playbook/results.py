"""A trend's result and how it is recorded for the run's summary page.

Each trend module builds one :class:`TrendResult` (its ``summarise(...)``); a notebook's
:func:`playbook.notebook.finish` shows its findings and :func:`write` records it in the file the
runner names (parameter ``results_file``). Live sessions leave it empty and nothing is written.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from enum import IntEnum
from pathlib import Path

import numpy as np
import pandas as pd


class Urgency(IntEnum):
    """How soon a finding or action needs the client's attention; the executive summary ranks
    findings by urgency first, then by the money at stake."""

    ACT_NOW = 3  # money is being lost or a commitment is failing
    FIX = 2  # a gap that holds results back
    OPPORTUNITY = 1  # upside not yet taken


@dataclass(frozen=True)
class KeyFinding:
    """One finding the executive summary may rank among the client's top five.

    ``text`` is one plain sentence with its figure ("Partner deals average USD 41,200, 38%
    below direct deals"); ``stake`` is the money at stake in the client's currency (revenue,
    investment or pipeline the finding is about; ``None`` when it cannot be priced);
    ``urgency`` an :class:`Urgency`; ``section`` the report heading where the evidence is.
    """

    text: str
    stake: float | None = None
    urgency: Urgency = Urgency.FIX
    section: str = ""


@dataclass(frozen=True)
class Action:
    """One item of the client's action plan.

    ``action`` says what to do in plain words; ``owner`` who (a person or team from the data,
    "" when the data names nobody); ``due`` an ISO date or "" (none set); ``kind`` where it comes
    from (readiness gap, overdue checklist item, red metric, partner risk flag, plan milestone);
    ``section`` the report heading that shows it; ``urgency`` an :class:`Urgency`.
    """

    action: str
    owner: str = ""
    due: str = ""
    kind: str = ""
    section: str = ""
    urgency: Urgency = Urgency.FIX


@dataclass(frozen=True)
class TrendResult:
    """What one trend concludes, built once by its module's ``summarise(...)``.

    ``findings`` are the report's takeaways: a few plain sentences with their figures, shown
    first in the report and on the summary page; ``key_findings`` the ones the executive summary
    may rank across trends (:class:`KeyFinding`); ``actions`` this trend's items of the action
    plan (:class:`Action`); ``partners`` one record per partner for the summary's partner 360
    (``partner_id``, ``partner`` name and this trend's values, e.g. ``fit_score``, ``roi_36m``);
    ``figures`` maps a figure name to a number or text (machine-readable, written to
    ``results.json``); ``headline`` maps a label to a display-ready value for the summary
    page's card; ``not_shown`` lists the sections the client's data could not fill
    (:meth:`playbook.gaps.Gap.as_dict`: section, file, columns, reason, fill), as
    :func:`playbook.notebook.finish` records them. The summary page escapes all of them.
    """

    findings: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    headline: dict[str, str] = field(default_factory=dict)
    not_shown: list[dict[str, str]] = field(default_factory=list)
    key_findings: list[KeyFinding] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)


def _flat(item) -> dict:
    """A flat dataclass (fields of scalars only: :class:`KeyFinding`, :class:`Action`) as a
    dict; ``dataclasses.asdict`` deep-copies every value, which a large client's ten thousand
    actions made the slowest step of writing its results."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


def _plain(value):
    """JSON-safe copy of numpy / pandas scalars; NaN becomes ``None``."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


#: Cell types JSON writes as they are (a float too, when finite).
_JSON_READY = frozenset({str, int, bool, type(None)})


def _plain_table(table: dict) -> dict:
    """:func:`_plain` of a recorded table (``caption``, ``columns``, ``rows``), with each cell
    that is already JSON-ready (text, a whole number, a finite float, a blank) taken as it is:
    a large client's tables hold over a million cells, and the general :func:`_plain` costs
    about a microsecond each."""
    out = {}
    for key, value in table.items():
        if key != "rows":
            out[key] = _plain(value)
            continue
        out[key] = [
            [
                v
                if type(v) in _JSON_READY or (type(v) is float and math.isfinite(v))
                else _plain(v)
                for v in row
            ]
            for row in value
        ]
    return out


def write(
    results_file: str,
    notebook_id: str,
    title: str,
    result: TrendResult,
    tables: list[dict] | None = None,
    as_of: str = "",
    currency: str = "",
) -> None:
    """Write a trend's result to ``results_file`` (JSON: notebook id, title, the as-of date of
    its data (ISO) and the client's currency, figures, headline,
    findings, key findings, actions, partners, sections not shown, and ``tables``: every table
    the report showed, as :func:`playbook.display.recorded_tables` lists them, for the Excel
    workbook); nothing without a ``results_file``, i.e. in a live session.

    Written to a temporary name and renamed, so the runner never reads half a file.
    """
    if not results_file:
        return
    path = Path(results_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "notebook": notebook_id,
        "title": title,
        "as_of": as_of,
        "currency": currency,
        "figures": _plain(result.figures),
        "headline": dict(result.headline),
        "findings": list(result.findings),
        "not_shown": [dict(g) for g in result.not_shown],
        "key_findings": [_plain(_flat(f)) for f in result.key_findings],
        "actions": [_plain(_flat(a)) for a in result.actions],
        "partners": [_plain(dict(p)) for p in result.partners],
        "tables": [_plain_table(t) for t in tables or []],
    }
    tmp = path.with_suffix(".json.tmp")
    # compact: a machine's file (the runner reads it), and json's fast encoder serves only
    # unindented output (a large client's tables: 1.5 million cells)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
