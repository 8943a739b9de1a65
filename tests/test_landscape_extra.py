"""Trend 7's issue-15 sections by hand: reporting lines against the seed report's advice, stack
positions up and down, mindshare measured from four signals beside the rating, the outsourcing
question set (a blank is not answered, not applicable is left out), untrained partners named."""

import numpy as np
import pandas as pd
import pytest

from playbook import landscape as ls
from playbook import landscape_extra_findings as xf
from playbook import landscape_extra_views as xv
from playbook import landscape_mindshare as lm
from playbook import landscape_org as lo
from playbook import landscape_stack as lst
from playbook import landscape_views as lv
from playbook.schema import OUTSOURCING_ITEMS

D = pd.Timestamp
WINDOW = (D("2024-01-01"), D("2024-12-31"))
AS_OF = D("2024-12-31")


# --------------------------------------------------------------------------- reporting lines


@pytest.mark.parametrize(
    "reports_to, integrated_with, into, pm",
    [
        ("marketing", ["sales"], "Not met", "Not met"),
        ("sales", ["product_management"], "Met", "Met"),
        ("business_development", ["sales", "marketing"], "Met", "Not met"),
        ("product_management", [], "Not met", "Met"),  # reporting into PM is working with it
        (None, ["product_management"], "Not stated", "Met"),
        (None, [], "Not stated", "Not stated"),
    ],
)
def test_reporting_lines_against_the_advice(reports_to, integrated_with, into, pm):
    lines = lo.reporting_lines(reports_to, integrated_with)
    assert list(lines["check"].astype(str)) == [into, pm]


def test_reporting_view_and_finding_in_plain_words():
    lines = lo.reporting_lines("business_development", ["sales", "marketing"])
    view = xv.reporting_view(lines)
    assert view.iloc[0].tolist() == [
        "Reports into business development or sales",
        "Business development",
        "Met",
    ]
    assert view.iloc[1, 1] == "Sales, Marketing"
    finding, text = xf.reporting_finding(lines)
    assert text == (
        "The partner program does not work hand in hand with product management (it works "
        "with sales and marketing)."
    )
    assert finding.section == xf.SECTION_ORG
    [action] = xf.reporting_actions(lines)
    assert "product management" in action.action and action.owner == ""
    _, text = xf.reporting_finding(lo.reporting_lines("sales", ["product_management"]))
    assert text == (
        "The program sits where the seed report advises: it reports into sales and works "
        "hand in hand with product management."
    )
    assert xf.reporting_finding(lo.reporting_lines(None, [])) == (None, "")


def test_profile_program_organisation_reads_plain_names_and_refuses_others(tmp_path):
    from playbook.profile import read_profile

    (tmp_path / "profile.yaml").write_text(
        'name: X\nclient_id: "x"\nprogram_organisation:\n'
        "  reports_to: Business Development\n  integrated_with: [product-management, Sales]\n"
    )
    problems: list = []
    org = read_profile(tmp_path, problems).program_organisation
    assert problems == []
    assert org.reports_to == "business_development"
    assert org.integrated_with == ["product_management", "sales"]
    (tmp_path / "profile.yaml").write_text(
        'name: X\nclient_id: "x"\ncompetitors: [A]\nprogram_organisation: {reports_to: legal}\n'
    )
    profile = read_profile(tmp_path, problems)
    assert profile.competitors == ["A"]  # the rest of the profile still applies
    assert profile.program_organisation.reports_to is None
    [problem] = problems
    assert "program_organisation" in str(problem) and "legal" in str(problem)


STAFF = pd.DataFrame(
    {
        "staff_id": ["M1", "M2", "M3", "M4", "M5"],
        "role": ["channel_manager", "technical", None, "channel_manager", "marketing"],
        "org_unit": ["Business Development", "Technology", "Business Development", "X", None],
        "fte": [1.0, 0.5, 1.0, 1.0, np.nan],
        "start_date": [D("2023-01-01"), None, D("2023-01-01"), D("2022-01-01"), None],
        "end_date": [None, None, None, D("2024-01-01"), None],
    }
)


