"""Trend 3 — readiness assessment, industry coverage and partner goal alignment.

Definitions
-----------
* **Answered item**: a question-bank item with a score 0–5 in the ``readiness`` table. Items left
  blank (or absent) are *unanswered*: excluded from every score and listed, never counted as 0.
* **Several respondents** (:func:`combine_answers`): the ``readiness`` table may hold one row per
  question and respondent (``respondent``). A question's score is the **median** of the scores
  its respondents gave (a robust middle: one outlier does not move it; with two scores it is
  their mean); its **spread** is its lowest and highest score, and respondents **disagree** when
  they are :data:`DISAGREE_AT` (2) points or more apart. A question nobody scored and at least
  one respondent marked ``not_applicable`` is **not applicable**: left out of every score like
  an unanswered one, but listed as not applicable, not as not answered. A row marked not
  applicable counts as that mark only (a score on it is an error of ``playbook check``). One
  respondent: the median is that respondent's score, so nothing changes.
* **Dimension score** (0–100): ``100 × mean(answered scores in the dimension) ÷ 5``; missing when
  no item of the dimension is answered.
* **Readiness index** (0–100): ``Σ w_d × score_d ÷ Σ w_d`` over dimensions with a score, ``w_d``
  the dimension weight (notebook parameter ``dimension_weights``, default 1 each).
* **Maturity level**: the band the index falls in, each level from its lowest index up to the
  next level's (notebook parameter ``maturity_floors``; :data:`MATURITY` by default:
  ``[0, 20)`` Ad hoc, ``[20, 40)`` Emerging, ``[40, 60)`` Defined, ``[60, 80)`` Managed,
  ``[80, 100]`` Optimised).
* **Gap**: an answered item scoring at or below the gap threshold, weakest first.
* **Industry share**: an industry's share of active partners (partners) or of customer accounts
  (customers), 0–1. A **coverage gap** is an industry with customers but fewer than
  ``min_partners`` active partners.
* **Goal-alignment score** of a set of partners: the mean of each recorded alignment's score
  (notebook parameter ``alignment_scores``; :data:`ALIGNMENT_SCORE` by default: aligned = 1,
  partial = 0.5, misaligned = 0) over active partners and candidates with a recorded alignment;
  a blank alignment is "not asked", left out, never scored 0. The **share fully aligned** has
  the same denominator (partners with a recorded alignment).
* **To discuss** (:func:`to_discuss`): an answered item scored **0** ("not at all") that the
  client's own tables contradict, matched by item id
  (:func:`playbook.consistency.readiness_evidence`, the rule ``playbook check`` applies too):
  IC1 while customer
  accounts carry an industry, IC2 while active partners carry an industry, PO2 while
  investments are recorded up to the as-of date. The answer still counts in the scores as
  given; the list is for the next conversation with the client. A blank answer is never 0, so
  it is never on the list.

Where the constants come from
-----------------------------
The seed report (``partner-ecosystem-trends-report.txt``, trend 3) asks for a readiness
assessment answering what customers need, what the ecosystem can deliver, how partners divide
by industry percentage and whether partners' goals are aligned, and for a map of the platform
(starter kit) — the dimensions of :mod:`playbook.readiness_bank`. It gives **no number** for
any constant here: the maturity cut-offs (:data:`MATURITY`, equal 20-point bands), the
alignment scores (:data:`ALIGNMENT_SCORE`), the gap threshold (2), the minimum partners per
industry (2) and the dimension weights (1) are playbook defaults, each a notebook parameter of
03 shown in the report's assumptions table. (Its "70–80 % of alliances" is context, not a
threshold.)
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.consistency import readiness_evidence
from playbook.exceptions import NotebookInputError
from playbook.readiness_bank import DIMENSIONS, question_bank


class Maturity(StrEnum):
    """Maturity level of a readiness index (see module docstring)."""

    AD_HOC = "Ad hoc"
    EMERGING = "Emerging"
    DEFINED = "Defined"
    MANAGED = "Managed"
    OPTIMISED = "Optimised"
    NOT_ASSESSED = "not assessed"  # no readiness index


class Alignment(StrEnum):
    """A partner's goal alignment (``partners.goal_alignment``; ``not asked`` when blank)."""

    ALIGNED = "aligned"
    PARTIAL = "partial"
    MISALIGNED = "misaligned"
    NOT_ASKED = "not asked"


