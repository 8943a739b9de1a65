"""Trend 1 — what report 01 concludes: takeaways, key findings, actions and partner records.

The figures come from :mod:`playbook.requirements` (fit, must-haves, joint solutions) and
:mod:`playbook.payback` (investment, payback, ROI, NPV); :func:`summarise` is the one place
report 01's result is built.

Definitions
-----------
* **Paid back, of the active partners with an investment**: the payback counts of the
  takeaways, the key finding and the headline card all have the active partners with an
  investment recorded as denominator (a partner nobody invested in has nothing to pay back);
  partners whose payback cannot be computed are counted apart with their reason, never as
  "not paid back".
* **Median payback month**: over the partners that reached payback (see
  :mod:`playbook.payback`), printed as it is — a median of 8 and 9 is ``8.5``, not ``8``.
* **Investments to review** (:func:`to_review`): active partners with an investment that have
  not paid back and either are not expected to within the projection (status *not in
  horizon*) or are already past the NPV horizon (``horizon`` months since their first
  investment) with payback only projected. Those past the horizon need action now; the
  others a decision on further money.
* **Invested without a recorded return**: money invested in active partners whose attributed
  margin is zero (no won deal) or cannot be computed (a blank margin or amount).
* **Owner** of a partner's action: :func:`playbook.requirements.partner_owners`.
"""

from __future__ import annotations

import pandas as pd

from playbook import payback
from playbook.formatting import fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import label, plural
from playbook.payback import PaybackAssumptions, PaybackStatus, payback_text, period_label
from playbook.requirements import MustHave, SolutionGroup, portfolio
from playbook.results import Action, KeyFinding, TrendResult, Urgency

#: Report 01's headings, named by the key findings and actions that point at them.
SECTION_FIT = "Partner requirements and fit"
SECTION_INVESTMENT = "Investment, payback and ROI"
SECTION_DOCUMENTATION = "Documentation completeness"
SECTION_SOLUTIONS = "Joint solutions"

MAX_TAKEAWAYS = 6


def _fmt_month(value) -> str:
    """A (median) month number as it is: ``8.0`` → ``8``, ``8.5`` → ``8.5``."""
    return "—" if value is None or pd.isna(value) else f"{value:g}"


def _payback_phrase(month, status, a) -> str:
    """A partner's payback as a phrase inside a sentence ("payback projected for month 53")."""
    if status == PaybackStatus.REACHED:
        return f"paid back in month {int(month)}"
    if status == PaybackStatus.PROJECTED:
        return f"payback projected for month {int(month)}"
    if status == PaybackStatus.NOT_IN_HORIZON:
        return f"no payback expected within the next {a.projection} months"
    return payback_text(month, status, a.projection).lower()


def to_review(table: pd.DataFrame, a: PaybackAssumptions) -> pd.DataFrame:
    """The investments to review (module docstring), largest investment first, with a column
    ``past_horizon`` (already ``a.horizon`` months or more since the first investment)."""
    status = table["payback_status"]
    past = table["months_elapsed"] >= a.horizon
    keep = (status == PaybackStatus.NOT_IN_HORIZON) | ((status == PaybackStatus.PROJECTED) & past)
    out = table[keep].assign(past_horizon=past[keep])
    return out.sort_values(["invested", "partner_id"], ascending=[False, True])


def _no_return(table: pd.DataFrame) -> pd.DataFrame:
    """Active partners with an investment whose attributed margin is 0 or unknown."""
    invested = table["months_elapsed"] > 0
    return table[invested & (table["margin"].isna() | (table["margin"] == 0))]


