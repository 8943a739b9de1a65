"""Trend 6 calculations by hand: tracking per type, pipeline velocity, quick wins,
with/without-partner minimum sample, health score and risk flags; one population for joint
marketing, the as-of date for health, blanks shown missing (never as zero)."""

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from playbook import partner_types as pt
from playbook import partner_types_views as ptv
from playbook.config import NOTEBOOKS_DIR

D = pd.Timestamp
COLS = [
    "deal_id",
    "partner_id",
    "attribution",
    "stage",
    "created_date",
    "close_date",
    "amount",
    "cost_of_sale",
    "is_project",
    "joint_marketing",
]
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["I1", "I2", "S1"],
        "name": ["Isv One", "Isv Two", "Si"],
        "type": ["isv", "isv", "integrator"],
        "status": ["active"] * 3,
        "start_date": [D("2024-01-01"), D("2024-01-01"), D("2024-06-01")],
    }
)
DEALS = pd.DataFrame(
    [
        ("a", "I1", "sourced", "won", D("2024-01-01"), D("2024-01-31"), 1000, 100, True, False),
        ("b", "I1", "influenced", "won", D("2024-02-01"), D("2024-04-01"), 3000, 60, False, True),
        ("c", "I2", "sourced", "lost", D("2024-03-01"), D("2024-05-01"), 500, 0, False, False),
        ("d", "I2", "sourced", "qualified", D("2024-10-01"), pd.NaT, 2000, 0, False, True),
        ("e", "I2", "influenced", "lead", D("2024-11-01"), pd.NaT, 4000, 0, False, False),
        ("f", "S1", "sourced", "won", D("2024-06-10"), D("2024-06-20"), 800, 80, True, False),
        ("g", None, "direct", "won", D("2024-01-01"), D("2024-03-01"), 9000, 0, False, False),
    ],
    columns=COLS,
)


def test_type_tracking_and_pipeline_velocity_by_hand():
    """isv: won a (1000, sourced, 30 days) and b (3000, influenced, 60 days); lost c; open d, e.
    Win rate 2/3; average won deal 2000; mean cycle 45 days; pipeline velocity
    = 2 × 2/3 × 2000 / 45 = 59.26 per day. Cost of sale 160 / revenue 4000 = 4 %."""
    t = pt.type_table(PARTNERS, DEALS, "2024-01-01", "2024-12-31")
    isv = t.loc["isv"]
    assert (isv["sourced_revenue"], isv["influenced_revenue"]) == (1000, 3000)
    assert isv["qualified_leads"] == 4  # a, b, c, d (e is still a lead)
    assert isv["sourced_leads"] == 3  # a, c, d
    assert isv["projects"] == 1
    # joint marketing: won in the window and flagged — b only (d is flagged but still open)
    assert isv["joint_marketing_wins"] == 1 and isv["joint_marketing_revenue"] == 3000
    assert isv["cost_of_sale_share"] == pytest.approx(0.04)
    assert isv["median_cycle_days"] == 45
    assert isv["win_rate"] == pytest.approx(2 / 3)
    assert isv["pipeline_velocity"] == pytest.approx(2 * (2 / 3) * 2000 / 45)
    assert t.loc["integrator", "sourced_leads"] == 1  # leads from SIs
    assert pd.isna(t.loc["platform", "pipeline_velocity"])


def test_quick_wins_by_hand():
    """I1 first win 2024-01-31: 30 days. I2 none. S1 2024-06-20: 19 days, but at as-of
    2024-08-01 S1 started 61 days ago (< 90) so only I1 and I2 are eligible: 1 of 2."""
    table, summary = pt.quick_wins(PARTNERS, DEALS, "2024-08-01", within_days=90)
    assert summary["eligible"] == 2 and summary["within"] == 1 and summary["share"] == 0.5
    assert summary["no_win_yet"] == 1
    assert list(table["partner_id"]) == ["I2", "I1", "S1"]  # no win first, then slowest
    assert table.set_index("partner_id").loc["S1", "days_to_first_win"] == 19