def test_program_units_and_partners_per_fte():
    """Program staff on board at 2024-12-31: M1 (1.0), M2 (0.5), M5 (blank FTE → 1.0); M3 has
    no role, M4 left. 5 active partners ÷ 2.5 FTE = 2.0."""
    units = lo.program_units(STAFF, AS_OF)
    assert list(units.items()) == [("Business Development", 1), ("Technology", 1), ("", 1)]
    assert xv.units_text(units) == (
        "Where the program's 3 people sit according to the staff file: Business Development "
        "1, Technology 1, no organisation unit 1."
    )
    partners = pd.DataFrame({"status": ["active"] * 5 + ["candidate"]})
    assert lo.partners_per_fte(partners, STAFF, AS_OF) == pytest.approx(2.0)
    assert np.isnan(lo.partners_per_fte(partners, STAFF.iloc[[2]], AS_OF))
    assert xv.units_text(lo.program_units(STAFF.assign(org_unit=None), AS_OF)) == ""
    assert xv.units_text(units, "business_development").endswith(
        "no organisation unit 1. 1 of them in business development, where the program reports."
    )
    assert xv.units_text(units, "sales").endswith(
        "None of them in sales, where profile.yaml says the program reports: to discuss with "
        "the client."
    )


# --------------------------------------------------------------------------- stack


def stack_partners():
    return pd.DataFrame(
        {
            "partner_id": ["A", "B", "C", "D", "E", "F"],
            "name": ["Apps Co", "Cloud Co", "Peer Co", "Loose Co", "Cand Co", "Gone Co"],
            "status": ["active", "active", "active", "active", "candidate", "inactive"],
            "stack_position": ["above", "below", "beside", None, "below", "above"],
        }
    )


def test_stack_positions_counted_and_named_both_ways():
    table = lst.positions(stack_partners())
    assert table[["position", "active", "candidates"]].values.tolist() == [
        ["above", 1, 0],  # Gone Co is inactive: out of the landscape
        ["below", 1, 1],
        ["beside", 1, 0],
        ["not_placed", 1, 0],
    ]
    assert table.loc[1, "candidate_names"] == "Cand Co"
    assert lst.both_directions(table)
    assert xv.stack_text(table, True) == (
        "Active partners in the stack: 1 above us, 1 below us, 1 beside us; the program "
        "reaches both up and down."
    )
    one_way = stack_partners().assign(stack_position=["above", "above", None, None, None, None])
    t = lst.positions(one_way)
    assert not lst.both_directions(t)
    assert "none sits below us" in xv.stack_text(t, False)
    view = xv.stack_view(table)
    assert view["Position in the stack"].tolist() == [
        "Above us",
        "Below us",
        "Beside us",
        "Not placed",
    ]


def test_shark_by_position_counts_each_active_partner_once():
    shark = pd.DataFrame(
        {
            "partner_id": ["A", "B", "C", "D"],
            "position": [ls.Position.SHARK, ls.Position.REMORA, ls.Position.NEITHER, None],
        }
    )
    cross = lst.shark_by_position(stack_partners(), shark.dropna())
    assert cross.loc["above", "We are the shark"] == 1
    assert cross.loc["below", "We are the remora"] == 1
    assert cross.loc["not_placed", "Not scored"] == 1  # D: no shark-or-remora row
    assert int(cross.values.sum()) == 4
    view = xv.stack_shark_view(cross)
    assert list(view.columns) == [
        "Position in the stack",
        "We are the shark",
        "We are the remora",
        "Neither",
        "Not scored",
    ]
    assert view.columns.name is None  # no stray "outcome" header on the page
    assert xv.stack_shark_text(cross) == (
        "Up the stack we are the shark of 1 of 1 partner and the remora of none; down the "
        "stack we are the shark of none and the remora of 1 of 1 partner."
    )
    assert xv.stack_shark_text(cross.drop(index="below")).endswith(
        "down the stack we have no partner."
    )


# --------------------------------------------------------------------------- mindshare

