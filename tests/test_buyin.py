"""Trend 4 calculations by hand: checklist merge and overdue, personnel gaps, org units, RAG;
status at the as-of date, blanks that stay blank, the report's definitions."""

import pandas as pd
import pytest

from playbook import buyin, buyin_views, params
from playbook import buyin_summary as bs
from playbook.config import NOTEBOOKS_DIR
from playbook.profile import OrgUnit
from playbook.results import Action, KeyFinding, Urgency

D = pd.Timestamp
NAT = pd.NaT


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
            "start_date": [NAT, NAT],
            "end_date": [NAT, NAT],
            "skill_recruiting": [4, 4],
            "skill_enablement": [1, 3],
            "skill_technical": [2, None],
            "skill_joint_selling": [5, 5],
            "skill_analytics": [3, 2],
        }
    )
    people, team = buyin.personnel(staff, "2026-06-30", target=3, low=2)
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
    # With no certification level recorded for anyone, the count is unknown, not 0 (issue 9).
    blank = ws.table("partners").assign(certification_level=None)
    org = buyin.org_unit_metrics(
        units, blank, ws.table("deals"), "2024-01-01", "2024-12-31"
    ).set_index(["org_unit", "metric"])
    assert pd.isna(org.loc[("Tech", "certified_integrators"), "actual"])
    assert org.loc[("Tech", "certified_integrators"), "status"] == "unknown"
    assert org.loc[("Tech", "program_members"), "actual"] == 2
    view = buyin_views.org_view(org.reset_index(), "USD").set_index(["Org unit", "Metric"])
    certified = ("Tech", "Number of certified partners (all the unit's partner types)")
    assert view.loc[certified, "Actual"] == "—"
    assert view.loc[certified, "Status"] == "Unknown"


def test_red_and_amber_metrics_are_actions_owned_by_their_unit(tiny):
    """The tiny workspace in 2024 against Tech's targets: certified partners 1 of 2 (50 %,
    red), revenue via referrals USD 18,000 of 20,000 (90 %, amber), members 2 of 2 and
    influenced revenue 20,000 of 10,000 green; BD has no target (4 metrics not rated). Revenue
    short of target: 20,000 − 18,000 = 2,000, the stake; the red metric is not revenue, so the
    revenue finding is to fix, the red metric to act on now."""
    from playbook.workspace import load_workspace

    ws = load_workspace(tiny)
    targets = {
        "program_members": 2,
        "certified_integrators": 2,
        "referral_revenue": 20000,
        "influenced_revenue": 10000,
    }
    units = [
        OrgUnit(name="Tech", partner_types=["isv", "platform"], targets=targets),
        OrgUnit(name="BD", partner_types=["integrator"]),
    ]
    org = buyin.org_unit_metrics(
        units, ws.table("partners"), ws.table("deals"), "2024-01-01", "2024-12-31"
    )
    items = buyin.merged_checklist(pd.DataFrame(), "2024-12-31")
    result = bs.summarise(items=items, team=None, org=org, as_of="2024-12-31", currency="USD")
    assert result.findings[1:] == [
        "1 of 4 org-unit metrics with a target is red; 1 is amber; furthest behind: Tech "
        "certified partners at 50.0% of target (1 of 2) (4 metrics without a target or data, "
        "not rated).",
        "Where org units are behind their revenue targets (revenue via referrals, rated red or "
        "amber), they are USD\u00a02,000 short of those targets.",
    ]
    assert result.actions == [
        Action(
            "Raise Tech's certified partners from 1 to the target of 2 (50.0% reached).",
            "Tech",
            "",
            "Red metric",
            bs.METRICS,
            Urgency.ACT_NOW,
        ),
        Action(
            "Raise Tech's revenue via referrals from USD\u00a018,000 to the target of "
            "USD\u00a020,000 (90.0% reached).",
            "Tech",
            "",
            "Amber metric",
            bs.METRICS,
            Urgency.FIX,
        ),
    ]
    assert result.key_findings == [
        KeyFinding(
            "Where org units are behind their revenue targets (revenue via referrals, rated red "
            "or amber), they are USD\u00a02,000 short of those targets.",
            2000.0,
            Urgency.FIX,
            bs.METRICS,
        ),
        KeyFinding(
            "1 org-unit metric is red: Tech certified partners.", None, Urgency.ACT_NOW, bs.METRICS
        ),
    ]
    assert result.headline["Red metrics"] == "1 of 4"


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
    result = bs.summarise(
        items=buyin.merged_checklist(client, "2026-06-30"),
        team=None,
        org=None,
        as_of="2026-06-30",
        currency="USD",
    )
    # CM02 (the default item's task) was due 1 Jan 2026: 180 days late on 30 Jun.
    assert result.findings == [
        "The channel checklist is 5.9% done: 1 of 17 items; 14 standard items of the playbook "
        "are not on the client's list and count as not started.",
        "1 item is overdue; the longest, 'Agree the partner types and tiers the program serves' "
        "(Bob), is 180 days late; 14 open items have no due date.",
    ]
    assert result.actions == [
        Action(
            "Agree the partner types and tiers the program serves",
            "Bob",
            "2026-01-01",
            "Overdue checklist item",
            bs.CHECKLIST,
            Urgency.FIX,
        )
    ]
    assert result.key_findings == [
        KeyFinding(
            "1 channel checklist item is overdue, the longest by 180 days; the checklist is "
            "5.9% done.",
            None,
            Urgency.FIX,
            bs.CHECKLIST,
        )
    ]
    figures = dict(result.figures)
    records = {r["item_id"]: r for r in figures.pop("checklist")}
    assert figures == {"checklist_done": 1, "checklist_items": 17, "checklist_overdue": 1}
    # the run history's record of each item: CM01 done, CM02 (Bob, due 1 Jan) overdue, X1 open
    assert len(records) == 17 and [k for k, r in records.items() if r["overdue"]] == ["CM02"]
    assert records["CM02"] == {
        "item_id": "CM02",
        "task": "Agree the partner types and tiers the program serves",
        "owner": "Bob",
        "due_date": "2026-01-01",
        "done": False,
        "overdue": True,
    }
    assert records["CM01"]["done"] and records["X1"]["due_date"] == "2026-12-31"
    assert result.headline == {"Checklist done": "5.9%", "Overdue items": "1"}


