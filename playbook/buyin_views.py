"""Trend 4 — organisation buy-in: the report views of :mod:`playbook.buyin`.

Display-ready tables (checklist completion, overdue items, org-unit metrics, team competency)
and the report's "How these figures are defined" list; the numbers and their definitions come
from :mod:`playbook.buyin`.
"""

from __future__ import annotations

import pandas as pd

from playbook.buyin import (
    AMBER_AT,
    CERTIFIED_FROM,
    DEFAULT_CHECKLIST,
    GREEN_AT,
    SKILL_LOW,
    SKILL_TARGET,
    SKILLS,
    default_checklist,
)
from playbook.buyin_summary import overdue
from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.labels import label, label_values, told_apart

#: What the competency section says when the staff table lists no program staff on board.
NO_PROGRAM_STAFF = (
    "Team competency: nobody in the staff list works in the partner program at the as-of date. "
    "A person counts when the role column of the staff file gives their program role (Channel "
    "manager, Alliance lead, Technical, Marketing or Program manager); people from the CRM's "
    "sales hierarchy and deal owners have none."
)


def definitions(
    green_at: float = GREEN_AT,
    amber_at: float = AMBER_AT,
    skill_target: float = SKILL_TARGET,
    skill_low: float = SKILL_LOW,
) -> list[str]:
    """ "How these figures are defined": the module docstring's definitions in a report's words,
    with the thresholds of this run."""
    return [
        f"Checklist: the playbook's {len(DEFAULT_CHECKLIST)} standard items (written for this "
        "playbook: the report asks for a channel-management checklist but lists no items) plus "
        "the client's own items; a standard item the client has not recorded counts as not "
        "started. Without a checklist, completion is not assessed.",
        "Status at the as-of date: done when completed on or before the as-of date (or marked "
        "done without a date); an item marked done but completed after the as-of date counts as "
        "in progress. Overdue: not done at the as-of date and due before it; an item without a "
        "due date cannot be overdue.",
        "Completion: items done at the as-of date ÷ all items of the group.",
        f"Team competency: mean score (0–5) of the program staff in post at the as-of date who "
        f"were scored; a gap below {skill_target:g}; the low mark for a person is "
        f"{skill_low:g}. A skill nobody scored is 'not scored', not a gap.",
        "Org-unit metrics, for the partner types each unit owns: program members = active "
        "partners started by the as-of date; certified partners = those certified at level "
        f"{label(CERTIFIED_FROM)} or above, of every type the unit owns (the report's 'certified "
        "integrators'); revenue via referrals = won partner-sourced deals and revenue "
        "influenced = won partner-influenced deals, closed in the reporting window.",
        f"Red, amber, green: attainment = actual ÷ target; green at {fmt_percent(green_at)} or "
        f"more, amber at {fmt_percent(amber_at)} or more, red below. A metric without a target "
        "is 'no target' and is not counted among the rated metrics.",
    ]


# --------------------------------------------------------------------------- report views


