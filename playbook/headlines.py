"""The headline figures a client follows from run to run: one registry, one value each.

A report card on the summary page shows each trend's headline as text (``USD 6,810,800``,
``19 of 32``). Run history, ``playbook compare`` and the portfolio page need the same figures
as numbers: :data:`HEADLINES` names each one once (its key, report, label as the card words
it, unit, and which direction is better) and reads its value from the figures that report
recorded in ``results.json`` (:func:`values`), so a figure shown on the card, in a trend line
and in a comparison is one figure.

A figure the run could not compute (its input was not supplied, or its report failed) is
``None``, never 0: a change is only computed between two known values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playbook.formatting import MINUS, MISSING, fmt_int, fmt_money, fmt_percent, fmt_ratio

#: Units a headline value is expressed in (and so formatted): money in the client's currency,
#: a share 0–1 shown as a percentage, a whole count, a 0–100 index, a plain ratio.
UNITS = ("money", "percent", "count", "index", "ratio")


@dataclass(frozen=True)
class Headline:
    """One headline figure: ``key`` (stable, ``"05.revenue"``), the ``notebook`` that computes
    it, the ``label`` its report card uses, its ``unit`` (:data:`UNITS`), ``better``: +1 when
    a higher value is better for the client, -1 when lower is, 0 when neither; ``read`` takes
    that notebook's recorded ``figures`` and returns the value or ``None``."""

    key: str
    notebook: str
    label: str
    unit: str
    better: int
    read: Callable[[dict], float | None]


def _at(*path: str) -> Callable[[dict], float | None]:
    """A reader of ``figures[path[0]][path[1]]…`` as a float; ``None`` when any step is
    missing or the value is not a number."""

    def read(figures: dict) -> float | None:
        value = figures
        for step in path:
            if not isinstance(value, dict) or step not in value:
                return None
            value = value[step]
        return _number(value)

    return read


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value else None  # NaN is not a value


def _sum_of(key: str, field: str) -> Callable[[dict], float | None]:
    """The sum of ``field`` over the entries of ``figures[key]``; ``None`` when absent."""

    def read(figures: dict) -> float | None:
        entries = figures.get(key)
        if not isinstance(entries, dict) or not entries:
            return None
        found = [_number(e.get(field)) for e in entries.values() if isinstance(e, dict)]
        known = [v for v in found if v is not None]
        return float(sum(known)) if known else None

    return read


def _count_of(key: str, value: str) -> Callable[[dict], float | None]:
    """How many entries of ``figures[key]`` (a mapping id → text) equal ``value``."""

    def read(figures: dict) -> float | None:
        entries = figures.get(key)
        if not isinstance(entries, dict):
            return None
        return float(sum(1 for v in entries.values() if v == value))

    return read


def _len_of(key: str) -> Callable[[dict], float | None]:
    def read(figures: dict) -> float | None:
        entries = figures.get(key)
        return float(len(entries)) if isinstance(entries, list | dict) else None

    return read


def _checklist_done(figures: dict) -> float | None:
    done, items = _number(figures.get("checklist_done")), _number(figures.get("checklist_items"))
    return done / items if done is not None and items else None


def _overdue_milestones(figures: dict) -> float | None:
    plans = figures.get("plans")
    if not isinstance(plans, dict) or not plans:
        return None
    known = [p.get("overdue") for p in plans.values() if isinstance(p, dict)]
    known = [v for v in known if _number(v) is not None]
    return float(sum(known)) if known else None


def _key_players(figures: dict) -> float | None:
    quadrants = figures.get("quadrants")
    if not isinstance(quadrants, dict):
        return None
    return float(sum(v for k, v in quadrants.items() if k.startswith("Key players")))


def _mindshare_below(figures: dict) -> float | None:
    """07: active partners whose measured mindshare is below their rating (below or far
    below); missing when nobody's rating and measure could be compared."""
    counts = figures.get("mindshare")
    if not isinstance(counts, dict):
        return None
    compared = {k: v for k, v in counts.items() if k != "Not compared"}
    if not compared:
        return None
    return float(sum(v for k, v in compared.items() if k.startswith(("Below", "Far below"))))


_01, _02, _03, _04 = (
    "01-requirements-investment",
    "02-mvp-acquisition",
    "03-readiness",
    "04-organisation-buy-in",
)
_05, _06, _07, _08 = (
    "05-analytics",
    "06-partner-types",
    "07-partner-landscape",
    "08-partner-communication",
)

