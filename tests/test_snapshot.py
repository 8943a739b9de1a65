"""The columnar snapshot: every table of the demo and of the fixture workspaces comes back
exactly (values, dtypes, attrs), and so do the profile, problems, fills and source files."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import TINY, write_workspace
from workspaces import EDGE_CASES, RICH, RICH_PROFILE, blank_optional, minimal

from playbook import snapshot
from playbook.config import DEMO_WORKSPACE
from playbook.snapshot import SnapshotError
from playbook.workspace import check_workspace, load_snapshot, save_snapshot

BUILDERS = {
    "tiny": lambda p: write_workspace(p, TINY),
    "rich": lambda p: write_workspace(p, RICH, RICH_PROFILE),
    "minimal": minimal,
    "blank optional": lambda p: blank_optional(write_workspace(p, RICH, RICH_PROFILE)),
    **{name: builder for name, (builder, _) in EDGE_CASES.items()},
}


def assert_same_workspace(ws, back):
    assert back.path == ws.path
    assert back.profile == ws.profile
    assert back.problems == ws.problems
    assert back.fills == ws.fills
    assert back.source_files == ws.source_files
    assert list(back.tables) == list(ws.tables)
    for name, frame in ws.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], frame, check_exact=True)
        assert back.tables[name].attrs == frame.attrs, name
        for column in frame.columns:  # None stays None (not NaN) in text columns
            if frame[column].dtype == object:
                assert [type(v) for v in back.tables[name][column]] == [
                    type(v) for v in frame[column]
                ], (name, column)


def test_demo_round_trip(tmp_path):
    ws, _ = check_workspace(DEMO_WORKSPACE)
    back = load_snapshot(save_snapshot(ws, tmp_path / "snap"))
    assert_same_workspace(ws, back)
    assert sorted(p.name for p in (tmp_path / "snap" / "tables").iterdir()) == sorted(
        f"{name}.parquet" for name in ws.tables
    )


@pytest.mark.parametrize("case", BUILDERS)
def test_fixture_round_trip(tmp_path, case):
    path = BUILDERS[case](tmp_path / "ws")
    ws, _ = check_workspace(path)
    back = load_snapshot(save_snapshot(ws, tmp_path / "snap"))
    assert_same_workspace(ws, back)


def test_dtypes_and_mixed_object_columns(tmp_path):
    frame = pd.DataFrame(
        {
            "text": pd.Series(["a", None, "ç"], dtype=object),
            "mixed": pd.Series(["a", 1, None], dtype=object),
            "mixed2": pd.Series([1.5, np.nan, pd.Timestamp("2024-01-02")], dtype=object),
            "int": pd.array([1, None, 3], dtype="Int64"),
            "float": pd.array([1.5, None, 3.0], dtype="Float64"),
            "flag": pd.array([True, None, False], dtype="boolean"),
            "when": pd.to_datetime(["2024-01-01", None, "2024-03-01"]).as_unit("s"),
            "month": pd.period_range("2024-01", periods=3, freq="M"),
            "cat": pd.Categorical(["x", "y", None], categories=["y", "x"]),
            "str": pd.Series(["a", None, "b"], dtype="str"),
            "plain": [1.0, np.nan, 2.0],
        }
    )
    frame.attrs = {"bad_cells": {(2, "amount"), (3, "stage")}, "supplied_columns": ["a"]}
    snapshot.write_tables({"t": frame}, tmp_path / "s", {})
    back = snapshot.read_tables(tmp_path / "s", snapshot.read_meta(tmp_path / "s"))["t"]
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert back.attrs == frame.attrs
    assert back["mixed"].tolist() == ["a", 1, None]
    assert back["mixed2"].iloc[0] == 1.5 and np.isnan(back["mixed2"].iloc[1])


def test_a_fresh_process_reads_the_snapshot(tmp_path):
    """As a kernel does: nothing registered by the writing process (Arrow extension types)."""
    ws, _ = check_workspace(DEMO_WORKSPACE)
    save_snapshot(ws, tmp_path / "snap")
    code = (
        "import sys; from playbook.workspace import load_snapshot; "
        "ws = load_snapshot(sys.argv[1]); "
        "print({n: [str(t) for t in f.dtypes] for n, f in ws.tables.items()})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "snap")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert out.stdout.strip() == str({n: [str(t) for t in f.dtypes] for n, f in ws.tables.items()})


def test_what_cannot_be_stored_is_refused(tmp_path):
    frame = pd.DataFrame({"x": pd.Series([{"a": 1}], dtype=object)})
    with pytest.raises(SnapshotError):
        snapshot.write_tables({"t": frame}, tmp_path / "s", {})
    assert not (tmp_path / "s").exists()
    assert list(tmp_path.iterdir()) == []  # no temporary folder left behind


def test_a_folder_of_another_format_is_not_read(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "meta.json").write_text(json.dumps({"format": 0}), encoding="utf-8")
    with pytest.raises(SnapshotError):
        load_snapshot(tmp_path / "s")
    with pytest.raises(SnapshotError):
        load_snapshot(tmp_path / "nothing")


def test_link_copy_shares_the_files(tmp_path):
    ws, _ = check_workspace(write_workspace(tmp_path / "ws", TINY))
    source = save_snapshot(ws, tmp_path / "snap")
    copy = snapshot.link_copy(source, tmp_path / "run" / "snapshot")
    assert (copy / "tables" / "deals.parquet").stat().st_ino == (
        source / "tables" / "deals.parquet"
    ).stat().st_ino
    assert_same_workspace(ws, load_snapshot(copy))


def test_repeated_text_is_read_through_its_dictionary(tmp_path):
    values = pd.Series(["P1", "P2", None, "P1"] * 500, dtype=object)
    ids = pd.Series([f"D{i}" for i in range(2000)], dtype=object)
    frame = pd.DataFrame({"partner_id": values, "deal_id": ids})
    snapshot.write_tables({"deals": frame}, tmp_path / "s", {})
    meta = snapshot.read_meta(tmp_path / "s")
    assert [c["stored"] for c in meta["tables"]["deals"]["columns"]] == ["text-dict", "text"]
    back = snapshot.read_tables(tmp_path / "s", meta)["deals"]
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert back["partner_id"].iloc[2] is None
    assert len({id(v) for v in back["partner_id"] if v}) == 2  # one string per distinct value


def test_a_kernel_reads_only_the_tables_it_uses(tmp_path):
    ws, _ = check_workspace(write_workspace(tmp_path / "ws", TINY))
    back = load_snapshot(save_snapshot(ws, tmp_path / "snap"))
    assert isinstance(back.tables, snapshot.LazyTables)
    assert back.has("deals") and not back.has("accounts")
    assert back.missing_optional == ws.missing_optional
    assert back.tables._read == {}  # nothing read to answer those
    pd.testing.assert_frame_equal(back.table("deals"), ws.tables["deals"])
    assert list(back.tables._read) == ["deals"]
    again = pickle.loads(pickle.dumps(back.tables))
    assert type(again) is dict and list(again) == list(ws.tables)
    pd.testing.assert_frame_equal(again["partners"], ws.tables["partners"])


def test_a_kernel_reads_each_table_once_and_callers_never_share_changes(tmp_path):
    """Two notebooks of one run in one kernel (playbook.spare) each get the deals: the second
    read comes from the first (no Parquet read), yet what the first caller changes in its copy
    (a value, a new column, attrs) never reaches the second; a rewritten snapshot is read again
    and another folder's replaces what was kept."""
    ws, _ = check_workspace(write_workspace(tmp_path / "ws", RICH, RICH_PROFILE))
    folder = save_snapshot(ws, tmp_path / "snap")
    first = load_snapshot(folder).table("deals")
    reads = []
    original = snapshot._read_table
    snapshot._read_table = lambda *a: reads.append(a[0].name) or original(*a)
    try:
        first.loc[0, "amount"] = -1.0
        first["scratch"] = 1
        first.attrs["scratch"] = True
        second = load_snapshot(folder).table("deals")
        assert reads == []
        pd.testing.assert_frame_equal(second, ws.tables["deals"], check_exact=True)
        assert second.attrs == ws.tables["deals"].attrs
        other = save_snapshot(ws, tmp_path / "other")
        load_snapshot(other).table("deals")
        assert reads == ["deals.parquet"]
        assert {Path(k[0]).parent for k in snapshot._READ} == {(other / "tables").resolve()}
        save_snapshot(ws, tmp_path / "other")  # rewritten: read afresh, the old entry dropped
        load_snapshot(other).table("deals")
        assert reads == ["deals.parquet"] * 2 and len(snapshot._READ) == 1
    finally:
        snapshot._read_table = original


def test_blank_columns_are_known_without_reading_the_table(tmp_path):
    """The workshop agenda asks which optional columns a client left blank: a snapshot answers
    from its description (no Parquet read) the same as the table itself would."""
    path = blank_optional(write_workspace(tmp_path / "ws", RICH, RICH_PROFILE))
    ws, _ = check_workspace(path)
    back = load_snapshot(save_snapshot(ws, tmp_path / "snap"))
    for name, frame in ws.tables.items():
        expected = [c for c in frame.columns if frame[c].isna().all()]
        assert back.blank_columns(name) == ws.blank_columns(name) == expected, name
        assert back.rows(name) == ws.rows(name) == len(frame)
    assert not back.tables._read  # nothing was read
    assert "industry" in back.blank_columns("partners")  # blank_optional blanks it
    assert ws.rows("no_such_table") == 0
