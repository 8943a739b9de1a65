"""Trend 7 — where the partner program sits: its reporting lines, and whether to outsource its
management.

Definitions
-----------
* **Reporting lines** (:func:`reporting_lines`), from ``profile.yaml``
  ``program_organisation``: the function the program reports into (``reports_to``) and the
  functions it is integrated with (``integrated_with``). They are checked against the seed
  report's advice, one check per line of advice: **reports into business development or sales**
  (met when ``reports_to`` is ``business_development`` or ``sales``) and **integrated with
  product management** (met when ``product_management`` is among ``integrated_with``, or is
  the function it reports into). A check whose input is not set is *not stated*, never "not
  met".
* **Where the program's people sit** (:func:`program_units`): program staff (people with a
  role, :mod:`playbook.staff`) counted per ``staff.org_unit`` — what the data shows beside
  what the profile states.
* **Outsourcing question set** (:data:`QUESTIONS`): eight statements the client scores 0–5
  (agreement; a high score favours handing the program's day-to-day management to an outside
  firm). It is a question set, not a figure, because the choice rests on capacity, cost
  quotes, strategy and how much control the client will give up, none of which a CRM export
  holds. **Case for outsourcing** (:func:`outsourcing_case`) = mean score of the answered
  questions ÷ 5 × 100 (%); a blank answer is *not answered* and a question marked not
  applicable is *left out*, neither counts as 0. Below :data:`MIN_ANSWERED` answered
  questions no case is stated. **Verdict**: from :data:`STRONG_CASE` % a strong case (ask
  providers for proposals), from :data:`PARTIAL_CASE` % a partial case (hand over parts, keep
  the relationships), below it keep the program in house.
* **Active partners per program FTE** (:func:`partners_per_fte`): active partners ÷ the FTE of
  program staff on board at the as-of date (blank FTE counts as full time, as in
  :mod:`playbook.staff`); missing without program staff. The data point beside the questions
  on capacity.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.staff import DEFAULT_FTE, program_staff

#: Functions a program should report into, and the one it should be integrated with.
REPORT_INTO = ("business_development", "sales")
INTEGRATE_WITH = "product_management"


class Check(StrEnum):
    """Outcome of one reporting-line check."""

    MET = "Met"
    NOT_MET = "Not met"
    NOT_STATED = "Not stated"


#: The question set: id → (short title, statement scored 0–5; 5 favours outsourcing). Its ids
#: are :data:`playbook.schema.OUTSOURCING_ITEMS`, in that order (a test keeps them equal).
QUESTIONS: dict[str, tuple[str, str]] = {
    "capacity": (
        "Capacity",
        "Our program team cannot give every active partner the attention it needs today.",
    ),
    "skills": (
        "Skills",
        "We lack people who have recruited, enabled and managed partners before.",
    ),
    "speed": (
        "Speed",
        "We need the program running sooner than we could hire and train a team for it.",
    ),
    "cost": (
        "Cost",
        "An outside firm would cost less than the people, tools and portal we would need.",
    ),
    "focus": (
        "Focus",
        "Running the program day to day is not a strength we want to build ourselves.",
    ),
    "reach": (
        "Reach",
        "We need partners in regions, industries or partner types where we know nobody.",
    ),
    "contacts": (
        "Several contacts",
        "Our larger partners need several points of contact kept in step, more than we can staff.",
    ),
    "control": (
        "Control",
        "We could keep partner contracts, partner data and our brand in our hands while "
        "someone else runs the day-to-day.",
    ),
}

#: Fewest answered questions for a case to be stated.
MIN_ANSWERED = 4
#: Case for outsourcing (%) from which it is strong, and from which it is partial.
STRONG_CASE = 60.0
PARTIAL_CASE = 40.0


def reporting_lines(reports_to: str | None, integrated_with: list[str]) -> pd.DataFrame:
    """The two checks of the seed report's advice (module docstring): ``advice``, ``stated``
    (the function code(s) the profile gives, "" when none) and ``check`` (:class:`Check`)."""
    integrated = list(dict.fromkeys(integrated_with))
    if reports_to is None:
        into = Check.NOT_STATED
    else:
        into = Check.MET if reports_to in REPORT_INTO else Check.NOT_MET
    if not integrated and reports_to is None:
        pm = Check.NOT_STATED
    else:
        pm = Check.MET if INTEGRATE_WITH in [*integrated, reports_to] else Check.NOT_MET
    return pd.DataFrame(
        {
            "advice": ["reports_into", "integrated_with"],
            "stated": [reports_to or "", ", ".join(integrated)],
            "check": [into, pm],
        }
    )


def program_units(staff: pd.DataFrame, as_of) -> pd.Series:
    """Program staff on board at ``as_of`` (started by then or no start date, not left) per
    ``org_unit`` ("" for a person without one, listed last), most first; empty without program
    staff."""
    people = _on_board(program_staff(staff), as_of)
    if not len(people):
        return pd.Series(dtype="int64")
    units = people["org_unit"].fillna("").astype(str).str.strip()
    counts = units.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return pd.concat([counts[counts.index != ""], counts[counts.index == ""]])


def _on_board(people: pd.DataFrame, as_of) -> pd.DataFrame:
    day = pd.Timestamp(as_of)
    start = pd.to_datetime(people["start_date"])
    end = pd.to_datetime(people["end_date"])
    return people[(start.isna() | (start <= day)) & (end.isna() | (end > day))]


def partners_per_fte(partners: pd.DataFrame, staff: pd.DataFrame, as_of) -> float:
    """Active partners ÷ program FTE on board at ``as_of`` (module docstring); NaN without
    program staff or with no FTE."""
    people = _on_board(program_staff(staff), as_of)
    fte = pd.to_numeric(people["fte"], errors="coerce").fillna(DEFAULT_FTE).sum()
    if not fte > 0:
        return np.nan
    return float((partners["status"] == "active").sum() / fte)


def outsourcing_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Every question of :data:`QUESTIONS` in order with the client's answer: ``item_id``,
    ``title``, ``question``, ``score`` (missing when not answered or not applicable),
    ``status`` ("answered", "not answered", "not applicable") and ``evidence``."""
    given = answers.drop_duplicates("item_id", keep="last").set_index("item_id")
    rows = []
    for item, (title, question) in QUESTIONS.items():
        row = given.loc[item] if item in given.index else None
        na = row is not None and _yes(row.get("not_applicable"))
        score = np.nan if row is None or na else row.get("score")
        score = np.nan if score is None or pd.isna(score) else float(score)
        status = "not applicable" if na else ("not answered" if np.isnan(score) else "answered")
        evidence = "" if row is None or pd.isna(row.get("evidence")) else str(row["evidence"])
        rows.append(
            {
                "item_id": item,
                "title": title,
                "question": question,
                "score": score,
                "status": status,
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows)


def _yes(value) -> bool:
    return value is not None and not pd.isna(value) and bool(value)


class Verdict(StrEnum):
    """What the case for outsourcing says (module docstring)."""

    STRONG = "A strong case: ask program-management providers for proposals"
    PARTIAL = (
        "A partial case: hand over parts (recruiting, portal, enablement), keep the relationships"
    )
    IN_HOUSE = "Keep the program in house"
    TOO_FEW = "Too few answers to judge"


def outsourcing_case(scored: pd.DataFrame) -> tuple[float, Verdict]:
    """Case for outsourcing in % and its verdict, from :func:`outsourcing_answers` (module
    docstring); NaN and :attr:`Verdict.TOO_FEW` below :data:`MIN_ANSWERED` answers."""
    answered = scored["score"].dropna()
    if len(answered) < MIN_ANSWERED:
        return np.nan, Verdict.TOO_FEW
    case = float(answered.mean() / 5 * 100)
    if case >= STRONG_CASE:
        return case, Verdict.STRONG
    if case >= PARTIAL_CASE:
        return case, Verdict.PARTIAL
    return case, Verdict.IN_HOUSE
