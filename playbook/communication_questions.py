"""Trend 8 — the value-partner and transaction-partner question sets, scored per partner.

**Why a question set.** Whether a partner adds value beyond reselling, knows its customers'
business as well as we do, or can meet their needs and still earn a profit and a steady cash
flow is not in any table a client keeps: the deals show what a partner sold, not why. These are
judgements the consultant makes with the client's alliance lead, partner by partner, so they are
asked as short questions scored 0–5 with the evidence, and saved in ``engagement_answers`` like
the readiness answers. The transaction set adds what the data cannot show beside the measured
contact levels and automated share (:mod:`playbook.communication_contacts`).

Scoring
-------
* Each partner answers the set of **its engagement model** (value or transaction, as trend 8
  classes it; a candidate as :func:`playbook.communication_personas.classify_candidates` classes
  it). Answers to the other set's questions are kept but do not count.
* A blank score is **not answered** and a question marked ``not_applicable`` is **not
  applicable**: both are left out of the partner's score, never counted as 0.
* **Score** of a partner = mean of its answered, applicable scores (0–5); **index** = score × 20
  (0–100). A partner with no such answer has no score ("—").
* A question is **weak** for a partner when scored below ``weak_below`` (:data:`WEAK_BELOW`,
  notebook ``question_weak_below``).
"""

from __future__ import annotations

import pandas as pd

from playbook.communication_contacts import grouped_lists

#: A score below this is a weak answer (notebook ``question_weak_below``).
WEAK_BELOW = 3.0

#: (item id, engagement model the question is for, topic, question), in the order asked.
QUESTIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "VP1",
        "value",
        "Value added",
        "Working with us, the partner adds something of its own (services, know-how, its own "
        "product), not only resale.",
    ),
    (
        "VP2",
        "value",
        "Domain experts",
        "The partner understands its customers' business at least as well as we do.",
    ),
    (
        "VP3",
        "value",
        "Profit and cash flow",
        "The partner can meet its customers' value needs and still make a net profit and keep "
        "its cash flow healthy on the work.",
    ),
    (
        "VP4",
        "value",
        "Solution bundle",
        "The partner could be the catalyst of a solution bundle built with our product.",
    ),
    (
        "VP5",
        "value",
        "Biggest problem",
        "We know the partner's biggest problem and have shaped our answer to it.",
    ),
    (
        "TP1",
        "transaction",
        "Motivation",
        "We know what drives the partner's people: money per transaction, service for large "
        "customers, or something else.",
    ),
    (
        "TP2",
        "transaction",
        "Streamlined channel",
        "We reach the partner through its most streamlined channel, with no step a tool could "
        "take for us.",
    ),
    (
        "TP3",
        "transaction",
        "Senior sponsor",
        "Someone senior at the partner (VP or above) backs the relationship.",
    ),
)


#: Why these are questions, in one sentence for the report.
WHY = (
    "These are questions, not figures: no table a client keeps says whether a partner adds "
    "value, knows its customers' business or can serve them at a profit, so the consultant "
    "scores each partner with the alliance lead, 0 to 5 with the evidence, in the engagement "
    "answers file."
)


def assessed(eng: pd.DataFrame, candidates: pd.DataFrame | None = None) -> pd.DataFrame:
    """The partners a question set is asked of: the active partners of ``eng`` and the
    candidates that could be classed (``partner_id``, ``name``, ``model``)."""
    frames = [eng[["partner_id", "name", "model"]]]
    if candidates is not None and len(candidates):
        frames.append(candidates.dropna(subset=["model"])[["partner_id", "name", "model"]])
    return pd.concat(frames, ignore_index=True)


def question_bank() -> pd.DataFrame:
    """The two question sets: ``item_id``, ``model`` (value / transaction), ``topic``,
    ``question``."""
    return pd.DataFrame(QUESTIONS, columns=["item_id", "model", "topic", "question"])


def unknown_items(answers: pd.DataFrame) -> list[str]:
    """Item ids in ``answers`` that are not questions of the sets (reported, never scored)."""
    known = set(question_bank()["item_id"])
    return sorted(set(answers["item_id"].dropna()) - known)


def _not_applicable(answers: pd.DataFrame) -> pd.Series:
    """True where a row is marked not applicable (a blank is not)."""
    values = answers["not_applicable"]
    known = values.notna()
    flag = pd.Series(False, index=values.index, dtype=bool, name=values.name)
    flag[known] = values[known].astype(bool)
    return flag


def _answered(answers: pd.DataFrame) -> pd.Series:
    """True where a row counts in a score: scored, and not marked not applicable."""
    return answers["score"].notna() & ~_not_applicable(answers)


def partner_scores(
    answers: pd.DataFrame, classes: pd.DataFrame, weak_below: float = WEAK_BELOW
) -> pd.DataFrame:
    """Per partner of ``classes`` (``partner_id``, ``name``, ``model``): questions of its set,
    answered, not applicable, score (0–5), index (0–100) and its weak topics (answered below
    ``weak_below``, lowest first). See the module docstring."""
    bank = question_bank()
    a = answers.merge(bank, on="item_id")
    a = a.merge(classes[["partner_id", "model"]], on=["partner_id", "model"])
    a = a.assign(counts=_answered(a))
    na = _not_applicable(a)
    out = classes[["partner_id", "name", "model"]].set_index("partner_id")
    out["questions"] = out["model"].map(bank.groupby("model").size()).fillna(0).astype(int)
    g = a[a["counts"]].groupby("partner_id")
    out["answered"] = g.size().reindex(out.index).fillna(0).astype(int)
    out["not_applicable"] = na.groupby(a["partner_id"]).sum()
    out["not_applicable"] = out["not_applicable"].reindex(out.index).fillna(0).astype(int)
    out["score"] = g["score"].mean().reindex(out.index)
    out["index"] = out["score"] * 20
    weak = a[a["counts"] & (a["score"] < weak_below)].sort_values(["score", "item_id"])
    out["weak"] = grouped_lists(weak["partner_id"], weak["topic"], out.index)
    return out.reset_index().sort_values(["model", "score", "name"], na_position="last")


def item_summary(
    answers: pd.DataFrame, classes: pd.DataFrame, weak_below: float = WEAK_BELOW
) -> pd.DataFrame:
    """Per question: the partners of its set, answered, not applicable, mean score and how many
    answered below ``weak_below``; questions in the order asked."""
    bank = question_bank()
    a = answers.merge(classes[["partner_id", "model"]], on="partner_id")
    a = a.merge(bank[["item_id", "model"]], on=["item_id", "model"])
    counted = a[_answered(a)]
    na = _not_applicable(a)
    out = bank.set_index("item_id")
    out["partners"] = out["model"].map(classes.groupby("model").size()).fillna(0).astype(int)
    out["answered"] = counted.groupby("item_id").size().reindex(out.index).fillna(0).astype(int)
    out["not_applicable"] = na.groupby(a["item_id"]).sum()
    out["not_applicable"] = out["not_applicable"].reindex(out.index).fillna(0).astype(int)
    out["mean"] = counted.groupby("item_id")["score"].mean().reindex(out.index)
    low = counted[counted["score"] < weak_below].groupby("item_id").size()
    out["weak"] = low.reindex(out.index).fillna(0).astype(int)
    return out.reset_index()
