"""Trend 5 — analytics: the report's metric catalogue.

Each :class:`Metric` carries its label, the area it focuses on, whether the report charts it,
its unit and its definition; :data:`TOTALS` names the base totals behind the metrics (defined
in :mod:`playbook.analytics`, which computes them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from playbook.formatting import Unit


@dataclass(frozen=True)
class Metric:
    """A metric of the report's table: key, label, focus area, visualised?, unit, definition."""

    key: str
    label: str
    focus: str
    visualise: bool
    unit: Unit
    definition: str


METRICS: tuple[Metric, ...] = (
    Metric(
        "revenue_per_person",
        "Revenue / person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "Revenue ÷ headcount (FTE).",
    ),
    Metric(
        "margin_per_person",
        "Margin $ / person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "Margin $ ÷ headcount (FTE).",
    ),
    Metric(
        "contribution_per_person",
        "Contribution $ / person",
        "Headcount productivity",
        True,
        Unit.MONEY,
        "(Margin $ − cost of sale) ÷ headcount (FTE).",
    ),
    Metric(
        "asp",
        "ASP (average selling price)",
        "Overall productivity",
        True,
        Unit.MONEY,
        "Revenue ÷ units sold.",
    ),
    Metric(
        "margin_per_unit",
        "Margin $ / unit",
        "Overall productivity",
        True,
        Unit.MONEY,
        "Margin $ ÷ units sold.",
    ),
    Metric(
        "profit_per_unit",
        "Profit $ / unit",
        "Overall productivity",
        True,
        Unit.MONEY,
        "(Contribution $ − program expenses − partner investments) ÷ units sold.",
    ),
    Metric(
        "revenue_to_expenses",
        "Revenue / expenses",
        "Overall productivity",
        True,
        Unit.RATIO,
        "Revenue ÷ (cost of sale + program expenses + partner investments).",
    ),
    Metric(
        "ar_to_revenue",
        "Accounts receivable / revenue",
        "Credit quality",
        False,
        Unit.RATIO,
        "Accounts receivable at the window's last month ÷ revenue in the window.",
    ),
    Metric(
        "revenue_per_partner",
        "Revenue / partner",
        "Growth",
        True,
        Unit.MONEY,
        "Revenue ÷ active partners.",
    ),
    Metric(
        "margin_per_partner",
        "Margin / partner",
        "Growth",
        True,
        Unit.MONEY,
        "Margin $ ÷ active partners.",
    ),
    Metric(
        "certification_level",
        "Level of certification",
        "Investment",
        False,
        Unit.SCORE,
        "Mean certification score of active partners: none 0, registered 1, certified 2, "
        "advanced 3, expert 4.",
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
    "headcount",
    "active_partners",
    "accounts_receivable",
)


def metric_catalogue() -> pd.DataFrame:
    """The report's metric table: metric, focus area, visualised, definition."""
    return pd.DataFrame(
        [
            {
                "Metric": m.label,
                "Area metric focuses on": m.focus,
                "Visualised": "yes" if m.visualise else "",
                "Definition": m.definition,
            }
            for m in METRICS
        ]
    )


def visualised() -> list[tuple[str, str, str]]:
    """``(key, label, unit)`` of the metrics the report marks for visualisation."""
    return [(m.key, m.label, m.unit) for m in METRICS if m.visualise]
