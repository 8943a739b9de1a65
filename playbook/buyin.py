"""Trend 4 — organisation buy-in: checklist, channel personnel, personas, org-unit metrics.

Everything is computed **as of** the as-of date: what is dated after it does not exist yet, and
what was due before it and not done by then is overdue. :func:`definitions` words the definitions
below for the report ("How these figures are defined"), with the thresholds of the run.

Definitions
-----------
* **Checklist**: the playbook's default channel-management checklist (:data:`DEFAULT_CHECKLIST`)
  merged with the client's ``checklist`` table: a client row with a default item's id gives that
  item's status, owner and dates; a client row with a new id extends the list. The default items
  were written for this playbook: the report's trend 4 asks for "a Channel Management Checklist"
  but lists no items, so each default item turns a point the report makes into a task (sign-off
  of the program structure and targets, trends 4 and 5; compensation and sales training, the
  program being "an integrated part of the overall Business Development and Sales Organization",
  trend 4; attribution, portal and quarterly analytics, trends 5, 6 and 7; partner agreement and
  IP terms, trend 6's principles; certification path, trends 1 and 5; starter kit, trend 3).
  A default item the client has not recorded counts as ``not_started`` (it is on the playbook's
  list and the client has no record of doing it); the findings say how many there are. When the
  client supplied no checklist at all, nothing is known about progress: completion and overdue
  figures are missing ("—"), never 0 %.
* **Status at the as-of date** (:func:`status_at`): an item marked ``done`` is done when its
  ``completed_date`` is on or before the as-of date (completed *on* the as-of date counts as
  done) or blank (nothing dates it later). An item marked ``done`` but completed *after* the
  as-of date was not done yet at the as-of date: it counts as ``in_progress`` (it was being worked
  towards completion; when work started is not recorded). ``in_progress`` and ``not_started``
  count as recorded.
* **Completion** of a group of items (category, owner, whole list): items done at the as-of date
  ÷ all items of the group. **Overdue**: not done at the as-of date and ``due_date`` strictly
  before it (an item due on the as-of date is not overdue yet). An item without a due date cannot
  be overdue; the findings count open items without one, and when no open item has a due date the
  overdue count is missing, not 0.
* **Team competency** (:func:`personnel`): program staff (people with a role; a person
  without one, e.g. a sales rep of the CRM's hierarchy, is not counted) on board at the as-of
  date (``start_date`` blank or on or before it, ``end_date`` blank or on or after it). Team
  mean per skill (score 0–5) over the people with a score; a **gap** where that mean is below
  ``target`` (:data:`SKILL_TARGET`); a person is flagged on a skill scored below ``low``
  (:data:`SKILL_LOW`). A skill nobody scored has no mean: it is "not scored", neither a gap nor
  "no gap"; when nobody was scored at all, no competency finding is made.
* **Org-unit metrics** (:func:`org_unit_metrics`) over the window ``[start, end]`` (``end`` is the
  as-of date), for the partner types the profile gives the unit:

  - *program members* = partners with status ``active`` whose ``start_date`` is blank or on or
    before ``end`` (as "active partners" in :mod:`playbook.analytics`);
  - *certified partners* (the report's "Number of Certified Integrators", profile target key
    ``certified_integrators``) = program members at certification level :data:`CERTIFIED_FROM`
    or above, **of every type the unit owns** (the Technology unit counts certified ISVs and
    platforms). Decision: the report uses "integrators" for partners that integrate with our
    product — trend 1 "Have your Partner create an application that binds their product to
    yours. The ISV certifies it", trend 3 "enable integrators to build new code" on our
    platform — and gives both org units, Technology and Business Development, the same metric;
    counting only partners of type ``integrator`` would make it zero by construction for a unit
    that owns no integrators. The label therefore says "certified partners". A blank
    certification level is not counted as certified; when no member has a level at all the
    count is missing (unknown), not 0;
  - *revenue via referrals* = amount of won partner-sourced deals closed in the window;
  - *influenced revenue* = amount of won partner-influenced deals closed in the window.
* **RAG status** (:func:`rag`): attainment = actual ÷ target; green at or above ``green_at``
  (:data:`GREEN_AT`), amber at or above ``amber_at`` (:data:`AMBER_AT`), red below. A metric
  whose actual is missing (its data not supplied) is "unknown" and, like one whose target the
  profile does not set (or sets to 0) ("no target"), has no colour and is
  not counted in "N of M metrics with a target are red"; with no target at all no RAG finding is
  made.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import Attribution, active_at, won_partner_deals
from playbook.profile import OrgUnit
from playbook.schema import CERTIFICATION_SCORE, NOT_APPLICABLE, TaskStatus
from playbook.staff import program_staff


class Rag(StrEnum):
    """RAG status of an org-unit metric (see module docstring)."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_TARGET = "no target"
    UNKNOWN = "unknown"


