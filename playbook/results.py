"""Recording each notebook's key figures for the run's summary page.

A notebook calls :func:`record` at the end; the runner passes ``results_dir`` (a folder inside the
run) as a parameter. Interactive sessions leave ``results_dir`` empty and nothing is written.
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
    ``headline`` maps a label to a display-ready value for the summary page's card. The summary
    page escapes all of them.
    """

    findings: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    headline: dict[str, str] = field(default_factory=dict)


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


def record(results_dir: str, notebook: str, title: str, figures: dict, findings: list[str],
           headline: dict[str, str] | None = None) -> None:
    """Write ``results_dir/<notebook>.json`` with key figures and findings (nothing without a
    ``results_dir``, i.e. in a live session). Returns nothing, so that as the last call of a
    cell it displays nothing in the report.

    ``figures`` maps a figure name to a number or text (machine-readable); ``headline`` maps a
    label to a display-ready value for the summary page; ``findings`` are plain sentences. The
    summary page escapes all of them.
    """
    if not results_dir:
        return
    folder = Path(results_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{notebook}.json"
    payload = {"notebook": notebook, "title": title, "figures": _plain(figures),
               "headline": dict(headline or {}), "findings": list(findings)}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
