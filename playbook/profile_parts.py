"""Checking ``profile.yaml`` part by part, so that one bad part is reported alone.

The model (:class:`playbook.profile.Profile`) refuses a bad key as a whole; a consultant needs
more: a typo in one key or one mapping entry must not switch off every other key, above all the
mappings (``files``, ``column_names``, ``value_names``), or ``playbook check`` would report false
"required table is missing" errors. :func:`validated` therefore reports each bad part as an
error and leaves it out (a mapping entry, a list item, a key, whose default then applies), and
checks the rest again; the mapping checks here are the model's validators too.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel, ValidationError

from playbook.problems import Problem
from playbook.schema import TABLES_BY_NAME

PROFILE_FILE = "profile.yaml"

#: A mapped export file: ``name.csv``, ``name.xlsx`` (its first sheet) or ``name.xlsx[Sheet]``.
EXPORT_FILE = re.compile(r"^(?P<name>[^/\\\[\]]+\.(?:csv|xlsx))(?:\[(?P<sheet>[^\]]+)\])?$", re.I)


def short(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut: a value from
    profile.yaml is never printed whole (it may be huge)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def key_path(parts) -> str:
    """The dotted path of a key of profile.yaml as shown in a message: cut to 120 characters,
    control characters (a terminal escape in a key) written as ``\\xNN``."""
    text = ".".join(map(str, parts))
    return short(_CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text), 120)


def export_file(entry: str) -> tuple[str, str | None]:
    """The file name and sheet (``None``: the first one) of a ``files`` entry; ValueError if it
    is not a .csv or .xlsx file of the workspace folder (no path; a sheet only for .xlsx)."""
    m = EXPORT_FILE.match(str(entry).strip())
    if not m or (m["sheet"] and not m["name"].lower().endswith(".xlsx")):
        raise ValueError(
            f"{short(entry)!r} must be the name of a .csv or .xlsx file in the workspace folder "
            "(no path), optionally with a sheet: `export.xlsx[Sheet name]`"
        )
    return m["name"], m["sheet"]


# --------------------------------------------------------------------------- mapping entries
# Each mapping (``files``, ``column_names``, ``value_names``) is checked entry by entry, so that
# one bad entry is reported alone and dropped while every other entry still applies.


def refuse(bad: list[tuple[tuple, str]]) -> None:
    """Raise the ``ValueError`` a pydantic validator raises, naming every bad entry."""
    if bad:
        raise ValueError("; ".join(message for _, message in bad))


def bad_file_entries(files: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``files`` (table → export file name)."""
    bad = []
    for table, name in files.items():
        if table not in TABLES_BY_NAME:
            bad.append(((table,), _unknown_table(table)))
        else:
            try:
                export_file(name)
            except ValueError as exc:
                bad.append(((table,), f"{short(table)}: {exc}"))
    return bad


