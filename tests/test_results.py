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


def test_table_cells_and_actions_written_json_safe(tmp_path):
    """A recorded table's cells go through a fast path for cells JSON takes as they are; the
    others (numpy scalars, timestamps, infinities, NA) are made safe as any figure is. Actions
    and key findings are written field by field."""
    from playbook.results import Action, KeyFinding, Urgency

    file = tmp_path / "05-x.json"
    row = ["Acme", 1.5, 3, None, True, np.float64(2.5), np.int64(4), pd.Timestamp("2024-01-02")]
    row += [float("inf"), float("-inf"), float("nan"), np.bool_(False), pd.NA, pd.NaT]
    table = {"caption": "Cells", "columns": [str(i) for i in range(len(row))], "rows": [row]}
    result = TrendResult(
        ["x"],
        key_findings=[KeyFinding("Fix it", np.float64(10.0), Urgency.ACT_NOW, "Sec")],
        actions=[Action("Call Acme", "Ann", "2024-02-01", "milestone", "Sec", Urgency.FIX)],
    )
    write(str(file), "05-x", "T", result, tables=[table])
    written = json.loads(file.read_text())
    assert written["tables"] == [
        {
            "caption": "Cells",
            "columns": [str(i) for i in range(len(row))],
            "rows": [
                ["Acme", 1.5, 3, None, True, 2.5, 4, "2024-01-02"]
                + [None, None, None, False, None, None]
            ],
        }
    ]
    assert written["key_findings"] == [
        {"text": "Fix it", "stake": 10.0, "urgency": int(Urgency.ACT_NOW), "section": "Sec"}
    ]
    assert written["actions"] == [
        {
            "action": "Call Acme",
            "owner": "Ann",
            "due": "2024-02-01",
            "kind": "milestone",
            "section": "Sec",
            "urgency": int(Urgency.FIX),
        }
    ]
