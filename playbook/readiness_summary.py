"""Trend 3 — readiness: what the report concludes (:func:`summarise`).

The takeaways, key findings and action-plan items of the readiness report, built from the
tables of :mod:`playbook.readiness`, and the wording they share with the report's views (the
section headings, a gap's specific next step, chart titles that state the finding).

Definitions
-----------
* **Weakest dimensions**: the two dimensions with the lowest score (0–100), lowest first.
* **A gap's next step** (:func:`next_step`): the question bank's recommendation, made specific
  where the client's data names the target: IC3 (industries with too few partners) names the
  coverage-gap industries, GA1 (partners asked for their goals) counts the partners not asked,
  GA3 (joint reviews) starts with the misaligned partners.
* **Several respondents**: the gap takeaway adds how many answered (each question scored by
  the median) and names the questions on which they are
  :data:`playbook.readiness.DISAGREE_AT` points or more apart, to settle together; questions
  marked not applicable are said to be left out of the index.
* **Action urgency**: a gap scored 0 or 1 of 5 is to fix (:attr:`Urgency.FIX`), one scored
  higher an opportunity (:attr:`Urgency.OPPORTUNITY`). No owner or due date: neither the
  question bank nor the answers name one.
"""

from __future__ import annotations

import pandas as pd

from playbook import readiness
from playbook.formatting import fmt_int, fmt_percent, name_list
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, TrendResult, Urgency

#: The report's section headings (also the ``section`` of its key findings and actions).
DIMENSIONS = "Readiness by dimension"
COVERAGE = "Industry coverage: partners against customers"
ALIGNMENT = "Partner goal alignment"
GAPS = "Readiness gaps and the next step for each"
DISCUSS = "Answers to check with the client"
RESPONDENTS = "How the respondents' answers compare"


def weakest(dims: pd.DataFrame | None, n: int = 2) -> pd.Series:
    """The ``n`` lowest dimension scores (0–100), lowest first, labelled in plain words."""
    if dims is None:
        return pd.Series(dtype=float)
    scored = dims["score"].dropna().sort_values(kind="stable").head(n)
    scored.index = [label(d) for d in scored.index]
    return scored


def radar_title(dims: pd.DataFrame) -> str:
    """The radar chart's title: the weakest dimensions and their scores."""
    low = weakest(dims)
    if low.empty:
        return "No dimension could be scored"
    names = [f"{name.lower()} ({fmt_int(round(v))})" for name, v in low.items()]
    names[0] = names[0][0].upper() + names[0][1:]
    verb = "is the weakest dimension" if len(names) == 1 else "are the weakest dimensions"
    return f"{' and '.join(names)} {verb} (score 0–100)"


def _industries(cov: pd.DataFrame) -> str:
    """The coverage-gap industries with their customers and partners, the first
    :data:`~playbook.formatting.PROSE_NAMES` named (:func:`~playbook.formatting.name_list`)."""
    gaps = cov[cov["gap"]]
    parts = [
        f"{name} ({plural(int(r.customers), 'customer')}, {_partners(int(r.partners))})"
        for name, r in gaps.iterrows()
    ]
    return name_list(parts, and_last=True)


def _partners(n: int) -> str:
    return "no active partner" if n == 0 else plural(n, "active partner")


def coverage_title(cov: pd.DataFrame) -> str:
    """The industry chart's title: the largest coverage gap, else the most over-served one."""
    gaps = cov[cov["gap"]]
    if len(gaps):
        name, r = next(iter(gaps.iterrows()))
        return (
            f"{name} holds {fmt_percent(r.customer_share)} of customers and has "
            f"{_partners(int(r.partners))}"
        )
    if cov.empty:
        return "No industry recorded"
    over = (cov["partner_share"] - cov["customer_share"]).idxmax()
    r = cov.loc[over]
    return (
        f"{over} holds {fmt_percent(r.partner_share)} of partners and "
        f"{fmt_percent(r.customer_share)} of customers"
    )


