"""Turning one raw table (a frame of text, as :mod:`playbook.sources` reads it) into typed columns.

:func:`parse_table` finds the header row, maps the export's headers and values onto the schema's
(:mod:`playbook.schema`, with profile.yaml's ``column_names`` / ``value_names``), parses every
column to its kind with :mod:`playbook.normalise`, and reports every cell it rejects or
normalises as a :class:`~playbook.problems.Problem` naming file, row and column.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from playbook import normalise
from playbook.labels import plural
from playbook.problems import Problem, Severity
from playbook.readers import column_label, with_header
from playbook.schema import Column, Table


def parse_table(
    spec: Table,
    raw: pd.DataFrame,
    source: str,
    currency: str = "USD",
    date_order: str = "MDY",
    column_names: dict[str, str | list[str]] | None = None,
    value_names: dict[str, dict[str, str]] | None = None,
    value_from: dict[str, tuple[str, dict[str, str]]] | None = None,
):
    """Normalise one raw table against its spec.

    ``currency`` and ``date_order`` come from the profile (reporting currency; whether slash
    dates are month-first ``MDY`` or day-first ``DMY``), as do ``column_names`` (export header
    → our column, or the list of our columns it feeds; several headers mapped to one column
    fill it with the first non-blank), ``value_names`` (our column → {export value → allowed
    value}) and ``value_from`` (our column → (export header, {its value → allowed value}):
    where that export column has one of those values, it sets ours).

    Returns ``(frame, problems)``: the typed frame (every schema column present, unknown columns
    dropped) and every problem found, including notes on what was normalised. The frame's
    ``attrs`` hold ``bad_cells`` (the ``(row, column)`` cells rejected) and
    ``supplied_columns`` (the schema columns the export has, blank or not).
    """
    problems: list[Problem] = []
    raw, header_line, as_exported = _headers(spec, raw, source, column_names, problems)
    # Drop rows that are entirely blank (trailing lines of spreadsheets) but keep numbering.
    blank_row = _blank_rows(raw)
    used = _apply_value_from(raw, value_from or {}, source, header_line, problems)
    columns = [c for c in raw.columns if c not in used]
    _report_unused_columns(spec, columns, source, header_line, as_exported, problems)
    out, bad_cells = _typed_columns(
        spec, raw, blank_row, source, header_line, currency, date_order, value_names, problems
    )
    out = out.loc[~blank_row]
    if spec.key:
        _check_duplicate_keys(spec, out, source, problems)
    out = out.reset_index(drop=True).assign(_row=(out.index + 2).to_numpy())
    out.attrs["bad_cells"] = bad_cells
    out.attrs["supplied_columns"] = [c for c in spec.column_names if c in raw.columns]
    return out, problems


# --------------------------------------------------------------------------- the steps


def _headers(
    spec: Table,
    raw: pd.DataFrame,
    source: str,
    column_names: dict[str, str | list[str]] | None,
    problems: list[Problem],
) -> tuple[pd.DataFrame, int, dict[str, str]]:
    """The table below its header row, under our column names (title rows skipped, headers
    canonicalised and mapped, repeated columns reported and dropped), with the header's row
    number and each of our names' header as exported."""
    raw = raw.reset_index(drop=True)
    mapped = {normalise.canonical(k): v for k, v in (column_names or {}).items()}
    raw, header_line = _skip_title_rows(raw, spec, mapped)
    if header_line > 1:
        problems.append(
            Problem(
                source,
                header_line,
                None,
                None,
                f"headers found on row {header_line}; the title rows above are ignored",
                level=Severity.NOTE,
            )
        )
    tokens = list(normalise.canonical_token(pd.Series(list(raw.columns), dtype="object")))
    _report_repeated_headers(raw, tokens, source, header_line, problems)
    # A header mapped to a list of our columns feeds each of them: one copy per column.
    spread = [(i, t, name) for i, t in enumerate(tokens) for name in _targets(mapped, t)]
    raw = raw.iloc[:, [i for i, _, _ in spread]]
    tokens = [t for _, t, _ in spread]
    headers = [name for _, _, name in spread]
    renamed = [(str(old), new) for old, new in zip(raw.columns, headers, strict=True) if old != new]
    if renamed:
        problems.append(
            Problem(
                source,
                header_line,
                None,
                ", ".join(dict.fromkeys(old for old, _ in renamed)),
                "column headers normalised to " + ", ".join(new for _, new in renamed),
                level=Severity.NOTE,
            )
        )
    as_exported = {new: str(old) for old, new in zip(raw.columns, headers, strict=True)}
    raw = _combine_mapped(raw, tokens, headers, list(mapped), source, header_line, problems)
    raw = raw.loc[:, ~raw.columns.duplicated()]  # repeated headers: an error given above
    return raw, header_line, as_exported


