"""The shipped profile of a well-run partner program, and the measures of the best programs.

Two profiles, written for this playbook from the seed report's advice (its trends 4 and 6 and
its closing questions; the wording is ours, no sentence is quoted):

* The **reference program profile** (:data:`REFERENCE`, report 04): what a well-run program
  *has* — a channel checklist, metrics agreed per org unit, an assessed channel team, buyer
  personas, a named lead, a certification path, recorded investments, a low-cost entry level.
  The report's trend 4 says programs such as long-running vendor–integrator alliances "can be
  modeled"; this list is that model, element by element. Report 04 judges where the client
  stands on each from its own data: *in place*, *partly in place*, *not in place*, or *not
  known* when the file that would show it was not supplied (a blank is never a "no").
* The **benchmark of the best programs** (:data:`MEASURES`, report 06): figures a strong
  program reaches, each with a *mark* the playbook sets as a starting point (a judgement, not
  a survey figure: the seed report gives none), beside the programs the client profiled itself
  (table ``benchmark_programs``: the report's "profile the best"). Where a measure repeats an
  element of the reference profile (``certified_share`` ↔ ``enablement``), :attr:`Measure.element`
  names it, so the two reports can be read side by side.

Definitions
-----------
* **Standing against a mark** (:func:`against_mark`): *meets the mark* when the client's value
  is at or beyond it (at or above for a measure where more is better, at or below otherwise),
  *short of the mark* otherwise, *not known* when the client's value is missing.
* **Profiled programs on an element**: a row of ``benchmark_programs`` whose measure is an
  element of the reference profile says whether that program has it (value 1) or not (0);
  report 04 names, beside each element, the profiled programs that have it.
* **Best profiled value** of a measure: the highest value among the profiled programs (lowest
  for a measure where less is better), with the program that has it; shares are entered in %
  in ``benchmark_programs`` and compared as shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd


class Standing(StrEnum):
    """Where the client stands on an element of the reference profile."""

    IN_PLACE = "in place"
    PARTLY = "partly in place"
    NOT_IN_PLACE = "not in place"
    NOT_KNOWN = "not known"


class Mark(StrEnum):
    """Where the client's figure stands against a benchmark mark."""

    MEETS = "meets the mark"
    SHORT = "short of the mark"
    NOT_KNOWN = "not known"


@dataclass(frozen=True)
class Element:
    """One element of the reference program profile: ``key``; ``area`` of the program;
    ``has``, what a well-run program has (our words); ``why``, the seed report's point behind it
    (``trend``: the trend or part it comes from); ``in_place``, the rule report 04 applies."""

    key: str
    area: str
    trend: str
    has: str
    why: str
    in_place: str


REFERENCE: tuple[Element, ...] = (
    Element(
        "checklist",
        "Organisation",
        "Trend 4",
        "A written channel-management checklist covering strategy, people, process, systems, "
        "legal terms and enablement, mostly done.",
        "Buy-in starts with a list of what the company must put in place for partners.",
        "In place: the checklist is at least 75% done and no category is untouched; partly: "
        "a checklist is kept but less is done.",
    ),
    Element(
        "org_metrics",
        "Metrics",
        "Trend 4",
        "Metrics agreed with each org unit (at least Technology and Business Development): "
        "program members, certified partners, revenue via referrals and influenced revenue, "
        "each with a target.",
        "The organisation measures the program on numbers it agreed to in advance.",
        "In place: two org units or more, each with a target on all four metrics; partly: "
        "some targets are set; not in place: units are named without any target.",
    ),
    Element(
        "metrics_on_target",
        "Metrics",
        "Trend 4",
        "The agreed metrics are met: none is red or amber.",
        "Agreed metrics only carry weight when they are followed and reached.",
        "In place: every rated metric green; partly: some red or amber; not in place: every "
        "rated metric red.",
    ),
    Element(
        "team",
        "People",
        "Trend 4",
        "The people who manage partners are assessed on the skills partnering takes, and no "
        "skill is below target.",
        "The report asks the company to assess its channel-management personnel.",
        "In place: scored, without a skill gap; partly: scored, with gaps.",
    ),
    Element(
        "personas",
        "Partners",
        "Trend 4",
        "A buyer persona for every kind of partner the program works with, by partner type and "
        "by value or transaction class.",
        "Knowing who decides at a partner, and what moves them, shapes every offer.",
        "In place: every active partner is described by a persona of its type and class (value "
        "or transaction, as report 08 counts them); partly: some are; not in place: none.",
    ),
    Element(
        "leadership",
        "People",
        "Trend 4",
        "A named program lead (alliance lead or program manager) with channel managers in post.",
        "Successful programs have leaders with a vision and a long-term commitment.",
        "In place: a lead and a channel manager in post at the as-of date; partly: program "
        "staff without a lead; not in place: no program staff.",
    ),
    Element(
        "enablement",
        "Enablement",
        "Trends 4 and 5",
        "A certification path on our products that most active partners have completed.",
        "Certified partners are one of the four agreed metrics; certification measures the "
        "investment in the program.",
        "In place: at least half the active partners certified or above; partly: some; not in "
        "place: none.",
    ),
    Element(
        "investment",
        "Metrics",
        "Executive summary",
        "The money put into each partner is recorded, so that its payback can be followed.",
        "Over half the companies surveyed did not document what a new partner cost them.",
        "In place: investments recorded for at least 75% of the active partners; partly: for some.",
    ),
    Element(
        "entry_package",
        "Partners",
        "Summary questions",
        "A low-cost entry level: software and services a new partner can start with for "
        "little money.",
        "The survey asked whether programs sell partners a low-cost entry package.",
        "In place: the cheapest level is free or costs at most half the list value of what it "
        "gives; partly: levels exist but the entry level is not priced below its value.",
    ),
)
REFERENCE_BY_KEY = {e.key: e for e in REFERENCE}