#: Lowest readiness index of each maturity level (playbook default, not from the report;
#: notebook parameter ``maturity_floors`` overrides the levels above Ad hoc).
MATURITY = (
    (0, Maturity.AD_HOC),
    (20, Maturity.EMERGING),
    (40, Maturity.DEFINED),
    (60, Maturity.MANAGED),
    (80, Maturity.OPTIMISED),
)
#: Score of each recorded goal alignment (playbook default, not from the report; notebook
#: parameter ``alignment_scores`` overrides it).
ALIGNMENT_SCORE = {Alignment.ALIGNED: 1.0, Alignment.PARTIAL: 0.5, Alignment.MISALIGNED: 0.0}


def maturity_bands(floors: dict | None = None) -> tuple[tuple[float, Maturity], ...]:
    """:data:`MATURITY` with the lowest index of some levels above Ad hoc replaced by
    ``floors`` (level name → index 0–100, e.g. ``{"Managed": 70}``). Raises
    :class:`~playbook.exceptions.NotebookInputError` for an unknown level or floors that do not
    rise strictly within (0, 100]."""
    floors = dict(floors or {})
    names = {str(level): level for _, level in MATURITY[1:]}
    unknown = [k for k in floors if k not in names]
    if unknown:
        raise NotebookInputError(
            f"maturity_floors: unknown level(s) {unknown}; expected some of {list(names)}"
        )
    bands = (
        MATURITY[0],
        *((float(floors.get(str(level), floor)), level) for floor, level in MATURITY[1:]),
    )
    values = [floor for floor, _ in bands]
    if any(b <= a for a, b in zip(values, values[1:], strict=False)) or values[-1] > 100:
        shown = {str(level): floor for floor, level in bands[1:]}
        raise NotebookInputError(
            f"maturity_floors: {shown} must rise strictly from Emerging to Optimised, within 0–100"
        )
    return bands


