"""Trend 7 — partner landscape: the report views of :mod:`playbook.landscape`.

Display-ready tables and texts for the notebook (the Partner Grid, stated vs computed program
revenue %, the competitor grid, directory, training and shark-or-remora tables) and the report's
"How these figures are defined"; the figures come from :mod:`playbook.landscape`, whose module
docstring holds the definitions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.deals import current_at, holds_certification
from playbook.formatting import (
    CELL_NAMES,
    MINUS,
    MISSING,
    fmt_date,
    fmt_int,
    fmt_percent,
    name_list,
)
from playbook.labels import label, label_values, plural
from playbook.landscape import (
    DIRECTORY_FIELDS,
    Position,
    Quadrant,
    supplied_directory_fields,
)
from playbook.staff import manager_names

#: Quadrants in the order a client reads them: the ones to act on first.
QUADRANT_ORDER = [
    Quadrant.KEY_PLAYERS,
    Quadrant.KEEP_SATISFIED,
    Quadrant.KEEP_INFORMED,
    Quadrant.MONITOR,
    Quadrant.NOT_SCORED,
]
GRID_COLUMNS = [
    "Partner",
    "Our software",
    "Our version",
    "Their application or service",
    "Their version",
    "Share of program revenue",
]
_GRID_SOURCE = ["name", "our_software", "our_version", "their_application", "their_version"]


def _pct_text(v) -> str:
    """A percentage 0–100 as the one share format (``18.2%``); missing → "—"."""
    return MISSING if v is None or pd.isna(v) else fmt_percent(float(v) / 100)


def partner_grid(partners: pd.DataFrame, pct: pd.Series, as_of) -> pd.DataFrame:
    """The report's Partner Grid: partner, our software and version, their application or
    service and its version, share of program revenue. Current partners at ``as_of``
    (:func:`playbook.deals.current_at`: a partner whose agreement has ended is left out)
    first, highest share first; then candidates by name, whose share reads "Candidate" (no
    program revenue yet). Versions are free text, shown as given. A column nobody filled (no
    version known, say) is left out rather than shown as a column of dashes."""
    p = partners[current_at(partners, as_of)].copy()
    p["pct"] = p["partner_id"].map(pct)
    p = p.sort_values(["pct", "name"], ascending=[False, True])
    candidates = partners[partners["status"] == "candidate"].sort_values("name")
    text = pd.concat([p[_GRID_SOURCE], candidates[_GRID_SOURCE]])
    grid = pd.DataFrame(text.fillna("").astype(str).to_numpy(dtype=object))
    grid[5] = [_pct_text(v) for v in p["pct"]] + ["Candidate"] * len(candidates)
    grid.columns = GRID_COLUMNS
    empty = [c for c in GRID_COLUMNS[1:5] if not grid[c].str.strip().ne("").any()]
    return grid.drop(columns=empty)


def stated_vs_computed(partners: pd.DataFrame, pct: pd.Series) -> pd.DataFrame:
    """Partners with a stated program revenue %, beside the computed one and the difference."""
    p = partners[partners["stated_program_revenue_pct"].notna()]
    computed = p["partner_id"].map(pct)
    return pd.DataFrame(
        {
            "Partner": p["name"].to_numpy(),
            "Stated share": [_pct_text(v) for v in p["stated_program_revenue_pct"]],
            "Share from the deals": [_pct_text(v) for v in computed],
            "Difference": [
                MISSING if pd.isna(c) else _points(c - s)
                for c, s in zip(computed, p["stated_program_revenue_pct"], strict=True)
            ],
        }
    )


def _points(v: float) -> str:
    """A difference of percentages in points, signed: "+1.5 points", "−0.8 points"."""
    v = round(float(v), 1)
    if v == 0:
        return "0.0 points"
    return f"{'+' if v > 0 else MINUS}{abs(v):.1f} points"


def directory_caption(directory: pd.DataFrame, partners: pd.DataFrame) -> str:
    """Caption of the directory table: the mean completeness and the fields not supplied."""
    unsupplied = [f for f in DIRECTORY_FIELDS if f not in supplied_directory_fields(partners)]
    mean = directory["completeness"].mean() if len(directory) else np.nan
    text = (
        f"Least complete directory entries: active partners' entries hold {fmt_percent(mean)} "
        "of the seven directory fields on average"
        if pd.notna(mean)
        else "Directory completeness not scored: no optional directory field is supplied"
    )
    if unsupplied and pd.notna(mean):
        text += (
            f"; in nobody's entry: {', '.join(label(f).lower() for f in unsupplied)} "
            "(if the portal holds them, add them to the partners file)"
        )
    return text + "."


def definitions(midpoint: float, size_factor: float, dependence_pct: float) -> list[str]:
    """ "How these figures are defined": the short list shown in the report (module docstring)."""
    return [
        "Active partners: the partners whose status in the partners file is active; with the "
        "candidates they make up the landscape. (05 also counts, as active at any time in the "
        "window, partners whose agreement ended within it; 08 counts the partners active on "
        "the as-of date by their agreement dates.)",
        f"Interest and influence: {midpoint:g} or more (of 5) is high; a company without both "
        "scores is not scored.",
        "Share of program revenue: a partner's won sourced + influenced deals closed in the "
        "window ÷ all partner deals won in the window (influenced in full, as in 05's program "
        "revenue; 01 credits it at the credit share because there it pays back an investment).",
        f"Shark or remora: we are the shark when we are at least {size_factor:g}× their head "
        f"count, {dependence_pct:g}% or more of their business comes through us and they bring "
        f"under {dependence_pct:g}% of our program revenue; the remora the other way round; "
        "neither otherwise. Not scored without both head counts, their stated share of business "
        "through us, or partner revenue in the window. 0% of program revenue is a real 0%.",
        "Directory completeness: the share of the seven directory fields (name, type, "
        "category, industry, website, contact email, description) filled in each active "
        "partner's entry; a field in nobody's entry counts as missing for everyone and is named.",
        "Partners trained: an active partner with at least one of its people trained on our "
        "product by the as-of date (or marked trained in the partners file). An untrained "
        "partner that holds our certification (level certified, advanced or expert) is a "
        "question to settle with the client: a training missing from the data, or a "
        "certification given without one.",
        "Key partners (the partners that bring the most program revenue): the current partners "
        "with the highest shares of program revenue, above 0; a partner whose agreement has "
        "ended by the as-of date is none of them (nor in the Partner Grid), though its past "
        "deals still count in program revenue.",
        "Training: trainings completed on or before the as-of date; later ones do not count yet.",
        "A blank is never a zero: a figure whose input is blank or absent shows — with the reason.",
    ]


def categories_view(cats: pd.DataFrame) -> pd.DataFrame:
    """Categories (:func:`categories`) with their active partners and candidates."""
    out = cats.reset_index()
    return pd.DataFrame(
        {
            "Category": out["category"].replace("(uncategorised)", "Uncategorised"),
            "Active partners": out["active"],
            "Candidates": out["candidates"],
            "Companies": out["count"],
        }
    )


def grid_view(grid: pd.DataFrame, competitors: list[str]) -> pd.DataFrame:
    """The competitor grid (:func:`competitor_grid`) with readable headers and values."""
    out = grid.reset_index(drop=True)
    table = pd.DataFrame({"Company": out["name"], "Status": label_values(out["status"])})
    for c in competitors:
        table[c] = label_values(out[c].replace("", np.nan)).fillna("")
    table["Competitor ties"] = out["ties"]
    return table


def start_view(start_list: pd.DataFrame) -> pd.DataFrame:
    """The starting point (:func:`starting_point`): candidates, fewest competitor ties first."""
    return pd.DataFrame(
        {
            "Candidate": start_list["name"],
            "Category": start_list["category"],
            "Competitor ties": start_list["ties"],
            "Interest (1–5)": start_list["interest"].map(
                lambda v: MISSING if pd.isna(v) else f"{v:g}"
            ),
        }
    )


def quadrant_view(quad: pd.DataFrame) -> pd.DataFrame:
    """Companies per quadrant of the interest/influence grid, key players first."""
    order = {q: i for i, q in enumerate(QUADRANT_ORDER)}
    g = quad.groupby("quadrant")["name"].apply(lambda s: name_list(sorted(s), CELL_NAMES))
    n = quad.groupby("quadrant").size()
    out = pd.DataFrame({"Quadrant": g.index, "Companies": n.to_numpy(), "Who": g.to_numpy()})
    return out.sort_values("Quadrant", key=lambda s: s.map(order)).reset_index(drop=True)


def quadrant_title(quad: pd.DataFrame) -> str:
    """The interest/influence chart's title: how many companies are key players."""
    key = int((quad["quadrant"] == QUADRANT_ORDER[0]).sum())
    if not key:
        return "No company has both high interest and high influence"
    return f"{plural(key, 'company', 'companies')} to manage closely: high interest and influence"


