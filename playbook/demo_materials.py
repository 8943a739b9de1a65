"""The demo client's workshop material rows (issue 15): fixed rows, no random draws.

* **Three readiness respondents.** The answers :mod:`playbook.demo` writes become those of the
  program manager (Omar Siddiqui); the alliance lead (Grace Liu) and the partner-systems lead
  (Tom Becker) answer the same questions. On every question one of them scores at or above the
  program manager and the other at or below (or both leave it blank, or one marks it not
  applicable and the other matches him), so each question's median is the program manager's
  score and every demo figure of report 03 stays as it was. They are 2 points apart on CN1,
  CN3 and GA2 (the disagreements report 03 flags); Tom Becker marks the platform questions PR1
  and PR3 not applicable (his view: platform work is not his side of the business).
* **Plan owners.** Every milestone of the partner plans is owned by the partner's manager.
* **A checklist item that does not apply.** The client's own item CL03 (a Japanese partner
  portal, with no partner in Japan) is marked not applicable: report 04 leaves it out, so its
  completion figures are those of the other items.
"""

from __future__ import annotations

import pandas as pd

#: The respondent of the answers :mod:`playbook.demo` writes.
FIRST = "Omar Siddiqui"
#: The other respondents' answers: item → (score or "" or "n/a", evidence).
OTHERS = {
    "Grace Liu": {
        "CN1": (5, "Customer problems reviewed at every account plan"),
        "CN2": (2, ""),
        "CN3": (3, "Product joins the partner council each quarter"),
        "ED1": (4, ""),
        "ED2": (4, ""),
        "ED3": ("", ""),
        "IC1": (5, ""),
        "IC2": (4, ""),
        "IC3": (2, ""),
        "GA1": (5, ""),
        "GA2": (4, "Joint plans written with the four strategic partners"),
        "GA3": (2, ""),
        "PR1": (4, ""),
        "PR2": ("", ""),
        "PR3": (4, ""),
        "PO1": (4, ""),
        "PO2": (1, "Payback reviewed for two partners last year"),
        "PO3": (2, ""),
    },
    "Tom Becker": {
        "CN1": (3, ""),
        "CN2": (1, ""),
        "CN3": (1, ""),
        "ED1": (3, ""),
        "ED2": (4, ""),
        "ED3": ("", ""),
        "IC1": (4, ""),
        "IC2": (3, ""),
        "IC3": (1, "Energy customers are served without any partner"),
        "GA1": (4, ""),
        "GA2": (2, ""),
        "GA3": (1, ""),
        "PR1": ("n/a", ""),
        "PR2": ("", ""),
        "PR3": ("n/a", ""),
        "PO1": (5, ""),
        "PO2": (0, ""),
        "PO3": (3, ""),
    },
}


def _respondent_rows(readiness: pd.DataFrame) -> pd.DataFrame:
    """The demo's readiness answers with their respondent, then the other respondents'."""
    first = readiness.assign(respondent=FIRST, not_applicable="")
    rows = [
        (item, "" if score == "n/a" else score, note, who, "yes" if score == "n/a" else "")
        for who, answers in OTHERS.items()
        for item in readiness["item_id"]
        for score, note in [answers[item]]
    ]
    others = pd.DataFrame(rows, columns=list(first.columns))
    return pd.concat([first, others], ignore_index=True)


def _plan_owners(plans: pd.DataFrame, partners: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """Each plan milestone owned by the name of its partner's manager."""
    manager = partners.set_index("partner_id")["manager_id"]
    name = staff.set_index("staff_id")["name"]
    return plans.assign(owner=plans["partner_id"].map(manager).map(name).fillna(""))


#: The client's checklist item that does not apply to it.
NOT_APPLICABLE_ITEM = {
    "item_id": "CL03",
    "category": "Enablement",
    "task": "Translate the partner portal into Japanese",
    "owner": "Nadia Haddad",
    "due_date": "",
    "status": "not_applicable",
    "completed_date": "",
}


def tables(current: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The demo tables this module changes (``readiness``, ``plans``, ``checklist``), from the
    generator's."""
    checklist = current["checklist"]
    return {
        "readiness": _respondent_rows(current["readiness"]),
        "plans": _plan_owners(current["plans"], current["partners"], current["staff"]),
        "checklist": pd.concat(
            [checklist, pd.DataFrame([NOT_APPLICABLE_ITEM], columns=checklist.columns)],
            ignore_index=True,
        ),
    }
