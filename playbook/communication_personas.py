"""Trend 8 — personas: candidates classed value or transaction, what the report cards and the
research of sales, marketing and support tell each persona.

Definitions
-----------
* **Candidate class** (:func:`classify_candidates`), first rule that applies: the class set by
  hand (``partners.engagement_model``); else the class most of the **active partners of its
  type** have in trend 8 (a tie is no majority); else the class most of the **personas of its
  type** have (``personas.engagement_model``); else none ("—": nothing to go by). A candidate has
  no deals with us yet, so the deal-volume test of the active partners cannot class it.
* **Partners a persona covers** (:func:`persona_coverage`): active partners it describes
  (:func:`playbook.engagement.persona_covers`: the persona's partner type and engagement model;
  a persona without a type or model covers every type or model; report 04 counts the same);
  **contacts who fit it**: rows of ``partner_contacts`` naming it. A group of active
  partners (type × model) that no persona covers is **without a persona**.
* **Report cards feed personas** (:func:`card_evidence`): per partner type of the transaction
  partners, the report cards of that type: partners, grades, and the median of each report-card
  measure for the partners graded A or B (the best) and for the others, beside the transaction
  personas of that type. What the best do differently is what the persona should say; a type
  whose transaction partners no persona describes is a persona to write.
* **Research input** (:func:`research_coverage`): research notes per persona (or partner) and
  function (sales, marketing, support, and the partner team or others); a persona with no note
  from one of sales, marketing and support lacks that part of the organisation's view.
"""

from __future__ import annotations

import pandas as pd

from playbook.engagement import persona_covers

#: The functions the seed report asks research from.
RESEARCH_FROM = ("sales", "marketing", "support")
#: Report-card measures compared between the best-graded partners and the others.
EVIDENCE_MEASURES = ("deal_volume", "win_rate", "deal_velocity", "certification", "responsiveness")
#: Grades counted as the best report cards.
TOP_GRADES = ("A", "B")


def _majority(values: pd.Series) -> str | None:
    """The value more than any other holds; ``None`` for no values or a tie."""
    counts = values.dropna().value_counts()
    if not len(counts) or (len(counts) > 1 and counts.iloc[0] == counts.iloc[1]):
        return None
    return str(counts.index[0])


def _basis(c, by_type: pd.DataFrame, personas: pd.DataFrame) -> tuple[str | None, str]:
    """(class, basis) of one candidate row ``c``; see the module docstring."""
    if pd.notna(c.engagement_model):
        return str(c.engagement_model), "set by hand"
    same = by_type[by_type["type"] == c.type]["model"]
    found = _majority(same)
    if found is not None:
        n = int((same == found).sum())
        return found, f"{n} of {len(same)} active partners of its type"
    own = personas[personas["partner_type"] == c.type]["engagement_model"]
    found = _majority(own)
    if found is not None:
        return found, f"{int((own == found).sum())} of {len(own)} personas of its type"
    return None, "no active partner or persona of its type to go by"


def classify_candidates(
    partners: pd.DataFrame, eng: pd.DataFrame, personas: pd.DataFrame
) -> pd.DataFrame:
    """Every candidate (``status`` candidate) with its class (``model``: value, transaction or
    ``None``) and the ``basis`` of it, in words; see the module docstring."""
    cands = partners[partners["status"] == "candidate"]
    rows = [(c.partner_id, c.name, c.type, *_basis(c, eng, personas)) for c in cands.itertuples()]
    return pd.DataFrame(rows, columns=["partner_id", "name", "type", "model", "basis"])


