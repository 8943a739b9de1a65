"""Trend 7 calculations by hand, including the report's own two Partner Grid rows; shark or
remora from its stated inputs, the as-of date for trainings, blanks shown missing."""

import numpy as np
import pandas as pd
import pytest

from playbook import landscape as ls
from playbook import landscape_views as lv

D = pd.Timestamp


def partners(**extra):
    base = pd.DataFrame(
        {
            "partner_id": ["X", "C", "R", "K1", "K2"],
            "name": ["XYZ Software Co", "123 Consulting", "Rest Inc", "Cand One", "Cand Two"],
            "status": ["active", "active", "active", "candidate", "candidate"],
            "category": ["Database", "Services", "Services", "Database", None],
            "our_software": ["Greatest ERP"] * 3 + [None, None],
            "our_version": ["1.1"] * 3 + [None, None],
            "their_application": ["Greater Database", "Professional Services", "Thing", None, None],
            "their_version": ["5.0", "Contact via Accounting", "2", None, None],
            "stated_program_revenue_pct": [7.0, None, None, None, None],
            "interest": [3, 2.99, 5, 1, None],
            "influence": [3, 4, 2.99, 1, 2],
            "employees": [100, 5000, 850, 10, 10],
            "our_share_of_their_business_pct": [14.0, 2.0, 80.0, None, None],
        }
    )
    return base.assign(**extra)


DEALS = pd.DataFrame(
    {
        "deal_id": ["a", "b", "c", "d", "e", "f"],
        "partner_id": ["X", "C", "R", "R", "X", None],
        "attribution": ["sourced", "influenced", "sourced", "influenced", "sourced", "direct"],
        "stage": ["won", "won", "won", "won", "lost", "won"],
        "close_date": [D("2024-03-01")] * 6,
        "amount": [7.0, 4.0, 50.0, 39.0, 1000.0, 1000.0],
    }
)


def test_program_revenue_pct_by_hand():
    """Partner revenue = 7 + 4 + 50 + 39 = 100 (lost and direct deals excluded)."""
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    assert pct.to_dict() == {"X": 7.0, "C": 4.0, "R": 89.0, "K1": 0.0, "K2": 0.0}


def test_competitor_grid_counts_and_starting_point():
    links = pd.DataFrame(
        {
            "competitor": ["Oberon", "Quantix", "Oberon", "Ghost"],
            "partner_id": ["X", "X", "K1", "K2"],
            "relationship": ["reseller", None, "technology", "x"],
        }
    )
    grid = ls.competitor_grid(partners(), links, ["Oberon", "Quantix"])
    assert grid.loc["X", "ties"] == 2 and grid.loc["X", "Quantix"] == "yes"
    assert grid.loc["K1", "Oberon"] == "technology" and grid.loc["K1", "ties"] == 1
    assert grid.loc["K2", "ties"] == 0  # "Ghost" is not one of our competitors
    start = ls.starting_point(grid, partners())
    assert list(start["name"]) == ["Cand Two", "Cand One"]


@pytest.mark.parametrize(
    "interest, influence, quadrant",
    [
        (3, 3, "Key players — manage closely"),
        (2.99, 4, "Keep satisfied"),
        (5, 2.99, "Keep informed"),
        (1, 1, "Monitor"),
        (None, 2, "Not scored"),
    ],
)
def test_quadrant_boundaries(interest, influence, quadrant):
    assert ls.quadrant(interest, influence, midpoint=3) == quadrant


def test_shark_or_remora_by_hand():
    """Our head count 1000; size factor 2, dependence 10 %.
    X: 100 people (1/10 of us), 14 % of their business through us, 7 % of our program revenue
    → we are bigger, they depend on us, we do not on them → shark.
    C: 5000 (5× us), 2 % through us, 4 % of ours → they are bigger but we do not depend on them
    (4 < 10) → neither (the old ratio rule said remora: 2 / 4 = 0.5).
    R: 850 (0.85×), 80 % vs 89 % → similar size → neither."""
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    s = ls.shark_or_remora(partners(), pct, our_employees=1000).set_index("partner_id")
    assert s.loc["X", "position"] == "We are the shark"
    assert s.loc["C", "position"] == "Neither"
    assert s.loc["R", "position"] == "Neither"
    assert s.loc["C", "explanation"] == (
        "They are 5× our size; 2.0% of their business comes through us; they bring 4.0% of "
        "our program revenue. The smaller one gets under 10% through the bigger."
    )
    assert "1/10 of our size" in s.loc["X", "explanation"]
    assert "Neither is 2× the other's size." in s.loc["R", "explanation"]
    assert list(s["position"]) == ["We are the shark", "Neither", "Neither"]  # labels in order


