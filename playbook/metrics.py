"""Trend 5 — analytics: the report's metric catalogue.

Each :class:`Metric` carries its label, the area it focuses on, whether the report charts it,
its unit, its definition, the base totals it is computed from (so a missing one explains a
missing metric), what its denominator is, and whether the data holds a history of it or only
today's value (``current_only``: the trend shows it for the last period only). :data:`TOTALS`
names the base totals behind the metrics (defined in :mod:`playbook.analytics`, which computes
them) and :data:`TOTAL_LABELS` their report labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from playbook.formatting import Unit


class Level(StrEnum):
    """Level of the drill-down: the whole program, an area, or a channel manager."""

    UNIVERSE = "universe"
    AREA = "area"
    MANAGER = "manager"


LEVELS = tuple(Level)


@dataclass(frozen=True)
class Metric:
    """A metric of the report's table: key, label, focus area, visualised?, unit, definition,
    the base totals it needs (``inputs``), its denominator in words, ``current_only``
    (True when the data holds only today's value, not a dated history) and ``share`` (True
    for a ratio a client reads as a share: shown as a percentage)."""

    key: str
    label: str
    focus: str
    visualise: bool
    unit: Unit
    definition: str
    inputs: tuple[str, ...] = ()
    denominator: str = ""
    current_only: bool = False
    share: bool = False


METRICS: tuple[Metric, ...] = (
    Metric(
        "revenue_per_person",
        "Revenue per person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "Program revenue ÷ program staff (full-time equivalent).",
        ("revenue", "headcount"),
        "Program staff (full-time equivalent)",
    ),
    Metric(
        "margin_per_person",
        "Margin per person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "Margin ÷ program staff (full-time equivalent).",
        ("margin", "headcount"),
        "Program staff (full-time equivalent)",
    ),
    Metric(
        "contribution_per_person",
        "Contribution per person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "(Margin − cost of sale) ÷ program staff (full-time equivalent).",
        ("margin", "cost_of_sale", "headcount"),
        "Program staff (full-time equivalent)",
    ),
    Metric(
        "asp",
        "Average selling price",
        "Overall productivity",
        True,
        Unit.MONEY,
        "Program revenue ÷ units sold.",
        ("revenue", "units"),
        "Units",
    ),
    Metric(
        "margin_per_unit",
        "Margin per unit",
        "Overall productivity",
        True,
        Unit.MONEY,
        "Margin ÷ units sold.",
        ("margin", "units"),
        "Units",
    ),
    Metric(
        "profit_per_unit",
        "Profit per unit",
        "Overall productivity",
        True,
        Unit.MONEY,
        "(Contribution − program expenses − partner investments) ÷ units sold.",
        ("margin", "cost_of_sale", "program_expenses", "investments", "units"),
        "Units",
    ),
    Metric(
        "revenue_to_expenses",
        "Revenue ÷ expenses",
        "Overall productivity",
        True,
        Unit.RATIO,
        "Revenue ÷ (cost of sale + program expenses + partner investments).",
        ("revenue", "cost_of_sale", "program_expenses", "investments"),
        "Expenses",
    ),
    Metric(
        "ar_to_revenue",
        "Receivables, share of revenue",
        "Credit quality",
        False,
        Unit.RATIO,
        "Accounts receivable at the window's last month as a share of program revenue in the "
        "window.",
        ("accounts_receivable", "revenue"),
        "Program revenue",
        share=True,
    ),
    Metric(
        "revenue_per_partner",
        "Revenue per partner",
        "Growth",
        True,
        Unit.MONEY,
        "Program revenue ÷ active partners.",
        ("revenue", "active_partners"),
        "Active partners",
    ),
    Metric(
        "margin_per_partner",
        "Margin per partner",
        "Growth",
        True,
        Unit.MONEY,
        "Margin ÷ active partners.",
        ("margin", "active_partners"),
        "Active partners",
    ),
    Metric(
        "certification_level",
        "Level of certification",
        "Investment",
        False,
        Unit.SCORE,
        "Mean certification score of the active partners that have a level: none 0, "
        "registered 1, certified 2, advanced 3, expert 4. Only today's level is recorded: "
        "current value only.",
        ("certification_level",),
        "Active partners with a level",
        current_only=True,
    ),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}

#: Base totals behind the metrics, in display order.
TOTALS = (
    "revenue",
    "margin",
    "cost_of_sale",
    "contribution",
    "program_expenses",
    "investments",
    "profit",
    "units",
    "deals",
    "direct_revenue",
    "direct_deals",
    "headcount",
    "active_partners",
    "accounts_receivable",
)

#: Report labels of the base totals.
TOTAL_LABELS = {
    "revenue": "Program revenue",
    "margin": "Margin",
    "cost_of_sale": "Cost of sale",
    "contribution": "Contribution",
    "program_expenses": "Program expenses",
    "investments": "Partner investments",
    "profit": "Profit",
    "units": "Units",
    "deals": "Won partner deals",
    "direct_revenue": "Direct revenue",
    "direct_deals": "Won direct deals",
    "headcount": "Program staff (full-time equivalent)",
    "active_partners": "Partners active in the window",
    "accounts_receivable": "Accounts receivable",
}


#: The scorecard that opens the report: program revenue, won deals, active partners, then one
#: metric per focus area (growth, headcount productivity, overall productivity, credit quality,
#: investment). Keys of :data:`TOTALS` or of :data:`METRICS`.
SCORECARD = (
    "revenue",
    "deals",
    "active_partners",
    "revenue_per_partner",
    "revenue_per_person",
    "revenue_to_expenses",
    "ar_to_revenue",
    "certification_level",
)


def label_of(key: str) -> str:
    """The report label of a metric or base total ``key``."""
    return METRICS_BY_KEY[key].label if key in METRICS_BY_KEY else TOTAL_LABELS[key]


def current_only() -> list[str]:
    """Keys of the metrics whose data holds only today's value (no dated history)."""
    return [m.key for m in METRICS if m.current_only]


def metric_catalogue() -> pd.DataFrame:
    """The report's metric table: metric, what it focuses on, definition."""
    return pd.DataFrame(
        [
            {
                "Metric": m.label,
                "Focus": m.focus,
                "Definition": m.definition,
            }
            for m in METRICS
        ]
    )


def visualised() -> list[tuple[str, str, str]]:
    """``(key, label, unit)`` of the metrics the report marks for visualisation."""
    return [(m.key, m.label, m.unit) for m in METRICS if m.visualise]