# --------------------------------------------------------------------------- as of the as-of date


def _client(rows):
    """Checklist rows ``(item_id, status, due, completed)`` in the client table's columns."""
    ids, status, due, completed = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "item_id": list(ids),
            "category": "c",
            "task": "t",
            "owner": "Ann",
            "due_date": [D(d) if d else NAT for d in due],
            "status": list(status),
            "completed_date": [D(d) if d else NAT for d in completed],
        }
    )


AS_OF = "2026-06-30"
DATED = _client(
    [
        ("CM01", "done", "2026-06-15", "2026-06-01"),  # completed before as-of: done
        ("CM02", "done", "2026-06-01", "2026-06-30"),  # completed ON as-of: done
        ("CM03", "done", "2026-06-15", "2026-07-15"),  # completed after, due before: overdue
        ("CM04", "done", "2026-07-31", "2026-08-01"),  # completed after, due after: in progress
        ("CM05", "done", "2026-01-01", None),  # done without a date: done
        ("CM06", "in_progress", "2026-06-30", None),  # due ON as-of: not overdue yet
    ]
)


def test_checklist_status_at_the_as_of_date():
    """As of 30 Jun 2026: done = CM01 (completed 1 Jun), CM02 (completed on 30 Jun), CM05 (no
    date) = 3; CM03 (completed 15 Jul) and CM04 (1 Aug) were still in progress. Overdue = CM03
    only (due 15 Jun, not done by 30 Jun); CM06 is due on the as-of date, CM04 after it.
    16 items (all defaults; CM07–CM16 not recorded): 3 / 16 = 18.75 % → "18.8%".
    Strategy = CM01–CM03: done 2, in progress 1, overdue 1, completion 2/3.
    People = CM04–CM06: done 1 (CM05), in progress 2 (CM04, CM06), completion 1/3."""
    items = buyin.merged_checklist(DATED, AS_OF).set_index("item_id")
    assert list(items.loc[["CM01", "CM02", "CM03", "CM04", "CM05", "CM06"], "status"]) == [
        "done",
        "done",
        "in_progress",
        "in_progress",
        "done",
        "in_progress",
    ]
    assert items.loc["CM03", "recorded_status"] == "done"
    assert list(items.index[items["overdue"]]) == ["CM03"]
    by_cat = buyin.completion(items.reset_index(), "category")
    assert by_cat.loc["Strategy"].to_dict() == {
        "items": 3,
        "done": 2,
        "in_progress": 1,
        "overdue": 1,
        "completion": pytest.approx(2 / 3),
    }
    assert by_cat.loc["People", "done"] == 1 and by_cat.loc["People", "in_progress"] == 2
    result = bs.summarise(
        items=items.reset_index(), team=None, org=None, as_of=AS_OF, currency="USD"
    )
    # Open at as-of: CM03, CM04, CM06 (dated) and CM07–CM16 (10, no due date).
    # CM03 (owner Ann) was due 15 Jun: 15 days late on 30 Jun.
    assert result.findings == [
        "The channel checklist is 18.8% done: 3 of 16 items; 10 standard items of the playbook "
        "are not on the client's list and count as not started.",
        "1 item is overdue; the longest, 'Set yearly targets per org unit and get them signed "
        "off' (Ann), is 15 days late; 10 open items have no due date.",
    ]
    assert [(a.owner, a.due) for a in result.actions] == [("Ann", "2026-06-15")]
    figures = dict(result.figures)
    overdue = [r["item_id"] for r in figures.pop("checklist") if r["overdue"]]
    assert figures == {"checklist_done": 3, "checklist_items": 16, "checklist_overdue": 1}
    assert overdue == ["CM03"]