def test_with_without_needs_min_deals_on_both_sides():
    ww = pt.with_without(DEALS, "2024-01-01", "2024-12-31", min_deals=2)
    assert "too few" in ww.loc["note", "with_partner"]  # only 1 direct closed deal
    assert pd.isna(ww.loc["win_rate", "with_partner"])
    ok = pt.with_without(DEALS, "2024-01-01", "2024-12-31", min_deals=1)
    assert ok.loc["win_rate", "with_partner"] == pytest.approx(3 / 4)  # a, b, f won; c lost
    assert ok.loc["win_rate", "without_partner"] == 1
    assert ok.loc["avg_deal", "with_partner"] == pytest.approx(4800 / 3)
    assert ok.loc["median_cycle_days", "with_partner"] == 30  # 30, 60, 10


def test_health_score_and_risk_flags_by_hand():
    """Latest assessment of X: scores 5,2,4,4,5 → (1+.4+.8+.8+1) = 4.0; legal yes 1; beta no 0
    → 5.0 / 7 = 71.4. Trust 2 ≤ 2 → lack of trust."""
    a = pd.DataFrame(
        {
            "partner_id": ["X", "X"],
            "assessed_date": [D("2024-01-01"), D("2024-06-01")],
            "open_communication": [1, 5],
            "trust": [1, 2],
            "goals_agreed": [1, 4],
            "team_skill": [1, 4],
            "alignment": [1, 5],
            "legal_documentation": pd.array([False, True], dtype="boolean"),
            "beta_program": pd.array([False, False], dtype="boolean"),
        }
    )
    h = pt.health(a, PARTNERS.assign(partner_id=["X", "Y", "Z"]), "2024-12-31", risk_at=2)
    assert len(h) == 1
    assert h.loc[0, "score"] == pytest.approx(500 / 7)
    assert h.loc[0, "risks"] == "lack of trust"
    a.loc[1, "legal_documentation"] = False
    h = pt.health(a, PARTNERS.assign(partner_id=["X", "Y", "Z"]), "2024-12-31", risk_at=2)
    assert h.loc[0, "risks"] == "lack of trust; no legal documentation (IP at risk)"


def test_joint_marketing_count_and_revenue_are_one_population():
    """Window 2024. Won joint-marketing deals closed in the window: j1 (created 2023, closed
    2024-02-01, 1000) and j2 (500) → 2 deals, 1500 — the same population as sourced/influenced
    revenue on the row. Not counted: j3 (flagged, created in the window, still open), j4 (won,
    not flagged), j5 (flagged, won but closed 2025-01-15, after the window). The old count took
    the deals *created* in the window (j2, j3, j5 = 3) beside the revenue of j1 + j2."""
    deals = pd.DataFrame(
        [
            ("j1", "I1", "sourced", "won", D("2023-11-01"), D("2024-02-01"), 1000, 0, False, True),
            (
                "j2",
                "I1",
                "influenced",
                "won",
                D("2024-03-01"),
                D("2024-04-01"),
                500,
                0,
                False,
                True,
            ),
            ("j3", "I1", "sourced", "qualified", D("2024-05-01"), pd.NaT, 700, 0, False, True),
            ("j4", "I1", "sourced", "won", D("2024-06-01"), D("2024-07-01"), 300, 0, False, False),
            ("j5", "I1", "sourced", "won", D("2024-11-01"), D("2025-01-15"), 900, 0, False, True),
        ],
        columns=COLS,
    )
    t = pt.type_table(PARTNERS, deals, "2024-01-01", "2024-12-31")
    assert t.loc["isv", "joint_marketing_wins"] == 2
    assert t.loc["isv", "joint_marketing_revenue"] == 1500
    assert t.loc["isv", "sourced_revenue"] + t.loc["isv", "influenced_revenue"] == 1800  # j1 j2 j4
    view = ptv.type_view(t, "USD").set_index("Partner type")
    assert view.loc["ISV", "Joint-marketing deals won"] == "2"
    assert view.loc["ISV", "Joint-marketing revenue"] == "USD\u00a01,500"