MIND_PARTNERS = pd.DataFrame(
    {
        "partner_id": ["A", "B", "C", "D", "E"],
        "name": ["Alpha", "Beta", "Gamma", "Delta", "Cand"],
        "status": ["active", "active", "active", "active", "candidate"],
        "responsiveness_pct": [60.0, 30.0, None, None, 90.0],
        "our_share_of_their_business_pct": [30.0, None, 5.0, None, 50.0],
        "certification_level": ["certified", None, "none", None, "expert"],
        "expected_mindshare": ["high", "low", "high", "medium", "high"],
    }
)
MIND_DEALS = pd.DataFrame(
    {
        "deal_id": ["d1", "d2", "d3", "d4", "d5", "d6"],
        "partner_id": ["A", "A", "B", "C", None, "A"],
        "attribution": ["sourced", "influenced", "sourced", "sourced", "direct", "sourced"],
        "stage": ["qualified", "won", "proposal", "won", "lead", "lead"],
        "created_date": [
            D("2024-10-01"),
            D("2024-11-01"),
            D("2024-06-01"),
            D("2024-01-01"),
            D("2024-01-01"),
            D("2025-02-01"),  # after the as-of date: does not exist yet
        ],
        "close_date": [None, D("2025-01-15"), None, D("2024-06-01"), None, None],
    }
)
MIND_COMMS = pd.DataFrame(
    {
        "partner_id": ["A", "A", None],
        "date": [D("2024-05-01"), D("2023-01-01"), D("2024-05-01")],
        "sent": [10, 10, 100],
        "responses": [2, 10, 50],
    }
)


def _measure(**kw):
    args = {"partners": MIND_PARTNERS, "deals": MIND_DEALS, "communications": MIND_COMMS}
    args.update(kw)
    return lm.measure(args["partners"], args["deals"], args["communications"], *WINDOW, AS_OF)


def test_mindshare_measured_from_four_signals_by_hand():
    """A: 2 of 10 answered in the window → 20 % (the communications beat the stated 60 %) low;
    30 % of their business high; certified medium; 2 open joint deals (d1 open, d2 closed
    after the as-of date; d6 not created yet) — the median of A 2 and B 1 is 1.5 → high.
    Mean (1 + 3 + 2 + 3) ÷ 4 = 2.25 → medium, rated high → below. B: stated 30 % medium,
    1 open deal medium → medium, rated low → above. C: share 5 % low, no certification low,
    no open deal low → low, rated high → far below. D: only "no open deal" → not measured."""
    m = _measure().set_index("name")
    assert m.loc["Alpha", "responsiveness"] == pytest.approx(20.0)
    assert m.loc["Alpha", "responsiveness_source"] == "communications"
    assert m.loc["Beta", "responsiveness_source"] == "partners file"
    assert m.loc["Gamma", "responsiveness_source"] == ""
    assert m["open_joint_deals"].to_dict() == {"Gamma": 0, "Alpha": 2, "Beta": 1, "Delta": 0}
    assert m["measured"].fillna("not measured").to_dict() == {
        "Gamma": "low",
        "Alpha": "medium",
        "Beta": "medium",
        "Delta": "not measured",
    }
    assert list(m.index) == ["Gamma", "Alpha", "Beta", "Delta"]  # largest gaps first
    assert [str(a) for a in m["agreement"]] == [
        "Far below the rating",
        "Below the rating",
        "Above the rating",
        "Not compared",
    ]
    assert m.loc["Delta", "signals"] == 1 and "Cand" not in m.index
    assert lm.counts(m.reset_index())["Far below the rating"] == 1


def test_mindshare_blank_signals_are_left_out_never_low():
    """Without created dates nothing is open at a date: the pipeline signal is missing for
    everyone (not 0), so Delta has no signal at all and Beta keeps one (not measured)."""
    m = _measure(deals=MIND_DEALS.assign(created_date=pd.NaT)).set_index("name")
    assert m["open_joint_deals"].isna().all()
    assert m.loc["Delta", "signals"] == 0 and pd.isna(m.loc["Beta", "measured"])
    assert m.loc["Alpha", "measured"] == "medium"  # (1 + 3 + 2) ÷ 3 = 2
    assert lm.any_measured(m.reset_index())
    bare = MIND_PARTNERS.assign(
        responsiveness_pct=None, our_share_of_their_business_pct=None, certification_level=None
    )
    empty = pd.DataFrame(columns=["partner_id", "date", "sent", "responses"])
    assert not lm.any_measured(_measure(partners=bare, communications=empty))  # pipeline only