def _report_repeated_headers(
    raw: pd.DataFrame, tokens: list[str], source: str, header_line: int, problems: list[Problem]
) -> None:
    """An error for each header the export has more than once (``amount`` and ``Amount``),
    naming the columns by number and letter: which one holds the values is not guessed."""
    numbers = raw.attrs.get("column_numbers") or list(range(1, raw.shape[1] + 1))
    if len(numbers) != raw.shape[1]:
        numbers = list(range(1, raw.shape[1] + 1))
    at: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        at.setdefault(token, []).append(i)
    for positions in at.values():
        if len(positions) > 1:
            where = [column_label(numbers[i]) for i in positions]
            problems.append(
                Problem(
                    source,
                    header_line,
                    str(raw.columns[positions[0]])[:80],
                    None,
                    "the same header in columns "
                    + ", ".join(where[:-1])
                    + f" and {where[-1]}: only one can be read; rename or delete the other",
                )
            )


def _targets(mapped: dict[str, str | list[str]], token: str) -> list[str]:
    """Our column(s) a canonical export header feeds: its mapping (one name or a list), else
    the header itself."""
    target = mapped.get(token, token)
    return list(target) if isinstance(target, list) else [target]


def _combine_mapped(
    raw: pd.DataFrame,
    tokens: list[str],
    names: list[str],
    order: list[str],
    source: str,
    header_line: int,
    problems: list[Problem],
) -> pd.DataFrame:
    """``raw`` under our column ``names``, where several *different* export headers (``tokens``,
    canonical) that ``column_names`` maps to one column become that one column: the first
    non-blank of them in the order of the mapping (``order``; a header already named as ours
    first), with a note. The same header twice stays a duplicate (an error)."""
    exported = [str(c) for c in raw.columns]
    raw = raw.set_axis(range(raw.shape[1]), axis=1)
    keep: list[int] = []
    for pos, name in enumerate(names):
        group = [i for i, n in enumerate(names) if n == name]
        distinct = len({tokens[i] for i in group}) == len(group)
        if len(group) == 1 or not distinct:
            keep.append(pos)
            continue
        if pos != group[0]:
            continue
        group.sort(key=lambda i: order.index(tokens[i]) + 1 if tokens[i] in order else 0)
        combined = raw[group[0]]
        for i in group[1:]:
            combined = combined.where(normalise.strip_blank(combined).notna(), raw[i])
        raw[pos] = combined
        keep.append(pos)
        problems.append(
            Problem(
                source,
                header_line,
                name,
                None,
                f"{name} is the first non-blank of "
                + ", ".join(exported[i] for i in group)
                + " (profile.yaml column_names maps them all to it)",
                level=Severity.NOTE,
            )
        )
    out = raw[keep]
    out.columns = [names[i] for i in keep]
    return out