def test_a_blank_cost_of_sale_leaves_that_types_cost_missing_with_the_reason():
    """Won partner deals in 2024: isv a (1000, cost 100) and b (3000, cost blank); integrator f
    (800, cost 80). isv: one of two costs unknown → cost and cost % missing (a sum of the known
    one, 100, would read as a 2.5 % cost of sale). integrator: 80 / 800 = 10 %."""
    deals = DEALS.assign(cost_of_sale=[100, np.nan, 0, 0, 0, 80, 0])
    t = pt.type_table(PARTNERS, deals, "2024-01-01", "2024-12-31")
    assert pd.isna(t.loc["isv", "cost_of_sale"]) and pd.isna(t.loc["isv", "cost_of_sale_share"])
    assert t.loc["integrator", "cost_of_sale"] == 80
    assert t.loc["integrator", "cost_of_sale_share"] == pytest.approx(0.10)
    assert (
        "Cost of sale — ISV: the cost of sale value is blank on 1 of 2 won partner deals in the "
        "window." in ptv.type_gaps(t)
    )
    view = ptv.type_view(t, "USD").set_index("Partner type")
    assert view.loc["ISV", "Cost of sale, share of revenue"] == "—"


def test_optional_deal_columns_absent_are_not_supplied_never_zero():
    """An export without cost_of_sale, is_project and joint_marketing (the loader gives those
    columns all blank): cost of sale, its %, projects and joint marketing are missing for every
    type, each with "not supplied"; revenue still comes from the amounts (isv 1000 + 3000)."""
    deals = DEALS.drop(columns=["cost_of_sale", "is_project", "joint_marketing"]).assign(
        cost_of_sale=pd.NA, is_project=pd.NA, joint_marketing=pd.NA
    )
    t = pt.type_table(PARTNERS, deals, "2024-01-01", "2024-12-31")
    for col in ("cost_of_sale", "cost_of_sale_share", "projects"):
        assert t[col].isna().all(), col
    assert t[["joint_marketing_wins", "joint_marketing_revenue"]].isna().all().all()
    assert t.loc["isv", "sourced_revenue"] + t.loc["isv", "influenced_revenue"] == 4000
    gaps = ptv.type_gaps(t)
    for label, words in [
        ("Cost of sale", "cost of sale"),
        ("Projects", "project yes/no"),
        ("Joint marketing", "joint marketing yes/no"),
    ]:
        assert f"{label}: not supplied — no deal in the export gives a {words} value." in gaps
    row = ptv.type_view(t, "USD").iloc[0]
    assert row["Projects won"] == "—" and row["Cost of sale"] == "—"


def test_pipeline_velocity_counts_deals_open_at_the_window_end():
    """Window ends 2024-06-30. isv: won a (1000, 30 days), b (3000, 60 days) closed in it; lost c
    closed 2024-05-01 → win rate 2/3, average 2000, mean cycle 45. Open at 2024-06-30: none of d
    (created 2024-10-01) or e (2024-11-01) yet — d and e do not exist at the window end. Add a
    deal x created 2024-06-01 and won 2024-08-01: still open on 2024-06-30, so 1 open deal →
    1 × 2/3 × 2000 / 45 = 29.63 per day (a count of deals, not their value)."""
    x = pd.DataFrame(
        [("x", "I1", "sourced", "won", D("2024-06-01"), D("2024-08-01"), 99999, 0, False, False)],
        columns=COLS,
    )
    t = pt.type_table(PARTNERS, pd.concat([DEALS, x]), "2024-01-01", "2024-06-30")
    assert t.loc["isv", "open_deals"] == 1
    assert t.loc["isv", "pipeline_velocity"] == pytest.approx(1 * (2 / 3) * 2000 / 45)


def test_quick_wins_ignore_wins_closed_before_the_agreement_started():
    """S1 started 2024-06-01. A won deal closed 2024-05-01 predates the agreement (−31 days);
    the first win under it is f on 2024-06-20: 19 days. As of 2024-12-31 all three partners
    are eligible for 90 days: I1 (30 days) and S1 (19) within, I2 none → 2 of 3. Median over
    partners with a first win: (19 + 30) / 2 = 24.5."""
    early = pd.DataFrame(
        [("z", "S1", "sourced", "won", D("2024-04-01"), D("2024-05-01"), 10, 0, False, False)],
        columns=COLS,
    )
    table, summary = pt.quick_wins(PARTNERS, pd.concat([DEALS, early]), "2024-12-31", 90)
    assert table.set_index("partner_id").loc["S1", "days_to_first_win"] == 19
    assert summary["within"] == 2 and summary["eligible"] == 3
    assert summary["median_days"] == 24.5
    assert "Median time to first win 24 days" in ptv.quick_text(summary, 90)  # 24.5 → "24"


