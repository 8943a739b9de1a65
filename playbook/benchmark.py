"""Where one value stands among the consultancy's clients: quartiles and positions.

Quartiles are computed by **linear interpolation between order statistics** (Hyndman and
Fan's type 7, as numpy's default ``quantile``, R's default and Excel's ``QUARTILE.INC``): for
the ``n`` known values sorted ``x[0] ≤ … ≤ x[n-1]``, the ``p`` quantile sits at position
``h = (n − 1)·p``, and is ``x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])``. So for 1, 2, 3, 4 the
lower quartile is 1.75, the median 2.5 and the upper quartile 3.25. A missing value (``None``)
is left out, never counted as 0: ``n`` is the number of clients that have the figure.

A value's **position** among them: ``lowest quarter`` (below the lower quartile), ``below
the median`` (from the lower quartile up to the median), ``at the median``, ``above the
median`` (up to the upper quartile), ``highest quarter`` (above the upper quartile). With
fewer than :data:`MIN_CLIENTS` clients no position is given: quarters of three values say
nothing.

A portfolio file (``playbook portfolio`` writes it; ``playbook run --portfolio FILE`` reads it)
holds, per headline figure, ``n``, ``q1``, ``median``, ``q3``; :func:`read_portfolio`
checks it and :func:`standing` places a run's own figures in it for its summary page.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from playbook import headlines, industry
from playbook.exceptions import RunReadError
from playbook.formatting import MISSING
from playbook.labels import plural

#: Fewest clients with a figure for a position among them to be given.
MIN_CLIENTS = 4

#: The positions, lowest first; a lower position is worse when higher is better.
POSITIONS = (
    "lowest quarter",
    "below the median",
    "at the median",
    "above the median",
    "highest quarter",
)

#: What a portfolio file is recognised by, and the version of its layout.
KIND, VERSION = "playbook-portfolio", 1


def quantile(values: list[float], p: float) -> float | None:
    """The ``p`` quantile (0–1) of the known ``values`` by linear interpolation between
    order statistics (see the module docstring); ``None`` when no value is known."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return None
    h = (len(known) - 1) * p
    low = math.floor(h)
    if low + 1 >= len(known):
        return float(known[-1])
    return known[low] + (h - low) * (known[low + 1] - known[low])


def distribution(values: list[float | None]) -> dict:
    """``n`` (known values), ``q1``, ``median`` and ``q3`` of ``values`` (``None`` each
    when no value is known)."""
    known = [v for v in values if v is not None]
    return {
        "n": len(known),
        "q1": quantile(known, 0.25),
        "median": quantile(known, 0.5),
        "q3": quantile(known, 0.75),
    }


def position(value: float | None, dist: dict) -> str:
    """Where ``value`` stands in ``dist`` (one of :data:`POSITIONS`); "" when the value is
    missing or fewer than :data:`MIN_CLIENTS` clients have the figure."""
    if value is None or dist.get("n", 0) < MIN_CLIENTS:
        return ""
    q1, median, q3 = dist["q1"], dist["median"], dist["q3"]
    if value < q1:
        return POSITIONS[0]
    if value > q3:
        return POSITIONS[4]
    if math.isclose(value, median, rel_tol=1e-9, abs_tol=1e-9):
        return POSITIONS[2]
    return POSITIONS[1] if value < median else POSITIONS[3]


def rag(h: headlines.Headline, where: str) -> str:
    """``red`` / ``green`` for the lowest / highest quarter as the figure's better direction
    makes it bad or good; "" in between, or when no direction is better."""
    if h.better == 0 or where not in (POSITIONS[0], POSITIONS[4]):
        return ""
    good = (where == POSITIONS[4]) == (h.better > 0)
    return "green" if good else "red"


def long_date(iso: str) -> str:
    """``2026-09-30`` → ``30 September 2026`` ("" for none)."""
    if not iso:
        return ""
    year, month, day = (int(x) for x in iso[:10].split("-"))
    months = (
        "January February March April May June July August September October November December"
    ).split()
    return f"{day} {months[month - 1]} {year}"


def strip(dist: dict, points: list[float | None], mark: float | None, width: int = 160) -> dict:
    """Where to draw a small strip chart of a distribution, ``width`` pixels wide (4 of margin
    each side): ``box`` (x, width) of the middle half, ``median`` (x), ``dots`` (x of each
    known value of ``points``), ``mark`` (x of one client's own value, or ``None``). The scale
    runs from the smallest to the largest value drawn; all equal, everything is centred.
    Empty (``{}``) when the distribution has no value."""
    if dist.get("q1") is None:
        return {}
    drawn = [v for v in [*points, mark, dist["q1"], dist["q3"]] if v is not None]
    low, high, margin = min(drawn), max(drawn), 4

    def x(v: float) -> float:
        if high == low:
            return width / 2
        return round(margin + (v - low) / (high - low) * (width - 2 * margin), 1)

    return {
        "width": width,
        "box": (x(dist["q1"]), max(round(x(dist["q3"]) - x(dist["q1"]), 1), 1.0)),
        "median": x(dist["median"]),
        "dots": [x(v) for v in points if v is not None],
        "mark": x(mark) if mark is not None else None,
    }