@dataclass(frozen=True)
class Measure:
    """One benchmark measure: ``key`` (a ``benchmark_programs.measure``), ``label``, ``unit``
    (``share`` 0–1, entered in % by the client, or ``days``), the playbook's ``mark``,
    ``higher_is_better``, ``definition`` and the reference ``element`` it repeats ("" none)."""

    key: str
    label: str
    unit: str
    mark: float
    higher_is_better: bool
    definition: str
    element: str = ""


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "quick_win_share",
            "Partners with a quick win",
            "share",
            0.5,
            True,
            "Share of partners signed long enough ago that won a first deal within the "
            "quick-win days of signing (report 06, quick wins).",
        ),
        Measure(
            "median_days_to_first_win",
            "Median days to a first win",
            "days",
            90,
            False,
            "Median days from signing to the first won deal, over partners with one.",
        ),
        Measure(
            "checkbox_share",
            "'Check box' partners",
            "share",
            0.1,
            False,
            "Share of partners signed long enough ago with no deal and no training since "
            "signing (report 06, check-box partners).",
        ),
        Measure(
            "certified_share",
            "Active partners certified",
            "share",
            0.5,
            True,
            "Share of active partners certified on our products or above.",
            "enablement",
        ),
        Measure(
            "partner_win_rate",
            "Win rate of partner deals",
            "share",
            0.3,
            True,
            "Won ÷ closed partner deals in the reporting window.",
        ),
        Measure(
            "health_green_share",
            "Assessed partners in good health",
            "share",
            0.5,
            True,
            "Share of assessed partners whose latest health assessment is Green.",
        ),
    )
}


def recorded_investment(investments: pd.DataFrame, as_of) -> pd.Series:
    """Money recorded as invested per partner on or before ``as_of`` (table ``investments``),
    by partner id; a partner without a recorded investment is absent (unknown), never 0. Used
    by report 04 (the partner route's investment) and report 06 (what a "check box" partner
    cost)."""
    known = investments[pd.to_datetime(investments["date"]) <= pd.Timestamp(as_of)]
    return known.groupby("partner_id")["amount"].sum()


def against_mark(value, mark: float, higher_is_better: bool) -> Mark:
    """The client's ``value`` against ``mark`` (module docstring); missing → not known."""
    if value is None or pd.isna(value):
        return Mark.NOT_KNOWN
    meets = value >= mark if higher_is_better else value <= mark
    return Mark.MEETS if meets else Mark.SHORT


def profiled(programs: pd.DataFrame) -> pd.DataFrame:
    """The programs the client profiled (``benchmark_programs``), one row per program and
    measure, with ``value`` on the measure's scale (a share as 0–1, the table's % ÷ 100)."""
    out = programs[["program", "measure", "value", "source"]].copy()
    share = out["measure"].map(lambda m: m in MEASURES and MEASURES[m].unit == "share")
    share = share.astype(bool)
    out["value"] = out["value"].astype("float64").where(~share, out["value"] / 100)
    return out.reset_index(drop=True)


def elements_profiled(programs: pd.DataFrame) -> pd.DataFrame:
    """Per element of :data:`REFERENCE` (index ``key``): ``have``, the profiled programs that
    have it (value 1 in ``benchmark_programs``), and ``profiled``, how many programs were
    profiled on it (0: nobody said)."""
    rows = programs[programs["measure"].isin(list(REFERENCE_BY_KEY))]
    out = pd.DataFrame(index=pd.Index(list(REFERENCE_BY_KEY), name="key"))
    out["have"] = [
        sorted(rows.loc[(rows["measure"] == k) & (rows["value"] > 0), "program"]) for k in out.index
    ]
    out["profiled"] = [int((rows["measure"] == k).sum()) for k in out.index]
    return out


def _best(rows: pd.DataFrame, measure: Measure) -> tuple[float, str]:
    """The best value among ``rows`` of one measure and the program that has it (first
    listed on a tie); NaN and "" without rows."""
    if not len(rows):
        return np.nan, ""
    pick = rows["value"].idxmax() if measure.higher_is_better else rows["value"].idxmin()
    return float(rows.loc[pick, "value"]), str(rows.loc[pick, "program"])


def benchmark(
    measured: dict[str, float | None],
    programs: pd.DataFrame | None = None,
    marks: dict[str, float] | None = None,
) -> pd.DataFrame:
    """One row per measure of :data:`MEASURES`: the client's value (``measured``, missing when
    absent or ``None``), the mark (the playbook's, or ``marks`` for this client, e.g. the win
    rate without a partner) and the standing against it, and the best of the programs the
    client profiled (``programs`` from :func:`profiled`) with its program, how many programs
    gave the measure and the standing against that best value ("" when none gave it)."""
    programs = programs if programs is not None else pd.DataFrame(columns=["measure"])
    marks = marks or {}
    rows = []
    for key, m in MEASURES.items():
        value = measured.get(key)
        value = np.nan if value is None else float(value)
        mark = float(marks.get(key, m.mark))
        best, who = _best(programs[programs["measure"] == key], m)
        rows.append(
            {
                "measure": key,
                "label": m.label,
                "unit": m.unit,
                "client": value,
                "mark": mark,
                "standing": against_mark(value, mark, m.higher_is_better),
                "best_profiled": best,
                "best_program": who,
                "programs": int((programs["measure"] == key).sum()),
                "against_best": ""
                if np.isnan(best)
                else against_mark(value, best, m.higher_is_better),
                "element": m.element,
            }
        )
    return pd.DataFrame(rows)