def summarise(
    *,
    fit: pd.DataFrame | None,
    table: pd.DataFrame | None,
    doc: dict,
    split: pd.DataFrame | None,
    currency: str,
    as_of,
    assumptions: PaybackAssumptions | None = None,
    owners: dict[str, str] | None = None,
    gaps: dict | None = None,
) -> TrendResult:
    """What trend 1 concludes: takeaways, key findings, actions, partner records, figures for
    ``results.json`` and the summary headline.

    ``fit`` from :func:`playbook.requirements.fit_scores`, ``table`` from
    :func:`playbook.payback.investment_table`, ``doc`` from
    :func:`playbook.payback.documentation_completeness` (``{"active_partners": 0}`` without
    investments), ``split`` the second result of :func:`playbook.requirements.joint_solutions`;
    ``None`` for a part not computed. Money in ``currency``; every figure is
    :func:`playbook.payback.period_label` of ``as_of``; ``assumptions`` those of ``table``
    (defaults if ``None``); ``owners`` from :func:`partner_owners`; ``gaps`` from
    :func:`playbook.requirements_gaps.gap_counts` (recorded as ``requirement_gaps``). No finding
    cites a figure
    whose inputs are blank: it says what cannot be computed and why.
    """
    a = assumptions or PaybackAssumptions()
    port = portfolio(table) if table is not None and len(table) else None
    review = to_review(table, a) if port is not None else None
    keys = [
        *_review_finding(review, currency, a),
        *_best_fit_finding(fit, table, currency, a),
        *_no_return_finding(table, currency),
        *_portfolio_finding(port, currency, as_of),
    ]
    takeaways = [
        *_investment_findings(port, currency, as_of),
        *[k.text for k in keys if k.section != SECTION_INVESTMENT or k.urgency > 1],
        *_must_have_findings(fit),
        *_other_findings(doc, split, currency, as_of),
    ]
    return TrendResult(
        findings=takeaways[:MAX_TAKEAWAYS],
        figures=_figures(fit, table, port, doc, split, as_of)
        | ({"requirement_gaps": gaps} if gaps is not None else {}),
        headline=_headline(port, doc, currency),
        key_findings=keys,
        actions=[
            *(_review_actions(review, owners or {}, currency, a) if review is not None else []),
            *_must_have_actions(fit, owners or {}),
        ],
        partners=partner_records(fit, table, a),
    )


# --------------------------------------------------------------------------- key findings


def _review_finding(review: pd.DataFrame | None, currency: str, a) -> list[KeyFinding]:
    """The investments not on course to pay back."""
    if review is None or review.empty:
        return []
    invested = review["invested"].sum()
    return [
        KeyFinding(
            f"{plural(len(review), 'active partner')} {'is' if len(review) == 1 else 'are'} "
            f"not on course to pay back the {fmt_money(invested, currency)} invested in them "
            f"(largest: {name_list(review['name'])}): {_split_text(review, a)}.",
            stake=float(invested),
            urgency=Urgency.ACT_NOW,
            section=SECTION_INVESTMENT,
        )
    ]


def _split_text(review: pd.DataFrame, a) -> str:
    """The two reasons a partner is on the review list, with the partners of each."""
    past = review[review["past_horizon"]]
    later = review[~review["past_horizon"]]
    parts = []
    if len(past):
        parts.append(
            f"{plural(len(past), 'partner')} not paid back after {a.horizon} months "
            f"({name_list(past['name'])})"
        )
    if len(later):
        parts.append(
            f"{plural(len(later), 'partner')} not expected to pay back within the next "
            f"{a.projection} months"
        )
    return "; ".join(parts)


