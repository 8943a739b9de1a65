"""Trend 1 — partner requirements and joint solutions: the report views and the 01 report's
"How these figures are defined".

Display-ready tables for the 01 notebook; the numbers come from :mod:`playbook.requirements`,
the investment model's definitions from :mod:`playbook.payback_views`.
"""

from __future__ import annotations

import pandas as pd

from playbook import payback_views
from playbook.formatting import format_frame
from playbook.labels import label_values
from playbook.payback import PaybackAssumptions, period_label
from playbook.requirements import DEFAULT_MUST_HAVE_MIN


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


def document_cards(docs: list[dict], top: int) -> list[dict]:
    """The first ``top`` documents as short cards (fields :data:`CARD_FIELDS`)."""
    return [
        {
            "name": d["name"],
            "fit": f"{d['fit_score']}; must-haves: {d['must_have']}",
            "profile": f"{d['type']}, {d['status'].lower()}",
            **{k: d[k] for k in ("life_cycle", "competitive_advantage", "competitors")},
            "expected_mindshare": d["expected_mindshare"],
        }
        for d in docs[: max(int(top), 0)]
    ]


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
