"""Validate once: `playbook check` leaves a snapshot that `playbook run` reuses while no input
changes, and never for another folder."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import TINY, write_workspace
from test_snapshot import assert_same_workspace

from playbook import check_cache
from playbook.check_cache import CACHE_DIR
from playbook.cli import main
from playbook.rundir import RunFolder
from playbook.workspace import check_workspace, load_snapshot


@pytest.fixture
def ws(tmp_path):
    return write_workspace(tmp_path / "tiny", TINY)


def test_a_fresh_check_writes_the_cache_and_the_next_one_reuses_it(ws):
    first = check_cache.check(ws)
    assert not first.reused and first.cached == ws / CACHE_DIR / "snapshot"
    assert (ws / CACHE_DIR / "key.json").is_file()
    second = check_cache.check(ws)
    assert second.reused
    fresh, problems = check_workspace(ws)
    assert second.problems == problems  # exactly the problems of a fresh check
    assert_same_workspace(fresh, second.workspace)


def test_reuse_false_always_validates(ws):
    check_cache.check(ws)
    assert not check_cache.check(ws, reuse=False).reused


def test_one_byte_of_one_input_changed_is_a_miss(ws):
    check_cache.check(ws)
    deals = ws / "deals.csv"
    deals.write_bytes(deals.read_bytes().replace(b"10000,7000", b"10001,7000"))
    again = check_cache.check(ws)
    assert not again.reused
    assert again.workspace.tables["deals"]["amount"].iloc[0] == 10001
    assert check_cache.check(ws).reused  # the miss wrote the new snapshot


def test_a_changed_profile_is_a_miss(ws):
    check_cache.check(ws)
    profile = ws / "profile.yaml"
    profile.write_text(profile.read_text().replace("Tiny Test Co", "Tiny Test Ltd"))
    again = check_cache.check(ws)
    assert not again.reused and again.workspace.profile.name == "Tiny Test Ltd"


def test_a_new_file_is_a_miss(ws):
    check_cache.check(ws)
    (ws / "notes.txt").write_text("x")
    assert not check_cache.check(ws).reused


def test_another_folder_never_uses_the_cache(ws, tmp_path):
    check_cache.check(ws)
    other = tmp_path / "other"
    shutil.copytree(ws, other)  # the cache travels with the copy, same inputs
    got = check_cache.check(other)
    assert not got.reused
    assert got.workspace.path == other
    assert load_snapshot(other / CACHE_DIR / "snapshot").path == other  # rewritten for it


def test_a_workspace_with_errors_is_not_cached(tmp_path):
    bad = write_workspace(tmp_path / "bad", {**TINY, "deals": TINY["deals"].replace("D2,", "D1,")})
    got = check_cache.check(bad)
    assert got.cached is None and not (bad / CACHE_DIR).exists()


def test_a_link_in_the_folder_means_no_cache(ws):
    (ws / "extra.csv").symlink_to(ws / "deals.csv")
    assert check_cache.cache_key(ws) is None
    assert not check_cache.check(ws).reused and not (ws / CACHE_DIR).exists()


def test_a_cache_folder_that_cannot_be_written_gives_a_note(ws):
    (ws / CACHE_DIR).write_text("not a folder")  # mkdir fails as on a read-only folder
    got = check_cache.check(ws)
    assert got.workspace is not None and got.cached is None and not got.reused
    assert got.note.startswith(".playbook-cache not written")
    assert check_cache.check(ws).note == got.note


def test_the_run_folder_snapshot_is_hard_linked(ws, tmp_path):
    checked = check_cache.check(ws)
    folder = RunFolder(tmp_path / "run")
    folder.path.mkdir()
    snap = check_cache.snapshot_for_run(checked, folder.snapshot)
    assert snap == folder.snapshot and snap.is_dir()
    cached = ws / CACHE_DIR / "snapshot" / "tables" / "deals.parquet"
    assert (snap / "tables" / "deals.parquet").stat().st_ino == cached.stat().st_ino
    folder.complete()
    assert not (tmp_path / "run" / "snapshot").exists()
    assert cached.exists()  # removing the run's links leaves the cache


def test_cli_check_writes_the_cache(ws):
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 0, result.output
    assert check_cache.check(ws).reused


def _parquet_files(snapshot_dir):
    return {p.name: p.read_bytes() for p in sorted((snapshot_dir / "tables").glob("*.parquet"))}


def test_the_tables_written_beside_the_checks_are_those_written_after_them(ws, tmp_path):
    """A fresh check forks a process that writes the snapshot's tables while the checks across
    tables run; the files are byte for byte those written in order (another thread alive: no
    fork, the tables are written in this process)."""
    import threading

    assert threading.active_count() == 1, "the background path needs a single-threaded test"
    other = shutil.copytree(ws, tmp_path / "other")
    assert check_cache.check(ws, reuse=False).cached is not None
    stop = threading.Event()
    alive = threading.Thread(target=stop.wait)
    alive.start()
    try:
        assert check_cache.check(other, reuse=False).cached is not None
    finally:
        stop.set()
        alive.join()
    background = _parquet_files(ws / CACHE_DIR / "snapshot")
    assert background and background == _parquet_files(other / CACHE_DIR / "snapshot")
    assert sorted(p.name for p in (ws / CACHE_DIR).iterdir()) == ["key.json", "snapshot"]


def test_a_table_the_background_process_cannot_store_leaves_nothing(tmp_path):
    import pandas as pd

    from playbook import snapshot

    folder = tmp_path / "snap"
    pending = snapshot.begin({"t": pd.DataFrame({1: ["a"]})}, folder, background=True)
    assert pending.process is not None
    with pytest.raises(snapshot.SnapshotError, match="column name 1 is not text"):
        snapshot.finish(pending, {})
    assert list(tmp_path.iterdir()) == []


def test_a_snapshot_dropped_while_written_leaves_nothing(tmp_path):
    import pandas as pd

    from playbook import snapshot

    big = pd.DataFrame({"x": [f"value {i}" for i in range(300_000)]})
    pending = snapshot.begin({"t": big}, tmp_path / "snap", background=True)
    snapshot.discard(pending)
    assert not pending.process.is_alive() and list(tmp_path.iterdir()) == []
