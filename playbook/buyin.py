"""Trend 4 — organisation buy-in: checklist, channel personnel, personas, org-unit metrics.

Definitions
-----------
* **Checklist**: the shipped default channel-management checklist (:data:`DEFAULT_CHECKLIST`)
  merged with the client's ``checklist`` table: a client row with a default item's id gives that
  item's status, owner and dates; a client row with a new id extends the list; a default item
  the client never recorded counts as ``not_started``.
* **Completion** of a group of items: items ``done`` ÷ items. **Overdue**: not ``done`` and
  ``due_date`` before the as-of date.
* **Competency gap**: a skill whose team mean (program staff with a score) is below the target,
  or a person scoring below ``low`` on a skill.
* **Org-unit metrics** over the window ``[start, end]``, for the partner types the profile gives
  the unit: *program members* = active partners; *certified integrators* = active partners at
  certification level ``certified`` or above; *revenue via referrals* = amount of won
  partner-sourced deals closed in the window; *influenced revenue* = amount of won
  partner-influenced deals closed in the window.
* **RAG status**: attainment = actual ÷ target; green at or above ``green_at``, amber at or above
  ``amber_at``, red below; "no target" where the profile sets none.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import Attribution, won_partner_deals
from playbook.formatting import fmt_int, fmt_money, fmt_percent
from playbook.profile import OrgUnit
from playbook.results import TrendResult
from playbook.schema import CERTIFICATION_SCORE, TaskStatus


class Rag(StrEnum):
    """RAG status of an org-unit metric (see module docstring)."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_TARGET = "no target"


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
METRICS = (
    ("program_members", "Number of partner program members"),
    ("certified_integrators", "Number of certified integrators"),
    ("referral_revenue", "Revenue generated via referrals"),
    ("influenced_revenue", "Revenue influenced"),
)


def default_checklist() -> pd.DataFrame:
    """The shipped channel-management checklist: ``item_id``, ``category``, ``task``."""
    return pd.DataFrame(DEFAULT_CHECKLIST, columns=["item_id", "category", "task"])


def merged_checklist(client: pd.DataFrame, as_of) -> pd.DataFrame:
    """The default checklist merged with the client's rows, with an ``overdue`` flag."""
    as_of = pd.Timestamp(as_of)
    cols = ["item_id", "category", "task", "owner", "due_date", "status", "completed_date"]
    client = client[cols] if len(client) else pd.DataFrame(columns=cols)
    base = default_checklist()
    recorded = client.set_index("item_id")
    out = base.set_index("item_id").join(recorded.drop(columns=["category", "task"]), how="left")
    extra = recorded.loc[~recorded.index.isin(base["item_id"])]
    out = pd.concat([out, extra]).reset_index(names="item_id")
    out["status"] = out["status"].fillna(TaskStatus.NOT_STARTED)
    out["source"] = np.where(out["item_id"].isin(base["item_id"]), "default", "client")
    due = pd.to_datetime(out["due_date"])
    out["overdue"] = (out["status"] != TaskStatus.DONE) & due.notna() & (due < as_of)
    return out


def completion(items: pd.DataFrame, by: str) -> pd.DataFrame:
    """Items, done, in progress, overdue and completion share per ``by`` (category / owner)."""
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


