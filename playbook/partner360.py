"""The partner 360: every trend's view of one partner on one row, with a grow / fix / exit call.

Each trend's result lists one record per partner (``partners`` of
:class:`playbook.results.TrendResult`, the fields of the brief's "Partner 360 fields"):
01 fit, must-haves, investment, ROI and payback; 02 account overlap; 05 revenue and won deals;
06 health and risk flags; 07 trained staff and quadrant; 08 grade, engagement and plan.
:func:`partner_360` joins them on ``partner_id``; a partner missing from a trend simply has no
value for that trend's fields (shown as "—", never as zero).

The call (:func:`call`) and the cross-trend insights (:func:`insights`) are drawn only from
values the data supplied: a missing value never counts for or against a partner.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from playbook.formatting import fmt_int, fmt_money, fmt_percent, fmt_ratio
from playbook.labels import plural
from playbook.results import Urgency

#: The fields of the partner 360 in the order of its table, from the trends that supply them.
FIELDS = (
    "fit_score",
    "must_have",
    "invested",
    "roi_36m",
    "payback",
    "paid_back",
    "overlap_accounts",
    "potential_revenue",
    "tier",
    "revenue",
    "won_deals",
    "health",
    "risk_flags",
    "trained_staff",
    "quadrant",
    "grade",
    "engagement",
    "next_milestone",
    "overdue_milestones",
)

#: Share of partners (by potential revenue from shared accounts, highest first) whose overlap
#: alone makes them worth growing: the top quarter.
HIGH_POTENTIAL_SHARE = 0.25


class Call(StrEnum):
    """What to do with a partner (see :func:`call`)."""

    GROW = "Grow"
    FIX = "Fix"
    EXIT = "Exit"
    REVIEW = "Review"


#: The red / amber / green status a call is coloured with on the summary page.
CALL_RAG = {Call.GROW: "green", Call.FIX: "amber", Call.EXIT: "red", Call.REVIEW: ""}


def _known(value) -> bool:
    """True for a value the data supplied (not None, NaN or empty text)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    return isinstance(value, str | bool) or not pd.isna(value)


def run_currency(results: dict) -> str:
    """The client's reporting currency as the notebooks recorded it (``USD``, the profile's
    default, when none did)."""
    found = [r.get("currency") for r in results.values() if r.get("currency")]
    return found[0] if found else "USD"


def partner_360(results: dict) -> list[dict]:
    """One record per partner: ``partner_id``, ``partner`` (name) and every field of
    :data:`FIELDS` any trend supplied, joined on ``partner_id`` over the trends in notebook
    order (the first trend that gives a field a value wins), plus ``call`` and ``reason`` from
    :func:`call`. Sorted by revenue (highest first; partners without revenue last), then name."""
    currency = run_currency(results)
    joined: dict[str, dict] = {}
    for notebook in sorted(results):
        for record in results[notebook].get("partners") or []:
            pid = record.get("partner_id")
            if not _known(pid):
                continue
            row = joined.setdefault(str(pid), {"partner_id": str(pid), "partner": ""})
            if not row["partner"] and _known(record.get("partner")):
                row["partner"] = str(record["partner"])
            for key in FIELDS:
                if key in record and _known(record[key]) and not _known(row.get(key)):
                    row[key] = record[key]
    rows = list(joined.values())
    threshold = _high_potential(rows)
    for row in rows:
        row["partner"] = row["partner"] or row["partner_id"]
        row["call"], row["reason"] = call(row, threshold, currency)
    return sorted(rows, key=lambda r: (-(r.get("revenue") or 0), r["partner"].lower()))


def _high_potential(rows: list[dict]) -> float | None:
    """The potential revenue at which a partner is in the top :data:`HIGH_POTENTIAL_SHARE` of
    partners with any (None when no partner has potential revenue)."""
    values = sorted(
        (r["potential_revenue"] for r in rows if r.get("potential_revenue")), reverse=True
    )
    if not values:
        return None
    return values[max(0, int(len(values) * HIGH_POTENTIAL_SHARE) - 1)]


@dataclass(frozen=True)
class _Signals:
    """What the supplied values say about a partner's money and engagement."""

    money: str | None  # "losing", "earning" or None (no ROI or payback figures)
    money_why: str
    engagement: str | None  # "weak", "middling", "strong" or None (no grade or health)
    engagement_why: str