def health_fixture():
    return pd.DataFrame(
        {
            "partner_id": ["X", "X", "Y"],
            "assessed_date": [D("2024-01-01"), D("2024-06-01"), D("2024-05-01")],
            "open_communication": [1, 5, 5],
            "trust": [1, 2, 5],
            "goals_agreed": [1, 4, 5],
            "team_skill": [1, 4, 5],
            "alignment": [1, 5, 5],
            "legal_documentation": pd.array([False, True, True], dtype="boolean"),
            "beta_program": pd.array([False, False, True], dtype="boolean"),
        }
    )


def test_health_uses_the_latest_assessment_on_or_before_as_of():
    """As of 2024-03-31 the June assessment of X and Y's May one do not exist yet. X's January
    one: five scores of 1 → 0.2 each = 1.0; legal no 0, beta no 0 → 1.0 / 7 × 100 = 14.29, with
    every score-based risk and no legal documentation. On 2024-06-01 itself the June one counts
    (500 / 7 = 71.43) and Y (all 5s, yes, yes) scores 100."""
    partners = PARTNERS.assign(partner_id=["X", "Y", "Z"])
    h = pt.health(health_fixture(), partners, "2024-03-31")
    assert list(h["partner_id"]) == ["X"]
    assert h.loc[0, "assessed_date"] == D("2024-01-01")
    assert h.loc[0, "score"] == pytest.approx(100 / 7)
    assert h.loc[0, "risks"].endswith("no legal documentation (IP at risk)")
    h = pt.health(health_fixture(), partners, "2024-06-01").set_index("partner_id")
    assert h.loc["X", "score"] == pytest.approx(500 / 7) and h.loc["Y", "score"] == 100


def test_health_weights_and_blank_principles():
    """Y on 2024-05-01 with trust 0 (→ 0.0), legal documentation blank and beta yes; weights all
    1 except trust 3. Answered: open 1.0, trust 0.0 (×3), goals 1, skill 1, alignment 1, beta
    1 → (1 + 0 + 1 + 1 + 1 + 1) / (1 + 3 + 1 + 1 + 1 + 1) = 5 / 8 = 62.5. The blank legal
    documentation is left out (weight and all), not counted as a "no"."""
    a = health_fixture().iloc[[2]].reset_index(drop=True)
    a.loc[0, "trust"] = 0
    a["legal_documentation"] = pd.array([pd.NA], dtype="boolean")
    weights = {**pt.HEALTH_WEIGHTS, "trust": 3.0}
    h = pt.health(a, PARTNERS.assign(partner_id=["X", "Y", "Z"]), "2024-12-31", weights=weights)
    assert h.loc[0, "score"] == pytest.approx(62.5)
    assert h.loc[0, "risks"] == "lack of trust"
    assert set(pt.HEALTH_WEIGHTS.values()) == {1.0} and len(pt.HEALTH_WEIGHTS) == 7
    assert ptv.health_view(h).loc[0, "Legal documentation"] == "—"


# --------------------------------------------------------------------------- the notebook


def run_in_process(path: Path, monkeypatch, **params) -> tuple[dict, str]:
    """Run a notebook's code cells in this process with ``params`` set after the parameters
    cell; return its namespace and the HTML it displayed."""
    from playbook import display as show

    shown: list = []
    monkeypatch.setattr(show, "display", shown.append)
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    namespace: dict = {}
    for i, cell in enumerate(cells):
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        exec(compile(source, f"{path.name} cell {i}", "exec"), namespace)
        if i == 0:
            namespace.update(params)
    return namespace, "\n".join(getattr(o, "data", "") or "" for o in shown)


