"""Trend 7 — up and down the ecosystem stack: where each partner sits relative to us, and which
of us is the shark there.

Definitions
-----------
* **Stack position** (``partners.stack_position``, set by the client): *above* us — the
  partner's product or service is built on ours, or sells and implements ours (apps on our
  platform, integrators, resellers); *below* us — ours is built on or runs on the partner's
  (a cloud, database or infrastructure platform); *beside* us — a peer product at our level
  that complements ours. A partner without a position is *not placed*.
* **Positions** (:func:`positions`): per position, the active partners and the candidates
  (counted and named) — so a program that only grows in one direction shows it.
* **Both directions** (:func:`both_directions`): true when at least one active partner sits
  above us and one below: the seed report asks the shark-or-remora question "both up and down"
  the stack.
* **Shark or remora by position** (:func:`shark_by_position`): active partners counted per
  stack position and shark-or-remora outcome (:func:`playbook.landscape.position`).
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import CELL_NAMES, name_list
from playbook.landscape import Position
from playbook.schema import STACK_POSITIONS

#: The row of a partner whose stack position is blank.
NOT_PLACED = "not_placed"
#: Rows in reading order: above, below, beside, then not placed.
ORDER = (*STACK_POSITIONS, NOT_PLACED)


def _placed(partners: pd.DataFrame) -> pd.Series:
    return (
        partners["stack_position"]
        .astype(object)
        .where(partners["stack_position"].notna(), NOT_PLACED)
    )


def positions(partners: pd.DataFrame) -> pd.DataFrame:
    """One row per stack position (:data:`ORDER`; *not placed* only when someone is): ``active``
    and ``candidates`` (counts) and their names (``active_names``, ``candidate_names``).
    Inactive partners are left out."""
    p = partners[partners["status"].isin(["active", "candidate"])]
    where = _placed(p)
    rows = []
    for pos in ORDER:
        here = p[where == pos]
        if pos == NOT_PLACED and not len(here):
            continue
        active = here.loc[here["status"] == "active", "name"]
        cands = here.loc[here["status"] == "candidate", "name"]
        rows.append(
            {
                "position": pos,
                "active": len(active),
                "candidates": len(cands),
                "active_names": name_list(sorted(active), CELL_NAMES),
                "candidate_names": name_list(sorted(cands), CELL_NAMES),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["position", "active", "candidates", "active_names", "candidate_names"],
    )


def both_directions(table: pd.DataFrame) -> bool:
    """True when :func:`positions` has an active partner above us and one below us."""
    active = table.set_index("position")["active"]
    return bool(active.get("above", 0) > 0 and active.get("below", 0) > 0)


def shark_by_position(partners: pd.DataFrame, shark: pd.DataFrame) -> pd.DataFrame:
    """Active partners counted per stack position (rows, :data:`ORDER`, only those with a
    partner) and shark-or-remora outcome (columns, in :class:`~playbook.landscape.Position`
    order); ``shark`` is :func:`playbook.landscape.shark_or_remora`."""
    active = partners[partners["status"] == "active"]
    where = _placed(active).set_axis(active["partner_id"].to_numpy())
    outcome = shark.set_index("partner_id")["position"].astype(str)
    frame = pd.DataFrame({"stack": where, "outcome": outcome.reindex(where.index)})
    frame["outcome"] = frame["outcome"].fillna(str(Position.NOT_SCORED))
    counts = pd.crosstab(frame["stack"], frame["outcome"])
    rows = [p for p in ORDER if p in counts.index]
    return counts.reindex(index=rows, columns=[str(p) for p in Position], fill_value=0)