#: Attainment (actual ÷ target) at or above which a metric is green (notebook ``green_at``).
GREEN_AT = 1.0
#: Attainment at or above which a metric is amber, below it red (notebook ``amber_at``).
AMBER_AT = 0.8
#: Team mean score (0–5) below which a skill is a competency gap (notebook ``skill_target``).
SKILL_TARGET = 3.0
#: Score (0–5) below which a person is flagged on a skill (notebook ``skill_low``).
SKILL_LOW = 2.0
#: Lowest certification level (``partners.certification_level``) counted as certified.
CERTIFIED_FROM = "certified"

#: The playbook's default checklist: ``(item_id, category, task)``; where the items come from is
#: in the module docstring.
DEFAULT_CHECKLIST = (
    ("CM01", "Strategy", "Write a one-page program charter: why we partner and with whom"),
    ("CM02", "Strategy", "Agree the partner types and tiers the program serves"),
    ("CM03", "Strategy", "Set yearly targets per org unit and get them signed off"),
    ("CM04", "People", "Name a channel manager for every area"),
    ("CM05", "People", "Align compensation so direct sales gain from partner deals"),
    ("CM06", "People", "Train the sales team on selling with partners"),
    ("CM07", "Process", "Publish a deal-registration process with response times"),
    ("CM08", "Process", "Use one onboarding checklist for every new partner"),
    ("CM09", "Process", "Agree rules for channel conflict and how they are settled"),
    ("CM10", "Systems", "Record partner attribution (sourced / influenced) in the CRM"),
    ("CM11", "Systems", "Give partners a portal with directory, training and deal registration"),
    ("CM12", "Systems", "Report program analytics to leadership every quarter"),
    ("CM13", "Legal", "Have a standard partner agreement ready to sign"),
    ("CM14", "Legal", "Have IP-protection and confidentiality terms ready"),
    ("CM15", "Enablement", "Offer a certification path on our products"),
    ("CM16", "Enablement", "Ship a starter kit for technical partners"),
)
SKILLS = (
    "skill_recruiting",
    "skill_enablement",
    "skill_technical",
    "skill_joint_selling",
    "skill_analytics",
)
#: Org-unit metrics: profile target key and the label shown (see the module docstring for why
#: ``certified_integrators`` is labelled "certified partners").
METRICS = (
    ("program_members", "Number of partner program members"),
    ("certified_integrators", "Number of certified partners (all the unit's partner types)"),
    ("referral_revenue", "Revenue generated via referrals"),
    ("influenced_revenue", "Revenue influenced"),
)


def default_checklist() -> pd.DataFrame:
    """The playbook's default channel-management checklist: ``item_id``, ``category``, ``task``."""
    return pd.DataFrame(DEFAULT_CHECKLIST, columns=["item_id", "category", "task"])


def status_at(status: pd.Series, completed: pd.Series, as_of) -> pd.Series:
    """Each item's status at ``as_of`` (see module docstring): ``done`` completed after the as-of
    date becomes ``in_progress``; completed on or before it, or without a date, stays ``done``."""
    completed = pd.to_datetime(completed)
    later = (status == TaskStatus.DONE) & completed.notna() & (completed > pd.Timestamp(as_of))
    return status.mask(later, TaskStatus.IN_PROGRESS)


def merged_checklist(client: pd.DataFrame, as_of) -> pd.DataFrame:
    """The default checklist merged with the client's rows, as of ``as_of``.

    ``status`` is the status at the as-of date (:func:`status_at`), ``recorded_status`` the one
    in the client's table; ``recorded`` is true for items the client has a row for; ``overdue``
    flags items not done at the as-of date and due before it. An item the client marked
    ``not_applicable`` is not on its list: left out of every count.
    """
    as_of = pd.Timestamp(as_of)
    cols = ["item_id", "category", "task", "owner", "due_date", "status", "completed_date"]
    client = client[cols] if len(client) else pd.DataFrame(columns=cols)
    dropped = client.loc[client["status"] == NOT_APPLICABLE, "item_id"]
    client = client[client["status"] != NOT_APPLICABLE]
    base = default_checklist()
    recorded = client.set_index("item_id")
    out = base.set_index("item_id").join(recorded.drop(columns=["category", "task"]), how="left")
    extra = recorded.loc[~recorded.index.isin(base["item_id"])]
    out = pd.concat([out, extra]).reset_index(names="item_id")
    out = out[~out["item_id"].isin(dropped)].reset_index(drop=True)
    out["recorded"] = out["item_id"].isin(recorded.index)
    out["recorded_status"] = out["status"]
    out["status"] = status_at(
        out["status"].fillna(TaskStatus.NOT_STARTED), out["completed_date"], as_of
    )
    out["source"] = np.where(out["item_id"].isin(base["item_id"]), "default", "client")
    due = pd.to_datetime(out["due_date"])
    out["overdue"] = (out["status"] != TaskStatus.DONE) & due.notna() & (due < as_of)
    return out