BARE_DEALS = """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount
D1,P1,sourced,won,2024-01-10,2024-03-10,10000
D2,P1,influenced,won,2024-02-01,2024-06-01,20000
D3,P2,sourced,won,2024-05-01,2024-07-15,5000
D4,P3,sourced,lost,2024-03-01,2024-04-01,9000
"""


def test_notebook_runs_on_an_export_without_the_optional_deal_columns(tmp_path, monkeypatch):
    """A CRM export with no cost_of_sale, is_project or joint_marketing column: 06 runs, shows
    those figures as — and says "not supplied" for each; revenue as of 2024-12-31 (window
    2024): isv 10000 sourced + 20000 influenced, integrator 5000 sourced."""
    from conftest import TINY, write_workspace

    ws = write_workspace(tmp_path / "ws", {"partners": TINY["partners"], "deals": BARE_DEALS})
    ns, html = run_in_process(
        NOTEBOOKS_DIR / "06-partner-types.ipynb", monkeypatch, workspace=str(ws), as_of="2024-12-31"
    )
    t = ns["by_type"]
    assert (t.loc["isv", "sourced_revenue"], t.loc["isv", "influenced_revenue"]) == (10000, 20000)
    assert t.loc["integrator", "sourced_revenue"] == 5000
    assert t[["cost_of_sale", "projects", "joint_marketing_wins"]].isna().all().all()
    for label in ("Cost of sale", "Projects", "Joint marketing"):
        assert f"{label}: not supplied" in html
    # the "How these figures are defined" list, built by partner_types.definitions
    assert "Deal velocity: median days from created to close date of won deals only." in html


def test_partners_started_before_the_deals_history_are_left_out_of_quick_wins():
    """Issue 9: an export starting after the partners signed made "0 quick wins" and a long
    median out of missing history. The deals start 2024-01-01 (a and g created that day), so
    history starts 2024-01-01. Move I1 and I2 to a 2023-06-01 start: their first wins may lie
    before the export, so both are unknown and left out; S1 (started 2024-06-01, first win f
    on 2024-06-20: 19 days) is the one partner measured: 1 of 1 within 90 days, median 19."""
    early = PARTNERS.assign(start_date=[D("2023-06-01"), D("2023-06-01"), D("2024-06-01")])
    table, summary = pt.quick_wins(early, DEALS, "2024-12-31", 90)
    assert (summary["eligible"], summary["within"], summary["share"]) == (1, 1, 1.0)
    assert (summary["median_days"], summary["no_win_yet"]) == (19, 0)
    assert summary["before_history"] == 2
    assert list(table["partner_id"]) == ["S1", "I1", "I2"]  # the unknown ones last
    assert table["days_to_first_win"].isna().tolist() == [False, True, True]
    text = ptv.quick_text(summary, 90)
    assert text == (
        "1 of 1 partner signed at least 90 days ago won a first deal within 90 days. Median "
        "time to first win 19 days over the partners with a first win (0 without one yet). 2 "
        "partners started before the deals' history begins (2024-01-01): their first win may "
        "lie before the export, so they are left out (ask for the export from their start)."
    )
    assert ptv.quick_view(table)["Days to first win"].tolist() == [
        "19",
        "Unknown: started before the deals' history",
        "Unknown: started before the deals' history",
    ]


def test_when_every_partner_started_before_the_history_no_first_win_is_measured():
    """All three partners start before 2024-01-01, the deals' history start: nothing is
    measured, and the sentence says so instead of "no partner signed 90 days ago"."""
    early = PARTNERS.assign(start_date=[D("2023-06-01")] * 3)
    table, summary = pt.quick_wins(early, DEALS, "2024-12-31", 90)
    assert (summary["measured"], summary["eligible"], summary["before_history"]) == (0, 0, 3)
    assert pd.isna(summary["share"]) and pd.isna(summary["median_days"])
    assert ptv.quick_text(summary, 90) == (
        "No partner's first win can be measured: all 3 active partners started before the "
        "deals' history begins (2024-01-01), so their first win may lie before the export (ask "
        "for the export from their start)."
    )
    assert table["before_history"].all()