def next_step(item_id: str, recommendation: str, cov=None, alignment=None) -> str:
    """A gap's next step: the bank's ``recommendation``, specific where the data names the
    target (see module docstring); ``cov`` from :func:`readiness.industry_coverage` or None,
    ``alignment`` the overall result of :func:`readiness.goal_alignment` or None."""
    counts = (alignment or {}).get("counts") or {}
    if item_id == "IC3" and cov is not None and cov["gap"].any():
        return f"Recruit partners for {_industries(cov)}."
    if item_id == "GA1" and counts.get("not asked"):
        n = counts["not asked"]
        return (
            f"Hold a goals session with each strategic partner and record the answers; "
            f"{plural(n, 'partner')} {'has' if n == 1 else 'have'} not been asked yet."
        )
    if item_id == "GA3" and counts.get("misaligned"):
        n = counts["misaligned"]
        return (
            f"Schedule half-yearly joint reviews, starting with the "
            f"{plural(n, 'misaligned partner')}."
        )
    return recommendation


def with_next_steps(gap_list: pd.DataFrame, cov=None, alignment=None) -> pd.DataFrame:
    """``gap_list`` (:func:`readiness.gaps`) with each recommendation replaced by its
    :func:`next_step`."""
    out = gap_list.copy()
    out["recommendation"] = [
        next_step(i, r, cov, alignment)
        for i, r in zip(gap_list["item_id"], gap_list["recommendation"], strict=True)
    ]
    return out


def rescore(
    items: pd.DataFrame, weights: dict | None, bands, threshold: float
) -> tuple[pd.DataFrame, float, str, pd.DataFrame]:
    """Every score of the assessment from ``items`` (:func:`readiness.scored_items`) as they
    stand: the dimension scores (0–100), the readiness index (0–100, missing when nothing is
    answered), the maturity level and the gap list (answered items at or below ``threshold``,
    0–5). The live readiness form calls it on every changed answer."""
    dims = readiness.dimension_scores(items, weights)
    index = readiness.readiness_index(dims)
    return dims, index, readiness.maturity(index, bands), readiness.gaps(items, threshold)


# --------------------------------------------------------------------------- the result


def summarise(
    *,
    index: float,
    level: str,
    items: pd.DataFrame,
    gap_list: pd.DataFrame,
    unanswered: int,
    cov: pd.DataFrame | None,
    alignment: dict,
    discuss: pd.DataFrame | None = None,
    dims: pd.DataFrame | None = None,
    threshold: float = 2,
    bands=None,
    align_table: pd.DataFrame | None = None,
    respondents: list[str] | None = None,
) -> TrendResult:
    """What trend 3 concludes: takeaways, key findings, action-plan items, figures for
    ``results.json`` and the summary headline.

    ``index`` from :func:`readiness.readiness_index` (missing when not assessed), ``level`` its
    :func:`readiness.maturity`, ``items`` from :func:`readiness.scored_items`, ``gap_list`` from
    :func:`readiness.gaps` at ``threshold``, ``unanswered`` the number of items without a score,
    ``cov`` from :func:`readiness.industry_coverage` (``None`` without accounts), ``alignment``
    the overall result of :func:`readiness.goal_alignment`, ``discuss`` from
    :func:`readiness.to_discuss` (``None``: not checked), ``dims`` from
    :func:`readiness.dimension_scores`, ``bands`` the maturity bands (for the next level),
    ``align_table`` the per-partner table of :func:`readiness.goal_alignment` (the partner
    records: ``goal_alignment`` in plain words, "Not asked" when blank), ``respondents`` the
    named respondents (:func:`readiness.respondents`; two or more: their spread is reported).
    """
    assessed = not pd.isna(index)
    steps = with_next_steps(gap_list, cov, alignment)
    findings = [
        *_index_findings(index, level, dims, bands),
        *(
            [_answers_finding(items, gap_list, unanswered, threshold, respondents)]
            if assessed
            else []
        ),
        *_coverage_findings(cov),
        *_alignment_findings(alignment),
        *_discuss_findings(discuss),
    ]
    figures = _figures(index, level, items, gap_list, cov, alignment)
    figures["respondents"] = len(respondents or [])
    if len(respondents or []) > 1:
        figures["disagreements"] = list(items.loc[items["disagree"], "item_id"])
    if discuss is not None:
        figures["to_discuss"] = list(discuss["item_id"])
    return TrendResult(
        findings=findings[:6],
        figures=figures,
        headline=_headline(index, level, gap_list),
        key_findings=_key_findings(index, level, dims, cov, alignment),
        actions=_actions(steps),
        # Nobody's alignment recorded: "Not asked" for every partner says nothing.
        partners=_partners_records(align_table) if (alignment or {}).get("recorded") else [],
    )


