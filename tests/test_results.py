"""Recording a trend's result (playbook.results.write): the payload, JSON-safe values, and
nothing written in a live session."""

import json

import numpy as np
import pandas as pd

from playbook.results import TrendResult, write


def test_write_makes_values_json_safe(tmp_path):
    file = tmp_path / "results" / "02-x.json"
    figures = {
        "count": np.int64(3),
        "share": np.float64(0.25),
        "missing": float("nan"),
        "endless": float("inf"),
        "when": pd.Timestamp("2024-06-30 13:45"),
        "blank": pd.NA,
        "by_key": {1: [np.int32(2), None]},
    }
    result = TrendResult(["A finding."], figures, {"Label": "USD 1"})
    write(str(file), "02-x", "Title", result, as_of="2024-12-31", currency="EUR")
    assert json.loads(file.read_text()) == {
        "notebook": "02-x",
        "title": "Title",
        "as_of": "2024-12-31",
        "currency": "EUR",
        "figures": {
            "count": 3,
            "share": 0.25,
            "missing": None,
            "endless": None,
            "when": "2024-06-30",
            "blank": None,
            "by_key": {"1": [2, None]},
        },
        "headline": {"Label": "USD 1"},
        "findings": ["A finding."],
        "not_shown": [],
        "key_findings": [],
        "actions": [],
        "partners": [],
        "tables": [],
    }
    assert not list(file.parent.glob("*.tmp"))


def test_nothing_is_written_without_a_results_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("", "02-x", "Title", TrendResult(["x"]))
    assert list(tmp_path.iterdir()) == []
