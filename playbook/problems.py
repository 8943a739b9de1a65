"""The one model of an input finding: :class:`Problem`.

Every part of loading a workspace (reading files, parsing tables, cross-table checks) reports
what it finds as problems; this module imports nothing of the playbook, so all of them can use it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about the input. ``level`` is ``error`` (blocks a run), ``warning`` or ``note``.

    ``row`` counts like a spreadsheet (header = row 1); ``None`` when the finding is about a whole
    file or column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    level: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{self.level.upper()} {where}{value} — {self.expected}"