def persona_coverage(
    personas: pd.DataFrame,
    eng: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    notes: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per persona: partners it covers, contacts who fit it (``None`` without contacts) and
    research notes about it (``None`` without notes); and the groups of active partners (type
    × model, with their count) no persona covers."""
    rows, covered = [], pd.Series(False, index=eng.index)
    for p in personas.itertuples():
        mask = persona_covers(p, eng)
        covered |= mask
        rows.append(
            {
                "persona_id": p.persona_id,
                "persona": p.name,
                "partner_type": p.partner_type,
                "model": p.engagement_model,
                "role": p.role,
                "partners": int(mask.sum()),
                "contacts": None
                if contacts is None
                else int((contacts["persona_id"] == p.persona_id).sum()),
                "notes": None
                if notes is None
                else int((notes["persona_id"] == p.persona_id).sum()),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "persona_id",
            "persona",
            "partner_type",
            "model",
            "role",
            "partners",
            "contacts",
            "notes",
        ],
    )
    bare = eng[~covered].groupby(["type", "model"]).size().rename("partners").reset_index()
    return out, bare


def _medians(cards: pd.DataFrame) -> dict[str, float]:
    return {m: cards[m].median() for m in EVIDENCE_MEASURES}


def card_evidence(cards: pd.DataFrame, eng: pd.DataFrame, personas: pd.DataFrame) -> pd.DataFrame:
    """Per partner type of the carded transaction partners: the transaction personas of that
    type (names joined, ``""`` for none), partners carded, partners graded A or B, and the median
    of each report-card measure for the best (``best_<measure>``) and for the others
    (``rest_<measure>``); see the module docstring."""
    columns = ["partner_type", "personas", "partners", "best"] + [
        f"{side}_{m}" for side in ("best", "rest") for m in EVIDENCE_MEASURES
    ]
    if not len(cards):
        return pd.DataFrame(columns=columns)
    c = cards.merge(eng[["partner_id", "type"]], on="partner_id")
    own = personas[personas["engagement_model"] == "transaction"]
    rows = []
    for ptype, group in c.groupby("type"):
        best = group[group["grade"].isin(TOP_GRADES)]
        rest = group[~group["grade"].isin(TOP_GRADES)]
        names = own[own["partner_type"].isin([ptype]) | own["partner_type"].isna()]["name"]
        row = {
            "partner_type": ptype,
            "personas": "; ".join(names),
            "partners": len(group),
            "best": len(best),
        }
        row |= {f"best_{m}": v for m, v in _medians(best).items()}
        row |= {f"rest_{m}": v for m, v in _medians(rest).items()}
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def notes_until(notes: pd.DataFrame, as_of) -> pd.DataFrame:
    """The research notes dated on or before ``as_of``, and the undated ones (a later note
    does not exist yet)."""
    day = pd.to_datetime(notes["date"])
    return notes[day.isna() | (day <= pd.Timestamp(as_of))]


def research_coverage(notes: pd.DataFrame, personas: pd.DataFrame) -> pd.DataFrame:
    """Per persona: research notes from each function (columns ``sales``, ``marketing``,
    ``support``, ``other``: the partner team and others together), notes about no persona in one
    row ``persona_id`` ``None``, and ``missing``: the functions of :data:`RESEARCH_FROM` with no
    note about the persona."""
    n = notes.assign(
        who=notes["function"].where(notes["function"].isin(RESEARCH_FROM), "other"),
        persona_id=notes["persona_id"].where(notes["persona_id"].isin(personas["persona_id"])),
    )
    table = pd.crosstab(n["persona_id"].fillna(""), n["who"])
    table = table.reindex(columns=[*RESEARCH_FROM, "other"], fill_value=0)
    ids = [*personas["persona_id"], ""]
    table = table.reindex(ids, fill_value=0)
    names = personas.set_index("persona_id")["name"]
    out = table.reset_index(names="persona_id")
    out["persona"] = out["persona_id"].map(names)
    out["persona_id"] = out["persona_id"].mask(out["persona_id"] == "")
    out["missing"] = [
        [f for f in RESEARCH_FROM if r[f] == 0] if pd.notna(r["persona_id"]) else []
        for _, r in out.iterrows()
    ]
    out = out[(out["persona_id"].notna()) | (out[[*RESEARCH_FROM, "other"]].sum(axis=1) > 0)]
    return out.reset_index(drop=True)


def latest_notes(
    notes: pd.DataFrame, personas: pd.DataFrame, partners: pd.DataFrame
) -> pd.DataFrame:
    """Every research note with its persona's and partner's names, latest first (undated last)."""
    out = notes.assign(
        persona=notes["persona_id"].map(personas.set_index("persona_id")["name"]),
        partner=notes["partner_id"].map(partners.set_index("partner_id")["name"]),
        day=pd.to_datetime(notes["date"]),
    )
    return out.sort_values("day", ascending=False, na_position="last").drop(columns="day")