def test_checklist_later_as_of_sees_the_later_completions():
    """Same rows as of 1 Aug 2026: CM03 (15 Jul) and CM04 (1 Aug, on the as-of date) are done
    too: 5 done; CM06 (due 30 Jun, still in progress) is now the one overdue item."""
    items = buyin.merged_checklist(DATED, "2026-08-01")
    assert int((items["status"] == "done").sum()) == 5
    assert list(items.loc[items["overdue"], "item_id"]) == ["CM06"]


def test_no_checklist_supplied_is_not_zero_percent_done():
    """Without a checklist nothing is known about progress: no "0.0% done", no "0 overdue"."""
    items = buyin.merged_checklist(pd.DataFrame(), AS_OF)
    result = bs.summarise(items=items, team=None, org=None, as_of=AS_OF, currency="USD")
    assert result.findings == ["No checklist supplied: completion and overdue items not assessed."]
    assert result.figures == {
        "checklist_done": None,
        "checklist_items": 16,
        "checklist_overdue": None,
    }
    assert result.headline == {
        "Checklist done": "— (no checklist)",
        "Overdue items": "— (no checklist)",
    }


def test_overdue_needs_a_due_date():
    """CM01 done (3 Mar); X1 in progress, no due date; CM02–CM16 not recorded, no due date:
    no open item has a due date, so the overdue count is missing, not 0. With all 16 defaults
    done (and nothing open) "0 overdue" is a fact."""
    undated = _client([("CM01", "done", None, "2026-03-03"), ("X1", "in_progress", None, None)])
    result = bs.summarise(
        items=buyin.merged_checklist(undated, AS_OF),
        team=None,
        org=None,
        as_of=AS_OF,
        currency="USD",
    )
    assert result.figures["checklist_overdue"] is None
    assert result.findings[1] == "Overdue items not assessed: no open item has a due date."
    assert result.actions == [] and result.key_findings == []
    assert result.headline["Overdue items"] == "— (no due dates)"
    all_done = _client([(f"CM{i:02d}", "done", None, "2026-01-01") for i in range(1, 17)])
    figures = bs.summarise(
        items=buyin.merged_checklist(all_done, AS_OF),
        team=None,
        org=None,
        as_of=AS_OF,
        currency="USD",
    ).figures
    assert figures.pop("checklist") and figures == {
        "checklist_done": 16,
        "checklist_items": 16,
        "checklist_overdue": 0,
    }


# --------------------------------------------------------------------------- blanks in personnel


def _staff(scores: dict, start=None, end=None):
    n = len(next(iter(scores.values())))
    frame = pd.DataFrame(
        {
            "staff_id": [f"S{i}" for i in range(n)],
            "name": [f"S{i}" for i in range(n)],
            "role": "x",
            "area": "N",
            "start_date": start or [NAT] * n,
            "end_date": end or [NAT] * n,
        }
    )
    for skill in buyin.SKILLS:
        frame[skill] = scores.get(skill, [None] * n)
    return frame.astype({s: float for s in buyin.SKILLS})


def test_nobody_scored_is_not_no_gap():
    """Two people, no score at all: no mean, no gap, no "no competency below target"."""
    _, team = buyin.personnel(_staff({"skill_recruiting": [None, None]}), AS_OF)
    assert team["gap"].isna().all() and team["people_below"].isna().all()
    assert (team["scored"] == 0).all()
    result = bs.summarise(
        items=buyin.merged_checklist(DATED, AS_OF), team=team, org=None, as_of=AS_OF, currency="USD"
    )
    assert result.findings[2] == (
        "Team competency not assessed: nobody on board has a competency score."
    )
    assert result.figures["skill_gaps"] == []
    assert result.figures["skills_not_scored"] == [
        "recruiting",
        "enablement",
        "technical",
        "joint_selling",
        "analytics",
    ]
    assert list(buyin_views.team_view(team)["Gap"]) == ["Not scored"] * 5
    assert list(buyin_views.team_view(team)["Team mean (0–5)"]) == ["—"] * 5