def completion_view(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`completion` table, formatted, with readable headers."""
    out = table.reset_index()
    key = out.columns[0]
    out[key] = out[key].replace({"(no owner)": "No owner recorded", "(none)": "No category"})
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


def default_checklist_view() -> pd.DataFrame:
    """The default checklist (:func:`default_checklist`) with readable headers, no status."""
    return default_checklist().rename(
        columns={"item_id": "Item", "category": "Category", "task": "Task"}
    )


def overdue_view(items: pd.DataFrame, as_of) -> pd.DataFrame:
    """Overdue checklist items, most days late first, with readable headers and values."""
    late = overdue(items, as_of)
    return pd.DataFrame(
        {
            "Item": late["item_id"],
            "Task": late["task"],
            "Owner": late["owner"].fillna(MISSING),
            "Due": pd.to_datetime(late["due_date"]).dt.date.astype(str),
            "Status": label_values(late["status"]),
            "Days late": late["days_late"].astype(int),
            "Category": late["category"],
        }
    ).reset_index(drop=True)


def org_view(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Org-unit metrics (:func:`org_unit_metrics`), formatted; revenue in ``currency``."""

    def value(key, v):
        if v is None or pd.isna(v):
            return MISSING
        return fmt_money(v, currency) if key.endswith("revenue") else fmt_int(v)

    out = pd.DataFrame(
        {
            "Org unit": table["org_unit"],
            "Metric": table["label"],
            "Actual": [value(k, v) for k, v in zip(table["metric"], table["actual"], strict=True)],
            "Target": [value(k, v) for k, v in zip(table["metric"], table["target"], strict=True)],
            "Attainment": table["attainment"].map(fmt_percent),
            "Status": table["status"].map(label),
        }
    )
    return out


def team_view(team: pd.DataFrame) -> pd.DataFrame:
    """Team competency per skill (:func:`personnel`), formatted, gaps flagged; a skill nobody
    scored shows "—" and "not scored"."""
    out = team.reset_index(names="Skill")
    out["Skill"] = out["Skill"].str.removeprefix("skill_").str.replace("_", " ").str.capitalize()
    out["team_mean"] = (
        team["team_mean"].map(lambda v: MISSING if pd.isna(v) else f"{v:.1f}").to_numpy()
    )
    out["people_below"] = (
        team["people_below"].map(lambda v: MISSING if pd.isna(v) else str(v)).to_numpy()
    )
    out["gap"] = (
        team["gap"]
        .map(lambda g: "Not scored" if pd.isna(g) else ("Below target" if g else ""))
        .to_numpy()
    )
    return out.rename(
        columns={
            "team_mean": "Team mean (0–5)",
            "scored": "People scored",
            "people_below": "People below the low mark",
            "gap": "Gap",
        }
    )


def competency_matrix(people: pd.DataFrame) -> pd.DataFrame:
    """Scores per person (rows "name (role)", two of the same told apart by their staff id,
    :func:`playbook.labels.told_apart`) and skill (columns without the prefix, in words)."""
    frame = people[list(SKILLS)].rename(columns=_skill_column)
    rows = [f"{n} ({label(r)})" for n, r in zip(people["name"], people["role"], strict=True)]
    frame.index = told_apart(rows, people["staff_id"])
    return frame


def _skill_column(skill: str) -> str:
    """A skill's column in :func:`competency_matrix`: ``skill_joint_selling`` → "joint
    selling"."""
    return skill.removeprefix("skill_").replace("_", " ")


def weakest_skill(team: pd.DataFrame) -> str | None:
    """The :func:`competency_matrix` column of the skill with the lowest team mean (the one
    :func:`heatmap_title` names; a heatmap of a large team shows the people weakest in it);
    ``None`` when nobody has a score."""
    means = team["team_mean"].dropna()
    return None if means.empty else _skill_column(str(means.idxmin()))


def heatmap_title(team: pd.DataFrame) -> str:
    """The competency heatmap's title: the weakest skill and its team mean."""
    means = team["team_mean"].dropna()
    if means.empty:
        return "Nobody has a competency score"
    worst = means.idxmin()
    return (
        f"{worst.replace('_', ' ').capitalize()} is the team's weakest skill "
        f"(mean {means[worst]:.1f} of 5)"
    )


#: Persona fields shown, and their labels.
PERSONA_FIELDS = {
    "role": "Role",
    "partner_type": "Partner type",
    "engagement_model": "Engagement",
    "goals": "Goals",
    "pains": "Pains",
    "preferred_media": "Reach them through",
}


def persona_records(personas: pd.DataFrame) -> list[dict]:
    """The personas as records, partner type and engagement in plain words."""
    out = personas.copy()
    for col in ("partner_type", "engagement_model"):
        out[col] = label_values(out[col])
    return out.to_dict("records")
