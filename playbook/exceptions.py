"""Every exception the playbook raises on purpose, in one place (as papermill keeps its own).

Each one carries a message meant for a consultant: what was wrong and what to do about it. None
of them should ever reach a client report as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from playbook.problems import Problem
from playbook.problems import errors as blocking


class PlaybookError(Exception):
    """Base class of the playbook's own errors."""


class WorkspaceError(PlaybookError):
    """Raised when a workspace has errors; ``problems`` lists every one."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        errors = blocking(problems)
        lines = "\n".join(f"  {p}" for p in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"workspace {path} has {len(errors)} error(s):\n{lines}{more}")


class NotebookInputError(PlaybookError):
    """A problem with a notebook's inputs, shown to the consultant without a traceback.

    Implements IPython's ``_render_traceback_`` hook, so a notebook shows only the message.
    """

    def _render_traceback_(self):  # IPython hook: print only the message
        return [f"{type(self).__name__}: {self}"]


class RunError(PlaybookError):
    """A problem with a run's arguments (bad ``--only``, ``--param``, ``--out`` …), raised
    before anything runs."""


class RunInterrupted(PlaybookError):
    """Ctrl-C during a run. ``partial_dirs`` are the unfinished run folders, left under their
    ``.partial`` names so that none looks complete."""

    def __init__(self, partial_dirs: list[Path]):
        super().__init__("interrupted")
        self.partial_dirs = partial_dirs


class ReadinessSaveError(PlaybookError, ValueError):
    """Readiness answers that cannot be saved (unknown item, score outside 0–5)."""


class PackError(PlaybookError):
    """The client pack PDF could not be printed (no browser on the machine, or the browser
    failed); the message says how to install one. The HTML reports are written regardless."""


class RunReadError(PlaybookError):
    """A finished run folder or a portfolio file that cannot be read (``playbook compare``,
    ``playbook portfolio``, ``run --portfolio``): the message names the file, the key and what
    was expected."""
