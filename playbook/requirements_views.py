"""Trend 1 — partner requirements and joint solutions: the report views and the 01 report's
"How these figures are defined".

Display-ready tables for the 01 notebook; the numbers come from :mod:`playbook.requirements`,
the investment model's definitions from :mod:`playbook.payback_views`.
"""

from __future__ import annotations

import pandas as pd

from playbook import payback_views
from playbook.formatting import MISSING, fmt_int, fmt_percent, format_frame
from playbook.labels import label, label_values, plural
from playbook.payback import PaybackAssumptions, period_label
from playbook.requirements import DEFAULT_MUST_HAVE_MIN
from playbook.requirements_gaps import CriterionResult


def fit_view(fit: pd.DataFrame, docs: list[dict] | None = None) -> pd.DataFrame:
    """Ranked fit table, formatted, codes as labels; with ``docs``
    (:func:`playbook.requirements.requirements_documents` of every partner) each row also
    carries its Partner Requirements Document (type, life cycle, competitive advantage,
    relationships with our competitors, expected mindshare): the workbook's full list.
    :func:`fit_screen_columns` are the ones a report shows."""
    out = pd.DataFrame(
        {
            "Rank": range(1, len(fit) + 1),
            "Partner": fit["name"].to_numpy(),
            "Status": label_values(fit["status"]).to_numpy(),
            "Fit score": fit["fit_score"].map(lambda v: "—" if pd.isna(v) else f"{v:.0f}"),
            "Must-haves": label_values(fit["must_have"].astype("object")).to_numpy(),
            "Below minimum": fit["failed"].to_numpy(),
            "Not scored": fit["unscored"].to_numpy(),
        }
    )
    if docs:
        by_id = {d["partner_id"]: d for d in docs}
        for key, title in DOCUMENT_COLUMNS.items():
            out[title] = [by_id.get(pid, {}).get(key, "") for pid in fit["partner_id"]]
    return out


#: Partner Requirements Document fields as columns of :func:`fit_view`.
DOCUMENT_COLUMNS = {
    "type": "Type",
    "life_cycle": "Life cycle",
    "competitive_advantage": "Competitive advantage",
    "competitors": "Relationships with our competitors",
    "expected_mindshare": "Expected mindshare",
}


def fit_screen_columns(view: pd.DataFrame) -> list[str]:
    """The columns of :func:`fit_view` a report shows: rank, partner, status, type, fit,
    must-haves and the criteria below minimum; "Not scored" only when a criterion is."""
    cols = ["Rank", "Partner", "Status", "Type", "Fit score", "Must-haves", "Below minimum"]
    if view["Not scored"].fillna("").ne("").any():
        cols.append("Not scored")
    return [c for c in cols if c in view.columns]


#: The fields of a Partner Requirements Document card (:func:`playbook.display.show_documents`).
CARD_FIELDS = {
    "fit": "Fit",
    "profile": "Type and status",
    "life_cycle": "Life cycle",
    "competitive_advantage": "Competitive advantage",
    "competitors": "Relationships with our competitors",
    "expected_mindshare": "Expected mindshare",
}


def document_cards(docs: list[dict], top: int, long: pd.DataFrame | None = None) -> list[dict]:
    """The first ``top`` documents as short cards (fields :data:`CARD_FIELDS`); with ``long``
    (:func:`playbook.requirements_gaps.criterion_scores`) each card also carries its score on
    every criterion and its gaps to close (fields :func:`card_fields`)."""
    cards = []
    for d in docs[: max(int(top), 0)]:
        card = {
            "name": d["name"],
            "fit": f"{d['fit_score']}; must-haves: {d['must_have']}",
            "profile": f"{d['type']}, {d['status'].lower()}",
            **{k: d[k] for k in ("life_cycle", "competitive_advantage", "competitors")},
            "expected_mindshare": d["expected_mindshare"],
        }
        if long is not None:
            rows = long[long["partner_id"] == d["partner_id"]]
            card |= {f"criterion:{r.criterion}": score_text(r) for r in rows.itertuples()}
            gaps = [gap_text(r) for r in rows.itertuples() if r.result in _GAPS]
            card["gaps"] = "; ".join(gaps) if gaps else "none"
        cards.append(card)
    return cards