@pytest.mark.parametrize(
    "size, theirs, ours, expected",
    [
        (0.1, 20, 5, "We are the shark"),  # we 10× bigger, 20 % of theirs through us, 5 % of ours
        (0.5, 10, 9.99, "We are the shark"),  # boundaries: exactly 2× bigger, exactly 10 %
        (0.1, 20, 0, "We are the shark"),  # 0 % of program revenue is scored: we do not need them
        (5, 1, 30, "We are the remora"),  # they are 5×, we get 30 % of program revenue from them
        (2, 9.9, 10, "We are the remora"),  # boundaries
        (5, 0.2, 0.1, "Neither"),  # the reported row: 5× our size, 0.2 % through us — no shark
        (1.5, 20, 30, "Neither"),  # similar size (under 2× either way)
        (0.1, 20, 15, "Neither"),  # each depends on the other
        (0.1, 5, 0, "Neither"),  # smaller, but only 5 % of their business through us
        (5, 0.2, 0, "Neither"),  # bigger partner bringing us 0 %: we are not its remora
        (np.nan, 20, 5, "Not scored"),  # no employees
        (0.1, np.nan, 5, "Not scored"),  # no stated share of their business
        (0.1, 20, np.nan, "Not scored"),  # no partner revenue in the window
    ],
)
def test_position_follows_from_its_inputs(size, theirs, ours, expected):
    assert ls.position(size, theirs, ours, size_factor=2, dependence_pct=10) == expected


def test_shark_or_remora_not_scored_names_the_missing_input():
    """No head count of ours (profile) → every partner not scored; a partner without employees
    or without a stated share is not scored either; with no partner revenue in the window every
    program revenue % is missing (no denominator), never 0 %."""
    pct = ls.program_revenue_pct(partners(), DEALS, "2024-01-01", "2024-12-31")
    s = ls.shark_or_remora(partners(), pct, our_employees=None)
    assert set(s["position"]) == {"Not scored"}
    assert s.loc[0, "explanation"] == "Not scored: no head counts (their or our employees)."
    p = partners(
        employees=[100, None, 0, 10, 10], our_share_of_their_business_pct=[14.0, 2, None, 1, 1]
    )
    s = ls.shark_or_remora(p, pct, our_employees=1000).set_index("partner_id")
    assert s.loc["C", "position"] == "Not scored"  # no employees
    assert s.loc["R", "position"] == "Not scored"  # 0 employees and no stated share
    assert s.loc["R", "explanation"] == (
        "Not scored: no head counts (their or our employees) and no our share of their business."
    )
    lost = DEALS.assign(stage="lost")
    none = ls.program_revenue_pct(partners(), lost, "2024-01-01", "2024-12-31")
    assert none.isna().all()
    s = ls.shark_or_remora(partners(), none, our_employees=1000)
    assert set(s["position"]) == {"Not scored"}
    assert (
        lv.partner_grid(partners(), none, "2024-12-31")["Share of program revenue"].tolist()
        == ["—"] * 3 + ["Candidate"] * 2
    )
    assert lv.stated_vs_computed(partners(), none).iloc[0].tolist() == [
        "XYZ Software Co",
        "7.0%",
        "—",
        "—",
    ]
    assert ls.key_partners(none, partners(), "2024-12-31", 5) == []