def _best_fit_finding(fit, table, currency: str, a) -> list[KeyFinding]:
    """The best-fitting partner against its return."""
    ranked = fit.dropna(subset=["fit_score"]) if fit is not None else pd.DataFrame()
    if ranked.empty:
        return []
    top = ranked.iloc[0]
    who = f"{top['name']}, the best fit ({top['fit_score']:.0f} of 100)"
    rows = table[table["partner_id"] == top["partner_id"]] if table is not None else table
    if rows is None or rows.empty or pd.isna(rows.iloc[0]["roi_36"]):
        return [
            KeyFinding(
                f"{who}, has no return on investment on record yet.",
                urgency=Urgency.OPPORTUNITY,
                section=SECTION_FIT,
            )
        ]
    r = rows.iloc[0]
    median = table["roi_36"].median()
    pay = _payback_phrase(r["payback_month"], r["payback_status"], a)
    if r["roi_36"] < 0:
        text = (
            f"{who}, has not earned back its investment: ROI {fmt_percent(r['roi_36'])} at 36 "
            f"months on {fmt_money(r['invested'], currency)} invested, {pay}."
        )
        urgency = Urgency.FIX
    else:
        text = (
            f"{who}, returns {fmt_percent(r['roi_36'])} at 36 months on "
            f"{fmt_money(r['invested'], currency)} invested (median partner: "
            f"{fmt_percent(median)})."
        )
        urgency = Urgency.FIX if r["roi_36"] < median else Urgency.OPPORTUNITY
    return [KeyFinding(text, float(r["invested"]), urgency, SECTION_FIT)]


def _no_return_finding(table: pd.DataFrame | None, currency: str) -> list[KeyFinding]:
    """Money invested in partners with no attributed margin, or none that can be computed."""
    if table is None or table.empty:
        return []
    rows = _no_return(table)
    if rows.empty:
        return []
    invested = rows["invested"].sum(min_count=1)
    unknown = int(rows["margin"].isna().sum())
    detail = [
        plural(len(rows) - unknown, "partner") + " without a won deal"
        if len(rows) > unknown
        else "",
        plural(unknown, "partner") + " whose margin cannot be computed" if unknown else "",
    ]
    amount = fmt_money(invested, currency) if not pd.isna(invested) else "Money"
    return [
        KeyFinding(
            f"{amount} invested in {plural(len(rows), 'active partner')} has no recorded "
            f"return: {' and '.join(d for d in detail if d)} ({name_list(rows['name'])}).",
            stake=None if pd.isna(invested) else float(invested),
            urgency=Urgency.FIX,
            section=SECTION_INVESTMENT,
        )
    ]


def _portfolio_finding(port: dict | None, currency: str, as_of) -> list[KeyFinding]:
    """The portfolio's payback and NPV, as a candidate for the executive summary."""
    if port is None or not port["with_investment"] or pd.isna(port["invested"]):
        return []
    npv = (
        f"; the portfolio NPV is {fmt_money(port['npv'], currency)}" if port["npv_partners"] else ""
    )
    return [
        KeyFinding(
            f"{fmt_money(port['invested'], currency)} invested in active partners "
            f"({period_label(as_of)}) has paid back for {fmt_int(port['reached'])} of the "
            f"{plural(port['with_investment'], 'partner')} invested in{npv}.",
            stake=float(port["invested"]),
            urgency=Urgency.OPPORTUNITY,
            section=SECTION_INVESTMENT,
        )
    ]


# --------------------------------------------------------------------------- takeaways


def _investment_findings(port: dict | None, currency: str, as_of) -> list[str]:
    """Total invested, paid back and portfolio NPV in one sentence, each with its period and
    coverage; what cannot be computed in the next."""
    if port is None:
        return []
    if not port["with_investment"]:
        return [f"No investment in an active partner is recorded ({period_label(as_of)})."]
    n, date = port["active_partners"], period_label(as_of).removeprefix("all time ")
    head = (
        f"The total invested cannot be computed: {payback.Missing.AMOUNT_BLANK}"
        if pd.isna(port["invested"])
        else f"{fmt_money(port['invested'], currency)} invested in active partners {date}"
    )
    if port["reached"]:
        verb = "has" if port["reached"] == 1 else "have"
        head += (
            f"; {fmt_int(port['reached'])} of the "
            f"{plural(port['with_investment'], 'active partner')} "
            f"with an investment {verb} paid it back (median month "
            f"{_fmt_month(port['median_payback_month'])} after the first investment)"
        )
    out = [f"{head}; {_npv_clause(port, currency)}."]
    if not port["reached"] and port["projected"] + port["not_in_horizon"] + port["too_early"]:
        out.append(f"None of {fmt_int(n)} active partners has paid back its investment {date}.")
    if port["not_computable"]:
        out.append(
            "Payback, ROI and NPV cannot be computed for "
            f"{fmt_int(port['not_computable'])} of {fmt_int(n)} active partners: "
            f"{port['why_missing']}."
        )
    return out


