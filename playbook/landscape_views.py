"""Trend 7 — partner landscape: the report views of :mod:`playbook.landscape`.

Display-ready tables and texts for the notebook (the Partner Grid, stated vs computed program
revenue %, the competitor grid, directory, training and shark-or-remora tables) and the report's
"How these figures are defined"; the figures come from :mod:`playbook.landscape`, whose module
docstring holds the definitions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_percent
from playbook.landscape import DIRECTORY_FIELDS, supplied_directory_fields

GRID_COLUMNS = [
    "Partner",
    "Our Software",
    "Version",
    "Their Application/Service",
    "Version",
    "Program Revenue %",
]


def _pct_text(v) -> str:
    if v is None or pd.isna(v):
        return MISSING
    v = round(float(v), 1)
    return f"{v:.0f}" if v.is_integer() else f"{v:.1f}"


def partner_grid(partners: pd.DataFrame, pct: pd.Series) -> pd.DataFrame:
    """The report's Partner Grid, columns exactly as the report has them: Partner, Our
    Software, Version, Their Application/Service, Version, Program Revenue %. Active partners
    first, by program revenue %, highest first; then candidates by name, whose Program Revenue %
    reads "candidate" (no program revenue yet). Versions are free text, shown as given."""
    p = partners[partners["status"] == "active"].copy()
    p["pct"] = p["partner_id"].map(pct)
    p = p.sort_values(["pct", "name"], ascending=[False, True])
    candidates = partners[partners["status"] == "candidate"].sort_values("name")
    columns = ["name", "our_software", "our_version", "their_application", "their_version"]
    text = pd.concat([p[columns], candidates[columns]])
    grid = pd.DataFrame(text.fillna("").to_numpy(dtype=object))
    grid[5] = [_pct_text(v) for v in p["pct"]] + ["candidate"] * len(candidates)
    grid.columns = GRID_COLUMNS
    return grid


def stated_vs_computed(partners: pd.DataFrame, pct: pd.Series) -> pd.DataFrame:
    """Partners with a stated program revenue %, beside the computed one and the difference."""
    p = partners[partners["stated_program_revenue_pct"].notna()]
    computed = p["partner_id"].map(pct)
    return pd.DataFrame(
        {
            "Partner": p["name"].to_numpy(),
            "Stated %": [_pct_text(v) for v in p["stated_program_revenue_pct"]],
            "Computed %": [MISSING if pd.isna(v) else f"{v:.1f}" for v in computed],
            "Difference (points)": [
                MISSING if pd.isna(c) else f"{c - s:+.1f}"
                for c, s in zip(computed, p["stated_program_revenue_pct"], strict=True)
            ],
        }
    )


def directory_caption(directory: pd.DataFrame, partners: pd.DataFrame) -> str:
    """Caption of the directory table: the mean completeness and the fields not supplied."""
    unsupplied = [f for f in DIRECTORY_FIELDS if f not in supplied_directory_fields(partners)]
    mean = directory["completeness"].mean() if len(directory) else np.nan
    text = (
        f"Least complete directory entries (mean {fmt_percent(mean)} of active partners' fields)"
        if pd.notna(mean)
        else "Directory completeness not scored: no optional directory field is supplied"
    )
    if unsupplied:
        text += f"; not supplied, so not counted: {', '.join(unsupplied)}"
    return text + "."


def definitions(midpoint: float, size_factor: float, dependence_pct: float) -> list[str]:
    """ "How these figures are defined": the short list shown in the report (module docstring)."""
    return [
        f"Interest and influence: {midpoint:g} or more (of 5) is high; a company without both "
        "scores is not scored.",
        "Program revenue %: a partner's won sourced + influenced deals closed in the window ÷ "
        "all partner deals won in the window (influenced in full, as in 05's program revenue; "
        "01 credits it at the credit share because there it pays back an investment).",
        f"Shark or remora: we are the shark when we are at least {size_factor:g}× their head "
        f"count, {dependence_pct:g}% or more of their business comes through us and they bring "
        f"under {dependence_pct:g}% of our program revenue; the remora the other way round; "
        "neither otherwise. Not scored without both head counts, their stated share of business "
        "through us, or partner revenue in the window. 0% of program revenue is a real 0%.",
        "Directory completeness: over active partners, over the directory fields supplied "
        "(filled for at least one partner); fields nobody filled are named, not counted.",
        "Training: trainings completed on or before the as-of date; later ones do not count yet.",
        "A blank is never a zero: a figure whose input is blank or absent shows — with the reason.",
    ]


def grid_view(grid: pd.DataFrame, competitors: list[str]) -> pd.DataFrame:
    """The competitor grid (:func:`competitor_grid`) with readable headers."""
    out = grid.reset_index(drop=True).rename(
        columns={"name": "Company", "status": "Status", "ties": "Competitor ties"}
    )
    return out[["Company", "Status", *competitors, "Competitor ties"]]


def directory_view(directory: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The least complete directory entries."""
    d = directory.head(top)
    return pd.DataFrame(
        {
            "Partner": d["name"],
            "Directory complete": d["completeness"].map(fmt_percent),
            "Missing fields": d["missing"],
        }
    )


def training_view(ours: pd.DataFrame) -> pd.DataFrame:
    """Our staff trained on each key partner, formatted."""
    return pd.DataFrame(
        {
            "Key partner": ours["name"],
            "Our staff trained on it": ours["staff_trained"].map(fmt_int),
            "Share of our team": ours["share"].map(fmt_percent),
        }
    )


def shark_view(s: pd.DataFrame) -> pd.DataFrame:
    """Shark or remora per partner (:func:`shark_or_remora`), formatted with its inputs."""
    return pd.DataFrame(
        {
            "Partner": s["name"],
            "Their size (× ours)": s["size"].map(lambda v: MISSING if pd.isna(v) else f"{v:.2g}"),
            "Our share of their business": s["theirs"].map(
                lambda v: MISSING if pd.isna(v) else f"{v:g}%"
            ),
            "Their share of our program revenue": s["ours"].map(
                lambda v: MISSING if pd.isna(v) else f"{v:.1f}%"
            ),
            "Position": s["position"],
            "Why": s["explanation"],
        }
    )