def directory_partners(**extra):
    """Active X, C, R and two candidates with every directory field; C lacks industry and
    website; X is flagged trained on our product."""
    base = {
        "type": "isv",
        "industry": ["a", None, "c", "d", "e"],
        "website": ["w", "", "w", "w", "w"],
        "contact_email": "e",
        "description": "d",
        "trained_on_our_product": pd.array([True, False, None, False, False], dtype="boolean"),
    }
    return partners(**{**base, **extra})


def test_directory_and_training_both_ways():
    p = directory_partners()
    d = ls.directory_completeness(p).set_index("name")
    assert d.loc["123 Consulting", "completeness"] == pytest.approx(5 / 7)
    assert d.loc["123 Consulting", "missing"] == "industry, website"
    trainings = pd.DataFrame(
        {
            "partner_id": ["R", "X", "X", "X"],
            "direction": [
                "partner_on_ours",
                "ours_on_partner",
                "ours_on_partner",
                "ours_on_partner",
            ],
            "staff_id": [None, "S1", "S2", "S1"],
            "completed_date": [D("2024-01-01")] * 4,
        }
    )
    staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3", "S4"], "role": "technical"})
    share, ours = ls.training_both_ways(p, trainings, staff, ["X", "C"], "2024-12-31")
    assert share == pytest.approx(2 / 3)  # X flagged, R trained; C not
    assert ours.set_index("partner_id")["share"].to_dict() == {"X": 0.5, "C": 0.0}


def test_trainings_completed_after_as_of_do_not_count_yet():
    """As of 2024-03-31: R's partner_on_ours training (2024-06-01) and S2's training on X
    (2024-05-01) do not exist yet. Active X (flagged), C, R → X only: 1 of 3. Our staff on X:
    S1 (2024-01-01) of 4 people → 25 %. As of 2024-06-01 both count: 2 of 3 and 2 of 4."""
    trainings = pd.DataFrame(
        {
            "partner_id": ["R", "X", "X"],
            "direction": ["partner_on_ours", "ours_on_partner", "ours_on_partner"],
            "staff_id": [None, "S1", "S2"],
            "completed_date": [D("2024-06-01"), D("2024-01-01"), D("2024-05-01")],
        }
    )
    staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3", "S4"], "role": "technical"})
    p = directory_partners()
    share, ours = ls.training_both_ways(p, trainings, staff, ["X"], "2024-03-31")
    assert share == pytest.approx(1 / 3) and ours.loc[0, "share"] == 0.25
    share, ours = ls.training_both_ways(p, trainings, staff, ["X"], "2024-06-01")
    assert share == pytest.approx(2 / 3) and ours.loc[0, "share"] == 0.5


def test_training_not_supplied_is_missing_not_zero():
    """No trainings table (empty) and no trained_on_our_product flag: the share of partners
    trained is missing, and so is our staff's share on a key partner (nobody recorded an
    ours_on_partner training), though 4 staff exist."""
    empty = pd.DataFrame(columns=["partner_id", "direction", "staff_id", "completed_date"])
    staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3", "S4"], "role": "technical"})
    p = directory_partners(trained_on_our_product=pd.array([None] * 5, dtype="boolean"))
    share, ours = ls.training_both_ways(p, empty, staff, ["X"], "2024-12-31")
    assert pd.isna(share) and pd.isna(ours.loc[0, "share"])
    assert lv.training_view(ours).iloc[0].tolist() == ["XYZ Software Co", "—", "—"]
    assert lv.training_text(share).startswith("Partners trained on our product: not known")
    training = ls.partner_training(p, empty, "2024-12-31")
    assert training["trained"].isna().all() and training["trained_staff"].isna().all()


def test_directory_fields_nobody_filled_count_as_missing_and_are_named():
    """website blank for every partner (the export lacks it): the directory lacks it, so it
    counts as missing for everyone and is named. C lacks industry and website → 5 / 7; X and R
    lack the website → 6 / 7; mean (6 + 5 + 6) / 21 = 81.0 %. With only the required name and
    type filled for anyone: not scored."""
    p = directory_partners(website=None)
    d = ls.directory_completeness(p).set_index("name")
    assert d.loc["123 Consulting", "completeness"] == pytest.approx(5 / 7)
    assert d.loc["123 Consulting", "missing"] == "industry, website"
    assert d["completeness"].mean() == pytest.approx(17 / 21)
    assert lv.directory_caption(d.reset_index(), p) == (
        "Least complete directory entries: active partners' entries hold 81.0% of the seven "
        "directory fields on average; in nobody's entry: website (if the portal holds them, add "
        "them to the partners file)."
    )
    bare = partners(category=None, industry=None, website=None, contact_email=None)
    bare = bare.assign(description=None, type="isv")
    d = ls.directory_completeness(bare)
    assert d["completeness"].isna().all()
    assert lv.directory_caption(d, bare).startswith("Directory completeness not scored")