def completion(items: pd.DataFrame, by: str) -> pd.DataFrame:
    """Items, done, in progress, overdue and completion share per ``by`` (category / owner), all
    at the as-of date of :func:`merged_checklist`."""
    keys = items[by].fillna("(no owner)" if by == "owner" else "(none)")
    g = items.groupby(keys)
    out = pd.DataFrame(
        {
            "items": g.size(),
            "done": g["status"].apply(lambda s: (s == TaskStatus.DONE).sum()),
            "in_progress": g["status"].apply(lambda s: (s == TaskStatus.IN_PROGRESS).sum()),
            "overdue": g["overdue"].sum(),
        }
    )
    out["completion"] = out["done"] / out["items"]
    return out.sort_values("completion").rename_axis(by)


def on_board(staff: pd.DataFrame, as_of) -> pd.DataFrame:
    """Staff in the program at ``as_of``: started on or before it (or no start date) and not left
    before it (no end date, or ending on or after it)."""
    as_of = pd.Timestamp(as_of)
    start = pd.to_datetime(staff["start_date"])
    end = pd.to_datetime(staff["end_date"])
    return staff[(start.isna() | (start <= as_of)) & (end.isna() | (end >= as_of))]


def _low_skills(scores: pd.DataFrame, low: float) -> pd.Series:
    """Per person, the skills scored below ``low`` ("joint_selling, analytics"), worked out once
    per pattern of low skills rather than once per person."""
    below = (scores[list(SKILLS)].notna() & (scores[list(SKILLS)] < low)).to_numpy(dtype=bool)
    bits = below @ (1 << np.arange(len(SKILLS)))
    codes, first = np.unique(bits, return_inverse=True)
    texts = [
        ", ".join(s.removeprefix("skill_") for k, s in enumerate(SKILLS) if (code >> k) & 1)
        for code in codes
    ]
    return pd.Series(np.array(texts, dtype=object)[first.reshape(-1)], index=scores.index)


def personnel(
    staff: pd.DataFrame, as_of, target: float = SKILL_TARGET, low: float = SKILL_LOW
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-person competency scores with their mean, and per-skill team mean with gap flags, for
    staff on board at ``as_of`` (:func:`on_board`).

    ``gap`` and ``people_below`` are missing (``<NA>``) for a skill nobody scored.
    """
    people = on_board(program_staff(staff), as_of)
    people = people[["staff_id", "name", "role", "area", *SKILLS]].copy()
    scores = people[list(SKILLS)]
    people["mean"] = scores.mean(axis=1)
    people["low_skills"] = _low_skills(scores, low)
    scored = scores.count()
    unscored = (scored == 0).to_numpy()
    team = pd.DataFrame(
        {
            "team_mean": scores.mean(),
            "scored": scored,
            "people_below": (scores < low).sum().astype("Int64").mask(unscored),
            "gap": (scores.mean() < target).astype("boolean").mask(unscored),
        }
    )
    team.index = [s.removeprefix("skill_") for s in team.index]
    return people, team


def org_unit_metrics(
    units: list[OrgUnit],
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    start,
    end,
    green_at: float = GREEN_AT,
    amber_at: float = AMBER_AT,
) -> pd.DataFrame:
    """Actual vs target with RAG status for every org unit and metric (one row each); ``end`` is
    the as-of date. Definitions in the module docstring."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    active = partners[active_at(partners, end)]
    won = won_partner_deals(deals, start, end).merge(
        partners[["partner_id", "type"]], on="partner_id", how="left"
    )
    rows = []
    for unit in units:
        mine = active[active["type"].isin(unit.partner_types)]
        unit_won = won[won["type"].isin(unit.partner_types)]
        cert = mine["certification_level"].map(CERTIFICATION_SCORE)
        actual = {
            "program_members": len(mine),
            # No member with a known level: the count is unknown, not 0 (a blank is no zero).
            "certified_integrators": (
                np.nan
                if len(mine) and cert.isna().all()
                else int((cert >= CERTIFICATION_SCORE[CERTIFIED_FROM]).sum())
            ),
            "referral_revenue": float(
                unit_won.loc[unit_won["attribution"] == Attribution.SOURCED, "amount"].sum()
            ),
            "influenced_revenue": float(
                unit_won.loc[unit_won["attribution"] == Attribution.INFLUENCED, "amount"].sum()
            ),
        }
        for key, label in METRICS:
            target = getattr(unit.targets, key)
            rows.append(
                {
                    "org_unit": unit.name,
                    "metric": key,
                    "label": label,
                    "actual": actual[key],
                    "target": target,
                    "attainment": actual[key] / target if target else np.nan,
                    "status": rag(actual[key], target, green_at, amber_at),
                }
            )
    return pd.DataFrame(rows)


def rag(
    actual: float,
    target: float | None,
    green_at: float = GREEN_AT,
    amber_at: float = AMBER_AT,
) -> str:
    """``green`` / ``amber`` / ``red`` by attainment (actual ÷ target); ``no target``;
    ``unknown`` when the actual is missing (its data was not supplied)."""
    if target is None or pd.isna(target) or target == 0:
        return Rag.NO_TARGET
    if pd.isna(actual):
        return Rag.UNKNOWN
    attainment = actual / target
    if attainment >= green_at:
        return Rag.GREEN
    return Rag.AMBER if attainment >= amber_at else Rag.RED