_GAPS = (CriterionResult.BELOW_MINIMUM, CriterionResult.BELOW_TARGET)


def card_fields(criteria: list[str]) -> dict[str, str]:
    """:data:`CARD_FIELDS`, then one field per criterion (its name) and the gaps to close."""
    return {
        **CARD_FIELDS,
        **{f"criterion:{name}": name for name in criteria},
        "gaps": "Gaps to close",
    }


def fmt_score(value) -> str:
    """A 0–5 score as written (``4``, ``3.5``); missing: ``—``."""
    return MISSING if value is None or pd.isna(value) else f"{float(value):g}"


def _points(value) -> str:
    """Score points in a sentence: "1 point", "1.5 points"."""
    return f"{fmt_score(value)} point" + ("" if float(value) == 1 else "s")


def score_text(r) -> str:
    """One criterion of one partner in words: "3 of 5, weight 2, target 4: below the target"
    (a row of :func:`playbook.requirements_gaps.criterion_scores`)."""
    terms = [f"weight {r.weight:g}"]
    if r.must_have:
        terms.append(f"must-have, minimum {fmt_score(r.minimum)}")
    if not pd.isna(r.target):
        terms.append(f"target {fmt_score(r.target)}")
    if r.result == CriterionResult.NOT_SCORED:
        return f"not scored ({', '.join(terms)})"
    return f"{fmt_score(r.score)} of 5 ({', '.join(terms)}): {label(r.result).lower()}"


def gap_text(r) -> str:
    """One gap to close in words: "Market reach 3, 1 point short of the target 4"."""
    if r.result == CriterionResult.BELOW_MINIMUM:
        text = (
            f"{r.criterion} {fmt_score(r.score)}, {_points(r.short_of_minimum)} short of the "
            f"must-have minimum {fmt_score(r.minimum)}"
        )
        if not pd.isna(r.short_of_target):
            text += f" and {_points(r.short_of_target)} of the target {fmt_score(r.target)}"
        return text
    return (
        f"{r.criterion} {fmt_score(r.score)}, {_points(r.short_of_target)} short of the "
        f"target {fmt_score(r.target)}"
    )


def criteria_view(crit: pd.DataFrame) -> pd.DataFrame:
    """The client's requirement criteria (:func:`playbook.requirements_gaps.criteria_table`),
    formatted: weight, its share of a full fit score, must-have, minimum and target ("—": not
    a must-have, or no target set); "What it means" only when a criterion has a description."""
    out = pd.DataFrame(
        {
            "Criterion": crit["criterion"],
            "What it means": crit["description"],
            "Weight": crit["weight"].map(fmt_score),
            "Share of the fit": crit["weight_share"].map(fmt_percent),
            "Must-have": crit["must_have"].map({True: "Yes", False: "No"}),
            "Minimum": crit["minimum"].map(fmt_score),
            "Target": crit["target"].map(fmt_score),
        }
    )
    if crit["description"].fillna("").eq("").all():
        out = out.drop(columns=["What it means"])
    return out


def scores_view(long: pd.DataFrame, fit: pd.DataFrame) -> pd.DataFrame:
    """Every partner's score on every criterion (columns in profile order, "—": not scored),
    ranked as ``fit`` (:func:`playbook.requirements.fit_scores`), beside its fit score."""
    wide = long.pivot(index="partner_id", columns="criterion", values="score")
    criteria = list(dict.fromkeys(long["criterion"]))
    out = pd.DataFrame(
        {
            "Rank": range(1, len(fit) + 1),
            "Partner": fit["name"].to_numpy(),
            "Fit score": fit["fit_score"].map(lambda v: MISSING if pd.isna(v) else f"{v:.0f}"),
        }
    )
    for name in criteria:
        out[name] = wide[name].reindex(fit["partner_id"]).map(fmt_score).to_numpy()
    return out