def test_notebook_runs_on_an_export_without_optional_columns(tmp_path, monkeypatch):
    """The tiny workspace: partners without employees, shares, interest, directory fields; deals
    without is_project or joint_marketing; no trainings. As of 2024-12-31 (window 2024): won
    partner revenue P1 10000 + 20000, P2 5000, P3 8000 → 43000; P1 = 69.8 %. 07 runs and says
    what is not scored or not supplied."""
    import nbformat
    from conftest import TINY, write_workspace

    from playbook import display as show
    from playbook.config import NOTEBOOKS_DIR

    ws = write_workspace(tmp_path / "ws", TINY)
    shown: list = []
    monkeypatch.setattr(show, "display", shown.append)
    path = NOTEBOOKS_DIR / "07-partner-landscape.ipynb"
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    ns: dict = {}
    for i, cell in enumerate(cells):
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        exec(compile(source, f"{path.name} cell {i}", "exec"), ns)
        if i == 0:
            ns.update(workspace=str(ws), as_of="2024-12-31")
    html = "\n".join(getattr(o, "data", "") or "" for o in shown)
    assert ns["pct"]["P1"] == pytest.approx(100 * 30000 / 43000)
    assert set(ns["shark"]["position"]) == {"Not scored"}
    assert pd.isna(ns["trained_share"])
    assert "Directory completeness not scored" in html
    assert "Partners trained on our product: not known" in html
    assert "Shark or remora: we are the shark when we are at least 2× their head count" in html
    # issue 15's sections say in one line what would fill them; the questions are still listed
    for line in (
        "Reporting lines: not shown",
        "add program_organisation to profile.yaml",
        "Stack position: not shown",
        "fill column stack_position of partners.csv",
        "Mindshare rated against measured: not shown",  # measured, but no rating to compare
        "Outsourcing question set: not shown",
        "We lack people who have recruited, enabled and managed partners before.",
    ):
        assert line in html, line
    assert ns["outsourcing"] is None and ns["lines"] is None and ns["stack"] is None


def test_quadrant_chart_counts_per_cell_when_names_would_not_fit():
    """61 partners: 40 at (4, 5) and 21 at (2, 1) become two bubbles labelled 40 and 21."""
    from playbook import charts

    frame = pd.DataFrame(
        {
            "name": [f"P{i}" for i in range(61)],
            "interest": [4] * 40 + [2] * 21,
            "influence": [5] * 40 + [1] * 21,
            "status": "active",
        }
    )
    fig = charts.quadrant_grid(frame, 3, ls.QUADRANTS, "Grid", label_limit=60)
    [ax] = fig.axes
    texts = {t.get_text() for t in ax.texts}
    assert {"40", "21"} <= texts and "P0" not in texts
    assert ax.get_title() == "Grid"  # the caller's title; the note goes under the chart
    assert any("61 partners: the number in each bubble" in t.get_text() for t in fig.texts)
    fig = charts.quadrant_grid(frame.head(5), 3, ls.QUADRANTS, "Grid", label_limit=60)
    assert "P0" in {t.get_text() for t in fig.axes[0].texts}


def test_heatmap_keeps_the_rows_with_the_lowest_average():
    from playbook import charts

    frame = pd.DataFrame({"a": [5, 1, 3, 2], "b": [5, 1, 3, 3]}, index=["w", "x", "x", "z"])
    fig = charts.heatmap(frame, "Competency", limit=2)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "z"]  # means 1 and 2.5
    assert len(ax.texts) == 4  # 2 rows × 2 columns, though "x" names two rows
    assert ax.get_title() == "Competency (2 of 4 with the lowest average)"