def _npv_clause(port: dict, currency: str) -> str:
    """The portfolio NPV and what it adds up."""
    if not port["npv_partners"]:
        return f"the portfolio NPV cannot be computed ({port['why_missing']})"
    of = (
        f"{fmt_int(port['npv_partners'])} of {fmt_int(port['with_investment'])} partners"
        if port["npv_partners"] < port["with_investment"]
        else plural(port["npv_partners"], "partner")
    )
    return (
        f"the portfolio NPV is {fmt_money(port['npv'], currency)} (the sum over {of}, each "
        "from its own first investment)"
    )


def _must_have_findings(fit: pd.DataFrame | None) -> list[str]:
    """Who fails a must-have criterion."""
    if fit is None:
        return []
    failed = fit[fit["must_have"] == MustHave.FAIL]
    if failed.empty:
        return []
    who = name_list(f"{r.name} ({r.failed})" for r in failed.itertuples())
    noun = plural(len(failed), "partner or candidate", "partners or candidates")
    verb = "fails" if len(failed) == 1 else "fail"
    return [f"{noun} {verb} a must-have criterion: {who}."]


def _other_findings(doc: dict, split: pd.DataFrame | None, currency: str, as_of) -> list[str]:
    """Documentation completeness and the certified joint solutions' revenue share."""
    out = []
    if doc.get("active_partners"):
        out.append(
            f"{fmt_percent(doc['all_three'])} of active partners have investment, payback "
            "and ROI all documented (the seed report found that over half of vendors have not "
            "documented all three)."
        )
    if split is not None and SolutionGroup.CERTIFIED in split.index:
        c = split.loc[SolutionGroup.CERTIFIED]
        out.append(
            f"Certified joint solutions carry {fmt_percent(c['share'])} of won partner "
            f"revenue ({fmt_money(c['revenue'], currency)}, {period_label(as_of)})."
        )
    return out


# --------------------------------------------------------------------------- actions


def _review_actions(review: pd.DataFrame, owners: dict, currency: str, a) -> list[Action]:
    """One review per investment not on course to pay back; past the horizon: act now."""
    out = []
    for r in review.itertuples():
        pay = _payback_phrase(r.payback_month, r.payback_status, a)
        out.append(
            Action(
                f"Review the investment in {r.name}: {fmt_money(r.invested, currency)} over "
                f"{plural(r.months_elapsed, 'month')}, not paid back ({pay}).",
                owner=owners.get(r.partner_id, ""),
                kind="Investment review",
                section=SECTION_INVESTMENT,
                urgency=Urgency.ACT_NOW if r.past_horizon else Urgency.FIX,
            )
        )
    return sorted(out, key=lambda x: -x.urgency)


def _must_have_actions(fit: pd.DataFrame | None, owners: dict | None = None) -> list[Action]:
    """A must-have failure to close before (further) investment."""
    if fit is None:
        return []
    owners = owners or {}
    return [
        Action(
            f"Close {r.name}'s must-have gap ({r.failed} below the minimum) before "
            + ("signing it." if r.status != "active" else "investing further."),
            owner=owners.get(r.partner_id, ""),
            kind="Must-have failure",
            section=SECTION_FIT,
            urgency=Urgency.FIX,
        )
        for r in fit[fit["must_have"] == MustHave.FAIL].itertuples()
    ]


# --------------------------------------------------------------------------- partner 360


def _none(value):
    """A float, or ``None`` for a missing value."""
    return None if value is None or pd.isna(value) else float(value)


def _round(value):
    """A score to one decimal, or ``None`` for a missing value."""
    return None if value is None or pd.isna(value) else round(float(value), 1)