def _money(row: dict) -> tuple[str | None, str]:
    """``losing`` when ROI at 36 months is below zero or payback is not reached within the
    horizon; ``earning`` when paid back or ROI at 36 months is zero or more; else None."""
    roi, payback = row.get("roi_36m"), str(row.get("payback") or "")
    roi_text = f"ROI at 36 months {fmt_percent(roi)}" if _known(roi) else ""
    if _known(roi) and roi < 0:
        return "losing", roi_text
    if payback.lower().startswith("not within"):
        return "losing", f"payback {payback.lower()}"
    if row.get("paid_back") is True:
        return "earning", f"paid back by {payback.lower()}" if payback else "paid back"
    if _known(roi):
        return "earning", roi_text
    return None, ""


def _engagement(row: dict) -> tuple[str | None, str]:
    """``weak`` when the report card grade is D or F or health is Red; ``strong`` when the grade
    is A or B or health is Green (and nothing is weak); ``middling`` for grade C or health Amber;
    None when neither a grade nor a health status is known. The text names the values behind
    it."""
    grade, health = str(row.get("grade") or ""), str(row.get("health") or "")
    for level, grades, status in (("weak", "DF", "Red"), ("strong", "AB", "Green")):
        parts = [f"grade {grade}"] * (grade in grades and bool(grade))
        parts += [f"health {health}"] * (health == status)
        if parts:
            return level, " and ".join(parts)
    parts = [f"grade {grade}"] * bool(grade) + [f"health {health}"] * bool(health)
    return ("middling", " and ".join(parts)) if parts else (None, "")


def _signals(row: dict) -> _Signals:
    """The money and engagement signals of one partner's record."""
    return _Signals(*_money(row), *_engagement(row))


def call(row: dict, high_potential: float | None = None, currency: str = "USD") -> tuple[Call, str]:
    """Grow, fix, exit or review one partner, and why, in plain words.

    The rule, applied in this order to the values the data supplied:

    - **Exit**: the partner loses money (ROI at 36 months below zero, or payback not reached
      within the 36-month horizon) **and** engagement is weak (report card grade D or F, or
      partnership health Red).
    - **Grow**: the partner earns its investment back (paid back, or ROI at 36 months of zero or
      more) and engagement is strong (grade A or B, or health Green, with neither weak); or its
      potential revenue from shared accounts is in the top quarter of partners
      (``high_potential``, see :data:`HIGH_POTENTIAL_SHARE`) while it neither loses money nor
      engages weakly; or it earns its investment back and no grade or health was recorded (the
      reason asks for one).
    - **Fix**: anything the data shows wrong (money lost; weak or middling engagement: grade C
      to F, health Amber or Red), named in the reason.
    - **Review**: nothing above applies because figures are missing; the reason names what is
      missing (no call is drawn from missing data).
    """
    s = _signals(row)
    if s.money == "losing" and s.engagement == "weak":
        return Call.EXIT, f"Loses money ({s.money_why}) and engages weakly ({s.engagement_why})."
    if s.money == "earning" and s.engagement == "strong":
        return Call.GROW, f"Earns its investment back ({s.money_why}), {s.engagement_why}."
    potential = row.get("potential_revenue")
    if (
        high_potential
        and _known(potential)
        and potential >= high_potential
        and s.money != "losing"
        and s.engagement != "weak"
    ):
        money = fmt_money(potential, currency)
        return (
            Call.GROW,
            f"Among the top quarter for revenue potential in shared accounts ({money}).",
        )
    if s.money == "earning" and s.engagement is None:
        return (
            Call.GROW,
            f"Earns its investment back ({s.money_why}); no report card or health check "
            "yet: add one before investing more.",
        )
    problems = [f"loses money ({s.money_why})"] * (s.money == "losing")
    problems += [f"{s.engagement} engagement ({s.engagement_why})"] * (
        s.engagement in ("weak", "middling")
    )
    if problems:
        flags = str(row.get("risk_flags") or "")
        problems += [f"risk flags: {flags}"] * bool(flags)
        return Call.FIX, "Fix: " + "; ".join(problems) + "."
    missing = ["no ROI or payback figures"] * (s.money is None)
    missing += ["no report card grade or partnership health"] * (s.engagement is None)
    return Call.REVIEW, "Too little data for a call: " + " and ".join(missing) + "."