def test_partly_scored_team_names_the_unscored_skills():
    """Recruiting 4, 4 (mean 4, no gap); enablement 2, 3 (mean 2.5 < 3: gap); the other three
    skills nobody scored."""
    staff = _staff({"skill_recruiting": [4, 4], "skill_enablement": [2, 3]})
    _, team = buyin.personnel(staff, AS_OF, target=3, low=2)
    result = bs.summarise(
        items=buyin.merged_checklist(DATED, AS_OF), team=team, org=None, as_of=AS_OF, currency="USD"
    )
    assert result.findings[2] == (
        "The team's competency gap is enablement (team mean 2.5 of 5, 0 of 2 people below the "
        "low mark); not scored: technical, joint selling, analytics."
    )
    assert result.key_findings[-1] == KeyFinding(
        "The channel team is weakest in enablement: a mean of 2.5 of 5.",
        None,
        Urgency.FIX,
        bs.PERSONNEL,
    )
    only_good = _staff({"skill_recruiting": [4, 4]})
    _, team = buyin.personnel(only_good, AS_OF)
    finding = bs.summarise(
        items=buyin.merged_checklist(DATED, AS_OF), team=team, org=None, as_of=AS_OF, currency="USD"
    )
    assert finding.findings[2] == (
        "No scored team competency is below target; "
        "not scored: enablement, technical, joint selling, analytics."
    )


def test_personnel_counts_staff_on_board_at_the_as_of_date():
    """As of 30 Jun 2026: S0 started 2020 (in); S1 starts 1 Jul 2026 (not yet); S2 ends on
    30 Jun (still in); S3 ended 29 Jun (gone). Recruiting scores 4, 0, 2, 0 → team of S0 and
    S2: mean (4 + 2) / 2 = 3, scored 2."""
    staff = _staff(
        {"skill_recruiting": [4, 0, 2, 0]},
        start=[D("2020-01-01"), D("2026-07-01"), D("2020-01-01"), D("2020-01-01")],
        end=[NAT, NAT, D("2026-06-30"), D("2026-06-29")],
    )
    people, team = buyin.personnel(staff, AS_OF)
    assert list(people["staff_id"]) == ["S0", "S2"]
    assert team.loc["recruiting", "team_mean"] == 3 and team.loc["recruiting", "scored"] == 2


# --------------------------------------------------------------------------- org units


PARTNERS = pd.DataFrame(
    {
        "partner_id": ["I1", "I2", "I3", "PL1", "IN1", "IN2", "EC1"],
        "type": ["isv", "isv", "isv", "platform", "integrator", "integrator", "ecosystem"],
        "status": ["active", "active", "active", "active", "active", "inactive", "active"],
        "start_date": [NAT, D("2025-01-01"), D("2025-01-01"), NAT, NAT, NAT, D("2027-01-01")],
        "certification_level": [
            "certified",
            "registered",
            "advanced",
            "expert",
            "certified",
            "expert",
            "expert",
        ],
    }
)
NO_DEALS = pd.DataFrame(
    {"partner_id": [], "attribution": [], "stage": [], "close_date": [], "amount": []}
).astype({"close_date": "datetime64[ns]", "amount": float})


def test_certified_partners_count_every_type_the_unit_owns():
    """As of 31 Dec 2025. Tech owns isv + platform: members I1, I2, I3, PL1 = 4 (all active,
    started by then); certified or above: I1 (certified), I3 (advanced), PL1 (expert) = 2 + 1 =
    3 — ISVs and platforms count, I2 (registered) does not. BD owns integrator + ecosystem:
    IN1 active certified = 1; IN2 inactive; EC1 starts in 2027, not a member yet. Members 1,
    certified 1. The label says what is counted: certified partners, not integrators only."""
    units = [
        OrgUnit(name="Tech", partner_types=["isv", "platform"]),
        OrgUnit(name="BD", partner_types=["integrator", "ecosystem"]),
    ]
    org = buyin.org_unit_metrics(units, PARTNERS, NO_DEALS, "2025-01-01", "2025-12-31").set_index(
        ["org_unit", "metric"]
    )
    assert org.loc[("Tech", "program_members"), "actual"] == 4
    assert org.loc[("Tech", "certified_integrators"), "actual"] == 3
    assert org.loc[("BD", "program_members"), "actual"] == 1
    assert org.loc[("BD", "certified_integrators"), "actual"] == 1
    label = org.loc[("Tech", "certified_integrators"), "label"]
    assert "certified partners" in label and "integrators" not in label


