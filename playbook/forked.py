"""One call run in a forked child process while this process goes on with other work.

``playbook check`` parses a large client's biggest table (a million deals) in a child while it
parses the other tables itself, and writes the snapshot's Parquet files in another while it
checks the tables against each other: two cores instead of one.

A process may fork only on Linux and with no other Python thread (a thread holding a lock at
the fork leaves the child's copy of that lock held forever): :func:`may_fork`. Anywhere else,
and whenever the child does not deliver (killed, out of memory, raised, a result that cannot
be pickled), :meth:`Forked.result` makes the call here, in this process: the answer and any
error are the ones the call gives in order, only later.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess


def may_fork() -> bool:
    """True where this process may fork a child to work beside it: Linux, one thread."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


@dataclass
class Forked:
    """A call started by :func:`start`: in ``process`` (its result comes through ``conn``), or,
    with no process, to be made by :meth:`result`."""

    fn: Callable
    args: tuple
    process: BaseProcess | None = None
    conn: Connection | None = None

    def result(self):
        """The call's return value: the child's, else the call made here."""
        if self.process is None:
            return self.fn(*self.args)
        try:
            data = self.conn.recv_bytes()
        except (EOFError, OSError):  # the child ended without a result
            data = None
        finally:
            self.cancel()
        return self.fn(*self.args) if data is None else pickle.loads(data)

    def cancel(self) -> None:
        """Stop the child, if any, and let it go (Ctrl-C, an error meanwhile)."""
        if self.process is None:
            return
        if self.process.is_alive() and self.conn is not None and not self.conn.closed:
            self.process.terminate()
        self.process.join()
        if self.conn is not None:
            self.conn.close()
        self.process = None


def start(fn: Callable, *args) -> Forked:
    """``fn(*args)`` started in a forked child when :func:`may_fork`, else left for
    :meth:`Forked.result` to make. ``fn`` sees this process's state as it is now."""
    if not may_fork():
        return Forked(fn, args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, fn, args), daemon=True)
    process.start()
    send.close()
    return Forked(fn, args, process, receive)


def _child(conn: Connection, fn: Callable, args: tuple) -> None:
    """The child: make the call and send its pickled result; on any error send nothing (the
    parent then makes the call itself and meets the error there)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent acts on Ctrl-C
    try:
        data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # any failure: the parent repeats the call
        raise SystemExit(1) from None
    conn.send_bytes(data)
    conn.close()