def _finding(text: str, stake, urgency: Urgency) -> dict:
    """A cross-trend key finding, in the shape the trends record theirs."""
    return {"text": text, "stake": stake, "urgency": int(urgency), "section": ""}


def _fit(row: dict) -> str:
    """A partner's fit score as "90/100"."""
    return f"{fmt_int(round(row['fit_score']))}/100"


def best_fit_worst_roi(rows: list[dict]) -> dict | None:
    """The partner with the highest fit score has the lowest ROI at 36 months of all partners
    with one (at least two), or loses money; None otherwise or when either is unknown."""
    scored = [r for r in rows if _known(r.get("fit_score"))]
    rois = [r["roi_36m"] for r in rows if _known(r.get("roi_36m"))]
    if not scored or len(rois) < 2:
        return None
    best = max(scored, key=lambda r: r["fit_score"])
    roi = best.get("roi_36m")
    if not _known(roi) or (roi > min(rois) and roi >= 0):
        return None
    if roi == min(rois):
        claim = f"has the worst ROI at 36 months of all partners: {fmt_percent(roi)}"
    else:
        claim = f"loses money: ROI at 36 months {fmt_percent(roi)}"
    text = f"The best-fit partner, {best['partner']} (fit score {_fit(best)}), {claim}."
    return _finding(text, best.get("invested"), Urgency.ACT_NOW)


def valuable_overlap_few_wins(rows: list[dict], currency: str) -> dict | None:
    """The partner sharing the most accounts with the client (02's most valuable by overlap)
    has won fewer deals than the median partner; None otherwise or when unknown."""
    overlap = [r for r in rows if _known(r.get("overlap_accounts")) and r["overlap_accounts"] > 0]
    wins = [r["won_deals"] for r in rows if _known(r.get("won_deals"))]
    if not overlap or not wins:
        return None
    top = max(overlap, key=lambda r: (r["overlap_accounts"], r.get("potential_revenue") or 0))
    median = float(pd.Series(wins).median())
    if not _known(top.get("won_deals")) or top["won_deals"] >= median:
        return None
    potential = top.get("potential_revenue")
    worth = f", worth {fmt_money(potential, currency)} in open deals" if _known(potential) else ""
    text = (
        f"{top['partner']} shares the most accounts with us "
        f"({plural(top['overlap_accounts'], 'account')}{worth}) but has "
        f"{plural(top['won_deals'], 'won deal')} (the median partner has "
        f"{fmt_int(median) if median.is_integer() else fmt_ratio(median, 1)})."
    )
    return _finding(text, potential, Urgency.OPPORTUNITY)


def top_revenue_unsupported(rows: list[dict], currency: str) -> dict | None:
    """The partner bringing the most revenue has no investment recorded (while others have
    some) or nobody trained (a known zero); None when neither holds or it is unknown."""
    earning = [r for r in rows if _known(r.get("revenue")) and r["revenue"] > 0]
    if not earning:
        return None
    top = max(earning, key=lambda r: r["revenue"])
    invested_elsewhere = any(_known(r.get("invested")) and r["invested"] > 0 for r in rows)
    gaps = ["no investment recorded"] * (invested_elsewhere and not top.get("invested"))
    gaps += ["nobody trained"] * (top.get("trained_staff") == 0)
    if not gaps:
        return None
    text = (
        f"The top partner by revenue, {top['partner']} "
        f"({fmt_money(top['revenue'], currency)}), has {' and '.join(gaps)}."
    )
    return _finding(text, top["revenue"], Urgency.FIX)


def insights(rows: list[dict], currency: str = "USD") -> list[dict]:
    """The cross-trend findings the partner 360 supports (each only when its data does), in the
    shape of a trend's key findings: :func:`best_fit_worst_roi`,
    :func:`valuable_overlap_few_wins`, :func:`top_revenue_unsupported`."""
    found = (
        best_fit_worst_roi(rows),
        valuable_overlap_few_wins(rows, currency),
        top_revenue_unsupported(rows, currency),
    )
    return [f for f in found if f]