def personnel(
    staff: pd.DataFrame, target: float = 3, low: float = 2
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-person competency scores with their mean, and per-skill team mean with gap flags."""
    people = staff[["staff_id", "name", "role", "area", *SKILLS]].copy()
    people["mean"] = people[list(SKILLS)].mean(axis=1)
    people["low_skills"] = people[list(SKILLS)].apply(
        lambda r: ", ".join(
            s.removeprefix("skill_") for s in SKILLS if pd.notna(r[s]) and r[s] < low
        ),
        axis=1,
    )
    team = pd.DataFrame(
        {
            "team_mean": people[list(SKILLS)].mean(),
            "scored": people[list(SKILLS)].count(),
            "people_below": (people[list(SKILLS)] < low).sum(),
        }
    )
    team["gap"] = team["team_mean"] < target
    team.index = [s.removeprefix("skill_") for s in team.index]
    return people, team


def org_unit_metrics(
    units: list[OrgUnit],
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    start,
    end,
    green_at: float = 1.0,
    amber_at: float = 0.8,
) -> pd.DataFrame:
    """Actual vs target with RAG status for every org unit and metric (one row each)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    active = partners[partners["status"] == "active"]
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
            "certified_integrators": int((cert >= CERTIFICATION_SCORE["certified"]).sum()),
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


def rag(actual: float, target: float | None, green_at: float = 1.0, amber_at: float = 0.8) -> str:
    """``green`` / ``amber`` / ``red`` by attainment (actual ÷ target); ``no target``."""
    if target is None or pd.isna(target) or target == 0:
        return Rag.NO_TARGET
    attainment = actual / target
    if attainment >= green_at:
        return Rag.GREEN
    return Rag.AMBER if attainment >= amber_at else Rag.RED


# --------------------------------------------------------------------------- report views


def completion_view(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`completion` table, formatted, with readable headers."""
    out = table.reset_index()
    out["completion"] = table["completion"].map(fmt_percent).to_numpy()
    return out.rename(
        columns={
            "category": "Category",
            "owner": "Owner",
            "items": "Items",
            "done": "Done",
            "in_progress": "In progress",
            "overdue": "Overdue",
            "completion": "Completion",
        }
    )


def overdue_view(items: pd.DataFrame, as_of) -> pd.DataFrame:
    """Overdue checklist items, most days late first, with readable headers."""
    late = items[items["overdue"]].copy()
    late["days_late"] = (pd.Timestamp(as_of) - pd.to_datetime(late["due_date"])).dt.days
    late["due_date"] = pd.to_datetime(late["due_date"]).dt.date.astype(str)
    return late.sort_values("days_late", ascending=False)[
        ["item_id", "category", "task", "owner", "due_date", "status", "days_late"]
    ].rename(
        columns={
            "item_id": "Item",
            "category": "Category",
            "task": "Task",
            "owner": "Owner",
            "due_date": "Due",
            "status": "Status",
            "days_late": "Days late",
        }
    )


def org_view(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Org-unit metrics (:func:`org_unit_metrics`), formatted; revenue in ``currency``."""

    def value(key, v):
        if v is None or pd.isna(v):
            return "—"
        return fmt_money(v, currency) if key.endswith("revenue") else fmt_int(v)

    out = pd.DataFrame(
        {
            "Org unit": table["org_unit"],
            "Metric": table["label"],
            "Actual": [value(k, v) for k, v in zip(table["metric"], table["actual"], strict=True)],
            "Target": [value(k, v) for k, v in zip(table["metric"], table["target"], strict=True)],
            "Attainment": table["attainment"].map(fmt_percent),
            "Status": table["status"].str.upper(),
        }
    )
    return out


def summarise(
    *, items: pd.DataFrame, team: pd.DataFrame | None, org: pd.DataFrame | None
) -> TrendResult:
    """What trend 4 concludes: findings, figures for ``results.json`` and the summary headline.

    ``items`` from :func:`merged_checklist`, ``team`` the second result of :func:`personnel`,
    ``org`` from :func:`org_unit_metrics`; ``None`` for a part not computed.
    """
    return TrendResult(
        findings=_findings(items, team, org),
        figures=_figures(items, team, org),
        headline=_headline(items, org),
    )


def _findings(
    items: pd.DataFrame | None, team: pd.DataFrame | None, org: pd.DataFrame | None
) -> list[str]:
    out = []
    if items is not None:
        done = (items["status"] == TaskStatus.DONE).mean()
        out.append(
            f"Channel checklist {fmt_percent(done)} done; "
            f"{int(items['overdue'].sum())} item(s) overdue."
        )
    if team is not None:
        gaps = list(team.index[team["gap"]])
        out.append(
            "Team competency gaps: " + ", ".join(gaps) + "."
            if gaps
            else "No team competency below target."
        )
    if org is not None and len(org):
        red = org[org["status"] == Rag.RED]
        out.append(
            f"{len(red)} of {len(org)} org-unit metrics are red"
            + (
                ": " + "; ".join(f"{r.org_unit} {r.label.lower()}" for r in red.itertuples())
                if len(red)
                else ""
            )
            + "."
        )
    return out


def team_view(team: pd.DataFrame) -> pd.DataFrame:
    """Team competency per skill (:func:`personnel`), formatted, gaps flagged."""
    out = team.reset_index(names="Skill")
    out["Skill"] = out["Skill"].str.removeprefix("skill_").str.replace("_", " ").str.capitalize()
    out["team_mean"] = team["team_mean"].map(lambda v: "—" if pd.isna(v) else f"{v:.2f}").to_numpy()
    out["gap"] = team["gap"].map(lambda g: "gap" if g else "").to_numpy()
    return out.rename(
        columns={
            "team_mean": "Team mean",
            "scored": "People scored",
            "people_below": "People below the low mark",
            "gap": "Gap",
        }
    )


def _figures(items, team, org) -> dict:
    """Machine-readable key figures for ``results.json``."""
    out = {
        "checklist_done": int((items["status"] == TaskStatus.DONE).sum()),
        "checklist_items": len(items),
        "checklist_overdue": int(items["overdue"].sum()),
    }
    if team is not None:
        out["skill_gaps"] = list(team.index[team["gap"]])
    if org is not None:
        out["org_units"] = {
            f"{r.org_unit}/{r.metric}": {"actual": r.actual, "target": r.target, "status": r.status}
            for r in org.itertuples()
        }
    return out


def _headline(items, org) -> dict[str, str]:
    out = {
        "Checklist done": fmt_percent((items["status"] == TaskStatus.DONE).mean()),
        "Overdue items": str(int(items["overdue"].sum())),
    }
    if org is not None and len(org):
        out["Red metrics"] = f"{int((org['status'] == Rag.RED).sum())} of {len(org)}"
    return out


def competency_matrix(people: pd.DataFrame) -> pd.DataFrame:
    """Scores per person (rows "name (role)") and skill (columns without the prefix)."""
    frame = people[list(SKILLS)].rename(
        columns=lambda c: c.removeprefix("skill_").replace("_", " ")
    )
    frame.index = [f"{n} ({r})" for n, r in zip(people["name"], people["role"], strict=True)]
    return frame