def _apply_value_from(
    raw: pd.DataFrame,
    value_from: dict[str, tuple[str, dict[str, str]]],
    source: str,
    header_line: int,
    problems: list[Problem],
) -> set[str]:
    """Set each column of ``value_from`` from its export column where that column has a listed
    value (in place, before typing, so the column's own checks see the result); a note with
    the count, an error when the export column is missing. Returns the export columns used."""
    used: set[str] = set()
    for column, (header, mapping) in value_from.items():
        token = normalise.canonical(header)
        if token not in raw.columns:
            problems.append(
                Problem(
                    source,
                    header_line,
                    header,
                    None,
                    f"column not found: profile.yaml value_from sets {column} from it",
                )
            )
            continue
        used.add(token)
        lookup = {normalise.canonical(k): v for k, v in mapping.items()}
        hit = normalise.canonical_token(raw[token].fillna("")).map(lookup)
        current = raw[column] if column in raw.columns else pd.Series(None, index=raw.index)
        raw[column] = hit.where(hit.notna(), current)
        n = int(hit.notna().sum())
        if n:
            problems.append(
                Problem(
                    source,
                    None,
                    column,
                    None,
                    f"{plural(n, 'value')} taken from {header} (profile.yaml value_from: "
                    + ", ".join(f"{k} → {v}" for k, v in mapping.items())
                    + ")",
                    level=Severity.NOTE,
                )
            )
    return used


def _report_unused_columns(
    spec: Table,
    columns: list[str],
    source: str,
    header_line: int,
    as_exported: dict[str, str],
    problems: list[Problem],
) -> None:
    """One warning naming every column the playbook does not use, as exported."""
    extras = [c for c in columns if c not in spec.column_names]
    if extras:  # one line for all of them: CRM exports often carry dozens
        problems.append(
            Problem(
                source,
                header_line,
                ", ".join(as_exported.get(c, c) for c in extras),
                None,
                f"{plural(len(extras), 'column')} not used by the playbook, ignored (map one with "
                f"profile.yaml column_names if it is one of ours: {', '.join(spec.column_names)})",
                level=Severity.WARNING,
            )
        )


def _typed_columns(
    spec: Table,
    raw: pd.DataFrame,
    blank_row: pd.Series,
    source: str,
    header_line: int,
    currency: str,
    date_order: str,
    value_names: dict[str, dict[str, str]] | None,
    problems: list[Problem],
) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """Every schema column parsed to its kind (a missing one all blank, an error if required)
    and the ``(row, column)`` cells that could not be parsed."""
    out = pd.DataFrame(index=raw.index)
    bad_cells: set[tuple[int, str]] = set()
    for col in spec.columns:
        if col.name not in raw.columns:
            if col.required:
                problems.append(
                    Problem(
                        source,
                        header_line,
                        col.name,
                        None,
                        f"required column is missing ({col.description})",
                    )
                )
            # Absent is the same as present and blank: typed like the column (never object NA).
            blank = pd.Series(None, index=raw.index, dtype="object")
            out[col.name] = _parse_column(col, blank, currency, date_order, None)[0]
            continue
        cells = raw[col.name].where(~blank_row)
        values, bad, changed = _parse_column(
            col, cells, currency, date_order, (value_names or {}).get(col.name)
        )
        _report_column(
            col, raw, values, bad, changed, blank_row, source, date_order, problems, bad_cells
        )
        out[col.name] = values
    return out, bad_cells


