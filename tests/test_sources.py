"""Saving readiness answers back to the workspace's CSV file or workbook."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from conftest import answers

from playbook.exceptions import ReadinessSaveError
from playbook.sources import save_answers
from playbook.workspace import load_workspace


def test_save_answers_keeps_previous_version_and_is_picked_up(tiny):
    (tiny / "readiness.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    new = answers([("CN1", 4, "workshop"), ("CN2", None, "")])
    save_answers(tiny, new, now=datetime(2026, 1, 2, 3, 4, 5))
    assert (tiny / ".history" / "readiness-20260102-030405.csv").read_text().endswith(
        "CN1,1,old\n")
    ws = load_workspace(tiny)
    table = ws.table("readiness").set_index("item_id")
    assert table.loc["CN1", "score"] == 4 and pd.isna(table.loc["CN2", "score"])
    assert not list(tiny.glob(".*.tmp"))


def test_save_answers_writes_the_file_the_profile_maps_readiness_to(tiny):
    profile = tiny / "profile.yaml"
    profile.write_text(profile.read_text() + 'files: {readiness: "Readiness survey.csv"}\n')
    (tiny / "Readiness survey.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    written = save_answers(tiny, answers([("CN1", 5, "")]), now=datetime(2026, 1, 2))
    assert written.name == "Readiness survey.csv" and not (tiny / "readiness.csv").exists()
    assert load_workspace(tiny).table("readiness").set_index("item_id").loc["CN1", "score"] == 5


@pytest.mark.parametrize("rows, message", [([("ZZ9", 3, "")], "unknown question"),
                                           ([("CN1", 7, "")], "0–5"),
                                           ([("CN1", "lots", "")], "0–5")])
def test_save_answers_refuses_bad_input_and_writes_nothing(tiny, rows, message):
    with pytest.raises(ReadinessSaveError, match=message):
        save_answers(tiny, answers(rows))
    assert not (tiny / "readiness.csv").exists()


def test_save_answers_into_an_excel_workspace(tmp_path):
    from conftest import TINY

    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            pd.read_csv(pd.io.common.StringIO(text), dtype=str).to_excel(xl, sheet_name=name,
                                                                          index=False)
    save_answers(ws, answers([("PR1", 5, "API docs")]), now=datetime(2026, 1, 1))
    assert (ws / ".history" / "client-20260101-000000.xlsx").exists()
    assert load_workspace(ws).table("readiness").loc[0, "score"] == 5