def _partners_records(align_table: pd.DataFrame | None) -> list[dict]:
    """One record per active or candidate partner: its goal alignment in plain words."""
    if align_table is None:
        return []
    return [
        {"partner_id": r.partner_id, "partner": r.name, "goal_alignment": label(r.goal_alignment)}
        for r in align_table.itertuples()
    ]


def _next_level(index: float, bands) -> tuple[float, str] | None:
    """The lowest index and name of the maturity level above ``index``, if any."""
    for floor, name in bands or ():
        if floor > index:
            return floor, str(name)
    return None


def _index_findings(index, level, dims, bands) -> list[str]:
    if pd.isna(index):
        return ["Readiness not assessed: no question of the assessment has a score."]
    text = f"Readiness scores {fmt_int(round(index))} of 100, the {level} maturity level"
    above = _next_level(index, bands)
    if above is not None:
        text += f"; the next level, {above[1]}, starts at {above[0]:g}"
    out = [text + "."]
    low = weakest(dims)
    if len(low):
        names = [f"{name.lower()} ({fmt_int(round(v))} of 100)" for name, v in low.items()]
        out.append(f"The weakest dimensions are {' and '.join(names)}.")
    return out


def _gap_finding(items, gap_list, unanswered, threshold) -> str:
    answered = int(items["score"].notna().sum())
    n = len(gap_list)
    text = (
        f"{fmt_int(n)} of {plural(answered, 'answered question')} score {threshold:g} or less "
        "of 5, each with a next step in the gap list"
        if n
        else f"No answered question scores {threshold:g} or less of 5"
    )
    if unanswered:
        verb = "is" if unanswered == 1 else "are"
        text += f"; {plural(unanswered, 'question')} {verb} unanswered and left out of the scores"
    return text + "."


def _answers_finding(items, gap_list, unanswered, threshold, respondents) -> str:
    """One takeaway (the report keeps at most six): the gaps, then how several respondents
    were combined and the questions marked not applicable."""
    return " ".join(
        [_gap_finding(items, gap_list, unanswered, threshold)]
        + _respondent_findings(items, respondents)
    )


def _respondent_findings(items, respondents) -> list[str]:
    """Several respondents: how their answers were combined and the questions that split
    them; questions marked not applicable (with one respondent or several)."""
    out = []
    n_a = int(readiness.not_applicable(items).sum())
    if n_a:
        verb = "is" if n_a == 1 else "are"
        out.append(f"{plural(n_a, 'question')} marked not applicable {verb} left out of the index.")
    if len(respondents or []) < 2:
        return out
    split = items[items["disagree"]]
    text = (
        f"{plural(len(respondents), 'respondent')} answered; each question is scored by the median"
    )
    if len(split):
        text += (
            f", and they are {readiness.DISAGREE_AT:g} points or more apart on "
            f"{plural(len(split), 'question')}, to settle together: {_questions(split)}"
        )
    return [text + ".", *out]


def _questions(items: pd.DataFrame) -> str:
    """The questions of ``items`` in their own words, each with its item code in brackets
    (the code finds it in the tables): “Question?” (CN1); “Other?” (GA2)."""
    return "; ".join(
        f"“{q}” ({i})" for i, q in zip(items["item_id"], items["question"], strict=True)
    )


def _coverage_findings(cov) -> list[str]:
    if cov is None:
        return []
    if not cov["gap"].any():
        return ["Every industry with customers has enough active partners."]
    return [f"Industries with customers but too few partners: {_industries(cov)}."]