def _report_column(
    col: Column,
    raw: pd.DataFrame,
    values: pd.Series,
    bad: pd.Series,
    changed: pd.Series,
    blank_row: pd.Series,
    source: str,
    date_order: str,
    problems: list[Problem],
    bad_cells: set[tuple[int, str]],
) -> None:
    """The problems of one parsed column: rejected cells (added to ``bad_cells``), values out
    of range, missing required values, and a note on how many values were normalised."""
    for row in _rows(bad):
        value = str(raw.at[row - 2, col.name])
        expected = _expected(col, value, date_order)
        problems.append(Problem(source, row, col.name, _shown(value), expected))
        bad_cells.add((row, col.name))
    if col.kind in ("money", "number", "int", "percent"):
        out_of_range = _range_mask(col, values)
        for row in _rows(out_of_range):
            problems.append(
                Problem(
                    source,
                    row,
                    col.name,
                    str(raw.at[row - 2, col.name]),
                    f"expected {col.expected}",
                )
            )
    if col.required:
        missing = values.isna() & ~bad & ~blank_row
        for row in _rows(missing):
            problems.append(Problem(source, row, col.name, "", f"value required: {col.expected}"))
    n_changed = int(changed.sum())
    if n_changed:
        example = raw.loc[changed, col.name].iloc[0]
        problems.append(
            Problem(
                source,
                None,
                col.name,
                str(example),
                f"{plural(n_changed, 'value')} normalised to {_expected_text(col, date_order)}",
                level=Severity.NOTE,
            )
        )


def _check_duplicate_keys(
    spec: Table, out: pd.DataFrame, source: str, problems: list[Problem]
) -> None:
    """An error for every row repeating the key (``spec.key``) of an earlier row."""
    keyed = out[list(spec.key)].astype("object").where(out[list(spec.key)].notna(), "")
    keyed = keyed.astype(str)
    dup = keyed.duplicated(keep="first") & keyed.ne("").any(axis=1)
    if dup.any():  # only the duplicates are looked at one by one
        firsts = keyed[~keyed.duplicated(keep="first")]
        first_row = {
            tuple(k): i + 2
            for i, k in zip(firsts.index, firsts.itertuples(index=False), strict=True)
        }
        for idx in keyed.index[dup]:
            key = tuple(keyed.loc[idx])
            problems.append(
                Problem(
                    source,
                    idx + 2,
                    ", ".join(spec.key),
                    " / ".join(key),
                    f"duplicate of row {first_row[key]}: {'/'.join(spec.key)} must be unique",
                )
            )


# --------------------------------------------------------------------------- helpers


def _blank_rows(raw: pd.DataFrame) -> pd.Series:
    """Rows blank in every column (:func:`playbook.normalise.blank_mask`), looked for column by
    column among the rows still blank so far (after the first column, hardly any)."""
    blank = pd.Series(True, index=raw.index)
    for position in range(raw.shape[1]):
        if not blank.any():
            break
        candidates = blank[blank].index
        blank.loc[candidates] = normalise.blank_mask(raw.iloc[:, position].loc[candidates])
    return blank


#: A column with at most this share of distinct values is parsed distinct value by distinct
#: value (more: factorising and spreading back would cost more than it saves).
DISTINCT_SHARE = 0.2


def _parse_column(
    col: Column,
    raw: pd.Series,
    currency: str,
    date_order: str,
    value_names: dict[str, str] | None = None,
):
    """``(values, bad, changed)`` of one column: every parse is a function of the cell alone,
    so a column that repeats values (ids of partners, stages, dates) is parsed on its distinct
    values only and spread back."""
    sample = raw.iloc[:10_000]  # mostly distinct values (ids) are seen in the first rows
    if len(raw) < 1000 or sample.nunique(dropna=False) > DISTINCT_SHARE * len(sample):
        return _parse_cells(col, raw, currency, date_order, value_names)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    if len(uniques) > DISTINCT_SHARE * len(raw):
        return _parse_cells(col, raw, currency, date_order, value_names)
    distinct = pd.Series(uniques, name=raw.name).reindex(range(len(uniques) + 1))  # + missing
    parsed = _parse_cells(col, distinct, currency, date_order, value_names)
    at = np.where(codes < 0, len(uniques), codes)
    return tuple(p.iloc[at].set_axis(raw.index) for p in parsed)


