"""Trend 7 — partner landscape: categories, competitor grid, interest/influence, Partner Grid,
shark or remora, partner-portal readiness.

Definitions (window ``[start, end]`` inclusive, ``end`` = the as-of date)
------------------------------------------------------------------------
* **Candidates**: partners with status ``candidate``; the landscape also shows active partners.
* **Competitor ties** of a company: the number of our competitors (profile ``competitors``) that
  already partner with it (``competitor_partnerships``). The **starting point** is the
  candidates ordered by fewest ties, then by interest (high first), then name.
* **Quadrants** of the interest/influence grid, with ``high`` meaning a score at or above the
  midpoint: high influence & high interest *Key players — manage closely*; high influence & low
  interest *Keep satisfied*; low influence & high interest *Keep informed*; both low *Monitor*.
  A company without interest or influence is *not scored*, and no quadrant count is reported
  when nobody is scored.
* **Program revenue %** of a partner: its won sourced + influenced revenue closed in the window ÷
  all partner-attributed won revenue in the window × 100. Influenced deals count in full, as in
  program revenue (:func:`playbook.deals.program_revenue`, the figure of 05), so the shares add
  up to 100 % of that figure; trend 01 credits influenced deals at the credit share only because
  there revenue pays back an investment in the partner. A partner without won revenue in the
  window has 0 % (a real zero: the deals were supplied); every share is missing when the window
  has no partner revenue at all (no denominator).
* **Shark or remora** — the shark is the bigger fish; the remora is the smaller one living off
  it. Inputs: *size ratio* = the partner's ``employees`` ÷ our ``employees`` (profile); *their
  dependence on us* = ``our_share_of_their_business_pct`` (share of their business that comes
  through us, stated by the client); *our dependence on them* = their program revenue % (the
  only revenue share the data gives from our side: a share of our partner-program revenue, not
  of our whole business). With ``size_factor`` (:data:`SIZE_FACTOR`, 2) and ``dependence_pct``
  (:data:`DEPENDENCE_PCT`, 10 %): **we are the shark** when we are at least ``size_factor`` ×
  their size, they depend on us (≥ ``dependence_pct``) and we do not depend on them
  (< ``dependence_pct``); **we are the remora** when they are at least ``size_factor`` × our
  size, we depend on them and they do not depend on us; **neither** otherwise (similar size,
  the smaller one not dependent on the bigger, or both dependent on each other). **Not scored**
  when an input is missing: no employees on either side, no stated share of their business, or
  no partner revenue in the window. A partner with 0 % of program revenue is scored: we do not
  depend on it, so it can make us the shark but never the remora.
* **Directory completeness** of an active partner (the directory lists program members, not
  candidates): share of the seven directory fields (name, type, category, industry, website,
  contact e-mail, description) that are filled — what a visitor of the partner portal finds. A
  field blank for every partner (the export lacks it) counts as missing for every partner (the
  directory lacks it) and is named as *in nobody's entry*, so the client can say whether the
  portal holds it elsewhere; with none of the optional fields filled for anyone the
  completeness is missing (nothing beyond the required name and type to judge by). The mean is
  over active partners.
* **Partners trained** (:func:`partner_training`): per active partner, ``trained_staff`` = its
  ``partner_on_ours`` trainings completed on or before the as-of date (one row per person
  trained); a partner with none is *untrained* unless ``trained_on_our_product`` says yes (then
  trained, number unknown). Unknown for everyone when neither is supplied.
* **Training both ways** at the as-of date (a training completed after it does not count yet):
  share of active partners trained on our product (a ``partner_on_ours`` training completed on or
  before the as-of date, or ``trained_on_our_product`` — an undated flag, taken as it stands),
  missing when neither is supplied; and for each key partner (a current partner at the as-of
  date with one of the highest program revenue %, above 0: :func:`key_partners`) the share of
  our program staff (people with a role: :mod:`playbook.staff`) with an ``ours_on_partner``
  training on it, missing when no ``ours_on_partner`` training or no staff table is supplied.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import current_at, holds_certification, program_revenue, top_partners
from playbook.formatting import CELL_NAMES, fmt_percent, name_list
from playbook.labels import label
from playbook.staff import program_staff


class Quadrant(StrEnum):
    """Quadrant of the interest/influence grid (see module docstring)."""

    KEY_PLAYERS = "Key players — manage closely"
    KEEP_SATISFIED = "Keep satisfied"
    KEEP_INFORMED = "Keep informed"
    MONITOR = "Monitor"
    NOT_SCORED = "Not scored"  # interest or influence missing


class Position(StrEnum):
    """Shark or remora: which of us is the bigger fish the other lives off (module docstring)."""

    SHARK = "We are the shark"
    REMORA = "We are the remora"
    NEITHER = "Neither"
    NOT_SCORED = "Not scored"  # an input of the rule is missing


#: Shark or remora: the bigger side is at least this many times the other's head count.
SIZE_FACTOR = 2.0
#: Shark or remora: a side depends on the other when at least this % of its (program) revenue
#: comes through the other.
DEPENDENCE_PCT = 10.0

#: ``(high influence, high interest)`` → quadrant.
QUADRANTS = {
    (True, True): Quadrant.KEY_PLAYERS,
    (True, False): Quadrant.KEEP_SATISFIED,
    (False, True): Quadrant.KEEP_INFORMED,
    (False, False): Quadrant.MONITOR,
}
DIRECTORY_FIELDS = (
    "name",
    "type",
    "category",
    "industry",
    "website",
    "contact_email",
    "description",
)
#: Directory fields every partner row has (required columns): never evidence of completeness alone.
REQUIRED_DIRECTORY_FIELDS = ("name", "type")


def current(partners: pd.DataFrame) -> pd.DataFrame:
    """Active partners and candidates (inactive ones are out of the landscape)."""
    return partners[partners["status"].isin(["active", "candidate"])]


def categories(partners: pd.DataFrame) -> pd.DataFrame:
    """Per category: active partners and candidate companies that could fill it (their names,
    :func:`playbook.formatting.name_list`, sorted, at most
    :data:`~playbook.formatting.CELL_NAMES`), and how many companies."""
    p = current(partners).assign(category=lambda f: f["category"].fillna("(uncategorised)"))
    if p.empty:  # no active partner and no candidate: no category to show
        empty = pd.Index([], name="category", dtype="object")
        return pd.DataFrame({"active": [], "candidates": [], "count": []}, index=empty)
    g = p.groupby("category")
    return pd.DataFrame(
        {
            "active": g.apply(
                lambda x: name_list(sorted(x.loc[x["status"] == "active", "name"]), CELL_NAMES),
                include_groups=False,
            ),
            "candidates": g.apply(
                lambda x: name_list(sorted(x.loc[x["status"] == "candidate", "name"]), CELL_NAMES),
                include_groups=False,
            ),
            "count": g.size(),
        }
    )


def competitor_grid(
    partners: pd.DataFrame, links: pd.DataFrame, competitors: list[str]
) -> pd.DataFrame:
    """Companies × our competitors: the relationship text (or "yes") where one exists, "" where
    none; plus ``ties`` (number of competitors) and ``status``. Sorted by ties, most first."""
    p = current(partners)
    grid = pd.DataFrame(
        "", index=pd.Index(p["partner_id"], name="partner_id"), columns=list(competitors)
    )
    known = links[links["partner_id"].isin(grid.index) & links["competitor"].isin(grid.columns)]
    if len(known):  # one cell per (partner, competitor); a repeated pair: the last row wins
        rel = known["relationship"]
        text = rel.where(rel.notna() & rel.astype(str).ne(""), "yes").astype(object)
        cells = (
            pd.DataFrame({"p": known["partner_id"], "c": known["competitor"], "t": text})
            .drop_duplicates(["p", "c"], keep="last")
            .pivot(index="p", columns="c", values="t")
        )
        rows = grid.index.get_indexer(cells.index)
        for competitor in cells.columns:
            column = grid[competitor].to_numpy(dtype=object, copy=True)
            found = cells[competitor].notna().to_numpy()
            column[rows[found]] = cells[competitor].to_numpy()[found]
            grid[competitor] = pd.Series(column, index=grid.index).astype(grid[competitor].dtype)
    grid["ties"] = (grid[list(competitors)] != "").sum(axis=1)
    info = p.set_index("partner_id")
    grid.insert(0, "name", info["name"])
    grid.insert(1, "status", info["status"])
    return grid.sort_values(["ties", "name"], ascending=[False, True])


def starting_point(grid: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """Candidates by fewest competitor ties, then highest interest, then name."""
    cand = grid[grid["status"] == "candidate"].join(
        partners.set_index("partner_id")[["interest", "category"]]
    )
    return cand.sort_values(
        ["ties", "interest", "name"], ascending=[True, False, True], na_position="last"
    )[["name", "category", "ties", "interest"]]


def quadrant(interest: float, influence: float, midpoint: float = 3) -> str:
    """Quadrant of the interest/influence grid (at the midpoint counts as high)."""
    if pd.isna(interest) or pd.isna(influence):
        return Quadrant.NOT_SCORED
    return QUADRANTS[(influence >= midpoint, interest >= midpoint)]


def interest_influence(partners: pd.DataFrame, midpoint: float = 3) -> pd.DataFrame:
    """Active partners and candidates with interest, influence and quadrant."""
    p = current(partners)[["partner_id", "name", "status", "interest", "influence"]].copy()
    p["quadrant"] = [
        quadrant(i, f, midpoint) for i, f in zip(p["interest"], p["influence"], strict=True)
    ]
    return p.sort_values(["quadrant", "name"]).reset_index(drop=True)


def program_revenue_pct(partners: pd.DataFrame, deals: pd.DataFrame, start, end) -> pd.Series:
    """Program revenue % per partner id (see module docstring): 0 for a partner without won
    revenue in the window; every value missing when the window has no partner revenue."""
    per = program_revenue(deals, start, end, by="partner_id")
    total = per.sum()
    if not total > 0:
        return pd.Series(np.nan, index=partners["partner_id"].to_numpy(), dtype="float64")
    pct = (per * 100 / total).round(9)
    return pct.reindex(partners["partner_id"]).fillna(0.0)


def position(
    size: float,
    theirs: float,
    ours: float,
    size_factor: float = SIZE_FACTOR,
    dependence_pct: float = DEPENDENCE_PCT,
) -> Position:
    """Shark or remora from its three inputs (module docstring): ``size`` = their employees ÷
    ours; ``theirs`` = % of their business that comes through us; ``ours`` = their % of our
    program revenue. Any input missing → not scored."""
    if any(v is None or pd.isna(v) for v in (size, theirs, ours)):
        return Position.NOT_SCORED
    they_depend, we_depend = theirs >= dependence_pct, ours >= dependence_pct
    if size <= 1 / size_factor and they_depend and not we_depend:
        return Position.SHARK
    if size >= size_factor and we_depend and not they_depend:
        return Position.REMORA
    return Position.NEITHER


def _size_text(size: float) -> str:
    if size >= 1:
        return f"They are {size:.2g}× our size"
    return f"They are 1/{1 / size:.2g} of our size"


def _why(r, size_factor: float, dependence_pct: float) -> str:
    """The sentence beside a shark-or-remora label: its inputs, then the reason."""
    if r.position == Position.NOT_SCORED:
        missing = [
            label
            for value, label in (
                (r.size, "head counts (their or our employees)"),
                (r.theirs, "our share of their business"),
                (r.ours, "program revenue in the window"),
            )
            if pd.isna(value)
        ]
        return "Not scored: no " + " and no ".join(missing) + "."
    facts = (
        f"{_size_text(r.size)}; {fmt_percent(r.theirs / 100)} of their business comes through "
        f"us; they bring {fmt_percent(r.ours / 100)} of our program revenue."
    )
    similar = 1 / size_factor < r.size < size_factor
    they_depend, we_depend = r.theirs >= dependence_pct, r.ours >= dependence_pct
    if r.position == Position.SHARK:
        reason = "We are the bigger fish and they depend on us."
    elif r.position == Position.REMORA:
        reason = "They are the bigger fish and we depend on them."
    elif similar:
        reason = f"Neither is {size_factor:g}× the other's size."
    elif they_depend and we_depend:
        reason = "Each depends on the other."
    else:
        reason = f"The smaller one gets under {dependence_pct:g}% through the bigger."
    return f"{facts} {reason}"


def shark_or_remora(
    partners: pd.DataFrame,
    pct: pd.Series,
    our_employees: int | None,
    size_factor: float = SIZE_FACTOR,
    dependence_pct: float = DEPENDENCE_PCT,
) -> pd.DataFrame:
    """Shark or remora per active partner (:func:`position`, module docstring), with its inputs
    (``size`` their ÷ our employees, ``theirs`` our share of their business %, ``ours`` their
    program revenue %) and the sentence explaining it."""
    p = partners[partners["status"] == "active"].copy()
    p["ours"] = pd.to_numeric(p["partner_id"].map(pct), errors="coerce")
    p["theirs"] = pd.to_numeric(p["our_share_of_their_business_pct"], errors="coerce")
    employees = pd.to_numeric(p["employees"], errors="coerce")
    p["size"] = employees / our_employees if our_employees else np.nan
    p["size"] = p["size"].where(employees > 0)
    p["position"] = [
        position(s, t, o, size_factor, dependence_pct)
        for s, t, o in zip(p["size"], p["theirs"], p["ours"], strict=True)
    ]
    inputs = p[["size", "theirs", "ours", "position"]]
    p["explanation"] = [_why(r, size_factor, dependence_pct) for r in inputs.itertuples()]
    p["order"] = p["position"].map(list(Position).index)
    return p.sort_values(["order", "name"])[
        ["partner_id", "name", "size", "theirs", "ours", "position", "explanation"]
    ].reset_index(drop=True)


def supplied_directory_fields(partners: pd.DataFrame) -> tuple[str, ...]:
    """The directory fields filled for at least one partner of the table (module docstring)."""
    return tuple(f for f in DIRECTORY_FIELDS if _filled(partners[f]).any())


def _filled(values: pd.Series) -> pd.Series:
    return values.notna() & values.astype(str).str.strip().ne("")


def _missing_fields(filled: pd.DataFrame, fields: list[str]) -> np.ndarray:
    """Per row of ``filled`` (booleans, one column per field): the labels of its unfilled
    fields, in field order, joined by ", " (worked out once per distinct pattern)."""
    bits = filled[fields].to_numpy(dtype=bool) @ (1 << np.arange(len(fields)))
    codes, first = np.unique(bits, return_inverse=True)
    texts = [
        ", ".join(label(f).lower() for i, f in enumerate(fields) if not (code >> i) & 1)
        for code in codes
    ]
    return np.array(texts, dtype=object)[first.reshape(-1)] if len(bits) else np.array([], object)


def directory_completeness(partners: pd.DataFrame) -> pd.DataFrame:
    """Per active partner: share of the seven directory fields filled, and which are missing
    (module docstring); ``completeness`` missing when no optional directory field is filled for
    any partner."""
    p = partners[partners["status"] == "active"]
    fields = list(DIRECTORY_FIELDS)
    filled = pd.DataFrame({f: _filled(p[f]) for f in fields}, index=p.index)
    supplied = supplied_directory_fields(partners)
    optional = [f for f in supplied if f not in REQUIRED_DIRECTORY_FIELDS]
    out = pd.DataFrame(
        {
            "name": p["name"].to_numpy(),
            "completeness": (filled.mean(axis=1) if optional else pd.Series(np.nan, p.index))
            .astype("float64")
            .to_numpy(),
            "missing": _missing_fields(filled, fields),
        }
    )
    return out.sort_values(["completeness", "name"]).reset_index(drop=True)


def partner_training(partners: pd.DataFrame, trainings: pd.DataFrame, as_of) -> pd.DataFrame:
    """Per active partner: ``trained_staff`` (its people trained on our product by ``as_of``;
    missing when unknown), ``trained`` (True / False; missing when not supplied), module
    docstring, and ``certified`` (it holds our certification,
    :func:`playbook.deals.holds_certification`; missing when its level is blank)."""
    active = partners[partners["status"] == "active"]
    dates = pd.to_datetime(trainings["completed_date"])
    ours = trainings[(trainings["direction"] == "partner_on_ours") & (dates <= pd.Timestamp(as_of))]
    counts = ours.groupby("partner_id").size()
    flags = active["trained_on_our_product"].astype("boolean")
    supplied = (trainings["direction"] == "partner_on_ours").any() or flags.notna().any()
    n = active["partner_id"].map(counts).fillna(0).astype("float64").to_numpy()
    flagged = flags.fillna(False).astype(bool).to_numpy()
    out = pd.DataFrame({"partner_id": active["partner_id"].to_numpy(), "name": active["name"]})
    out["trained_staff"] = np.where((n == 0) & flagged, np.nan, n) if supplied else np.nan
    out["trained"] = pd.array((n > 0) | flagged, dtype="boolean") if supplied else pd.NA
    levels = active.get("certification_level", pd.Series(None, index=active.index, dtype=object))
    out["certified"] = holds_certification(levels).to_numpy()
    return out.reset_index(drop=True)


def training_both_ways(
    partners: pd.DataFrame,
    trainings: pd.DataFrame,
    staff: pd.DataFrame,
    key_partners: list[str],
    as_of,
) -> tuple[float, pd.DataFrame]:
    """Share of active partners trained on our product at ``as_of``, and per key partner the
    share of our program staff trained on theirs (module docstring; missing where not
    supplied). Trainings completed after ``as_of`` do not count."""
    active = partners[partners["status"] == "active"]
    dates = pd.to_datetime(trainings["completed_date"])
    direction = trainings["direction"]
    done = trainings[dates <= pd.Timestamp(as_of)]
    flags = active["trained_on_our_product"].astype("boolean")
    supplied = (direction == "partner_on_ours").any() or flags.notna().any()
    trained = active["partner_id"].isin(
        done.loc[done["direction"] == "partner_on_ours", "partner_id"]
    ) | flags.fillna(False).astype(bool)
    share_partners = float(trained.mean()) if len(active) and supplied else np.nan
    program = program_staff(staff)  # a person without a program role is not counted
    ours = done[
        (done["direction"] == "ours_on_partner") & done["staff_id"].isin(program["staff_id"])
    ]
    n_staff = len(program) if (direction == "ours_on_partner").any() else 0
    names = partners.set_index("partner_id")["name"]
    counts = ours.groupby("partner_id")["staff_id"].nunique()
    rows = [
        {
            "partner_id": pid,
            "name": names.get(pid, pid),
            "staff_trained": int(counts.get(pid, 0)) if n_staff else np.nan,
            "share": counts.get(pid, 0) / n_staff if n_staff else np.nan,
        }
        for pid in key_partners
    ]
    return share_partners, pd.DataFrame(
        rows, columns=["partner_id", "name", "staff_trained", "share"]
    )


def key_partners(pct: pd.Series, partners: pd.DataFrame, as_of, n: int) -> list[str]:
    """Ids of the ``n`` key partners: the current partners at ``as_of`` with the highest
    program revenue % (above 0), :func:`playbook.deals.top_partners` (a partner whose
    agreement has ended is none of them, as in the Partner Grid)."""
    current = current_at(partners, as_of).set_axis(partners["partner_id"].to_numpy())
    return list(top_partners(pct, current, n).index)