def alignment_scores(scores: dict | None = None) -> dict[Alignment, float]:
    """:data:`ALIGNMENT_SCORE` with the scores given in ``scores`` (alignment → number);
    raises :class:`~playbook.exceptions.NotebookInputError` for an unknown alignment or a
    score that is not a number."""
    out = dict(ALIGNMENT_SCORE)
    for key, value in (scores or {}).items():
        if key not in ALIGNMENT_SCORE:
            raise NotebookInputError(
                f"alignment_scores: unknown alignment {key!r}; expected some of "
                f"{[str(a) for a in ALIGNMENT_SCORE]}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise NotebookInputError(f"alignment_scores: {key} = {value!r} is not a number")
        out[Alignment(key)] = float(value)
    return out


#: Points between a question's lowest and highest score from which its respondents disagree.
DISAGREE_AT = 2

#: The columns of :func:`combine_answers`, after ``item_id``.
COMBINED = ["score", "evidence", "low", "high", "scored", "not_applicable", "disagree"]


def _marked(answers: pd.DataFrame) -> pd.Series:
    """True on the answer rows marked not applicable (no such column: none)."""
    if "not_applicable" not in answers:
        return pd.Series(False, index=answers.index)
    return answers["not_applicable"].fillna(False).astype(bool)


def _evidence(rows: pd.DataFrame) -> str | float:
    """The evidence of one question's rows, each with its respondent when there are several
    respondents; missing when none was given."""
    given = rows[rows["evidence"].notna() & (rows["evidence"].astype(str).str.strip() != "")]
    if given.empty:
        return np.nan
    named = given["respondent"].nunique() > 1 or rows["respondent"].nunique() > 1
    return " · ".join(
        f"{who}: {text}" if named and isinstance(who, str) else str(text)
        for who, text in zip(given["respondent"], given["evidence"], strict=True)
    )


def combine_answers(answers: pd.DataFrame, disagree_at: float = DISAGREE_AT) -> pd.DataFrame:
    """One row per question answered in ``answers`` (the ``readiness`` table: one row per
    question and respondent), its respondents combined (see module docstring): ``score`` the
    median of the scores given (0–5; missing when nobody scored it), ``low`` / ``high`` the
    lowest and highest score, ``scored`` the respondents who gave a score, ``not_applicable``
    those who marked the question not applicable, ``disagree`` True when ``high − low`` is
    ``disagree_at`` points or more, ``evidence`` every respondent's evidence."""
    if not len(answers):
        return pd.DataFrame(columns=["item_id", *COMBINED])
    rows = answers.assign(
        respondent=answers["respondent"] if "respondent" in answers else np.nan,
        evidence=answers["evidence"] if "evidence" in answers else np.nan,
        _na=_marked(answers),
    )
    rows["score"] = pd.to_numeric(rows["score"], errors="coerce").where(~rows["_na"])
    g = rows.groupby("item_id", sort=False)
    out = pd.DataFrame(
        {
            "score": g["score"].median(),
            "evidence": g[["respondent", "evidence"]].apply(_evidence),
            "low": g["score"].min(),
            "high": g["score"].max(),
            "scored": g["score"].count(),
            "not_applicable": g["_na"].sum().astype(int),
        }
    )
    out["disagree"] = (out["high"] - out["low"]) >= disagree_at
    return out.reset_index()


def respondents(answers: pd.DataFrame) -> list[str]:
    """The named respondents of the ``readiness`` table, in the order they first appear."""
    if "respondent" not in answers or not len(answers):
        return []
    return list(dict.fromkeys(answers["respondent"].dropna()))


def scored_items(answers: pd.DataFrame, bank: pd.DataFrame | None = None) -> pd.DataFrame:
    """The question bank with each item's ``score`` (missing = unanswered or not applicable),
    ``evidence`` and its respondents' spread (:func:`combine_answers`).

    Answers whose ``item_id`` is not in the bank are ignored (and reported by
    :func:`unknown_items`).
    """
    bank = question_bank() if bank is None else bank
    out = bank.merge(combine_answers(answers), on="item_id", how="left")
    out["score"] = out["score"].astype("float64")
    out["scored"] = out["scored"].fillna(0).astype(int)
    out["not_applicable"] = out["not_applicable"].fillna(0).astype(int)
    out["disagree"] = out["disagree"].fillna(False).astype(bool)
    return out


def not_applicable(items: pd.DataFrame) -> pd.Series:
    """True on the items of :func:`scored_items` that are not applicable: nobody scored them
    and someone marked them so."""
    marked = items["not_applicable"] if "not_applicable" in items else 0
    return items["score"].isna() & (pd.Series(marked, index=items.index) > 0)


def unanswered(items: pd.DataFrame) -> pd.Series:
    """True on the items of :func:`scored_items` nobody answered (no score, not marked not
    applicable): never counted as 0."""
    return items["score"].isna() & ~not_applicable(items)


def with_score(items: pd.DataFrame, item_id: str, score: float | None) -> pd.DataFrame:
    """``items`` (:func:`scored_items`) with the answer to ``item_id`` set to ``score`` (0–5;
    ``None`` or NaN: unanswered, never 0), as a new frame; every other answer unchanged. Used
    live, when an answer changes in the readiness form: every score follows from the result."""
    if item_id not in set(items["item_id"]):
        raise NotebookInputError(f"readiness form: unknown question id {item_id!r}")
    value = np.nan if score is None or pd.isna(score) else float(score)
    if not np.isnan(value) and not 0 <= value <= 5:
        raise NotebookInputError(f"readiness form: {item_id} scored {score}; expected 0 to 5")
    out = items.copy()
    out.loc[out["item_id"] == item_id, "score"] = value
    return out


def unknown_items(answers: pd.DataFrame, bank: pd.DataFrame | None = None) -> list[str]:
    """Sorted ids of answers that are not in the question bank."""
    bank = question_bank() if bank is None else bank
    return sorted(set(answers["item_id"]) - set(bank["item_id"]))


def dimension_scores(items: pd.DataFrame, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Per dimension: answered / unanswered / not-applicable item counts, score 0–100 and
    weight."""
    g = items.groupby("dimension")["score"]
    n_a = not_applicable(items).groupby(items["dimension"]).sum().astype(int)
    out = pd.DataFrame(
        {
            "answered": g.count(),
            "unanswered": g.size() - g.count() - n_a,
            "not_applicable": n_a,
            "score": g.mean() / 5 * 100,
        }
    )
    out = out.reindex([d for d in DIMENSIONS if d in out.index])
    out["weight"] = [float((weights or {}).get(d, 1.0)) for d in out.index]
    return out


def readiness_index(dims: pd.DataFrame) -> float:
    """Weighted mean of the dimension scores that exist (0–100); missing if none exists."""
    scored = dims.dropna(subset=["score"])
    if scored.empty or scored["weight"].sum() == 0:
        return np.nan
    return float((scored["score"] * scored["weight"]).sum() / scored["weight"].sum())


def maturity(index: float, bands=MATURITY) -> str:
    """Maturity level of a readiness index in ``bands`` (:func:`maturity_bands`; see module
    docstring)."""
    if index is None or pd.isna(index):
        return Maturity.NOT_ASSESSED
    label = bands[0][1]
    for floor, name in bands:
        if index >= floor:
            label = name
    return label


def gaps(items: pd.DataFrame, threshold: float = 2) -> pd.DataFrame:
    """Answered items scoring at or below ``threshold``, weakest first, with recommendations."""
    g = items[items["score"].notna() & (items["score"] <= threshold)]
    return g.sort_values(["score", "item_id"])[
        ["item_id", "dimension", "question", "score", "recommendation"]
    ].reset_index(drop=True)


def industry_coverage(
    partners: pd.DataFrame, accounts: pd.DataFrame, min_partners: int = 2
) -> pd.DataFrame:
    """Partners by industry % vs customers by industry %, with coverage gaps flagged.

    Only active partners and customer accounts with an industry count. ``gap`` is True where
    the industry has customers but fewer than ``min_partners`` active partners.
    """
    active = partners[(partners["status"] == "active") & partners["industry"].notna()]
    customers = accounts[(accounts["status"] == "customer") & accounts["industry"].notna()]
    p = active["industry"].value_counts()
    c = customers["industry"].value_counts()
    out = pd.DataFrame({"partners": p, "customers": c}).fillna(0).astype(int)
    out["partner_share"] = out["partners"] / max(out["partners"].sum(), 1)
    out["customer_share"] = out["customers"] / max(out["customers"].sum(), 1)
    out["gap"] = (out["customers"] > 0) & (out["partners"] < min_partners)
    return out.sort_values(["customers", "partners"], ascending=False).rename_axis("industry")


def goal_alignment(partners: pd.DataFrame, scores: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """Per-partner alignment (active partners and candidates) and overall counts and score,
    each alignment scored by :func:`alignment_scores` of ``scores``.

    ``score`` and ``share_aligned`` (0–1) have one denominator: the ``recorded`` partners, those
    with an alignment; ``not asked`` ones (blank) are counted apart, never as misaligned.
    """
    cur = partners[partners["status"].isin(["active", "candidate"])]
    table = cur[["partner_id", "name", "type", "status", "goal_alignment"]].copy()
    table["goal_alignment"] = table["goal_alignment"].fillna(Alignment.NOT_ASKED)
    counts = table["goal_alignment"].value_counts().to_dict()
    scores = cur["goal_alignment"].map(alignment_scores(scores)).dropna()
    recorded = cur.loc[scores.index, "goal_alignment"]
    overall = {
        "counts": counts,
        "recorded": len(scores),
        "score": float(scores.mean()) if len(scores) else np.nan,
        "share_aligned": float((recorded == Alignment.ALIGNED).mean()) if len(scores) else np.nan,
    }
    order = {
        Alignment.MISALIGNED: 0,
        Alignment.PARTIAL: 1,
        Alignment.NOT_ASKED: 2,
        Alignment.ALIGNED: 3,
    }
    table = table.sort_values(
        ["goal_alignment", "name"], key=lambda s: s.map(order) if s.name == "goal_alignment" else s
    )
    return table.reset_index(drop=True), overall


# --------------------------------------------------------------------------- answers vs data


def to_discuss(
    items: pd.DataFrame,
    partners: pd.DataFrame,
    accounts: pd.DataFrame | None = None,
    investments: pd.DataFrame | None = None,
    as_of=None,
) -> pd.DataFrame:
    """Answers scored 0 that the client's own tables contradict (see module docstring).

    ``items`` from :func:`scored_items`; ``accounts`` and ``investments`` may be empty or
    ``None`` (not supplied: nothing to contradict with); investments dated after ``as_of`` do
    not exist yet. One row per contradicted item in bank order: ``item_id``, ``question``,
    ``score`` and ``data_shows`` (what the data holds, naming the table and column).
    """
    shows = readiness_evidence(
        {"partners": partners, "accounts": accounts, "investments": investments}, as_of
    )
    rows = [
        (r.item_id, r.question, r.score, shows[r.item_id])
        for r in items[items["score"] == 0].itertuples()
        if r.item_id in shows
    ]
    return pd.DataFrame(rows, columns=["item_id", "question", "score", "data_shows"])