def test_mindshare_view_finding_and_action():
    m = _measure()
    view = xv.mindshare_view(m).set_index("Partner")
    assert view.loc["Alpha"].tolist()[:7] == [
        "High",
        "Medium",
        "20.0% (low)",
        "30.0% (high)",
        "Certified (medium)",
        "2 (high)",
        "Below the rating",
    ]
    assert view.loc["Delta", "Responsiveness"] == "—"
    summary = xv.mindshare_summary(m)
    assert summary.values.tolist()[0] == ["Far below the rating", 1, "Gamma"]
    revenue = pd.Series({"A": 1000.0, "C": 500.0})
    finding = xf.mindshare_finding(m, revenue, "USD")
    assert finding.text == (
        "The data shows less mindshare than rated for 2 of 3 partners measured, rated high "
        "but measured low for Gamma (USD\u00a01,500 of program revenue)."
    )
    assert finding.stake == 1500.0
    [action] = xf.mindshare_actions(m, pd.Series({"C": "Raj Patel"}))
    assert action.owner == "Raj Patel"
    assert action.action == (
        "Review what Gamma gives us: mindshare rated high, measured low (5% of their "
        "business through us; no certification; 0 open joint deals)."
    )
    assert xf.headline(xf.Extra(mindshare=m)) == {"Mindshare below rating": "2 of 3"}


# --------------------------------------------------------------------------- outsourcing


def test_question_ids_are_the_schemas():
    assert tuple(lo.QUESTIONS) == OUTSOURCING_ITEMS


ANSWERS = pd.DataFrame(
    {
        "item_id": ["capacity", "skills", "speed", "cost", "focus", "reach", "contacts"],
        "score": [4, 2, 5, None, 1, 4, 3],
        "not_applicable": [None, False, True, None, None, None, None],
        "evidence": ["QBRs slip", None, "Runs since 2021", "No quote", None, None, None],
    }
)


def test_outsourcing_case_leaves_blanks_and_not_applicable_out():
    """Answered: capacity 4, skills 2, focus 1, reach 4, contacts 3 → 14 ÷ 5 = 2.8 → 56 %
    (partial). Speed is not applicable (its 5 ignored), cost blank, control absent."""
    scored = lo.outsourcing_answers(ANSWERS)
    assert list(scored["item_id"]) == list(OUTSOURCING_ITEMS)
    assert scored.set_index("item_id")["status"].to_dict() == {
        "capacity": "answered",
        "skills": "answered",
        "speed": "not applicable",
        "cost": "not answered",
        "focus": "answered",
        "reach": "answered",
        "contacts": "answered",
        "control": "not answered",
    }
    case, verdict = lo.outsourcing_case(scored)
    assert case == pytest.approx(56.0) and verdict == lo.Verdict.PARTIAL
    assert xv.outsourcing_text(case, verdict, scored) == (
        "Case for outsourcing the program's management: 56% from 5 answered questions "
        "(1 not applicable, 2 not answered, left out). " + str(lo.Verdict.PARTIAL) + "."
    )
    view = xv.outsourcing_view(scored).set_index("Question")
    assert view.loc["Speed", "Score (0–5)"] == "Not applicable"
    assert view.loc["Cost", "Score (0–5)"] == "Not answered"
    assert view.loc["Capacity", "Score (0–5)"] == "4"
    assert xf.figures(xf.Extra(outsourcing=scored, case=case, verdict=verdict)) == {
        "outsourcing_case_pct": 56.0,
        "outsourcing_verdict": str(lo.Verdict.PARTIAL),
    }


@pytest.mark.parametrize(
    "scores, case, verdict",
    [
        ([3, 3, 3, 3], 60.0, lo.Verdict.STRONG),
        ([2, 2, 2, 2], 40.0, lo.Verdict.PARTIAL),
        ([1, 2, 1, 2], 30.0, lo.Verdict.IN_HOUSE),
        ([5, 5, 5], np.nan, lo.Verdict.TOO_FEW),
    ],
)
def test_outsourcing_verdict_boundaries(scores, case, verdict):
    answers = pd.DataFrame(
        {"item_id": list(OUTSOURCING_ITEMS[: len(scores)]), "score": scores}
    ).assign(not_applicable=None, evidence=None)
    got, v = lo.outsourcing_case(lo.outsourcing_answers(answers))
    assert v == verdict
    assert (np.isnan(got) and np.isnan(case)) or got == pytest.approx(case)


# --------------------------------------------------------------------------- untrained, named