def directory_view(directory: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The least complete directory entries."""
    d = directory.head(top)
    return pd.DataFrame(
        {
            "Partner": d["name"],
            "Directory complete": d["completeness"].map(fmt_percent),
            "Missing fields": d["missing"].map(
                lambda v: v[:1].upper() + v[1:] if v else "Nothing missing"
            ),
        }
    )


def untrained_view(
    untrained: pd.DataFrame,
    pct: pd.Series,
    partners: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Active partners with nobody trained on our product, each named, highest share of
    program revenue first (:func:`partner_training`); with ``partners`` (and ``staff``) also
    its partner manager, signing date and certification level, so each can be followed up,
    and, when some of them hold our certification (:func:`playbook.deals.holds_certification`),
    a column "To settle with the client" raising it as a data question for those."""
    u = untrained.assign(share=untrained["partner_id"].map(pct))
    u = u.sort_values(["share", "name"], ascending=[False, True])
    out = pd.DataFrame(
        {
            "Partner": u["name"].to_numpy(),
            "Share of program revenue": u["share"].map(_pct_text).to_numpy(),
        }
    )
    if partners is None:
        return out
    info = partners.drop_duplicates("partner_id").set_index("partner_id")
    managers = manager_names(partners, staff)
    ids = u["partner_id"]
    out["Partner manager"] = ids.map(managers).replace("", MISSING).fillna(MISSING).to_numpy()
    signed = pd.to_datetime(ids.map(info["start_date"]))
    out["Signed"] = [MISSING if pd.isna(d) else fmt_date(d, short=True) for d in signed]
    levels = ids.map(info["certification_level"])
    out["Certification"] = label_values(levels).fillna(MISSING).to_numpy()
    certified = holds_certification(levels).fillna(False).to_numpy(dtype=bool)
    if certified.any():  # a column of dashes only when some partner raises the question
        out["To settle with the client"] = np.where(certified, CERTIFIED_QUESTION, MISSING)
    return out


#: What the untrained table says of a partner that holds our certification.
CERTIFIED_QUESTION = "Holds our certification, yet no training is recorded: which is right?"


def training_text(share) -> str:
    """One sentence on the share of active partners trained on our product."""
    if share is None or pd.isna(share):
        return (
            "Partners trained on our product: not known (the data has no training of partner "
            "staff and no trained-on-our-product flag)."
        )
    return f"{fmt_percent(share)} of active partners have people trained on our product."


def training_view(ours: pd.DataFrame) -> pd.DataFrame:
    """Our staff trained on each key partner, formatted."""
    return pd.DataFrame(
        {
            "Key partner": ours["name"],
            "Our people trained on it": ours["staff_trained"].map(fmt_int),
            "Share of our team": ours["share"].map(fmt_percent),
        }
    )


def _size(v) -> str:
    if pd.isna(v):
        return MISSING
    return f"{v:.2g}× ours" if v >= 1 else f"1/{1 / v:.2g} of ours"


def shark_groups(s: pd.DataFrame) -> pd.DataFrame:
    """Shark or remora grouped: one row per position with its count, partners and reason."""
    why = {
        Position.SHARK: "We are the bigger fish and they depend on us.",
        Position.REMORA: "They are the bigger fish and we depend on them.",
        Position.NEITHER: "Similar size, or the smaller one does not depend on the bigger.",
        Position.NOT_SCORED: "Head counts, their share of business or program revenue missing.",
    }
    rows = []
    for pos in Position:
        members = s[s["position"] == pos]
        if len(members):
            rows.append(
                {
                    "Position": str(pos),
                    "Partners": len(members),
                    "Who": name_list(members["name"], CELL_NAMES),
                    "Why": why[pos],
                }
            )
    return pd.DataFrame(rows)


#: The columns of :func:`shark_view` shown on screen (the workbook has the sentence too).
SHARK_SCREEN = [
    "Partner",
    "Position",
    "Their size",
    "Our share of their business",
    "Their share of our program revenue",
]


def shark_view(s: pd.DataFrame) -> pd.DataFrame:
    """Shark or remora per partner (:func:`shark_or_remora`), formatted with its inputs."""
    return pd.DataFrame(
        {
            "Partner": s["name"],
            "Position": s["position"].astype(str),
            "Their size": s["size"].map(_size),
            "Our share of their business": s["theirs"].map(_pct_text),
            "Their share of our program revenue": s["ours"].map(_pct_text),
            "Why": s["explanation"],
        }
    )
