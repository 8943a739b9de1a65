"""Trend 3 — readiness: the report views of the :mod:`playbook.readiness` tables.

Display-ready tables for the notebook (readable headers, formatted scores and shares); the
numbers come from :mod:`playbook.readiness`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_percent
from playbook.labels import label, label_values
from playbook.readiness import DISAGREE_AT, MATURITY


def discuss_view(discuss: pd.DataFrame) -> pd.DataFrame:
    """:func:`to_discuss`, readable headers."""
    out = discuss.copy()
    out["score"] = discuss["score"].map(lambda v: f"{v:g}")
    return out.rename(
        columns={
            "item_id": "Item",
            "question": "Question",
            "score": "Answer (0–5)",
            "data_shows": "The client's data shows",
        }
    )


# --------------------------------------------------------------------------- report views

#: The dimension table's columns shown on screen (the weight only when some weight is not 1).
DIMENSION_COLUMNS = ["Dimension", "Score (0–100)", "Questions answered", "Not answered"]


def dimension_view(dims: pd.DataFrame) -> pd.DataFrame:
    """Dimension scores (:func:`dimension_scores`), weakest first, formatted."""
    ordered = dims.sort_values("score", kind="stable", na_position="last")
    return pd.DataFrame(
        {
            "Dimension": [label(d) for d in ordered.index],
            "Score (0–100)": ordered["score"].map(
                lambda v: MISSING if pd.isna(v) else fmt_int(round(v))
            ),
            "Questions answered": ordered["answered"].astype(int),
            "Not answered": ordered["unanswered"].astype(int),
            "Not applicable": ordered["not_applicable"].astype(int)
            if "not_applicable" in ordered
            else 0,
            "Weight": ordered["weight"].map(lambda v: f"{v:g}"),
        }
    ).reset_index(drop=True)


def dimension_columns(dims: pd.DataFrame) -> list[str]:
    """The columns of :func:`dimension_view` worth a place on screen."""
    weighted = (dims["weight"] != 1).any()
    marked = "not_applicable" in dims and (dims["not_applicable"] > 0).any()
    return (
        DIMENSION_COLUMNS
        + (["Not applicable"] if marked else [])
        + (["Weight"] if weighted else [])
    )


def _score(v) -> str:
    """A score 0–5 as written (``3.5``), "—" when missing."""
    return MISSING if pd.isna(v) else f"{v:g}"


#: The spread table's column that says whether the respondents disagree on a question.
SPLIT_COLUMN = "Respondents disagree?"


def spread_view(items: pd.DataFrame) -> pd.DataFrame:
    """Each question's combined answer (:func:`playbook.readiness.scored_items` with several
    respondents): the median, the lowest and highest score, how many respondents scored it or
    marked it not applicable, and whether they disagree (:data:`SPLIT_COLUMN`); the
    disagreements first, then bank order."""
    ordered = items.assign(_order=~items["disagree"]).sort_values("_order", kind="stable")
    return pd.DataFrame(
        {
            "Item": ordered["item_id"],
            "Dimension": ordered["dimension"].map(label),
            "Question": ordered["question"],
            "Median (0–5)": ordered["score"].map(_score),
            "Lowest": ordered["low"].map(_score),
            "Highest": ordered["high"].map(_score),
            "Scored by": ordered["scored"].astype(int),
            "Marked not applicable by": ordered["not_applicable"].astype(int),
            SPLIT_COLUMN: pd.Series(
                [_split(d, n) for d, n in zip(ordered["disagree"], ordered["scored"], strict=True)],
                index=ordered.index,
            ),
        }
    ).reset_index(drop=True)


def _split(disagree: bool, scored: int) -> str:
    """Whether the respondents disagree on a question: "Yes, by 2 points or more", "No", or
    "—" when fewer than two scored it (nothing to compare)."""
    if disagree:
        return f"Yes, by {DISAGREE_AT:g} points or more"
    return "No" if scored >= 2 else MISSING


#: The columns of :func:`spread_view` shown on screen (the workbook has the dimension too).
SPREAD_COLUMNS = [
    "Item",
    "Question",
    "Median (0–5)",
    "Lowest",
    "Highest",
    "Scored by",
    "Marked not applicable by",
    SPLIT_COLUMN,
]


def spread_caption(names: list[str], disagreements: int) -> str:
    """The spread table's caption: who answered, and how many questions they disagree on."""
    who = ", ".join(names)
    if not disagreements:
        return f"Answers of {who}: no question splits them by {DISAGREE_AT:g} points or more"
    noun = "question" if disagreements == 1 else "questions"
    return (
        f"Answers of {who}: {disagreements} {noun} split them by {DISAGREE_AT:g} points or more "
        "(listed first), to settle in the workshop"
    )


def radar_scores(dims: pd.DataFrame) -> pd.Series:
    """Dimension scores in question-bank order, indexed by their plain names (radar axes)."""
    return pd.Series(dims["score"].to_numpy(), index=[label(d) for d in dims.index])


