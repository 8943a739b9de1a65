"""Number formatting for reports: money, ratios, percentages; missing values shown as "—"."""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

MISSING = "—"
MINUS = "\u2212"  # the minus sign of negative money and signed changes


class Unit(StrEnum):
    """How a metric's value is expressed (and so formatted)."""

    MONEY = "money"  # currency amount: fmt_money
    RATIO = "ratio"  # plain number: fmt_ratio
    SCORE = "score"  # score on a scale (e.g. certification 0–4): fmt_ratio


def fmt_money(value, currency: str, decimals: int = 0) -> str:
    """``1234.5`` → ``USD 1,235`` (joined by a no-break space); a negative amount puts its
    minus sign before the currency: ``-163709`` → ``−USD 163,709`` (the one way negative money
    is written); an amount that rounds to zero is ``USD 0``; missing → ``—``."""
    if value is None or pd.isna(value):
        return MISSING
    text = f"{abs(value):,.{decimals}f}"
    sign = MINUS if value < 0 and text.strip("0.,") else ""
    return f"{sign}{currency}\u00a0{text}"  # no-break space: never split in a cell


def fmt_ratio(value, decimals: int = 2) -> str:
    """``3.4812`` → ``3.48``; missing → ``—``."""
    return MISSING if value is None or pd.isna(value) else f"{value:,.{decimals}f}"


#: Decimals :func:`fmt_percent` may add so that a share that is not zero does not read as one.
EXTRA_PERCENT_DECIMALS = 3


def fmt_percent(value, decimals: int = 1) -> str:
    """A share 0–1 as a percentage: ``0.123`` → ``12.3%``, ``-0.05`` → ``−5.0%``; missing →
    ``—``. Every ratio a client reads as a share (ROI, conversion, completion, response rate)
    is shown this way, never as ``0.12``. A share too small for ``decimals`` gets up to
    :data:`EXTRA_PERCENT_DECIMALS` more, to its first digit: ``0.0004`` → ``0.04%`` (each of
    ten thousand partners' share of revenue, not a column of ``0.0%``); below that it reads
    ``0.0%``."""
    if value is None or pd.isna(value):
        return MISSING
    shown = decimals
    text = f"{abs(value):,.{shown}%}"
    while value and not text.strip("0.,%") and shown < decimals + EXTRA_PERCENT_DECIMALS:
        shown += 1
        text = f"{abs(value):,.{shown}%}"
    if not text.strip("0.,%"):
        return f"{0:.{decimals}%}"
    return f"{MINUS}{text}" if value < 0 else text


def fmt_int(value) -> str:
    """A whole number with thousands separators, rounded: ``1234.0`` → ``1,234``; missing →
    ``—``."""
    return MISSING if value is None or pd.isna(value) else f"{round(value):,}"


def fmt_date(iso, short: bool = False) -> str:
    """An ISO date in words: ``2026-09-30`` → ``30 September 2026`` (``short``: ``30 Sep
    2026``); "" for no date."""
    if iso is None or iso == "" or (not isinstance(iso, str) and pd.isna(iso)):
        return ""
    day = pd.Timestamp(iso)
    return f"{day.day} {day:%b %Y}" if short else f"{day.day} {day:%B %Y}"


def format_frame(
    frame: pd.DataFrame,
    money=(),
    ratio=(),
    percent=(),
    integer=(),
    currency: str = "USD",
    money_decimals: int = 0,
) -> pd.DataFrame:
    """Text copy of ``frame`` with the named columns formatted; other missing values → ``—``."""
    out = frame.copy().astype("object")
    for col in money:
        out[col] = frame[col].map(lambda v: fmt_money(v, currency, money_decimals))
    for col in ratio:
        out[col] = frame[col].map(fmt_ratio)
    for col in percent:
        out[col] = frame[col].map(fmt_percent)
    for col in integer:
        out[col] = frame[col].map(fmt_int)
    return out.where(out.notna(), MISSING)


#: Items a sentence (a takeaway, a finding) names before "and N more".
PROSE_NAMES = 5
#: Items a table cell names before "and N more" (the full list is in the workbook's long tables).
CELL_NAMES = 10


def _merged(values) -> list[tuple[str, int]]:
    """The texts of ``values`` once each, in order of first appearance, with how often each
    appears; blanks (``None``, NaN, ``""``) left out."""
    counts: dict[str, int] = {}
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        text = str(value)
        if text:
            counts[text] = counts.get(text, 0) + 1
    return list(counts.items())


def name_list(
    values, limit: int = PROSE_NAMES, sep: str = ", ", and_last: bool = False, empty: str = ""
) -> str:
    """The one way a report lists names (partners, offers, components, people …): at most
    ``limit`` items named, in the order given, then "and N more".

    - A text that appears more than once is named once with how many times it appears:
      ``["Priya Nair", "Priya Nair", "Omar"]`` → "Priya Nair ×2, Omar". No item text repeats
      in one list.
    - **N counts the items not named**, every appearance counted: the named items' counts plus
      N always add up to the number of (non-blank) values, so "and 1,234 more" stays true of
      partners that share a name. N is written with thousands separators (:func:`fmt_int`).
    - ``sep`` joins the named items; with the default ", " the tail is " and N more", with any
      other separator (e.g. "; " for items holding commas) it is ``sep`` + "and N more".
    - ``and_last``: when every item is named, the last two are joined by " and " ("A, B and
      C"), as in a sentence.
    - Blanks are left out; no item at all → ``empty``.

    ``["A", …, "L"]`` (12 names), ``limit=5`` → "A, B, C, D, E and 7 more".
    """
    items = _merged(values)
    if not items:
        return empty
    texts = [text if n == 1 else f"{text} ×{fmt_int(n)}" for text, n in items]
    if len(items) <= limit:
        if and_last and len(texts) > 1:
            return sep.join(texts[:-1]) + " and " + texts[-1]
        return sep.join(texts)
    more = sum(n for _, n in items[limit:])
    tail = " and " if sep == ", " else sep + "and "
    return sep.join(texts[:limit]) + f"{tail}{fmt_int(more)} more"