def bad_column_entries(column_names: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``column_names`` (a table unknown: the
    table's whole mapping; a column unknown: that header's entry)."""
    bad = []
    for table, mapping in column_names.items():
        if table not in TABLES_BY_NAME:
            bad.append(((table,), _unknown_table(table)))
            continue
        spec = TABLES_BY_NAME[table]
        for header, columns in mapping.items():
            unknown = [
                c
                for c in (columns if isinstance(columns, list) else [columns])
                if c not in spec.column_names
            ]
            if unknown:
                bad.append(
                    (
                        (table, header),
                        f"{table}: no column {[short(c) for c in unknown]}; "
                        f"expected some of {spec.column_names}",
                    )
                )
    return bad


def bad_value_entries(value_names: dict) -> list[tuple[tuple, str]]:
    """``(key path, message)`` of every bad entry of ``value_names`` (``table.column`` unknown
    or without a fixed list: its whole mapping; a value not allowed: that value's entry)."""
    bad = []
    for key, mapping in value_names.items():
        table, _, column = key.partition(".")
        spec = TABLES_BY_NAME.get(table)
        col = next((c for c in spec.columns if c.name == column), None) if spec else None
        if col is None or col.kind != "enum":
            bad.append(
                (
                    (key,),
                    f"{short(key)!r}: expected table.column of a column with a fixed "
                    "list of values, such as deals.stage or partners.type",
                )
            )
            continue
        allowed = [str(a) for a in col.allowed]
        for raw, value in mapping.items():
            if value not in allowed:
                bad.append(
                    (
                        (key, raw),
                        f"{key}: {[short(value)]} not allowed; expected one of {allowed}",
                    )
                )
    return bad


def _unknown_table(name) -> str:
    return f"unknown table {short(name)!r}; expected one of {list(TABLES_BY_NAME)}"


#: The mappings checked entry by entry (see :func:`bad_file_entries` and the two after it).
_MAPPINGS = {
    "files": bad_file_entries,
    "column_names": bad_column_entries,
    "value_names": bad_value_entries,
}


def validated(model: type[BaseModel], data: dict, problems: list[Problem]):
    """The profile from ``data`` with every bad part reported alone (an error) and left out,
    so the valid rest (above all the mappings) still applies: a bad mapping entry drops that
    entry, an unknown key that key, a bad list item that item, any other bad value its key
    (its default applies). A bad or missing required key (``name``, ``client_id``) is replaced
    by a placeholder (:data:`_PLACEHOLDER`) so the rest is still checked; its error blocks every
    run. ``None`` only if the data cannot be made valid that way."""
    data = _without_bad_entries(data, problems)
    seen: set[tuple] = set()
    for _ in range(20):  # each pass drops at least one part; the keys are few
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errs = exc.errors()
        for err in errs:
            loc = tuple(err["loc"])
            if (loc, err["msg"]) not in seen:
                seen.add((loc, err["msg"]))
                problems.append(_problem(model, loc, err))
        # later list items first, so dropping one does not shift the index of another
        locs = sorted({_dropped_part(tuple(e["loc"])) for e in errs}, key=_item_last, reverse=True)
        if not all(_drop(model, data, loc) for loc in locs):
            return None
    return None


def _without_bad_entries(data: dict, problems: list[Problem]) -> dict:
    """``data`` without the bad entries of its mappings, each reported as an error."""
    data = dict(data)
    for key, bad_entries in _MAPPINGS.items():
        value = data.get(key)
        if not isinstance(value, dict) or not all(
            isinstance(m, (dict, str)) for m in value.values()
        ):
            continue  # the wrong shape: pydantic reports it and the key is dropped
        try:
            bad = bad_entries(value)
        except (AttributeError, TypeError):
            continue
        value = {k: dict(m) if isinstance(m, dict) else m for k, m in value.items()}
        for path, message in bad:
            problems.append(
                Problem(
                    PROFILE_FILE,
                    None,
                    key_path([key, *path]),
                    None,
                    f"{message}; this entry is ignored, the rest of profile.yaml applies",
                )
            )
            inner = value
            for step in path[:-1]:
                inner = inner[step]
            inner.pop(path[-1], None)
        data[key] = value
    return data


def _problem(model: type[BaseModel], loc: tuple, err: dict) -> Problem:
    """The problem of one pydantic error: the key path, the value, what was expected, and
    which part of profile.yaml is ignored because of it."""
    value = err.get("input")
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        known = list(model.model_fields) if len(loc) == 1 else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = "unknown key" + (f" (did you mean `{close[0]}`?)" if close else "")
    if loc and loc[0] in _required(model):
        message += "; no run until it is set (the rest of profile.yaml is still checked)"
    elif loc:
        message += (
            f"; `{key_path(_dropped_part(loc))}` is ignored, the rest of profile.yaml applies"
        )
    return Problem(
        PROFILE_FILE,
        None,
        key_path(loc),
        None if isinstance(value, dict) else short(value),
        message,
    )


def _required(model: type[BaseModel]) -> set[str]:
    return {name for name, f in model.model_fields.items() if f.is_required()}


#: What stands in for a bad required key while the rest of the profile is checked (never run:
#: the key's error blocks every run).
_PLACEHOLDER = {"name": "(name missing in profile.yaml)", "client_id": "missing-client-id"}


def _dropped_part(loc: tuple) -> tuple:
    """The key path left out because of an error at ``loc``: the entry of a mapping, the item
    of a list (``org_units.0``), else the top-level key."""
    if not loc:
        return loc
    if loc[0] in _MAPPINGS:
        return tuple(p for p in loc if p != "[key]")
    if len(loc) >= 2 and isinstance(loc[1], int):
        return loc[:2]
    return loc[:1]


def _item_last(loc: tuple) -> tuple:
    return (str(loc[0]), loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1)


def _drop(model: type[BaseModel], data: dict, part: tuple) -> bool:
    """Remove ``part`` (see :func:`_dropped_part`) from ``data``. False when nothing can be
    removed (the part is already gone). A required key gets its placeholder instead."""
    if part and part[0] in _required(model):
        stand_in = _PLACEHOLDER.get(part[0])
        if stand_in is None or data.get(part[0]) == stand_in:
            return False
        data[part[0]] = stand_in
        return True
    if not part or part[0] not in data:
        return False
    key, path = part[0], list(part[1:])
    if path and isinstance(data[key], list) and isinstance(path[0], int):
        data[key] = [x for i, x in enumerate(data[key]) if i != path[0]]
        return True
    if path and isinstance(data[key], dict):
        inner = data[key]
        for step in path[:-1]:
            if not isinstance(inner.get(step), dict):
                return data[key].pop(path[0], _GONE) is not _GONE
            inner = inner[step]
        return inner.pop(path[-1], _GONE) is not _GONE
    del data[key]
    return True


_GONE = object()


# --------------------------------------------------------------------------- the file

#: The largest profile.yaml read (a real one is a few kB).
MAX_PROFILE_BYTES = 1_000_000


def profile_file_problem(file: Path) -> str | None:
    """Why ``file`` (a workspace's profile.yaml) cannot be read, or None when it is a regular
    file of at most :data:`MAX_PROFILE_BYTES` inside its folder, or absent (reported as missing).
    What a readable workspace file is has one definition, :func:`playbook.readers.refusal`: a
    link to a file elsewhere, a folder, a pipe or a device is refused, never opened."""
    from playbook.readers import refusal  # readers imports profile: imported when used

    if not os.path.lexists(file):
        return None
    why = refusal(file.parent, file)
    if why:
        return why
    size = file.stat().st_size
    if size > MAX_PROFILE_BYTES:
        return (
            f"profile.yaml is {size:,} bytes; expected at most {MAX_PROFILE_BYTES:,} "
            "(a profile is a few kB)"
        )
    return None


# --------------------------------------------------------------------------- single values

#: What a client id may be: it names the run folders, so a short, safe file name.
CLIENT_ID_RULE = "1–64 characters of letters, digits, '-', '_' and '.', not starting with '.'"
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")

#: The longest client name accepted (it heads every report).
MAX_NAME = 200


def client_id_text(value) -> str:
    """``client_id`` as text (a YAML number such as ``7`` too); ValueError unless it follows
    :data:`CLIENT_ID_RULE`."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(
            f"expected text; the client id is {CLIENT_ID_RULE} (it names the run folders)"
        )
    text = str(value).strip()
    if not _CLIENT_ID.fullmatch(text):
        raise ValueError(f"the client id is {CLIENT_ID_RULE} (it names the run folders)")
    return text


#: Bidirectional overrides and isolates: they make a name read differently than it is stored.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def name_text(value: str) -> str:
    """The client name stripped; ValueError if blank, longer than :data:`MAX_NAME` or with a
    control character (a line break, a terminal escape, a bidirectional override)."""
    text = value.strip()
    if not text:
        raise ValueError("expected the client's name, not blank")
    if len(text) > MAX_NAME:
        raise ValueError(f"expected at most {MAX_NAME} characters, not {len(text):,}")
    if any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} or c in _BIDI for c in text):
        raise ValueError(
            "expected one line of text without control characters (line breaks, escapes, "
            "bidirectional overrides)"
        )
    return text


#: The longest name a client gives a partner type (it heads table columns and sentences).
MAX_TYPE_LABEL = 60


def type_label_text(value: str) -> str:
    """A client's name for a partner type, stripped; ValueError if blank, longer than
    :data:`MAX_TYPE_LABEL` or not one line of plain text."""
    text = str(value).strip()
    if not text:
        raise ValueError("expected a name for the partner type, not blank")
    if len(text) > MAX_TYPE_LABEL:
        raise ValueError(f"expected at most {MAX_TYPE_LABEL} characters, not {len(text):,}")
    if any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} or c in _BIDI for c in text):
        raise ValueError("expected one line of text without control characters")
    return text


#: Current ISO 4217 currency codes (active list, 2024), without the fund and precious-metal
#: codes (XAU, XDR, …), which no client reports in.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
    KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
    MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
    SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()
)


def currency_code(value: str) -> str:
    """``value`` if it is a current ISO 4217 code (:data:`ISO_4217`); ValueError otherwise."""
    if value not in ISO_4217:
        raise ValueError(
            "expected the ISO 4217 code of a current currency, in capitals, such as USD, EUR or GBP"
        )
    return value