def items_view(items: pd.DataFrame) -> pd.DataFrame:
    """Question-bank items (unanswered list or gap list) with readable headers."""
    cols = [
        c
        for c in ("item_id", "dimension", "question", "score", "recommendation")
        if c in items.columns
    ]
    out = items[cols].copy()
    out["dimension"] = out["dimension"].map(label)
    if "score" in out:
        out["score"] = items["score"].map(lambda v: MISSING if pd.isna(v) else f"{v:g}")
    return out.rename(
        columns={
            "item_id": "Item",
            "dimension": "Dimension",
            "question": "Question",
            "score": "Score (0–5)",
            "recommendation": "Next step",
        }
    )


#: Goal alignments from the one to act on first to the one to keep.
ALIGNMENT_ORDER = ("misaligned", "partial", "not asked", "aligned")


def alignment_counts_view(alignment: dict) -> pd.DataFrame:
    """Partners per goal alignment, with the share of those with a recorded alignment."""
    counts = alignment.get("counts") or {}
    recorded = alignment.get("recorded") or 0
    rows = [
        (
            label(a),
            int(counts.get(a, 0)),
            MISSING
            if a == "not asked" or not recorded
            else fmt_percent(counts.get(a, 0) / recorded),
        )
        for a in ALIGNMENT_ORDER
        if counts.get(a)
    ]
    return pd.DataFrame(rows, columns=["Goal alignment", "Partners", "Share of those asked"])


def alignment_view(align_table: pd.DataFrame) -> pd.DataFrame:
    """Partners and their goal alignment, readable headers and values."""
    out = align_table.drop(columns="partner_id")
    for col in ("type", "status", "goal_alignment"):
        out[col] = label_values(out[col])
    return out.rename(
        columns={
            "name": "Partner",
            "type": "Type",
            "status": "Status",
            "goal_alignment": "Goal alignment",
        }
    )


def coverage_view(cov: pd.DataFrame) -> pd.DataFrame:
    """Industry coverage (:func:`industry_coverage`), formatted, gaps flagged."""
    out = cov.reset_index()
    out["partner_share"] = cov["partner_share"].map(fmt_percent).to_numpy()
    out["customer_share"] = cov["customer_share"].map(fmt_percent).to_numpy()
    out["gap"] = cov["gap"].map(lambda g: "Too few partners" if g else "").to_numpy()
    return out.rename(
        columns={
            "industry": "Industry",
            "partners": "Active partners",
            "customers": "Customers",
            "partner_share": "Share of partners",
            "customer_share": "Share of customers",
            "gap": "Coverage",
        }
    )


def unknown_text(item_ids: list[str]) -> str:
    """The line naming answers to questions the question bank does not have."""
    return (
        "Answers to questions that are not in the question bank were ignored: "
        + ", ".join(item_ids)
        + "."
    )


def dimension_caption(index: float, level: str) -> str:
    """The dimension table's caption: the readiness index and its maturity level."""
    return f"Readiness index {fmt_int(round(index))} of 100 ({level}): dimensions, weakest first"


def gap_caption(threshold: float) -> str:
    """The gap list's caption, with the run's gap threshold."""
    return f"Questions scoring {threshold:g} or less of 5, weakest first, with the next step"


def one_respondent_text(names: list[str]) -> str:
    """The line shown when a single named respondent answered: no spread to compare."""
    return (
        f"Only {names[0]} answered, so there is no spread of answers to compare; add a row per "
        "question for each further respondent (column respondent) to see where views differ."
    )


def definitions(threshold: float, min_partners: int, bands=None) -> list[str]:
    """ "How these figures are defined": the definitions of :mod:`playbook.readiness` in a
    report's words, with the thresholds of this run (``bands`` the maturity bands)."""
    bands = bands or MATURITY
    levels = ", ".join(f"{name} from {floor:g}" for floor, name in bands[1:])
    return [
        "Each question is scored 0 (not at all) to 5 (fully in place). A question nobody "
        "answered is not answered; one nobody scored and someone marked not applicable is not "
        "applicable. Both are left out of every score, never counted as 0.",
        "Several respondents: a question scores the median of the scores its respondents gave "
        "(a mark of not applicable is not a score); its spread is its lowest and highest score, "
        f"and respondents disagree when they are {DISAGREE_AT:g} points or more apart.",
        "Dimension score: the mean of its answered questions, on a scale of 0 to 100. "
        "Readiness index: the weighted mean of the dimension scores that exist (weights 1 "
        f"unless set). Maturity level: {bands[0][1]} below {bands[1][0]:g}; {levels}.",
        f"Gap: an answered question scoring {threshold:g} or less of 5, weakest first.",
        "Industry coverage: active partners and customer accounts by industry; an industry "
        f"with customers and fewer than {min_partners} active partners is a coverage gap.",
        "Goal alignment: aligned, partial or misaligned as the client recorded it, for active "
        "and candidate partners; a partner never asked is counted apart, not as misaligned.",
    ]