def gaps_view(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps to close (:func:`playbook.requirements_gaps.gaps_to_close`), formatted: partner,
    criterion, score, minimum and target, the gap and how many points close it."""
    return pd.DataFrame(
        {
            "Partner": gaps["name"],
            "Status": label_values(gaps["status"]),
            "Criterion": gaps["criterion"],
            "Must-have": gaps["must_have"].map({True: "Yes", False: "No"}),
            "Score": gaps["score"].map(fmt_score),
            "Minimum": gaps["minimum"].map(fmt_score),
            "Target": gaps["target"].map(fmt_score),
            "Gap": label_values(gaps["result"].astype("object")),
            "Points short of the minimum": gaps["short_of_minimum"].map(fmt_score),
            "Points short of the target": gaps["short_of_target"].map(fmt_score),
        }
    )


#: The columns of :func:`gaps_view` a report shows (the workbook has every one).
GAP_SCREEN_COLUMNS = ["Partner", "Criterion", "Score", "Minimum", "Target", "Gap"]


def definitions(
    a: PaybackAssumptions, as_of, default_min_score: float = DEFAULT_MUST_HAVE_MIN
) -> list[str]:
    """The 01 report's "How these figures are defined": the fit and must-have rules, the
    joint-solution revenue, then :func:`playbook.payback_views.definitions` — the module docstrings
    in plain words, with this run's parameters filled in."""
    return [
        "Fit score (0–100): the weighted mean of the scored criteria (score ÷ 5 × weight); "
        "criteria not scored are left out and listed, never counted as 0.",
        "Must-have: a partner fails when a must-have criterion scores below its minimum in "
        f"the client's profile, or below {default_min_score:g} (of 5) where the profile sets "
        "none.",
        f"Joint-solution revenue: won partner deals carrying the solution, "
        f"{period_label(as_of)}, influenced deals in full; a solution counts as certified "
        "when it was certified on or before the as-of date.",
        "Share of the fit: a criterion's weight over the weights of all the criteria, what it "
        "carries of a full fit score.",
        "Gaps to close: a must-have scored below its minimum (the partner fails it), or any "
        "criterion scored below the target the client set for it; a criterion without a "
        "target has no target gap, and one not scored is listed as not scored, never as a gap.",
        *payback_views.definitions(a, as_of),
    ]


def solutions_view(solutions: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Joint solutions table, formatted."""
    out = solutions[
        [
            "partner",
            "name",
            "our_software",
            "certification_status",
            "certified_date",
            "deals",
            "revenue",
        ]
    ].copy()
    out["certified_date"] = out["certified_date"].map(
        lambda d: "" if pd.isna(d) else d.date().isoformat()
    )
    out["certification_status"] = label_values(out["certification_status"])
    out = format_frame(out, money=["revenue"], integer=["deals"], currency=currency)
    return out.rename(
        columns={
            "partner": "Partner",
            "name": "Solution",
            "our_software": "Our software",
            "certification_status": "Certification",
            "certified_date": "Certified on",
            "deals": "Won deals",
            "revenue": "Won revenue",
        }
    )


def split_view(split: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Certified vs other revenue split, formatted."""
    out = split.reset_index(names="Deals sold with")
    out["Deals sold with"] = out["Deals sold with"].map(lambda g: str(g)[:1].upper() + str(g)[1:])
    out = format_frame(
        out,
        money=["revenue", "average_deal"],
        integer=["deals"],
        percent=["share"],
        currency=currency,
    )
    return out.rename(
        columns={
            "revenue": "Won revenue",
            "deals": "Won deals",
            "average_deal": "Average deal",
            "share": "Share of revenue",
        }
    )


def gaps_sentence(counts: dict, criteria) -> str:
    """The gaps in one sentence (``counts`` from
    :func:`playbook.requirements_gaps.gap_counts`), saying when no criterion has a target."""
    n = counts["scored_partners"]
    head = (
        f"{fmt_int(counts['partners_with_gaps'])} of {plural(n, 'scored partner')} "
        f"{'has' if counts['partners_with_gaps'] == 1 else 'have'} a gap to close: "
        f"{plural(counts['below_minimum'], 'must-have')} below the minimum and "
        f"{plural(counts['below_target'], 'score')} below the target."
    )
    if not any(c.target is not None for c in criteria):
        head += (
            " No criterion has a target in the client's profile, so only the must-have "
            "minimums are checked."
        )
    return head
