"""Shared concepts of the staff table, defined once for every trend and the fill rules.

The staff table may hold two kinds of people: the partner-program team (channel managers,
alliance leads, technical and marketing people, program managers — each with a ``role``) and,
from a CRM, the sales hierarchy (deal owners, their managers, their areas), who have no program
role. Only the first kind is *program staff*.

Definitions
-----------
* **Program staff**: a person with a ``role`` (:func:`is_program_staff`). A person whose role is
  blank — a sales rep or sales manager from the CRM's hierarchy, or a person derived from
  ``deals.owner_id`` — is placed in the drill-down universe → area → manager but never counted
  in program headcount (05), team competency (04) or the share of staff trained (07).
* **Place of a deal in the CRM hierarchy** (:func:`placed_by_owner`): the owner's area, and
  the owner's manager or, without one, the owner.
* **FTE of a program person**: ``staff.fte``; blank counts as :data:`DEFAULT_FTE` (full time), a
  stated default reported by ``playbook check`` and in every report's notes on the data. A
  person listed in a program role with no FTE stated is taken to work on the program full time;
  the report names who it applies to so a consultant can correct it.
"""

from __future__ import annotations

import pandas as pd

#: A blank ``staff.fte`` of a program person counts as this many FTE (full time).
DEFAULT_FTE = 1.0


def is_program_staff(staff: pd.DataFrame) -> pd.Series:
    """True for each person with a program ``role`` (blank role: not program staff)."""
    if "role" not in staff:
        return pd.Series(False, index=staff.index, dtype=bool)
    return staff["role"].notna().astype(bool)


def program_staff(staff: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``staff`` that are program staff (:func:`is_program_staff`)."""
    return staff[is_program_staff(staff)]


def placed_by_owner(deals: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """``deals`` with the ``area`` and ``manager_id`` of the CRM hierarchy, through each deal's
    owner (``deals.owner_id``) in ``staff``: **area** = the owner's ``area``; **manager** = the
    owner's ``manager_id``, or the owner themself when they have no manager (a sales manager
    owning a deal, or a flat team). Both blank for a deal without an owner or whose owner is
    not in ``staff``; the area alone is blank for an owner without one."""
    people = staff.drop_duplicates("staff_id").set_index("staff_id")
    owner = deals["owner_id"].astype("object")
    known = owner.where(owner.isin(people.index))
    area = known.map(people["area"]).astype("object")
    manager = known.map(people["manager_id"]).astype("object").fillna(known)
    return deals.assign(area=area, manager_id=manager)


def manager_names(partners: pd.DataFrame, staff: pd.DataFrame | None) -> pd.Series:
    """Partner id → the name of its partner manager (``partners.manager_id`` in ``staff``; the
    staff id when the person has no name or no staff table was supplied); "" for a partner
    without a manager on record. The owner of a partner's items in the action plan."""
    ids = (
        partners["manager_id"]
        if "manager_id" in partners
        else pd.Series(None, index=partners.index, dtype=object)
    )
    names = pd.Series(dtype=object)
    if staff is not None and len(staff) and "name" in staff:
        people = staff.drop_duplicates("staff_id").set_index("staff_id")["name"]
        names = people[people.astype("string").str.strip().fillna("") != ""]
    named = ids.map(names)
    out = named.where(named.notna(), ids).where(ids.notna(), "")
    return pd.Series(out.map(str).to_numpy(), index=partners["partner_id"].to_numpy(), dtype=object)