#: Every headline figure, in report order. Labels are the report cards' words.
HEADLINES: tuple[Headline, ...] = (
    Headline("01.invested", _01, "Invested", "money", 0, _at("invested")),
    Headline("01.paid_back", _01, "Paid back", "count", 1, _at("payback_reached")),
    Headline("01.npv", _01, "Portfolio NPV", "money", 1, _at("npv")),
    Headline(
        "01.documented", _01, "Fully documented", "percent", 1, _at("documentation", "all_three")
    ),
    Headline("02.targets", _02, "Targets worth approaching", "count", 1, _at("worth_approaching")),
    Headline("02.potential", _02, "Potential revenue", "money", 1, _at("potential_revenue")),
    Headline("03.index", _03, "Readiness index", "index", 1, _at("readiness_index")),
    Headline("03.gaps", _03, "Gap items", "count", -1, _len_of("gaps")),
    Headline(
        "03.needs",
        _03,
        "Needs without a partner",
        "count",
        -1,
        _at("platform", "needs", "needs_partner"),
    ),
    Headline("04.checklist", _04, "Checklist done", "percent", 1, _checklist_done),
    Headline("04.overdue", _04, "Overdue items", "count", -1, _at("checklist_overdue")),
    Headline("05.revenue", _05, "Program revenue", "money", 1, _at("revenue")),
    Headline("05.per_person", _05, "Revenue per person", "money", 1, _at("revenue_per_person")),
    Headline("05.to_expenses", _05, "Revenue ÷ expenses", "ratio", 1, _at("revenue_to_expenses")),
    Headline(
        "05.active",
        _05,
        "Partners active at any time in the window",
        "count",
        1,
        _at("active_partners"),
    ),
    Headline(
        "06.sourced", _06, "Sourced revenue", "money", 1, _sum_of("by_type", "sourced_revenue")
    ),
    Headline(
        "06.influenced",
        _06,
        "Influenced revenue",
        "money",
        1,
        _sum_of("by_type", "influenced_revenue"),
    ),
    Headline("06.quick_wins", _06, "Quick wins", "percent", 1, _at("quick_wins", "share")),
    Headline("07.key_players", _07, "Key players", "count", 0, _key_players),
    Headline(
        "07.directory", _07, "Directory complete", "percent", 1, _at("directory_completeness")
    ),
    Headline("07.mindshare", _07, "Mindshare below rating", "count", -1, _mindshare_below),
    Headline(
        "08.transaction",
        _08,
        "Transaction partners",
        "count",
        0,
        _count_of("engagement", "transaction"),
    ),
    Headline("08.value", _08, "Value partners", "count", 0, _count_of("engagement", "value")),
    Headline("08.grade_a", _08, "Grade A", "count", 1, _count_of("grades", "A")),
    Headline("08.overdue", _08, "Overdue milestones", "count", -1, _overdue_milestones),
    Headline(
        "08.out_of_sync", _08, "Partners out of sync", "count", -1, _count_of("sync", "out_of_sync")
    ),
)

HEADLINES_BY_KEY = {h.key: h for h in HEADLINES}


def values(results: dict) -> dict[str, float | None]:
    """Every headline's value in a run's merged results (``results.json``: notebook → its
    recorded result with ``figures``); ``None`` for a figure the run does not have."""
    out = {}
    for h in HEADLINES:
        figures = (results.get(h.notebook) or {}).get("figures") or {}
        out[h.key] = h.read(figures)
    return out


def shown(headline: Headline, value: float | None, currency: str) -> str:
    """``value`` as the report shows a figure of this unit; ``—`` when missing."""
    if value is None:
        return MISSING
    if headline.unit == "money":
        return fmt_money(value, currency)
    if headline.unit == "percent":
        return fmt_percent(value)
    if headline.unit == "count":  # a median or quartile of counts may fall between two
        return fmt_int(value) if float(value).is_integer() else f"{value:,.1f}"
    if headline.unit == "index":
        return f"{value:.0f} / 100"
    return fmt_ratio(value)


def change(headline: Headline, before: float | None, now: float | None) -> float | None:
    """``now − before`` (percentage points ×0.01 for a share); ``None`` unless both known."""
    if before is None or now is None:
        return None
    return now - before


def change_text(headline: Headline, delta: float | None, currency: str) -> str:
    """A change as a client reads it, signed: ``+USD 12,000``, ``−3``, ``+2.5 pts``,
    ``no change``; ``—`` when it cannot be computed."""
    if delta is None:
        return MISSING
    if _rounds_to_zero(headline, delta):
        return "no change"
    sign = "+" if delta > 0 else MINUS
    size = abs(delta)
    if headline.unit == "money":
        return sign + fmt_money(size, currency)
    if headline.unit == "percent":
        return f"{sign}{size * 100:.1f} pts"
    if headline.unit == "count":
        return sign + fmt_int(size)
    if headline.unit == "index":
        return f"{sign}{size:.0f}"
    return sign + fmt_ratio(size)


def _rounds_to_zero(headline: Headline, delta: float) -> bool:
    """Whether a change is too small to show in the figure's own format."""
    places = {"money": 0, "percent": 3, "count": 0, "index": 0, "ratio": 2}[headline.unit]
    return round(abs(delta), places) == 0


def verdict(headline: Headline, delta: float | None) -> str:
    """``better``, ``worse``, ``same`` or ``""`` (no direction is better, or not computable)."""
    if delta is None:
        return ""
    if _rounds_to_zero(headline, delta):
        return "same"
    if headline.better == 0:
        return ""
    return "better" if (delta > 0) == (headline.better > 0) else "worse"


#: A figure no report card shows, compared with the industry's figure by
#: :mod:`playbook.industry`: the share of closed deals (won or lost) with a partner that were
#: won, as report 06 records it for its "with vs without a partner" comparison.
PARTNER_WIN_RATE = Headline(
    "06.partner_win_rate",
    _06,
    "Win rate of deals with a partner",
    "percent",
    1,
    _at("with_without", "with_partner", "win_rate"),
)


def value_of(headline: Headline, results: dict) -> float | None:
    """One figure's value in a run's merged results (``None`` when the run does not have
    it): what :func:`values` gives for a registered headline, for any :class:`Headline`."""
    return headline.read((results.get(headline.notebook) or {}).get("figures") or {})
