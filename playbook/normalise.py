"""Parsing of messy CRM-export cells into clean typed columns.

Each ``parse_*`` function takes a column of raw text (a ``pandas.Series`` of ``str`` or missing
values, as read from CSV or Excel) and returns ``(values, bad, changed)``:

* ``values`` – the parsed column (floats, ``Timestamp``s, canonical enum strings …), missing where
  the cell was blank or could not be parsed;
* ``bad`` – boolean mask of non-blank cells that could not be parsed unambiguously;
* ``changed`` – boolean mask of cells that parsed but had to be normalised (a currency symbol
  removed, a US date reordered, an enum re-cased), so the loader can say what it changed.

All work is vectorised over the column; nothing here loops over rows in Python.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from playbook.schema import MAX_YEAR, MIN_YEAR

BLANK_TOKENS = {"", "na", "n/a", "nan", "null", "none", "-", "—"}

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_CODES = "USD|EUR|GBP|JPY|INR|CHF|CAD|AUD|NZD|SEK|NOK|DKK"
_MONEY_DECOR = re.compile(
    rf"^\s*(?P<neg1>-)?\s*(?P<sym>[$€£¥₹]|(?:{_CODES})\s?)?\s*(?P<neg2>-)?"
    rf"(?P<num>[0-9][0-9,.]*)\s*(?P<code>\s(?:{_CODES})|[$€£¥₹])?\s*$"
)
# ASCII digits only: ``\d`` would also match Arabic-Indic and other digits, which
# ``pd.to_numeric`` cannot read (they became blank without a word).
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_PLAIN = re.compile(r"^[0-9]+(\.[0-9]+)?$")

#: Largest size (absolute value) of any number cell: 15 digits before the decimal point. Beyond
#: it a float no longer holds every unit exactly, sums can overflow to ``inf``, and an int column
#: cannot be cast; no partner-program figure comes near it.
MAX_DIGITS = 15
MAX_ABS = 10.0**MAX_DIGITS

# Full-width forms (``１２３``, ``＄``, ``（５）``, as East Asian input methods type them) read as
# their ASCII twins. Not NFKC: that would also turn ``10²`` into ``102`` and ``①`` into ``1``.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def blank_mask(raw: pd.Series) -> pd.Series:
    """Whether each cell is blank (missing, or a blank token once trimmed), computed on Arrow
    strings without making a Python object of any cell."""
    s = raw.astype("string").str.strip()
    return (s.isna() | s.str.lower().isin(list(BLANK_TOKENS))).fillna(True).astype(bool)


def strip_blank(raw: pd.Series, keep: frozenset[str] = frozenset()) -> pd.Series:
    """Trim whitespace and turn blank tokens (``''``, ``NA``, ``null``, ``-`` …) into missing.

    Tokens in ``keep`` (lower case) are real values for this column (an enum may allow ``none``).
    """
    s = raw.astype("string").str.strip()
    blank = s.isna() | s.str.lower().isin(list(BLANK_TOKENS - keep)).fillna(False)
    return s.astype("object").where(~blank.astype(bool), None)


_SIMPLE_NUMBER = r"^-?[0-9]{1,15}(?:\.[0-9]+)?$"


def too_large(text: str) -> bool:
    """Whether ``text`` holds a number with more than :data:`MAX_DIGITS` digits before its
    decimal point (thousands separators and leading zeros aside), for the rejection message."""
    digits = str(text).translate(_FULL_WIDTH).replace(",", "")
    return re.search(rf"(?<![0-9.])0*[1-9][0-9]{{{MAX_DIGITS},}}", digits) is not None


def parse_number(
    raw: pd.Series, *, money: bool = False, currency: str | None = None, percent: bool = False
):
    """Parse numbers such as ``1234``, ``1,234.50``, ``$1,200``, ``(300)``, ``7%``.

    Thousands separators must be commas in groups of three; a value like ``1.234,56`` or ``1,23``
    (decimal comma) is ambiguous and rejected, as is a space inside the digits (``1 5``). One
    sign at most: ``-5``, ``(5)`` and ``-$5`` are −5; ``--5``, ``(-5)`` and ``-(5)`` are
    rejected. Full-width digits (``１２３``) read as ASCII; other non-ASCII digits are rejected.
    Every value is finite with at most :data:`MAX_DIGITS` digits before the decimal point
    (``999…9`` would be ``inf``). With ``money``, a currency symbol or ISO code that
    contradicts ``currency`` (the profile's reporting currency) is rejected. Plain numbers take a
    fast vectorised path; only decorated values go through the full pattern. A cell that is not
    blank is either parsed or ``bad``, never silently missing.
    """
    s = strip_blank(raw)
    present = s.notna()
    simple = present & s.astype("string").str.match(_SIMPLE_NUMBER).fillna(False).astype(bool)
    values = pd.Series(np.nan, index=s.index, dtype="float64", name=raw.name)
    values[simple] = pd.to_numeric(s[simple], errors="coerce")
    bad = pd.Series(False, index=s.index)
    changed = pd.Series(False, index=s.index)
    rest = present & ~simple
    if rest.any():
        v, b, c = _parse_decorated(s[rest], money, currency, percent)
        values[rest], bad[rest], changed[rest] = v, b, c
    bad |= present & ~(values.abs() < MAX_ABS)  # NaN and ±inf fail the comparison too
    values = values.where(~bad)
    return values, bad, changed & ~bad


def _parse_decorated(s: pd.Series, money: bool, currency: str | None, percent: bool):
    original = s.astype(str)
    text = original.str.translate(_FULL_WIDTH).str.strip()
    neg_paren = text.str.match(r"^\(.*\)$")
    text = text.where(~neg_paren, text.str.slice(1, -1))
    pct = text.str.endswith("%")
    if percent:
        text = text.where(~pct, text.str.slice(0, -1))
    m = text.str.extract(_MONEY_DECOR)
    num = m["num"].fillna("").str.replace(r"\s", "", regex=True)
    ok = num.str.match(_GROUPED) | num.str.match(_PLAIN)
    sym_before = m["sym"].fillna("").str.strip()
    sym = sym_before.where(sym_before != "", m["code"].fillna("").str.strip())
    if money:
        codes = sym.map(lambda v: CURRENCY_SYMBOLS.get(v, v) if v else "")
        if currency:
            ok &= (codes == "") | (codes == currency.upper())
    else:
        ok &= sym == ""
    if not percent:
        ok &= ~pct
    values = pd.to_numeric(num.str.replace(",", "", regex=False).where(ok), errors="coerce")
    signs = neg_paren.astype(int) + m["neg1"].notna().astype(int) + m["neg2"].notna().astype(int)
    ok &= signs <= 1  # --5, (-5), -(5), -$-5: which sign was meant is not clear
    values = values.where(signs == 0, -values).where(ok)
    return values.astype("float64"), ~ok, ok


def parse_int(raw: pd.Series):
    """Parse whole numbers (thousands separators allowed); ``3.5`` is rejected."""
    values, bad, changed = parse_number(raw)
    frac = values.notna() & (values % 1 != 0)
    values = values.where(~frac)
    return values.astype("Int64"), bad | frac, changed


# A time of day after the date, as CRM exports write timestamps: "13:45", "13:45:00.000",
# "T13:45:00Z", "T13:45:00+0100", "1:45 PM". The calendar date is kept as written.
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
_TIME = (
    r"(?:(?:[ T]|,\s*)(?P<time>" + _CLOCK + r")\s*(?:[AaPp][Mm])?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME + "$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})" + _TIME + "$")
_ZERO_TIME = re.compile(r"^0{1,2}:00(?::00(?:\.0+)?)?$")

DATE_ORDERS = ("MDY", "DMY")


def year_out_of_range(text: str) -> bool:
    """Whether the year written in ``text`` (its first run of four or more digits, full-width
    read as ASCII) is outside :data:`MIN_YEAR`–:data:`MAX_YEAR`, for the rejection message."""
    year = re.search(r"(?<![0-9])[0-9]{4,}(?![0-9])", str(text).translate(_FULL_WIDTH))
    return year is not None and not MIN_YEAR <= int(year[0][:9]) <= MAX_YEAR


def parse_date(raw: pd.Series, date_order: str = "MDY"):
    """Parse ISO ``YYYY-MM-DD`` and slash dates, with or without a time of day.

    ``date_order`` says how the export writes slash dates: ``MDY`` (US, ``MM/DD/YYYY``, the
    default) or ``DMY`` (``DD/MM/YYYY``, also ``DD.MM.YYYY``); it is the workspace profile's
    ``date_order``. A slash date that cannot be in that order (a month above 12) is rejected
    rather than guessed, as are two-digit years, impossible dates such as 02/30/2024 and years
    outside :data:`MIN_YEAR`–:data:`MAX_YEAR`; full-width digits read as ASCII.
    A timestamp (``2024-01-02 13:45``, ``2024-01-02T13:45:00Z``, ``1/2/2024 1:45 PM``) keeps
    its calendar date as written; the time and any time zone are dropped (counted as
    normalised unless the time is midnight, which is how Excel writes plain dates).
    """
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    s = strip_blank(raw)
    present = s.notna()
    plain_iso = pd.to_datetime(s.where(present), format="%Y-%m-%d", errors="coerce")
    in_years = plain_iso.dt.year.between(MIN_YEAR, MAX_YEAR)
    if in_years.sum() == present.sum():  # fast path: every value is plain ISO, in range
        return plain_iso, pd.Series(False, index=s.index), pd.Series(False, index=s.index)
    original = s.fillna("").astype(str)
    text = original.str.translate(_FULL_WIDTH)  # ２０２４-０１-０５ reads as 2024-01-05
    iso = text.str.extract(_ISO)
    slash = text.str.extract(_US if date_order == "MDY" else _DAY_FIRST)
    s_month, s_day = (slash[0], slash[1]) if date_order == "MDY" else (slash[1], slash[0])
    clock = iso["time"].fillna(slash["time"])
    year = iso[0].fillna(slash[2])
    month = iso[1].fillna(s_month)
    day = iso[2].fillna(s_day)
    year = pd.to_numeric(year.where(year.str.fullmatch("[0-9]{4}").fillna(False)))
    frame = pd.DataFrame(
        {
            "year": year.where(year.between(MIN_YEAR, MAX_YEAR)),
            "month": pd.to_numeric(month, errors="coerce"),
            "day": pd.to_numeric(day, errors="coerce"),
        }
    )
    values = pd.to_datetime(frame, errors="coerce")
    ok = present & values.notna()
    dropped_time = clock.notna() & ~clock.fillna("").str.match(_ZERO_TIME)
    changed = ok & (slash[0].notna() | dropped_time | (text != original))
    return values.where(ok), present & ~ok, changed


def parse_month(raw: pd.Series, date_order: str = "MDY"):
    """Parse ``YYYY-MM`` months; a full date is accepted and truncated to its month."""
    s = strip_blank(raw)
    text = s.fillna("").astype(str)
    ym = text.str.extract(r"^(\d{4})-(\d{1,2})$")
    as_date = text.where(ym[0].isna(), ym[0] + "-" + ym[1] + "-01")
    values, bad, changed = parse_date(as_date.where(s.notna()), date_order)
    periods = values.dt.to_period("M")
    return periods, bad, changed & ym[0].isna()


_TOKEN_GAPS = r"[\s\-]+"  # runs of spaces and hyphens, which become one underscore


def canonical_token(s: pd.Series) -> pd.Series:
    """Lower-case, trim, and turn runs of spaces/hyphens into one underscore (a long column
    that repeats values, such as a million deals' products, on its distinct values only)."""
    if len(s) >= 1000 and not s.isna().any():
        codes, uniques = pd.factorize(s)
        if len(uniques) <= len(s) // 2:
            tokens = _canonical_tokens(pd.Series(uniques, dtype=s.dtype))
            return tokens.iloc[codes].set_axis(s.index).rename(s.name)
    return _canonical_tokens(s)


def _canonical_tokens(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip().str.lower().str.replace(_TOKEN_GAPS, "_", regex=True)


def canonical(text: str) -> str:
    """:func:`canonical_token` of one string (``"Opportunity ID"`` → ``"opportunity_id"``)."""
    return re.sub(_TOKEN_GAPS, "_", str(text).strip().lower())


def parse_enum(raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str] | None = None):
    """Match enum values ignoring case, stray spaces and space/hyphen vs underscore."""
    s = strip_blank(raw, keep=frozenset(allowed) | frozenset(aliases or ()))
    present = s.notna()
    token = canonical_token(s.fillna(""))
    if aliases:
        token = token.replace(aliases)
    ok = present & token.isin(allowed)
    values = token.where(ok)
    changed = ok & (s.fillna("") != values.fillna(""))
    return values, present & ~ok, changed


_TRUE = {"yes", "y", "true", "t", "1", "x"}
_FALSE = {"no", "n", "false", "f", "0"}


def parse_bool(raw: pd.Series):
    """Parse yes/no, true/false, y/n, 1/0 (any case); blank stays missing."""
    s = strip_blank(raw)
    present = s.notna()
    token = s.fillna("").astype(str).str.lower().str.replace(r"\.0$", "", regex=True)
    is_true = token.isin(_TRUE)
    is_false = token.isin(_FALSE)
    ok = present & (is_true | is_false)
    values = pd.Series(
        np.where(is_true, True, np.where(is_false, False, None)), index=s.index, dtype="object"
    ).where(ok)
    values = values.astype("boolean")
    changed = ok & ~token.isin({"yes", "no"})
    return values, present & ~ok, changed


def parse_text(raw: pd.Series):
    """Keep text as is, only trimming surrounding whitespace (counted as a change)."""
    text = raw.astype("string")
    stripped = text.str.strip()
    present = ~(stripped.isna() | stripped.str.lower().isin(list(BLANK_TOKENS))).fillna(True)
    present = present.astype(bool)
    changed = present & (text != stripped).fillna(False).astype(bool)
    values = stripped.astype("object").where(present, None)
    return values, pd.Series(False, index=raw.index), changed


# --------------------------------------------------------------------------- company keys

#: Legal-form words dropped from the end of a company name before names are compared.
LEGAL_SUFFIXES = (
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "sa",
    "sas",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "ag",
    "bv",
    "nv",
    "srl",
    "spa",
    "pty",
    "oy",
    "ab",
    "kk",
    "lp",
    "llp",
)
#: Python's ``\s`` for text spelled out as a class of the characters themselves: the same
#: characters (every one ``str.isspace()`` accepts), but a pattern pyarrow's RE2 can run over
#: a whole column (pandas runs a pattern holding ``\s`` in Python, value by value).
_SPACE = "[" + "".join(re.escape(chr(c)) for c in range(0x3001) if chr(c).isspace()) + "]"
_SUFFIX_RE = r"(?:" + _SPACE + r"(?:" + "|".join(LEGAL_SUFFIXES) + r"))+$"


def normalise_domain(values: pd.Series) -> pd.Series:
    """Normalised web domains: lower case; scheme (``http://``), ``www.``, user part of an
    e-mail address, port, path, query and trailing dot removed (``https://www.Acme.com/about``
    → ``acme.com``); blank → missing. Vectorised."""
    s = values.astype("string").str.strip().str.lower()
    s = s.str.replace(r"^[a-z][a-z0-9+.\-]*://", "", regex=True)
    s = s.str.replace(r"^[^@/]*@", "", regex=True)
    s = s.str.replace(r"[/?#:].*$", "", regex=True)
    s = s.str.replace(r"^www\d?\.", "", regex=True).str.rstrip(".")
    return s.where(s.str.len() > 0)


def normalise_name(values: pd.Series) -> pd.Series:
    """Normalised company names: lower case, ``&`` → ``and``, dots dropped, other punctuation →
    space, trailing legal suffixes (:data:`LEGAL_SUFFIXES`: Inc, LLC, Pty Ltd, GmbH, S.A., …)
    and a leading ``the`` dropped, spaces collapsed (``ACME, Inc.`` → ``acme``); blank →
    missing. Vectorised."""
    s = values.astype("string").str.lower().str.replace("&", " and ", regex=False)
    s = s.str.replace(".", "", regex=False)  # S.A. → sa, Inc. → inc
    s = s.str.replace(r"[^\w]+", " ", regex=True).str.strip()
    s = s.str.replace(_SUFFIX_RE, "", regex=True).str.replace("^the" + _SPACE, "", regex=True)
    s = s.str.replace(_SPACE + "+", " ", regex=True).str.strip()
    return s.where(s.str.len() > 0)


def on_uniques(values: pd.Series, normalise) -> pd.Series:
    """Apply ``normalise`` to the distinct values only, then spread back (lists repeat a lot)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    norm = normalise(pd.Series(uniques, dtype="string")).to_numpy(dtype=object, na_value=None)
    out = np.full(len(codes), None, dtype=object)
    present = codes >= 0
    out[present] = norm[codes[present]]
    return pd.Series(out, index=values.index, dtype="string")
