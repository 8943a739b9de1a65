"""A trend's result and how it is recorded for the run's summary page.

Each trend module builds one :class:`TrendResult` (its ``summarise(...)``); a notebook's
:func:`playbook.notebook.finish` shows its findings and :func:`write` records it in the file the
runner names (parameter ``results_file``). Live sessions leave it empty and nothing is written.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class TrendResult:
    """What one trend concludes, built once by its module's ``summarise(...)``.

    ``findings`` are plain sentences for the report and the summary page; ``figures`` maps a
    figure name to a number or text (machine-readable, written to ``results.json``);
    ``headline`` maps a label to a display-ready value for the summary page's card;
    ``not_shown`` lists the sections the client's data could not fill
    (:meth:`playbook.gaps.Gap.as_dict`: section, file, columns, reason, fill), as
    :func:`playbook.notebook.finish` records them. The summary page escapes all of them.
    """

    findings: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    headline: dict[str, str] = field(default_factory=dict)
    not_shown: list[dict[str, str]] = field(default_factory=list)


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


def write(results_file: str, notebook_id: str, title: str, result: TrendResult) -> None:
    """Write a trend's result to ``results_file`` (JSON: notebook id, title, figures, headline,
    findings, sections not shown); nothing without a ``results_file``, i.e. in a live session.

    Written to a temporary name and renamed, so the runner never reads half a file.
    """
    if not results_file:
        return
    path = Path(results_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "notebook": notebook_id,
        "title": title,
        "figures": _plain(result.figures),
        "headline": dict(result.headline),
        "findings": list(result.findings),
        "not_shown": [dict(g) for g in result.not_shown],
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
