"""Trend 3 — development needs matched to the partners who could meet them.

The seed: once a development need is defined (legacy code to modernise, API work), look for
partners where developers gather (where they are found: :mod:`playbook.platform_sourcing`).
The tables are ``development_needs`` (the register), ``partners.skills`` and
``platform_builds`` (what partners can do).

Definitions
-----------
* **A need at the as-of date**: a ``development_needs`` row raised on or before the as-of date,
  or undated. It is **open** unless done or dropped (:data:`CLOSED`); an open need **needs a
  partner** while no partner is chosen for it (``partner_id`` blank).
* **Skills** (of a need or a partner) are the texts between semicolons (or commas), compared
  ignoring case and spaces at either end. A partner with blank skills has unknown skills: it
  earns no skill point, it is not "without skills".
* **Match points** of an active or candidate partner for a need (inactive partners are never
  proposed):

  - **2** when it has a live or in-development build (a build at the as-of date,
    :func:`playbook.platform_map.builds_at`) on the need's component, **1** for a planned one;
  - **1 per skill wanted** that the partner lists;
  - **1** when its type suits the need's area (:data:`AREA_TYPES`: legacy code → systems
    integrators; API work → ISVs and platforms; integrations → ISVs and systems integrators;
    data → platforms and ISVs; other → none).

  A partner **could meet** a need when it has at least ``min_score`` points (notebook
  parameter ``match_min_score``) and the evidence the need asks for: at least one of the skills
  wanted when the need lists skills (a build on the component shows it knows our platform, not
  that it has the skills), else a build on the need's component. Its type alone is never
  enough. Candidates are ranked by points, then active before candidate partners, then by name.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from playbook.platform_map import BUILDING, builds_at

#: Need statuses that close a need.
CLOSED = ("done", "dropped")
#: Partner statuses that may be proposed for a need.
ELIGIBLE = ("active", "candidate")
#: Partner types suited to each area of work (one point).
AREA_TYPES: dict[str, tuple[str, ...]] = {
    "legacy_code": ("integrator",),
    "api": ("isv", "platform"),
    "integration": ("isv", "integrator"),
    "data": ("platform", "isv"),
    "other": (),
}
#: Points a build on the need's component earns, by the build's status.
BUILD_POINTS = {"live": 2, "in_development": 2, "planned": 1}

_SPLIT = re.compile(r"[;,]")


def skills_of(text) -> list[str]:
    """The skills in a ``skills`` cell, trimmed, each once, in the order written; ``[]`` for
    a blank cell."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    parts = [p.strip() for p in _SPLIT.split(str(text))]
    seen: dict[str, str] = {}
    for p in parts:
        if p and p.casefold() not in seen:
            seen[p.casefold()] = p
    return list(seen.values())