def _check_figure(file: Path, key: str, entry) -> None:
    """One figure's distribution in a portfolio file: ``n`` a count, quartiles numbers."""
    if not isinstance(entry, dict):
        raise RunReadError(f"{file}: key 'figures.{key}' is {entry!r}; expected an object")
    n = entry.get("n")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise RunReadError(f"{file}: key 'figures.{key}.n' is {n!r}; expected a count")
    for q in ("q1", "median", "q3"):
        v = entry.get(q)
        ok = v is None or (
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
        )
        if not ok or (v is None and n > 0):
            raise RunReadError(f"{file}: key 'figures.{key}.{q}' is {v!r}; expected a number")


def read_portfolio(file: Path) -> dict:
    """A portfolio file written by ``playbook portfolio``, checked: a
    :class:`RunReadError` naming the file, the key and what was expected otherwise."""
    file = Path(file)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunReadError(f"{file}: not found; playbook portfolio REPORTS_DIR writes it") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RunReadError(f"{file}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise RunReadError(f"{file}: not valid JSON at line {exc.lineno} ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise RunReadError(
            f"{file}: key 'kind' is missing or not '{KIND}'; expected the portfolio.json "
            "that playbook portfolio writes"
        )
    if data.get("version") != VERSION:
        raise RunReadError(f"{file}: key 'version' is {data.get('version')!r}; expected {VERSION}")
    if not isinstance(data.get("clients"), int) or not isinstance(data.get("as_of"), str):
        raise RunReadError(f"{file}: keys 'clients' (a count) and 'as_of' (a date) are expected")
    figures = data.get("figures")
    if not isinstance(figures, dict):
        raise RunReadError(f"{file}: key 'figures' is {figures!r}; expected an object")
    for key, entry in figures.items():
        _check_figure(file, key, entry)
    return data


def shown_range(h: headlines.Headline, dist: dict, currency: str) -> str:
    """The middle half of a distribution as text: ``USD 1,200 to USD 3,400``."""
    if dist.get("q1") is None:
        return MISSING
    return (
        f"{headlines.shown(h, dist['q1'], currency)} to {headlines.shown(h, dist['q3'], currency)}"
    )


def standing(portfolio: dict | None, results: dict, currency: str) -> dict | None:
    """A run's own headline figures placed among the portfolio's clients, for its summary
    page: the heading facts (number of clients, date of their data) and one row per figure
    the portfolio and the run both have (label, own value, position, median, middle half,
    colour). ``None`` without a portfolio."""
    if not portfolio:
        return None
    own = headlines.values(results)
    money_ok = portfolio.get("currency") in (None, "", currency)
    rows = []
    for h in headlines.HEADLINES:
        dist = portfolio["figures"].get(h.key)
        if not dist or (h.unit == "money" and not money_ok):
            continue
        where = position(own[h.key], dist)
        rows.append(
            {
                "key": h.key,
                "label": h.label,
                "value": headlines.shown(h, own[h.key], currency),
                "position": where or MISSING,
                "why": "" if where else _why_no_position(own[h.key], dist),
                "clients": dist["n"],
                "median": headlines.shown(h, dist["median"], currency),
                "middle": shown_range(h, dist, currency),
                "rag": rag(h, where),
                "strip": strip(dist, [], own[h.key]),
            }
        )
    too_few = portfolio["clients"] < MIN_CLIENTS
    return {
        "clients": plural(portfolio["clients"], "client"),
        "as_of": long_date(portfolio["as_of"]),
        "too_few": (
            f"The portfolio holds {plural(portfolio['clients'], 'client')}: a position among "
            f"clients needs at least {MIN_CLIENTS}."
            if too_few
            else ""
        ),
        "rows": [] if too_few else rows,
        "sentence": _sentence(rows, portfolio),
    }


def _why_no_position(value: float | None, dist: dict) -> str:
    if value is None:
        return "this run does not have the figure"
    return f"only {plural(dist['n'], 'client')} {'has' if dist['n'] == 1 else 'have'} it"


def _sentence(rows: list[dict], portfolio: dict) -> str:
    """The one sentence the page leads with: the readiness index's position, e.g.
    "Readiness index in the lowest quarter of 14 clients (data as of 30 September 2026)"."""
    placed = [r for r in rows if r["position"] != MISSING]
    if not placed:
        return ""
    lead = next((r for r in placed if r["key"] == "03.index"), placed[0])
    words = lead["position"]
    if words in (POSITIONS[0], POSITIONS[4]):
        words = f"in the {words}"
    return (
        f"{lead['label']} {words} of {plural(lead['clients'], 'client')} "
        f"(data as of {long_date(portfolio['as_of'])})."
    )


def summary_context(portfolio_file: str | None, results: dict, currency: str) -> dict:
    """What the summary page's benchmark section shows: ``standing`` among the portfolio's
    clients (``None`` without ``--portfolio``, or when the file can no longer be read at the
    end of the run: ``note`` then says so) and ``industry``, the seed report's figures beside
    the client's own (:func:`playbook.industry.beside`)."""
    portfolio, note = None, ""
    if portfolio_file:
        try:
            portfolio = read_portfolio(Path(portfolio_file))
        except RunReadError:
            note = "The portfolio of clients could not be read when this run finished."
    return {
        "standing": standing(portfolio, results, currency),
        "note": note,
        "industry": industry.beside(results),
    }