def test_metrics_without_a_target_are_not_rated_or_counted():
    """No targets at all: 8 metrics, none rated → no "0 of 8 metrics are red". One target
    (Tech members 8, actual 4 → 50 % → red): "1 of 1 … with a target are red", 7 not rated."""
    units = [OrgUnit(name="Tech", partner_types=["isv", "platform"]), OrgUnit(name="BD")]
    org = buyin.org_unit_metrics(units, PARTNERS, NO_DEALS, "2025-01-01", "2025-12-31")
    items = buyin.merged_checklist(DATED, AS_OF)
    result = bs.summarise(items=items, team=None, org=org, as_of=AS_OF, currency="USD")
    assert (org["status"] == "no target").all()
    assert result.findings[2] == (
        "No org-unit target is set in the client's profile: no metric is rated red, amber or green."
    )
    assert result.headline["Red metrics"] == "— (no targets)"
    units[0] = OrgUnit(
        name="Tech", partner_types=["isv", "platform"], targets={"program_members": 8}
    )
    org = buyin.org_unit_metrics(units, PARTNERS, NO_DEALS, "2025-01-01", "2025-12-31")
    result = bs.summarise(items=items, team=None, org=org, as_of=AS_OF, currency="USD")
    assert result.findings[2] == (
        "1 of 1 org-unit metric with a target is red; furthest behind: Tech program members at "
        "50.0% of target (4 of 8) (7 metrics without a target or data, not rated)."
    )
    assert [(a.action, a.owner, a.kind) for a in result.actions[-1:]] == [
        (
            "Raise Tech's program members from 4 to the target of 8 (50.0% reached).",
            "Tech",
            "Red metric",
        )
    ]
    assert result.headline["Red metrics"] == "1 of 1"


# --------------------------------------------------------------------------- definitions


def test_notebook_thresholds_default_to_the_module_constants():
    """The report's assumptions table and the module agree on every threshold's default."""
    declared = params.declared(NOTEBOOKS_DIR / "04-organisation-buy-in.ipynb")
    defaults = {k: params.literal_default(v["default"], None) for k, v in declared.items()}
    assert defaults["green_at"] == buyin.GREEN_AT
    assert defaults["amber_at"] == buyin.AMBER_AT
    assert defaults["skill_target"] == buyin.SKILL_TARGET
    assert defaults["skill_low"] == buyin.SKILL_LOW


def test_people_without_a_role_are_not_the_program_team():
    """S0 (channel manager, recruiting 4) and S1 (a sales rep from the CRM, no role, recruiting
    0): the team is S0 alone, so recruiting has mean 4 from 1 person and no one below 2."""
    staff = _staff({"skill_recruiting": [4, 0]}).assign(role=["channel_manager", None])
    people, team = buyin.personnel(staff, AS_OF)
    assert people["staff_id"].tolist() == ["S0"]
    assert team.loc["recruiting", ["team_mean", "scored", "people_below"]].tolist() == [4, 1, 0]


def test_no_red_metric_names_the_amber_one_furthest_behind():
    """Tech members 9 of 10 (90 %, amber), influenced revenue 12,000 of 10,000 (green): no
    red metric, 2 rated; the amber one is an action owned by Tech; no revenue is short of
    target, so no money finding."""
    org = pd.DataFrame(
        {
            "org_unit": ["Tech", "Tech"],
            "metric": ["program_members", "influenced_revenue"],
            "label": ["Number of partner program members", "Revenue influenced"],
            "actual": [9.0, 12000.0],
            "target": [10.0, 10000.0],
            "attainment": [0.9, 1.2],
            "status": ["amber", "green"],
        }
    )
    items = buyin.merged_checklist(pd.DataFrame(), AS_OF)
    result = bs.summarise(items=items, team=None, org=org, as_of=AS_OF, currency="USD")
    assert result.findings[1:] == [
        "No org-unit metric with a target is red (2 rated); 1 is amber; furthest behind: Tech "
        "program members at 90.0% of target (9 of 10)."
    ]
    assert result.actions == [
        Action(
            "Raise Tech's program members from 9 to the target of 10 (90.0% reached).",
            "Tech",
            "",
            "Amber metric",
            bs.METRICS,
            Urgency.FIX,
        )
    ]
    assert result.key_findings == []