def test_heatmap_numbers_stay_readable_on_dark_cells():
    """Light to dark blue: black text on the light cells, white on the dark one."""
    from playbook import charts

    fig = charts.heatmap(pd.DataFrame({"a": [0, 2.5, 5]}, index=["x", "y", "z"]), "Skills")
    colours = [t.get_color() for t in fig.axes[0].texts]
    assert colours == ["black", "black", "white"]


def test_the_reported_row_is_no_longer_a_shark():
    """The demo row that read "we are the shark": a partner of 5000 people beside our 850
    (5.9×), 0.2 % of its business through us, 0.08 % of our program revenue. Old rule: 0.2 ÷
    0.08 = 2.5 ≥ 2 → shark. Now: they are the bigger fish and neither depends on the other →
    neither."""
    p = partners().iloc[[0]].assign(employees=5000, our_share_of_their_business_pct=0.2)
    s = ls.shark_or_remora(p, pd.Series({"X": 0.08}), our_employees=850)
    assert s.loc[0, "position"] == "Neither"
    assert s.loc[0, "explanation"] == (
        "They are 5.9× our size; 0.2% of their business comes through us; they bring 0.1% of "
        "our program revenue. The smaller one gets under 10% through the bigger."
    )


def test_only_program_staff_count_in_the_share_trained():
    """Staff S1–S4 of whom S3 and S4 have no role (the CRM's sales reps): S1 and S4 trained on X
    by 2024-12-31 → of the 2 program people, S1 only: 50 % (S4 is not counted either way)."""
    trainings = pd.DataFrame(
        {
            "partner_id": ["X", "X"],
            "direction": ["ours_on_partner", "ours_on_partner"],
            "staff_id": ["S1", "S4"],
            "completed_date": [D("2024-01-01"), D("2024-02-01")],
        }
    )
    staff = pd.DataFrame(
        {"staff_id": ["S1", "S2", "S3", "S4"], "role": ["technical", "marketing", None, None]}
    )
    _, ours = ls.training_both_ways(directory_partners(), trainings, staff, ["X"], "2024-12-31")
    assert ours.loc[0, ["staff_trained", "share"]].tolist() == [1, 0.5]


def test_categories_of_a_program_with_former_partners_only_is_empty_not_a_crash():
    """Issue 10: every partner inactive crashed 07 (pandas could not build the frame from
    an empty groupby). No active partner and no candidate: no category row."""
    former = pd.DataFrame(
        {"name": ["A", "B"], "status": ["inactive", "inactive"], "category": ["CRM", None]}
    )
    out = ls.categories(former)
    assert out.empty and list(out.columns) == ["active", "candidates", "count"]


def test_competitor_grid_every_cell_by_hand_former_partners_left_out():
    """One cell per (company, competitor): a blank relationship reads "yes"; a link of a
    former partner is not in the landscape."""
    links = pd.DataFrame(
        {
            "competitor": ["Quantix", "Oberon", "Quantix", "Oberon"],
            "partner_id": ["C", "R", "K2", "GONE"],
            "relationship": ["", "strategic", "reseller", "reseller"],
        }
    )
    p = pd.concat(
        [
            partners(),
            pd.DataFrame({"partner_id": ["GONE"], "name": ["Gone"], "status": ["inactive"]}),
        ]
    )
    grid = ls.competitor_grid(p, links, ["Oberon", "Quantix"])
    assert grid[["Oberon", "Quantix", "ties"]].to_dict("index") == {
        "C": {"Oberon": "", "Quantix": "yes", "ties": 1},
        "K2": {"Oberon": "", "Quantix": "reseller", "ties": 1},
        "R": {"Oberon": "strategic", "Quantix": "", "ties": 1},
        "K1": {"Oberon": "", "Quantix": "", "ties": 0},
        "X": {"Oberon": "", "Quantix": "", "ties": 0},
    }
    assert list(grid.index) == ["C", "K2", "R", "K1", "X"]  # most ties, then name