def _alignment_findings(alignment) -> list[str]:
    if alignment is None or pd.isna(alignment.get("score")):
        return []
    counts = alignment.get("counts") or {}
    aligned = int(counts.get("aligned", 0))
    text = (
        f"{fmt_int(aligned)} of the {plural(alignment['recorded'], 'partner')} with a recorded "
        f"goal alignment are fully aligned ({fmt_percent(alignment['share_aligned'])})"
    )
    mis = int(counts.get("misaligned", 0))
    if mis:
        text += f"; {fmt_int(mis)} {'is' if mis == 1 else 'are'} misaligned"
    return [text + "."]


def _discuss_findings(discuss) -> list[str]:
    if discuss is None or not len(discuss):
        return []
    n = len(discuss)
    questions = "; ".join(f"'{q.rstrip('.')}'" for q in discuss["question"])
    return [
        f"{plural(n, 'answer')} of 0 {'is' if n == 1 else 'are'} contradicted by the client's "
        f"own data, to check with the client: {questions}."
    ]


def _key_findings(index, level, dims, cov, alignment) -> list[KeyFinding]:
    out = []
    if not pd.isna(index):
        low = weakest(dims)
        text = f"Partner readiness scores {fmt_int(round(index))} of 100 ({level})"
        if len(low):
            name, v = next(iter(low.items()))
            text += f"; {name.lower()} is weakest at {fmt_int(round(v))}"
        out.append(KeyFinding(text + ".", None, Urgency.FIX, DIMENSIONS))
    if cov is not None and cov["gap"].any():
        out.append(
            KeyFinding(
                f"Customers in industries without enough partners: {_industries(cov)}.",
                None,
                Urgency.OPPORTUNITY,
                COVERAGE,
            )
        )
    counts = (alignment or {}).get("counts") or {}
    if counts.get("misaligned"):
        out.append(
            KeyFinding(
                f"Goals are misaligned with {plural(int(counts['misaligned']), 'partner')}; "
                f"{fmt_int(counts.get('aligned', 0))} of {fmt_int(alignment['recorded'])} are "
                f"fully aligned ({fmt_percent(alignment['share_aligned'])}).",
                None,
                Urgency.FIX,
                ALIGNMENT,
            )
        )
    return out


def _actions(steps: pd.DataFrame) -> list[Action]:
    """One action per gap, weakest first: the dimension, its score and the next step."""
    return [
        Action(
            action=(
                f"{label(r.dimension)}, scored {r.score:g} of 5: {_lower_first(r.recommendation)}"
            ),
            owner="",
            due="",
            kind="Readiness gap",
            section=GAPS,
            urgency=Urgency.FIX if r.score <= 1 else Urgency.OPPORTUNITY,
        )
        for r in steps.itertuples()
    ]


def _lower_first(text: str) -> str:
    """``text`` with a lower-case first letter, unless it starts an acronym (``API``)."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _figures(index, level, items, gap_list, cov, alignment) -> dict:
    """Machine-readable key figures for ``results.json``."""
    return {
        "readiness_index": index,
        "maturity": level,
        "gaps": list(gap_list["item_id"]),
        # the question of each gap item, so a later run can name the items that are new
        "gap_questions": dict(zip(gap_list["item_id"], gap_list["question"], strict=True)),
        "unanswered": list(items.loc[readiness.unanswered(items), "item_id"]),
        "not_applicable": list(items.loc[readiness.not_applicable(items), "item_id"]),
        "coverage_gaps": [] if cov is None else list(cov.index[cov["gap"]]),
        "alignment": alignment,
    }


def _headline(index: float, level: str, gap_list: pd.DataFrame) -> dict[str, str]:
    return {
        "Readiness index": "—" if pd.isna(index) else f"{index:.0f} / 100",
        "Maturity": level,
        # Without a scored answer there is no gap list: unknown, not 0.
        "Gap items": "—" if pd.isna(index) else fmt_int(len(gap_list)),
    }
