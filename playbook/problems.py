"""The one model of an input finding: :class:`Problem`; and :class:`Fill`, one fill rule applied.

Every part of loading a workspace (reading files, parsing tables, cross-table checks) reports
what it finds as problems; this module imports nothing of the playbook, so all of them can use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters: an ``error`` blocks a run; a ``warning`` is shown on the
    summary page; a ``note`` says what was normalised."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One finding about the input, of a :class:`Severity` (``level``).

    ``row`` counts like a spreadsheet (header = row 1); ``None`` when the finding is about a whole
    file or column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    level: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{self.level.upper()} {where}{value} — {self.expected}"


@dataclass(frozen=True)
class Fill:
    """One fill rule applied to a client's data: which ``table.column`` it filled, derived or
    set aside, on how many ``rows``, and what it did in plain words (``rule``, e.g. "open deals
    without an amount: pipeline value unknown, not counted as 0")."""

    table: str
    column: str
    rows: int
    rule: str
    #: Rules of one kind applied value by value (e.g. each partner name read as a partner)
    #: share a ``group``: ``playbook check`` lists each, a report shows the group as one line
    #: (:func:`report_lines`).
    group: str = ""

    @property
    def text(self) -> str:
        """The one line ``playbook check`` shows for this rule (a report too, unless grouped)."""
        noun = "row" if self.rows == 1 else "rows"
        return f"{self.table}.{self.column}: {self.rule} ({self.rows:,} {noun})"


def report_lines(fills: Iterable[Fill]) -> list[str]:
    """The lines a report header shows for ``fills``: each ungrouped rule's :attr:`Fill.text`;
    the rules of one ``group`` on one column as a single line with their number and total rows
    (in the order first seen)."""
    lines: list[str | tuple[str, str, str]] = []
    grouped: dict[tuple[str, str, str], list[Fill]] = {}
    for fill in fills:
        if not fill.group:
            lines.append(fill.text)
            continue
        key = (fill.table, fill.column, fill.group)
        if key not in grouped:
            lines.append(key)
        grouped.setdefault(key, []).append(fill)
    out = []
    for line in lines:
        if isinstance(line, str):
            out.append(line)
            continue
        members = grouped[line]
        rows = sum(f.rows for f in members)
        noun = "row" if rows == 1 else "rows"
        out.append(
            f"{line[0]}.{line[1]}: {len(members):,} {line[2]} ({rows:,} {noun}; "
            "each listed by playbook check)"
        )
    return out


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that block a run."""
    return [p for p in problems if p.level == Severity.ERROR]


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem blocks a run."""
    return any(p.level == Severity.ERROR for p in problems)


def same_cause(problems: Iterable[Problem]) -> list[list[Problem]]:
    """The problems grouped by root cause: same level, file, column and message (``expected``,
    compared with its numbers left out, so "duplicate of row 3" and "duplicate of row 9" are
    one cause), each group in the order given and the groups in the order of their first
    problem. One cause found in 2,000 rows is one group, so it can be printed as one line."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.level, p.file, p.column, _NUMBERS.sub("#", p.expected)), []).append(p)
    return list(groups.values())


_NUMBERS = re.compile(r"\d+")


def one_line(group: list[Problem], examples: int = 3) -> str:
    """One line for a group of :func:`same_cause`: the problem itself when alone, else the
    count of rows with the first ``examples`` row numbers and values."""
    first = group[0]
    if len(group) == 1:
        return str(first)
    where = first.file + (f", column {first.column}" if first.column else "")
    shown = [
        f"row {p.row}" + ("" if p.value is None else f" {p.value!r}") for p in group[:examples]
    ]
    more = f", … ({len(group) - examples} more)" if len(group) > examples else ""
    varies = any(p.expected != first.expected for p in group)
    return (
        f"{first.level.upper()} {where}: {len(group)} rows ({', '.join(shown)}{more}) "
        f"— {first.expected}" + (" (for the first; the numbers differ by row)" if varies else "")
    )


#: What a terminal acts on instead of showing: C0 controls but newline and tab, DEL, C1
#: controls (``\x9b`` is a one-byte CSI), and the bidirectional marks and overrides that reorder
#: a line as displayed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print to a terminal: each control character (:data:`_CONTROL`) shown
    as a visible escape (ESC as ``\\x1b``, U+202E as ``\\u202e``), so a header, a cell or a
    file name cannot retitle the window, clear the screen or rewrite a line. Newlines and tabs
    stay. Every line ``playbook`` prints from client input goes through here."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


#: The first characters that make a spreadsheet read a CSV cell as a formula (OWASP CSV
#: injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` as a cell of a CSV file we write: text starting with one of
    :data:`FORMULA_STARTS` gets a leading ``'`` so Excel or LibreOffice shows it as text
    instead of running it (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``); anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