def partner_records(fit: pd.DataFrame | None, table: pd.DataFrame | None, a) -> list[dict]:
    """One record per partner for the partner 360: ``fit_score`` (0–100), ``must_have`` (its
    label), ``invested``, ``roi_36m`` (ratio), ``payback`` (:func:`payback_text`) and
    ``paid_back`` (``None`` when no payback can be known: no investment, blank inputs, or not
    an active partner); ``None`` for what was not computed."""
    blank = {"fit_score": None, "must_have": None, "invested": None, "roi_36m": None}
    blank |= {"payback": None, "paid_back": None}
    records: dict[str, dict] = {}
    for r in fit.itertuples() if fit is not None else ():
        records[r.partner_id] = {"partner_id": r.partner_id, "partner": r.name, **blank}
        records[r.partner_id] |= {"fit_score": _round(r.fit_score), "must_have": label(r.must_have)}
    unknown = (PaybackStatus.NO_INVESTMENT, PaybackStatus.NOT_COMPUTABLE)
    for r in table.itertuples() if table is not None else ():
        rec = records.setdefault(
            r.partner_id, {"partner_id": r.partner_id, "partner": r.name, **blank}
        )
        rec |= {
            "invested": _none(r.invested),
            "roi_36m": _none(r.roi_36),
            "payback": payback_text(r.payback_month, r.payback_status, a.projection),
            "paid_back": None
            if r.payback_status in unknown
            else bool(r.payback_status == PaybackStatus.REACHED),
        }
    return list(records.values())


# --------------------------------------------------------------------------- figures


def _figures(fit, table, port: dict | None, doc: dict, split, as_of) -> dict:
    """Machine-readable key figures for ``results.json`` (all :func:`period_label` of
    ``as_of``; a figure whose inputs are blank is ``null``)."""
    out = {"period": period_label(as_of), "documentation": doc}
    if fit is not None:
        ranked = fit.dropna(subset=["fit_score"])
        out |= {
            "scored_partners": len(ranked),
            "top_fit": ranked.iloc[0]["name"] if len(ranked) else None,
            "top_fit_score": ranked.iloc[0]["fit_score"] if len(ranked) else None,
            "must_have_fail": int((fit["must_have"] == MustHave.FAIL).sum()),
        }
    if port is not None:
        out |= {
            "invested": port["invested"],
            "npv": port["npv"],
            "npv_partners": port["npv_partners"],
            "payback_reached": port["reached"],
            "payback_projected": port["projected"],
            "payback_not_in_horizon": port["not_in_horizon"],
            "payback_too_early": port["too_early"],
            "payback_not_computable": port["not_computable"],
            "median_payback_month": port["median_payback_month"],
            "partners": {
                r.partner_id: {
                    "payback_month": r.payback_month,
                    "payback_status": r.payback_status,
                    "roi_12": r.roi_12,
                    "npv": r.npv,
                    "reason": r.reason,
                }
                for r in table.itertuples()
            },
        }
    if split is not None:
        out["solution_revenue"] = split["revenue"].to_dict()
    return out


def _headline(port: dict | None, doc: dict, currency: str) -> dict[str, str]:
    """Display-ready figures for the summary page."""
    if port is None:
        return {"Investments": "not supplied"}
    npv = fmt_money(port["npv"], currency)
    if port["npv_partners"] and port["npv_partners"] < port["with_investment"]:
        npv += f" ({fmt_int(port['npv_partners'])} of {fmt_int(port['with_investment'])} partners)"
    unknown = f", {fmt_int(port['not_computable'])} unknown" if port["not_computable"] else ""
    return {
        "Invested": fmt_money(port["invested"], currency),
        "Paid back": f"{fmt_int(port['reached'])} of {fmt_int(port['with_investment'])}{unknown}",
        "Portfolio NPV": npv,
        "Fully documented": fmt_percent(doc.get("all_three")),
    }
