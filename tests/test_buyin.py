"""Trend 4 calculations by hand: checklist merge and overdue, personnel gaps, org units, RAG."""

import pandas as pd
import pytest

from playbook import buyin
from playbook.profile import OrgUnit

D = pd.Timestamp


@pytest.mark.parametrize(
    "actual, target, status",
    [
        (100, 100, "green"),
        (120, 100, "green"),
        (99.99, 100, "amber"),
        (80, 100, "amber"),
        (79.99, 100, "red"),
        (0, 100, "red"),
        (5, None, "no target"),
        (5, 0, "no target"),
    ],
)
def test_rag_boundaries(actual, target, status):
    assert buyin.rag(actual, target, green_at=1.0, amber_at=0.8) == status


def test_checklist_merge_completion_and_overdue():
    client = pd.DataFrame(
        {
            "item_id": ["CM01", "CM02", "X1"],
            "category": ["Strategy", "Strategy", "Strategy"],
            "task": ["t", "t", "Our own item"],
            "owner": ["Ann", "Bob", "Ann"],
            "due_date": [D("2026-01-01"), D("2026-01-01"), D("2026-12-31")],
            "status": ["done", "in_progress", "not_started"],
            "completed_date": [pd.NaT] * 3,
        }
    )
    items = buyin.merged_checklist(client, "2026-06-30")
    assert len(items) == len(buyin.DEFAULT_CHECKLIST) + 1
    assert list(items.loc[items["overdue"], "item_id"]) == ["CM02"]  # CM01 is done; X1 not due
    by_cat = buyin.completion(items, "category")
    assert by_cat.loc["Strategy", "items"] == 4  # CM01–CM03 + X1
    assert by_cat.loc["Strategy", "completion"] == pytest.approx(1 / 4)
    assert by_cat.loc["People", "completion"] == 0  # never recorded: not started
    by_owner = buyin.completion(items, "owner")
    assert by_owner.loc["Ann", "done"] == 1
    assert by_owner.loc["(no owner)", "items"] == 14  # 16 defaults less CM01 and CM02


def test_personnel_gaps_by_hand():
    staff = pd.DataFrame(
        {
            "staff_id": ["A", "B"],
            "name": ["A", "B"],
            "role": ["x", "x"],
            "area": ["N", "N"],
            "skill_recruiting": [4, 4],
            "skill_enablement": [1, 3],
            "skill_technical": [2, None],
            "skill_joint_selling": [5, 5],
            "skill_analytics": [3, 2],
        }
    )
    people, team = buyin.personnel(staff, target=3, low=2)
    assert team.loc["enablement", "team_mean"] == 2 and team.loc["enablement", "gap"]
    assert team.loc["technical", "team_mean"] == 2 and team.loc["technical", "scored"] == 1
    assert team.loc["analytics", "team_mean"] == 2.5 and team.loc["analytics", "gap"]
    assert not team.loc["recruiting", "gap"]
    assert people.loc[0, "low_skills"] == "enablement"
    assert people.loc[1, "mean"] == pytest.approx((4 + 3 + 5 + 2) / 4)


def test_org_unit_metrics_by_hand(tiny):
    from playbook.workspace import load_workspace

    ws = load_workspace(tiny)
    units = [
        OrgUnit(
            name="Tech",
            partner_types=["isv", "platform"],
            targets={
                "program_members": 2,
                "certified_integrators": 2,
                "referral_revenue": 20000,
                "influenced_revenue": 10000,
            },
        ),
        OrgUnit(name="BD", partner_types=["integrator"]),
    ]
    org = buyin.org_unit_metrics(
        units, ws.table("partners"), ws.table("deals"), "2024-01-01", "2024-12-31"
    ).set_index(["org_unit", "metric"])
    # Tech = P1 (isv, certified) + P3 (platform, none); sourced won in 2024: D1 10000 + D4 8000
    assert org.loc[("Tech", "program_members"), "actual"] == 2
    assert org.loc[("Tech", "certified_integrators"), "actual"] == 1
    assert org.loc[("Tech", "certified_integrators"), "status"] == "red"  # 1/2 = 50 %
    assert org.loc[("Tech", "referral_revenue"), "actual"] == 18000
    assert org.loc[("Tech", "referral_revenue"), "status"] == "amber"  # 90 %
    assert org.loc[("Tech", "influenced_revenue"), "actual"] == 20000  # D2
    assert org.loc[("Tech", "influenced_revenue"), "status"] == "green"
    assert org.loc[("BD", "referral_revenue"), "actual"] == 5000  # D3 (P2 integrator)
    assert org.loc[("BD", "referral_revenue"), "status"] == "no target"


def test_summarise_checklist_only_by_hand():
    """CM01 done of 17 items (16 defaults + X1) → 1/17 = 5.9 %; CM02 overdue. No staff or org
    units: those parts are left out."""
    client = pd.DataFrame(
        {
            "item_id": ["CM01", "CM02", "X1"],
            "category": ["Strategy"] * 3,
            "task": ["t"] * 3,
            "owner": ["Ann", "Bob", "Ann"],
            "due_date": [D("2026-01-01"), D("2026-01-01"), D("2026-12-31")],
            "status": ["done", "in_progress", "not_started"],
            "completed_date": [pd.NaT] * 3,
        }
    )
    result = buyin.summarise(
        items=buyin.merged_checklist(client, "2026-06-30"), team=None, org=None
    )
    assert result.findings == ["Channel checklist 5.9% done; 1 item(s) overdue."]
    assert result.figures == {"checklist_done": 1, "checklist_items": 17, "checklist_overdue": 1}
    assert result.headline == {"Checklist done": "5.9%", "Overdue items": "1"}
