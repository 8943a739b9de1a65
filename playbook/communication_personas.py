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

from playbook.engagement import described, persona_matches
from playbook.formatting import CELL_NAMES, fmt_int, name_list

#: The functions the seed report asks research from.
RESEARCH_FROM = ("sales", "marketing", "support")
#: Report-card measures compared between the best-graded partners and the others.
EVIDENCE_MEASURES = ("deal_volume", "win_rate", "deal_velocity", "certification", "responsiveness")
#: Grades counted as the best report cards.
TOP_GRADES = ("A", "B")


def _majorities(frame: pd.DataFrame, key: str, value: str) -> dict:
    """Per ``key`` value: (the ``value`` more rows hold than any other, how many hold it, the
    rows of that key); the first is ``None`` for no value or a tie. One group-by, not a scan
    per candidate."""
    total = frame.groupby(key).size()
    counts = frame.dropna(subset=[value]).groupby([key, value]).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n"], ascending=[True, False], kind="stable")
    counts["rank"] = counts.groupby(key).cumcount()
    first = counts[counts["rank"] == 0].set_index(key)
    second = counts[counts["rank"] == 1].set_index(key)["n"].reindex(first.index)
    out = {k: (None, 0, int(n)) for k, n in total.items()}
    for k, row in first.iterrows():
        tie = pd.notna(second.get(k)) and second.get(k) == row["n"]
        out[k] = (None if tie else str(row[value]), int(row["n"]), int(total.get(k, 0)))
    return out


def _basis(c, active: dict, own: dict) -> tuple[str | None, str]:
    """(class, basis) of one candidate row ``c``, from the majorities of the active partners
    (``active``) and of the personas (``own``) per type; see the module docstring."""
    if pd.notna(c.engagement_model):
        return str(c.engagement_model), "set by hand"
    found, n, total = active.get(c.type, (None, 0, 0))
    if found is not None:
        return found, f"{fmt_int(n)} of {fmt_int(total)} active partners of its type"
    found, n, total = own.get(c.type, (None, 0, 0))
    if found is not None:
        return found, f"{n} of {total} personas of its type"
    return None, "no active partner or persona of its type to go by"


def classify_candidates(
    partners: pd.DataFrame, eng: pd.DataFrame, personas: pd.DataFrame
) -> pd.DataFrame:
    """Every candidate (``status`` candidate) with its class (``model``: value, transaction or
    ``None``) and the ``basis`` of it, in words; see the module docstring."""
    cands = partners[partners["status"] == "candidate"]
    active = _majorities(eng, "type", "model")
    own = _majorities(personas, "partner_type", "engagement_model")
    rows = [(c.partner_id, c.name, c.type, *_basis(c, active, own)) for c in cands.itertuples()]
    return pd.DataFrame(rows, columns=["partner_id", "name", "type", "model", "basis"])


def _named(ids: pd.Series, named: pd.Series) -> list[int]:
    """Per persona id of ``ids``: how many rows of ``named`` name it."""
    return ids.map(named.value_counts()).fillna(0).astype(int).tolist()


def persona_coverage(
    personas: pd.DataFrame,
    eng: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    notes: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per persona: partners it covers, contacts who fit it (``None`` without contacts) and
    research notes about it (``None`` without notes); and the groups of active partners (type
    × model, with their count) no persona covers."""
    matched = persona_matches(personas, eng)
    partners = matched.groupby("persona")["n"].sum().reindex(personas.index, fill_value=0)
    ids = personas["persona_id"]
    n = len(personas)
    columns = {
        "persona_id": ids.tolist(),
        "persona": personas["name"].tolist(),
        "partner_type": personas["partner_type"].tolist(),
        "model": personas["engagement_model"].tolist(),
        "role": personas["role"].tolist(),
        "partners": partners.astype(int).tolist(),
        "contacts": [None] * n if contacts is None else _named(ids, contacts["persona_id"]),
        "notes": [None] * n if notes is None else _named(ids, notes["persona_id"]),
    }
    # row by row, so each column's type is inferred from its values as before
    out = pd.DataFrame(list(zip(*columns.values(), strict=True)), columns=list(columns))
    covered = described(personas, eng)
    bare = eng[~covered].groupby(["type", "model"]).size().rename("partners").reset_index()
    return out, bare


def _medians(cards: pd.DataFrame) -> dict[str, float]:
    return {m: cards[m].median() for m in EVIDENCE_MEASURES}


#: Caption of the table of :func:`card_evidence` (its personas cells name at most
#: :data:`~playbook.formatting.CELL_NAMES`; the personas table has every persona).
EVIDENCE_CAPTION = (
    "Report cards for the personas: partners graded A or B against the others (up to "
    f"{CELL_NAMES} personas named a cell; every persona in the table 'Personas: the partners "
    "they describe, the contacts who fit them, the research')"
)


def card_evidence(cards: pd.DataFrame, eng: pd.DataFrame, personas: pd.DataFrame) -> pd.DataFrame:
    """Per partner type of the carded transaction partners: the transaction personas of that
    type (:func:`~playbook.formatting.name_list`, "; " between names, at most
    :data:`~playbook.formatting.CELL_NAMES`; ``""`` for none), partners carded, partners
    graded A or B, and the median of each report-card measure for the best
    (``best_<measure>``) and for the others (``rest_<measure>``); see the module docstring."""
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
            "personas": name_list(names, CELL_NAMES, sep="; "),
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
    table = n.groupby([n["persona_id"].fillna(""), "who"]).size().unstack(fill_value=0)
    table = table.reindex(columns=[*RESEARCH_FROM, "other"], fill_value=0)
    ids = [*personas["persona_id"], ""]
    table = table.reindex(ids, fill_value=0)
    names = personas.set_index("persona_id")["name"]
    out = table.reset_index(names="persona_id")
    out["persona"] = out["persona_id"].map(names)
    out["persona_id"] = out["persona_id"].mask(out["persona_id"] == "")
    zero = (out[list(RESEARCH_FROM)] == 0).to_numpy().tolist()
    out["missing"] = [
        [f for f, z in zip(RESEARCH_FROM, zs, strict=True) if z] if known else []
        for zs, known in zip(zero, out["persona_id"].notna(), strict=True)
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
