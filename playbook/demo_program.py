"""The demo client's rows for the program lane (trends 4 and 6), fixed rather than drawn.

Called once from :func:`playbook.demo.generate_demo` (and :func:`playbook.demo.demo_profile`)
after every other table is made; it draws nothing from the demo's random generator, so every
other table, and every figure drawn from them, stays as it was.

The story
---------
* **Partner route or hiring** (``capability_routes``): Lumenar weighs four capabilities. Three
  have a partner in mind — an EMEA implementation integrator (its investment taken from the
  investments already recorded for it), a data platform for a connector, an APAC marketplace
  for listing and billing — and one, pre-sales engineers for Lumenar Insights, is priced with
  a partner route so costly (a large investment, a 35 % share, six months to start) that
  hiring wins.
* **Program levels** (``program_levels``): Registered (the low-cost entry package: USD 1,500 a
  year for USD 9,000 of licences, sandbox and training), Silver (certified partners) and Gold
  (advanced certification and above).
* **Best programs profiled** (``benchmark_programs``): two competitors' programs the client
  studied, Oberon Systems' and Quantix ERP's, with the source of each figure: their measures
  (report 06) and which elements of the reference profile each has (report 04; Quantix sells
  no entry package).
* **Partner type names** (profile ``partner_type_labels``): Lumenar calls its ISVs "Software
  partners" and its ecosystem partners "Marketplace partners".
"""

from __future__ import annotations

import pandas as pd

#: The demo client's own names for two partner types (profile.yaml ``partner_type_labels``).
TYPE_LABELS = {"isv": "Software partners", "ecosystem": "Marketplace partners"}


def profile_keys() -> dict:
    """The profile.yaml keys of this lane for the demo client."""
    return {"partner_type_labels": dict(TYPE_LABELS)}


def _first(partners: pd.DataFrame, ptype: str, area: str) -> str:
    """The first active partner (by id) of ``ptype`` in ``area``, else of ``ptype`` anywhere."""
    active = partners[(partners["status"] == "active") & (partners["type"] == ptype)]
    here = active[active["area"] == area]
    return str((here if len(here) else active).sort_values("partner_id")["partner_id"].iloc[0])


def capability_routes(partners: pd.DataFrame) -> pd.DataFrame:
    """Four capabilities priced both ways (module docstring)."""
    columns = [
        "capability_id",
        "capability",
        "partner_id",
        "monthly_revenue",
        "margin_pct",
        "partner_share_pct",
        "partner_investment",
        "partner_months",
        "hires",
        "cost_per_hire",
        "recruiting_cost",
        "months_to_hire",
        "ramp_up_months",
        "build_cost",
    ]
    emea = _first(partners, "integrator", "EMEA")
    platform = _first(partners, "platform", "North America")
    apac = _first(partners, "ecosystem", "APAC")
    rows = [
        ("CAP1", "Implementation services in EMEA", emea,
         60000, 70, 25, "", 2, 4, 120000, 18000, 5, 6, 40000),
        ("CAP2", "Connector to a leading data platform", platform,
         35000, 80, 15, 150000, 4, 3, 140000, 20000, 4, 4, 90000),
        ("CAP3", "Marketplace listing and billing in APAC", apac,
         20000, 75, 30, 60000, 1, 2, 95000, 12000, 3, 3, 25000),
        ("CAP4", "Pre-sales engineers for Lumenar Insights", "",
         45000, 85, 35, 400000, 6, 2, 130000, 15000, 3, 3, 10000),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def program_levels() -> pd.DataFrame:
    """Three levels, the first a low-cost entry package (module docstring)."""
    return pd.DataFrame(
        [
            (
                "REG",
                "Registered",
                1,
                1500,
                "Two not-for-resale licences, a sandbox, two online training seats, the "
                "partner portal and a directory listing",
                9000,
                "",
            ),
            (
                "SILVER",
                "Silver",
                2,
                7500,
                "Everything in Registered, five not-for-resale licences, six training seats, "
                "deal registration and co-marketing templates",
                25000,
                "certified",
            ),
            (
                "GOLD",
                "Gold",
                3,
                20000,
                "Everything in Silver, a named channel manager, a joint business plan, "
                "market development funds and priority support",
                60000,
                "advanced",
            ),
        ],
        columns=[
            "level_id",
            "name",
            "rank",
            "annual_fee",
            "package",
            "package_value",
            "min_certification",
        ],
    )


def benchmark_programs() -> pd.DataFrame:
    """Two competitors' programs as the client profiled them (module docstring)."""
    oberon = "Oberon Systems partner program"
    quantix = "Quantix ERP alliance network"
    keynote = "Oberon partner summit keynote, March 2026"
    interview = "Interview with a former Quantix alliance manager, May 2026"
    return pd.DataFrame(
        [
            (oberon, "quick_win_share", 55, keynote),
            (oberon, "median_days_to_first_win", 80, keynote),
            (oberon, "certified_share", 60, "Oberon partner directory, counted June 2026"),
            (oberon, "partner_win_rate", 35, keynote),
            (quantix, "quick_win_share", 40, interview),
            (quantix, "checkbox_share", 8, interview),
            (quantix, "certified_share", 45, interview),
            (quantix, "health_green_share", 60, interview),
            (oberon, "checklist", 1, keynote),
            (oberon, "personas", 1, "Oberon partner portal, persona guides"),
            (oberon, "enablement", 1, "Oberon partner directory, counted June 2026"),
            (oberon, "entry_package", 1, "Oberon partner portal, price list 2026"),
            (quantix, "leadership", 1, interview),
            (quantix, "investment", 1, interview),
            (quantix, "entry_package", 0, interview),
        ],
        columns=["program", "measure", "value", "source"],
    )


def tables(partners: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """This lane's demo tables, by table name."""
    return {
        "capability_routes": capability_routes(partners),
        "program_levels": program_levels(),
        "benchmark_programs": benchmark_programs(),
    }
