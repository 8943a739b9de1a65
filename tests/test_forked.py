"""A call made in a forked child beside other work (playbook.forked), and the largest table of
a check parsed that way: the same tables and problems as parsed in order.

A process forks only with no other thread alive, and earlier tests of a session can leave
threads behind (Dask's, a kernel client's), so the forking cases run in a fresh interpreter."""

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from playbook import forked

TESTS = Path(__file__).parent


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (``tests`` importable) and return what it printed;
    fails on any error."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, '.')\n" + textwrap.dedent(code)],
        cwd=TESTS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_child_makes_the_call_and_returns_its_result():
    out = _fresh(
        """
        import os
        import pandas as pd
        from playbook import forked

        def square_table(n):
            return pd.DataFrame({"n": range(n), "square": [i * i for i in range(n)]})

        def pid_and(value):
            return os.getpid(), value

        call = forked.start(square_table, 5)
        assert call.process is not None
        assert call.result().equals(square_table(5))
        pid, value = forked.start(pid_and, "x").result()
        assert pid != os.getpid() and value == "x"
        print("ok")
        """
    )
    assert out == "ok\n"


def test_an_error_in_the_child_is_met_again_here():
    out = _fresh(
        """
        from playbook import forked

        def fails(text):
            raise ValueError(text)

        call = forked.start(fails, "deals.csv, row 3: bad")
        assert call.process is not None
        try:
            call.result()
        except ValueError as exc:
            print(exc)
        assert call.process is None
        """
    )
    assert out == "deals.csv, row 3: bad\n"


def test_a_child_killed_before_it_answers_leaves_the_call_to_this_process():
    # the call kills its own process: in the child that ends the child without an answer, and
    # the parent, which then makes the call itself, is given a stand-in that returns
    out = _fresh(
        """
        import os
        from playbook import forked

        def killed(value):
            os.kill(os.getpid(), 9)

        call = forked.start(killed, 7)
        assert call.process is not None
        call.fn = lambda value: (os.getpid(), value)
        assert call.result() == (os.getpid(), 7)
        print("ok")
        """
    )
    assert out == "ok\n"


def test_cancel_stops_the_child():
    out = _fresh(
        """
        import threading
        from playbook import forked

        call = forked.start(threading.Event().wait, 60)
        process = call.process
        assert process is not None and process.is_alive()
        call.cancel()
        assert not process.is_alive() and call.process is None
        print("ok")
        """
    )
    assert out == "ok\n"


def _pid_and(value):
    return os.getpid(), value


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


def test_a_large_table_parsed_apart_gives_the_tables_and_problems_of_a_parse_in_order(
    tmp_path,
):
    """The deals (the largest table) are parsed in a child while the others are parsed here:
    every table, dtype, attribute and problem (in order) is the one an in-order parse gives.
    The deals have errors (each id three times) and optional tables are missing (notes)."""
    out = _fresh(
        f"""
        from pathlib import Path
        from conftest import TINY, write_workspace
        from playbook import forked, workspace
        from playbook.profile import read_profile
        from playbook.sources import read_sources

        header, *lines = TINY["deals"].strip().splitlines()
        deals = "\\n".join([header, *(lines * 3)]) + "\\n"
        ws = write_workspace(Path({str(tmp_path)!r}) / "ws", {{**TINY, "deals": deals}})
        apart = []
        start = forked.start

        def recorded(fn, *args):
            call = start(fn, *args)
            apart.append((args[0].name, call.process is not None))
            return call

        forked.start = recorded
        workspace.PARSE_APART_CELLS = 10
        _, problems_apart = workspace.check_workspace(ws)
        workspace.PARSE_APART_CELLS = 10**12
        _, problems_in_order = workspace.check_workspace(ws)
        assert apart == [("deals", True)], apart
        assert [str(p) for p in problems_apart] == [str(p) for p in problems_in_order]
        assert any("duplicate" in str(p) for p in problems_apart)
        assert any("optional table not supplied" in str(p) for p in problems_apart)

        problems = []
        profile = read_profile(ws, problems)
        raw = read_sources(ws, problems, profile.files)[0]
        in_order = workspace._parse_tables(raw, profile, [])
        workspace.PARSE_APART_CELLS = 10
        tables_apart = workspace._parse_tables(raw, profile, [])
        assert list(tables_apart[0]) == list(in_order[0])
        for name, frame in tables_apart[0].items():
            other = in_order[0][name]
            assert frame.equals(other) and list(frame.dtypes) == list(other.dtypes), name
            assert frame.attrs == other.attrs, name
        assert tables_apart[1] == in_order[1]
        print(len(apart), len(tables_apart[0]))
        """
    )
    assert out == "2 5\n"
