"""Putting a kernel back as it was before a notebook ran, so it can run the same client's next
notebook (:mod:`playbook.spare`). This module runs *inside* the kernel.

Starting a kernel and importing pandas, matplotlib and playbook costs about 2 s of CPU, more
than some notebooks' own work. A batch worker therefore runs all the notebooks of one client's
run that reach it in one kernel, and between two of them :func:`reset` puts back everything a
notebook can change: its names (IPython's own ``reset``: the namespace, the output history and
the execution count, so the next notebook's cells are numbered from 1 again), open figures,
matplotlib's style, pandas' options, warning filters, environment variables, ``sys.path`` and
the client's names for partner types.
Modules stay imported: that is the point. A kernel never runs notebooks of two clients (or of
two runs); see :func:`playbook.spare.take`.
"""

from __future__ import annotations

import os
import sys
import warnings

_saved: dict | None = None  # the kernel's state before its first notebook (remember())


def remember() -> None:
    """Record the state to return to: called once per kernel, before its first notebook (a
    second call keeps the first record)."""
    global _saved
    if _saved is not None:
        return
    import matplotlib

    _saved = {
        "rc": dict(matplotlib.rcParams.copy()),
        "warnings": list(warnings.filters),
        "environ": dict(os.environ),
        "path": list(sys.path),
    }


def reset() -> None:
    """Put the kernel back as :func:`remember` found it (raises ``RuntimeError`` if nothing
    was remembered: such a kernel must not be reused)."""
    if _saved is None:
        raise RuntimeError("no state remembered for this kernel")
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from IPython import get_ipython

    plt.close("all")
    get_ipython().reset(new_session=True)
    dict.update(matplotlib.rcParams, _saved["rc"])  # as matplotlib's rc_context restores it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.reset_option("all")
    warnings.filters[:] = _saved["warnings"]
    os.environ.clear()
    os.environ.update(_saved["environ"])
    sys.path[:] = _saved["path"]
    from playbook import labels

    labels.use_client_labels(None)  # the next notebook's start() sets the client's names again
