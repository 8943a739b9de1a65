"""A call made in a forked child beside other work (playbook.forked), and the largest table of
a check parsed that way: the same tables and problems as parsed in order."""

import os
import threading

import pandas as pd
import pytest
from conftest import TINY, write_workspace

from playbook import forked, workspace


def _square_table(n: int) -> pd.DataFrame:
    return pd.DataFrame({"n": range(n), "square": [i * i for i in range(n)]})


def _pid_and(value):
    return os.getpid(), value


def test_the_child_makes_the_call_and_returns_its_result():
    assert threading.active_count() == 1, "forking needs a single-threaded test"
    call = forked.start(_square_table, 5)
    assert call.process is not None
    assert call.result().equals(_square_table(5))
    pid, value = forked.start(_pid_and, "x").result()
    assert pid != os.getpid() and value == "x"


def test_with_another_thread_alive_the_call_is_made_here():
    stop = threading.Event()
    alive = threading.Thread(target=stop.wait)
    alive.start()
    try:
        call = forked.start(_pid_and, 1)
    finally:
        stop.set()
        alive.join()
    assert call.process is None
    assert call.result() == (os.getpid(), 1)


def _fails(text):
    raise ValueError(text)


def test_an_error_in_the_child_is_met_again_here():
    call = forked.start(_fails, "deals.csv, row 3: bad")
    with pytest.raises(ValueError, match="deals.csv, row 3: bad"):
        call.result()
    assert call.process is None


def _killed(value):
    os.kill(os.getpid(), 9)
    return value


def test_a_child_killed_before_it_answers_leaves_the_call_to_this_process():
    # here the call itself kills its process: in the child that ends the child, and the
    # parent's own call is then given a stand-in that returns
    call = forked.start(_killed, 7)
    call.fn = _pid_and
    assert call.result() == (os.getpid(), 7)


def test_cancel_stops_the_child():
    call = forked.start(threading.Event().wait, 60)
    process = call.process
    call.cancel()
    assert not process.is_alive() and call.process is None


def _deal_rows(n: int) -> str:
    header = TINY["deals"].strip().splitlines()[0]
    lines = TINY["deals"].strip().splitlines()[1:]
    return "\n".join([header, *(lines * n)]) + "\n"


def test_a_large_table_parsed_apart_gives_the_tables_and_problems_of_a_parse_in_order(
    tmp_path, monkeypatch
):
    """The deals (the largest table) are parsed in a child while the others are parsed here:
    every table, dtype, attribute and problem (in order) is the one an in-order parse gives.
    The deals have errors (each id three times) and optional tables are missing (notes)."""
    ws = write_workspace(tmp_path / "ws", {**TINY, "deals": _deal_rows(3)})
    monkeypatch.setattr(workspace, "PARSE_APART_CELLS", 10)
    parsed_apart = []
    start = forked.start

    def recorded(fn, *args):
        call = start(fn, *args)
        parsed_apart.append((args[0].name, call.process is not None))
        return call

    monkeypatch.setattr(forked, "start", recorded)
    _, problems_apart = workspace.check_workspace(ws)
    monkeypatch.setattr(workspace, "PARSE_APART_CELLS", 10**12)
    _, problems_in_order = workspace.check_workspace(ws)
    assert parsed_apart == [("deals", True)]
    assert [str(p) for p in problems_apart] == [str(p) for p in problems_in_order]
    assert any("duplicate" in str(p) for p in problems_apart)
    assert any("optional table not supplied" in str(p) for p in problems_apart)
    raw, profile = _raw(ws)
    tables_in_order = workspace._parse_tables(raw, profile, [])
    monkeypatch.setattr(workspace, "PARSE_APART_CELLS", 10)
    tables_apart = workspace._parse_tables(raw, profile, [])
    assert list(tables_apart[0]) == list(tables_in_order[0])
    for name, frame in tables_apart[0].items():
        other = tables_in_order[0][name]
        assert frame.equals(other) and list(frame.dtypes) == list(other.dtypes), name
        assert frame.attrs == other.attrs, name
    assert tables_apart[1] == tables_in_order[1]


def _raw(ws):
    from playbook.profile import read_profile
    from playbook.sources import read_sources

    problems = []
    profile = read_profile(ws, problems)
    return read_sources(ws, problems, profile.files)[0], profile