def needs_at(needs: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The needs that exist at ``as_of`` (raised on or before it, or undated), in the order
    given."""
    raised = pd.to_datetime(needs["raised_date"], errors="coerce")
    return needs[raised.isna() | (raised <= as_of)].reset_index(drop=True)


_CANDIDATE_COLUMNS = [
    "partner_id",
    "partner",
    "status",
    "score",
    "build_points",
    "skills",
    "type_fit",
]


def _codes(texts: pd.Series, kinds: pd.Series) -> tuple[np.ndarray, list, list]:
    """Each row's code for its (skills cell, kind) pair, and per code the cell and the kind
    (``None``: blank): rows alike are split and compared once."""
    text, texts_ = pd.factorize(texts)
    kind, kinds_ = pd.factorize(kinds)
    code, pairs = pd.factorize(text.astype(np.int64) * (len(kinds_) + 1) + kind + 1)
    t, k = np.divmod(np.asarray(pairs, dtype=np.int64), len(kinds_) + 1)
    return (
        code,
        [texts_[i] if i >= 0 else None for i in t],
        [kinds_[i - 1] if i > 0 else None for i in k],
    )


def _skill_combos(needs: pd.DataFrame, eligible: pd.DataFrame):
    """The skills needs and partners share, over the distinct (skills, area) of the needs and
    (skills, type) of the partners: each need's and partner's code (:func:`_codes`) and, per
    pair of codes sharing a skill, ``need`` / ``partner`` (the codes), ``have`` (the skills
    wanted the partner lists, in the partner's order, spelled as the need spells them) and
    ``fit`` (the type suits the area)."""
    ncode, ntext, area = _codes(needs["skills"], needs["area"])
    pcode, ptext, kind = _codes(eligible["skills"], eligible["type"])
    need_skills = pd.DataFrame(
        [(c, s.casefold(), s) for c, t in enumerate(ntext) for s in skills_of(t)],
        columns=["need", "key", "skill"],
    )
    partner_skills = pd.DataFrame(
        [(c, s.casefold(), i) for c, t in enumerate(ptext) for i, s in enumerate(skills_of(t))],
        columns=["partner", "key", "order"],
    )
    shared = need_skills.merge(partner_skills, on="key").sort_values(["need", "partner", "order"])
    a, b = (shared[c].to_numpy(dtype=np.int64) for c in ("need", "partner"))
    first = np.flatnonzero(np.diff(a, prepend=-1) | np.diff(b, prepend=-1))
    spelled = shared["skill"].tolist()
    ends = [*first[1:], len(spelled)] if len(first) else []
    have = [spelled[i:j] for i, j in zip(first, ends, strict=True)]
    a, b = a[first], b[first]
    fit = np.array([kind[j] in AREA_TYPES.get(area[i], ()) for i, j in zip(a, b, strict=True)])
    return ncode, pcode, a, b, have, fit.astype(bool)


def _expand(left: np.ndarray, right: np.ndarray, a: np.ndarray, b: np.ndarray):
    """Every pair of a position whose code in ``left`` is ``a[k]`` and one whose code in
    ``right`` is ``b[k]``, for each k: (k, left position, right position), formed only for
    the codes paired (no cross product of everything)."""

    def groups(codes, size):
        order = np.argsort(codes, kind="stable")
        counts = np.bincount(codes[codes >= 0], minlength=size)
        starts = np.concatenate([[0], np.cumsum(counts)])[:-1] + int((codes < 0).sum())
        return order, counts, starts

    size = int(
        max(a.max(initial=-1), b.max(initial=-1), left.max(initial=-1), right.max(initial=-1))
    )
    lo, lc, ls = groups(left, size + 1)
    ro, rc, rs = groups(right, size + 1)
    n_left, n_right = lc[a], rc[b]
    total = n_left * n_right
    k = np.repeat(np.arange(len(a)), total)
    offset = np.arange(int(total.sum())) - np.repeat(np.cumsum(total) - total, total)
    return k, lo[ls[a][k] + offset // n_right[k]], ro[rs[b][k] + offset % n_right[k]]


def _build_pairs(needs: pd.DataFrame, ids: pd.Series, builds: pd.DataFrame):
    """The (need, partner) pairs where the partner (position in ``ids``) has a build on the
    need's component (position in ``needs``): need, partner and the best build's points."""
    points = builds.assign(points=builds["status"].map(BUILD_POINTS).fillna(0))
    points = points.dropna(subset=["partner_id", "component_id"])
    points = points.groupby(["partner_id", "component_id"])["points"].max().reset_index()
    wanted = pd.DataFrame(
        {"need": range(len(needs)), "component_id": needs["component_id"].to_numpy()}
    )
    pairs = wanted.dropna(subset=["component_id"]).merge(points, on="component_id")
    who = pd.DataFrame({"partner_id": ids.to_numpy(), "partner": range(len(ids))})
    pairs = pairs.merge(who, on="partner_id")
    return (
        pairs["need"].to_numpy(),
        pairs["partner"].to_numpy(),
        pairs["points"].to_numpy().astype(int),
    )


def _type_fit(areas: pd.Series, types: pd.Series, need, partner) -> np.ndarray:
    """Whether each partner's type suits each need's area (:data:`AREA_TYPES`), per pair."""
    area, area_names = pd.factorize(areas)
    kind, kind_names = pd.factorize(types)
    table = np.zeros((len(area_names) + 1, len(kind_names) + 1), dtype=bool)
    for i, a in enumerate(area_names):
        for j, t in enumerate(kind_names):
            table[i, j] = t in AREA_TYPES.get(a, ())
    return table[area[need], kind[partner]]  # -1 (blank) is the last row / column: False


def _pairs(needs: pd.DataFrame, eligible: pd.DataFrame, builds: pd.DataFrame, min_score):
    """The (need, partner) pairs that could qualify: those sharing a skill whose skills and
    type alone reach ``min_score``, and those with a build on the need's component (few),
    with their skills (index into the have lists, -1: none), the have lists and build
    points. Pairs sharing skills too few to qualify even with a build are never formed."""
    ncode, pcode, a, b, have, fit = _skill_combos(needs, eligible)
    count = np.array([len(h) for h in have], dtype=np.int64)
    sure = count + fit >= min_score
    combo, need, partner = _expand(ncode, pcode, a[sure], b[sure])
    combo = np.flatnonzero(sure)[combo]
    width = max(len(eligible), 1)
    keys = need.astype(np.int64) * width + partner
    b_need, b_partner, b_points = _build_pairs(needs, eligible["partner_id"], builds)
    # each build pair (few) looked up among the skill pairs (many) through a sorted index
    b_keys = np.append(b_need.astype(np.int64) * width + b_partner, -1)
    order = np.argsort(b_keys)
    at = order[np.searchsorted(b_keys[order], keys).clip(max=len(b_keys) - 1)]
    hit = b_keys[at] == keys
    build = np.where(hit, np.append(b_points, 0)[at], 0)
    alone = np.ones(len(b_keys) - 1, dtype=bool)
    alone[at[hit]] = False
    # the other build pairs: the skills they share (if any), found by their codes
    combos = {(i, j): k for k, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True))}
    b_combo = np.array(
        [
            combos.get((ncode[i], pcode[j]), -1)
            for i, j in zip(b_need.tolist(), b_partner.tolist(), strict=True)
        ],
        dtype=np.int64,
    )
    return (
        np.concatenate([need, b_need[alone]]),
        np.concatenate([partner, b_partner[alone]]),
        np.concatenate([combo, b_combo[alone]]),
        np.concatenate([build, b_points[alone]]).astype(np.int64),
        have,
    )


#: The dtype pandas gives a column of texts (the candidates frame's text columns).
_TEXT = pd.Series(["text"]).dtype


def _take(column: pd.Series, positions: np.ndarray):
    """``column``'s values at ``positions``, typed as a new frame of those values would be
    (texts: pandas' text type, inferred once for the column rather than once per need)."""
    typed = pd.Series(column.tolist())
    if typed.dtype == _TEXT:
        return typed.array.take(positions)
    return column.to_numpy()[positions]


def _all_candidates(
    needs: pd.DataFrame,
    partners: pd.DataFrame,
    builds: pd.DataFrame,
    min_score: float,
    first: int | None = None,
) -> tuple[list[pd.DataFrame], np.ndarray]:
    """:func:`candidates` of every row of ``needs`` at once (only the ``first`` of each when
    given), and how many candidates each need has in all: only pairs of a need and a partner
    sharing a skill or a build on its component are formed and scored. Rows with the same
    skills share one ``skills`` list (read it, do not change it)."""
    eligible = partners[partners["status"].isin(ELIGIBLE)].reset_index(drop=True)
    need, who, combo, build, have = _pairs(needs, eligible, builds, min_score)
    count = np.array([len(h) for h in have] + [0], dtype=np.int64)[combo]
    fit = _type_fit(needs["area"], eligible["type"], need, who)
    score = build + count + fit
    wants = np.array([bool(skills_of(t)) for t in needs["skills"]], dtype=bool)
    keep = np.where(wants[need], count > 0, build > 0) & (score >= min_score)
    # the order: points, active before candidate partners, then name (blank last), as listed
    by_name = np.empty(len(eligible), dtype=np.int64)
    by_name[eligible["name"].sort_values(kind="stable", na_position="last").index] = range(
        len(eligible)
    )
    later = (eligible["status"] != "active").to_numpy()
    need, who, score, combo, build, fit = (x[keep] for x in (need, who, score, combo, build, fit))
    # one sort key: need, then most points, then active first, then name; unique per pair
    top = int(score.max(initial=0))
    key = ((need.astype(np.int64) * (top + 1) + (top - score)) * 2 + later[who]) * max(
        len(eligible), 1
    ) + by_name[who]
    order = np.argsort(key)
    need, who, combo = need[order], who[order], combo[order]
    score, build, fit = score[order], build[order], fit[order]
    counts = np.bincount(need, minlength=len(needs))
    if first is not None:  # each need's best only
        rank = np.arange(len(need)) - np.searchsorted(need, need)
        cut = rank < first
        need, who, combo, score, build, fit = (
            x[cut] for x in (need, who, combo, score, build, fit)
        )
    lists = np.empty(len(have) + 1, dtype=object)
    lists[:] = [*have, []]
    found = pd.DataFrame(
        {
            "partner_id": _take(eligible["partner_id"], who),
            "partner": _take(eligible["name"], who),
            "status": _take(eligible["status"], who),
            "score": score,
            "build_points": build,
            "skills": lists[combo],
            "type_fit": fit,
        }
    )
    starts = np.searchsorted(need, np.arange(len(needs) + 1))
    none = _no_candidates()
    frames = [
        found.iloc[a:b].reset_index(drop=True) if b > a else none.copy()
        for a, b in zip(starts[:-1], starts[1:], strict=True)
    ]
    return frames, counts


def _no_candidates() -> pd.DataFrame:
    """The frame of a need no partner could meet."""
    return pd.DataFrame([], columns=_CANDIDATE_COLUMNS).reset_index(drop=True)


def candidates(
    need, partners: pd.DataFrame, builds: pd.DataFrame, min_score: float
) -> pd.DataFrame:
    """The partners that could meet ``need`` (one row of ``development_needs``), best first,
    with ``partner_id``, ``partner``, ``status``, ``score``, ``build_points``, ``skills``
    (the skills wanted it lists) and ``type_fit``. ``builds`` are the builds at the as-of
    date. See the module docstring for the rule."""
    one = pd.DataFrame([need._asdict() if hasattr(need, "_asdict") else dict(need)])
    return _all_candidates(one, partners, builds, min_score)[0][0]


#: Candidates kept per need in the register (``best``); ``matches`` counts them all.
CANDIDATES_KEPT = 10


def match_needs(
    needs: pd.DataFrame,
    partners: pd.DataFrame,
    builds: pd.DataFrame,
    as_of: pd.Timestamp,
    min_score: float = 2,
) -> pd.DataFrame:
    """The register at ``as_of`` with its matches: every need (:func:`needs_at`) with
    ``need_id``, ``need``, ``area``, ``component_id``, ``skills`` (list), ``status``,
    ``chosen`` (the chosen partner's name; missing: none), ``estimated_cost``, ``open``,
    ``needs_partner``, ``matches`` (how many partners could meet it; missing for a need not
    open) and ``best`` (the first :data:`CANDIDATES_KEPT` rows of the :func:`candidates`
    frame; candidates listing the same skills share one ``skills`` list). Open needs first
    (those needing a partner first), then in the order given. All needs are matched in one
    pass: only the pairs of a need and a partner that share a skill or a build on the need's
    component are formed (never every need against every partner)."""
    current = needs_at(needs, as_of)
    live = builds_at(builds, as_of)
    live = live[live["status"].isin(BUILDING)]
    names = partners.set_index("partner_id")["name"]
    open_ = ~current["status"].isin(CLOSED)
    best, counts = _all_candidates(current[open_], partners, live, min_score, CANDIDATES_KEPT)
    found_of = dict(zip(current.index[open_], zip(best, counts, strict=True), strict=True))
    rows = []
    for i, n in zip(current.index, current.itertuples(index=False), strict=True):
        is_open = n.status not in CLOSED
        chosen = names.get(n.partner_id) if isinstance(n.partner_id, str) else None
        found, count = found_of.get(i, (None, float("nan")))
        rows.append(
            {
                "need_id": n.need_id,
                "need": n.need,
                "area": n.area,
                "component_id": n.component_id,
                "skills": skills_of(n.skills),
                "status": n.status,
                "chosen": chosen,
                "estimated_cost": n.estimated_cost,
                "open": is_open,
                "needs_partner": is_open and chosen is None,
                "matches": count,
                "best": found,
                "owner": n.owner,
            }
        )
    out = pd.DataFrame(rows, columns=[*_NEED_COLUMNS])
    if out.empty:
        return out
    order = (~out["open"]).astype(int) * 2 + (~out["needs_partner"]).astype(int)
    return out.loc[order.sort_values(kind="stable").index].reset_index(drop=True)


_NEED_COLUMNS = (
    "need_id",
    "need",
    "area",
    "component_id",
    "skills",
    "status",
    "chosen",
    "estimated_cost",
    "open",
    "needs_partner",
    "matches",
    "best",
    "owner",
)


def needs_summary(matched: pd.DataFrame) -> dict:
    """The register's figures: ``needs`` (at the as-of date), ``open``, ``needs_partner``,
    ``unmatched`` (needing a partner and no partner could meet it), ``matched`` (needing a
    partner and at least one could), ``open_cost`` (estimated cost of the open needs that
    carry one), ``open_cost_known`` / ``open_cost_unknown`` (how many open needs carry an
    estimate / do not) and ``unmatched_ids``."""
    # .loc with a boolean mask: an empty register's object-typed column is no column list
    open_ = matched.loc[matched["open"].astype(bool)]
    needing = matched.loc[matched["needs_partner"].astype(bool)]
    unmatched = needing[needing["matches"] == 0]
    costs = pd.to_numeric(open_["estimated_cost"], errors="coerce")
    return {
        "needs": len(matched),
        "open": len(open_),
        "needs_partner": len(needing),
        "unmatched": len(unmatched),
        "matched": len(needing) - len(unmatched),
        "open_cost": float(costs.sum()) if costs.notna().any() else float("nan"),
        "open_cost_known": int(costs.notna().sum()),
        "open_cost_unknown": int(costs.isna().sum()),
        "unmatched_ids": list(unmatched["need_id"]),
    }