def test_untrained_partners_named_with_manager_signing_and_certification():
    partners = pd.DataFrame(
        {
            "partner_id": ["X", "Y"],
            "name": ["Xeno", "Yarn"],
            "manager_id": ["M1", None],
            "start_date": [D("2023-03-05"), None],
            "certification_level": ["registered", None],
        }
    )
    untrained = partners[["partner_id", "name"]]
    staff = pd.DataFrame({"staff_id": ["M1"], "name": ["Ann Lee"]})
    view = lv.untrained_view(untrained, pd.Series({"X": 12.5, "Y": 0.0}), partners, staff)
    assert view.values.tolist() == [
        ["Xeno", "12.5%", "Ann Lee", "5 Mar 2023", "Registered"],
        ["Yarn", "0.0%", "—", "—", "—"],
    ]
    # Yarn holds our certification (advanced): a data question, not an untrained partner
    partners["certification_level"] = ["registered", "advanced"]
    view = lv.untrained_view(untrained, pd.Series({"X": 12.5, "Y": 0.0}), partners, staff)
    assert view["Certification"].tolist() == ["Registered", "Advanced"]
    assert view["To settle with the client"].tolist() == [
        "—",
        "Holds our certification, yet no training is recorded: which is right?",
    ]


def test_bad_answers_and_positions_are_refused_with_file_row_column_value(tmp_path):
    """A question id the set does not have, a score of 7 and a stack position the schema does
    not know are errors naming file, row, column and value; "Not Applicable" answers read."""
    from conftest import TINY, problems_of, write_workspace

    tables = dict(TINY)
    tables["outsourcing"] = (
        "item_id,score,not_applicable,evidence\nCapacity,4,,\nbudget,3,,\nskills,7,,\nspeed,,yes,\n"
    )
    tables["partners"] = (
        TINY["partners"]
        .replace("certification_level\n", "certification_level,stack_position\n")
        .replace("2023-01-01,certified\n", "2023-01-01,certified,sideways\n")
    )
    found = {
        (p.file, p.row, p.column, p.value)
        for p in problems_of(write_workspace(tmp_path / "w", tables))
    }
    assert found == {
        ("outsourcing.csv", 3, "item_id", "budget"),
        ("outsourcing.csv", 4, "score", "7"),
        ("partners.csv", 2, "stack_position", "sideways"),
    }


def test_companies_view_lists_every_company_with_what_the_file_holds():
    """Five active partners and candidates by name (Gone Co is inactive: out); no interest or
    influence in the file, so no quadrant column; Loose Co has no position: "Not stated"."""
    view = xv.companies_view(
        stack_partners().assign(category=["ERP", None, "CRM", "ERP", "CRM", "x"])
    )
    assert view.columns.tolist() == ["Company", "Status", "Category", "Position in the stack"]
    assert view.values.tolist() == [
        ["Apps Co", "Active", "ERP", "Above us"],
        ["Cand Co", "Candidate", "CRM", "Below us"],
        ["Cloud Co", "Active", "Not stated", "Below us"],
        ["Loose Co", "Active", "ERP", "Not stated"],
        ["Peer Co", "Active", "CRM", "Beside us"],
    ]
    scored = stack_partners().assign(interest=[4, 1, None, 3, 5, 5], influence=[4, 4, 2, 1, 1, 1])
    assert xv.companies_view(scored, 3)["Quadrant"].tolist() == [
        "Key players — manage closely",  # interest 4, influence 4
        "Keep informed",  # interest 5, influence 1
        "Keep satisfied",  # interest 1, influence 4
        "Keep informed",  # interest 3 (at the midpoint: high), influence 1
        "Not scored",  # no interest
    ]


def test_name_cells_of_07_name_ten_and_say_where_the_rest_is():
    """12 active partners in one category: the cell names the first 10 alphabetically."""
    names = [f"P{i:02d}" for i in range(12, 0, -1)]  # P12 … P01, out of order
    partners = pd.DataFrame(
        {
            "partner_id": names,
            "name": names,
            "status": ["active"] * 12,
            "category": ["ERP"] * 12,
        }
    )
    cats = ls.categories(partners)
    assert (
        cats.loc["ERP", "active"] == "P01, P02, P03, P04, P05, P06, P07, P08, P09, P10 and 2 more"
    )
    assert xv.names_caption("Partner categories") == (
        "Partner categories (each cell names up to 10, the rest counted; every one in the table "
        "'Active partners and candidates, company by company')"
    )