def _parse_cells(
    col: Column,
    raw: pd.Series,
    currency: str,
    date_order: str,
    value_names: dict[str, str] | None = None,
):
    if col.kind in ("money", "number", "percent"):
        return normalise.parse_number(
            raw, money=col.kind == "money", currency=currency, percent=col.kind == "percent"
        )
    if col.kind == "int":
        return normalise.parse_int(raw)
    if col.kind == "date":
        return normalise.parse_date(raw, date_order)
    if col.kind == "month":
        return normalise.parse_month(raw, date_order)
    if col.kind == "enum":
        aliases = {
            **col.aliases,
            **{normalise.canonical(k): v for k, v in (value_names or {}).items()},
        }
        return normalise.parse_enum(raw, col.allowed, aliases)
    if col.kind == "bool":
        return normalise.parse_bool(raw)
    return normalise.parse_text(raw)


def _range_mask(col: Column, values: pd.Series) -> pd.Series:
    lo = 0 if col.kind == "percent" else col.min
    hi = 100 if col.kind == "percent" else col.max
    out = pd.Series(False, index=values.index)
    if lo is not None:
        out |= values.notna() & (values < lo)
    if hi is not None:
        out |= values.notna() & (values > hi)
    return out.fillna(False).astype(bool)


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) + 2 for i in mask[mask].index]


def _skip_title_rows(
    raw: pd.DataFrame, spec: Table, mapped: dict[str, str], scan: int = 15
) -> tuple[pd.DataFrame, int]:
    """Find the header row when a spreadsheet export starts with title rows (report name,
    filters, a blank line): the first of the top ``scan`` rows naming two or more of the
    table's columns. Returns the frame below it (index kept, so row numbers stay spreadsheet
    rows) and the header's row number (1 when the first row already is the header)."""

    def known(values) -> int:
        names = (n for v in values for n in _targets(mapped, normalise.canonical(v)))
        return sum(n in spec.column_names for n in names)

    if known(raw.columns) >= 2 or len(spec.column_names) < 2:
        return raw, 1
    for k in range(min(scan, len(raw))):
        if known(raw.iloc[k]) >= 2:
            return with_header(list(raw.iloc[k]), raw.iloc[k + 1 :]), k + 2
    return raw, 1


#: Longest rejected value a problem shows whole; a longer one is cut, with its length.
SHOWN_CHARS = 60


def _shown(value: str) -> str:
    """A rejected cell as a problem shows it: whole up to :data:`SHOWN_CHARS` characters."""
    if len(value) <= SHOWN_CHARS:
        return value
    return f"{value[:SHOWN_CHARS]}… ({len(value):,} characters)"


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{4}\s*$")


def _expected_text(col: Column, date_order: str) -> str:
    if col.kind == "date" and date_order == "DMY":
        return "a date as YYYY-MM-DD or DD/MM/YYYY"
    return col.expected


def _expected(col: Column, value: str, date_order: str = "MDY") -> str:
    """What a rejected cell should have been, with the likely cause for a wrong-order date."""
    if col.kind in ("money", "number", "int", "percent") and normalise.too_large(value):
        return (
            f"out of range: expected {col.expected} with at most {normalise.MAX_DIGITS} digits "
            "before the decimal point"
        )
    if col.kind in ("date", "month") and normalise.year_out_of_range(value):
        return (
            f"out of range: expected {_expected_text(col, date_order)} in the years "
            f"{normalise.MIN_YEAR} to {normalise.MAX_YEAR}"
        )
    slash = _SLASH_DATE.match(value) if col.kind == "date" else None
    if slash and date_order == "MDY" and 12 < int(slash[1]) <= 31:
        return (
            "looks day-first (DD/MM/YYYY), which is ambiguous in this US-order (MM/DD/YYYY) "
            "export: re-export dates as YYYY-MM-DD, or set `date_order: DMY` in "
            "profile.yaml if the whole workspace writes dates day-first"
        )
    if slash and date_order == "DMY" and 12 < int(slash[2]) <= 31:
        return (
            "looks month-first (MM/DD/YYYY), but profile.yaml says `date_order: DMY` "
            "(DD/MM/YYYY): re-export dates as YYYY-MM-DD"
        )
    return f"expected {_expected_text(col, date_order)}"
